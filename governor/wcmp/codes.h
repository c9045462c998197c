/*
 * codes.h -- the WMO code lists WCMP 1.3 judges against
 * (WMOCodeLists.xml, http://wis.wmo.int/2012/codelists/).
 */
#ifndef GOV_WCMP_CODES_H
#define GOV_WCMP_CODES_H

#include <stdbool.h>
#include <stddef.h>

struct wcmp_codelist {
	const char *name;          /* e.g. "WMO_DistributionScopeCode" */
	const char *const *values; /* NULL-terminated, exact spelling */
};

extern const struct wcmp_codelist wcmp_scope_codes;
extern const struct wcmp_codelist wcmp_license_codes;
extern const struct wcmp_codelist wcmp_priority_codes;
extern const struct wcmp_codelist wcmp_category_codes;

#define WCMP_CODELIST_URL    "http://wis.wmo.int/2012/codelists/WMOCodeLists.xml"
#define WCMP_GLOBAL_PREFIX   "urn:x-wmo:md:int.wmo.wis::"
#define WCMP_GLOBAL_EXCHANGE "GlobalExchange"

/* The list's own spelling of s if s is in the list (exact match), or NULL. */
const char *wcmp_code_lookup(const struct wcmp_codelist *cl, const char *s);

/*
 * For a value that is not in the list, the term the writer most likely
 * meant (known misspellings such as "GlobalDistribution", case and
 * punctuation variants such as "WMO Essential", WCMP 1.2 forms such as
 * "GTS Priority 3", or a close edit), or NULL when nothing is close.
 */
const char *wcmp_code_suggest(const struct wcmp_codelist *cl, const char *s);

/* "A, B, C" (static storage, built once per list). */
const char *wcmp_code_values(const struct wcmp_codelist *cl);

/*
 * Files per day implied by an ISO 19115 MD_MaintenanceFrequencyCode
 * ("daily" -> 1), or a negative number when the code says nothing usable
 * ("continual", "asNeeded", "irregular", ...) or is not a code.
 */
double wcmp_frequency_per_day(const char *code, bool *known_code);

#endif
