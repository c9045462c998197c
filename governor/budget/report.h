/*
 * report.h -- usage and headroom of every budget, as of a given time.
 *
 * One pass over the catalogue measures every record's last 24 hours (or
 * estimates it when it has no traffic yet); the GISC cache, each link and
 * each provider centre are then totals of those, compared with their
 * budgets.  The report also names the top consumers, the records first
 * seen within the monitoring window with their flow (the records Guide
 * 7.7.3 asks the principal GISC to watch), the records above the
 * per-record thresholds, and the data without metadata per centre.
 */
#ifndef GOV_BUDGET_REPORT_H
#define GOV_BUDGET_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "budget/budgets.h"
#include "budget/defaults.h"
#include "budget/measure.h"
#include "common/buf.h"
#include "common/err.h"

struct store;
struct datatypes;

struct report_options {
	time_t at;
	long window_days;                     /* monitoring window for new records; 0: 14 */
	size_t top;                           /* top consumers; 0: 10 */
	const struct record_budget *defaults; /* per-record default when no "record" budget */
	const struct datatypes *types;        /* defaults per data type, may be NULL */
	const struct centres *centres;        /* centre-id -> CCCC, may be NULL */
};

/* One record's cost, measured or estimated. */
struct report_record {
	char identifier[401];
	char scope[24];
	char centre[8];
	char first_seen[24];
	bool global, deleted;
	bool listed; /* in the catalogue at the report's time (else no estimate) */
	struct measure m;
	double est_bytes, est_count; /* 24 h estimate when !m.measured; < 0 unknown */
	char est_source[48];         /* "record" or "data-type:SM" */
	int state;                   /* 0 ok, 1 warn, 2 exceed (per-record budget) */
};

struct report;
struct centres;

int report_build(
	struct store *s, const struct report_options *opt, struct report **out, struct gov_diag *d);
void report_free(struct report *r);

/* The whole report as one JSON object, or as text for people. */
int report_json(const struct report *r, struct gov_buf *out);
void report_text(const struct report *r, FILE *fp);

struct jsonw;

/* Write a "shares" object: rr's share of each of the n budgets it weighs on. */
void report_shares(
	struct jsonw *w, const struct report_record *rr, const struct budget *budgets, size_t n);

/* Measure or estimate one record (records show). */
void report_one(struct store_txn *t, const struct report_options *opt, const char *identifier,
	struct report_record *out);

#endif
