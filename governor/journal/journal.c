/*
 * journal.c -- hash-chained journal entries in STORE_JOURNAL.
 *
 * Stored value: "<64 hex hash> <body>", body a JSON object
 * {"seq":N,"time":"...","actor":"...","action":"...","object":"...",
 *  "details":{...},"prev":"<hex>"}; hash = SHA-256(body).
 */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/jsonw.h"
#include "common/timeutil.h"
#include "journal/journal.h"

#define HASH_HEX_LEN (GOV_SHA256_HEX - 1)

struct last {
	uint64_t seq;
	char hash[GOV_SHA256_HEX];
};

static int
take_last(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct last *l = arg;

	if (klen != 8 || vlen < HASH_HEX_LEN)
		return GOV_EPARSE;
	l->seq = store_get_be64(key);
	memcpy(l->hash, val, HASH_HEX_LEN);
	l->hash[HASH_HEX_LEN] = '\0';
	return 1;
}

void
journal_append(struct store_txn *t, time_t when, const char *actor, const char *action,
	const char *object, const char *details_json, uint64_t *seq)
{
	struct last last = {0, JOURNAL_GENESIS};
	struct gov_buf body, val;
	struct jsonw w;
	char ts[GOV_TIME_LEN], hash[GOV_SHA256_HEX];
	unsigned char key[8];
	int rc;

	rc = store_scan(t, STORE_JOURNAL, NULL, 0, true, take_last, &last);
	if (rc < 0) {
		store_txn_fail(t, rc);
		return;
	}
	gov_buf_init(&body, 1u << 20);
	gov_buf_init(&val, (1u << 20) + 80);
	jsonw_init(&w, &body);
	jsonw_object_begin(&w, NULL);
	jsonw_uint(&w, "seq", last.seq + 1);
	jsonw_str(&w, "time", gov_time_format(when, false, ts));
	jsonw_str(&w, "actor", actor);
	jsonw_str(&w, "action", action);
	jsonw_str(&w, "object", object);
	jsonw_object_end(&w);
	rc = jsonw_error(&w);
	if (rc == GOV_EOK) {
		/* Splice the details object and the chain link in before '}'. */
		body.len--;
		if (details_json != NULL && details_json[0] != '\0') {
			(void)gov_buf_adds(&body, ",\"details\":");
			(void)gov_buf_adds(&body, details_json);
		}
		rc = gov_buf_printf(&body, ",\"prev\":\"%s\"}", last.hash);
	}
	if (rc == GOV_EOK) {
		gov_sha256_hex(body.data, body.len, hash);
		(void)gov_buf_adds(&val, hash);
		(void)gov_buf_addc(&val, ' ');
		rc = gov_buf_add(&val, body.data, body.len);
	}
	if (rc != GOV_EOK) {
		store_txn_fail(t, rc);
	} else {
		store_be64(last.seq + 1, key);
		store_put(t, STORE_JOURNAL, key, sizeof(key), val.data, val.len);
		if (seq != NULL)
			*seq = last.seq + 1;
	}
	gov_buf_deinit(&body);
	gov_buf_deinit(&val);
}

struct scan_ctx {
	int (*fn)(const struct journal_entry *, void *);
	void *arg;
};

static int
scan_one(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct scan_ctx *c = arg;
	struct journal_entry e;

	if (klen != 8 || vlen < HASH_HEX_LEN + 2 || ((const char *)val)[HASH_HEX_LEN] != ' ')
		return GOV_EPARSE;
	e.seq = store_get_be64(key);
	memcpy(e.hash, val, HASH_HEX_LEN);
	e.hash[HASH_HEX_LEN] = '\0';
	e.body = (const char *)val + HASH_HEX_LEN + 1;
	e.body_len = vlen - HASH_HEX_LEN - 1;
	return c->fn(&e, c->arg);
}

int
journal_scan(struct store_txn *t, uint64_t from,
	int (*fn)(const struct journal_entry *e, void *arg), void *arg)
{
	struct scan_ctx c = {fn, arg};
	unsigned char key[8];

	/* Keys are big-endian sequence numbers: start the scan at `from`. */
	store_be64(from, key);
	return store_scan_from(t, STORE_JOURNAL, key, sizeof(key), scan_one, &c);
}

struct verify_ctx {
	uint64_t expect;
	char prev[GOV_SHA256_HEX];
	struct gov_diag *d;
};

static int
verify_one(const struct journal_entry *e, void *arg)
{
	struct verify_ctx *v = arg;
	char hash[GOV_SHA256_HEX], link[HASH_HEX_LEN + 32];
	size_t linklen;

	if (e->seq != v->expect)
		return gov_diag_set(v->d, GOV_EHOSTILE,
			"journal entry %llu is missing (found %llu next): the journal was altered",
			(unsigned long long)v->expect, (unsigned long long)e->seq);
	gov_sha256_hex(e->body, e->body_len, hash);
	if (strcmp(hash, e->hash) != 0)
		return gov_diag_set(v->d, GOV_EHOSTILE,
			"journal entry %llu does not match its hash: it was altered",
			(unsigned long long)e->seq);
	(void)snprintf(link, sizeof(link), "\"prev\":\"%s\"}", v->prev);
	linklen = strlen(link);
	/* Length first: a pointer before the body would be undefined. */
	if (e->body_len < linklen || memcmp(e->body + e->body_len - linklen, link, linklen) != 0)
		return gov_diag_set(v->d, GOV_EHOSTILE,
			"journal entry %llu does not chain to entry %llu: the journal was altered",
			(unsigned long long)e->seq, (unsigned long long)e->seq - 1);
	memcpy(v->prev, e->hash, sizeof(v->prev));
	v->expect++;
	return 0;
}

int
journal_verify(struct store_txn *t, uint64_t *count, char head[GOV_SHA256_HEX], struct gov_diag *d)
{
	struct verify_ctx v = {1, JOURNAL_GENESIS, d};
	int rc = journal_scan(t, 0, verify_one, &v);

	if (rc == GOV_EPARSE)
		rc = gov_diag_set(d, GOV_EPARSE, "journal entry %llu is not readable",
			(unsigned long long)v.expect);
	*count = v.expect - 1;
	memcpy(head, v.prev, GOV_SHA256_HEX);
	return rc < 0 ? rc : GOV_EOK;
}

const char *
journal_local_actor(void)
{
	static char actor[256];
	struct passwd *pw;
	char host[128] = "localhost";

	if (actor[0] != '\0')
		return actor;
	(void)gethostname(host, sizeof(host) - 1);
	pw = getpwuid(getuid());
	if (pw != NULL)
		(void)snprintf(actor, sizeof(actor), "%s@%s", pw->pw_name, host);
	else
		(void)snprintf(actor, sizeof(actor), "uid %u@%s", (unsigned)getuid(), host);
	return actor;
}
