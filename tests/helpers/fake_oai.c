/*
 * fake_oai.c -- an OAI-PMH 2.0 provider that serves fixture files and
 * injects transport faults on demand, for the harvester's fault tests
 * (the idea of curl's tests/server/sws.c).
 *
 *   fake_oai --dir DIR --port-file FILE [--log FILE] [--fault SPEC]...
 *
 * It listens on 127.0.0.1 only, on a port the kernel picks, and writes that
 * port to FILE once it is ready.  SIGTERM or SIGINT stop it with exit 0.
 * tests/helpers/fake_oai/README describes the routing, the faults and the
 * fixture sets.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#else
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <zlib.h>

#define PAGE_ALL     (-1L)
#define FOREVER      LONG_MAX
#define MAX_UPLOAD   (64 * 1024)
#define BOMB_SIZE    (200UL * 1024 * 1024)
#define SLOW_STEP_MS 50
#define XML_TYPE     "text/xml; charset=utf-8"
#define OAI_OPEN                                                     \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"               \
	"<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" "   \
	"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "   \
	"xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/ " \
	"http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd\">\n"

/* Status faults first and redirects last: answer() tests ranges. */
enum fault_kind {
	F_503,
	F_503_DATE,
	F_503_BARE,
	F_429,
	F_500,
	F_BADTOKEN, /* not an HTTP status: an OAI-PMH error instead of the page */
	F_SLOW,
	F_TRUNCATE,
	F_TRUNCATE_CLOSE,
	F_GZIP_BOMB,
	F_GZIP,
	F_REDIRECT_FILE,
	F_REDIRECT_FTP,
	F_REDIRECT_OK,
};

/* The spelling is NAME:N[:PAGE] for status faults, NAME:PAGE[:N] otherwise. */
static const struct {
	const char *name;
	enum fault_kind kind;
	bool status;
} fault_names[] = {
	{"503", F_503, true},
	{"503-date", F_503_DATE, true},
	{"503-bare", F_503_BARE, true},
	{"429", F_429, true},
	{"500", F_500, true},
	{"badtoken", F_BADTOKEN, true},
	{"slow", F_SLOW, false},
	{"truncate", F_TRUNCATE, false},
	{"truncate-close", F_TRUNCATE_CLOSE, false},
	{"gzip-bomb", F_GZIP_BOMB, false},
	{"gzip", F_GZIP, false},
	{"redirect-file", F_REDIRECT_FILE, false},
	{"redirect-ftp", F_REDIRECT_FTP, false},
	{"redirect-ok", F_REDIRECT_OK, false},
};

struct fault {
	enum fault_kind kind;
	long page;  /* PAGE_ALL, or the N of page-N.xml */
	long limit; /* how many matching requests to spoil; FOREVER */
	long ms;    /* slow: how long the whole body takes */
	long used;  /* under g.lock */
};

/* Growable string; every append aborts on OOM like xmalloc does. */
struct sbuf {
	char *p;
	size_t len, cap;
};

struct arg {
	char *key;
	char *value; /* NULL for a bare "?key" */
};

/* One request: its decoded arguments, from the query and a form body. */
struct req {
	struct MHD_PostProcessor *pp;
	struct arg *args;
	size_t nargs, cap;
	size_t uploaded;
};

/* Where a request leads: a file to send, or an OAI error to generate. */
struct route {
	char *file;        /* DIR/..., owned; NULL when error is set */
	const char *error; /* OAI error code */
	const char *why;   /* its message */
	const char *verb;  /* a legal verb, echoed in <request> */
	long page;         /* N when file is page-N.xml, else 0 */
};

/* A body handed out by a content-reader callback, for the slow and cut faults. */
struct stream {
	char *body;
	size_t len;  /* bytes in body */
	size_t stop; /* bytes to send before ending */
	ssize_t end; /* what to tell MHD at stop */
	long ms;     /* slow: total duration, else 0 */
	size_t chunk;
	size_t steps;
	struct timespec start;
};

static struct {
	const char *dir;
	FILE *log;
	struct fault *faults;
	size_t nfaults;
	unsigned long nreq; /* under lock */
	unsigned port;
	unsigned char *bomb;
	size_t bomb_len;
	pthread_mutex_t lock;
	atomic_int stopping;
} g = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void
oom(void)
{
	(void)fputs("fake_oai: out of memory\n", stderr);
	abort();
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n != 0 ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (p == NULL)
		oom();
	return p;
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		oom();
	return p;
}

static void
sb_add(struct sbuf *b, const void *data, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3))) sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	if ((size_t)n < sizeof(small)) {
		sb_add(b, small, (size_t)n);
		return;
	}
	sb_add(b, "", 0);
	b->p = xrealloc(b->p, b->len + (size_t)n + 1);
	b->cap = b->len + (size_t)n + 1;
	va_start(ap, fmt);
	(void)vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static void
sb_xml(struct sbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			sb_str(b, "&amp;");
			break;
		case '<':
			sb_str(b, "&lt;");
			break;
		case '>':
			sb_str(b, "&gt;");
			break;
		case '"':
			sb_str(b, "&quot;");
			break;
		default:
			sb_add(b, s, 1);
		}
	}
}

/* Percent-encode all but RFC 3986 unreserved characters. */
static void
sb_urlenc(struct sbuf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		char e[3] = {'%', hex[c >> 4], hex[c & 15]};

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			c == '-' || c == '.' || c == '_' || c == '~')
			sb_add(b, s, 1);
		else
			sb_add(b, e, 3);
	}
}

static void
sb_free(struct sbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* Read all of path; *out is NUL-terminated for the text scanners. */
static int
read_file(const char *path, char **out, size_t *len)
{
	struct sbuf b = {0};
	char chunk[16384];
	ssize_t n;
	int fd, rc = 0;

	*out = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	sb_add(&b, "", 0);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			goto out;
		}
		if (n == 0)
			break;
		sb_add(&b, chunk, (size_t)n);
	}
	*out = b.p;
	*len = b.len;
	b.p = NULL;
out:
	(void)close(fd);
	sb_free(&b);
	return rc;
}

static char *
dir_path(const char *name)
{
	struct sbuf b = {0};

	sb_printf(&b, "%s/%s", g.dir, name);
	return b.p;
}

static bool
exists(const char *path)
{
	return access(path, R_OK) == 0;
}

/* "123" -> 123; anything else, including "", "+1" and overflow -> -1. */
static long
plain_number(const char *s)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	return v;
}

/* --- Request arguments. --- */

static void
add_arg(struct req *r, const char *key, const char *value, size_t vlen)
{
	struct arg *a;

	if (r->nargs == r->cap) {
		r->cap = r->cap != 0 ? 2 * r->cap : 8;
		r->args = xrealloc(r->args, r->cap * sizeof(*r->args));
	}
	a = &r->args[r->nargs++];
	a->key = xstrdup(key);
	a->value = NULL;
	if (value != NULL) {
		a->value = xrealloc(NULL, vlen + 1);
		memcpy(a->value, value, vlen);
		a->value[vlen] = '\0';
	}
}

static enum MHD_Result
collect_get(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	add_arg(cls, key, value, value != NULL ? strlen(value) : 0);
	return MHD_YES;
}

/* MHD may hand a long value over in pieces; off > 0 continues the last one. */
static enum MHD_Result
collect_post(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
	const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
	size_t size)
{
	struct req *r = cls;
	struct arg *a;
	size_t old;

	(void)kind;
	(void)filename;
	(void)content_type;
	(void)transfer_encoding;
	if (off == 0 || r->nargs == 0) {
		add_arg(r, key, data != NULL ? data : "", data != NULL ? size : 0);
		return MHD_YES;
	}
	a = &r->args[r->nargs - 1];
	old = a->value != NULL ? strlen(a->value) : 0;
	a->value = xrealloc(a->value, old + size + 1);
	memcpy(a->value + old, data, size);
	a->value[old + size] = '\0';
	return MHD_YES;
}

static const char *
arg_get(const struct req *r, const char *key)
{
	for (size_t i = 0; i < r->nargs; i++) {
		if (strcmp(r->args[i].key, key) == 0)
			return r->args[i].value != NULL ? r->args[i].value : "";
	}
	return NULL;
}

static bool
has_arg(const struct req *r, const char *key)
{
	return arg_get(r, key) != NULL;
}

static bool
repeated_arg(const struct req *r)
{
	for (size_t i = 0; i < r->nargs; i++) {
		for (size_t j = i + 1; j < r->nargs; j++) {
			if (strcmp(r->args[i].key, r->args[j].key) == 0)
				return true;
		}
	}
	return false;
}

/* key=value&... decoded (for the log) or encoded again (for a Location). */
static void
sb_query(struct sbuf *b, const struct req *r, bool encode)
{
	for (size_t i = 0; i < r->nargs; i++) {
		if (i > 0)
			sb_str(b, "&");
		if (encode)
			sb_urlenc(b, r->args[i].key);
		else
			sb_str(b, r->args[i].key);
		if (r->args[i].value == NULL)
			continue;
		sb_str(b, "=");
		if (encode)
			sb_urlenc(b, r->args[i].value);
		else
			sb_str(b, r->args[i].value);
	}
}

static void
log_request(const char *method, const struct req *r)
{
	struct sbuf q = {0};
	const char *verb = arg_get(r, "verb");

	sb_query(&q, r, false);
	(void)pthread_mutex_lock(&g.lock);
	g.nreq++;
	if (g.log != NULL) {
		/* Flushed per line: a test reads the log while we still run. */
		(void)fprintf(g.log, "%lu %s %s %s\n", g.nreq, method,
			verb != NULL && verb[0] != '\0' ? verb : "-", q.len > 0 ? q.p : "-");
		(void)fflush(g.log);
	}
	(void)pthread_mutex_unlock(&g.lock);
	sb_free(&q);
}

/* --- Routing. --- */

static void
route_error(struct route *rt, const char *code, const char *why)
{
	free(rt->file);
	rt->file = NULL;
	rt->error = code;
	rt->why = why;
}

/* Serve DIR/page-N.xml if there is one, else answer with code. */
static void
route_page(struct route *rt, long n, const char *code, const char *why)
{
	struct sbuf b = {0};

	sb_printf(&b, "%s/page-%ld.xml", g.dir, n);
	if (!exists(b.p)) {
		sb_free(&b);
		route_error(rt, code, why);
		return;
	}
	rt->file = b.p;
	rt->page = n;
}

/*
 * tokens.txt maps tokens that are not plain numbers to page files, one
 * "TOKEN<TAB>FILE" per line, so tests can use any characters but TAB and
 * newline.  0 and rt->file set on a match, -1 otherwise.
 */
static int
lookup_token(const char *token, struct route *rt)
{
	char *path = dir_path("tokens.txt"), *text = NULL, *line, *next, *tab, *file;
	size_t len;
	long n;
	int rc = -1, used;

	if (read_file(path, &text, &len) != 0)
		goto out;
	for (line = text; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		line[strcspn(line, "\r")] = '\0';
		tab = strchr(line, '\t');
		if (tab == NULL)
			continue;
		*tab = '\0';
		file = tab + 1;
		if (strcmp(line, token) != 0)
			continue;
		/* Only files in DIR: a fixture typo must not reach elsewhere. */
		if (file[0] == '\0' || strchr(file, '/') != NULL)
			break;
		rt->file = dir_path(file);
		if (!exists(rt->file)) {
			free(rt->file);
			rt->file = NULL;
			break;
		}
		if (sscanf(file, "page-%ld.xml%n", &n, &used) == 1 && (size_t)used == strlen(file))
			rt->page = n;
		rc = 0;
		break;
	}
out:
	free(text);
	free(path);
	return rc;
}

static void
route_token(struct route *rt, const char *token)
{
	long n = plain_number(token);

	if (n >= 0)
		route_page(rt, n, "badResumptionToken", "no such resumptionToken");
	else if (lookup_token(token, rt) != 0)
		route_error(rt, "badResumptionToken", "no such resumptionToken");
}

/* Whether formats.xml lists prefix; without formats.xml any prefix goes. */
static bool
prefix_ok(const char *prefix)
{
	char *path = dir_path("formats.xml"), *text = NULL, *p, *end;
	size_t len;
	bool ok = true;

	if (read_file(path, &text, &len) != 0)
		goto out;
	ok = false;
	for (p = strstr(text, "<metadataPrefix>"); p != NULL && !ok;
		p = strstr(p, "<metadataPrefix>")) {
		p += strlen("<metadataPrefix>");
		p += strspn(p, " \t\r\n");
		end = strstr(p, "</metadataPrefix>");
		if (end == NULL)
			break;
		while (end > p && strchr(" \t\r\n", end[-1]) != NULL)
			end--;
		ok = (size_t)(end - p) == strlen(prefix) && memcmp(p, prefix, strlen(prefix)) == 0;
	}
out:
	free(text);
	free(path);
	return ok;
}

/* 1 for YYYY-MM-DD, 2 for YYYY-MM-DDThh:mm:ssZ, 0 for anything else. */
static int
date_kind(const char *s)
{
	static const char day[] = "dddd-dd-dd", sec[] = "dddd-dd-ddTdd:dd:ddZ";
	const char *pat = strlen(s) == strlen(day) ? day : sec;

	if (strlen(s) != strlen(pat))
		return 0;
	for (size_t i = 0; pat[i] != '\0'; i++) {
		if (pat[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != pat[i])
			return 0;
	}
	return pat == day ? 1 : 2;
}

/*
 * from/until must be dates the provider's granularity allows, and both of
 * one granularity: a day-granularity provider rejects seconds, which is the
 * mistake the day-granularity fixture is there to catch.
 */
static bool
dates_ok(const struct req *r)
{
	const char *from = arg_get(r, "from"), *until = arg_get(r, "until");
	int kf = from != NULL ? date_kind(from) : -1, ku = until != NULL ? date_kind(until) : -1;
	char *path, *text = NULL;
	size_t len;
	bool day_only;

	if (kf == 0 || ku == 0 || (kf > 0 && ku > 0 && kf != ku))
		return false;
	if (kf != 2 && ku != 2)
		return true;
	path = dir_path("identify.xml");
	day_only = read_file(path, &text, &len) == 0 && strstr(text, ">YYYY-MM-DD<") != NULL;
	free(text);
	free(path);
	return !day_only;
}

static const char *const verbs[] = {
	"Identify",
	"ListMetadataFormats",
	"ListSets",
	"ListRecords",
	"ListIdentifiers",
	"GetRecord",
};

static void
route_list(const struct req *r, struct route *rt)
{
	static const char *const exclusive[] = {"metadataPrefix", "set", "from", "until"};
	const char *token = arg_get(r, "resumptionToken"), *prefix = arg_get(r, "metadataPrefix");

	if (token != NULL) {
		for (size_t i = 0; i < sizeof(exclusive) / sizeof(exclusive[0]); i++) {
			if (has_arg(r, exclusive[i])) {
				route_error(rt, "badArgument",
					"resumptionToken is an exclusive argument");
				return;
			}
		}
		route_token(rt, token);
		return;
	}
	if (prefix == NULL)
		route_error(rt, "badArgument", "metadataPrefix is required");
	else if (!dates_ok(r))
		route_error(rt, "badArgument", "bad from/until for this repository's granularity");
	else if (!prefix_ok(prefix))
		route_error(rt, "cannotDisseminateFormat", "metadataPrefix not supported");
	else
		route_page(rt, 1, "noRecordsMatch", "no records match");
}

static void
route_fixed(struct route *rt, const char *name, const char *code, const char *why)
{
	rt->file = dir_path(name);
	if (code != NULL && !exists(rt->file))
		route_error(rt, code, why);
}

static void
route(const struct req *r, struct route *rt)
{
	const char *verb = arg_get(r, "verb");

	memset(rt, 0, sizeof(*rt));
	for (size_t i = 0; verb != NULL && i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		if (strcmp(verb, verbs[i]) == 0)
			rt->verb = verbs[i];
	}
	if (rt->verb == NULL) {
		route_error(rt, "badVerb", "missing or illegal verb");
		return;
	}
	if (repeated_arg(r)) {
		route_error(rt, "badArgument", "repeated argument");
		rt->verb = NULL;
		return;
	}
	if (strcmp(rt->verb, "Identify") == 0) {
		route_fixed(rt, "identify.xml", NULL, NULL);
	} else if (strcmp(rt->verb, "ListMetadataFormats") == 0) {
		route_fixed(rt, "formats.xml", "noMetadataFormats", "no metadata formats");
	} else if (strcmp(rt->verb, "ListSets") == 0) {
		if (has_arg(r, "resumptionToken"))
			route_error(rt, "badResumptionToken", "no such resumptionToken");
		else
			route_fixed(rt, "sets.xml", "noSetHierarchy", "no sets");
	} else if (strcmp(rt->verb, "GetRecord") == 0) {
		if (!has_arg(r, "identifier") || !has_arg(r, "metadataPrefix"))
			route_error(
				rt, "badArgument", "identifier and metadataPrefix are required");
		else if (!prefix_ok(arg_get(r, "metadataPrefix")))
			route_error(rt, "cannotDisseminateFormat", "metadataPrefix not supported");
		else
			route_fixed(rt, "getrecord.xml", "idDoesNotExist", "no such identifier");
	} else {
		route_list(r, rt);
	}
	if (rt->error != NULL && strcmp(rt->error, "badArgument") == 0)
		rt->verb = NULL;
}

/* An OAI error document; <request> carries the verb only when it was legal. */
static void
oai_error(struct sbuf *b, const struct route *rt, const char *url)
{
	char date[32];
	time_t now = time(NULL);
	struct tm tm;

	(void)strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	sb_str(b, OAI_OPEN);
	sb_printf(b, "  <responseDate>%s</responseDate>\n  <request", date);
	if (rt->verb != NULL)
		sb_printf(b, " verb=\"%s\"", rt->verb);
	sb_printf(b, ">http://127.0.0.1:%u", g.port);
	sb_xml(b, url);
	sb_printf(
		b, "</request>\n  <error code=\"%s\">%s</error>\n</OAI-PMH>\n", rt->error, rt->why);
}

/* --- Faults. --- */

static bool
take_fault(const struct route *rt, const char *url, struct fault *out)
{
	bool found = false;

	(void)pthread_mutex_lock(&g.lock);
	for (size_t i = 0; i < g.nfaults && !found; i++) {
		struct fault *f = &g.faults[i];

		if (f->used >= f->limit || (f->page != PAGE_ALL && f->page != rt->page))
			continue;
		/* The target of redirect-ok is served plainly, or it would loop. */
		if (f->kind == F_REDIRECT_OK && strcmp(url, "/moved") == 0)
			continue;
		f->used++;
		*out = *f;
		found = true;
	}
	(void)pthread_mutex_unlock(&g.lock);
	return found;
}

/* Sleep until ms after s->start; give up early when we are told to stop. */
static int
pause_until(const struct stream *s, long ms)
{
	struct timespec now, nap;
	long left;

	for (;;) {
		if (atomic_load(&g.stopping))
			return -1;
		(void)clock_gettime(CLOCK_MONOTONIC, &now);
		left = ms - (long)((now.tv_sec - s->start.tv_sec) * 1000 +
				    (now.tv_nsec - s->start.tv_nsec) / 1000000);
		if (left <= 0)
			return 0;
		if (left > 20)
			left = 20;
		nap.tv_sec = 0;
		nap.tv_nsec = left * 1000000;
		(void)nanosleep(&nap, NULL);
	}
}

static ssize_t
stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *s = cls;
	size_t n;

	if (pos >= s->stop)
		return s->end;
	n = s->stop - (size_t)pos;
	if (s->ms > 0) {
		size_t k = (size_t)pos / s->chunk;

		if (pos == 0)
			(void)clock_gettime(CLOCK_MONOTONIC, &s->start);
		/* Chunk k of steps goes out at ms * k / (steps - 1): last at ms. */
		if (s->steps > 1 && pause_until(s, s->ms * (long)k / (long)(s->steps - 1)) != 0)
			return MHD_CONTENT_READER_END_WITH_ERROR;
		if (n > s->chunk * (k + 1) - (size_t)pos)
			n = s->chunk * (k + 1) - (size_t)pos;
	}
	if (n > max)
		n = max;
	memcpy(buf, s->body + pos, n);
	return (ssize_t)n;
}

static void
stream_free(void *cls)
{
	struct stream *s = cls;

	free(s->body);
	free(s);
}

/* Takes body.  size is what the headers announce, MHD_SIZE_UNKNOWN for none. */
static struct MHD_Response *
stream_response(struct sbuf *body, uint64_t size, size_t stop, ssize_t end, long ms)
{
	struct stream *s = xcalloc(1, sizeof(*s));

	s->body = body->p;
	s->len = body->len;
	s->stop = stop;
	s->end = end;
	s->ms = ms;
	body->p = NULL;
	if (ms > 0) {
		s->steps = (size_t)(ms / SLOW_STEP_MS);
		if (s->steps < 2)
			s->steps = 2;
		if (s->steps > s->len)
			s->steps = s->len;
		s->chunk = s->steps > 0 ? (s->len + s->steps - 1) / s->steps : 1;
		s->steps = (s->len + s->chunk - 1) / s->chunk;
	}
	return MHD_create_response_from_callback(size, 4096, stream_read, s, stream_free);
}

/* gzip (not zlib or raw deflate) framing: windowBits 15 + 16. */
static int
gzip_open(z_stream *z)
{
	memset(z, 0, sizeof(*z));
	return deflateInit2(z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK ? 0 : -1;
}

static int
gzip_feed(z_stream *z, const void *data, size_t len, int flush, struct sbuf *out)
{
	unsigned char buf[65536];
	int zr;

	z->next_in = (unsigned char *)(uintptr_t)data;
	z->avail_in = (uInt)len;
	do {
		z->next_out = buf;
		z->avail_out = sizeof(buf);
		zr = deflate(z, flush);
		if (zr == Z_STREAM_ERROR)
			return -1;
		sb_add(out, buf, sizeof(buf) - z->avail_out);
	} while (z->avail_out == 0 || (flush == Z_FINISH && zr != Z_STREAM_END));
	return 0;
}

static int
gzip_str(z_stream *z, const char *s, struct sbuf *out)
{
	return gzip_feed(z, s, strlen(s), Z_NO_FLUSH, out);
}

static int
gzip_buf(struct sbuf *body)
{
	struct sbuf out = {0};
	z_stream z;
	int rc = -1;

	if (gzip_open(&z) != 0)
		return -1;
	if (gzip_feed(&z, body->p, body->len, Z_FINISH, &out) != 0)
		goto out;
	sb_free(body);
	*body = out;
	out.p = NULL;
	rc = 0;
out:
	(void)deflateEnd(&z);
	sb_free(&out);
	return rc;
}

static const char bomb_head[] =
	OAI_OPEN "  <responseDate>2026-11-02T00:00:00Z</responseDate>\n"
		 "  <request verb=\"ListRecords\">http://127.0.0.1/oai</request>\n"
		 "  <ListRecords>\n";
static const char bomb_record_head[] =
	"    <record><header><identifier>urn:x-wmo:md:int.wmo.wis::BOMB</identifier>"
	"<datestamp>2026-11-01T00:00:00Z</datestamp></header><metadata>"
	"<gmd:MD_Metadata xmlns:gmd=\"http://www.isotc211.org/2005/gmd\" "
	"xmlns:gco=\"http://www.isotc211.org/2005/gco\"><gmd:fileIdentifier>"
	"<gco:CharacterString>urn:x-wmo:md:int.wmo.wis::BOMB</gco:CharacterString>"
	"</gmd:fileIdentifier><gmd:abstract><gco:CharacterString>";
static const char bomb_record_tail[] =
	"</gco:CharacterString></gmd:abstract></gmd:MD_Metadata></metadata></record>\n";
static const char bomb_tail[] = "  </ListRecords>\n</OAI-PMH>\n";

/*
 * 200 MiB of well-formed ListRecords, deflated once at start-up.  Each
 * record's abstract is 1 MiB of one letter: runs match at distance 1, which
 * costs no extra bits, so deflate gets near its 1032:1 limit (about 200 kB).
 */
static int
make_bomb(void)
{
	static char fill[65536];
	struct sbuf out = {0};
	z_stream z;
	size_t total = 0;
	int rc = -1;

	memset(fill, 'x', sizeof(fill));
	if (gzip_open(&z) != 0)
		return -1;
	if (gzip_str(&z, bomb_head, &out) != 0)
		goto out;
	while (total < BOMB_SIZE) {
		if (gzip_str(&z, bomb_record_head, &out) != 0)
			goto out;
		for (int i = 0; i < 16; i++) {
			if (gzip_feed(&z, fill, sizeof(fill), Z_NO_FLUSH, &out) != 0)
				goto out;
		}
		if (gzip_str(&z, bomb_record_tail, &out) != 0)
			goto out;
		total += 16 * sizeof(fill);
	}
	if (gzip_feed(&z, bomb_tail, sizeof(bomb_tail) - 1, Z_FINISH, &out) != 0)
		goto out;
	g.bomb = (unsigned char *)out.p;
	g.bomb_len = out.len;
	out.p = NULL;
	rc = 0;
out:
	(void)deflateEnd(&z);
	sb_free(&out);
	return rc;
}

static struct MHD_Response *
text_response(const char *text)
{
	struct MHD_Response *resp;

	resp = MHD_create_response_from_buffer(
		strlen(text), (void *)(uintptr_t)text, MHD_RESPMEM_PERSISTENT);
	if (resp != NULL)
		(void)MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain");
	return resp;
}

static struct MHD_Response *
status_response(const struct fault *f, unsigned *status)
{
	struct MHD_Response *resp;
	char date[64];
	time_t when;
	struct tm tm;

	switch (f->kind) {
	case F_429:
		*status = MHD_HTTP_TOO_MANY_REQUESTS;
		resp = text_response("Too Many Requests\n");
		break;
	case F_500:
		*status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		resp = text_response("Internal Server Error\n");
		break;
	default:
		*status = MHD_HTTP_SERVICE_UNAVAILABLE;
		resp = text_response("Service Unavailable\n");
	}
	if (resp == NULL || f->kind == F_503_BARE || f->kind == F_500)
		return resp;
	if (f->kind != F_503_DATE) {
		(void)MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, "1");
		return resp;
	}
	/* A whole-second date: +2 keeps the wait between one and two seconds. */
	when = time(NULL) + 2;
	(void)strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", gmtime_r(&when, &tm));
	(void)MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, date);
	return resp;
}

static struct MHD_Response *
redirect_response(const struct fault *f, const struct req *r, unsigned *status)
{
	struct MHD_Response *resp;
	struct sbuf loc = {0};

	*status = f->kind == F_REDIRECT_OK ? MHD_HTTP_MOVED_PERMANENTLY : MHD_HTTP_FOUND;
	if (f->kind == F_REDIRECT_FILE) {
		sb_str(&loc, "file:///etc/passwd");
	} else if (f->kind == F_REDIRECT_FTP) {
		sb_str(&loc, "ftp://127.0.0.1/x");
	} else {
		sb_printf(&loc, "http://127.0.0.1:%u/moved?", g.port);
		sb_query(&loc, r, true);
	}
	resp = text_response("Moved\n");
	if (resp != NULL)
		(void)MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, loc.p);
	sb_free(&loc);
	return resp;
}

/* The page itself, possibly spoiled by fault f.  Takes body. */
static struct MHD_Response *
body_response(const struct fault *f, struct sbuf *body)
{
	struct MHD_Response *resp = NULL;

	if (f == NULL) {
		resp = MHD_create_response_from_buffer(body->len, body->p, MHD_RESPMEM_MUST_FREE);
		if (resp != NULL)
			body->p = NULL;
		goto out;
	}
	switch (f->kind) {
	case F_SLOW:
		resp = stream_response(body, body->len, body->len, MHD_CONTENT_READER_END_OF_STREAM,
			f->ms > 0 ? f->ms : 1);
		break;
	case F_TRUNCATE:
		/* The announced length is not met: MHD drops the connection. */
		resp = stream_response(
			body, body->len, body->len / 2, MHD_CONTENT_READER_END_WITH_ERROR, 0);
		break;
	case F_TRUNCATE_CLOSE:
		/* HTTP/1.0 style, neither length nor chunks: the close is the end. */
		resp = stream_response(
			body, MHD_SIZE_UNKNOWN, body->len / 2, MHD_CONTENT_READER_END_OF_STREAM, 0);
		if (resp != NULL)
			(void)MHD_set_response_options(resp,
				MHD_RF_HTTP_VERSION_1_0_ONLY | MHD_RF_HTTP_VERSION_1_0_RESPONSE,
				MHD_RO_END);
		break;
	case F_GZIP_BOMB:
		resp = MHD_create_response_from_buffer(g.bomb_len, g.bomb, MHD_RESPMEM_PERSISTENT);
		if (resp != NULL)
			(void)MHD_add_response_header(
				resp, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
		break;
	case F_GZIP:
		if (gzip_buf(body) != 0)
			return NULL;
		resp = MHD_create_response_from_buffer(body->len, body->p, MHD_RESPMEM_MUST_FREE);
		if (resp == NULL)
			break;
		body->p = NULL;
		(void)MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
		break;
	default:
		/* Status and redirect faults never get here: answer() took them. */
		break;
	}
out:
	if (resp != NULL)
		(void)MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, XML_TYPE);
	return resp;
}

static enum MHD_Result
answer(struct MHD_Connection *c, const char *url, const char *method, const struct req *r)
{
	struct MHD_Response *resp = NULL;
	struct route rt;
	struct fault f = {0};
	struct sbuf body = {0};
	unsigned status = MHD_HTTP_OK;
	bool faulty;
	enum MHD_Result ret = MHD_NO;
	int err;

	log_request(method, r);
	route(r, &rt);
	faulty = take_fault(&rt, url, &f);
	if (faulty && f.kind <= F_500) {
		resp = status_response(&f, &status);
		goto out;
	}
	if (faulty && f.kind == F_BADTOKEN)
		route_error(&rt, "badResumptionToken", "the resumptionToken has expired");
	if (faulty && f.kind >= F_REDIRECT_FILE) {
		resp = redirect_response(&f, r, &status);
		goto out;
	}
	if (rt.file == NULL) {
		oai_error(&body, &rt, url);
	} else {
		err = read_file(rt.file, &body.p, &body.len);
		if (err != 0) {
			/* A fixture set that lacks a file it needs: say which. */
			(void)fprintf(stderr, "fake_oai: %s: %s\n", rt.file, strerror(-err));
			status = MHD_HTTP_INTERNAL_SERVER_ERROR;
			resp = text_response("fake_oai: fixture file missing\n");
			goto out;
		}
		body.cap = body.len + 1;
	}
	resp = body_response(faulty && f.kind != F_BADTOKEN ? &f : NULL, &body);
out:
	if (resp != NULL) {
		ret = MHD_queue_response(c, status, resp);
		MHD_destroy_response(resp);
	}
	sb_free(&body);
	free(rt.file);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
	const char *version, const char *upload, size_t *upload_size, void **req_cls)
{
	struct req *r = *req_cls;

	(void)cls;
	(void)version;
	if (r == NULL) {
		/* First call, headers only: the query is parsed already. */
		r = xcalloc(1, sizeof(*r));
		*req_cls = r;
		(void)MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_get, r);
		if (strcmp(method, MHD_HTTP_METHOD_POST) == 0)
			r->pp = MHD_create_post_processor(c, 4096, collect_post, r);
		return MHD_YES;
	}
	if (*upload_size > 0) {
		/* Bodies other than forms, and oversized ones, are dropped. */
		if (r->pp != NULL && r->uploaded + *upload_size <= MAX_UPLOAD)
			(void)MHD_post_process(r->pp, upload, *upload_size);
		r->uploaded += *upload_size;
		*upload_size = 0;
		return MHD_YES;
	}
	return answer(c, url, method, r);
}

static void
on_completed(
	void *cls, struct MHD_Connection *c, void **req_cls, enum MHD_RequestTerminationCode toe)
{
	struct req *r = *req_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (r == NULL)
		return;
	if (r->pp != NULL)
		(void)MHD_destroy_post_processor(r->pp);
	for (size_t i = 0; i < r->nargs; i++) {
		free(r->args[i].key);
		free(r->args[i].value);
	}
	free(r->args);
	free(r);
	*req_cls = NULL;
}

/* --- Start-up. --- */

static int
parse_count(const char *s, long *out)
{
	*out = plain_number(s);
	return *out >= 0 ? 0 : -1;
}

static int
parse_page(const char *s, long *out)
{
	if (strcmp(s, "all") == 0) {
		*out = PAGE_ALL;
		return 0;
	}
	*out = plain_number(s);
	return *out >= 1 ? 0 : -1;
}

/* NAME:N[:PAGE] for status faults, slow:PAGE:MS[:N], NAME:PAGE[:N] for the rest. */
static int
parse_fault(const char *spec, struct fault *f)
{
	char *copy = xstrdup(spec), *field[5] = {NULL}, *save = NULL, *tok;
	size_t n = 0, i, want;
	int rc = -1;

	for (tok = strtok_r(copy, ":", &save); tok != NULL && n < 5;
		tok = strtok_r(NULL, ":", &save))
		field[n++] = tok;
	if (n < 2 || tok != NULL)
		goto out;
	for (i = 0; i < sizeof(fault_names) / sizeof(fault_names[0]); i++) {
		if (strcmp(field[0], fault_names[i].name) == 0)
			break;
	}
	if (i == sizeof(fault_names) / sizeof(fault_names[0]))
		goto out;
	memset(f, 0, sizeof(*f));
	f->kind = fault_names[i].kind;
	f->page = PAGE_ALL;
	f->limit = FOREVER;
	if (fault_names[i].status) {
		if (n > 3 || parse_count(field[1], &f->limit) != 0 ||
			(n == 3 && parse_page(field[2], &f->page) != 0))
			goto out;
		rc = 0;
		goto out;
	}
	want = f->kind == F_SLOW ? 3 : 2;
	if (n < want || n > want + 1 || parse_page(field[1], &f->page) != 0)
		goto out;
	if (f->kind == F_SLOW && parse_count(field[2], &f->ms) != 0)
		goto out;
	if (n == want + 1 && parse_count(field[want], &f->limit) != 0)
		goto out;
	rc = 0;
out:
	free(copy);
	return rc;
}

static int
write_port_file(const char *path, unsigned port)
{
	struct sbuf tmp = {0};
	FILE *fp;
	int rc = -1;

	/* Renamed into place, so a reader never sees half a number. */
	sb_printf(&tmp, "%s.tmp", path);
	fp = fopen(tmp.p, "w");
	if (fp == NULL)
		goto out;
	(void)fprintf(fp, "%u\n", port);
	if (fclose(fp) != 0 || rename(tmp.p, path) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		(void)fprintf(stderr, "fake_oai: %s: %s\n", tmp.p, strerror(errno));
	sb_free(&tmp);
	return rc;
}

static void
usage(void)
{
	(void)fputs("usage: fake_oai --dir DIR --port-file FILE [--log FILE] [--fault SPEC]...\n"
		    "faults: 503:N[:PAGE] 503-date:N[:PAGE] 503-bare:N[:PAGE] 429:N[:PAGE]\n"
		    "        500:N[:PAGE] slow:PAGE:MS[:N] truncate:PAGE[:N]\n"
		    "        truncate-close:PAGE[:N] gzip-bomb:PAGE[:N] gzip:PAGE[:N]\n"
		    "        redirect-file:PAGE[:N] redirect-ftp:PAGE[:N] redirect-ok:PAGE[:N]\n"
		    "PAGE is the N of page-N.xml or \"all\"\n",
		stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"dir", required_argument, NULL, 'd'},
		{"port-file", required_argument, NULL, 'p'},
		{"log", required_argument, NULL, 'l'},
		{"fault", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *port_file = NULL, *log_file = NULL;
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *info;
	struct sockaddr_in sa;
	sigset_t stop;
	int opt, sig, rc = 1;
	bool bomb = false;

	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			g.dir = optarg;
			break;
		case 'p':
			port_file = optarg;
			break;
		case 'l':
			log_file = optarg;
			break;
		case 'f':
			g.faults = xrealloc(g.faults, (g.nfaults + 1) * sizeof(*g.faults));
			if (parse_fault(optarg, &g.faults[g.nfaults]) != 0) {
				(void)fprintf(stderr, "fake_oai: bad --fault %s\n", optarg);
				usage();
			}
			bomb |= g.faults[g.nfaults].kind == F_GZIP_BOMB;
			g.nfaults++;
			break;
		default:
			usage();
		}
	}
	if (g.dir == NULL || port_file == NULL || optind != argc)
		usage();
	if (log_file != NULL && (g.log = fopen(log_file, "a")) == NULL) {
		(void)fprintf(stderr, "fake_oai: %s: %s\n", log_file, strerror(errno));
		goto out;
	}
	if (bomb && make_bomb() != 0) {
		(void)fputs("fake_oai: cannot build the gzip bomb\n", stderr);
		goto out;
	}
	/*
	 * Block the stop signals before MHD starts its threads, which inherit
	 * the mask, so only sigwait() below ever sees them.
	 */
	(void)signal(SIGPIPE, SIG_IGN);
	(void)sigemptyset(&stop);
	(void)sigaddset(&stop, SIGTERM);
	(void)sigaddset(&stop, SIGINT);
	(void)pthread_sigmask(SIG_BLOCK, &stop, NULL);

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = 0;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* A thread per connection: a slow page must not hold up other clients. */
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
				     MHD_USE_AUTO | MHD_USE_ERROR_LOG,
		0, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_CONNECTION_LIMIT, 256U, MHD_OPTION_CONNECTION_TIMEOUT, 30U,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	if (d == NULL) {
		(void)fputs("fake_oai: cannot start the HTTP daemon\n", stderr);
		goto out;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (info == NULL || info->port == 0) {
		(void)fputs("fake_oai: cannot tell which port we got\n", stderr);
		goto out;
	}
	g.port = info->port;
	if (write_port_file(port_file, g.port) != 0)
		goto out;
	do {
		if (sigwait(&stop, &sig) != 0)
			goto out;
	} while (sig != SIGTERM && sig != SIGINT);
	rc = 0;
out:
	/* Wake slow bodies first, or stopping waits for them to finish. */
	atomic_store(&g.stopping, 1);
	if (d != NULL)
		MHD_stop_daemon(d);
	if (rc == 0 && port_file != NULL)
		(void)unlink(port_file);
	if (g.log != NULL)
		(void)fclose(g.log);
	free(g.bomb);
	free(g.faults);
	return rc;
}
