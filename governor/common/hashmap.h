/*
 * hashmap.h -- string-keyed hash table (open addressing, linear probing).
 *
 * For the hot paths that aggregate many lines into few keys (traffic
 * ingestion: millions of log lines, tens of thousands of headings).  Keys
 * are copied into the map's arena; values are opaque pointers or small
 * integers the caller owns.  Never shrinks; gov_hashmap_clear() empties it
 * for reuse.
 */
#ifndef GOV_COMMON_HASHMAP_H
#define GOV_COMMON_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"

struct gov_hashmap_entry {
	const char *key; /* NULL: empty slot */
	size_t klen;
	uint64_t hash;
	void *value;
};

struct gov_hashmap {
	struct gov_hashmap_entry *slots;
	size_t cap; /* power of two */
	size_t n;
	struct arena keys;
};

void gov_hashmap_init(struct gov_hashmap *m);
void gov_hashmap_deinit(struct gov_hashmap *m);
void gov_hashmap_clear(struct gov_hashmap *m);

/* The entry for key, created (value NULL) if absent; *created says which. */
struct gov_hashmap_entry *gov_hashmap_upsert(
	struct gov_hashmap *m, const char *key, size_t klen, int *created);
/* The entry for key, or NULL. */
struct gov_hashmap_entry *gov_hashmap_find(
	const struct gov_hashmap *m, const char *key, size_t klen);

/* Iterate: for (i = 0; (e = gov_hashmap_next(m, &i)) != NULL;) */
struct gov_hashmap_entry *gov_hashmap_next(const struct gov_hashmap *m, size_t *i);

uint64_t gov_hash_bytes(const void *data, size_t len);

#endif
