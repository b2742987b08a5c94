/*
 * diagnose.c - see diagnose.h.
 */
#include "diagnose/diagnose.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

#define MAX_EVIDENCE 12
#define WINDOW_US (60LL * 1000000)

struct evalctx {
	const struct kb *kb;
	const struct rule *rule;
	const struct side *sides;
	const struct alignment *al;
	const struct group *g;
	int gi;
	struct evidence ev[MAX_EVIDENCE];
	int nev;
};

static void add_ev(struct evalctx *x, int side, const struct evref *e, enum msg note)
{
	if (x->nev >= MAX_EVIDENCE)
		return;
	for (int i = 0; i < x->nev; i++)
		if (x->ev[i].side == side && e != NULL && x->ev[i].line == e->line)
			return;
	x->ev[x->nev].side = side;
	x->ev[x->nev].line = e != NULL ? e->line : 0;
	x->ev[x->nev].text = e != NULL ? e->text : NULL;
	x->ev[x->nev].note = note;
	x->nev++;
}

static const struct sighit *side_hit(const struct side *s, int sig)
{
	for (int i = 0; i < s->nhits; i++)
		if (s->hits[i].sig == sig)
			return &s->hits[i];
	return NULL;
}

/*
 * Did side `side` log anything about this group's negotiation? A side with
 * a log and no negotiation here is silent only if it also has no other
 * negotiation of the fitting role near that time (else it is pairing that
 * failed, not silence).
 */
static int side_silent(const struct evalctx *x, int side)
{
	const struct side *s = &x->sides[side];
	const struct nego *o = x->g->n[1 - side];
	enum role want = x->g->role[side];

	if (!s->present || x->g->n[side] != NULL)
		return 0;
	for (int i = 0; i < s->nnegos; i++) {
		const struct nego *n = s->negos[i];

		if (o != NULL && n->kind != o->kind)
			continue;
		if (n->role != ROLE_UNKNOWN && want != ROLE_UNKNOWN && n->role != want)
			continue;
		if (o == NULL || !o->has_t || !n->has_t || !x->al->offset_known)
			return 0;
		{
			int64_t a = o->t_start, b = o->t_last, t0 = n->t_start, t1 = n->t_last;
			int64_t off = side == 1 ? x->al->offset_us : -x->al->offset_us;

			if (x->al->time_of_day)
				return 0;
			if (t1 >= a + off - WINDOW_US && t0 <= b + off + WINDOW_US)
				return 0;
		}
	}
	return 1;
}

static int atom_true(struct evalctx *x, int side, const struct atom *a, int record)
{
	const struct nego *n = x->g->n[side];
	const struct stepcells *c;

	switch (a->kind) {
	case A_ANY:
		return 1;
	case A_NOLOG:
		if (!x->sides[side].present && record)
			add_ev(x, side, NULL, M_NO_LOG);
		return !x->sides[side].present;
	case A_SILENT:
		if (side_silent(x, side)) {
			if (record)
				add_ev(x, side, NULL, M_NOTHING_LOGGED);
			return 1;
		}
		return 0;
	default:
		break;
	}
	if (a->kind == A_ERROR) {
		/* an error signature on this side that the rule does not explain */
		for (int i = 0; n != NULL && i < n->nhits; i++) {
			const struct signature *sg = &x->kb->sigs[n->hits[i].sig];
			int own = 0;

			for (int k = 0; k < x->rule->nconsumes; k++)
				own |= x->rule->consumes[k] == n->hits[i].sig;
			if (sg->severity == SEV_ERROR && !own) {
				if (record)
					add_ev(x, side, &n->hits[i].ev, M_COUNT);
				return 1;
			}
		}
		return 0;
	}
	if (a->kind == A_SIG) {
		const struct sighit *h = n != NULL ? nego_hit(n, a->sig) : NULL;

		if (h == NULL && x->sides[side].present)
			h = side_hit(&x->sides[side], a->sig);
		if (h != NULL && record)
			add_ev(x, side, h->last.line ? &h->last : &h->ev, M_COUNT);
		return h != NULL;
	}
	if (n == NULL)
		return 0;
	c = nego_step(n, a->step);
	switch (a->kind) {
	case A_SENT:
		if (c == NULL || !(c->sent.count || c->retrans.count))
			return 0;
		if (record)
			add_ev(x, side, c->sent.count ? &c->sent.first : &c->retrans.first, M_COUNT);
		return 1;
	case A_RECV:
		if (!nego_received(n, a->step))
			return 0;
		if (record && c != NULL && c->recv.count)
			add_ev(x, side, &c->recv.first, M_COUNT);
		return 1;
	case A_STEP:
		if (c == NULL || !(c->sent.count || c->recv.count))
			return 0;
		if (record)
			add_ev(x, side, c->sent.count ? &c->sent.first : &c->recv.first, M_COUNT);
		return 1;
	case A_RETRANS:
		if (c == NULL || c->retrans.count == 0)
			return 0;
		if (record)
			add_ev(x, side, c->retrans_last.line ? &c->retrans_last : &c->retrans.first, M_COUNT);
		return 1;
	case A_DUP:
		if (c == NULL || c->dup.count == 0)
			return 0;
		if (record)
			add_ev(x, side, &c->dup.first, M_COUNT);
		return 1;
	case A_LOST: {
		const struct nego *o = x->g->n[1 - side];
		const struct stepcells *oc = o != NULL ? nego_step(o, a->step) : NULL;

		if (c == NULL || !(c->sent.count || c->retrans.count) || !x->sides[1 - side].present)
			return 0;
		if (o != NULL && (nego_received(o, a->step) || (oc != NULL && oc->dup.count)))
			return 0;
		if (record) {
			add_ev(x, side, c->sent.count ? &c->sent.first : &c->retrans.first, M_COUNT);
			add_ev(x, 1 - side, NULL, M_NOTHING_LOGGED);
		}
		return 1;
	}
	case A_STATE:
		return strcmp(n->last_state, a->arg) == 0;
	case A_EST_IKE:
		if (n->est_ike.line == 0)
			return 0;
		if (record)
			add_ev(x, side, &n->est_ike, M_COUNT);
		return 1;
	case A_EST_IPSEC:
		if (n->est_ipsec.line == 0)
			return 0;
		if (record)
			add_ev(x, side, &n->est_ipsec, M_COUNT);
		return 1;
	default:
		return 0;
	}
}

static int cond_true(struct evalctx *x, int side, const struct cond *c)
{
	int any = c->nany == 0;

	if (!c->present)
		return 1;
	if (side < 0)
		return 0;
	for (int i = 0; i < c->nall; i++)
		if (!atom_true(x, side, &c->all[i], 0))
			return 0;
	for (int i = 0; i < c->nnone; i++)
		if (atom_true(x, side, &c->none[i], 0))
			return 0;
	for (int i = 0; i < c->nany; i++)
		if (atom_true(x, side, &c->any[i], 0))
			any = 1;
	if (!any)
		return 0;
	/* record the evidence of what made it true */
	for (int i = 0; i < c->nall; i++)
		atom_true(x, side, &c->all[i], 1);
	for (int i = 0; i < c->nany; i++)
		atom_true(x, side, &c->any[i], 1);
	return 1;
}

/* Which side plays role r in the group (-1 if none). */
static int side_of(const struct group *g, enum role r)
{
	for (int s = 0; s < 2; s++)
		if (g->role[s] == r)
			return s;
	return -1;
}

static uint64_t group_recency(const struct group *g)
{
	uint64_t a = g->n[0] ? g->n[0]->last_line : 0, b = g->n[1] ? g->n[1]->last_line : 0;

	return a > b ? a : b;
}

static struct finding *find_or_add(struct diagnosis *d, const struct rule *ru, const struct signature *sg)
{
	struct finding *f;

	for (int i = 0; i < d->n; i++)
		if (d->f[i].rule == ru && d->f[i].sig == sg)
			return &d->f[i];
	d->f = xrealloc(d->f, (size_t)(d->n + 1) * sizeof *d->f);
	f = &d->f[d->n++];
	memset(f, 0, sizeof *f);
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

static void set_evidence(struct finding *f, const struct evidence *ev, int n)
{
	free(f->ev);
	f->ev = xcalloc((size_t)n + 1, sizeof *ev);
	memcpy(f->ev, ev, (size_t)n * sizeof *ev);
	f->nev = n;
	if (n > 1)
		qsort(f->ev, (size_t)n, sizeof *f->ev, ev_cmp);
}

static void add_rule_finding(struct diagnosis *d, const struct kb *kb, const struct rule *ru,
    struct evalctx *x)
{
	struct finding *f = find_or_add(d, ru, NULL);
	uint64_t rec = group_recency(x->g);

	(void)kb;
	f->rule = ru;
	f->cause = ru->cause;
	f->severity = ru->severity;
	f->score = ru->score;
	f->chapters = ru->chapters;
	f->nchapters = ru->nchapters;
	f->title = &ru->title;
	f->explanation = &ru->explanation;
	f->remedies = ru->remedies;
	f->nremedies = ru->nremedies;
	f->alternatives = ru->alternatives;
	f->nalternatives = ru->nalternatives;
	f->count++;
	if (rec >= f->recency || f->nev == 0) {
		f->recency = rec;
		f->group = x->gi;
		set_evidence(f, x->ev, x->nev);
	}
}

static void add_sig_finding(struct diagnosis *d, const struct signature *sg, int side,
    const struct sighit *h, int gi, uint64_t rec)
{
	struct finding *f = find_or_add(d, NULL, sg);
	struct evidence ev;

	f->sig = sg;
	f->cause = sg->cause;
	f->severity = sg->severity;
	f->score = sg->score;
	f->chapters = sg->chapters;
	f->nchapters = sg->nchapters;
	f->title = &sg->title;
	f->explanation = &sg->meaning;
	f->remedies = sg->remedies;
	f->nremedies = sg->nremedies;
	f->causes = sg->causes;
	f->ncauses = sg->ncauses;
	f->count += h->count;
	if (rec >= f->recency || f->nev == 0) {
		f->recency = rec;
		f->group = gi;
		ev.side = side;
		ev.line = h->ev.line;
		ev.text = h->ev.text;
		ev.note = M_COUNT;
		set_evidence(f, &ev, 1);
	}
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

static int finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->score != y->score)
		return y->score - x->score;
	if (x->severity != y->severity)
		return (int)y->severity - (int)x->severity;
	if (x->recency != y->recency)
		return x->recency < y->recency ? 1 : -1;
	return 0;
}

void diagnose_run(const struct kb *kb, const struct side sides[2], const struct alignment *al,
    struct diagnosis *out)
{
	int *fired = xcalloc((size_t)kb->nrules + 1, sizeof(int));
	int *side_consumed = xcalloc((size_t)kb->nsigs + 1, sizeof(int));

	memset(out, 0, sizeof *out);
	for (int gi = 0; gi < al->ngroups; gi++) {
		const struct group *g = &al->groups[gi];
		int nfired = 0;
		struct evalctx x = { kb, NULL, sides, al, g, gi, {{0}}, 0 };
		int si = side_of(g, ROLE_INITIATOR), sr = side_of(g, ROLE_RESPONDER);

		if (si < 0 && sr < 0) {
			/* roles unknown (a lone LANCOM trace): treat the side as initiator */
			si = g->n[0] != NULL ? 0 : 1;
			sr = 1 - si;
		}
		for (int r = 0; r < kb->nrules; r++) {
			const struct rule *ru = &kb->rules[r];

			x.nev = 0;
			x.rule = ru;
			if (!cond_true(&x, ru->init.present ? si : 0, &ru->init))
				continue;
			if (!cond_true(&x, ru->resp.present ? sr : 0, &ru->resp))
				continue;
			/* a rule needs at least one negotiation line as evidence */
			{
				int lines = 0;

				for (int k = 0; k < x.nev; k++)
					lines += x.ev[k].line != 0;
				if (lines == 0)
					continue;
			}
			/* the messages the rule explains are evidence too */
			for (int side = 0; side < 2; side++)
				for (int h = 0; g->n[side] != NULL && h < g->n[side]->nhits; h++)
					for (int k = 0; k < ru->nconsumes; k++)
						if (ru->consumes[k] == g->n[side]->hits[h].sig)
							add_ev(&x, side, &g->n[side]->hits[h].ev, M_COUNT);
			fired[nfired++] = r;
			add_rule_finding(out, kb, ru, &x);
		}
		for (int side = 0; side < 2; side++) {
			const struct nego *n = g->n[side];

			if (n == NULL)
				continue;
			for (int h = 0; h < n->nhits; h++) {
				const struct signature *sg = &kb->sigs[n->hits[h].sig];

				if (sg->severity < SEV_WARNING || sg->cause < 0)
					continue;
				if (consumed(fired, nfired, kb, n->hits[h].sig)) {
					side_consumed[n->hits[h].sig] = 1;
					continue;
				}
				add_sig_finding(out, sg, side, &n->hits[h], gi, group_recency(g));
			}
		}
	}
	for (int side = 0; side < 2; side++)
		for (int h = 0; h < sides[side].nhits; h++) {
			const struct sighit *hit = &sides[side].hits[h];
			const struct signature *sg = &kb->sigs[hit->sig];

			if (sg->severity < SEV_WARNING || sg->cause < 0 || side_consumed[hit->sig])
				continue;
			add_sig_finding(out, sg, side, hit, -1, hit->ev.line);
		}
	if (out->n > 1)
		qsort(out->f, (size_t)out->n, sizeof *out->f, finding_cmp);
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
