/*
 * checklist.h - the technician's walk through the guide's decision tree
 * (kb/tree): where they stand, what has been answered, by whom and with
 * what evidence, and what is next.
 *
 * The walk starts at the tree's entry node for the top finding's cause (or
 * at the root, the situation of table 1-1, when there is none) and is
 * recomputed from there on every sync: a check the evidence answers is
 * answered by it (logs, status commands, pings tunneldoc ran, the VPN
 * firewall log), anything else by the technician's answer kept for that
 * node; the walk stops at the first node nobody has answered. So when new
 * evidence arrives live (the IPsec SA comes up while the technician works
 * through phase 2 checks), the walk moves on by itself, and answers given
 * earlier are kept for when the walk comes back to their nodes. Every
 * answer, note and move is logged with its time for the session report.
 */
#ifndef TD_CHECKLIST_H
#define TD_CHECKLIST_H

#include <stdint.h>

#include "checklist/state.h"

void checklist_init(struct checklist *cl, const struct kb *kb);
void checklist_clear(struct checklist *cl);

/* Recompute the walk from the analysis and what the front end knows. */
void checklist_sync(struct checklist *cl, const struct side sides[2], const struct alignment *al,
    const struct diagnosis *dg, const struct cl_world *w);

/* The item the technician is at: the open node, or the conclusion. */
int checklist_current(const struct checklist *cl);
const struct tnode *checklist_node(const struct checklist *cl, int item);

/* Answer a node (sync again to move on). evidence may be NULL. */
void checklist_answer(struct checklist *cl, int node, enum cl_ans ans, int opt, enum cl_by by,
    const char *evidence, int64_t now_ms);
void checklist_note(struct checklist *cl, int node, const char *note, int64_t now_ms);
/* Restoring a saved session: the answer of node overrode the evidence,
 * which said was (opt) by by with line ev (call before checklist_answer). */
void checklist_override_restore(struct checklist *cl, int node, enum cl_ans was, int opt, enum cl_by by,
    const char *ev);
/* The answer record of a node, or NULL. */
const struct cl_answer *checklist_answer_of(const struct checklist *cl, int node);

/*
 * What an item rests on, in the language: its evidence line, or for an
 * absence the source and time span searched; NULL when none (allocated).
 */
char *checklist_evidence_text(const struct checklist *cl, const struct cl_item *it, enum lang l);
/* For an open check whose source is not loaded: which log would answer
 * it and how to get it; NULL otherwise (allocated). */
char *checklist_source_hint(const struct checklist *cl, const struct cl_item *it, enum lang l);
/* For an item the technician answered over the evidence: what the
 * evidence said, with its line, and when it was overridden (allocated). */
char *checklist_override_text(const struct checklist *cl, const struct cl_item *it, enum lang l);

/* runs.c: keep a run's result (text: lines, redacted here); free them all. */
void checklist_add_run(struct checklist *cl, int node, int ok, const char *text, int64_t now_ms);
void checklist_runs_clear(struct checklist *cl);
/* The newest result of a run for node, or NULL. */
const struct cl_run *checklist_run_of(const struct checklist *cl, int node);

const char *cl_ans_name(enum cl_ans a);
const char *cl_by_name(enum cl_by b);
/* "yes", "done", the option's text ... in the language. */
const char *cl_ans_label(const struct checklist *cl, const struct cl_item *it, enum lang l);
const char *cl_by_label(enum cl_by b, enum lang l);

/*
 * Fold one gateway's status command output into w->status, using the
 * profile's status_match texts (reset w->status before the first side).
 * The status lines that told are appended to why (label: the side).
 */
struct strbuf;
void checklist_read_status(struct cl_world *w, const struct device *d, const char *out, const char *label,
    struct strbuf *why);

/* The SA traffic counters of a status output, summed over its SAs:
 * v = bytes in, packets in, bytes out, packets out. -1 when none. */
int checklist_read_counters(const struct device *d, const char *out, uint64_t v[4]);

#endif
