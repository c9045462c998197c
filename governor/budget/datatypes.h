/*
 * datatypes.h -- default sizes and frequencies per GTS data type, for
 * records that have no traffic yet (rules/data-types.yaml).
 *
 * Before a record's data flow, its cost can only be estimated: from what
 * the record declares (frequency x transfer size), else from what data of
 * its type usually weigh, looked up by T1T2 and then T1 of its heading.
 * Every default cites its source in the rules file.
 */
#ifndef GOV_BUDGET_DATATYPES_H
#define GOV_BUDGET_DATATYPES_H

#include <stdint.h>

#include "common/err.h"

struct datatype {
	char code[3]; /* "SM", or "I" for a whole T1 */
	uint64_t bytes_per_file;
	double files_per_day;
	const char *source;
};

struct datatypes;

int datatypes_load(const char *path, struct datatypes **out, struct gov_diag *d);
void datatypes_free(struct datatypes *dt);

/* The default for a heading's TTAAii (T1T2, else T1), or NULL. */
const struct datatype *datatypes_lookup(const struct datatypes *dt, const char *ttaaii);

#endif
