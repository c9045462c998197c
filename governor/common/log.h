/*
 * log.h -- OpenBSD-style logging to stderr (or syslog later).
 *
 * Only front ends and module boundaries log; deep helpers return codes and
 * fill a struct gov_diag instead.
 */
#ifndef GOV_COMMON_LOG_H
#define GOV_COMMON_LOG_H

enum gov_log_level {
	GOV_LOG_ERROR = 0,
	GOV_LOG_WARNING,
	GOV_LOG_INFO,
	GOV_LOG_DEBUG,
};

/* Set the program name shown before each message and the threshold. */
void log_init(const char *progname, enum gov_log_level level);
void log_set_level(enum gov_log_level level);
enum gov_log_level log_get_level(void);

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like log_warnx, with ": strerror(errno)" appended. */
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
