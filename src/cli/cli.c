/*
 * cli.c - see cli.h. The global options (--kb, --lang, --demo, --version,
 * --help) come before the command; the command is looked up in the one
 * command table, which also gives the command list of --help. Each command
 * is a file of its own (cmd_*.c, see cmd.h).
 */
#include "cli/cli.h"
#include "cli/cmd.h"
#include "base/util.h"
#include "kb/kb.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct cmd_entry *const cmd_table[] = {
	&cmd_analyze_entry, &cmd_open_entry, &cmd_connect_entry, &cmd_snapshot_entry,
	&cmd_report_entry, &cmd_config_diff_entry, &cmd_sites_entry, &cmd_profiles_entry, &cmd_kbcheck_entry,
};
const int cmd_count = (int)(sizeof cmd_table / sizeof cmd_table[0]);

/* The help of 'tunneldoc --help': the usage, the commands, the global options. */
static void print_usage(FILE *f, enum lang lang)
{
	fputs(msg(M_H_USAGE, lang), f);
	for (int i = 0; i < cmd_count; i++)
		fprintf(f, "  %-12s %s\n", cmd_table[i]->name, msg(cmd_table[i]->summary, lang));
	fputs(msg(M_H_GLOBAL, lang), f);
}

static int print_version(const struct cli_ctx *x)
{
	struct kb *kb = cli_load_kb(x);

	printf(msg(M_CLI_VERSION, x->lang), TD_VERSION, kb ? kb->revision : msg(M_CLI_KB_NOT_FOUND, x->lang));
	kb_free(kb);
	return TD_EXIT_OK;
}

int cli_main(int argc, char **argv)
{
	struct cli_ctx x = { NULL, LANG_EN };
	const char *langopt = NULL;
	int i = 1, demo = 0;

	setlocale(LC_ALL, "");
	/* global options come before the command */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--kb") == 0 && i + 1 < argc) {
			x.kbopt = argv[++i];
		} else if (str_startswith(argv[i], "--kb=")) {
			x.kbopt = argv[i] + 5;
		} else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
			langopt = argv[++i];
		} else if (str_startswith(argv[i], "--lang=")) {
			langopt = argv[i] + 7;
		} else if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
			x.lang = lang_from(langopt);
			return print_version(&x);
		} else if (strcmp(argv[i], "--demo") == 0) {
			demo = 1;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			print_usage(stdout, lang_from(langopt));
			return TD_EXIT_OK;
		} else {
			return cli_usage(lang_from(langopt), M_CLI_UNKNOWN_GLOBAL, argv[i]);
		}
	}
	if (langopt != NULL && strcmp(langopt, "de") != 0 && strcmp(langopt, "en") != 0)
		return cli_usage(LANG_EN, M_CLI_BAD_LANG, langopt);
	x.lang = lang_from(langopt);
	if (demo)
		return cmd_demo(&x);
	if (i >= argc) {
		print_usage(stderr, x.lang);
		return TD_EXIT_USAGE;
	}
	for (int k = 0; k < cmd_count; k++)
		if (strcmp(argv[i], cmd_table[k]->name) == 0)
			return cmd_table[k]->run(cmd_table[k], &x, argc - i, argv + i);
	return cli_usage(x.lang, M_CLI_UNKNOWN_COMMAND, argv[i]);
}
