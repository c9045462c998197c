/*
 * harvest.h -- follow a catalogue and keep every record's state and history.
 *
 * A source is an OAI-PMH provider (incremental ListRecords, from the
 * provider's own clock at the start of the last complete run, minus an
 * overlap) or a spool directory that another harvester fills (new and
 * changed files since the last run; a removed file deletes its records).
 * Every page -- or batch of files -- is applied in one transaction
 * together with the source's checkpoint, so a harvest killed at any moment
 * resumes where it stopped, losing and double-counting nothing.  Records
 * are judged with the same code as `wisgov check`.
 */
#ifndef GOV_HARVEST_HARVEST_H
#define GOV_HARVEST_HARVEST_H

#include <stdbool.h>
#include <stdint.h>

#include "common/err.h"
#include "net/fetch.h"

struct store;
struct check_options;

/* The longest source name, URL or directory, metadataPrefix and setSpec a
 * checkpoint keeps (bytes, without the NUL); longer ones are refused. */
#define HARVEST_MAX_NAME   255
#define HARVEST_MAX_URL    1023
#define HARVEST_MAX_PREFIX 127
#define HARVEST_MAX_SET    255

struct harvest_source {
	const char *name;   /* checkpoint key; shown in every message */
	const char *url;    /* OAI-PMH base URL, or NULL */
	const char *dir;    /* spool directory, or NULL */
	const char *prefix; /* metadataPrefix; NULL: the one whose namespace is gmd */
	const char *set;    /* setSpec, or NULL */
	const char *from;   /* explicit from/until (datestamps), or NULL */
	const char *until;
	bool full;    /* list everything (no from): also finds unreported deletions */
	long overlap; /* seconds before the last run's start; < 0: 3600 */
	struct fetch_options fetch;
	int retries;    /* attempts after the first, per request; < 0: 5 */
	double backoff; /* first wait in seconds, doubled each time; <= 0: 1 */
	long max_wait;  /* cap on any one wait (Retry-After too); <= 0: 3600 */
	long max_pages; /* loop guard; <= 0: 1,000,000 */
};

struct harvest_stats {
	unsigned long pages, records;
	unsigned long new_, changed, deleted, restored, unchanged;
	unsigned long scope_changes, rejected;
	unsigned long errors, warnings, infos; /* findings, by severity */
	unsigned long retries;
	uint64_t bytes;
	double seconds;
	bool resumed;  /* continued an interrupted run */
	bool complete; /* the whole list was harvested */
};

struct harvest_env {
	struct store *store;
	const struct check_options *check;
	const char *actor;
	/* Called after every committed page; may be NULL. */
	void (*progress)(const char *source, const struct harvest_stats *s, void *arg);
	void *progress_arg;
};

/*
 * Harvest src once.  Returns GOV_EOK when the list was completed; on a
 * failure, what was committed stays committed, the checkpoint says where
 * to resume, and d names the source, the page and the cause.
 */
int harvest_run(const struct harvest_env *env, const struct harvest_source *src,
	struct harvest_stats *stats, struct gov_diag *d);

/* Where a source harvested before was harvested from, by its checkpoint. */
struct harvest_origin {
	char kind[8];                  /* "oai" or "dir" */
	char url[HARVEST_MAX_URL + 1]; /* the base URL, or the directory for "dir" */
	char prefix[HARVEST_MAX_PREFIX + 1];
	char set[HARVEST_MAX_SET + 1];
};

/*
 * Fill o from the checkpoint of the source called name, so that a source
 * first harvested with --url and --name can be named again.  GOV_ENOENT
 * when there is none.
 */
int harvest_origin(struct store *s, const char *name, struct harvest_origin *o, struct gov_diag *d);

#endif
