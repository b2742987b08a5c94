/*
 * run.c - the commands a checklist step runs on the gateways over SSH:
 * the status commands, and the ping procedure's steps (status before, the
 * ping from the left gateway with the internal address as source, status
 * after, for the SA counters). The commands are held whole on the heap
 * and shown, asked for and run exactly as built; results come back
 * through checklist_poll_runs() from the loop, and answer the step.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/redact.h"
#include "base/util.h"

/* The command shown for a run: the left side's, else the right's. */
const char *run_shown(const struct app *a)
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


int checklist_selected(struct app *a)
{
	return a->cl_cur >= 0 && a->cl_cur < a->cl.npath ? a->cl.path[a->cl_cur].node : -1;
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

/*
 * The side's device profile for status and counters: the session's (its
 * --profile, or --status-cmd on top of it); with --profile auto (no status
 * commands of its own) the profile of the dialect the side's log is in.
 */
static const struct device *side_device(struct app *a, int s)
{
	const struct device *d = session_device(a->sess, s);
	int dl = analysis_sides(a->an)[s].dialect;

	if (d != NULL && d->nstatus > 0)
		return d;
	for (int i = 0; dl >= 0 && i < a->kb->ndevices; i++)
		if (a->kb->devices[i].dialect == dl && a->kb->devices[i].nstatus > 0)
			return &a->kb->devices[i];
	return d;
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
		sb_reset(&a->ping_out);
		a->ping_status = -1;
		a->have_cnt0[0] = a->have_cnt0[1] = 0;
		a->have_cnt1[0] = a->have_cnt1[1] = 0;
		a->cnt_tried[0] = status_of(a, 0) != NULL;
		a->cnt_tried[1] = status_of(a, 1) != NULL;
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
	a->prompt_yesno = 1;
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

/* r where nothing runs: say what would (the command on the device, the
 * source that would answer the check, or that only the technician can). */
static void say_nothing_runs(struct app *a, const struct tnode *n)
{
	char *hint = NULL;

	if (n == NULL) {
		app_set_message(a, M_CL_RUN_NONE, NULL);
		return;
	}
	if (n->command != NULL) {
		app_set_message(a, M_RUN_WOULD_CMD, n->command);
		return;
	}
	if (a->cl_cur >= 0 && a->cl_cur < a->cl.npath)
		hint = checklist_source_hint(&a->cl, &a->cl.path[a->cl_cur], a->o->lang);
	if (hint != NULL)
		app_set_message(a, M_RUN_WOULD_SOURCE, hint);
	else
		app_set_message(a, M_RUN_WOULD_ASK, NULL);
	free(hint);
}

/* r: run the selected step's command (or the status step), after asking. */
void run_action(struct app *a)
{
	int node = checklist_selected(a);
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
		say_nothing_runs(a, n);
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
		sb_adds(&a->ping_out, out != NULL ? out : "");
		a->ping_status = r == 1 ? status : -1;
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
		memcpy(a->cnt1[s], v, sizeof v);
		a->have_cnt1[s] = 1;
		sb_addf(&a->ping_ev, " | %s %s: %s +%llu, %s +%llu", msg(M_CL_COUNTERS, l), msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, l),
		    msg(M_CL_IN, l), (unsigned long long)(v[1] >= a->cnt0[s][1] ? v[1] - a->cnt0[s][1] : v[1]),
		    msg(M_CL_OUT, l), (unsigned long long)(v[3] >= a->cnt0[s][3] ? v[3] - a->cnt0[s][3] : v[3]));
	}
	return 0;
}

void checklist_poll_runs(struct app *a)
{
	struct strbuf ev = {0}, why = {0}, pane = {0};
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
		results_ping_text(a, &pane, txt(&a->cl.tree->nodes[a->run_node].text, a->o->lang));
		goto answer;
	}
	sb_adds(&pane, txt(&a->cl.tree->nodes[a->run_node].text, a->o->lang));
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
		{
			struct strbuf w1 = {0};

			if (r == 1 && a->cl.tree->nodes[a->run_node].run == TR_STATUS)
				checklist_read_status(&a->world, side_device(a, s), out,
				    msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, a->o->lang), &w1);
			if (w1.len)
				sb_add(&why, w1.s, w1.len);
			results_status_text(a, &pane, s, r >= 1 ? out : NULL, r == 1 ? status : -1, w1.s);
			sb_free(&w1);
		}
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
		checklist_add_run(&a->cl, a->run_node, ok, pane.s, wall_ms());
	}
	sb_free(&ev);
	sb_free(&why);
	sb_free(&pane);
	/* say so: the step may not be on the walk shown */
	app_set_message(a, M_CL_RAN, txt(&a->cl.tree->nodes[a->run_node].text, a->o->lang));
	a->run_node = -1;
	a->run_sides = 0;
	a->cl_follow = 1;
	app_resync(a);
}

