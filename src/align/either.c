/*
 * either.c - exchanges either peer may start: IKEv2 INFORMATIONAL (DPD,
 * delete) and CREATE_CHILD_SA, IKEv1 informational and DPD.
 *
 * When both sides sent such a step (each its own DPD request while the
 * tunnel was cut), one row cannot say who sent what: each side's message
 * becomes a row of its own, with the other side's receipt of that step.
 * A request a side received can only be its peer's, and a response it
 * sent proves that request arrived; a response it received answers its
 * own request.
 */
#include "align/align.h"

#include <string.h>

int align_either_step(enum step st)
{
	return st == S_CHILD_I || st == S_CHILD_R || st == S_INFO2_I || st == S_INFO2_R || st == S_INFO ||
	    st == S_DPD || st == S_DPD_ACK;
}

static int sent(const struct stepcells *c)
{
	return c != NULL && (c->sent.count > 0 || c->retrans.count > 0);
}

int align_both_sent(const struct group *g, enum step st)
{
	if (!align_either_step(st) || g->n[0] == NULL || g->n[1] == NULL)
		return 0;
	return sent(nego_step(g->n[0], st)) && sent(nego_step(g->n[1], st));
}

/* The response to request st (STEP_NONE for a response or notification). */
static enum step response_of(enum step st)
{
	for (int s = 1; s < STEP_COUNT; s++)
		if (step_prev((enum step)s) == st)
			return (enum step)s;
	return STEP_NONE;
}

/* The row of the message of step st that side snd sent. */
void align_dir_row(const struct side sides[2], const struct group *g, enum step st, int snd, struct row *r)
{
	int rcv = 1 - snd;
	const struct stepcells *c = nego_step(g->n[snd], st), *rc = nego_step(g->n[rcv], st);
	const struct stepcells *resp = response_of(st) != STEP_NONE ? nego_step(g->n[rcv], response_of(st)) : NULL;

	memset(r, 0, sizeof *r);
	r->step = st;
	r->sender = g->role[snd];
	r->cell[snd] = c->sent.count ? &c->sent : &c->retrans;
	r->is_sender[snd] = 1;
	r->retrans[snd] = c->retrans.count;
	r->why = M_COUNT;
	if (rc != NULL && rc->recv.count > 0) {
		r->cell[rcv] = &rc->recv;
		r->dup[rcv] = rc->dup.count;
	}
	if (!sides[0].present || !sides[1].present) {
		r->status = RS_NOLOG;
		r->why = M_WHY_NOLOG;
	} else if (r->cell[rcv] != NULL) {
		r->status = RS_OK;
		r->why = M_WHY_RECEIVED;
		r->why_line = r->cell[rcv]->first.line;
		r->why_side = rcv;
	} else if (sent(resp)) {
		r->status = RS_OK;
		r->why = M_WHY_IMPLIED;
		r->why_line = resp->sent.count ? resp->sent.first.line : resp->retrans.first.line;
		r->why_side = rcv;
	} else {
		r->status = RS_LOST;   /* a candidate: align_prove() decides */
	}
}
