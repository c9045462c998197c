/*
 * xml.c -- the libxml2 wrapper: safe parsing and tree navigation.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "common/str.h"
#include "common/xmalloc.h"
#include "xml/xml.h"

/* The handles are libxml2 objects; these casts are the only bridge. */
#define DOC(d)    ((xmlDocPtr)(d))
#define NODE(n)   ((const xmlNode *)(n))
#define HANDLE(n) ((const struct xml_node *)(n))

/*
 * Options for untrusted input.  Never NOENT (substitutes entities, reads
 * file:// even with NONET), DTDLOAD/DTDATTR/DTDVALID (fetch DTDs), XINCLUDE,
 * or HUGE (lifts the depth, text and amplification limits).
 */
#define SAFE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES)

struct xml_parser {
	xmlParserCtxtPtr ctxt;
	bool saw_doctype;
	unsigned long doctype_line;
};

static xmlParserInputPtr
refuse_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void
silent_error(void *ctx, xmlErrorPtr err)
{
	/* Errors are read back from the context after parsing. */
	(void)ctx;
	(void)err;
}

void
xml_global_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity_loader);
	xmlSetStructuredErrorFunc(NULL, silent_error);
}

void
xml_global_cleanup(void)
{
	xmlCleanupParser();
}

/*
 * SAX hook called for any <!DOCTYPE ...>, with or without an internal
 * subset: stop at once, before an entity declaration can even be read.
 */
static void
doctype_seen(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xml_parser *p = ctxt->_private;

	(void)name;
	(void)ext;
	(void)sys;
	p->saw_doctype = true;
	p->doctype_line = (unsigned long)xmlSAX2GetLineNumber(ctx);
	xmlStopParser(ctxt);
}

struct xml_parser *
xml_parser_new(void)
{
	struct xml_parser *p = xcalloc(1, sizeof(*p));

	p->ctxt = xmlNewParserCtxt();
	if (p->ctxt == NULL) {
		free(p);
		return NULL;
	}
	p->ctxt->_private = p;
	p->ctxt->sax->internalSubset = doctype_seen;
	return p;
}

void
xml_parser_free(struct xml_parser *p)
{
	if (p == NULL)
		return;
	xmlFreeParserCtxt(p->ctxt);
	free(p);
}

static int
classify(const xmlError *e)
{
	switch (e->code) {
	case XML_ERR_INVALID_CHAR:
	case XML_ERR_INVALID_ENCODING:
	case XML_ERR_UNKNOWN_ENCODING:
	case XML_ERR_UNSUPPORTED_ENCODING:
		if (e->message != NULL && strstr(e->message, "UTF-8") != NULL)
			return GOV_ENCODING;
		if (e->code != XML_ERR_INVALID_CHAR)
			return GOV_ENCODING;
		return GOV_EPARSE;
	case XML_ERR_ENTITY_LOOP:
	case XML_ERR_ENTITY_BOUNDARY:
		return GOV_EHOSTILE;
	case XML_ERR_INTERNAL_ERROR:
		/* "Excessive depth", "Huge input lookup": libxml2's own limits. */
		return GOV_ELIMIT;
	default:
		return GOV_EPARSE;
	}
}

int
xml_parse(struct xml_parser *p, const char *data, size_t len, size_t max_bytes,
	struct xml_doc **out, struct gov_diag *d)
{
	const xmlError *e;
	xmlDocPtr doc;
	char msg[GOV_DIAG_MSG];
	int rc;

	*out = NULL;
	if (len > max_bytes || len > (size_t)INT32_MAX)
		return gov_diag_set(d, GOV_ELIMIT,
			"document of %zu bytes exceeds the %zu-byte limit", len, max_bytes);
	if (len == 0)
		return gov_diag_set(d, GOV_EPARSE, "empty document");
	p->saw_doctype = false;
	p->doctype_line = 0;
	doc = xmlCtxtReadMemory(p->ctxt, data, (int)len, NULL, NULL, SAFE_OPTIONS);
	if (p->saw_doctype) {
		xmlFreeDoc(doc);
		if (d != NULL)
			d->line = p->doctype_line;
		return gov_diag_set(d, GOV_EHOSTILE,
			"DOCTYPE declarations are not allowed (DTDs and entities are refused)");
	}
	if (doc != NULL && p->ctxt->wellFormed && xmlDocGetRootElement(doc) != NULL) {
		*out = (struct xml_doc *)doc;
		return GOV_EOK;
	}
	xmlFreeDoc(doc);
	e = xmlCtxtGetLastError(p->ctxt);
	if (e == NULL || e->code == XML_ERR_OK)
		return gov_diag_set(d, GOV_EPARSE, "not a well-formed XML document");
	gov_strlcpy(msg, e->message != NULL ? e->message : "parse error", sizeof(msg));
	/* libxml2 messages end in a newline and sometimes carry byte dumps. */
	gov_normalize_space(msg);
	rc = classify(e);
	/* Say libxml2's limits in our words: XML_PARSE_HUGE is never an option. */
	if (strstr(msg, "Excessive depth") != NULL) {
		rc = GOV_ENESTING;
		gov_strlcpy(msg,
			"elements are nested deeper than 256 levels, the limit for untrusted "
			"documents",
			sizeof(msg));
	} else if (strstr(msg, "Premature end of data") != NULL) {
		gov_strlcat(msg, " (the document is truncated)", sizeof(msg));
	} else if (rc == GOV_ELIMIT && strstr(msg, "XML_PARSE_HUGE") != NULL) {
		gov_strlcat(msg, " (limit for untrusted documents)", sizeof(msg));
	}
	if (d != NULL) {
		d->line = e->line > 0 ? (unsigned long)e->line : 0;
		d->col = e->int2 > 0 ? (unsigned long)e->int2 : 0;
	}
	return gov_diag_set(d, rc, "%s", msg);
}

void
xml_doc_free(struct xml_doc *doc)
{
	xmlFreeDoc(DOC(doc));
}

const struct xml_node *
xml_doc_root(const struct xml_doc *doc)
{
	return HANDLE(xmlDocGetRootElement((const xmlDoc *)doc));
}

static const xmlNode *
elem_from(const xmlNode *n)
{
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

const struct xml_node *
xml_first_child(const struct xml_node *n)
{
	return HANDLE(elem_from(NODE(n)->children));
}

const struct xml_node *
xml_next(const struct xml_node *n)
{
	return HANDLE(elem_from(NODE(n)->next));
}

const struct xml_node *
xml_parent(const struct xml_node *n)
{
	const xmlNode *p = NODE(n)->parent;

	return p != NULL && p->type == XML_ELEMENT_NODE ? HANDLE(p) : NULL;
}

bool
xml_is(const struct xml_node *h, const char *ns, const char *local)
{
	const xmlNode *n = NODE(h);

	if (n == NULL || strcmp((const char *)n->name, local) != 0)
		return false;
	if (ns == NULL)
		return n->ns == NULL;
	return n->ns != NULL && strcmp((const char *)n->ns->href, ns) == 0;
}

const struct xml_node *
xml_child(const struct xml_node *n, const char *ns, const char *local)
{
	for (const struct xml_node *c = xml_first_child(n); c != NULL; c = xml_next(c))
		if (xml_is(c, ns, local))
			return c;
	return NULL;
}

const struct xml_node *
xml_next_named(const struct xml_node *n, const char *ns, const char *local)
{
	for (const struct xml_node *c = xml_next(n); c != NULL; c = xml_next(c))
		if (xml_is(c, ns, local))
			return c;
	return NULL;
}

size_t
xml_count(const struct xml_node *n, const char *ns, const char *local)
{
	size_t count = 0;

	for (const struct xml_node *c = xml_first_child(n); c != NULL; c = xml_next(c))
		if (xml_is(c, ns, local))
			count++;
	return count;
}

const char *
xml_local_name(const struct xml_node *n)
{
	return (const char *)NODE(n)->name;
}

const char *
xml_ns_uri(const struct xml_node *n)
{
	const xmlNs *ns = NODE(n)->ns;

	return ns != NULL ? (const char *)ns->href : NULL;
}

const char *
xml_ns_prefix(const struct xml_node *n)
{
	const xmlNs *ns = NODE(n)->ns;

	return ns != NULL ? (const char *)ns->prefix : NULL;
}

unsigned long
xml_line(const struct xml_node *n)
{
	return (unsigned long)xmlGetLineNo(NODE(n));
}

const char *
xml_attr(const struct xml_node *h, const char *ns, const char *name)
{
	for (const xmlAttr *a = NODE(h)->properties; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (ns == NULL ? a->ns != NULL
			       : (a->ns == NULL || strcmp((const char *)a->ns->href, ns) != 0))
			continue;
		/*
		 * Without a DTD there are no entity references, so a value is
		 * at most one text node.
		 */
		if (a->children == NULL)
			return "";
		if (a->children->type == XML_TEXT_NODE && a->children->next == NULL)
			return (const char *)a->children->content;
		return NULL;
	}
	return NULL;
}

int
xml_text(const struct xml_node *h, struct gov_buf *out)
{
	const xmlNode *top = NODE(h), *n = top->children;
	int rc = GOV_EOK;

	/* Iterative walk: depth is bounded by libxml2, but stay flat anyway. */
	while (n != NULL && rc == GOV_EOK) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
			n->content != NULL)
			rc = gov_buf_adds(out, (const char *)n->content);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == top)
				return rc;
		}
		if (n != NULL)
			n = n->next;
	}
	return rc;
}

size_t
xml_find_all(const struct xml_node *h, const char *ns, const char *local,
	void (*fn)(const struct xml_node *match, void *arg), void *arg)
{
	size_t count = 0;

	if (xml_is(h, ns, local)) {
		fn(h, arg);
		return 1;
	}
	for (const struct xml_node *c = xml_first_child(h); c != NULL; c = xml_next(c))
		count += xml_find_all(c, ns, local, fn, arg);
	return count;
}

void
xml_walk(const struct xml_node *h, void (*fn)(const struct xml_node *elem, void *arg), void *arg)
{
	const xmlNode *top = NODE(h), *n = top;

	for (;;) {
		if (n->type == XML_ELEMENT_NODE) {
			fn(HANDLE(n), arg);
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		if (n == top)
			return;
		while (n->next == NULL) {
			n = n->parent;
			if (n == top || n == NULL)
				return;
		}
		n = n->next;
	}
}

int
xml_serialize(const struct xml_node *h, struct gov_buf *out)
{
	const xmlNode *n = NODE(h);
	xmlBufferPtr b = xmlBufferCreate();
	int rc;

	if (b == NULL)
		abort();
	if (xmlNodeDump(b, n->doc, (xmlNodePtr)n, 0, 0) < 0) {
		xmlBufferFree(b);
		return GOV_EIO;
	}
	rc = gov_buf_add(out, xmlBufferContent(b), (size_t)xmlBufferLength(b));
	xmlBufferFree(b);
	return rc;
}
