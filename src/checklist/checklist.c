/*
 * checklist.c - see checklist.h.
 */
#include "checklist/checklist.h"
#include "base/redact.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How long after the technician confirmed VPN firewall logging (or after
 * the first echo left) an absence counts as "no" in a live session. */
#define ECHO_WAIT_MS 8000

const char *cl_ans_name(enum cl_ans a)
{
	static const char *const n[] = { "open", "yes", "no", "done", "failed", "skipped", "option" };

	return a >= ANS_NONE && a <= ANS_OPTION ? n[a] : "?";
}

const char *cl_by_name(enum cl_by b)
{
	static const char *const n[] = { "", "logs", "status", "ping", "technician" };

	return b >= BY_NONE && b <= BY_TECHNICIAN ? n[b] : "?";
}

const char *cl_by_label(enum cl_by b, enum lang l)
{
	static const enum msg m[] = { M_A_OPEN, M_BY_LOGS, M_BY_STATUS, M_BY_PING, M_BY_TECHNICIAN };

	return b > BY_NONE && b <= BY_TECHNICIAN ? msg(m[b], l) : "";
}

const char *cl_ans_label(const struct checklist *cl, const struct cl_item *it, enum lang l)
{
	static const enum msg m[] = { M_A_OPEN, M_A_YES, M_A_NO, M_A_DONE, M_A_FAILED, M_A_SKIPPED };
	const struct tnode *n = &cl->tree->nodes[it->node];

	if (it->ans == ANS_OPTION && it->opt >= 0 && it->opt < n->nopts)
		return txt(&n->opts[it->opt].text, l);
	return it->ans >= ANS_NONE && it->ans <= ANS_SKIPPED ? msg(m[it->ans], l) : "?";
}

void checklist_init(struct checklist *cl, const struct kb *kb)
{
	memset(cl, 0, sizeof *cl);
	cl->kb = kb;
	cl->start = -1;
	cl->start_cause = -1;
	cl->reached = -1;
}

static void path_clear(struct checklist *cl)
{
	for (int i = 0; i < cl->npath; i++)
		free(cl->path[i].evidence);
	cl->npath = 0;
}

void checklist_clear(struct checklist *cl)
{
	const struct kb *kb = cl->kb;

	path_clear(cl);
	free(cl->path);
	for (int i = 0; i < cl->nans; i++) {
		free(cl->ans[i].evidence);
		free(cl->ans[i].note);
	}
	free(cl->ans);
	free(cl->log);
	checklist_init(cl, kb);
}

static void log_event(struct checklist *cl, int64_t t, enum cl_event_kind k, int node, int cause,
    enum cl_ans ans, int opt, enum cl_by by)
{
	size_t n = (size_t)cl->nlog, cap = (size_t)cl->caplog;
	struct cl_event *e = VEC_PUSH(cl->log, n, cap);

	cl->nlog = (int)n;
	cl->caplog = (int)cap;
	*e = (struct cl_event){ t, k, node, cause, ans, opt, by };
}

const struct cl_answer *checklist_answer_of(const struct checklist *cl, int node)
{
	for (int i = 0; i < cl->nans; i++)
		if (cl->ans[i].node == node)
			return &cl->ans[i];
	return NULL;
}

/* A text to keep (an answer's evidence, a note): redacted before it is
 * stored, so no output made from it can hold a secret; NULL when empty. */
static char *kept(const char *s)
{
	return s != NULL && *s ? redact_dup(s, strlen(s)) : NULL;
}

/* The answer record of node, created when there is none yet. */
static struct cl_answer *answer_rec(struct checklist *cl, int node)
{
	const struct cl_answer *old = checklist_answer_of(cl, node);
	size_t n = (size_t)cl->nans, cap = (size_t)cl->capans;
	struct cl_answer *a;

	if (old != NULL)
		return &cl->ans[old - cl->ans];
	a = VEC_PUSH(cl->ans, n, cap);
	cl->nans = (int)n;
	cl->capans = (int)cap;
	memset(a, 0, sizeof *a);
	a->node = node;
	return a;
}

void checklist_answer(struct checklist *cl, int node, enum cl_ans ans, int opt, enum cl_by by,
    const char *evidence, int64_t now_ms)
{
	struct cl_answer *a;

	if (cl->tree == NULL || node < 0 || node >= cl->tree->nnodes)
		return;
	a = answer_rec(cl, node);
	a->ans = ans;
	a->opt = opt;
	a->by = by;
	a->t_ms = now_ms;
	free(a->evidence);
	a->evidence = kept(evidence);
	log_event(cl, now_ms, CE_ANSWER, node, -1, ans, opt, by);
}

void checklist_note(struct checklist *cl, int node, const char *note, int64_t now_ms)
{
	struct cl_answer *a;

	if (cl->tree == NULL || node < 0 || node >= cl->tree->nnodes)
		return;
	a = answer_rec(cl, node);
	free(a->note);
	a->note = kept(note);
	log_event(cl, now_ms, CE_NOTE, node, -1, ANS_NONE, 0, BY_TECHNICIAN);
}

/* The tree for two sides' dialects: LANCOM's when a side is LANCOM. */
static const struct tree *checklist_tree_for(const struct kb *kb, const struct side sides[2])
{
	const struct tree *t = NULL;

	for (int s = 0; s < 2; s++) {
		const struct dialect *d = sides[s].dialect >= 0 ? &kb->dialects[sides[s].dialect] : NULL;

		if (d != NULL && strcmp(d->id, "lancom") == 0 && (t = kb_tree(kb, "lancom")) != NULL)
			return t;
	}
	t = kb_tree(kb, "mguard");
	return t != NULL ? t : kb->ntrees > 0 ? &kb->trees[0] : NULL;
}

int checklist_current(const struct checklist *cl)
{
	return cl->npath > 0 ? cl->npath - 1 : -1;
}

const struct tnode *checklist_node(const struct checklist *cl, int item)
{
	if (cl->tree == NULL || item < 0 || item >= cl->npath)
		return NULL;
	return &cl->tree->nodes[cl->path[item].node];
}

/* ---- what the evidence says ---- */

struct facts {
	const struct side *sides;
	const struct alignment *al;
	const struct diagnosis *dg;
	const struct cl_world *w;
	const struct checklist *cl;
};

static char *ev_text(const struct evref *e)
{
	return e != NULL ? kept(e->text) : NULL;
}

static int has_cause(const struct diagnosis *dg, int cause)
{
	for (int i = 0; i < dg->n; i++)
		if (dg->f[i].cause == cause)
			return i;
	return -1;
}

static char *finding_ev(const struct finding *f)
{
	for (int i = 0; i < f->nev; i++)
		if (f->ev[i].text != NULL)
			return kept(f->ev[i].text);
	return NULL;
}

/* A negotiation of the sides with an established SA (1 IKE, 2 IPsec). */
static const struct evref *established(const struct side *sides, int which, int *negos)
{
	const struct evref *best = NULL;

	*negos = 0;
	for (int s = 0; s < 2; s++)
		for (int i = 0; i < sides[s].nnegos; i++) {
			const struct nego *n = sides[s].negos[i];
			const struct evref *e = which == 1 ? &n->est_ike : &n->est_ipsec;

			if (n->kind == NK_TRAFFIC)
				continue;
			(*negos)++;
			if (e->line != 0 && (best == NULL || e->line > best->line))
				best = e;
		}
	return best;
}

/* The newest time the technician confirmed the fwlog step, or -1. */
static int64_t fwlog_confirmed(const struct checklist *cl)
{
	int64_t t = -1;

	for (int i = 0; i < cl->nans; i++)
		if (cl->tree->nodes[cl->ans[i].node].run == TR_FWLOG && cl->ans[i].ans == ANS_DONE && cl->ans[i].t_ms > t)
			t = cl->ans[i].t_ms;
	return t;
}

/* The newest echo line of a kind: 0 leaving, 1 arrived, 2 lost. */
static char *echo_line(const struct echo_summary *es, int kind)
{
	for (int s = 0; s < 2; s++) {
		const struct evref *e = kind == 0 ? es->dir[s].out_ev : kind == 1 ? es->dir[s].in_ev : es->dir[s].lost_ev;

		if (e != NULL)
			return ev_text(e);
	}
	return NULL;
}

/*
 * The connection (idx 0), the ISAKMP SA (1) or the IPsec SA (2) from a
 * status command and the logs. A status command saying "up" or logs showing
 * the SA come up win over an older "down"; then the status command's "down".
 */
static enum tri fact_sa(const struct facts *F, int idx, char **why, enum cl_by *by)
{
	const struct diagnosis *dg = F->dg;
	const struct evref *e;
	int negos, k;

	if (F->w != NULL && F->w->status[idx] == TRI_YES) {
		*by = BY_STATUS;
		*why = kept(F->w->status_why);
		return TRI_YES;
	}
	e = established(F->sides, idx > 0 ? idx : 1, &negos);
	if (idx > 0 && e != NULL) {
		*why = ev_text(e);
		return TRI_YES;
	}
	if (F->w != NULL && F->w->status[idx] == TRI_NO) {
		*by = BY_STATUS;
		*why = kept(F->w->status_why);
		return TRI_NO;
	}
	if (idx == 0) {
		int nl = kb_cause_index(F->cl->kb, "connection-not-loaded");

		if (nl >= 0 && (k = has_cause(dg, nl)) >= 0) {
			*why = finding_ev(&dg->f[k]);
			return TRI_NO;
		}
		for (int s = 0; s < 2 && negos > 0 && e == NULL; s++)
			for (int i = 0; i < F->sides[s].nnegos && e == NULL; i++)
				if (F->sides[s].negos[i]->kind != NK_TRAFFIC)
					e = nego_first_ev(F->sides[s].negos[i]);
		if (negos > 0) {
			*why = ev_text(e);
			return TRI_YES;
		}
		return TRI_UNKNOWN;
	}
	if (negos > 0 && dg->n > 0 && (F->w == NULL || F->w->complete || dg->f[0].severity >= SEV_WARNING)) {
		*why = finding_ev(&dg->f[0]);
		return TRI_NO;
	}
	return TRI_UNKNOWN;
}

/* Answer a check from the evidence; TRI_UNKNOWN when it cannot. */
static enum tri fact(const struct facts *F, const struct tnode *n, char **why, enum cl_by *by)
{
	const struct kb *kb = F->cl->kb;
	const struct diagnosis *dg = F->dg;
	const struct echo_summary *es = &F->cl->echo;
	int k;

	*why = NULL;
	*by = BY_LOGS;
	switch (n->check) {
	case TF_CONN_LOADED:
	case TF_ISAKMP_SA:
	case TF_IPSEC_SA:
		return fact_sa(F, n->check == TF_CONN_LOADED ? 0 : n->check == TF_ISAKMP_SA ? 1 : 2, why, by);
	case TF_CAUSE:
		if ((k = has_cause(dg, n->check_cause)) >= 0) {
			*why = finding_ev(&dg->f[k]);
			return TRI_YES;
		}
		return F->w != NULL && F->w->complete && dg->n > 0 ? TRI_NO : TRI_UNKNOWN;
	case TF_RESPONDER_RECEIVED:
		for (int g = 0; g < F->al->ngroups; g++) {
			const struct group *gr = &F->al->groups[g];

			for (int s = 0; s < 2; s++)
				if (gr->n[s] != NULL && gr->n[s]->kind != NK_TRAFFIC && gr->role[s] == ROLE_RESPONDER &&
				    gr->n[s]->m_recv != 0) {
					*why = ev_text(nego_first_ev(gr->n[s]));
					return TRI_YES;
				}
		}
		k = kb_cause_index(kb, "peer-unreachable");
		if (k >= 0 && (k = has_cause(dg, k)) >= 0) {
			*why = finding_ev(&dg->f[k]);
			return TRI_NO;
		}
		return TRI_UNKNOWN;
	case TF_ECHO_OUT: {
		int64_t conf = fwlog_confirmed(F->cl);

		if (es->dir[LEFT].out + es->dir[RIGHT].out > 0) {
			*why = echo_line(es, 0);
			return TRI_YES;
		}
		if (conf >= 0 && F->w != NULL && (F->w->complete || F->w->now_ms - conf >= ECHO_WAIT_MS))
			return TRI_NO;
		return TRI_UNKNOWN;
	}
	case TF_ECHO_IN:
		if (es->dir[LEFT].arrived + es->dir[RIGHT].arrived > 0) {
			*why = echo_line(es, 1);
			return TRI_YES;
		}
		if (es->dir[LEFT].out + es->dir[RIGHT].out > 0 && F->w != NULL &&
		    (F->w->complete || F->w->now_ms - F->cl->echo_seen_ms >= ECHO_WAIT_MS)) {
			*why = echo_line(es, 2);
			return TRI_NO;
		}
		return TRI_UNKNOWN;
	default:
		return TRI_UNKNOWN;
	}
}

static void push_item(struct checklist *cl, int node, enum cl_ans ans, int opt, enum cl_by by, char *ev)
{
	size_t n = (size_t)cl->npath, cap = (size_t)cl->cappath;
	struct cl_item *it = VEC_PUSH(cl->path, n, cap);

	cl->npath = (int)n;
	cl->cappath = (int)cap;
	*it = (struct cl_item){ node, ans, opt, by, ev };
}

/* Walk from the start; stops at the first node nobody has answered. */
static void walk(struct checklist *cl, const struct facts *F)
{
	const struct tree *t = cl->tree;
	char *seen = xcalloc((size_t)t->nnodes, 1);
	int i = cl->start;

	path_clear(cl);
	while (i >= 0 && !seen[i]) {
		const struct tnode *n = &t->nodes[i];
		const struct cl_answer *a = checklist_answer_of(cl, i);
		char *why = NULL;
		enum cl_by by = BY_LOGS;
		enum tri v;

		seen[i] = 1;
		switch (n->kind) {
		case TN_CHECK:
			v = fact(F, n, &why, &by);
			if (v != TRI_UNKNOWN) {
				push_item(cl, i, v == TRI_YES ? ANS_YES : ANS_NO, 0, by, why);
				i = v == TRI_YES ? n->yes : n->no;
				continue;
			}
			if (a != NULL && (a->ans == ANS_YES || a->ans == ANS_NO)) {
				push_item(cl, i, a->ans, 0, a->by, kept(a->evidence));
				i = a->ans == ANS_YES ? n->yes : n->no;
				continue;
			}
			break;
		case TN_QUESTION:
			if (a != NULL && a->ans == ANS_OPTION && a->opt >= 0 && a->opt < n->nopts) {
				push_item(cl, i, ANS_OPTION, a->opt, a->by, NULL);
				i = n->opts[a->opt].next;
				continue;
			}
			break;
		case TN_STEP:
			if (a == NULL && n->run == TR_FWLOG && cl->echo.total > 0) {
				/* the firewall log already shows echoes: logging is on */
				push_item(cl, i, ANS_DONE, 0, BY_LOGS, echo_line(&cl->echo, 0));
				i = n->next;
				continue;
			}
			if (a != NULL && (a->ans == ANS_DONE || a->ans == ANS_SKIPPED || a->ans == ANS_FAILED)) {
				push_item(cl, i, a->ans, 0, a->by, kept(a->evidence));
				i = a->ans == ANS_FAILED && n->no >= 0 ? n->no : n->next;
				continue;
			}
			break;
		case TN_CONCLUSION:
			break;
		}
		push_item(cl, i, ANS_NONE, 0, BY_NONE, NULL);
		break;
	}
	free(seen);
}

static int is_traffic(const struct group *g)
{
	return (g->n[0] != NULL && g->n[0]->kind == NK_TRAFFIC) || (g->n[1] != NULL && g->n[1]->kind == NK_TRAFFIC);
}

void checklist_sync(struct checklist *cl, const struct side sides[2], const struct alignment *al,
    const struct diagnosis *dg, const struct cl_world *w)
{
	const struct tree *t = checklist_tree_for(cl->kb, sides);
	const struct finding *top = dg->n > 0 ? &dg->f[0] : NULL;
	int cause, start, unknown = kb_cause_index(cl->kb, "unknown"), est = kb_cause_index(cl->kb, "established");
	int64_t now = w != NULL ? w->now_ms : 0;
	struct facts F = { sides, al, dg, w, cl };

	if (t == NULL)
		return;
	if (t != cl->tree) {
		/* another guide: answers belong to the old tree's nodes */
		const struct kb *kb = cl->kb;
		int had = cl->tree != NULL;

		if (had)
			checklist_clear(cl);
		cl->kb = kb;
		cl->tree = t;
	}
	/* the walk follows the tunnel's current state: a tunnel that came up
	 * after the top finding's negotiation (live) starts from "established" */
	for (int i = 1; top != NULL && top->group >= 0 && top->group < al->ngroups && i < dg->n; i++)
		if (dg->f[i].cause == est && top->cause != est && dg->f[i].recency > top->recency &&
		    !is_traffic(&al->groups[top->group])) {
			top = &dg->f[i];
			break;
		}
	cause = top != NULL ? top->cause : -1;
	if (cause == unknown)
		cause = -1;
	start = cause >= 0 && t->entry[cause] >= 0 ? t->entry[cause] : t->root;
	if (start != cl->start) {
		log_event(cl, now, cl->start < 0 ? CE_START : CE_MOVED, start, cause, ANS_NONE, 0, BY_LOGS);
		cl->start = start;
		cl->start_cause = cause;
	}
	for (int k = 0; k < 2 && w != NULL; k++)
		if (w->skip_src[k] != NULL && *w->skip_src[k])
			snprintf(cl->skip_src[k], sizeof cl->skip_src[k], "%s", w->skip_src[k]);
	{
		const char *skip[2] = { cl->skip_src[0], cl->skip_src[1] };

		echo_summarise(al, skip, 2, &cl->echo);
	}
	if (cl->echo.total > 0 && cl->echo_seen_ms == 0)
		cl->echo_seen_ms = now > 0 ? now : 1;
	walk(cl, &F);
	if (cl->npath > 0) {
		int last = cl->path[cl->npath - 1].node;

		if (t->nodes[last].kind == TN_CONCLUSION && last != cl->reached) {
			cl->reached = last;
			log_event(cl, now, CE_REACHED, last, t->nodes[last].cause, ANS_NONE, 0, BY_NONE);
		}
	}
}

void checklist_read_status(struct cl_world *w, const struct device *d, const char *out, const char *label,
    struct strbuf *why)
{
	if (d == NULL || out == NULL)
		return;
	for (int k = 0; k < 3; k++) {
		int found = 0;

		for (int i = 0; i < d->nsmatch[k] && !found; i++) {
			const char *hit = strstr(out, d->smatch[k][i]);
			const char *b = hit, *e = hit;

			if (hit == NULL)
				continue;
			found = 1;
			while (b > out && b[-1] != '\n')
				b--;
			while (*e && *e != '\n')
				e++;
			if (k > 0 && why != NULL && why->len < 300)
				sb_addf(why, "%s%s: %.*s", why->len ? " | " : "", label, (int)(e - b > 160 ? 160 : e - b), b);
		}
		/* an SA counts as up only when every gateway asked shows it; a
		 * status without SAs does not show that a connection is missing */
		if (d->nsmatch[k] > 0) {
			if (!found) {
				if (k > 0)
					w->status[k] = TRI_NO;
			} else if (w->status[k] == TRI_UNKNOWN) {
				w->status[k] = TRI_YES;
			}
		}
	}
}

int checklist_read_counters(const struct device *d, const char *out, uint64_t v[4])
{
	static const char *const names[4] = { "bytes_in", "packets_in", "bytes_out", "packets_out" };
	int found = 0;

	memset(v, 0, 4 * sizeof *v);
	if (d == NULL || out == NULL || d->ncounters == 0)
		return -1;
	for (const char *l = out; *l;) {
		const char *e = strchr(l, '\n');
		size_t len = e != NULL ? (size_t)(e - l) : strlen(l);

		for (int i = 0; i < d->ncounters; i++) {
			struct capture caps[PAT_MAXCAPS];
			int nc = 0;

			if (!pattern_match(&d->counters[i], l, len, caps, &nc, NULL))
				continue;
			for (int k = 0; k < nc; k++)
				for (int m = 0; m < 4; m++)
					if (caps[k].name != NULL && strcmp(caps[k].name, names[m]) == 0) {
						char num[32];

						snprintf(num, sizeof num, "%.*s", (int)(caps[k].len < 31 ? caps[k].len : 31), caps[k].s);
						v[m] += strtoull(num, NULL, 10);
						found = 1;
					}
		}
		l += len + (e != NULL);
	}
	return found ? 0 : -1;
}
