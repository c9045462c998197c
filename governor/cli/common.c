/*
 * common.c -- configuration, store and rules for the commands.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "budget/budgets.h"
#include "budget/datatypes.h"
#include "centres/centres.h"
#include "cli/cmd.h"
#include "cli/common.h"
#include "common/log.h"
#include "common/timeutil.h"
#include "journal/journal.h"
#include "common/xmalloc.h"
#include "store/store.h"

#define SYSTEM_CONFIG "/etc/wisgov/wisgov.yaml"
#define SYSTEM_DB     "/var/lib/wisgov"

bool
cli_path_option(int c, const char *arg, struct cli_paths *p)
{
	switch (c) {
	case CLI_OPT_DB:
		p->db = arg;
		return true;
	case CLI_OPT_CONFIG:
		p->config = arg;
		return true;
	case CLI_OPT_RULES:
		p->rules = arg;
		return true;
	default:
		return false;
	}
}

int
cli_read_txn(struct cli_context *ctx, struct store_txn **t)
{
	struct gov_diag d;

	gov_diag_clear(&d);
	if (store_txn_begin(ctx->store, false, t, &d) != GOV_EOK) {
		cli_log_diag(&d);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

void
cli_log_diag(const struct gov_diag *d)
{
	char msg[GOV_DIAG_FILE + GOV_DIAG_MSG + 64];

	log_error("%s", gov_diag_format(d, msg, sizeof(msg)));
}

static const char *
pick(const char *a, const char *b, const char *c, const char *dflt)
{
	if (a != NULL)
		return a;
	if (b != NULL && b[0] != '\0')
		return b;
	if (c != NULL && c[0] != '\0')
		return c;
	return dflt;
}

static int open_all(
	const struct cli_paths *paths, bool write, bool need_rules, struct cli_context *ctx);

int
cli_open(const struct cli_paths *paths, bool write, bool need_rules, struct cli_context *ctx)
{
	int rc = open_all(paths, write, need_rules, ctx);

	/* On failure nothing stays open: callers just return the status. */
	if (rc != EXIT_OK)
		cli_close(ctx);
	return rc;
}

static int
open_all(const struct cli_paths *paths, bool write, bool need_rules, struct cli_context *ctx)
{
	const char *config = pick(paths->config, getenv("WISGOV_CONFIG"), NULL, NULL);
	struct store_options so;
	struct gov_diag d;
	char *path = NULL;
	const char *rules;
	int rc;

	memset(ctx, 0, sizeof(*ctx));
	gov_diag_clear(&d);
	if (config == NULL && access(SYSTEM_CONFIG, R_OK) == 0)
		config = SYSTEM_CONFIG;
	if (config != NULL) {
		if (wisgov_conf_load(config, &ctx->conf, &d) != GOV_EOK) {
			cli_log_diag(&d);
			return EXIT_USAGE;
		}
	} else {
		ctx->conf = wisgov_conf_default();
	}
	memset(&so, 0, sizeof(so));
	so.path = pick(paths->db, ctx->conf->store_path, getenv("WISGOV_DB"), SYSTEM_DB);
	so.max_size = ctx->conf->store_max_size;
	so.readonly = !write;
	gov_diag_clear(&d);
	if ((rc = store_open(&so, &ctx->store, &d)) != GOV_EOK) {
		cli_log_diag(&d);
		return EXIT_USAGE;
	}
	if (!need_rules)
		return EXIT_OK;
	rules = cli_rules_dir(paths->rules != NULL ? paths->rules : ctx->conf->rules);
	xasprintf(&path, "%s/budgets.yaml", rules);
	gov_diag_clear(&d);
	if (budget_defaults_load(path, &ctx->budget, &d) != GOV_EOK) {
		cli_log_diag(&d);
		free(path);
		return EXIT_USAGE;
	}
	free(path);
	xasprintf(&path, "%s/centres.csv", rules);
	gov_diag_clear(&d);
	if (centres_load(path, &ctx->centres, &d) != GOV_EOK) {
		cli_log_diag(&d);
		free(path);
		return EXIT_USAGE;
	}
	free(path);
	xasprintf(&path, "%s/data-types.yaml", rules);
	gov_diag_clear(&d);
	if (datatypes_load(path, &ctx->types, &d) != GOV_EOK) {
		cli_log_diag(&d);
		free(path);
		return EXIT_USAGE;
	}
	free(path);
	ctx->check.budget = &ctx->budget;
	ctx->check.centres = ctx->centres;
	ctx->check.expect.bytes_per_day = -1;
	ctx->check.expect.per_day = -1;
	ctx->check.max_bytes = ctx->conf->harvest.max_page_size != 0
				       ? (size_t)ctx->conf->harvest.max_page_size
				       : 64u * 1024 * 1024;
	return EXIT_OK;
}

void
cli_close(struct cli_context *ctx)
{
	store_close(ctx->store);
	centres_free(ctx->centres);
	datatypes_free(ctx->types);
	wisgov_conf_free(ctx->conf);
	memset(ctx, 0, sizeof(*ctx));
}

struct seed {
	struct cli_context *ctx;
	unsigned long created;
};

static int
seed_txn(struct store_txn *t, void *arg)
{
	struct seed *sd = arg;
	const struct wisgov_conf *c = sd->ctx->conf;
	char actor[300];

	sd->created = 0;
	(void)snprintf(actor, sizeof(actor), "config:%s", c->path != NULL ? c->path : "");
	for (size_t i = 0; i < c->nbudgets; i++) {
		const struct conf_budget *cb = &c->budgets[i];
		struct budget b, old;
		struct gov_diag d;

		gov_diag_clear(&d);
		if (budget_parse_name(cb->name, &b, &d) != GOV_EOK) {
			log_error("%s:%lu: %s", c->path, cb->line, d.msg);
			return GOV_EINVAL;
		}
		if (budget_get(t, b.name, &old) == GOV_EOK)
			continue;
		b.warn = cb->warn;
		b.exceed = cb->exceed;
		b.count_warn = cb->count_warn;
		b.count_exceed = cb->count_exceed;
		budget_put(t, &b, gov_now(), actor, "budget-seed");
		sd->created++;
	}
	return store_txn_error(t);
}

int
cli_seed_budgets(struct cli_context *ctx)
{
	struct seed sd = {ctx, 0};
	struct gov_diag d;

	if (ctx->conf->nbudgets == 0)
		return EXIT_OK;
	gov_diag_clear(&d);
	if (store_write(ctx->store, seed_txn, &sd, &d) != GOV_EOK) {
		if (d.msg[0] != '\0')
			cli_log_diag(&d);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int
cli_parse_at(const char *opt, const char *s, time_t *out)
{
	bool day;

	if (gov_time_parse(s, out, &day) != GOV_EOK) {
		log_error("%s: \"%s\" is not a datestamp (YYYY-MM-DD[Thh:mm:ssZ])", opt, s);
		return -1;
	}
	/* A day means its end: everything up to that midnight. */
	if (day)
		*out += 86400 - 1;
	return 0;
}
