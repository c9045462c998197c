/*
 * judge.c -- the WCMP 1.3 requirements that bear on exchange.
 *
 * Each check reads the requirement as WCMP 1.3 Part 1 states it.  Where
 * pywcmp 0.5 or the official Schematron read it differently, the comment
 * says so (details in doc/wcmp.md).
 */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "common/str.h"
#include "iso19139/record.h"
#include "wcmp/codes.h"
#include "wcmp/wcmp.h"

#define CATEGORY_HREF WCMP_CODELIST_URL "#WMO_CategoryCode"

bool
wcmp_is_category_group(const struct md_keyword_group *g, bool *legacy)
{
	*legacy = false;
	if (g->thesaurus != NULL && strcmp(g->thesaurus, "WMO_CategoryCode") == 0)
		return true;
	if (g->thesaurus_href != NULL && strcmp(g->thesaurus_href, CATEGORY_HREF) == 0)
		return true;
	/* WCMP 1.2: "WMO_CodeList dictionary [http://wis.wmo.int/2010/...#WMO_CategoryCode]" */
	if (g->thesaurus != NULL && strstr(g->thesaurus, "#WMO_CategoryCode") != NULL) {
		*legacy = true;
		return true;
	}
	return g->thesaurus_href != NULL && strstr(g->thesaurus_href, "#WMO_CategoryCode") != NULL;
}

/* Placeholders left by templates and generators. */
static bool
is_placeholder(const char *id)
{
	static const char *const marks[] = {"${", "{{", "$(", "<", "[", "template", "TODO", "TBD",
		"changeme", "CHANGEME", "XXXXXX", "example"};
	const char *uid = id;

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strstr(id, marks[i]) != NULL)
			return true;
	if (wcmp_identifier_is_global(id))
		uid = id + strlen(WCMP_GLOBAL_PREFIX);
	else if (gov_startswith(id, "urn:x-wmo:md:"))
		uid = strrchr(id, ':') + 1;
	return uid[0] == '\0';
}

static void
check_identifier(struct wcmp_report *rep)
{
	const struct md_record *r = rep->record;
	const char *id = r->file_identifier.value;

	if (r->nfile_identifiers == 0) {
		wcmp_add(rep, WCMP_ERROR, "file-identifier-missing", "8.1.1", r->line,
			"the record has no gmd:fileIdentifier");
		return;
	}
	if (r->nfile_identifiers > 1)
		wcmp_add(rep, WCMP_ERROR, "file-identifier-multiple", "8.1.1",
			r->file_identifier.line,
			"the record has %zu gmd:fileIdentifier elements; it must have exactly one",
			r->nfile_identifiers);
	if (id == NULL || id[0] == '\0') {
		wcmp_add(rep, WCMP_ERROR, "file-identifier-empty", "8.1.1", r->file_identifier.line,
			"gmd:fileIdentifier is empty");
		return;
	}
	rep->identifier = id;
	if (is_placeholder(id))
		wcmp_add(rep, WCMP_ERROR, "file-identifier-placeholder", "8.1.1",
			r->file_identifier.line,
			"the identifier \"%s\" is a template placeholder, not a real identifier",
			id);
	else if (strchr(id, ' ') != NULL)
		wcmp_add(rep, WCMP_WARNING, "file-identifier-space", NULL, r->file_identifier.line,
			"the identifier \"%s\" contains spaces", id);
	if (!gov_startswith(id, "urn:x-wmo:md:"))
		wcmp_add(rep, WCMP_INFO, "file-identifier-style", NULL, r->file_identifier.line,
			"the identifier does not use the recommended form "
			"urn:x-wmo:md:{authority}:{uid}");
	else if (wcmp_identifier_is_global(id) && !gov_startswith(id, WCMP_GLOBAL_PREFIX))
		wcmp_add(rep, WCMP_WARNING, "file-identifier-case", "9.2.1",
			r->file_identifier.line,
			"the identifier prefix is not written \"%s\" exactly", WCMP_GLOBAL_PREFIX);
	rep->centre = wcmp_centre_from_identifier(rep, id);
	rep->centre_id = wcmp_centre_id_from_identifier(rep, id);
}

static void
check_namespaces(struct wcmp_report *rep)
{
	const struct md_record *r = rep->record;

	/* 6.2.1 forbids default namespaces.  pywcmp only looks at the root's
	 * declarations; the Schematron at unprefixed elements.  An element
	 * in a default namespace is the actual use, anywhere in the record. */
	if (r->default_ns_line != 0)
		wcmp_add(rep, WCMP_ERROR, "default-namespace", "6.2.1", r->default_ns_line,
			"element <%s> is in a default namespace; every namespace must be named "
			"with a prefix",
			r->default_ns_name != NULL ? r->default_ns_name : "?");
	if (r->old_gml_line != 0)
		wcmp_add(rep, WCMP_ERROR, "gml-namespace", "6.3.1", r->old_gml_line,
			"GML elements use the namespace http://www.opengis.net/gml; WCMP 1.3 "
			"requires http://www.opengis.net/gml/3.2");
}

static void
check_categories(struct wcmp_report *rep)
{
	const struct md_record *r = rep->record;
	size_t ngroups = 0, nvalid = 0, cap = 0;
	unsigned long first_line = 0;

	for (size_t i = 0; i < r->ngroups; i++) {
		const struct md_keyword_group *g = &r->groups[i];
		bool legacy;
		const char *t;

		if (!wcmp_is_category_group(g, &legacy))
			continue;
		if (legacy) {
			rep->legacy = true;
			wcmp_add(rep, WCMP_WARNING, "category-legacy", "8.2.1", g->line,
				"the category thesaurus uses the WCMP 1.2 title \"%s\"; WCMP 1.3 "
				"names it \"WMO_CategoryCode\"",
				g->thesaurus);
		}
		ngroups++;
		if (first_line == 0)
			first_line = g->line;
		for (size_t k = 0; k < g->nkeywords; k++) {
			const struct md_keyword *kw = &g->keywords[k];
			const char *v =
				kw->text != NULL && kw->text[0] != '\0' ? kw->text : kw->code;
			const char *ok = wcmp_code_lookup(&wcmp_category_codes, v), *hint;

			if (ok == NULL && kw->href != NULL &&
				strstr(kw->href, "#WMO_CategoryCode_"))
				ok = wcmp_code_lookup(&wcmp_category_codes,
					strstr(kw->href, "#WMO_CategoryCode_") + 18);
			if (ok != NULL) {
				if (rep->ncategories == cap) {
					const char **p;

					cap = cap != 0 ? cap * 2 : 4;
					p = arena_alloc(&rep->arena, cap * sizeof(*p));
					if (rep->ncategories > 0)
						memcpy(p, rep->categories,
							rep->ncategories * sizeof(*p));
					rep->categories = p;
				}
				rep->categories[rep->ncategories++] = ok;
				nvalid++;
				continue;
			}
			if (v == NULL || v[0] == '\0') {
				wcmp_add(rep, WCMP_ERROR, "category-invalid", "8.2.1", kw->line,
					"a WMO_CategoryCode keyword is empty");
				continue;
			}
			hint = wcmp_code_suggest(&wcmp_category_codes, v);
			wcmp_add(rep, WCMP_ERROR, "category-invalid", "8.2.1", kw->line,
				"\"%s\" is not in the WMO_CategoryCode code list%s%s%s",
				v != NULL ? v : "", hint != NULL ? "; did you mean \"" : "",
				hint != NULL ? hint : "", hint != NULL ? "\"?" : "");
		}
		/* 8.2.2: read the code from @codeListValue (pywcmp and the
		 * Schematron compare the element text and fail records that
		 * only set the attribute). */
		t = g->type_code;
		if (t == NULL || strcmp(t, "theme") != 0)
			wcmp_add(rep, WCMP_ERROR, "category-type", "8.2.2", g->line,
				"WMO_CategoryCode keywords must have type \"theme\"%s%s%s",
				t != NULL ? " (found \"" : " (no type given)", t != NULL ? t : "",
				t != NULL ? "\")" : "");
	}
	if (ngroups == 0)
		wcmp_add(rep, WCMP_ERROR, "category-missing", "8.2.1", r->line,
			"the record has no keyword from the WMO_CategoryCode thesaurus");
	else if (nvalid == 0)
		wcmp_add(rep, WCMP_ERROR, "category-missing", "8.2.1", first_line,
			"the WMO_CategoryCode keyword group has no valid category");
}

/* 8.2.3: one MD_Keywords per thesaurus, for every thesaurus (pywcmp only
 * checks WMO_CategoryCode). */
static void
check_grouping(struct wcmp_report *rep)
{
	const struct md_record *r = rep->record;

	for (size_t i = 0; i < r->ngroups; i++) {
		const struct md_keyword_group *g = &r->groups[i];
		const char *name = g->thesaurus_href != NULL && g->thesaurus_href[0] != '\0'
					   ? g->thesaurus_href
					   : g->thesaurus;

		if (name == NULL || name[0] == '\0')
			continue;
		for (size_t j = 0; j < i; j++) {
			const struct md_keyword_group *h = &r->groups[j];
			const char *other =
				h->thesaurus_href != NULL && h->thesaurus_href[0] != '\0'
					? h->thesaurus_href
					: h->thesaurus;

			if (other != NULL && strcmp(name, other) == 0) {
				wcmp_add(rep, WCMP_ERROR, "keyword-grouping", "8.2.3", g->line,
					"keywords from thesaurus \"%s\" are split over several "
					"groups (first at line %lu); put them in one gmd:MD_Keywords",
					g->thesaurus != NULL ? g->thesaurus : name, h->line);
				break;
			}
		}
	}
}

/* 8.2.4: geographic data need a bounding box.  pywcmp inverts this test
 * (it fails nonGeographicDataset); here nonGeographicDataset is exempt. */
static void
check_bbox(struct wcmp_report *rep)
{
	const struct md_record *r = rep->record;
	const char *level = r->hierarchy_level.value;

	for (size_t i = 0; i < r->nbboxes; i++) {
		const struct md_bbox *b = &r->bboxes[i];

		if (!b->complete)
			wcmp_add(rep, WCMP_ERROR, "bbox-invalid", "8.2.4", b->line,
				"the bounding box lacks one of its four decimal bounds");
		else if (b->west < -180 || b->west > 180 || b->east < -180 || b->east > 180 ||
			 b->south < -90 || b->south > 90 || b->north < -90 || b->north > 90 ||
			 b->north < b->south)
			wcmp_add(rep, WCMP_ERROR, "bbox-invalid", "8.2.4", b->line,
				"the bounding box W %g E %g S %g N %g is out of range (longitudes "
				"in [-180, 180], latitudes in [-90, 90], north >= south)",
				b->west, b->east, b->south, b->north);
	}
	if (r->nbboxes == 0 && (level == NULL || strcmp(level, "nonGeographicDataset") != 0))
		wcmp_add(rep, WCMP_ERROR, "bbox-missing", "8.2.4", r->line,
			"the record describes geographic data (hierarchy level %s) but has no "
			"gmd:EX_GeographicBoundingBox",
			level != NULL ? level : "not given");
}

struct constraint_hits {
	const char *value; /* the one term found */
	size_t n;          /* distinct terms in otherConstraints */
	unsigned long line;
	const char *legacy; /* term found in a 1.2 useLimitation */
	unsigned long legacy_line;
	const char *near; /* an otherConstraints value that almost is a term */
	const char *near_to;
	unsigned long near_line;
};

static void
scan_constraints(
	const struct md_record *r, const struct wcmp_codelist *cl, struct constraint_hits *h)
{
	memset(h, 0, sizeof(*h));
	for (size_t i = 0; i < r->nconstraints; i++) {
		const struct md_constraint *c = &r->constraints[i];
		const char *ok = wcmp_code_lookup(cl, c->text), *hint;

		/* A valid term of the other list is not a near miss of this one. */
		if (ok == NULL && (wcmp_code_lookup(&wcmp_license_codes, c->text) != NULL ||
					  wcmp_code_lookup(&wcmp_priority_codes, c->text) != NULL))
			continue;

		if (ok == NULL && c->href != NULL && strstr(c->href, cl->name) != NULL &&
			(c->text == NULL || c->text[0] == '\0'))
			ok = wcmp_code_lookup(cl, strrchr(c->href, '_') + 1);
		if (c->kind == MD_USE_LIMITATION) {
			hint = ok != NULL ? ok : wcmp_code_suggest(cl, c->text);
			/* "WMO Essential", "GTS Priority 3": only exact-ish forms. */
			if (hint != NULL && h->legacy == NULL && c->text != NULL &&
				strlen(c->text) < 40) {
				h->legacy = hint;
				h->legacy_line = c->line;
			}
			continue;
		}
		if (ok != NULL) {
			if (h->value == NULL) {
				h->value = ok;
				h->line = c->line;
				h->n = 1;
			} else if (strcmp(h->value, ok) != 0) {
				h->n++;
			}
			continue;
		}
		hint = c->text != NULL && strlen(c->text) < 40 ? wcmp_code_suggest(cl, c->text)
							       : NULL;
		/* A value that names the list's own prefix but no term of it. */
		if (hint == NULL && c->text != NULL && h->near == NULL &&
			((cl == &wcmp_priority_codes &&
				 gov_startswith_ci(c->text, "GTSPriority")) ||
				(cl == &wcmp_license_codes && gov_startswith(c->text, "WMO") &&
					strlen(c->text) < 20 && strchr(c->text, ' ') == NULL))) {
			h->near = c->text;
			h->near_to = NULL;
			h->near_line = c->line;
		}
		if (hint != NULL && h->near == NULL) {
			h->near = c->text;
			h->near_to = hint;
			h->near_line = c->line;
		}
	}
}

struct term_codes {
	const char *missing, *multiple, *invalid, *legacy;
};

static const struct term_codes policy_codes = {
	"data-policy-missing", "data-policy-multiple", "data-policy-invalid", "data-policy-legacy"};
static const struct term_codes priority_codes = {"gts-priority-missing", "gts-priority-multiple",
	"gts-priority-invalid", "gts-priority-legacy"};

/* 9.3.1 / 9.3.2: exactly one term in otherConstraints, for global data.
 * For other data the same mistakes are only warnings. */
static const char *
check_term(struct wcmp_report *rep, const struct wcmp_codelist *cl, const char *req,
	const char *what, const struct term_codes *codes)
{
	const struct md_record *r = rep->record;
	enum wcmp_severity sev = rep->global ? WCMP_ERROR : WCMP_WARNING;
	struct constraint_hits h;

	scan_constraints(r, cl, &h);
	if (h.near != NULL && h.near_to != NULL)
		wcmp_add(rep, sev, codes->invalid, req, h.near_line,
			"%s \"%s\" is not a %s term; write \"%s\"", what, h.near, cl->name,
			h.near_to);
	else if (h.near != NULL)
		wcmp_add(rep, sev, codes->invalid, req, h.near_line,
			"%s \"%s\" is not a %s term (%s)", what, h.near, cl->name,
			wcmp_code_values(cl));
	if (h.n > 1)
		wcmp_add(rep, sev, codes->multiple, req, h.line,
			"the record gives %zu different %s terms; it must give exactly one", h.n,
			cl->name);
	if (h.value == NULL && h.legacy != NULL && h.near == NULL) {
		rep->legacy = true;
		wcmp_add(rep, sev, codes->legacy, req, h.legacy_line,
			"the %s is given only in the WCMP 1.2 form (gmd:useLimitation); WCMP 1.3 "
			"requires gmd:otherConstraints \"%s\" in gmd:MD_LegalConstraints",
			what, h.legacy);
	} else if (h.value == NULL && h.near == NULL && rep->global) {
		wcmp_add(rep, WCMP_ERROR, codes->missing, req, r->line,
			"data for global exchange need a %s: one %s term in "
			"gmd:MD_LegalConstraints/gmd:otherConstraints",
			what, cl->name);
	}
	return h.value != NULL ? h.value : h.legacy;
}

static void
check_standard(struct wcmp_report *rep)
{
	const struct md_record *r = rep->record;
	const char *v = r->standard_version.value;

	if (v != NULL && gov_startswith(v, "1.2")) {
		rep->legacy = true;
		wcmp_add(rep, WCMP_WARNING, "wcmp-legacy", NULL, r->standard_version.line,
			"the record declares WCMP version \"%s\"; it is judged against WCMP 1.3",
			v);
	} else if (v == NULL || strcmp(v, "1.3") != 0) {
		wcmp_add(rep, WCMP_INFO, "standard-version", NULL,
			r->standard_version.line != 0 ? r->standard_version.line : r->line,
			"metadataStandardVersion is %s%s%s, not \"1.3\"", v != NULL ? "\"" : "",
			v != NULL ? v : "missing", v != NULL ? "\"" : "");
	}
}

/* gco:Date YYYY-MM-DD or gco:DateTime YYYY-MM-DDThh:mm:ss[.s][zone]. */
static void
check_datestamp(struct wcmp_report *rep)
{
	const struct md_record *r = rep->record;
	const char *s = r->date_stamp.value;
	static const char shape[] = "9999-99-99";
	bool ok = s != NULL && strlen(s) >= 10;

	for (size_t i = 0; ok && i < 10; i++)
		ok = shape[i] == '9' ? isdigit((unsigned char)s[i]) != 0 : s[i] == '-';
	if (ok && s[10] != '\0')
		ok = s[10] == 'T' && strlen(s) >= 19;
	if (s == NULL || s[0] == '\0')
		wcmp_add(rep, WCMP_WARNING, "datestamp-invalid", NULL,
			r->date_stamp.line != 0 ? r->date_stamp.line : r->line,
			"gmd:dateStamp is %s; give the date of the record as YYYY-MM-DD",
			s == NULL ? "missing" : "empty");
	else if (!ok)
		wcmp_add(rep, WCMP_WARNING, "datestamp-invalid", NULL, r->date_stamp.line,
			"gmd:dateStamp \"%s\" is not an ISO 8601 date (YYYY-MM-DD[Thh:mm:ss])", s);
}

void
wcmp_judge(struct wcmp_report *rep)
{
	const struct md_record *r = rep->record;

	check_identifier(rep);
	check_namespaces(rep);
	wcmp_resolve_scope(rep);
	/* 9.2.1: data for global exchange live in the reserved namespace. */
	if (rep->scope != NULL && rep->global && rep->identifier != NULL &&
		!wcmp_identifier_is_global(rep->identifier))
		wcmp_add(rep, WCMP_ERROR, "identifier-not-global", "9.2.1", r->file_identifier.line,
			"data for global exchange need an identifier of the form "
			"urn:x-wmo:md:int.wmo.wis::{uid} (TTAAiiCCCC for GTS bulletins); found \"%s\"",
			rep->identifier);
	rep->data_policy =
		check_term(rep, &wcmp_license_codes, "9.3.1", "data policy", &policy_codes);
	rep->gts_priority =
		check_term(rep, &wcmp_priority_codes, "9.3.2", "GTS priority", &priority_codes);
	check_categories(rep);
	check_grouping(rep);
	check_bbox(rep);
	check_standard(rep);
	check_datestamp(rep);
	if (rep->legacy)
		wcmp_add(rep, WCMP_INFO, "legacy-encoding", NULL, r->line,
			"the record uses WCMP 1.2 encodings; values were read from them but must be "
			"re-encoded for WCMP 1.3");
}
