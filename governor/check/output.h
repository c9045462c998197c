/*
 * output.h -- `wisgov check` results as JSON lines or as text for people.
 */
#ifndef GOV_CHECK_OUTPUT_H
#define GOV_CHECK_OUTPUT_H

#include <stdio.h>

#include "check/check.h"
#include "common/buf.h"

/*
 * One JSON object (no newline) describing item; the schema is documented
 * in wisgov(1) under "JSON OUTPUT".  Returns GOV_EOK or the writer error.
 */
int check_item_json(const struct check_item *item, struct gov_buf *out);

/* A block of text: the summary lines, then one line per finding. */
void check_item_text(const struct check_item *item, FILE *fp, bool verbose);

#endif
