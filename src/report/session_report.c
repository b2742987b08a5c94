/*
 * session_report.c - the session report for a support ticket (--report FILE,
 * tunneldoc report DIR): the analysis (both gateways, dialects, clock
 * offset, the aligned ladder, the findings with evidence) and the
 * checklist: every step with its answer, who or what answered it, the
 * evidence, the technician's notes and the times. Markdown, or JSON when
 * the file name ends in .json, written as a private file (base/privfile.h).
 * Evidence lines are redacted when they enter the model, answers and notes
 * when the checklist stores them; every text is redacted again on output.
 * The checklist's own JSON and its copy in a recorded session are in
 * checklist/persist.c.
 */
#include "report/session_report.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/privfile.h"
#include "base/util.h"
#include "checklist/persist.h"
#include "report/config_report.h"

static void fmt_time(char *buf, size_t sz, int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (ms <= 0 || localtime_r(&t, &tm) == NULL) {
		snprintf(buf, sz, "-");
		return;
	}
	strftime(buf, sz, "%Y-%m-%d %H:%M:%S", &tm);
}

static enum msg event_msg(enum cl_event_kind k)
{
	switch (k) {
	case CE_START: return M_CL_START;
	case CE_MOVED: return M_CL_MOVED;
	case CE_ANSWER: return M_CL_ANSWER;
	case CE_NOTE: return M_CL_NOTE;
	default: return M_CL_REACHED;
	}
}

static const char *ans_word(const struct checklist *cl, int node, enum cl_ans ans, int opt, enum lang l)
{
	struct cl_item it = { .node = node, .ans = ans, .opt = opt, .by = BY_NONE };

	return cl_ans_label(cl, &it, l);
}

/* Markdown: a table cell or line without pipes and line breaks. */
static void md_put(FILE *f, const char *s)
{
	for (; s != NULL && *s; s++)
		fputs(*s == '|' ? "\\|" : *s == '\n' ? " " : (char[]){ *s, 0 }, f);
}

/* One answered item: text, answer, who, when, evidence, override, note. */
static void md_item(FILE *f, const struct checklist *cl, const struct cl_item *it, int num, enum lang l)
{
	const struct tnode *n = &cl->tree->nodes[it->node];
	const struct cl_answer *a = checklist_answer_of(cl, it->node);
	char *ev = checklist_evidence_text(cl, it, l), *hint = checklist_source_hint(cl, it, l);
	char *over = checklist_override_text(cl, it, l), *note = checklist_clean(a != NULL ? a->note : NULL);
	char tb[32];

	fprintf(f, "%d. **", num);
	md_put(f, txt(&n->text, l));
	fprintf(f, "** (%s)", n->chapter);
	if (n->kind == TN_CONCLUSION) {
		fprintf(f, " — %s", msg(M_CL_CONCLUSION, l));
		if (n->cause >= 0)
			fprintf(f, ": %s", txt(&cl->kb->causes[n->cause].title, l));
	} else {
		fprintf(f, " — %s", cl_ans_label(cl, it, l));
		if (it->by != BY_NONE)
			fprintf(f, " (%s)", cl_by_label(it->by, l));
		if (a != NULL && a->t_ms > 0 && (it->by >= BY_STATUS || it->over)) {
			fmt_time(tb, sizeof tb, a->t_ms);
			fprintf(f, ", %s", tb);
		}
	}
	fputc('\n', f);
	if (n->menu.en != NULL) {
		fprintf(f, "   - %s: ", msg(M_MENU, l));
		md_put(f, txt(&n->menu, l));
		fputc('\n', f);
	}
	if (n->command != NULL)
		fprintf(f, "   - %s: `%s`\n", msg(M_COMMAND, l), n->command);
	if (ev != NULL) {
		char *c = checklist_clean(ev);

		fprintf(f, "   - %s: `", msg(M_EVIDENCE, l));
		md_put(f, c);
		fputs("`\n", f);
		free(c);
	}
	if (over != NULL) {
		char *c = checklist_clean(over);

		fputs("   - ", f);
		md_put(f, c);
		fputc('\n', f);
		free(c);
	}
	if (hint != NULL) {
		fprintf(f, "   - %s: ", msg(M_R_ASKED, l));
		md_put(f, hint);
		fputc('\n', f);
	}
	if (note != NULL) {
		fprintf(f, "   - %s: ", msg(M_CL_NOTE, l));
		md_put(f, note);
		fputc('\n', f);
	}
	free(ev);
	free(hint);
	free(over);
	free(note);
}

static int on_path(const struct checklist *cl, int node)
{
	for (int k = 0; k < cl->npath; k++)
		if (cl->path[k].node == node)
			return 1;
	return 0;
}

/* Answers given on branches the walk no longer passes (another finding
 * was followed, or the technician changed an answer). */
static void md_other_branches(FILE *f, const struct checklist *cl, enum lang l)
{
	int num = 0;

	for (int i = 0; i < cl->nans; i++) {
		const struct cl_answer *a = &cl->ans[i];
		struct cl_item it = { .node = a->node, .ans = a->ans, .opt = a->opt, .by = a->by, .evidence = a->evidence,
			.over = a->override, .was = a->was, .was_opt = a->was_opt, .was_by = a->was_by, .was_ev = a->was_ev,
			.src = checklist_source(&cl->tree->nodes[a->node]) };

		if (on_path(cl, a->node) || (a->ans == ANS_NONE && a->note == NULL))
			continue;
		if (num++ == 0)
			fprintf(f, "\n### %s\n\n", msg(M_R_OTHER_BRANCHES, l));
		md_item(f, cl, &it, num, l);
	}
}

static void md_history(FILE *f, const struct checklist *cl, enum lang l)
{
	char tb[32];

	fprintf(f, "\n### %s\n\n", msg(M_R_HISTORY, l));
	for (int i = 0; i < cl->nlog; i++) {
		const struct cl_event *e = &cl->log[i];
		const struct tnode *n = &cl->tree->nodes[e->node];

		fmt_time(tb, sizeof tb, e->t_ms);
		fprintf(f, "- %s %s: ", tb, msg(event_msg(e->kind), l));
		md_put(f, txt(&n->text, l));
		fprintf(f, " (%s)", n->chapter);
		if (e->kind == CE_ANSWER)
			fprintf(f, " → %s (%s)", ans_word(cl, e->node, e->ans, e->opt, l), cl_by_label(e->by, l));
		if (e->kind == CE_NOTE && e->text != NULL) {
			char *c = checklist_clean(e->text);

			fputs(" — ", f);
			md_put(f, c);
			free(c);
		}
		if ((e->kind == CE_START || e->kind == CE_MOVED || e->kind == CE_REACHED) && e->cause >= 0)
			fprintf(f, " [%s: %s]", msg(M_CAUSE, l), txt(&cl->kb->causes[e->cause].title, l));
		fputc('\n', f);
	}
}

static void md_checklist(FILE *f, const struct sreport *r)
{
	const struct checklist *cl = r->cl;
	enum lang l = r->ro->lang;

	fprintf(f, "\n## %s\n\n", msg(M_R_CHECKLIST, l));
	if (cl == NULL || cl->tree == NULL) {
		fprintf(f, "%s\n", msg(M_U_NONE, l));
		return;
	}
	fprintf(f, "%s: %s (%s)", msg(M_R_TREE, l), txt(&cl->tree->title, l), cl->tree->id);
	if (cl->start_cause >= 0)
		fprintf(f, "; %s: %s", msg(M_CAUSE, l), txt(&cl->kb->causes[cl->start_cause].title, l));
	else
		fprintf(f, "; %s", msg(M_CL_NO_FINDING, l));
	fputs("\n\n", f);
	for (int i = 0; i < cl->npath; i++)
		md_item(f, cl, &cl->path[i], i + 1, l);
	{
		char *e = echo_describe(&cl->echo, l);

		if (e != NULL)
			fprintf(f, "\n%s\n", e);
		free(e);
	}
	md_other_branches(f, cl, l);
	md_history(f, cl, l);
}

/* The opening summary: tunnel, gateways, top finding, conclusion, answers. */
static void md_summary(FILE *f, const struct sreport *r)
{
	enum lang l = r->ro->lang;
	const struct kb *kb = analysis_kb(r->an);
	const struct side *sides = analysis_sides(r->an);
	const struct diagnosis *dg = analysis_diagnosis(r->an);
	const struct checklist *cl = r->cl;
	int by[5] = {0}, over = 0;

	fprintf(f, "\n## %s\n\n- %s: ", msg(M_R_SUMMARY, l), msg(M_R_TUNNEL, l));
	for (int s = 0; s < 2; s++) {
		const struct record_side *c = r->ro->conn != NULL ? &r->ro->conn[s] : NULL;

		fprintf(f, "%s%s ", s ? " ⇄ " : "", msg(s == LEFT ? M_SIDE_LEFT : M_SIDE_RIGHT, l));
		md_put(f, c != NULL && c->target != NULL ? c->target : sides[s].name != NULL ? sides[s].name : "-");
		if (sides[s].nconns > 0) {
			fputs(" (", f);
			md_put(f, sides[s].conns[0]);
			fputc(')', f);
		}
	}
	fprintf(f, "\n- %s: ", msg(M_R_TOP, l));
	if (dg->n > 0 && dg->f[0].cause >= 0) {
		md_put(f, txt(&kb->causes[dg->f[0].cause].title, l));
		/* the id too: what scripts and the cause table of the README use */
		fprintf(f, " (`%s`", kb->causes[dg->f[0].cause].id);
		if (dg->f[0].nchapters > 0)
			fprintf(f, ", %s %s", msg(M_CHAPTER, l), dg->f[0].chapters[0]);
		fputc(')', f);
	} else {
		fputs(msg(M_R_NO_TOP, l), f);
	}
	fputc('\n', f);
	if (cl == NULL || cl->tree == NULL || cl->npath == 0)
		return;
	{
		const struct cl_item *last = &cl->path[cl->npath - 1];
		const struct tnode *n = &cl->tree->nodes[last->node];

		if (n->kind == TN_CONCLUSION) {
			fprintf(f, "- %s: ", msg(M_R_REACHED, l));
			md_put(f, txt(&n->text, l));
			fprintf(f, " (%s)\n", n->chapter);
		} else {
			char buf[600];

			snprintf(buf, sizeof buf, msg(M_R_NOT_REACHED, l), txt(&n->text, l));
			fputs("- ", f);
			md_put(f, buf);
			fputc('\n', f);
		}
	}
	for (int i = 0; i < cl->npath; i++)
		if (cl->path[i].ans != ANS_NONE && cl->path[i].by > BY_NONE && cl->path[i].by <= BY_CONFIG)
			by[cl->path[i].by]++;
	for (int i = 0; i < cl->nans; i++) {
		if (cl->ans[i].override && cl->ans[i].by == BY_TECHNICIAN)
			over++;
		if (!on_path(cl, cl->ans[i].node) && cl->ans[i].ans != ANS_NONE && cl->ans[i].by <= BY_TECHNICIAN)
			by[cl->ans[i].by]++;
	}
	fputs("- ", f);
	fprintf(f, msg(M_R_DONE, l), by[BY_TECHNICIAN], over, by[BY_LOGS], by[BY_STATUS], by[BY_PING]);
	fputc('\n', f);
}

static enum msg row_msg(enum row_status s)
{
	switch (s) {
	case RS_OK: return M_STATUS_OK;
	case RS_LOST: return M_STATUS_LOST;
	case RS_UNLOGGED: return M_STATUS_UNLOGGED;
	case RS_NOLOG: return M_STATUS_NOLOG;
	case RS_LOCAL: return M_STATUS_LOCAL;
	default: return M_STATUS_ONESIDED;
	}
}

/* A whole log line as evidence, `quoted`, or "-". */
static void md_line(FILE *f, const struct evref *e)
{
	char *c;

	if (e == NULL || e->text == NULL) {
		fputs("-", f);
		return;
	}
	c = checklist_clean(e->text);
	fprintf(f, "%llu `", (unsigned long long)e->line);
	md_put(f, c);
	fputc('`', f);
	free(c);
}

/* The ladder with the whole log lines (the console cuts them to fit). */
static void md_ladder(FILE *f, const struct sreport *r)
{
	const struct alignment *al = analysis_alignment(r->an);
	enum lang l = r->ro->lang;
	int from = al->ngroups > 12 ? al->ngroups - 12 : 0;

	fprintf(f, "\n## %s\n", msg(M_LADDER, l));
	for (int g = from; g < al->ngroups; g++) {
		const struct group *gr = &al->groups[g];

		fprintf(f, "\n### %s %d\n\n", msg(M_NEGOTIATION, l), g + 1);
		for (int k = 0; k < gr->nrows; k++) {
			const struct row *rw = &gr->rows[k];

			fprintf(f, "- %s: %s ", step_name(rw->step), msg(M_SIDE_LEFT, l));
			md_line(f, rw->cell[0] ? &rw->cell[0]->first : NULL);
			fprintf(f, " | %s ", msg(M_SIDE_RIGHT, l));
			md_line(f, rw->cell[1] ? &rw->cell[1]->first : NULL);
			fprintf(f, " — %s\n", msg(row_msg(rw->status), l));
		}
	}
}

/* The findings with their whole evidence lines. */
static void md_findings(FILE *f, const struct sreport *r)
{
	const struct diagnosis *dg = analysis_diagnosis(r->an);
	const struct kb *kb = analysis_kb(r->an);
	enum lang l = r->ro->lang;

	fprintf(f, "\n## %s\n\n", msg(M_FINDINGS, l));
	if (dg->progress.active) {
		char pt[160];

		nego_progress_text(&dg->progress, l, pt, sizeof pt);
		fprintf(f, "- **");
		md_put(f, pt);
		fprintf(f, "** (%s %llu)\n", msg(dg->progress.side ? M_SIDE_RIGHT : M_SIDE_LEFT, l),
		    (unsigned long long)dg->progress.line);
	} else if (dg->n == 0) {
		fprintf(f, "%s\n", msg(analysis_no_finding(r->an), l));
	}
	for (int i = 0; i < dg->n && i < 10; i++) {
		const struct finding *x = &dg->f[i];

		fprintf(f, "%d. **", i + 1);
		md_put(f, x->title != NULL ? txt(x->title, l) : "-");
		fprintf(f, "** [%s]", severity_name(x->severity));
		if (x->cause >= 0) {
			fprintf(f, " — %s: ", msg(M_CAUSE, l));
			md_put(f, txt(&kb->causes[x->cause].title, l));
		}
		if (x->nchapters > 0)
			fprintf(f, " (%s %s)", msg(M_CHAPTER, l), x->chapters[0]);
		fputc('\n', f);
		if (x->resolved) {
			char rt[1024], *c;

			finding_resolved_text(x, l, rt, sizeof rt);
			c = checklist_clean(rt);
			fputs("   - **", f);
			md_put(f, c);
			fputs("**\n", f);
			free(c);
		}
		for (int k = 0; k < x->nev; k++) {
			if (x->ev[k].text == NULL)
				continue;
			fprintf(f, "   - %s %llu: `", msg(x->ev[k].side == RIGHT ? M_SIDE_RIGHT : M_SIDE_LEFT, l),
			    (unsigned long long)x->ev[k].line);
			{
				char *c = checklist_clean(x->ev[k].text);

				md_put(f, c);
				free(c);
			}
			fputs("`\n", f);
		}
	}
}

/* What every run (r) showed, as the console's result pane showed it. */
static void md_runs(FILE *f, const struct sreport *r)
{
	const struct checklist *cl = r->cl;
	enum lang l = r->ro->lang;

	if (cl == NULL || cl->tree == NULL || cl->nruns == 0)
		return;
	fprintf(f, "\n## %s\n", msg(M_R_RUNS, l));
	for (int i = 0; i < cl->nruns; i++) {
		char t[32], *c = checklist_clean(cl->runs[i].text);

		fmt_time(t, sizeof t, cl->runs[i].t_ms);
		fprintf(f, "\n%s (%s, %s)\n\n```\n%s\n```\n", cl->tree->nodes[cl->runs[i].node].id, t,
		    msg(cl->runs[i].ok ? M_A_DONE : M_A_FAILED, l), c != NULL ? c : "");
		free(c);
	}
}

int sreport_md(FILE *f, const struct sreport *r)
{
	enum lang l = r->ro->lang;
	const struct kb *kb = analysis_kb(r->an);
	const struct side *sides = analysis_sides(r->an);
	char t0[32], t1[32];

	fmt_time(t0, sizeof t0, r->started_ms);
	fmt_time(t1, sizeof t1, r->ended_ms);
	fprintf(f, "# %s\n\n", msg(M_R_TITLE, l));
	fprintf(f, "- tunneldoc %s, kb %s\n- %s: %s — %s\n", r->ro->version, kb->revision, msg(M_R_PERIOD, l), t0, t1);
	md_summary(f, r);
	fprintf(f, "\n## %s\n\n", msg(M_R_GATEWAYS, l));
	for (int s = 0; s < 2; s++) {
		const struct record_side *c = r->ro->conn != NULL ? &r->ro->conn[s] : NULL;

		fprintf(f, "- %s: ", msg(s == LEFT ? M_SIDE_LEFT : M_SIDE_RIGHT, l));
		md_put(f, c != NULL && c->target != NULL ? c->target : sides[s].name != NULL ? sides[s].name : "-");
		fprintf(f, ", %s %s", msg(M_DIALECT, l), sides[s].dialect >= 0 ? kb->dialects[sides[s].dialect].id : "-");
		if (c != NULL && c->profile != NULL)
			fprintf(f, msg(M_R_PROFILE, l), c->profile);
		fputs(", ", f);
		fprintf(f, msg_n(M_R_LINES_N, sides[s].nlines, l), (unsigned long long)sides[s].nlines);
		fputc('\n', f);
	}
	md_findings(f, r);
	config_md(f, r->ro->config, l);
	md_ladder(f, r);
	md_checklist(f, r);
	md_runs(f, r);
	return ferror(f) ? -1 : 0;
}

/* The session report's own keys after the analysis document's. */
static void session_keys(FILE *f, const void *ctx)
{
	const struct sreport *r = ctx;
	json_object *rep = json_object_new_object(), *cl = checklist_json(r->cl, r->ro->lang);

	json_object_object_add(rep, "started_ms", json_object_new_int64(r->started_ms));
	json_object_object_add(rep, "ended_ms", json_object_new_int64(r->ended_ms));
	fprintf(f, ",\n  \"report\": %s,\n  \"checklist\": %s",
	    json_object_to_json_string_ext(rep, JSON_C_TO_STRING_PLAIN),
	    json_object_to_json_string_ext(cl, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(rep);
	json_object_put(cl);
}

int sreport_json(FILE *f, const struct sreport *r)
{
	struct report_opts ro = *r->ro;

	ro.json_extra = session_keys;
	ro.json_extra_ctx = r;
	return report_json(f, r->an, &ro);
}

int sreport_write(const char *path, const struct sreport *r)
{
	struct privfile pf;
	int rc, e;

	if (privfile_begin(&pf, path) != 0)
		return -1;
	errno = 0;
	rc = str_endswith(path, ".json") ? sreport_json(pf.f, r) : sreport_md(pf.f, r);
	if (rc != 0 || ferror(pf.f)) {
		e = errno != 0 ? errno : EIO;
		privfile_abort(&pf);
		errno = e;
		return -1;
	}
	return privfile_commit(&pf);
}
