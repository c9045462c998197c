/*
 * test_xml.c -- the libxml2 wrapper refuses hostile input and navigates
 * documents correctly.
 */
#include "config.h"

#include <string.h>

#include "../tap.h"
#include "common/buf.h"
#include "common/file.h"
#include "xml/xml.h"

static struct xml_parser *parser;

static int
parse_fixture(const char *rel, struct xml_doc **doc, struct gov_diag *d)
{
	char path[1024];
	struct gov_buf b;
	int rc;

	(void)snprintf(path, sizeof(path), "%s/%s", fixtures_dir(), rel);
	gov_buf_init(&b, 16u * 1024 * 1024);
	gov_diag_clear(d);
	rc = gov_file_read(path, b.limit, &b, d);
	if (rc == GOV_EOK)
		rc = xml_parse(parser, gov_buf_str(&b), b.len, XML_DEFAULT_MAX_BYTES, doc, d);
	gov_buf_deinit(&b);
	return rc;
}

static void
expect_refused(const char *rel, int code, const char *words)
{
	struct xml_doc *doc = NULL;
	struct gov_diag d;
	int rc = parse_fixture(rel, &doc, &d);

	is_int(code, rc, "%s refused with %s", rel, gov_strerror(code));
	ok(doc == NULL, "%s: no document returned", rel);
	ok(strstr(d.msg, words) != NULL, "%s: message mentions \"%s\" (%s)", rel, words, d.msg);
	xml_doc_free(doc);
}

static void
test_hostile(void)
{
	expect_refused("hostile/doctype.xml", GOV_EHOSTILE, "DOCTYPE");
	expect_refused("hostile/billion-laughs.xml", GOV_EHOSTILE, "DOCTYPE");
	expect_refused("hostile/xxe-file.xml", GOV_EHOSTILE, "DOCTYPE");
	expect_refused("hostile/xxe-parameter.xml", GOV_EHOSTILE, "DOCTYPE");
	expect_refused("hostile/xxe-external-dtd.xml", GOV_EHOSTILE, "DOCTYPE");
	expect_refused("hostile/quadratic-blowup.xml", GOV_EHOSTILE, "DOCTYPE");
	expect_refused("hostile/invalid-utf8.xml", GOV_ENCODING, "UTF-8");
	expect_refused("hostile/truncated.xml", GOV_EPARSE, "truncated");
	expect_refused("hostile/not-xml.xml", GOV_EPARSE, "<");
	expect_refused("hostile/empty.xml", GOV_EPARSE, "empty");
	expect_refused("hostile/deep-nesting.xml", GOV_ENESTING, "nested deeper");
	expect_refused("hostile/control-char.xml", GOV_EPARSE, "26");
}

static void
test_limits(void)
{
	struct xml_doc *doc = NULL;
	struct gov_diag d;
	const char *x = "<a>hello</a>";

	gov_diag_clear(&d);
	is_int(GOV_ELIMIT, xml_parse(parser, x, strlen(x), 5, &doc, &d),
		"a document over the cap is refused before parsing");
	ok(strstr(d.msg, "exceeds") != NULL, "message says so: %s", d.msg);
	is_int(GOV_EOK, xml_parse(parser, x, strlen(x), strlen(x), &doc, &d),
		"a document at the cap is parsed");
	xml_doc_free(doc);
}

static void
test_errors_have_positions(void)
{
	struct xml_doc *doc = NULL;
	struct gov_diag d;
	const char *x = "<a>\n<b>\n</a>";

	gov_diag_clear(&d);
	is_int(GOV_EPARSE, xml_parse(parser, x, strlen(x), 1000, &doc, &d), "mismatched tag");
	is_int(3, (long long)d.line, "error line is reported");
	ok(d.col > 0, "error column is reported");
}

static size_t nvisited;

static void
count(const struct xml_node *n, void *arg)
{
	(void)n;
	(void)arg;
	nvisited++;
}

static void
test_navigation(void)
{
	const char *x =
		"<?xml version='1.0'?>\n"
		"<r:root xmlns:r='urn:r' xmlns:x='urn:x' xmlns:l='http://www.w3.org/1999/xlink'>\n"
		"  <!-- comment -->\n"
		"  <r:a l:href='H' plain='P'>one <x:b>two</x:b><![CDATA[ three]]></r:a>\n"
		"  <r:a/>\n"
		"  <x:a/>\n"
		"  <other xmlns='urn:d'/>\n"
		"</r:root>";
	struct xml_doc *doc = NULL;
	struct gov_diag d;
	const struct xml_node *root, *a, *a2;
	struct gov_buf b;

	is_int(GOV_EOK, xml_parse(parser, x, strlen(x), 10000, &doc, &d), "navigation document");
	root = xml_doc_root(doc);
	ok(xml_is(root, "urn:r", "root"), "root matched by namespace and name");
	ok(!xml_is(root, "urn:x", "root"), "wrong namespace does not match");
	a = xml_child(root, "urn:r", "a");
	ok(a != NULL && xml_line(a) == 4, "first r:a found on line 4");
	is_int(2, (long long)xml_count(root, "urn:r", "a"), "two r:a children (x:a not counted)");
	a2 = xml_next_named(a, "urn:r", "a");
	ok(a2 != NULL && xml_line(a2) == 5, "next r:a on line 5");
	ok(xml_next_named(a2, "urn:r", "a") == NULL, "no third r:a");
	is_str("H", xml_attr(a, "http://www.w3.org/1999/xlink", "href"), "namespaced attribute");
	is_str("P", xml_attr(a, NULL, "plain"), "plain attribute");
	ok(xml_attr(a, NULL, "href") == NULL, "namespaced attribute not found without namespace");
	gov_buf_init(&b, 100);
	xml_text(a, &b);
	is_str("one two three", gov_buf_str(&b), "string value includes descendants and CDATA");
	gov_buf_deinit(&b);
	is_str("r", xml_ns_prefix(root), "prefix");
	ok(xml_ns_prefix(xml_child(root, "urn:d", "other")) == NULL,
		"default namespace has no prefix");
	ok(xml_parent(a) == root, "parent");
	ok(xml_parent(root) == NULL, "root has no element parent");
	nvisited = 0;
	xml_walk(root, count, NULL);
	is_int(6, (long long)nvisited, "walk visits every element once");
	xml_doc_free(doc);
}

int
main(void)
{
	xml_global_init();
	parser = xml_parser_new();
	test_hostile();
	test_limits();
	test_errors_have_positions();
	test_navigation();
	xml_parser_free(parser);
	xml_global_cleanup();
	return done_testing();
}
