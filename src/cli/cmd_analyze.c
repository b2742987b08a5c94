/*
 * cmd_analyze.c - tunneldoc analyze: one or two logs (files, '-', session
 * or snapshot directories) analysed and printed as text or JSON, with the
 * session report written on request.
 */
#include "cli/cmd.h"
#include "cli/cli.h"
#include "base/clock.h"
#include "checklist/checklist.h"
#include "config/cdiff.h"
#include "config/psk.h"
#include "input/pair.h"
#include "input/source.h"
#include "kb/kb.h"
#include "pipeline/analysis.h"
#include "report/analysis_report.h"
#include "report/session_report.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum { O_LEFT = 1000, O_RIGHT, O_LDIA, O_RDIA, O_JSON, O_WIDTH, O_NEG, O_ASCII, O_REPORT, O_LCONF, O_RCONF };

static const struct option opts[] = {
	{ "left", required_argument, NULL, O_LEFT }, { "right", required_argument, NULL, O_RIGHT },
	{ "report", required_argument, NULL, O_REPORT },
	{ "left-config", required_argument, NULL, O_LCONF }, { "right-config", required_argument, NULL, O_RCONF },
	{ "left-dialect", required_argument, NULL, O_LDIA }, { "right-dialect", required_argument, NULL, O_RDIA },
	{ "json", no_argument, NULL, O_JSON }, { "width", required_argument, NULL, O_WIDTH },
	{ "negotiations", required_argument, NULL, O_NEG }, { "ascii", no_argument, NULL, O_ASCII },
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};

struct analyze_args {
	enum lang lang;
	const char *path[2], *dia[2], *report, *config[2];
	int json;
	struct report_opts ro;
};

static int on_option(void *st, int c, const char *arg)
{
	struct analyze_args *A = st;

	switch (c) {
	case O_LEFT: A->path[0] = arg; break;
	case O_RIGHT: A->path[1] = arg; break;
	case O_LDIA: A->dia[0] = arg; break;
	case O_RDIA: A->dia[1] = arg; break;
	case O_JSON: A->json = 1; break;
	case O_REPORT: A->report = arg; break;
	case O_LCONF: A->config[0] = arg; break;
	case O_RCONF: A->config[1] = arg; break;
	case O_ASCII: A->ro.utf8 = 0; break;
	case O_WIDTH:
		if (cli_parse_int(arg, 40, 1000, &A->ro.width) != 0)
			return cli_usage(A->lang, M_CLI_BAD_WIDTH, arg);
		break;
	case O_NEG:
		if (cli_parse_int(arg, 1, 100000, &A->ro.max_groups) != 0)
			return cli_usage(A->lang, M_CLI_BAD_NEGOTIATIONS, arg);
		break;
	}
	return 0;
}

/* The operands after the options: LEFT [RIGHT], or one session directory. */
static int operands(struct analyze_args *A, int argc, char **argv)
{
	for (int i = optind; i < argc; i++) {
		if (A->path[0] == NULL)
			A->path[0] = argv[i];
		else if (A->path[1] == NULL)
			A->path[1] = argv[i];
		else
			return cli_usage(A->lang, M_CLI_TOO_MANY_LOGS, argv[i]);
	}
	if (A->path[0] == NULL && A->path[1] == NULL)
		return cli_usage(A->lang, M_CLI_NEED_LOG, "analyze");
	/* one recorded session or snapshot directory holds both sides */
	if (A->path[1] == NULL && A->path[0] != NULL && source_is_session_dir(A->path[0]))
		A->path[1] = A->path[0];
	if (A->path[0] != NULL && A->path[1] != NULL && strcmp(A->path[0], "-") == 0 && strcmp(A->path[1], "-") == 0)
		return cli_usage(A->lang, M_CLI_STDIN_TWICE);
	return 0;
}

/* Both sides into the analysis; an exit status. */
static int load_sides(struct analyze_args *A, struct kb *kb, struct analysis *a)
{
	char *cause = NULL;

	for (int s = 0; s < 2; s++) {
		int di = -1;

		if (A->dia[s] != NULL && (di = kb_dialect_index(kb, A->dia[s])) < 0)
			return cli_usage(A->lang, M_CLI_BAD_DIALECT, A->dia[s]);
		if (A->path[s] != NULL)
			analysis_open_side(a, (enum side_id)s, A->path[s], di);
	}
	/* the two sides are independent until alignment: one thread each */
	if (source_feed_pair(a, A->path, 1, A->lang, &cause) != 0) {
		cli_cause(cause);
		return TD_EXIT_INPUT;
	}
	return TD_EXIT_OK;
}

/* The analysis on standard output, and the report when asked. */
static int print_analysis(struct analyze_args *A, struct kb *kb, struct analysis *a)
{
	struct checklist cl;
	struct sreport sr = { a, &cl, &A->ro, wall_ms(), wall_ms() };
	int rc = TD_EXIT_OK;

	analysis_run(a);
	cli_batch_checklist(a, kb, &cl, A->ro.config);
	if (A->json) {
		if (sreport_json(stdout, &sr) != 0)
			rc = TD_EXIT_INPUT;
	} else {
		report_text(stdout, a, &A->ro);
	}
	if (A->report != NULL && cli_write_report(A->report, &sr, A->lang) != 0)
		rc = TD_EXIT_INPUT;
	checklist_clear(&cl);
	if (fflush(stdout) != 0) {
		cli_error(A->lang, M_CLI_CANNOT_WRITE_OUTPUT, strerror(errno));
		rc = TD_EXIT_INPUT;
	}
	return rc;
}

static int run(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv)
{
	struct analyze_args A = { x->lang, { NULL, NULL }, { NULL, NULL }, NULL, { NULL, NULL }, 0,
		{ x->lang, cli_term_width(), cli_utf8(), 20, TD_VERSION, NULL, NULL, NULL, NULL } };
	struct cdiff cd;
	struct kb *kb;
	struct analysis *a;
	int rc;

	if ((rc = cli_getopt(e, x, argc, argv, on_option, &A)) >= 0)
		return rc;
	if ((rc = operands(&A, argc, argv)) != 0)
		return rc;
	memset(&cd, 0, sizeof cd);
	if ((rc = cli_load_config(A.config, A.lang, &cd, &A.ro.config)) != TD_EXIT_OK)
		return rc;
	if ((kb = cli_load_kb(x)) == NULL)
		return TD_EXIT_INPUT;
	a = analysis_new(kb);
	if ((rc = load_sides(&A, kb, a)) == TD_EXIT_OK)
		rc = print_analysis(&A, kb, a);
	analysis_free(a);
	kb_free(kb);
	cdiff_clear(&cd);
	return rc;
}

const struct cmd_entry cmd_analyze_entry = {
	"analyze",
	M_H_ANALYZE_SUMMARY,
	M_H_ANALYZE, "h", opts, run, NULL,
};
