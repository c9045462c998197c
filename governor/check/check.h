/*
 * check.h -- `wisgov check`: judge metadata documents before publishing.
 *
 * A document is a single record, or an OAI-PMH response (GetRecord,
 * ListRecords) holding several: every gmd:MD_Metadata inside is judged on
 * its own.  A document that cannot be judged at all (not XML, hostile,
 * too large, no record in it) yields one failed report with a finding
 * saying why, so a batch run always goes on to the next input.
 */
#ifndef GOV_CHECK_CHECK_H
#define GOV_CHECK_CHECK_H

#include <stddef.h>

#include "budget/defaults.h"
#include "common/err.h"
#include "wcmp/flow.h"
#include "wcmp/report.h"

struct centres;
struct checker;
struct md_record;
struct xml_node;

struct check_options {
	size_t max_bytes;                   /* per document */
	struct flow_expectation expect;     /* what the provider plans to send */
	const struct record_budget *budget; /* NULL: no flow judgement */
	const struct centres *centres;      /* NULL: no principal GISC */
};

/* One judged record, as handed to the caller. */
struct check_item {
	const char *file; /* input name as given */
	size_t index;     /* 0-based position of the record in the file */
	const struct wcmp_report *report;
	const char *principal_gisc;  /* NULL when unknown */
	const char *principal_match; /* "centre-id", "cccc", "tld", or NULL */
	const char *oai_identifier;  /* OAI header identifier, NULL outside OAI */
	const char *oai_datestamp;
};

typedef void (*check_cb)(const struct check_item *item, void *arg);

/* One record element, judged: the report points into the record. */
struct check_judged {
	struct md_record *record;
	struct wcmp_report report;
	const char *principal_gisc;  /* NULL when unknown */
	const char *principal_match; /* the centres.md rule that found it (centre_match_name) */
};

/*
 * Extract and judge the record element md exactly as `wisgov check` does
 * (scope, requirements, principal GISC, expected flow); the harvester uses
 * the same function so that its findings are identical.  Free with
 * check_judged_free().
 */
void check_judge(
	const struct check_options *opt, const struct xml_node *md, struct check_judged *out);
void check_judged_free(struct check_judged *j);

/* The options are copied; the budget and centres must outlive the checker. */
struct checker *checker_new(const struct check_options *opt);
void checker_free(struct checker *ck);

/* Judge the document in data[0..len); calls cb once per record (or once
 * for a document that holds none).  Returns the number of reports. */
size_t checker_run_buffer(
	struct checker *ck, const char *name, const char *data, size_t len, check_cb cb, void *arg);

/*
 * Read path ("-" = standard input) and judge it.  Returns GOV_EOK, or the
 * read error (GOV_ENOENT, GOV_EACCES, GOV_EIO) with d filled, in which case
 * cb was not called.  A document over the size limit is a failed report,
 * not an error.
 */
int checker_run_file(
	struct checker *ck, const char *path, check_cb cb, void *arg, struct gov_diag *d);

#endif
