/*
 * budgets.c -- budgets in STORE_BUDGETS, as JSON, journalled.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "budget/budgets.h"
#include "common/buf.h"
#include "common/jsonr.h"
#include "common/jsonw.h"
#include "common/str.h"
#include "common/timeutil.h"
#include "journal/journal.h"

const char *
budget_kind_name(enum budget_kind k)
{
	static const char *const names[] = {"cache", "link", "centre", "record"};

	return names[k];
}

const char *
budget_unit(enum budget_kind k)
{
	return k == BUDGET_LINK ? "bytes/s" : "bytes/24h";
}

int
budget_parse_name(const char *name, struct budget *b, struct gov_diag *d)
{
	memset(b, 0, sizeof(*b));
	if (strlen(name) >= sizeof(b->name))
		return gov_diag_set(d, GOV_EINVAL, "budget name too long");
	gov_strlcpy(b->name, name, sizeof(b->name));
	if (strcmp(name, "cache") == 0) {
		b->kind = BUDGET_CACHE;
	} else if (strcmp(name, "record") == 0) {
		b->kind = BUDGET_RECORD;
	} else if (gov_startswith(name, "link:")) {
		const char *dash = strchr(name + 5, '-');

		if (dash == NULL || dash == name + 5 || dash[1] == '\0')
			return gov_diag_set(d, GOV_EINVAL,
				"a link budget is named link:GISC-GISC (e.g. link:Exeter-Offenbach)");
		if (strlen(name + 5) >= sizeof(b->target))
			return gov_diag_set(d, GOV_EINVAL, "a link's GISC names are too long");
		b->kind = BUDGET_LINK;
		gov_strlcpy(b->target, name + 5, sizeof(b->target));
	} else if (gov_startswith(name, "centre:")) {
		const char *c = name + 7;

		if (strlen(c) != 4 || !isalpha((unsigned char)c[0]) ||
			!isalpha((unsigned char)c[1]) || !isalpha((unsigned char)c[2]) ||
			!isalpha((unsigned char)c[3]))
			return gov_diag_set(d, GOV_EINVAL,
				"a centre budget is named centre:CCCC (four letters, e.g. centre:EGRR)");
		b->kind = BUDGET_CENTRE;
		for (int i = 0; i < 4; i++)
			b->target[i] = (char)toupper((unsigned char)c[i]);
		b->target[4] = '\0';
		(void)snprintf(b->name, sizeof(b->name), "centre:%s", b->target);
	} else {
		return gov_diag_set(d, GOV_EINVAL,
			"unknown budget \"%s\" (cache, record, link:GISC-GISC, centre:CCCC)", name);
	}
	return GOV_EOK;
}

static void
write_json(struct gov_buf *out, const struct budget *b)
{
	struct jsonw w;

	jsonw_init(&w, out);
	jsonw_object_begin(&w, NULL);
	jsonw_str(&w, "name", b->name);
	jsonw_str(&w, "kind", budget_kind_name(b->kind));
	jsonw_str(&w, "unit", budget_unit(b->kind));
	jsonw_uint(&w, "warn", b->warn);
	jsonw_uint(&w, "exceed", b->exceed);
	if (b->kind == BUDGET_RECORD) {
		jsonw_uint(&w, "count_warn", b->count_warn);
		jsonw_uint(&w, "count_exceed", b->count_exceed);
	}
	jsonw_str(&w, "set_by", b->set_by);
	jsonw_str(&w, "set_at", b->set_at);
	jsonw_object_end(&w);
}

void
budget_put(struct store_txn *t, const struct budget *in, time_t now, const char *actor,
	const char *action)
{
	struct budget b = *in;
	struct gov_buf val;

	gov_strlcpy(b.set_by, actor, sizeof(b.set_by));
	gov_time_format(now, false, b.set_at);
	gov_buf_init(&val, 8192);
	write_json(&val, &b);
	store_put(t, STORE_BUDGETS, b.name, strlen(b.name), val.data, val.len);
	journal_append(t, now, actor, action, b.name, val.data, NULL);
	gov_buf_deinit(&val);
}

static int
decode(const char *val, size_t len, struct budget *b)
{
	struct jsonr *doc = NULL;
	const struct jsonr_val *o;
	const char *name;
	int rc;

	memset(b, 0, sizeof(*b));
	if (jsonr_parse(val, len, 8192, &doc, NULL) != GOV_EOK)
		return GOV_EPARSE;
	o = jsonr_root(doc);
	name = jsonr_str(o, "name");
	rc = name != NULL ? budget_parse_name(name, b, NULL) : GOV_EPARSE;
	b->warn = (uint64_t)jsonr_int(o, "warn", 0);
	b->exceed = (uint64_t)jsonr_int(o, "exceed", 0);
	b->count_warn = (uint64_t)jsonr_int(o, "count_warn", 0);
	b->count_exceed = (uint64_t)jsonr_int(o, "count_exceed", 0);
	gov_strlcpy(b->set_by, jsonr_str(o, "set_by") != NULL ? jsonr_str(o, "set_by") : "",
		sizeof(b->set_by));
	gov_strlcpy(b->set_at, jsonr_str(o, "set_at") != NULL ? jsonr_str(o, "set_at") : "",
		sizeof(b->set_at));
	jsonr_free(doc);
	return rc;
}

int
budget_get(struct store_txn *t, const char *name, struct budget *out)
{
	struct gov_buf b;
	int rc;

	gov_buf_init(&b, 8192);
	rc = store_get(t, STORE_BUDGETS, name, strlen(name), &b);
	if (rc == GOV_EOK)
		rc = decode(b.data, b.len, out);
	gov_buf_deinit(&b);
	return rc;
}

int
budget_del(struct store_txn *t, const char *name, time_t now, const char *actor)
{
	struct budget b;
	int rc = budget_get(t, name, &b);

	if (rc != GOV_EOK)
		return rc;
	store_del(t, STORE_BUDGETS, name, strlen(name));
	journal_append(t, now, actor, "budget-remove", name, NULL, NULL);
	return store_txn_error(t);
}

struct scan_ctx {
	int (*fn)(const struct budget *, void *);
	void *arg;
};

static int
scan_one(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct scan_ctx *c = arg;
	struct budget b;

	(void)key;
	(void)klen;
	if (decode(val, vlen, &b) != GOV_EOK)
		return 0;
	return c->fn(&b, c->arg);
}

int
budget_scan(struct store_txn *t, int (*fn)(const struct budget *b, void *arg), void *arg)
{
	struct scan_ctx c = {fn, arg};

	return store_scan(t, STORE_BUDGETS, NULL, 0, false, scan_one, &c);
}
