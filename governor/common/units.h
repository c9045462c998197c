/*
 * units.h -- parse the quantities people write in configuration and
 * metadata: byte sizes ("1.5 GB", "200 MiB") and ISO 8601 durations
 * ("PT6H", "P0Y0M1DT6H0M0S").
 */
#ifndef GOV_COMMON_UNITS_H
#define GOV_COMMON_UNITS_H

#include <stddef.h>
#include <stdint.h>

/*
 * A size with an optional unit: B, kB/KB, MB, GB, TB (powers of 1000) or
 * KiB, MiB, GiB, TiB (powers of 1024).  Fractions are allowed.  Returns
 * GOV_EINVAL for anything else and GOV_ELIMIT above 2^63.
 */
int gov_parse_bytes(const char *s, uint64_t *out);

/*
 * An ISO 8601 duration (PnYnMnDTnHnMnS or PnW), converted to seconds with
 * 365-day years and 30-day months (good enough for "how often").  Returns
 * GOV_EINVAL when s is not a duration.
 */
int gov_parse_duration(const char *s, double *seconds);

/* "1.5 GB", "512 B": powers of 1000, as budgets are written. */
const char *gov_size_si(double bytes, char *out, size_t size);

#endif
