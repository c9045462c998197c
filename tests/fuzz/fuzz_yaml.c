/*
 * fuzz_yaml.c -- bytes -> strict YAML loader -> tree walk.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "conf/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t
walk(const struct conf_node *n, int depth)
{
	size_t count = 1;

	if (n == NULL)
		return 0;
	if (depth > CONF_MAX_DEPTH + 1)
		abort(); /* the loader promised a depth limit */
	if (n->type == CONF_SCALAR && n->scalar == NULL)
		abort();
	for (size_t i = 0; n->type != CONF_SCALAR && i < n->n; i++) {
		if (n->type == CONF_MAP)
			count += walk(n->keys[i], depth + 1);
		count += walk(n->items[i], depth + 1);
	}
	return count;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf_doc *doc = NULL;
	struct gov_diag d;

	gov_diag_clear(&d);
	if (conf_load_buffer((const char *)data, size, "fuzz", &doc, &d) == GOV_EOK) {
		if (walk(conf_root(doc), 0) > CONF_MAX_NODES)
			abort();
		conf_doc_free(doc);
	} else if (d.msg[0] == '\0') {
		abort(); /* every refusal says why */
	}
	return 0;
}
