/*
 * file.h -- read a whole input into memory, within a size cap.
 */
#ifndef GOV_COMMON_FILE_H
#define GOV_COMMON_FILE_H

#include <stddef.h>

#include "common/buf.h"
#include "common/err.h"

/*
 * Read path ("-" for standard input) into out, which must be initialised.
 * A regular file larger than limit is refused from its size alone, before
 * anything is read; a stream is read until it passes the limit.  Fails with
 * GOV_ENOENT, GOV_EACCES, GOV_EIO or GOV_ELIMIT and says why in d.
 */
int gov_file_read(const char *path, size_t limit, struct gov_buf *out, struct gov_diag *d);

/* Human-readable size: "12.3 MiB", "512 B". */
const char *gov_size_human(unsigned long long bytes, char *out, size_t size);

#endif
