/*
 * main.c -- wisgov: the WIS data-exchange governor.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "common/log.h"
#include "net/fetch.h"
#include "xml/xml.h"

#ifndef RULESDIR
#define RULESDIR "/usr/local/share/wisgov/rules"
#endif

static const struct cmd commands[] = {
	{"check", cmd_check, "judge metadata records before publishing (WCMP 1.3, Guide 7.7)"},
	{"harvest", cmd_harvest, "follow catalogues over OAI-PMH or from a spool directory"},
	{"records", cmd_records, "list the records followed, or show one with its history"},
	{"journal", cmd_journal, "list or verify the tamper-evident journal"},
	{"sources", cmd_sources, "show where each harvested source stands"},
	{"ingest", cmd_ingest, "count traffic per record from cache logs or WIS 2.0 notifications"},
	{"budget", cmd_budget, "set, list and report the budgets of the cache, links and centres"},
};

const char *
cli_rules_dir(const char *option)
{
	const char *env = getenv("WISGOV_RULES");

	if (option != NULL)
		return option;
	if (env != NULL && env[0] != '\0')
		return env;
	return RULESDIR;
}

static void
usage(FILE *fp)
{
	(void)fprintf(fp, "usage: wisgov [--version] [--help] COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		(void)fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
	(void)fprintf(fp, "\n'wisgov COMMAND --help' describes a command; see also wisgov(1).\n");
}

int
main(int argc, char **argv)
{
	int rc;

	log_init("wisgov", GOV_LOG_WARNING);
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		(void)printf("wisgov %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
		strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name) != 0)
			continue;
		xml_global_init();
		net_global_init();
		rc = commands[i].run(argc - 1, argv + 1);
		net_global_cleanup();
		xml_global_cleanup();
		return rc;
	}
	(void)fprintf(stderr, "wisgov: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
