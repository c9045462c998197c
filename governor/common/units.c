/*
 * units.c -- sizes and durations.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/err.h"
#include "common/units.h"

static const struct {
	const char *name;
	double factor;
} size_units[] = {
	{"", 1},
	{"b", 1},
	{"byte", 1},
	{"bytes", 1},
	{"kb", 1e3},
	{"mb", 1e6},
	{"gb", 1e9},
	{"tb", 1e12},
	{"kib", 1024.0},
	{"mib", 1048576.0},
	{"gib", 1073741824.0},
	{"tib", 1099511627776.0},
};

int
gov_parse_bytes(const char *s, uint64_t *out)
{
	char *end;
	double v;

	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return GOV_EINVAL;
	v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	for (size_t i = 0; i < sizeof(size_units) / sizeof(size_units[0]); i++) {
		if (strcasecmp(end, size_units[i].name) == 0) {
			v *= size_units[i].factor;
			if (!isfinite(v) || v >= 9.2e18)
				return GOV_ELIMIT;
			*out = (uint64_t)llround(v);
			return GOV_EOK;
		}
	}
	return GOV_EINVAL;
}

/* Read "<number><designator>" pairs from s; designators must appear in the
 * order given by `order`, each at most once. */
static int
duration_part(const char **sp, const char *order, const double *secs, double *total)
{
	const char *s = *sp;
	size_t pos = 0;

	while (*s != '\0' && *s != 'T') {
		char *end;
		const char *d;
		double v;

		if (!isdigit((unsigned char)*s))
			return GOV_EINVAL;
		v = strtod(s, &end);
		if (end == s || *end == '\0')
			return GOV_EINVAL;
		d = strchr(order + pos, *end);
		if (d == NULL)
			return GOV_EINVAL;
		pos = (size_t)(d - order) + 1;
		*total += v * secs[d - order];
		s = end + 1;
	}
	*sp = s;
	return GOV_EOK;
}

int
gov_parse_duration(const char *s, double *seconds)
{
	static const double date_secs[] = {365 * 86400.0, 30 * 86400.0, 7 * 86400.0, 86400.0};
	static const double time_secs[] = {3600.0, 60.0, 1.0};
	double total = 0;
	const char *p = s;
	int rc;

	if (*p != 'P' || p[1] == '\0')
		return GOV_EINVAL;
	p++;
	rc = duration_part(&p, "YMWD", date_secs, &total);
	if (rc != GOV_EOK)
		return rc;
	if (*p == 'T') {
		p++;
		if (*p == '\0')
			return GOV_EINVAL;
		rc = duration_part(&p, "HMS", time_secs, &total);
		if (rc != GOV_EOK || *p != '\0')
			return GOV_EINVAL;
	}
	if (!isfinite(total))
		return GOV_EINVAL;
	*seconds = total;
	return GOV_EOK;
}

const char *
gov_size_si(double v, char *out, size_t size)
{
	static const char *units[] = {"B", "kB", "MB", "GB", "TB", "PB"};
	size_t u = 0;

	while ((v >= 1000.0 || v <= -1000.0) && u + 1 < sizeof(units) / sizeof(units[0])) {
		v /= 1000.0;
		u++;
	}
	(void)snprintf(out, size, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
	return out;
}
