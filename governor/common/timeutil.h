/*
 * timeutil.h -- UTC timestamps as OAI-PMH and ISO 8601 write them.
 */
#ifndef GOV_COMMON_TIMEUTIL_H
#define GOV_COMMON_TIMEUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define GOV_TIME_LEN 21 /* "YYYY-MM-DDThh:mm:ssZ" + NUL */

/*
 * Parse a datestamp leniently, the way real providers write them:
 * "YYYY-MM-DD", "YYYY-MM-DDThh:mm:ssZ", with fractions (".485Z"), a
 * doubled "ZZ", a trailing ".", no zone (taken as UTC), or a numeric
 * offset ("+02:00").  *day_only tells whether only a date was given.
 * Returns 0, or GOV_EINVAL for anything else (including "").
 */
int gov_time_parse(const char *s, time_t *out, bool *day_only);

/* "YYYY-MM-DDThh:mm:ssZ" (seconds) or "YYYY-MM-DD" (day_only). */
const char *gov_time_format(time_t t, bool day_only, char out[GOV_TIME_LEN]);

/* Now, or $WISGOV_NOW (a datestamp) when set, so tests are reproducible. */
time_t gov_now(void);

#endif
