/*
 * fuzz_traffic.c -- bytes -> traffic lines: every line through the log
 * parser, the notification parser and the name parser.
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
		if (traffic_parse_wnm(p, len, &tl) == BAD_NONE &&
			(strlen(tl.metadata_id) >= sizeof(tl.metadata_id) ||
				tl.size > TRAFFIC_MAX_SIZE))
			abort();
		traffic_name_parse(p, len, &tn);
		p += len + 1;
	}
	return 0;
}
