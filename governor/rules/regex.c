/*
 * regex.c -- PCRE2 with limits.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"
#include "rules/regex.h"

#define MATCH_LIMIT    200000
#define DEPTH_LIMIT    10000
#define HEAP_LIMIT_KIB 20480
#define JIT_STACK      (256 * 1024)

struct gov_regex {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit_stack;
	bool matched;
};

int
gov_regex_compile(const char *pattern, bool caseless, struct gov_regex **out, struct gov_diag *d)
{
	pcre2_compile_context *cctx;
	struct gov_regex *re;
	PCRE2_SIZE offset = 0;
	int err = 0;
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C |
			(caseless ? PCRE2_CASELESS : 0);

	*out = NULL;
	if (strlen(pattern) > GOV_REGEX_MAX_PATTERN)
		return gov_diag_set(
			d, GOV_ELIMIT, "pattern longer than %d characters", GOV_REGEX_MAX_PATTERN);
	cctx = pcre2_compile_context_create(NULL);
	if (cctx == NULL)
		abort();
	(void)pcre2_set_max_pattern_length(cctx, GOV_REGEX_MAX_PATTERN);
	(void)pcre2_set_parens_nest_limit(cctx, 50);
	re = xcalloc(1, sizeof(*re));
	re->code = pcre2_compile(
		(PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &err, &offset, cctx);
	pcre2_compile_context_free(cctx);
	if (re->code == NULL) {
		PCRE2_UCHAR msg[256];

		(void)pcre2_get_error_message(err, msg, sizeof(msg));
		free(re);
		if (d != NULL)
			d->col = (unsigned long)offset + 1;
		return gov_diag_set(d, GOV_EPARSE, "bad regular expression at offset %zu: %s",
			(size_t)offset, (const char *)msg);
	}
	/* JIT where it works; the interpreter otherwise (same limits). */
	if (pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0)
		re->jit_stack = pcre2_jit_stack_create(32 * 1024, JIT_STACK, NULL);
	re->mctx = pcre2_match_context_create(NULL);
	re->md = pcre2_match_data_create(GOV_REGEX_MAX_CAPTURES, NULL);
	if (re->mctx == NULL || re->md == NULL)
		abort();
	(void)pcre2_set_match_limit(re->mctx, MATCH_LIMIT);
	(void)pcre2_set_depth_limit(re->mctx, DEPTH_LIMIT);
	(void)pcre2_set_heap_limit(re->mctx, HEAP_LIMIT_KIB);
	if (re->jit_stack != NULL)
		pcre2_jit_stack_assign(re->mctx, NULL, re->jit_stack);
	*out = re;
	return GOV_EOK;
}

void
gov_regex_free(struct gov_regex *re)
{
	if (re == NULL)
		return;
	pcre2_match_data_free(re->md);
	pcre2_match_context_free(re->mctx);
	pcre2_jit_stack_free(re->jit_stack);
	pcre2_code_free(re->code);
	free(re);
}

int
gov_regex_match(struct gov_regex *re, const char *subject, size_t len)
{
	int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0, 0, re->md, re->mctx);

	re->matched = rc >= 0;
	if (rc >= 0)
		return 1;
	switch (rc) {
	case PCRE2_ERROR_NOMATCH:
		return 0;
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return GOV_ELIMIT;
	default:
		return GOV_EINVAL;
	}
}

int
gov_regex_expand(
	const struct gov_regex *re, const char *subject, const char *tmpl, struct gov_buf *out)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
	uint32_t n = pcre2_get_ovector_count(re->md);
	int rc = GOV_EOK;

	for (const char *p = tmpl; *p != '\0' && rc == GOV_EOK; p++) {
		if (*p == '$' && p[1] == '$') {
			rc = gov_buf_addc(out, '$');
			p++;
		} else if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			uint32_t k = (uint32_t)(p[1] - '0');

			if (re->matched && k < n && ov[2 * k] != PCRE2_UNSET)
				rc = gov_buf_add(
					out, subject + ov[2 * k], ov[2 * k + 1] - ov[2 * k]);
			p++;
		} else {
			rc = gov_buf_addc(out, *p);
		}
	}
	return rc;
}
