/*
 * proof.c - what a ladder row may claim about a message the receiver did
 * not log (DESIGN.md, Alignment: LOST needs proof).
 *
 * A row whose sender logged sending and whose receiver logged nothing of
 * it is first checked for receipt implied by the protocol: a later step of
 * the same exchange logged by either side (a reply is only sent to a
 * request that arrived), a phase 2 exchange or DPD under the IKE SA, or an
 * SA established by the receiver. Then the receiver's log must cover the
 * moment the message should have arrived: both logs timed, the receiver's
 * log begun before and running past arrival + RTT + slack, its daemon not
 * stopped and the state not deleted by then, and nothing it logged about
 * that state left unmapped. Only then is the row LOST; otherwise it says
 * what is known (not logged, log ended, not understood, in progress), and
 * every status carries a why (an i18n id and the line it names).
 */
#include "align/align.h"

#include <stdio.h>
#include <stdlib.h>

#define US 1000000LL
#define DAY_US (86400LL * US)
/* arrival may lag the sender's clock by the RTT plus this */
#define SLACK_US (2 * US)

/* The exchange family of a step and its place in the family. */
static int family(enum step s, int *order)
{
	static const struct {
		enum step s;
		int fam, ord;
	} t[] = {
		{ S_MI1, 1, 1 }, { S_MR1, 1, 2 }, { S_MI2, 1, 3 }, { S_MR2, 1, 4 }, { S_MI3, 1, 5 }, { S_MR3, 1, 6 },
		{ S_AI1, 2, 1 }, { S_AR1, 2, 2 }, { S_AI2, 2, 3 },
		{ S_SA_INIT_I, 3, 1 }, { S_SA_INIT_R, 3, 2 }, { S_AUTH_I, 3, 3 }, { S_AUTH_R, 3, 4 },
		{ S_QI1, 4, 1 }, { S_QR1, 4, 2 }, { S_QI2, 4, 3 },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i].s == s) {
			*order = t[i].ord;
			return t[i].fam;
		}
	*order = 0;
	return 0;
}

static int is_last(enum step s)
{
	return s == S_MR3 || s == S_AI2 || s == S_AUTH_R || s == S_QI2;
}

/* The first line logging st in n (any cell), 0 when none. */
static uint64_t step_line(const struct nego *n, enum step st)
{
	const struct stepcells *c = nego_step(n, st);
	uint64_t best = 0;
	const struct cell *v[4];

	if (c == NULL)
		return 0;
	v[0] = &c->sent;
	v[1] = &c->recv;
	v[2] = &c->retrans;
	v[3] = &c->dup;
	for (int k = 0; k < 4; k++)
		if (v[k]->count > 0 && (best == 0 || v[k]->first.line < best))
			best = v[k]->first.line;
	return best;
}

/* A phase 2 or DPD step: logged only under an established phase 1. */
static int under_sa(enum step s)
{
	return s == S_QI1 || s == S_QR1 || s == S_QI2 || s == S_DPD || s == S_DPD_ACK ||
	    s == S_CHILD_I || s == S_CHILD_R || s == S_INFO2_I || s == S_INFO2_R;
}

/*
 * 1 when a line of the group proves that the message st arrived at side
 * rcv; *line, *lside name the proving line.
 */
static int implied(const struct group *g, int rcv, enum step st, uint64_t *line, int *lside)
{
	int ord, fam = family(st, &ord);

	if (fam == 0)
		return 0;
	for (int side = 0; side < 2; side++) {
		const struct nego *n = g->n[side];

		if (n == NULL)
			continue;
		for (int s = 1; s < STEP_COUNT; s++) {
			int o, f = family((enum step)s, &o);
			uint64_t l;

			if (!((f == fam && o > ord) || (fam != 4 && under_sa((enum step)s))))
				continue;
			if ((l = step_line(n, (enum step)s)) != 0) {
				*line = l;
				*lside = side;
				return 1;
			}
		}
		{
			const struct evref *e = fam == 4 ? &n->est_ipsec : &n->est_ike;

			if (e->line != 0 && fam != 4 && n->est_ipsec.line != 0)
				e = &n->est_ipsec;
			if (e->line != 0 && (side == rcv || !is_last(st))) {
				*line = e->line;
				*lside = side;
				return 1;
			}
		}
	}
	return 0;
}

static int64_t day(const struct alignment *al, int64_t t)
{
	return al->time_of_day ? ((t % DAY_US) + DAY_US) % DAY_US : t;
}

static void set(struct row *r, enum row_status st, enum msg why, uint64_t line, int side)
{
	r->status = st;
	r->why = why;
	r->why_line = line;
	r->why_side = side;
}

/* The receiver's lifemark (start/stop) last before t, or NULL. */
static const struct lifemark *life_before(const struct alignment *al, const struct side *s, int64_t t)
{
	const struct lifemark *m = NULL;

	for (int i = 0; i < s->nlife; i++)
		if (s->life[i].has_t && align_tdiff(al, day(al, s->life[i].t), t) <= 0)
			m = &s->life[i];
	return m;
}

/* How far before the computed arrival a receiver's line may still be its
 * reaction: the error of the clock offset (at most the RTT when it was
 * measured, plus the timestamps' millisecond granularity), else the slack.
 * A line the receiver logged before the message can have reached it says
 * nothing about the message. */
static int64_t unsure_us(const struct alignment *al)
{
	if (al->offset_known && al->rtt_known)
		return al->rtt_us + US / 100;
	return SLACK_US;
}

/* Decide a row that the sender (snd) logged sending and the receiver
 * did not log receiving. */
static void prove(const struct side sides[2], const struct alignment *al, const struct group *g,
    struct row *r, int snd)
{
	int rcv = 1 - snd, lside = rcv;
	const struct side *R = &sides[rcv], *S = &sides[snd];
	const struct nego *rn = g->n[rcv];
	const struct evref *e = &r->cell[snd]->first;
	uint64_t line = 0;
	int64_t off, t_arr, t_late, rend, send, latest;
	const struct lifemark *m;

	if (implied(g, rcv, r->step, &line, &lside)) {
		set(r, RS_OK, M_WHY_IMPLIED, line, lside);
		return;
	}
	if (!e->has_t || !R->has_t) {
		set(r, RS_NOT_LOGGED, M_WHY_NO_TIME, e->line, snd);
		return;
	}
	/* in the receiver's clock */
	off = al->offset_known ? al->offset_us : 0;
	t_arr = day(al, e->t) + (snd == 0 ? off : -off);
	t_late = t_arr + (al->rtt_known ? al->rtt_us : 0) + SLACK_US;
	rend = day(al, R->t_last);
	send = day(al, S->t_last) + (snd == 0 ? off : -off);
	latest = align_tdiff(al, rend, send) > 0 ? rend : send;
	/* a daemon whose start the log shows and no stop after it was running
	 * (and logging) as long as the other log runs: its silence is the
	 * daemon's, not the end of an excerpt */
	if (R->nlife > 0 && R->life[R->nlife - 1].up)
		rend = latest;
	if (rn != NULL && rn->deleted.line != 0 && rn->deleted.has_t &&
	    align_tdiff(al, day(al, rn->deleted.t), t_late) <= 0) {
		set(r, RS_NOT_LOGGED, M_WHY_GONE, rn->deleted.line, rcv);
		return;
	}
	if ((m = life_before(al, R, t_late)) != NULL && !m->up) {
		set(r, RS_NOT_LOGGED, M_WHY_GONE, m->line, rcv);
		return;
	}
	if (align_tdiff(al, day(al, R->t_first), t_arr) > 0) {
		set(r, RS_NOT_LOGGED, M_WHY_BEGINS, 1, rcv);
		return;
	}
	if (align_tdiff(al, rend, t_late) < 0) {
		/* younger than the sender's retransmission interval: it had
		 * no reason to repeat it yet */
		if (align_tdiff(al, latest, t_arr) < side_retransmit_us(S))
			set(r, RS_IN_PROGRESS, M_WHY_PROGRESS, e->line, snd);
		else
			set(r, RS_LOG_ENDED, M_WHY_ENDED, R->nlines, rcv);
		return;
	}
	if (rn != NULL && rn->nunmapped > 0 && rn->unmapped.line > step_line(rn, step_prev(r->step)) &&
	    (!rn->unmapped.has_t || align_tdiff(al, day(al, rn->unmapped.t), t_arr - unsure_us(al)) >= 0)) {
		set(r, RS_NOT_UNDERSTOOD, M_WHY_UNMAPPED, rn->unmapped.line, rcv);
		return;
	}
	set(r, RS_LOST, M_WHY_LOST, R->nlines, rcv);
}

void align_prove(const struct side sides[2], struct alignment *al)
{
	for (int gi = 0; gi < al->ngroups; gi++) {
		struct group *g = &al->groups[gi];

		for (int k = 0; k < g->nrows; k++) {
			struct row *r = &g->rows[k];
			int snd = -1;

			if (r->status != RS_LOST)
				continue;
			for (int side = 0; side < 2; side++)
				if (r->cell[side] != NULL && r->is_sender[side])
					snd = side;
			if (snd < 0) {
				set(r, RS_NOT_LOGGED, M_WHY_ONESIDED, 0, 0);
				continue;
			}
			prove(sides, al, g, r, snd);
		}
	}
}
