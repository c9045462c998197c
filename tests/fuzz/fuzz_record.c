/*
 * fuzz_record.c -- bytes -> XML parser -> record extraction -> WCMP
 * judgement -> JSON output: everything `wisgov check` does to a document.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "budget/defaults.h"
#include "check/check.h"
#include "check/output.h"
#include "common/buf.h"
#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
render(const struct check_item *item, void *arg)
{
	struct gov_buf *out = arg;

	gov_buf_reset(out);
	if (check_item_json(item, out) != GOV_EOK)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct checker *ck;
	static struct record_budget budget = {{500000000, 1000000000}, {500, 1000}};
	struct gov_buf out;

	if (ck == NULL) {
		struct check_options opt = {
			.max_bytes = 4u * 1024 * 1024,
			.expect = {-1, -1},
			.budget = &budget,
			.centres = NULL,
		};

		xml_global_init();
		ck = checker_new(&opt);
	}
	gov_buf_init(&out, 64u * 1024 * 1024);
	if (checker_run_buffer(ck, "fuzz", (const char *)data, size, render, &out) == 0)
		abort(); /* every document yields at least one report */
	gov_buf_deinit(&out);
	return 0;
}
