/*
 * view_checklist.c - where the technician stands:
 *
 *   [E] MI3 is lost on the way: UDP 4500 blocked        (mguard 1.3.3)
 *       evidence: 09:55:21.23 ... max number of retransmissions ...
 *   [ ] Find the device between the gateways that blocks UDP 4500 ...
 *   [x] If the initiator is behind a firewall, allow outgoing ...
 *
 * y done, x failed, s skip, n note. Answers and notes stay while the top
 * finding stays the same.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "util.h"

static const char *marker(enum cl_state st)
{
	switch (st) {
	case CL_EVIDENCE: return "[E]";
	case CL_DONE: return "[x]";
	case CL_FAILED: return "[!]";
	case CL_SKIPPED: return "[-]";
	default: return "[ ]";
	}
}

static enum msg state_msg(enum cl_state st)
{
	switch (st) {
	case CL_EVIDENCE: return M_U_STATE_EVIDENCE;
	case CL_DONE: return M_U_STATE_DONE;
	case CL_FAILED: return M_U_STATE_FAILED;
	case CL_SKIPPED: return M_U_STATE_SKIPPED;
	default: return M_U_STATE_OPEN;
	}
}

static void draw_checklist(struct app *a)
{
	const struct rect *b = &a->lay.body;
	enum lang l = a->o->lang;
	struct rect r = *b;
	int y = b->y;
	struct strbuf s = {0};

	y += draw_wrapped(a, &r, y, msg(a->cl.n ? M_U_CHECKLIST_NOTE : M_U_NO_FINDING_YET, l), color_attr(a, C_DIM));
	if (a->cl_cur >= a->cl.n)
		a->cl_cur = a->cl.n > 0 ? a->cl.n - 1 : 0;
	for (int i = 0; i < a->cl.n && y < b->y + b->h; i++) {
		const struct cl_node *nd = &a->cl.nodes[i];
		int attr = (i == a->cl_cur ? A_REVERSE : 0) | (nd->kind == CL_CONCLUSION ? A_BOLD : 0);

		sb_reset(&s);
		sb_addf(&s, "%s %s", marker(nd->state), txt(nd->text, l));
		if (nd->kind == CL_CONCLUSION && nd->chapter)
			sb_addf(&s, "  (%s)", nd->chapter);
		sb_addf(&s, "  — %s", msg(state_msg(nd->state), l));
		y += draw_wrapped(a, &r, y, s.s, attr);
		if (i != a->cl_cur)
			continue;
		/* details of the selected node */
		sb_reset(&s);
		if (nd->menu != NULL)
			sb_addf(&s, "    %s: %s", msg(M_MENU, l), txt(nd->menu, l));
		if (nd->command != NULL)
			sb_addf(&s, "    %s: %s", msg(M_COMMAND, l), nd->command);
		if (s.len && y < b->y + b->h)
			y += draw_wrapped(a, &r, y, s.s, A_NORMAL);
		if (nd->evidence != NULL && y < b->y + b->h) {
			sb_reset(&s);
			sb_addf(&s, "    %s: %s", msg(M_EVIDENCE, l), nd->evidence);
			y += draw_wrapped(a, &r, y, s.s, color_attr(a, C_DIM));
		}
		if (nd->note != NULL && y < b->y + b->h) {
			sb_reset(&s);
			sb_addf(&s, "    %s%s", msg(M_U_NOTE_PROMPT, l), nd->note);
			y += draw_wrapped(a, &r, y, s.s, A_BOLD);
		}
	}
	sb_free(&s);
}

static void note_done(struct app *a, const char *text)
{
	checklist_note(&a->cl, a->cl_cur, text);
}

static int action_checklist(struct app *a, enum action act)
{
	switch (act) {
	case ACT_UP: if (a->cl_cur > 0) a->cl_cur--; return 1;
	case ACT_DOWN: if (a->cl_cur + 1 < a->cl.n) a->cl_cur++; return 1;
	case ACT_HOME: case ACT_PGUP: a->cl_cur = 0; return 1;
	case ACT_END: case ACT_PGDN: a->cl_cur = a->cl.n > 0 ? a->cl.n - 1 : 0; return 1;
	case ACT_YES: checklist_set(&a->cl, a->cl_cur, CL_DONE); goto next;
	case ACT_NO: checklist_set(&a->cl, a->cl_cur, CL_FAILED); goto next;
	case ACT_SKIP: checklist_set(&a->cl, a->cl_cur, CL_SKIPPED); goto next;
	case ACT_NOTE:
		if (a->cl.n > 0)
			app_prompt(a, M_U_NOTE_PROMPT, note_done);
		return 1;
	default:
		return 0;
	}
next:
	if (a->cl_cur + 1 < a->cl.n)
		a->cl_cur++;
	return 1;
}

const struct view_ops view_checklist = { V_CHECKLIST, M_V_CHECKLIST, draw_checklist, action_checklist };
