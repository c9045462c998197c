/*
 * output.c -- render check results.
 */
#include "config.h"

#include <string.h>

#include "check/output.h"
#include "common/jsonw.h"
#include "iso19139/record.h"

static void
json_text(struct jsonw *w, const char *key, const struct md_record *r, const struct md_text *t)
{
	jsonw_str(w, key, r != NULL && t->value != NULL && t->value[0] != '\0' ? t->value : NULL);
}

static void
json_flow(struct jsonw *w, const struct wcmp_report *rep)
{
	const struct wcmp_flow *f = &rep->flow;

	jsonw_object_begin(w, "flow");
	if (f->per_day >= 0)
		jsonw_double(w, "per_day", f->per_day);
	else
		jsonw_null(w, "per_day");
	jsonw_str(w, "per_day_source", f->per_day_source);
	if (f->bytes_per_day >= 0)
		jsonw_double(w, "bytes_per_day", f->bytes_per_day);
	else
		jsonw_null(w, "bytes_per_day");
	jsonw_str(w, "bytes_source", f->bytes_source);
	jsonw_object_end(w);
}

static void
json_record(struct jsonw *w, const struct md_record *r)
{
	jsonw_str(w, "root", r->root);
	json_text(w, "title", r, &r->title);
	json_text(w, "datestamp", r, &r->date_stamp);
	json_text(w, "standard_name", r, &r->standard_name);
	json_text(w, "standard_version", r, &r->standard_version);
	json_text(w, "hierarchy_level", r, &r->hierarchy_level);
	jsonw_object_begin(w, "frequency");
	json_text(w, "code", r, &r->frequency_code);
	json_text(w, "duration", r, &r->frequency_duration);
	json_text(w, "note", r, &r->frequency_note);
	jsonw_object_end(w);
	jsonw_object_begin(w, "transfer");
	json_text(w, "size", r, &r->transfer_size);
	json_text(w, "units", r, &r->transfer_units);
	json_text(w, "format", r, &r->format);
	jsonw_object_end(w);
	jsonw_array_begin(w, "distributors");
	for (size_t i = 0; i < r->ndistributors; i++)
		if (r->distributors[i].organisation != NULL && r->distributors[i].organisation[0])
			jsonw_str(w, NULL, r->distributors[i].organisation);
	jsonw_array_end(w);
	jsonw_array_begin(w, "originators");
	for (size_t i = 0; i < r->nparties; i++)
		if (r->parties[i].role != NULL && strcmp(r->parties[i].role, "originator") == 0 &&
			r->parties[i].organisation != NULL && r->parties[i].organisation[0] != '\0')
			jsonw_str(w, NULL, r->parties[i].organisation);
	jsonw_array_end(w);
	jsonw_array_begin(w, "bbox");
	for (size_t i = 0; i < r->nbboxes; i++) {
		const struct md_bbox *b = &r->bboxes[i];

		if (!b->complete)
			continue;
		jsonw_object_begin(w, NULL);
		jsonw_double(w, "west", b->west);
		jsonw_double(w, "east", b->east);
		jsonw_double(w, "south", b->south);
		jsonw_double(w, "north", b->north);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
}

int
check_item_json(const struct check_item *item, struct gov_buf *out)
{
	const struct wcmp_report *rep = item->report;
	const struct md_record *r = rep->record;
	struct jsonw w;

	jsonw_init(&w, out);
	jsonw_object_begin(&w, NULL);
	jsonw_str(&w, "file", item->file);
	jsonw_uint(&w, "index", item->index);
	jsonw_str(&w, "identifier", rep->identifier);
	jsonw_str(&w, "scope", rep->scope);
	jsonw_str(&w, "scope_source", wcmp_scope_source_name(rep->scope_source));
	jsonw_bool(&w, "global", rep->global);
	jsonw_str(&w, "data_policy", rep->data_policy);
	jsonw_str(&w, "gts_priority", rep->gts_priority);
	jsonw_str(&w, "centre", rep->centre);
	jsonw_str(&w, "centre_id", rep->centre_id);
	jsonw_str(&w, "principal_gisc", item->principal_gisc);
	jsonw_str(&w, "principal_gisc_match", item->principal_match);
	jsonw_str(&w, "verdict", wcmp_verdict_name(wcmp_verdict(rep)));
	jsonw_bool(&w, "legacy", rep->legacy);
	jsonw_array_begin(&w, "categories");
	for (size_t i = 0; i < rep->ncategories; i++)
		jsonw_str(&w, NULL, rep->categories[i]);
	jsonw_array_end(&w);
	if (item->oai_identifier != NULL || item->oai_datestamp != NULL) {
		jsonw_object_begin(&w, "oai");
		jsonw_str(&w, "identifier", item->oai_identifier);
		jsonw_str(&w, "datestamp", item->oai_datestamp);
		jsonw_object_end(&w);
	}
	if (r != NULL) {
		json_record(&w, r);
		json_flow(&w, rep);
	}
	jsonw_array_begin(&w, "findings");
	for (size_t i = 0; i < rep->nfindings; i++) {
		const struct wcmp_finding *f = &rep->findings[i];

		jsonw_object_begin(&w, NULL);
		jsonw_str(&w, "code", f->code);
		jsonw_str(&w, "severity", wcmp_severity_name(f->severity));
		jsonw_str(&w, "requirement", f->requirement);
		jsonw_str(&w, "message", f->message);
		if (f->line > 0)
			jsonw_uint(&w, "line", f->line);
		else
			jsonw_null(&w, "line");
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	return jsonw_error(&w);
}

static const char *
or_dash(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : "-";
}

void
check_item_text(const struct check_item *item, FILE *fp, bool verbose)
{
	const struct wcmp_report *rep = item->report;
	const struct md_record *r = rep->record;
	enum wcmp_verdict v = wcmp_verdict(rep);
	static const char *const label[] = {"PASS", "WARN", "FAIL"};

	(void)fprintf(fp, "%s: record %zu: %s: %s\n", item->file, item->index + 1, label[v],
		rep->identifier != NULL ? rep->identifier : "(no identifier)");
	if (r != NULL) {
		if (verbose && r->title.value != NULL)
			(void)fprintf(fp, "  title         %s\n", r->title.value);
		(void)fprintf(fp, "  scope         %s (%s)\n", or_dash(rep->scope),
			wcmp_scope_source_name(rep->scope_source));
		(void)fprintf(fp, "  data policy   %s\n", or_dash(rep->data_policy));
		(void)fprintf(fp, "  GTS priority  %s\n", or_dash(rep->gts_priority));
		(void)fprintf(fp, "  centre        %s%s%s%s\n", or_dash(rep->centre),
			item->principal_gisc != NULL ? " (principal GISC " : "",
			item->principal_gisc != NULL ? item->principal_gisc : "",
			item->principal_gisc != NULL ? ")" : "");
		if (verbose && rep->ncategories > 0) {
			(void)fprintf(fp, "  categories   ");
			for (size_t i = 0; i < rep->ncategories; i++)
				(void)fprintf(fp, " %s", rep->categories[i]);
			(void)fputc('\n', fp);
		}
	}
	for (size_t i = 0; i < rep->nfindings; i++) {
		const struct wcmp_finding *f = &rep->findings[i];
		char where[32] = "";

		if (f->severity == WCMP_INFO && !verbose)
			continue;
		if (f->line > 0)
			(void)snprintf(where, sizeof(where), "line %lu: ", f->line);
		(void)fprintf(fp, "  %-7s %-11s %s%s (%s)\n", wcmp_severity_name(f->severity),
			f->requirement != NULL ? f->requirement : "-", where, f->message, f->code);
	}
}
