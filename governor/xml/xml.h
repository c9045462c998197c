/*
 * xml.h -- the only entry point to libxml2 in wisgov.
 *
 * Untrusted XML is parsed from memory only, with a size cap checked before
 * parsing, no network, no entity substitution, no DTD loading, and any
 * DOCTYPE refused outright (OAI-PMH responses and ISO 19139 records never
 * need one).  An external entity loader that refuses everything is
 * installed as a second fence.  No libxml2 type crosses this header: other
 * modules see opaque struct xml_doc and struct xml_node handles whose
 * lifetime is that of the document.
 */
#ifndef GOV_XML_XML_H
#define GOV_XML_XML_H

#include <stdbool.h>
#include <stddef.h>

#include "common/buf.h"
#include "common/err.h"

/* Namespaces the domain modules match on. */
#define XML_NS_GMD   "http://www.isotc211.org/2005/gmd"
#define XML_NS_GCO   "http://www.isotc211.org/2005/gco"
#define XML_NS_GMX   "http://www.isotc211.org/2005/gmx"
#define XML_NS_GMI   "http://www.isotc211.org/2005/gmi"
#define XML_NS_GTS   "http://www.isotc211.org/2005/gts"
#define XML_NS_SRV   "http://www.isotc211.org/2005/srv"
#define XML_NS_XLINK "http://www.w3.org/1999/xlink"
#define XML_NS_GML32 "http://www.opengis.net/gml/3.2"
#define XML_NS_GML   "http://www.opengis.net/gml"
#define XML_NS_OAI   "http://www.openarchives.org/OAI/2.0/"

/* Default cap on one document: big enough for a large ListRecords page. */
#define XML_DEFAULT_MAX_BYTES (64u * 1024 * 1024)

struct xml_doc;
struct xml_node;
struct xml_parser;

/*
 * Call once from main() before any parsing (and before threads): installs
 * the refusing entity loader and silences libxml2's own stderr output.
 */
void xml_global_init(void);
void xml_global_cleanup(void);

/* A reusable parser (keeps libxml2's dictionary warm between documents). */
struct xml_parser *xml_parser_new(void);
void xml_parser_free(struct xml_parser *p);

/*
 * Parse len bytes at data.  name is used in diagnostics only.  On success
 * *out owns a document the caller frees with xml_doc_free().  Failures:
 * GOV_ELIMIT (too big; nothing parsed), GOV_ENESTING (deeper than libxml2's
 * 256 levels), GOV_EHOSTILE (DOCTYPE, entity loops), GOV_ENCODING
 * (not UTF-8 or the declared encoding), GOV_EPARSE (not well-formed); d gets
 * the line and column and libxml2's explanation.
 */
int xml_parse(struct xml_parser *p, const char *data, size_t len, size_t max_bytes,
	struct xml_doc **out, struct gov_diag *d);
void xml_doc_free(struct xml_doc *doc);

/* Root element (never NULL for a parsed document). */
const struct xml_node *xml_doc_root(const struct xml_doc *doc);

/* Element navigation: only element nodes are returned; NULL at the end. */
const struct xml_node *xml_first_child(const struct xml_node *n);
const struct xml_node *xml_next(const struct xml_node *n);
const struct xml_node *xml_parent(const struct xml_node *n);
/* First element child (or next sibling) in namespace ns named local. */
const struct xml_node *xml_child(const struct xml_node *n, const char *ns, const char *local);
const struct xml_node *xml_next_named(const struct xml_node *n, const char *ns, const char *local);
/* Number of element children named ns:local. */
size_t xml_count(const struct xml_node *n, const char *ns, const char *local);

bool xml_is(const struct xml_node *n, const char *ns, const char *local);
const char *xml_local_name(const struct xml_node *n);
/* Namespace URI, or NULL if the element has none. */
const char *xml_ns_uri(const struct xml_node *n);
/* Prefix of the element's name, or NULL for a default namespace / none. */
const char *xml_ns_prefix(const struct xml_node *n);
unsigned long xml_line(const struct xml_node *n);

/*
 * Attribute value, borrowed for the document's lifetime, or NULL.  ns NULL
 * means an attribute without a namespace (e.g. codeListValue).
 */
const char *xml_attr(const struct xml_node *n, const char *ns, const char *name);

/* Append the string value (all descendant text) of n to out. */
int xml_text(const struct xml_node *n, struct gov_buf *out);

/*
 * Call fn for every element named ns:local in document order, without
 * descending into matches.  Returns the number of matches.
 */
size_t xml_find_all(const struct xml_node *n, const char *ns, const char *local,
	void (*fn)(const struct xml_node *match, void *arg), void *arg);

/*
 * Append the serialisation of the subtree rooted at n to out (for
 * digests: byte-identical input gives byte-identical output).
 */
int xml_serialize(const struct xml_node *n, struct gov_buf *out);

/* Call fn for every element of the subtree rooted at n (n included), in
 * document order. */
void xml_walk(
	const struct xml_node *n, void (*fn)(const struct xml_node *elem, void *arg), void *arg);

#endif
