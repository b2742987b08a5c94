/*
 * view_checklist.c - the walk through the guide's decision tree:
 *
 *   Decision tree: mGuard VPN troubleshooting; cause: UDP port 4500 blocked
 *   [y] Is the connection shown on the status page?  (mguard 1.1.1) yes — the logs
 *   [?] Does the responder log show packets?  (mguard 1.3.2.1) — open
 *       tunneldoc cannot tell from the evidence: please answer
 *   ...
 *
 * y yes/done, x no/failed, s skip, a-f choose an option, r run the step's
 * command on the gateway (live, asks first), n note. The cursor follows
 * the open node until the technician moves it.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/util.h"

static const char *marker(const struct cl_item *it, const struct tnode *n)
{
	if (n->kind == TN_CONCLUSION)
		return "[=]";
	switch (it->ans) {
	case ANS_YES: case ANS_DONE: return "[y]";
	case ANS_NO: case ANS_FAILED: return "[x]";
	case ANS_SKIPPED: return "[-]";
	case ANS_OPTION: return "[>]";
	default: return "[?]";
	}
}

/* The selected node in full under its line: detail, cause, menu path,
 * command, options, what is asked, the commands to run, evidence, note. */
static int draw_selected(struct app *a, const struct rect *r, int y, int i)
{
	const struct checklist *cl = &a->cl;
	const struct cl_item *it = &cl->path[i];
	const struct tnode *n = &cl->tree->nodes[it->node];
	const struct cl_answer *an = checklist_answer_of(cl, it->node);
	enum lang l = a->o->lang;
	struct strbuf s = {0};

	if (n->detail.en != NULL && y < r->y + r->h) {
		sb_reset(&s);
		sb_addf(&s, "    %s", txt(&n->detail, l));
		y += draw_wrapped(a, r, y, s.s, A_NORMAL);
	}
	if (n->kind == TN_CONCLUSION && n->cause >= 0 && y < r->y + r->h) {
		sb_reset(&s);
		sb_addf(&s, "    %s: %s", msg(M_CAUSE, l), txt(&cl->kb->causes[n->cause].title, l));
		y += draw_wrapped(a, r, y, s.s, A_BOLD);
	}
	if (n->menu.en != NULL && y < r->y + r->h) {
		sb_reset(&s);
		sb_addf(&s, "    %s: %s", msg(M_MENU, l), txt(&n->menu, l));
		y += draw_wrapped(a, r, y, s.s, A_NORMAL);
	}
	if (n->command != NULL && y < r->y + r->h) {
		sb_reset(&s);
		sb_addf(&s, "    %s: %s", msg(M_COMMAND, l), n->command);
		y += draw_wrapped(a, r, y, s.s, A_NORMAL);
	}
	for (int k = 0; k < n->nopts && y < r->y + r->h; k++) {
		sb_reset(&s);
		sb_addf(&s, "    %c) %s", 'a' + k, txt(&n->opts[k].text, l));
		y += draw_wrapped(a, r, y, s.s, it->ans == ANS_OPTION && it->opt == k ? A_BOLD : A_NORMAL);
	}
	if (n->kind == TN_CHECK && it->ans == ANS_NONE && y < r->y + r->h) {
		/* steps 1 and 2 of 1.5 need the technician's client: say what to run */
		int target = n->check == TF_PING_LOCAL_GW ? 0 : n->check == TF_PING_REMOTE_GW ? 1 : -1;

		if (target >= 0 && a->lan_ip[target][0]) {
			char *cmd = xasprintf("ping %s", a->lan_ip[target]);

			sb_reset(&s);
			sb_addf(&s, "    ");
			sb_addf(&s, msg(M_CL_CLIENT_RUN, l), cmd);
			y += draw_wrapped(a, r, y, s.s, A_BOLD);
			free(cmd);
		}
		y += draw_wrapped(a, r, y, msg(M_CL_CHECK_ASK, l), color_attr(a, C_WARNING));
	}
	if (n->kind == TN_QUESTION && it->ans == ANS_NONE && y < r->y + r->h)
		y += draw_wrapped(a, r, y, msg(M_CL_OPTION_HINT, l), color_attr(a, C_WARNING));
	if ((a->run_confirm_node == it->node || i == a->cl_cur) && a->run_confirm_node >= 0 && a->prompting &&
	    y < r->y + r->h) {
		for (int k = 0; k < 2 && y < r->y + r->h; k++)
			if (a->run_cmd[k] != NULL) {
				sb_reset(&s);
				sb_addf(&s, "    %s %s: %s", msg(M_COMMAND, l), msg(k ? M_SIDE_RIGHT : M_SIDE_LEFT, l), a->run_cmd[k]);
				y += draw_wrapped(a, r, y, s.s, A_BOLD | color_attr(a, C_WARNING));
			}
	}
	if (a->run_node == it->node && y < r->y + r->h) {
		sb_reset(&s);
		sb_addf(&s, "    %s: %s", msg(M_CL_RUNNING, l), run_shown(a));
		y += draw_wrapped(a, r, y, s.s, color_attr(a, C_WARNING));
	}
	{
		/* the line or searched absence an answer rests on, which log
		 * would answer an open check, what an override replaced */
		char *ev = checklist_evidence_text(cl, it, l), *hint = checklist_source_hint(cl, it, l);
		char *over = checklist_override_text(cl, it, l);

		if (ev != NULL && y < r->y + r->h) {
			sb_reset(&s);
			sb_addf(&s, "    %s: %s", msg(M_EVIDENCE, l), ev);
			y += draw_wrapped(a, r, y, s.s, color_attr(a, C_DIM));
		}
		if (hint != NULL && y < r->y + r->h)
			y += draw_wrapped(a, r, y, hint, color_attr(a, C_WARNING));
		if (over != NULL && y < r->y + r->h)
			y += draw_wrapped(a, r, y, over, A_BOLD);
		free(ev);
		free(hint);
		free(over);
	}
	if (an != NULL && an->note != NULL && y < r->y + r->h) {
		sb_reset(&s);
		sb_addf(&s, "    %s%s", msg(M_U_NOTE_PROMPT, l), an->note);
		y += draw_wrapped(a, r, y, s.s, A_BOLD);
	}
	sb_free(&s);
	return y;
}

/* With resolved findings: the walk follows the current top finding, and
 * says which (and what resolved the one before). Returns the rows used. */
static int draw_follows(struct app *a, const struct rect *r, int y)
{
	const struct diagnosis *dg = analysis_diagnosis(a->an);
	const struct finding *cur = NULL, *old = NULL;
	enum lang l = a->o->lang;
	struct strbuf s = {0};
	int used;

	for (int i = 0; i < dg->n; i++) {
		if (!dg->f[i].resolved && cur == NULL)
			cur = &dg->f[i];
		if (dg->f[i].resolved && old == NULL)
			old = &dg->f[i];
	}
	if (old == NULL)
		return 0;
	sb_addf(&s, msg(M_CL_FOLLOWS, l), cur != NULL ? txt(cur->title, l) : msg(M_U_NONE, l));
	sb_addf(&s, " (%s: %s)", txt(old->title, l), msg(M_A_RESOLVED_SHORT, l));
	used = draw_wrapped(a, r, y, s.s, A_BOLD);
	sb_free(&s);
	return used;
}

/* The walk: the tree and its start, one line per node, the selected one in full. */
static void draw_checklist(struct app *a)
{
	struct rect body = a->lay.body;
	const struct rect *b = &body;
	const struct checklist *cl = &a->cl;
	enum lang l = a->o->lang;
	struct rect r;
	int y = b->y, cur = checklist_current(cl), ph = results_rows(a);
	struct strbuf s = {0};
	char pt[160];

	/* the result pane at the bottom: at most half the body */
	if (ph > body.h / 2)
		ph = body.h / 2;
	if (ph >= 2) {
		body.h -= ph;
		for (int k = 0; k < ph; k++)
			draw_fill(body.y + body.h + k, 0, a->cols, A_NORMAL);
		draw_results(a, body.y + body.h, ph);
	}
	r = body;

	/* a negotiation in progress: the walk waits for what it shows */
	nego_progress_text(&analysis_diagnosis(a->an)->progress, l, pt, sizeof pt);
	if (pt[0] != '\0')
		y += draw_wrapped(a, &r, y, pt, A_BOLD | color_attr(a, C_EVENT));
	if (cl->tree == NULL || cl->npath == 0) {
		if (pt[0] == '\0')
			draw_wrapped(a, &r, y, msg(M_U_NO_FINDING_YET, l), color_attr(a, C_DIM));
		return;
	}
	if (a->cl_follow || a->cl_cur >= cl->npath)
		a->cl_cur = cur;
	sb_addf(&s, "%s: %s — ", msg(M_R_TREE, l), txt(&cl->tree->title, l));
	if (cl->start_cause >= 0)
		sb_addf(&s, "%s: %s", msg(M_CAUSE, l), txt(&cl->kb->causes[cl->start_cause].title, l));
	else
		sb_adds(&s, msg(M_CL_NO_FINDING, l));
	y += draw_wrapped(a, &r, y, s.s, color_attr(a, C_DIM));
	y += draw_follows(a, &r, y);
	for (int i = 0; i < cl->npath && y < b->y + b->h; i++) {
		const struct cl_item *it = &cl->path[i];
		const struct tnode *n = &cl->tree->nodes[it->node];
		int attr = (i == a->cl_cur ? A_REVERSE : 0) | (n->kind == TN_CONCLUSION || i == cur ? A_BOLD : 0);

		sb_reset(&s);
		sb_addf(&s, "%s %s  (%s)", marker(it, n), txt(&n->text, l), n->chapter);
		if (n->kind == TN_CONCLUSION)
			sb_addf(&s, " — %s", msg(M_CL_CONCLUSION, l));
		else if (it->ans != ANS_NONE)
			sb_addf(&s, " — %s (%s)", cl_ans_label(cl, it, l), cl_by_label(it->by, l));
		else
			sb_addf(&s, " — %s", msg(M_A_OPEN, l));
		{
			int y0 = y;

			y += draw_wrapped(a, &r, y, s.s, attr);
			if (i == a->cl_cur)
				y = draw_selected(a, &r, y, i);
			for (int k = y0; k < y && k < 512; k++)
				a->rowmap[k] = i;
		}
	}
	{
		char *e = echo_describe(&cl->echo, l);

		if (e != NULL && y < b->y + b->h)
			y += draw_wrapped(a, &r, y, e, color_attr(a, C_DIM));
		free(e);
	}
	if (y < b->y + b->h)
		draw_wrapped(a, &r, y, msg(M_CL_NEXT_HINT, l), color_attr(a, C_DIM));
	sb_free(&s);
}

static void note_done(struct app *a, const char *text)
{
	checklist_note(&a->cl, checklist_selected(a), text, wall_ms());
	app_resync(a);
}

static void answer(struct app *a, enum cl_ans ans, int opt)
{
	int node = checklist_selected(a);
	const struct tnode *n = node >= 0 ? &a->cl.tree->nodes[node] : NULL;

	if (n == NULL || n->kind == TN_CONCLUSION)
		return;
	if (mono_ms() - a->cl_moved_ms < CL_MOVED_GUARD_MS) {
		/* the walk just moved by itself: the key was meant for another node */
		app_set_message(a, M_CL_MOVED, NULL);
		a->message_until_ms = a->cl_moved_ms + CL_MOVED_GUARD_MS;
		return;
	}
	if (n->kind == TN_CHECK && ans != ANS_YES && ans != ANS_NO)
		return;
	if (n->kind == TN_STEP && ans == ANS_YES)
		ans = ANS_DONE;
	if (n->kind == TN_STEP && ans == ANS_NO)
		ans = ANS_FAILED;
	if (n->kind == TN_STEP && ans == ANS_OPTION)
		return;
	if (n->kind == TN_QUESTION && (ans != ANS_OPTION || opt >= n->nopts))
		return;
	checklist_answer(&a->cl, node, ans, opt, BY_TECHNICIAN, NULL, wall_ms());
	a->cl_follow = 1;
	app_resync(a);
}

static int action_checklist(struct app *a, enum action act)
{
	int n = a->cl.npath;

	switch (act) {
	case ACT_UP: if (a->cl_cur > 0) a->cl_cur--; a->cl_follow = 0; return 1;
	case ACT_DOWN: if (a->cl_cur + 1 < n) a->cl_cur++; a->cl_follow = a->cl_cur + 1 >= n; return 1;
	case ACT_HOME: case ACT_PGUP: a->cl_cur = 0; a->cl_follow = 0; return 1;
	case ACT_END: case ACT_PGDN: a->cl_cur = n > 0 ? n - 1 : 0; a->cl_follow = 1; return 1;
	case ACT_YES: answer(a, ANS_YES, 0); return 1;
	case ACT_NO: answer(a, ANS_NO, 0); return 1;
	case ACT_SKIP: answer(a, ANS_SKIPPED, 0); return 1;
	case ACT_OPT1: case ACT_OPT2: case ACT_OPT3: case ACT_OPT4: case ACT_OPT5: case ACT_OPT6:
		answer(a, ANS_OPTION, (int)(act - ACT_OPT1));
		return 1;
	case ACT_RUN: run_action(a); return 1;
	case ACT_NOTE:
		if (checklist_selected(a) >= 0)
			app_prompt(a, M_U_NOTE_PROMPT, note_done);
		return 1;
	default:
		return 0;
	}
}

const struct view_ops view_checklist = { V_CHECKLIST, M_V_CHECKLIST, draw_checklist, action_checklist };
