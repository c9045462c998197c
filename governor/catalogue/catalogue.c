/*
 * catalogue.c -- record summaries, history and change detection.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "common/buf.h"
#include "common/jsonr.h"
#include "common/jsonw.h"
#include "common/str.h"
#include "common/timeutil.h"
#include "journal/journal.h"
#include "iso19139/record.h"
#include "wcmp/report.h"

#define MAX_VALUE (1u << 20)

const char *
cat_outcome_name(enum cat_outcome o)
{
	static const char *const names[] = {"new", "changed", "unchanged", "deleted", "restored",
		"deleted-unknown", "still-deleted"};

	return names[o];
}

/* Lower-case ASCII key; identifiers are compared case-insensitively. */
static size_t
fold(const char *id, char *key, size_t size)
{
	size_t n = 0;

	for (; id[n] != '\0' && n + 1 < size; n++)
		key[n] = (char)tolower((unsigned char)id[n]);
	key[n] = '\0';
	return n;
}

static const char *
or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

static void
write_record(struct jsonw *w, const struct cat_record *r)
{
	jsonw_str(w, "identifier", r->identifier);
	jsonw_str(w, "datestamp", r->datestamp);
	jsonw_bool(w, "deleted", r->deleted);
	jsonw_array_begin(w, "sets");
	for (size_t i = 0; i < r->nsets; i++)
		jsonw_str(w, NULL, r->sets[i]);
	jsonw_array_end(w);
	jsonw_str(w, "scope", or_null(r->scope));
	jsonw_str(w, "scope_source", r->scope_source != NULL ? r->scope_source : "none");
	jsonw_str(w, "data_policy", or_null(r->data_policy));
	jsonw_str(w, "gts_priority", or_null(r->gts_priority));
	jsonw_str(w, "centre", or_null(r->centre));
	jsonw_str(w, "principal_gisc", or_null(r->principal_gisc));
	jsonw_str(w, "title", or_null(r->title));
	jsonw_str(w, "verdict", or_null(r->verdict));
	jsonw_int(w, "errors", r->errors);
	jsonw_int(w, "warnings", r->warnings);
	jsonw_str(w, "digest", or_null(r->digest));
	jsonw_str(w, "first_seen", r->first_seen);
	jsonw_str(w, "last_seen", r->last_seen);
	jsonw_str(w, "last_changed", r->last_changed);
	jsonw_str(w, "source", r->source);
	jsonw_str(w, "item", r->item);
	if (r->declared_per_day >= 0)
		jsonw_double(w, "declared_per_day", r->declared_per_day);
	else
		jsonw_null(w, "declared_per_day");
	if (r->declared_bytes_per_day >= 0)
		jsonw_double(w, "declared_bytes_per_day", r->declared_bytes_per_day);
	else
		jsonw_null(w, "declared_bytes_per_day");
}

void
catalogue_record_json(struct jsonw *w, const struct cat_record *r)
{
	write_record(w, r);
}

static const char *
dup(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

static int
decode(const char *val, size_t len, struct arena *a, struct cat_record *r)
{
	struct jsonr *doc = NULL;
	const struct jsonr_val *o, *sets;
	int rc = jsonr_parse(val, len, MAX_VALUE, &doc, NULL);

	memset(r, 0, sizeof(*r));
	if (rc != GOV_EOK)
		return GOV_EPARSE;
	o = jsonr_root(doc);
	r->identifier = dup(a, jsonr_str(o, "identifier"));
	r->datestamp = dup(a, jsonr_str(o, "datestamp"));
	r->deleted = jsonr_bool(o, "deleted", false);
	sets = jsonr_get(o, "sets");
	r->nsets = jsonr_len(sets);
	r->sets = arena_alloc(a, (r->nsets + 1) * sizeof(*r->sets));
	for (size_t i = 0; i < r->nsets; i++)
		r->sets[i] = dup(a, jsonr_as_str(jsonr_at(sets, i)));
	r->scope = dup(a, jsonr_str(o, "scope"));
	r->scope_source = dup(a, jsonr_str(o, "scope_source"));
	r->data_policy = dup(a, jsonr_str(o, "data_policy"));
	r->gts_priority = dup(a, jsonr_str(o, "gts_priority"));
	r->centre = dup(a, jsonr_str(o, "centre"));
	r->principal_gisc = dup(a, jsonr_str(o, "principal_gisc"));
	r->title = dup(a, jsonr_str(o, "title"));
	r->verdict = dup(a, jsonr_str(o, "verdict"));
	r->errors = (long)jsonr_int(o, "errors", 0);
	r->warnings = (long)jsonr_int(o, "warnings", 0);
	r->digest = dup(a, jsonr_str(o, "digest"));
	r->first_seen = dup(a, jsonr_str(o, "first_seen"));
	r->last_seen = dup(a, jsonr_str(o, "last_seen"));
	r->last_changed = dup(a, jsonr_str(o, "last_changed"));
	r->source = dup(a, jsonr_str(o, "source"));
	r->item = dup(a, jsonr_str(o, "item"));
	r->declared_per_day = jsonr_num(o, "declared_per_day", -1);
	r->declared_bytes_per_day = jsonr_num(o, "declared_bytes_per_day", -1);
	jsonr_free(doc);
	if (r->identifier == NULL)
		return GOV_EPARSE;
	return GOV_EOK;
}

static bool
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool
same_sets(const struct cat_record *old, const struct cat_incoming *in)
{
	if (old->nsets != in->nsets)
		return false;
	for (size_t i = 0; i < in->nsets; i++)
		if (!same(old->sets[i], in->sets[i]))
			return false;
	return true;
}

static uint64_t
next_history_seq(struct store_txn *t)
{
	struct gov_buf b;
	uint64_t seq = 0;
	char text[32];

	gov_buf_init(&b, 64);
	if (store_get(t, STORE_META, "history-seq", 11, &b) == GOV_EOK)
		(void)gov_strtou64(gov_buf_str(&b), 0, UINT64_MAX, &seq);
	gov_buf_deinit(&b);
	seq++;
	(void)snprintf(text, sizeof(text), "%llu", (unsigned long long)seq);
	store_put(t, STORE_META, "history-seq", 11, text, strlen(text));
	return seq;
}

static void
add_history(struct store_txn *t, const char *key, size_t klen, const struct cat_incoming *in,
	const struct cat_record *now_rec, enum cat_outcome o, const char *when)
{
	unsigned char hkey[CAT_MAX_IDENTIFIER + 1 + 8];
	struct gov_buf b;
	struct jsonw w;
	uint64_t seq = next_history_seq(t);

	memcpy(hkey, key, klen);
	hkey[klen] = '\0';
	store_be64(seq, hkey + klen + 1);
	gov_buf_init(&b, MAX_VALUE);
	jsonw_init(&w, &b);
	jsonw_object_begin(&w, NULL);
	jsonw_uint(&w, "seq", seq);
	jsonw_str(&w, "time", when);
	jsonw_str(&w, "event", cat_outcome_name(o));
	jsonw_str(&w, "datestamp", in->datestamp);
	jsonw_str(&w, "scope", or_null(now_rec->scope));
	jsonw_str(&w, "scope_source", now_rec->scope_source);
	jsonw_str(&w, "verdict", or_null(now_rec->verdict));
	jsonw_str(&w, "digest", or_null(in->digest));
	jsonw_str(&w, "source", in->source);
	jsonw_object_end(&w);
	if (jsonw_error(&w) != GOV_EOK)
		store_txn_fail(t, jsonw_error(&w));
	else
		store_put(t, STORE_HISTORY, hkey, klen + 1 + 8, b.data, b.len);
	gov_buf_deinit(&b);
}

/* The journal entry for a scope change.  Every value may come from a
 * record or a configuration, so the details are written as JSON, never
 * pasted into a format string. */
static void
journal_scope_change(struct store_txn *t, time_t now, const char *actor,
	const struct cat_incoming *in, const struct cat_result *res, const char *scope_source)
{
	struct gov_buf b;
	struct jsonw w;

	gov_buf_init(&b, MAX_VALUE);
	jsonw_init(&w, &b);
	jsonw_object_begin(&w, NULL);
	jsonw_str(&w, "from", res->old_scope);
	jsonw_str(&w, "to", res->new_scope);
	jsonw_str(&w, "scope_source", scope_source);
	jsonw_str(&w, "source", in->source);
	jsonw_object_end(&w);
	if (jsonw_error(&w) != GOV_EOK)
		store_txn_fail(t, jsonw_error(&w));
	else
		journal_append(
			t, now, actor, "scope-change", in->identifier, gov_buf_str(&b), NULL);
	gov_buf_deinit(&b);
}

int
catalogue_apply(struct store_txn *t, const struct cat_incoming *in, time_t now, const char *actor,
	struct cat_result *res)
{
	char key[CAT_MAX_IDENTIFIER + 1], ts[GOV_TIME_LEN];
	struct cat_record old, rec;
	struct arena a;
	struct gov_buf b;
	struct jsonw w;
	size_t klen;
	bool known;
	int rc;

	memset(res, 0, sizeof(*res));
	if (in->identifier == NULL || in->identifier[0] == '\0' ||
		strlen(in->identifier) > CAT_MAX_IDENTIFIER)
		return GOV_EINVAL;
	klen = fold(in->identifier, key, sizeof(key));
	gov_time_format(now, false, ts);
	arena_init(&a);
	gov_buf_init(&b, MAX_VALUE);
	rc = store_get(t, STORE_RECORDS, key, klen, &b);
	known = rc == GOV_EOK && decode(b.data, b.len, &a, &old) == GOV_EOK;
	if (rc != GOV_EOK && rc != GOV_ENOENT)
		goto out;

	memset(&rec, 0, sizeof(rec));
	rec.identifier = in->identifier;
	rec.datestamp = in->datestamp;
	rec.deleted = in->deleted;
	rec.sets = (const char **)in->sets;
	rec.nsets = in->nsets;
	rec.source = in->source;
	rec.item = in->item;
	rec.last_seen = ts;
	rec.declared_per_day = -1;
	rec.declared_bytes_per_day = -1;
	if (in->deleted) {
		/* A deletion keeps what was known about the record. */
		if (known) {
			rec.scope = old.scope;
			rec.scope_source = old.scope_source;
			rec.data_policy = old.data_policy;
			rec.gts_priority = old.gts_priority;
			rec.centre = old.centre;
			rec.principal_gisc = old.principal_gisc;
			rec.title = old.title;
			rec.verdict = old.verdict;
			rec.errors = old.errors;
			rec.warnings = old.warnings;
			rec.digest = old.digest;
			rec.declared_per_day = old.declared_per_day;
			rec.declared_bytes_per_day = old.declared_bytes_per_day;
		}
	} else {
		const struct wcmp_report *rep = in->report;

		rec.scope = rep->scope;
		rec.scope_source = wcmp_scope_source_name(rep->scope_source);
		rec.data_policy = rep->data_policy;
		rec.gts_priority = rep->gts_priority;
		rec.centre = rep->centre;
		rec.principal_gisc = in->principal_gisc;
		rec.title = rep->record != NULL ? rep->record->title.value : NULL;
		rec.verdict = wcmp_verdict_name(wcmp_verdict(rep));
		for (size_t i = 0; i < rep->nfindings; i++) {
			rec.errors += rep->findings[i].severity == WCMP_ERROR;
			rec.warnings += rep->findings[i].severity == WCMP_WARNING;
		}
		rec.digest = in->digest;
		/* Only what the record itself says (not --expect options). */
		rec.declared_per_day = rep->flow.per_day;
		rec.declared_bytes_per_day = rep->flow.bytes_per_day;
	}

	if (!known)
		res->outcome = in->deleted ? CAT_DELETED_UNKNOWN : CAT_NEW;
	else if (in->deleted)
		res->outcome = old.deleted ? CAT_STILL_DELETED : CAT_DELETED;
	else if (old.deleted)
		res->outcome = CAT_RESTORED;
	else if (!same(old.datestamp, in->datestamp) || !same(old.digest, in->digest) ||
		 !same_sets(&old, in))
		res->outcome = CAT_CHANGED;
	else
		res->outcome = CAT_UNCHANGED;

	rec.first_seen = known ? old.first_seen : ts;
	rec.last_changed = res->outcome == CAT_UNCHANGED || res->outcome == CAT_STILL_DELETED
				   ? old.last_changed
				   : ts;
	if (known && !in->deleted && !same(old.scope, rec.scope)) {
		res->scope_changed = true;
		gov_strlcpy(res->old_scope, old.scope != NULL ? old.scope : "none",
			sizeof(res->old_scope));
		gov_strlcpy(res->new_scope, rec.scope != NULL ? rec.scope : "none",
			sizeof(res->new_scope));
		journal_scope_change(t, now, actor, in, res, rec.scope_source);
	}

	if (res->outcome != CAT_UNCHANGED && res->outcome != CAT_STILL_DELETED)
		add_history(t, key, klen, in, &rec, res->outcome, ts);

	gov_buf_reset(&b);
	jsonw_init(&w, &b);
	jsonw_object_begin(&w, NULL);
	write_record(&w, &rec);
	jsonw_object_end(&w);
	rc = jsonw_error(&w);
	if (rc == GOV_EOK)
		store_put(t, STORE_RECORDS, key, klen, b.data, b.len);
	else
		store_txn_fail(t, rc);
	rc = store_txn_error(t);
out:
	gov_buf_deinit(&b);
	arena_deinit(&a);
	return rc;
}

size_t
catalogue_fold(const char *identifier, size_t len, char *key, size_t size)
{
	size_t n = 0;

	for (; n < len && n + 1 < size; n++)
		key[n] = (char)tolower((unsigned char)identifier[n]);
	key[n] = '\0';
	return n;
}

bool
catalogue_exists(struct store_txn *t, const char *identifier, size_t len)
{
	char key[CAT_MAX_IDENTIFIER + 1];
	struct gov_buf b;
	bool found;

	if (len == 0 || len > CAT_MAX_IDENTIFIER)
		return false;
	len = catalogue_fold(identifier, len, key, sizeof(key));
	gov_buf_init(&b, 1u << 20);
	found = store_get(t, STORE_RECORDS, key, len, &b) == GOV_EOK;
	gov_buf_deinit(&b);
	return found;
}

int
catalogue_get(struct store_txn *t, const char *identifier, struct arena *a, struct cat_record *out)
{
	char key[CAT_MAX_IDENTIFIER + 1];
	struct gov_buf b;
	size_t klen;
	int rc;

	if (strlen(identifier) > CAT_MAX_IDENTIFIER)
		return GOV_ENOENT;
	klen = fold(identifier, key, sizeof(key));
	gov_buf_init(&b, MAX_VALUE);
	rc = store_get(t, STORE_RECORDS, key, klen, &b);
	if (rc == GOV_EOK)
		rc = decode(b.data, b.len, a, out);
	gov_buf_deinit(&b);
	return rc;
}

struct scan_ctx {
	struct arena *a;
	int (*fn)(const struct cat_record *, void *);
	void *arg;
};

static int
scan_one(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct scan_ctx *c = arg;
	struct cat_record r;
	int rc;

	(void)key;
	(void)klen;
	/* The arena is reset per record, so memory stays flat over any size. */
	arena_deinit(c->a);
	if (decode(val, vlen, c->a, &r) != GOV_EOK)
		return GOV_EPARSE;
	rc = c->fn(&r, c->arg);
	return rc;
}

int
catalogue_scan(struct store_txn *t, struct arena *scratch,
	int (*fn)(const struct cat_record *r, void *arg), void *arg)
{
	struct scan_ctx c = {scratch, fn, arg};

	return store_scan(t, STORE_RECORDS, NULL, 0, false, scan_one, &c);
}

struct hist_ctx {
	int (*fn)(const char *, size_t, void *);
	void *arg;
};

static int
hist_one(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct hist_ctx *c = arg;

	(void)key;
	(void)klen;
	return c->fn(val, vlen, c->arg);
}

int
catalogue_history(struct store_txn *t, const char *identifier,
	int (*fn)(const char *entry_json, size_t len, void *arg), void *arg)
{
	char key[CAT_MAX_IDENTIFIER + 2];
	struct hist_ctx c = {fn, arg};
	size_t klen;

	if (strlen(identifier) > CAT_MAX_IDENTIFIER)
		return GOV_ENOENT;
	klen = fold(identifier, key, sizeof(key) - 1);
	key[klen] = '\0'; /* the NUL separates the identifier from the sequence */
	return store_scan(t, STORE_HISTORY, key, klen + 1, false, hist_one, &c);
}
