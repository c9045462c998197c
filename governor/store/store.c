/*
 * store.c -- LMDB environment, databases, transactions.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lmdb.h>

#include "common/str.h"
#include "common/xmalloc.h"
#include "store/store.h"

#define MAX_MAP_SIZE (1ull << 40) /* growth stops here: 1 TiB */

static const char *const db_names[STORE_NDB] = {
	"meta",
	"records",
	"history",
	"sources",
	"items",
	"journal",
	"counters",
	"unmatched",
	"inputs",
	"budgets",
	"seen",
};

struct store {
	MDB_env *env;
	MDB_dbi dbi[STORE_NDB];
	char *path;
	uint64_t map_size;
	uint64_t max_size;
	bool readonly;
};

struct store_txn {
	struct store *s;
	MDB_txn *txn;
	bool write;
	int err;
};

/* LMDB codes -> GOV_E*, in this one place. */
static int
map_error(int rc)
{
	switch (rc) {
	case MDB_SUCCESS:
		return GOV_EOK;
	case MDB_NOTFOUND:
		return GOV_ENOENT;
	case MDB_MAP_FULL:
		return GOV_ESPACE;
	case MDB_TXN_FULL:
		/* Too many pages touched in one transaction: a bigger map would
		 * not help, so this is not "store full". */
		return GOV_ELIMIT;
	case MDB_KEYEXIST:
		return GOV_EEXIST;
	case ENOMEM:
		return GOV_ENOMEM;
	case EACCES:
		return GOV_EACCES;
	case ENOENT:
		return GOV_ENOENT;
	default:
		return rc > 0 ? -rc : GOV_EIO;
	}
}

static int
lmdb_fail(struct gov_diag *d, int rc, const char *what, const char *path)
{
	gov_diag_file(d, path);
	return gov_diag_set(d, map_error(rc), "%s: %s", what, mdb_strerror(rc));
}

void
store_be64(uint64_t v, unsigned char out[8])
{
	for (int i = 7; i >= 0; i--) {
		out[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

uint64_t
store_get_be64(const unsigned char in[8])
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = (v << 8) | in[i];
	return v;
}

void
store_be32(uint32_t v, unsigned char out[4])
{
	out[0] = (unsigned char)(v >> 24);
	out[1] = (unsigned char)(v >> 16);
	out[2] = (unsigned char)(v >> 8);
	out[3] = (unsigned char)v;
}

uint32_t
store_get_be32(const unsigned char in[4])
{
	return ((uint32_t)in[0] << 24) | ((uint32_t)in[1] << 16) | ((uint32_t)in[2] << 8) | in[3];
}

/*
 * Schema migrations: migrations[v] takes a store from version v to v + 1,
 * inside the transaction that records the new version.  The databases a
 * version adds are created when the store opens, before any migration.
 */
static int (*const migrations[STORE_SCHEMA_VERSION])(struct store_txn *) = {
	NULL, /* 0 -> 1: a new store; nothing to convert */
	NULL, /* 1 -> 2: traffic counters, inputs and budgets (new, empty databases) */
	NULL, /* 2 -> 3: notifications seen (a new, empty database) */
};

static int
check_schema(struct store *s, struct gov_diag *d)
{
	struct store_txn *t = NULL;
	struct gov_buf b;
	uint64_t version = 0;
	char text[32];
	int rc;

	gov_buf_init(&b, 64);
	rc = store_txn_begin(s, !s->readonly, &t, d);
	if (rc != GOV_EOK)
		goto out;
	rc = store_get(t, STORE_META, "schema", 6, &b);
	if (rc == GOV_EOK && gov_strtou64(gov_buf_str(&b), 0, 1000000, &version) != GOV_EOK) {
		store_txn_abort(t);
		gov_diag_file(d, s->path);
		rc = gov_diag_set(d, GOV_EPARSE, "the schema version \"%s\" is not a number",
			gov_buf_str(&b));
		goto out;
	}
	if (version > STORE_SCHEMA_VERSION) {
		store_txn_abort(t);
		gov_diag_file(d, s->path);
		rc = gov_diag_set(d, GOV_EINVAL,
			"the store has schema version %llu, newer than this wisgov (%d); "
			"upgrade wisgov",
			(unsigned long long)version, STORE_SCHEMA_VERSION);
		goto out;
	}
	if (version == STORE_SCHEMA_VERSION || s->readonly) {
		store_txn_abort(t);
		if (version < STORE_SCHEMA_VERSION && s->readonly && version > 0) {
			gov_diag_file(d, s->path);
			rc = gov_diag_set(d, GOV_EINVAL,
				"the store has schema version %llu and needs migrating; open it "
				"for writing once (for example with wisgov harvest)",
				(unsigned long long)version);
		} else {
			rc = GOV_EOK;
		}
		goto out;
	}
	/* Migrate step by step, all in this one transaction. */
	for (uint64_t v = version; v < STORE_SCHEMA_VERSION; v++)
		if (migrations[v] != NULL && (rc = migrations[v](t)) != GOV_EOK)
			store_txn_fail(t, rc);
	(void)snprintf(text, sizeof(text), "%d", STORE_SCHEMA_VERSION);
	store_put(t, STORE_META, "schema", 6, text, strlen(text));
	rc = store_txn_commit(t, d);
out:
	gov_buf_deinit(&b);
	return rc;
}

int
store_open(const struct store_options *opt, struct store **out, struct gov_diag *d)
{
	struct store *s;
	MDB_txn *txn = NULL;
	struct stat st;
	int rc;

	*out = NULL;
	if (!opt->readonly && mkdir(opt->path, 0750) != 0 && errno != EEXIST) {
		gov_diag_file(d, opt->path);
		return gov_diag_set(
			d, GOV_EIO, "cannot create the store directory: %s", strerror(errno));
	}
	if (stat(opt->path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		gov_diag_file(d, opt->path);
		return gov_diag_set(d, GOV_ENOENT, "no store here (expected a directory)");
	}
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(opt->path);
	s->max_size = opt->max_size != 0 ? opt->max_size : MAX_MAP_SIZE;
	s->map_size = opt->map_size != 0 ? opt->map_size : STORE_DEFAULT_MAP_SIZE;
	if (s->map_size > s->max_size)
		s->map_size = s->max_size;
	s->readonly = opt->readonly;
	if ((rc = mdb_env_create(&s->env)) != 0 ||
		(rc = mdb_env_set_maxdbs(s->env, STORE_NDB)) != 0 ||
		(rc = mdb_env_set_maxreaders(s->env, 126)) != 0 ||
		(rc = mdb_env_set_mapsize(s->env, s->map_size)) != 0) {
		rc = lmdb_fail(d, rc, "cannot set up the store", opt->path);
		goto fail;
	}
	/* MDB_NOTLS: read transactions are not tied to threads (the API server
	 * will use them from libmicrohttpd's threads). */
	rc = mdb_env_open(s->env, opt->path, MDB_NOTLS | (opt->readonly ? MDB_RDONLY : 0), 0640);
	if (rc != 0) {
		rc = lmdb_fail(d, rc, "cannot open the store", opt->path);
		goto fail;
	}
	rc = mdb_txn_begin(s->env, NULL, opt->readonly ? MDB_RDONLY : 0, &txn);
	for (int i = 0; rc == 0 && i < STORE_NDB; i++)
		rc = mdb_dbi_open(txn, db_names[i], opt->readonly ? 0 : MDB_CREATE, &s->dbi[i]);
	if (rc == 0)
		rc = mdb_txn_commit(txn);
	else
		mdb_txn_abort(txn);
	if (rc != 0) {
		rc = lmdb_fail(d, rc,
			rc == MDB_NOTFOUND
				? "a database is missing: not a wisgov store, or one written "
				  "by an older wisgov (open it for writing once, with "
				  "wisgov harvest or ingest, to migrate it)"
				: "cannot open the databases",
			opt->path);
		goto fail;
	}
	if ((rc = check_schema(s, d)) != GOV_EOK)
		goto fail;
	*out = s;
	return GOV_EOK;
fail:
	store_close(s);
	return rc;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->env != NULL)
		mdb_env_close(s->env);
	free(s->path);
	free(s);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

int
store_txn_begin(struct store *s, bool write, struct store_txn **out, struct gov_diag *d)
{
	struct store_txn *t;
	int rc, tries = 0;

	*out = NULL;
	if (write && s->readonly) {
		gov_diag_file(d, s->path);
		return gov_diag_set(d, GOV_EACCES, "the store is open read-only");
	}
	t = xcalloc(1, sizeof(*t));
	t->s = s;
	t->write = write;
	for (;;) {
		rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, &t->txn);
		if (rc == MDB_MAP_RESIZED && tries++ < 3) {
			/* Another process grew the map: adopt its size. */
			(void)mdb_env_set_mapsize(s->env, 0);
			continue;
		}
		if (rc == MDB_READERS_FULL && tries++ < 3) {
			int dead = 0;

			(void)mdb_reader_check(s->env, &dead);
			continue;
		}
		break;
	}
	if (rc != 0) {
		free(t);
		return lmdb_fail(d, rc, "cannot begin a transaction", s->path);
	}
	*out = t;
	return GOV_EOK;
}

int
store_txn_error(const struct store_txn *t)
{
	return t->err;
}

void
store_txn_fail(struct store_txn *t, int code)
{
	if (t->err == GOV_EOK)
		t->err = code;
}

int
store_txn_commit(struct store_txn *t, struct gov_diag *d)
{
	int rc;

	if (t == NULL)
		return GOV_EINVAL;
	if (t->err != GOV_EOK) {
		rc = t->err;
		mdb_txn_abort(t->txn);
		if (d != NULL && d->msg[0] == '\0') {
			gov_diag_file(d, t->s->path);
			gov_diag_set(d, rc, "transaction aborted: %s", gov_strerror(rc));
		}
		free(t);
		return rc;
	}
	rc = mdb_txn_commit(t->txn);
	if (rc != 0)
		rc = lmdb_fail(d, rc, "commit failed", t->s->path);
	free(t);
	return rc;
}

void
store_txn_abort(struct store_txn *t)
{
	if (t == NULL)
		return;
	mdb_txn_abort(t->txn);
	free(t);
}

int
store_get(struct store_txn *t, enum store_db db, const void *key, size_t klen, struct gov_buf *out)
{
	MDB_val k = {klen, (void *)key}, v;
	int rc;

	gov_buf_reset(out);
	if (t->err != GOV_EOK)
		return t->err;
	if (klen == 0 || klen > STORE_MAX_KEY)
		return GOV_ENOENT; /* cannot have been stored; not worth failing for */
	rc = mdb_get(t->txn, t->s->dbi[db], &k, &v);
	if (rc == MDB_NOTFOUND)
		return GOV_ENOENT;
	if (rc != 0) {
		store_txn_fail(t, map_error(rc));
		return t->err;
	}
	rc = gov_buf_add(out, v.mv_data, v.mv_size);
	if (rc != GOV_EOK)
		store_txn_fail(t, rc);
	return rc;
}

void
store_put(struct store_txn *t, enum store_db db, const void *key, size_t klen, const void *val,
	size_t vlen)
{
	MDB_val k = {klen, (void *)key}, v = {vlen, (void *)val};
	int rc;

	if (t->err != GOV_EOK)
		return;
	if (klen == 0 || klen > STORE_MAX_KEY) {
		store_txn_fail(t, GOV_ELIMIT);
		return;
	}
	rc = mdb_put(t->txn, t->s->dbi[db], &k, &v, 0);
	if (rc != 0)
		store_txn_fail(t, map_error(rc));
}

void
store_del(struct store_txn *t, enum store_db db, const void *key, size_t klen)
{
	MDB_val k = {klen, (void *)key};
	int rc;

	if (t->err != GOV_EOK || klen == 0 || klen > STORE_MAX_KEY)
		return;
	rc = mdb_del(t->txn, t->s->dbi[db], &k, NULL);
	if (rc != 0 && rc != MDB_NOTFOUND)
		store_txn_fail(t, map_error(rc));
}

static bool
has_prefix(const MDB_val *k, const void *prefix, size_t plen)
{
	/* memcmp's arguments must not be NULL, even for 0 bytes. */
	return plen == 0 || (k->mv_size >= plen && memcmp(k->mv_data, prefix, plen) == 0);
}

/*
 * Position a cursor, then call fn on each entry whose key starts with
 * prefix (plen 0: any), stepping with `step`.  For the reverse scan of a
 * prefix, the start is the last key of the prefix: just before
 * prefix + 0xff.
 */
static int
walk(struct store_txn *t, enum store_db db, const void *start, size_t slen, bool reverse,
	const void *prefix, size_t plen, store_scan_fn fn, void *arg)
{
	MDB_cursor *c = NULL;
	MDB_val k = {slen, (void *)start}, v;
	int rc, ret = 0;

	if (t->err != GOV_EOK)
		return t->err;
	rc = mdb_cursor_open(t->txn, t->s->dbi[db], &c);
	if (rc != 0) {
		store_txn_fail(t, map_error(rc));
		return t->err;
	}
	if (!reverse) {
		rc = mdb_cursor_get(c, &k, &v, slen > 0 ? MDB_SET_RANGE : MDB_FIRST);
	} else if (plen == 0) {
		rc = mdb_cursor_get(c, &k, &v, MDB_LAST);
	} else {
		unsigned char *end = xmalloc(plen + 1);

		memcpy(end, prefix, plen);
		end[plen] = 0xff;
		k.mv_size = plen + 1;
		k.mv_data = end;
		rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
		rc = rc == 0 ? mdb_cursor_get(c, &k, &v, MDB_PREV)
			     : mdb_cursor_get(c, &k, &v, MDB_LAST);
		free(end);
	}
	while (rc == 0 && has_prefix(&k, prefix, plen)) {
		ret = fn(k.mv_data, k.mv_size, v.mv_data, v.mv_size, arg);
		if (ret != 0)
			break;
		rc = mdb_cursor_get(c, &k, &v, reverse ? MDB_PREV : MDB_NEXT);
	}
	if (rc != 0 && rc != MDB_NOTFOUND)
		store_txn_fail(t, map_error(rc));
	mdb_cursor_close(c);
	return ret != 0 ? ret : t->err;
}

int
store_scan(struct store_txn *t, enum store_db db, const void *prefix, size_t plen, bool reverse,
	store_scan_fn fn, void *arg)
{
	return walk(t, db, prefix, plen, reverse, prefix, plen, fn, arg);
}

int
store_scan_from(struct store_txn *t, enum store_db db, const void *start, size_t slen,
	store_scan_fn fn, void *arg)
{
	return walk(t, db, start, slen, false, NULL, 0, fn, arg);
}

size_t
store_count(struct store_txn *t, enum store_db db)
{
	MDB_stat st;

	if (t->err != GOV_EOK || mdb_stat(t->txn, t->s->dbi[db], &st) != 0)
		return 0;
	return st.ms_entries;
}

int
store_write(
	struct store *s, int (*fn)(struct store_txn *t, void *arg), void *arg, struct gov_diag *d)
{
	for (;;) {
		struct store_txn *t;
		int rc = store_txn_begin(s, true, &t, d);

		if (rc != GOV_EOK)
			return rc;
		rc = fn(t, arg);
		if (rc != GOV_EOK)
			store_txn_fail(t, rc);
		if (store_txn_error(t) == GOV_ESPACE && s->map_size < s->max_size) {
			/* Nothing was written; grow the map and run the change again.
			 * No transaction of ours is open, as mdb_env_set_mapsize needs. */
			store_txn_abort(t);
			s->map_size = s->map_size > s->max_size / 2 ? s->max_size : s->map_size * 2;
			rc = mdb_env_set_mapsize(s->env, s->map_size);
			if (rc != 0)
				return lmdb_fail(d, rc, "cannot grow the store map", s->path);
			continue;
		}
		if (store_txn_error(t) == GOV_ESPACE) {
			store_txn_abort(t);
			gov_diag_file(d, s->path);
			return gov_diag_set(d, GOV_ESPACE,
				"the store is full at its %llu-byte limit (store: max-size); nothing "
				"of this change was written and what was stored before is intact",
				(unsigned long long)s->map_size);
		}
		return store_txn_commit(t, d);
	}
}
