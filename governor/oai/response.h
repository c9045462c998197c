/*
 * response.h -- reading OAI-PMH 2.0 responses.
 *
 * A response is parsed (by xml/) into a document first; these functions
 * read its envelope: responseDate, the error elements, Identify,
 * ListMetadataFormats, and the records and resumptionToken of a
 * ListRecords/GetRecord page.  Records are found by namespace: the
 * metadata element of each record is handed over as it is, and the caller
 * decides whether it is an ISO 19139 record (whatever the prefix was
 * called: iso19139, ISO19139, ...).
 */
#ifndef GOV_OAI_RESPONSE_H
#define GOV_OAI_RESPONSE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/arena.h"
#include "common/err.h"

struct xml_doc;
struct xml_node;

#define OAI_MAX_ERRORS 8

struct oai_error {
	const char *code;    /* badArgument, badResumptionToken, noRecordsMatch, ... */
	const char *message; /* the provider's text, may be "" */
};

/* What every response carries. */
struct oai_envelope {
	const char *response_date;
	const char *verb; /* from <request verb="...">, NULL on badVerb */
	struct oai_error errors[OAI_MAX_ERRORS];
	size_t nerrors;
};

struct oai_header {
	const char *identifier; /* trimmed */
	const char *datestamp;  /* trimmed, as written */
	bool deleted;
	const char **sets;
	size_t nsets;
	unsigned long line;
};

struct oai_page {
	struct oai_envelope env;
	bool has_token;     /* a <resumptionToken> element was present */
	const char *token;  /* its text, trimmed ("" for an empty token) */
	long cursor;        /* -1 when absent */
	long complete_size; /* -1 when absent */
	size_t nrecords;    /* records on the page, deleted ones included */
};

struct oai_identify {
	const char *repository_name;
	const char *base_url;
	const char *earliest;
	const char *deleted_record; /* no | persistent | transient */
	bool seconds;               /* granularity YYYY-MM-DDThh:mm:ssZ */
	bool gzip, deflate;
};

struct oai_format {
	const char *prefix;
	const char *ns;
	const char *schema;
};

/*
 * Check that doc is an OAI-PMH response and read its envelope.  Fails with
 * GOV_ESCHEMA when the root is not {http://www.openarchives.org/OAI/2.0/}OAI-PMH
 * (an HTML error page, say).  Strings go into a.
 */
int oai_envelope(
	const struct xml_doc *doc, struct arena *a, struct oai_envelope *env, struct gov_diag *d);

/* Name of the first error code, or NULL. */
const char *oai_first_error(const struct oai_envelope *env);
bool oai_has_error(const struct oai_envelope *env, const char *code);

/*
 * Read a ListRecords, ListIdentifiers or GetRecord page: fn is called for
 * each record in document order with its header and the single element
 * inside <metadata> (NULL for deleted records and ListIdentifiers).  A
 * non-zero return from fn stops and is returned.
 */
typedef int (*oai_record_fn)(
	const struct oai_header *h, const struct xml_node *metadata, void *arg);
int oai_page_read(const struct xml_doc *doc, struct arena *a, struct oai_page *page,
	oai_record_fn fn, void *arg, struct gov_diag *d);

int oai_identify_read(
	const struct xml_doc *doc, struct arena *a, struct oai_identify *id, struct gov_diag *d);

/* The formats offered; *out is in a. */
int oai_formats_read(const struct xml_doc *doc, struct arena *a, struct oai_format **out, size_t *n,
	struct gov_diag *d);

#endif
