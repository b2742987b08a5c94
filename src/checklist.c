/*
 * checklist.c - see checklist.h.
 */
#include "checklist.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char *cl_state_name(enum cl_state s)
{
	static const char *const n[] = { "open", "evidence", "done", "failed", "skipped" };

	return (s >= CL_OPEN && s <= CL_SKIPPED) ? n[s] : "?";
}

void checklist_clear(struct checklist *cl)
{
	for (int i = 0; i < cl->n; i++) {
		free(cl->nodes[i].evidence);
		free(cl->nodes[i].note);
	}
	free(cl->nodes);
	memset(cl, 0, sizeof *cl);
}

void checklist_sync(struct checklist *cl, const struct kb *kb, const struct diagnosis *dg)
{
	const struct finding *f = dg->n > 0 ? &dg->f[0] : NULL;
	const void *key = f == NULL ? NULL : f->rule != NULL ? (const void *)f->rule : (const void *)f->sig;
	struct strbuf ev = {0};

	(void)kb;
	if (key == cl->key && cl->n > 0) {
		/* same finding: refresh the evidence only */
		free(cl->nodes[0].evidence);
		cl->nodes[0].evidence = NULL;
		if (f->nev > 0 && f->ev[0].text != NULL)
			cl->nodes[0].evidence = xstrdup(f->ev[0].text);
		return;
	}
	checklist_clear(cl);
	cl->key = key;
	if (f == NULL)
		return;
	cl->cause = f->cause;
	cl->nodes = xcalloc((size_t)f->nremedies + 1, sizeof *cl->nodes);
	cl->nodes[0].kind = CL_CONCLUSION;
	cl->nodes[0].state = CL_EVIDENCE;
	cl->nodes[0].text = f->title;
	cl->nodes[0].chapter = f->nchapters > 0 ? f->chapters[0] : NULL;
	for (int i = 0; i < f->nev; i++)
		if (f->ev[i].text != NULL) {
			sb_addf(&ev, "%s%s", ev.len ? " | " : "", f->ev[i].text);
			if (ev.len > 400)
				break;
		}
	cl->nodes[0].evidence = ev.len ? sb_steal(&ev) : NULL;
	sb_free(&ev);
	cl->n = 1;
	for (int i = 0; i < f->nremedies; i++) {
		struct cl_node *nd = &cl->nodes[cl->n++];

		nd->kind = CL_STEP;
		nd->state = CL_OPEN;
		nd->text = &f->remedies[i].text;
		nd->menu = f->remedies[i].menu.en != NULL ? &f->remedies[i].menu : NULL;
		nd->command = f->remedies[i].command;
		nd->chapter = cl->nodes[0].chapter;
	}
}

void checklist_set(struct checklist *cl, int i, enum cl_state st)
{
	if (i > 0 && i < cl->n)
		cl->nodes[i].state = st;
}

void checklist_note(struct checklist *cl, int i, const char *note)
{
	if (i < 0 || i >= cl->n)
		return;
	free(cl->nodes[i].note);
	cl->nodes[i].note = note != NULL && *note ? xstrdup(note) : NULL;
}
