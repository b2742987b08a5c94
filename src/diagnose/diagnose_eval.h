/*
 * diagnose_eval.h - evaluating one rule on one negotiation group: the
 * evidence lines a finding cites and the rule conditions (diagnose_eval.c),
 * used by the ranking in diagnose.c.
 */
#ifndef TD_DIAGNOSE_EVAL_H
#define TD_DIAGNOSE_EVAL_H

#include "align/align.h"
#include "kb/kb.h"

#define MAX_EVIDENCE 12

struct evidence {
	int side;                 /* LEFT or RIGHT */
	uint64_t line;            /* 0: no line (note only) */
	const char *text;         /* borrowed from the model */
	enum msg note;            /* M_COUNT: none */
	int has_t;                /* the line's log time (t, that side's clock) */
	int64_t t;
};

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

/* Add e (or a note without a line) to the evidence, once per line. */
void add_ev(struct evalctx *x, int side, const struct evref *e, enum msg note);
/* Does condition c hold on side `side`? Records the evidence when it does. */
int cond_true(struct evalctx *x, int side, const struct cond *c);

/* Evidence in reading order (qsort): left before right, by line; notes last. */
int evidence_cmp(const void *a, const void *b);

#endif
