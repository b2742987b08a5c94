/*
 * checklist.c - see checklist.h.
 */
#include "checklist/checklist.h"
#include "checklist/facts.h"
#include "base/redact.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cl_ans_name(enum cl_ans a)
{
	static const char *const n[] = { "open", "yes", "no", "done", "failed", "skipped", "option" };

	return a >= ANS_NONE && a <= ANS_OPTION ? n[a] : "?";
}

const char *cl_by_name(enum cl_by b)
{
	static const char *const n[] = { "", "logs", "status", "ping", "technician", "config" };

	return b >= BY_NONE && b <= BY_CONFIG ? n[b] : "?";
}

const char *cl_by_label(enum cl_by b, enum lang l)
{
	static const enum msg m[] = { M_A_OPEN, M_BY_LOGS, M_BY_STATUS, M_BY_PING, M_BY_TECHNICIAN, M_BY_CONFIG };

	return b > BY_NONE && b <= BY_CONFIG ? msg(m[b], l) : "";
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
	for (int i = 0; i < cl->npath; i++) {
		free(cl->path[i].evidence);
		free(cl->path[i].was_ev);
	}
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
		free(cl->ans[i].was_ev);
	}
	free(cl->ans);
	for (int i = 0; i < cl->nlog; i++)
		free(cl->log[i].text);
	free(cl->log);
	checklist_runs_clear(cl);
	checklist_init(cl, kb);
}

static void log_event(struct checklist *cl, int64_t t, enum cl_event_kind k, int node, int cause,
    enum cl_ans ans, int opt, enum cl_by by)
{
	size_t n = (size_t)cl->nlog, cap = (size_t)cl->caplog;
	struct cl_event *e = VEC_PUSH(cl->log, n, cap);

	cl->nlog = (int)n;
	cl->caplog = (int)cap;
	*e = (struct cl_event){ .t_ms = t, .kind = k, .node = node, .cause = cause, .ans = ans, .opt = opt, .by = by };
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
	return cl_kept(s);
}

/* The item of node on the current walk, or NULL. */
static const struct cl_item *path_item_of(const struct checklist *cl, int node)
{
	for (int i = 0; i < cl->npath; i++)
		if (cl->path[i].node == node)
			return &cl->path[i];
	return NULL;
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
	const struct cl_item *it;
	struct cl_answer *a;

	if (cl->tree == NULL || node < 0 || node >= cl->tree->nnodes)
		return;
	it = path_item_of(cl, node);
	a = answer_rec(cl, node);
	if (by == BY_TECHNICIAN && !a->override && it != NULL && it->ans != ANS_NONE && it->by != BY_NONE &&
	    it->by != BY_TECHNICIAN) {
		/* the technician overrides what the evidence said: keep both */
		a->override = 1;
		a->was = it->ans;
		a->was_opt = it->opt;
		a->was_by = it->by;
		free(a->was_ev);
		a->was_ev = checklist_evidence_text(cl, it, LANG_EN);
	}
	a->ans = ans;
	a->opt = opt;
	a->by = by;
	a->t_ms = now_ms;
	free(a->evidence);
	a->evidence = kept(evidence);
	log_event(cl, now_ms, CE_ANSWER, node, -1, ans, opt, by);
	cl->log[cl->nlog - 1].over = a->override && by == BY_TECHNICIAN;
}

void checklist_override_restore(struct checklist *cl, int node, enum cl_ans was, int opt, enum cl_by by,
    const char *ev)
{
	struct cl_answer *a;

	if (cl->tree == NULL || node < 0 || node >= cl->tree->nnodes)
		return;
	a = answer_rec(cl, node);
	a->override = 1;
	a->was = was;
	a->was_opt = opt;
	a->was_by = by;
	free(a->was_ev);
	a->was_ev = kept(ev);
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
	cl->log[cl->nlog - 1].text = kept(note);
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

static struct cl_item *push_item(struct checklist *cl, int node, enum cl_ans ans, int opt, enum cl_by by, char *ev)
{
	size_t n = (size_t)cl->npath, cap = (size_t)cl->cappath;
	struct cl_item *it = VEC_PUSH(cl->path, n, cap);

	cl->npath = (int)n;
	cl->cappath = (int)cap;
	memset(it, 0, sizeof *it);
	it->node = node;
	it->ans = ans;
	it->opt = opt;
	it->by = by;
	it->evidence = ev;
	it->src = checklist_source(&cl->tree->nodes[node]);
	it->src_side = -1;
	return it;
}

/* The technician's answer over what the evidence says now (fo, or for a
 * question: option opt with line why); the answer record keeps what it
 * said when it was overridden. */
static void push_override(struct checklist *cl, int node, const struct cl_answer *a, const struct fact_out *fo,
    int opt, char *why)
{
	struct cl_item *it = push_item(cl, node, a->ans, a->opt, a->by, kept(a->evidence));

	it->over = 1;
	it->was = a->was;
	it->was_opt = a->was_opt;
	it->was_by = a->was_by;
	if (fo != NULL && fo->v != TRI_UNKNOWN) {
		it->was = fo->v == TRI_YES ? ANS_YES : ANS_NO;
		it->was_by = fo->by;
		it->was_ev = fo->why;
		it->was_absent = fo->abs;
	} else if (fo == NULL && opt >= 0) {
		it->was = ANS_OPTION;
		it->was_opt = opt;
		it->was_by = BY_LOGS;
		it->was_ev = why;
	} else {
		it->was_ev = kept(a->was_ev);
		free(why);
		if (fo != NULL)
			free(fo->why);
	}
}

/* A check: the evidence from its source, the technician's override, or
 * the technician's answer; -2 when open. Returns the next node. */
static int walk_check(struct checklist *cl, const struct facts *F, int i, const struct cl_answer *a)
{
	const struct tnode *n = &cl->tree->nodes[i];
	int tech = a != NULL && (a->ans == ANS_YES || a->ans == ANS_NO);
	struct fact_out fo;
	struct cl_item *it;

	fact_check(F, n, &fo);
	if (tech && a->override) {
		push_override(cl, i, a, &fo, -1, NULL);
		return a->ans == ANS_YES ? n->yes : n->no;
	}
	if (fo.v != TRI_UNKNOWN) {
		it = push_item(cl, i, fo.v == TRI_YES ? ANS_YES : ANS_NO, 0, fo.by, fo.why);
		it->absent = fo.abs;
		it->src_side = fo.side;
		return fo.v == TRI_YES ? n->yes : n->no;
	}
	free(fo.why);
	if (tech) {
		it = push_item(cl, i, a->ans, 0, a->by, kept(a->evidence));
		it->src_side = fo.side;
		it->src_missing = fo.missing;
		return a->ans == ANS_YES ? n->yes : n->no;
	}
	it = push_item(cl, i, ANS_NONE, 0, BY_NONE, NULL);
	it->src_side = fo.side;
	it->src_missing = fo.missing;
	return -2;
}

/* A question: the option the top finding's line quotes, or the technician's. */
static int walk_question(struct checklist *cl, const struct facts *F, int i, const struct cl_answer *a)
{
	const struct tnode *n = &cl->tree->nodes[i];
	int tech = a != NULL && a->ans == ANS_OPTION && a->opt >= 0 && a->opt < n->nopts;
	char *why = NULL;
	int k = fact_option(F, n, &why);

	if (tech && a->override) {
		push_override(cl, i, a, NULL, k, why);
		return n->opts[a->opt].next;
	}
	if (k >= 0) {
		push_item(cl, i, ANS_OPTION, k, BY_LOGS, why);
		return n->opts[k].next;
	}
	if (tech) {
		push_item(cl, i, ANS_OPTION, a->opt, a->by, NULL);
		return n->opts[a->opt].next;
	}
	push_item(cl, i, ANS_NONE, 0, BY_NONE, NULL);
	return -2;
}

/* A step: done, skipped or failed by the technician or a run; the VPN
 * firewall logging step is done once the firewall log shows echoes. */
static int walk_step(struct checklist *cl, int i, const struct cl_answer *a)
{
	const struct tnode *n = &cl->tree->nodes[i];

	if (a != NULL && (a->ans == ANS_DONE || a->ans == ANS_SKIPPED || a->ans == ANS_FAILED)) {
		if (a->override && a->by == BY_TECHNICIAN)
			push_override(cl, i, a, NULL, -1, NULL);
		else
			push_item(cl, i, a->ans, 0, a->by, kept(a->evidence));
		return a->ans == ANS_FAILED && n->no >= 0 ? n->no : n->next;
	}
	if (n->run == TR_FWLOG && cl->echo.total > 0) {
		char *ev = NULL;

		for (int s = 0; s < 2 && ev == NULL; s++)
			if (cl->echo.dir[s].out_ev != NULL || cl->echo.dir[s].in_ev != NULL)
				ev = kept((cl->echo.dir[s].out_ev != NULL ? cl->echo.dir[s].out_ev : cl->echo.dir[s].in_ev)->text);
		if (ev != NULL) {
			/* the firewall log already shows echoes: logging is on */
			push_item(cl, i, ANS_DONE, 0, BY_LOGS, ev);
			return n->next;
		}
	}
	push_item(cl, i, ANS_NONE, 0, BY_NONE, NULL);
	return -2;
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

		seen[i] = 1;
		switch (n->kind) {
		case TN_CHECK: i = walk_check(cl, F, i, a); break;
		case TN_QUESTION: i = walk_question(cl, F, i, a); break;
		case TN_STEP: i = walk_step(cl, i, a); break;
		case TN_CONCLUSION:
			push_item(cl, i, ANS_NONE, 0, BY_NONE, NULL);
			i = -2;
			break;
		}
		if (i == -2)
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
	const struct finding *top = NULL;
	int cause, start, unknown = kb_cause_index(cl->kb, "unknown"), est = kb_cause_index(cl->kb, "established");
	int64_t now = w != NULL ? w->now_ms : 0;
	struct facts F = { sides, al, dg, w, cl, NULL };

	if (t == NULL)
		return;
	/* the current top finding: resolved ones (retire.c) are history */
	for (int i = 0; i < dg->n && top == NULL; i++)
		if (!dg->f[i].resolved)
			top = &dg->f[i];
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
	F.top = top;
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
