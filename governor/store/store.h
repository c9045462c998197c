/*
 * store.h -- the only entry point to LMDB in wisgov.
 *
 * One environment (a directory), a fixed set of named databases, and
 * transactions with a sticky error (Knot's knot_lmdb_txn_t): every
 * operation first checks the transaction's error, the first failure
 * poisons it, and store_txn_commit() aborts a poisoned transaction, so a
 * logical change made of many puts is written whole or not at all.
 *
 * No MDB_val leaves this module: values are copied into caller buffers,
 * or lent to a callback for the duration of the call only.
 *
 * One write transaction at a time per process; several processes may use
 * the same environment (LMDB's own writer lock).  Never use a struct store
 * across fork().
 */
#ifndef GOV_STORE_STORE_H
#define GOV_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/err.h"

/* The named databases and what they hold (ARCHITECTURE.md, "Storage"). */
enum store_db {
	STORE_META,      /* "schema" -> version, "instance" -> id, counters */
	STORE_RECORDS,   /* folded identifier -> record summary (JSON) */
	STORE_HISTORY,   /* folded identifier NUL seq(BE64) -> history entry (JSON) */
	STORE_SOURCES,   /* source name -> harvest checkpoint (JSON) */
	STORE_ITEMS,     /* source NUL item (file path or OAI identifier) -> item state (JSON) */
	STORE_JOURNAL,   /* seq(BE64) -> "hash body" (journal/) */
	STORE_COUNTERS,  /* folded identifier NUL day(BE32) -> 24 x (bytes, count) (traffic/) */
	STORE_UNMATCHED, /* centre NUL day(BE32) -> 24 x (bytes, count): data without metadata */
	STORE_INPUTS,    /* input identity -> position (JSON): what was already counted */
	STORE_BUDGETS,   /* budget name -> limits (JSON) */
	STORE_SEEN,      /* 16 bytes of SHA-256(data_id NUL pubtime) -> day(BE32): a WIS 2.0
			  * notification counted already */
	STORE_NDB,
};

/* The schema this build writes; older stores are migrated on open. */
#define STORE_SCHEMA_VERSION 3

/* LMDB's default maximum key size: longer keys cannot be stored, so
 * store_put refuses them and store_get/store_del find nothing. */
#define STORE_MAX_KEY 511

#define STORE_DEFAULT_MAP_SIZE (4ull << 30) /* address space only, see lmdb.h */

struct store;
struct store_txn;

struct store_options {
	const char *path;  /* directory; created if missing (unless readonly) */
	uint64_t map_size; /* initial map; 0: STORE_DEFAULT_MAP_SIZE (at most max_size) */
	bool readonly;
	uint64_t max_size; /* the map never grows past this; 0: 1 TiB */
};

/* Open (and create, and migrate) a store; *out is the caller's. */
int store_open(const struct store_options *opt, struct store **out, struct gov_diag *d);
void store_close(struct store *s);
const char *store_path(const struct store *s);

/* Begin a transaction; *out belongs to the caller until commit/abort. */
int store_txn_begin(struct store *s, bool write, struct store_txn **out, struct gov_diag *d);
/* Commit (or, after an error, abort) and free; returns the sticky error. */
int store_txn_commit(struct store_txn *t, struct gov_diag *d);
void store_txn_abort(struct store_txn *t);
int store_txn_error(const struct store_txn *t);
/* Poison the transaction with code (the first error wins). */
void store_txn_fail(struct store_txn *t, int code);

/*
 * Copy the value for key into out (reset first).  GOV_ENOENT when there is
 * none; that is an answer, not a failure, and does not poison t.
 */
int store_get(
	struct store_txn *t, enum store_db db, const void *key, size_t klen, struct gov_buf *out);
void store_put(struct store_txn *t, enum store_db db, const void *key, size_t klen, const void *val,
	size_t vlen);
/* Delete key; a missing key is not an error. */
void store_del(struct store_txn *t, enum store_db db, const void *key, size_t klen);

/*
 * Call fn for every entry whose key starts with prefix (plen 0: all), in
 * key order, or in reverse order when reverse is set.  Key and value are
 * valid only during the call.  fn returning non-zero stops the scan with
 * that value, which store_scan returns (0 at the natural end).
 */
typedef int (*store_scan_fn)(const void *key, size_t klen, const void *val, size_t vlen, void *arg);
int store_scan(struct store_txn *t, enum store_db db, const void *prefix, size_t plen, bool reverse,
	store_scan_fn fn, void *arg);

/* Like store_scan, forwards from the first key >= start, to the end. */
int store_scan_from(struct store_txn *t, enum store_db db, const void *start, size_t slen,
	store_scan_fn fn, void *arg);

/* Number of entries in db. */
size_t store_count(struct store_txn *t, enum store_db db);

/*
 * Run fn inside a write transaction and commit it.  If the map is full,
 * the transaction is aborted, the map grown (doubling, up to max_map) and
 * fn run again from the start, so fn must only change the store through t.
 */
int store_write(
	struct store *s, int (*fn)(struct store_txn *t, void *arg), void *arg, struct gov_diag *d);

/* Big-endian encoding, so that key order is numeric order. */
void store_be64(uint64_t v, unsigned char out[8]);
uint64_t store_get_be64(const unsigned char in[8]);
void store_be32(uint32_t v, unsigned char out[4]);
uint32_t store_get_be32(const unsigned char in[4]);

#endif
