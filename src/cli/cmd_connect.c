/*
 * cmd_connect.c - tunneldoc connect and tunneldoc snapshot: their options,
 * the defaults for both sides, and the console of a live session. The
 * site book merge is connect_site.c, the batch loop connect_batch.c.
 */
#include "cli/connect.h"
#include "cli/cli.h"
#include "kb/kb.h"
#include "ui.h"

#include <stdlib.h>
#include <string.h>

enum { O_PROFILE = 1000, O_LPROF, O_RPROF, O_LOGCMD, O_LLOG, O_RLOG, O_KH, O_ACCEPT, O_SSHCFG,
	O_BACKLOG, O_RECORD, O_BATCH, O_DURATION, O_JSON, O_CTIMEOUT, O_LOGFILE, O_LLF, O_RLF, O_OUT, O_TIMEOUT,
	O_REPORT, O_LLAN, O_RLAN, O_STATUS, O_LSTATUS, O_RSTATUS, O_JUMP, O_LJUMP, O_RJUMP, O_ASCII, O_NOMOUSE,
	O_CFGCMD, O_LCFGCMD, O_RCFGCMD, O_LSECRETS, O_RSECRETS, O_NOCONFIG };

static const struct option opts[] = {
	{ "profile", required_argument, NULL, O_PROFILE }, { "left-profile", required_argument, NULL, O_LPROF },
	{ "right-profile", required_argument, NULL, O_RPROF }, { "log-cmd", required_argument, NULL, O_LOGCMD },
	{ "left-log-cmd", required_argument, NULL, O_LLOG }, { "right-log-cmd", required_argument, NULL, O_RLOG },
	{ "known-hosts", required_argument, NULL, O_KH }, { "accept-new", no_argument, NULL, O_ACCEPT },
	{ "ssh-config", required_argument, NULL, O_SSHCFG }, { "backlog", required_argument, NULL, O_BACKLOG },
	{ "record", required_argument, NULL, O_RECORD }, { "batch", no_argument, NULL, O_BATCH },
	{ "duration", required_argument, NULL, O_DURATION }, { "json", no_argument, NULL, O_JSON },
	{ "connect-timeout", required_argument, NULL, O_CTIMEOUT }, { "help", no_argument, NULL, 'h' },
	{ "log-file", required_argument, NULL, O_LOGFILE }, { "left-log-file", required_argument, NULL, O_LLF },
	{ "right-log-file", required_argument, NULL, O_RLF },
	{ "out", required_argument, NULL, O_OUT }, { "timeout", required_argument, NULL, O_TIMEOUT },
	{ "report", required_argument, NULL, O_REPORT }, { "left-lan", required_argument, NULL, O_LLAN },
	{ "right-lan", required_argument, NULL, O_RLAN }, { "status-cmd", required_argument, NULL, O_STATUS },
	{ "left-status-cmd", required_argument, NULL, O_LSTATUS }, { "right-status-cmd", required_argument, NULL, O_RSTATUS },
	{ "jump", required_argument, NULL, O_JUMP }, { "left-jump", required_argument, NULL, O_LJUMP },
	{ "right-jump", required_argument, NULL, O_RJUMP },
	{ "ascii", no_argument, NULL, O_ASCII }, { "no-mouse", no_argument, NULL, O_NOMOUSE },
	{ "config-cmd", required_argument, NULL, O_CFGCMD }, { "left-config-cmd", required_argument, NULL, O_LCFGCMD },
	{ "right-config-cmd", required_argument, NULL, O_RCFGCMD }, { "left-secrets", required_argument, NULL, O_LSECRETS },
	{ "right-secrets", required_argument, NULL, O_RSECRETS }, { "no-config", no_argument, NULL, O_NOCONFIG },
	{ NULL, 0, NULL, 0 },
};

/* The options that take a value to check. */
static int on_checked(struct connect_args *A, int c, const char *arg)
{
	switch (c) {
	case O_JUMP:
	case O_LJUMP:
	case O_RJUMP:
		if (*arg == '\0' || *arg == '-' || strpbrk(arg, " \t'\"`$\\;|&<>(){}*?") != NULL)
			return cli_usage(A->lang, M_CLI_BAD_JUMP, arg);
		if (c == O_JUMP)
			A->jump = arg;
		else
			A->so.side[c == O_RJUMP].jump = arg;
		break;
	case O_BACKLOG:
		if (cli_parse_int(arg, 0, 10000000, &A->so.backlog) != 0)
			return cli_usage(A->lang, M_CLI_BAD_BACKLOG, arg);
		break;
	case O_RECORD:
	case O_OUT:
		if ((c == O_OUT) != A->snap)
			return cli_usage(A->lang, M_CLI_OTHER_COMMAND, c == O_OUT ? "--out" : "--record");
		A->so.record_dir = arg;
		break;
	case O_TIMEOUT:
		A->duration = atof(arg);
		if (!A->snap || A->duration <= 0 || A->duration > 3600)
			return cli_usage(A->lang, M_CLI_BAD_TIMEOUT, arg);
		break;
	case O_LLAN:
	case O_RLAN:
		if (strspn(arg, "0123456789abcdefABCDEF.:") != strlen(arg) || *arg == '\0' || strlen(arg) > 63)
			return cli_usage(A->lang, M_CLI_BAD_LAN, arg);
		A->lan[c == O_RLAN] = arg;
		break;
	case O_DURATION:
		A->duration = atof(arg);
		if (A->duration <= 0 || A->duration > 86400)
			return cli_usage(A->lang, M_CLI_BAD_DURATION, arg);
		break;
	case O_CTIMEOUT:
		if (cli_parse_int(arg, 1, 600, &A->so.connect_timeout) != 0)
			return cli_usage(A->lang, M_CLI_BAD_CONNECT_TIMEOUT, arg);
		break;
	}
	return 0;
}

static int on_option(void *st, int c, const char *arg)
{
	struct connect_args *A = st;
	struct session_opts *so = &A->so;

	switch (c) {
	case O_PROFILE: A->prof = arg; break;
	case O_LPROF: so->side[0].profile = arg; break;
	case O_RPROF: so->side[1].profile = arg; break;
	case O_LOGCMD: A->logcmd = arg; break;
	case O_LLOG: so->side[0].log_cmd = arg; break;
	case O_RLOG: so->side[1].log_cmd = arg; break;
	case O_LOGFILE: A->logfile = arg; break;
	case O_STATUS: A->statuscmd = arg; break;
	case O_LSTATUS: so->side[0].status_cmd = arg; break;
	case O_RSTATUS: so->side[1].status_cmd = arg; break;
	case O_LLF: so->side[0].log_file = arg; break;
	case O_RLF: so->side[1].log_file = arg; break;
	case 'i': so->identity = arg; break;
	case O_KH: so->known_hosts = arg; break;
	case O_ACCEPT: so->accept_new = 1; break;
	case O_SSHCFG: so->ssh_config = arg; break;
	case O_BATCH: A->batch = 1; break;
	case O_ASCII: A->ascii = 1; break;
	case O_NOMOUSE: A->no_mouse = 1; break;
	case O_REPORT: A->report = arg; break;
	case O_JSON: A->json = 1; break;
	case O_CFGCMD: A->cfgcmd_both = arg; break;
	case O_LCFGCMD: A->cfgcmd[0] = arg; break;
	case O_RCFGCMD: A->cfgcmd[1] = arg; break;
	case O_LSECRETS: A->secrets[0] = arg; break;
	case O_RSECRETS: A->secrets[1] = arg; break;
	case O_NOCONFIG: A->no_config = 1; break;
	default: return on_checked(A, c, arg);
	}
	return 0;
}

/* The gateways: two targets, or one that may name a site. */
static int operands(struct connect_args *A, int argc, char **argv)
{
	for (int i = optind; i < argc; i++) {
		if (A->ntargets >= 2)
			return cli_usage(A->lang, M_CLI_TOO_MANY_GATEWAYS, argv[i]);
		A->so.side[A->ntargets++].target = argv[i];
	}
	if (A->ntargets == 0)
		return cli_usage(A->lang, M_CLI_NEED_GATEWAYS);
	return A->ntargets == 1 ? connect_apply_site(A) : TD_EXIT_OK;
}

/* What was given for both sides fills what a side was not given. */
static void both_sides(struct connect_args *A)
{
	for (int k = 0; k < 2; k++) {
		struct session_side_opts *o = &A->so.side[k];

		if (o->profile == NULL)
			o->profile = A->prof != NULL ? A->prof : "auto";
		if (o->log_cmd == NULL)
			o->log_cmd = A->logcmd;
		if (o->log_file == NULL)
			o->log_file = A->logfile;
		if (o->status_cmd == NULL)
			o->status_cmd = A->statuscmd;
		if (o->jump == NULL)
			o->jump = A->jump;
		if (A->cfgcmd[k] == NULL)
			A->cfgcmd[k] = A->cfgcmd_both;
	}
}

/* A snapshot needs its directory and a shell on both gateways. */
static int snapshot_checks(struct connect_args *A)
{
	if (A->so.record_dir == NULL)
		return cli_usage(A->lang, M_CLI_SNAPSHOT_NEEDS_OUT);
	for (int k = 0; k < 2; k++)
		if (A->so.side[k].profile != NULL && strcmp(A->so.side[k].profile, "lancom") == 0)
			return cli_usage(A->lang, M_CLI_SNAPSHOT_LANCOM);
	A->batch = 1;
	return TD_EXIT_OK;
}

/* The console's configuration comparison, once both sides stream. */
static int fetch_config(void *ctx, struct session *s, struct cdiff *d, char **why)
{
	return connect_config(s, ctx, d, why);
}

/* The live session in the console. */
static int console(struct connect_args *A, const struct cli_ctx *x)
{
	struct ui_opts uo = { NULL, { NULL, NULL }, { -1, -1 }, A->lang, 0, 1.0, A->ascii, NULL, &A->so, A->report,
		{ A->lan[0], A->lan[1] }, A->no_mouse, NULL, A->no_config ? NULL : fetch_config, A };
	struct kb *kb;
	int rc;

	if (A->json)
		return cli_usage(A->lang, M_CLI_JSON_NEEDS_BATCH);
	A->so.interactive = 1;
	if ((rc = cli_need_tty(A->lang, "tunneldoc connect --batch")) != 0)
		return rc;
	if ((kb = cli_load_kb(x)) == NULL)
		return TD_EXIT_INPUT;
	return cli_run_console(&uo, &A->so, kb, A->lang);
}

static int run(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv)
{
	struct connect_args A;
	struct kb *kb;
	int rc;

	memset(&A, 0, sizeof A);
	A.lang = A.so.lang = x->lang;
	A.snap = A.so.snapshot = e == &cmd_snapshot_entry;
	A.duration = A.snap ? 60 : 30;
	if ((rc = cli_getopt(e, x, argc, argv, on_option, &A)) >= 0)
		return rc;
	if ((rc = operands(&A, argc, argv)) != TD_EXIT_OK)
		return rc;
	both_sides(&A);
	if (A.snap && (rc = snapshot_checks(&A)) != TD_EXIT_OK)
		return rc;
	if ((rc = cli_report_writable(A.report, x->lang)) != TD_EXIT_OK)
		return rc;
	if (!A.batch)
		return console(&A, x);
	if ((kb = cli_load_kb(x)) == NULL)
		return TD_EXIT_INPUT;
	return connect_batch(&A, kb);
}

const struct cmd_entry cmd_connect_entry = {
	"connect",
	M_H_CONNECT_SUMMARY,
	M_H_CONNECT, "hi:", opts, run, "tunneldoc connect",
};

const struct cmd_entry cmd_snapshot_entry = {
	"snapshot",
	M_H_SNAPSHOT_SUMMARY,
	M_H_SNAPSHOT, "hi:", opts, run, "tunneldoc snapshot",
};
