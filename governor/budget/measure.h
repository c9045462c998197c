/*
 * measure.h -- what a record (or a centre's unmatched data) really costs,
 * from its hourly counters, as of a given time.
 */
#ifndef GOV_BUDGET_MEASURE_H
#define GOV_BUDGET_MEASURE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "store/store.h"

struct measure {
	bool measured; /* traffic in the last 14 days (else an estimate applies) */
	uint64_t bytes_24h, count_24h;
	uint64_t peak_hour_bytes; /* the busiest hour of the last 24 */
	time_t peak_hour;         /* its start, 0 if none */
	double mean_interval;     /* seconds between files over 24 h; < 0 unknown */
	uint64_t week_bytes, prev_week_bytes;
	double week_change;  /* (week - previous) / previous; NaN if none before */
	uint64_t hourly[24]; /* bytes per hour of the last 24 h, oldest first */
};

/*
 * Measure name (a folded record identifier, or a centre for
 * STORE_UNMATCHED) as of at: the 24 whole hours before at (the hour
 * holding at - 1 s and the 23 before it), the 7 days before at, and the 7
 * days before those.
 */
void measure_counters(struct store_txn *t, enum store_db db, const char *name, size_t nlen,
	time_t at, struct measure *m);

#endif
