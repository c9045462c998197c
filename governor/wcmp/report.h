/*
 * report.h -- what wisgov concludes about one metadata record.
 *
 * A report is the judgement of a struct md_record against WCMP 1.3 and the
 * exchange rules: the resolved distribution scope (and how it was
 * resolved), data policy, GTS priority, originating centre, the flow the
 * record implies, and a list of findings.  Strings either point into the
 * record (which must outlive the report) or into the report's own arena.
 */
#ifndef GOV_WCMP_REPORT_H
#define GOV_WCMP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"

struct md_record;

enum wcmp_severity {
	WCMP_INFO,
	WCMP_WARNING,
	WCMP_ERROR,
};

enum wcmp_verdict {
	WCMP_PASS,
	WCMP_WARN,
	WCMP_FAIL,
};

/* How the distribution scope was found (see wisgov(1), "Scope"). */
enum wcmp_scope_source {
	WCMP_SCOPE_NONE,
	WCMP_SCOPE_KEYWORD,         /* the canonical WMO_DistributionScopeCode group */
	WCMP_SCOPE_KEYWORD_VARIANT, /* a real-world variant of it */
	WCMP_SCOPE_IDENTIFIER,      /* inferred from urn:x-wmo:md:int.wmo.wis:: */
};

struct wcmp_finding {
	const char *code; /* stable, e.g. "scope-invalid" */
	enum wcmp_severity severity;
	const char *requirement; /* WCMP 1.3 requirement ("9.1.1"), Guide ("7.7.3"), or NULL */
	const char *message;     /* one sentence a provider can act on */
	unsigned long line;      /* 0 when not tied to a line */
};

/* What the provider expects to send, and where the figure came from. */
struct wcmp_flow {
	double per_day;             /* files or messages per day, < 0 when unknown */
	double bytes_per_day;       /* < 0 when unknown */
	double unit_bytes;          /* bytes per file, < 0 when unknown */
	const char *per_day_source; /* "option", "frequency-code", "duration", NULL */
	const char *bytes_source;   /* "option", "record", NULL */
};

struct wcmp_report {
	struct arena arena;
	const struct md_record *record;

	const char *identifier; /* NULL if absent or empty */
	const char *scope;      /* code-list value or NULL */
	enum wcmp_scope_source scope_source;
	unsigned long scope_line;
	bool global; /* the 9.x requirements apply */
	const char *data_policy;
	const char *gts_priority;
	const char *centre;    /* CCCC, upper case, or NULL */
	const char *centre_id; /* WIS 2.0 centre-id (urn:wmo:md:CENTRE-ID:...), or NULL */
	bool legacy;           /* WCMP 1.2 encodings seen */
	const char **categories;
	size_t ncategories;
	struct wcmp_flow flow;

	struct wcmp_finding *findings;
	size_t nfindings, cap_findings;
};

void wcmp_report_init(struct wcmp_report *rep, const struct md_record *r);
void wcmp_report_deinit(struct wcmp_report *rep);

/* Add a finding; the message is formatted into the report's arena. */
void wcmp_add(struct wcmp_report *rep, enum wcmp_severity sev, const char *code,
	const char *requirement, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

enum wcmp_verdict wcmp_verdict(const struct wcmp_report *rep);
const char *wcmp_verdict_name(enum wcmp_verdict v);
const char *wcmp_severity_name(enum wcmp_severity s);
const char *wcmp_scope_source_name(enum wcmp_scope_source s);

#endif
