/*
 * yaml.h -- the only entry point to libyaml in wisgov.
 *
 * Loads a YAML document into a small read-only tree with the position of
 * every node, and refuses what configuration never needs and attackers
 * love: anchors and aliases (the YAML billion laughs), duplicate mapping
 * keys (libyaml accepts them silently, and the last one would quietly
 * win), more than one document, nesting deeper than CONF_MAX_DEPTH and
 * more than CONF_MAX_NODES nodes.  Errors come back as file:line:col.
 */
#ifndef GOV_CONF_YAML_H
#define GOV_CONF_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "common/err.h"

#define CONF_MAX_DEPTH 32
#define CONF_MAX_NODES 100000
#define CONF_MAX_BYTES (4u * 1024 * 1024)

enum conf_type {
	CONF_SCALAR,
	CONF_MAP,
	CONF_SEQ,
};

struct conf_node {
	enum conf_type type;
	const char *scalar; /* CONF_SCALAR: the value (UTF-8), else NULL */
	bool plain;         /* scalar was unquoted (so "null" means null) */
	unsigned long line; /* 1-based position of the node's start */
	unsigned long col;
	/* CONF_SEQ: n items.  CONF_MAP: n pairs, keys[i] -> items[i]. */
	size_t n;
	struct conf_node **keys;
	struct conf_node **items;
};

struct conf_doc;

/*
 * Load a YAML file (or a buffer; name is used in messages).  *out is owned
 * by the caller (conf_doc_free).  An empty document yields a NULL root.
 */
int conf_load_file(const char *path, struct conf_doc **out, struct gov_diag *d);
int conf_load_buffer(
	const char *data, size_t len, const char *name, struct conf_doc **out, struct gov_diag *d);
void conf_doc_free(struct conf_doc *doc);

const struct conf_node *conf_root(const struct conf_doc *doc);
const char *conf_name(const struct conf_doc *doc);

/* Value for key in a mapping, or NULL. */
const struct conf_node *conf_get(const struct conf_node *map, const char *key);

/* Point d at node (file, line, column) and set a message; returns code. */
int conf_error(const struct conf_doc *doc, const struct conf_node *node, struct gov_diag *d,
	int code, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
