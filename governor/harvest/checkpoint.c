/*
 * checkpoint.c -- a source's harvest state, stored as JSON.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/jsonr.h"
#include "common/jsonw.h"
#include "common/str.h"
#include "harvest/internal.h"
#include "journal/journal.h"

static void
copy(char *dst, size_t size, const char *s)
{
	gov_strlcpy(dst, s != NULL ? s : "", size);
}

static void
stats_json(struct jsonw *w, const char *key, const struct harvest_stats *s)
{
	jsonw_object_begin(w, key);
	jsonw_uint(w, "pages", s->pages);
	jsonw_uint(w, "records", s->records);
	jsonw_uint(w, "new", s->new_);
	jsonw_uint(w, "changed", s->changed);
	jsonw_uint(w, "deleted", s->deleted);
	jsonw_uint(w, "restored", s->restored);
	jsonw_uint(w, "unchanged", s->unchanged);
	jsonw_uint(w, "scope_changes", s->scope_changes);
	jsonw_uint(w, "rejected", s->rejected);
	jsonw_uint(w, "errors", s->errors);
	jsonw_uint(w, "warnings", s->warnings);
	jsonw_uint(w, "infos", s->infos);
	jsonw_uint(w, "retries", s->retries);
	jsonw_uint(w, "bytes", s->bytes);
	jsonw_object_end(w);
}

static void
stats_read(const struct jsonr_val *o, struct harvest_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->pages = (unsigned long)jsonr_int(o, "pages", 0);
	s->records = (unsigned long)jsonr_int(o, "records", 0);
	s->new_ = (unsigned long)jsonr_int(o, "new", 0);
	s->changed = (unsigned long)jsonr_int(o, "changed", 0);
	s->deleted = (unsigned long)jsonr_int(o, "deleted", 0);
	s->restored = (unsigned long)jsonr_int(o, "restored", 0);
	s->unchanged = (unsigned long)jsonr_int(o, "unchanged", 0);
	s->scope_changes = (unsigned long)jsonr_int(o, "scope_changes", 0);
	s->rejected = (unsigned long)jsonr_int(o, "rejected", 0);
	s->errors = (unsigned long)jsonr_int(o, "errors", 0);
	s->warnings = (unsigned long)jsonr_int(o, "warnings", 0);
	s->infos = (unsigned long)jsonr_int(o, "infos", 0);
	s->retries = (unsigned long)jsonr_int(o, "retries", 0);
	s->bytes = (uint64_t)jsonr_int(o, "bytes", 0);
}

int
checkpoint_load(struct store_txn *t, const char *name, struct checkpoint *cp)
{
	struct gov_buf b;
	struct jsonr *doc = NULL;
	const struct jsonr_val *o, *run;
	int rc;

	memset(cp, 0, sizeof(*cp));
	gov_buf_init(&b, 1u << 20);
	rc = store_get(t, STORE_SOURCES, name, strlen(name), &b);
	if (rc != GOV_EOK)
		goto out;
	rc = jsonr_parse(b.data, b.len, b.limit, &doc, NULL);
	if (rc != GOV_EOK)
		goto out;
	o = jsonr_root(doc);
	copy(cp->kind, sizeof(cp->kind), jsonr_str(o, "kind"));
	copy(cp->url, sizeof(cp->url), jsonr_str(o, "url"));
	copy(cp->prefix, sizeof(cp->prefix), jsonr_str(o, "prefix"));
	copy(cp->set, sizeof(cp->set), jsonr_str(o, "set"));
	cp->seconds = jsonr_bool(o, "seconds", true);
	copy(cp->deleted_record, sizeof(cp->deleted_record), jsonr_str(o, "deleted_record"));
	copy(cp->last_success_start, sizeof(cp->last_success_start),
		jsonr_str(o, "last_success_start"));
	copy(cp->last_run_end, sizeof(cp->last_run_end), jsonr_str(o, "last_run_end"));
	cp->runs = (unsigned long)jsonr_int(o, "runs", 0);
	run = jsonr_get(o, "run");
	if (jsonr_is_object(run)) {
		cp->in_run = true;
		copy(cp->run_start, sizeof(cp->run_start), jsonr_str(run, "start"));
		copy(cp->from, sizeof(cp->from), jsonr_str(run, "from"));
		copy(cp->until, sizeof(cp->until), jsonr_str(run, "until"));
		copy(cp->token, sizeof(cp->token), jsonr_str(run, "token"));
		cp->page = (unsigned long)jsonr_int(run, "page", 0);
		stats_read(jsonr_get(run, "stats"), &cp->stats);
	}
out:
	jsonr_free(doc);
	gov_buf_deinit(&b);
	return rc;
}

static const char *
or_null(const char *s)
{
	return s[0] != '\0' ? s : NULL;
}

void
checkpoint_save(struct store_txn *t, const char *name, const struct checkpoint *cp)
{
	struct gov_buf b;
	struct jsonw w;

	gov_buf_init(&b, 1u << 20);
	jsonw_init(&w, &b);
	jsonw_object_begin(&w, NULL);
	jsonw_str(&w, "kind", cp->kind);
	jsonw_str(&w, "url", or_null(cp->url));
	jsonw_str(&w, "prefix", or_null(cp->prefix));
	jsonw_str(&w, "set", or_null(cp->set));
	jsonw_bool(&w, "seconds", cp->seconds);
	jsonw_str(&w, "deleted_record", or_null(cp->deleted_record));
	jsonw_str(&w, "last_success_start", or_null(cp->last_success_start));
	jsonw_str(&w, "last_run_end", or_null(cp->last_run_end));
	jsonw_uint(&w, "runs", cp->runs);
	if (cp->in_run) {
		jsonw_object_begin(&w, "run");
		jsonw_str(&w, "start", or_null(cp->run_start));
		jsonw_str(&w, "from", or_null(cp->from));
		jsonw_str(&w, "until", or_null(cp->until));
		jsonw_str(&w, "token", or_null(cp->token));
		jsonw_uint(&w, "page", cp->page);
		stats_json(&w, "stats", &cp->stats);
		jsonw_object_end(&w);
	} else {
		jsonw_null(&w, "run");
	}
	jsonw_object_end(&w);
	if (jsonw_error(&w) != GOV_EOK)
		store_txn_fail(t, jsonw_error(&w));
	else
		store_put(t, STORE_SOURCES, name, strlen(name), b.data, b.len);
	gov_buf_deinit(&b);
}

void
checkpoint_abandon(struct store_txn *t, const char *name, struct checkpoint *cp)
{
	cp->in_run = false;
	cp->token[0] = '\0';
	cp->page = 0;
	memset(&cp->stats, 0, sizeof(cp->stats));
	checkpoint_save(t, name, cp);
}

void
checkpoint_finish(
	struct store_txn *t, const char *name, struct checkpoint *cp, time_t now, const char *actor)
{
	struct gov_buf b;
	struct jsonw w;

	gov_buf_init(&b, 1u << 16);
	jsonw_init(&w, &b);
	jsonw_object_begin(&w, NULL);
	jsonw_str(&w, "kind", cp->kind);
	jsonw_str(&w, "url", or_null(cp->url));
	jsonw_str(&w, "set", or_null(cp->set));
	jsonw_str(&w, "from", or_null(cp->from));
	jsonw_str(&w, "until", or_null(cp->until));
	jsonw_str(&w, "start", or_null(cp->run_start));
	stats_json(&w, "stats", &cp->stats);
	jsonw_object_end(&w);
	journal_append(
		t, now, actor, "harvest", name, jsonw_error(&w) == GOV_EOK ? b.data : NULL, NULL);
	gov_buf_deinit(&b);
	gov_strlcpy(cp->last_success_start, cp->run_start, sizeof(cp->last_success_start));
	gov_time_format(now, false, cp->last_run_end);
	cp->runs++;
	cp->in_run = false;
	cp->token[0] = '\0';
	cp->page = 0;
	checkpoint_save(t, name, cp);
}

int
harvest_origin(struct store *s, const char *name, struct harvest_origin *o, struct gov_diag *d)
{
	struct store_txn *t;
	struct checkpoint cp;
	int rc;

	memset(o, 0, sizeof(*o));
	if ((rc = store_txn_begin(s, false, &t, d)) != GOV_EOK)
		return rc;
	rc = checkpoint_load(t, name, &cp);
	store_txn_abort(t);
	if (rc == GOV_EOK && cp.url[0] == '\0')
		rc = GOV_ENOENT;
	if (rc != GOV_EOK)
		return rc;
	gov_strlcpy(o->kind, cp.kind, sizeof(o->kind));
	gov_strlcpy(o->url, cp.url, sizeof(o->url));
	gov_strlcpy(o->prefix, cp.prefix, sizeof(o->prefix));
	gov_strlcpy(o->set, cp.set, sizeof(o->set));
	return GOV_EOK;
}
