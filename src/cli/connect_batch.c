/*
 * connect_batch.c - 'connect --batch' and 'snapshot': both gateways stream
 * into one analysis for a fixed time (Ctrl-C or SIGTERM ends it earlier and
 * it still reports), then the analysis is printed as 'analyze' prints it,
 * with each side's connection state; a snapshot prints what it fetched.
 * See connect.h.
 */
#include "cli/connect.h"
#include "cli/cli.h"
#include "base/clock.h"
#include "base/progress.h"
#include "base/util.h"
#include "checklist/checklist.h"
#include "checklist/persist.h"
#include "config/cdiff.h"
#include "kb/kb.h"
#include "pipeline/analysis.h"
#include "report/analysis_report.h"
#include "report/session_report.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t batch_stop;

/* Ctrl-C or SIGTERM ends a batch session early; it still reports. */
static void on_batch_signal(int sig)
{
	(void)sig;
	batch_stop = 1;
}

/* Batch: lines go straight into the analysis. */
static void batch_line(void *ctx, int side, const char *line, size_t len)
{
	analysis_feed(ctx, (enum side_id)side, line, len);
}

static void stream(struct session *s, struct connect_args *A)
{
	struct sigaction sa;
	struct progress pg;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_batch_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	progress_init(&pg, A->lang);
	session_run_batch(s, A->duration, &batch_stop, &pg);
}

/* A snapshot: per side, where from and how many lines. */
static void print_snapshot(const struct record_side conn[2], enum lang lang)
{
	for (int k = 0; k < 2; k++)
		if (conn[k].target != NULL)
			printf("%s: %s %llu %s (%s)\n", msg(k ? M_SIDE_RIGHT : M_SIDE_LEFT, lang), conn[k].target,
			    (unsigned long long)conn[k].lines, msg_n(M_LINES, conn[k].lines, lang), conn[k].state);
}

/* The analysis, the report and the recording's checklist.json. */
static int print_batch(struct connect_args *A, struct analysis *a, const struct kb *kb,
    const struct report_opts *ro, int64_t t_start)
{
	struct checklist cl;
	struct sreport sr = { a, &cl, ro, t_start, wall_ms() };
	int rc = TD_EXIT_OK;

	cli_batch_checklist(a, kb, &cl, ro->config);
	if (A->json)
		sreport_json(stdout, &sr);
	else
		report_text(stdout, a, ro);
	if (A->report != NULL && cli_write_report(A->report, &sr, A->lang) != 0)
		rc = TD_EXIT_INPUT;
	if (A->so.record_dir != NULL) {
		char *p = xasprintf("%s/checklist.json", A->so.record_dir);

		if (checklist_save(&cl, p) != 0) {
			cli_error(A->lang, M_CLI_CANNOT_SAVE_CHECKLIST, p, strerror(errno));
			rc = TD_EXIT_INPUT;
		}
		free(p);
	}
	checklist_clear(&cl);
	return rc;
}

/* On standard error: a gateway never reached, with its last error (what
 * failed and what to do), or a gateway that failed for good later. */
static void report_side(const struct connect_args *A, const struct session *s, const struct record_side conn[2], int k)
{
	const char *side = msg(k ? M_SIDE_RIGHT : M_SIDE_LEFT, A->lang);

	if (session_unreached(s, k) && conn[k].error != NULL)
		cli_error(A->lang, M_CLI_GW_NOT_REACHED, side, conn[k].target, conn[k].error);
	else if (session_unreached(s, k))
		/* the option that sets the session's length: snapshot --timeout,
		 * connect --duration */
		cli_error(A->lang, M_CLI_GW_NO_ANSWER, side, conn[k].target, A->duration,
		    A->snap ? "--timeout" : "--duration");
	else if (conn[k].error != NULL && conn[k].state != NULL && strcmp(conn[k].state, "failed") == 0)
		fprintf(stderr, "tunneldoc: %s\n", conn[k].error);
}

/* After the stream: what failed, and the outputs. */
static int finish(struct connect_args *A, struct session *s, struct analysis *a, const struct kb *kb, int64_t t_start)
{
	struct record_side conn[2];
	struct report_opts ro = { A->lang, cli_term_width(), 1, 20, TD_VERSION, conn, NULL, NULL, NULL };

	ro.config = A->config;
	int rc = TD_EXIT_OK;

	session_conn(s, conn);
	for (int k = 0; k < 2; k++)
		report_side(A, s, conn, k);
	if (session_all_failed(s) || session_none_reached(s))
		rc = TD_EXIT_INPUT;
	if (A->snap)
		print_snapshot(conn, A->lang);
	else if (print_batch(A, a, kb, &ro, t_start) != TD_EXIT_OK)
		rc = TD_EXIT_INPUT;
	return rc;
}

int connect_batch(struct connect_args *A, struct kb *kb)
{
	struct analysis *a;
	struct session *s;
	char *err = NULL;
	int64_t t_start;
	struct cdiff cd;
	int rc;

	memset(&cd, 0, sizeof cd);
	A->so.kb = kb;
	a = analysis_new(kb);
	s = session_new(&A->so, batch_line, a, &err);
	if (s == NULL) {
		cli_cause(err);
		analysis_free(a);
		kb_free(kb);
		return TD_EXIT_USAGE;
	}
	for (int k = 0; k < 2; k++)
		if (A->so.side[k].target != NULL)
			analysis_open_side(a, (enum side_id)k, A->so.side[k].target, session_dialect(s, k));
	t_start = wall_ms();
	if (!A->snap && connect_config(s, A, &cd, NULL) == 0)
		A->config = &cd;
	stream(s, A);
	analysis_run(a);
	rc = finish(A, s, a, kb, t_start);
	/* the recording is complete only once the session is closed */
	if (session_free(s) != 0) {
		cli_error(A->lang, M_CLI_RECORDING_INCOMPLETE, A->so.record_dir);
		rc = TD_EXIT_INPUT;
	} else if (A->snap && rc == 0) {
		printf("%s: %s\n", msg(M_CLI_SNAPSHOT_WRITTEN, A->lang), A->so.record_dir);
	}
	cdiff_clear(&cd);
	A->config = NULL;
	analysis_free(a);
	kb_free(kb);
	return rc;
}
