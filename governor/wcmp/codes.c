/*
 * codes.c -- WMO code lists and "did you mean".
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "wcmp/codes.h"

static const char *const scope_values[] = {
	"GlobalExchange",
	"RegionalExchange",
	"OriginatingCentre",
	NULL,
};

/* NoLimitation was added to the GitHub code list after WCMP 1.3. */
static const char *const license_values[] = {
	"WMOEssential",
	"WMOAdditional",
	"WMOOther",
	"NoLimitation",
	NULL,
};

static const char *const priority_values[] = {
	"GTSPriority1",
	"GTSPriority2",
	"GTSPriority3",
	"GTSPriority4",
	NULL,
};

/* WCMP 1.3 Part 2 Table 16, plus the later additions the official
 * Schematron accepts (atmosphericComposition, spaceWeather) and radiation. */
static const char *const category_values[] = {
	"weatherObservations",
	"weatherForecasts",
	"meteorology",
	"hydrology",
	"climatology",
	"landMeteorologyClimate",
	"synopticMeteorology",
	"marineMeteorology",
	"agriculturalMeteorology",
	"aerology",
	"marineAerology",
	"oceanography",
	"landHydrology",
	"rocketSounding",
	"pollution",
	"waterPollution",
	"landWaterPollution",
	"seaPollution",
	"landPollution",
	"airPollution",
	"glaciology",
	"actinometry",
	"satelliteObservation",
	"airplaneObservation",
	"observationPlatform",
	"atmosphericComposition",
	"spaceWeather",
	"radiation",
	NULL,
};

const struct wcmp_codelist wcmp_scope_codes = {"WMO_DistributionScopeCode", scope_values};
const struct wcmp_codelist wcmp_license_codes = {"WMO_DataLicenseCode", license_values};
const struct wcmp_codelist wcmp_priority_codes = {"WMO_GTSProductCategoryCode", priority_values};
const struct wcmp_codelist wcmp_category_codes = {"WMO_CategoryCode", category_values};

/* Misspellings seen in real records and in the Guide itself (7.7.2.1). */
static const struct {
	const char *wrong;
	const char *right;
} known_wrong[] = {
	{"globaldistribution", "GlobalExchange"},
	{"global", "GlobalExchange"},
	{"regionaldistribution", "RegionalExchange"},
	{"regional", "RegionalExchange"},
	{"originatingcenter", "OriginatingCentre"},
	{"originatingcentredistribution", "OriginatingCentre"},
	{"local", "OriginatingCentre"},
	{"essential", "WMOEssential"},
	{"additional", "WMOAdditional"},
	{"other", "WMOOther"},
};

const char *
wcmp_code_lookup(const struct wcmp_codelist *cl, const char *s)
{
	if (s == NULL)
		return NULL;
	for (const char *const *v = cl->values; *v != NULL; v++)
		if (strcmp(*v, s) == 0)
			return *v;
	return NULL;
}

/* Lower-case letters and digits only: "WMO Essential" -> "wmoessential". */
static void
fold(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < size; s++)
		if (isalnum((unsigned char)*s))
			out[n++] = (char)tolower((unsigned char)*s);
	out[n] = '\0';
}

/* Levenshtein distance, capped: only short strings are compared. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];

	if (la >= 63 || lb >= 63)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, (lb + 1) * sizeof(prev[0]));
	}
	return prev[lb];
}

const char *
wcmp_code_suggest(const struct wcmp_codelist *cl, const char *s)
{
	char f[128], fv[128];
	const char *best = NULL;
	size_t best_d = (size_t)-1;

	if (s == NULL || s[0] == '\0')
		return NULL;
	fold(s, f, sizeof(f));
	/* "GTS Priority 3", "WMO-Essential", "globalexchange" */
	for (const char *const *v = cl->values; *v != NULL; v++) {
		fold(*v, fv, sizeof(fv));
		if (strcmp(f, fv) == 0)
			return *v;
	}
	/* "WMO Essential Data" / "WMOEssentialData" */
	for (const char *const *v = cl->values; *v != NULL; v++) {
		fold(*v, fv, sizeof(fv));
		if (strlen(fv) >= 8 && strncmp(f, fv, strlen(fv)) == 0)
			return *v;
	}
	for (size_t i = 0; i < sizeof(known_wrong) / sizeof(known_wrong[0]); i++)
		if (strcmp(f, known_wrong[i].wrong) == 0 &&
			wcmp_code_lookup(cl, known_wrong[i].right) != NULL)
			return known_wrong[i].right;
	for (const char *const *v = cl->values; *v != NULL; v++) {
		size_t d;

		fold(*v, fv, sizeof(fv));
		d = distance(f, fv);
		if (d < best_d) {
			best_d = d;
			best = *v;
		}
	}
	/* Close enough to be a typo: at most a quarter of the letters, and not
	 * just a different number ("GTSPriority5" is no typo of "...1"). */
	if (best != NULL && best_d * 4 <= strlen(f) && best_d <= 3) {
		char fb[128];
		size_t i = 0;

		fold(best, fb, sizeof(fb));
		while (f[i] != '\0' && f[i] == fb[i])
			i++;
		if (isdigit((unsigned char)f[i]) && isdigit((unsigned char)fb[i]) &&
			strcmp(f + i + 1, fb + i + 1) == 0)
			return NULL;
		return best;
	}
	return NULL;
}

const char *
wcmp_code_values(const struct wcmp_codelist *cl)
{
	static char lists[4][512];
	const struct wcmp_codelist *all[] = {
		&wcmp_scope_codes, &wcmp_license_codes, &wcmp_priority_codes, &wcmp_category_codes};

	for (size_t i = 0; i < 4; i++) {
		if (all[i] != cl)
			continue;
		if (lists[i][0] == '\0') {
			for (const char *const *v = cl->values; *v != NULL; v++) {
				if (v != cl->values)
					strncat(lists[i], ", ",
						sizeof(lists[i]) - strlen(lists[i]) - 1);
				strncat(lists[i], *v, sizeof(lists[i]) - strlen(lists[i]) - 1);
			}
		}
		return lists[i];
	}
	return "";
}

double
wcmp_frequency_per_day(const char *code, bool *known_code)
{
	static const struct {
		const char *code;
		double per_day;
	} table[] = {
		{"daily", 1.0},
		{"weekly", 1.0 / 7},
		{"fortnightly", 1.0 / 14},
		{"monthly", 1.0 / 30},
		{"quarterly", 1.0 / 91},
		{"biannually", 1.0 / 182},
		{"annually", 1.0 / 365},
		/* These say nothing about how often files arrive. */
		{"continual", -1},
		{"asNeeded", -1},
		{"irregular", -1},
		{"notPlanned", -1},
		{"unknown", -1},
	};

	*known_code = false;
	if (code == NULL)
		return -1;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (strcmp(code, table[i].code) == 0) {
			*known_code = true;
			return table[i].per_day;
		}
	}
	return -1;
}
