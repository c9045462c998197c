/*
 * cmd_records.c -- wisgov records list|show: what the store knows.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "budget/budgets.h"
#include "budget/report.h"
#include "catalogue/catalogue.h"
#include "cli/cmd.h"
#include "cli/common.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/jsonr.h"
#include "common/jsonw.h"
#include "common/log.h"
#include "common/file.h"
#include "common/timeutil.h"
#include "common/units.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	(void)fprintf(fp,
		"usage: wisgov records list [--db DIR] [--config FILE] [--json] [--new-since D]\n"
		"                           [--scope S|none] [--centre CCCC] [--source NAME]\n"
		"                           [--deleted | --live] [--history]\n"
		"       wisgov records show [--db DIR] [--config FILE] [--json] [--history]\n"
		"                           [--at TIME] ID\n"
		"\n"
		"List the records the store follows, or show one with its history.\n"
		"--new-since D lists records first seen at or after D (Guide 7.7.3: the\n"
		"principal GISC monitors records when they first enter the catalogue).\n");
}

struct show {
	bool json;
	unsigned long n;
};

static int history_one(const char *entry, size_t len, void *arg);

struct filter {
	bool json, history;
	struct store_txn *t;
	time_t new_since;
	const char *scope, *centre, *source;
	int deleted; /* -1 any, 0 live only, 1 deleted only */
	unsigned long shown;
	struct gov_buf line;
};

static const char *
dash(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : "-";
}

static int
list_one(const struct cat_record *r, void *arg)
{
	struct filter *f = arg;
	time_t first;
	bool day;

	if (f->new_since != 0 &&
		(r->first_seen == NULL || gov_time_parse(r->first_seen, &first, &day) != GOV_EOK ||
			first < f->new_since))
		return 0;
	if (f->scope != NULL &&
		!(strcmp(f->scope, "none") == 0
				? r->scope == NULL
				: r->scope != NULL && strcmp(f->scope, r->scope) == 0))
		return 0;
	if (f->centre != NULL && (r->centre == NULL || strcasecmp(f->centre, r->centre) != 0))
		return 0;
	if (f->source != NULL && (r->source == NULL || strcmp(f->source, r->source) != 0))
		return 0;
	if (f->deleted >= 0 && (int)r->deleted != f->deleted)
		return 0;
	f->shown++;
	if (f->json) {
		struct jsonw w;

		gov_buf_reset(&f->line);
		jsonw_init(&w, &f->line);
		jsonw_object_begin(&w, NULL);
		catalogue_record_json(&w, r);
		jsonw_object_end(&w);
		if (jsonw_error(&w) != GOV_EOK)
			return 0;
		if (f->history) {
			struct show s = {true, 0};

			f->line.data[--f->line.len] = '\0';
			(void)printf("%s,\"history\":[", f->line.data);
			(void)catalogue_history(f->t, r->identifier, history_one, &s);
			(void)printf("]}\n");
		} else {
			(void)printf("%s\n", f->line.data);
		}
		return 0;
	}
	(void)printf("%-46s %-17s %-15s %-4s %-4s %s%s\n", r->identifier, dash(r->scope),
		r->scope_source != NULL ? r->scope_source : "none", dash(r->centre),
		dash(r->verdict), dash(r->first_seen), r->deleted ? "  deleted" : "");
	return 0;
}

static int
records_list(int argc, char **argv)
{
	enum { OPT_NEW = 256, OPT_SCOPE, OPT_CENTRE, OPT_SOURCE, OPT_DELETED, OPT_LIVE };
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{"new-since", required_argument, NULL, OPT_NEW},
		{"scope", required_argument, NULL, OPT_SCOPE},
		{"centre", required_argument, NULL, OPT_CENTRE},
		{"center", required_argument, NULL, OPT_CENTRE},
		{"source", required_argument, NULL, OPT_SOURCE},
		{"deleted", no_argument, NULL, OPT_DELETED},
		{"live", no_argument, NULL, OPT_LIVE},
		{"history", no_argument, NULL, 'H'},
		CLI_PATH_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct cli_paths paths = {NULL, NULL, NULL};
	struct filter f;
	struct cli_context ctx;
	struct store_txn *t = NULL;
	struct arena a;
	bool day;
	int c, rc;

	memset(&f, 0, sizeof(f));
	f.deleted = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "jHh", longopts, NULL)) != -1) {
		if (cli_path_option(c, optarg, &paths))
			continue;
		switch (c) {
		case 'j':
			f.json = true;
			break;
		case 'H':
			f.history = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case OPT_NEW:
			if (gov_time_parse(optarg, &f.new_since, &day) != GOV_EOK) {
				log_error(
					"--new-since: \"%s\" is not a date (YYYY-MM-DD[Thh:mm:ssZ])",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_SCOPE:
			if (strcmp(optarg, "GlobalExchange") != 0 &&
				strcmp(optarg, "RegionalExchange") != 0 &&
				strcmp(optarg, "OriginatingCentre") != 0 &&
				strcmp(optarg, "none") != 0) {
				log_error(
					"--scope: \"%s\" is not GlobalExchange, RegionalExchange, "
					"OriginatingCentre or none",
					optarg);
				return EXIT_USAGE;
			}
			f.scope = optarg;
			break;
		case OPT_CENTRE:
			f.centre = optarg;
			break;
		case OPT_SOURCE:
			f.source = optarg;
			break;
		case OPT_DELETED:
			f.deleted = 1;
			break;
		case OPT_LIVE:
			f.deleted = 0;
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(&paths, false, false, &ctx)) != EXIT_OK)
		return rc;
	gov_buf_init(&f.line, 1u << 20);
	arena_init(&a);
	if ((rc = cli_read_txn(&ctx, &t)) == EXIT_OK) {
		f.t = t;
		if (catalogue_scan(t, &a, list_one, &f) < 0) {
			log_error("%s: the records database is damaged", store_path(ctx.store));
			rc = EXIT_USAGE;
		}
		store_txn_abort(t);
	}
	arena_deinit(&a);
	gov_buf_deinit(&f.line);
	cli_close(&ctx);
	return rc;
}

static int
history_one(const char *entry, size_t len, void *arg)
{
	struct show *s = arg;
	struct jsonr *doc = NULL;
	const struct jsonr_val *o;

	s->n++;
	if (s->json) {
		(void)printf("%s%.*s", s->n > 1 ? "," : "", (int)len, entry);
		return 0;
	}
	if (jsonr_parse(entry, len, 1u << 20, &doc, NULL) != GOV_EOK)
		return 0;
	o = jsonr_root(doc);
	(void)printf("  %s  %-9s datestamp %s  scope %s (%s)  %s  via %s\n",
		dash(jsonr_str(o, "time")), dash(jsonr_str(o, "event")),
		dash(jsonr_str(o, "datestamp")), dash(jsonr_str(o, "scope")),
		dash(jsonr_str(o, "scope_source")), dash(jsonr_str(o, "verdict")),
		dash(jsonr_str(o, "source")));
	jsonr_free(doc);
	return 0;
}

struct budgets_list {
	struct budget v[64];
	size_t n;
};

static int
collect_budget(const struct budget *b, void *arg)
{
	struct budgets_list *l = arg;

	if (l->n < sizeof(l->v) / sizeof(l->v[0]))
		l->v[l->n++] = *b;
	return 0;
}

static void
measures_json(struct jsonw *w, const struct report_record *rr, time_t at)
{
	char ts[GOV_TIME_LEN];

	jsonw_str(w, "measured_at", gov_time_format(at, false, ts));
	jsonw_bool(w, "measured", rr->m.measured);
	if (rr->m.measured) {
		jsonw_uint(w, "bytes_24h", rr->m.bytes_24h);
		jsonw_uint(w, "count_24h", rr->m.count_24h);
		jsonw_uint(w, "peak_hour_bytes", rr->m.peak_hour_bytes);
	} else {
		/* Before traffic: the estimate, marked as such. */
		if (rr->est_bytes >= 0)
			jsonw_double(w, "bytes_24h", rr->est_bytes);
		else
			jsonw_null(w, "bytes_24h");
		if (rr->est_count >= 0)
			jsonw_double(w, "count_24h", rr->est_count);
		else
			jsonw_null(w, "count_24h");
		if (rr->est_bytes >= 0 && rr->est_count > 0)
			jsonw_double(w, "peak_hour_bytes", rr->est_bytes / 24);
		else
			jsonw_null(w, "peak_hour_bytes");
		jsonw_str(w, "estimate_source", rr->est_source[0] != '\0' ? rr->est_source : NULL);
	}
	if (rr->m.peak_hour != 0)
		jsonw_str(w, "peak_hour", gov_time_format(rr->m.peak_hour, false, ts));
	if (rr->m.mean_interval >= 0)
		jsonw_double(w, "mean_interval", rr->m.mean_interval);
	else
		jsonw_null(w, "mean_interval");
	jsonw_uint(w, "week_bytes", rr->m.week_bytes);
	jsonw_double(w, "week_change", rr->m.week_change);
	jsonw_str(w, "budget_state", rr->state == 2 ? "exceed" : rr->state == 1 ? "warn" : "ok");
}

static void
measures_text(const struct report_record *rr, time_t at)
{
	char a[32], b[32], ts[GOV_TIME_LEN];

	if (rr->m.measured) {
		(void)printf("traffic (24 h)  %s in %llu files, peak hour %s",
			gov_size_si((double)rr->m.bytes_24h, a, sizeof(a)),
			(unsigned long long)rr->m.count_24h,
			gov_size_si((double)rr->m.peak_hour_bytes, b, sizeof(b)));
		if (rr->m.mean_interval >= 0)
			(void)printf(", a file every %.0f s", rr->m.mean_interval);
		if (rr->m.week_change == rr->m.week_change)
			(void)printf(", %+.0f%% on the previous week", 100 * rr->m.week_change);
		(void)printf(" (to %s)\n", gov_time_format(at, false, ts));
	} else if (rr->est_bytes >= 0) {
		(void)printf("traffic (24 h)  none measured; estimate %s in %.0f files (%s)\n",
			gov_size_si(rr->est_bytes, a, sizeof(a)), rr->est_count, rr->est_source);
	} else {
		(void)printf("traffic (24 h)  none measured, no estimate\n");
	}
	if (rr->state > 0)
		(void)printf("budget          above the per-record %s threshold\n",
			rr->state == 2 ? "exceed" : "warn");
}

static int
records_show(int argc, char **argv)
{
	enum { OPT_AT = 256 };
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'},
		{"history", no_argument, NULL, 'H'},
		{"at", required_argument, NULL, OPT_AT},
		{"help", no_argument, NULL, 'h'},
		CLI_PATH_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct report_options ro;
	struct report_record rr;
	time_t at = 0;
	struct cli_paths paths = {NULL, NULL, NULL};
	struct cli_context ctx;
	struct store_txn *t = NULL;
	struct cat_record r;
	struct show s = {false, 0};
	struct arena a;
	bool history = false;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jHh", longopts, NULL)) != -1) {
		if (cli_path_option(c, optarg, &paths))
			continue;
		switch (c) {
		case 'j':
			s.json = true;
			break;
		case 'H':
			history = true;
			break;
		case OPT_AT:
			if (cli_parse_at("--at", optarg, &at) != 0)
				return EXIT_USAGE;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		log_error("records show: give exactly one identifier");
		return EXIT_USAGE;
	}
	if ((rc = cli_open(&paths, false, true, &ctx)) != EXIT_OK)
		return rc;
	arena_init(&a);
	if ((rc = cli_read_txn(&ctx, &t)) != EXIT_OK)
		goto out;
	rc = catalogue_get(t, argv[optind], &a, &r);
	if (rc == GOV_ENOENT) {
		log_error("no record \"%s\" in %s", argv[optind], store_path(ctx.store));
		rc = EXIT_FINDING;
		goto out;
	} else if (rc != GOV_EOK) {
		log_error("%s: record \"%s\" is not readable: %s", store_path(ctx.store),
			argv[optind], gov_strerror(rc));
		rc = EXIT_USAGE;
		goto out;
	}
	memset(&ro, 0, sizeof(ro));
	ro.at = at != 0 ? at : gov_now();
	ro.defaults = &ctx.budget;
	ro.types = ctx.types;
	ro.centres = ctx.centres;
	report_one(t, &ro, argv[optind], &rr);
	if (s.json) {
		struct gov_buf b;
		struct jsonw w;

		gov_buf_init(&b, 1u << 20);
		jsonw_init(&w, &b);
		jsonw_object_begin(&w, NULL);
		catalogue_record_json(&w, &r);
		measures_json(&w, &rr, ro.at);
		{
			struct budgets_list bl;

			bl.n = 0;
			(void)budget_scan(t, collect_budget, &bl);
			report_shares(&w, &rr, bl.v, bl.n);
		}
		jsonw_object_end(&w);
		if (jsonw_error(&w) == GOV_EOK) {
			b.len--; /* the history array goes inside the object */
			b.data[b.len] = '\0';
			(void)printf("%s", b.data);
			if (history) {
				(void)printf(",\"history\":[");
				(void)catalogue_history(t, argv[optind], history_one, &s);
				(void)printf("]");
			}
			(void)printf("}\n");
		}
		gov_buf_deinit(&b);
	} else {
		(void)printf("identifier      %s\n", r.identifier);
		(void)printf("title           %s\n", dash(r.title));
		(void)printf(
			"datestamp       %s%s\n", dash(r.datestamp), r.deleted ? " (deleted)" : "");
		(void)printf("scope           %s (%s)\n", dash(r.scope), dash(r.scope_source));
		(void)printf("data policy     %s\n", dash(r.data_policy));
		(void)printf("GTS priority    %s\n", dash(r.gts_priority));
		(void)printf("centre          %s%s%s%s\n", dash(r.centre),
			r.principal_gisc != NULL ? " (principal GISC " : "",
			r.principal_gisc != NULL ? r.principal_gisc : "",
			r.principal_gisc != NULL ? ")" : "");
		(void)printf("verdict         %s (%ld errors, %ld warnings)\n", dash(r.verdict),
			r.errors, r.warnings);
		(void)printf("sets           ");
		for (size_t i = 0; i < r.nsets; i++)
			(void)printf(" %s", r.sets[i]);
		(void)printf("%s\n", r.nsets == 0 ? " -" : "");
		(void)printf("source          %s\n", dash(r.source));
		(void)printf("first seen      %s\n", dash(r.first_seen));
		(void)printf("last changed    %s\n", dash(r.last_changed));
		(void)printf("last seen       %s\n", dash(r.last_seen));
		measures_text(&rr, ro.at);
		if (history) {
			(void)printf("history\n");
			(void)catalogue_history(t, argv[optind], history_one, &s);
		}
	}
	rc = EXIT_OK;
out:
	store_txn_abort(t);
	arena_deinit(&a);
	cli_close(&ctx);
	return rc;
}

int
cmd_records(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "list") == 0)
		return records_list(argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return records_show(argc - 1, argv + 1);
	log_error("records: unknown subcommand \"%s\" (list, show)", argv[1]);
	return EXIT_USAGE;
}
