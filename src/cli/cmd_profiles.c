/*
 * cmd_profiles.c - tunneldoc profiles: the device profiles of the
 * knowledge base, one per line (id, a tab, what it is for).
 */
#include "cli/cmd.h"
#include "cli/cli.h"
#include "kb/kb.h"

#include <stdio.h>

static const struct option opts[] = {
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};

static int no_option(void *st, int c, const char *arg)
{
	(void)st;
	(void)c;
	(void)arg;
	return 0;
}

static int run(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv)
{
	struct kb *kb;
	int rc;

	if ((rc = cli_getopt(e, x, argc, argv, no_option, NULL)) >= 0)
		return rc;
	if (optind < argc)
		return cli_usage(x->lang, M_CLI_NO_ARGUMENTS, e->name, argv[optind]);
	if ((kb = cli_load_kb(x)) == NULL)
		return TD_EXIT_INPUT;
	for (int i = 0; i < kb->ndevices; i++)
		printf("%s\t%s\n", kb->devices[i].id, kb->devices[i].name);
	printf("auto\t%s\n", msg(M_CLI_PROFILE_AUTO, x->lang));
	kb_free(kb);
	return TD_EXIT_OK;
}

const struct cmd_entry cmd_profiles_entry = {
	"profiles",
	M_H_PROFILES_SUMMARY,
	M_H_PROFILES, "h", opts, run, NULL,
};
