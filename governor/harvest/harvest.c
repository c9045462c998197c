/*
 * harvest.c -- defaults, and the choice between OAI-PMH and a spool dir.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "conf/settings.h"
#include "harvest/internal.h"

_Static_assert(sizeof(((struct checkpoint *)0)->url) > HARVEST_MAX_URL, "checkpoint url");
_Static_assert(sizeof(((struct checkpoint *)0)->prefix) > HARVEST_MAX_PREFIX, "checkpoint prefix");
_Static_assert(sizeof(((struct checkpoint *)0)->set) > HARVEST_MAX_SET, "checkpoint set");
_Static_assert(HARVEST_MAX_NAME < STORE_MAX_KEY, "a source name is a store key");
_Static_assert(HARVEST_MAX_NAME == CONF_MAX_SOURCE_NAME && HARVEST_MAX_URL == CONF_MAX_URL &&
		       HARVEST_MAX_PREFIX == CONF_MAX_PREFIX && HARVEST_MAX_SET == CONF_MAX_SET,
	"the configuration accepts what a checkpoint keeps");

/* A value the checkpoint could not keep whole would be silently cut and
 * the next run would resume something else: refuse it up front. */
static int
check_lengths(const struct harvest_source *s, struct gov_diag *d)
{
	const struct {
		const char *what, *value;
		size_t max;
	} f[] = {
		{"name", s->name, HARVEST_MAX_NAME},
		{"url", s->url, HARVEST_MAX_URL},
		{"dir", s->dir, HARVEST_MAX_URL},
		{"prefix", s->prefix, HARVEST_MAX_PREFIX},
		{"set", s->set, HARVEST_MAX_SET},
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (f[i].value != NULL && strlen(f[i].value) > f[i].max)
			return gov_diag_set(d, GOV_ELIMIT,
				"source %.64s: the %s is longer than %zu bytes", s->name, f[i].what,
				f[i].max);
	return GOV_EOK;
}

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
	if ((rc = check_lengths(in, d)) != GOV_EOK)
		return rc;
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
