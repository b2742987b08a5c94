/*
 * align.c - see align.h.
 */
#include "align/align.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define US 1000000LL
#define DAY_US (86400LL * US)

const char *row_status_name(enum row_status s)
{
	static const char *const n[] = { "ok", "lost", "unlogged-send", "no-log", "one-sided", "local",
		"not-logged", "log-ended", "not-understood", "in-progress" };

	return (s >= RS_OK && s < RS_COUNT) ? n[s] : "?";
}

enum msg row_status_msg(enum row_status s)
{
	static const enum msg m[] = { M_STATUS_OK, M_STATUS_LOST, M_STATUS_UNLOGGED, M_STATUS_NOLOG,
		M_STATUS_ONESIDED, M_STATUS_LOCAL, M_STATUS_NOT_LOGGED, M_STATUS_LOG_ENDED,
		M_STATUS_NOT_UNDERSTOOD, M_STATUS_IN_PROGRESS };

	return (s >= RS_OK && s < RS_COUNT) ? m[s] : M_STATUS_ONESIDED;
}

void row_why(const struct row *r, enum lang lang, char *buf, size_t sz)
{
	if (sz == 0)
		return;
	buf[0] = '\0';
	if (r->why == M_COUNT)
		return;
	snprintf(buf, sz, msg(r->why, lang), r->why_line);
}

int64_t align_time(const struct alignment *al, const struct evref *e)
{
	if (!e->has_t)
		return 0;
	return al->time_of_day ? ((e->t % DAY_US) + DAY_US) % DAY_US : e->t;
}

/* Smallest signed difference modulo a day when comparing times of day. */
static int64_t tdiff(const struct alignment *al, int64_t a, int64_t b)
{
	int64_t d = a - b;

	if (al->time_of_day) {
		d %= DAY_US;
		if (d > DAY_US / 2)
			d -= DAY_US;
		if (d < -DAY_US / 2)
			d += DAY_US;
	}
	return d;
}

int64_t align_tdiff(const struct alignment *al, int64_t a, int64_t b)
{
	return tdiff(al, a, b);
}

/* The side's evidence for step st: its sending or its receipt. */
static void fill_cell(struct row *r, int side, const struct nego *n, enum role role)
{
	const struct stepcells *c;

	if (n == NULL || (c = nego_step(n, r->step)) == NULL)
		return;
	r->retrans[side] = c->retrans.count;
	r->dup[side] = c->dup.count;
	if (r->sender != ROLE_UNKNOWN && role == r->sender) {
		r->is_sender[side] = 1;
		r->cell[side] = c->sent.count ? &c->sent : c->retrans.count ? &c->retrans : c->recv.count ? &c->recv : NULL;
	} else {
		r->cell[side] = c->recv.count ? &c->recv : c->dup.count ? &c->dup : c->sent.count ? &c->sent : NULL;
		r->is_sender[side] = r->cell[side] == &c->sent;
	}
}

/* The why of a status build_rows() decided (align_prove() does the rest). */
static void set_why(struct row *r, const struct group *g)
{
	r->why = M_COUNT;
	for (int side = 0; side < 2; side++)
		if (r->cell[side] != NULL && !r->is_sender[side] && g->n[side] != NULL) {
			r->why_line = r->cell[side]->first.line;
			r->why_side = side;
		}
	switch (r->status) {
	case RS_OK: r->why = r->why_line ? M_WHY_RECEIVED : M_COUNT; break;
	case RS_UNLOGGED: r->why = M_WHY_SENT_UNLOGGED; break;
	case RS_NOLOG: r->why = M_WHY_NOLOG; break;
	case RS_ONESIDED: r->why = M_WHY_ONESIDED; break;
	default: break;
	}
}

/*
 * Who sent the step. CREATE_CHILD_SA and INFORMATIONAL requests (and IKEv1
 * informational and DPD messages) may come from either peer: there the
 * side that logged sending it is the sender; otherwise the protocol says.
 */
static enum role either_side(const struct group *g, enum step st)
{
	int from = -1, n = 0;

	if (!align_either_step(st))
		return step_sender(st);
	for (int side = 0; side < 2; side++) {
		const struct stepcells *c = g->n[side] != NULL ? nego_step(g->n[side], st) : NULL;

		if (c != NULL && (c->sent.count || c->retrans.count)) {
			from = side;
			n++;
		}
	}
	if (n == 1 && g->role[from] != ROLE_UNKNOWN)
		return g->role[from];
	return step_sender(st);
}

/* Receipts of the step by the side's extra states (see retrans.c). */
static void fill_extra(struct row *r, int side, const struct group *g)
{
	for (int k = 0; k < g->nextra[side]; k++) {
		const struct stepcells *c = nego_step(g->extra[side][k], r->step);

		if (c == NULL || c->recv.count == 0)
			continue;
		if (r->cell[side] == NULL)
			r->cell[side] = &c->recv;
		else
			r->dup[side]++;
	}
}

static void build_rows(const struct side sides[2], struct group *g)
{
	size_t cap = 0, n = 0;

	for (int s = 1; s < STEP_COUNT; s++) {
		struct row r;
		int any = 0;

		for (int side = 0; side < 2; side++) {
			if (g->n[side] != NULL && nego_step(g->n[side], (enum step)s) != NULL)
				any = 1;
			for (int k = 0; k < g->nextra[side]; k++)
				any |= nego_step(g->extra[side][k], (enum step)s) != NULL;
		}
		if (!any)
			continue;
		if (align_both_sent(g, (enum step)s)) {
			for (int side = 0; side < 2; side++)
				align_dir_row(sides, g, (enum step)s, side, VEC_PUSH(g->rows, n, cap));
			continue;
		}
		memset(&r, 0, sizeof r);
		r.step = (enum step)s;
		r.sender = either_side(g, r.step);
		for (int side = 0; side < 2; side++) {
			fill_cell(&r, side, g->n[side], g->role[side]);
			fill_extra(&r, side, g);
		}
		if (step_is_local(r.step)) {
			r.status = RS_LOCAL;
		} else {
			int snd = -1, rcv = -1;

			for (int side = 0; side < 2; side++)
				if (r.sender != ROLE_UNKNOWN && g->role[side] == r.sender)
					snd = side;
			if (snd >= 0)
				rcv = 1 - snd;
			if (snd < 0) {
				r.status = (r.cell[0] && r.cell[1]) ? RS_OK : RS_ONESIDED;
			} else if (!sides[rcv].present || !sides[snd].present) {
				r.status = RS_NOLOG;
			} else if (r.cell[snd] != NULL && r.is_sender[snd]) {
				int got = (g->n[rcv] != NULL && (nego_received(g->n[rcv], r.step) ||
				    (nego_step(g->n[rcv], r.step) && nego_step(g->n[rcv], r.step)->dup.count))) ||
				    (r.cell[rcv] != NULL && !r.is_sender[rcv]);

				r.status = got ? RS_OK : RS_LOST;
			} else if (r.cell[rcv] != NULL) {
				r.status = RS_UNLOGGED;
				if (r.cell[snd] != NULL)
					r.status = RS_OK;
			} else {
				r.status = RS_ONESIDED;
			}
		}
		set_why(&r, g);
		*VEC_PUSH(g->rows, n, cap) = r;
		align_extra_rows(sides, g, &r, &g->rows, &n, &cap);
	}
	g->nrows = (int)n;
}

static int group_cmp(const void *x, const void *y)
{
	const struct group *a = x, *b = y;

	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	if (a->line[0] != b->line[0])
		return a->line[0] < b->line[0] ? -1 : 1;
	return a->line[1] < b->line[1] ? -1 : a->line[1] > b->line[1];
}

/* Offset and RTT from the rows (see align.h). */
static void measure(struct alignment *al)
{
	int64_t minf = 0, minb = 0;
	int nf = 0, nb = 0;

	for (int gi = 0; gi < al->ngroups; gi++) {
		const struct group *g = &al->groups[gi];

		if (g->n[0] == NULL || g->n[1] == NULL)
			continue;
		for (int k = 0; k < g->nrows; k++) {
			const struct row *r = &g->rows[k];
			int snd;
			int64_t d;

			if (r->status != RS_OK || r->cell[0] == NULL || r->cell[1] == NULL)
				continue;
			if (!r->is_sender[0] && !r->is_sender[1])
				continue;
			snd = r->is_sender[0] ? 0 : 1;
			if (r->is_sender[1 - snd] || !r->cell[0]->first.has_t || !r->cell[1]->first.has_t)
				continue;
			d = tdiff(al, align_time(al, &r->cell[1 - snd]->first), align_time(al, &r->cell[snd]->first));
			if (snd == 0) {
				if (nf == 0 || d < minf)
					minf = d;
				nf++;
			} else {
				if (nb == 0 || d < minb)
					minb = d;
				nb++;
			}
		}
	}
	al->nfwd = nf;
	al->nbwd = nb;
	if (nf > 0 && nb > 0) {
		al->offset_known = 1;
		al->offset_from_rows = 1;
		al->offset_us = (minf - minb) / 2;
		al->rtt_known = 1;
		al->rtt_us = minf + minb;
		if (al->rtt_us < 0)
			al->rtt_us = 0;
	} else if (nf > 0 && !al->offset_known) {
		al->offset_known = 1;
		al->offset_us = minf;
	} else if (nb > 0 && !al->offset_known) {
		al->offset_known = 1;
		al->offset_us = -minb;
	}
}



void align_run(const struct side sides[2], struct alignment *al)
{
	const struct side *L = &sides[0], *R = &sides[1];
	int *pl = xcalloc((size_t)L->nnegos + 1, sizeof(int));
	int *pr = xcalloc((size_t)R->nnegos + 1, sizeof(int));
	size_t cap = 0, n = 0;

	memset(al, 0, sizeof *al);
	al->time_of_day = !(L->has_date && R->has_date);
	if (!L->present || !R->present)
		al->time_of_day = !(L->has_date || R->has_date);
	align_pair_negos(al, L, R, pl, pr);
	for (int i = 0; i < L->nnegos; i++) {
		struct group *g = VEC_PUSH(al->groups, n, cap);

		memset(g, 0, sizeof *g);
		g->n[0] = L->negos[i];
		g->n[1] = pl[i] >= 0 ? R->negos[pl[i]] : NULL;
	}
	for (int j = 0; j < R->nnegos; j++) {
		struct group *g;

		if (pr[j] >= 0)
			continue;
		g = VEC_PUSH(al->groups, n, cap);
		memset(g, 0, sizeof *g);
		g->n[1] = R->negos[j];
	}
	al->ngroups = (int)n;
	align_absorb(al);
	for (int k = 0; k < al->ngroups; k++) {
		struct group *g = &al->groups[k];

		for (int side = 0; side < 2; side++) {
			g->role[side] = g->n[side] ? g->n[side]->role : ROLE_UNKNOWN;
			g->line[side] = g->n[side] ? g->n[side]->first_line : 0;
		}
		/* a lone side's counterpart has the other role */
		for (int side = 0; side < 2; side++)
			if (g->n[side] == NULL)
				g->role[side] = role_other(g->role[1 - side]);
		if (g->role[0] == ROLE_UNKNOWN && g->role[1] == ROLE_UNKNOWN && g->n[0] && g->n[1]) {
			g->role[0] = ROLE_INITIATOR;
			g->role[1] = ROLE_RESPONDER;
		}
		if (g->n[0] != NULL && g->n[0]->has_t)
			g->t = align_ntime(al, g->n[0]);
		else if (g->n[1] != NULL && g->n[1]->has_t)
			g->t = align_ntime(al, g->n[1]) - (al->offset_known ? al->offset_us : 0);
		if (g->n[0] != NULL && g->n[1] != NULL) {
			g->identity = shared_id(g->n[0], g->n[1]);
			g->paired_by = g->identity != NULL ? "identity" : (L->has_t && R->has_t && al->offset_known)
			    ? "steps+time" : "steps+order";
		}
		if (g->nextra[0] + g->nextra[1] > 0 && g->paired_by == NULL)
			g->paired_by = "retransmitted first message";
		build_rows(sides, g);
		build_diff(g);
	}
	if (L->has_t && R->has_t && al->ngroups > 1)
		qsort(al->groups, (size_t)al->ngroups, sizeof *al->groups, group_cmp);
	measure(al);
	align_prove(sides, al);
	free(pl);
	free(pr);
}

void alignment_clear(struct alignment *al)
{
	for (int i = 0; i < al->ngroups; i++) {
		free(al->groups[i].rows);
		free(al->groups[i].diff);
	}
	free(al->groups);
	memset(al, 0, sizeof *al);
}
