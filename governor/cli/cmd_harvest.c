/*
 * cmd_harvest.c -- wisgov harvest [options] SOURCE... | --url URL [...]
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/common.h"
#include "common/buf.h"
#include "common/file.h"
#include "common/jsonw.h"
#include "common/log.h"
#include "common/str.h"
#include "common/timeutil.h"
#include "common/units.h"
#include "harvest/harvest.h"
#include "journal/journal.h"

static void
usage(FILE *fp)
{
	(void)fprintf(fp,
		"usage: wisgov harvest [--db DIR] [--config FILE] [--rules DIR] [--json] [-q]\n"
		"                      [--overlap S] [--retries N] [--backoff S] [--max-wait S]\n"
		"                      [--max-pages N] [--timeout S] [--full] SOURCE...\n"
		"       wisgov harvest [options] --url URL [--prefix P] [--set S] [--from D]\n"
		"                      [--until D] [--name NAME]\n"
		"\n"
		"Follow catalogues: fetch what is new, changed or deleted since the last run\n"
		"and keep every record's state and history in the store.  SOURCE is a name\n"
		"from the configuration file, dir:PATH (a spool directory of records), or\n"
		"the --name of a source harvested before with --url.\n"
		"\n"
		"  --db DIR          the store (default: configuration, $WISGOV_DB, /var/lib/wisgov)\n"
		"  --config FILE     configuration (default: $WISGOV_CONFIG, /etc/wisgov/wisgov.yaml)\n"
		"  --rules DIR       rule directory used to judge records\n"
		"  --json            one JSON summary per source and line\n"
		"  -q, --quiet       no progress and no summary, only errors\n"
		"  --url URL         harvest an OAI-PMH provider not in the configuration\n"
		"  --prefix P        metadataPrefix (default: the one in the gmd namespace)\n"
		"  --set S           harvest only this set\n"
		"  --from D, --until D  datestamp bounds (instead of the last run's)\n"
		"  --name NAME       checkpoint name for --url (default: the URL)\n"
		"  --overlap S       seconds re-harvested before the last run's start (3600)\n"
		"  --retries N       retries per request (5); --backoff S first wait (1)\n"
		"  --max-wait S      longest wait, Retry-After included (3600)\n"
		"  --max-pages N     stop after N pages (loop guard)\n"
		"  --timeout S       give up a transfer after S seconds (none)\n"
		"  --full            list everything, not only what changed since the last\n"
		"                    run; records no longer listed by a provider that does\n"
		"                    not report deletions (deletedRecord no) are deleted\n"
		"\n"
		"Exit status: 0 every source complete, 1 a source failed (what was fetched is\n"
		"kept and the next run resumes), 2 usage or configuration error.\n");
}

struct run_opts {
	bool json, quiet, tty, full;
	long overlap, retries, max_wait, max_pages, timeout;
	double backoff;
};

static void
progress(const char *source, const struct harvest_stats *s, void *arg)
{
	const struct run_opts *o = arg;

	if (!o->tty)
		return;
	(void)fprintf(stderr, "\r%s: page %lu, %lu records, %lu new, %lu changed, %lu deleted   ",
		source, s->pages, s->records, s->new_, s->changed, s->deleted);
}

static void
summary(const struct run_opts *o, const char *name, const struct harvest_stats *s, int rc,
	const struct gov_diag *d)
{
	char size[32], msg[GOV_DIAG_FILE + GOV_DIAG_MSG + 64];

	if (o->tty)
		(void)fputc('\n', stderr);
	if (o->json) {
		struct gov_buf b;
		struct jsonw w;

		gov_buf_init(&b, 1u << 16);
		jsonw_init(&w, &b);
		jsonw_object_begin(&w, NULL);
		jsonw_str(&w, "source", name);
		jsonw_bool(&w, "complete", s->complete);
		jsonw_bool(&w, "resumed", s->resumed);
		jsonw_uint(&w, "pages", s->pages);
		jsonw_uint(&w, "records", s->records);
		jsonw_uint(&w, "new", s->new_);
		jsonw_uint(&w, "changed", s->changed);
		jsonw_uint(&w, "deleted", s->deleted);
		jsonw_uint(&w, "restored", s->restored);
		jsonw_uint(&w, "unchanged", s->unchanged);
		jsonw_uint(&w, "scope_changes", s->scope_changes);
		jsonw_uint(&w, "rejected", s->rejected);
		jsonw_object_begin(&w, "findings");
		jsonw_uint(&w, "error", s->errors);
		jsonw_uint(&w, "warning", s->warnings);
		jsonw_uint(&w, "info", s->infos);
		jsonw_object_end(&w);
		jsonw_uint(&w, "retries", s->retries);
		jsonw_uint(&w, "bytes", s->bytes);
		jsonw_double(&w, "seconds", s->seconds);
		jsonw_str(&w, "error", rc != GOV_EOK ? gov_diag_format(d, msg, sizeof(msg)) : NULL);
		jsonw_object_end(&w);
		if (jsonw_error(&w) == GOV_EOK)
			(void)printf("%s\n", b.data);
		gov_buf_deinit(&b);
		return;
	}
	if (o->quiet)
		return;
	(void)printf("%s: %s%s, %lu page%s, %lu records: %lu new, %lu changed, %lu deleted, "
		     "%lu restored, %lu unchanged; %lu scope change%s, %lu rejected; findings: "
		     "%lu errors, %lu warnings, %lu info; %s in %.1f s",
		name, s->complete ? "complete" : "incomplete", s->resumed ? " (resumed)" : "",
		s->pages, s->pages == 1 ? "" : "s", s->records, s->new_, s->changed, s->deleted,
		s->restored, s->unchanged, s->scope_changes, s->scope_changes == 1 ? "" : "s",
		s->rejected, s->errors, s->warnings, s->infos,
		gov_size_human(s->bytes, size, sizeof(size)), s->seconds);
	if (s->seconds > 0 && s->records > 0)
		(void)printf(" (%.0f records/s)", (double)s->records / s->seconds);
	if (s->retries > 0)
		(void)printf("; %lu retr%s", s->retries, s->retries == 1 ? "y" : "ies");
	(void)printf("\n");
}

static int
parse_long(const char *opt, const char *s, long max, long *out)
{
	uint64_t v;

	if (gov_strtou64(s, 0, (uint64_t)max, &v) != GOV_EOK) {
		log_error("%s: \"%s\" is not a whole number from 0 to %ld", opt, s, max);
		return -1;
	}
	*out = (long)v;
	return 0;
}

static void
fill_source(struct harvest_source *src, const struct harvest_tuning *t, const char *ua,
	const struct run_opts *o)
{
	src->overlap = o->overlap >= 0 ? o->overlap : t->overlap;
	src->retries = (int)(o->retries >= 0 ? o->retries : t->retries);
	src->backoff = o->backoff > 0 ? o->backoff : t->backoff;
	src->max_wait = o->max_wait >= 0 ? o->max_wait : t->max_wait;
	src->max_pages = o->max_pages;
	src->full = o->full;
	src->fetch.connect_timeout = t->connect_timeout;
	src->fetch.low_speed_time = t->low_speed_time;
	src->fetch.timeout = o->timeout >= 0 ? o->timeout : t->timeout;
	src->fetch.max_bytes = (size_t)t->max_page_size;
	src->fetch.user_agent = ua;
}

int
cmd_harvest(int argc, char **argv)
{
	enum {
		OPT_URL = 256,
		OPT_PREFIX,
		OPT_SET,
		OPT_FROM,
		OPT_UNTIL,
		OPT_NAME,
		OPT_OVERLAP,
		OPT_RETRIES,
		OPT_BACKOFF,
		OPT_MAXWAIT,
		OPT_MAXPAGES,
		OPT_TIMEOUT,
		OPT_FULL,
	};
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{"url", required_argument, NULL, OPT_URL},
		{"prefix", required_argument, NULL, OPT_PREFIX},
		{"set", required_argument, NULL, OPT_SET},
		{"from", required_argument, NULL, OPT_FROM},
		{"until", required_argument, NULL, OPT_UNTIL},
		{"name", required_argument, NULL, OPT_NAME},
		{"overlap", required_argument, NULL, OPT_OVERLAP},
		{"retries", required_argument, NULL, OPT_RETRIES},
		{"backoff", required_argument, NULL, OPT_BACKOFF},
		{"max-wait", required_argument, NULL, OPT_MAXWAIT},
		{"max-pages", required_argument, NULL, OPT_MAXPAGES},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"full", no_argument, NULL, OPT_FULL},
		CLI_PATH_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct cli_paths paths = {NULL, NULL, NULL};
	struct run_opts o = {false, false, false, false, -1, -1, -1, 0, -1, 0};
	struct harvest_source adhoc;
	struct cli_context ctx;
	struct harvest_env env;
	const char *ua;
	char ua_buf[256], *end;
	int c, rc = EXIT_OK;
	time_t t;
	bool day;

	memset(&adhoc, 0, sizeof(adhoc));
	optind = 1;
	while ((c = getopt_long(argc, argv, "jqh", longopts, NULL)) != -1) {
		if (cli_path_option(c, optarg, &paths))
			continue;
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case OPT_URL:
			if (!gov_startswith_ci(optarg, "http://") &&
				!gov_startswith_ci(optarg, "https://")) {
				log_error(
					"--url: \"%s\" is not an http:// or https:// URL", optarg);
				return EXIT_USAGE;
			}
			adhoc.url = optarg;
			break;
		case OPT_PREFIX:
			adhoc.prefix = optarg;
			break;
		case OPT_SET:
			adhoc.set = optarg;
			break;
		case OPT_FROM:
		case OPT_UNTIL:
			if (gov_time_parse(optarg, &t, &day) != GOV_EOK) {
				log_error("--%s: \"%s\" is not a datestamp (YYYY-MM-DD or "
					  "YYYY-MM-DDThh:mm:ssZ)",
					c == OPT_FROM ? "from" : "until", optarg);
				return EXIT_USAGE;
			}
			if (c == OPT_FROM)
				adhoc.from = optarg;
			else
				adhoc.until = optarg;
			break;
		case OPT_NAME:
			adhoc.name = optarg;
			break;
		case OPT_OVERLAP:
			if (parse_long("--overlap", optarg, 86400L * 365, &o.overlap) != 0)
				return EXIT_USAGE;
			break;
		case OPT_RETRIES:
			if (parse_long("--retries", optarg, 100, &o.retries) != 0)
				return EXIT_USAGE;
			break;
		case OPT_BACKOFF:
			o.backoff = strtod(optarg, &end);
			if (*end != '\0' || o.backoff <= 0 || o.backoff > 3600) {
				log_error(
					"--backoff: \"%s\" is not a number of seconds in (0, 3600]",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_MAXWAIT:
			if (parse_long("--max-wait", optarg, 86400, &o.max_wait) != 0)
				return EXIT_USAGE;
			break;
		case OPT_MAXPAGES:
			if (parse_long("--max-pages", optarg, 100000000L, &o.max_pages) != 0)
				return EXIT_USAGE;
			break;
		case OPT_TIMEOUT:
			if (parse_long("--timeout", optarg, 86400, &o.timeout) != 0)
				return EXIT_USAGE;
			break;
		case OPT_FULL:
			o.full = true;
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if ((adhoc.url == NULL) == (optind >= argc)) {
		log_error("harvest: give either SOURCE names or --url");
		usage(stderr);
		return EXIT_USAGE;
	}
	if (adhoc.url == NULL &&
		(adhoc.prefix || adhoc.set || adhoc.from || adhoc.until || adhoc.name)) {
		log_error("harvest: --prefix, --set, --from, --until and --name go with --url");
		return EXIT_USAGE;
	}
	rc = cli_open(&paths, true, true, &ctx);
	if (rc != EXIT_OK)
		return rc;
	o.tty = !o.json && !o.quiet && isatty(STDERR_FILENO);
	ua = ctx.conf->user_agent;
	if (ua == NULL) {
		(void)snprintf(ua_buf, sizeof(ua_buf), "wisgov/%s (WIS data-exchange governor%s%s)",
			PACKAGE_VERSION, ctx.conf->gisc != NULL ? "; GISC " : "",
			ctx.conf->gisc != NULL ? ctx.conf->gisc : "");
		ua = ua_buf;
	}
	memset(&env, 0, sizeof(env));
	env.store = ctx.store;
	env.check = &ctx.check;
	env.actor = journal_local_actor();
	env.progress = progress;
	env.progress_arg = &o;

	for (int i = optind; i < argc || (adhoc.url != NULL && i == optind); i++) {
		struct harvest_source src;
		struct harvest_stats stats;
		struct gov_diag d;
		const struct conf_source *cs = NULL;
		struct harvest_origin origin;
		int hr;

		memset(&src, 0, sizeof(src));
		if (adhoc.url != NULL) {
			src = adhoc;
			if (src.name == NULL)
				src.name = src.url;
			fill_source(&src, &ctx.conf->harvest, ua, &o);
		} else if (strncmp(argv[i], "dir:", 4) == 0 && argv[i][4] != '\0') {
			src.name = argv[i];
			src.dir = argv[i] + 4;
			fill_source(&src, &ctx.conf->harvest, ua, &o);
		} else if ((cs = wisgov_conf_source(ctx.conf, argv[i])) != NULL) {
			src.name = cs->name;
			src.url = cs->url;
			src.dir = cs->dir;
			src.prefix = cs->prefix;
			src.set = cs->set;
			fill_source(&src, &cs->tuning, ua, &o);
		} else if (harvest_origin(ctx.store, argv[i], &origin, NULL) == GOV_EOK) {
			/* Harvested before with --url --name: go on where it was. */
			src.name = argv[i];
			if (strcmp(origin.kind, "dir") == 0)
				src.dir = origin.url;
			else
				src.url = origin.url;
			src.prefix = origin.prefix[0] != '\0' ? origin.prefix : NULL;
			src.set = origin.set[0] != '\0' ? origin.set : NULL;
			fill_source(&src, &ctx.conf->harvest, ua, &o);
		} else {
			log_error(
				"harvest: no source \"%s\" in %s nor in the store (use a configured "
				"name, dir:PATH, or --url with --name)",
				argv[i],
				ctx.conf->path != NULL ? ctx.conf->path : "the configuration");
			rc = EXIT_USAGE;
			continue;
		}
		gov_diag_clear(&d);
		hr = harvest_run(&env, &src, &stats, &d);
		summary(&o, src.name, &stats, hr, &d);
		if (hr != GOV_EOK) {
			cli_log_diag(&d);
			if (rc == EXIT_OK)
				rc = EXIT_FINDING;
		}
		if (adhoc.url != NULL)
			break;
	}
	if (fflush(stdout) != 0)
		rc = EXIT_USAGE;
	cli_close(&ctx);
	return rc;
}
