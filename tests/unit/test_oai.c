/*
 * test_oai.c -- reading OAI-PMH responses: envelope, errors, Identify,
 * formats (found by namespace), records, deleted headers, tokens.
 */
#include "config.h"

#include <string.h>

#include "../tap.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/file.h"
#include "common/timeutil.h"
#include "oai/response.h"
#include "xml/xml.h"

static struct xml_parser *parser;

static struct xml_doc *
load(const char *rel)
{
	char path[1024];
	struct gov_buf b;
	struct gov_diag d;
	struct xml_doc *doc = NULL;

	(void)snprintf(path, sizeof(path), "%s/%s", fixtures_dir(), rel);
	gov_buf_init(&b, 16u * 1024 * 1024);
	if (gov_file_read(path, b.limit, &b, &d) != GOV_EOK ||
		xml_parse(parser, gov_buf_str(&b), b.len, XML_DEFAULT_MAX_BYTES, &doc, &d) !=
			GOV_EOK)
		bail("%s: %s", path, d.msg);
	gov_buf_deinit(&b);
	return doc;
}

struct seen {
	int n, deleted, with_metadata;
	char ids[4][128];
	size_t nsets;
};

static int
collect(const struct oai_header *h, const struct xml_node *md, void *arg)
{
	struct seen *s = arg;

	if (s->n < 4)
		(void)snprintf(s->ids[s->n], sizeof(s->ids[0]), "%s", h->identifier);
	s->n++;
	s->deleted += h->deleted;
	s->with_metadata += md != NULL;
	s->nsets += h->nsets;
	return 0;
}

static void
test_listrecords(void)
{
	struct xml_doc *doc = load("oai/listrecords-3.xml");
	struct oai_page page;
	struct seen s;
	struct arena a;

	memset(&s, 0, sizeof(s));
	arena_init(&a);
	is_int(GOV_EOK, oai_page_read(doc, &a, &page, collect, &s, NULL), "ListRecords page reads");
	is_int(4, s.n, "four records, the deleted one included");
	is_int(1, s.deleted, "one deleted header");
	is_int(3, s.with_metadata, "metadata handed over for the live ones only");
	is_str("urn:x-wmo:md:int.wmo.wis::SMAA99EGRR", s.ids[2],
		"deleted record in document order");
	is_str("2026-11-22T06:00:00Z", page.env.response_date, "responseDate");
	is_str("ListRecords", page.env.verb, "request verb");
	ok(page.has_token && page.token[0] == '\0', "an empty token marks the end of the list");
	is_int(4, page.complete_size, "completeListSize");
	is_int(0, page.cursor, "cursor");
	arena_deinit(&a);
	xml_doc_free(doc);
}

static void
test_token(void)
{
	struct xml_doc *doc = load("oai/token-whitespace.xml");
	struct oai_page page;
	struct seen s;
	struct arena a;
	time_t t;
	bool day;

	memset(&s, 0, sizeof(s));
	arena_init(&a);
	is_int(GOV_EOK, oai_page_read(doc, &a, &page, collect, &s, NULL), "page reads");
	is_str("190k82p33jc42l4sasfw2@AoE+ZGUuZHdkLnJvdXRpbmUubWVnLmljb2V1LjEwMTQ3/a b=",
		page.token, "token trimmed, interior kept exactly (+ / = space @)");
	is_str("urn:x-wmo:md:int.wmo.wis::SMAA99EGRR", s.ids[0], "identifier trimmed");
	is_int(2, (long long)s.nsets, "two setSpecs");
	is_int(GOV_EOK, gov_time_parse("2017-11-09T12:50:22.485Z", &t, &day), "milliseconds parse");
	is_int(GOV_EOK, gov_time_parse("2005-03-31T17:13:30ZZ", &t, &day), "doubled Z parses");
	is_int(GOV_EOK, gov_time_parse("2026-09-08T13:13:40.", &t, &day),
		"DSpace's trailing dot parses");
	is_int(GOV_EOK, gov_time_parse("2014-11-11", &t, &day), "a bare date parses");
	ok(day, "and is known to be a day");
	is_int(GOV_EINVAL, gov_time_parse("", &t, &day), "an empty datestamp does not");
	is_int(GOV_EINVAL, gov_time_parse("yesterday", &t, &day), "nor free text");
	arena_deinit(&a);
	xml_doc_free(doc);
}

static void
test_errors(void)
{
	struct xml_doc *doc = load("hostile/oai-error.xml");
	struct oai_page page;
	struct seen s;
	struct arena a;
	struct gov_diag d;

	memset(&s, 0, sizeof(s));
	arena_init(&a);
	is_int(GOV_EOK, oai_page_read(doc, &a, &page, collect, &s, NULL), "error response reads");
	is_str("idDoesNotExist", oai_first_error(&page.env), "error code by name");
	ok(oai_has_error(&page.env, "idDoesNotExist"), "oai_has_error");
	is_int(0, s.n, "no records");
	xml_doc_free(doc);
	doc = load("iso19139/variants/canonical-global.xml");
	gov_diag_clear(&d);
	is_int(GOV_ESCHEMA, oai_page_read(doc, &a, &page, collect, &s, &d),
		"a record is no OAI response");
	ok(strstr(d.msg, "not an OAI-PMH response") != NULL, "and says so: %s", d.msg);
	arena_deinit(&a);
	xml_doc_free(doc);
}

static void
test_identify_formats(void)
{
	struct xml_doc *doc = load("oai/identify.xml");
	struct oai_identify id;
	struct oai_format *f;
	struct arena a;
	size_t n;

	arena_init(&a);
	is_int(GOV_EOK, oai_identify_read(doc, &a, &id, NULL), "Identify reads");
	ok(id.seconds, "seconds granularity");
	is_str("persistent", id.deleted_record, "deletedRecord");
	ok(id.gzip && id.deflate, "compression after description is still found");
	is_str("https://gisc.example.org/oai/provider", id.base_url, "baseURL");
	xml_doc_free(doc);
	doc = load("oai/formats.xml");
	is_int(GOV_EOK, oai_formats_read(doc, &a, &f, &n, NULL), "ListMetadataFormats reads");
	is_int(2, (long long)n, "two formats");
	is_str("ISO19139", f[1].prefix, "upper-case prefix kept as the provider spells it");
	is_str("http://www.isotc211.org/2005/gmd", f[1].ns, "found by its namespace");
	arena_deinit(&a);
	xml_doc_free(doc);
}

int
main(void)
{
	xml_global_init();
	parser = xml_parser_new();
	test_listrecords();
	test_token();
	test_errors();
	test_identify_formats();
	xml_parser_free(parser);
	xml_global_cleanup();
	return done_testing();
}
