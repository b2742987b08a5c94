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

/* 1 when o (side y) sent st over a span that covers u's start (side x). */
static int covers(const struct alignment *al, const struct nego *o, int y, const struct nego *u, enum step st)
{
	const struct stepcells *c = nego_step(o, st);
	int64_t off = al->offset_known ? al->offset_us : 0, tu, t0, t1;

	if (c == NULL || (c->sent.count == 0 && c->retrans.count == 0) || o->role == ROLE_RESPONDER)
		return 0;
	if (!o->has_t || !u->has_t)
		return 0;
	/* u's start in o's clock (off is right minus left); the sender's
	 * span is its negotiation's, which ends with its last retransmission */
	tu = at(al, u->t_start) + (y == 0 ? -off : off);
	t0 = at(al, c->sent.count ? c->sent.first.t : c->retrans.first.t);
	t1 = at(al, o->t_last);
	return align_tdiff(al, tu, t0) >= -SLACK_US && align_tdiff(al, tu, t1) <= SLACK_US;
}

void align_absorb(struct alignment *al)
{
	for (int k = 0; k < al->ngroups; k++) {
		struct group *lone = &al->groups[k];
		int x = lone->n[0] != NULL ? 0 : 1, y = 1 - x;
		const struct nego *u = lone->n[x];
		enum step st;

		if (lone->dead || u == NULL || lone->n[y] != NULL || u->role == ROLE_INITIATOR ||
		    (st = lone_first(u)) == STEP_NONE)
			continue;
		for (int j = 0; j < al->ngroups; j++) {
			struct group *g = &al->groups[j];

			if (j == k || g->dead || g->n[y] == NULL || !covers(al, g->n[y], y, u, st))
				continue;
			if (g->n[x] == NULL) {
				g->n[x] = u;
			} else if (g->nextra[x] < GROUP_MAX_EXTRA) {
				g->extra[x][g->nextra[x]++] = u;
			} else {
				continue;
			}
			lone->dead = 1;
			break;
		}
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
