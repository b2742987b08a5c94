/*
 * facts.h - what the evidence says about one node of the decision tree
 * (inside src/checklist only): a check answered from the source that
 * would show it (checklist_source), when that source is loaded; a
 * question whose answer the top finding's evidence line quotes.
 */
#ifndef TD_CL_FACTS_H
#define TD_CL_FACTS_H

#include "checklist/state.h"

struct facts {
	const struct side *sides;
	const struct alignment *al;
	const struct diagnosis *dg;
	const struct cl_world *w;
	const struct checklist *cl;
	const struct finding *top;    /* the finding the walk follows, or NULL */
};

/* What the evidence says about a check. */
struct fact_out {
	enum tri v;
	enum cl_by by;
	char *why;                    /* the line (allocated, redacted), or NULL */
	struct cl_absence abs;        /* or the absence searched */
	int side;                     /* the source's side, -1 both / unknown */
	int missing;                  /* the source is not loaded */
};

/* A kept copy of a text (redacted), NULL when empty. */
char *cl_kept(const char *s);

void fact_check(const struct facts *F, const struct tnode *n, struct fact_out *o);
/* The option of a question that the top finding's evidence quotes (why:
 * that line), or -1. */
int fact_option(const struct facts *F, const struct tnode *n, char **why);

/* A check the configuration comparison answers (config_facts.c): when the
 * logs did not, the parameter's relation with both sides' lines. */
void config_fact(const struct facts *F, const struct tnode *n, struct fact_out *o);

#endif
