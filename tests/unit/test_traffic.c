/*
 * test_traffic.c -- names and headings, log lines, notifications, day
 * counters, measures, PCRE2 limits, and a long ingestion that sees time
 * pass and records arrive.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "budget/measure.h"
#include "catalogue/catalogue.h"
#include "common/timeutil.h"
#include "rules/regex.h"
#include "store/store.h"
#include "traffic/counters.h"
#include "traffic/ingest.h"
#include "traffic/line.h"
#include "traffic/name.h"
#include "wcmp/report.h"

static void
name_is(const char *name, enum traffic_name_kind kind, const char *id, const char *originator)
{
	struct traffic_name n;
	char out[64] = "";

	traffic_name_parse(name, strlen(name), &n);
	traffic_heading_id(&n, out, sizeof(out));
	ok(n.kind == kind, "%s: kind %d (got %d)", name, kind, n.kind);
	is_str(id, out, "%s: record", name);
	is_str(originator, n.originator, "%s: originator", name);
}

static void
test_names(void)
{
	/* From the Manual on the GTS examples and real names (gts-naming.md). */
	name_is("A_HPWZ89LFPW131200RRA_C_LFPW_20020913160300.bin", NAME_FNC_A,
		"urn:x-wmo:md:int.wmo.wis::HPWZ89LFPW", "LFPW");
	/* GISC Offenbach repackages: the heading's CCCC, not the file's maker. */
	name_is("A_ISMD01LIIB210000RRA_C_EDZW_20220321061604_12274116.bin", NAME_FNC_A,
		"urn:x-wmo:md:int.wmo.wis::ISMD01LIIB", "EDZW");
	name_is("T_PAAH21_C_EUOC_20180824180000.hdf", NAME_FNC_T,
		"urn:x-wmo:md:int.wmo.wis::PAAH21EUOC", "EUOC");
	name_is("T_SDCN50_C_CWAO_200204201530--_WKR_ECHOTOP,2-0,100M,AGL,78,N.gif", NAME_FNC_T,
		"urn:x-wmo:md:int.wmo.wis::SDCN50CWAO", "CWAO");
	name_is("SMAA01 EGRR 220600", NAME_HEADING, "urn:x-wmo:md:int.wmo.wis::SMAA01EGRR", "EGRR");
	name_is("SACN31_CWAO_111200__CYBG_42669", NAME_HEADING,
		"urn:x-wmo:md:int.wmo.wis::SACN31CWAO", "CWAO");
	name_is("smaa01 egrr", NAME_HEADING, "urn:x-wmo:md:int.wmo.wis::SMAA01EGRR", "EGRR");
	name_is("W_XX-EUMETSAT-Darmstadt,SING+LEV+SAT,MET07+CSR_C_EUMS_20110701090045.bin",
		NAME_FNC_W, "", "EUMS");
	name_is("Z_NAFP_C_BABJ_20231207000000_P_CMA-GEPS-GLB-024.grib2", NAME_FNC_Z, "", "BABJ");
	name_is("z_cams_c_ecmf_20260101000000_prod_fc_sfc_000_aod.nc", NAME_FNC_Z, "", "ECMF");
	name_is("EGRR00000000.b", NAME_OTHER, "", "");
	name_is("A_SMAA01_C_EGRR_x.txt", NAME_OTHER, "", "EGRR"); /* an A_ name without a heading */
	name_is("", NAME_OTHER, "", "");
	name_is("_", NAME_OTHER, "", "");
}

static enum traffic_bad
log_line(const char *s, struct traffic_line *tl)
{
	return traffic_parse_log(s, strlen(s), tl);
}

static void
test_lines(void)
{
	struct traffic_line tl;

	is_int(BAD_NONE, log_line("2026-11-22T06:00:05Z 2858 SMAA01 EGRR 220600", &tl),
		"a heading line");
	is_int(1795327205, (long long)tl.when, "its time");
	is_int(2858, (long long)tl.size, "its size");
	ok(tl.name_len == 18 && memcmp(tl.name, "SMAA01 EGRR 220600", 18) == 0,
		"the name keeps its blanks");
	is_int(BAD_NONE, log_line("1795327205 10 x", &tl), "Unix seconds");
	is_int(1795327205, (long long)tl.when, "the same time");
	is_int(BAD_NONE, log_line("2026-11-22T06:00:05.250Z 10 x\r", &tl), "fractions and CRLF");
	is_int(BAD_NONE, log_line("   # a comment", &tl), "a comment");
	ok(tl.name_len == 0, "is no traffic");
	is_int(BAD_MALFORMED, log_line("2026-11-22T06:00:05Z 10", &tl), "no name");
	is_int(BAD_MALFORMED, log_line("hello world again", &tl), "not a log line");
	is_int(BAD_TIME, log_line("2026-02-29T06:00:05Z 10 x", &tl),
		"29 February 2026 does not exist");
	is_int(BAD_NONE, log_line("2028-02-29T06:00:05Z 10 x", &tl), "29 February 2028 does");
	is_int(BAD_TIME, log_line("2026-11-22T25:00:05Z 10 x", &tl), "hour 25");
	is_int(BAD_SIZE, log_line("2026-11-22T06:00:05Z -1 x", &tl), "a negative size");
	is_int(BAD_SIZE, log_line("2026-11-22T06:00:05Z 2000000000000 x", &tl), "2 TB in one file");
	is_int(BAD_SIZE, log_line("2026-11-22T06:00:05Z 1e6 x", &tl), "not a whole number");
	is_int(BAD_BINARY, traffic_parse_log("2026-11-22T06:00:05Z 1 a\0b", 27, &tl), "a NUL");
	is_int(BAD_BINARY, log_line("2026-11-22T06:00:05Z 1 \xc3\x28", &tl), "invalid UTF-8");
	is_int(BAD_NONE, log_line("2026-11-22T06:00:05Z 1 M\xc3\xa9t\xc3\xa9o", &tl),
		"UTF-8 names are fine");

	is_int(BAD_NONE,
		traffic_parse_wnm(
			"{\"properties\":{\"metadata_id\":\"urn:wmo:md:de-dwd:synop\","
			"\"pubtime\":\"2026-11-22T06:00:00Z\"},\"links\":[{\"rel\":\"via\","
			"\"length\":5},{\"rel\":\"canonical\",\"length\":1234}]}",
			strlen("{\"properties\":{\"metadata_id\":\"urn:wmo:md:de-dwd:synop\","
			       "\"pubtime\":\"2026-11-22T06:00:00Z\"},\"links\":[{\"rel\":\"via\","
			       "\"length\":5},{\"rel\":\"canonical\",\"length\":1234}]}"),
			&tl),
		"a notification");
	is_str("urn:wmo:md:de-dwd:synop", tl.metadata_id, "its metadata_id");
	is_int(1234, (long long)tl.size, "the canonical link's length wins");
	is_int(BAD_JSON, traffic_parse_wnm("{\"a\":1}", 7, &tl), "no properties");
	is_int(BAD_JSON, traffic_parse_wnm("{not json", 9, &tl), "not JSON");
	is_int(BAD_JSON, traffic_parse_wnm("{\"a\":1,\"a\":2}", 13, &tl),
		"duplicate keys are refused");
	is_int(BAD_SIZE,
		traffic_parse_wnm(
			"{\"properties\":{\"metadata_id\":\"m\",\"pubtime\":\"2026-11-22T06:00:00Z\"},"
			"\"links\":[{\"rel\":\"canonical\",\"length\":-3}]}",
			strlen("{\"properties\":{\"metadata_id\":\"m\",\"pubtime\":\"2026-11-22T06:00:00Z\"},"
			       "\"links\":[{\"rel\":\"canonical\",\"length\":-3}]}"),
			&tl),
		"a negative length");
}

static void
test_counters(void)
{
	struct day_counts a, b;
	unsigned char val[COUNTER_VALUE_LEN], key[COUNTER_MAX_KEY];

	memset(&a, 0, sizeof(a));
	a.bytes[0] = 1;
	a.bytes[23] = 18446744073709551615ULL;
	a.count[12] = 7;
	counter_encode(&a, val);
	counter_decode(val, sizeof(val), &b);
	ok(memcmp(&a, &b, sizeof(a)) == 0, "a day round-trips");
	is_int(9 + 5, (long long)counter_key("urn:x:abc", 9, 20000, key), "key = name NUL day");
	ok(key[9] == 0 && key[13] == (20000 & 0xff), "big-endian day after a NUL");
	is_int(0, (long long)counter_key("", 0, 1, key), "an empty name has no key");
	is_int(20414, counter_day(1763769600), "day numbers");
}

static void
test_regex(void)
{
	struct gov_regex *re = NULL;
	struct gov_diag d;
	struct gov_buf b;
	char evil[64];

	gov_buf_init(&b, 256);
	is_int(GOV_EOK, gov_regex_compile("^Z_NAFP_C_([A-Z]{4})_", false, &re, &d), "compile");
	is_int(1, gov_regex_match(re, "Z_NAFP_C_BABJ_2026", 18), "match");
	gov_regex_expand(re, "Z_NAFP_C_BABJ_2026", "urn:x::NAFP-$1$$", &b);
	is_str("urn:x::NAFP-BABJ$", gov_buf_str(&b), "captures expand, $$ is a dollar");
	is_int(0, gov_regex_match(re, "A_NAFP", 6), "no match");
	gov_regex_free(re);
	gov_diag_clear(&d);
	is_int(GOV_EPARSE, gov_regex_compile("(unclosed", false, &re, &d), "a bad pattern");
	ok(strstr(d.msg, "offset") != NULL, "is reported with its offset: %s", d.msg);
	is_int(GOV_EPARSE, gov_regex_compile("a\\Cb", false, &re, &d), "\\C is refused");
	/* The classic catastrophic pattern: stopped, and said so. */
	is_int(GOV_EOK, gov_regex_compile("^(a+)+$", false, &re, &d), "compile ^(a+)+$");
	memset(evil, 'a', 40);
	evil[40] = 'b';
	is_int(GOV_ELIMIT, gov_regex_match(re, evil, 41),
		"catastrophic backtracking hits the limit");
	gov_regex_free(re);
	gov_buf_deinit(&b);
}

static void
add_record(struct store *s, const char *id)
{
	struct wcmp_report rep;
	struct cat_incoming in;
	struct cat_result res;
	struct store_txn *t;

	wcmp_report_init(&rep, NULL);
	memset(&in, 0, sizeof(in));
	in.identifier = id;
	in.datestamp = "2026-11-21T00:00:00Z";
	in.report = &rep;
	in.digest = "00";
	in.source = "test";
	if (store_txn_begin(s, true, &t, NULL) != GOV_EOK ||
		catalogue_apply(t, &in, 2000, "tester", &res) != GOV_EOK ||
		store_txn_commit(t, NULL) != GOV_EOK)
		bail("add_record %s", id);
	wcmp_report_deinit(&rep);
}

static void
feed(struct ingest *in, const char *line)
{
	ingest_line(in, line, strlen(line));
}

/*
 * A --follow run lasts days: each flush must take the time anew (a line of
 * tomorrow is no longer from the future) and forget the identifiers it
 * did not know (a record harvested meanwhile is recognised).
 */
static void
test_long_run(void)
{
	char dir[] = "/tmp/wisgov-traffic-XXXXXX", cmd[128];
	struct store_options so = {dir, 0, false, 0};
	struct ingest_options opt;
	struct ingest_stats st;
	struct store *s = NULL;
	struct ingest *in;
	struct gov_diag d;
	time_t t1;

	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	gov_diag_clear(&d);
	if (store_open(&so, &s, &d) != GOV_EOK)
		bail("store_open: %s", d.msg);
	setenv("WISGOV_NOW", "2026-11-20T00:00:00Z", 1);
	gov_time_parse("2026-11-22T00:00:00Z", &t1, &(bool){false});
	memset(&opt, 0, sizeof(opt));
	opt.format = INGEST_LOG;
	opt.now = gov_now();
	in = ingest_new(s, &opt, &st);
	feed(in, "2026-11-20T06:00:00Z 100 SMAA01 EGRR 200600");
	feed(in, "2026-11-21T12:00:00Z 100 SMAA01 EGRR 211200");
	is_int(GOV_EOK, ingest_flush(in, &d), "first flush");
	is_int(1, (long long)st.unmatched, "a record not harvested yet: without metadata");
	is_int(1, (long long)st.bad[BAD_TIME], "a day and a half ahead of the clock: bad time");
	is_int(0, (long long)st.matched, "nothing matched");

	/* Two days later, the record has been harvested. */
	setenv("WISGOV_NOW", "2026-11-22T00:00:00Z", 1);
	add_record(s, "urn:x-wmo:md:int.wmo.wis::SMAA01EGRR");
	is_int(GOV_EOK, ingest_flush(in, &d), "an idle flush (--follow polling)");
	is_int((long long)t1, (long long)ingest_now(in), "takes the time anew");
	feed(in, "2026-11-21T12:00:00Z 250 SMAA01 EGRR 211200");
	is_int(GOV_EOK, ingest_flush(in, &d), "second flush");
	is_int(1, (long long)st.bad[BAD_TIME],
		"the line of 21 November is no longer in the future");
	is_int(1, (long long)st.matched, "and counts for the record harvested meanwhile");
	is_int(250, (long long)st.matched_bytes, "with its size");
	{
		char fold[128];
		unsigned char key[COUNTER_MAX_KEY];
		const char *id = "urn:x-wmo:md:int.wmo.wis::SMAA01EGRR";
		size_t flen = catalogue_fold(id, strlen(id), fold, sizeof(fold));
		size_t klen = counter_key(fold, flen, counter_day(t1 - 43200), key);
		struct day_counts dc;
		struct store_txn *t;

		store_txn_begin(s, false, &t, NULL);
		counter_get(t, STORE_COUNTERS, key, klen, &dc);
		store_txn_abort(t);
		ok(dc.count[12] == 1 && dc.bytes[12] == 250,
			"the record's counter holds that line, 12:00 on 21 November (%llu, %llu)",
			(unsigned long long)dc.count[12], (unsigned long long)dc.bytes[12]);
	}
	ingest_free(in);
	unsetenv("WISGOV_NOW");
	store_close(s);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
}

int
main(void)
{
	test_names();
	test_lines();
	test_counters();
	test_regex();
	test_long_run();
	return done_testing();
}
