/*
 * wcmp.h -- judge a record against WMO Core Metadata Profile 1.3 and the
 * exchange rules of the Guide to WIS (paragraph 7.7).
 *
 * The requirements judged are those that bear on exchange: 6.2.1, 6.3.1,
 * 8.1.1, 8.2.1-8.2.4, 9.1.1, 9.2.1, 9.3.1 and 9.3.2, as the specification
 * states them.  Known bugs of pywcmp and of the official Schematron are
 * deliberately not reproduced (see doc/wcmp.md).
 */
#ifndef GOV_WCMP_WCMP_H
#define GOV_WCMP_WCMP_H

#include "wcmp/report.h"

struct md_record;

/*
 * Resolve the distribution scope of rep->record: the canonical keyword
 * group, then its real-world variants, then the identifier namespace
 * reserved for global exchange.  Adds the scope findings.
 */
void wcmp_resolve_scope(struct wcmp_report *rep);

/* Originating centre (CCCC, upper case) from an identifier, or NULL. */
const char *wcmp_centre_from_identifier(struct wcmp_report *rep, const char *id);
/* The WIS 2.0 centre-id of a urn:wmo:md:CENTRE-ID:LOCAL identifier (lower
 * case), or NULL. */
const char *wcmp_centre_id_from_identifier(struct wcmp_report *rep, const char *id);

/* True if id is in the urn:x-wmo:md:int.wmo.wis:: namespace. */
bool wcmp_identifier_is_global(const char *id);

/* Classify a keyword group by its thesaurus.  *strict says whether the
 * title is the canonical one. */
bool wcmp_is_scope_group(const struct md_keyword_group *g, bool *strict);
bool wcmp_is_category_group(const struct md_keyword_group *g, bool *legacy);

/*
 * Run every check on rep (initialised with wcmp_report_init): scope,
 * identifier, namespaces, categories, bounding box, policy, priority,
 * legacy encodings.  Flow checks are separate (flow.h).
 */
void wcmp_judge(struct wcmp_report *rep);

#endif
