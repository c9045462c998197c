/*
 * jsonr.c -- jansson behind a small read-only interface.
 */
#include "config.h"

#include <stdlib.h>

#include <jansson.h>

#include "common/jsonr.h"

#define J(v) ((json_t *)(v))

struct jsonr {
	json_t *root;
};

int
jsonr_parse(const char *data, size_t len, size_t max_bytes, struct jsonr **out, struct gov_diag *d)
{
	json_error_t err;
	json_t *root;
	struct jsonr *doc;

	*out = NULL;
	if (len > max_bytes)
		return gov_diag_set(
			d, GOV_ELIMIT, "JSON document of %zu bytes exceeds %zu", len, max_bytes);
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	if (root == NULL) {
		if (d != NULL) {
			d->line = err.line > 0 ? (unsigned long)err.line : 0;
			d->col = err.column > 0 ? (unsigned long)err.column : 0;
		}
		return gov_diag_set(d, GOV_EPARSE, "%s", err.text);
	}
	doc = malloc(sizeof(*doc));
	if (doc == NULL)
		abort();
	doc->root = root;
	*out = doc;
	return GOV_EOK;
}

void
jsonr_free(struct jsonr *doc)
{
	if (doc == NULL)
		return;
	json_decref(doc->root);
	free(doc);
}

const struct jsonr_val *
jsonr_root(const struct jsonr *doc)
{
	return (const struct jsonr_val *)doc->root;
}

bool
jsonr_is_object(const struct jsonr_val *v)
{
	return v != NULL && json_is_object(J(v));
}

bool
jsonr_is_array(const struct jsonr_val *v)
{
	return v != NULL && json_is_array(J(v));
}

bool
jsonr_is_null(const struct jsonr_val *v)
{
	return v == NULL || json_is_null(J(v));
}

const struct jsonr_val *
jsonr_get(const struct jsonr_val *obj, const char *key)
{
	if (obj == NULL || !json_is_object(J(obj)))
		return NULL;
	return (const struct jsonr_val *)json_object_get(J(obj), key);
}

const char *
jsonr_as_str(const struct jsonr_val *v)
{
	return v != NULL && json_is_string(J(v)) ? json_string_value(J(v)) : NULL;
}

const char *
jsonr_str(const struct jsonr_val *obj, const char *key)
{
	return jsonr_as_str(jsonr_get(obj, key));
}

int64_t
jsonr_int(const struct jsonr_val *obj, const char *key, int64_t dflt)
{
	const struct jsonr_val *v = jsonr_get(obj, key);

	if (v != NULL && json_is_integer(J(v)))
		return (int64_t)json_integer_value(J(v));
	return dflt;
}

double
jsonr_num(const struct jsonr_val *obj, const char *key, double dflt)
{
	const struct jsonr_val *v = jsonr_get(obj, key);

	return v != NULL && json_is_number(J(v)) ? json_number_value(J(v)) : dflt;
}

bool
jsonr_bool(const struct jsonr_val *obj, const char *key, bool dflt)
{
	const struct jsonr_val *v = jsonr_get(obj, key);

	return v != NULL && json_is_boolean(J(v)) ? json_is_true(J(v)) : dflt;
}

size_t
jsonr_len(const struct jsonr_val *arr)
{
	return arr != NULL && json_is_array(J(arr)) ? json_array_size(J(arr)) : 0;
}

const struct jsonr_val *
jsonr_at(const struct jsonr_val *arr, size_t i)
{
	if (arr == NULL || !json_is_array(J(arr)))
		return NULL;
	return (const struct jsonr_val *)json_array_get(J(arr), i);
}
