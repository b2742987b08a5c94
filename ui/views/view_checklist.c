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
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/redact.h"
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

/* The command shown for a run: the left side's, else the right's. */
static const char *run_shown(const struct app *a)
{
	return a->run_cmd[0] != NULL ? a->run_cmd[0] : a->run_cmd[1] != NULL ? a->run_cmd[1] : "";
}

/* Replace a held command by a copy of cmd (NULL or empty: none). */
static void set_cmd(char **slot, const char *cmd)
{
	char *c = cmd != NULL && *cmd ? xstrdup(cmd) : NULL;

	free(*slot);
	*slot = c;
}

static int live_run_possible(const struct app *a, const struct tnode *n)
{
	return a->sess != NULL && (n->run == TR_STATUS || n->run == TR_PING_REMOTE_GW);
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
	if (it->evidence != NULL && y < r->y + r->h) {
		sb_reset(&s);
		sb_addf(&s, "    %s: %s", msg(M_EVIDENCE, l), it->evidence);
		y += draw_wrapped(a, r, y, s.s, color_attr(a, C_DIM));
	}
	if (an != NULL && an->note != NULL && y < r->y + r->h) {
		sb_reset(&s);
		sb_addf(&s, "    %s%s", msg(M_U_NOTE_PROMPT, l), an->note);
		y += draw_wrapped(a, r, y, s.s, A_BOLD);
	}
	sb_free(&s);
	return y;
}

/* The walk: the tree and its start, one line per node, the selected one in full. */
static void draw_checklist(struct app *a)
{
	const struct rect *b = &a->lay.body;
	const struct checklist *cl = &a->cl;
	enum lang l = a->o->lang;
	struct rect r = *b;
	int y = b->y, cur = checklist_current(cl);
	struct strbuf s = {0};

	if (cl->tree == NULL || cl->npath == 0) {
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

static int selected_node(struct app *a)
{
	return a->cl_cur >= 0 && a->cl_cur < a->cl.npath ? a->cl.path[a->cl_cur].node : -1;
}

static void note_done(struct app *a, const char *text)
{
	checklist_note(&a->cl, selected_node(a), text, wall_ms());
	app_resync(a);
}

/* An address for a shell command: digits, hex, dots and colons only. */
static int addr_ok(const char *s)
{
	if (*s == '\0' || strlen(s) >= 64)
		return 0;
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s) && *s != '.' && *s != ':')
			return 0;
	return 1;
}

/* "{count}", "{source}", "{target}" of the profile's ping command, whole. */
static char *fill(const char *tpl, const char *src, const char *dst)
{
	struct strbuf b = {0};

	for (const char *p = tpl; *p;) {
		if (strncmp(p, "{count}", 7) == 0) {
			sb_adds(&b, "3");
			p += 7;
		} else if (strncmp(p, "{source}", 8) == 0) {
			sb_adds(&b, src);
			p += 8;
		} else if (strncmp(p, "{target}", 8) == 0) {
			sb_adds(&b, dst);
			p += 8;
		} else {
			sb_addc(&b, *p++);
		}
	}
	return b.s != NULL ? sb_steal(&b) : xstrdup("");
}

static const struct device *side_device(struct app *a, int s)
{
	return session_device(a->sess, s);
}

static int counters_possible(struct app *a, int s)
{
	const struct device *d = side_device(a, s);

	return d != NULL && d->nstatus > 0 && d->ncounters > 0 && session_live(a->sess, s) != NULL;
}

/* Work out the commands for the node; 0 when there is something to run. */
static int prepare_run(struct app *a, const struct tnode *n)
{
	set_cmd(&a->run_cmd[0], NULL);
	set_cmd(&a->run_cmd[1], NULL);
	if (n->run == TR_STATUS) {
		for (int s = 0; s < 2; s++) {
			const struct device *d = side_device(a, s);

			if (d != NULL && d->nstatus > 0 && session_live(a->sess, s) != NULL)
				set_cmd(&a->run_cmd[s], d->status[0]);
		}
	} else if (n->run == TR_PING_REMOTE_GW) {
		const struct device *d = side_device(a, LEFT);

		if (d != NULL && d->ping != NULL && addr_ok(a->lan_ip[0]) && addr_ok(a->lan_ip[1])) {
			free(a->run_cmd[0]);
			a->run_cmd[0] = fill(d->ping, a->lan_ip[0], a->lan_ip[1]);
		}
		set_cmd(&a->ping_cmd, a->run_cmd[0]);
		/* the status commands before and after show the SA counters */
		for (int s = 0; s < 2 && a->run_cmd[0] != NULL; s++) {
			const struct device *ds = side_device(a, s);

			if (counters_possible(a, s)) {
				char *c = xasprintf("%s%s%s", s == LEFT ? a->ping_cmd : "", s == LEFT ? "  +  " : "", ds->status[0]);

				free(a->run_cmd[s]);
				a->run_cmd[s] = c;
			}
		}
	}
	return a->run_cmd[0] != NULL || a->run_cmd[1] != NULL ? 0 : -1;
}

/* Start cmd[s] on each side that has one; 0 when something runs. The
 * commands are held whole: what runs on the gateway is what was shown. */
static int launch(struct app *a, const char *cmd0, const char *cmd1)
{
	/* copies first: the commands may be a->run_cmd itself */
	char *cmd[2] = { cmd0 != NULL && *cmd0 ? xstrdup(cmd0) : NULL, cmd1 != NULL && *cmd1 ? xstrdup(cmd1) : NULL };

	a->run_sides = 0;
	for (int s = 0; s < 2; s++) {
		free(a->run_cmd[s]);
		a->run_cmd[s] = cmd[s];
		if (cmd[s] == NULL)
			continue;
		if (live_run(session_live(a->sess, s), cmd[s], mono_ms()) == 0)
			a->run_sides |= 1 << s;
	}
	return a->run_sides ? 0 : -1;
}

static const char *status_of(struct app *a, int s)
{
	return counters_possible(a, s) ? side_device(a, s)->status[0] : NULL;
}

static void start_run(struct app *a, int node)
{
	int ping = a->cl.tree->nodes[node].run == TR_PING_REMOTE_GW, rc;

	a->run_stage = 0;
	if (ping) {
		sb_reset(&a->ping_ev);
		a->have_cnt0[0] = a->have_cnt0[1] = 0;
		if (status_of(a, 0) || status_of(a, 1))
			rc = launch(a, status_of(a, 0), status_of(a, 1));
		else {
			a->run_stage = 1;
			rc = launch(a, a->ping_cmd, NULL);
		}
	} else {
		rc = launch(a, a->run_cmd[0], a->run_cmd[1]);
	}
	a->run_node = rc == 0 ? node : -1;
	if (a->run_node < 0)
		app_set_message(a, M_CL_RUN_FAILED, NULL);
	else
		app_set_message(a, M_CL_RUNNING, run_shown(a));
	if (a->run_node >= 0 && ping) {
		/* judge the client's pings on their own in step 3 */
		a->world.skip_src[0] = a->lan_ip[0];
		a->world.skip_src[1] = a->lan_ip[1];
	}
}

static void confirm_done(struct app *a, const char *text)
{
	int node = a->run_confirm_node;

	a->run_confirm_node = -1;
	if (node >= 0 && (text[0] == 'y' || text[0] == 'j' || text[0] == 'Y' || text[0] == 'J'))
		start_run(a, node);
}

static void ask_run(struct app *a, int node)
{
	/* the view shows the exact commands under the step while asking */
	a->run_confirm_node = node;
	app_prompt(a, M_CL_RUN_ASK, confirm_done);
}

static void addr_done(struct app *a, const char *text)
{
	char l[64] = "", r[64] = "";

	if (sscanf(text, "%63s %63s", l, r) == 2 && addr_ok(l) && addr_ok(r)) {
		snprintf(a->lan_ip[0], sizeof a->lan_ip[0], "%s", l);
		snprintf(a->lan_ip[1], sizeof a->lan_ip[1], "%s", r);
		if (a->run_confirm_node >= 0 && prepare_run(a, &a->cl.tree->nodes[a->run_confirm_node]) == 0) {
			ask_run(a, a->run_confirm_node);
			return;
		}
	}
	a->run_confirm_node = -1;
	app_set_message(a, M_CL_ADDR_BAD, text);
}

static void run_action(struct app *a)
{
	int node = selected_node(a);
	const struct tnode *n = node >= 0 ? &a->cl.tree->nodes[node] : NULL;

	if (n != NULL && n->run == TR_NONE && a->sess != NULL) {
		/* nothing to run here: read the status again (the tree's status
		 * step), which may answer this node's check */
		for (int i = 0; i < a->cl.tree->nnodes; i++)
			if (a->cl.tree->nodes[i].run == TR_STATUS) {
				node = i;
				n = &a->cl.tree->nodes[i];
				break;
			}
	}
	if (n == NULL || n->run == TR_NONE || n->run == TR_FWLOG) {
		app_set_message(a, M_CL_RUN_NONE, NULL);
		return;
	}
	if (!live_run_possible(a, n)) {
		app_set_message(a, M_CL_RUN_NOT_LIVE, n->command);
		return;
	}
	if (a->run_node >= 0) {
		app_set_message(a, M_CL_RUNNING, run_shown(a));
		return;
	}
	if (n->run == TR_PING_REMOTE_GW && (!addr_ok(a->lan_ip[0]) || !addr_ok(a->lan_ip[1]))) {
		a->run_confirm_node = node;
		app_prompt(a, M_CL_ADDR_PROMPT, addr_done);
		return;
	}
	if (prepare_run(a, n) != 0) {
		app_set_message(a, M_CL_RUN_NONE, NULL);
		return;
	}
	ask_run(a, node);
}

/* The last non-empty lines of a command's output, redacted by the caller. */
static void tail_lines(struct strbuf *b, const char *out, int want)
{
	const char *end = out + strlen(out), *p = end;
	int n = 0;

	while (p > out && (p[-1] == '\n' || p[-1] == ' '))
		p--;
	end = p;
	while (p > out && n < want) {
		p--;
		if (*p == '\n')
			n++;
	}
	if (*p == '\n')
		p++;
	for (; p < end; p++)
		sb_addc(b, *p == '\n' ? ' ' : *p);
}

/*
 * A ping step in stages: 0 the status commands (counters before), 1 the
 * ping on the left gateway, 2 the status commands again. Returns 1 while
 * a next stage was started, 0 when the step is complete (a->ping_ev and
 * a->ping_ok hold the result).
 */
static int ping_stage_done(struct app *a)
{
	enum lang l = a->o->lang;
	const char *out;
	int status;

	if (a->run_stage == 0) {
		for (int s = 0; s < 2; s++)
			if ((a->run_sides & (1 << s)) && live_run_result(session_live(a->sess, s), &out, &status) == 1)
				a->have_cnt0[s] = checklist_read_counters(side_device(a, s), out, a->cnt0[s]) == 0;
		a->run_stage = 1;
		if (launch(a, a->ping_cmd, NULL) == 0)
			return 1;
		a->ping_ok = 0;
		sb_adds(&a->ping_ev, msg(M_CL_RUN_NOT_LIVE, l));
		return 0;
	}
	if (a->run_stage == 1) {
		int r = live_run_result(session_live(a->sess, LEFT), &out, &status);

		a->ping_ok = r == 1 && status == 0;
		sb_addf(&a->ping_ev, "%s: ", msg(M_SIDE_LEFT, l));
		tail_lines(&a->ping_ev, out, 2);
		a->run_stage = 2;
		if ((a->have_cnt0[0] || a->have_cnt0[1]) && launch(a, a->have_cnt0[0] ? status_of(a, 0) : NULL,
		    a->have_cnt0[1] ? status_of(a, 1) : NULL) == 0)
			return 1;
		return 0;
	}
	/* stage 2: what each side's SAs counted during the ping */
	for (int s = 0; s < 2; s++) {
		uint64_t v[4];

		if (!(a->run_sides & (1 << s)) || live_run_result(session_live(a->sess, s), &out, &status) != 1 ||
		    checklist_read_counters(side_device(a, s), out, v) != 0)
			continue;
		sb_addf(&a->ping_ev, " | %s %s: %s +%llu, %s +%llu", msg(M_CL_COUNTERS, l), msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, l),
		    msg(M_CL_IN, l), (unsigned long long)(v[1] >= a->cnt0[s][1] ? v[1] - a->cnt0[s][1] : v[1]),
		    msg(M_CL_OUT, l), (unsigned long long)(v[3] >= a->cnt0[s][3] ? v[3] - a->cnt0[s][3] : v[3]));
	}
	return 0;
}

void checklist_poll_runs(struct app *a)
{
	struct strbuf ev = {0}, why = {0};
	int ok = 1, pending = 0;
	const char *out;
	int status;

	if (a->run_node < 0 || a->sess == NULL)
		return;
	for (int s = 0; s < 2; s++) {
		struct live *l = session_live(a->sess, s);

		if (!(a->run_sides & (1 << s)) || l == NULL)
			continue;
		if (live_run_result(l, &out, &status) == 0)
			pending = 1;
	}
	if (pending)
		return;
	if (a->cl.tree->nodes[a->run_node].run == TR_PING_REMOTE_GW && ping_stage_done(a))
		return;
	if (a->cl.tree->nodes[a->run_node].run == TR_PING_REMOTE_GW) {
		ok = a->ping_ok;
		sb_add(&ev, a->ping_ev.s != NULL ? a->ping_ev.s : "", a->ping_ev.len);
		goto answer;
	}
	if (a->cl.tree->nodes[a->run_node].run == TR_STATUS)
		for (int k = 0; k < 3; k++)
			a->world.status[k] = TRI_UNKNOWN;
	for (int s = 0; s < 2; s++) {
		struct live *l = session_live(a->sess, s);
		int r;

		if (!(a->run_sides & (1 << s)) || l == NULL)
			continue;
		r = live_run_result(l, &out, &status);
		if (r != 1 || status != 0)
			ok = 0;
		sb_addf(&ev, "%s%s: ", ev.len ? " | " : "", msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, a->o->lang));
		tail_lines(&ev, out, a->cl.tree->nodes[a->run_node].run == TR_STATUS ? 4 : 2);
		if (r == 1 && a->cl.tree->nodes[a->run_node].run == TR_STATUS)
			checklist_read_status(&a->world, side_device(a, s), out, msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, a->o->lang), &why);
	}
	if (why.len) {
		/* held whole, as the commands */
		free(a->status_why);
		a->status_why = xstrdup(why.s);
		a->world.status_why = a->status_why;
		/* the SA lines that told are the evidence, not the output's tail */
		sb_reset(&ev);
		sb_add(&ev, why.s, why.len);
	}
answer:
	{
		char *red = redact_dup(ev.s != NULL ? ev.s : "", ev.len);

		checklist_answer(&a->cl, a->run_node, ok ? ANS_DONE : ANS_FAILED, 0,
		    a->cl.tree->nodes[a->run_node].run == TR_STATUS ? BY_STATUS : BY_PING, red, wall_ms());
		free(red);
	}
	sb_free(&ev);
	sb_free(&why);
	/* say so: the step may not be on the walk shown */
	app_set_message(a, M_CL_RAN, txt(&a->cl.tree->nodes[a->run_node].text, a->o->lang));
	a->run_node = -1;
	a->run_sides = 0;
	a->cl_follow = 1;
	app_resync(a);
}

static void answer(struct app *a, enum cl_ans ans, int opt)
{
	int node = selected_node(a);
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
		if (selected_node(a) >= 0)
			app_prompt(a, M_U_NOTE_PROMPT, note_done);
		return 1;
	default:
		return 0;
	}
}

const struct view_ops view_checklist = { V_CHECKLIST, M_V_CHECKLIST, draw_checklist, action_checklist };
