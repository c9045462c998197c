/*
 * fuzz_traffic_wnm.c -- bytes -> WIS 2.0 notification messages, one per
 * line, through the JSON reader.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "traffic/line.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl != NULL ? nl : end) - p);
		struct traffic_line tl;

		if (traffic_parse_wnm(p, len, &tl) == BAD_NONE &&
			(strlen(tl.metadata_id) >= sizeof(tl.metadata_id) ||
				strlen(tl.data_id) >= sizeof(tl.data_id) ||
				tl.size > TRAFFIC_MAX_SIZE))
			abort();
		p += len + 1;
	}
	return 0;
}
