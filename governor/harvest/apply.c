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
#include "common/log.h"
#include "common/str.h"
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
	char key[STORE_MAX_KEY];
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

/*
 * Which items of a source hold a record identifier: "\001" source NUL
 * folded identifier -> JSON array of item names.  Two spool files, or two
 * OAI identifiers, may carry the same fileIdentifier; the record is only
 * deleted when the last of them lets go of it.
 */
static size_t
holders_key(const char *source, const char *id, char *key, size_t size)
{
	size_t s = strlen(source), n = strlen(id);

	if (2 + s + n > size || n > CAT_MAX_IDENTIFIER)
		return 0;
	key[0] = '\001';
	memcpy(key + 1, source, s);
	key[1 + s] = '\0';
	return 2 + s + catalogue_fold(id, n, key + 2 + s, size - 2 - s);
}

/*
 * Add or remove item among the holders of id.  Returns how many hold it
 * afterwards; *other is set to another holder when there is one (for the
 * duplicate warning), in memory valid until the next call.
 */
static size_t
holders_update(struct store_txn *t, const char *source, const char *id, const char *item, bool add,
	bool *was_there, char *other, size_t other_size)
{
	char key[STORE_MAX_KEY];
	size_t klen = holders_key(source, id, key, sizeof(key)), n = 0;
	struct gov_buf old, val;
	struct jsonr *doc = NULL;
	const struct jsonr_val *arr = NULL;
	struct jsonw w;

	*was_there = false;
	other[0] = '\0';
	if (klen == 0)
		return add ? 1 : 0; /* too long to index: as if this item alone held it */
	gov_buf_init(&old, ITEM_MAX_VALUE);
	gov_buf_init(&val, ITEM_MAX_VALUE);
	if (store_get(t, STORE_ITEMS, key, klen, &old) == GOV_EOK &&
		jsonr_parse(old.data, old.len, old.limit, &doc, NULL) == GOV_EOK)
		arr = jsonr_root(doc);
	jsonw_init(&w, &val);
	jsonw_array_begin(&w, NULL);
	for (size_t i = 0; i < jsonr_len(arr); i++) {
		const char *h = jsonr_as_str(jsonr_at(arr, i));

		if (h == NULL)
			continue;
		if (strcmp(h, item) == 0) {
			*was_there = true;
			continue;
		}
		if (other[0] == '\0')
			gov_strlcpy(other, h, other_size);
		jsonw_str(&w, NULL, h);
		n++;
	}
	if (add) {
		jsonw_str(&w, NULL, item);
		n++;
	}
	jsonw_array_end(&w);
	if (n == 0)
		store_del(t, STORE_ITEMS, key, klen);
	else if (jsonw_error(&w) == GOV_EOK)
		store_put(t, STORE_ITEMS, key, klen, val.data, val.len);
	jsonr_free(doc);
	gov_buf_deinit(&old);
	gov_buf_deinit(&val);
	return n;
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
	char key[STORE_MAX_KEY];
	size_t klen = item_key(it->source, it->name, key, sizeof(key));
	int rc = GOV_EOK;

	if (klen == 0) {
		log_warnx("%s: %.64s...: the item name is too long to keep (%zu bytes); skipped",
			it->source, it->name, strlen(it->name));
		s->rejected++;
		return GOV_EOK; /* counted, not fatal */
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

	/* Records the item held and holds no more (all of them if deleted),
	 * unless another item still holds them. */
	for (size_t i = 0; i < jsonr_len(ids); i++) {
		const char *id = jsonr_as_str(jsonr_at(ids, i));
		char other[512];
		bool was;

		if (id == NULL || (!it->deleted && held_now(it, id)))
			continue;
		if (holders_update(t, it->source, id, it->name, false, &was, other, sizeof(other)) >
			0)
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

		{
			char other[512];
			bool was;

			if (holders_update(t, it->source, r->identifier, it->name, true, &was,
				    other, sizeof(other)) > 1 &&
				!was)
				log_warnx(
					"%s: %s holds the identifier %s, as %s does; the record is "
					"whichever was read last",
					it->source, it->name, r->identifier, other);
		}
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
