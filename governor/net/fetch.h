/*
 * fetch.h -- the only entry point to libcurl in wisgov (outbound HTTP).
 *
 * A fetcher owns one easy handle, reused so connections stay alive.  It
 * only speaks http and https (redirects included), follows at most a few
 * redirects, asks for gzip/deflate and caps the *decoded* body in the
 * write callback -- curl 7.88's CURLOPT_MAXFILESIZE only sees the
 * compressed length, so a gzip bomb would pass it.  It never retries:
 * what to retry, and how long to wait, is the protocol's decision (oai/).
 */
#ifndef GOV_NET_FETCH_H
#define GOV_NET_FETCH_H

#include <stddef.h>

#include "common/buf.h"
#include "common/err.h"

struct fetch_options {
	long connect_timeout; /* seconds; 0: 10 */
	long low_speed_time;  /* abort below 1 kB/s for this long; 0: 60 */
	long timeout;         /* whole transfer, seconds; 0: none */
	size_t max_bytes;     /* decoded body cap; 0: 64 MiB */
	long max_redirects;   /* 0: 5 */
	const char *user_agent;
};

struct fetch_result {
	long status;      /* HTTP status, 0 if no response */
	long retry_after; /* seconds from Retry-After, -1 if none */
	double seconds;   /* transfer time */
	size_t bytes;     /* decoded body bytes */
	char content_type[128];
	char effective_url[1024];
};

struct fetcher;

/* Call once in main() before threads start. */
void net_global_init(void);
void net_global_cleanup(void);

struct fetcher *fetcher_new(const struct fetch_options *opt);
void fetcher_free(struct fetcher *f);

/*
 * GET url into body (reset first).  Returns GOV_EOK when an HTTP response
 * arrived, whatever its status (see res->status); GOV_ELIMIT when the
 * decoded body passed max_bytes; GOV_EHOSTILE for a redirect to another
 * scheme; GOV_EIO for transport failures (connection, timeout, a body cut
 * short).  d says what happened, with curl's own explanation.
 */
int fetcher_get(struct fetcher *f, const char *url, struct gov_buf *body, struct fetch_result *res,
	struct gov_diag *d);

/* Percent-encode s for a query value (RFC 3986 unreserved kept); caller frees. */
char *fetch_escape(const char *s);

#endif
