/*
 * arena.h -- bump allocator for objects that die together.
 *
 * An extracted metadata record owns dozens of small strings; they all live
 * exactly as long as the record, so they come from one arena and are freed
 * in one call.  Allocation aborts on OOM like xmalloc.
 */
#ifndef GOV_COMMON_ARENA_H
#define GOV_COMMON_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used; /* total bytes handed out, for limits */
};

void arena_init(struct arena *a);
/* Free every block; the arena can be used again afterwards. */
void arena_deinit(struct arena *a);
/* size bytes aligned for any object; never NULL. */
void *arena_alloc(struct arena *a, size_t size);
void *arena_zalloc(struct arena *a, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);

#endif
