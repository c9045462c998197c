/*
 * test_extract.c -- ISO 19139 extraction copies out what the record says,
 * with positions, from canonical and real-world encodings.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "../tap.h"
#include "common/buf.h"
#include "common/file.h"
#include "iso19139/record.h"
#include "xml/xml.h"

static struct xml_parser *parser;
static struct xml_doc *doc;

static struct md_record *
load(const char *rel)
{
	char path[1024];
	struct gov_buf b;
	struct gov_diag d;
	const struct xml_node *root;

	(void)snprintf(path, sizeof(path), "%s/%s", fixtures_dir(), rel);
	gov_buf_init(&b, 16u * 1024 * 1024);
	if (gov_file_read(path, b.limit, &b, &d) != GOV_EOK)
		bail("%s: %s", path, d.msg);
	xml_doc_free(doc);
	doc = NULL;
	if (xml_parse(parser, gov_buf_str(&b), b.len, XML_DEFAULT_MAX_BYTES, &doc, &d) != GOV_EOK)
		bail("%s: %s", path, d.msg);
	gov_buf_deinit(&b);
	root = xml_doc_root(doc);
	if (!iso19139_is_record(root))
		bail("%s: not a record", path);
	return iso19139_extract(root);
}

static const struct md_keyword_group *
group(const struct md_record *r, const char *thesaurus)
{
	for (size_t i = 0; i < r->ngroups; i++)
		if (r->groups[i].thesaurus != NULL && strstr(r->groups[i].thesaurus, thesaurus))
			return &r->groups[i];
	return NULL;
}

static void
test_canonical(void)
{
	struct md_record *r = load("iso19139/variants/canonical-global.xml");
	const struct md_keyword_group *g;

	is_str("MD_Metadata", r->root, "root element");
	is_int(1, (long long)r->nfile_identifiers, "one fileIdentifier");
	is_str("urn:x-wmo:md:int.wmo.wis::SMAA01EGRR", r->file_identifier.value, "identifier");
	is_int(3, (long long)r->file_identifier.line, "identifier line");
	is_str("SYNOP reports from Western Europe (SMAA01 EGRR)", r->title.value, "title");
	is_str("2026-11-01T06:00:00Z", r->date_stamp.value, "dateStamp");
	is_str("1.3", r->standard_version.value, "standard version");
	is_str("dataset", r->hierarchy_level.value, "hierarchy level from codeListValue");
	is_str("eng", r->language.value, "language");
	is_int(2, (long long)r->ngroups, "two keyword groups");
	g = group(r, "WMO_DistributionScopeCode");
	ok(g != NULL && g->nkeywords == 1, "scope group with one keyword");
	is_str("GlobalExchange", g->keywords[0].text, "scope keyword text");
	is_str("dataCentre", g->type_code, "scope type from codeListValue");
	is_int(2, (long long)r->nconstraints, "two otherConstraints");
	is_str("WMOEssential", r->constraints[0].text, "first constraint");
	ok(r->constraints[1].kind == MD_OTHER_CONSTRAINTS, "kind otherConstraints");
	is_str("PT6H", r->frequency_duration.value, "update frequency duration");
	is_str("Disseminated at 00 06 12 18 UTC", r->frequency_note.value, "maintenance note");
	ok(r->frequency_code.value == NULL || r->frequency_code.value[0] == '\0',
		"nilReason frequency has no code");
	is_str("0.003", r->transfer_size.value, "transfer size");
	is_str("MB", r->transfer_units.value, "transfer units");
	is_str("TAC", r->format.value, "format name");
	ok(r->ndistributors == 1 && strcmp(r->distributors[0].organisation, "GISC Exeter") == 0,
		"distributor organisation");
	ok(r->nparties == 1 && strcmp(r->parties[0].role, "originator") == 0, "originator party");
	ok(r->nbboxes == 1 && r->bboxes[0].complete && r->bboxes[0].west == -20 &&
			r->bboxes[0].north == 72,
		"bounding box values");
	ok(r->default_ns_line == 0 && r->old_gml_line == 0 && r->no_ns_line == 0,
		"no namespace problems");
	md_record_free(r);
}

static void
test_variants(void)
{
	struct md_record *r;

	r = load("iso19139/variants/scope-anchor-value-only.xml");
	ok(r->groups[1].keywords[0].text[0] == '\0', "empty Anchor keyword has empty text");
	ok(strstr(r->groups[1].keywords[0].href, "_GlobalExchange") != NULL, "Anchor href kept");
	md_record_free(r);

	r = load("iso19139/variants/scope-codelistvalue-only.xml");
	is_str("RegionalExchange", r->groups[1].keywords[0].code, "@codeListValue on the value");
	md_record_free(r);

	r = load("iso19139/variants/default-namespace.xml");
	is_int(2, (long long)r->default_ns_line, "default namespace seen on the root line");
	is_str("MD_Metadata", r->default_ns_name, "on the root element");
	md_record_free(r);

	r = load("iso19139/variants/old-gml.xml");
	ok(r->old_gml_line > 0, "old GML namespace seen (line %lu)", r->old_gml_line);
	md_record_free(r);

	r = load("iso19139/variants/legacy-12.xml");
	ok(r->nconstraints == 2 && r->constraints[0].kind == MD_USE_LIMITATION,
		"useLimitation read as legacy constraint");
	is_str("WMO Essential", r->constraints[0].text, "legacy text");
	md_record_free(r);

	r = load("iso19139/variants/identifier-two.xml");
	is_int(2, (long long)r->nfile_identifiers, "two fileIdentifiers counted");
	md_record_free(r);

	r = load("iso19139/variants/identifier-whitespace.xml");
	is_str("", r->file_identifier.value, "whitespace identifier normalises to empty");
	md_record_free(r);

	r = load("iso19139/variants/mi-metadata.xml");
	is_str("MI_Metadata", r->root, "gmi:MI_Metadata accepted as root");
	md_record_free(r);

	r = load("iso19139/variants/encoding-latin1-declared.xml");
	is_str("Messages SYNOP d\xc3\xa9\x63od\xc3\xa9s, Europe occidentale (SMAA01 EGRR)",
		r->title.value, "declared ISO-8859-1 converted to UTF-8");
	md_record_free(r);
}

static void
test_real(void)
{
	struct md_record *r;

	r = load("iso19139/real/wcmp-example-eumetsat-bxhrseviri.xml");
	ok(r->transfer_size.value != NULL && atof(r->transfer_size.value) == 147,
		"WMO example transferSize 147 under formatDistributor");
	md_record_free(r);

	r = load("iso19139/real/pywcmp-hjxa88ecmf.xml");
	is_str("PT3H", r->frequency_duration.value, "ECMWF PT3H frequency");
	md_record_free(r);

	r = load("iso19139/real/openwis-eceu82lfro.xml");
	ok(r->default_ns_line > 0, "OpenWIS 1.2 record uses a default namespace");
	ok(r->old_gml_line > 0, "and the old GML namespace");
	md_record_free(r);
}

int
main(void)
{
	xml_global_init();
	parser = xml_parser_new();
	test_canonical();
	test_variants();
	test_real();
	xml_doc_free(doc);
	xml_parser_free(parser);
	xml_global_cleanup();
	return done_testing();
}
