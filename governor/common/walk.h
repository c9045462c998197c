/*
 * walk.h -- list the files under a directory, in a stable order.
 */
#ifndef GOV_COMMON_WALK_H
#define GOV_COMMON_WALK_H

#include <stdbool.h>

#include "common/err.h"

/*
 * Call fn for every regular file under dir whose name ends in suffix
 * (case-insensitive; NULL for all), recursively, sorted by name within
 * each directory.  Symbolic links to directories are not followed (no
 * loops); hidden entries (".name") are skipped.  fn returning non-zero
 * stops the walk with that value.  Whatever makes the listing incomplete
 * (an unreadable subdirectory, a readdir or lstat error, nesting deeper
 * than 64 levels) is reported through warn (if not NULL) with a negative
 * errno or GOV_ELIMIT, and skipped: callers that treat a missing file as
 * removed must not do so after a warning.
 */
int gov_walk(const char *dir, const char *suffix, int (*fn)(const char *path, void *arg),
	void (*warn)(const char *path, int code, void *arg), void *arg);

/* True if path names a directory (following symbolic links). */
bool gov_is_dir(const char *path);

#endif
