/*
 * jsonw.h -- streaming JSON writer (output only; parsing uses jansson).
 *
 * Writes compact RFC 8259 JSON into a caller-owned struct gov_buf without
 * building a tree, like Knot's contrib/json.c and rpki-client's json.c.
 * Strings are escaped; bytes that are not valid UTF-8 become U+FFFD so the
 * output is always valid JSON.  Errors (nesting too deep, buffer limit) are
 * sticky: check jsonw_error() once at the end.
 */
#ifndef GOV_COMMON_JSONW_H
#define GOV_COMMON_JSONW_H

#include <stdbool.h>
#include <stdint.h>

#include "common/buf.h"

#define JSONW_MAXDEPTH 32

struct jsonw {
	struct gov_buf *out; /* borrowed */
	int depth;
	bool need_comma[JSONW_MAXDEPTH];
	int err;
};

void jsonw_init(struct jsonw *w, struct gov_buf *out);
int jsonw_error(const struct jsonw *w);

/* For every value writer: key is the member name inside an object, NULL in
 * an array or at top level. */
void jsonw_object_begin(struct jsonw *w, const char *key);
void jsonw_object_end(struct jsonw *w);
void jsonw_array_begin(struct jsonw *w, const char *key);
void jsonw_array_end(struct jsonw *w);
/* A NULL value writes JSON null. */
void jsonw_str(struct jsonw *w, const char *key, const char *value);
void jsonw_strn(struct jsonw *w, const char *key, const char *value, size_t len);
void jsonw_int(struct jsonw *w, const char *key, int64_t value);
void jsonw_uint(struct jsonw *w, const char *key, uint64_t value);
/* NaN and infinities are written as null. */
void jsonw_double(struct jsonw *w, const char *key, double value);
void jsonw_bool(struct jsonw *w, const char *key, bool value);
void jsonw_null(struct jsonw *w, const char *key);

/* Append s to out as a JSON string literal (with quotes). */
int jsonw_escape(struct gov_buf *out, const char *s, size_t len);

#endif
