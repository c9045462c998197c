/*
 * apply.c -- one harvested item into the catalogue.
 *
 * An item is what a source delivers as a unit: an OAI record (one
 * metadata record, or a deletion) or a spool file (any number of records,
 * or none once removed).  Its state in STORE_ITEMS remembers which record
 * identifiers it held, so that a deletion, or a file that no longer holds
 * a record, deletes exactly those records.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "catalogue/catalogue.h"
#include "check/check.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/jsonr.h"
#include "common/jsonw.h"
#include "harvest/internal.h"

#define ITEM_MAX_VALUE (1u << 20)

void
harvest_sleep(double seconds)
{
	struct timespec ts;

	if (seconds <= 0)
		return;
	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

void
harvest_stats_add(struct harvest_stats *a, const struct harvest_stats *b)
{
	a->pages += b->pages;
	a->records += b->records;
	a->new_ += b->new_;
	a->changed += b->changed;
	a->deleted += b->deleted;
	a->restored += b->restored;
	a->unchanged += b->unchanged;
	a->scope_changes += b->scope_changes;
	a->rejected += b->rejected;
	a->errors += b->errors;
	a->warnings += b->warnings;
	a->infos += b->infos;
	a->retries += b->retries;
	a->bytes += b->bytes;
}

static size_t
item_key(const char *source, const char *name, char *key, size_t size)
{
	size_t s = strlen(source), n = strlen(name);

	if (s + 1 + n > size)
		return 0;
	memcpy(key, source, s);
	key[s] = '\0';
	memcpy(key + s + 1, name, n);
	return s + 1 + n;
}

int
harvest_item_state(struct store_txn *t, const char *source, const char *name, struct gov_buf *out)
{
	char key[512];
	size_t klen = item_key(source, name, key, sizeof(key));

	if (klen == 0)
		return GOV_ENOENT;
	return store_get(t, STORE_ITEMS, key, klen, out);
}

static void
count(struct harvest_stats *s, const struct cat_result *r)
{
	switch (r->outcome) {
	case CAT_NEW:
		s->new_++;
		break;
	case CAT_CHANGED:
		s->changed++;
		break;
	case CAT_UNCHANGED:
	case CAT_STILL_DELETED:
		s->unchanged++;
		break;
	case CAT_DELETED:
	case CAT_DELETED_UNKNOWN:
		s->deleted++;
		break;
	case CAT_RESTORED:
		s->restored++;
		break;
	}
	s->scope_changes += r->scope_changed;
}

static bool
held_now(const struct item *it, const char *id)
{
	for (size_t i = 0; i < it->nrecords; i++)
		if (strcasecmp(it->records[i].identifier, id) == 0)
			return true;
	return false;
}

int
harvest_apply_item(struct store_txn *t, const struct harvest_env *env, const struct item *it,
	time_t now, struct harvest_stats *s)
{
	struct gov_buf old, val;
	struct jsonr *doc = NULL;
	const struct jsonr_val *ids = NULL;
	struct cat_incoming in;
	struct cat_result res;
	struct jsonw w;
	char key[512];
	size_t klen = item_key(it->source, it->name, key, sizeof(key));
	int rc = GOV_EOK;

	if (klen == 0) {
		s->rejected++;
		return GOV_EOK; /* a name too long to key: counted, not fatal */
	}
	gov_buf_init(&old, ITEM_MAX_VALUE);
	gov_buf_init(&val, ITEM_MAX_VALUE);
	if (store_get(t, STORE_ITEMS, key, klen, &old) == GOV_EOK &&
		jsonr_parse(old.data, old.len, old.limit, &doc, NULL) == GOV_EOK)
		ids = jsonr_get(jsonr_root(doc), "ids");

	memset(&in, 0, sizeof(in));
	in.datestamp = it->datestamp;
	in.sets = it->sets;
	in.nsets = it->nsets;
	in.source = it->source;
	in.item = it->name;

	/* Records the item held and holds no more (all of them if deleted). */
	for (size_t i = 0; i < jsonr_len(ids); i++) {
		const char *id = jsonr_as_str(jsonr_at(ids, i));

		if (id == NULL || (!it->deleted && held_now(it, id)))
			continue;
		in.identifier = id;
		in.deleted = true;
		if (catalogue_apply(t, &in, now, env->actor, &res) == GOV_EOK)
			count(s, &res);
	}
	/* A deletion of an item never seen keeps a tombstone under its name. */
	if (it->deleted && jsonr_len(ids) == 0) {
		in.identifier = it->name;
		in.deleted = true;
		if (catalogue_apply(t, &in, now, env->actor, &res) == GOV_EOK)
			count(s, &res);
	}
	for (size_t i = 0; !it->deleted && i < it->nrecords; i++) {
		const struct item_record *r = &it->records[i];
		const struct wcmp_report *rep = &r->judged->report;

		in.identifier = r->identifier;
		in.deleted = false;
		in.report = rep;
		in.principal_gisc = r->judged->principal_gisc;
		in.digest = r->digest;
		if (catalogue_apply(t, &in, now, env->actor, &res) != GOV_EOK) {
			s->rejected++;
			continue;
		}
		count(s, &res);
		for (size_t k = 0; k < rep->nfindings; k++) {
			s->errors += rep->findings[k].severity == WCMP_ERROR;
			s->warnings += rep->findings[k].severity == WCMP_WARNING;
			s->infos += rep->findings[k].severity == WCMP_INFO;
		}
	}
	s->records += it->deleted ? 1 : it->nrecords;

	jsonw_init(&w, &val);
	jsonw_object_begin(&w, NULL);
	jsonw_bool(&w, "deleted", it->deleted);
	jsonw_str(&w, "datestamp", it->datestamp);
	jsonw_array_begin(&w, "ids");
	for (size_t i = 0; !it->deleted && i < it->nrecords; i++)
		jsonw_str(&w, NULL, it->records[i].identifier);
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	rc = jsonw_error(&w);
	if (rc == GOV_EOK && it->extra_json != NULL && it->extra_json[0] != '\0') {
		val.len--; /* splice the extra members in before the closing brace */
		(void)gov_buf_addc(&val, ',');
		(void)gov_buf_adds(&val, it->extra_json);
		rc = gov_buf_addc(&val, '}');
	}
	if (rc == GOV_EOK)
		store_put(t, STORE_ITEMS, key, klen, val.data, val.len);
	else
		store_txn_fail(t, rc);
	jsonr_free(doc);
	gov_buf_deinit(&old);
	gov_buf_deinit(&val);
	return store_txn_error(t);
}
