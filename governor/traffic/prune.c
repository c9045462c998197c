/*
 * prune.c -- forget traffic counters older than the retention period.
 *
 * Once a day at most (the day is kept in the store's meta), the day
 * counters of records and of data without metadata older than
 * retention-days are deleted, and the notifications seen more than
 * SEEN_DAYS ago (duplicates come within minutes; a Global Cache keeps
 * 24 hours), in one transaction.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "store/store.h"
#include "traffic/counters.h"
#include "traffic/ingest.h"

#define SEEN_DAYS 2

struct prune {
	uint32_t before;
	bool by_value; /* the day is the value (STORE_SEEN), not the key's end */
	char **keys;
	size_t *lens;
	size_t n, cap;
};

static int
old_day(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct prune *p = arg;

	if (p->by_value) {
		if (vlen != 4 || store_get_be32(val) >= p->before)
			return 0;
	} else if (klen < 5 || store_get_be32((const unsigned char *)key + klen - 4) >= p->before) {
		return 0;
	}
	if (p->n == p->cap) {
		p->cap = p->cap != 0 ? p->cap * 2 : 256;
		p->keys = xreallocarray(p->keys, p->cap, sizeof(*p->keys));
		p->lens = xreallocarray(p->lens, p->cap, sizeof(*p->lens));
	}
	p->keys[p->n] = xmalloc(klen);
	memcpy(p->keys[p->n], key, klen);
	p->lens[p->n++] = klen;
	return 0;
}

struct prune_run {
	struct prune p[3];
	uint32_t today;
};

static int
prune_txn(struct store_txn *t, void *arg)
{
	struct prune_run *r = arg;
	static const enum store_db dbs[3] = {STORE_COUNTERS, STORE_UNMATCHED, STORE_SEEN};
	char day[16];

	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < r->p[k].n; i++)
			store_del(t, dbs[k], r->p[k].keys[i], r->p[k].lens[i]);
	(void)snprintf(day, sizeof(day), "%u", r->today);
	store_put(t, STORE_META, "pruned-day", 10, day, strlen(day));
	return store_txn_error(t);
}

int
ingest_prune(struct store *s, time_t now, long retention_days, struct gov_diag *d)
{
	struct prune_run r;
	struct store_txn *t;
	struct gov_buf b;
	uint64_t last = 0;
	int rc;

	memset(&r, 0, sizeof(r));
	r.today = counter_day(now);
	if (retention_days <= 0)
		retention_days = 35;
	if ((rc = store_txn_begin(s, false, &t, d)) != GOV_EOK)
		return rc;
	gov_buf_init(&b, 64);
	if (store_get(t, STORE_META, "pruned-day", 10, &b) == GOV_EOK)
		(void)gov_strtou64(gov_buf_str(&b), 0, UINT32_MAX, &last);
	gov_buf_deinit(&b);
	if (last >= r.today) {
		store_txn_abort(t);
		return GOV_EOK;
	}
	r.p[0].before = r.p[1].before = r.today - (uint32_t)retention_days;
	r.p[2].before = r.today - SEEN_DAYS;
	r.p[2].by_value = true;
	(void)store_scan(t, STORE_COUNTERS, NULL, 0, false, old_day, &r.p[0]);
	(void)store_scan(t, STORE_UNMATCHED, NULL, 0, false, old_day, &r.p[1]);
	(void)store_scan(t, STORE_SEEN, NULL, 0, false, old_day, &r.p[2]);
	store_txn_abort(t);
	rc = store_write(s, prune_txn, &r, d);
	for (int k = 0; k < 3; k++) {
		for (size_t i = 0; i < r.p[k].n; i++)
			free(r.p[k].keys[i]);
		free(r.p[k].keys);
		free(r.p[k].lens);
	}
	return rc;
}
