/*
 * datatypes.c -- load rules/data-types.yaml.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "budget/datatypes.h"
#include "common/str.h"
#include "common/units.h"
#include "common/xmalloc.h"
#include "conf/yaml.h"

struct datatypes {
	struct conf_doc *doc;
	struct datatype *types;
	size_t n;
};

void
datatypes_free(struct datatypes *dt)
{
	if (dt == NULL)
		return;
	conf_doc_free(dt->doc);
	free(dt->types);
	free(dt);
}

static int
valid_code(const char *s)
{
	size_t n = strlen(s);

	return (n == 1 || n == 2) && isupper((unsigned char)s[0]) &&
	       (n == 1 || isupper((unsigned char)s[1]));
}

int
datatypes_load(const char *path, struct datatypes **out, struct gov_diag *d)
{
	struct datatypes *dt = xcalloc(1, sizeof(*dt));
	const struct conf_node *root, *types;
	int rc;

	*out = NULL;
	if ((rc = conf_load_file(path, &dt->doc, d)) != GOV_EOK)
		goto fail;
	root = conf_root(dt->doc);
	types = conf_get(root, "types");
	if (root == NULL || root->type != CONF_MAP || types == NULL || types->type != CONF_MAP) {
		rc = conf_error(dt->doc, root, d, GOV_EINVAL,
			"expected version: 1 and a \"types\" mapping");
		goto fail;
	}
	for (size_t i = 0; i < root->n; i++)
		if (strcmp(root->keys[i]->scalar, "version") != 0 &&
			strcmp(root->keys[i]->scalar, "types") != 0) {
			rc = conf_error(dt->doc, root->keys[i], d, GOV_EINVAL, "unknown key \"%s\"",
				root->keys[i]->scalar);
			goto fail;
		}
	dt->types = xcalloc(types->n + 1, sizeof(*dt->types));
	for (size_t i = 0; i < types->n; i++) {
		const struct conf_node *k = types->keys[i], *v = types->items[i], *b, *f, *s;
		struct datatype *t = &dt->types[i];
		uint64_t bytes;
		char *end;

		if (!valid_code(k->scalar)) {
			rc = conf_error(dt->doc, k, d, GOV_EINVAL,
				"\"%s\" is not a data type designator (T1 or T1T2, upper case)",
				k->scalar);
			goto fail;
		}
		b = conf_get(v, "bytes-per-file");
		f = conf_get(v, "files-per-day");
		s = conf_get(v, "source");
		if (v->type != CONF_MAP || v->n != 3 || b == NULL || f == NULL || s == NULL ||
			b->type != CONF_SCALAR || f->type != CONF_SCALAR ||
			s->type != CONF_SCALAR) {
			rc = conf_error(dt->doc, v, d, GOV_EINVAL,
				"type %s needs exactly bytes-per-file, files-per-day and source",
				k->scalar);
			goto fail;
		}
		if (gov_parse_bytes(b->scalar, &bytes) != GOV_EOK || bytes == 0) {
			rc = conf_error(
				dt->doc, b, d, GOV_EINVAL, "\"%s\" is not a size", b->scalar);
			goto fail;
		}
		t->files_per_day = strtod(f->scalar, &end);
		if (*end != '\0' || t->files_per_day <= 0 || t->files_per_day > 1e6) {
			rc = conf_error(dt->doc, f, d, GOV_EINVAL,
				"\"%s\" is not a number of files per day", f->scalar);
			goto fail;
		}
		gov_strlcpy(t->code, k->scalar, sizeof(t->code));
		t->bytes_per_file = bytes;
		t->source = s->scalar;
		dt->n++;
	}
	*out = dt;
	return GOV_EOK;
fail:
	datatypes_free(dt);
	return rc;
}

const struct datatype *
datatypes_lookup(const struct datatypes *dt, const char *ttaaii)
{
	if (dt == NULL || ttaaii == NULL || strlen(ttaaii) < 2)
		return NULL;
	for (size_t i = 0; i < dt->n; i++)
		if (dt->types[i].code[1] != '\0' &&
			dt->types[i].code[0] == toupper((unsigned char)ttaaii[0]) &&
			dt->types[i].code[1] == toupper((unsigned char)ttaaii[1]))
			return &dt->types[i];
	for (size_t i = 0; i < dt->n; i++)
		if (dt->types[i].code[1] == '\0' &&
			dt->types[i].code[0] == toupper((unsigned char)ttaaii[0]))
			return &dt->types[i];
	return NULL;
}
