/*
 * dir_harvest.c -- follow a spool directory that another harvester fills.
 *
 * Files (*.xml, recursively) are items named by their path relative to the
 * directory.  A file whose size and modification time are unchanged is
 * skipped without being read; one whose content hash is unchanged only has
 * its times updated (its records are unchanged); otherwise its records are
 * judged and applied.  A file
 * that disappeared deletes the records it held.  Files are applied in
 * batches, each batch in one transaction with the items' state, so a kill
 * loses nothing and the next run skips what was done.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check/check.h"
#include "common/buf.h"
#include "common/file.h"
#include "common/hash.h"
#include "common/jsonr.h"
#include "common/jsonw.h"
#include "common/log.h"
#include "common/str.h"
#include "common/walk.h"
#include "common/xmalloc.h"
#include "harvest/internal.h"
#include "iso19139/record.h"
#include "xml/xml.h"

#define BATCH 64

struct listing {
	char **paths; /* relative, sorted */
	size_t n, cap;
	size_t root_len;
	const char *source;
	bool incomplete; /* something could not be listed: delete nothing */
};

struct dir_ctx {
	const struct harvest_env *env;
	const struct harvest_source *src;
	struct xml_parser *parser;
	struct listing files;
	size_t next; /* first file of the current batch */
	time_t now;
	char run_mark[32]; /* marks items applied in this run */
	struct harvest_stats batch;
	size_t applied; /* files of the batch not already applied in this run */
	struct store_txn *t;
	struct gov_buf content;
};

static int
add_path(const char *path, void *arg)
{
	struct listing *l = arg;

	if (l->n == l->cap) {
		l->cap = l->cap != 0 ? l->cap * 2 : 256;
		l->paths = xreallocarray(l->paths, l->cap, sizeof(*l->paths));
	}
	l->paths[l->n++] = xstrdup(path + l->root_len);
	return 0;
}

static void
listing_warn(const char *path, int code, void *arg)
{
	struct listing *l = arg;

	l->incomplete = true;
	if (code == GOV_ELIMIT)
		log_warnx("%s: %s: nested too deep; not listed", l->source, path);
	else
		log_warnx("%s: %s: %s; not listed", l->source, path, gov_strerror(code));
}

static void
listing_free(struct listing *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
}

struct found {
	struct dir_ctx *c;
	struct check_judged *judged;
	struct item_record *recs;
	char (*digests)[GOV_SHA256_HEX];
	char **fallback;
	size_t n, cap;
	const char *rel;
	struct gov_buf ser;
};

static void
found_record(const struct xml_node *md, struct found *f)
{
	if (f->n == f->cap) {
		f->cap = f->cap != 0 ? f->cap * 2 : 4;
		f->judged = xreallocarray(f->judged, f->cap, sizeof(*f->judged));
		f->recs = xreallocarray(f->recs, f->cap, sizeof(*f->recs));
		f->digests = xreallocarray(f->digests, f->cap, sizeof(*f->digests));
		f->fallback = xreallocarray(f->fallback, f->cap, sizeof(*f->fallback));
	}
	check_judge(f->c->env->check, md, &f->judged[f->n]);
	gov_buf_reset(&f->ser);
	(void)xml_serialize(md, &f->ser);
	gov_sha256_hex(f->ser.data, f->ser.len, f->digests[f->n]);
	f->fallback[f->n] = NULL;
	if (f->judged[f->n].report.identifier == NULL)
		xasprintf(&f->fallback[f->n], "%s#%zu", f->rel, f->n + 1);
	f->n++;
}

static void
find_records(const struct xml_node *n, struct found *f)
{
	if (iso19139_is_record(n)) {
		found_record(n, f);
		return;
	}
	for (const struct xml_node *c = xml_first_child(n); c != NULL; c = xml_next(c))
		find_records(c, f);
}

static void
touch(struct dir_ctx *c, const char *rel, const struct jsonr_val *old, const char *extra)
{
	const struct jsonr_val *ids = jsonr_get(old, "ids");
	struct gov_buf b;
	struct jsonw w;
	char key[STORE_MAX_KEY];
	size_t s = strlen(c->src->name), r = strlen(rel);

	if (s + 1 + r > sizeof(key))
		return;
	gov_buf_init(&b, 1u << 20);
	jsonw_init(&w, &b);
	jsonw_object_begin(&w, NULL);
	jsonw_bool(&w, "deleted", false);
	jsonw_str(&w, "datestamp", jsonr_str(old, "datestamp"));
	jsonw_array_begin(&w, "ids");
	for (size_t i = 0; i < jsonr_len(ids); i++)
		jsonw_str(&w, NULL, jsonr_as_str(jsonr_at(ids, i)));
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	if (jsonw_error(&w) == GOV_EOK) {
		b.len--;
		(void)gov_buf_addc(&b, ',');
		(void)gov_buf_adds(&b, extra);
		(void)gov_buf_addc(&b, '}');
		memcpy(key, c->src->name, s);
		key[s] = '\0';
		memcpy(key + s + 1, rel, r);
		store_put(c->t, STORE_ITEMS, key, s + 1 + r, b.data, b.len);
	}
	c->batch.unchanged += jsonr_len(ids);
	c->batch.records += jsonr_len(ids);
	gov_buf_deinit(&b);
}

static int
apply_file(struct dir_ctx *c, const char *rel)
{
	char path[4096], extra[256], ts[GOV_TIME_LEN], hash[GOV_SHA256_HEX];
	struct gov_buf state;
	struct jsonr *doc = NULL;
	struct xml_doc *xdoc = NULL;
	struct found f;
	struct item it;
	struct stat st;
	struct gov_diag d;
	int rc = GOV_EOK;

	(void)snprintf(path, sizeof(path), "%s/%s", c->src->dir, rel);
	if (stat(path, &st) != 0)
		return GOV_EOK; /* gone since the listing: the next run deletes it */
	(void)snprintf(extra, sizeof(extra), "\"size\":%lld,\"mtime\":%lld,\"run\":\"%s\"",
		(long long)st.st_size, (long long)st.st_mtime, c->run_mark);
	gov_buf_init(&state, 1u << 20);
	memset(&f, 0, sizeof(f));
	memset(&it, 0, sizeof(it));
	if (harvest_item_state(c->t, c->src->name, rel, &state) == GOV_EOK &&
		jsonr_parse(state.data, state.len, state.limit, &doc, NULL) == GOV_EOK) {
		const struct jsonr_val *o = jsonr_root(doc);
		const char *run = jsonr_str(o, "run");

		/* Applied earlier in this same run (before an interruption):
		 * already counted, so not counted again. */
		if (run != NULL && strcmp(run, c->run_mark) == 0 &&
			jsonr_int(o, "size", -1) == (int64_t)st.st_size &&
			jsonr_int(o, "mtime", -1) == (int64_t)st.st_mtime)
			goto out;
		c->applied++;
		if (jsonr_int(o, "size", -1) == (int64_t)st.st_size &&
			jsonr_int(o, "mtime", -1) == (int64_t)st.st_mtime &&
			!jsonr_bool(o, "deleted", false)) {
			/* Untouched since last time: not even read, only marked as
			 * seen in this run. */
			char marked[512];

			(void)snprintf(marked, sizeof(marked), "%s,\"sha256\":\"%s\"", extra,
				jsonr_str(o, "sha256") != NULL ? jsonr_str(o, "sha256") : "");
			touch(c, rel, o, marked);
			goto out;
		}
	}
	if (doc == NULL)
		c->applied++;
	gov_diag_clear(&d);
	gov_buf_reset(&c->content);
	if (gov_file_read(path, c->env->check->max_bytes, &c->content, &d) != GOV_EOK) {
		log_warnx("%s: %s: %s; the file is skipped", c->src->name, rel, d.msg);
		c->batch.rejected++;
		goto out;
	}
	c->batch.bytes += c->content.len;
	gov_sha256_hex(c->content.data != NULL ? c->content.data : "", c->content.len, hash);
	(void)snprintf(
		extra + strlen(extra), sizeof(extra) - strlen(extra), ",\"sha256\":\"%s\"", hash);
	if (doc != NULL && !jsonr_bool(jsonr_root(doc), "deleted", false) &&
		jsonr_str(jsonr_root(doc), "sha256") != NULL &&
		strcmp(jsonr_str(jsonr_root(doc), "sha256"), hash) == 0) {
		/* Touched but not changed: keep its records, note the new times. */
		touch(c, rel, jsonr_root(doc), extra);
		goto out;
	}
	f.c = c;
	f.rel = rel;
	gov_buf_init(&f.ser, 64u * 1024 * 1024);
	rc = xml_parse(c->parser, gov_buf_str(&c->content), c->content.len,
		c->env->check->max_bytes, &xdoc, &d);
	if (rc != GOV_EOK) {
		/* A bad file is reported and counted; what it held stays deleted
		 * only if it is really gone, so it keeps its records meanwhile. */
		log_warnx("%s: %s:%lu: %s; the file is skipped", c->src->name, rel, d.line, d.msg);
		c->batch.rejected++;
		rc = GOV_EOK;
		goto out;
	}
	find_records(xml_doc_root(xdoc), &f);
	if (f.n == 0) {
		log_warnx("%s: %s: no metadata record in this file", c->src->name, rel);
		c->batch.rejected++;
	}
	for (size_t i = 0; i < f.n; i++) {
		f.recs[i].identifier =
			f.fallback[i] != NULL ? f.fallback[i] : f.judged[i].report.identifier;
		f.recs[i].judged = &f.judged[i];
		f.recs[i].digest = f.digests[i];
	}
	it.source = c->src->name;
	it.name = rel;
	it.datestamp = gov_time_format(st.st_mtime, false, ts);
	it.records = f.recs;
	it.nrecords = f.n;
	it.extra_json = extra;
	rc = harvest_apply_item(c->t, c->env, &it, c->now, &c->batch);
out:
	for (size_t i = 0; i < f.n; i++) {
		check_judged_free(&f.judged[i]);
		free(f.fallback[i]);
	}
	free(f.judged);
	free(f.recs);
	free(f.digests);
	free(f.fallback);
	gov_buf_deinit(&f.ser);
	xml_doc_free(xdoc);
	jsonr_free(doc);
	gov_buf_deinit(&state);
	return rc;
}

static int
apply_batch(struct store_txn *t, void *arg)
{
	struct dir_ctx *c = arg;
	struct checkpoint cp;
	size_t end = c->next + BATCH < c->files.n ? c->next + BATCH : c->files.n;
	int rc;

	memset(&c->batch, 0, sizeof(c->batch));
	c->applied = 0;
	c->t = t;
	for (size_t i = c->next; i < end; i++)
		if ((rc = apply_file(c, c->files.paths[i])) != GOV_EOK)
			return rc;
	/* The batch's counts go into the run state in the same transaction. */
	if (checkpoint_load(t, c->src->name, &cp) != GOV_EOK || !cp.in_run)
		return GOV_EINVAL;
	/* A batch redone after an interruption is not a new page. */
	c->batch.pages = c->applied > 0;
	harvest_stats_add(&cp.stats, &c->batch);
	cp.page += c->batch.pages;
	checkpoint_save(t, c->src->name, &cp);
	return store_txn_error(t);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct gone {
	struct dir_ctx *c;
	char **names;
	size_t n, cap;
	size_t prefix_len;
};

static int
collect_gone(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct gone *g = arg;
	const char *rel = (const char *)key + g->prefix_len;
	size_t rlen = klen - g->prefix_len;
	char *name = xstrndup(rel, rlen);

	(void)val;
	(void)vlen;
	if (g->c->files.n > 0 &&
		bsearch(&name, g->c->files.paths, g->c->files.n, sizeof(char *), cmp_str) != NULL) {
		free(name);
		return 0;
	}
	if (g->n == g->cap) {
		g->cap = g->cap != 0 ? g->cap * 2 : 16;
		g->names = xreallocarray(g->names, g->cap, sizeof(*g->names));
	}
	g->names[g->n++] = name;
	return 0;
}

/* Files that are gone delete their records; then the run is closed. */
static int
finish(struct store_txn *t, void *arg)
{
	struct dir_ctx *c = arg;
	struct gone g = {c, NULL, 0, 0, strlen(c->src->name) + 1};
	struct checkpoint cp;
	char ts[GOV_TIME_LEN];
	int rc;

	memset(&c->batch, 0, sizeof(c->batch));
	/* After an incomplete listing an unseen file may well still be there:
	 * deleting its records would be a guess, so nothing is deleted. */
	rc = c->files.incomplete ? GOV_EOK
				 : store_scan(t, STORE_ITEMS, c->src->name, g.prefix_len, false,
					   collect_gone, &g);
	for (size_t i = 0; rc >= 0 && i < g.n; i++) {
		struct item it;
		char key[STORE_MAX_KEY];
		size_t klen = g.prefix_len + strlen(g.names[i]);

		memset(&it, 0, sizeof(it));
		it.source = c->src->name;
		it.name = g.names[i];
		it.datestamp = gov_time_format(c->now, false, ts);
		it.deleted = true;
		if (harvest_apply_item(t, c->env, &it, c->now, &c->batch) != GOV_EOK)
			break;
		/* A removed file leaves no item behind. */
		if (klen <= sizeof(key)) {
			memcpy(key, c->src->name, g.prefix_len);
			memcpy(key + g.prefix_len, g.names[i], klen - g.prefix_len);
			store_del(t, STORE_ITEMS, key, klen);
		}
	}
	for (size_t i = 0; i < g.n; i++)
		free(g.names[i]);
	free(g.names);
	if (checkpoint_load(t, c->src->name, &cp) != GOV_EOK)
		return GOV_EINVAL;
	harvest_stats_add(&cp.stats, &c->batch);
	checkpoint_finish(t, c->src->name, &cp, c->now, c->env->actor);
	return store_txn_error(t);
}

static int
start_run(struct store_txn *t, void *arg)
{
	struct dir_ctx *c = arg;
	struct checkpoint cp;
	int rc = checkpoint_load(t, c->src->name, &cp);

	if (rc != GOV_EOK && rc != GOV_ENOENT)
		return rc;
	if (!cp.in_run) {
		gov_strlcpy(cp.kind, "dir", sizeof(cp.kind));
		gov_strlcpy(cp.url, c->src->dir, sizeof(cp.url));
		cp.in_run = true;
		cp.page = 0;
		memset(&cp.stats, 0, sizeof(cp.stats));
		gov_time_format(c->now, false, cp.run_start);
		/* Distinct per run even within one second (tests fix the clock). */
		(void)snprintf(cp.token, sizeof(cp.token), "run-%lu", cp.runs + 1);
	}
	/* The run's mark: its number, kept in the checkpoint's token field. */
	gov_strlcpy(c->run_mark, cp.token, sizeof(c->run_mark));
	checkpoint_save(t, c->src->name, &cp);
	return store_txn_error(t);
}

int
dir_harvest(const struct harvest_env *env, const struct harvest_source *src,
	struct harvest_stats *stats, struct gov_diag *d)
{
	struct dir_ctx c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.env = env;
	c.src = src;
	c.now = gov_now();
	if (!gov_is_dir(src->dir)) {
		gov_diag_file(d, src->name);
		return gov_diag_set(d, GOV_ENOENT, "%s is not a directory", src->dir);
	}
	c.files.root_len = strlen(src->dir) + (src->dir[strlen(src->dir) - 1] == '/' ? 0 : 1);
	c.files.source = src->name;
	(void)gov_walk(src->dir, ".xml", add_path, listing_warn, &c.files);
	if (c.files.n > 1)
		qsort(c.files.paths, c.files.n, sizeof(char *), cmp_str);
	if (c.files.incomplete)
		log_warnx("%s: the directory could not be listed entirely; no record is deleted "
			  "in this run",
			src->name);
	c.parser = xml_parser_new();
	gov_buf_init(&c.content, env->check->max_bytes);
	rc = store_write(env->store, start_run, &c, d);
	for (c.next = 0; rc == GOV_EOK && c.next < c.files.n; c.next += BATCH) {
		rc = store_write(env->store, apply_batch, &c, d);
		if (rc == GOV_EOK) {
			harvest_stats_add(stats, &c.batch);
			if (env->progress != NULL)
				env->progress(src->name, stats, env->progress_arg);
		}
	}
	if (rc == GOV_EOK)
		rc = store_write(env->store, finish, &c, d);
	if (rc == GOV_EOK) {
		c.batch.pages = 0;
		harvest_stats_add(stats, &c.batch);
		stats->complete = true;
	} else {
		gov_diag_file(d, src->name);
	}
	listing_free(&c.files);
	xml_parser_free(c.parser);
	gov_buf_deinit(&c.content);
	return rc;
}
