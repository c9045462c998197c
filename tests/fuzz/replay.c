/*
 * replay.c -- run a fuzz target over its corpus without libFuzzer.
 *
 * Usage: fuzz_X FILE|DIR...  Every file (recursively) is fed to
 * LLVMFuzzerTestOneInput once; the result is TAP, one line per file, so
 * `make check` replays the corpus (Knot's tests-fuzz/main.c idea).  A
 * crash or sanitizer report fails the test run.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/file.h"
#include "common/walk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count;

static int
replay(const char *path, void *arg)
{
	struct gov_buf b;
	struct gov_diag d;

	(void)arg;
	gov_buf_init(&b, 256u * 1024 * 1024);
	if (gov_file_read(path, b.limit, &b, &d) != GOV_EOK) {
		printf("not ok %d - %s: %s\n", ++count, path, d.msg);
		gov_buf_deinit(&b);
		return 0;
	}
	(void)LLVMFuzzerTestOneInput((const uint8_t *)(b.data != NULL ? b.data : ""), b.len);
	printf("ok %d - %s\n", ++count, path);
	fflush(stdout);
	gov_buf_deinit(&b);
	return 0;
}

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (gov_is_dir(argv[i]))
			(void)gov_walk(argv[i], NULL, replay, NULL, NULL);
		else
			(void)replay(argv[i], NULL);
	}
	printf("1..%d\n", count);
	return 0;
}
