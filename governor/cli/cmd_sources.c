/*
 * cmd_sources.c -- wisgov sources [--json]: each source's checkpoint.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/common.h"
#include "common/buf.h"
#include "common/jsonr.h"
#include "common/jsonw.h"
#include "common/log.h"
#include "store/store.h"

struct opts {
	bool json;
};

static const char *
dash(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : "-";
}

static int
one(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	const struct opts *o = arg;
	struct jsonr *doc = NULL;
	const struct jsonr_val *v, *run;

	if (o->json) {
		/* The name may hold any character (dir:PATH); the checkpoint
		 * is JSON already, written by the harvester. */
		struct gov_buf name;

		gov_buf_init(&name, 6 * klen + 3); /* \u00XX at worst */
		(void)jsonw_escape(&name, key, klen);
		(void)printf("{\"source\":%s,\"checkpoint\":%.*s}\n", gov_buf_str(&name), (int)vlen,
			(const char *)val);
		gov_buf_deinit(&name);
		return 0;
	}
	if (jsonr_parse(val, vlen, 1u << 20, &doc, NULL) != GOV_EOK) {
		(void)printf("%.*s: unreadable checkpoint\n", (int)klen, (const char *)key);
		return 0;
	}
	v = jsonr_root(doc);
	run = jsonr_get(v, "run");
	(void)printf("%.*s  %s %s  runs %lld  last complete run from %s", (int)klen,
		(const char *)key, dash(jsonr_str(v, "kind")), dash(jsonr_str(v, "url")),
		(long long)jsonr_int(v, "runs", 0), dash(jsonr_str(v, "last_success_start")));
	if (jsonr_is_object(run))
		(void)printf("  (interrupted run at page %lld, resumes on the next harvest)",
			(long long)jsonr_int(run, "page", 0));
	(void)printf("\n");
	jsonr_free(doc);
	return 0;
}

int
cmd_sources(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		CLI_PATH_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct cli_paths paths = {NULL, NULL, NULL};
	struct cli_context ctx;
	struct store_txn *t = NULL;
	struct opts o = {false};
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		if (cli_path_option(c, optarg, &paths))
			continue;
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case 'h':
			(void)printf("usage: wisgov sources [--db DIR] [--config FILE] [--json]\n"
				     "Show every harvested source's checkpoint.\n");
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	if ((rc = cli_open(&paths, false, false, &ctx)) != EXIT_OK)
		return rc;
	if ((rc = cli_read_txn(&ctx, &t)) == EXIT_OK) {
		rc = store_scan(t, STORE_SOURCES, NULL, 0, false, one, &o) < 0 ? EXIT_USAGE
									       : EXIT_OK;
		store_txn_abort(t);
	}
	cli_close(&ctx);
	return rc;
}
