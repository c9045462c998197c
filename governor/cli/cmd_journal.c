/*
 * cmd_journal.c -- wisgov journal list|verify: the tamper-evident journal.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/common.h"
#include "common/log.h"
#include "common/str.h"
#include "journal/journal.h"
#include "store/store.h"

static void
usage(FILE *fp)
{
	(void)fprintf(fp,
		"usage: wisgov journal list [--db DIR] [--config FILE] [--from N] [--json]\n"
		"       wisgov journal verify [--db DIR] [--config FILE]\n"
		"\n"
		"Every harvest run and every scope change is journalled; each entry is\n"
		"chained to the previous one by SHA-256, and verify checks the chain.\n");
}

struct list {
	bool json;
};

static int
print_entry(const struct journal_entry *e, void *arg)
{
	const struct list *l = arg;

	if (l->json)
		(void)printf(
			"{\"hash\":\"%s\",\"entry\":%.*s}\n", e->hash, (int)e->body_len, e->body);
	else
		(void)printf("%llu %.16s %.*s\n", (unsigned long long)e->seq, e->hash,
			(int)e->body_len, e->body);
	return 0;
}

int
cmd_journal(int argc, char **argv)
{
	enum { OPT_FROM = 256 };
	static const struct option longopts[] = {
		{"from", required_argument, NULL, OPT_FROM},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		CLI_PATH_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct cli_paths paths = {NULL, NULL, NULL};
	struct cli_context ctx;
	struct store_txn *t = NULL;
	struct list l = {false};
	struct gov_diag d;
	uint64_t from = 0, count = 0;
	char head[GOV_SHA256_HEX];
	const char *sub;
	int c, rc;

	if (argc < 2 || (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "verify") != 0)) {
		usage(stderr);
		return EXIT_USAGE;
	}
	sub = argv[1];
	argc--;
	argv++;
	optind = 1;
	while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		if (cli_path_option(c, optarg, &paths))
			continue;
		switch (c) {
		case OPT_FROM:
			if (gov_strtou64(optarg, 1, UINT64_MAX, &from) != GOV_EOK) {
				log_error("--from: \"%s\" is not an entry number", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'j':
			l.json = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if ((rc = cli_open(&paths, false, false, &ctx)) != EXIT_OK)
		return rc;
	if (cli_read_txn(&ctx, &t) != EXIT_OK) {
		cli_close(&ctx);
		return EXIT_USAGE;
	}
	gov_diag_clear(&d);
	if (strcmp(sub, "list") == 0) {
		rc = journal_scan(t, from, print_entry, &l) < 0 ? EXIT_USAGE : EXIT_OK;
	} else if (journal_verify(t, &count, head, &d) != GOV_EOK) {
		log_error("%s: %s", store_path(ctx.store), d.msg);
		rc = EXIT_FINDING;
	} else {
		(void)printf("journal verified: %llu entr%s, head %s\n", (unsigned long long)count,
			count == 1 ? "y" : "ies", head);
		rc = EXIT_OK;
	}
	store_txn_abort(t);
	cli_close(&ctx);
	return rc;
}
