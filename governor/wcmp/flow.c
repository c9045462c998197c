/*
 * flow.c -- expected flow of a record and the 7.7.3 review threshold.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/units.h"
#include "iso19139/record.h"
#include "wcmp/codes.h"
#include "wcmp/flow.h"

/* "1.5 GB/day" */
static const char *
human_bytes(double v, char *out, size_t size)
{
	static const char *units[] = {"B", "kB", "MB", "GB", "TB", "PB"};
	size_t u = 0;

	while (v >= 1000.0 && u + 1 < sizeof(units) / sizeof(units[0])) {
		v /= 1000.0;
		u++;
	}
	(void)snprintf(out, size, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
	return out;
}

/* ISO 19115 gives transferSize in megabytes; some records name a byte
 * unit in unitsOfDistribution instead, which then wins. */
static double
unit_factor(const char *units)
{
	static const struct {
		const char *name;
		double factor;
	} t[] = {{"B", 1}, {"bytes", 1}, {"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9},
		{"TB", 1e12}, {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0}};

	if (units != NULL)
		for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
			if (strcasecmp(units, t[i].name) == 0)
				return t[i].factor;
	return 1e6;
}

void
wcmp_estimate_flow(struct wcmp_report *rep, const struct flow_expectation *exp)
{
	const struct md_record *r = rep->record;
	struct wcmp_flow *f = &rep->flow;
	bool known_code;
	double secs;

	if (r->frequency_duration.value != NULL && r->frequency_duration.value[0] != '\0') {
		if (gov_parse_duration(r->frequency_duration.value, &secs) == GOV_EOK && secs > 0) {
			f->per_day = 86400.0 / secs;
			f->per_day_source = "duration";
		} else {
			wcmp_add(rep, WCMP_WARNING, "frequency-invalid", NULL,
				r->frequency_duration.line,
				"userDefinedMaintenanceFrequency \"%s\" is not a positive ISO 8601 "
				"duration (e.g. PT6H)",
				r->frequency_duration.value);
		}
	}
	if (f->per_day < 0 && r->frequency_code.value != NULL) {
		double pd = wcmp_frequency_per_day(r->frequency_code.value, &known_code);

		if (pd > 0) {
			f->per_day = pd;
			f->per_day_source = "frequency-code";
		} else if (!known_code && r->frequency_code.value[0] != '\0') {
			wcmp_add(rep, WCMP_WARNING, "frequency-invalid", NULL,
				r->frequency_code.line,
				"maintenance frequency \"%s\" is not an MD_MaintenanceFrequencyCode",
				r->frequency_code.value);
		}
	}
	if (r->transfer_size.value != NULL) {
		char *end;
		double mb = strtod(r->transfer_size.value, &end);

		if (end != r->transfer_size.value && *end == '\0' && isfinite(mb) && mb > 0)
			f->unit_bytes = mb * unit_factor(r->transfer_units.value);
		else
			wcmp_add(rep, WCMP_WARNING, "transfer-size-invalid", NULL,
				r->transfer_size.line,
				"transferSize \"%s\" is not a positive number of megabytes",
				r->transfer_size.value);
	}
	if (exp != NULL && exp->per_day >= 0) {
		f->per_day = exp->per_day;
		f->per_day_source = "option";
	}
	if (exp != NULL && exp->bytes_per_day >= 0) {
		f->bytes_per_day = exp->bytes_per_day;
		f->bytes_source = "option";
	} else if (f->per_day >= 0 && f->unit_bytes >= 0) {
		f->bytes_per_day = f->per_day * f->unit_bytes;
		f->bytes_source = "record";
	}
}

void
wcmp_judge_flow(struct wcmp_report *rep, const struct record_budget *b, const char *gisc)
{
	const struct wcmp_flow *f = &rep->flow;
	char have[32], lim[32], who[96];
	bool over_bytes, over_files;

	if (!rep->global)
		return;
	if (gisc != NULL && gisc[0] != '\0')
		(void)snprintf(
			who, sizeof(who), "GISC %s, the principal GISC of %s,", gisc, rep->centre);
	else
		(void)snprintf(who, sizeof(who), "the provider's principal GISC");
	if (f->bytes_per_day < 0 && f->per_day < 0) {
		wcmp_add(rep, WCMP_INFO, "flow-unknown", "Guide 7.7.3", 0,
			"the record gives neither frequency nor transfer size; %s will measure the "
			"volume from traffic once the record is published",
			who);
		return;
	}
	over_bytes = f->bytes_per_day >= 0 && f->bytes_per_day > (double)b->bytes_per_day.exceed;
	over_files = f->per_day >= 0 && f->per_day > (double)b->files_per_day.exceed;
	if (over_bytes)
		wcmp_add(rep, WCMP_WARNING, "exceptional-flow", "Guide 7.7.3", 0,
			"an expected %s/day (%s) is above the %s/day the default rules call "
			"exceptional for global exchange; %s will review it and may ask whether all "
			"of it must be exchanged routinely (RegionalExchange or OriginatingCentre "
			"spare the links and caches, Guide 7.7.2)",
			human_bytes(f->bytes_per_day, have, sizeof(have)),
			f->bytes_source != NULL && strcmp(f->bytes_source, "option") == 0
				? "--expect-bytes-per-day"
				: "frequency x transfer size",
			human_bytes((double)b->bytes_per_day.exceed, lim, sizeof(lim)), who);
	if (over_files)
		wcmp_add(rep, WCMP_WARNING, "exceptional-flow", "Guide 7.7.3", 0,
			"an expected %.0f files/day (%s) is above the %llu files/day the default "
			"rules call exceptional for global exchange; %s will review it under Guide "
			"7.7.3",
			f->per_day,
			strcmp(f->per_day_source, "option") == 0 ? "--expect-per-day"
								 : "maintenance frequency",
			(unsigned long long)b->files_per_day.exceed, who);
	if (!over_bytes && f->bytes_per_day >= 0 &&
		f->bytes_per_day > (double)b->bytes_per_day.warn)
		wcmp_add(rep, WCMP_INFO, "large-flow", "Guide 7.7.3", 0,
			"an expected %s/day is close to the %s/day review threshold",
			human_bytes(f->bytes_per_day, have, sizeof(have)),
			human_bytes((double)b->bytes_per_day.exceed, lim, sizeof(lim)));
	if (!over_files && f->per_day >= 0 && f->per_day > (double)b->files_per_day.warn)
		wcmp_add(rep, WCMP_INFO, "large-flow", "Guide 7.7.3", 0,
			"an expected %.0f files/day is close to the %llu files/day review threshold",
			f->per_day, (unsigned long long)b->files_per_day.exceed);
}
