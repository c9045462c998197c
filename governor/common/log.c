/*
 * log.c -- logging to stderr.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/log.h"

static const char *log_progname = "wisgov";
static enum gov_log_level log_level = GOV_LOG_WARNING;

void
log_init(const char *progname, enum gov_log_level level)
{
	log_progname = progname;
	log_level = level;
}

void
log_set_level(enum gov_log_level level)
{
	log_level = level;
}

enum gov_log_level
log_get_level(void)
{
	return log_level;
}

static void __attribute__((format(printf, 3, 0)))
vlog(enum gov_log_level level, const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	char line[2048];

	if (level > log_level)
		return;
	(void)vsnprintf(line, sizeof(line), fmt, ap);
	(void)fprintf(stderr, "%s: %s%s%s%s\n", log_progname, prefix, line,
		suffix != NULL ? ": " : "", suffix != NULL ? suffix : "");
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(GOV_LOG_ERROR, "error: ", fmt, ap, NULL);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(GOV_LOG_WARNING, "warning: ", fmt, ap, NULL);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	vlog(GOV_LOG_WARNING, "warning: ", fmt, ap, strerror(saved));
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(GOV_LOG_INFO, "", fmt, ap, NULL);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(GOV_LOG_DEBUG, "debug: ", fmt, ap, NULL);
	va_end(ap);
}
