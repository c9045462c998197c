/*
 * flow.h -- the data flow a record implies, against the default budgets.
 *
 * Guide to WIS 7.7.3: when a record first enters the catalogue, its
 * principal GISC monitors the volume and frequency of its data and reviews
 * flows it finds exceptional.  Before publishing, a provider can only
 * estimate that flow: from what it plans to send (--expect-* options), or
 * from the record's maintenance frequency and transfer size.
 */
#ifndef GOV_WCMP_FLOW_H
#define GOV_WCMP_FLOW_H

#include "budget/defaults.h"
#include "wcmp/report.h"

struct flow_expectation {
	double bytes_per_day; /* < 0 when not given */
	double per_day;       /* < 0 when not given */
};

/* Fill rep->flow from the expectation and the record; adds findings for
 * frequencies and sizes that cannot be read. */
void wcmp_estimate_flow(struct wcmp_report *rep, const struct flow_expectation *exp);

/*
 * Compare rep->flow with the budget for data that go into every GISC cache
 * (rep->global).  gisc names the principal GISC, or NULL when unknown.
 */
void wcmp_judge_flow(struct wcmp_report *rep, const struct record_budget *b, const char *gisc);

#endif
