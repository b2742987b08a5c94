/*
 * runs.c - the results of the commands a step ran (issue 13 item 5): kept
 * in the order they ran, independent of the walk, so that the console's
 * result pane and the session report still show them after the walk moved
 * on to another branch.
 */
#include "checklist/checklist.h"
#include "base/redact.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

#define MAX_RUNS 64

void checklist_add_run(struct checklist *cl, int node, int ok, const char *text, int64_t now_ms)
{
	struct cl_run *r;

	if (cl->nruns == MAX_RUNS) {
		/* the oldest goes: a session runs a handful, this only bounds it */
		free(cl->runs[0].text);
		memmove(cl->runs, cl->runs + 1, (size_t)(cl->nruns - 1) * sizeof *cl->runs);
		cl->nruns--;
	}
	if (cl->nruns == cl->capruns) {
		cl->capruns = cl->capruns ? cl->capruns * 2 : 4;
		cl->runs = xrealloc(cl->runs, (size_t)cl->capruns * sizeof *cl->runs);
	}
	r = &cl->runs[cl->nruns++];
	r->node = node;
	r->t_ms = now_ms;
	r->ok = ok;
	r->text = redact_dup(text != NULL ? text : "", text != NULL ? strlen(text) : 0);
}

void checklist_runs_clear(struct checklist *cl)
{
	for (int i = 0; i < cl->nruns; i++)
		free(cl->runs[i].text);
	free(cl->runs);
	cl->runs = NULL;
	cl->nruns = cl->capruns = 0;
}

const struct cl_run *checklist_run_of(const struct checklist *cl, int node)
{
	for (int i = cl->nruns - 1; i >= 0; i--)
		if (cl->runs[i].node == node)
			return &cl->runs[i];
	return NULL;
}
