/*
 * dispatch.c - keys to actions: the prompt line (search, filter, note,
 * password), the host-key question, the view's own actions and the global
 * ones (views, replay speed). The one table of views lives here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/util.h"

const struct view_ops *const app_views[V_COUNT] = {
	&view_sbs, &view_ladder, &view_findings, &view_checklist, &view_config, &view_help,
};

void app_set_message(struct app *a, enum msg m, const char *extra)
{
	snprintf(a->message, sizeof a->message, " %s%s%s", msg(m, a->o->lang), extra ? ": " : "", extra ? extra : "");
	a->dirty = 1;
}

void app_prompt(struct app *a, enum msg label, void (*done)(struct app *a, const char *text))
{
	a->prompting = 1;
	a->prompt_yesno = 0;
	a->prompt_label = label;
	a->prompt_len = 0;
	a->prompt[0] = '\0';
	a->prompt_done = done;
	a->dirty = 1;
}

static void password_done(struct app *a, const char *text)
{
	struct live *l = session_live(a->sess, a->ask_side);
	char *pw = xstrdup(text);

	/* wipe every copy: the prompt buffer and ours (live wipes its own) */
	memset(a->prompt, 0, sizeof a->prompt);
	a->prompt_len = 0;
	a->prompt_secret = 0;
	if (l != NULL)
		live_password(l, pw);
	free(pw);
}

/* A live side waits for the technician: ask (once) on the hint line. */
void app_live_questions(struct app *a)
{
	if (a->sess == NULL || a->prompting || a->asking)
		return;
	for (int s = 0; s < 2; s++) {
		struct live *l = session_live(a->sess, s);

		if (l == NULL)
			continue;
		if (live_state(l) == LS_ASK_HOSTKEY) {
			a->asking = 1;
			a->ask_side = s;
			snprintf(a->message, sizeof a->message, " %s: %s - %s", msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, a->o->lang),
			    live_fingerprint(l), msg(M_U_HOSTKEY_ASK, a->o->lang));
			a->dirty = 1;
			return;
		}
		if (live_state(l) == LS_ASK_PASSWORD) {
			a->ask_side = s;
			app_prompt(a, M_U_PASSWORD_PROMPT, password_done);
			a->prompt_secret = 1;
			return;
		}
	}
}

/* A key while the prompt line is open: edit it, Enter ends, Esc cancels. */
static void prompt_key(struct app *a, int ch)
{
	if (a->prompt_yesno && a->prompt_len == 0 && ch > 0 && ch < 0x80 && strchr("yYjJnN", ch) != NULL) {
		/* a yes/no question: the key alone answers it */
		a->prompting = 0;
		a->prompt[0] = (char)ch;
		a->prompt[1] = '\0';
		a->prompt_done(a, a->prompt);
	} else if (ch == 27) {
		a->prompting = 0;
	} else if (ch == '\n' || ch == KEY_ENTER || ch == '\r') {
		a->prompting = 0;
		a->prompt[a->prompt_len] = '\0';
		a->prompt_done(a, a->prompt);
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		while (a->prompt_len > 0 && ((unsigned char)a->prompt[a->prompt_len - 1] & 0xc0) == 0x80)
			a->prompt_len--;
		if (a->prompt_len > 0)
			a->prompt_len--;
	} else if (ch >= 0x20 && ch < 0x100 && a->prompt_len + 1 < sizeof a->prompt) {
		a->prompt[a->prompt_len++] = (char)ch;
	}
	a->dirty = 1;
}

/* Actions that work in every view (when the view does not take them). */
static void global_action(struct app *a, enum action act)
{
	switch (act) {
	case ACT_QUIT:
		a->quit = 1;
		break;
	case ACT_VIEW_SBS: a->view = V_SBS; break;
	case ACT_VIEW_LADDER: a->view = V_LADDER; break;
	case ACT_VIEW_FINDINGS: a->view = V_FINDINGS; break;
	case ACT_VIEW_CHECKLIST: a->view = V_CHECKLIST; break;
	case ACT_VIEW_CONFIG: a->view = V_CONFIG; break;
	case ACT_VIEW_HELP: a->view = V_HELP; break;
	case ACT_NEXT_VIEW: a->view = (enum view_id)((a->view + 1) % V_COUNT); break;
	case ACT_PAUSE:
		if (a->o->replay) {
			replay_retime(a);
			a->paused = !a->paused;
		}
		break;
	case ACT_FASTER:
	case ACT_SLOWER:
		if (a->o->replay) {
			replay_retime(a);
			a->speed = act == ACT_FASTER ? a->speed * 2 : a->speed / 2;
			if (a->speed > 1024)
				a->speed = 1024;
			if (a->speed < 1.0 / 64)
				a->speed = 1.0 / 64;
		}
		break;
	case ACT_CLOSE:
		a->detail = 0;
		break;
	case ACT_SEARCH:
		a->view = V_SBS;
		sbs_start_search(a);
		break;
	default:
		return;
	}
	a->dirty = 1;
}

/* The mouse: a press on a row selects it (the checklist's node, a
 * finding, a ladder row, a side-by-side row), the wheel moves by 3. */
static void mouse(struct app *a)
{
	MEVENT ev;
	long idx;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		for (int k = 0; k < 3; k++)
			if (app_views[a->view]->action != NULL)
				app_views[a->view]->action(a, ev.bstate & BUTTON4_PRESSED ? ACT_UP : ACT_DOWN);
		a->dirty = 1;
		return;
	}
	if (!(ev.bstate & BUTTON1_PRESSED) || ev.y < 0 || ev.y >= 512 || (idx = a->rowmap[ev.y]) < 0)
		return;
	switch (a->view) {
	case V_SBS: a->cur = (size_t)idx; a->follow = 0; a->locked = 1; break;
	case V_LADDER: a->lad_cur = (size_t)idx; break;
	case V_FINDINGS: a->fnd_scroll = a->fnd_cur != idx ? 0 : a->fnd_scroll; a->fnd_cur = (int)idx; break;
	case V_CHECKLIST: a->cl_cur = (int)idx; a->cl_follow = 0; break;
	default: return;
	}
	a->dirty = 1;
}

/* A key: to the prompt, the host-key question, the view, or global. */
void app_handle_key(struct app *a, int ch)
{
	enum action act;

	if (a->prompting) {
		prompt_key(a, ch);
		return;
	}
	if (ch == KEY_RESIZE) {
		a->dirty = 1;
		return;
	}
	if (a->asking) {
		/* the host key question takes y/j or n */
		if (ch == 'y' || ch == 'j' || ch == 'n' || ch == 27) {
			live_hostkey_answer(session_live(a->sess, a->ask_side), ch == 'y' || ch == 'j');
			a->asking = 0;
			a->message[0] = '\0';
			a->dirty = 1;
		}
		return;
	}
	if (ch == KEY_MOUSE) {
		mouse(a);
		return;
	}
	if (a->message_until_ms == 0)
		a->message[0] = '\0';   /* a timed message stays its time */
	act = key_lookup(ch, a->view, a->o->lang);
	if (act == ACT_NONE)
		return;
	if (app_views[a->view]->action != NULL && app_views[a->view]->action(a, act)) {
		a->dirty = 1;
		return;
	}
	global_action(a, act);
}
