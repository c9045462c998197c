/*
 * file.c -- read a whole input into memory, within a size cap.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/file.h"

const char *
gov_size_human(unsigned long long bytes, char *out, size_t size)
{
	static const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
	double v = (double)bytes;
	size_t u = 0;

	while (v >= 1024.0 && u + 1 < sizeof(units) / sizeof(units[0])) {
		v /= 1024.0;
		u++;
	}
	if (u == 0)
		(void)snprintf(out, size, "%llu B", bytes);
	else
		(void)snprintf(out, size, "%.1f %s", v, units[u]);
	return out;
}

static int
errno_code(int e)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR:
		return GOV_ENOENT;
	case EACCES:
	case EPERM:
		return GOV_EACCES;
	default:
		return GOV_EIO;
	}
}

int
gov_file_read(const char *path, size_t limit, struct gov_buf *out, struct gov_diag *d)
{
	char human[32], chunk[65536];
	struct stat st;
	int fd, rc = GOV_EOK;
	size_t saved_limit = out->limit;

	gov_diag_file(d, strcmp(path, "-") == 0 ? "<stdin>" : path);
	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			return gov_diag_set(
				d, errno_code(errno), "cannot open: %s", strerror(errno));
	}
	if (fstat(fd, &st) != 0) {
		rc = gov_diag_set(d, errno_code(errno), "cannot stat: %s", strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = gov_diag_set(d, GOV_EIO, "is a directory");
		goto out;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > limit) {
		rc = gov_diag_set(d, GOV_ELIMIT, "document is %s, larger than the %s size limit",
			gov_size_human((unsigned long long)st.st_size, human, sizeof(human)),
			gov_size_human(limit, chunk, 32));
		goto out;
	}
	out->limit = limit;
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = gov_diag_set(d, errno_code(errno), "read error: %s", strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (gov_buf_add(out, chunk, (size_t)n) != GOV_EOK) {
			rc = gov_diag_set(d, GOV_ELIMIT,
				"document is larger than the %s size limit",
				gov_size_human(limit, human, sizeof(human)));
			goto out;
		}
	}
out:
	out->limit = saved_limit;
	if (fd != STDIN_FILENO)
		(void)close(fd);
	return rc;
}
