/*
 * cmd_ingest.c -- wisgov ingest [options] FILE|-...: count traffic.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/common.h"
#include "common/buf.h"
#include "common/file.h"
#include "common/jsonw.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "common/units.h"
#include "rules/regex.h"
#include "store/store.h"
#include "traffic/ingest.h"

static void
usage(FILE *fp)
{
	(void)fprintf(fp,
		"usage: wisgov ingest [--db DIR] [--config FILE] [--format auto|log|wnm] [--json]\n"
		"                     [-q] [--follow [--poll S] [--idle-exit S]] [--input-name N]\n"
		"                     FILE|-...\n"
		"\n"
		"Count traffic per record and hour: cache arrival logs (\"TIME SIZE NAME\" per\n"
		"line) or WIS 2.0 notification messages (one JSON object per line).  A file\n"
		"read before is read on from where it stopped, so nothing is counted twice;\n"
		"a notification is counted once per data_id and pubtime (the copies each\n"
		"Global Broker delivers are duplicates).\n"
		"\n"
		"  --format F        auto (default: { starts a notification), log, wnm\n"
		"  --follow          keep reading a growing file (every --poll S, default 1)\n"
		"  --idle-exit S     with --follow, stop after S seconds without new data\n"
		"  --input-name N    identify standard input as N, so it can resume\n"
		"  --json            one JSON summary per input and line\n"
		"  -q, --quiet       no summary\n");
}

static void
summary(const char *path, const struct ingest_stats *s, bool json)
{
	char a[32], ts1[GOV_TIME_LEN], ts2[GOV_TIME_LEN];
	uint64_t nbad = 0;

	for (int k = 1; k < BAD_KINDS; k++)
		nbad += s->bad[k];
	if (json) {
		struct gov_buf b;
		struct jsonw w;

		gov_buf_init(&b, 1u << 16);
		jsonw_init(&w, &b);
		jsonw_object_begin(&w, NULL);
		jsonw_str(&w, "input", path);
		jsonw_uint(&w, "lines", s->lines);
		jsonw_uint(&w, "start_line", s->start_line);
		jsonw_uint(&w, "counted", s->counted);
		jsonw_uint(&w, "matched", s->matched);
		jsonw_uint(&w, "unmatched", s->unmatched);
		jsonw_uint(&w, "bytes", s->bytes);
		jsonw_uint(&w, "matched_bytes", s->matched_bytes);
		jsonw_uint(&w, "unmatched_bytes", s->unmatched_bytes);
		jsonw_uint(&w, "comments", s->comments);
		jsonw_uint(&w, "no_size", s->no_size);
		jsonw_uint(&w, "duplicates", s->duplicates);
		jsonw_uint(&w, "pattern_errors", s->pattern_errors);
		jsonw_bool(&w, "tracked", s->tracked);
		jsonw_uint(&w, "bad", nbad);
		jsonw_object_begin(&w, "bad_lines");
		for (int k = 1; k < BAD_KINDS; k++) {
			if (s->bad[k] == 0)
				continue;
			jsonw_object_begin(&w, traffic_bad_name(k));
			jsonw_uint(&w, "count", s->bad[k]);
			jsonw_array_begin(&w, "first_lines");
			for (uint64_t i = 0; i < s->bad[k] && i < INGEST_FIRST_BAD; i++)
				jsonw_uint(&w, NULL, s->first_bad[k][i]);
			jsonw_array_end(&w);
			jsonw_object_end(&w);
		}
		jsonw_object_end(&w);
		jsonw_object_end(&w);
		if (jsonw_error(&w) == GOV_EOK)
			(void)printf("%s\n", b.data);
		gov_buf_deinit(&b);
		return;
	}
	(void)printf("%s: %llu lines%s: %llu counted (%llu matched, %llu without metadata), %s",
		path, (unsigned long long)s->lines, s->start_line > 0 ? " (resumed)" : "",
		(unsigned long long)s->counted, (unsigned long long)s->matched,
		(unsigned long long)s->unmatched, gov_size_si((double)s->bytes, a, sizeof(a)));
	if (s->counted > 0)
		(void)printf(" from %s to %s", gov_time_format(s->first, false, ts1),
			gov_time_format(s->last, false, ts2));
	(void)printf("; %llu bad", (unsigned long long)nbad);
	if (s->duplicates > 0)
		(void)printf("; %llu duplicate notifications", (unsigned long long)s->duplicates);
	(void)printf("\n");
	for (int k = 1; k < BAD_KINDS; k++) {
		if (s->bad[k] == 0)
			continue;
		(void)printf("  %llu %s: line", (unsigned long long)s->bad[k], traffic_bad_name(k));
		for (uint64_t i = 0; i < s->bad[k] && i < INGEST_FIRST_BAD; i++)
			(void)printf("%s %llu", i > 0 ? "," : "",
				(unsigned long long)s->first_bad[k][i]);
		(void)printf("%s\n", s->bad[k] > INGEST_FIRST_BAD ? ", ..." : "");
	}
	if (s->pattern_errors > 0)
		(void)printf("  %llu pattern matches stopped by their limits\n",
			(unsigned long long)s->pattern_errors);
	if (!s->tracked)
		(void)printf(
			"  (standard input has no identity: give --input-name to resume it)\n");
}

int
cmd_ingest(int argc, char **argv)
{
	enum { OPT_FORMAT = 256, OPT_FOLLOW, OPT_POLL, OPT_IDLE, OPT_NAME, OPT_BATCH };
	static const struct option longopts[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"follow", no_argument, NULL, OPT_FOLLOW},
		{"poll", required_argument, NULL, OPT_POLL},
		{"idle-exit", required_argument, NULL, OPT_IDLE},
		{"input-name", required_argument, NULL, OPT_NAME},
		{"batch", required_argument, NULL, OPT_BATCH},
		{"json", no_argument, NULL, 'j'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		CLI_PATH_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct cli_paths paths = {NULL, NULL, NULL};
	struct ingest_options opt;
	struct ingest_pattern *pats = NULL;
	struct cli_context ctx;
	bool json = false, quiet = false;
	char *end;
	int c, rc = EXIT_OK;

	memset(&opt, 0, sizeof(opt));
	optind = 1;
	while ((c = getopt_long(argc, argv, "jqh", longopts, NULL)) != -1) {
		if (cli_path_option(c, optarg, &paths))
			continue;
		switch (c) {
		case OPT_FORMAT:
			if (strcmp(optarg, "auto") == 0)
				opt.format = INGEST_AUTO;
			else if (strcmp(optarg, "log") == 0)
				opt.format = INGEST_LOG;
			else if (strcmp(optarg, "wnm") == 0)
				opt.format = INGEST_WNM;
			else {
				log_error("--format: \"%s\" is not auto, log or wnm", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_FOLLOW:
			opt.follow = true;
			break;
		case OPT_POLL:
		case OPT_IDLE: {
			double v = strtod(optarg, &end);

			if (*end != '\0' || v <= 0 || v > 86400) {
				log_error("--%s: \"%s\" is not a number of seconds",
					c == OPT_POLL ? "poll" : "idle-exit", optarg);
				return EXIT_USAGE;
			}
			if (c == OPT_POLL)
				opt.poll = v;
			else
				opt.idle_exit = v;
			break;
		}
		case OPT_NAME:
			opt.input_name = optarg;
			break;
		case OPT_BATCH:
			opt.batch_lines = strtoul(optarg, &end, 10);
			if (*end != '\0' || opt.batch_lines == 0) {
				log_error("--batch: \"%s\" is not a number of lines", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'j':
			json = true;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		log_error("ingest: no FILE given (- for standard input)");
		return EXIT_USAGE;
	}
	if ((rc = cli_open(&paths, true, false, &ctx)) != EXIT_OK)
		return rc;
	if ((rc = cli_seed_budgets(&ctx)) != EXIT_OK)
		goto out;
	/* The operator's local naming rules, compiled once. */
	pats = calloc(ctx.conf->npatterns + 1, sizeof(*pats));
	if (pats == NULL)
		abort();
	for (size_t i = 0; i < ctx.conf->npatterns; i++) {
		const struct conf_pattern *cp = &ctx.conf->patterns[i];
		struct gov_diag d;

		gov_diag_clear(&d);
		if (gov_regex_compile(cp->match, false, &pats[i].re, &d) != GOV_EOK) {
			log_error(
				"%s:%lu:%lu: %s", ctx.conf->path, cp->line, cp->col + d.col, d.msg);
			rc = EXIT_USAGE;
			goto out;
		}
		pats[i].record = cp->record;
		opt.npatterns++;
	}
	opt.patterns = pats;
	opt.now = gov_now();
	opt.retention_days = ctx.conf->retention;
	for (int i = optind; i < argc; i++) {
		struct ingest_stats st;
		struct gov_diag d;

		gov_diag_clear(&d);
		if (ingest_run(ctx.store, argv[i], &opt, &st, &d) != GOV_EOK) {
			cli_log_diag(&d);
			rc = EXIT_USAGE;
			continue;
		}
		if (st.pending > 0)
			log_info("%s: %llu bytes after the last newline left for the next run",
				argv[i], (unsigned long long)st.pending);
		if (!quiet)
			summary(argv[i], &st, json);
	}
	{
		struct gov_diag d;

		gov_diag_clear(&d);
		/* gov_now(), not opt.now: a --follow run may have lasted days. */
		if (ingest_prune(ctx.store, gov_now(), ctx.conf->retention, &d) != GOV_EOK)
			cli_log_diag(&d);
	}
out:
	for (size_t i = 0; pats != NULL && i < opt.npatterns; i++)
		gov_regex_free(pats[i].re);
	free(pats);
	cli_close(&ctx);
	return rc;
}
