/*
 * buf.h -- bounded dynamic byte buffer (curl's dynbuf idea).
 *
 * A buffer is created with a hard limit; an append that would take it past
 * the limit fails with GOV_ELIMIT and leaves the contents unchanged.  The
 * data are always NUL-terminated, so text can be used as a C string.
 * The struct is caller-owned (gov_buf_init/gov_buf_deinit); the bytes it
 * points at belong to the buffer until gov_buf_steal().
 */
#ifndef GOV_COMMON_BUF_H
#define GOV_COMMON_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct gov_buf {
	char *data;   /* NUL-terminated; NULL until the first append */
	size_t len;   /* bytes used, excluding the terminator */
	size_t cap;   /* bytes allocated */
	size_t limit; /* most bytes len may reach */
};

void gov_buf_init(struct gov_buf *b, size_t limit);
void gov_buf_deinit(struct gov_buf *b);
/* Forget the contents, keep the allocation. */
void gov_buf_reset(struct gov_buf *b);
int gov_buf_add(struct gov_buf *b, const void *data, size_t len);
int gov_buf_adds(struct gov_buf *b, const char *s);
int gov_buf_addc(struct gov_buf *b, char c);
int gov_buf_printf(struct gov_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Contents as a string; "" when empty.  Borrowed until the next change. */
const char *gov_buf_str(const struct gov_buf *b);
/* Hand the heap block to the caller (free() it); the buffer becomes empty. */
char *gov_buf_steal(struct gov_buf *b, size_t *len);

#endif
