/*
 * retrans.c - one negotiation, however often its first message was sent.
 *
 * A responder that rejects the first message of an IKE SA (MI1, AI1,
 * IKE_SA_INIT with no acceptable proposal, no connection) deletes the state
 * it made, and every retransmission of that message makes a new state. All
 * of them are the same IKE SA attempt: a lone state whose first logged step
 * is the receipt of a first message is folded into the group whose other
 * side sent (or retransmitted) that message while the lone state began
 * (within the sender's first send and last retransmission, plus slack, in
 * corrected time). The first such state becomes the group's counterpart
 * when it has none; the others are kept as extra receipts of that step.
 */
#include "align/align.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

#define US 1000000LL
#define DAY_US (86400LL * US)
#define SLACK_US (3 * US)

static int first_step(enum step s)
{
	return s == S_MI1 || s == S_AI1 || s == S_SA_INIT_I;
}

/* The first message u received, when that is all it shows of phase 1. */
static enum step lone_first(const struct nego *u)
{
	enum step got = STEP_NONE;

	for (int s = 1; s < STEP_COUNT; s++) {
		const struct stepcells *c = u->steps[s];

		if (c == NULL)
			continue;
		if (first_step((enum step)s) && c->recv.count > 0)
			got = (enum step)s;
		else if (s != S_INFO && s != S_SA_INIT_R && s != S_INFO2_R)
			return STEP_NONE;   /* the state went further */
	}
	return got;
}

static int64_t at(const struct alignment *al, int64_t t)
{
	return al->time_of_day ? ((t % DAY_US) + DAY_US) % DAY_US : t;
}

/*
 * How far u's start (side x) lies outside the span over which o (side y)
 * sent st: 0 inside it, -1 when more than the slack away (or o did not
 * send st, or no times).
 */
static int64_t span_gap(const struct alignment *al, const struct nego *o, int y, const struct nego *u, enum step st)
{
	const struct stepcells *c = nego_step(o, st);
	int64_t off = al->offset_known ? al->offset_us : 0, tu, t0, t1, a, b;

	if (c == NULL || (c->sent.count == 0 && c->retrans.count == 0) || o->role == ROLE_RESPONDER)
		return -1;
	if (!o->has_t || !u->has_t)
		return -1;
	/* u's start in o's clock (off is right minus left); the sender's
	 * span is its negotiation's, which ends with its last retransmission */
	tu = at(al, u->t_start) + (y == 0 ? -off : off);
	t0 = at(al, c->sent.count ? c->sent.first.t : c->retrans.first.t);
	t1 = at(al, o->t_last);
	a = align_tdiff(al, t0, tu);
	b = align_tdiff(al, tu, t1);
	if (a > SLACK_US || b > SLACK_US)
		return -1;
	return a > 0 ? a : b > 0 ? b : 0;
}

static int covers(const struct alignment *al, const struct nego *o, int y, const struct nego *u, enum step st)
{
	return span_gap(al, o, y, u, st) >= 0;
}

/* The first message u received (whatever it did after), or STEP_NONE. */
static enum step got_first(const struct nego *u)
{
	for (int s = 1; s < STEP_COUNT; s++)
		if (first_step((enum step)s) && u->steps[s] != NULL && u->steps[s]->recv.count > 0)
			return (enum step)s;
	return STEP_NONE;
}

/* A responder state that received the first message, answered at most
 * with a reply or notification and was deleted: it rejected the message. */
static int rejected(const struct nego *n)
{
	return lone_first(n) != STEP_NONE && n->deleted.line != 0;
}

/*
 * A responder that rejected the first message (INVALID_KE, a proposal it
 * could not take) and then took the initiator's retry in a new state: the
 * pairing may have matched the rejecting state, which is nearer in time.
 * When a lone state of the same side received the first message while the
 * initiator was sending it and did not reject it (went further, or lived
 * on), it is the counterpart; the rejecting state becomes lone, and is
 * folded in below as an extra receipt.
 */
static void promote(struct alignment *al, struct group *g, int x)
{
	int y = 1 - x;

	if (g->n[x] == NULL || g->n[y] == NULL || g->n[x]->role == ROLE_INITIATOR || !rejected(g->n[x]))
		return;
	for (int k = 0; k < al->ngroups; k++) {
		struct group *lone = &al->groups[k];
		const struct nego *u = lone->n[x];
		enum step st;

		if (lone == g || lone->dead || u == NULL || lone->n[y] != NULL || u->role == ROLE_INITIATOR ||
		    rejected(u) || (st = got_first(u)) == STEP_NONE || !covers(al, g->n[y], y, u, st))
			continue;
		lone->n[x] = g->n[x];
		g->n[x] = u;
		return;
	}
}

/* How far u's start lies from the nearest sending of st by o that o's
 * log dates (first sending, first and last retransmission). */
static int64_t send_gap(const struct alignment *al, const struct nego *o, int y, const struct nego *u, enum step st)
{
	const struct stepcells *c = nego_step(o, st);
	const struct evref *e[3] = { &c->sent.first, &c->retrans.first, &c->retrans_last };
	int64_t off = al->offset_known ? al->offset_us : 0, tu = at(al, u->t_start) + (y == 0 ? -off : off);
	int64_t best = -1;

	for (int k = 0; k < 3; k++) {
		int64_t d;

		if (!e[k]->has_t || e[k]->line == 0)
			continue;
		d = llabs(align_tdiff(al, tu, at(al, e[k]->t)));
		if (best < 0 || d < best)
			best = d;
	}
	return best < 0 ? 0 : best;
}

/* Fold lone state u (side x, first message st received) into the group
 * whose sender's span its start is nearest (inside: 0), then whose
 * sending of st it began nearest: two IKE SAs with INVALID_KE rounds 140
 * ms apart put the second one's rejecting state 4 ms after the first
 * one's span, which the start-time offset (it holds the delay) moves
 * inside; a replacement attempt begins right where the last one ended. */
static void fold(struct alignment *al, int k, int x, const struct nego *u, enum step st)
{
	struct group *g = NULL;
	int y = 1 - x;
	int64_t best = -1;

	for (int j = 0; j < al->ngroups; j++) {
		int64_t d;

		if (j == k || al->groups[j].dead || al->groups[j].n[y] == NULL ||
		    (d = span_gap(al, al->groups[j].n[y], y, u, st)) < 0)
			continue;
		d += send_gap(al, al->groups[j].n[y], y, u, st);
		if (best >= 0 && d >= best)
			continue;
		best = d;
		g = &al->groups[j];
	}
	if (g == NULL || (g->n[x] != NULL && g->nextra[x] >= GROUP_MAX_EXTRA))
		return;
	if (g->n[x] == NULL)
		g->n[x] = u;
	else
		g->extra[x][g->nextra[x]++] = u;
	al->groups[k].dead = 1;
}

void align_absorb(struct alignment *al)
{
	for (int k = 0; k < al->ngroups; k++)
		for (int x = 0; x < 2; x++)
			promote(al, &al->groups[k], x);
	for (int k = 0; k < al->ngroups; k++) {
		struct group *lone = &al->groups[k];
		int x = lone->n[0] != NULL ? 0 : 1, y = 1 - x;
		const struct nego *u = lone->n[x];
		enum step st;

		if (lone->dead || u == NULL || lone->n[y] != NULL || u->role == ROLE_INITIATOR ||
		    (st = lone_first(u)) == STEP_NONE)
			continue;
		fold(al, k, x, u, st);
	}
	/* drop the absorbed groups, keeping the order */
	{
		int w = 0;

		for (int k = 0; k < al->ngroups; k++)
			if (!al->groups[k].dead)
				al->groups[w++] = al->groups[k];
		al->ngroups = w;
	}
}

/*
 * The messages the side's extra states sent for step st (their own replies
 * to the retransmitted first message: NO_PROPOSAL_CHOSEN, INVALID_KE, each
 * a distinct message on the wire) become rows of their own after main, the
 * row of the group's state. The other side's receipts of st are counted
 * off in order: the n-th reply is received when the receiver logged at
 * least n receipts (the why names the first of them); the rest are LOST
 * candidates for align_prove().
 */
void align_extra_rows(const struct side sides[2], const struct group *g, const struct row *main,
    struct row **rows, size_t *n, size_t *cap)
{
	for (int side = 0; side < 2; side++) {
		int rcv = 1 - side;
		const struct stepcells *rc = g->n[rcv] != NULL ? nego_step(g->n[rcv], main->step) : NULL;
		unsigned got = rc != NULL ? rc->recv.count : 0, idx = main->cell[side] != NULL && main->is_sender[side];

		if (main->sender == ROLE_UNKNOWN || g->role[side] != main->sender)
			continue;
		/* refusals with responder SPI 0 repeat the main row's
		 * message on the wire: no rows of their own */
		if (sides[side].reject_spi_zero && main->step == S_SA_INIT_R)
			continue;
		for (int k = 0; k < g->nextra[side]; k++) {
			const struct stepcells *c = nego_step(g->extra[side][k], main->step);
			struct row r;

			if (c == NULL || (c->sent.count == 0 && c->retrans.count == 0))
				continue;
			memset(&r, 0, sizeof r);
			r.step = main->step;
			r.sender = main->sender;
			r.cell[side] = c->sent.count ? &c->sent : &c->retrans;
			r.is_sender[side] = 1;
			r.retrans[side] = c->retrans.count;
			r.why = M_COUNT;
			if (!sides[0].present || !sides[1].present) {
				r.status = RS_NOLOG;
				r.why = M_WHY_NOLOG;
			} else if (got > idx) {
				/* the receiver's cell stays on the main row: its
				 * first receipt is not this reply's (and must not
				 * be a clock sample) */
				r.status = RS_OK;
				r.why = M_WHY_RECEIVED;
				r.why_line = rc->recv.first.line;
				r.why_side = rcv;
			} else {
				r.status = RS_LOST;
			}
			idx++;
			*VEC_PUSH(*rows, *n, *cap) = r;
		}
	}
}
