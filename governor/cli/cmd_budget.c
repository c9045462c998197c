/*
 * cmd_budget.c -- wisgov budget set|list|show|rm|report.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget/budgets.h"
#include "budget/report.h"
#include "centres/centres.h"
#include "cli/cmd.h"
#include "cli/common.h"
#include "common/buf.h"
#include "common/file.h"
#include "common/jsonw.h"
#include "common/log.h"
#include "common/str.h"
#include "common/timeutil.h"
#include "common/units.h"
#include "journal/journal.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	(void)fprintf(fp,
		"usage: wisgov budget set NAME --warn SIZE --exceed SIZE [--count-warn N]\n"
		"                         [--count-exceed N]\n"
		"       wisgov budget list [--json]\n"
		"       wisgov budget show NAME [--json]\n"
		"       wisgov budget rm NAME\n"
		"       wisgov budget report [--json] [--at TIME] [--window DAYS] [--top N]\n"
		"  (each also takes --db DIR and --config FILE)\n"
		"\n"
		"NAME is cache (bytes of global data held over 24 h), link:GISC-GISC (peak-hour\n"
		"bytes per second over that link), centre:CCCC (bytes per 24 h from a provider\n"
		"centre) or record (the default for each record: bytes and files per 24 h).\n"
		"A link joins two principal GISCs of centres.csv.  The report gives each\n"
		"budget's measured usage and its projection with the estimates of records\n"
		"that have no traffic yet.\n");
}

static void
budget_json(struct jsonw *w, const struct budget *b)
{
	jsonw_object_begin(w, NULL);
	jsonw_str(w, "name", b->name);
	jsonw_str(w, "kind", budget_kind_name(b->kind));
	jsonw_str(w, "unit", budget_unit(b->kind));
	jsonw_uint(w, "warn", b->warn);
	jsonw_uint(w, "exceed", b->exceed);
	if (b->kind == BUDGET_RECORD) {
		jsonw_uint(w, "count_warn", b->count_warn);
		jsonw_uint(w, "count_exceed", b->count_exceed);
	}
	jsonw_str(w, "set_by", b->set_by);
	jsonw_str(w, "set_at", b->set_at);
	jsonw_object_end(w);
}

static void
budget_text(const struct budget *b)
{
	char w[32], e[32];

	(void)printf("%-28s warn %-12s exceed %-12s %s", b->name,
		gov_size_si((double)b->warn, w, sizeof(w)),
		gov_size_si((double)b->exceed, e, sizeof(e)), budget_unit(b->kind));
	if (b->kind == BUDGET_RECORD && (b->count_warn > 0 || b->count_exceed > 0))
		(void)printf("; files warn %llu exceed %llu", (unsigned long long)b->count_warn,
			(unsigned long long)b->count_exceed);
	(void)printf("  (set by %s at %s)\n", b->set_by, b->set_at);
}

struct list {
	bool json;
	struct gov_buf line;
};

static int
list_one(const struct budget *b, void *arg)
{
	struct list *l = arg;

	if (l->json) {
		struct jsonw w;

		gov_buf_reset(&l->line);
		jsonw_init(&w, &l->line);
		budget_json(&w, b);
		if (jsonw_error(&w) == GOV_EOK)
			(void)printf("%s\n", l->line.data);
	} else {
		budget_text(b);
	}
	return 0;
}

struct set {
	struct budget b;
	const char *actor;
	bool remove;
	int found;
};

static int
set_txn(struct store_txn *t, void *arg)
{
	struct set *s = arg;
	struct budget old;

	if (s->remove) {
		s->found = budget_del(t, s->b.name, gov_now(), s->actor) == GOV_EOK;
		return store_txn_error(t);
	}
	s->found = budget_get(t, s->b.name, &old) == GOV_EOK;
	budget_put(t, &s->b, gov_now(), s->actor, s->found ? "budget-change" : "budget-set");
	return store_txn_error(t);
}

static int
size_opt(const char *opt, const char *v, bool whole, uint64_t *out)
{
	if (gov_parse_bytes(v, out) != GOV_EOK || (whole && strspn(v, "0123456789") != strlen(v))) {
		log_error("%s: \"%s\" is not %s", opt, v,
			whole ? "a whole number" : "a size (e.g. 50GB)");
		return -1;
	}
	return 0;
}

/*
 * A link joins two GISCs that rules/centres.csv knows: a misspelt one
 * would make a budget nothing ever weighs on.  Spelt as the table does.
 */
static int
canonical_link(const struct centres *c, struct budget *b)
{
	const char *dash = strchr(b->target, '-');
	const char *g1, *g2;
	char target[sizeof(b->target)];

	if (dash == NULL) /* budget_parse_name made sure there is one */
		return EXIT_USAGE;
	g1 = centres_gisc(c, b->target, (size_t)(dash - b->target));
	g2 = centres_gisc(c, dash + 1, strlen(dash + 1));
	if (g1 == NULL || g2 == NULL) {
		log_error(
			"budget set: %.*s is not a GISC (the principal GISCs of rules/centres.csv)",
			g1 == NULL ? (int)(dash - b->target) : (int)strlen(dash + 1),
			g1 == NULL ? b->target : dash + 1);
		return EXIT_USAGE;
	}
	if (strcmp(g1, g2) == 0) {
		log_error("budget set: a link joins two different GISCs");
		return EXIT_USAGE;
	}
	(void)snprintf(target, sizeof(target), "%s-%s", g1, g2);
	gov_strlcpy(b->target, target, sizeof(b->target));
	(void)snprintf(b->name, sizeof(b->name), "link:%s", target);
	return EXIT_OK;
}

int
cmd_budget(int argc, char **argv)
{
	enum { OPT_WARN = 256, OPT_EXCEED, OPT_CWARN, OPT_CEXCEED, OPT_AT, OPT_WINDOW, OPT_TOP };
	static const struct option longopts[] = {
		{"warn", required_argument, NULL, OPT_WARN},
		{"exceed", required_argument, NULL, OPT_EXCEED},
		{"count-warn", required_argument, NULL, OPT_CWARN},
		{"count-exceed", required_argument, NULL, OPT_CEXCEED},
		{"at", required_argument, NULL, OPT_AT},
		{"window", required_argument, NULL, OPT_WINDOW},
		{"top", required_argument, NULL, OPT_TOP},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		CLI_PATH_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct cli_paths paths = {NULL, NULL, NULL};
	struct cli_context ctx;
	struct set s;
	uint64_t warn = 0, exceed = 0, cwarn = 0, cexceed = 0, top = 0, window = 0;
	bool json = false, have_warn = false, have_exceed = false;
	time_t at = 0;
	const char *sub;
	struct gov_diag d;
	int c, rc;

	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	sub = argv[1];
	argc--;
	argv++;
	optind = 1;
	while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		if (cli_path_option(c, optarg, &paths))
			continue;
		switch (c) {
		case OPT_WARN:
			if (size_opt("--warn", optarg, false, &warn) != 0)
				return EXIT_USAGE;
			have_warn = true;
			break;
		case OPT_EXCEED:
			if (size_opt("--exceed", optarg, false, &exceed) != 0)
				return EXIT_USAGE;
			have_exceed = true;
			break;
		case OPT_CWARN:
			if (size_opt("--count-warn", optarg, true, &cwarn) != 0)
				return EXIT_USAGE;
			break;
		case OPT_CEXCEED:
			if (size_opt("--count-exceed", optarg, true, &cexceed) != 0)
				return EXIT_USAGE;
			break;
		case OPT_AT:
			if (cli_parse_at("--at", optarg, &at) != 0)
				return EXIT_USAGE;
			break;
		case OPT_WINDOW:
			if (size_opt("--window", optarg, true, &window) != 0 || window == 0 ||
				window > 3650) {
				log_error("--window: give a number of days from 1 to 3650");
				return EXIT_USAGE;
			}
			break;
		case OPT_TOP:
			if (size_opt("--top", optarg, true, &top) != 0)
				return EXIT_USAGE;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	memset(&s, 0, sizeof(s));
	gov_diag_clear(&d);
	if (strcmp(sub, "set") == 0 || strcmp(sub, "show") == 0 || strcmp(sub, "rm") == 0) {
		if (optind + 1 != argc) {
			log_error("budget %s: give exactly one NAME", sub);
			return EXIT_USAGE;
		}
		if (budget_parse_name(argv[optind], &s.b, &d) != GOV_EOK) {
			log_error("budget %s: %s", sub, d.msg);
			return EXIT_USAGE;
		}
	} else if ((strcmp(sub, "list") != 0 && strcmp(sub, "report") != 0) || optind != argc) {
		log_error(
			"budget: unknown subcommand or stray argument (set, list, show, rm, report)");
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(sub, "set") == 0) {
		if (!have_warn || !have_exceed) {
			log_error("budget set: --warn and --exceed are both needed");
			return EXIT_USAGE;
		}
		if (warn > exceed || cwarn > cexceed) {
			log_error("budget set: a warn threshold is above its exceed threshold");
			return EXIT_USAGE;
		}
		if ((cwarn > 0 || cexceed > 0) && s.b.kind != BUDGET_RECORD) {
			log_error(
				"budget set: --count-warn/--count-exceed apply to the record budget");
			return EXIT_USAGE;
		}
		s.b.warn = warn;
		s.b.exceed = exceed;
		s.b.count_warn = cwarn;
		s.b.count_exceed = cexceed;
	}
	rc = cli_open(&paths,
		strcmp(sub, "set") == 0 || strcmp(sub, "rm") == 0 || strcmp(sub, "report") == 0,
		strcmp(sub, "report") == 0 || (strcmp(sub, "set") == 0 && s.b.kind == BUDGET_LINK),
		&ctx);
	if (rc != EXIT_OK)
		return rc;
	if (strcmp(sub, "set") == 0 && s.b.kind == BUDGET_LINK &&
		(rc = canonical_link(ctx.centres, &s.b)) != EXIT_OK)
		goto out;
	if (strcmp(sub, "report") == 0 || strcmp(sub, "set") == 0 || strcmp(sub, "rm") == 0)
		if ((rc = cli_seed_budgets(&ctx)) != EXIT_OK)
			goto out;
	s.actor = journal_local_actor();
	if (strcmp(sub, "set") == 0 || strcmp(sub, "rm") == 0) {
		s.remove = strcmp(sub, "rm") == 0;
		if (store_write(ctx.store, set_txn, &s, &d) != GOV_EOK) {
			cli_log_diag(&d);
			rc = EXIT_USAGE;
		} else if (s.remove && !s.found) {
			log_error("no budget \"%s\"", s.b.name);
			rc = EXIT_FINDING;
		}
	} else if (strcmp(sub, "list") == 0 || strcmp(sub, "show") == 0) {
		struct store_txn *t;
		struct list l = {json, {0}};

		gov_buf_init(&l.line, 8192);
		if ((rc = cli_read_txn(&ctx, &t)) == EXIT_OK) {
			if (strcmp(sub, "list") == 0) {
				(void)budget_scan(t, list_one, &l);
			} else if (budget_get(t, s.b.name, &s.b) == GOV_EOK) {
				(void)list_one(&s.b, &l);
			} else {
				log_error("no budget \"%s\"", s.b.name);
				rc = EXIT_FINDING;
			}
			store_txn_abort(t);
		}
		gov_buf_deinit(&l.line);
	} else {
		struct report_options ro;
		struct report *r = NULL;

		memset(&ro, 0, sizeof(ro));
		ro.at = at != 0 ? at : gov_now();
		ro.window_days = window != 0 ? (long)window : ctx.conf->monitoring_window;
		ro.top = (size_t)top;
		ro.defaults = &ctx.budget;
		ro.types = ctx.types;
		ro.centres = ctx.centres;
		if (report_build(ctx.store, &ro, &r, &d) != GOV_EOK) {
			cli_log_diag(&d);
			rc = EXIT_USAGE;
		} else if (json) {
			struct gov_buf b;

			gov_buf_init(&b, 256u * 1024 * 1024);
			if (report_json(r, &b) == GOV_EOK)
				(void)printf("%s\n", b.data);
			gov_buf_deinit(&b);
		} else {
			report_text(r, stdout);
		}
		report_free(r);
	}
out:
	cli_close(&ctx);
	return rc;
}
