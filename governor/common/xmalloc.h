/*
 * xmalloc.h -- allocation that never returns NULL.
 *
 * wisgov is an application, not a library: running out of memory is not a
 * condition any caller can usefully handle, so these abort with a message
 * (the tmux/OpenBSD convention).  What callers *must* do instead is check
 * input-controlled sizes against limits before allocating.
 */
#ifndef GOV_COMMON_XMALLOC_H
#define GOV_COMMON_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
/* Like reallocarray(3): fails (aborts) on multiplication overflow. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* Copy at most n bytes of s, always NUL-terminated. */
char *xstrndup(const char *s, size_t n);
int xasprintf(char **ret, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
