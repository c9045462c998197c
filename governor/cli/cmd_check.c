/*
 * cmd_check.c -- wisgov check [--json] [options] PATH...
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget/defaults.h"
#include "centres/centres.h"
#include "check/check.h"
#include "check/output.h"
#include "cli/cmd.h"
#include "common/buf.h"
#include "common/log.h"
#include "common/units.h"
#include "common/walk.h"
#include "common/xmalloc.h"

struct check_run {
	struct checker *ck;
	bool json, verbose, quiet;
	struct gov_buf line;
	unsigned long records, passed, warned, failed;
	bool unreadable;
};

static void
usage(FILE *fp)
{
	(void)fprintf(fp,
		"usage: wisgov check [--json] [-v] [-q] [--rules DIR] [--max-size SIZE]\n"
		"                    [--expect-bytes-per-day SIZE] [--expect-per-day N] PATH...\n"
		"\n"
		"Judge ISO 19139 metadata records (WCMP 1.3) before publishing: distribution\n"
		"scope and how it was found, data policy, GTS priority, originating centre,\n"
		"the WCMP requirements that govern global exchange, and whether the expected\n"
		"flow would be reviewed by the principal GISC (Guide to WIS 7.7.3).\n"
		"\n"
		"PATH is a record, a directory (searched for *.xml), - for standard input,\n"
		"or an OAI-PMH GetRecord/ListRecords response.\n"
		"\n"
		"  --json                      one JSON object per record and line\n"
		"  -v, --verbose               also print titles, categories and info findings\n"
		"  -q, --quiet                 print only records that warn or fail\n"
		"  --rules DIR                 rule directory (default $WISGOV_RULES or %s)\n"
		"  --max-size SIZE             largest document accepted (default 64 MiB)\n"
		"  --expect-bytes-per-day SIZE volume the provider plans to send (e.g. 2GB)\n"
		"  --expect-per-day N          files or messages per day\n"
		"\n"
		"Exit status: 0 all records pass or warn, 1 a record fails, 2 usage error or\n"
		"unreadable input.\n",
		cli_rules_dir(NULL));
}

static void
emit(const struct check_item *item, void *arg)
{
	struct check_run *cr = arg;
	enum wcmp_verdict v = wcmp_verdict(item->report);

	cr->records++;
	if (v == WCMP_PASS)
		cr->passed++;
	else if (v == WCMP_WARN)
		cr->warned++;
	else
		cr->failed++;
	if (cr->quiet && v == WCMP_PASS)
		return;
	if (cr->json) {
		gov_buf_reset(&cr->line);
		if (check_item_json(item, &cr->line) != GOV_EOK) {
			log_error(
				"%s: record %zu: JSON output failed", item->file, item->index + 1);
			return;
		}
		(void)gov_buf_addc(&cr->line, '\n');
		(void)fwrite(cr->line.data, 1, cr->line.len, stdout);
	} else {
		check_item_text(item, stdout, cr->verbose);
	}
}

static int
check_one(const char *path, void *arg)
{
	struct check_run *cr = arg;
	struct gov_diag d;
	char msg[GOV_DIAG_FILE + GOV_DIAG_MSG + 32];

	gov_diag_clear(&d);
	if (checker_run_file(cr->ck, path, emit, cr, &d) != GOV_EOK) {
		log_error("%s", gov_diag_format(&d, msg, sizeof(msg)));
		cr->unreadable = true;
	}
	return 0;
}

static void
walk_warning(const char *path, int code, void *arg)
{
	struct check_run *cr = arg;

	log_error("%s: cannot read directory: %s", path, gov_strerror(code));
	cr->unreadable = true;
}

static int
parse_amount(const char *opt, const char *s, bool bytes, double *out)
{
	uint64_t v;

	if (gov_parse_bytes(s, &v) != GOV_EOK || (!bytes && strspn(s, "0123456789") != strlen(s))) {
		log_error("%s: \"%s\" is not a %s", opt, s,
			bytes ? "size (e.g. 500MB, 2 GB, 1GiB)" : "whole number");
		return -1;
	}
	*out = (double)v;
	return 0;
}

int
cmd_check(int argc, char **argv)
{
	enum { OPT_RULES = 256, OPT_MAX, OPT_EXPECT_BYTES, OPT_EXPECT_COUNT };
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'},
		{"verbose", no_argument, NULL, 'v'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{"rules", required_argument, NULL, OPT_RULES},
		{"max-size", required_argument, NULL, OPT_MAX},
		{"expect-bytes-per-day", required_argument, NULL, OPT_EXPECT_BYTES},
		{"expect-per-day", required_argument, NULL, OPT_EXPECT_COUNT},
		{NULL, 0, NULL, 0},
	};
	struct check_options opt;
	struct check_run cr;
	struct record_budget budget;
	struct centres *centres = NULL;
	struct gov_diag d;
	const char *rules = NULL;
	char *path = NULL, msg[GOV_DIAG_FILE + GOV_DIAG_MSG + 32];
	uint64_t max = 0;
	int c, rc = EXIT_USAGE;

	memset(&opt, 0, sizeof(opt));
	memset(&cr, 0, sizeof(cr));
	opt.expect.bytes_per_day = -1;
	opt.expect.per_day = -1;
	gov_buf_init(&cr.line, 16u * 1024 * 1024);
	optind = 1;
	while ((c = getopt_long(argc, argv, "jvqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			cr.json = true;
			break;
		case 'v':
			cr.verbose = true;
			break;
		case 'q':
			cr.quiet = true;
			break;
		case 'h':
			usage(stdout);
			rc = EXIT_OK;
			goto out;
		case OPT_RULES:
			rules = optarg;
			break;
		case OPT_MAX:
			if (gov_parse_bytes(optarg, &max) != GOV_EOK || max == 0 ||
				max > (uint64_t)INT32_MAX) {
				log_error("--max-size: \"%s\" is not a size between 1 B and 2 GiB",
					optarg);
				goto out;
			}
			opt.max_bytes = (size_t)max;
			break;
		case OPT_EXPECT_BYTES:
			if (parse_amount("--expect-bytes-per-day", optarg, true,
				    &opt.expect.bytes_per_day) != 0)
				goto out;
			break;
		case OPT_EXPECT_COUNT:
			if (parse_amount("--expect-per-day", optarg, false, &opt.expect.per_day) !=
				0)
				goto out;
			break;
		default:
			usage(stderr);
			goto out;
		}
	}
	if (optind >= argc) {
		log_error("check: no PATH given");
		usage(stderr);
		goto out;
	}

	rules = cli_rules_dir(rules);
	gov_diag_clear(&d);
	xasprintf(&path, "%s/budgets.yaml", rules);
	if (budget_defaults_load(path, &budget, &d) != GOV_EOK) {
		log_error("%s", gov_diag_format(&d, msg, sizeof(msg)));
		goto out;
	}
	free(path);
	xasprintf(&path, "%s/centres.csv", rules);
	gov_diag_clear(&d);
	if (centres_load(path, &centres, &d) != GOV_EOK) {
		log_error("%s", gov_diag_format(&d, msg, sizeof(msg)));
		goto out;
	}
	opt.budget = &budget;
	opt.centres = centres;
	cr.ck = checker_new(&opt);

	for (int i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") != 0 && gov_is_dir(argv[i]))
			(void)gov_walk(argv[i], ".xml", check_one, walk_warning, &cr);
		else
			(void)check_one(argv[i], &cr);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		log_error("write error on standard output");
		goto out;
	}
	if (!cr.json && !cr.quiet)
		(void)fprintf(stderr, "%lu record%s: %lu passed, %lu warned, %lu failed\n",
			cr.records, cr.records == 1 ? "" : "s", cr.passed, cr.warned, cr.failed);
	if (cr.unreadable)
		rc = EXIT_USAGE;
	else
		rc = cr.failed > 0 ? EXIT_FINDING : EXIT_OK;
out:
	free(path);
	checker_free(cr.ck);
	centres_free(centres);
	gov_buf_deinit(&cr.line);
	return rc;
}
