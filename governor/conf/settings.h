/*
 * settings.h -- wisgov.yaml, the operator's configuration (wisgov.yaml(5)).
 *
 * Read with the strict YAML loader; every key is known (a misspelt key is
 * an error, never ignored), every value is checked, and every error names
 * file:line:col.  Strings point into the loaded document and live until
 * wisgov_conf_free().
 */
#ifndef GOV_CONF_SETTINGS_H
#define GOV_CONF_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

/* Longest source name, url or dir, prefix and set accepted (bytes): what a
 * harvest checkpoint keeps whole (harvest.h says the same, and
 * harvest.c checks that both agree). */
#define CONF_MAX_SOURCE_NAME 255
#define CONF_MAX_URL         1023
#define CONF_MAX_PREFIX      127
#define CONF_MAX_SET         255

/* Harvest tuning, global and per source (-1 / 0: the built-in default). */
struct harvest_tuning {
	long overlap;
	long retries;
	double backoff;
	long max_wait;
	long connect_timeout;
	long low_speed_time;
	long timeout;
	uint64_t max_page_size;
};

struct conf_source {
	const char *name;
	const char *url; /* OAI-PMH base URL, or NULL */
	const char *dir; /* spool directory, or NULL */
	const char *prefix;
	const char *set;
	const char *schedule;
	struct harvest_tuning tuning;
};

/* A budget seeded from the configuration (budgets:). */
struct conf_budget {
	const char *name;
	uint64_t warn, exceed;
	uint64_t count_warn, count_exceed;
	unsigned long line;
};

/* A local naming rule for traffic (ingest: patterns:). */
struct conf_pattern {
	const char *match;  /* PCRE2 */
	const char *record; /* identifier template, $1..$9 */
	unsigned long line, col;
};

struct wisgov_conf {
	const char *path;
	const char *gisc;
	const char *store_path;
	uint64_t store_max_size;
	const char *rules;
	const char *user_agent;
	struct harvest_tuning harvest;
	struct conf_source *sources;
	size_t nsources;
	struct conf_budget *budgets;
	size_t nbudgets;
	struct conf_pattern *patterns;
	size_t npatterns;
	long monitoring_window; /* days; 0: 14 */
	long retention;         /* days; 0: 35 */
	struct conf_doc *doc;
};

int wisgov_conf_load(const char *path, struct wisgov_conf **out, struct gov_diag *d);
/* An empty configuration (no file): built-in defaults only. */
struct wisgov_conf *wisgov_conf_default(void);
void wisgov_conf_free(struct wisgov_conf *c);
const struct conf_source *wisgov_conf_source(const struct wisgov_conf *c, const char *name);

#endif
