/*
 * cmd.h -- the command table of the wisgov program.
 *
 * Each command lives in its own file (cmd_<name>.c, tmux style), parses
 * its own options with getopt_long and returns the process exit status.
 */
#ifndef GOV_CLI_CMD_H
#define GOV_CLI_CMD_H

/* Exit statuses shared by all commands (documented in wisgov(1)). */
#define EXIT_OK      0
#define EXIT_FINDING 1 /* ran, and something failed (a record, a check) */
#define EXIT_USAGE   2 /* bad usage, or an input that could not be read */

struct cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

int cmd_check(int argc, char **argv);
int cmd_harvest(int argc, char **argv);
int cmd_records(int argc, char **argv);
int cmd_journal(int argc, char **argv);
int cmd_sources(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_budget(int argc, char **argv);

/* The directory holding shipped rules: --rules, $WISGOV_RULES, or RULESDIR. */
const char *cli_rules_dir(const char *option);

#endif
