/*
 * centres.c -- the centre -> principal GISC table (RFC 4180 CSV).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "centres/centres.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/file.h"
#include "common/str.h"
#include "common/xmalloc.h"

#define CENTRES_MAX_BYTES (8u * 1024 * 1024)
#define NCOLUMNS          8

struct centres {
	struct arena arena;
	struct centre *rows;
	size_t n, cap;
};

/*
 * Split one record starting at *p into fields; quoted fields may hold
 * commas, doubled quotes and newlines.  Returns the number of fields, or
 * -1 on an unterminated quote.  *line advances over newlines consumed.
 */
static int
csv_record(struct arena *a, const char **p, const char *end, char **fields, int max,
	unsigned long *line)
{
	struct gov_buf f;
	int n = 0;
	const char *s = *p;

	gov_buf_init(&f, CENTRES_MAX_BYTES);
	for (;;) {
		gov_buf_reset(&f);
		(void)gov_buf_add(&f, "", 0);
		if (s < end && *s == '"') {
			s++;
			for (;;) {
				if (s >= end) {
					gov_buf_deinit(&f);
					return -1;
				}
				if (*s == '"' && s + 1 < end && s[1] == '"') {
					(void)gov_buf_addc(&f, '"');
					s += 2;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					*line += *s == '\n';
					(void)gov_buf_addc(&f, *s++);
				}
			}
		}
		while (s < end && *s != ',' && *s != '\n' && *s != '\r')
			(void)gov_buf_addc(&f, *s++);
		if (n < max)
			fields[n] = arena_strdup(a, gov_buf_str(&f));
		n++;
		if (s < end && *s == ',') {
			s++;
			continue;
		}
		break;
	}
	if (s < end && *s == '\r')
		s++;
	if (s < end && *s == '\n') {
		s++;
		(*line)++;
	}
	*p = s;
	gov_buf_deinit(&f);
	return n;
}

int
centres_load(const char *path, struct centres **out, struct gov_diag *d)
{
	struct gov_buf b;
	struct centres *c;
	const char *p, *end;
	unsigned long line = 1;
	int rc;

	*out = NULL;
	gov_buf_init(&b, CENTRES_MAX_BYTES);
	rc = gov_file_read(path, CENTRES_MAX_BYTES, &b, d);
	if (rc != GOV_EOK) {
		gov_buf_deinit(&b);
		return rc;
	}
	c = xcalloc(1, sizeof(*c));
	arena_init(&c->arena);
	p = gov_buf_str(&b);
	end = p + b.len;
	while (p < end) {
		char *fields[NCOLUMNS];
		unsigned long at = line;
		int n = csv_record(&c->arena, &p, end, fields, NCOLUMNS, &line);

		if (n < 0) {
			if (d != NULL)
				d->line = at;
			rc = gov_diag_set(d, GOV_EPARSE, "unterminated quoted field");
			goto out;
		}
		if (n == 1 && fields[0][0] == '\0')
			continue; /* blank line */
		if (n != NCOLUMNS) {
			if (d != NULL)
				d->line = at;
			rc = gov_diag_set(
				d, GOV_EPARSE, "expected %d columns, found %d", NCOLUMNS, n);
			goto out;
		}
		if (at == 1) {
			if (strcmp(fields[0], "cccc") != 0 ||
				strcmp(fields[3], "principal_gisc") != 0) {
				if (d != NULL)
					d->line = 1;
				rc = gov_diag_set(d, GOV_EPARSE,
					"the header must start cccc,wis2_centre_id,country_or_org,"
					"principal_gisc");
				goto out;
			}
			continue;
		}
		if (c->n == c->cap) {
			c->cap = c->cap != 0 ? c->cap * 2 : 64;
			c->rows = xreallocarray(c->rows, c->cap, sizeof(*c->rows));
		}
		c->rows[c->n++] = (struct centre){fields[0], fields[1], fields[2], fields[3],
			fields[5], fields[6], fields[7]};
	}
out:
	gov_buf_deinit(&b);
	if (rc != GOV_EOK) {
		centres_free(c);
		return rc;
	}
	*out = c;
	return GOV_EOK;
}

void
centres_free(struct centres *c)
{
	if (c == NULL)
		return;
	free(c->rows);
	arena_deinit(&c->arena);
	free(c);
}

const struct centre *
centres_by_cccc(const struct centres *c, const char *cccc)
{
	if (c == NULL || cccc == NULL || cccc[0] == '\0')
		return NULL;
	for (size_t i = 0; i < c->n; i++)
		if (strcasecmp(c->rows[i].cccc, cccc) == 0)
			return &c->rows[i];
	return NULL;
}

const struct centre *
centres_by_id(const struct centres *c, const char *centre_id)
{
	if (c == NULL || centre_id == NULL || centre_id[0] == '\0')
		return NULL;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->rows[i].centre_id, centre_id) == 0)
			return &c->rows[i];
	return NULL;
}

size_t
centres_count(const struct centres *c)
{
	return c != NULL ? c->n : 0;
}

const char *
centres_gisc(const struct centres *c, const char *name, size_t len)
{
	if (c == NULL || len == 0)
		return NULL;
	for (size_t i = 0; i < c->n; i++) {
		const char *g = c->rows[i].gisc;

		if (strlen(g) == len && strncasecmp(g, name, len) == 0)
			return g;
	}
	return NULL;
}

const struct centre *
centres_resolve(
	const struct centres *c, const char *centre_id, const char *cccc, enum centre_match *how)
{
	const struct centre *row;
	const char *dash;

	*how = CENTRE_MATCH_NONE;
	if ((row = centres_by_id(c, centre_id)) != NULL) {
		*how = CENTRE_MATCH_CENTRE_ID;
		return row;
	}
	if ((row = centres_by_cccc(c, cccc)) != NULL) {
		*how = CENTRE_MATCH_CCCC;
		return row;
	}
	if (c == NULL || centre_id == NULL || (dash = strchr(centre_id, '-')) == NULL)
		return NULL;
	for (size_t i = 0; i < c->n; i++) {
		row = &c->rows[i];
		if (strcmp(row->row_kind, "member") == 0 &&
			strlen(row->tld) == (size_t)(dash - centre_id) &&
			strncmp(row->tld, centre_id, (size_t)(dash - centre_id)) == 0) {
			*how = CENTRE_MATCH_TLD;
			return row;
		}
	}
	return NULL;
}

const char *
centre_match_name(enum centre_match m)
{
	switch (m) {
	case CENTRE_MATCH_CENTRE_ID:
		return "centre-id";
	case CENTRE_MATCH_CCCC:
		return "cccc";
	case CENTRE_MATCH_TLD:
		return "tld";
	case CENTRE_MATCH_NONE:
		break;
	}
	return NULL;
}

/* The GISC named in notes right after marker, if it is one. */
static bool
gisc_after(const struct centres *c, const char *notes, const char *marker, char *out, size_t size)
{
	const char *p = strstr(notes, marker), *end;
	const char *g;

	if (p == NULL)
		return false;
	p += strlen(marker);
	end = p + strcspn(p, ";,");
	g = centres_gisc(c, p, (size_t)(end - p));
	if (g == NULL)
		return false;
	gov_strlcpy(out, g, size);
	return true;
}

bool
centre_disputed(const struct centres *c, const struct centre *row, char *out, size_t size)
{
	const char *arrow;

	if (row == NULL || row->gisc[0] == '\0')
		return false;
	/* "2020 table said Toulouse; 2025 value used" */
	if (gisc_after(c, row->notes, "2020 table said ", out, size) && strcmp(out, row->gisc) != 0)
		return true;
	/* "same file also has later row(s) nl->Melbourne; ..." */
	if (strstr(row->notes, "later row(s) ") != NULL &&
		(arrow = strstr(strstr(row->notes, "later row(s) "), "->")) != NULL &&
		gisc_after(c, arrow, "->", out, size) && strcmp(out, row->gisc) != 0)
		return true;
	return false;
}

bool
centre_retired(const struct centre *row)
{
	return row != NULL && strstr(row->notes, "centre-id status Retired") != NULL;
}
