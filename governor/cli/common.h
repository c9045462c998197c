/*
 * common.h -- what several commands share: the configuration file, the
 * store, and the rules used to judge records.
 */
#ifndef GOV_CLI_COMMON_H
#define GOV_CLI_COMMON_H

#include <stdbool.h>
#include <time.h>

#include "budget/defaults.h"
#include "check/check.h"
#include "conf/settings.h"

struct store;
struct store_txn;
struct centres;
struct datatypes;

/* The options every command that uses the store takes (values out of the
 * way of the commands' own). */
enum {
	CLI_OPT_DB = 1000,
	CLI_OPT_CONFIG,
	CLI_OPT_RULES,
};

/* clang-format off */
#define CLI_PATH_OPTIONS                                      \
	{"db", required_argument, NULL, CLI_OPT_DB},          \
	{"config", required_argument, NULL, CLI_OPT_CONFIG},  \
	{"rules", required_argument, NULL, CLI_OPT_RULES}
/* clang-format on */

/* Where things are, from the command line (NULL: not given). */
struct cli_paths {
	const char *config; /* --config */
	const char *db;     /* --db */
	const char *rules;  /* --rules */
};

struct cli_context {
	struct wisgov_conf *conf;
	struct store *store;
	struct record_budget budget;
	struct centres *centres;
	struct datatypes *types;
	struct check_options check;
};

/*
 * Load the configuration (--config, $WISGOV_CONFIG, /etc/wisgov/wisgov.yaml
 * if it exists, else built-in defaults), open the store (--db, the
 * configuration, $WISGOV_DB, /var/lib/wisgov) read-only or for writing,
 * and, if need_rules, the budgets and centres.  Errors are logged;
 * returns 0 or an exit status.
 */
int cli_open(const struct cli_paths *paths, bool write, bool need_rules, struct cli_context *ctx);
void cli_close(struct cli_context *ctx);

/* Take --db, --config or --rules into p; false if c is another option. */
bool cli_path_option(int c, const char *arg, struct cli_paths *p);

/* Begin a read transaction, logging why not; 0 or an exit status. */
int cli_read_txn(struct cli_context *ctx, struct store_txn **t);

/* Log a diagnostic as "file:line:col: message". */
void cli_log_diag(const struct gov_diag *d);

/*
 * Create the budgets the configuration names and the store lacks (the
 * store's own, set with wisgov budget set, always win), journalled.
 */
int cli_seed_budgets(struct cli_context *ctx);

/* A time option: a datestamp, or now. */
int cli_parse_at(const char *opt, const char *s, time_t *out);

#endif
