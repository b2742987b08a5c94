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
