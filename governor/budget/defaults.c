/*
 * defaults.c -- load rules/budgets.yaml.
 */
#include "config.h"

#include <string.h>

#include "budget/defaults.h"
#include "common/units.h"
#include "conf/yaml.h"

static int
only_keys(const struct conf_doc *doc, const struct conf_node *map, const char *const *allowed,
	struct gov_diag *d)
{
	for (size_t i = 0; i < map->n; i++) {
		bool ok = false;

		for (const char *const *a = allowed; *a != NULL && !ok; a++)
			ok = strcmp(map->keys[i]->scalar, *a) == 0;
		if (!ok)
			return conf_error(doc, map->keys[i], d, GOV_EINVAL, "unknown key \"%s\"",
				map->keys[i]->scalar);
	}
	return GOV_EOK;
}

static int
limit(const struct conf_doc *doc, const struct conf_node *parent, const char *name, bool bytes,
	struct budget_limit *out, struct gov_diag *d)
{
	static const char *const keys[] = {"warn", "exceed", NULL};
	const struct conf_node *n = conf_get(parent, name), *v;
	uint64_t vals[2];
	int rc;

	if (n == NULL)
		return conf_error(doc, parent, d, GOV_EINVAL, "missing \"%s\"", name);
	if (n->type != CONF_MAP)
		return conf_error(
			doc, n, d, GOV_EINVAL, "\"%s\" must be a mapping of warn and exceed", name);
	if ((rc = only_keys(doc, n, keys, d)) != GOV_EOK)
		return rc;
	for (int i = 0; i < 2; i++) {
		v = conf_get(n, keys[i]);
		if (v == NULL)
			return conf_error(doc, n, d, GOV_EINVAL, "\"%s\" has no \"%s\" threshold",
				name, keys[i]);
		if (v->type != CONF_SCALAR)
			return conf_error(
				doc, v, d, GOV_EINVAL, "\"%s\" must be a number", keys[i]);
		rc = bytes ? gov_parse_bytes(v->scalar, &vals[i])
			   : (gov_parse_bytes(v->scalar, &vals[i]) == GOV_EOK &&
						     strspn(v->scalar, "0123456789") ==
							     strlen(v->scalar)
					     ? GOV_EOK
					     : GOV_EINVAL);
		if (rc != GOV_EOK)
			return conf_error(doc, v, d, GOV_EINVAL, "\"%s\" is not a %s", v->scalar,
				bytes ? "size (e.g. 500 MB, 1 GiB)" : "whole number");
	}
	if (vals[0] > vals[1])
		return conf_error(doc, n, d, GOV_EINVAL,
			"the warn threshold of \"%s\" is above its exceed threshold", name);
	out->warn = vals[0];
	out->exceed = vals[1];
	return GOV_EOK;
}

int
budget_defaults_load(const char *path, struct record_budget *out, struct gov_diag *d)
{
	static const char *const top_keys[] = {"version", "record", NULL};
	static const char *const record_keys[] = {"bytes-per-day", "files-per-day", NULL};
	struct conf_doc *doc = NULL;
	const struct conf_node *root, *rec, *ver;
	int rc;

	rc = conf_load_file(path, &doc, d);
	if (rc != GOV_EOK)
		return rc;
	root = conf_root(doc);
	if (root == NULL || root->type != CONF_MAP) {
		rc = conf_error(doc, root, d, GOV_EINVAL, "expected a mapping at the top level");
		goto out;
	}
	if ((rc = only_keys(doc, root, top_keys, d)) != GOV_EOK)
		goto out;
	ver = conf_get(root, "version");
	if (ver == NULL || ver->type != CONF_SCALAR || strcmp(ver->scalar, "1") != 0) {
		rc = conf_error(
			doc, ver != NULL ? ver : root, d, GOV_EINVAL, "\"version: 1\" is required");
		goto out;
	}
	rec = conf_get(root, "record");
	if (rec == NULL || rec->type != CONF_MAP) {
		rc = conf_error(doc, rec != NULL ? rec : root, d, GOV_EINVAL,
			"\"record\" must be a mapping");
		goto out;
	}
	if ((rc = only_keys(doc, rec, record_keys, d)) != GOV_EOK)
		goto out;
	if ((rc = limit(doc, rec, "bytes-per-day", true, &out->bytes_per_day, d)) != GOV_EOK)
		goto out;
	rc = limit(doc, rec, "files-per-day", false, &out->files_per_day, d);
out:
	conf_doc_free(doc);
	return rc;
}
