/*
 * tap.h -- a tiny Test Anything Protocol producer (a subset of Knot's
 * tests/tap/basic.h), read by automake's tap-driver.sh.
 */
#ifndef WISGOV_TESTS_TAP_H
#define WISGOV_TESTS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static inline void
tap_vresult(int ok, const char *fmt, va_list ap)
{
	printf("%s %d - ", ok ? "ok" : "not ok", ++tap_n);
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		tap_failed++;
}

static inline int __attribute__((format(printf, 2, 3))) ok(int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vresult(cond, fmt, ap);
	va_end(ap);
	return cond;
}

static inline void __attribute__((format(printf, 1, 2))) diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static inline int __attribute__((format(printf, 3, 4)))
is_int(long long want, long long got, const char *fmt, ...)
{
	va_list ap;
	int cond = want == got;

	va_start(ap, fmt);
	tap_vresult(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		diag("  wanted %lld, got %lld", want, got);
	return cond;
}

static inline int __attribute__((format(printf, 3, 4)))
is_str(const char *want, const char *got, const char *fmt, ...)
{
	va_list ap;
	int cond = (want == NULL && got == NULL) ||
		   (want != NULL && got != NULL && strcmp(want, got) == 0);

	va_start(ap, fmt);
	tap_vresult(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		diag("  wanted \"%s\", got \"%s\"", want != NULL ? want : "(null)",
			got != NULL ? got : "(null)");
	return cond;
}

static inline void __attribute__((noreturn, format(printf, 1, 2))) bail(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(255);
}

/* Print the plan at the end (TAP allows it) and exit with the status. */
static inline int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed == 0 ? 0 : 1;
}

/* Directory of the fixtures, from the test environment. */
static inline const char *
fixtures_dir(void)
{
	const char *f = getenv("FIXTURES");

	if (f == NULL)
		bail("FIXTURES is not set (run through make check)");
	return f;
}

#endif
