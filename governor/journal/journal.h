/*
 * journal.h -- the append-only, tamper-evident journal.
 *
 * Every harvest run, every scope change and (later) every budget change,
 * case action and API call is journalled: who did what to which object,
 * when, with details.  Entries are numbered from 1 and chained: each
 * entry's body names the hash of the previous entry, and its own hash is
 * SHA-256 of its body, so altering, removing or reordering any entry
 * breaks every hash after it (journal_verify).  An entry is written in the
 * same transaction as the change it records.
 */
#ifndef GOV_JOURNAL_JOURNAL_H
#define GOV_JOURNAL_JOURNAL_H

#include <stdint.h>
#include <time.h>

#include "common/err.h"
#include "common/hash.h"
#include "store/store.h"

struct jsonw;

/* The hash chained before the first entry: 64 zeros. */
#define JOURNAL_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/*
 * Append an entry in transaction t.  details_json is a JSON object (or
 * NULL) that is embedded as is.  On success *seq is its number (if seq is
 * not NULL).  Errors poison t.
 */
void journal_append(struct store_txn *t, time_t when, const char *actor, const char *action,
	const char *object, const char *details_json, uint64_t *seq);

/* One entry, as read back. */
struct journal_entry {
	uint64_t seq;
	char hash[GOV_SHA256_HEX];
	const char *body; /* the JSON body, valid during the callback */
	size_t body_len;
};

/* Entries with seq >= from (0: all), newest last; fn non-zero stops. */
int journal_scan(struct store_txn *t, uint64_t from,
	int (*fn)(const struct journal_entry *e, void *arg), void *arg);

/*
 * Check the whole chain.  Returns GOV_EOK and the number of entries and
 * the head hash, or GOV_EPARSE/GOV_EHOSTILE with d naming the first entry
 * that does not verify and why.
 */
int journal_verify(
	struct store_txn *t, uint64_t *count, char head[GOV_SHA256_HEX], struct gov_diag *d);

/* The actor running this process: "$USER@host" or "uid N". */
const char *journal_local_actor(void);

#endif
