/*
 * pair.c - which negotiation of one side is which of the other: the
 * identity both logged, the steps that fit, and the clock-offset vote
 * over their start times (see align.h).
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

int64_t align_ntime(const struct alignment *al, const struct nego *n)
{
	if (!n->has_t)
		return 0;
	return al->time_of_day ? ((n->t_start % DAY_US) + DAY_US) % DAY_US : n->t_start;
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
 * Refine the window's median: each voter's vote nearest the estimate (the
 * earlier one on a tie), their median the next estimate, until it holds
 * (a few rounds). The earliest vote of a voter can belong to the
 * negotiation before it: two IKE SAs with INVALID_KE rounds 140 ms apart
 * offer the later one a vote to the earlier one's states, and the median
 * of earliest votes fell between the two and paired them crosswise.
 */
static int64_t vote_refine(const struct vote *v, size_t lo, size_t hi, int64_t off, int nvoters, int64_t *ds)
{
	int64_t *best = xcalloc((size_t)nvoters + 1, sizeof *best);
	char *have = xcalloc((size_t)nvoters + 1, 1);

	for (int round = 0; round < 4; round++) {
		size_t m = 0;
		int64_t next;

		memset(have, 0, (size_t)nvoters + 1);
		for (size_t k = lo; k < hi; k++) {
			int a = v[k].a;

			if (!have[a] || llabs(v[k].d - off) < llabs(best[a] - off)) {
				best[a] = v[k].d;
				have[a] = 1;
			}
		}
		for (int a = 0; a <= nvoters; a++)
			if (have[a])
				ds[m++] = best[a];
		if (m == 0)
			break;
		qsort(ds, m, sizeof *ds, d_cmp);
		next = m % 2 ? ds[m / 2] : (ds[m / 2 - 1] + ds[m / 2]) / 2;
		if (next == off)
			break;
		off = next;
	}
	free(best);
	free(have);
	return off;
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
			e->d = align_tdiff(al, align_ntime(al, b), align_ntime(al, a));
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
		*off = vote_refine(v, blo, bhi, *off, L->nnegos, ds);
		free(ds);
	}
	free(v);
	free(cnt);
	free(wa);
	return found;
}

void align_pair_negos(struct alignment *al, const struct side *L, const struct side *R, int *pl, int *pr)
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
			int64_t want = align_ntime(al, a) + off;

			while (lo < R->nnegos && R->negos[lo]->has_t && align_tdiff(al, align_ntime(al, R->negos[lo]), want) < -PAIR_WINDOW_US)
				lo++;
			from = lo;
			hi = from;
			while (hi < R->nnegos && (!R->negos[hi]->has_t || align_tdiff(al, align_ntime(al, R->negos[hi]), want) <= PAIR_WINDOW_US))
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
				pen = llabs(align_tdiff(al, align_ntime(al, b), align_ntime(al, a) + off));
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
