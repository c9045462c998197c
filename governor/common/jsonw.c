/*
 * jsonw.c -- streaming JSON writer.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "common/jsonw.h"
#include "common/str.h"

void
jsonw_init(struct jsonw *w, struct gov_buf *out)
{
	w->out = out;
	w->depth = 0;
	w->need_comma[0] = false;
	w->err = GOV_EOK;
}

int
jsonw_error(const struct jsonw *w)
{
	if (w->err == GOV_EOK && w->depth != 0)
		return GOV_EINVAL;
	return w->err;
}

static void
put(struct jsonw *w, const char *s, size_t len)
{
	int rc;

	if (w->err != GOV_EOK)
		return;
	rc = gov_buf_add(w->out, s, len);
	if (rc != GOV_EOK)
		w->err = rc;
}

int
jsonw_escape(struct gov_buf *out, const char *str, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	int rc = gov_buf_addc(out, '"');

	while (rc == GOV_EOK && i < len) {
		size_t run = i;

		/* Copy the longest stretch that needs no escaping in one go. */
		while (run < len && s[run] >= 0x20 && s[run] < 0x80 && s[run] != '"' &&
			s[run] != '\\')
			run++;
		if (run > i) {
			rc = gov_buf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		if (s[i] >= 0x80) {
			size_t n = gov_utf8_seqlen((const char *)s + i, len - i);

			if (n == 0) {
				rc = gov_buf_adds(out, "\\ufffd");
				i++;
				continue;
			}
			rc = gov_buf_add(out, s + i, n);
			i += n;
			continue;
		}
		switch (s[i]) {
		case '"':
			rc = gov_buf_adds(out, "\\\"");
			break;
		case '\\':
			rc = gov_buf_adds(out, "\\\\");
			break;
		case '\n':
			rc = gov_buf_adds(out, "\\n");
			break;
		case '\r':
			rc = gov_buf_adds(out, "\\r");
			break;
		case '\t':
			rc = gov_buf_adds(out, "\\t");
			break;
		default: {
			char u[7] = {'\\', 'u', '0', '0', hex[s[i] >> 4], hex[s[i] & 15], 0};

			rc = gov_buf_add(out, u, 6);
			break;
		}
		}
		i++;
	}
	if (rc == GOV_EOK)
		rc = gov_buf_addc(out, '"');
	return rc;
}

static void
key(struct jsonw *w, const char *k)
{
	if (w->err != GOV_EOK)
		return;
	if (w->need_comma[w->depth])
		put(w, ",", 1);
	w->need_comma[w->depth] = true;
	if (k != NULL && w->err == GOV_EOK) {
		int rc = jsonw_escape(w->out, k, strlen(k));

		if (rc != GOV_EOK)
			w->err = rc;
		put(w, ":", 1);
	}
}

static void
open_(struct jsonw *w, const char *k, const char *tok)
{
	key(w, k);
	if (w->err != GOV_EOK)
		return;
	if (w->depth + 1 >= JSONW_MAXDEPTH) {
		w->err = GOV_ELIMIT;
		return;
	}
	put(w, tok, 1);
	w->need_comma[++w->depth] = false;
}

static void
close_(struct jsonw *w, const char *tok)
{
	if (w->err != GOV_EOK)
		return;
	if (w->depth == 0) {
		w->err = GOV_EINVAL;
		return;
	}
	w->depth--;
	put(w, tok, 1);
}

void
jsonw_object_begin(struct jsonw *w, const char *k)
{
	open_(w, k, "{");
}

void
jsonw_object_end(struct jsonw *w)
{
	close_(w, "}");
}

void
jsonw_array_begin(struct jsonw *w, const char *k)
{
	open_(w, k, "[");
}

void
jsonw_array_end(struct jsonw *w)
{
	close_(w, "]");
}

void
jsonw_strn(struct jsonw *w, const char *k, const char *value, size_t len)
{
	key(w, k);
	if (w->err != GOV_EOK)
		return;
	if (value == NULL) {
		put(w, "null", 4);
		return;
	}
	w->err = jsonw_escape(w->out, value, len);
}

void
jsonw_str(struct jsonw *w, const char *k, const char *value)
{
	jsonw_strn(w, k, value, value != NULL ? strlen(value) : 0);
}

void
jsonw_int(struct jsonw *w, const char *k, int64_t value)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof(tmp), "%" PRId64, value);

	key(w, k);
	put(w, tmp, (size_t)n);
}

void
jsonw_uint(struct jsonw *w, const char *k, uint64_t value)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof(tmp), "%" PRIu64, value);

	key(w, k);
	put(w, tmp, (size_t)n);
}

void
jsonw_double(struct jsonw *w, const char *k, double value)
{
	char tmp[40];
	int n;

	key(w, k);
	if (!isfinite(value)) {
		put(w, "null", 4);
		return;
	}
	n = snprintf(tmp, sizeof(tmp), "%.15g", value);
	put(w, tmp, (size_t)n);
}

void
jsonw_bool(struct jsonw *w, const char *k, bool value)
{
	key(w, k);
	put(w, value ? "true" : "false", value ? 4 : 5);
}

void
jsonw_null(struct jsonw *w, const char *k)
{
	key(w, k);
	put(w, "null", 4);
}
