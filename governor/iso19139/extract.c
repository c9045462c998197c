/*
 * extract.c -- ISO 19139 record -> struct md_record.
 *
 * Paths follow WCMP 1.3 Part 2 and ISO/TS 19139; ../shared/domain/wcmp13.md
 * maps each one.  gmx:Anchor is accepted wherever gco:CharacterString is,
 * because real records use both.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "iso19139/record.h"
#include "xml/xml.h"

#define GMD XML_NS_GMD
#define GCO XML_NS_GCO
#define GMX XML_NS_GMX

/* Longest string kept from one element; the rest is not useful to anyone. */
#define MAX_TEXT 8192

struct ctx {
	struct md_record *r;
	struct gov_buf scratch;
	/* growth bookkeeping for the arrays in r */
	size_t cap_groups, cap_constraints, cap_distributors, cap_parties, cap_bboxes;
};

/* Grow an arena-backed array; the old copy is simply abandoned. */
static void *
grow(struct arena *a, void *old, size_t n, size_t *cap, size_t size)
{
	void *p;

	if (n < *cap)
		return old;
	*cap = *cap != 0 ? *cap * 2 : 4;
	p = arena_alloc(a, *cap * size);
	if (n > 0)
		memcpy(p, old, n * size);
	return p;
}

static const char *
text_of(struct ctx *c, const struct xml_node *n)
{
	if (n == NULL)
		return NULL;
	gov_buf_reset(&c->scratch);
	(void)gov_buf_add(&c->scratch, "", 0); /* make sure data is allocated */
	/* An over-long value loses the text nodes that do not fit. */
	(void)xml_text(n, &c->scratch);
	gov_normalize_space(c->scratch.data);
	return arena_strdup(&c->r->arena, gov_buf_str(&c->scratch));
}

static const char *
dup_attr(struct ctx *c, const struct xml_node *n, const char *ns, const char *name)
{
	const char *v;
	char *s;

	if (n == NULL || (v = xml_attr(n, ns, name)) == NULL)
		return NULL;
	s = arena_strndup(&c->r->arena, v, strnlen(v, MAX_TEXT));
	gov_normalize_space(s);
	return s;
}

/*
 * The value of a CharacterString-typed property: gco:CharacterString, or
 * gmx:Anchor (whose href is returned too), or any other single child.
 */
static struct md_text
char_value(struct ctx *c, const struct xml_node *prop, const char **href)
{
	struct md_text t = {NULL, 0};
	const struct xml_node *v;

	if (href != NULL)
		*href = NULL;
	if (prop == NULL)
		return t;
	t.line = xml_line(prop);
	v = xml_child(prop, GCO, "CharacterString");
	if (v == NULL && (v = xml_child(prop, GMX, "Anchor")) != NULL && href != NULL)
		*href = dup_attr(c, v, XML_NS_XLINK, "href");
	if (v == NULL)
		v = xml_first_child(prop);
	t.value = v != NULL ? text_of(c, v) : text_of(c, prop);
	return t;
}

/* A code-list property: @codeListValue, falling back to the element text. */
static struct md_text
code_value(struct ctx *c, const struct xml_node *prop, const char *code_elem, const char **text)
{
	struct md_text t = {NULL, 0};
	const struct xml_node *v;

	if (text != NULL)
		*text = NULL;
	if (prop == NULL)
		return t;
	t.line = xml_line(prop);
	v = xml_child(prop, GMD, code_elem);
	if (v == NULL) {
		/* e.g. hierarchyLevel given as a plain CharacterString */
		t.value = char_value(c, prop, NULL).value;
		return t;
	}
	if (text != NULL)
		*text = text_of(c, v);
	t.value = dup_attr(c, v, NULL, "codeListValue");
	if (t.value == NULL || t.value[0] == '\0')
		t.value = text != NULL ? *text : text_of(c, v);
	return t;
}

static void
add_keyword_group(struct ctx *c, const struct xml_node *mdk)
{
	struct md_record *r = c->r;
	struct md_keyword_group *g;
	const struct xml_node *th, *title, *kw;
	size_t cap = 0;

	r->groups = grow(&r->arena, r->groups, r->ngroups, &c->cap_groups, sizeof(*r->groups));
	g = &r->groups[r->ngroups++];
	memset(g, 0, sizeof(*g));
	g->line = xml_line(mdk);
	th = xml_child(mdk, GMD, "thesaurusName");
	if (th != NULL && (th = xml_child(th, GMD, "CI_Citation")) != NULL &&
		(title = xml_child(th, GMD, "title")) != NULL)
		g->thesaurus = char_value(c, title, &g->thesaurus_href).value;
	g->type_code =
		code_value(c, xml_child(mdk, GMD, "type"), "MD_KeywordTypeCode", &g->type_text)
			.value;
	for (kw = xml_child(mdk, GMD, "keyword"); kw != NULL;
		kw = xml_next_named(kw, GMD, "keyword")) {
		struct md_keyword *k;
		const struct xml_node *v = xml_first_child(kw);

		g->keywords =
			grow(&r->arena, g->keywords, g->nkeywords, &cap, sizeof(*g->keywords));
		k = &g->keywords[g->nkeywords++];
		k->line = xml_line(kw);
		k->text = char_value(c, kw, &k->href).value;
		k->code = v != NULL ? dup_attr(c, v, NULL, "codeListValue") : NULL;
		if (k->code == NULL)
			k->code = dup_attr(c, kw, NULL, "codeListValue");
	}
}

static void
add_constraint(struct ctx *c, enum md_constraint_kind kind, const struct xml_node *prop)
{
	struct md_record *r = c->r;
	struct md_constraint *k;

	r->constraints = grow(&r->arena, r->constraints, r->nconstraints, &c->cap_constraints,
		sizeof(*r->constraints));
	k = &r->constraints[r->nconstraints++];
	k->kind = kind;
	k->line = xml_line(prop);
	k->text = char_value(c, prop, &k->href).value;
}

static void
add_constraints(struct ctx *c, const struct xml_node *rc)
{
	for (const struct xml_node *cons = xml_first_child(rc); cons != NULL;
		cons = xml_next(cons)) {
		const struct xml_node *p;

		for (p = xml_child(cons, GMD, "useLimitation"); p != NULL;
			p = xml_next_named(p, GMD, "useLimitation"))
			add_constraint(c, MD_USE_LIMITATION, p);
		for (p = xml_child(cons, GMD, "otherConstraints"); p != NULL;
			p = xml_next_named(p, GMD, "otherConstraints"))
			add_constraint(c, MD_OTHER_CONSTRAINTS, p);
	}
}

static double
decimal(struct ctx *c, const struct xml_node *bb, const char *name, bool *ok)
{
	const struct xml_node *p = xml_child(bb, GMD, name);
	const char *s;
	char *end;
	double v;

	if (p == NULL || (p = xml_child(p, GCO, "Decimal")) == NULL ||
		(s = text_of(c, p)) == NULL || s[0] == '\0') {
		*ok = false;
		return 0;
	}
	v = strtod(s, &end);
	if (*end != '\0')
		*ok = false;
	return v;
}

static void
add_bbox(const struct xml_node *bb, void *arg)
{
	struct ctx *c = arg;
	struct md_record *r = c->r;
	struct md_bbox *b;
	bool ok = true;

	r->bboxes = grow(&r->arena, r->bboxes, r->nbboxes, &c->cap_bboxes, sizeof(*r->bboxes));
	b = &r->bboxes[r->nbboxes++];
	b->line = xml_line(bb);
	b->west = decimal(c, bb, "westBoundLongitude", &ok);
	b->east = decimal(c, bb, "eastBoundLongitude", &ok);
	b->south = decimal(c, bb, "southBoundLatitude", &ok);
	b->north = decimal(c, bb, "northBoundLatitude", &ok);
	b->complete = ok;
}

static struct md_party *
add_party_to(
	struct ctx *c, struct md_party **arr, size_t *n, size_t *cap, const struct xml_node *rp)
{
	struct md_party *p;
	const struct xml_node *role = xml_child(rp, GMD, "role");

	*arr = grow(&c->r->arena, *arr, *n, cap, sizeof(**arr));
	p = &(*arr)[(*n)++];
	p->line = xml_line(rp);
	p->organisation = char_value(c, xml_child(rp, GMD, "organisationName"), NULL).value;
	p->role = code_value(c, role, "CI_RoleCode", NULL).value;
	return p;
}

static void
add_party(const struct xml_node *rp, void *arg)
{
	struct ctx *c = arg;

	add_party_to(c, &c->r->parties, &c->r->nparties, &c->cap_parties, rp);
}

static void
identification(struct ctx *c, const struct xml_node *di)
{
	struct md_record *r = c->r;
	const struct xml_node *n;

	if (r->title.value == NULL && (n = xml_child(di, GMD, "citation")) != NULL &&
		(n = xml_child(n, GMD, "CI_Citation")) != NULL)
		r->title = char_value(c, xml_child(n, GMD, "title"), NULL);
	for (n = xml_child(di, GMD, "descriptiveKeywords"); n != NULL;
		n = xml_next_named(n, GMD, "descriptiveKeywords")) {
		const struct xml_node *k = xml_child(n, GMD, "MD_Keywords");

		if (k != NULL)
			add_keyword_group(c, k);
	}
	for (n = xml_child(di, GMD, "resourceConstraints"); n != NULL;
		n = xml_next_named(n, GMD, "resourceConstraints"))
		add_constraints(c, n);
	for (n = xml_child(di, GMD, "resourceMaintenance"); n != NULL;
		n = xml_next_named(n, GMD, "resourceMaintenance")) {
		const struct xml_node *mi = xml_child(n, GMD, "MD_MaintenanceInformation"), *p;

		if (mi == NULL)
			continue;
		if (r->frequency_code.value == NULL)
			r->frequency_code =
				code_value(c, xml_child(mi, GMD, "maintenanceAndUpdateFrequency"),
					"MD_MaintenanceFrequencyCode", NULL);
		p = xml_child(mi, GMD, "userDefinedMaintenanceFrequency");
		if (r->frequency_duration.value == NULL && p != NULL) {
			r->frequency_duration.line = xml_line(p);
			r->frequency_duration.value = text_of(c, p);
		}
		if (r->frequency_note.value == NULL)
			r->frequency_note =
				char_value(c, xml_child(mi, GMD, "maintenanceNote"), NULL);
	}
	for (n = xml_child(di, GMD, "extent"); n != NULL; n = xml_next_named(n, GMD, "extent"))
		xml_find_all(n, GMD, "EX_GeographicBoundingBox", add_bbox, c);
	xml_find_all(di, GMD, "CI_ResponsibleParty", add_party, c);
}

static void
transfer_options(const struct xml_node *dto, void *arg)
{
	struct ctx *c = arg;
	struct md_record *r = c->r;
	const struct xml_node *p;

	if (r->transfer_size.value != NULL)
		return;
	p = xml_child(dto, GMD, "transferSize");
	if (p == NULL)
		return;
	r->transfer_size.line = xml_line(p);
	r->transfer_size.value = text_of(c, p);
	r->transfer_units = char_value(c, xml_child(dto, GMD, "unitsOfDistribution"), NULL);
}

static void
distributor(const struct xml_node *d, void *arg)
{
	struct ctx *c = arg;
	const struct xml_node *rp = xml_child(d, GMD, "distributorContact");

	if (rp != NULL && (rp = xml_child(rp, GMD, "CI_ResponsibleParty")) != NULL)
		add_party_to(
			c, &c->r->distributors, &c->r->ndistributors, &c->cap_distributors, rp);
}

static void
format_name(const struct xml_node *f, void *arg)
{
	struct ctx *c = arg;

	if (c->r->format.value == NULL)
		c->r->format = char_value(c, xml_child(f, GMD, "name"), NULL);
}

/* Namespace facts for WCMP 6.2.1 and 6.3.1, from every element. */
static void
namespaces(const struct xml_node *n, void *arg)
{
	struct md_record *r = ((struct ctx *)arg)->r;
	const char *uri = xml_ns_uri(n);

	if (uri == NULL) {
		if (r->no_ns_line == 0)
			r->no_ns_line = xml_line(n);
		return;
	}
	if (xml_ns_prefix(n) == NULL && r->default_ns_line == 0) {
		r->default_ns_line = xml_line(n);
		r->default_ns_name = xml_local_name(n);
	}
	if (r->old_gml_line == 0 && strcmp(uri, XML_NS_GML) == 0)
		r->old_gml_line = xml_line(n);
}

bool
iso19139_is_record(const struct xml_node *n)
{
	return xml_is(n, GMD, "MD_Metadata") || xml_is(n, XML_NS_GMI, "MI_Metadata");
}

struct md_record *
iso19139_extract(const struct xml_node *root)
{
	struct md_record *r = xcalloc(1, sizeof(*r));
	struct ctx c;
	const struct xml_node *n;

	memset(&c, 0, sizeof(c));
	c.r = r;
	gov_buf_init(&c.scratch, MAX_TEXT);
	arena_init(&r->arena);
	r->root = arena_strdup(&r->arena, xml_local_name(root));
	r->line = xml_line(root);

	xml_walk(root, namespaces, &c);
	r->default_ns_name =
		r->default_ns_name != NULL ? arena_strdup(&r->arena, r->default_ns_name) : NULL;

	r->nfile_identifiers = xml_count(root, GMD, "fileIdentifier");
	r->file_identifier = char_value(&c, xml_child(root, GMD, "fileIdentifier"), NULL);
	r->language = code_value(&c, xml_child(root, GMD, "language"), "LanguageCode", NULL);
	r->hierarchy_level =
		code_value(&c, xml_child(root, GMD, "hierarchyLevel"), "MD_ScopeCode", NULL);
	if ((n = xml_child(root, GMD, "dateStamp")) != NULL) {
		r->date_stamp.line = xml_line(n);
		r->date_stamp.value = text_of(&c, n);
	}
	r->standard_name = char_value(&c, xml_child(root, GMD, "metadataStandardName"), NULL);
	r->standard_version = char_value(&c, xml_child(root, GMD, "metadataStandardVersion"), NULL);

	for (n = xml_child(root, GMD, "identificationInfo"); n != NULL;
		n = xml_next_named(n, GMD, "identificationInfo")) {
		const struct xml_node *di = xml_first_child(n);

		r->nidentification++;
		if (di != NULL)
			identification(&c, di);
	}
	for (n = xml_child(root, GMD, "distributionInfo"); n != NULL;
		n = xml_next_named(n, GMD, "distributionInfo")) {
		xml_find_all(n, GMD, "MD_DigitalTransferOptions", transfer_options, &c);
		xml_find_all(n, GMD, "MD_Distributor", distributor, &c);
		xml_find_all(n, GMD, "MD_Format", format_name, &c);
	}
	gov_buf_deinit(&c.scratch);
	return r;
}

void
md_record_free(struct md_record *r)
{
	if (r == NULL)
		return;
	arena_deinit(&r->arena);
	free(r);
}
