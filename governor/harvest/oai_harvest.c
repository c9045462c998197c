/*
 * oai_harvest.c -- incremental OAI-PMH harvesting (../shared/domain/oaipmh.md).
 *
 * 1. Identify: granularity, deletedRecord and the provider's clock
 *    (responseDate), which becomes this run's start.
 * 2. ListMetadataFormats, unless a prefix is configured: the format whose
 *    namespace is gmd, whatever it is called.
 * 3. ListRecords from (last complete run's start - overlap), formatted to
 *    the provider's granularity; then only verb + resumptionToken.
 * 4. Each page: fetch (retrying transport errors, 5xx and truncation with
 *    back-off, honouring Retry-After on 503/429), parse, apply every record
 *    and the checkpoint in one transaction.
 * 5. The list ends on an absent or empty token, or noRecordsMatch to the
 *    first request.  A page without records that still carries a token
 *    (a loop guard) or noRecordsMatch after a token stop the run; they end
 *    the list only if the pages before reached completeListSize, else
 *    nothing unlisted is deleted and noRecordsMatch short of the size
 *    fails the run.  A repeated token is a provider fault.
 * 6. badResumptionToken restarts the list once per process; if the
 *    restarted list's token dies too, the run is abandoned: the checkpoint
 *    forgets the token, so the next run starts the list again instead of
 *    resuming a token that cannot work.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/hash.h"
#include "common/jsonr.h"
#include "common/log.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "harvest/internal.h"
#include "iso19139/record.h"
#include "oai/response.h"
#include "xml/xml.h"

struct oai_ctx {
	const struct harvest_env *env;
	const struct harvest_source *src;
	struct fetcher *fetcher;
	struct xml_parser *parser;
	struct gov_buf body;
	struct checkpoint cp;
	struct harvest_stats *stats; /* the caller's */
	/* Bytes and retries since the last committed page: they go into the
	 * next page's counts, so the checkpoint and journal have them too. */
	struct harvest_stats unsaved;
	struct gov_buf ser;         /* a record serialised for its digest, reused */
	unsigned long request_page; /* 1-based page number, for messages */
	bool restarted;             /* the list was restarted in this process (never persisted) */
	/* How far into the list the pages applied so far reach, and the size
	 * the provider announced (completeListSize); -1: not known. */
	long listed_to, list_size;
	char url[8192];
};

static const char *
param(struct gov_buf *url, const char *name, const char *value)
{
	char *e;

	if (value == NULL || value[0] == '\0')
		return gov_buf_str(url);
	e = fetch_escape(value);
	(void)gov_buf_printf(url, "&%s=%s", name, e);
	free(e);
	return gov_buf_str(url);
}

/* base?verb=V... -- the base URL may already carry a query. */
static void
begin_url(struct gov_buf *url, const char *base, const char *verb)
{
	gov_buf_reset(url);
	(void)gov_buf_printf(url, "%s%sverb=%s", base, strchr(base, '?') != NULL ? "&" : "?", verb);
}

/* Say which source, which request and why: "NAME: page 3 (URL): cause". */
static int
fail(struct oai_ctx *h, struct gov_diag *d, int code, const char *what, const char *cause)
{
	char msg[2 * GOV_DIAG_MSG];

	(void)snprintf(msg, sizeof(msg), "%s%s", what, cause);
	gov_diag_file(d, h->src->name);
	d->line = 0;
	d->col = 0;
	if (h->request_page == 0)
		return gov_diag_set(d, code, "%.200s: %s", h->url, msg);
	return gov_diag_set(d, code, "page %lu (%.200s): %s", h->request_page, h->url, msg);
}

static double
backoff(const struct harvest_source *src, int attempt)
{
	double w = src->backoff;

	for (int i = 0; i < attempt && w < src->max_wait; i++)
		w *= 2;
	return w < (double)src->max_wait ? w : (double)src->max_wait;
}

/*
 * Fetch url and parse it into an OAI-PMH document, retrying what is worth
 * retrying.  Returns GOV_EOK with *doc, or an error with d set.
 */
static int
fetch_doc(struct oai_ctx *h, const char *url, struct xml_doc **doc, struct gov_diag *d)
{
	const struct harvest_source *src = h->src;
	char cause[2 * GOV_DIAG_MSG];
	int attempt;

	gov_strlcpy(h->url, url, sizeof(h->url));
	*doc = NULL;
	for (attempt = 0;; attempt++) {
		struct fetch_result res;
		struct gov_diag fd, pd;
		struct arena a;
		struct oai_envelope env;
		double wait;
		int rc;

		gov_diag_clear(&fd);
		rc = fetcher_get(h->fetcher, url, &h->body, &res, &fd);
		h->unsaved.bytes += res.bytes;
		if (rc == GOV_ELIMIT || rc == GOV_EHOSTILE)
			return fail(h, d, rc, "", fd.msg);
		if (rc != GOV_EOK) {
			(void)snprintf(cause, sizeof(cause), "transfer failed: %s", fd.msg);
			wait = backoff(src, attempt);
		} else if (res.status == 503 || res.status == 429) {
			(void)snprintf(cause, sizeof(cause), "HTTP %ld%s", res.status,
				res.retry_after >= 0 ? " with Retry-After"
						     : " without Retry-After");
			wait = res.retry_after >= 0 ? (double)res.retry_after
						    : backoff(src, attempt);
			if (wait > (double)src->max_wait)
				wait = (double)src->max_wait;
			if (wait < 1)
				wait = 1;
		} else if (res.status >= 500) {
			(void)snprintf(cause, sizeof(cause), "HTTP %ld", res.status);
			wait = backoff(src, attempt);
		} else if (res.status != 200) {
			/* The harvester guidelines: stop on other replies, do not hammer. */
			(void)snprintf(cause, sizeof(cause),
				"HTTP %ld from the provider; stopping this source until someone looks",
				res.status);
			return fail(h, d, GOV_EIO, "", cause);
		} else {
			gov_diag_clear(&pd);
			rc = xml_parse(h->parser, gov_buf_str(&h->body), h->body.len, h->body.limit,
				doc, &pd);
			if (rc == GOV_EHOSTILE || rc == GOV_ELIMIT || rc == GOV_ENESTING) {
				(void)snprintf(
					cause, sizeof(cause), "line %lu: %s", pd.line, pd.msg);
				return fail(h, d, rc, "", cause);
			}
			if (rc == GOV_EOK) {
				arena_init(&a);
				rc = oai_envelope(*doc, &a, &env, &pd);
				arena_deinit(&a);
				if (rc == GOV_EOK)
					return GOV_EOK;
				xml_doc_free(*doc);
				*doc = NULL;
				(void)snprintf(cause, sizeof(cause), "%s (Content-Type %s)", pd.msg,
					res.content_type[0] != '\0' ? res.content_type : "none");
			} else {
				/* Malformed or truncated: often transient, so retry; never
				 * accept a partial page (its token cannot be trusted). */
				(void)snprintf(cause, sizeof(cause),
					"malformed XML at line %lu: %s", pd.line, pd.msg);
			}
			wait = backoff(src, attempt);
		}
		if (attempt >= src->retries) {
			char last[3 * GOV_DIAG_MSG];

			(void)snprintf(last, sizeof(last), "gave up after %d attempts: %s",
				attempt + 1, cause);
			return fail(
				h, d, rc == GOV_EOK ? GOV_EIO : (rc < 0 ? rc : GOV_EIO), "", last);
		}
		log_info("%s: page %lu: %s; retrying in %.1f s", src->name, h->request_page, cause,
			wait);
		h->unsaved.retries++;
		harvest_sleep(wait);
	}
}

static int
identify(struct oai_ctx *h, bool *seconds, char deleted[16], char run_start[GOV_TIME_LEN],
	struct gov_diag *d)
{
	struct gov_buf url;
	struct xml_doc *doc = NULL;
	struct arena a;
	struct oai_identify id;
	struct oai_envelope env;
	time_t t;
	bool day;
	int rc;

	gov_buf_init(&url, 8192);
	arena_init(&a);
	begin_url(&url, h->src->url, "Identify");
	rc = fetch_doc(h, gov_buf_str(&url), &doc, d);
	if (rc != GOV_EOK)
		goto out;
	if ((rc = oai_identify_read(doc, &a, &id, d)) != GOV_EOK) {
		rc = fail(h, d, rc, "Identify: ", d->msg);
		goto out;
	}
	*seconds = id.seconds;
	gov_strlcpy(deleted, id.deleted_record != NULL ? id.deleted_record : "", 16);
	(void)oai_envelope(doc, &a, &env, NULL);
	/* The provider's clock, not ours: the next run starts from it. */
	if (env.response_date != NULL && gov_time_parse(env.response_date, &t, &day) == GOV_EOK)
		gov_time_format(t, false, run_start);
	else
		gov_time_format(gov_now(), false, run_start);
	if (id.base_url != NULL && strcmp(id.base_url, h->src->url) != 0)
		log_info("%s: Identify gives baseURL %s; still using the configured %s",
			h->src->name, id.base_url, h->src->url);
out:
	xml_doc_free(doc);
	arena_deinit(&a);
	gov_buf_deinit(&url);
	return rc;
}

static int
discover_prefix(struct oai_ctx *h, char *prefix, size_t size, struct gov_diag *d)
{
	struct gov_buf url;
	struct xml_doc *doc = NULL;
	struct arena a;
	struct oai_format *f;
	size_t n;
	int rc;

	gov_buf_init(&url, 8192);
	arena_init(&a);
	begin_url(&url, h->src->url, "ListMetadataFormats");
	rc = fetch_doc(h, gov_buf_str(&url), &doc, d);
	if (rc != GOV_EOK)
		goto out;
	rc = oai_formats_read(doc, &a, &f, &n, d);
	if (rc != GOV_EOK) {
		rc = fail(h, d, rc, "ListMetadataFormats: ", d->msg);
		goto out;
	}
	rc = GOV_ENOENT;
	for (size_t i = 0; i < n; i++) {
		if (f[i].ns != NULL && f[i].prefix != NULL && strcmp(f[i].ns, XML_NS_GMD) == 0) {
			gov_strlcpy(prefix, f[i].prefix, size);
			rc = GOV_EOK;
			break;
		}
	}
	if (rc != GOV_EOK)
		rc = fail(h, d, GOV_ENOENT, "",
			"the provider offers no metadata format in the ISO 19139 namespace "
			"http://www.isotc211.org/2005/gmd");
out:
	xml_doc_free(doc);
	arena_deinit(&a);
	gov_buf_deinit(&url);
	return rc;
}

/* Format a datestamp option or checkpoint to the provider's granularity. */
static int
granular(const char *in, long minus, bool seconds, char out[GOV_TIME_LEN])
{
	time_t t;
	bool day;

	out[0] = '\0';
	if (in == NULL || in[0] == '\0')
		return GOV_EOK;
	if (gov_time_parse(in, &t, &day) != GOV_EOK)
		return GOV_EINVAL;
	gov_time_format(t - minus, !seconds, out);
	return GOV_EOK;
}

/* ---- one page, applied in one transaction ---- */

struct page_apply {
	struct oai_ctx *h;
	const struct xml_doc *doc;
	struct arena arena;
	struct harvest_stats page; /* this page's counts */
	const char *next_token;    /* NULL: the run ends with this page */
	bool list_end;             /* and the list really ended: no or an empty token */
	time_t now;
	struct store_txn *t;
};

/* ---- deletions a provider does not report ---- */

struct unseen {
	const char *source;
	size_t prefix_len;
	unsigned long run;
	char **names;
	size_t n, cap;
	size_t total; /* items not deleted, this page applied */
};

static int
collect_unseen(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct unseen *u = arg;
	struct jsonr *doc = NULL;

	if (jsonr_parse(val, vlen, 1u << 20, &doc, NULL) != GOV_EOK)
		return 0;
	if (jsonr_bool(jsonr_root(doc), "deleted", false)) {
		jsonr_free(doc);
		return 0;
	}
	u->total++;
	if ((unsigned long)jsonr_int(jsonr_root(doc), "run", 0) != u->run) {
		if (u->n == u->cap) {
			u->cap = u->cap != 0 ? u->cap * 2 : 64;
			u->names = xreallocarray(u->names, u->cap, sizeof(*u->names));
		}
		u->names[u->n++] =
			xstrndup((const char *)key + u->prefix_len, klen - u->prefix_len);
	}
	jsonr_free(doc);
	return 0;
}

/*
 * A provider whose deletedRecord is "no" or "transient" never (or not
 * always) reports deletions: after a complete list without `from`, what it
 * no longer lists is gone.  A list that lost most records is more likely a
 * provider that lost its data than a mass deletion (GeoNetwork #419), so
 * above half of the items not already deleted nothing is deleted and the
 * run says so.  Only a list that really ended counts: one whose last page
 * had no token or an empty one.
 */
static void
reconcile(struct store_txn *t, struct page_apply *p, const struct checkpoint *cp)
{
	struct oai_ctx *h = p->h;
	struct unseen u;
	char ts[GOV_TIME_LEN];

	if (strcmp(cp->deleted_record, "persistent") == 0 || cp->from[0] != '\0' ||
		cp->until[0] != '\0' || cp->set[0] != '\0')
		return;
	if (!p->list_end) {
		log_warnx("%s: page %lu: the end of the list is not confirmed (no "
			  "completeListSize), so not looking for records no longer listed",
			h->src->name, h->request_page);
		return;
	}
	memset(&u, 0, sizeof(u));
	u.source = h->src->name;
	u.prefix_len = strlen(u.source) + 1;
	u.run = cp->runs + 1;
	(void)store_scan(t, STORE_ITEMS, u.source, u.prefix_len, false, collect_unseen, &u);
	if (u.n > 0 && u.n * 2 > u.total) {
		log_warnx("%s: the complete list lacks %zu of %zu records; not deleting them (a "
			  "provider that lost its catalogue?) -- check the provider",
			u.source, u.n, u.total);
	} else {
		for (size_t i = 0; i < u.n; i++) {
			struct item it;

			memset(&it, 0, sizeof(it));
			it.source = u.source;
			it.name = u.names[i];
			it.datestamp = gov_time_format(p->now, false, ts);
			it.deleted = true;
			(void)harvest_apply_item(t, h->env, &it, p->now, &p->page);
		}
		if (u.n > 0)
			log_warnx("%s: %zu records no longer listed are deleted (deletedRecord %s)",
				u.source, u.n,
				cp->deleted_record[0] ? cp->deleted_record : "unknown");
	}
	for (size_t i = 0; i < u.n; i++)
		free(u.names[i]);
	free(u.names);
}

static int
on_record(const struct oai_header *hd, const struct xml_node *md, void *arg)
{
	struct page_apply *p = arg;
	struct oai_ctx *h = p->h;
	struct check_judged j;
	struct item_record rec;
	struct item it;
	char digest[GOV_SHA256_HEX], extra[64];
	int rc;

	memset(&it, 0, sizeof(it));
	/* Which run last saw the item: what a full run did not see is gone. */
	(void)snprintf(extra, sizeof(extra), "\"run\":%lu", h->cp.runs + 1);
	it.extra_json = extra;
	it.source = h->src->name;
	it.name = hd->identifier;
	it.datestamp = hd->datestamp;
	it.sets = hd->sets;
	it.nsets = hd->nsets;
	it.deleted = hd->deleted;
	if (hd->identifier == NULL || hd->identifier[0] == '\0') {
		p->page.rejected++;
		log_warnx("%s: page %lu, line %lu: a record header without an identifier; skipped",
			h->src->name, h->request_page, hd->line);
		return 0;
	}
	if (hd->deleted)
		return harvest_apply_item(p->t, h->env, &it, p->now, &p->page) == GOV_EOK ? 0 : -1;
	if (md == NULL || !iso19139_is_record(md)) {
		/* Records are found by namespace: anything else is not ours. */
		p->page.rejected++;
		log_warnx("%s: page %lu: record %s is not ISO 19139 (%s); skipped", h->src->name,
			h->request_page, hd->identifier,
			md != NULL ? xml_local_name(md) : "no metadata");
		return 0;
	}
	check_judge(h->env->check, md, &j);
	gov_buf_reset(&h->ser);
	(void)xml_serialize(md, &h->ser);
	gov_sha256_hex(h->ser.data, h->ser.len, digest);
	rec.identifier = j.report.identifier != NULL ? j.report.identifier : hd->identifier;
	rec.judged = &j;
	rec.digest = digest;
	it.records = &rec;
	it.nrecords = 1;
	rc = harvest_apply_item(p->t, h->env, &it, p->now, &p->page);
	check_judged_free(&j);
	return rc == GOV_EOK ? 0 : -1;
}

static int
apply_page(struct store_txn *t, void *arg)
{
	struct page_apply *p = arg;
	struct oai_ctx *h = p->h;
	struct checkpoint cp = h->cp;
	struct oai_page page;
	int rc;

	/* May run twice (map growth): start from a clean slate each time. */
	memset(&p->page, 0, sizeof(p->page));
	p->page.bytes = h->unsaved.bytes;
	p->page.retries = h->unsaved.retries;
	arena_deinit(&p->arena);
	p->t = t;
	rc = oai_page_read(p->doc, &p->arena, &page, on_record, p, NULL);
	if (rc != GOV_EOK)
		return rc < 0 ? rc : GOV_EIO;
	if (p->next_token == NULL)
		reconcile(t, p, &cp);
	p->page.pages = 1;
	harvest_stats_add(&cp.stats, &p->page);
	cp.page++;
	if (p->next_token != NULL) {
		gov_strlcpy(cp.token, p->next_token, sizeof(cp.token));
		checkpoint_save(t, h->src->name, &cp);
	} else {
		cp.stats.seconds = 0;
		checkpoint_finish(t, h->src->name, &cp, p->now, h->env->actor);
	}
	return store_txn_error(t);
}

static int
abandon_run(struct store_txn *t, void *arg)
{
	struct oai_ctx *h = arg;

	checkpoint_abandon(t, h->src->name, &h->cp);
	return store_txn_error(t);
}

static int
token_noop(const struct oai_header *hd, const struct xml_node *md, void *arg)
{
	(void)hd;
	(void)md;
	(void)arg;
	return 0;
}

enum step {
	STEP_APPLY,   /* apply the page; follow next (NULL: the list ends) */
	STEP_RESTART, /* badResumptionToken: list again from the run's from */
	STEP_ABANDON, /* stop the run and forget its token; d says why */
	STEP_FAIL,    /* stop the run; d says why */
};

/* 1: the pages applied reach the announced list size; 0: they fall short
 * of it; -1: cursor or completeListSize missing, so nobody can tell. */
static int
list_reached(const struct oai_ctx *h)
{
	if (h->listed_to < 0 || h->list_size < 0)
		return -1;
	return h->listed_to >= h->list_size ? 1 : 0;
}

/* Where the list stands after page was applied. */
static void
list_advance(struct oai_ctx *h, const struct oai_page *page)
{
	if (page->cursor >= 0)
		h->listed_to = page->cursor + (long)page->nrecords;
	else if (h->listed_to >= 0)
		h->listed_to += (long)page->nrecords;
	if (page->complete_size >= 0)
		h->list_size = page->complete_size;
}

/* The caller's counts when the list restarts: bytes and retries stay. */
static void
restart_stats(struct harvest_stats *s)
{
	struct harvest_stats keep = *s;

	memset(s, 0, sizeof(*s));
	s->bytes = keep.bytes;
	s->retries = keep.retries;
}

/*
 * Nothing more after a token (noRecordsMatch, or a page without records):
 * where completeListSize and cursor say how far the list went, they
 * decide.  Reached: the list ended.  Short of it: the list was cut, and
 * the run must not count as complete (its start would become the next
 * from, and the pages never fetched would be missed); resuming the token
 * would only get the same answer, so the run is abandoned.  Without a
 * size nobody can tell: taken as the end, but nothing unlisted is deleted.
 */
static enum step
empty_after_token(struct oai_ctx *h, const char *what, bool *list_end, struct gov_diag *d)
{
	char cause[512];

	switch (list_reached(h)) {
	case 1:
		*list_end = true;
		return STEP_APPLY;
	case 0:
		(void)snprintf(cause, sizeof(cause),
			"%s after %ld of the %ld records the list announced: the list is "
			"incomplete, nothing is marked deleted; the next run starts the list from "
			"the beginning",
			what, h->listed_to, h->list_size);
		(void)fail(h, d, GOV_EIO, "", cause);
		return STEP_ABANDON;
	default:
		log_info("%s: page %lu: %s, and no completeListSize: taken as the end of the "
			 "list; records no longer listed are not looked for",
			h->src->name, h->request_page, what);
		return STEP_APPLY;
	}
}

/* What a fetched page says to do next. */
static enum step
decide(struct oai_ctx *h, const struct oai_page *page, const char *sent_token, const char **next,
	bool *list_end, struct gov_diag *d)
{
	const char *err = oai_first_error(&page->env);

	*next = NULL;
	*list_end = false;
	if (err != NULL && strcmp(err, "noRecordsMatch") == 0) {
		if (sent_token[0] == '\0') {
			*list_end = true;
			return STEP_APPLY; /* a normal empty result */
		}
		/* After a token: providers answer so when the last page was
		 * exactly full (invenio-app-rdm #2715). */
		return empty_after_token(h, "noRecordsMatch", list_end, d);
	}
	if (err != NULL && strcmp(err, "badResumptionToken") == 0) {
		char cause[2 * GOV_DIAG_MSG];

		if (sent_token[0] != '\0' && !h->restarted) {
			log_warnx("%s: page %lu: badResumptionToken; restarting the list from %s",
				h->src->name, h->request_page,
				h->cp.from[0] ? h->cp.from : "the beginning");
			/* The restarted list is this run's list: count it afresh,
			 * in the checkpoint (and so the journal) and in what the
			 * caller reports alike; only the transfer is not undone. */
			h->cp.token[0] = '\0';
			h->cp.page = 0;
			h->listed_to = 0;
			h->list_size = -1;
			memset(&h->cp.stats, 0, sizeof(h->cp.stats));
			restart_stats(h->stats);
			h->restarted = true;
			return STEP_RESTART;
		}
		(void)snprintf(cause, sizeof(cause),
			"%s; the next run starts the list from the beginning (provider: %.120s)",
			h->restarted ? "badResumptionToken again after restarting the list"
				     : "badResumptionToken to a request without a resumptionToken",
			page->env.errors[0].message);
		(void)fail(h, d, GOV_EIO, "", cause);
		return STEP_ABANDON;
	}
	if (err != NULL) {
		char cause[2 * GOV_DIAG_MSG];

		(void)snprintf(cause, sizeof(cause), "OAI-PMH error %s: %.400s", err,
			page->env.errors[0].message);
		(void)fail(h, d, GOV_EIO, "", cause);
		return STEP_FAIL;
	}
	/* No token or an empty one: the end of the list. */
	if (!page->has_token || page->token[0] == '\0') {
		*list_end = true;
		return STEP_APPLY;
	}
	/* A page without records but a token: stop, lest it never ends. */
	if (page->nrecords == 0)
		return empty_after_token(
			h, "a page without records but with a resumptionToken", list_end, d);
	if (strcmp(page->token, sent_token) == 0) {
		(void)fail(h, d, GOV_EIO, "",
			"the provider sent back the resumptionToken it was given; following it would "
			"loop forever");
		return STEP_FAIL;
	}
	if (strlen(page->token) >= CP_MAX_TOKEN) {
		(void)fail(h, d, GOV_ELIMIT, "", "a resumptionToken longer than 4 kB");
		return STEP_FAIL;
	}
	*next = page->token;
	return STEP_APPLY;
}

int
oai_harvest(const struct harvest_env *env, const struct harvest_source *src,
	struct harvest_stats *stats, struct gov_diag *d)
{
	struct oai_ctx h;
	struct store_txn *t = NULL;
	struct gov_buf url;
	char prefix[128], sent_token[CP_MAX_TOKEN] = "";
	int rc;

	memset(&h, 0, sizeof(h));
	h.env = env;
	h.src = src;
	h.stats = stats;
	h.list_size = -1;
	h.fetcher = fetcher_new(&src->fetch);
	h.parser = xml_parser_new();
	gov_buf_init(
		&h.body, src->fetch.max_bytes != 0 ? src->fetch.max_bytes : XML_DEFAULT_MAX_BYTES);
	gov_buf_init(&url, 16384);
	gov_buf_init(&h.ser, 64u * 1024 * 1024);

	rc = store_txn_begin(env->store, false, &t, d);
	if (rc != GOV_EOK)
		goto out;
	rc = checkpoint_load(t, src->name, &h.cp);
	store_txn_abort(t);
	if (rc != GOV_EOK && rc != GOV_ENOENT)
		goto out;
	gov_strlcpy(h.cp.kind, "oai", sizeof(h.cp.kind));

	/*
	 * A run interrupted with the same set and prefix is resumed, even if
	 * the base URL changed (an http -> https move, a new port): should
	 * the token mean nothing there, badResumptionToken restarts the list.
	 * A --full run lists everything from the start: it never continues
	 * an interrupted run's list, which may have had a from.
	 */
	if (h.cp.in_run && h.cp.token[0] != '\0' && !src->full &&
		strcmp(h.cp.set, src->set != NULL ? src->set : "") == 0 &&
		(src->prefix == NULL || strcmp(h.cp.prefix, src->prefix) == 0) &&
		src->from == NULL && src->until == NULL) {
		stats->resumed = true;
		h.listed_to = -1; /* the pages before the kill are not counted here */
		if (strcmp(h.cp.url, src->url) != 0) {
			log_warnx("%s: the base URL changed from %s; resuming with its token",
				src->name, h.cp.url);
			gov_strlcpy(h.cp.url, src->url, sizeof(h.cp.url));
		}
		log_info("%s: resuming the interrupted run at page %lu", src->name, h.cp.page + 1);
	} else {
		bool seconds = true;
		char start[GOV_TIME_LEN], deleted[16];

		if (h.cp.in_run && h.cp.token[0] != '\0' && src->full)
			log_info("%s: --full: not resuming the interrupted run (page %lu); listing "
				 "from the beginning",
				src->name, h.cp.page + 1);
		h.request_page = 0;
		if ((rc = identify(&h, &seconds, deleted, start, d)) != GOV_EOK)
			goto out;
		gov_strlcpy(h.cp.deleted_record, deleted, sizeof(h.cp.deleted_record));
		if (src->prefix != NULL)
			gov_strlcpy(prefix, src->prefix, sizeof(prefix));
		else if ((rc = discover_prefix(&h, prefix, sizeof(prefix), d)) != GOV_EOK)
			goto out;
		gov_strlcpy(h.cp.url, src->url, sizeof(h.cp.url));
		gov_strlcpy(h.cp.prefix, prefix, sizeof(h.cp.prefix));
		gov_strlcpy(h.cp.set, src->set != NULL ? src->set : "", sizeof(h.cp.set));
		h.cp.seconds = seconds;
		h.cp.in_run = true;
		h.cp.page = 0;
		h.listed_to = 0;
		h.cp.token[0] = '\0';
		memset(&h.cp.stats, 0, sizeof(h.cp.stats));
		gov_strlcpy(h.cp.run_start, start, sizeof(h.cp.run_start));
		if (granular(src->from != NULL ? src->from
					       : (src->full ? NULL : h.cp.last_success_start),
			    src->from != NULL ? 0 : src->overlap, seconds, h.cp.from) != GOV_EOK ||
			granular(src->until, 0, seconds, h.cp.until) != GOV_EOK) {
			gov_diag_file(d, src->name);
			rc = gov_diag_set(d, GOV_EINVAL, "--from/--until: not a datestamp");
			goto out;
		}
	}

	for (;;) {
		struct page_apply p;
		struct xml_doc *doc = NULL;
		struct oai_page page;
		struct arena a;
		enum step step;

		h.request_page = h.cp.page + 1;
		if ((long)h.cp.page >= src->max_pages) {
			gov_diag_file(d, src->name);
			rc = gov_diag_set(
				d, GOV_ELIMIT, "stopped after %lu pages (--max-pages)", h.cp.page);
			goto out;
		}
		begin_url(&url, src->url, "ListRecords");
		if (h.cp.token[0] != '\0') {
			/* Exclusive argument: only verb and the opaque token. */
			param(&url, "resumptionToken", h.cp.token);
			gov_strlcpy(sent_token, h.cp.token, sizeof(sent_token));
		} else {
			param(&url, "metadataPrefix", h.cp.prefix);
			param(&url, "from", h.cp.from);
			param(&url, "until", h.cp.until);
			param(&url, "set", h.cp.set);
			sent_token[0] = '\0';
		}
		rc = fetch_doc(&h, gov_buf_str(&url), &doc, d);
		if (rc != GOV_EOK)
			goto out;
		arena_init(&a);
		(void)oai_page_read(doc, &a, &page, token_noop, NULL, NULL);
		memset(&p, 0, sizeof(p));
		p.h = &h;
		p.doc = doc;
		p.now = gov_now();
		arena_init(&p.arena);
		step = decide(&h, &page, sent_token, &p.next_token, &p.list_end, d);
		if (step == STEP_APPLY) {
			rc = store_write(env->store, apply_page, &p, d);
			if (rc == GOV_EOK) {
				struct store_txn *rt;

				/* Re-read what was committed: it is the truth to go on from. */
				if (store_txn_begin(env->store, false, &rt, d) == GOV_EOK) {
					(void)checkpoint_load(rt, src->name, &h.cp);
					store_txn_abort(rt);
				}
				harvest_stats_add(stats, &p.page);
				memset(&h.unsaved, 0, sizeof(h.unsaved));
				list_advance(&h, &page);
				if (env->progress != NULL)
					env->progress(src->name, stats, env->progress_arg);
			} else {
				gov_diag_file(d, src->name);
			}
		} else if (step == STEP_ABANDON) {
			struct gov_diag wd;

			gov_diag_clear(&wd);
			if (store_write(env->store, abandon_run, &h, &wd) != GOV_EOK)
				log_warnx("%s: could not forget the run's resumptionToken: %s",
					src->name, wd.msg);
			rc = GOV_EIO;
		} else if (step == STEP_FAIL) {
			rc = GOV_EIO;
		}
		xml_doc_free(doc);
		arena_deinit(&a);
		arena_deinit(&p.arena);
		if (step == STEP_RESTART)
			continue;
		if (rc != GOV_EOK || p.next_token == NULL)
			break;
	}
	if (rc == GOV_EOK)
		stats->complete = true;
out:
	/* What no committed page carried (a failed run) is still reported. */
	stats->bytes += h.unsaved.bytes;
	stats->retries += h.unsaved.retries;
	fetcher_free(h.fetcher);
	xml_parser_free(h.parser);
	gov_buf_deinit(&h.body);
	gov_buf_deinit(&h.ser);
	gov_buf_deinit(&url);
	return rc;
}
