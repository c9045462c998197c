/*
 * fuzz_traffic_log.c -- bytes -> cache arrival log lines -> file names and
 * headings (everything `wisgov ingest` does to a log line before counting).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "traffic/line.h"
#include "traffic/name.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl != NULL ? nl : end) - p);
		struct traffic_line tl;
		struct traffic_name tn;
		char id[64];

		if (traffic_parse_log(p, len, &tl) == BAD_NONE && tl.name_len > 0) {
			if (tl.name < p || tl.name + tl.name_len > p + len ||
				tl.size > TRAFFIC_MAX_SIZE)
				abort(); /* the name lies within the line, sizes are bounded */
			traffic_name_parse(tl.name, tl.name_len, &tn);
			if (traffic_heading_id(&tn, id, sizeof(id)) > 0 && strlen(id) != 36)
				abort(); /* urn:x-wmo:md:int.wmo.wis:: + TTAAiiCCCC */
		}
		traffic_name_parse(p, len, &tn);
		p += len + 1;
	}
	return 0;
}
