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

/* Evidence in reading order: left before right, by line; notes last. */
static int ev_cmp(const void *a, const void *b)
{
	const struct evidence *x = a, *y = b;

	if (x->side != y->side)
		return x->side - y->side;
	if ((x->line == 0) != (y->line == 0))
		return x->line == 0 ? 1 : -1;
	return x->line < y->line ? -1 : x->line > y->line;
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
		qsort(f->ev, (size_t)f->nev, sizeof *f->ev, ev_cmp);
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

/* Does rule ru name signature sig as the responder's reason? */
static int rule_reason(const struct rule *ru, int sig)
{
	for (int i = 0; i < ru->resp.nany; i++)
		if (ru->resp.any[i].kind == A_SIG && ru->resp.any[i].sig == sig)
			return 1;
	for (int i = 0; i < ru->resp.nall; i++)
		if (ru->resp.all[i].kind == A_SIG && ru->resp.all[i].sig == sig)
			return 1;
	return 0;
}

/* A signature finding of one side only, from a negotiation without a counterpart. */
static int lone_sig(const struct alignment *al, const struct finding *f, int *side)
{
	const struct group *g;

	if (f->sig == NULL || f->nev == 0 || f->group < 0 || f->group >= al->ngroups)
		return 0;
	*side = f->ev[0].side;
	for (int i = 1; i < f->nev; i++)
		if (f->ev[i].side != *side)
			return 0;
	g = &al->groups[f->group];
	return g->n[*side] != NULL && g->n[1 - *side] == NULL;
}

/* Could lines a (side sa) and b (the other side) be one negotiation in time? */
static int near_in_time(const struct alignment *al, const struct evidence *a, int sa,
    const struct evidence *b)
{
	int64_t d;

	if (!a->has_t || !b->has_t)
		return 1;
	d = a->t - b->t;
	if (al->offset_known)
		d += sa == RIGHT ? -al->offset_us : al->offset_us;
	if (d < 0)
		d = -d;
	return d <= 60LL * 1000000;
}

/*
 * When the two logs could not be paired (the responder logged only its
 * reason), the responder's reason still explains the initiator's generic
 * symptom that a rule says it explains: the symptom's line becomes
 * evidence of the reason, and the symptom is no finding of its own.
 */
static void fold_across_sides(const struct kb *kb, const struct alignment *al, struct diagnosis *d)
{
	for (int i = 0; i < d->n; i++) {
		struct finding *f = &d->f[i];
		int fs, hs, sig;

		if (f->cause < 0 || !lone_sig(al, f, &fs) || f->severity != SEV_ERROR)
			continue;
		sig = (int)(f->sig - kb->sigs);
		for (int k = 0; k < d->n; k++) {
			struct finding *h = &d->f[k];
			int explains = 0;

			if (k == i || h->cause < 0 || !lone_sig(al, h, &hs) || hs == fs || h->score > f->score ||
			    !near_in_time(al, &f->ev[0], fs, &h->ev[0]))
				continue;
			for (int r = 0; r < kb->nrules && !explains; r++)
				for (int c = 0; c < kb->rules[r].nconsumes && !explains; c++)
					explains = kb->rules[r].consumes[c] == (int)(h->sig - kb->sigs) &&
					    rule_reason(&kb->rules[r], sig);
			if (!explains)
				continue;
			f->ev = xrealloc(f->ev, (size_t)(f->nev + h->nev + 1) * sizeof *f->ev);
			memcpy(f->ev + f->nev, h->ev, (size_t)h->nev * sizeof *h->ev);
			f->nev += h->nev;
			qsort(f->ev, (size_t)f->nev, sizeof *f->ev, ev_cmp);
			if (h->recency > f->recency)
				f->recency = h->recency;
			free(h->ev);
			h->ev = NULL;
			h->nev = 0;
			h->sig = NULL;         /* folded: dropped below */
			h->cause = -1;
		}
	}
	for (int i = 0, o = 0, n = d->n; i < n; i++) {
		if (d->f[i].cause >= 0)
			d->f[o++] = d->f[i];
		else
			d->n--;
	}
}

/* Is token t (len bytes) of a proposal a DH/KE group? */
static int dh_token(const char *t, size_t len)
{
	static const char *const pre[] = { "MODP", "ECP", "CURVE", "NO_PFS", "ECP_", "KE" };

	for (size_t i = 0; i < sizeof pre / sizeof *pre; i++)
		if (len >= strlen(pre[i]) && strncmp(t, pre[i], strlen(pre[i])) == 0)
			return 1;
	return 0;
}

/* Split proposal p (up to ',' or the end) into its non-DH and DH tokens. */
static void split_dh(const char *p, char *alg, size_t na, char *dh, size_t nd)
{
	size_t oa = 0, od = 0;

	while (*p && *p != ',' && *p != ' ') {
		size_t len = strcspn(p, "/, ");
		char *o = dh_token(p, len) ? dh : alg;
		size_t *op = o == dh ? &od : &oa, n = o == dh ? nd : na;

		if (*op + len + 2 < n) {
			memcpy(o + *op, p, len);
			*op += len;
			o[(*op)++] = '/';
		}
		p += len;
		if (*p == '/')
			p++;
	}
	alg[oa] = '\0';
	dh[od] = '\0';
}

/* The proposals a line lists after `key` (strongSwan), or NULL. */
static const char *proposals_of(const char *text, const char *key)
{
	const char *p = text != NULL ? strstr(text, key) : NULL;

	return p != NULL ? p + strlen(key) : NULL;
}

/* Do two proposal lists hold proposals that differ only in the DH group? */
static int dh_only(const char *a, const char *b)
{
	for (const char *x = a; x != NULL; x = strstr(x, ", ") ? strstr(x, ", ") + 2 : NULL)
		for (const char *y = b; y != NULL; y = strstr(y, ", ") ? strstr(y, ", ") + 2 : NULL) {
			char a1[256], d1[128], a2[256], d2[128];

			split_dh(x, a1, sizeof a1, d1, sizeof d1);
			split_dh(y, a2, sizeof a2, d2, sizeof d2);
			if (*a1 && strcmp(a1, a2) == 0 && strcmp(d1, d2) != 0)
				return 1;
		}
	return 0;
}

/*
 * A phase 2 refusal whose received and configured proposals (as the
 * refusing side logged them) differ only in the DH group is PFS on one
 * side only: the finding takes the PFS rule's texts and both lines.
 */
static void pfs_refine(const struct kb *kb, const struct alignment *al, struct diagnosis *d)
{
	int p2 = kb_cause_index(kb, "phase2-proposal-mismatch"), pfs = kb_cause_index(kb, "pfs-mismatch");
	const struct rule *ru = NULL;

	for (int r = 0; r < kb->nrules; r++)
		if (strcmp(kb->rules[r].id, "rule.qm-pfs-dh-differs") == 0)
			ru = &kb->rules[r];
	for (int i = 0; i < d->n; i++)
		if (d->f[i].cause == pfs)
			return;           /* PFS is already a finding of its own */
	for (int i = 0; ru != NULL && i < d->n; i++) {
		struct finding *f = &d->f[i];

		if (f->cause != p2 || f->group < 0 || f->group >= al->ngroups)
			continue;
		for (int side = 0; side < 2; side++) {
			const struct nego *n = al->groups[f->group].n[side];
			const struct sighit *got = NULL, *conf = NULL;

			for (int h = 0; n != NULL && h < n->nhits; h++) {
				const char *t = n->hits[h].last.line ? n->hits[h].last.text : n->hits[h].ev.text;

				if (proposals_of(t, "received proposals: ") != NULL)
					got = &n->hits[h];
				else if (proposals_of(t, "configured proposals: ") != NULL)
					conf = &n->hits[h];
			}
			if (got == NULL || conf == NULL)
				continue;
			{
				const struct evref *e[2] = { got->last.line ? &got->last : &got->ev,
					conf->last.line ? &conf->last : &conf->ev };

				if (!dh_only(proposals_of(e[0]->text, "received proposals: "),
				    proposals_of(e[1]->text, "configured proposals: ")))
					continue;
				f->cause = pfs;
				f->rule = ru;
				f->sig = NULL;
				f->severity = ru->severity;
				f->score = ru->score;
				f->chapters = ru->chapters;
				f->nchapters = ru->nchapters;
				f->title = &ru->title;
				f->explanation = &ru->explanation;
				f->remedies = ru->remedies;
				f->nremedies = ru->nremedies;
				f->causes = NULL;
				f->ncauses = 0;
				for (int k = 0; k < 2; k++) {
					int dup = 0;

					for (int j = 0; j < f->nev; j++)
						dup |= f->ev[j].side == side && f->ev[j].line == e[k]->line;
					if (dup)
						continue;
					f->ev = xrealloc(f->ev, (size_t)(f->nev + 2) * sizeof *f->ev);
					memset(&f->ev[f->nev], 0, sizeof *f->ev);
					f->ev[f->nev].side = side;
					f->ev[f->nev].line = e[k]->line;
					f->ev[f->nev].text = e[k]->text;
					f->ev[f->nev].note = M_COUNT;
					f->nev++;
				}
				qsort(f->ev, (size_t)f->nev, sizeof *f->ev, ev_cmp);
				break;
			}
		}
	}
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
	const struct finding *last = NULL, *ok = NULL;

	for (int i = 0; i < d->n; i++) {
		const struct finding *f = &d->f[i];

		if (f->cause == est && (ok == NULL || f->recency > ok->recency))
			ok = f;
		if (f->cause != est && f->severity == SEV_ERROR &&
		    (last == NULL || f->recency > last->recency))
			last = f;
	}
	for (int i = 0; i < d->n && comparable; i++) {
		struct finding *f = &d->f[i];

		if (ok != NULL && (last == NULL || ok->recency > last->recency))
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
