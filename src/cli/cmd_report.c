/*
 * cmd_report.c - tunneldoc report DIR: the session report of a recorded
 * session or a support snapshot, rebuilt from its logs, DIR/session.json
 * (the connection facts) and DIR/checklist.json (the console's answers).
 */
#include "cli/cmd.h"
#include "cli/cli.h"
#include "checklist/checklist.h"
#include "checklist/persist.h"
#include "input/record.h"
#include "input/source.h"
#include "base/util.h"
#include "kb/kb.h"
#include "pipeline/analysis.h"
#include "report/analysis_report.h"
#include "report/session_report.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct option opts[] = {
	{ "json", no_argument, NULL, 'j' }, { "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};

struct report_args {
	const char *out, *dir;
	int json;
	/* DIR/session.json (kept: conn points into it) */
	json_object *meta;
	struct record_side conn[2];
	int64_t t0, t1;
};

static int on_option(void *st, int c, const char *arg)
{
	struct report_args *A = st;

	if (c == 'j')
		A->json = 1;
	else if (c == 'o')
		A->out = arg;
	return 0;
}

/* One side's connection facts of session.json. */
static void side_meta(json_object *so, struct record_side *c)
{
	json_object *v;

	if (json_object_object_get_ex(so, "target", &v) && json_object_is_type(v, json_type_string))
		c->target = json_object_get_string(v);
	if (json_object_object_get_ex(so, "profile", &v) && json_object_is_type(v, json_type_string))
		c->profile = json_object_get_string(v);
	if (json_object_object_get_ex(so, "state", &v) && json_object_is_type(v, json_type_string))
		c->state = json_object_get_string(v);
	if (json_object_object_get_ex(so, "lines", &v))
		c->lines = (uint64_t)json_object_get_int64(v);
	if (json_object_object_get_ex(so, "reconnects", &v))
		c->reconnects = json_object_get_int(v);
}

/* Connection facts from DIR/session.json (all optional). */
static void session_meta(struct report_args *A)
{
	char *p = xasprintf("%s/session.json", A->dir);
	json_object *o = json_object_from_file(p), *ss, *v;

	free(p);
	A->meta = o;
	if (o == NULL)
		return;
	if (json_object_object_get_ex(o, "started_ms", &v))
		A->t0 = json_object_get_int64(v);
	if (json_object_object_get_ex(o, "ended_ms", &v))
		A->t1 = json_object_get_int64(v);
	if (!json_object_object_get_ex(o, "sides", &ss))
		return;
	for (int k = 0; k < 2; k++) {
		json_object *so;

		if (json_object_object_get_ex(ss, k ? "right" : "left", &so))
			side_meta(so, &A->conn[k]);
	}
}

/* The logs of the directory into the analysis; an exit status. */
static int load_logs(struct report_args *A, struct analysis *a, enum lang lang)
{
	int logs = 0, rc = TD_EXIT_OK;

	for (int s = 0; s < 2; s++) {
		char *f = source_pick_in_dir(A->dir, (enum side_id)s);

		if (f == NULL)
			continue;
		analysis_open_side(a, (enum side_id)s, A->conn[s].target != NULL ? A->conn[s].target : f, -1);
		if (cli_feed(a, s, f, lang) != 0)
			rc = TD_EXIT_INPUT;
		else
			logs++;
		free(f);
	}
	if (logs == 0 && rc == TD_EXIT_OK) {
		cli_error(lang, M_CLI_NOT_A_SESSION, A->dir);
		rc = TD_EXIT_INPUT;
	}
	return rc;
}

/* The checklist as recorded, synced with the logs, and the report. */
static int write_out(struct report_args *A, struct analysis *a, struct checklist *cl, const struct report_opts *ro)
{
	struct sreport sr = { a, cl, ro, A->t0, A->t1 };
	struct cl_world w;
	char *p = xasprintf("%s/checklist.json", A->dir), *cause = NULL;
	int r = checklist_restore(cl, p, ro->lang, &cause);

	free(p);
	if (r != 0) {
		cli_cause(cause);
		return TD_EXIT_INPUT;
	}
	memset(&w, 0, sizeof w);
	w.complete = 1;
	w.now_ms = A->t1;
	checklist_sync(cl, analysis_sides(a), analysis_alignment(a), analysis_diagnosis(a), &w);
	if (A->out != NULL)
		return cli_write_report(A->out, &sr, ro->lang) != 0 ? TD_EXIT_INPUT : TD_EXIT_OK;
	if ((A->json ? sreport_json(stdout, &sr) : sreport_md(stdout, &sr)) != 0 || fflush(stdout) != 0)
		return TD_EXIT_INPUT;
	return TD_EXIT_OK;
}

static int run(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv)
{
	struct report_args A;
	struct report_opts ro = { x->lang, 100, 1, 20, TD_VERSION, NULL, NULL, NULL, NULL };
	struct checklist cl;
	struct analysis *a;
	struct kb *kb;
	int rc;

	memset(&A, 0, sizeof A);
	if ((rc = cli_getopt(e, x, argc, argv, on_option, &A)) >= 0)
		return rc;
	if (optind + 1 != argc)
		return cli_usage(x->lang, M_CLI_NEED_SESSION_DIR);
	A.dir = argv[optind];
	if ((kb = cli_load_kb(x)) == NULL)
		return TD_EXIT_INPUT;
	session_meta(&A);
	if (A.meta != NULL)
		ro.conn = A.conn;
	a = analysis_new(kb);
	rc = load_logs(&A, a, x->lang);
	analysis_run(a);
	checklist_init(&cl, kb);
	if (rc == TD_EXIT_OK)
		rc = write_out(&A, a, &cl, &ro);
	checklist_clear(&cl);
	analysis_free(a);
	json_object_put(A.meta);
	kb_free(kb);
	return rc;
}

const struct cmd_entry cmd_report_entry = {
	"report",
	M_H_REPORT_SUMMARY,
	M_H_REPORT, "ho:", opts, run, NULL,
};
