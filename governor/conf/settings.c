/*
 * settings.c -- load and validate wisgov.yaml.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/str.h"
#include "common/units.h"
#include "common/xmalloc.h"
#include "conf/settings.h"
#include "conf/yaml.h"

static int
only_keys(const struct conf_doc *doc, const struct conf_node *map, const char *const *allowed,
	const char *where, struct gov_diag *d)
{
	for (size_t i = 0; i < map->n; i++) {
		bool ok = false;

		for (const char *const *a = allowed; *a != NULL && !ok; a++)
			ok = strcmp(map->keys[i]->scalar, *a) == 0;
		if (!ok)
			return conf_error(doc, map->keys[i], d, GOV_EINVAL,
				"unknown key \"%s\" in %s", map->keys[i]->scalar, where);
	}
	return GOV_EOK;
}

static int
string(const struct conf_doc *doc, const struct conf_node *map, const char *key, const char **out,
	struct gov_diag *d)
{
	const struct conf_node *n = conf_get(map, key);

	if (n == NULL)
		return GOV_EOK;
	if (n->type != CONF_SCALAR || n->scalar[0] == '\0')
		return conf_error(doc, n, d, GOV_EINVAL, "\"%s\" must be a non-empty string", key);
	*out = n->scalar;
	return GOV_EOK;
}

static int
number(const struct conf_doc *doc, const struct conf_node *map, const char *key, long max,
	long *out, struct gov_diag *d)
{
	const struct conf_node *n = conf_get(map, key);
	uint64_t v;

	if (n == NULL)
		return GOV_EOK;
	if (n->type != CONF_SCALAR || gov_strtou64(n->scalar, 0, (uint64_t)max, &v) != GOV_EOK)
		return conf_error(doc, n, d, GOV_EINVAL,
			"\"%s\" must be a whole number from 0 to %ld", key, max);
	*out = (long)v;
	return GOV_EOK;
}

static int
tuning(const struct conf_doc *doc, const struct conf_node *map, struct harvest_tuning *t,
	struct gov_diag *d)
{
	const struct conf_node *n;
	int rc;

	if ((rc = number(doc, map, "overlap", 86400 * 30, &t->overlap, d)) != GOV_EOK ||
		(rc = number(doc, map, "retries", 100, &t->retries, d)) != GOV_EOK ||
		(rc = number(doc, map, "max-wait", 86400, &t->max_wait, d)) != GOV_EOK ||
		(rc = number(doc, map, "connect-timeout", 3600, &t->connect_timeout, d)) !=
			GOV_EOK ||
		(rc = number(doc, map, "low-speed-time", 3600, &t->low_speed_time, d)) != GOV_EOK ||
		(rc = number(doc, map, "timeout", 86400, &t->timeout, d)) != GOV_EOK)
		return rc;
	if ((n = conf_get(map, "backoff")) != NULL) {
		char *end;

		t->backoff = n->type == CONF_SCALAR ? strtod(n->scalar, &end) : -1;
		if (n->type != CONF_SCALAR || *end != '\0' || t->backoff <= 0 || t->backoff > 3600)
			return conf_error(doc, n, d, GOV_EINVAL,
				"\"backoff\" must be a number of seconds, above 0 and at most 3600");
	}
	if ((n = conf_get(map, "max-page-size")) != NULL &&
		(n->type != CONF_SCALAR ||
			gov_parse_bytes(n->scalar, &t->max_page_size) != GOV_EOK ||
			t->max_page_size == 0 || t->max_page_size > (1ull << 31)))
		return conf_error(doc, n, d, GOV_EINVAL,
			"\"max-page-size\" must be a size from 1 B to 2 GiB");
	return GOV_EOK;
}

#define TUNING_KEYS                                                                       \
	"overlap", "retries", "backoff", "max-wait", "connect-timeout", "low-speed-time", \
		"timeout", "max-page-size"

static void
tuning_defaults(struct harvest_tuning *t)
{
	t->overlap = -1;
	t->retries = -1;
	t->backoff = -1;
	t->max_wait = -1;
	t->connect_timeout = 0;
	t->low_speed_time = 0;
	t->timeout = 0;
	t->max_page_size = 0;
}

/* What a harvest checkpoint cannot keep whole is refused here, with its
 * line, rather than at the first harvest. */
static int
source_lengths(const struct conf_doc *doc, const struct conf_node *n, const struct conf_source *s,
	struct gov_diag *d)
{
	const struct {
		const char *key, *value;
		size_t max;
	} f[] = {
		{"url", s->url, CONF_MAX_URL},
		{"dir", s->dir, CONF_MAX_URL},
		{"prefix", s->prefix, CONF_MAX_PREFIX},
		{"set", s->set, CONF_MAX_SET},
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (f[i].value != NULL && strlen(f[i].value) > f[i].max)
			return conf_error(doc, conf_get(n, f[i].key), d, GOV_ELIMIT,
				"source \"%s\": the %s is longer than %zu bytes", s->name, f[i].key,
				f[i].max);
	return GOV_EOK;
}

static int
sources(struct wisgov_conf *c, const struct conf_node *map, struct gov_diag *d)
{
	static const char *const keys[] = {
		"url", "dir", "prefix", "set", "schedule", TUNING_KEYS, NULL};
	const struct conf_doc *doc = c->doc;
	int rc;

	if (map->type != CONF_MAP)
		return conf_error(doc, map, d, GOV_EINVAL, "\"sources\" must map names to sources");
	c->sources = xcalloc(map->n + 1, sizeof(*c->sources));
	for (size_t i = 0; i < map->n; i++) {
		struct conf_source *s = &c->sources[i];
		const struct conf_node *n = map->items[i];

		s->name = map->keys[i]->scalar;
		s->tuning = c->harvest;
		if (strlen(s->name) > CONF_MAX_SOURCE_NAME)
			return conf_error(doc, map->keys[i], d, GOV_ELIMIT,
				"a source name is at most %d bytes", CONF_MAX_SOURCE_NAME);
		if (strncmp(s->name, "dir:", 4) == 0 || strchr(s->name, '/') != NULL ||
			s->name[0] == '-')
			return conf_error(doc, map->keys[i], d, GOV_EINVAL,
				"source name \"%s\" may not start with dir: or - nor contain /",
				s->name);
		if (n->type != CONF_MAP)
			return conf_error(
				doc, n, d, GOV_EINVAL, "source \"%s\" must be a mapping", s->name);
		if ((rc = only_keys(doc, n, keys, "a source", d)) != GOV_EOK ||
			(rc = string(doc, n, "url", &s->url, d)) != GOV_EOK ||
			(rc = string(doc, n, "dir", &s->dir, d)) != GOV_EOK ||
			(rc = string(doc, n, "prefix", &s->prefix, d)) != GOV_EOK ||
			(rc = string(doc, n, "set", &s->set, d)) != GOV_EOK ||
			(rc = string(doc, n, "schedule", &s->schedule, d)) != GOV_EOK ||
			(rc = tuning(doc, n, &s->tuning, d)) != GOV_EOK)
			return rc;
		if ((rc = source_lengths(doc, n, s, d)) != GOV_EOK)
			return rc;
		if ((s->url == NULL) == (s->dir == NULL))
			return conf_error(doc, n, d, GOV_EINVAL,
				"source \"%s\" needs exactly one of \"url\" and \"dir\"", s->name);
		if (s->url != NULL && !gov_startswith_ci(s->url, "http://") &&
			!gov_startswith_ci(s->url, "https://"))
			return conf_error(doc, conf_get(n, "url"), d, GOV_EINVAL,
				"source \"%s\": the url must be http:// or https://", s->name);
		c->nsources++;
	}
	return GOV_EOK;
}

static int
size_value(const struct conf_doc *doc, const struct conf_node *map, const char *key, bool required,
	bool whole, uint64_t *out, struct gov_diag *d)
{
	const struct conf_node *n = conf_get(map, key);

	if (n == NULL)
		return required ? conf_error(doc, map, d, GOV_EINVAL, "missing \"%s\"", key)
				: GOV_EOK;
	if (n->type != CONF_SCALAR || gov_parse_bytes(n->scalar, out) != GOV_EOK ||
		(whole && strspn(n->scalar, "0123456789") != strlen(n->scalar)))
		return conf_error(doc, n, d, GOV_EINVAL, "\"%s\" must be %s", key,
			whole ? "a whole number" : "a size (e.g. 500 MB, 1 GiB)");
	return GOV_EOK;
}

static int
budgets(struct wisgov_conf *c, const struct conf_node *map, struct gov_diag *d)
{
	static const char *const keys[] = {"warn", "exceed", "count-warn", "count-exceed", NULL};
	int rc;

	if (map->type != CONF_MAP)
		return conf_error(
			c->doc, map, d, GOV_EINVAL, "\"budgets\" must map names to limits");
	c->budgets = xcalloc(map->n + 1, sizeof(*c->budgets));
	for (size_t i = 0; i < map->n; i++) {
		struct conf_budget *b = &c->budgets[i];
		const struct conf_node *n = map->items[i];

		b->name = map->keys[i]->scalar;
		b->line = map->keys[i]->line;
		if (n->type != CONF_MAP)
			return conf_error(c->doc, n, d, GOV_EINVAL,
				"budget \"%s\" must be a mapping", b->name);
		if ((rc = only_keys(c->doc, n, keys, "a budget", d)) != GOV_EOK ||
			(rc = size_value(c->doc, n, "warn", true, false, &b->warn, d)) != GOV_EOK ||
			(rc = size_value(c->doc, n, "exceed", true, false, &b->exceed, d)) !=
				GOV_EOK ||
			(rc = size_value(c->doc, n, "count-warn", false, true, &b->count_warn,
				 d)) != GOV_EOK ||
			(rc = size_value(c->doc, n, "count-exceed", false, true, &b->count_exceed,
				 d)) != GOV_EOK)
			return rc;
		if (b->warn > b->exceed || b->count_warn > b->count_exceed)
			return conf_error(c->doc, n, d, GOV_EINVAL,
				"budget \"%s\": a warn threshold is above its exceed threshold",
				b->name);
		c->nbudgets++;
	}
	return GOV_EOK;
}

static int
ingest(struct wisgov_conf *c, const struct conf_node *map, struct gov_diag *d)
{
	static const char *const keys[] = {"patterns", NULL};
	static const char *const pkeys[] = {"match", "record", NULL};
	const struct conf_node *list;
	int rc;

	if (map->type != CONF_MAP)
		return conf_error(c->doc, map, d, GOV_EINVAL, "\"ingest\" must be a mapping");
	if ((rc = only_keys(c->doc, map, keys, "ingest", d)) != GOV_EOK)
		return rc;
	list = conf_get(map, "patterns");
	if (list == NULL)
		return GOV_EOK;
	if (list->type != CONF_SEQ)
		return conf_error(c->doc, list, d, GOV_EINVAL,
			"\"patterns\" must be a list of {match, record}");
	c->patterns = xcalloc(list->n + 1, sizeof(*c->patterns));
	for (size_t i = 0; i < list->n; i++) {
		const struct conf_node *p = list->items[i], *m;
		struct conf_pattern *cp = &c->patterns[i];

		if (p->type != CONF_MAP)
			return conf_error(c->doc, p, d, GOV_EINVAL, "a pattern is {match, record}");
		if ((rc = only_keys(c->doc, p, pkeys, "a pattern", d)) != GOV_EOK ||
			(rc = string(c->doc, p, "match", &cp->match, d)) != GOV_EOK ||
			(rc = string(c->doc, p, "record", &cp->record, d)) != GOV_EOK)
			return rc;
		if (cp->match == NULL || cp->record == NULL)
			return conf_error(
				c->doc, p, d, GOV_EINVAL, "a pattern needs match and record");
		m = conf_get(p, "match");
		cp->line = m->line;
		cp->col = m->col;
		c->npatterns++;
	}
	return GOV_EOK;
}

struct wisgov_conf *
wisgov_conf_default(void)
{
	struct wisgov_conf *c = xcalloc(1, sizeof(*c));

	tuning_defaults(&c->harvest);
	return c;
}

int
wisgov_conf_load(const char *path, struct wisgov_conf **out, struct gov_diag *d)
{
	static const char *const top[] = {"gisc", "store", "rules", "harvest", "sources", "budgets",
		"ingest", "monitoring-window", "retention", NULL};
	static const char *const store_keys[] = {"path", "max-size", NULL};
	static const char *const harvest_keys[] = {"user-agent", TUNING_KEYS, NULL};
	struct wisgov_conf *c = wisgov_conf_default();
	const struct conf_node *root, *n;
	int rc;

	*out = NULL;
	c->path = path;
	rc = conf_load_file(path, &c->doc, d);
	if (rc != GOV_EOK)
		goto fail;
	root = conf_root(c->doc);
	if (root == NULL) {
		*out = c; /* an empty file is a valid, empty configuration */
		return GOV_EOK;
	}
	if (root->type != CONF_MAP) {
		rc = conf_error(c->doc, root, d, GOV_EINVAL, "expected a mapping at the top level");
		goto fail;
	}
	if ((rc = only_keys(c->doc, root, top, "the configuration", d)) != GOV_EOK ||
		(rc = string(c->doc, root, "gisc", &c->gisc, d)) != GOV_EOK ||
		(rc = string(c->doc, root, "rules", &c->rules, d)) != GOV_EOK)
		goto fail;
	if ((n = conf_get(root, "store")) != NULL) {
		const struct conf_node *m;

		if (n->type != CONF_MAP ||
			(rc = only_keys(c->doc, n, store_keys, "store", d)) != GOV_EOK ||
			(rc = string(c->doc, n, "path", &c->store_path, d)) != GOV_EOK) {
			if (rc == GOV_EOK)
				rc = conf_error(
					c->doc, n, d, GOV_EINVAL, "\"store\" must be a mapping");
			goto fail;
		}
		if ((m = conf_get(n, "max-size")) != NULL &&
			(m->type != CONF_SCALAR ||
				gov_parse_bytes(m->scalar, &c->store_max_size) != GOV_EOK ||
				c->store_max_size < (1u << 20))) {
			rc = conf_error(c->doc, m, d, GOV_EINVAL,
				"\"max-size\" must be a size of 1 MiB or more");
			goto fail;
		}
	}
	if ((n = conf_get(root, "harvest")) != NULL) {
		if (n->type != CONF_MAP) {
			rc = conf_error(c->doc, n, d, GOV_EINVAL, "\"harvest\" must be a mapping");
			goto fail;
		}
		if ((rc = only_keys(c->doc, n, harvest_keys, "harvest", d)) != GOV_EOK ||
			(rc = string(c->doc, n, "user-agent", &c->user_agent, d)) != GOV_EOK ||
			(rc = tuning(c->doc, n, &c->harvest, d)) != GOV_EOK)
			goto fail;
	}
	if ((n = conf_get(root, "sources")) != NULL && (rc = sources(c, n, d)) != GOV_EOK)
		goto fail;
	if ((n = conf_get(root, "budgets")) != NULL && (rc = budgets(c, n, d)) != GOV_EOK)
		goto fail;
	if ((n = conf_get(root, "ingest")) != NULL && (rc = ingest(c, n, d)) != GOV_EOK)
		goto fail;
	if ((rc = number(c->doc, root, "monitoring-window", 3650, &c->monitoring_window, d)) !=
			GOV_EOK ||
		(rc = number(c->doc, root, "retention", 3650, &c->retention, d)) != GOV_EOK)
		goto fail;
	if (c->retention != 0 && c->retention < 35) {
		rc = conf_error(c->doc, conf_get(root, "retention"), d, GOV_EINVAL,
			"\"retention\" must keep at least 35 days (two weeks of comparison and a month)");
		goto fail;
	}
	*out = c;
	return GOV_EOK;
fail:
	wisgov_conf_free(c);
	return rc;
}

void
wisgov_conf_free(struct wisgov_conf *c)
{
	if (c == NULL)
		return;
	conf_doc_free(c->doc);
	free(c->sources);
	free(c->budgets);
	free(c->patterns);
	free(c);
}

const struct conf_source *
wisgov_conf_source(const struct wisgov_conf *c, const char *name)
{
	for (size_t i = 0; i < c->nsources; i++)
		if (strcmp(c->sources[i].name, name) == 0)
			return &c->sources[i];
	return NULL;
}
