/*
 * name.c -- WMO file names and abbreviated headings.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "traffic/name.h"

static int
upper(int c)
{
	return toupper((unsigned char)c);
}

static int
is_letter(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* T1T2A1A2ii: four letters then two digits. */
static int
is_ttaaii(const char *s)
{
	return is_letter(s[0]) && is_letter(s[1]) && is_letter(s[2]) && is_letter(s[3]) &&
	       is_digit(s[4]) && is_digit(s[5]);
}

static int
is_cccc(const char *s)
{
	return is_letter(s[0]) && is_letter(s[1]) && is_letter(s[2]) && is_letter(s[3]);
}

static void
copy_upper(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = (char)upper(src[i]);
	dst[n] = '\0';
}

/* Field k (0-based) of an underscore-separated name, within len. */
static const char *
field(const char *s, size_t len, int k, size_t *flen)
{
	const char *p = s, *end = s + len, *u;

	for (int i = 0; i < k; i++) {
		u = memchr(p, '_', (size_t)(end - p));
		if (u == NULL)
			return NULL;
		p = u + 1;
	}
	u = memchr(p, '_', (size_t)(end - p));
	*flen = (size_t)((u != NULL ? u : end) - p);
	return p;
}

void
traffic_name_parse(const char *name, size_t len, struct traffic_name *out)
{
	const char *pid, *orig, *oflag;
	size_t plen = 0, olen = 0, flen = 0, clen = 0;
	const char *flag;

	memset(out, 0, sizeof(*out));
	/* A bare heading: "TTAAii CCCC YYGGgg", also with underscores. */
	if (len >= 11 && is_ttaaii(name) && (name[6] == ' ' || name[6] == '_') &&
		is_cccc(name + 7) && (len == 11 || name[11] == ' ' || name[11] == '_')) {
		out->kind = NAME_HEADING;
		copy_upper(out->ttaaii, name, 6);
		copy_upper(out->cccc, name + 7, 4);
		memcpy(out->originator, out->cccc, 5);
		return;
	}
	flag = field(name, len, 0, &flen);
	if (flag == NULL || flen == 0 || flen > 2 || flen == len)
		return;
	/* pflag_productidentifier_C_CCCC_... (an M suffix marks metadata files) */
	pid = field(name, len, 1, &plen);
	oflag = field(name, len, 2, &clen);
	orig = field(name, len, 3, &olen);
	if (pid == NULL || oflag == NULL || clen != 1 || upper(oflag[0]) != 'C' || orig == NULL ||
		olen != 4 || !is_cccc(orig))
		return;
	copy_upper(out->originator, orig, 4);
	switch (upper(flag[0])) {
	case 'A':
		/* TTAAiiCCCCYYGGgg[BBB]: the heading's own CCCC, not the originator. */
		if (plen >= 10 && is_ttaaii(pid) && is_cccc(pid + 6)) {
			out->kind = NAME_FNC_A;
			copy_upper(out->ttaaii, pid, 6);
			copy_upper(out->cccc, pid + 6, 4);
		}
		break;
	case 'T':
		if (plen == 6 && is_ttaaii(pid)) {
			out->kind = NAME_FNC_T;
			copy_upper(out->ttaaii, pid, 6);
			memcpy(out->cccc, out->originator, 5);
		}
		break;
	case 'W':
		out->kind = NAME_FNC_W;
		break;
	case 'Z':
	case 'X':
		out->kind = NAME_FNC_Z;
		break;
	default:
		break;
	}
}

size_t
traffic_heading_id(const struct traffic_name *n, char *out, size_t size)
{
	int w;

	if (n->ttaaii[0] == '\0' || n->cccc[0] == '\0')
		return 0;
	w = snprintf(out, size, "urn:x-wmo:md:int.wmo.wis::%s%s", n->ttaaii, n->cccc);
	return w > 0 && (size_t)w < size ? (size_t)w : 0;
}
