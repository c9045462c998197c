/*
 * fuzz_oai.c -- bytes -> XML parser -> OAI-PMH envelope, Identify,
 * formats and record pages (the harvester's view of a response).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "oai/response.h"
#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
on_record(const struct oai_header *h, const struct xml_node *md, void *arg)
{
	size_t *n = arg;

	for (size_t i = 0; i < h->nsets; i++)
		if (h->sets[i] == NULL)
			abort();
	(void)md;
	(*n)++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct xml_parser *parser;
	struct xml_doc *doc = NULL;
	struct oai_page page;
	struct oai_identify id;
	struct oai_format *f;
	struct arena a;
	size_t n = 0, nf = 0;

	if (parser == NULL) {
		xml_global_init();
		parser = xml_parser_new();
	}
	if (xml_parse(parser, (const char *)data, size, 4u * 1024 * 1024, &doc, NULL) != GOV_EOK)
		return 0;
	arena_init(&a);
	if (oai_page_read(doc, &a, &page, on_record, &n, NULL) == GOV_EOK &&
		page.env.nerrors == 0) {
		if (n != page.nrecords)
			abort();
		if (page.has_token && page.token == NULL)
			abort();
	}
	(void)oai_identify_read(doc, &a, &id, NULL);
	if (oai_formats_read(doc, &a, &f, &nf, NULL) == GOV_EOK)
		for (size_t i = 0; i < nf; i++)
			(void)strlen(f[i].prefix != NULL ? f[i].prefix : "");
	arena_deinit(&a);
	xml_doc_free(doc);
	return 0;
}
