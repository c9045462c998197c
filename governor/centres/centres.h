/*
 * centres.h -- which GISC is a centre's principal GISC.
 *
 * Loaded from rules/centres.csv (columns cccc, wis2_centre_id,
 * country_or_org, principal_gisc, source, tld, row_kind, notes; see
 * rules/centres.md for where every row comes from).  Only exact CCCC and
 * centre-id matches are made here; nothing is guessed from geography.
 */
#ifndef GOV_CENTRES_CENTRES_H
#define GOV_CENTRES_CENTRES_H

#include <stdbool.h>
#include <stddef.h>

#include "common/err.h"

struct centre {
	const char *cccc;      /* "" when the row has none */
	const char *centre_id; /* WIS 2.0 centre-id, "" when none */
	const char *name;
	const char *gisc; /* principal GISC, "" when unknown */
	const char *tld;
	const char *row_kind; /* gisc-host, member, centre, cccc */
	const char *notes;
};

/* Which rule of centres.md found a centre's row. */
enum centre_match {
	CENTRE_MATCH_NONE = 0,
	CENTRE_MATCH_CENTRE_ID, /* exact wis2_centre_id */
	CENTRE_MATCH_CCCC,      /* exact CCCC */
	CENTRE_MATCH_TLD,       /* the centre-id's TLD prefix, to a member row */
};

struct centres;

/* Load the table; *out is owned by the caller (centres_free). */
int centres_load(const char *path, struct centres **out, struct gov_diag *d);
void centres_free(struct centres *c);
/* Row for a CCCC (case-insensitive) or a centre-id, or NULL. */
const struct centre *centres_by_cccc(const struct centres *c, const char *cccc);
const struct centre *centres_by_id(const struct centres *c, const char *centre_id);
size_t centres_count(const struct centres *c);
/*
 * The row that gives a provider's principal GISC, by the rules of
 * centres.md in order: exact centre-id, exact CCCC, the centre-id's TLD
 * prefix matched to a member row.  Either key may be NULL.  Nothing is
 * guessed from geography.  The row's gisc may be "" (no GISC known): that
 * is an answer too.  *how says which rule matched.
 */
const struct centre *centres_resolve(
	const struct centres *c, const char *centre_id, const char *cccc, enum centre_match *how);
/* "centre-id", "cccc", "tld", or NULL for CENTRE_MATCH_NONE. */
const char *centre_match_name(enum centre_match m);
/*
 * The other principal GISC a row's notes record (the 2020 table or a later
 * row of the same file disagreeing), copied into out; false when none.
 */
bool centre_disputed(const struct centres *c, const struct centre *row, char *out, size_t size);
/* True when the row's notes say its centre-id is retired. */
bool centre_retired(const struct centre *row);
/* The GISC called name (len bytes, any case) as the table spells it, or
 * NULL when no row names it as a principal GISC. */
const char *centres_gisc(const struct centres *c, const char *name, size_t len);

#endif
