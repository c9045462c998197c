/*
 * ingest.c -- read traffic, aggregate in memory, commit in batches.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue/catalogue.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/hash.h"
#include "common/hashmap.h"
#include "common/jsonr.h"
#include "common/jsonw.h"
#include "common/log.h"
#include "common/str.h"
#include "common/timeutil.h"
#include "common/xmalloc.h"
#include "rules/regex.h"
#include "store/store.h"
#include "traffic/counters.h"
#include "traffic/ingest.h"
#include "traffic/name.h"

#define CHUNK           (1u << 20)
#define FINGERPRINT_LEN 256 /* bytes hashed to recognise a file again */
#define SEEN_KEY_LEN    16  /* bytes of SHA-256 that name a notification seen */

/* What is known about an identifier seen in this run. */
enum known { KNOWN_UNSET = 0, KNOWN_YES, KNOWN_NO };

struct ingest {
	struct store *store;
	const struct ingest_options *opt;
	struct ingest_stats *st;
	enum ingest_format format;
	/* input */
	int fd;
	char identity[128];
	bool regular; /* a regular file, recognised by its first bytes */
	unsigned char head[FINGERPRINT_LEN];
	size_t fp_len; /* bytes of head read and hashed into fingerprint */
	char fingerprint[GOV_SHA256_HEX];
	const char *path;
	const char *where; /* the input's name in messages */
	uint64_t offset;   /* of the next unread byte */
	uint64_t done_at;  /* offset after the last line processed */
	uint64_t line;     /* number of the last line read */
	bool tail_settled; /* the unterminated last line was there, unchanged, last run */
	/* aggregation of the current batch */
	struct gov_hashmap agg; /* "R" folded-id NUL day / "U" centre NUL day -> day_counts */
	struct arena agg_arena;
	unsigned long batch; /* lines in the batch */
	time_t now;          /* lines after now + 1 day are impossible; renewed at each flush */
	/* notifications counted in this batch: committed to STORE_SEEN with it */
	struct gov_hashmap seen;
	/* identifier cache, its negative entries forgotten at each flush */
	struct gov_hashmap known;
	size_t unknown;       /* KNOWN_NO entries in known */
	struct store_txn *rt; /* read transaction for lookups, per batch */
	struct gov_buf scratch;
};

static int
begin_lookups(struct ingest *in, struct gov_diag *d)
{
	if (in->rt == NULL)
		return store_txn_begin(in->store, false, &in->rt, d);
	return GOV_EOK;
}

static void
end_lookups(struct ingest *in)
{
	store_txn_abort(in->rt);
	in->rt = NULL;
}

/* Is id (len bytes) a record the catalogue knows?  Cached per run. */
static bool
known(struct ingest *in, const char *id, size_t len)
{
	struct gov_hashmap_entry *e;
	int created;

	e = gov_hashmap_upsert(&in->known, id, len, &created);
	if (created) {
		bool yes = begin_lookups(in, NULL) == GOV_EOK && catalogue_exists(in->rt, id, len);

		e->value = (void *)(uintptr_t)(yes ? KNOWN_YES : KNOWN_NO);
		if (!yes)
			in->unknown++;
	}
	return (uintptr_t)e->value == KNOWN_YES;
}

static void
aggregate(struct ingest *in, char tag, const char *name, size_t nlen, time_t when, uint64_t size)
{
	char key[COUNTER_MAX_KEY + 8];
	struct gov_hashmap_entry *e;
	struct day_counts *dc;
	uint32_t day = counter_day(when);
	int created, hour = (int)((when % 86400) / 3600);
	size_t klen;

	if (nlen + 6 > sizeof(key))
		nlen = sizeof(key) - 6;
	key[0] = tag;
	if (tag == 'R') {
		/* Folded: identifiers are case-insensitive (WCMP 8.1). */
		klen = 1 + catalogue_fold(name, nlen, key + 1, sizeof(key) - 1);
	} else {
		memcpy(key + 1, name, nlen);
		klen = 1 + nlen;
	}
	key[klen] = '\0';
	store_be32(day, (unsigned char *)key + klen + 1);
	klen += 5;
	e = gov_hashmap_upsert(&in->agg, key, klen, &created);
	if (created)
		e->value = arena_zalloc(&in->agg_arena, sizeof(struct day_counts));
	dc = e->value;
	dc->bytes[hour] += size;
	dc->count[hour]++;
}

static void
bad(struct ingest *in, enum traffic_bad why)
{
	struct ingest_stats *st = in->st;

	if (st->bad[why] < INGEST_FIRST_BAD)
		st->first_bad[why][st->bad[why]] = in->line;
	st->bad[why]++;
}

static void
count(struct ingest *in, const char *id, size_t idlen, const char *centre, time_t when,
	uint64_t size)
{
	struct ingest_stats *st = in->st;

	st->counted++;
	st->bytes += size;
	if (st->first == 0 || when < st->first)
		st->first = when;
	if (when > st->last)
		st->last = when;
	if (id != NULL) {
		st->matched++;
		st->matched_bytes += size;
		aggregate(in, 'R', id, idlen, when, size);
	} else {
		st->unmatched++;
		st->unmatched_bytes += size;
		aggregate(in, 'U', centre, strlen(centre), when, size);
	}
}

/* A name that no heading and no known record explains: local patterns. */
static const char *
by_pattern(struct ingest *in, const char *name, size_t len, size_t *idlen)
{
	for (size_t i = 0; i < in->opt->npatterns; i++) {
		const struct ingest_pattern *p = &in->opt->patterns[i];
		int rc = gov_regex_match(p->re, name, len);

		if (rc == GOV_ELIMIT) {
			in->st->pattern_errors++;
			continue;
		}
		if (rc != 1)
			continue;
		gov_buf_reset(&in->scratch);
		/* The captures index the NUL-free name, so expand from a copy. */
		{
			char copy[TRAFFIC_MAX_LOG_LINE + 1];

			memcpy(copy, name, len);
			copy[len] = '\0';
			if (gov_regex_expand(p->re, copy, p->record, &in->scratch) != GOV_EOK)
				continue;
		}
		*idlen = in->scratch.len;
		return in->scratch.data;
	}
	return NULL;
}

static void
log_line(struct ingest *in, const char *line, size_t len)
{
	struct traffic_line tl;
	struct traffic_name tn;
	enum traffic_bad why = traffic_parse_log(line, len, &tl);
	char hid[64];
	const char *id = NULL, *centre;
	size_t idlen = 0;

	if (why != BAD_NONE) {
		bad(in, why);
		return;
	}
	if (tl.name_len == 0) {
		in->st->comments++;
		return;
	}
	if (tl.when > in->now + 86400 || tl.when < 631152000 /* 1990 */) {
		bad(in, BAD_TIME);
		return;
	}
	traffic_name_parse(tl.name, tl.name_len, &tn);
	idlen = traffic_heading_id(&tn, hid, sizeof(hid));
	if (idlen > 0 && known(in, hid, idlen))
		id = hid;
	if (id == NULL && in->opt->npatterns > 0) {
		const char *pid = by_pattern(in, tl.name, tl.name_len, &idlen);

		if (pid != NULL && known(in, pid, idlen))
			id = pid;
	}
	centre = tn.cccc[0] != '\0'         ? tn.cccc
		 : tn.originator[0] != '\0' ? tn.originator
					    : "unknown";
	count(in, id, idlen, centre, tl.when, tl.size);
}

/* The centre-id of a WIS 2.0 identifier: urn:wmo:md:CENTRE:..., or the
 * first path element of a data_id. */
static void
wnm_centre(const struct traffic_line *tl, char *out, size_t size)
{
	const char *s = tl->metadata_id, *e;

	if (gov_startswith(s, "urn:wmo:md:")) {
		s += 11;
		e = strchr(s, ':');
	} else {
		s = tl->data_id;
		e = strchr(s, '/');
	}
	if (s[0] == '\0' || e == NULL || (size_t)(e - s) >= size) {
		gov_strlcpy(out, "unknown", size);
		return;
	}
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
}

/*
 * Has this notification been counted already?  The same data arrive once
 * from each Global Broker a GISC listens to, and a Global Cache
 * republishes them under a new message id: like a Global Cache (Guide
 * 2.7.4.2), count a data_id and pubtime once.  Those seen are kept in the
 * store with the counters, so a later file or run is deduplicated too.
 */
static bool
duplicate(struct ingest *in, const struct traffic_line *tl)
{
	unsigned char digest[GOV_SHA256_LEN], when[8];
	struct gov_sha256 *h;
	struct gov_buf b;
	int created;
	bool dup;

	if (tl->data_id[0] == '\0')
		return false; /* nothing to know it by */
	store_be64((uint64_t)tl->when, when);
	h = gov_sha256_new();
	gov_sha256_update(h, tl->data_id, strlen(tl->data_id) + 1);
	gov_sha256_update(h, when, sizeof(when));
	gov_sha256_final(h, digest);
	(void)gov_hashmap_upsert(&in->seen, (const char *)digest, SEEN_KEY_LEN, &created);
	if (!created)
		return true;
	gov_buf_init(&b, 16);
	dup = begin_lookups(in, NULL) == GOV_EOK &&
	      store_get(in->rt, STORE_SEEN, digest, SEEN_KEY_LEN, &b) == GOV_EOK;
	gov_buf_deinit(&b);
	if (dup) /* counted in an earlier batch: nothing to commit again */
		gov_hashmap_find(&in->seen, (const char *)digest, SEEN_KEY_LEN)->value = (void *)1;
	return dup;
}

static void
wnm_line(struct ingest *in, const char *line, size_t len)
{
	struct traffic_line tl;
	enum traffic_bad why = traffic_parse_wnm(line, len, &tl);
	char centre[96];
	size_t idlen = strlen(tl.metadata_id);

	if (why != BAD_NONE) {
		bad(in, why);
		return;
	}
	if (tl.metadata_id[0] == '\0' && tl.data_id[0] == '\0') {
		in->st->comments++;
		return;
	}
	if (tl.when > in->now + 86400 || tl.when < 631152000) {
		bad(in, BAD_TIME);
		return;
	}
	if (duplicate(in, &tl)) {
		in->st->duplicates++;
		return;
	}
	if (!tl.has_size)
		in->st->no_size++;
	wnm_centre(&tl, centre, sizeof(centre));
	count(in, idlen > 0 && known(in, tl.metadata_id, idlen) ? tl.metadata_id : NULL, idlen,
		centre, tl.when, tl.size);
}

/* The longest line the input's format allows (both until it is known). */
static size_t
max_line(const struct ingest *in)
{
	return in->format == INGEST_LOG ? TRAFFIC_MAX_LOG_LINE : TRAFFIC_MAX_WNM_LINE;
}

/* The current line is longer than max: counted as bad, and said (for the
 * first few of an input; the summary counts the rest). */
static void
too_long(struct ingest *in, size_t max)
{
	bad(in, BAD_TOO_LONG);
	if (in->st->bad[BAD_TOO_LONG] <= INGEST_FIRST_BAD)
		log_warnx("%s:%llu: line longer than %zu bytes; skipped%s", in->where,
			(unsigned long long)in->line, max,
			in->st->bad[BAD_TOO_LONG] == INGEST_FIRST_BAD
				? " (further ones are only counted)"
				: "");
}

static void
one_line(struct ingest *in, const char *line, size_t len)
{
	size_t text = len > 0 && line[len - 1] == '\r' ? len - 1 : len;

	in->line++;
	in->st->lines++;
	if (in->format == INGEST_AUTO) {
		size_t i = 0;

		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == len || line[i] == '#') {
			in->st->comments++;
			return;
		}
		in->format = line[i] == '{' ? INGEST_WNM : INGEST_LOG;
	}
	in->batch++;
	if (text > max_line(in)) {
		too_long(in, max_line(in));
		return;
	}
	if (in->format == INGEST_WNM)
		wnm_line(in, line, len);
	else
		log_line(in, line, len);
}

/* ---- the position of an input ---- */

/* The first bytes of a regular file, up to FINGERPRINT_LEN; *n says how many. */
static int
read_head(struct ingest *in, unsigned char *head, size_t *n, struct gov_diag *d)
{
	*n = 0;
	while (*n < FINGERPRINT_LEN) {
		ssize_t r = pread(in->fd, head + *n, FINGERPRINT_LEN - *n, (off_t)*n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return gov_diag_set(d, GOV_EIO, "cannot read: %s", strerror(errno));
		if (r == 0)
			break;
		*n += (size_t)r;
	}
	return GOV_EOK;
}

/*
 * A file shorter than FINGERPRINT_LEN that has grown since it was
 * fingerprinted: hash the longer prefix, provided the bytes hashed before
 * are still the same (else the next run sees a new file).
 */
static int
longer_fingerprint(struct ingest *in, struct gov_diag *d)
{
	unsigned char head[FINGERPRINT_LEN];
	size_t n;
	int rc;

	if (!in->regular || in->opt->input_name != NULL || in->fp_len == FINGERPRINT_LEN)
		return GOV_EOK;
	if ((rc = read_head(in, head, &n, d)) != GOV_EOK)
		return rc;
	if (n > in->fp_len && memcmp(head, in->head, in->fp_len) == 0) {
		memcpy(in->head, head, n);
		in->fp_len = n;
		gov_sha256_hex(in->head, in->fp_len, in->fingerprint);
	}
	return GOV_EOK;
}

/*
 * Recognise the input: a regular file by device, inode and a hash of its
 * first bytes (a rotated file reusing an inode is a new file); standard
 * input only by the name the operator gives it.
 */
static int
identify(struct ingest *in, struct gov_diag *d)
{
	struct stat st;
	int rc;

	in->identity[0] = '\0';
	if (fstat(in->fd, &st) != 0)
		return gov_diag_set(d, GOV_EIO, "cannot stat: %s", strerror(errno));
	if (S_ISREG(st.st_mode)) {
		in->regular = true;
		(void)snprintf(in->identity, sizeof(in->identity), "file:%llu:%llu",
			(unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
		if ((rc = read_head(in, in->head, &in->fp_len, d)) != GOV_EOK)
			return rc;
		gov_sha256_hex(in->head, in->fp_len, in->fingerprint);
	}
	if (in->opt->input_name != NULL) {
		(void)snprintf(in->identity, sizeof(in->identity), "name:%s", in->opt->input_name);
		gov_strlcpy(in->fingerprint, "named", sizeof(in->fingerprint));
		in->fp_len = 0;
	}
	return GOV_EOK;
}

/*
 * Is the input the one a position was saved for?  The saved fingerprint
 * hashes the first fp_len bytes: the same bytes now are the same file, read
 * on (even if it has grown); other bytes, or fewer, are a new one.
 * Positions saved before fp_len existed hash FINGERPRINT_LEN bytes, or say
 * "short": those are trusted by device and inode if the position is still
 * the end of a line.
 */
static bool
same_input(const struct ingest *in, const char *fp, int64_t fp_len, uint64_t off)
{
	char hex[GOV_SHA256_HEX];

	if (!in->regular || in->opt->input_name != NULL)
		return strcmp(fp, in->fingerprint) == 0;
	if (fp_len < 0 && strcmp(fp, "short") == 0)
		return off > 0 && off <= in->fp_len && in->head[off - 1] == '\n';
	if (fp_len < 0)
		fp_len = FINGERPRINT_LEN;
	if ((uint64_t)fp_len > in->fp_len)
		return false;
	gov_sha256_hex(in->head, (size_t)fp_len, hex);
	return strcmp(fp, hex) == 0;
}

static void
save_position(struct store_txn *t, struct ingest *in)
{
	struct gov_buf b;
	struct jsonw w;
	struct stat st;

	if (in->identity[0] == '\0')
		return;
	gov_buf_init(&b, 8192);
	jsonw_init(&w, &b);
	jsonw_object_begin(&w, NULL);
	jsonw_str(&w, "path", in->path);
	jsonw_uint(&w, "offset", in->done_at);
	jsonw_uint(&w, "line", in->line);
	jsonw_str(&w, "fingerprint", in->fingerprint);
	jsonw_uint(&w, "fp_len", in->fp_len);
	if (in->regular && fstat(in->fd, &st) == 0)
		jsonw_uint(&w, "size", (uint64_t)st.st_size);
	jsonw_object_end(&w);
	if (jsonw_error(&w) == GOV_EOK)
		store_put(t, STORE_INPUTS, in->identity, strlen(in->identity), b.data, b.len);
	gov_buf_deinit(&b);
}

static int
commit_batch(struct store_txn *t, void *arg)
{
	struct ingest *in = arg;
	struct gov_hashmap_entry *e;
	unsigned char day[4];
	size_t i = 0;

	while ((e = gov_hashmap_next(&in->agg, &i)) != NULL)
		counter_add(t, e->key[0] == 'R' ? STORE_COUNTERS : STORE_UNMATCHED,
			(const unsigned char *)e->key + 1, e->klen - 1, e->value);
	store_be32(counter_day(in->now), day);
	for (i = 0; (e = gov_hashmap_next(&in->seen, &i)) != NULL;)
		if (e->value == NULL) /* new in this batch */
			store_put(t, STORE_SEEN, e->key, e->klen, day, sizeof(day));
	save_position(t, in);
	return store_txn_error(t);
}

/* Forget the identifiers found unknown: they may have been harvested since. */
static void
forget_unknown(struct ingest *in)
{
	struct gov_hashmap keep;
	struct gov_hashmap_entry *e, *k;
	size_t i = 0;
	int created;

	if (in->unknown == 0)
		return;
	gov_hashmap_init(&keep);
	while ((e = gov_hashmap_next(&in->known, &i)) != NULL) {
		if ((uintptr_t)e->value != KNOWN_YES)
			continue;
		k = gov_hashmap_upsert(&keep, e->key, e->klen, &created);
		k->value = e->value;
	}
	gov_hashmap_deinit(&in->known);
	in->known = keep;
	in->unknown = 0;
}

/*
 * Commit the batch with the input's position.  A long run (--follow) must
 * not live in the moment it started: every flush takes the time anew and
 * forgets the identifiers it did not know, so the next batch judges times
 * against the present and sees the records harvested meanwhile.
 */
static int
flush(struct ingest *in, struct gov_diag *d)
{
	int rc;

	end_lookups(in); /* no read transaction may stay open across a write */
	in->now = gov_now();
	forget_unknown(in);
	if (in->agg.n == 0 && in->batch == 0)
		return GOV_EOK;
	if ((rc = longer_fingerprint(in, d)) != GOV_EOK)
		return rc;
	rc = store_write(in->store, commit_batch, in, d);
	if (rc == GOV_EOK) {
		in->st->commits++;
		gov_hashmap_clear(&in->agg);
		gov_hashmap_clear(&in->seen);
		arena_deinit(&in->agg_arena);
		in->batch = 0;
	}
	return rc;
}

/* Where to start: after what an earlier run already counted. */
static int
load_position(struct ingest *in, struct gov_diag *d)
{
	struct store_txn *t;
	struct gov_buf b;
	struct jsonr *doc = NULL;
	struct stat st;
	int rc;

	if (in->identity[0] == '\0')
		return GOV_EOK;
	if ((rc = store_txn_begin(in->store, false, &t, d)) != GOV_EOK)
		return rc;
	gov_buf_init(&b, 8192);
	if (store_get(t, STORE_INPUTS, in->identity, strlen(in->identity), &b) == GOV_EOK &&
		jsonr_parse(b.data, b.len, b.limit, &doc, NULL) == GOV_EOK) {
		const struct jsonr_val *o = jsonr_root(doc);
		const char *fp = jsonr_str(o, "fingerprint");
		int64_t off = jsonr_int(o, "offset", 0);
		int64_t fp_len = jsonr_int(o, "fp_len", -1);
		bool regular = fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode);

		if (fp != NULL && off > 0 && (!regular || (uint64_t)st.st_size >= (uint64_t)off) &&
			same_input(in, fp, fp_len, (uint64_t)off)) {
			in->offset = in->done_at = (uint64_t)off;
			in->line = (uint64_t)jsonr_int(o, "line", 0);
			/* Bytes after the last newline that were there last time
			 * and the file has not changed since: nobody is still
			 * writing them, the line is complete as it stands. */
			in->tail_settled = regular && (uint64_t)st.st_size > (uint64_t)off &&
					   jsonr_int(o, "size", -1) == (int64_t)st.st_size;
		}
	}
	jsonr_free(doc);
	gov_buf_deinit(&b);
	store_txn_abort(t);
	return GOV_EOK;
}

/* Skip what was counted before, on an input that cannot seek. */
static int
skip_stream(struct ingest *in, struct gov_diag *d)
{
	char buf[65536];
	uint64_t left = in->offset;

	while (left > 0) {
		ssize_t n = read(in->fd, buf, left < sizeof(buf) ? left : sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return gov_diag_set(d, GOV_EIO,
				"the input ended before the %llu bytes already counted",
				(unsigned long long)in->offset);
		left -= (uint64_t)n;
	}
	return GOV_EOK;
}

static void
session_init(struct ingest *in, struct store *s, const struct ingest_options *opt,
	struct ingest_stats *st, const char *where)
{
	memset(st, 0, sizeof(*st));
	memset(in, 0, sizeof(*in));
	in->store = s;
	in->opt = opt;
	in->st = st;
	in->format = opt->format;
	in->now = opt->now != 0 ? opt->now : gov_now();
	in->fd = -1;
	in->path = where;
	in->where = opt->input_name != NULL ? opt->input_name : where;
	gov_hashmap_init(&in->agg);
	gov_hashmap_init(&in->known);
	gov_hashmap_init(&in->seen);
	arena_init(&in->agg_arena);
	gov_buf_init(&in->scratch, TRAFFIC_MAX_LOG_LINE * 2);
}

static void
session_deinit(struct ingest *in)
{
	end_lookups(in);
	gov_hashmap_deinit(&in->agg);
	gov_hashmap_deinit(&in->known);
	gov_hashmap_deinit(&in->seen);
	arena_deinit(&in->agg_arena);
	gov_buf_deinit(&in->scratch);
}

struct ingest *
ingest_new(struct store *s, const struct ingest_options *opt, struct ingest_stats *st)
{
	struct ingest *in = malloc(sizeof(*in));

	if (in == NULL)
		abort();
	session_init(in, s, opt, st, "<lines>");
	return in;
}

void
ingest_line(struct ingest *in, const char *line, size_t len)
{
	one_line(in, line, len);
}

int
ingest_flush(struct ingest *in, struct gov_diag *d)
{
	return flush(in, d);
}

time_t
ingest_now(const struct ingest *in)
{
	return in->now;
}

void
ingest_free(struct ingest *in)
{
	if (in == NULL)
		return;
	session_deinit(in);
	free(in);
}

int
ingest_run(struct store *s, const char *path, const struct ingest_options *opt,
	struct ingest_stats *st, struct gov_diag *d)
{
	struct ingest in;
	char *buf = NULL;
	size_t have = 0;
	bool skipping = false, eof = false;
	double idle = 0;
	int rc = GOV_EOK;

	session_init(&in, s, opt, st, strcmp(path, "-") == 0 ? "<stdin>" : path);
	in.path = path;
	gov_diag_file(d, strcmp(path, "-") == 0 ? "<stdin>" : path);
	if (strcmp(path, "-") == 0) {
		in.fd = STDIN_FILENO;
	} else if ((in.fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		rc = gov_diag_set(d, errno == ENOENT ? GOV_ENOENT : GOV_EIO, "cannot open: %s",
			strerror(errno));
		goto out;
	}
	if ((rc = identify(&in, d)) != GOV_EOK || (rc = load_position(&in, d)) != GOV_EOK)
		goto out;
	st->tracked = in.identity[0] != '\0';
	st->start_offset = in.offset;
	st->start_line = in.line;
	if (in.offset > 0) {
		if (lseek(in.fd, (off_t)in.offset, SEEK_SET) == (off_t)-1 &&
			(rc = skip_stream(&in, d)) != GOV_EOK)
			goto out;
	}
	/* Room for a chunk after the start of the longest line and its CR. */
	buf = xmalloc(CHUNK + TRAFFIC_MAX_WNM_LINE + 2);
	for (;;) {
		ssize_t n = read(in.fd, buf + have, CHUNK);
		char *p, *end, *nl;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = gov_diag_set(d, GOV_EIO, "read error: %s", strerror(errno));
			break;
		}
		if (n == 0) {
			/*
			 * A last line without a newline is complete when a
			 * stream ends.  In a regular file a writer may still be
			 * finishing it: the position stays before it, so the
			 * next run (or --follow, once the newline comes) reads
			 * it whole; if the next run finds the file as it was,
			 * nobody is writing and the line counts as it stands.
			 */
			if (!opt->follow && (!in.regular || in.tail_settled) && have > 0 &&
				!skipping) {
				one_line(&in, buf, have);
				in.done_at = in.offset;
				have = 0;
			}
			if ((rc = flush(&in, d)) != GOV_EOK)
				break;
			if (!opt->follow || (opt->idle_exit > 0 && idle >= opt->idle_exit)) {
				st->pending = in.offset - in.done_at;
				eof = true;
				break;
			}
			{
				double poll = opt->poll > 0 ? opt->poll : 1;
				struct timespec ts = {
					(time_t)poll, (long)((poll - (double)(time_t)poll) * 1e9)};

				nanosleep(&ts, NULL);
				idle += poll;
			}
			continue;
		}
		idle = 0;
		in.offset += (uint64_t)n;
		p = buf;
		end = buf + have + n;
		while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			if (skipping) {
				skipping = false; /* the rest of an over-long line */
			} else {
				one_line(&in, p, (size_t)(nl - p));
			}
			p = nl + 1;
			in.done_at = in.offset - (uint64_t)(end - p);
			if (in.batch >= (opt->batch_lines != 0 ? opt->batch_lines : 500000) &&
				(rc = flush(&in, d)) != GOV_EOK)
				goto out;
		}
		have = (size_t)(end - p);
		if (have > max_line(&in) + 1) {
			/* No newline in sight: refuse the line, skip to its end. */
			if (!skipping) {
				in.line++;
				st->lines++;
				too_long(&in, max_line(&in));
			}
			skipping = true;
			have = 0;
		} else if (have > 0) {
			memmove(buf, p, have);
		}
	}
	(void)eof;
out:
	free(buf);
	session_deinit(&in);
	if (in.fd >= 0 && in.fd != STDIN_FILENO)
		(void)close(in.fd);
	return rc;
}
