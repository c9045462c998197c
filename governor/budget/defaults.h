/*
 * defaults.h -- the default per-record budgets shipped in rules/.
 *
 * Guide to WIS 7.7.3 asks the principal GISC to review a record whose data
 * are an exceptional or excessive load.  rules/budgets.yaml says what the
 * default rules call exceptional: a warn and an exceed threshold for bytes
 * and for files per 24 hours.  The budget store (LMDB) builds on these.
 */
#ifndef GOV_BUDGET_DEFAULTS_H
#define GOV_BUDGET_DEFAULTS_H

#include <stdint.h>

#include "common/err.h"

struct budget_limit {
	uint64_t warn;
	uint64_t exceed;
};

struct record_budget {
	struct budget_limit bytes_per_day;
	struct budget_limit files_per_day;
};

/*
 * Read the `record:` section of a budgets file.  Unknown keys, missing
 * thresholds, unparsable sizes and warn > exceed are errors with
 * file:line:col in d.
 */
int budget_defaults_load(const char *path, struct record_budget *out, struct gov_diag *d);

#endif
