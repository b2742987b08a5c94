/*
 * in_progress.c - the newest negotiation while it is still in progress
 * (progress.h): what was sent last, how long ago, what is awaited; its
 * structural findings withheld until the answer is overdue.
 */
#include "diagnose/diagnose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define US 1000000LL

/* The message that answers or follows s in its exchange (STEP_NONE: none). */
static enum step step_next(enum step s)
{
	for (int t = STEP_NONE + 1; t < STEP_COUNT; t++)
		if (step_prev((enum step)t) == s)
			return (enum step)t;
	return STEP_NONE;
}

/* t on side `side` in the left clock. */
static int64_t left_time(const struct alignment *al, int side, int64_t t)
{
	return side == RIGHT && al->offset_known ? t - al->offset_us : t;
}

/* Was anything logged in n at or after t (that side's clock) that ends the
 * wait: a retransmission, a duplicate, a warning or error, a deletion,
 * an established IPsec SA? */
static int wait_ended(const struct kb *kb, const struct alignment *al, const struct nego *n, int64_t t)
{
	if (n == NULL)
		return 0;
	if (n->est_ipsec.line != 0 || n->deleted.line != 0)
		return 1;
	for (int st = 0; st < STEP_COUNT; st++) {
		const struct stepcells *c = n->steps[st];

		if (c == NULL)
			continue;
		if ((c->retrans.count > 0 && (!c->retrans.first.has_t ||
		    align_tdiff(al, align_time(al, &c->retrans_last), t) >= 0)) ||
		    (c->dup.count > 0 && (!c->dup.first.has_t ||
		    align_tdiff(al, align_time(al, &c->dup.first), t) >= 0)))
			return 1;
	}
	for (int h = 0; h < n->nhits; h++)
		if (kb->sigs[n->hits[h].sig].severity >= SEV_WARNING &&
		    (!n->hits[h].last.has_t || align_tdiff(al, align_time(al, &n->hits[h].last), t) >= 0))
			return 1;
	return 0;
}

/* The group's newest message sent (its row), in the left clock; -1: none. */
static int last_sent(const struct group *g, const struct alignment *al, int *side, int64_t *t)
{
	int best = -1;

	for (int k = 0; k < g->nrows; k++) {
		const struct row *r = &g->rows[k];

		if (step_is_local(r->step) || r->step == S_ECHO)
			continue;
		for (int s = 0; s < 2; s++) {
			const struct evref *e;
			int64_t lt;

			if (r->cell[s] == NULL || !r->is_sender[s] || !r->cell[s]->first.has_t)
				continue;
			e = &r->cell[s]->first;
			lt = left_time(al, s, align_time(al, e));
			if (best < 0 || align_tdiff(al, lt, *t) > 0) {
				best = k;
				*side = s;
				*t = lt;
			}
		}
	}
	return best;
}

/* The group whose newest message is the newest of all; -1: none. */
static int newest_group(const struct alignment *al, int *row, int *side, int64_t *t)
{
	int best = -1;

	for (int gi = 0; gi < al->ngroups; gi++) {
		int s = 0, k;
		int64_t gt = 0;

		if (al->groups[gi].dead || (k = last_sent(&al->groups[gi], al, &s, &gt)) < 0)
			continue;
		if (best < 0 || align_tdiff(al, gt, *t) > 0) {
			best = gi;
			*row = k;
			*side = s;
			*t = gt;
		}
	}
	return best;
}

static int64_t logs_end(const struct side sides[2], const struct alignment *al)
{
	int64_t end = 0;
	int have = 0;

	for (int s = 0; s < 2; s++) {
		int64_t t;

		if (!sides[s].present || !sides[s].has_t || sides[s].nlines == 0)
			continue;
		t = left_time(al, s, al->time_of_day ? ((sides[s].t_last % (86400 * US)) + 86400 * US) % (86400 * US)
		    : sides[s].t_last);
		if (!have || align_tdiff(al, t, end) > 0)
			end = t;
		have = 1;
	}
	return end;
}

/* Take the group's failures found by rules out: they conclude from an
 * answer that is not due yet. A cause found in earlier negotiations too stays (those
 * answers are overdue). Returns how many. */
static int withhold(struct diagnosis *d, int group)
{
	int n = 0, w = 0;

	for (int i = 0; i < d->n; i++) {
		if (d->f[i].group == group && d->f[i].rule != NULL && d->f[i].count <= 1 &&
		    d->f[i].severity >= SEV_WARNING) {
			free(d->f[i].ev);
			n++;
			continue;
		}
		d->f[w++] = d->f[i];
	}
	d->n = w;
	return n;
}

void diagnose_progress(const struct kb *kb, const struct side sides[2], const struct alignment *al,
    int64_t now, struct diagnosis *d)
{
	struct nego_progress *p = &d->progress;
	const struct group *g;
	int gi, k = 0, side = 0;
	int64_t t = 0;

	memset(p, 0, sizeof *p);
	p->group = -1;
	if ((gi = newest_group(al, &k, &side, &t)) < 0 || !sides[side].has_t)
		return;
	g = &al->groups[gi];
	if (now == PROGRESS_END_OF_LOGS)
		now = logs_end(sides, al);
	else if (al->time_of_day)
		now = ((now % (86400 * US)) + 86400 * US) % (86400 * US);
	p->interval_us = side_retransmit_us(&sides[side]);
	p->age_us = align_tdiff(al, now, t);
	if (p->age_us < 0)
		p->age_us = 0;
	p->sent = g->rows[k].step;
	p->wait = step_next(p->sent);
	/* the last message of its exchange: no answer is awaited */
	if (p->wait == STEP_NONE)
		return;
	if (p->age_us >= p->interval_us)
		return;
	/* each side's lines in its own clock */
	for (int s = 0; s < 2; s++)
		if (wait_ended(kb, al, g->n[s], s == RIGHT && al->offset_known ? t + al->offset_us : t))
			return;
	p->active = 1;
	p->group = gi;
	p->row = k;
	p->side = side;
	p->line = g->rows[k].cell[side]->first.line;
	p->withheld = withhold(d, gi);
}

void nego_progress_text(const struct nego_progress *p, enum lang lang, char *buf, size_t sz)
{
	if (sz == 0)
		return;
	buf[0] = '\0';
	if (!p->active)
		return;
	snprintf(buf, sz, msg(M_PROGRESS, lang), step_name(p->sent), (long long)(p->age_us / US),
	    p->wait != STEP_NONE ? step_name(p->wait) : msg(M_PROGRESS_ANSWER, lang));
}
