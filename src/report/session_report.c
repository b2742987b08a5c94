/*
 * session_report.c - the session report for a support ticket (--report FILE,
 * tunneldoc report DIR): the analysis (both gateways, dialects, clock
 * offset, the aligned ladder, the findings with evidence) and the
 * checklist: every step with its answer, who or what answered it, the
 * evidence, the technician's notes and the times. Markdown, or JSON when
 * the file name ends in .json. Evidence lines are redacted when they enter
 * the model; notes and run output are redacted here.
 *
 * The checklist's answers are also saved into a recorded session
 * (DIR/checklist.json) so that `tunneldoc report DIR` can rebuild the
 * report later from the recording.
 */
#include "report/session_report.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/redact.h"
#include "base/util.h"

static char *clean(const char *s)
{
	char *r, *c;

	if (s == NULL)
		return NULL;
	r = redact_dup(s, strlen(s));
	c = utf8_clean_dup(r);
	free(r);
	return c;
}

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
		char *ev = clean(it->evidence), *note = clean(a != NULL ? a->note : NULL);

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
		note = clean(cl->ans[i].note);
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

static json_object *jstr(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

static json_object *jtext(const struct text *t, enum lang l)
{
	return jstr(txt(t, l));
}

json_object *checklist_json(const struct checklist *cl, enum lang l)
{
	json_object *o = json_object_new_object(), *p = json_object_new_array(), *h = json_object_new_array(),
		    *ans = json_object_new_array();

	if (cl == NULL || cl->tree == NULL) {
		json_object_object_add(o, "tree", NULL);
		json_object_object_add(o, "path", p);
		json_object_object_add(o, "history", h);
		json_object_object_add(o, "answers", ans);
		return o;
	}
	json_object_object_add(o, "tree", jstr(cl->tree->id));
	json_object_object_add(o, "start", jstr(cl->tree->nodes[cl->start].id));
	json_object_object_add(o, "start_cause", cl->start_cause >= 0 ? jstr(cl->kb->causes[cl->start_cause].id) : NULL);
	for (int i = 0; i < cl->npath; i++) {
		const struct cl_item *it = &cl->path[i];
		const struct tnode *n = &cl->tree->nodes[it->node];
		const struct cl_answer *a = checklist_answer_of(cl, it->node);
		json_object *e = json_object_new_object();
		char *ev = clean(it->evidence), *note = clean(a != NULL ? a->note : NULL);

		json_object_object_add(e, "node", jstr(n->id));
		json_object_object_add(e, "kind", jstr(tnode_kind_name(n->kind)));
		json_object_object_add(e, "chapter", jstr(n->chapter));
		json_object_object_add(e, "text", jtext(&n->text, l));
		json_object_object_add(e, "answer", jstr(cl_ans_name(it->ans)));
		if (it->ans == ANS_OPTION)
			json_object_object_add(e, "option", jtext(&n->opts[it->opt].text, l));
		json_object_object_add(e, "answer_text", jstr(n->kind == TN_CONCLUSION ? NULL : cl_ans_label(cl, it, l)));
		json_object_object_add(e, "by", it->by != BY_NONE ? jstr(cl_by_name(it->by)) : NULL);
		json_object_object_add(e, "evidence", jstr(ev));
		json_object_object_add(e, "note", jstr(note));
		json_object_object_add(e, "time_ms", a != NULL && a->t_ms > 0 && it->by >= BY_STATUS ? json_object_new_int64(a->t_ms) : NULL);
		if (n->kind == TN_CONCLUSION)
			json_object_object_add(e, "cause", n->cause >= 0 ? jstr(cl->kb->causes[n->cause].id) : NULL);
		if (n->command != NULL)
			json_object_object_add(e, "command", jstr(n->command));
		json_object_array_add(p, e);
		free(ev);
		free(note);
	}
	json_object_object_add(o, "path", p);
	{
		const struct tnode *last = cl->npath > 0 ? &cl->tree->nodes[cl->path[cl->npath - 1].node] : NULL;

		json_object_object_add(o, "conclusion", last != NULL && last->kind == TN_CONCLUSION ? jstr(last->id) : NULL);
		json_object_object_add(o, "conclusion_cause", last != NULL && last->kind == TN_CONCLUSION && last->cause >= 0
		    ? jstr(cl->kb->causes[last->cause].id) : NULL);
	}
	{
		json_object *ec = json_object_new_object();

		for (int s = 0; s < 2; s++) {
			json_object *d = json_object_new_object();

			json_object_object_add(d, "out", json_object_new_int(cl->echo.dir[s].out));
			json_object_object_add(d, "arrived", json_object_new_int(cl->echo.dir[s].arrived));
			json_object_object_add(ec, s == LEFT ? "from_left" : "from_right", d);
		}
		json_object_object_add(o, "echo", ec);
	}
	for (int i = 0; i < cl->nlog; i++) {
		const struct cl_event *e = &cl->log[i];
		json_object *x = json_object_new_object();
		static const char *const kinds[] = { "start", "moved", "answer", "note", "reached" };

		json_object_object_add(x, "time_ms", json_object_new_int64(e->t_ms));
		json_object_object_add(x, "event", jstr(kinds[e->kind]));
		json_object_object_add(x, "node", jstr(cl->tree->nodes[e->node].id));
		if (e->cause >= 0)
			json_object_object_add(x, "cause", jstr(cl->kb->causes[e->cause].id));
		if (e->kind == CE_ANSWER) {
			json_object_object_add(x, "answer", jstr(cl_ans_name(e->ans)));
			json_object_object_add(x, "by", jstr(cl_by_name(e->by)));
		}
		json_object_array_add(h, x);
	}
	json_object_object_add(o, "history", h);
	for (int i = 0; i < cl->nans; i++) {
		const struct cl_answer *a = &cl->ans[i];
		json_object *x = json_object_new_object();
		char *ev = clean(a->evidence), *note = clean(a->note);

		json_object_object_add(x, "node", jstr(cl->tree->nodes[a->node].id));
		json_object_object_add(x, "answer", jstr(cl_ans_name(a->ans)));
		json_object_object_add(x, "option", json_object_new_int(a->opt));
		json_object_object_add(x, "by", jstr(cl_by_name(a->by)));
		json_object_object_add(x, "evidence", jstr(ev));
		json_object_object_add(x, "note", jstr(note));
		json_object_object_add(x, "time_ms", json_object_new_int64(a->t_ms));
		json_object_array_add(ans, x);
		free(ev);
		free(note);
	}
	json_object_object_add(o, "answers", ans);
	{
		json_object *ps = json_object_new_array();

		for (int k = 0; k < 2; k++)
			if (cl->skip_src[k][0])
				json_object_array_add(ps, jstr(cl->skip_src[k]));
		/* the gateways' own pings are told apart from the client's by these */
		json_object_object_add(o, "ping_sources", ps);
	}
	return o;
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
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f;
	int rc;

	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	if (f == NULL) {
		close(fd);
		return -1;
	}
	rc = str_endswith(path, ".json") ? sreport_json(f, r) : sreport_md(f, r);
	if (fclose(f) != 0)
		rc = -1;
	if (rc != 0 && errno == 0)
		errno = EIO;
	return rc;
}

/* ---- the answers inside a recorded session ---- */

int checklist_save(const struct checklist *cl, const char *path)
{
	json_object *o;
	int fd, rc = -1;
	FILE *f;

	if (cl == NULL || cl->tree == NULL)
		return 0;
	o = checklist_json(cl, LANG_EN);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0 && (f = fdopen(fd, "w")) != NULL) {
		fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), f);
		fputc('\n', f);
		rc = fclose(f) == 0 ? 0 : -1;
	} else if (fd >= 0) {
		close(fd);
	}
	json_object_put(o);
	return rc;
}

static enum cl_ans ans_from(const char *s)
{
	for (int a = ANS_NONE; a <= ANS_OPTION; a++)
		if (s != NULL && strcmp(s, cl_ans_name((enum cl_ans)a)) == 0)
			return (enum cl_ans)a;
	return ANS_NONE;
}

static enum cl_by by_from(const char *s)
{
	for (int b = BY_LOGS; b <= BY_TECHNICIAN; b++)
		if (s != NULL && strcmp(s, cl_by_name((enum cl_by)b)) == 0)
			return (enum cl_by)b;
	return BY_TECHNICIAN;
}

int checklist_restore(struct checklist *cl, const char *path, char **err)
{
	json_object *o = json_object_from_file(path), *tr, *ans;
	const struct tree *t;

	*err = NULL;
	if (o == NULL) {
		if (access(path, F_OK) != 0)
			return 0;    /* a session without answers */
		*err = xasprintf("%s: not valid JSON; move it away to write the report without the checklist's answers", path);
		return -1;
	}
	if (!json_object_object_get_ex(o, "tree", &tr) || (t = kb_tree(cl->kb, json_object_get_string(tr))) == NULL) {
		*err = xasprintf("%s: names no decision tree of this knowledge base (recorded with another version?); "
		    "use that version's kb with --kb, or move the file away to report without the answers", path);
		json_object_put(o);
		return -1;
	}
	cl->tree = t;
	{
		json_object *ps;

		if (json_object_object_get_ex(o, "ping_sources", &ps) && json_object_is_type(ps, json_type_array))
			for (size_t k = 0; k < json_object_array_length(ps) && k < 2; k++)
				snprintf(cl->skip_src[k], sizeof cl->skip_src[k], "%s",
				    json_object_get_string(json_object_array_get_idx(ps, k)));
	}
	if (json_object_object_get_ex(o, "answers", &ans) && json_object_is_type(ans, json_type_array))
		for (size_t i = 0; i < json_object_array_length(ans); i++) {
			json_object *a = json_object_array_get_idx(ans, i), *v;
			const char *node = json_object_object_get_ex(a, "node", &v) ? json_object_get_string(v) : NULL;
			int ni = node != NULL ? tree_node_index(t, node) : -1;
			int64_t tm = json_object_object_get_ex(a, "time_ms", &v) ? json_object_get_int64(v) : 0;
			enum cl_ans an = json_object_object_get_ex(a, "answer", &v) ? ans_from(json_object_get_string(v)) : ANS_NONE;
			int opt = json_object_object_get_ex(a, "option", &v) ? json_object_get_int(v) : 0;
			enum cl_by by = json_object_object_get_ex(a, "by", &v) ? by_from(json_object_get_string(v)) : BY_TECHNICIAN;
			const char *ev = json_object_object_get_ex(a, "evidence", &v) ? json_object_get_string(v) : NULL;
			const char *note = json_object_object_get_ex(a, "note", &v) ? json_object_get_string(v) : NULL;

			if (ni < 0)
				continue;   /* the tree changed since: the answer has no node */
			if (an != ANS_NONE)
				checklist_answer(cl, ni, an, opt, by, ev, tm);
			if (note != NULL)
				checklist_note(cl, ni, note, tm);
		}
	json_object_put(o);
	return 0;
}
