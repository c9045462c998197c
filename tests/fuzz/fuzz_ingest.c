/*
 * fuzz_ingest.c -- bytes -> a traffic file -> `wisgov ingest`, three times.
 *
 * The line parsers have their own targets; this one drives what lies
 * around them: reading in chunks, lines split across chunks, over-long
 * lines, a last line without its newline, per-format limits, batches
 * committed with the input's position, and reading the same file again.
 * The input is a notification file when it starts with "{", else a cache
 * arrival log.  Invariants: nothing is counted that was not read, and a
 * third reading of an unchanged file counts nothing (the second may count
 * an unterminated last line, once).
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "store/store.h"
#include "traffic/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *store;
static char dir[64], file[96];

static void
cleanup(void)
{
	char path[128];

	store_close(store);
	(void)unlink(file);
	(void)snprintf(path, sizeof(path), "%s/data.mdb", dir);
	(void)unlink(path);
	(void)snprintf(path, sizeof(path), "%s/lock.mdb", dir);
	(void)unlink(path);
	(void)rmdir(dir);
}

static void
setup(void)
{
	struct store_options so = {0};
	struct gov_diag d;

	(void)snprintf(dir, sizeof(dir), "%s/fuzz_ingest.XXXXXX",
		getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		abort();
	(void)snprintf(file, sizeof(file), "%s/traffic", dir);
	so.path = dir;
	so.map_size = 64u << 20;
	so.max_size = 1u << 30;
	gov_diag_clear(&d);
	if (store_open(&so, &store, &d) != GOV_EOK)
		abort();
	atexit(cleanup);
}

static void
write_file(const uint8_t *data, size_t size)
{
	int fd;

	/* A new file each time: recognised by its first bytes, not its name. */
	(void)unlink(file);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || (size > 0 && write(fd, data, size) != (ssize_t)size) || close(fd) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ingest_options opt = {0};
	struct ingest_stats st[3];
	struct gov_diag d;

	if (store == NULL)
		setup();
	write_file(data, size);
	opt.format = size > 0 && data[0] == '{' ? INGEST_WNM : INGEST_LOG;
	opt.batch_lines = 3;  /* many commits, each with the position */
	opt.now = 1795305600; /* 2026-11-22T00:00:00Z */
	for (int run = 0; run < 3; run++) {
		gov_diag_clear(&d);
		if (ingest_run(store, file, &opt, &st[run], &d) != GOV_EOK)
			abort(); /* bad lines are counted, never an error */
		if (st[run].counted > st[run].lines || st[run].pending > size)
			abort();
	}
	if (st[1].counted > 1 || st[2].counted != 0 || st[2].lines != 0)
		abort(); /* read again: nothing twice */
	return 0;
}
