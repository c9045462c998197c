/*
 * response.c -- OAI-PMH envelope, Identify, formats and record pages.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/str.h"
#include "oai/response.h"
#include "xml/xml.h"

#define OAI XML_NS_OAI

/* Trimmed string value of n, in a; NULL for a NULL node. */
static const char *
text(struct arena *a, const struct xml_node *n)
{
	struct gov_buf b;
	const char *s;

	if (n == NULL)
		return NULL;
	gov_buf_init(&b, 1u << 20);
	(void)gov_buf_add(&b, "", 0);
	(void)xml_text(n, &b);
	/* Trim only: interior characters of tokens must stay exactly. */
	s = b.data;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	while (b.len > 0 && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\t' ||
				    b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r'))
		b.data[--b.len] = '\0';
	s = arena_strdup(a, s);
	gov_buf_deinit(&b);
	return s;
}

int
oai_envelope(
	const struct xml_doc *doc, struct arena *a, struct oai_envelope *env, struct gov_diag *d)
{
	const struct xml_node *root = xml_doc_root(doc), *n;

	memset(env, 0, sizeof(*env));
	if (!xml_is(root, OAI, "OAI-PMH"))
		return gov_diag_set(d, GOV_ESCHEMA,
			"not an OAI-PMH response: the root element is <%s>%s%s",
			xml_local_name(root),
			xml_ns_uri(root) != NULL ? " in " : " without a namespace",
			xml_ns_uri(root) != NULL ? xml_ns_uri(root) : "");
	env->response_date = text(a, xml_child(root, OAI, "responseDate"));
	n = xml_child(root, OAI, "request");
	if (n != NULL && xml_attr(n, NULL, "verb") != NULL)
		env->verb = arena_strdup(a, xml_attr(n, NULL, "verb"));
	for (n = xml_child(root, OAI, "error"); n != NULL && env->nerrors < OAI_MAX_ERRORS;
		n = xml_next_named(n, OAI, "error")) {
		const char *code = xml_attr(n, NULL, "code");

		env->errors[env->nerrors].code = arena_strdup(a, code != NULL ? code : "unknown");
		env->errors[env->nerrors].message = text(a, n);
		env->nerrors++;
	}
	return GOV_EOK;
}

const char *
oai_first_error(const struct oai_envelope *env)
{
	return env->nerrors > 0 ? env->errors[0].code : NULL;
}

bool
oai_has_error(const struct oai_envelope *env, const char *code)
{
	for (size_t i = 0; i < env->nerrors; i++)
		if (strcmp(env->errors[i].code, code) == 0)
			return true;
	return false;
}

static long
attr_long(const struct xml_node *n, const char *name)
{
	const char *v = xml_attr(n, NULL, name);
	uint64_t out;

	if (v == NULL || gov_strtou64(v, 0, 1000000000000ull, &out) != GOV_EOK)
		return -1;
	return (long)out;
}

static int
read_header(struct arena *a, const struct xml_node *hdr, struct oai_header *h)
{
	const struct xml_node *s;
	const char *status = xml_attr(hdr, NULL, "status");
	size_t n = xml_count(hdr, OAI, "setSpec"), i = 0;

	memset(h, 0, sizeof(*h));
	h->line = xml_line(hdr);
	h->identifier = text(a, xml_child(hdr, OAI, "identifier"));
	h->datestamp = text(a, xml_child(hdr, OAI, "datestamp"));
	h->deleted = status != NULL && strcmp(status, "deleted") == 0;
	h->sets = arena_alloc(a, (n + 1) * sizeof(*h->sets));
	for (s = xml_child(hdr, OAI, "setSpec"); s != NULL; s = xml_next_named(s, OAI, "setSpec"))
		h->sets[i++] = text(a, s);
	h->nsets = i;
	return GOV_EOK;
}

int
oai_page_read(const struct xml_doc *doc, struct arena *a, struct oai_page *page, oai_record_fn fn,
	void *arg, struct gov_diag *d)
{
	const struct xml_node *root = xml_doc_root(doc), *list, *n, *tok;
	int rc;

	memset(page, 0, sizeof(*page));
	page->cursor = page->complete_size = -1;
	rc = oai_envelope(doc, a, &page->env, d);
	if (rc != GOV_EOK || page->env.nerrors > 0)
		return rc;
	list = xml_child(root, OAI, "ListRecords");
	if (list == NULL)
		list = xml_child(root, OAI, "ListIdentifiers");
	if (list == NULL)
		list = xml_child(root, OAI, "GetRecord");
	if (list == NULL)
		return gov_diag_set(d, GOV_ESCHEMA,
			"the response has neither records nor an error (no ListRecords, "
			"ListIdentifiers or GetRecord element)");
	for (n = xml_first_child(list); n != NULL; n = xml_next(n)) {
		struct oai_header h;
		const struct xml_node *hdr = n, *meta = NULL;

		if (xml_is(n, OAI, "record")) {
			hdr = xml_child(n, OAI, "header");
			meta = xml_child(n, OAI, "metadata");
			if (hdr == NULL)
				continue;
		} else if (!xml_is(n, OAI, "header")) {
			continue;
		}
		read_header(a, hdr, &h);
		page->nrecords++;
		rc = fn(&h, meta != NULL && !h.deleted ? xml_first_child(meta) : NULL, arg);
		if (rc != 0)
			return rc;
	}
	tok = xml_child(list, OAI, "resumptionToken");
	if (tok != NULL) {
		page->has_token = true;
		page->token = text(a, tok);
		page->cursor = attr_long(tok, "cursor");
		page->complete_size = attr_long(tok, "completeListSize");
	}
	return GOV_EOK;
}

int
oai_identify_read(
	const struct xml_doc *doc, struct arena *a, struct oai_identify *id, struct gov_diag *d)
{
	struct oai_envelope env;
	const struct xml_node *idn, *n;
	const char *gran;
	int rc;

	memset(id, 0, sizeof(*id));
	rc = oai_envelope(doc, a, &env, d);
	if (rc != GOV_EOK)
		return rc;
	if (env.nerrors > 0)
		return gov_diag_set(d, GOV_ESCHEMA, "Identify answered with OAI error %s: %s",
			env.errors[0].code, env.errors[0].message);
	idn = xml_child(xml_doc_root(doc), OAI, "Identify");
	if (idn == NULL)
		return gov_diag_set(d, GOV_ESCHEMA, "no Identify element in the Identify response");
	/* Element order is not relied on: real providers reorder them. */
	id->repository_name = text(a, xml_child(idn, OAI, "repositoryName"));
	id->base_url = text(a, xml_child(idn, OAI, "baseURL"));
	id->earliest = text(a, xml_child(idn, OAI, "earliestDatestamp"));
	id->deleted_record = text(a, xml_child(idn, OAI, "deletedRecord"));
	gran = text(a, xml_child(idn, OAI, "granularity"));
	id->seconds = gran != NULL && strcmp(gran, "YYYY-MM-DDThh:mm:ssZ") == 0;
	for (n = xml_child(idn, OAI, "compression"); n != NULL;
		n = xml_next_named(n, OAI, "compression")) {
		const char *c = text(a, n);

		id->gzip |= strcmp(c, "gzip") == 0;
		id->deflate |= strcmp(c, "deflate") == 0;
	}
	return GOV_EOK;
}

int
oai_formats_read(const struct xml_doc *doc, struct arena *a, struct oai_format **out, size_t *n,
	struct gov_diag *d)
{
	struct oai_envelope env;
	const struct xml_node *list, *f;
	size_t count, i = 0;
	int rc;

	*out = NULL;
	*n = 0;
	rc = oai_envelope(doc, a, &env, d);
	if (rc != GOV_EOK)
		return rc;
	if (env.nerrors > 0)
		return gov_diag_set(d, GOV_ESCHEMA,
			"ListMetadataFormats answered with OAI error %s", env.errors[0].code);
	list = xml_child(xml_doc_root(doc), OAI, "ListMetadataFormats");
	if (list == NULL)
		return gov_diag_set(d, GOV_ESCHEMA, "no ListMetadataFormats element");
	count = xml_count(list, OAI, "metadataFormat");
	*out = arena_zalloc(a, (count + 1) * sizeof(**out));
	for (f = xml_child(list, OAI, "metadataFormat"); f != NULL;
		f = xml_next_named(f, OAI, "metadataFormat")) {
		(*out)[i].prefix = text(a, xml_child(f, OAI, "metadataPrefix"));
		(*out)[i].ns = text(a, xml_child(f, OAI, "metadataNamespace"));
		(*out)[i].schema = text(a, xml_child(f, OAI, "schema"));
		i++;
	}
	*n = i;
	return GOV_EOK;
}
