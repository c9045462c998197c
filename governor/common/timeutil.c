/*
 * timeutil.c -- lenient datestamp parsing, strict formatting.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/timeutil.h"

static int
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
gov_time_parse(const char *s, time_t *out, bool *day_only)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0;
	long offset = 0;
	const char *p;

	memset(&tm, 0, sizeof(tm));
	while (s != NULL && isspace((unsigned char)*s))
		s++;
	if (s == NULL || strlen(s) < 10 || digits(s, 4, &y) != 0 || s[4] != '-' ||
		digits(s + 5, 2, &mo) != 0 || s[7] != '-' || digits(s + 8, 2, &d) != 0)
		return GOV_EINVAL;
	p = s + 10;
	*day_only = true;
	if (*p == 'T' || *p == ' ') {
		*day_only = false;
		if (digits(p + 1, 2, &h) != 0 || p[3] != ':' || digits(p + 4, 2, &mi) != 0)
			return GOV_EINVAL;
		p += 6;
		if (*p == ':') {
			if (digits(p + 1, 2, &sec) != 0)
				return GOV_EINVAL;
			p += 3;
		}
		if (*p == '.') /* fractions, or DSpace's bare "." */
			for (p++; isdigit((unsigned char)*p); p++)
				;
		if (*p == '+' || *p == '-') {
			int oh, om;

			if (digits(p + 1, 2, &oh) != 0 || p[3] != ':' || digits(p + 4, 2, &om) != 0)
				return GOV_EINVAL;
			offset = (oh * 3600L + om * 60L) * (*p == '+' ? 1 : -1);
			p += 6;
		}
		while (*p == 'Z') /* "ZZ" is in GeoNetwork's own documentation */
			p++;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 60 || y < 1900)
		return GOV_EINVAL;
	{
		static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

		/* 2026-02-30 is an impossible time, not 2 March. */
		if (d > mdays[mo - 1] + (mo == 2 && leap))
			return GOV_EINVAL;
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = timegm(&tm) - offset;
	return GOV_EOK;
}

const char *
gov_time_format(time_t t, bool day_only, char out[GOV_TIME_LEN])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, GOV_TIME_LEN, day_only ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

time_t
gov_now(void)
{
	const char *fake = getenv("WISGOV_NOW");
	time_t t;
	bool day;

	if (fake != NULL && gov_time_parse(fake, &t, &day) == GOV_EOK)
		return t;
	return time(NULL);
}
