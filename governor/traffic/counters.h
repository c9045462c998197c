/*
 * counters.h -- hourly traffic per record, one value per record and day.
 *
 * A day's value holds 24 (bytes, count) pairs, big-endian, so a record
 * with 35 days of retention costs 35 keys whatever its frequency.  Keys
 * are the record's folded identifier (or, for data without metadata, the
 * originating centre), a NUL, and the day number (days since 1970-01-01)
 * in big-endian, so a record's days sort together and in order.
 */
#ifndef GOV_TRAFFIC_COUNTERS_H
#define GOV_TRAFFIC_COUNTERS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/store.h"

#define COUNTER_VALUE_LEN (24 * 16)
#define COUNTER_MAX_KEY   STORE_MAX_KEY

struct day_counts {
	uint64_t bytes[24];
	uint64_t count[24];
};

static inline uint32_t
counter_day(time_t t)
{
	return (uint32_t)(t / 86400);
}

/* key = name NUL day; returns its length, 0 if name is too long. */
size_t counter_key(const char *name, size_t nlen, uint32_t day, unsigned char *key);

void counter_decode(const void *val, size_t len, struct day_counts *out);
void counter_encode(const struct day_counts *in, unsigned char out[COUNTER_VALUE_LEN]);

/* Add to the stored day in t (read, add, write). */
void counter_add(struct store_txn *t, enum store_db db, const unsigned char *key, size_t klen,
	const struct day_counts *add);

/* Read a stored day; zeros if none. */
void counter_get(struct store_txn *t, enum store_db db, const unsigned char *key, size_t klen,
	struct day_counts *out);

#endif
