/*
 * record.h -- an ISO 19139 metadata record, flattened.
 *
 * iso19139_extract() reads one gmd:MD_Metadata element and copies out the
 * facts the governor reasons about, each with the line it came from, so
 * that later stages (scope resolution, WCMP judgement, the store) never
 * touch XML.  Nothing is interpreted here: a keyword group is reported as
 * written, with its thesaurus title and type, and wcmp/ decides what it
 * means.  Every string and array belongs to the record's arena and lives
 * until md_record_free().
 */
#ifndef GOV_ISO19139_RECORD_H
#define GOV_ISO19139_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "common/arena.h"

struct xml_node;

/* A value as written: NULL when the element is absent, "" when empty. */
struct md_text {
	const char *value;
	unsigned long line;
};

struct md_keyword {
	const char *text; /* normalised string value ("" if empty) */
	const char *href; /* gmx:Anchor/@xlink:href, or NULL */
	const char *code; /* @codeListValue on the value element, or NULL */
	unsigned long line;
};

struct md_keyword_group {
	const char *thesaurus;      /* thesaurus title text, NULL if none */
	const char *thesaurus_href; /* gmx:Anchor/@xlink:href of the title */
	const char *type_code;      /* MD_KeywordTypeCode/@codeListValue */
	const char *type_text;      /* MD_KeywordTypeCode element text */
	struct md_keyword *keywords;
	size_t nkeywords;
	unsigned long line;
};

enum md_constraint_kind {
	MD_OTHER_CONSTRAINTS, /* MD_LegalConstraints/otherConstraints (WCMP 1.3) */
	MD_USE_LIMITATION,    /* any constraints class: useLimitation (WCMP 1.2) */
};

struct md_constraint {
	enum md_constraint_kind kind;
	const char *text;
	const char *href;
	unsigned long line;
};

struct md_bbox {
	double west, east, south, north;
	bool complete; /* all four values present and numeric */
	unsigned long line;
};

struct md_party {
	const char *organisation;
	const char *role; /* CI_RoleCode/@codeListValue, NULL if absent */
	unsigned long line;
};

struct md_record {
	struct arena arena;
	const char *root; /* local name of the root: MD_Metadata or MI_Metadata */
	unsigned long line;

	/* WCMP 6.2.1 / 6.3.1: namespace use anywhere in the record. */
	unsigned long default_ns_line; /* first element in a default namespace, 0 if none */
	const char *default_ns_name;
	unsigned long old_gml_line; /* first element in the pre-3.2 GML namespace */
	unsigned long no_ns_line;   /* first element with no namespace at all */

	size_t nfile_identifiers; /* gmd:fileIdentifier elements (8.1.1) */
	struct md_text file_identifier;
	struct md_text title;
	struct md_text date_stamp;
	struct md_text standard_name;
	struct md_text standard_version;
	struct md_text hierarchy_level;
	struct md_text language;
	size_t nidentification; /* identificationInfo sections */

	struct md_keyword_group *groups;
	size_t ngroups;
	struct md_constraint *constraints;
	size_t nconstraints;

	struct md_text frequency_code;     /* MD_MaintenanceFrequencyCode */
	struct md_text frequency_duration; /* userDefinedMaintenanceFrequency */
	struct md_text frequency_note;     /* maintenanceNote */

	struct md_text transfer_size; /* megabytes per unit (ISO 19115) */
	struct md_text transfer_units;
	struct md_text format; /* first MD_Format/name */

	struct md_party *distributors;
	size_t ndistributors;
	struct md_party *parties; /* responsible parties in identificationInfo */
	size_t nparties;

	struct md_bbox *bboxes;
	size_t nbboxes;
};

/* Is this element a metadata record root (gmd:MD_Metadata, gmi:MI_Metadata)? */
bool iso19139_is_record(const struct xml_node *n);

/*
 * Extract the record rooted at `root` (which must satisfy
 * iso19139_is_record).  Never fails: absent elements are NULL values.
 * The caller frees the result with md_record_free().
 */
struct md_record *iso19139_extract(const struct xml_node *root);
void md_record_free(struct md_record *r);

#endif
