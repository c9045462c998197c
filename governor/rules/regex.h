/*
 * regex.h -- the only entry point to PCRE2 in wisgov.
 *
 * Patterns come from operators' configuration and rule files, so they are
 * untrusted in the way that matters: a catastrophic pattern must not stall
 * the governor.  Patterns are compiled once (UTF, invalid UTF tolerated in
 * subjects, \C refused, length and nesting capped), JIT-compiled where the
 * CPU allows, and every match runs under match, depth and heap limits
 * (the JIT gets its own small stack).  Hitting a limit is an evaluation
 * error (GOV_ELIMIT), never a silent "no match".
 */
#ifndef GOV_RULES_REGEX_H
#define GOV_RULES_REGEX_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/err.h"

#define GOV_REGEX_MAX_PATTERN  4096
#define GOV_REGEX_MAX_CAPTURES 10

struct gov_regex;

/* Compile pattern; on error d->col is the 1-based offset in the pattern. */
int gov_regex_compile(
	const char *pattern, bool caseless, struct gov_regex **out, struct gov_diag *d);
void gov_regex_free(struct gov_regex *re);

/*
 * Match subject[0..len): 1 on a match (captures kept for gov_regex_expand),
 * 0 on none, GOV_ELIMIT when a limit stopped the match.
 */
int gov_regex_match(struct gov_regex *re, const char *subject, size_t len);

/*
 * Append tmpl to out with $0..$9 replaced by the captures of the last
 * successful match on subject ("$$" is a dollar).  A capture that did not
 * take part is empty.
 */
int gov_regex_expand(
	const struct gov_regex *re, const char *subject, const char *tmpl, struct gov_buf *out);

#endif
