/*
 * catalogue.h -- the records a GISC follows, their state and history.
 *
 * Each record is keyed by its identifier folded to lower case (WCMP 1.3
 * Part 1 8.1: identifiers are unique case-insensitively).  A record keeps
 * a summary of its latest version -- datestamp, sets, resolved scope,
 * policy, priority, centre, verdict, a digest of its content -- plus when
 * it was first seen (the moment Guide 7.7.3 cares about), last seen and
 * last changed.  Every new version, deletion and restoration adds a
 * history entry; a scope change of a known record is also journalled.
 * All of it happens in the caller's transaction.
 */
#ifndef GOV_CATALOGUE_CATALOGUE_H
#define GOV_CATALOGUE_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "common/arena.h"
#include "common/err.h"
#include "store/store.h"

struct wcmp_report;
struct jsonw;

#define CAT_MAX_IDENTIFIER 400

/* What a harvester hands over for one record. */
struct cat_incoming {
	const char *identifier; /* trimmed; OAI header identifier or fileIdentifier */
	const char *datestamp;  /* as the provider wrote it */
	bool deleted;
	const char *const *sets;
	size_t nsets;
	const struct wcmp_report *report; /* NULL for a deletion */
	const char *principal_gisc;       /* or NULL */
	const char *digest;               /* hex SHA-256 of the content, NULL if deleted */
	const char *source;
	const char *item; /* what the source calls it: OAI identifier or file path */
};

enum cat_outcome {
	CAT_NEW,
	CAT_CHANGED,
	CAT_UNCHANGED,
	CAT_DELETED,         /* a live record was deleted */
	CAT_RESTORED,        /* a deleted record is live again */
	CAT_DELETED_UNKNOWN, /* a deletion of a record never seen (tombstone kept) */
	CAT_STILL_DELETED,   /* a deletion seen again */
};

struct cat_result {
	enum cat_outcome outcome;
	bool scope_changed;
	char old_scope[32];
	char new_scope[32];
};

/* A record summary as stored; strings live in the arena given to the reader. */
struct cat_record {
	const char *identifier;
	const char *datestamp;
	bool deleted;
	const char **sets;
	size_t nsets;
	const char *scope;
	const char *scope_source;
	const char *data_policy;
	const char *gts_priority;
	const char *centre;
	const char *principal_gisc;
	const char *title;
	const char *verdict;
	long errors, warnings;
	const char *digest;
	const char *first_seen;
	const char *last_seen;
	const char *last_changed;
	const char *source;
	const char *item;
	double declared_per_day; /* the flow the record declares; < 0 unknown */
	double declared_bytes_per_day;
};

/* Apply one incoming record in t; errors poison t and are returned. */
int catalogue_apply(struct store_txn *t, const struct cat_incoming *in, time_t now,
	const char *actor, struct cat_result *res);

/* Read one record (by identifier, any case).  GOV_ENOENT if unknown. */
int catalogue_get(
	struct store_txn *t, const char *identifier, struct arena *a, struct cat_record *out);

/* Is a record with this identifier (any case) known? */
bool catalogue_exists(struct store_txn *t, const char *identifier, size_t len);

/* The identifier folded as the stores key it; returns its length. */
size_t catalogue_fold(const char *identifier, size_t len, char *key, size_t size);

/* Every record in key order; fn non-zero stops. */
int catalogue_scan(struct store_txn *t, struct arena *scratch,
	int (*fn)(const struct cat_record *r, void *arg), void *arg);

/* A record's history, oldest first; entry_json is borrowed during the call. */
int catalogue_history(struct store_txn *t, const char *identifier,
	int (*fn)(const char *entry_json, size_t len, void *arg), void *arg);

/* Write r as the members of the current JSON object (for --json output). */
void catalogue_record_json(struct jsonw *w, const struct cat_record *r);

const char *cat_outcome_name(enum cat_outcome o);

#endif
