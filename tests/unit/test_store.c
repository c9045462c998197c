/*
 * test_store.c -- the LMDB store (sticky transactions, schema versions,
 * map growth), the hash-chained journal and the catalogue's change
 * detection.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "catalogue/catalogue.h"
#include "common/arena.h"
#include "common/buf.h"
#include "journal/journal.h"
#include "store/store.h"
#include "wcmp/report.h"

static char dir[] = "/tmp/wisgov-store-XXXXXX";

static struct store *
open_store(const char *path, uint64_t map, bool ro)
{
	struct store_options o = {path, map, ro};
	struct store *s = NULL;
	struct gov_diag d;

	gov_diag_clear(&d);
	if (store_open(&o, &s, &d) != GOV_EOK)
		bail("store_open %s: %s", path, d.msg);
	return s;
}

static void
test_basics(void)
{
	struct store *s = open_store(dir, 0, false);
	struct store_txn *t;
	struct gov_buf b;
	struct gov_diag d;

	gov_buf_init(&b, 1024);
	is_int(GOV_EOK, store_txn_begin(s, true, &t, NULL), "write transaction");
	store_put(t, STORE_META, "k", 1, "v1", 2);
	is_int(GOV_EOK, store_txn_commit(t, NULL), "commit");
	store_txn_begin(s, true, &t, NULL);
	store_put(t, STORE_META, "k", 1, "v2", 2);
	store_put(t, STORE_META, "", 0, "x", 1); /* an empty key poisons the txn */
	store_put(t, STORE_META, "other", 5, "y", 1);
	is_int(GOV_ELIMIT, store_txn_error(t), "first failure is sticky");
	gov_diag_clear(&d);
	is_int(GOV_ELIMIT, store_txn_commit(t, &d), "commit of a poisoned txn fails");
	store_txn_begin(s, false, &t, NULL);
	store_get(t, STORE_META, "k", 1, &b);
	is_str("v1", gov_buf_str(&b), "nothing of the poisoned txn was written");
	is_int(GOV_ENOENT, store_get(t, STORE_META, "other", 5, &b), "not even later puts");
	is_int(GOV_EOK, store_txn_error(t), "a missing key does not poison a txn");
	store_txn_abort(t);
	gov_buf_deinit(&b);
	store_close(s);
}

/* LMDB's key limit is 511 bytes: 511 is stored, 512 is refused, and a
 * lookup or deletion by an over-long key finds nothing instead of failing
 * the transaction (harvesting keys items by source and file name). */
static void
test_key_limit(void)
{
	struct store *s = open_store(dir, 0, false);
	struct store_txn *t;
	struct gov_buf b;
	char key[STORE_MAX_KEY + 2];

	memset(key, 'k', sizeof(key));
	gov_buf_init(&b, 1024);
	store_txn_begin(s, true, &t, NULL);
	store_put(t, STORE_META, key, STORE_MAX_KEY, "v", 1);
	is_int(GOV_EOK, store_txn_error(t), "a 511-byte key is stored");
	is_int(GOV_ENOENT, store_get(t, STORE_META, key, STORE_MAX_KEY + 1, &b),
		"a 512-byte lookup finds nothing");
	store_del(t, STORE_META, key, STORE_MAX_KEY + 1);
	is_int(GOV_EOK, store_txn_error(t), "neither fails the transaction");
	is_int(GOV_EOK, store_get(t, STORE_META, key, STORE_MAX_KEY, &b),
		"the 511-byte key is there");
	store_put(t, STORE_META, key, STORE_MAX_KEY + 1, "v", 1);
	is_int(GOV_ELIMIT, store_txn_error(t), "a 512-byte key is refused");
	store_txn_abort(t);
	gov_buf_deinit(&b);
	store_close(s);
}

static int
count_cb(const void *k, size_t kl, const void *v, size_t vl, void *arg)
{
	(void)k;
	(void)kl;
	(void)v;
	(void)vl;
	(*(int *)arg)++;
	return 0;
}

static int
write_big(struct store_txn *t, void *arg)
{
	char *blob = arg, key[16];

	for (int i = 0; i < 64; i++) {
		(void)snprintf(key, sizeof(key), "blob%03d", i);
		store_put(t, STORE_ITEMS, key, strlen(key), blob, 65536);
	}
	return GOV_EOK;
}

static void
test_growth(void)
{
	char path[256];
	struct store *s;
	struct store_txn *t;
	struct gov_diag d;
	char *blob = calloc(1, 65536);
	int n = 0;

	(void)snprintf(path, sizeof(path), "%s/small", dir);
	s = open_store(path, 1u << 20, false); /* 1 MiB map, 4 MiB to write */
	gov_diag_clear(&d);
	is_int(GOV_EOK, store_write(s, write_big, blob, &d), "a change bigger than the map: %s",
		d.msg);
	store_txn_begin(s, false, &t, NULL);
	store_scan(t, STORE_ITEMS, "blob", 4, false, count_cb, &n);
	store_txn_abort(t);
	is_int(64, n, "the map grew and the whole change was written once");
	store_close(s);
	free(blob);
}

static void
test_full(void)
{
	char path[256];
	struct store_options o;
	struct store *s = NULL;
	struct store_txn *t;
	struct gov_diag d;
	char *blob = calloc(1, 65536);
	int n = 0;

	(void)snprintf(path, sizeof(path), "%s/capped", dir);
	memset(&o, 0, sizeof(o));
	o.path = path;
	o.max_size = 2u << 20; /* the map may not grow past 2 MiB */
	gov_diag_clear(&d);
	if (store_open(&o, &s, &d) != GOV_EOK)
		bail("open capped: %s", d.msg);
	store_txn_begin(s, true, &t, NULL);
	store_put(t, STORE_META, "before", 6, "kept", 4);
	store_txn_commit(t, NULL);
	gov_diag_clear(&d);
	is_int(GOV_ESPACE, store_write(s, write_big, blob, &d), "a change past the cap is refused");
	ok(strstr(d.msg, "nothing of this change was written") != NULL, "with a clear message: %s",
		d.msg);
	store_txn_begin(s, false, &t, NULL);
	store_scan(t, STORE_ITEMS, "blob", 4, false, count_cb, &n);
	is_int(0, n, "none of it was written");
	{
		struct gov_buf b;

		gov_buf_init(&b, 64);
		store_get(t, STORE_META, "before", 6, &b);
		is_str("kept", gov_buf_str(&b), "what was stored before is intact");
		gov_buf_deinit(&b);
	}
	store_txn_abort(t);
	store_close(s);
	free(blob);
}

static void
test_migration(void)
{
	char path[256];
	struct store *s;
	struct store_txn *t;
	struct gov_buf b;

	(void)snprintf(path, sizeof(path), "%s/old", dir);
	s = open_store(path, 0, false);
	store_txn_begin(s, true, &t, NULL);
	store_put(t, STORE_META, "schema", 6, "1", 1); /* as wisgov 0.1 left it */
	store_txn_commit(t, NULL);
	store_close(s);
	s = open_store(path, 0, false);
	gov_buf_init(&b, 64);
	store_txn_begin(s, false, &t, NULL);
	store_get(t, STORE_META, "schema", 6, &b);
	is_str("3", gov_buf_str(&b), "a schema 1 store is migrated to 3 on open");
	store_txn_abort(t);
	gov_buf_deinit(&b);
	store_close(s);
}

static void
test_schema(void)
{
	char path[256];
	struct store *s;
	struct store_txn *t;
	struct store_options o;
	struct gov_diag d;

	(void)snprintf(path, sizeof(path), "%s/future", dir);
	s = open_store(path, 0, false);
	store_txn_begin(s, true, &t, NULL);
	store_put(t, STORE_META, "schema", 6, "99", 2);
	store_txn_commit(t, NULL);
	store_close(s);
	o.path = path;
	o.map_size = 0;
	o.readonly = false;
	gov_diag_clear(&d);
	is_int(GOV_EINVAL, store_open(&o, &s, &d), "a store from a newer wisgov is refused");
	ok(strstr(d.msg, "schema version 99") != NULL, "and the message says why: %s", d.msg);
	o.path = "/nonexistent/store";
	o.readonly = true;
	is_int(GOV_ENOENT, store_open(&o, &s, &d), "no store where none exists (read-only)");
}

static int
corrupt(struct store_txn *t, void *arg)
{
	unsigned char key[8];
	struct gov_buf b;

	(void)arg;
	gov_buf_init(&b, 1u << 20);
	store_be64(2, key);
	store_get(t, STORE_JOURNAL, key, 8, &b);
	/* Change one character of entry 2's body, keep its stored hash. */
	b.data[b.len - 80] ^= 1;
	store_put(t, STORE_JOURNAL, key, 8, b.data, b.len);
	gov_buf_deinit(&b);
	return GOV_EOK;
}

static void
test_journal(void)
{
	struct store *s = open_store(dir, 0, false);
	struct store_txn *t;
	struct gov_diag d;
	char head[GOV_SHA256_HEX];
	uint64_t n = 0, seq = 0;

	store_txn_begin(s, true, &t, NULL);
	journal_append(t, 1000, "alice@gisc", "budget-set", "cache", "{\"limit\":1}", &seq);
	journal_append(t, 1001, "bob@gisc", "harvest", "dwd", NULL, NULL);
	journal_append(t, 1002, "carol\"quote", "scope-change", "urn:x", "{\"from\":\"a\"}", &seq);
	is_int(GOV_EOK, store_txn_commit(t, NULL), "three entries");
	is_int(3, (long long)seq, "numbered from 1");
	store_txn_begin(s, false, &t, NULL);
	gov_diag_clear(&d);
	is_int(GOV_EOK, journal_verify(t, &n, head, &d), "the chain verifies");
	is_int(3, (long long)n, "three entries verified");
	store_txn_abort(t);
	store_write(s, corrupt, NULL, &d);
	store_txn_begin(s, false, &t, NULL);
	gov_diag_clear(&d);
	is_int(GOV_EHOSTILE, journal_verify(t, &n, head, &d), "an altered entry is detected");
	ok(strstr(d.msg, "entry 2") != NULL, "and named: %s", d.msg);
	store_txn_abort(t);
	store_close(s);
}

static enum cat_outcome
apply(struct store *s, const char *id, const char *datestamp, bool deleted, const char *scope,
	const char *digest, bool *scope_changed)
{
	struct wcmp_report rep;
	struct cat_incoming in;
	struct cat_result res;
	struct store_txn *t;

	wcmp_report_init(&rep, NULL);
	rep.scope = scope;
	rep.scope_source = scope != NULL ? WCMP_SCOPE_KEYWORD : WCMP_SCOPE_NONE;
	memset(&in, 0, sizeof(in));
	in.identifier = id;
	in.datestamp = datestamp;
	in.deleted = deleted;
	in.report = deleted ? NULL : &rep;
	in.digest = digest;
	in.source = "test";
	store_txn_begin(s, true, &t, NULL);
	if (catalogue_apply(t, &in, 2000, "tester", &res) != GOV_EOK)
		bail("catalogue_apply");
	store_txn_commit(t, NULL);
	wcmp_report_deinit(&rep);
	if (scope_changed != NULL)
		*scope_changed = res.scope_changed;
	return res.outcome;
}

static int
count_history(const char *e, size_t len, void *arg)
{
	(void)e;
	(void)len;
	(*(int *)arg)++;
	return 0;
}

static void
test_catalogue(void)
{
	char path[256];
	struct store *s;
	struct store_txn *t;
	struct cat_record r;
	struct arena a;
	bool sc = false;
	int nh = 0;
	uint64_t n;
	char head[GOV_SHA256_HEX];

	(void)snprintf(path, sizeof(path), "%s/cat", dir);
	s = open_store(path, 0, false);
	is_int(CAT_NEW,
		apply(s, "urn:x-wmo:md:int.wmo.wis::SMAA01EGRR", "d1", false, "GlobalExchange",
			"h1", &sc),
		"new");
	is_int(CAT_UNCHANGED,
		apply(s, "URN:X-WMO:MD:INT.WMO.WIS::smaa01egrr", "d1", false, "GlobalExchange",
			"h1", &sc),
		"the same record in another case is unchanged (identifiers are case-insensitive)");
	is_int(CAT_CHANGED,
		apply(s, "urn:x-wmo:md:int.wmo.wis::SMAA01EGRR", "d2", false, "GlobalExchange",
			"h2", &sc),
		"a new datestamp and content is a change");
	ok(!sc, "same scope: no scope change");
	is_int(CAT_CHANGED,
		apply(s, "urn:x-wmo:md:int.wmo.wis::SMAA01EGRR", "d3", false, "RegionalExchange",
			"h3", &sc),
		"another change");
	ok(sc, "with a scope change");
	is_int(CAT_DELETED,
		apply(s, "urn:x-wmo:md:int.wmo.wis::SMAA01EGRR", "d4", true, NULL, NULL, NULL),
		"deleted");
	is_int(CAT_STILL_DELETED,
		apply(s, "urn:x-wmo:md:int.wmo.wis::SMAA01EGRR", "d4", true, NULL, NULL, NULL),
		"a deletion seen again");
	is_int(CAT_RESTORED,
		apply(s, "urn:x-wmo:md:int.wmo.wis::SMAA01EGRR", "d5", false, "RegionalExchange",
			"h3", NULL),
		"restored");
	is_int(CAT_DELETED_UNKNOWN,
		apply(s, "urn:x-wmo:md:int.wmo.wis::GONE", "d1", true, NULL, NULL, NULL),
		"a deletion of a record never seen");
	arena_init(&a);
	store_txn_begin(s, false, &t, NULL);
	is_int(GOV_EOK, catalogue_get(t, "urn:x-wmo:md:int.wmo.wis::smaa01EGRR", &a, &r),
		"get in any case");
	is_str("RegionalExchange", r.scope, "latest scope");
	is_str("d5", r.datestamp, "latest datestamp");
	ok(!r.deleted, "live again");
	is_str("1970-01-01T00:33:20Z", r.first_seen, "first seen kept from the first version");
	catalogue_history(t, "URN:X-WMO:MD:INT.WMO.WIS::SMAA01EGRR", count_history, &nh);
	is_int(5, nh, "history: new, changed, changed, deleted, restored");
	is_int(GOV_EOK, journal_verify(t, &n, head, NULL), "journal verifies");
	is_int(1, (long long)n, "one scope change journalled");
	store_txn_abort(t);
	arena_deinit(&a);
	store_close(s);
}

int
main(void)
{
	char cmd[512];

	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	test_basics();
	test_key_limit();
	test_growth();
	test_full();
	test_migration();
	test_schema();
	test_journal();
	test_catalogue();
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
	return done_testing();
}
