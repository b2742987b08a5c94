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
#define VOTE_SAMPLE 400
#define VOTE_BIN_US (2 * US)
#define PAIR_WINDOW_US (120 * US)

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

static int64_t ntime(const struct alignment *al, const struct nego *n)
{
	if (!n->has_t)
		return 0;
	return al->time_of_day ? ((n->t_start % DAY_US) + DAY_US) % DAY_US : n->t_start;
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

static int roles_fit(const struct nego *a, const struct nego *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->role == ROLE_UNKNOWN || b->role == ROLE_UNKNOWN)
		return 1;
	return a->role != b->role;
}

/*
 * How well two negotiations' steps fit: 2 for each step one sent and the
 * other received, 1 for each other step both logged; +100 for equal keys.
 * Uses the step bit sets of model_finish().
 */
static int compat(const struct nego *a, const struct nego *b)
{
	uint64_t both = a->m_any & b->m_any;
	uint64_t fit = both & ((a->m_sent & b->m_recv) | (b->m_sent & a->m_recv));
	int score = 2 * __builtin_popcountll(fit) + __builtin_popcountll(both & ~fit);

	if (*a->key && strcmp(a->key, b->key) == 0)
		score += 100;
	if (score > 0 && shared_id(a, b) != NULL)
		score += 1000;
	return score;
}

const char *shared_id(const struct nego *a, const struct nego *b)
{
	for (int i = 0; i < a->nids; i++)
		for (int j = 0; j < b->nids; j++)
			if (strcmp(a->ids[i], b->ids[j]) == 0)
				return a->ids[i];
	return NULL;
}

struct cand {
	int i, j;
	int score;
	int64_t penalty;
};

static int cand_cmp(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	if (a->score != b->score)
		return b->score - a->score;
	if (a->penalty != b->penalty)
		return a->penalty < b->penalty ? -1 : 1;
	if (a->i != b->i)
		return a->i - b->i;
	return a->j - b->j;
}

struct vote {
	int64_t d;
	int w;
	int a;               /* the left negotiation that votes */
};

static int vote_cmp(const void *x, const void *y)
{
	const struct vote *a = x, *b = y;

	return a->d < b->d ? -1 : a->d > b->d;
}

static int d_cmp(const void *x, const void *y)
{
	const int64_t *a = x, *b = y;

	return *a < *b ? -1 : *a > *b;
}

/* The median over the voters of the window v[lo..hi) (sorted by d), each
 * with its earliest vote: a responder's states for the retransmissions of
 * one first message begin with the first transmission's arrival. */
static int64_t vote_median(const struct vote *v, size_t lo, size_t hi, int *seen, int64_t *ds)
{
	size_t m = 0;

	for (size_t k = lo; k < hi; k++)
		seen[v[k].a] = 0;
	for (size_t k = lo; k < hi; k++)
		if (!seen[v[k].a]) {
			seen[v[k].a] = 1;
			ds[m++] = v[k].d;
		}
	qsort(ds, m, sizeof *ds, d_cmp);
	return m % 2 ? ds[m / 2] : (ds[m / 2 - 1] + ds[m / 2]) / 2;
}

/*
 * Vote for the clock offset over the start times of fitting pairs: every
 * candidate pair offers its start-time difference; the offset whose
 * window (+-VOTE_BIN_US) holds the most voters wins, each left negotiation
 * counted once with its best fit (a responder that makes a new state for
 * every retransmission of the first message offers one negotiation many
 * differences; they must not outvote the others); ties: the smaller
 * offset, clocks are usually roughly right. Sorted differences and a
 * sliding window with per-voter counts keep this O(n log n).
 */
static int vote_offset(const struct alignment *al, const struct side *L, const struct side *R, int64_t *off)
{
	size_t cap = 0, n = 0, lo = 0, hi = 0, blo = 0, bhi = 0;
	struct vote *v = NULL;
	long sum = 0, bestw = 0;
	int found = 0;
	int li0 = L->nnegos > VOTE_SAMPLE ? L->nnegos - VOTE_SAMPLE : 0;
	int ri0 = R->nnegos > VOTE_SAMPLE ? R->nnegos - VOTE_SAMPLE : 0;
	int *cnt = xcalloc((size_t)L->nnegos + 1, sizeof *cnt), *wa = xcalloc((size_t)L->nnegos + 1, sizeof *wa);

	for (int i = li0; i < L->nnegos; i++) {
		const struct nego *a = L->negos[i];

		if (!a->has_t || a->kind == NK_TRAFFIC)
			continue;
		for (int j = ri0; j < R->nnegos; j++) {
			const struct nego *b = R->negos[j];
			struct vote *e;
			int c;

			if (!b->has_t || !roles_fit(a, b) || (c = compat(a, b)) == 0)
				continue;
			e = VEC_PUSH(v, n, cap);
			e->d = tdiff(al, ntime(al, b), ntime(al, a));
			e->a = i;
			if (c > wa[i])
				wa[i] = c;
		}
	}
	for (size_t k = 0; k < n; k++)
		v[k].w = wa[v[k].a];
	if (n > 1)
		qsort(v, n, sizeof *v, vote_cmp);
	for (size_t k = 0; k < n; k++) {
		/* window [d_k - bin, d_k + bin] */
		for (; hi < n && v[hi].d <= v[k].d + VOTE_BIN_US; hi++)
			if (cnt[v[hi].a]++ == 0)
				sum += v[hi].w;
		for (; v[lo].d < v[k].d - VOTE_BIN_US; lo++)
			if (--cnt[v[lo].a] == 0)
				sum -= v[lo].w;
		if (sum > bestw || (sum == bestw && found && llabs(v[k].d) < llabs(*off))) {
			bestw = sum;
			*off = v[k].d;
			blo = lo;
			bhi = hi;
			found = 1;
		}
	}
	/* the estimate is the median of the winning window's voters, not one
	 * arbitrary member of it (that could pair near-simultaneous
	 * negotiations crosswise) */
	if (found) {
		int64_t *ds = xcalloc(bhi - blo + 1, sizeof *ds);

		*off = vote_median(v, blo, bhi, cnt, ds);
		free(ds);
	}
	free(v);
	free(cnt);
	free(wa);
	return found;
}

static void pair_negos(struct alignment *al, const struct side *L, const struct side *R, int *pl, int *pr)
{
	int64_t off = 0;
	int have_off = 0, timed = L->has_t && R->has_t;
	size_t cap = 0, n = 0;
	struct cand *c = NULL;

	for (int i = 0; i < L->nnegos; i++)
		pl[i] = -1;
	for (int j = 0; j < R->nnegos; j++)
		pr[j] = -1;
	if (timed)
		have_off = vote_offset(al, L, R, &off);
	for (int i = 0, lo = 0; i < L->nnegos; i++) {
		const struct nego *a = L->negos[i];
		int from = 0, hi = R->nnegos;

		/* with times, only look near the expected start; both sides are
		 * in log order, so the window only moves forward */
		if (timed && have_off && a->has_t && R->nnegos > 64) {
			int64_t want = ntime(al, a) + off;

			while (lo < R->nnegos && R->negos[lo]->has_t && tdiff(al, ntime(al, R->negos[lo]), want) < -PAIR_WINDOW_US)
				lo++;
			from = lo;
			hi = from;
			while (hi < R->nnegos && (!R->negos[hi]->has_t || tdiff(al, ntime(al, R->negos[hi]), want) <= PAIR_WINDOW_US))
				hi++;
		}
		for (int j = from; j < hi; j++) {
			const struct nego *b = R->negos[j];
			struct cand *k;
			int sc;
			int64_t pen;

			if (!roles_fit(a, b))
				continue;
			if (a->kind == NK_TRAFFIC && strcmp(a->key, b->key) != 0)
				continue;
			sc = compat(a, b);
			if (sc == 0)
				continue;
			if (timed && have_off && a->has_t && b->has_t) {
				pen = llabs(tdiff(al, ntime(al, b), ntime(al, a) + off));
				if (pen > PAIR_WINDOW_US && a->kind != NK_TRAFFIC && sc < 1000)
					continue;
			} else {
				/* no times: keep the order of the logs */
				pen = llabs((int64_t)i * R->nnegos - (int64_t)j * L->nnegos);
			}
			k = VEC_PUSH(c, n, cap);
			k->i = i;
			k->j = j;
			k->score = sc;
			k->penalty = pen;
		}
	}
	if (n > 1)
		qsort(c, n, sizeof *c, cand_cmp);
	for (size_t k = 0; k < n; k++)
		if (pl[c[k].i] < 0 && pr[c[k].j] < 0) {
			pl[c[k].i] = c[k].j;
			pr[c[k].j] = c[k].i;
		}
	free(c);
	if (have_off) {
		al->offset_known = 1;
		al->offset_us = off;
	}
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
	pair_negos(al, L, R, pl, pr);
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
			g->t = ntime(al, g->n[0]);
		else if (g->n[1] != NULL && g->n[1]->has_t)
			g->t = ntime(al, g->n[1]) - (al->offset_known ? al->offset_us : 0);
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
