/*
 * test_conf.c -- the strict YAML loader, the budgets schema and the
 * centres table.
 */
#include "config.h"

#include <string.h>

#include "../tap.h"
#include "budget/defaults.h"
#include "centres/centres.h"
#include "conf/yaml.h"

static char path[1024];

static const char *
fx(const char *rel)
{
	(void)snprintf(path, sizeof(path), "%s/%s", fixtures_dir(), rel);
	return path;
}

static void
expect_yaml_error(const char *rel, int code, unsigned long line, const char *words)
{
	struct conf_doc *doc = NULL;
	struct gov_diag d;
	int rc;

	gov_diag_clear(&d);
	rc = conf_load_file(fx(rel), &doc, &d);
	is_int(code, rc, "%s refused with %s", rel, gov_strerror(code));
	ok(doc == NULL, "%s: no document", rel);
	if (line > 0)
		is_int((long long)line, (long long)d.line, "%s: error on line %lu", rel, line);
	ok(strstr(d.msg, words) != NULL, "%s: message mentions \"%s\" (%s)", rel, words, d.msg);
	ok(strstr(d.file, rel) != NULL, "%s: diagnostic names the file", rel);
}

static void
test_yaml(void)
{
	const char *y = "a: 1\nb:\n  - x\n  - 'y'\nc: {d: e}\n";
	struct conf_doc *doc = NULL;
	struct gov_diag d;
	const struct conf_node *root, *b;

	is_int(GOV_EOK, conf_load_buffer(y, strlen(y), "inline", &doc, &d), "valid YAML loads");
	root = conf_root(doc);
	ok(root != NULL && root->type == CONF_MAP && root->n == 3, "root is a 3-pair map");
	is_str("1", conf_get(root, "a")->scalar, "scalar value");
	b = conf_get(root, "b");
	ok(b->type == CONF_SEQ && b->n == 2, "sequence of two");
	ok(b->items[0]->plain && !b->items[1]->plain, "plain vs quoted scalars");
	is_int(3, (long long)b->items[0]->line, "node positions are 1-based lines");
	is_str("e", conf_get(conf_get(root, "c"), "d")->scalar, "flow mapping");
	ok(conf_get(root, "zzz") == NULL, "missing key");
	conf_doc_free(doc);

	is_int(GOV_EOK, conf_load_buffer("", 0, "empty", &doc, &d), "empty document loads");
	ok(conf_root(doc) == NULL, "with no root");
	conf_doc_free(doc);

	expect_yaml_error("yaml/dup-key.yaml", GOV_EDUP, 9, "duplicate key \"bytes-per-day\"");
	expect_yaml_error("yaml/alias-bomb.yaml", GOV_EHOSTILE, 1, "anchors");
	expect_yaml_error("yaml/malformed.yaml", GOV_EPARSE, 5, "");
	expect_yaml_error("yaml/multi-doc.yaml", GOV_EPARSE, 2, "one YAML document");
	expect_yaml_error("yaml/deep.yaml", GOV_ELIMIT, 0, "nesting deeper");
	expect_yaml_error("yaml/invalid-utf8.yaml", GOV_ENCODING, 2, "UTF-8");

	y = "a: *x\n";
	ok(conf_load_buffer(y, strlen(y), "undefined-alias", &doc, &d) != GOV_EOK,
		"an alias to nothing is refused (%s)", d.msg);
}

static void
expect_budget_error(const char *rel, unsigned long line, const char *words)
{
	struct record_budget b;
	struct gov_diag d;

	gov_diag_clear(&d);
	ok(budget_defaults_load(fx(rel), &b, &d) != GOV_EOK, "%s refused", rel);
	is_int((long long)line, (long long)d.line, "%s: error on line %lu", rel, line);
	ok(strstr(d.msg, words) != NULL, "%s: message mentions \"%s\" (%s)", rel, words, d.msg);
}

static void
test_budgets(void)
{
	struct record_budget b;
	struct gov_diag d;
	char shipped[1024];

	(void)snprintf(shipped, sizeof(shipped), "%s/budgets.yaml", getenv("WISGOV_RULES"));
	gov_diag_clear(&d);
	is_int(GOV_EOK, budget_defaults_load(shipped, &b, &d), "shipped budgets load (%s)", d.msg);
	is_int(500000000LL, (long long)b.bytes_per_day.warn, "shipped bytes warn 500 MB");
	is_int(1000000000LL, (long long)b.bytes_per_day.exceed, "shipped bytes exceed 1 GB");
	is_int(1000, (long long)b.files_per_day.exceed, "shipped files exceed 1000");
	is_int(GOV_EOK, budget_defaults_load(fx("yaml/small-budget.yaml"), &b, &d), "small budget");
	is_int(10000000LL, (long long)b.bytes_per_day.exceed, "10 MB");
	expect_budget_error("yaml/unknown-key.yaml", 6, "unknown key \"exceeed\"");
	expect_budget_error("yaml/warn-above-exceed.yaml", 4, "above its exceed");
	expect_budget_error("yaml/bad-size.yaml", 5, "not a size");
	expect_budget_error("yaml/dup-key.yaml", 9, "duplicate key");
}

static void
test_centres(void)
{
	char shipped[1024];
	struct centres *c = NULL;
	struct gov_diag d;
	const struct centre *e;

	(void)snprintf(shipped, sizeof(shipped), "%s/centres.csv", getenv("WISGOV_RULES"));
	gov_diag_clear(&d);
	is_int(GOV_EOK, centres_load(shipped, &c, &d), "shipped centres table loads (%s)", d.msg);
	is_int(301, (long long)centres_count(c), "301 rows");
	e = centres_by_cccc(c, "EGRR");
	ok(e != NULL && strcmp(e->gisc, "Exeter") == 0, "EGRR -> Exeter");
	e = centres_by_cccc(c, "ecmf");
	ok(e != NULL && strcmp(e->gisc, "Exeter") == 0, "ECMF -> Exeter (case-insensitive)");
	e = centres_by_cccc(c, "EUMS");
	ok(e != NULL && strcmp(e->gisc, "Offenbach") == 0, "EUMS -> Offenbach");
	e = centres_by_id(c, "de-dwd");
	ok(e != NULL && strcmp(e->gisc, "Offenbach") == 0, "de-dwd -> Offenbach");
	ok(centres_by_cccc(c, "XXXX") == NULL, "unknown CCCC is not guessed");
	ok(centres_by_cccc(c, "") == NULL, "empty CCCC matches nothing");

	/* The rules of centres.md, in order, each saying which matched. */
	{
		enum centre_match how;
		char other[64];

		e = centres_resolve(c, "de-dwd", "EGRR", &how);
		ok(e != NULL && strcmp(e->gisc, "Offenbach") == 0 && how == CENTRE_MATCH_CENTRE_ID,
			"an exact centre-id comes before the CCCC");
		e = centres_resolve(c, NULL, "EGRR", &how);
		is_str("cccc", centre_match_name(how), "then the CCCC");
		e = centres_resolve(c, "tn-nobody", NULL, &how);
		ok(e != NULL && strcmp(e->gisc, "Casablanca") == 0 && how == CENTRE_MATCH_TLD,
			"then the centre-id's TLD, to a member row");
		ok(centre_disputed(c, e, other, sizeof(other)) && strcmp(other, "Toulouse") == 0,
			"Tunisia: the 2020 table's Toulouse is reported as a dispute");
		e = centres_resolve(c, "nl-knmi-nms", NULL, &how);
		ok(e != NULL && centre_disputed(c, e, other, sizeof(other)) &&
				strcmp(other, "Melbourne") == 0,
			"the Netherlands: the later nl->Melbourne row is a dispute");
		e = centres_resolve(c, NULL, "EGRR", &how);
		ok(!centre_disputed(c, e, other, sizeof(other)), "EGRR: no dispute");
		e = centres_resolve(c, "eu-eumetnet-femdi", NULL, &how);
		ok(e != NULL && centre_retired(e) && e->gisc[0] == '\0',
			"a retired centre-id resolves, without a GISC");
		ok(centres_resolve(c, "zz-nowhere", "XXXX", &how) == NULL &&
				how == CENTRE_MATCH_NONE,
			"nothing is guessed");
		ok(centres_resolve(c, "nodash", NULL, &how) == NULL, "a centre-id without a TLD");
		ok(centres_gisc(c, "new delhi", 9) != NULL &&
				strcmp(centres_gisc(c, "new delhi", 9), "New Delhi") == 0,
			"GISC names in any case, spelt as the table does");
		ok(centres_gisc(c, "Foo", 3) == NULL, "not a GISC");
	}
	centres_free(c);
}

int
main(void)
{
	test_yaml();
	test_budgets();
	test_centres();
	return done_testing();
}
