/*
 * line.c -- arrival log lines and WIS 2.0 notifications.
 */
#include "config.h"

#include <string.h>

#include "common/jsonr.h"
#include "common/str.h"
#include "common/timeutil.h"
#include "traffic/line.h"

const char *
traffic_bad_name(enum traffic_bad b)
{
	static const char *const names[BAD_KINDS] = {"ok", "malformed", "bad time", "bad size",
		"binary garbage", "too long", "invalid JSON"};

	return b < BAD_KINDS ? names[b] : "?";
}

/* Only printable text: NUL, other controls and invalid UTF-8 are refused. */
static int
is_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		if (c == '\t') {
			i++;
			continue;
		}
		if (c < 0x80)
			return 0;
		{
			size_t n = gov_utf8_seqlen(s + i, len - i);

			if (n == 0)
				return 0;
			i += n;
		}
	}
	return 1;
}

/*
 * "2026-11-22T06:00:05Z" is by far the common case: read it without the
 * general parser, and cache the day so that a log of one day costs one
 * timegm().
 */
static int
fast_time(const char *s, size_t len, time_t *out)
{
	static char day[11];
	static time_t day_start;
	int h, m, sec;

	if (len != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
		s[16] != ':' || s[19] != 'Z')
		return -1;
	for (size_t i = 11; i < 19; i++)
		if (i != 13 && i != 16 && (s[i] < '0' || s[i] > '9'))
			return -1;
	h = (s[11] - '0') * 10 + (s[12] - '0');
	m = (s[14] - '0') * 10 + (s[15] - '0');
	sec = (s[17] - '0') * 10 + (s[18] - '0');
	if (h > 23 || m > 59 || sec > 60)
		return -1;
	if (memcmp(day, s, 10) != 0) {
		char tmp[11];
		bool day_only;

		memcpy(tmp, s, 10);
		tmp[10] = '\0';
		if (gov_time_parse(tmp, &day_start, &day_only) != GOV_EOK)
			return -1;
		memcpy(day, s, 10);
	}
	*out = day_start + h * 3600 + m * 60 + sec;
	return 0;
}

static int
parse_time(const char *s, size_t len, time_t *out)
{
	char tmp[64];
	bool day_only;
	uint64_t v = 0;

	if (fast_time(s, len, out) == 0)
		return 0;
	if (len == 0 || len >= sizeof(tmp))
		return -1;
	if (s[0] >= '0' && s[0] <= '9' && memchr(s, '-', len) == NULL) {
		/* Unix seconds */
		for (size_t i = 0; i < len; i++) {
			if (s[i] < '0' || s[i] > '9' || v > 100000000000ull)
				return -1;
			v = v * 10 + (uint64_t)(s[i] - '0');
		}
		*out = (time_t)v;
		return 0;
	}
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	return gov_time_parse(tmp, out, &day_only) == GOV_EOK && !day_only ? 0 : -1;
}

static size_t
skip_blanks(const char *s, size_t i, size_t len)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static size_t
word_end(const char *s, size_t i, size_t len)
{
	while (i < len && s[i] != ' ' && s[i] != '\t')
		i++;
	return i;
}

enum traffic_bad
traffic_parse_log(const char *line, size_t len, struct traffic_line *out)
{
	size_t i, t0, t1, s0, s1, n1;
	uint64_t size = 0;

	memset(out, 0, sizeof(*out));
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len > TRAFFIC_MAX_LOG_LINE)
		return BAD_TOO_LONG;
	i = skip_blanks(line, 0, len);
	if (i == len || line[i] == '#')
		return BAD_NONE; /* comment */
	if (!is_text(line, len))
		return BAD_BINARY;
	t0 = i;
	t1 = word_end(line, t0, len);
	s0 = skip_blanks(line, t1, len);
	s1 = word_end(line, s0, len);
	i = skip_blanks(line, s1, len);
	if (s0 == s1 || i == len)
		return BAD_MALFORMED;
	n1 = len;
	while (n1 > i && (line[n1 - 1] == ' ' || line[n1 - 1] == '\t'))
		n1--;
	/* A first field that does not even look like a time: not a log line. */
	if (line[t0] < '0' || line[t0] > '9')
		return BAD_MALFORMED;
	if (parse_time(line + t0, t1 - t0, &out->when) != 0)
		return BAD_TIME;
	if (line[s0] == '-')
		return BAD_SIZE;
	for (size_t k = s0; k < s1; k++) {
		if (line[k] < '0' || line[k] > '9')
			return BAD_SIZE;
		size = size * 10 + (uint64_t)(line[k] - '0');
		if (size > TRAFFIC_MAX_SIZE)
			return BAD_SIZE;
	}
	out->size = size;
	out->has_size = 1;
	out->name = line + i;
	out->name_len = n1 - i;
	return BAD_NONE;
}

enum traffic_bad
traffic_parse_wnm(const char *line, size_t len, struct traffic_line *out)
{
	struct jsonr *doc = NULL;
	const struct jsonr_val *o, *props, *links;
	const char *pubtime, *mid, *did;
	bool day_only;
	enum traffic_bad rc = BAD_NONE;

	memset(out, 0, sizeof(*out));
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len > TRAFFIC_MAX_WNM_LINE)
		return BAD_TOO_LONG;
	if (skip_blanks(line, 0, len) == len)
		return BAD_NONE;
	if (jsonr_parse(line, len, TRAFFIC_MAX_WNM_LINE, &doc, NULL) != GOV_EOK)
		return memchr(line, '\0', len) != NULL ? BAD_BINARY : BAD_JSON;
	o = jsonr_root(doc);
	props = jsonr_get(o, "properties");
	pubtime = jsonr_str(props, "pubtime");
	mid = jsonr_str(props, "metadata_id");
	did = jsonr_str(props, "data_id");
	if (!jsonr_is_object(o) || !jsonr_is_object(props) || pubtime == NULL ||
		(mid == NULL && did == NULL)) {
		rc = BAD_JSON;
		goto out;
	}
	if (gov_time_parse(pubtime, &out->when, &day_only) != GOV_EOK) {
		rc = BAD_TIME;
		goto out;
	}
	gov_strlcpy(out->metadata_id, mid != NULL ? mid : "", sizeof(out->metadata_id));
	gov_strlcpy(out->data_id, did != NULL ? did : "", sizeof(out->data_id));
	/* The size of the object: the canonical link's length, else any. */
	links = jsonr_get(o, "links");
	for (int pass = 0; pass < 2 && !out->has_size; pass++) {
		for (size_t k = 0; k < jsonr_len(links); k++) {
			const struct jsonr_val *l = jsonr_at(links, k);
			const char *rel = jsonr_str(l, "rel");
			int64_t n = jsonr_int(l, "length", -1);

			if (pass == 0 && (rel == NULL || strcmp(rel, "canonical") != 0))
				continue;
			if (jsonr_get(l, "length") == NULL)
				continue;
			if (n < 0 || (uint64_t)n > TRAFFIC_MAX_SIZE) {
				rc = BAD_SIZE;
				goto out;
			}
			out->size = (uint64_t)n;
			out->has_size = 1;
			break;
		}
	}
out:
	jsonr_free(doc);
	return rc;
}
