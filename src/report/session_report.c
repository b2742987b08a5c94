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
	struct cl_item it = { node, ans, opt, BY_NONE, NULL };

	return cl_ans_label(cl, &it, l);
}

/* Markdown: a table cell or line without pipes and line breaks. */
static void md_put(FILE *f, const char *s)
{
	for (; s != NULL && *s; s++)
		fputs(*s == '|' ? "\\|" : *s == '\n' ? " " : (char[]){ *s, 0 }, f);
}

static void md_checklist(FILE *f, const struct sreport *r)
{
	const struct checklist *cl = r->cl;
	enum lang l = r->ro->lang;
	char tb[32];

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
	for (int i = 0; i < cl->npath; i++) {
		const struct cl_item *it = &cl->path[i];
		const struct tnode *n = &cl->tree->nodes[it->node];
		const struct cl_answer *a = checklist_answer_of(cl, it->node);
		char *ev = checklist_clean(it->evidence), *note = checklist_clean(a != NULL ? a->note : NULL);

		fprintf(f, "%d. **", i + 1);
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
			if (a != NULL && a->t_ms > 0 && it->by >= BY_STATUS) {
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
			fprintf(f, "   - %s: `", msg(M_EVIDENCE, l));
			md_put(f, ev);
			fputs("`\n", f);
		}
		if (note != NULL) {
			fprintf(f, "   - %s: ", msg(M_CL_NOTE, l));
			md_put(f, note);
			fputc('\n', f);
		}
		free(ev);
		free(note);
	}
	{
		char *e = echo_describe(&cl->echo, l);

		if (e != NULL)
			fprintf(f, "\n%s\n", e);
		free(e);
	}
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
		if ((e->kind == CE_START || e->kind == CE_MOVED) && e->cause >= 0)
			fprintf(f, " [%s]", cl->kb->causes[e->cause].id);
		fputc('\n', f);
	}
	/* notes on nodes the walk no longer passes */
	for (int i = 0; i < cl->nans; i++) {
		int on = 0;
		char *note;

		for (int k = 0; k < cl->npath && !on; k++)
			on = cl->path[k].node == cl->ans[i].node;
		if (on || cl->ans[i].note == NULL)
			continue;
		note = checklist_clean(cl->ans[i].note);
		fprintf(f, "- %s (", msg(M_CL_NOTE, l));
		md_put(f, txt(&cl->tree->nodes[cl->ans[i].node].text, l));
		fputs("): ", f);
		md_put(f, note);
		fputc('\n', f);
		free(note);
	}
}

int sreport_md(FILE *f, const struct sreport *r)
{
	enum lang l = r->ro->lang;
	const struct kb *kb = analysis_kb(r->an);
	const struct side *sides = analysis_sides(r->an);
	char t0[32], t1[32];
	char *buf = NULL;
	size_t len = 0;
	FILE *m;

	fmt_time(t0, sizeof t0, r->started_ms);
	fmt_time(t1, sizeof t1, r->ended_ms);
	fprintf(f, "# %s\n\n", msg(M_R_TITLE, l));
	fprintf(f, "- tunneldoc %s, kb %s\n- %s: %s — %s\n", r->ro->version, kb->revision, msg(M_TIMES, l), t0, t1);
	fprintf(f, "\n## %s\n\n", msg(M_R_GATEWAYS, l));
	for (int s = 0; s < 2; s++) {
		const struct record_side *c = r->ro->conn != NULL ? &r->ro->conn[s] : NULL;

		fprintf(f, "- %s: ", msg(s == LEFT ? M_SIDE_LEFT : M_SIDE_RIGHT, l));
		md_put(f, c != NULL && c->target != NULL ? c->target : sides[s].name != NULL ? sides[s].name : "-");
		fprintf(f, ", %s %s", msg(M_DIALECT, l), sides[s].dialect >= 0 ? kb->dialects[sides[s].dialect].id : "-");
		if (c != NULL && c->profile != NULL)
			fprintf(f, ", profile %s", c->profile);
		fprintf(f, ", %s %llu\n", msg(M_LINES, l), (unsigned long long)sides[s].nlines);
	}
	/* the analysis as the batch report prints it: ladder, findings */
	m = open_memstream(&buf, &len);
	if (m == NULL)
		return -1;
	report_text(m, r->an, r->ro);
	fclose(m);
	fprintf(f, "\n## %s\n\n```\n", msg(M_LADDER, l));
	fwrite(buf, 1, len, f);
	fputs("```\n", f);
	free(buf);
	md_checklist(f, r);
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
