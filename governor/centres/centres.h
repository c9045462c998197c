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

#include <stddef.h>

#include "common/err.h"

struct centre {
	const char *cccc;      /* "" when the row has none */
	const char *centre_id; /* WIS 2.0 centre-id, "" when none */
	const char *name;
	const char *gisc; /* principal GISC, "" when unknown */
	const char *notes;
};

struct centres;

/* Load the table; *out is owned by the caller (centres_free). */
int centres_load(const char *path, struct centres **out, struct gov_diag *d);
void centres_free(struct centres *c);
/* Row for a CCCC (case-insensitive) or a centre-id, or NULL. */
const struct centre *centres_by_cccc(const struct centres *c, const char *cccc);
const struct centre *centres_by_id(const struct centres *c, const char *centre_id);
size_t centres_count(const struct centres *c);
/* The GISC called name (len bytes, any case) as the table spells it, or
 * NULL when no row names it as a principal GISC. */
const char *centres_gisc(const struct centres *c, const char *name, size_t len);

#endif
