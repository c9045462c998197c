/*
 * report.c -- findings bookkeeping.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wcmp/report.h"

void
wcmp_report_init(struct wcmp_report *rep, const struct md_record *r)
{
	memset(rep, 0, sizeof(*rep));
	arena_init(&rep->arena);
	rep->record = r;
	rep->flow.per_day = -1;
	rep->flow.bytes_per_day = -1;
	rep->flow.unit_bytes = -1;
}

void
wcmp_report_deinit(struct wcmp_report *rep)
{
	arena_deinit(&rep->arena);
	memset(rep, 0, sizeof(*rep));
}

void
wcmp_add(struct wcmp_report *rep, enum wcmp_severity sev, const char *code, const char *requirement,
	unsigned long line, const char *fmt, ...)
{
	struct wcmp_finding *f;
	char msg[1024];
	va_list ap;

	if (rep->nfindings == rep->cap_findings) {
		size_t cap = rep->cap_findings != 0 ? rep->cap_findings * 2 : 8;
		struct wcmp_finding *p = arena_alloc(&rep->arena, cap * sizeof(*p));

		if (rep->nfindings > 0)
			memcpy(p, rep->findings, rep->nfindings * sizeof(*p));
		rep->findings = p;
		rep->cap_findings = cap;
	}
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	f = &rep->findings[rep->nfindings++];
	f->code = code;
	f->severity = sev;
	f->requirement = requirement;
	f->line = line;
	f->message = arena_strdup(&rep->arena, msg);
}

enum wcmp_verdict
wcmp_verdict(const struct wcmp_report *rep)
{
	enum wcmp_verdict v = WCMP_PASS;

	for (size_t i = 0; i < rep->nfindings; i++) {
		if (rep->findings[i].severity == WCMP_ERROR)
			return WCMP_FAIL;
		if (rep->findings[i].severity == WCMP_WARNING)
			v = WCMP_WARN;
	}
	return v;
}

const char *
wcmp_verdict_name(enum wcmp_verdict v)
{
	switch (v) {
	case WCMP_PASS:
		return "pass";
	case WCMP_WARN:
		return "warn";
	default:
		return "fail";
	}
}

const char *
wcmp_severity_name(enum wcmp_severity s)
{
	switch (s) {
	case WCMP_INFO:
		return "info";
	case WCMP_WARNING:
		return "warning";
	default:
		return "error";
	}
}

const char *
wcmp_scope_source_name(enum wcmp_scope_source s)
{
	switch (s) {
	case WCMP_SCOPE_KEYWORD:
		return "keyword";
	case WCMP_SCOPE_KEYWORD_VARIANT:
		return "keyword-variant";
	case WCMP_SCOPE_IDENTIFIER:
		return "identifier";
	default:
		return "none";
	}
}
