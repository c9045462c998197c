/*
 * err.h -- result codes and human-readable diagnostics.
 *
 * Every fallible function in wisgov returns an int: GOV_EOK (0) on success
 * or a negative GOV_E* code.  Where a caller needs to tell a person *why*,
 * the function also fills a caller-owned struct gov_diag (file, line,
 * column and a message), the way curl fills its error buffer.
 */
#ifndef GOV_COMMON_ERR_H
#define GOV_COMMON_ERR_H

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>

enum gov_error {
	GOV_EOK = 0,
	GOV_ENOMEM = -ENOMEM,
	GOV_EINVAL = -EINVAL,
	GOV_EIO = -EIO,
	GOV_ENOENT = -ENOENT,
	GOV_EACCES = -EACCES,
	GOV_EEXIST = -EEXIST,
	GOV_ERROR = -1000, /* unspecified failure */
	GOV_EPARSE,        /* input is not well-formed */
	GOV_ELIMIT,        /* input exceeds a configured limit */
	GOV_EHOSTILE,      /* input tries something forbidden (DOCTYPE, entities) */
	GOV_ENCODING,      /* input is not valid UTF-8 */
	GOV_ESCHEMA,       /* well-formed, but not the expected document */
	GOV_ESPACE,        /* storage full */
	GOV_EUSAGE,        /* bad command-line usage */
	GOV_EDUP,          /* duplicate key or entry */
	GOV_ENESTING,      /* input nested deeper than allowed */
};

/* Short English text for a GOV_E* code; never NULL, static storage. */
const char *gov_strerror(int code);

#define GOV_DIAG_FILE 256
#define GOV_DIAG_MSG  512

/*
 * Where and why something failed.  Caller-owned, fixed size, so it can be
 * filled on any path (including out-of-memory) without allocating.
 */
struct gov_diag {
	char file[GOV_DIAG_FILE]; /* input name, "" if none */
	unsigned long line;       /* 1-based, 0 if unknown */
	unsigned long col;        /* 1-based, 0 if unknown */
	char msg[GOV_DIAG_MSG];   /* "" if nothing was said */
};

/* Empty a diagnostic. */
void gov_diag_clear(struct gov_diag *d);

/*
 * Fill d->msg with a printf-style message (truncated to fit) and return
 * code, so callers can write `return gov_diag_set(d, GOV_EPARSE, ...);`.
 * d may be NULL.
 */
int gov_diag_set(struct gov_diag *d, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Set the input name of a diagnostic (truncated to fit).  d may be NULL. */
void gov_diag_file(struct gov_diag *d, const char *file);

/*
 * Format "file:line:col: msg" (omitting the parts that are unknown) into
 * out, which has room for size bytes.  Returns out.
 */
const char *gov_diag_format(const struct gov_diag *d, char *out, size_t size);

#endif
