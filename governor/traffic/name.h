/*
 * name.h -- what a cached file's name says about its data.
 *
 * GISC caches log file names, not records.  Names follow the WMO file
 * naming convention of the Manual on the GTS (pflag_productidentifier_
 * C_originator_timestamp[_free].type[.compression]) or carry a bare
 * abbreviated heading (TTAAii CCCC YYGGgg[ BBB], blanks sometimes "_").
 * A_ names and headings give the record directly
 * (urn:x-wmo:md:int.wmo.wis::TTAAiiCCCC, CCCC from the heading, not the
 * file's originator); T_ names give TTAAii and take CCCC from the
 * originator, as OpenWIS does; W_ and Z_ names need the operator's
 * patterns.  See ../shared/domain/gts-naming.md.
 */
#ifndef GOV_TRAFFIC_NAME_H
#define GOV_TRAFFIC_NAME_H

#include <stddef.h>

enum traffic_name_kind {
	NAME_OTHER,   /* not recognised */
	NAME_HEADING, /* a bare abbreviated heading */
	NAME_FNC_A,   /* A_: the whole heading */
	NAME_FNC_T,   /* T_: TTAAii only */
	NAME_FNC_W,   /* W_: WMO product identifier */
	NAME_FNC_Z,   /* Z_ or X_: local */
};

struct traffic_name {
	enum traffic_name_kind kind;
	char ttaaii[7];     /* upper case, "" when the name has none */
	char cccc[5];       /* the heading's CCCC (A_, heading) or the originator (T_) */
	char originator[5]; /* who made the file (_C_CCCC), or the heading's CCCC */
};

/* Read a name (not NUL-terminated); unrecognised names give NAME_OTHER. */
void traffic_name_parse(const char *name, size_t len, struct traffic_name *out);

/*
 * The global-exchange record identifier for a name that carries a heading
 * (urn:x-wmo:md:int.wmo.wis::TTAAiiCCCC); 0 when it carries none.
 * Returns the length written to out (NUL-terminated).
 */
size_t traffic_heading_id(const struct traffic_name *n, char *out, size_t size);

#endif
