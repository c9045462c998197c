/*
 * measure.c -- sums over hourly buckets.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "budget/measure.h"
#include "traffic/counters.h"

void
measure_counters(struct store_txn *t, enum store_db db, const char *name, size_t nlen, time_t at,
	struct measure *m)
{
	/* The hour that holds the last second before `at`: at 06:00:00 the
	 * last 24 hours are 06:00 yesterday to 05:59:59 today. */
	int64_t hat = (int64_t)((at - 1) / 3600);
	uint32_t first_day = (uint32_t)((hat - 14 * 24 + 1) / 24), last_day = (uint32_t)(hat / 24);
	uint64_t any = 0;

	memset(m, 0, sizeof(*m));
	m->mean_interval = -1;
	for (uint32_t day = first_day; day <= last_day; day++) {
		unsigned char key[COUNTER_MAX_KEY];
		size_t klen = counter_key(name, nlen, day, key);
		struct day_counts dc;

		if (klen == 0)
			return;
		counter_get(t, db, key, klen, &dc);
		for (int h = 0; h < 24; h++) {
			int64_t hour = (int64_t)day * 24 + h, age = hat - hour;

			if (age < 0 || dc.count[h] == 0)
				continue;
			if (age < 14 * 24)
				any += dc.count[h];
			if (age < 24) {
				m->bytes_24h += dc.bytes[h];
				m->count_24h += dc.count[h];
				m->hourly[23 - age] = dc.bytes[h];
				if (dc.bytes[h] > m->peak_hour_bytes) {
					m->peak_hour_bytes = dc.bytes[h];
					m->peak_hour = (time_t)(hour * 3600);
				}
			}
			if (age < 7 * 24)
				m->week_bytes += dc.bytes[h];
			else if (age < 14 * 24)
				m->prev_week_bytes += dc.bytes[h];
		}
	}
	m->measured = any > 0;
	if (m->count_24h > 0)
		m->mean_interval = 86400.0 / (double)m->count_24h;
	m->week_change = m->prev_week_bytes > 0
				 ? ((double)m->week_bytes - (double)m->prev_week_bytes) /
					   (double)m->prev_week_bytes
				 : NAN;
}
