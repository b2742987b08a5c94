/*
 * cmd_open.c - tunneldoc open: the console on one or two logs (files,
 * support snapshot directories, recorded sessions), optionally replayed.
 */
#include "cli/cmd.h"
#include "cli/cli.h"
#include "input/source.h"
#include "config/cdiff.h"
#include "kb/kb.h"
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>

enum { O_REPLAY = 1000, O_SPEED, O_LDIA, O_RDIA, O_ASCII, O_BENCH, O_REPORT, O_NOMOUSE, O_LCONF, O_RCONF };

static const struct option opts[] = {
	{ "report", required_argument, NULL, O_REPORT },
	{ "replay", no_argument, NULL, O_REPLAY }, { "speed", required_argument, NULL, O_SPEED },
	{ "left-dialect", required_argument, NULL, O_LDIA }, { "right-dialect", required_argument, NULL, O_RDIA },
	{ "ascii", no_argument, NULL, O_ASCII }, { "bench", required_argument, NULL, O_BENCH },
	{ "no-mouse", no_argument, NULL, O_NOMOUSE },
	{ "left-config", required_argument, NULL, O_LCONF }, { "right-config", required_argument, NULL, O_RCONF },
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};

struct open_args {
	enum lang lang;
	struct ui_opts uo;
	const char *dia[2];
	const char *config[2];
};

static int on_option(void *st, int c, const char *arg)
{
	struct open_args *A = st;

	switch (c) {
	case O_REPLAY: A->uo.replay = 1; break;
	case O_SPEED:
		A->uo.speed = atof(arg);
		if (A->uo.speed <= 0 || A->uo.speed > 1024)
			return cli_usage(A->lang, M_CLI_BAD_SPEED, arg);
		break;
	case O_LDIA: A->dia[0] = arg; break;
	case O_RDIA: A->dia[1] = arg; break;
	case O_ASCII: A->uo.ascii = 1; break;
	case O_NOMOUSE: A->uo.no_mouse = 1; break;
	case O_BENCH: A->uo.bench = arg; break;
	case O_REPORT: A->uo.report = arg; break;
	case O_LCONF: A->config[0] = arg; break;
	case O_RCONF: A->config[1] = arg; break;
	}
	return 0;
}

static int operands(struct open_args *A, int argc, char **argv)
{
	for (int i = optind; i < argc; i++) {
		if (A->uo.path[0] == NULL)
			A->uo.path[0] = argv[i];
		else if (A->uo.path[1] == NULL)
			A->uo.path[1] = argv[i];
		else
			return cli_usage(A->lang, M_CLI_TOO_MANY_LOGS, argv[i]);
	}
	if (A->uo.path[0] == NULL)
		return cli_usage(A->lang, M_CLI_NEED_LOG, "open");
	if (A->uo.path[1] == NULL && source_is_session_dir(A->uo.path[0]))
		A->uo.path[1] = A->uo.path[0];
	return 0;
}

/* Dialects and logs are checked before the console takes the terminal. */
static int check_inputs(struct open_args *A, const struct kb *kb)
{
	char *cause = NULL;

	for (int s = 0; s < 2; s++)
		if (A->dia[s] != NULL && (A->uo.dialect[s] = kb_dialect_index(kb, A->dia[s])) < 0)
			return cli_usage(A->lang, M_CLI_BAD_DIALECT, A->dia[s]);
	for (int s = 0; s < 2; s++)
		if (A->uo.path[s] != NULL && source_check(A->uo.path[s], (enum side_id)s, A->lang, &cause) != 0) {
			cli_cause(cause);
			return TD_EXIT_INPUT;
		}
	return TD_EXIT_OK;
}

static int run(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv)
{
	struct open_args A = { x->lang, { NULL, { NULL, NULL }, { -1, -1 }, x->lang, 0, 1.0, 0, NULL, NULL, NULL, { NULL, NULL }, 0, NULL, NULL, NULL },
		{ NULL, NULL }, { NULL, NULL } };
	struct cdiff cd;
	struct kb *kb;
	int rc;

	if ((rc = cli_getopt(e, x, argc, argv, on_option, &A)) >= 0)
		return rc;
	if ((rc = operands(&A, argc, argv)) != 0)
		return rc;
	if (A.uo.bench == NULL && (rc = cli_need_tty(x->lang, "tunneldoc analyze")) != 0)
		return rc;
	if ((rc = cli_report_writable(A.uo.report, x->lang)) != TD_EXIT_OK)
		return rc;
	if ((kb = cli_load_kb(x)) == NULL)
		return TD_EXIT_INPUT;
	if ((rc = check_inputs(&A, kb)) != TD_EXIT_OK ||
	    (rc = cli_load_config(A.config, x->lang, &cd, &A.uo.config)) != TD_EXIT_OK) {
		kb_free(kb);
		return rc;
	}
	rc = cli_run_console(&A.uo, NULL, kb, x->lang);
	if (A.uo.config != NULL)
		cdiff_clear(&cd);
	return rc;
}

const struct cmd_entry cmd_open_entry = {
	"open",
	M_H_OPEN_SUMMARY,
	M_H_OPEN, "h", opts, run, NULL,
};
