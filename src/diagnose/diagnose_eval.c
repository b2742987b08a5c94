/*
 * diagnose_eval.c - one rule's conditions on one negotiation group: the
 * condition atoms of kb/SCHEMA.md (sig:, sent:, recv:, lost:, silent, ...)
 * and the evidence lines that made them true.
 */
#include "diagnose/diagnose_eval.h"

#include <string.h>

#define WINDOW_US (60LL * 1000000)


void add_ev(struct evalctx *x, int side, const struct evref *e, enum msg note)
{
	if (x->nev >= MAX_EVIDENCE)
		return;
	for (int i = 0; i < x->nev; i++)
		if (x->ev[i].side == side && e != NULL && x->ev[i].line == e->line)
			return;
	x->ev[x->nev].side = side;
	x->ev[x->nev].line = e != NULL ? e->line : 0;
	x->ev[x->nev].text = e != NULL ? e->text : NULL;
	x->ev[x->nev].has_t = e != NULL && e->has_t;
	x->ev[x->nev].t = e != NULL ? e->t : 0;
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

/* The meta atoms: any, nolog, silent. */
static int atom_meta(struct evalctx *x, int side, const struct atom *a, int record)
{
	switch (a->kind) {
	case A_ANY:
		return 1;
	case A_NOLOG:
		if (!x->sides[side].present && record)
			add_ev(x, side, NULL, M_NO_LOG);
		return !x->sides[side].present;
	case A_SILENT:
		if (!side_silent(x, side))
			return 0;
		if (record)
			add_ev(x, side, NULL, M_NOTHING_LOGGED);
		return 1;
	default:
		return 0;
	}
}

/* An error signature on this side that the rule does not explain. */
static int atom_error(struct evalctx *x, int side, int record)
{
	const struct nego *n = x->g->n[side];

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

/* A signature logged in this negotiation (or outside any on that side). */
static int atom_sig(struct evalctx *x, int side, const struct atom *a, int record)
{
	const struct nego *n = x->g->n[side];
	const struct sighit *h = n != NULL ? nego_hit(n, a->sig) : NULL;

	if (h == NULL && x->sides[side].present)
		h = side_hit(&x->sides[side], a->sig);
	if (h != NULL && record)
		add_ev(x, side, h->last.line ? &h->last : &h->ev, M_COUNT);
	return h != NULL;
}

/* lost:STEP - sent here, the other side has a log and never got it. */
static int atom_lost(struct evalctx *x, int side, const struct atom *a, const struct stepcells *c,
    int record)
{
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

/* Record e as evidence when asked; says whether the atom holds. */
static int hold(struct evalctx *x, int side, const struct evref *e, int record)
{
	if (record && e != NULL)
		add_ev(x, side, e, M_COUNT);
	return 1;
}

/* The atoms about the steps, states and establishment of the negotiation. */
static int atom_step(struct evalctx *x, int side, const struct atom *a, int record)
{
	const struct nego *n = x->g->n[side];
	const struct stepcells *c;

	if (n == NULL)
		return 0;
	c = nego_step(n, a->step);
	switch (a->kind) {
	case A_SENT:
		if (c == NULL || !(c->sent.count || c->retrans.count))
			return 0;
		return hold(x, side, c->sent.count ? &c->sent.first : &c->retrans.first, record);
	case A_RECV:
		if (!nego_received(n, a->step))
			return 0;
		return hold(x, side, c != NULL && c->recv.count ? &c->recv.first : NULL, record);
	case A_STEP:
		if (c == NULL || !(c->sent.count || c->recv.count))
			return 0;
		return hold(x, side, c->sent.count ? &c->sent.first : &c->recv.first, record);
	case A_RETRANS:
		if (c == NULL || c->retrans.count == 0)
			return 0;
		return hold(x, side, c->retrans_last.line ? &c->retrans_last : &c->retrans.first, record);
	case A_DUP:
		if (c == NULL || c->dup.count == 0)
			return 0;
		return hold(x, side, &c->dup.first, record);
	case A_LOST:
		return atom_lost(x, side, a, c, record);
	case A_STATE:
		return strcmp(n->last_state, a->arg) == 0;
	case A_EST_IKE:
		return n->est_ike.line != 0 && hold(x, side, &n->est_ike, record);
	case A_EST_IPSEC:
		return n->est_ipsec.line != 0 && hold(x, side, &n->est_ipsec, record);
	default:
		return 0;
	}
}

static int atom_true(struct evalctx *x, int side, const struct atom *a, int record)
{
	switch (a->kind) {
	case A_ANY:
	case A_NOLOG:
	case A_SILENT:
		return atom_meta(x, side, a, record);
	case A_ERROR:
		return atom_error(x, side, record);
	case A_SIG:
		return atom_sig(x, side, a, record);
	default:
		return atom_step(x, side, a, record);
	}
}

int cond_true(struct evalctx *x, int side, const struct cond *c)
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

/* Evidence in reading order: left before right, by line; notes last. */
int evidence_cmp(const void *a, const void *b)
{
	const struct evidence *x = a, *y = b;

	if (x->side != y->side)
		return x->side - y->side;
	if ((x->line == 0) != (y->line == 0))
		return x->line == 0 ? 1 : -1;
	return x->line < y->line ? -1 : x->line > y->line;
}
