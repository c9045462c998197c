/*
 * test_json.c -- the JSON output of `wisgov check` follows its documented
 * schema (doc/json-output.md) for every fixture: parsed back with jansson,
 * with duplicate keys refused, every required member present with the
 * right type, and enumerations within their documented values.
 */
#include "config.h"

#include <string.h>

#include <jansson.h>

#include "../tap.h"
#include "budget/defaults.h"
#include "check/check.h"
#include "check/output.h"
#include "common/walk.h"
#include "xml/xml.h"

static size_t nchecked, nbad;

static bool
one_of(const char *s, const char *const *set)
{
	for (; *set != NULL; set++)
		if (strcmp(s, *set) == 0)
			return true;
	return false;
}

static bool
str_or_null(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return v != NULL && (json_is_string(v) || json_is_null(v));
}

static const char *
validate(json_t *o)
{
	static const char *const verdicts[] = {"pass", "warn", "fail", NULL};
	static const char *const sources[] = {
		"keyword", "keyword-variant", "identifier", "none", NULL};
	static const char *const severities[] = {"info", "warning", "error", NULL};
	static const char *const scopes[] = {
		"GlobalExchange", "RegionalExchange", "OriginatingCentre", NULL};
	json_t *v, *f;
	size_t i, nerr = 0;

	if (!json_is_object(o))
		return "not an object";
	if (!json_is_string(json_object_get(o, "file")))
		return "file";
	if (!json_is_integer(json_object_get(o, "index")))
		return "index";
	if (!str_or_null(o, "identifier") || !str_or_null(o, "scope") ||
		!str_or_null(o, "data_policy") || !str_or_null(o, "gts_priority") ||
		!str_or_null(o, "centre"))
		return "identifier/scope/data_policy/gts_priority/centre must be string or null";
	v = json_object_get(o, "scope");
	if (json_is_string(v) && !one_of(json_string_value(v), scopes))
		return "scope outside the code list";
	v = json_object_get(o, "scope_source");
	if (!json_is_string(v) || !one_of(json_string_value(v), sources))
		return "scope_source";
	if (json_is_null(json_object_get(o, "scope")) !=
		(strcmp(json_string_value(v), "none") == 0))
		return "scope null exactly when scope_source is none";
	v = json_object_get(o, "verdict");
	if (!json_is_string(v) || !one_of(json_string_value(v), verdicts))
		return "verdict";
	f = json_object_get(o, "findings");
	if (!json_is_array(f))
		return "findings";
	json_array_foreach(f, i, v)
	{
		json_t *sev = json_object_get(v, "severity");

		if (!json_is_string(json_object_get(v, "code")) || !json_is_string(sev) ||
			!one_of(json_string_value(sev), severities) ||
			!str_or_null(v, "requirement") ||
			!json_is_string(json_object_get(v, "message")) ||
			json_string_length(json_object_get(v, "message")) == 0)
			return "finding members";
		nerr += strcmp(json_string_value(sev), "error") == 0;
	}
	if ((nerr > 0) != (strcmp(json_string_value(json_object_get(o, "verdict")), "fail") == 0))
		return "verdict fail exactly when there is an error finding";
	return NULL;
}

static void
check_item(const struct check_item *item, void *arg)
{
	struct gov_buf b;
	json_error_t err;
	json_t *o;
	const char *why;

	(void)arg;
	gov_buf_init(&b, 16u * 1024 * 1024);
	if (check_item_json(item, &b) != GOV_EOK) {
		nbad++;
		diag("%s: writer error", item->file);
		gov_buf_deinit(&b);
		return;
	}
	o = json_loadb(b.data, b.len, JSON_REJECT_DUPLICATES, &err);
	if (o == NULL) {
		nbad++;
		diag("%s: %s (column %d)", item->file, err.text, err.column);
	} else if ((why = validate(o)) != NULL) {
		nbad++;
		diag("%s record %zu: %s", item->file, item->index, why);
	}
	json_decref(o);
	nchecked++;
	gov_buf_deinit(&b);
}

static struct checker *ck;

static int
one(const char *path, void *arg)
{
	struct gov_diag d;

	(void)arg;
	if (checker_run_file(ck, path, check_item, NULL, &d) != GOV_EOK)
		bail("%s: %s", path, d.msg);
	return 0;
}

int
main(void)
{
	static struct record_budget budget = {{500000000, 1000000000}, {500, 1000}};
	struct check_options opt = {0, {-1, -1}, &budget, NULL};
	const char *dirs[] = {"iso19139", "hostile", "oai"};
	char path[1024];

	xml_global_init();
	ck = checker_new(&opt);
	for (size_t i = 0; i < 3; i++) {
		nchecked = nbad = 0;
		(void)snprintf(path, sizeof(path), "%s/%s", fixtures_dir(), dirs[i]);
		(void)gov_walk(path, ".xml", one, NULL, NULL);
		ok(nchecked > 0 && nbad == 0, "%s: %zu reports follow the JSON schema (%zu bad)",
			dirs[i], nchecked, nbad);
	}
	checker_free(ck);
	xml_global_cleanup();
	return done_testing();
}
