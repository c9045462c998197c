/*
 * line.h -- one line of traffic: a cache arrival log line or a WIS 2.0
 * notification message.
 *
 * Arrival log lines are "TIME SIZE NAME": TIME in ISO 8601 UTC
 * (2026-11-22T06:00:05Z, fractions allowed) or Unix seconds, SIZE in
 * bytes, NAME the rest of the line (a file name or an abbreviated heading,
 * which has blanks).  Blank lines and lines starting with # are comments.
 * Notifications are WIS 2.0 notification messages (GeoJSON), one per line.
 */
#ifndef GOV_TRAFFIC_LINE_H
#define GOV_TRAFFIC_LINE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The longest line of each format, without its newline (and CR). */
#define TRAFFIC_MAX_LOG_LINE 4096
#define TRAFFIC_MAX_WNM_LINE 65536
#define TRAFFIC_MAX_SIZE     (1ull << 40) /* one file of more than 1 TiB is not real */

/* Why a line was refused (kept in this order for reports). */
enum traffic_bad {
	BAD_NONE = 0,
	BAD_MALFORMED, /* missing fields, not the format */
	BAD_TIME,      /* unreadable or impossible time */
	BAD_SIZE,      /* negative, not a number, absurd */
	BAD_BINARY,    /* NUL, control characters, invalid UTF-8 */
	BAD_TOO_LONG,  /* longer than TRAFFIC_MAX_LOG_LINE or TRAFFIC_MAX_WNM_LINE */
	BAD_JSON,      /* a notification that is not JSON or lacks members */
	BAD_KINDS,
};

const char *traffic_bad_name(enum traffic_bad b);

struct traffic_line {
	time_t when;
	uint64_t size;
	const char *name; /* log: the file name or heading (not NUL-terminated) */
	size_t name_len;
	/* notifications */
	char metadata_id[512];
	char data_id[512];
	int has_size; /* a notification may not give a length */
};

/* A cache arrival log line (without its newline).  Returns BAD_NONE, or
 * why the line is refused; a comment returns BAD_NONE with name_len 0. */
enum traffic_bad traffic_parse_log(const char *line, size_t len, struct traffic_line *out);

/* A WIS 2.0 notification message (one JSON object). */
enum traffic_bad traffic_parse_wnm(const char *line, size_t len, struct traffic_line *out);

#endif
