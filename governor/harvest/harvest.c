/*
 * harvest.c -- defaults, and the choice between OAI-PMH and a spool dir.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "harvest/internal.h"

static double
elapsed(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int
harvest_run(const struct harvest_env *env, const struct harvest_source *in,
	struct harvest_stats *stats, struct gov_diag *d)
{
	struct harvest_source src = *in;
	struct timespec t0;
	int rc;

	memset(stats, 0, sizeof(*stats));
	if (src.overlap < 0)
		src.overlap = 3600;
	if (src.retries < 0)
		src.retries = 5;
	if (src.backoff <= 0)
		src.backoff = 1;
	if (src.max_wait <= 0)
		src.max_wait = 3600;
	if (src.max_pages <= 0)
		src.max_pages = 1000000;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (src.dir != NULL)
		rc = dir_harvest(env, &src, stats, d);
	else
		rc = oai_harvest(env, &src, stats, d);
	stats->seconds = elapsed(&t0);
	return rc;
}
