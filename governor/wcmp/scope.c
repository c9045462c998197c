/*
 * scope.c -- resolve WMO_DistributionScopeCode, and say how.
 *
 * WCMP 1.3 Part 1 9.1.1: data for global exchange carry the keyword
 * "GlobalExchange", of type "dataCentre", from the WMO_DistributionScopeCode
 * thesaurus.  Most real records do not (wcmp13.md section 0); some use
 * variants that a human would read the same way.  The order is:
 *   1. the canonical group (title exactly WMO_DistributionScopeCode, or the
 *      2012 code-list Anchor);
 *   2. a variant group (long title, other href forms, value only in an
 *      Anchor href or @codeListValue, "dataCenter");
 *   3. the identifier namespace urn:x-wmo:md:int.wmo.wis::, which 9.2.1
 *      reserves for globally exchanged data.
 * A value outside the code list is never mapped: it is reported with a
 * suggestion and the scope stays unresolved.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "common/str.h"
#include "iso19139/record.h"
#include "wcmp/codes.h"
#include "wcmp/wcmp.h"

#define SCOPE_HREF WCMP_CODELIST_URL "#WMO_DistributionScopeCode"

bool
wcmp_identifier_is_global(const char *id)
{
	return id != NULL && gov_startswith_ci(id, WCMP_GLOBAL_PREFIX);
}

static bool
is_cccc(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (!isalpha((unsigned char)s[i]))
			return false;
	return true;
}

const char *
wcmp_centre_from_identifier(struct wcmp_report *rep, const char *id)
{
	const char *uid, *cccc = NULL;
	size_t len;
	char out[5];

	if (!wcmp_identifier_is_global(id))
		return NULL;
	uid = id + strlen(WCMP_GLOBAL_PREFIX);
	len = strlen(uid);
	/* TTAAiiCCCC: GTS bulletins, file-naming P-flags A and T. */
	if (len == 10 && isalpha((unsigned char)uid[0]) && isalpha((unsigned char)uid[1]) &&
		isalpha((unsigned char)uid[2]) && isalpha((unsigned char)uid[3]) &&
		isdigit((unsigned char)uid[4]) && isdigit((unsigned char)uid[5]) &&
		is_cccc(uid + 6))
		cccc = uid + 6;
	/* P-flag W products end in "_C_CCCC" (Part 1 9.2.1 example). */
	else if (len > 7 && strncasecmp(uid + len - 7, "_C_", 3) == 0 && is_cccc(uid + len - 4))
		cccc = uid + len - 4;
	if (cccc == NULL)
		return NULL;
	for (int i = 0; i < 4; i++)
		out[i] = (char)toupper((unsigned char)cccc[i]);
	out[4] = '\0';
	return arena_strdup(&rep->arena, out);
}

const char *
wcmp_centre_id_from_identifier(struct wcmp_report *rep, const char *id)
{
	static const char prefix[] = "urn:wmo:md:";
	char out[65];
	size_t n = 0;

	if (id == NULL || !gov_startswith_ci(id, prefix))
		return NULL;
	/* A centre-id is tld-name: letters, digits and hyphens (WIS2 Guide
	 * 2.6.1.1), then a colon before the local identifier. */
	for (const char *p = id + sizeof(prefix) - 1; *p != ':'; p++) {
		if (*p == '\0' || n == sizeof(out) - 1 ||
			!(isalnum((unsigned char)*p) || *p == '-' || *p == '_'))
			return NULL;
		out[n++] = (char)tolower((unsigned char)*p);
	}
	if (n == 0)
		return NULL;
	out[n] = '\0';
	return arena_strdup(&rep->arena, out);
}

bool
wcmp_is_scope_group(const struct md_keyword_group *g, bool *strict)
{
	*strict = false;
	if (g->thesaurus != NULL && strcmp(g->thesaurus, "WMO_DistributionScopeCode") == 0) {
		*strict = true;
		return true;
	}
	if (g->thesaurus_href != NULL && strcmp(g->thesaurus_href, SCOPE_HREF) == 0) {
		*strict = true;
		return true;
	}
	if (g->thesaurus != NULL && strstr(g->thesaurus, "WMO_DistributionScopeCode") != NULL)
		return true;
	return g->thesaurus_href != NULL &&
	       strstr(g->thesaurus_href, "#WMO_DistributionScopeCode") != NULL;
}

/* The value a scope keyword carries, and whether it came from its text. */
static const char *
keyword_value(const struct md_keyword *k, bool *from_text)
{
	const char *frag;

	*from_text = false;
	if (k->text != NULL && k->text[0] != '\0') {
		*from_text = true;
		return k->text;
	}
	if (k->href != NULL && (frag = strstr(k->href, "#WMO_DistributionScopeCode_")) != NULL)
		return frag + strlen("#WMO_DistributionScopeCode_");
	if (k->code != NULL && k->code[0] != '\0')
		return k->code;
	return NULL;
}

/* Why a scope counts as a variant; only some deserve their own finding. */
enum {
	VARIANT_TITLE = 1, /* thesaurus title or href not the canonical one */
	VARIANT_VALUE = 2, /* value only in an Anchor href or @codeListValue */
	VARIANT_TYPE = 4,  /* "dataCenter" (reported as scope-type-spelling) */
	VARIANT_STRAY = 8, /* keyword outside the thesaurus (scope-outside-thesaurus) */
};

struct scope_state {
	const char *value; /* first valid value */
	unsigned long line;
	unsigned variant;  /* VARIANT_* bits */
	const char *other; /* a second, different valid value */
	bool invalid;
};

static void
scope_keyword(struct wcmp_report *rep, struct scope_state *st, const struct md_keyword *k)
{
	bool from_text;
	const char *v = keyword_value(k, &from_text), *ok, *hint;

	if (v == NULL) {
		wcmp_add(rep, WCMP_ERROR, "scope-empty", "9.1.1", k->line,
			"a WMO_DistributionScopeCode keyword is empty; write GlobalExchange, "
			"RegionalExchange or OriginatingCentre");
		st->invalid = true;
		return;
	}
	ok = wcmp_code_lookup(&wcmp_scope_codes, v);
	if (ok == NULL) {
		hint = wcmp_code_suggest(&wcmp_scope_codes, v);
		if (hint != NULL)
			wcmp_add(rep, WCMP_ERROR, "scope-invalid", "9.1.1", k->line,
				"distribution scope \"%s\" is not in the WMO_DistributionScopeCode code "
				"list; did you mean \"%s\"?",
				v, hint);
		else
			wcmp_add(rep, WCMP_ERROR, "scope-invalid", "9.1.1", k->line,
				"distribution scope \"%s\" is not in the WMO_DistributionScopeCode code "
				"list (%s)",
				v, wcmp_code_values(&wcmp_scope_codes));
		st->invalid = true;
		return;
	}
	if (!from_text)
		st->variant |= VARIANT_VALUE;
	if (st->value == NULL) {
		st->value = ok;
		st->line = k->line;
	} else if (strcmp(st->value, ok) != 0 && st->other == NULL) {
		st->other = ok;
	}
}

/* Keyword type of a scope group: dataCentre, read from @codeListValue. */
static void
scope_type(struct wcmp_report *rep, const struct md_keyword_group *g, struct scope_state *st)
{
	const char *t = g->type_code;

	if (t != NULL && strcmp(t, "dataCentre") == 0)
		return;
	if (t != NULL && strcmp(t, "dataCenter") == 0) {
		st->variant |= VARIANT_TYPE;
		wcmp_add(rep, WCMP_WARNING, "scope-type-spelling", "9.1.1", g->line,
			"the scope keyword type is \"dataCenter\"; the code list spells it "
			"\"dataCentre\"");
		return;
	}
	if (t == NULL || t[0] == '\0')
		wcmp_add(rep, WCMP_ERROR, "scope-type", "9.1.1", g->line,
			"the WMO_DistributionScopeCode keywords have no type; add "
			"gmd:type/gmd:MD_KeywordTypeCode codeListValue=\"dataCentre\"");
	else
		wcmp_add(rep, WCMP_ERROR, "scope-type", "9.1.1", g->line,
			"the WMO_DistributionScopeCode keywords have type \"%s\"; it must be "
			"\"dataCentre\"",
			t);
}

/* Scope values written as keywords of some other group. */
static void
stray_scope_keywords(struct wcmp_report *rep, struct scope_state *st)
{
	const struct md_record *r = rep->record;

	for (size_t i = 0; i < r->ngroups; i++) {
		const struct md_keyword_group *g = &r->groups[i];
		bool strict;

		if (wcmp_is_scope_group(g, &strict))
			continue;
		for (size_t k = 0; k < g->nkeywords; k++) {
			const char *ok = wcmp_code_lookup(&wcmp_scope_codes, g->keywords[k].text);

			if (ok == NULL)
				continue;
			wcmp_add(rep, WCMP_WARNING, "scope-outside-thesaurus", "9.1.1",
				g->keywords[k].line,
				"\"%s\" is written as a keyword of %s%s%s, not of the "
				"WMO_DistributionScopeCode thesaurus",
				ok,
				g->thesaurus != NULL ? "thesaurus \""
						     : "a group without a thesaurus",
				g->thesaurus != NULL ? g->thesaurus : "",
				g->thesaurus != NULL ? "\"" : "");
			st->variant |= VARIANT_STRAY;
			if (st->value == NULL) {
				st->value = ok;
				st->line = g->keywords[k].line;
			} else if (strcmp(st->value, ok) != 0 && st->other == NULL) {
				st->other = ok;
			}
		}
	}
}

void
wcmp_resolve_scope(struct wcmp_report *rep)
{
	const struct md_record *r = rep->record;
	const char *id = rep->identifier;
	bool global_id = wcmp_identifier_is_global(id);
	struct scope_state st = {NULL, 0, 0, NULL, false};

	for (size_t i = 0; i < r->ngroups; i++) {
		const struct md_keyword_group *g = &r->groups[i];
		bool strict;

		if (!wcmp_is_scope_group(g, &strict))
			continue;
		if (!strict)
			st.variant |= VARIANT_TITLE;
		for (size_t k = 0; k < g->nkeywords; k++)
			scope_keyword(rep, &st, &g->keywords[k]);
		if (g->nkeywords > 0)
			scope_type(rep, g, &st);
		else
			wcmp_add(rep, WCMP_ERROR, "scope-empty", "9.1.1", g->line,
				"the WMO_DistributionScopeCode keyword group has no keyword");
	}
	stray_scope_keywords(rep, &st);

	if (st.other != NULL) {
		wcmp_add(rep, WCMP_ERROR, "scope-multiple", "9.1.1", st.line,
			"the record declares more than one distribution scope (%s and %s); "
			"a record has exactly one",
			st.value, st.other);
		rep->scope = NULL;
		rep->scope_source = WCMP_SCOPE_NONE;
		rep->global = global_id || strcmp(st.value, WCMP_GLOBAL_EXCHANGE) == 0 ||
			      strcmp(st.other, WCMP_GLOBAL_EXCHANGE) == 0;
		return;
	}
	if (st.value != NULL) {
		rep->scope = st.value;
		rep->scope_line = st.line;
		rep->scope_source = st.variant ? WCMP_SCOPE_KEYWORD_VARIANT : WCMP_SCOPE_KEYWORD;
		rep->global = strcmp(st.value, WCMP_GLOBAL_EXCHANGE) == 0;
		if (st.variant & (VARIANT_TITLE | VARIANT_VALUE))
			wcmp_add(rep, WCMP_WARNING, "scope-variant", "9.1.1", st.line,
				"the scope %s was found through a non-canonical encoding (%s); write "
				"it as gco:CharacterString \"%s\" in a keyword group whose thesaurus "
				"title is \"WMO_DistributionScopeCode\"",
				st.value,
				(st.variant & VARIANT_TITLE) && (st.variant & VARIANT_VALUE)
					? "thesaurus title and value"
				: (st.variant & VARIANT_TITLE)
					? "thesaurus title not exactly "
					  "\"WMO_DistributionScopeCode\""
					: "value only in an Anchor link or @codeListValue",
				st.value);
		if (!rep->global && global_id)
			wcmp_add(rep, WCMP_WARNING, "scope-conflict", "9.2.1", st.line,
				"the scope is %s, but the identifier \"%s\" is in the "
				"urn:x-wmo:md:int.wmo.wis:: namespace reserved for globally exchanged "
				"data; change one of them",
				st.value, id);
		return;
	}
	if (st.invalid) {
		/* Declared, but wrongly: do not guess; the identifier may hint. */
		rep->global = global_id;
		if (global_id)
			wcmp_add(rep, WCMP_INFO, "scope-hint", NULL, r->file_identifier.line,
				"the identifier is in the urn:x-wmo:md:int.wmo.wis:: namespace reserved "
				"for global exchange, so GlobalExchange is probably meant");
		return;
	}
	if (global_id) {
		rep->scope = WCMP_GLOBAL_EXCHANGE;
		rep->scope_source = WCMP_SCOPE_IDENTIFIER;
		rep->scope_line = r->file_identifier.line;
		rep->global = true;
		wcmp_add(rep, WCMP_ERROR, "scope-missing", "9.1.1", r->file_identifier.line,
			"no WMO_DistributionScopeCode keyword; the identifier is in the namespace "
			"reserved for global exchange, so the data are taken as GlobalExchange. Add "
			"the keyword GlobalExchange (type dataCentre, thesaurus "
			"WMO_DistributionScopeCode)");
		return;
	}
	wcmp_add(rep, WCMP_INFO, "scope-none", NULL, 0,
		"the record does not declare a distribution scope; its data are not for global "
		"exchange and will not be put in the GISC caches");
}
