/*
 * budgets.h -- what the GISC's cache and links can carry, kept in LMDB.
 *
 * A budget has a name that says what it limits, a warn and an exceed
 * threshold, and who set it when:
 *
 *   cache             bytes held over 24 h of GlobalExchange data (the
 *                     GISC cache must keep at least 24 h of it)
 *   link:A-B          peak-hour bytes per second of global data over the
 *                     GISC-to-GISC link between GISCs A and B
 *   centre:CCCC       bytes per 24 h that one provider centre sends
 *   record            the default for any one record: bytes and files
 *                     (count) per 24 h
 *
 * Every change is journalled with its actor in the same transaction.
 */
#ifndef GOV_BUDGET_BUDGETS_H
#define GOV_BUDGET_BUDGETS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "common/err.h"
#include "store/store.h"

enum budget_kind {
	BUDGET_CACHE,
	BUDGET_LINK,
	BUDGET_CENTRE,
	BUDGET_RECORD,
};

struct budget {
	char name[128];
	enum budget_kind kind;
	char target[96];                   /* the link ("Exeter-Offenbach") or the CCCC */
	uint64_t warn, exceed;             /* bytes (per second for links) */
	uint64_t count_warn, count_exceed; /* files per 24 h (record only; 0: none) */
	char set_by[128];
	char set_at[24];
};

/* Check a name and fill kind/target; GOV_EINVAL with d saying why. */
int budget_parse_name(const char *name, struct budget *b, struct gov_diag *d);
const char *budget_kind_name(enum budget_kind k);
const char *budget_unit(enum budget_kind k); /* "bytes/24h", "bytes/s" */

/* Store b (create or replace) and journal it, in t. */
void budget_put(struct store_txn *t, const struct budget *b, time_t now, const char *actor,
	const char *action);
/* GOV_ENOENT if none. */
int budget_get(struct store_txn *t, const char *name, struct budget *out);
/* Remove and journal; GOV_ENOENT if none. */
int budget_del(struct store_txn *t, const char *name, time_t now, const char *actor);
/* Every budget in name order. */
int budget_scan(struct store_txn *t, int (*fn)(const struct budget *b, void *arg), void *arg);

#endif
