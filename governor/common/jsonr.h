/*
 * jsonr.h -- reading JSON: the only entry point to jansson in wisgov.
 *
 * Documents are parsed with duplicate keys refused and a size cap; values
 * are reached through opaque handles that live as long as the document.
 * Accessors are forgiving by design: a missing member or one of the wrong
 * type reads as NULL / the default, and callers that care check.
 */
#ifndef GOV_COMMON_JSONR_H
#define GOV_COMMON_JSONR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

struct jsonr;     /* a parsed document */
struct jsonr_val; /* a value inside it */

/* Parse; *out is the caller's (jsonr_free).  Errors carry line and column. */
int jsonr_parse(
	const char *data, size_t len, size_t max_bytes, struct jsonr **out, struct gov_diag *d);
void jsonr_free(struct jsonr *doc);
const struct jsonr_val *jsonr_root(const struct jsonr *doc);

bool jsonr_is_object(const struct jsonr_val *v);
bool jsonr_is_array(const struct jsonr_val *v);
bool jsonr_is_null(const struct jsonr_val *v);

/* Member of an object, or NULL. */
const struct jsonr_val *jsonr_get(const struct jsonr_val *obj, const char *key);
/* Member as a string / number / boolean, or the default. */
const char *jsonr_str(const struct jsonr_val *obj, const char *key);
int64_t jsonr_int(const struct jsonr_val *obj, const char *key, int64_t dflt);
double jsonr_num(const struct jsonr_val *obj, const char *key, double dflt);
bool jsonr_bool(const struct jsonr_val *obj, const char *key, bool dflt);
/* The value itself as a string, or NULL. */
const char *jsonr_as_str(const struct jsonr_val *v);

size_t jsonr_len(const struct jsonr_val *arr);
const struct jsonr_val *jsonr_at(const struct jsonr_val *arr, size_t i);

#endif
