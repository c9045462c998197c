/*
 * str.h -- small string helpers glibc 2.36 lacks or gets wrong.
 */
#ifndef GOV_COMMON_STR_H
#define GOV_COMMON_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* OpenBSD strlcpy/strlcat: always terminate, return the length tried. */
size_t gov_strlcpy(char *dst, const char *src, size_t size);
size_t gov_strlcat(char *dst, const char *src, size_t size);

/* True if s starts with prefix. */
bool gov_startswith(const char *s, const char *prefix);
/* ASCII case-insensitive prefix test. */
bool gov_startswith_ci(const char *s, const char *prefix);

/*
 * Parse a decimal unsigned integer that must make up the whole of s and lie
 * within [min, max].  Returns 0 or GOV_EINVAL / GOV_ELIMIT (OpenBSD
 * strtonum, without its errstr).
 */
int gov_strtou64(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/*
 * Length of the longest prefix of s[0..len) that is valid UTF-8 (RFC 3629:
 * no overlongs, no surrogates, nothing above U+10FFFF).  Equal to len when
 * the whole buffer is valid.
 */
size_t gov_utf8_valid_prefix(const char *s, size_t len);

/* Length (1-4) of the valid UTF-8 sequence at s, or 0 if it is not one. */
size_t gov_utf8_seqlen(const char *s, size_t len);

/* Collapse runs of XML whitespace to one space and trim, in place. */
void gov_normalize_space(char *s);

#endif
