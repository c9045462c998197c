/*
 * err.c -- result codes and diagnostics.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"

const char *
gov_strerror(int code)
{
	switch (code) {
	case GOV_EOK:
		return "success";
	case GOV_ENOMEM:
		return "out of memory";
	case GOV_EINVAL:
		return "invalid argument";
	case GOV_EIO:
		return "input/output error";
	case GOV_ENOENT:
		return "not found";
	case GOV_EACCES:
		return "permission denied";
	case GOV_EEXIST:
		return "already exists";
	case GOV_EPARSE:
		return "malformed input";
	case GOV_ELIMIT:
		return "limit exceeded";
	case GOV_EHOSTILE:
		return "forbidden construct in input";
	case GOV_ENCODING:
		return "invalid character encoding";
	case GOV_ESCHEMA:
		return "unexpected document type";
	case GOV_ESPACE:
		return "storage full";
	case GOV_EUSAGE:
		return "usage error";
	case GOV_EDUP:
		return "duplicate entry";
	case GOV_ENESTING:
		return "nested too deeply";
	default:
		if (code < 0 && code > GOV_ERROR)
			return strerror(-code);
		return "unknown error";
	}
}

void
gov_diag_clear(struct gov_diag *d)
{
	if (d == NULL)
		return;
	d->file[0] = '\0';
	d->line = 0;
	d->col = 0;
	d->msg[0] = '\0';
}

int
gov_diag_set(struct gov_diag *d, int code, const char *fmt, ...)
{
	va_list ap;

	if (d == NULL)
		return code;
	va_start(ap, fmt);
	(void)vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return code;
}

void
gov_diag_file(struct gov_diag *d, const char *file)
{
	if (d == NULL)
		return;
	gov_strlcpy(d->file, file != NULL ? file : "", sizeof(d->file));
}

const char *
gov_diag_format(const struct gov_diag *d, char *out, size_t size)
{
	const char *msg = d->msg[0] != '\0' ? d->msg : "unknown error";

	if (d->file[0] != '\0' && d->line > 0 && d->col > 0)
		(void)snprintf(out, size, "%s:%lu:%lu: %s", d->file, d->line, d->col, msg);
	else if (d->file[0] != '\0' && d->line > 0)
		(void)snprintf(out, size, "%s:%lu: %s", d->file, d->line, msg);
	else if (d->file[0] != '\0')
		(void)snprintf(out, size, "%s: %s", d->file, msg);
	else
		(void)snprintf(out, size, "%s", msg);
	return out;
}
