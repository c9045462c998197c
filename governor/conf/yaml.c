/*
 * yaml.c -- strict YAML loading on top of libyaml's event parser.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/file.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "conf/yaml.h"

struct conf_doc {
	struct arena arena;
	char name[GOV_DIAG_FILE];
	struct conf_node *root;
};

/* A growable list of node pointers used while a collection is open. */
struct frame {
	struct conf_node *node;
	struct conf_node **keys, **items;
	size_t n, cap;
	struct conf_node *pending_key; /* maps: key waiting for its value */
};

struct loader {
	yaml_parser_t parser;
	struct conf_doc *doc;
	struct frame stack[CONF_MAX_DEPTH + 1];
	int depth;
	size_t nodes;
	struct gov_diag *d;
};

static int fail_at(struct loader *l, const yaml_mark_t *m, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
fail_at(struct loader *l, const yaml_mark_t *m, int code, const char *fmt, ...)
{
	va_list ap;

	if (l->d == NULL)
		return code;
	gov_diag_file(l->d, l->doc->name);
	l->d->line = m->line + 1;
	l->d->col = m->column + 1;
	va_start(ap, fmt);
	(void)vsnprintf(l->d->msg, sizeof(l->d->msg), fmt, ap);
	va_end(ap);
	return code;
}

static struct conf_node *
new_node(struct loader *l, enum conf_type type, const yaml_mark_t *m)
{
	struct conf_node *n = arena_zalloc(&l->doc->arena, sizeof(*n));

	n->type = type;
	n->line = m->line + 1;
	n->col = m->column + 1;
	return n;
}

/* Attach a finished node to the collection on top of the stack. */
static int
attach(struct loader *l, struct conf_node *n, const yaml_mark_t *m)
{
	struct frame *f;

	if (++l->nodes > CONF_MAX_NODES)
		return fail_at(l, m, GOV_ELIMIT, "more than %d nodes", CONF_MAX_NODES);
	if (l->depth == 0) {
		l->doc->root = n;
		return GOV_EOK;
	}
	f = &l->stack[l->depth];
	if (f->node->type == CONF_MAP && f->pending_key == NULL) {
		if (n->type != CONF_SCALAR)
			return fail_at(l, m, GOV_EPARSE, "mapping keys must be plain scalars");
		for (size_t i = 0; i < f->n; i++) {
			if (strcmp(f->keys[i]->scalar, n->scalar) == 0)
				return fail_at(l, m, GOV_EDUP,
					"duplicate key \"%s\" (first defined at line %lu)",
					n->scalar, f->keys[i]->line);
		}
		f->pending_key = n;
		return GOV_EOK;
	}
	if (f->n == f->cap) {
		f->cap = f->cap != 0 ? f->cap * 2 : 8;
		f->items = xreallocarray(f->items, f->cap, sizeof(*f->items));
		f->keys = xreallocarray(f->keys, f->cap, sizeof(*f->keys));
	}
	f->keys[f->n] = f->pending_key;
	f->items[f->n] = n;
	f->n++;
	f->pending_key = NULL;
	return GOV_EOK;
}

static int
open_collection(struct loader *l, enum conf_type type, const yaml_event_t *ev)
{
	struct frame *f;

	if (l->depth >= CONF_MAX_DEPTH)
		return fail_at(l, &ev->start_mark, GOV_ELIMIT, "nesting deeper than %d levels",
			CONF_MAX_DEPTH);
	f = &l->stack[++l->depth];
	memset(f, 0, sizeof(*f));
	f->node = new_node(l, type, &ev->start_mark);
	return GOV_EOK;
}

static int
close_collection(struct loader *l, const yaml_event_t *ev)
{
	struct frame *f = &l->stack[l->depth];
	struct conf_node *n = f->node;

	n->n = f->n;
	n->items = arena_alloc(&l->doc->arena, (f->n + 1) * sizeof(*n->items));
	if (f->n > 0)
		memcpy(n->items, f->items, f->n * sizeof(*n->items));
	if (n->type == CONF_MAP) {
		n->keys = arena_alloc(&l->doc->arena, (f->n + 1) * sizeof(*n->keys));
		if (f->n > 0)
			memcpy(n->keys, f->keys, f->n * sizeof(*n->keys));
	}
	free(f->items);
	free(f->keys);
	f->items = f->keys = NULL;
	l->depth--;
	return attach(l, n, &ev->start_mark);
}

static int
on_event(struct loader *l, const yaml_event_t *ev, int *docs, bool *done)
{
	struct conf_node *n;

	switch (ev->type) {
	case YAML_STREAM_START_EVENT:
	case YAML_DOCUMENT_END_EVENT:
		return GOV_EOK;
	case YAML_STREAM_END_EVENT:
		*done = true;
		return GOV_EOK;
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1)
			return fail_at(l, &ev->start_mark, GOV_EPARSE,
				"only one YAML document is allowed per file");
		return GOV_EOK;
	case YAML_ALIAS_EVENT:
		return fail_at(l, &ev->start_mark, GOV_EHOSTILE,
			"YAML aliases (*%s) are not allowed", (const char *)ev->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor != NULL)
			return fail_at(l, &ev->start_mark, GOV_EHOSTILE,
				"YAML anchors (&%s) are not allowed",
				(const char *)ev->data.scalar.anchor);
		n = new_node(l, CONF_SCALAR, &ev->start_mark);
		n->scalar = arena_strndup(&l->doc->arena, (const char *)ev->data.scalar.value,
			ev->data.scalar.length);
		if (strlen(n->scalar) != ev->data.scalar.length)
			return fail_at(l, &ev->start_mark, GOV_EPARSE, "NUL character in a scalar");
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return attach(l, n, &ev->start_mark);
	case YAML_SEQUENCE_START_EVENT:
		if (ev->data.sequence_start.anchor != NULL)
			return fail_at(l, &ev->start_mark, GOV_EHOSTILE,
				"YAML anchors (&%s) are not allowed",
				(const char *)ev->data.sequence_start.anchor);
		return open_collection(l, CONF_SEQ, ev);
	case YAML_MAPPING_START_EVENT:
		if (ev->data.mapping_start.anchor != NULL)
			return fail_at(l, &ev->start_mark, GOV_EHOSTILE,
				"YAML anchors (&%s) are not allowed",
				(const char *)ev->data.mapping_start.anchor);
		return open_collection(l, CONF_MAP, ev);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(l, ev);
	default:
		return GOV_EOK;
	}
}

int
conf_load_buffer(
	const char *data, size_t len, const char *name, struct conf_doc **out, struct gov_diag *d)
{
	struct loader l;
	int rc = GOV_EOK, docs = 0;
	bool done = false;

	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.d = d;
	l.doc = xcalloc(1, sizeof(*l.doc));
	arena_init(&l.doc->arena);
	gov_strlcpy(l.doc->name, name, sizeof(l.doc->name));
	if (len > CONF_MAX_BYTES) {
		gov_diag_file(d, name);
		rc = gov_diag_set(
			d, GOV_ELIMIT, "YAML document larger than %u bytes", CONF_MAX_BYTES);
		goto out;
	}
	if (gov_utf8_valid_prefix(data, len) != len) {
		size_t bad = gov_utf8_valid_prefix(data, len);
		unsigned long line = 1;

		for (size_t i = 0; i < bad; i++)
			line += data[i] == '\n';
		gov_diag_file(d, name);
		if (d != NULL)
			d->line = line;
		rc = gov_diag_set(d, GOV_ENCODING, "invalid UTF-8 (byte offset %zu)", bad);
		goto out;
	}
	if (!yaml_parser_initialize(&l.parser))
		abort();
	yaml_parser_set_input_string(&l.parser, (const unsigned char *)data, len);
	while (!done && rc == GOV_EOK) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&l.parser, &ev)) {
			rc = fail_at(&l, &l.parser.problem_mark, GOV_EPARSE, "%s%s%s",
				l.parser.problem != NULL ? l.parser.problem : "YAML syntax error",
				l.parser.context != NULL ? " " : "",
				l.parser.context != NULL ? l.parser.context : "");
			break;
		}
		rc = on_event(&l, &ev, &docs, &done);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&l.parser);
	while (l.depth > 0) {
		free(l.stack[l.depth].items);
		free(l.stack[l.depth].keys);
		l.depth--;
	}
out:
	if (rc != GOV_EOK) {
		conf_doc_free(l.doc);
		return rc;
	}
	*out = l.doc;
	return GOV_EOK;
}

int
conf_load_file(const char *path, struct conf_doc **out, struct gov_diag *d)
{
	struct gov_buf b;
	int rc;

	gov_buf_init(&b, CONF_MAX_BYTES);
	rc = gov_file_read(path, CONF_MAX_BYTES, &b, d);
	if (rc == GOV_EOK)
		rc = conf_load_buffer(gov_buf_str(&b), b.len, path, out, d);
	gov_buf_deinit(&b);
	return rc;
}

void
conf_doc_free(struct conf_doc *doc)
{
	if (doc == NULL)
		return;
	arena_deinit(&doc->arena);
	free(doc);
}

const struct conf_node *
conf_root(const struct conf_doc *doc)
{
	return doc->root;
}

const char *
conf_name(const struct conf_doc *doc)
{
	return doc->name;
}

const struct conf_node *
conf_get(const struct conf_node *map, const char *key)
{
	if (map == NULL || map->type != CONF_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->scalar, key) == 0)
			return map->items[i];
	return NULL;
}

int
conf_error(const struct conf_doc *doc, const struct conf_node *node, struct gov_diag *d, int code,
	const char *fmt, ...)
{
	va_list ap;

	if (d == NULL)
		return code;
	gov_diag_file(d, doc->name);
	d->line = node != NULL ? node->line : 0;
	d->col = node != NULL ? node->col : 0;
	va_start(ap, fmt);
	(void)vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return code;
}
