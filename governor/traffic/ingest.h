/*
 * ingest.h -- measure traffic: count what arrives, per record and hour.
 *
 * Guide to WIS 7.7.3 asks the principal GISC to monitor the volume and
 * frequency of a new record's data.  Metadata almost never says either,
 * so wisgov counts them from what actually flows: cache arrival logs and
 * WIS 2.0 notifications.  Each line is mapped to its record (a heading in
 * the name, an operator's pattern, or the notification's metadata_id);
 * what matches no known record is counted per originating centre as data
 * without metadata, never dropped.  Counts go into hourly buckets in LMDB
 * in batches, each batch in one transaction with the input's position, so
 * re-reading a file or restarting after a kill counts nothing twice.
 */
#ifndef GOV_TRAFFIC_INGEST_H
#define GOV_TRAFFIC_INGEST_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "common/err.h"
#include "traffic/line.h"

struct store;
struct gov_regex;

enum ingest_format {
	INGEST_AUTO, /* by the first character that is not blank: { is a notification */
	INGEST_LOG,
	INGEST_WNM,
};

/* A local naming rule: a name matching re belongs to the record tmpl
 * names ($1..$9 are the captures). */
struct ingest_pattern {
	struct gov_regex *re;
	const char *record;
	const char *where; /* file:line of the rule, for messages */
};

struct ingest_options {
	enum ingest_format format;
	bool follow;            /* keep reading a growing file */
	double poll;            /* seconds between looks at it; <= 0: 1 */
	double idle_exit;       /* with follow: stop after this long without data; 0: never */
	const char *input_name; /* identity of standard input, so it can resume */
	const struct ingest_pattern *patterns;
	size_t npatterns;
	unsigned long batch_lines; /* commit every N lines; 0: 500000 */
	time_t now;                /* lines after now + 1 day are impossible; 0: gov_now().
				    * Every commit takes gov_now() anew (--follow). */
	long retention_days;       /* drop buckets older than this; 0: 35 */
};

#define INGEST_FIRST_BAD 5 /* line numbers kept per kind of bad line */

struct ingest_stats {
	uint64_t lines; /* read in this run */
	uint64_t comments;
	uint64_t counted; /* lines counted (matched + unmatched) */
	uint64_t matched, unmatched;
	uint64_t bytes, matched_bytes, unmatched_bytes;
	uint64_t no_size;    /* notifications without a length */
	uint64_t duplicates; /* notifications counted before (same data_id and pubtime) */
	uint64_t bad[BAD_KINDS];
	uint64_t first_bad[BAD_KINDS][INGEST_FIRST_BAD];
	uint64_t pattern_errors; /* patterns stopped by their limits */
	uint64_t commits;
	uint64_t start_offset; /* where this run started reading (resume) */
	uint64_t start_line;
	uint64_t pending;   /* bytes after the last newline, left for the next run */
	bool tracked;       /* the input has an identity: re-reading is safe */
	time_t first, last; /* time span of the counted lines */
};

/*
 * Ingest path ("-": standard input).  Returns GOV_EOK unless the input
 * cannot be read or the store fails; bad lines are counted in st, not
 * errors.
 */
int ingest_run(struct store *s, const char *path, const struct ingest_options *opt,
	struct ingest_stats *st, struct gov_diag *d);

/*
 * The steps of ingest_run for a caller that has the lines itself (and for
 * tests): ingest_line counts one line (without its newline) into the
 * batch, ingest_flush commits it.  Each flush also takes the time anew
 * (gov_now()) and forgets the identifiers found unknown, as a long
 * --follow run must.  No input position is kept.  st is filled as by
 * ingest_run.
 */
struct ingest;
struct ingest *ingest_new(
	struct store *s, const struct ingest_options *opt, struct ingest_stats *st);
void ingest_line(struct ingest *in, const char *line, size_t len);
int ingest_flush(struct ingest *in, struct gov_diag *d);
/* The time lines are judged against now. */
time_t ingest_now(const struct ingest *in);
void ingest_free(struct ingest *in);

/* Drop counter days older than the retention, once a day at most. */
int ingest_prune(struct store *s, time_t now, long retention_days, struct gov_diag *d);

#endif
