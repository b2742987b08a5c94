/*
 * diagnose_refine.c - what the ranking learns after the rules ran: a
 * responder's reason that explains the initiator's symptom across two
 * unpaired negotiations, a phase 2 refusal that is PFS on one side, and a
 * generic line that a specific one of its negotiation explains.
 */
#include "diagnose/diagnose.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

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

/* A finding whose lines are all of one side, from a negotiation without a
 * counterpart (its group has that side's state only); NULL: not one. */
static const struct group *lone(const struct alignment *al, const struct finding *f, int *side)
{
	const struct group *g;

	if (f->nev == 0 || f->group < 0 || f->group >= al->ngroups)
		return NULL;
	*side = f->ev[0].side;
	for (int i = 1; i < f->nev; i++)
		if (f->ev[i].side != *side)
			return NULL;
	g = &al->groups[f->group];
	return g->n[*side] != NULL && g->n[1 - *side] == NULL ? g : NULL;
}

/* A signature finding of one side only, from a negotiation without a counterpart. */
static int lone_sig(const struct alignment *al, const struct finding *f, int *side)
{
	return f->sig != NULL && lone(al, f, side) != NULL;
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

/* Is every line of ev[0..nev) of side `side`? */
static int all_of_side(const struct evidence *ev, int nev, int side)
{
	for (int i = 0; i < nev; i++)
		if (ev[i].side != side)
			return 0;
	return nev > 0;
}

int unpaired_twin(const struct alignment *al, const struct finding *f, int gi,
    const struct evidence *ev, int nev)
{
	const struct group *a, *b;
	int s;

	if (f->group < 0 || gi < 0 || f->group == gi || f->group >= al->ngroups || gi >= al->ngroups)
		return 0;
	a = &al->groups[f->group];
	b = &al->groups[gi];
	s = a->n[LEFT] != NULL ? LEFT : RIGHT;
	if (a->n[s] == NULL || a->n[1 - s] != NULL || b->n[1 - s] == NULL || b->n[s] != NULL)
		return 0;
	if (!all_of_side(f->ev, f->nev, s) || !all_of_side(ev, nev, 1 - s))
		return 0;
	for (int i = 0; i < f->nev; i++)
		for (int k = 0; k < nev; k++)
			if (f->ev[i].line != 0 && ev[k].line != 0 && near_in_time(al, &f->ev[i], s, &ev[k]))
				return 1;
	return 0;
}

void finding_add_ev(struct finding *f, const struct evidence *ev, int nev)
{
	f->ev = xrealloc(f->ev, (size_t)(f->nev + nev + 1) * sizeof *f->ev);
	for (int i = 0; i < nev; i++) {
		int dup = 0;

		for (int k = 0; k < f->nev && !dup; k++)
			dup = f->ev[k].side == ev[i].side && f->ev[k].line == ev[i].line &&
			    (ev[i].line != 0 || f->ev[k].note == ev[i].note);
		if (!dup)
			f->ev[f->nev++] = ev[i];
	}
	qsort(f->ev, (size_t)f->nev, sizeof *f->ev, evidence_cmp);
}

/* from's evidence becomes into's; from is no finding any more (its cause
 * -1 until drop_folded). */
static void fold_into(struct finding *into, struct finding *from)
{
	finding_add_ev(into, from->ev, from->nev);
	if (from->recency > into->recency)
		into->recency = from->recency;
	free(from->ev);
	from->ev = NULL;
	from->nev = 0;
	from->sig = NULL;
	from->cause = -1;
}

static void drop_folded(struct diagnosis *d)
{
	int o = 0;

	for (int i = 0; i < d->n; i++)
		if (d->f[i].cause >= 0)
			d->f[o++] = d->f[i];
	d->n = o;
}

/* A rule finding of one side only, from a negotiation without a
 * counterpart, that side the initiator. */
static int lone_initiator_rule(const struct alignment *al, const struct finding *f, int *side)
{
	const struct group *g = f->rule != NULL ? lone(al, f, side) : NULL;

	return g != NULL && g->role[*side] == ROLE_INITIATOR;
}

/* The rule holds only while the responder logged no error ("none": error). */
static int needs_quiet_responder(const struct rule *ru)
{
	for (int i = 0; i < ru->resp.nnone; i++)
		if (ru->resp.none[i].kind == A_ERROR)
			return 1;
	return 0;
}

/* How many negotiations (groups) hold a state of side s. */
static int groups_of_side(const struct alignment *al, int s)
{
	int n = 0;

	for (int g = 0; g < al->ngroups; g++)
		n += !al->groups[g].dead && al->groups[g].n[s] != NULL;
	return n;
}

/*
 * The initiator's rule finding that holds only while the responder logged
 * no error (INVALID_ID_INFORMATION received, MI3 unanswered, ...) is the
 * symptom of the responder's error when the two logs could not be paired:
 * the responder logged its reason (a certificate it rejected) but no line
 * the alignment pairs. One negotiation: near in time, or, without times,
 * the only negotiation of each log. The reason keeps its texts and cites
 * the symptom's lines.
 */
static void fold_rule_symptoms(const struct alignment *al, struct diagnosis *d)
{
	for (int i = 0; i < d->n; i++) {
		struct finding *f = &d->f[i];
		int fs, hs;

		if (f->cause < 0 || !lone_sig(al, f, &fs) || f->severity != SEV_ERROR || f->sig->role == ROLE_INITIATOR)
			continue;
		for (int k = 0; k < d->n; k++) {
			struct finding *h = &d->f[k];

			if (k == i || h->cause < 0 || h->cause == f->cause || !lone_initiator_rule(al, h, &hs) || hs == fs ||
			    !needs_quiet_responder(h->rule))
				continue;
			if (f->ev[0].has_t && h->ev[0].has_t ? !near_in_time(al, &f->ev[0], fs, &h->ev[0])
			    : groups_of_side(al, fs) != 1 || groups_of_side(al, hs) != 1)
				continue;
			fold_into(f, h);
		}
	}
}

/*
 * When the two logs could not be paired (the responder logged only its
 * reason), the responder's reason still explains the initiator's generic
 * symptom that a rule says it explains: the symptom's line becomes
 * evidence of the reason, and the symptom is no finding of its own.
 */
void fold_across_sides(const struct kb *kb, const struct alignment *al, struct diagnosis *d)
{
	fold_rule_symptoms(al, d);
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
			fold_into(f, h);
		}
	}
	drop_folded(d);
}

/*
 * The initiator's symptom (a signature only an initiator logs: "no
 * acceptable response to our first Quick Mode message") and the
 * responder's reason of the same phase in the same negotiation (the other
 * log: "DNS fails to confirm delegation"): the reason outranks the
 * symptom, which becomes its evidence (issue 12 item 3). Only a symptom of
 * this one negotiation.
 */
void fold_initiator_symptoms(struct diagnosis *d)
{
	for (int i = 0; i < d->n; i++) {
		struct finding *f = &d->f[i];

		if (f->sig == NULL || f->sig->role != ROLE_INITIATOR || f->cause < 0 || f->nev == 0 || f->group < 0 ||
		    f->count > 1 || f->rule != NULL)
			continue;
		for (int k = 0; k < d->n; k++) {
			struct finding *h = &d->f[k];

			if (k == i || h->cause < 0 || h->cause == f->cause || h->sig == NULL || h->rule != NULL ||
			    h->sig->role != ROLE_RESPONDER || h->severity != SEV_ERROR || h->nev == 0 || h->group != f->group ||
			    h->sig->phase != f->sig->phase || h->ev[0].side == f->ev[0].side)
				continue;
			fold_into(h, f);
			break;
		}
	}
	drop_folded(d);
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
void pfs_refine(const struct kb *kb, const struct alignment *al, struct diagnosis *d)
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
				qsort(f->ev, (size_t)f->nev, sizeof *f->ev, evidence_cmp);
				break;
			}
		}
	}
}

/*
 * A signature marked generic ("IKE SA established but initiator rejected
 * Child SA response") names no reason of its own: when a specific finding
 * of the same phase, side and negotiation exists ("CHILD SA failed:
 * TS_UNACCEPTABLE"), the generic line becomes its evidence and is no
 * finding of its own, so it cannot offer a second, different cause.
 */
void fold_generic(struct diagnosis *d)
{
	for (int i = 0; i < d->n; i++) {
		struct finding *f = &d->f[i];

		if (f->sig == NULL || !f->sig->generic || f->cause < 0 || f->nev == 0)
			continue;
		for (int k = 0; k < d->n; k++) {
			struct finding *h = &d->f[k];

			if (k == i || h->cause < 0 || h->sig == NULL || h->sig->generic || h->nev == 0 ||
			    h->group != f->group || h->sig->phase != f->sig->phase || h->ev[0].side != f->ev[0].side)
				continue;
			fold_into(h, f);
			break;
		}
	}
	drop_folded(d);
}
