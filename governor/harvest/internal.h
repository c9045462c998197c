/*
 * internal.h -- pieces shared by the OAI-PMH and spool-directory
 * harvesters: the checkpoint of a source and the application of one
 * harvested item (an OAI record, or a file) to the catalogue.
 */
#ifndef GOV_HARVEST_INTERNAL_H
#define GOV_HARVEST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "common/timeutil.h"
#include "harvest/harvest.h"
#include "store/store.h"

#define CP_MAX_TOKEN 4096

/* A source's state in STORE_SOURCES: where the next run starts. */
struct checkpoint {
	char kind[8]; /* "oai" or "dir" */
	char url[1024];
	char prefix[128];
	char set[256];
	bool seconds;            /* provider granularity */
	char deleted_record[16]; /* Identify's deletedRecord: no, persistent, transient */
	char last_success_start[GOV_TIME_LEN]; /* "" before the first complete run */
	char last_run_end[GOV_TIME_LEN];
	unsigned long runs;
	/* The run in progress, if any. */
	bool in_run;
	char run_start[GOV_TIME_LEN];
	char from[GOV_TIME_LEN];
	char until[GOV_TIME_LEN];
	char token[CP_MAX_TOKEN]; /* "" before the first page */
	unsigned long page;       /* pages committed in this run */
	struct harvest_stats stats;
};

/* GOV_ENOENT (and a zeroed cp) for a source never harvested. */
int checkpoint_load(struct store_txn *t, const char *name, struct checkpoint *cp);
void checkpoint_save(struct store_txn *t, const char *name, const struct checkpoint *cp);
/*
 * Give up the run in progress without completing it: its token and page
 * are forgotten, so the next run lists from the start of the last complete
 * run again instead of resuming a token that cannot work.
 */
void checkpoint_abandon(struct store_txn *t, const char *name, struct checkpoint *cp);
/* Close the run: journal it and make its start the next run's origin. */
void checkpoint_finish(struct store_txn *t, const char *name, struct checkpoint *cp, time_t now,
	const char *actor);

/* One record found in an item, judged. */
struct item_record {
	const char *identifier; /* fileIdentifier, or a fallback when it has none */
	const struct check_judged *judged;
	const char *digest;
};

struct item {
	const char *source;
	const char *name; /* OAI identifier or relative path */
	const char *datestamp;
	const char *const *sets;
	size_t nsets;
	bool deleted;
	const struct item_record *records;
	size_t nrecords;
	const char *extra_json; /* members kept with the item state ("\"size\":1,..."), or NULL */
};

/*
 * Apply an item in t: its records are new, changed or unchanged; records
 * it held before and no longer holds, or all of them if it was deleted,
 * are deleted.  Counts go into s.
 */
int harvest_apply_item(struct store_txn *t, const struct harvest_env *env, const struct item *it,
	time_t now, struct harvest_stats *s);

/* The stored state of an item: its JSON, or GOV_ENOENT. */
int harvest_item_state(
	struct store_txn *t, const char *source, const char *name, struct gov_buf *out);

/* Add b's counters to a. */
void harvest_stats_add(struct harvest_stats *a, const struct harvest_stats *b);

/* Sleep for seconds (fractions allowed). */
void harvest_sleep(double seconds);

int oai_harvest(const struct harvest_env *env, const struct harvest_source *src,
	struct harvest_stats *stats, struct gov_diag *d);
int dir_harvest(const struct harvest_env *env, const struct harvest_source *src,
	struct harvest_stats *stats, struct gov_diag *d);

#endif
