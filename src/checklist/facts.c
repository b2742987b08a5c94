/*
 * facts.c - see facts.h. A check is answered "by the logs" only from the
 * source that would show its answer (checklist_source), and only when
 * that source is loaded: the IKE logs for the SA checks and causes, the
 * remote side's log for what the remote side received, a side's VPN
 * firewall log for the echo checks of the ping procedure. An answer from
 * a line names the line; an answer from an absence names the log that was
 * searched and its time span. Anything else is asked.
 */
#include "checklist/facts.h"
#include "base/redact.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How long after the technician confirmed VPN firewall logging (or after
 * the first echo left) an absence counts as "no" in a live session. */
#define ECHO_WAIT_MS 8000

char *cl_kept(const char *s)
{
	return s != NULL && *s ? redact_dup(s, strlen(s)) : NULL;
}

enum cl_src checklist_source(const struct tnode *n)
{
	if (n == NULL || n->kind != TN_CHECK)
		return SRC_TECHNICIAN;
	switch (n->check) {
	case TF_CONN_LOADED: case TF_ISAKMP_SA: case TF_IPSEC_SA: case TF_CAUSE: return SRC_IKE;
	case TF_RESPONDER_RECEIVED: return SRC_IKE_REMOTE;
	case TF_ECHO_OUT: case TF_ECHO_IN: return SRC_FW;
	case TF_PING_LOCAL_GW: case TF_PING_REMOTE_GW: return SRC_CLIENT;
	default: return SRC_TECHNICIAN;
	}
}

static int side_loaded(const struct side *s)
{
	return s->present && s->nlines > 0;
}

/* A side's VPN firewall log is loaded when its input showed firewall
 * entries (the dialects read the fw-vpn echo entries). */
static int fw_loaded(const struct side *s)
{
	for (int i = 0; i < s->nnegos; i++)
		if (s->negos[i]->kind == NK_TRAFFIC)
			return 1;
	return 0;
}

static void absent(struct fact_out *o, const struct facts *F, int side, enum msg what, int cause)
{
	int a = side < 0 ? 0 : side, b = side < 0 ? 1 : side;

	o->abs.set = 1;
	o->abs.side = side;
	o->abs.what = what;
	o->abs.cause = cause;
	o->abs.has_t = 1;
	o->abs.t0_us = INT64_MAX;
	o->abs.t1_us = INT64_MIN;
	for (int s = a; s <= b; s++) {
		if (!F->sides[s].has_t) {
			o->abs.has_t = 0;
			continue;
		}
		if (F->sides[s].t_first < o->abs.t0_us)
			o->abs.t0_us = F->sides[s].t_first;
		if (F->sides[s].t_last > o->abs.t1_us)
			o->abs.t1_us = F->sides[s].t_last;
	}
	if (o->abs.t0_us > o->abs.t1_us)
		o->abs.has_t = 0;
}

static char *ev_text(const struct evref *e)
{
	return e != NULL ? cl_kept(e->text) : NULL;
}

static int has_cause(const struct diagnosis *dg, int cause)
{
	for (int i = 0; i < dg->n; i++)
		if (dg->f[i].cause == cause)
			return i;
	return -1;
}

/* Whether line of side s matched a signature of cause (the line that
 * names the reason, not the messages around it). */
static int names_cause(const struct kb *kb, const struct side *s, uint64_t line, int cause)
{
	for (int i = 0; i < s->nnegos; i++)
		for (int h = 0; h < s->negos[i]->nhits; h++) {
			const struct sighit *x = &s->negos[i]->hits[h];

			if ((x->ev.line == line || x->last.line == line) && x->sig >= 0 && x->sig < kb->nsigs &&
			    kb->sigs[x->sig].cause == cause)
				return 1;
		}
	return 0;
}

/* The finding's line that names its cause, else its first line. */
static char *finding_line(const struct facts *F, const struct finding *f)
{
	for (int i = 0; i < f->nev; i++)
		if (f->ev[i].text != NULL && f->ev[i].side >= 0 && f->ev[i].side < 2 &&
		    names_cause(F->cl->kb, &F->sides[f->ev[i].side], f->ev[i].line, f->cause))
			return cl_kept(f->ev[i].text);
	for (int i = 0; i < f->nev; i++)
		if (f->ev[i].text != NULL)
			return cl_kept(f->ev[i].text);
	return NULL;
}

#define finding_ev(f) finding_line(F, (f))

/* A negotiation of the sides with an established SA (1 IKE, 2 IPsec). */
static const struct evref *established(const struct side *sides, int which, int *negos)
{
	const struct evref *best = NULL;

	*negos = 0;
	for (int s = 0; s < 2; s++)
		for (int i = 0; i < sides[s].nnegos; i++) {
			const struct nego *n = sides[s].negos[i];
			const struct evref *e = which == 1 ? &n->est_ike : &n->est_ipsec;

			if (n->kind == NK_TRAFFIC)
				continue;
			(*negos)++;
			if (e->line != 0 && (best == NULL || e->line > best->line))
				best = e;
		}
	return best;
}

/* The newest time the technician confirmed the fwlog step, or -1. */
static int64_t fwlog_confirmed(const struct checklist *cl)
{
	int64_t t = -1;

	for (int i = 0; i < cl->nans; i++)
		if (cl->tree->nodes[cl->ans[i].node].run == TR_FWLOG && cl->ans[i].ans == ANS_DONE && cl->ans[i].t_ms > t)
			t = cl->ans[i].t_ms;
	return t;
}

/* The newest echo line of a kind: 0 leaving, 1 arrived, 2 lost. */
static char *echo_line(const struct echo_summary *es, int kind)
{
	for (int s = 0; s < 2; s++) {
		const struct evref *e = kind == 0 ? es->dir[s].out_ev : kind == 1 ? es->dir[s].in_ev : es->dir[s].lost_ev;

		if (e != NULL)
			return ev_text(e);
	}
	return NULL;
}

/* The connection (idx 0): a status command, a finding, negotiations. */
static void fact_conn(const struct facts *F, struct fact_out *o, int negos)
{
	int nl = kb_cause_index(F->cl->kb, "connection-not-loaded"), k;
	const struct evref *e = NULL;

	if (nl >= 0 && (k = has_cause(F->dg, nl)) >= 0 && (o->why = finding_ev(&F->dg->f[k])) != NULL) {
		o->v = TRI_NO;
		return;
	}
	for (int s = 0; s < 2 && negos > 0 && e == NULL; s++)
		for (int i = 0; i < F->sides[s].nnegos && e == NULL; i++)
			if (F->sides[s].negos[i]->kind != NK_TRAFFIC)
				e = nego_first_ev(F->sides[s].negos[i]);
	if (negos > 0 && (o->why = ev_text(e)) != NULL)
		o->v = TRI_YES;
}

/*
 * The connection (idx 0), the ISAKMP SA (1) or the IPsec SA (2) from a
 * status command and the logs. A status command saying "up" or logs showing
 * the SA come up win over an older "down"; then the status command's "down".
 */
static void fact_sa(const struct facts *F, int idx, struct fact_out *o)
{
	const struct diagnosis *dg = F->dg;
	const struct evref *e;
	int negos;

	if (F->w != NULL && F->w->status[idx] == TRI_YES) {
		o->by = BY_STATUS;
		o->why = cl_kept(F->w->status_why);
		o->v = TRI_YES;
		return;
	}
	e = established(F->sides, idx > 0 ? idx : 1, &negos);
	if (idx > 0 && e != NULL) {
		o->why = ev_text(e);
		o->v = TRI_YES;
		return;
	}
	if (F->w != NULL && F->w->status[idx] == TRI_NO) {
		o->by = BY_STATUS;
		o->why = cl_kept(F->w->status_why);
		o->v = TRI_NO;
		return;
	}
	if (!side_loaded(&F->sides[LEFT]) && !side_loaded(&F->sides[RIGHT])) {
		o->missing = 1;
		return;
	}
	if (idx == 0) {
		fact_conn(F, o, negos);
		return;
	}
	if (negos > 0 && dg->n > 0 && (F->w == NULL || F->w->complete || dg->f[0].severity >= SEV_WARNING)) {
		/* the SA never came up in the logs searched: the top finding's
		 * line says why, else the logs' span is the evidence */
		o->v = TRI_NO;
		if ((o->why = finding_ev(&dg->f[0])) == NULL)
			absent(o, F, -1, M_CL_ABS_SA, -1);
	}
}

/* A cause found (its line), or not found in both sides' complete logs. */
static void fact_cause(const struct facts *F, const struct tnode *n, struct fact_out *o)
{
	int k = has_cause(F->dg, n->check_cause);

	if (k >= 0 && (o->why = finding_ev(&F->dg->f[k])) != NULL) {
		o->v = TRI_YES;
		return;
	}
	if (!side_loaded(&F->sides[LEFT]) || !side_loaded(&F->sides[RIGHT])) {
		o->missing = 1;
		o->side = side_loaded(&F->sides[LEFT]) ? RIGHT : side_loaded(&F->sides[RIGHT]) ? LEFT : -1;
		return;
	}
	if (k < 0 && F->w != NULL && F->w->complete && F->dg->n > 0) {
		o->v = TRI_NO;
		absent(o, F, -1, M_CL_ABS_CAUSE, n->check_cause);
	}
}

/* Did the responder receive the request? Only its own log tells. */
static void fact_received(const struct facts *F, struct fact_out *o)
{
	int k, resp = -1;

	for (int g = 0; g < F->al->ngroups; g++) {
		const struct group *gr = &F->al->groups[g];

		for (int s = 0; s < 2; s++) {
			if (gr->n[s] == NULL || gr->n[s]->kind == NK_TRAFFIC)
				continue;
			if (gr->role[s] == ROLE_RESPONDER)
				resp = s;
			else if (gr->role[s] == ROLE_INITIATOR && resp < 0)
				resp = !s;
			if (gr->role[s] == ROLE_RESPONDER && gr->n[s]->m_recv != 0 && (o->why = ev_text(nego_first_ev(gr->n[s]))) != NULL) {
				o->v = TRI_YES;
				o->side = s;
				return;
			}
		}
	}
	o->side = resp;
	for (int s = 0; s < 2; s++)
		if (!side_loaded(&F->sides[s]) && (resp < 0 || resp == s)) {
			/* the remote side's log is not there: it alone would show it */
			o->side = s;
			o->missing = 1;
			return;
		}
	k = kb_cause_index(F->cl->kb, "peer-unreachable");
	if (k >= 0 && (k = has_cause(F->dg, k)) >= 0 && resp >= 0 && F->w != NULL && F->w->complete) {
		o->v = TRI_NO;
		absent(o, F, resp, M_CL_ABS_REQUEST, -1);
	}
}

/* Step 3 of the ping procedure: the local (left) gateway's firewall log
 * shows echoes leaving; the other side's shows them arriving. */
static void fact_echo(const struct facts *F, const struct tnode *n, struct fact_out *o)
{
	const struct echo_summary *es = &F->cl->echo;
	int out = es->dir[LEFT].out + es->dir[RIGHT].out;
	int64_t conf = fwlog_confirmed(F->cl), now = F->w != NULL ? F->w->now_ms : 0;
	int done = F->w != NULL && F->w->complete;

	if (n->check == TF_ECHO_OUT) {
		o->side = LEFT;
		if (out > 0 && (o->why = echo_line(es, 0)) != NULL) {
			o->v = TRI_YES;
			return;
		}
		if (!fw_loaded(&F->sides[LEFT])) {
			o->missing = 1;
			return;
		}
		if (conf >= 0 && F->w != NULL && (done || now - conf >= ECHO_WAIT_MS)) {
			o->v = TRI_NO;
			absent(o, F, LEFT, M_CL_ABS_ECHO_OUT, -1);
		}
		return;
	}
	o->side = es->dir[LEFT].out > 0 || es->dir[RIGHT].out == 0 ? RIGHT : LEFT;
	if (es->dir[LEFT].arrived + es->dir[RIGHT].arrived > 0 && (o->why = echo_line(es, 1)) != NULL) {
		o->v = TRI_YES;
		return;
	}
	if (!fw_loaded(&F->sides[o->side])) {
		o->missing = 1;
		return;
	}
	if (out > 0 && F->w != NULL && (done || now - F->cl->echo_seen_ms >= ECHO_WAIT_MS)) {
		o->v = TRI_NO;
		absent(o, F, o->side, M_CL_ABS_ECHO_IN, -1);
	}
}

void fact_check(const struct facts *F, const struct tnode *n, struct fact_out *o)
{
	memset(o, 0, sizeof *o);
	o->v = TRI_UNKNOWN;
	o->by = BY_LOGS;
	o->side = -1;
	switch (n->check) {
	case TF_CONN_LOADED: fact_sa(F, 0, o); break;
	case TF_ISAKMP_SA: fact_sa(F, 1, o); break;
	case TF_IPSEC_SA: fact_sa(F, 2, o); break;
	case TF_CAUSE: fact_cause(F, n, o); break;
	case TF_RESPONDER_RECEIVED: fact_received(F, o); break;
	case TF_ECHO_OUT: case TF_ECHO_IN: fact_echo(F, n, o); break;
	default: break;
	}
	config_fact(F, n, o);   /* issue 18: the configuration comparison (config_facts.c) */
	/* an answer by the logs always rests on a line or a searched absence */
	if (o->v != TRI_UNKNOWN && o->why == NULL && !o->abs.set)
		o->v = TRI_UNKNOWN;
}

/* ---- questions whose answer the evidence quotes ---- */

#define ELLIPSIS "\xe2\x80\xa6"

/* Whether every fragment (between "…") of one quoted message occurs in line. */
static int quote_matches(const char *q, size_t len, const char *line)
{
	int frags = 0;

	while (len > 0) {
		const char *e = memmem(q, len, ELLIPSIS, 3);
		size_t fl = e != NULL ? (size_t)(e - q) : len;
		const char *a = q, *b = q + fl;
		char buf[256];

		while (a < b && (*a == ' ' || *a == '\''))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\''))
			b--;
		if (b - a >= 6) {
			snprintf(buf, sizeof buf, "%.*s", (int)(b - a), a);
			if (strstr(line, buf) == NULL)
				return 0;
			frags++;
		}
		if (e == NULL)
			break;
		len -= fl + 3;
		q = e + 3;
	}
	return frags > 0;
}

/* The messages an option quotes ('…' or '…', English text) against line. */
static int option_quotes(const char *t, const char *line)
{
	const char *a = strchr(t, '\''), *z = strrchr(t, '\'');

	if (a == NULL || z == NULL || z <= a)
		return 0;
	a++;
	while (a < z) {
		const char *sep = memmem(a, (size_t)(z - a), "' or '", 6);
		size_t l = sep != NULL ? (size_t)(sep - a) : (size_t)(z - a);

		if (quote_matches(a, l, line))
			return 1;
		if (sep == NULL)
			break;
		a = sep + 6;
	}
	return 0;
}

/* The role an option names ("Responder: ..."), or ROLE_UNKNOWN. */
static enum role option_role(const char *t)
{
	return strncmp(t, "Responder:", 10) == 0 ? ROLE_RESPONDER : strncmp(t, "Initiator:", 10) == 0 ? ROLE_INITIATOR
												  : ROLE_UNKNOWN;
}

int fact_option(const struct facts *F, const struct tnode *n, char **why)
{
	const struct finding *f = F->top;
	int found = -1;

	*why = NULL;
	if (f == NULL)
		return -1;
	for (int i = 0; i < f->nev; i++) {
		const struct evidence *ev = &f->ev[i];
		enum role r = ROLE_UNKNOWN;

		if (ev->text == NULL)
			continue;
		if (f->group >= 0 && f->group < F->al->ngroups && ev->side >= 0 && ev->side < 2)
			r = F->al->groups[f->group].role[ev->side];
		for (int k = 0; k < n->nopts; k++) {
			const char *t = n->opts[k].text.en;
			enum role want;

			if (t == NULL || !option_quotes(t, ev->text))
				continue;
			want = option_role(t);
			if (want != ROLE_UNKNOWN && want != r)
				continue;
			if (found >= 0 && found != k) {
				/* two options fit: the evidence does not decide */
				free(*why);
				*why = NULL;
				return -1;
			}
			if (found < 0)
				*why = cl_kept(ev->text);
			found = k;
		}
	}
	return found;
}
