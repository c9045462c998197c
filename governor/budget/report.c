/*
 * report.c -- build and print the budget report.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "budget/datatypes.h"
#include "budget/report.h"
#include "catalogue/catalogue.h"
#include "centres/centres.h"
#include "common/arena.h"
#include "common/jsonw.h"
#include "common/str.h"
#include "common/timeutil.h"
#include "common/xmalloc.h"
#include "store/store.h"

struct budget_usage {
	struct budget b;
	double usage;     /* in the budget's unit, measured */
	double projected; /* usage plus the estimates of records without traffic */
	int projected_state;
	double count; /* record budget: records above warn */
	unsigned long over_warn, over_exceed;
	int state;
	bool is_default; /* the record budget came from rules/budgets.yaml */
};

struct unmatched {
	char centre[96]; /* as counted: a CCCC or a WIS 2.0 centre-id */
	char cccc[5];    /* the centre's CCCC, "" when not known */
	struct measure m;
};

struct report {
	struct report_options opt;
	struct budget record_budget;
	bool record_budget_default;
	struct report_record *recs;
	size_t nrecs, cap;
	struct unmatched *um;
	size_t num, capum;
	struct budget_usage *bu;
	size_t nbu, capbu;
	uint64_t global_bytes, global_hourly[24], all_bytes, unmatched_bytes;
	unsigned long measured, estimated;
};

static const char *
state_name(int s)
{
	return s == 2 ? "exceed" : s == 1 ? "warn" : "ok";
}

/* TTAAii of a urn:x-wmo:md:int.wmo.wis::TTAAiiCCCC identifier, or "". */
static void
heading_of(const char *id, char out[7])
{
	static const char prefix[] = "urn:x-wmo:md:int.wmo.wis::";
	const char *u;

	out[0] = '\0';
	if (!gov_startswith_ci(id, prefix))
		return;
	u = id + sizeof(prefix) - 1;
	if (strlen(u) >= 6 && isalpha((unsigned char)u[0]) && isalpha((unsigned char)u[1]) &&
		isalpha((unsigned char)u[2]) && isalpha((unsigned char)u[3]) &&
		isdigit((unsigned char)u[4]) && isdigit((unsigned char)u[5])) {
		for (int i = 0; i < 6; i++)
			out[i] = (char)toupper((unsigned char)u[i]);
		out[6] = '\0';
	}
}

/*
 * Was the record in the catalogue at time at?  First seen by then, and
 * not deleted by then (a deleted record's last change is its deletion).
 * A time that cannot be read does not exclude it.
 */
static bool
listed_at(const struct cat_record *r, time_t at)
{
	time_t t;
	bool day;

	if (r->first_seen != NULL && gov_time_parse(r->first_seen, &t, &day) == GOV_EOK && t > at)
		return false;
	if (r->deleted && r->last_changed != NULL &&
		gov_time_parse(r->last_changed, &t, &day) == GOV_EOK && t <= at)
		return false;
	return true;
}

/* A record not listed at opt->at gets no estimate: only its measured
 * traffic, if any, counts. */
static void
fill(struct store_txn *t, const struct report_options *opt, const struct cat_record *r,
	const struct budget *rb, struct report_record *out)
{
	char key[CAT_MAX_IDENTIFIER + 1], tta[7];
	size_t klen = catalogue_fold(r->identifier, strlen(r->identifier), key, sizeof(key));

	memset(out, 0, sizeof(*out));
	gov_strlcpy(out->identifier, r->identifier, sizeof(out->identifier));
	gov_strlcpy(out->scope, r->scope != NULL ? r->scope : "", sizeof(out->scope));
	gov_strlcpy(out->centre, r->centre != NULL ? r->centre : "", sizeof(out->centre));
	gov_strlcpy(out->first_seen, r->first_seen != NULL ? r->first_seen : "",
		sizeof(out->first_seen));
	out->global = r->scope != NULL && strcmp(r->scope, "GlobalExchange") == 0;
	out->deleted = r->deleted;
	measure_counters(t, STORE_COUNTERS, key, klen, opt->at, &out->m);
	out->est_bytes = out->est_count = -1;
	out->listed = listed_at(r, opt->at);
	if (!out->m.measured && out->listed) {
		const struct datatype *dt;

		heading_of(r->identifier, tta);
		if (r->declared_bytes_per_day >= 0) {
			out->est_bytes = r->declared_bytes_per_day;
			out->est_count = r->declared_per_day;
			gov_strlcpy(out->est_source, "record", sizeof(out->est_source));
		} else if ((dt = datatypes_lookup(opt->types, tta)) != NULL) {
			out->est_count = dt->files_per_day;
			out->est_bytes = dt->files_per_day * (double)dt->bytes_per_file;
			(void)snprintf(
				out->est_source, sizeof(out->est_source), "data-type:%s", dt->code);
		}
	}
	if (rb != NULL) {
		double bytes = out->m.measured ? (double)out->m.bytes_24h : out->est_bytes;
		double count = out->m.measured ? (double)out->m.count_24h : out->est_count;

		if (bytes > (double)rb->exceed ||
			(rb->count_exceed > 0 && count > (double)rb->count_exceed))
			out->state = 2;
		else if (bytes > (double)rb->warn ||
			 (rb->count_warn > 0 && count > (double)rb->count_warn))
			out->state = 1;
	}
}

void
report_one(struct store_txn *t, const struct report_options *opt, const char *identifier,
	struct report_record *out)
{
	struct arena a;
	struct cat_record r;
	struct budget rb;

	memset(out, 0, sizeof(*out));
	arena_init(&a);
	if (catalogue_get(t, identifier, &a, &r) == GOV_EOK) {
		if (budget_get(t, "record", &rb) != GOV_EOK && opt->defaults != NULL) {
			memset(&rb, 0, sizeof(rb));
			rb.warn = opt->defaults->bytes_per_day.warn;
			rb.exceed = opt->defaults->bytes_per_day.exceed;
			rb.count_warn = opt->defaults->files_per_day.warn;
			rb.count_exceed = opt->defaults->files_per_day.exceed;
		}
		fill(t, opt, &r, &rb, out);
	}
	arena_deinit(&a);
}

struct build {
	struct report *r;
	struct store_txn *t;
};

static int
on_record(const struct cat_record *c, void *arg)
{
	struct build *b = arg;
	struct report *r = b->r;
	struct report_record *rr;

	if (r->nrecs == r->cap) {
		r->cap = r->cap != 0 ? r->cap * 2 : 256;
		r->recs = xreallocarray(r->recs, r->cap, sizeof(*r->recs));
	}
	rr = &r->recs[r->nrecs++];
	fill(b->t, &r->opt, c, &r->record_budget, rr);
	if (!rr->listed && !rr->m.measured) {
		r->nrecs--; /* not in the catalogue then, and no traffic: not in the report */
		return 0;
	}
	r->all_bytes += rr->m.bytes_24h;
	if (rr->m.measured)
		r->measured++;
	else
		r->estimated++;
	if (rr->global) {
		r->global_bytes += rr->m.bytes_24h;
		for (int h = 0; h < 24; h++)
			r->global_hourly[h] += rr->m.hourly[h];
	}
	return 0;
}

/* Data without metadata from WIS 2.0 carry a centre-id, from the GTS a
 * CCCC: a centre's budget counts both (fr-meteofrance is LFPW). */
static void
unmatched_cccc(const struct report *r, struct unmatched *u)
{
	const struct centre *c;

	u->cccc[0] = '\0';
	if (strlen(u->centre) == 4 && strchr(u->centre, '-') == NULL)
		gov_strlcpy(u->cccc, u->centre, sizeof(u->cccc));
	else if ((c = centres_by_id(r->opt.centres, u->centre)) != NULL && strlen(c->cccc) == 4)
		gov_strlcpy(u->cccc, c->cccc, sizeof(u->cccc));
}

static int
on_unmatched(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct build *b = arg;
	struct report *r = b->r;
	size_t nlen = strnlen(key, klen);

	(void)val;
	(void)vlen;
	/* Keys are centre NUL day: one entry per centre is enough. */
	if (r->num > 0 && strlen(r->um[r->num - 1].centre) == nlen &&
		memcmp(r->um[r->num - 1].centre, key, nlen) == 0)
		return 0;
	if (nlen >= sizeof(r->um[0].centre))
		return 0;
	if (r->num == r->capum) {
		r->capum = r->capum != 0 ? r->capum * 2 : 32;
		r->um = xreallocarray(r->um, r->capum, sizeof(*r->um));
	}
	memcpy(r->um[r->num].centre, key, nlen);
	r->um[r->num].centre[nlen] = '\0';
	unmatched_cccc(r, &r->um[r->num]);
	measure_counters(b->t, STORE_UNMATCHED, key, nlen, r->opt.at, &r->um[r->num].m);
	r->unmatched_bytes += r->um[r->num].m.bytes_24h;
	r->num++;
	return 0;
}

static int
set_state(double usage, const struct budget *b)
{
	return usage > (double)b->exceed ? 2 : usage > (double)b->warn ? 1 : 0;
}

/* The 24-hour estimate of a record listed at the report's time that has
 * no traffic yet, or 0. */
static double
estimate(const struct report_record *rr)
{
	return rr->listed && !rr->m.measured && rr->est_bytes > 0 ? rr->est_bytes : 0;
}

/*
 * What the budget will carry once the records without traffic send what
 * they declare (Guide 7.7.3: a new record is watched before its data
 * flow).  An estimate has no hourly shape, so a link gets its average.
 */
static double
projected(const struct report *r, const struct budget *bg, double usage)
{
	double est = 0;

	for (size_t i = 0; i < r->nrecs; i++) {
		const struct report_record *rr = &r->recs[i];

		if ((bg->kind == BUDGET_CENTRE && strcmp(rr->centre, bg->target) == 0) ||
			(bg->kind != BUDGET_CENTRE && rr->global))
			est += estimate(rr);
	}
	return usage + (bg->kind == BUDGET_LINK ? est / 86400.0 : est);
}

static int
on_budget(const struct budget *bg, void *arg)
{
	struct report *r = ((struct build *)arg)->r;
	struct budget_usage *u;

	if (bg->kind == BUDGET_RECORD)
		return 0; /* reported once, at the end, from r->record_budget */
	if (r->nbu == r->capbu) {
		r->capbu = r->capbu != 0 ? r->capbu * 2 : 16;
		r->bu = xreallocarray(r->bu, r->capbu, sizeof(*r->bu));
	}
	u = &r->bu[r->nbu++];
	memset(u, 0, sizeof(*u));
	u->b = *bg;
	switch (bg->kind) {
	case BUDGET_CACHE:
		u->usage = (double)r->global_bytes;
		break;
	case BUDGET_LINK: {
		uint64_t peak = 0;

		/* Global data cross every GISC-to-GISC link: its busiest hour. */
		for (int h = 0; h < 24; h++)
			if (r->global_hourly[h] > peak)
				peak = r->global_hourly[h];
		u->usage = (double)peak / 3600.0;
		break;
	}
	case BUDGET_CENTRE:
		for (size_t i = 0; i < r->nrecs; i++)
			if (strcmp(r->recs[i].centre, bg->target) == 0)
				u->usage += (double)r->recs[i].m.bytes_24h;
		for (size_t i = 0; i < r->num; i++)
			if (strcasecmp(r->um[i].cccc, bg->target) == 0)
				u->usage += (double)r->um[i].m.bytes_24h;
		break;
	case BUDGET_RECORD:
		break;
	}
	u->state = set_state(u->usage, bg);
	u->projected = projected(r, bg, u->usage);
	u->projected_state = set_state(u->projected, bg);
	return 0;
}

int
report_build(
	struct store *s, const struct report_options *opt, struct report **out, struct gov_diag *d)
{
	struct report *r = xcalloc(1, sizeof(*r));
	struct build b = {r, NULL};
	struct arena a;
	struct budget_usage *u;
	int rc;

	*out = NULL;
	r->opt = *opt;
	if (r->opt.window_days <= 0)
		r->opt.window_days = 14;
	if (r->opt.top == 0)
		r->opt.top = 10;
	if ((rc = store_txn_begin(s, false, &b.t, d)) != GOV_EOK) {
		free(r);
		return rc;
	}
	if (budget_get(b.t, "record", &r->record_budget) != GOV_EOK) {
		(void)budget_parse_name("record", &r->record_budget, NULL);
		r->record_budget_default = true;
		if (opt->defaults != NULL) {
			r->record_budget.warn = opt->defaults->bytes_per_day.warn;
			r->record_budget.exceed = opt->defaults->bytes_per_day.exceed;
			r->record_budget.count_warn = opt->defaults->files_per_day.warn;
			r->record_budget.count_exceed = opt->defaults->files_per_day.exceed;
		}
		gov_strlcpy(r->record_budget.set_by, "rules/budgets.yaml",
			sizeof(r->record_budget.set_by));
	}
	arena_init(&a);
	rc = catalogue_scan(b.t, &a, on_record, &b);
	arena_deinit(&a);
	if (rc >= 0)
		rc = store_scan(b.t, STORE_UNMATCHED, NULL, 0, false, on_unmatched, &b);
	if (rc >= 0)
		rc = budget_scan(b.t, on_budget, &b);
	store_txn_abort(b.t);
	if (rc < 0) {
		report_free(r);
		return gov_diag_set(d, rc, "the store is not readable: %s", gov_strerror(rc));
	}
	/* The per-record budget, with the number of records above it. */
	if (r->nbu == r->capbu) {
		r->capbu += 1;
		r->bu = xreallocarray(r->bu, r->capbu, sizeof(*r->bu));
	}
	u = &r->bu[r->nbu++];
	memset(u, 0, sizeof(*u));
	u->b = r->record_budget;
	u->is_default = r->record_budget_default;
	for (size_t i = 0; i < r->nrecs; i++) {
		u->over_warn += r->recs[i].state >= 1;
		u->over_exceed += r->recs[i].state == 2;
	}
	u->state = u->over_exceed > 0 ? 2 : u->over_warn > 0 ? 1 : 0;
	*out = r;
	return GOV_EOK;
}

void
report_free(struct report *r)
{
	if (r == NULL)
		return;
	free(r->recs);
	free(r->um);
	free(r->bu);
	free(r);
}

static int
by_bytes(const void *a, const void *b)
{
	const struct report_record *x = *(struct report_record *const *)a;
	const struct report_record *y = *(struct report_record *const *)b;

	if (x->m.bytes_24h != y->m.bytes_24h)
		return x->m.bytes_24h > y->m.bytes_24h ? -1 : 1;
	return strcmp(x->identifier, y->identifier);
}

/* Records sorted by bytes over 24 h, biggest first; caller frees. */
static struct report_record **
sorted(const struct report *r)
{
	struct report_record **v = xcalloc(r->nrecs + 1, sizeof(*v));

	for (size_t i = 0; i < r->nrecs; i++)
		v[i] = &r->recs[i];
	qsort(v, r->nrecs, sizeof(*v), by_bytes);
	return v;
}

static bool
is_new(const struct report *r, const struct report_record *rr)
{
	time_t t;
	bool day;

	return gov_time_parse(rr->first_seen, &t, &day) == GOV_EOK &&
	       t >= r->opt.at - r->opt.window_days * 86400L && t <= r->opt.at;
}

/*
 * A record's share of each budget it weighs on: the cache and the links
 * (global data only) and its centre's budget.  Measured flow, or the
 * estimate before there is any.
 */
void
report_shares(
	struct jsonw *w, const struct report_record *rr, const struct budget *budgets, size_t n)
{
	double bytes = rr->m.measured ? (double)rr->m.bytes_24h : rr->est_bytes;
	double peak = rr->m.measured ? (double)rr->m.peak_hour_bytes
				     : (rr->est_bytes >= 0 ? rr->est_bytes / 24 : -1);

	jsonw_object_begin(w, "shares");
	for (size_t i = 0; bytes >= 0 && i < n; i++) {
		const struct budget *b = &budgets[i];

		if (b->exceed == 0)
			continue;
		if (b->kind == BUDGET_CACHE && rr->global)
			jsonw_double(w, b->name, bytes / (double)b->exceed);
		else if (b->kind == BUDGET_LINK && rr->global && peak >= 0)
			jsonw_double(w, b->name, peak / 3600.0 / (double)b->exceed);
		else if (b->kind == BUDGET_CENTRE && strcasecmp(b->target, rr->centre) == 0)
			jsonw_double(w, b->name, bytes / (double)b->exceed);
		else if (b->kind == BUDGET_RECORD)
			jsonw_double(w, b->name, bytes / (double)b->exceed);
	}
	jsonw_object_end(w);
}

static void
json_shares(struct jsonw *w, const struct report *r, const struct report_record *rr)
{
	struct budget *v = xcalloc(r->nbu + 1, sizeof(*v));

	for (size_t i = 0; i < r->nbu; i++)
		v[i] = r->bu[i].b;
	report_shares(w, rr, v, r->nbu);
	free(v);
}

static void
json_measure(struct jsonw *w, const struct report_record *rr)
{
	jsonw_str(w, "identifier", rr->identifier);
	jsonw_str(w, "scope", rr->scope[0] ? rr->scope : NULL);
	jsonw_str(w, "centre", rr->centre[0] ? rr->centre : NULL);
	jsonw_str(w, "first_seen", rr->first_seen[0] ? rr->first_seen : NULL);
	jsonw_bool(w, "measured", rr->m.measured);
	jsonw_uint(w, "bytes_24h", rr->m.bytes_24h);
	jsonw_uint(w, "count_24h", rr->m.count_24h);
	jsonw_uint(w, "peak_hour_bytes", rr->m.peak_hour_bytes);
	if (rr->m.mean_interval >= 0)
		jsonw_double(w, "mean_interval", rr->m.mean_interval);
	else
		jsonw_null(w, "mean_interval");
	jsonw_double(w, "week_change", rr->m.week_change);
	if (!rr->m.measured && rr->est_bytes >= 0) {
		jsonw_object_begin(w, "estimate");
		jsonw_double(w, "bytes_24h", rr->est_bytes);
		jsonw_double(w, "count_24h", rr->est_count);
		jsonw_str(w, "source", rr->est_source);
		jsonw_object_end(w);
	}
	jsonw_str(w, "state", state_name(rr->state));
}

int
report_json(const struct report *r, struct gov_buf *out)
{
	struct report_record **v = sorted(r);
	char ts[GOV_TIME_LEN];
	struct jsonw w;
	size_t n;

	jsonw_init(&w, out);
	jsonw_object_begin(&w, NULL);
	jsonw_str(&w, "at", gov_time_format(r->opt.at, false, ts));
	jsonw_int(&w, "window_days", r->opt.window_days);
	jsonw_object_begin(&w, "totals");
	jsonw_uint(&w, "records", r->nrecs);
	jsonw_uint(&w, "measured", r->measured);
	jsonw_uint(&w, "estimated", r->estimated);
	jsonw_uint(&w, "bytes_24h", r->all_bytes);
	jsonw_uint(&w, "global_bytes_24h", r->global_bytes);
	jsonw_uint(&w, "unmatched_bytes_24h", r->unmatched_bytes);
	jsonw_object_end(&w);
	jsonw_array_begin(&w, "budgets");
	for (size_t i = 0; i < r->nbu; i++) {
		const struct budget_usage *u = &r->bu[i];

		jsonw_object_begin(&w, NULL);
		jsonw_str(&w, "name", u->b.name);
		jsonw_str(&w, "kind", budget_kind_name(u->b.kind));
		jsonw_str(&w, "unit", budget_unit(u->b.kind));
		jsonw_uint(&w, "warn", u->b.warn);
		jsonw_uint(&w, "exceed", u->b.exceed);
		if (u->b.kind == BUDGET_RECORD) {
			jsonw_uint(&w, "count_warn", u->b.count_warn);
			jsonw_uint(&w, "count_exceed", u->b.count_exceed);
			jsonw_uint(&w, "records_over_warn", u->over_warn);
			jsonw_uint(&w, "records_over_exceed", u->over_exceed);
			jsonw_bool(&w, "default", u->is_default);
		} else {
			jsonw_double(&w, "usage", u->usage);
			jsonw_double(&w, "headroom", (double)u->b.exceed - u->usage);
			jsonw_double(
				&w, "share", u->b.exceed > 0 ? u->usage / (double)u->b.exceed : 0);
			jsonw_double(&w, "projected", u->projected);
			jsonw_str(&w, "projected_state", state_name(u->projected_state));
		}
		jsonw_str(&w, "state", state_name(u->state));
		jsonw_str(&w, "set_by", u->b.set_by);
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_array_begin(&w, "top");
	for (n = 0; n < r->nrecs && n < r->opt.top && v[n]->m.bytes_24h > 0; n++) {
		jsonw_object_begin(&w, NULL);
		json_measure(&w, v[n]);
		jsonw_double(&w, "share_of_global",
			v[n]->global && r->global_bytes > 0
				? (double)v[n]->m.bytes_24h / (double)r->global_bytes
				: 0);
		json_shares(&w, r, v[n]);
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_array_begin(&w, "new_records");
	for (size_t i = 0; i < r->nrecs; i++) {
		if (!is_new(r, &r->recs[i]))
			continue;
		jsonw_object_begin(&w, NULL);
		json_measure(&w, &r->recs[i]);
		json_shares(&w, r, &r->recs[i]);
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_array_begin(&w, "over_threshold");
	for (size_t i = 0; i < r->nrecs; i++) {
		if (v[i]->state == 0)
			continue;
		jsonw_object_begin(&w, NULL);
		json_measure(&w, v[i]);
		json_shares(&w, r, v[i]);
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_array_begin(&w, "unmatched");
	for (size_t i = 0; i < r->num; i++) {
		if (r->um[i].m.count_24h == 0)
			continue;
		jsonw_object_begin(&w, NULL);
		jsonw_str(&w, "centre", r->um[i].centre);
		jsonw_str(&w, "cccc", r->um[i].cccc[0] != '\0' ? r->um[i].cccc : NULL);
		jsonw_uint(&w, "bytes_24h", r->um[i].m.bytes_24h);
		jsonw_uint(&w, "count_24h", r->um[i].m.count_24h);
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	free(v);
	return jsonw_error(&w);
}

static const char *
human(double v, const char *unit, char *out, size_t size)
{
	static const char *p[] = {"", "k", "M", "G", "T", "P"};
	size_t u = 0;

	while (fabs(v) >= 1000.0 && u + 1 < sizeof(p) / sizeof(p[0])) {
		v /= 1000.0;
		u++;
	}
	(void)snprintf(out, size, u == 0 ? "%.0f %s%s" : "%.1f %s%s", v, p[u], unit);
	return out;
}

static void
text_measure(FILE *fp, const struct report_record *rr)
{
	char a[32], b[32];

	if (rr->m.measured)
		(void)fprintf(fp, "  %-46s %10s %7llu files  peak hour %s\n", rr->identifier,
			human((double)rr->m.bytes_24h, "B", a, sizeof(a)),
			(unsigned long long)rr->m.count_24h,
			human((double)rr->m.peak_hour_bytes, "B", b, sizeof(b)));
	else if (rr->est_bytes >= 0)
		(void)fprintf(fp, "  %-46s %10s %7.0f files  (estimate: %s)\n", rr->identifier,
			human(rr->est_bytes, "B", a, sizeof(a)), rr->est_count, rr->est_source);
	else
		(void)fprintf(fp, "  %-46s    no traffic, no estimate\n", rr->identifier);
}

void
report_text(const struct report *r, FILE *fp)
{
	struct report_record **v = sorted(r);
	char ts[GOV_TIME_LEN], a[32], b[32], c[32], e[32];
	size_t n = 0;

	(void)fprintf(fp,
		"budget report at %s: %zu records (%lu measured, %lu estimated), "
		"%s of global data in 24 h, %s without metadata\n",
		gov_time_format(r->opt.at, false, ts), r->nrecs, r->measured, r->estimated,
		human((double)r->global_bytes, "B", a, sizeof(a)),
		human((double)r->unmatched_bytes, "B", b, sizeof(b)));
	(void)fprintf(fp, "\nbudgets\n");
	for (size_t i = 0; i < r->nbu; i++) {
		const struct budget_usage *u = &r->bu[i];
		const char *unit = u->b.kind == BUDGET_LINK ? "B/s" : "B";

		if (u->b.kind == BUDGET_RECORD) {
			(void)fprintf(fp,
				"  %-24s %lu over warn (%s), %lu over exceed (%s)%s  %s\n",
				"record (each)", u->over_warn,
				human((double)u->b.warn, "B", a, sizeof(a)), u->over_exceed,
				human((double)u->b.exceed, "B", b, sizeof(b)),
				u->is_default ? " [default]" : "", state_name(u->state));
			continue;
		}
		(void)fprintf(fp, "  %-24s %10s of %10s (warn %s)  headroom %s  %s", u->b.name,
			human(u->usage, unit, a, sizeof(a)),
			human((double)u->b.exceed, unit, b, sizeof(b)),
			human((double)u->b.warn, unit, c, sizeof(c)),
			human((double)u->b.exceed - u->usage, unit, e, sizeof(e)),
			state_name(u->state));
		if (u->projected > u->usage)
			(void)fprintf(fp, "  (with estimates %s: %s)",
				human(u->projected, unit, a, sizeof(a)),
				state_name(u->projected_state));
		(void)fprintf(fp, "\n");
	}
	(void)fprintf(fp, "\ntop consumers (24 h)\n");
	for (n = 0; n < r->nrecs && n < r->opt.top && v[n]->m.bytes_24h > 0; n++)
		text_measure(fp, v[n]);
	if (n == 0)
		(void)fprintf(fp, "  none\n");
	(void)fprintf(fp, "\nrecords first seen in the last %ld days\n", r->opt.window_days);
	n = 0;
	for (size_t i = 0; i < r->nrecs; i++)
		if (is_new(r, &r->recs[i])) {
			text_measure(fp, &r->recs[i]);
			n++;
		}
	if (n == 0)
		(void)fprintf(fp, "  none\n");
	(void)fprintf(fp, "\nrecords above the per-record thresholds\n");
	n = 0;
	for (size_t i = 0; i < r->nrecs; i++)
		if (v[i]->state > 0) {
			text_measure(fp, v[i]);
			n++;
		}
	if (n == 0)
		(void)fprintf(fp, "  none\n");
	(void)fprintf(fp, "\ndata without metadata (24 h), by originating centre\n");
	n = 0;
	for (size_t i = 0; i < r->num; i++)
		if (r->um[i].m.count_24h > 0) {
			char name[128];

			if (strcmp(r->um[i].centre, r->um[i].cccc) == 0 || r->um[i].cccc[0] == '\0')
				gov_strlcpy(name, r->um[i].centre, sizeof(name));
			else
				(void)snprintf(name, sizeof(name), "%s (%s)", r->um[i].centre,
					r->um[i].cccc);
			(void)fprintf(fp, "  %-22s %10s %7llu files\n", name,
				human((double)r->um[i].m.bytes_24h, "B", a, sizeof(a)),
				(unsigned long long)r->um[i].m.count_24h);
			n++;
		}
	if (n == 0)
		(void)fprintf(fp, "  none\n");
	free(v);
}
