/*
 * diagnose.c - see diagnose.h.
 */
#include "diagnose/diagnose.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>


/* Which side plays role r in the group (-1 if none). */
static int side_of(const struct group *g, enum role r)
{
	for (int s = 0; s < 2; s++)
		if (g->role[s] == r)
			return s;
	return -1;
}

/*
 * A candidate finding of one negotiation: a rule that fired or a signature
 * it logged. The candidates of one cause are folded into the best of them.
 */
struct cand {
	const struct rule *ru;
	const struct signature *sg;
	int cause, score;
	enum severity sev;
	unsigned count;
	struct evidence ev[MAX_EVIDENCE];
	int nev;
};

struct run {
	const struct kb *kb;
	const struct alignment *al;
	int by_time;              /* every log has timestamps: rank by time */
	struct diagnosis *out;
	struct cand *c;
	int nc, capc;
};

static void cand_add(struct run *r, const struct rule *ru, const struct signature *sg,
    const struct evidence *ev, int nev, unsigned count)
{
	struct cand *c;

	if (r->nc == r->capc) {
		r->capc = r->capc ? r->capc * 2 : 8;
		r->c = xrealloc(r->c, (size_t)r->capc * sizeof *r->c);
	}
	c = &r->c[r->nc++];
	memset(c, 0, sizeof *c);
	c->ru = ru;
	c->sg = sg;
	c->cause = ru != NULL ? ru->cause : sg->cause;
	c->score = ru != NULL ? ru->score : sg->score;
	c->sev = ru != NULL ? ru->severity : sg->severity;
	c->count = count;
	c->nev = nev < MAX_EVIDENCE ? nev : MAX_EVIDENCE;
	memcpy(c->ev, ev, (size_t)c->nev * sizeof *ev);
}

/* Is candidate a a better source for the finding than b? */
static int cand_better(const struct cand *a, const struct cand *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	if ((a->ru != NULL) != (b->ru != NULL))
		return a->ru != NULL;
	return 0;
}

/* Add the evidence of `from` that `to` lacks (as far as there is room). */
static void fold_evidence(struct cand *to, const struct cand *from)
{
	for (int i = 0; i < from->nev && to->nev < MAX_EVIDENCE; i++) {
		int dup = 0;

		for (int k = 0; k < to->nev && !dup; k++)
			dup = to->ev[k].side == from->ev[i].side && to->ev[k].line == from->ev[i].line &&
			    (from->ev[i].line != 0 || to->ev[k].note == from->ev[i].note);
		if (!dup)
			to->ev[to->nev++] = from->ev[i];
	}
}

/*
 * When the evidence happened, in one time base for both sides: the newest
 * line (oldest with `oldest`). Without usable times (a log without
 * timestamps, or one whose clock went backwards) the line number.
 */
static uint64_t ev_recency(const struct run *r, const struct evidence *ev, int nev, int oldest)
{
	uint64_t best = oldest ? UINT64_MAX : 0;

	for (int i = 0; i < nev; i++) {
		uint64_t v;

		if (ev[i].line == 0)
			continue;
		if (r->by_time && ev[i].has_t) {
			int64_t t = ev[i].t;

			if (ev[i].side == RIGHT && r->al->offset_known)
				t -= r->al->offset_us;
			v = (uint64_t)t + (UINT64_C(1) << 63);
		} else {
			v = ev[i].line;
		}
		if (oldest ? v < best : v > best)
			best = v;
	}
	return best == UINT64_MAX ? 0 : best;
}

static struct finding *finding_of_cause(struct diagnosis *d, int cause)
{
	struct finding *f;

	for (int i = 0; i < d->n; i++)
		if (d->f[i].cause == cause)
			return &d->f[i];
	d->f = xrealloc(d->f, (size_t)(d->n + 1) * sizeof *d->f);
	f = &d->f[d->n++];
	memset(f, 0, sizeof *f);
	f->cause = cause;
	f->group = -1;
	return f;
}

/* The finding takes the texts and evidence of candidate c. */
static void finding_take(struct finding *f, const struct cand *c, int gi, uint64_t rec,
    uint64_t since)
{
	const struct rule *ru = c->ru;
	const struct signature *sg = c->sg;

	f->rule = ru;
	f->sig = ru != NULL ? NULL : sg;
	f->severity = c->sev;
	f->score = c->score;
	f->chapters = ru != NULL ? ru->chapters : sg->chapters;
	f->nchapters = ru != NULL ? ru->nchapters : sg->nchapters;
	f->title = ru != NULL ? &ru->title : &sg->title;
	f->explanation = ru != NULL ? &ru->explanation : &sg->meaning;
	f->remedies = ru != NULL ? ru->remedies : sg->remedies;
	f->nremedies = ru != NULL ? ru->nremedies : sg->nremedies;
	f->causes = ru != NULL ? NULL : sg->causes;
	f->ncauses = ru != NULL ? 0 : sg->ncauses;
	f->alternatives = ru != NULL ? ru->alternatives : NULL;
	f->nalternatives = ru != NULL ? ru->nalternatives : 0;
	f->recency = rec;
	f->since = since;
	f->group = gi;
	free(f->ev);
	f->ev = xcalloc((size_t)c->nev + 1, sizeof *f->ev);
	memcpy(f->ev, c->ev, (size_t)c->nev * sizeof *c->ev);
	f->nev = c->nev;
	if (f->nev > 1)
		qsort(f->ev, (size_t)f->nev, sizeof *f->ev, evidence_cmp);
}

/*
 * The other side's view of the same failure (unpaired_twin): one finding
 * citing both logs, counted once; the stronger source keeps its texts.
 */
static void fold_twin(struct run *r, struct finding *f, const struct cand *best, int gi, uint64_t rec)
{
	if (best->score > f->score) {
		struct evidence *old = f->ev;
		int nold = f->nev;
		uint64_t since = ev_recency(r, best->ev, best->nev, 1);

		f->ev = NULL;
		finding_take(f, best, gi, rec > f->recency ? rec : f->recency,
		    since < f->since ? since : f->since);
		finding_add_ev(f, old, nold);
		free(old);
	} else {
		finding_add_ev(f, best->ev, best->nev);
		if (rec > f->recency)
			f->recency = rec;
	}
}

/*
 * One finding per cause per negotiation: the best candidate of each cause
 * keeps its texts and takes the others' lines as evidence. Across
 * negotiations a cause is one finding, counted, showing the newest one.
 */
static void flush_group(struct run *r, int gi)
{
	for (int i = 0; i < r->nc; i++) {
		struct cand best;
		struct finding *f;
		uint64_t rec;
		int fresh;

		if (r->c[i].cause < 0)
			continue;
		best = r->c[i];
		for (int k = i + 1; k < r->nc; k++)
			if (r->c[k].cause == best.cause && cand_better(&r->c[k], &best)) {
				struct cand old = best;

				best = r->c[k];
				fold_evidence(&best, &old);
			} else if (r->c[k].cause == best.cause) {
				fold_evidence(&best, &r->c[k]);
			}
		for (int k = i + 1; k < r->nc; k++)
			if (r->c[k].cause == best.cause)
				r->c[k].cause = -1;
		rec = ev_recency(r, best.ev, best.nev, 0);
		f = finding_of_cause(r->out, best.cause);
		fresh = f->nev == 0 && f->count == 0;
		if (!fresh && unpaired_twin(r->al, f, gi, best.ev, best.nev)) {
			fold_twin(r, f, &best, gi, rec);
			continue;
		}
		f->count += gi >= 0 ? 1 : best.count;
		/* the strongest source of the cause speaks, the newest on a tie */
		if (fresh || best.score > f->score || (best.score == f->score && rec >= f->recency))
			finding_take(f, &best, gi, rec > f->recency ? rec : f->recency,
			    ev_recency(r, best.ev, best.nev, 1));
		else if (rec > f->recency)
			f->recency = rec;
	}
	r->nc = 0;
}

static int consumed(const int *fired, int nfired, const struct kb *kb, int sig)
{
	for (int i = 0; i < nfired; i++) {
		const struct rule *ru = &kb->rules[fired[i]];

		for (int k = 0; k < ru->nconsumes; k++)
			if (ru->consumes[k] == sig)
				return 1;
	}
	return 0;
}

/* One sighit as a candidate with its first and last line as evidence. */
static void cand_hit(struct run *r, const struct signature *sg, int side, const struct sighit *h)
{
	struct evidence ev[2];
	const struct evref *e[2] = { &h->ev, &h->last };
	int n = h->last.line != 0 && h->last.line != h->ev.line ? 2 : 1;

	memset(ev, 0, sizeof ev);
	for (int i = 0; i < n; i++) {
		ev[i].side = side;
		ev[i].line = e[i]->line;
		ev[i].text = e[i]->text;
		ev[i].has_t = e[i]->has_t;
		ev[i].t = e[i]->t;
		ev[i].note = M_COUNT;
	}
	cand_add(r, NULL, sg, ev, n, h->count);
}

/* Evaluate every rule on group gi; returns how many fired (in fired[]). */
static int eval_rules(struct run *r, const struct side sides[2], int gi, int *fired)
{
	const struct kb *kb = r->kb;
	const struct group *g = &r->al->groups[gi];
	int nfired = 0;
	struct evalctx x = { kb, NULL, sides, r->al, g, gi, {{0}}, 0 };
	int si = side_of(g, ROLE_INITIATOR), sr = side_of(g, ROLE_RESPONDER);

	if (si < 0 && sr < 0) {
		/* roles unknown (a lone LANCOM trace): treat the side as initiator */
		si = g->n[0] != NULL ? 0 : 1;
		sr = 1 - si;
	}
	for (int ri = 0; ri < kb->nrules; ri++) {
		const struct rule *ru = &kb->rules[ri];
		int lines = 0;

		x.nev = 0;
		x.rule = ru;
		if (!cond_true(&x, ru->init.present ? si : 0, &ru->init) ||
		    !cond_true(&x, ru->resp.present ? sr : 0, &ru->resp))
			continue;
		/* a rule needs at least one negotiation line as evidence */
		for (int k = 0; k < x.nev; k++)
			lines += x.ev[k].line != 0;
		if (lines == 0)
			continue;
		/* the messages the rule explains are evidence too */
		for (int side = 0; side < 2; side++)
			for (int h = 0; g->n[side] != NULL && h < g->n[side]->nhits; h++)
				for (int k = 0; k < ru->nconsumes; k++)
					if (ru->consumes[k] == g->n[side]->hits[h].sig)
						add_ev(&x, side, &g->n[side]->hits[h].ev, M_COUNT);
		fired[nfired++] = ri;
		cand_add(r, ru, NULL, x.ev, x.nev, 1);
	}
	return nfired;
}

/*
 * Ranking: the latest failure of the tunnel comes first (its negotiation's
 * findings by score); "established" comes first only when it is newer
 * than every failure. The rest by score, severity and recency.
 */
static int finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	if (x->score != y->score)
		return y->score - x->score;
	if (x->severity != y->severity)
		return (int)y->severity - (int)x->severity;
	/* in the current negotiation the first failure is the cause */
	if (x->rank == 0 && x->since != y->since)
		return x->since < y->since ? -1 : 1;
	if (x->recency != y->recency)
		return x->recency < y->recency ? 1 : -1;
	return 0;
}

static void rank_findings(const struct kb *kb, struct diagnosis *d, int comparable)
{
	int est = kb_cause_index(kb, "established");
	const struct finding *last = NULL, *warn = NULL, *ok = NULL;

	for (int i = 0; i < d->n; i++) {
		const struct finding *f = &d->f[i];

		if (f->cause == est && (ok == NULL || f->recency > ok->recency))
			ok = f;
		if (f->cause != est && f->severity == SEV_ERROR &&
		    (last == NULL || f->recency > last->recency))
			last = f;
		if (f->cause != est && f->severity >= SEV_WARNING &&
		    (warn == NULL || f->recency > warn->recency))
			warn = f;
	}
	/* a retransmission after 'established' is not "nothing wrong" */
	if (last == NULL && warn != NULL && ok != NULL && warn->recency > ok->recency)
		last = warn;
	for (int i = 0; i < d->n && comparable; i++) {
		struct finding *f = &d->f[i];

		if (ok != NULL && (last == NULL || ok->recency > last->recency) &&
		    (warn == NULL || ok->recency > warn->recency))
			f->rank = f == ok ? 0 : 1;
		else if (last != NULL)
			f->rank = f == last || (f->group == last->group &&
			    f->severity >= SEV_WARNING) ? 0 : 1;
	}
	if (d->n > 1)
		qsort(d->f, (size_t)d->n, sizeof *d->f, finding_cmp);
}

void diagnose_run(const struct kb *kb, const struct side sides[2], const struct alignment *al,
    struct diagnosis *out)
{
	int *fired = xcalloc((size_t)kb->nrules + 1, sizeof(int));
	int *side_consumed = xcalloc((size_t)kb->nsigs + 1, sizeof(int));
	struct run r = { kb, al, 1, out, NULL, 0, 0 };

	memset(out, 0, sizeof *out);
	for (int side = 0; side < 2; side++)
		if (sides[side].present && (!sides[side].has_t || sides[side].nbackwards))
			r.by_time = 0;
	for (int gi = 0; gi < al->ngroups; gi++) {
		const struct group *g = &al->groups[gi];
		int nfired = eval_rules(&r, sides, gi, fired);

		for (int side = 0; side < 2; side++) {
			const struct nego *n = g->n[side];

			for (int h = 0; n != NULL && h < n->nhits; h++) {
				const struct signature *sg = &kb->sigs[n->hits[h].sig];

				if (sg->severity < SEV_WARNING || sg->cause < 0)
					continue;
				if (consumed(fired, nfired, kb, n->hits[h].sig)) {
					side_consumed[n->hits[h].sig] = 1;
					continue;
				}
				cand_hit(&r, sg, side, &n->hits[h]);
			}
		}
		flush_group(&r, gi);
	}
	for (int side = 0; side < 2; side++)
		for (int h = 0; h < sides[side].nhits; h++) {
			const struct sighit *hit = &sides[side].hits[h];
			const struct signature *sg = &kb->sigs[hit->sig];

			if (sg->severity < SEV_WARNING || sg->cause < 0 || side_consumed[hit->sig])
				continue;
			cand_hit(&r, sg, side, hit);
			flush_group(&r, -1);
		}
	fold_across_sides(kb, al, out);
	pfs_refine(kb, al, out);
	fold_generic(out);
	fold_initiator_symptoms(out);
	/* lines of two logs without times cannot say which came later */
	rank_findings(kb, out, r.by_time || !(sides[0].present && sides[1].present));
	free(r.c);
	free(fired);
	free(side_consumed);
}

void diagnosis_clear(struct diagnosis *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->f[i].ev);
	free(d->f);
	memset(d, 0, sizeof *d);
}
