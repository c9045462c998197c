/*
 * counters.c -- encode, decode and add day values.
 */
#include "config.h"

#include <string.h>

#include "common/buf.h"
#include "traffic/counters.h"

size_t
counter_key(const char *name, size_t nlen, uint32_t day, unsigned char *key)
{
	if (nlen + 5 > COUNTER_MAX_KEY || nlen == 0)
		return 0;
	memcpy(key, name, nlen);
	key[nlen] = '\0';
	store_be32(day, key + nlen + 1);
	return nlen + 5;
}

void
counter_decode(const void *val, size_t len, struct day_counts *out)
{
	const unsigned char *p = val;

	memset(out, 0, sizeof(*out));
	if (len != COUNTER_VALUE_LEN)
		return;
	for (int h = 0; h < 24; h++) {
		out->bytes[h] = store_get_be64(p + 16 * h);
		out->count[h] = store_get_be64(p + 16 * h + 8);
	}
}

void
counter_encode(const struct day_counts *in, unsigned char out[COUNTER_VALUE_LEN])
{
	for (int h = 0; h < 24; h++) {
		store_be64(in->bytes[h], out + 16 * h);
		store_be64(in->count[h], out + 16 * h + 8);
	}
}

void
counter_get(struct store_txn *t, enum store_db db, const unsigned char *key, size_t klen,
	struct day_counts *out)
{
	struct gov_buf b;

	gov_buf_init(&b, COUNTER_VALUE_LEN);
	if (store_get(t, db, key, klen, &b) == GOV_EOK)
		counter_decode(b.data, b.len, out);
	else
		memset(out, 0, sizeof(*out));
	gov_buf_deinit(&b);
}

void
counter_add(struct store_txn *t, enum store_db db, const unsigned char *key, size_t klen,
	const struct day_counts *add)
{
	struct day_counts cur;
	unsigned char val[COUNTER_VALUE_LEN];

	counter_get(t, db, key, klen, &cur);
	for (int h = 0; h < 24; h++) {
		cur.bytes[h] += add->bytes[h];
		cur.count[h] += add->count[h];
	}
	counter_encode(&cur, val);
	store_put(t, db, key, klen, val, sizeof(val));
}
