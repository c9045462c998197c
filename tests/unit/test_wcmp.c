/*
 * test_wcmp.c -- scope resolution and WCMP 1.3 judgement, record by
 * record: every variant fixture has its expected scope, source, policy,
 * priority, centre, verdict and exact set of warning/error codes; the real
 * records are compared with an independent reading of them
 * (fixtures/iso19139/real/EXPECTED.tsv, written from the specification by
 * someone who did not write this code).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "../tap.h"
#include "budget/defaults.h"
#include "check/check.h"
#include "wcmp/codes.h"
#include "xml/xml.h"

struct want {
	const char *file;
	const char *scope, *source;
	const char *policy, *priority, *centre;
	const char *verdict;
	const char *codes; /* warning and error codes, sorted, space-separated */
};

static const struct want variants[] = {
	{"canonical-global", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"pass", ""},
	{"scope-anchor-title", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"pass", ""},
	{"scope-long-title", "GlobalExchange", "keyword-variant", "WMOEssential", "GTSPriority2",
		"EGRR", "warn", "scope-variant"},
	{"scope-https-href", "GlobalExchange", "keyword-variant", "WMOEssential", "GTSPriority2",
		"EGRR", "warn", "scope-variant"},
	{"scope-anchor-value-only", "GlobalExchange", "keyword-variant", "WMOEssential",
		"GTSPriority2", "EGRR", "warn", "scope-variant"},
	{"scope-codelistvalue-only", "RegionalExchange", "keyword-variant", "WMOEssential",
		"GTSPriority2", NULL, "warn", "scope-variant"},
	{"scope-datacenter", "GlobalExchange", "keyword-variant", "WMOEssential", "GTSPriority2",
		"EGRR", "warn", "scope-type-spelling"},
	{"scope-type-text-only", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2",
		"EGRR", "pass", ""},
	{"scope-global-distribution", NULL, "none", "WMOEssential", "GTSPriority2", "EGRR", "fail",
		"scope-invalid"},
	{"scope-lowercase", NULL, "none", "WMOEssential", "GTSPriority2", NULL, "fail",
		"scope-invalid"},
	{"scope-two-values", NULL, "none", "WMOEssential", "GTSPriority2", "EGRR", "fail",
		"scope-multiple"},
	{"scope-regional-wis-id", "RegionalExchange", "keyword", "WMOEssential", "GTSPriority2",
		"EGRR", "warn", "scope-conflict"},
	{"scope-originating", "OriginatingCentre", "keyword", "WMOAdditional", NULL, NULL, "pass",
		""},
	{"scope-none-local", NULL, "none", "WMOOther", NULL, NULL, "pass", ""},
	{"scope-outside-thesaurus", "GlobalExchange", "keyword-variant", "WMOEssential",
		"GTSPriority2", "EGRR", "warn", "scope-outside-thesaurus"},
	{"identifier-only", "GlobalExchange", "identifier", "WMOEssential", "GTSPriority2", "EGRR",
		"fail", "scope-missing"},
	{"identifier-w-product", "GlobalExchange", "identifier", "WMOEssential", "GTSPriority2",
		"LFPW", "fail", "scope-missing"},
	{"global-bad-identifier", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", NULL,
		"fail", "identifier-not-global"},
	{"policy-missing", "GlobalExchange", "keyword", NULL, "GTSPriority2", "EGRR", "fail",
		"data-policy-missing"},
	{"policy-two", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR", "fail",
		"data-policy-multiple"},
	{"policy-spaced", "GlobalExchange", "keyword", NULL, "GTSPriority2", "EGRR", "fail",
		"data-policy-invalid"},
	{"policy-anchor", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"pass", ""},
	{"priority-missing", "GlobalExchange", "keyword", "WMOEssential", NULL, "EGRR", "fail",
		"gts-priority-missing"},
	{"priority-five", "GlobalExchange", "keyword", "WMOEssential", NULL, "EGRR", "fail",
		"gts-priority-invalid"},
	{"legacy-12", "GlobalExchange", "identifier", "WMOEssential", "GTSPriority2", "EGRR",
		"fail",
		"category-legacy data-policy-legacy gts-priority-legacy scope-missing wcmp-legacy"},
	{"default-namespace", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"fail", "default-namespace"},
	{"old-gml", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR", "fail",
		"gml-namespace"},
	{"category-two-groups", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"fail", "keyword-grouping"},
	{"category-invalid", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"fail", "category-invalid category-invalid category-missing"},
	{"category-type-attribute-only", "GlobalExchange", "keyword", "WMOEssential",
		"GTSPriority2", "EGRR", "pass", ""},
	{"category-type-place", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"fail", "category-type"},
	{"category-missing", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"fail", "category-missing"},
	{"bbox-missing", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"fail", "bbox-missing"},
	{"bbox-missing-nongeographic", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2",
		"EGRR", "pass", ""},
	{"bbox-invalid", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"fail", "bbox-invalid"},
	{"identifier-missing", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", NULL,
		"fail", "file-identifier-missing"},
	{"identifier-two", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"fail", "file-identifier-multiple"},
	{"identifier-empty", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", NULL,
		"fail", "file-identifier-empty"},
	{"identifier-whitespace", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", NULL,
		"fail", "file-identifier-empty"},
	{"identifier-placeholder", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2",
		NULL, "fail", "file-identifier-placeholder identifier-not-global"},
	{"identifier-template", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", NULL,
		"fail", "file-identifier-placeholder"},
	{"datestamp-invalid", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"warn", "datestamp-invalid"},
	{"flow-radar-large", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EUOC",
		"pass", ""},
	{"flow-frequency-code", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"warn", "exceptional-flow"},
	{"flow-invalid", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR",
		"warn", "frequency-invalid transfer-size-invalid"},
	{"mi-metadata", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2", "EGRR", "pass",
		""},
	{"encoding-latin1-declared", "GlobalExchange", "keyword", "WMOEssential", "GTSPriority2",
		"EGRR", "pass", ""},
};

struct got {
	char scope[64], source[32], policy[32], priority[32], centre[8], verdict[8];
	char codes[1024], infos[1024];
	double per_day, bytes_per_day;
	size_t n;
};

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
copy(char *dst, size_t size, const char *s)
{
	(void)snprintf(dst, size, "%s", s != NULL ? s : "-");
}

static void
collect(const struct check_item *item, void *arg)
{
	struct got *g = arg;
	const struct wcmp_report *rep = item->report;
	const char *codes[64], *infos[64];
	size_t nc = 0, ni = 0;

	g->n++;
	copy(g->scope, sizeof(g->scope), rep->scope);
	copy(g->source, sizeof(g->source), wcmp_scope_source_name(rep->scope_source));
	copy(g->policy, sizeof(g->policy), rep->data_policy);
	copy(g->priority, sizeof(g->priority), rep->gts_priority);
	copy(g->centre, sizeof(g->centre), rep->centre);
	copy(g->verdict, sizeof(g->verdict), wcmp_verdict_name(wcmp_verdict(rep)));
	g->per_day = rep->flow.per_day;
	g->bytes_per_day = rep->flow.bytes_per_day;
	for (size_t i = 0; i < rep->nfindings && nc < 64 && ni < 64; i++) {
		if (rep->findings[i].severity == WCMP_INFO)
			infos[ni++] = rep->findings[i].code;
		else
			codes[nc++] = rep->findings[i].code;
	}
	qsort(codes, nc, sizeof(*codes), cmp);
	g->codes[0] = g->infos[0] = '\0';
	for (size_t i = 0; i < nc; i++) {
		strncat(g->codes, i > 0 ? " " : "", sizeof(g->codes) - strlen(g->codes) - 1);
		strncat(g->codes, codes[i], sizeof(g->codes) - strlen(g->codes) - 1);
	}
	for (size_t i = 0; i < ni; i++) {
		strncat(g->infos, " ", sizeof(g->infos) - strlen(g->infos) - 1);
		strncat(g->infos, infos[i], sizeof(g->infos) - strlen(g->infos) - 1);
	}
}

static struct record_budget budget = {{500000000, 1000000000}, {500, 1000}};

static void
run(struct checker *ck, const char *rel, struct got *g)
{
	char path[1024];
	struct gov_diag d;

	memset(g, 0, sizeof(*g));
	(void)snprintf(path, sizeof(path), "%s/%s", fixtures_dir(), rel);
	if (checker_run_file(ck, path, collect, g, &d) != GOV_EOK)
		bail("%s: %s", path, d.msg);
}

static void
test_variants(struct checker *ck)
{
	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		const struct want *w = &variants[i];
		char rel[256];
		struct got g;

		(void)snprintf(rel, sizeof(rel), "iso19139/variants/%s.xml", w->file);
		run(ck, rel, &g);
		is_int(1, (long long)g.n, "%s: one report", w->file);
		is_str(w->scope != NULL ? w->scope : "-", g.scope, "%s: scope", w->file);
		is_str(w->source, g.source, "%s: scope source", w->file);
		is_str(w->policy != NULL ? w->policy : "-", g.policy, "%s: data policy", w->file);
		is_str(w->priority != NULL ? w->priority : "-", g.priority, "%s: GTS priority",
			w->file);
		is_str(w->centre != NULL ? w->centre : "-", g.centre, "%s: centre", w->file);
		is_str(w->verdict, g.verdict, "%s: verdict", w->file);
		is_str(w->codes, g.codes, "%s: warning and error codes", w->file);
	}
}

static void
test_flow(struct checker *ck)
{
	struct got g;

	run(ck, "iso19139/variants/flow-radar-large.xml", &g);
	ok(g.per_day > 287.9 && g.per_day < 288.1, "PT5M is 288 files a day (%g)", g.per_day);
	ok(g.bytes_per_day > 921e6 && g.bytes_per_day < 922e6, "x 3.2 MB = 921.6 MB/day (%g)",
		g.bytes_per_day);
	ok(strstr(g.infos, "large-flow") != NULL, "above the warn threshold: large-flow (%s)",
		g.infos);
	run(ck, "iso19139/variants/flow-frequency-code.xml", &g);
	ok(g.per_day == 1 && g.bytes_per_day == 2e9, "daily x 2 GB (units GB) = 2 GB/day");
	run(ck, "iso19139/variants/canonical-global.xml", &g);
	ok(g.bytes_per_day == 4 * 3000.0, "PT6H x 0.003 MB = 12 kB/day (%g)", g.bytes_per_day);
	run(ck, "iso19139/variants/identifier-only.xml", &g);
	ok(strstr(g.infos, "flow-unknown") != NULL, "no frequency, no size: flow-unknown");
	run(ck, "iso19139/variants/scope-originating.xml", &g);
	ok(strstr(g.infos, "flow") == NULL, "non-global data are not judged for flow (%s)",
		g.infos);
}

static void
test_expectation(void)
{
	struct check_options opt = {0, {2e9, -1}, &budget, NULL};
	struct checker *ck = checker_new(&opt);
	struct got g;

	run(ck, "iso19139/variants/canonical-global.xml", &g);
	is_str("exceptional-flow", g.codes, "2 GB/day expected: exceptional-flow");
	is_str("warn", g.verdict, "which warns, not fails");
	checker_free(ck);
	opt.expect.bytes_per_day = -1;
	opt.expect.per_day = 1440;
	ck = checker_new(&opt);
	run(ck, "iso19139/variants/canonical-global.xml", &g);
	ok(g.bytes_per_day == 1440 * 3000.0, "--expect-per-day x record transfer size");
	is_str("exceptional-flow", g.codes, "1440 files/day: exceptional-flow");
	checker_free(ck);
	opt.expect.per_day = 600;
	ck = checker_new(&opt);
	run(ck, "iso19139/variants/canonical-global.xml", &g);
	is_str("", g.codes, "600 files/day is below exceed");
	ok(strstr(g.infos, "large-flow") != NULL, "but above warn: large-flow");
	run(ck, "iso19139/variants/scope-originating.xml", &g);
	is_str("", g.codes, "OriginatingCentre data are not reviewed under 7.7.3");
	checker_free(ck);
}

/* Compare with the independent reading in EXPECTED.tsv. */
static void
test_real(struct checker *ck)
{
	char path[1024], line[4096];
	FILE *fp;
	int n = 0;

	(void)snprintf(path, sizeof(path), "%s/iso19139/real/EXPECTED.tsv", fixtures_dir());
	fp = fopen(path, "r");
	if (fp == NULL)
		bail("%s", path);
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *f[8], *p = line, rel[512];
		int nf = 0;
		struct got g;

		if (n++ == 0)
			continue; /* header */
		line[strcspn(line, "\n")] = '\0';
		/* strsep keeps empty fields (an empty identifier). */
		while (nf < 8 && (f[nf] = strsep(&p, "\t")) != NULL)
			nf++;
		if (nf < 7)
			bail("EXPECTED.tsv line %d: %d fields", n, nf);
		(void)snprintf(rel, sizeof(rel), "iso19139/real/%s", f[0]);
		run(ck, rel, &g);
		is_str(f[2], g.scope, "%s: scope", f[0]);
		is_str(f[3], g.source, "%s: scope source", f[0]);
		is_str(f[4], g.policy, "%s: data policy", f[0]);
		is_str(f[5], g.priority, "%s: GTS priority", f[0]);
		is_str(f[6], g.centre, "%s: centre", f[0]);
	}
	fclose(fp);
	ok(n >= 9, "read %d lines of EXPECTED.tsv", n);
}

static void
test_codes(void)
{
	is_str("GlobalExchange", wcmp_code_suggest(&wcmp_scope_codes, "GlobalDistribution"),
		"GlobalDistribution -> GlobalExchange (the Guide's own slip, 7.7.2.1)");
	is_str("GlobalExchange", wcmp_code_suggest(&wcmp_scope_codes, "Global Exchange"),
		"spacing");
	is_str("OriginatingCentre", wcmp_code_suggest(&wcmp_scope_codes, "OriginatingCenter"),
		"US spelling");
	is_str("WMOEssential", wcmp_code_suggest(&wcmp_license_codes, "WMO Essential"),
		"WMO Essential");
	is_str("WMOEssential", wcmp_code_suggest(&wcmp_license_codes, "wmo-essential"),
		"wmo-essential");
	is_str("GTSPriority3", wcmp_code_suggest(&wcmp_priority_codes, "GTS Priority 3"),
		"1.2 priority");
	ok(wcmp_code_suggest(&wcmp_priority_codes, "GTSPriority5") == NULL,
		"no suggestion for a wrong number");
	ok(wcmp_code_suggest(&wcmp_scope_codes, "Banana") == NULL, "no suggestion for nonsense");
	ok(wcmp_code_lookup(&wcmp_scope_codes, "globalexchange") == NULL,
		"lookup is case-sensitive");
}

int
main(void)
{
	struct check_options opt = {0, {-1, -1}, &budget, NULL};
	struct checker *ck;

	xml_global_init();
	ck = checker_new(&opt);
	test_variants(ck);
	test_flow(ck);
	test_real(ck);
	checker_free(ck);
	test_expectation();
	test_codes();
	xml_global_cleanup();
	return done_testing();
}
