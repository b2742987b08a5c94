/*
 * checklist.h - the technician's checklist for the current top finding:
 * where they stand, what is answered and by what, what is next. Until the
 * guide's decision tree (kb/tree) exists, the nodes are the finding itself
 * (answered by the evidence) and its remedies as steps to perform and
 * confirm. Answers and notes survive a rebuild for the same finding.
 */
#ifndef TD_CHECKLIST_H
#define TD_CHECKLIST_H

#include "diagnose.h"
#include "i18n.h"
#include "kb.h"

enum cl_kind { CL_CONCLUSION, CL_STEP };
enum cl_state { CL_OPEN, CL_EVIDENCE, CL_DONE, CL_FAILED, CL_SKIPPED };

struct cl_node {
	enum cl_kind kind;
	enum cl_state state;
	const struct text *text;     /* borrowed from the kb */
	const struct text *menu;     /* may be NULL */
	const char *command;         /* may be NULL */
	const char *chapter;         /* may be NULL */
	char *evidence;              /* what answered it (owned) */
	char *note;                  /* the technician's note (owned) */
};

struct checklist {
	struct cl_node *nodes;
	int n;
	const void *key;             /* the finding source it was built for */
	int cause;
};

/* Rebuild for the diagnosis' top finding; keeps answers when unchanged. */
void checklist_sync(struct checklist *cl, const struct kb *kb, const struct diagnosis *dg);
void checklist_set(struct checklist *cl, int i, enum cl_state st);
void checklist_note(struct checklist *cl, int i, const char *note);
void checklist_clear(struct checklist *cl);
const char *cl_state_name(enum cl_state s);

#endif
