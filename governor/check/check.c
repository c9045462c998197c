/*
 * check.c -- document -> records -> reports.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "centres/centres.h"
#include "check/check.h"
#include "common/buf.h"
#include "common/file.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "iso19139/record.h"
#include "wcmp/wcmp.h"
#include "xml/xml.h"

struct checker {
	struct check_options opt;
	struct xml_parser *parser;
	struct gov_buf input;
};

struct run {
	struct checker *ck;
	const char *name;
	check_cb cb;
	void *arg;
	size_t count;
	struct gov_buf oai_id, oai_date;
};

struct checker *
checker_new(const struct check_options *opt)
{
	struct checker *ck = xcalloc(1, sizeof(*ck));

	ck->opt = *opt;
	if (ck->opt.max_bytes == 0)
		ck->opt.max_bytes = XML_DEFAULT_MAX_BYTES;
	ck->parser = xml_parser_new();
	if (ck->parser == NULL)
		abort();
	gov_buf_init(&ck->input, ck->opt.max_bytes);
	return ck;
}

void
checker_free(struct checker *ck)
{
	if (ck == NULL)
		return;
	xml_parser_free(ck->parser);
	gov_buf_deinit(&ck->input);
	free(ck);
}

/* A document that cannot be judged: one failed report saying why. */
static void
emit_failure(struct run *run, const char *code, unsigned long line, const char *msg)
{
	struct wcmp_report rep;
	struct check_item item = {run->name, 0, &rep, NULL, NULL, NULL, NULL};

	wcmp_report_init(&rep, NULL);
	wcmp_add(&rep, WCMP_ERROR, code, NULL, line, "%s", msg);
	run->cb(&item, run->arg);
	wcmp_report_deinit(&rep);
	run->count++;
}

/* For records inside an OAI-PMH <record>, the header identifier/datestamp. */
static void
oai_header(struct run *run, const struct xml_node *md, const char **id, const char **date)
{
	const struct xml_node *meta = xml_parent(md), *rec, *hdr, *n;

	*id = *date = NULL;
	if (meta == NULL || !xml_is(meta, XML_NS_OAI, "metadata") ||
		(rec = xml_parent(meta)) == NULL || !xml_is(rec, XML_NS_OAI, "record") ||
		(hdr = xml_child(rec, XML_NS_OAI, "header")) == NULL)
		return;
	gov_buf_reset(&run->oai_id);
	gov_buf_reset(&run->oai_date);
	if ((n = xml_child(hdr, XML_NS_OAI, "identifier")) != NULL &&
		xml_text(n, &run->oai_id) == GOV_EOK && run->oai_id.len > 0) {
		gov_normalize_space(run->oai_id.data);
		*id = run->oai_id.data;
	}
	if ((n = xml_child(hdr, XML_NS_OAI, "datestamp")) != NULL &&
		xml_text(n, &run->oai_date) == GOV_EOK && run->oai_date.len > 0) {
		gov_normalize_space(run->oai_date.data);
		*date = run->oai_date.data;
	}
}

/*
 * The provider's principal GISC, by the rules of centres.md: the centre
 * table's row for the record's WIS 2.0 centre-id, its CCCC, or the
 * centre-id's country code, in that order; never a guess.  A row whose
 * notes record another GISC resolves, with a finding naming both.
 */
static void
principal_gisc(const struct centres *centres, struct check_judged *out)
{
	struct wcmp_report *rep = &out->report;
	unsigned long line = out->record->file_identifier.line;
	const char *who = rep->centre_id != NULL ? rep->centre_id : rep->centre;
	enum centre_match how;
	const struct centre *c;
	char other[64];

	if (centres == NULL || who == NULL)
		return;
	c = centres_resolve(centres, rep->centre_id, rep->centre, &how);
	if (c != NULL && how == CENTRE_MATCH_CENTRE_ID && rep->centre == NULL && c->cccc[0] != '\0')
		rep->centre = c->cccc; /* the centre's own CCCC: its budget counts it */
	if (how == CENTRE_MATCH_CENTRE_ID && centre_retired(c))
		wcmp_add(rep, WCMP_WARNING, "centre-id-retired", NULL, line,
			"the centre-id %s is retired in the WIS 2.0 register", rep->centre_id);
	if (c != NULL && c->gisc[0] != '\0') {
		out->principal_gisc = c->gisc;
		out->principal_match = centre_match_name(how);
		if (centre_disputed(centres, c, other, sizeof(other)))
			wcmp_add(rep, WCMP_INFO, "principal-gisc-disputed", NULL, line,
				"the centre table gives %s as the principal GISC of %s, and its "
				"sources also name %s; the operator's table should settle it",
				c->gisc, who, other);
	} else if (rep->global) {
		wcmp_add(rep, WCMP_INFO, "principal-gisc-unknown", NULL, line,
			"no principal GISC is known for centre %s; the operator's centre table "
			"needs an entry",
			who);
	}
}

void
check_judge(const struct check_options *opt, const struct xml_node *md, struct check_judged *out)
{
	out->record = iso19139_extract(md);
	out->principal_gisc = NULL;
	out->principal_match = NULL;
	wcmp_report_init(&out->report, out->record);
	wcmp_judge(&out->report);
	principal_gisc(opt->centres, out);
	wcmp_estimate_flow(&out->report, &opt->expect);
	if (opt->budget != NULL)
		wcmp_judge_flow(&out->report, opt->budget, out->principal_gisc);
}

void
check_judged_free(struct check_judged *j)
{
	wcmp_report_deinit(&j->report);
	md_record_free(j->record);
	j->record = NULL;
}

static void
judge_record(const struct xml_node *md, void *arg)
{
	struct run *run = arg;
	struct check_judged j;
	struct check_item item;

	memset(&item, 0, sizeof(item));
	check_judge(&run->ck->opt, md, &j);
	item.file = run->name;
	item.index = run->count;
	item.report = &j.report;
	item.principal_gisc = j.principal_gisc;
	item.principal_match = j.principal_match;
	oai_header(run, md, &item.oai_identifier, &item.oai_datestamp);
	run->cb(&item, run->arg);
	run->count++;
	check_judged_free(&j);
}

/* Every record element in document order, not descending into records. */
static void
find_records(const struct xml_node *n, struct run *run)
{
	if (iso19139_is_record(n)) {
		judge_record(n, run);
		return;
	}
	for (const struct xml_node *c = xml_first_child(n); c != NULL; c = xml_next(c))
		find_records(c, run);
}

static const char *
failure_code(int rc)
{
	switch (rc) {
	case GOV_EHOSTILE:
		return "hostile-xml";
	case GOV_ENCODING:
		return "invalid-encoding";
	case GOV_ELIMIT:
		return "too-large";
	case GOV_ENESTING:
		return "too-deep";
	default:
		return "not-xml";
	}
}

size_t
checker_run_buffer(
	struct checker *ck, const char *name, const char *data, size_t len, check_cb cb, void *arg)
{
	struct run run = {ck, name, cb, arg, 0, {0}, {0}};
	struct xml_doc *doc = NULL;
	struct gov_diag d;
	char msg[GOV_DIAG_MSG + 64];
	int rc;

	gov_diag_clear(&d);
	gov_buf_init(&run.oai_id, 4096);
	gov_buf_init(&run.oai_date, 256);
	rc = xml_parse(ck->parser, data, len, ck->opt.max_bytes, &doc, &d);
	if (rc != GOV_EOK) {
		if (d.col > 0)
			(void)snprintf(msg, sizeof(msg), "%s (column %lu)", d.msg, d.col);
		else
			(void)snprintf(msg, sizeof(msg), "%s", d.msg);
		emit_failure(&run, failure_code(rc), d.line, msg);
		goto out;
	}
	find_records(xml_doc_root(doc), &run);
	if (run.count == 0) {
		const struct xml_node *root = xml_doc_root(doc);

		(void)snprintf(msg, sizeof(msg),
			"no metadata record in this document: no gmd:MD_Metadata element (the root "
			"element is <%s>%s%s%s)",
			xml_local_name(root), xml_ns_uri(root) != NULL ? " in " : "",
			xml_ns_uri(root) != NULL ? xml_ns_uri(root) : "",
			xml_is(root, XML_NS_OAI, "OAI-PMH")
				? ", an OAI-PMH response without records"
				: "");
		emit_failure(&run, "not-metadata", xml_line(root), msg);
	}
out:
	xml_doc_free(doc);
	gov_buf_deinit(&run.oai_id);
	gov_buf_deinit(&run.oai_date);
	return run.count;
}

int
checker_run_file(struct checker *ck, const char *path, check_cb cb, void *arg, struct gov_diag *d)
{
	struct run run = {ck, path, cb, arg, 0, {0}, {0}};
	int rc;

	gov_buf_reset(&ck->input);
	rc = gov_file_read(path, ck->opt.max_bytes, &ck->input, d);
	if (rc == GOV_ELIMIT) {
		emit_failure(&run, "too-large", 0, d->msg);
		return GOV_EOK;
	}
	if (rc != GOV_EOK)
		return rc;
	(void)checker_run_buffer(ck, path, gov_buf_str(&ck->input), ck->input.len, cb, arg);
	return GOV_EOK;
}
