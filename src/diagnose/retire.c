/*
 * retire.c - stale findings retire (issue 13 item 4). A failure that later
 * evidence contradicts is marked resolved, with the line that resolved it,
 * and listed below the current findings: the tunnel came up after it (an
 * IPsec SA established after the failure's newest evidence line; for a
 * failure of phase 1, an IKE SA is enough). A failure logged again after
 * that line is current: its newest evidence is then later.
 */
#include "diagnose/diagnose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An evidence time in the left clock. */
static int64_t left_t(const struct alignment *al, int side, int64_t t)
{
	return side == RIGHT && al->offset_known ? t - al->offset_us : t;
}

/* The finding's newest timed evidence (left clock); 0 when it has none. */
static int newest(const struct alignment *al, const struct finding *f, int64_t *t)
{
	int have = 0;

	for (int i = 0; i < f->nev; i++) {
		const struct evidence *e = &f->ev[i];
		int64_t v;

		if (e->line == 0 || !e->has_t)
			continue;
		v = left_t(al, e->side, e->t);
		if (!have || align_tdiff(al, v, *t) > 0)
			*t = v;
		have = 1;
	}
	return have;
}

/* Did the finding's negotiation get past phase 1 (an IKE SA on a side)? */
static int past_phase1(const struct alignment *al, const struct finding *f)
{
	if (f->group < 0 || f->group >= al->ngroups)
		return 1;   /* side-level: only an IPsec SA says the tunnel came up */
	for (int s = 0; s < 2; s++) {
		const struct nego *n = al->groups[f->group].n[s];

		if (n != NULL && n->est_ike.line != 0)
			return 1;
	}
	return 0;
}

/* The first established line (IPsec, or IKE with ike) after t, or NULL. */
static const struct evref *first_up_after(const struct side sides[2], const struct alignment *al, int64_t t,
    int ike, int *side)
{
	const struct evref *best = NULL;
	int64_t bt = 0;

	for (int s = 0; s < 2; s++)
		for (int k = 0; k < sides[s].nnegos; k++) {
			const struct nego *n = sides[s].negos[k];
			const struct evref *e[2] = { &n->est_ipsec, ike ? &n->est_ike : NULL };

			for (int j = 0; j < 2; j++) {
				int64_t v;

				if (e[j] == NULL || e[j]->line == 0 || !e[j]->has_t)
					continue;
				v = left_t(al, s, e[j]->t);
				if (align_tdiff(al, v, t) <= 0 || (best != NULL && align_tdiff(al, v, bt) >= 0))
					continue;
				best = e[j];
				bt = v;
				*side = s;
			}
		}
	return best;
}

void finding_resolved_text(const struct finding *f, enum lang lang, char *buf, size_t sz)
{
	const struct evidence *e = &f->resolved_by;
	char when[16] = "?";

	if (sz == 0)
		return;
	buf[0] = '\0';
	if (!f->resolved)
		return;
	if (e->has_t) {
		int64_t s = ((e->t / 1000000) % 86400 + 86400) % 86400;

		snprintf(when, sizeof when, "%02d:%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
	}
	snprintf(buf, sz, msg(M_RESOLVED, lang), when, msg(e->side ? M_SIDE_RIGHT : M_SIDE_LEFT, lang),
	    (unsigned long long)e->line, e->text != NULL ? e->text : "");
}

/* Current findings first, then the resolved ones, each in their order. */
static void resolved_last(struct diagnosis *d)
{
	struct finding *tmp;
	int w = 0;

	if (d->n < 2)
		return;
	tmp = xcalloc((size_t)d->n, sizeof *tmp);
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < d->n; i++)
			if (d->f[i].resolved == pass)
				tmp[w++] = d->f[i];
	memcpy(d->f, tmp, (size_t)d->n * sizeof *tmp);
	free(tmp);
}

void diagnose_retire(const struct kb *kb, const struct side sides[2], const struct alignment *al,
    struct diagnosis *d)
{
	int est = kb_cause_index(kb, "established");

	for (int i = 0; i < d->n; i++) {
		struct finding *f = &d->f[i];
		const struct evref *up;
		int64_t t = 0;
		int side = 0;

		if (f->severity < SEV_WARNING || f->cause == est || !newest(al, f, &t))
			continue;
		if ((up = first_up_after(sides, al, t, !past_phase1(al, f), &side)) == NULL)
			continue;
		f->resolved = 1;
		f->resolved_by.side = side;
		f->resolved_by.line = up->line;
		f->resolved_by.text = up->text;
		f->resolved_by.note = M_COUNT;
		f->resolved_by.has_t = up->has_t;
		f->resolved_by.t = up->t;
	}
	resolved_last(d);
}

/*
 * Findings that vanish (diagnose_carry). A kept finding owns copies of its
 * evidence lines: the model's lines may go with a dropped negotiation.
 */
#define MEMORY_MAX 128

struct kept {
	struct finding f;       /* ev (array and texts) and resolved_by.text owned */
	int ids[2];             /* the negotiation's nego->id per side, -1 none */
	int seen;               /* found in this run */
};

struct diag_memory {
	struct kept *k;
	int n, cap;
};

struct diag_memory *diag_memory_new(void)
{
	return xcalloc(1, sizeof(struct diag_memory));
}

static void kept_clear(struct kept *k)
{
	for (int i = 0; i < k->f.nev; i++)
		free((char *)k->f.ev[i].text);
	free(k->f.ev);
	free((char *)k->f.resolved_by.text);
	memset(k, 0, sizeof *k);
}

void diag_memory_free(struct diag_memory *m)
{
	if (m == NULL)
		return;
	for (int i = 0; i < m->n; i++)
		kept_clear(&m->k[i]);
	free(m->k);
	free(m);
}

static void kept_set(struct kept *k, const struct finding *f, const int ids[2])
{
	kept_clear(k);
	k->f = *f;
	k->f.ev = xcalloc((size_t)(f->nev > 0 ? f->nev : 1), sizeof *k->f.ev);
	for (int i = 0; i < f->nev; i++) {
		k->f.ev[i] = f->ev[i];
		k->f.ev[i].text = f->ev[i].text != NULL ? xstrdup(f->ev[i].text) : NULL;
	}
	k->f.resolved = 0;
	memset(&k->f.resolved_by, 0, sizeof k->f.resolved_by);
	k->ids[0] = ids[0];
	k->ids[1] = ids[1];
}

static int is_current(const struct finding *f, int est)
{
	return !f->resolved && f->severity >= SEV_WARNING && f->cause != est;
}

static void ids_of(const struct alignment *al, int group, int ids[2])
{
	ids[0] = ids[1] = -1;
	if (group < 0 || group >= al->ngroups)
		return;
	for (int s = 0; s < 2; s++)
		if (al->groups[group].n[s] != NULL)
			ids[s] = al->groups[group].n[s]->id;
}

/* The same failure of the same negotiation (a side's state may be paired
 * with the other side's only in a later run). */
static int same(const struct kept *k, const struct finding *f, const int ids[2])
{
	if (k->f.cause != f->cause || k->f.rule != f->rule || k->f.sig != f->sig)
		return 0;
	for (int s = 0; s < 2; s++)
		if (k->ids[s] >= 0 && k->ids[s] == ids[s])
			return 1;
	return 0;
}

static int group_of(const struct alignment *al, const int ids[2])
{
	for (int g = 0; g < al->ngroups; g++) {
		if (al->groups[g].dead)
			continue;
		for (int s = 0; s < 2; s++)
			if (ids[s] >= 0 && al->groups[g].n[s] != NULL && al->groups[g].n[s]->id == ids[s])
				return g;
	}
	return -1;
}

/* The first line of group g after t (left clock) that shows an answer of
 * the peer: a receipt, or an SA established. */
static const struct evref *answer_after(const struct alignment *al, const struct group *g, int64_t t, int *side)
{
	const struct evref *best = NULL;
	int64_t bt = 0;

	for (int s = 0; s < 2; s++) {
		const struct nego *n = g->n[s];

		if (n == NULL)
			continue;
		for (int st = 0; st < STEP_COUNT + 2; st++) {
			const struct evref *e;
			int64_t v;

			if (st < STEP_COUNT)
				e = n->steps[st] != NULL && n->steps[st]->recv.count ? &n->steps[st]->recv.first : NULL;
			else
				e = st == STEP_COUNT ? &n->est_ike : &n->est_ipsec;
			if (e == NULL || e->line == 0 || !e->has_t)
				continue;
			v = left_t(al, s, e->t);
			if (align_tdiff(al, v, t) <= 0 || (best != NULL && align_tdiff(al, v, bt) >= 0))
				continue;
			best = e;
			bt = v;
			*side = s;
		}
	}
	return best;
}

static struct kept *remember(struct diag_memory *m, const struct finding *f, const int ids[2])
{
	if (m->n == MEMORY_MAX) {
		/* the oldest that is not resolved makes room */
		int drop = 0;

		for (int i = 0; i < m->n; i++)
			if (!m->k[i].f.resolved) {
				drop = i;
				break;
			}
		kept_clear(&m->k[drop]);
		memmove(&m->k[drop], &m->k[drop + 1], (size_t)(m->n - drop - 1) * sizeof *m->k);
		m->n--;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 8;
		m->k = xrealloc(m->k, (size_t)m->cap * sizeof *m->k);
	}
	memset(&m->k[m->n], 0, sizeof m->k[m->n]);
	kept_set(&m->k[m->n], f, ids);
	return &m->k[m->n++];
}

void diagnose_carry(struct diag_memory *m, const struct kb *kb, const struct side sides[2],
    const struct alignment *al, struct diagnosis *d)
{
	int est = kb_cause_index(kb, "established");
	int base = d->n;

	(void)sides;
	for (int i = 0; i < m->n; i++)
		m->k[i].seen = 0;
	/* what is current now: remember it (again) */
	for (int i = 0; i < base; i++) {
		const struct finding *f = &d->f[i];
		struct kept *k = NULL;
		int ids[2];

		if (!is_current(f, est) || f->group < 0)
			continue;
		ids_of(al, f->group, ids);
		for (int j = 0; j < m->n && k == NULL; j++)
			if (same(&m->k[j], f, ids))
				k = &m->k[j];
		if (k != NULL)
			kept_set(k, f, ids);   /* the failure is current (again) */
		else
			k = remember(m, f, ids);
		k->seen = 1;
	}
	/* what vanished: resolved when its negotiation shows the answer */
	for (int i = 0; i < m->n; i++) {
		struct kept *k = &m->k[i];
		const struct evref *up;
		int64_t t = 0;
		int g, side = 0, replaced = 0;

		if (k->seen || k->f.resolved)
			continue;
		if ((g = group_of(al, k->ids)) < 0 || (d->progress.active && d->progress.group == g) ||
		    !newest(al, &k->f, &t))
			continue;
		for (int j = 0; j < base && !replaced; j++)
			replaced = is_current(&d->f[j], est) && d->f[j].group == g;
		if (replaced || (up = answer_after(al, &al->groups[g], t, &side)) == NULL)
			continue;
		k->f.resolved = 1;
		k->f.resolved_by.side = side;
		k->f.resolved_by.line = up->line;
		k->f.resolved_by.text = up->text != NULL ? xstrdup(up->text) : NULL;
		k->f.resolved_by.note = M_COUNT;
		k->f.resolved_by.has_t = up->has_t;
		k->f.resolved_by.t = up->t;
	}
	/* the resolved ones are listed after this run's findings */
	for (int i = 0; i < m->n; i++) {
		const struct kept *k = &m->k[i];
		struct finding *f;

		if (!k->f.resolved)
			continue;
		d->f = xrealloc(d->f, (size_t)(d->n + 1) * sizeof *d->f);
		f = &d->f[d->n++];
		*f = k->f;
		f->ev = xcalloc((size_t)(k->f.nev > 0 ? k->f.nev : 1), sizeof *f->ev);
		memcpy(f->ev, k->f.ev, (size_t)k->f.nev * sizeof *f->ev);
		f->group = group_of(al, k->ids);
	}
}
