/*
 * persist.c - see persist.h. The JSON has four parts: the walk (path:
 * every node passed with its answer, who gave it and the evidence), the
 * conclusion, the ping procedure's echo counts and the history (every
 * move and answer with its time); then every answer record, including
 * those on nodes the walk no longer passes, which is what a restore reads.
 */
#include "checklist/persist.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/privfile.h"
#include "base/redact.h"
#include "base/util.h"

char *checklist_clean(const char *s)
{
	char *r, *c;

	if (s == NULL)
		return NULL;
	r = redact_dup(s, strlen(s));
	c = utf8_clean_dup(r);
	free(r);
	return c;
}

static json_object *jstr(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

/* A string that may hold what a gateway printed: redacted, valid UTF-8. */
static json_object *jclean(const char *s)
{
	char *c = checklist_clean(s);
	json_object *o = jstr(c);

	free(c);
	return o;
}

/* One node of the walk. */
static json_object *path_item(const struct checklist *cl, const struct cl_item *it, enum lang l)
{
	const struct tnode *n = &cl->tree->nodes[it->node];
	const struct cl_answer *a = checklist_answer_of(cl, it->node);
	json_object *e = json_object_new_object();

	json_object_object_add(e, "node", jstr(n->id));
	json_object_object_add(e, "kind", jstr(tnode_kind_name(n->kind)));
	json_object_object_add(e, "chapter", jstr(n->chapter));
	json_object_object_add(e, "text", jstr(txt(&n->text, l)));
	json_object_object_add(e, "answer", jstr(cl_ans_name(it->ans)));
	if (it->ans == ANS_OPTION)
		json_object_object_add(e, "option", jstr(txt(&n->opts[it->opt].text, l)));
	json_object_object_add(e, "answer_text", jstr(n->kind == TN_CONCLUSION ? NULL : cl_ans_label(cl, it, l)));
	json_object_object_add(e, "by", it->by != BY_NONE ? jstr(cl_by_name(it->by)) : NULL);
	{
		char *ev = checklist_evidence_text(cl, it, l), *hint = checklist_source_hint(cl, it, l);

		json_object_object_add(e, "evidence", jclean(ev));
		json_object_object_add(e, "source_hint", jclean(hint));
		free(ev);
		free(hint);
	}
	if (it->over) {
		json_object *o = json_object_new_object();
		struct cl_item was = { .node = it->node, .ans = it->was, .opt = it->was_opt, .by = it->was_by,
			.evidence = it->was_ev, .absent = it->was_absent, .src = it->src };
		char *ev = checklist_evidence_text(cl, &was, l);

		json_object_object_add(o, "answer", jstr(cl_ans_name(it->was)));
		json_object_object_add(o, "answer_text", jstr(cl_ans_label(cl, &was, l)));
		json_object_object_add(o, "by", jstr(cl_by_name(it->was_by)));
		json_object_object_add(o, "evidence", jclean(ev));
		free(ev);
		json_object_object_add(e, "overrides", o);
	}
	json_object_object_add(e, "note", jclean(a != NULL ? a->note : NULL));
	json_object_object_add(e, "time_ms", a != NULL && a->t_ms > 0 && (it->by >= BY_STATUS || it->over) ? json_object_new_int64(a->t_ms) : NULL);
	if (n->kind == TN_CONCLUSION)
		json_object_object_add(e, "cause", n->cause >= 0 ? jstr(cl->kb->causes[n->cause].id) : NULL);
	if (n->command != NULL)
		json_object_object_add(e, "command", jstr(n->command));
	return e;
}

/* The walk, the conclusion it reached and the echo counts. */
static void add_walk(json_object *o, const struct checklist *cl, enum lang l)
{
	json_object *p = json_object_new_array(), *ec = json_object_new_object();
	const struct tnode *last = cl->npath > 0 ? &cl->tree->nodes[cl->path[cl->npath - 1].node] : NULL;
	int concl = last != NULL && last->kind == TN_CONCLUSION;

	for (int i = 0; i < cl->npath; i++)
		json_object_array_add(p, path_item(cl, &cl->path[i], l));
	json_object_object_add(o, "path", p);
	json_object_object_add(o, "conclusion", concl ? jstr(last->id) : NULL);
	json_object_object_add(o, "conclusion_cause", concl && last->cause >= 0 ? jstr(cl->kb->causes[last->cause].id) : NULL);
	for (int s = 0; s < 2; s++) {
		json_object *d = json_object_new_object();

		json_object_object_add(d, "out", json_object_new_int(cl->echo.dir[s].out));
		json_object_object_add(d, "arrived", json_object_new_int(cl->echo.dir[s].arrived));
		json_object_object_add(ec, s == LEFT ? "from_left" : "from_right", d);
	}
	json_object_object_add(o, "echo", ec);
}

/* Every move and answer with its time. */
static json_object *history(const struct checklist *cl)
{
	static const char *const kinds[] = { "start", "moved", "answer", "note", "reached" };
	json_object *h = json_object_new_array();

	for (int i = 0; i < cl->nlog; i++) {
		const struct cl_event *e = &cl->log[i];
		json_object *x = json_object_new_object();

		json_object_object_add(x, "time_ms", json_object_new_int64(e->t_ms));
		json_object_object_add(x, "event", jstr(kinds[e->kind]));
		json_object_object_add(x, "node", jstr(cl->tree->nodes[e->node].id));
		if (e->cause >= 0)
			json_object_object_add(x, "cause", jstr(cl->kb->causes[e->cause].id));
		if (e->kind == CE_ANSWER) {
			json_object_object_add(x, "answer", jstr(cl_ans_name(e->ans)));
			json_object_object_add(x, "by", jstr(cl_by_name(e->by)));
			if (e->over)
				json_object_object_add(x, "overrides_evidence", json_object_new_boolean(1));
		}
		if (e->kind == CE_NOTE)
			json_object_object_add(x, "text", jclean(e->text));
		json_object_array_add(h, x);
	}
	return h;
}

/* Every answer record (what checklist_restore reads). */
static json_object *answers(const struct checklist *cl)
{
	json_object *ans = json_object_new_array();

	for (int i = 0; i < cl->nans; i++) {
		const struct cl_answer *a = &cl->ans[i];
		json_object *x = json_object_new_object();

		json_object_object_add(x, "node", jstr(cl->tree->nodes[a->node].id));
		json_object_object_add(x, "answer", jstr(cl_ans_name(a->ans)));
		json_object_object_add(x, "option", json_object_new_int(a->opt));
		json_object_object_add(x, "by", jstr(cl_by_name(a->by)));
		json_object_object_add(x, "evidence", jclean(a->evidence));
		json_object_object_add(x, "note", jclean(a->note));
		json_object_object_add(x, "time_ms", json_object_new_int64(a->t_ms));
		if (a->override) {
			/* what the evidence said when the technician overrode it */
			json_object_object_add(x, "overrode", jstr(cl_ans_name(a->was)));
			json_object_object_add(x, "overrode_option", json_object_new_int(a->was_opt));
			json_object_object_add(x, "overrode_by", jstr(cl_by_name(a->was_by)));
			json_object_object_add(x, "overrode_evidence", jclean(a->was_ev));
		}
		json_object_array_add(ans, x);
	}
	return ans;
}

/* Every run's result (runs.c): node, time, ok, the lines shown. */
static json_object *runs(const struct checklist *cl)
{
	json_object *a = json_object_new_array();

	for (int i = 0; i < cl->nruns; i++) {
		json_object *x = json_object_new_object();
		const struct cl_run *r = &cl->runs[i];

		json_object_object_add(x, "node", jstr(cl->tree->nodes[r->node].id));
		json_object_object_add(x, "time_ms", json_object_new_int64(r->t_ms));
		json_object_object_add(x, "ok", json_object_new_boolean(r->ok));
		json_object_object_add(x, "text", jclean(r->text));
		json_object_array_add(a, x);
	}
	return a;
}

json_object *checklist_json(const struct checklist *cl, enum lang l)
{
	json_object *o = json_object_new_object(), *ps;

	if (cl == NULL || cl->tree == NULL) {
		json_object_object_add(o, "tree", NULL);
		json_object_object_add(o, "path", json_object_new_array());
		json_object_object_add(o, "history", json_object_new_array());
		json_object_object_add(o, "answers", json_object_new_array());
		return o;
	}
	json_object_object_add(o, "tree", jstr(cl->tree->id));
	json_object_object_add(o, "start", jstr(cl->tree->nodes[cl->start].id));
	json_object_object_add(o, "start_cause", cl->start_cause >= 0 ? jstr(cl->kb->causes[cl->start_cause].id) : NULL);
	add_walk(o, cl, l);
	json_object_object_add(o, "history", history(cl));
	json_object_object_add(o, "answers", answers(cl));
	ps = json_object_new_array();
	for (int k = 0; k < 2; k++)
		if (cl->skip_src[k][0])
			json_object_array_add(ps, jstr(cl->skip_src[k]));
	/* the gateways' own pings are told apart from the client's by these */
	json_object_object_add(o, "ping_sources", ps);
	json_object_object_add(o, "runs", runs(cl));
	return o;
}

int checklist_save(const struct checklist *cl, const char *path)
{
	struct privfile pf;
	json_object *o;
	int e;

	if (cl == NULL || cl->tree == NULL)
		return 0;
	if (privfile_begin(&pf, path) != 0)
		return -1;
	o = checklist_json(cl, LANG_EN);
	fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), pf.f);
	fputc('\n', pf.f);
	json_object_put(o);
	if (ferror(pf.f)) {
		e = errno != 0 ? errno : EIO;
		privfile_abort(&pf);
		errno = e;
		return -1;
	}
	return privfile_commit(&pf);
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
	for (int b = BY_LOGS; b <= BY_CONFIG; b++)
		if (s != NULL && strcmp(s, cl_by_name((enum cl_by)b)) == 0)
			return (enum cl_by)b;
	return BY_TECHNICIAN;
}

static const char *get_str(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

/* One answer record; one whose node the tree no longer has is dropped. */
static void restore_answer(struct checklist *cl, json_object *a)
{
	json_object *v;
	const char *node = get_str(a, "node");
	int ni = node != NULL ? tree_node_index(cl->tree, node) : -1;
	int64_t tm = json_object_object_get_ex(a, "time_ms", &v) ? json_object_get_int64(v) : 0;
	enum cl_ans an = ans_from(get_str(a, "answer"));
	int opt = json_object_object_get_ex(a, "option", &v) ? json_object_get_int(v) : 0;
	enum cl_by by = by_from(get_str(a, "by"));
	const char *note = get_str(a, "note");

	if (ni < 0)
		return;
	if (get_str(a, "overrode") != NULL)
		checklist_override_restore(cl, ni, ans_from(get_str(a, "overrode")),
		    json_object_object_get_ex(a, "overrode_option", &v) ? json_object_get_int(v) : 0,
		    by_from(get_str(a, "overrode_by")), get_str(a, "overrode_evidence"));
	if (an != ANS_NONE)
		checklist_answer(cl, ni, an, opt, by, get_str(a, "evidence"), tm);
	if (note != NULL)
		checklist_note(cl, ni, note, tm);
}

int checklist_restore(struct checklist *cl, const char *path, enum lang lang, char **cause)
{
	json_object *o = json_object_from_file(path), *ans, *ps;
	const char *tree;
	const struct tree *t;

	*cause = NULL;
	if (o == NULL) {
		if (access(path, F_OK) != 0)
			return 0;    /* a session without answers */
		*cause = xasprintf(msg(M_CL_SAVED_BAD_JSON, lang), path);
		return -1;
	}
	if (!json_object_is_type(o, json_type_object) || (tree = get_str(o, "tree")) == NULL ||
	    (t = kb_tree(cl->kb, tree)) == NULL) {
		*cause = xasprintf(msg(M_CL_SAVED_NO_TREE, lang), path);
		json_object_put(o);
		return -1;
	}
	cl->tree = t;
	if (json_object_object_get_ex(o, "ping_sources", &ps) && json_object_is_type(ps, json_type_array))
		for (size_t k = 0; k < json_object_array_length(ps) && k < 2; k++) {
			const char *src = json_object_get_string(json_object_array_get_idx(ps, k));

			snprintf(cl->skip_src[k], sizeof cl->skip_src[k], "%s", src != NULL ? src : "");
		}
	if (json_object_object_get_ex(o, "answers", &ans) && json_object_is_type(ans, json_type_array))
		for (size_t i = 0; i < json_object_array_length(ans); i++)
			restore_answer(cl, json_object_array_get_idx(ans, i));
	if (json_object_object_get_ex(o, "runs", &ans) && json_object_is_type(ans, json_type_array))
		for (size_t i = 0; i < json_object_array_length(ans); i++) {
			json_object *x = json_object_array_get_idx(ans, i), *v;
			const char *node = get_str(x, "node");
			int ni = node != NULL ? tree_node_index(cl->tree, node) : -1;

			if (ni >= 0)
				checklist_add_run(cl, ni, json_object_object_get_ex(x, "ok", &v) && json_object_get_boolean(v),
				    get_str(x, "text"), json_object_object_get_ex(x, "time_ms", &v) ? json_object_get_int64(v) : 0);
		}
	json_object_put(o);
	return 0;
}
