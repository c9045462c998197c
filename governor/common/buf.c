/*
 * buf.c -- bounded dynamic byte buffer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/err.h"
#include "common/xmalloc.h"

void
gov_buf_init(struct gov_buf *b, size_t limit)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->limit = limit;
}

void
gov_buf_deinit(struct gov_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
gov_buf_reset(struct gov_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

static int
reserve(struct gov_buf *b, size_t extra)
{
	size_t need;

	if (extra > b->limit - b->len)
		return GOV_ELIMIT;
	need = b->len + extra + 1;
	if (need > b->cap) {
		size_t cap = b->cap != 0 ? b->cap : 256;

		while (cap < need)
			cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
		/* Never reserve more than the limit allows. */
		if (cap > b->limit + 1 && b->limit + 1 >= need)
			cap = b->limit + 1;
		b->data = xreallocarray(b->data, cap, 1);
		b->cap = cap;
	}
	return GOV_EOK;
}

int
gov_buf_add(struct gov_buf *b, const void *data, size_t len)
{
	int rc = reserve(b, len);

	if (rc != GOV_EOK)
		return rc;
	if (len > 0)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return GOV_EOK;
}

int
gov_buf_adds(struct gov_buf *b, const char *s)
{
	return gov_buf_add(b, s, strlen(s));
}

int
gov_buf_addc(struct gov_buf *b, char c)
{
	return gov_buf_add(b, &c, 1);
}

int
gov_buf_printf(struct gov_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, rc;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return GOV_EINVAL;
	rc = reserve(b, (size_t)n);
	if (rc != GOV_EOK)
		return rc;
	va_start(ap, fmt);
	(void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return GOV_EOK;
}

const char *
gov_buf_str(const struct gov_buf *b)
{
	return b->data != NULL ? b->data : "";
}

char *
gov_buf_steal(struct gov_buf *b, size_t *len)
{
	char *p = b->data;

	if (len != NULL)
		*len = b->len;
	if (p == NULL)
		p = xstrdup("");
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}
