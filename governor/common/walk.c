/*
 * walk.c -- recursive, sorted directory listing.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "common/walk.h"
#include "common/xmalloc.h"

#define WALK_MAX_DEPTH 64

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = suffix != NULL ? strlen(suffix) : 0;

	return suffix == NULL || (n > s && strcasecmp(name + n - s, suffix) == 0);
}

static int
walk(const char *dir, const char *suffix, int (*fn)(const char *, void *),
	void (*warn)(const char *, int, void *), void *arg, int depth)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (depth > WALK_MAX_DEPTH) {
		if (warn != NULL)
			warn(dir, GOV_ELIMIT, arg);
		return 0;
	}
	d = opendir(dir);
	if (d == NULL) {
		if (warn != NULL)
			warn(dir, -errno, arg);
		return 0;
	}
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL) {
			/* A listing cut short must not look like files removed. */
			if (errno != 0 && warn != NULL)
				warn(dir, -errno, arg);
			break;
		}
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap != 0 ? cap * 2 : 32;
			names = xreallocarray(names, cap, sizeof(*names));
		}
		names[n++] = xstrdup(e->d_name);
	}
	(void)closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct stat st;
		char *path;

		xasprintf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		if (lstat(path, &st) != 0) {
			if (errno != ENOENT && warn != NULL)
				warn(path, -errno, arg);
		} else {
			if (S_ISDIR(st.st_mode))
				rc = walk(path, suffix, fn, warn, arg, depth + 1);
			else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) &&
				 has_suffix(names[i], suffix) &&
				 (!S_ISLNK(st.st_mode) ||
					 (stat(path, &st) == 0 && S_ISREG(st.st_mode))))
				rc = fn(path, arg);
		}
		free(path);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int
gov_walk(const char *dir, const char *suffix, int (*fn)(const char *path, void *arg),
	void (*warn)(const char *path, int code, void *arg), void *arg)
{
	return walk(dir, suffix, fn, warn, arg, 0);
}

bool
gov_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
