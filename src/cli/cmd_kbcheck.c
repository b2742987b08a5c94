/*
 * cmd_kbcheck.c - tunneldoc kb-check: load and validate the knowledge
 * base, then run every signature's example lines through the parser (the
 * build runs it too: a malformed kb fails the build).
 */
#include "cli/cmd.h"
#include "cli/cli.h"
#include "kb/kb.h"
#include "parse/dialect.h"

#include <stdio.h>

static const struct option opts[] = {
	{ "list", no_argument, NULL, 'l' }, { "verbose", no_argument, NULL, 'v' },
	{ "coverage", no_argument, NULL, 'c' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};

struct kbcheck_args {
	int list, verbose, coverage;
};

static int on_option(void *st, int c, const char *arg)
{
	struct kbcheck_args *A = st;

	(void)arg;
	if (c == 'l')
		A->list = 1;
	else if (c == 'v')
		A->verbose = 1;
	else if (c == 'c')
		A->coverage = 1;
	return 0;
}

/* --list: the dialects, causes and chapters. */
static void list_kb(const struct kb *kb, enum lang lang)
{
	printf("%s:\n", msg(M_CLI_DIALECTS, lang));
	for (int i = 0; i < kb->ndialects; i++)
		printf("  %-18s %s\n", kb->dialects[i].id, kb->dialects[i].name);
	printf("%s:\n", msg(M_CLI_CAUSES, lang));
	for (int i = 0; i < kb->ncauses; i++)
		printf("  %-28s %s\n", kb->causes[i].id, txt(&kb->causes[i].title, lang));
	printf("%s:\n", msg(M_CLI_CHAPTERS, lang));
	for (int i = 0; i < kb->nchapters; i++)
		printf("  %-16s %s\n", kb->chapters[i].id, txt(&kb->chapters[i].title, lang));
}

static int run(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv)
{
	struct kbcheck_args A = { 0, 0, 0 };
	struct kb *kb;
	int rc, bad;

	if ((rc = cli_getopt(e, x, argc, argv, on_option, &A)) >= 0)
		return rc;
	if (optind < argc)
		return cli_usage(x->lang, M_CLI_NO_ARGUMENTS, e->name, argv[optind]);
	if ((kb = cli_load_kb(x)) == NULL)
		return TD_EXIT_INPUT;
	if (A.list)
		list_kb(kb, x->lang);
	bad = kb_check_examples(kb, A.verbose, x->lang);
	if (A.coverage) {
		char cat[4096];

		snprintf(cat, sizeof cat, "%s/catalogue", kb->dir);
		bad += kb_check_coverage(kb, cat, A.verbose, x->lang) != 0;
	}
	kb_free(kb);
	return bad == 0 ? TD_EXIT_OK : TD_EXIT_INPUT;
}

const struct cmd_entry cmd_kbcheck_entry = {
	"kb-check",
	M_H_KBCHECK_SUMMARY,
	M_H_KBCHECK, "hlvc", opts, run, NULL,
};
