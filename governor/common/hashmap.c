/*
 * hashmap.c -- open-addressing hash table with string keys.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/hashmap.h"
#include "common/xmalloc.h"

/* FNV-1a, 64 bits: short keys, good spread, no state. */
uint64_t
gov_hash_bytes(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ull;
	}
	return h;
}

void
gov_hashmap_init(struct gov_hashmap *m)
{
	m->cap = 1024;
	m->n = 0;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	arena_init(&m->keys);
}

void
gov_hashmap_deinit(struct gov_hashmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
	arena_deinit(&m->keys);
}

void
gov_hashmap_clear(struct gov_hashmap *m)
{
	memset(m->slots, 0, m->cap * sizeof(*m->slots));
	m->n = 0;
	arena_deinit(&m->keys);
}

static struct gov_hashmap_entry *
probe(struct gov_hashmap_entry *slots, size_t cap, const char *key, size_t klen, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	for (;;) {
		struct gov_hashmap_entry *e = &slots[i];

		if (e->key == NULL ||
			(e->hash == h && e->klen == klen && memcmp(e->key, key, klen) == 0))
			return e;
		i = (i + 1) & (cap - 1);
	}
}

static void
grow(struct gov_hashmap *m)
{
	size_t cap = m->cap * 2;
	struct gov_hashmap_entry *slots = xcalloc(cap, sizeof(*slots));

	for (size_t i = 0; i < m->cap; i++) {
		struct gov_hashmap_entry *e = &m->slots[i];

		if (e->key != NULL)
			*probe(slots, cap, e->key, e->klen, e->hash) = *e;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

struct gov_hashmap_entry *
gov_hashmap_upsert(struct gov_hashmap *m, const char *key, size_t klen, int *created)
{
	uint64_t h = gov_hash_bytes(key, klen);
	struct gov_hashmap_entry *e;

	if ((m->n + 1) * 10 > m->cap * 7)
		grow(m);
	e = probe(m->slots, m->cap, key, klen, h);
	if (e->key != NULL) {
		*created = 0;
		return e;
	}
	e->key = arena_strndup(&m->keys, key, klen);
	e->klen = klen;
	e->hash = h;
	e->value = NULL;
	m->n++;
	*created = 1;
	return e;
}

struct gov_hashmap_entry *
gov_hashmap_find(const struct gov_hashmap *m, const char *key, size_t klen)
{
	struct gov_hashmap_entry *e = probe(m->slots, m->cap, key, klen, gov_hash_bytes(key, klen));

	return e->key != NULL ? e : NULL;
}

struct gov_hashmap_entry *
gov_hashmap_next(const struct gov_hashmap *m, size_t *i)
{
	while (*i < m->cap) {
		struct gov_hashmap_entry *e = &m->slots[(*i)++];

		if (e->key != NULL)
			return e;
	}
	return NULL;
}
