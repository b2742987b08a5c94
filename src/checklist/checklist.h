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

#include "align/align.h"
#include "diagnose/diagnose.h"
#include "checklist/echo.h"
#include "base/i18n.h"
#include "kb/kb.h"

enum tri { TRI_UNKNOWN = 0, TRI_YES, TRI_NO };

/* Who answered a node. */
enum cl_by { BY_NONE = 0, BY_LOGS, BY_STATUS, BY_PING, BY_TECHNICIAN };

enum cl_ans { ANS_NONE = 0, ANS_YES, ANS_NO, ANS_DONE, ANS_FAILED, ANS_SKIPPED, ANS_OPTION };

/* What tunneldoc knows besides the logs; the front end fills it in. */
struct cl_world {
	enum tri status[3];       /* conn loaded, ISAKMP SA, IPsec SA (status commands) */
	const char *status_why;   /* the status line that told, or NULL */
	const char *skip_src[2];  /* source addresses of pings tunneldoc ran */
	int complete;             /* the logs are complete (offline): absence is evidence */
	int64_t now_ms;
};

/*
 * The source that would show a check's answer, derived from the node's
 * check: the checklist answers a check only from its source when that is
 * loaded; otherwise the check is asked and the line says what would answer.
 */
enum cl_src {
	SRC_TECHNICIAN = 0,       /* only the technician knows (check "ask") */
	SRC_IKE,                  /* the VPN (IKE) logs, or the status command */
	SRC_IKE_REMOTE,           /* the remote side's VPN log or trace */
	SRC_FW,                   /* a side's VPN firewall log */
	SRC_CLIENT                /* a ping from the technician's client */
};

/* An answer "by the logs" from what a source does not show: which log
 * (side, -1 both) was searched, over which span, for what. */
struct cl_absence {
	int set;
	int side;
	int has_t;
	int64_t t0_us, t1_us;
	enum msg what;
	int cause;                /* M_CL_ABS_CAUSE: kb->causes index */
};

/* An answer given for a node (by the technician or by a run). */
struct cl_answer {
	int node;
	enum cl_ans ans;
	int opt;                  /* ANS_OPTION: which option */
	enum cl_by by;
	char *evidence;           /* what a run printed, or NULL */
	char *note;
	int64_t t_ms;
	/* the technician overrode an answer of the evidence: what it said */
	int override;
	enum cl_ans was;
	int was_opt;
	enum cl_by was_by;
	char *was_ev;
};

/* One node on the current walk. */
struct cl_item {
	int node;
	enum cl_ans ans;          /* ANS_NONE: open (the current node) */
	int opt;
	enum cl_by by;
	char *evidence;           /* the line that answered, owned */
	struct cl_absence absent; /* or: what was searched and not found */
	enum cl_src src;          /* checks: the source that answers it */
	int src_side;             /* its side, -1 both or unknown */
	int src_missing;          /* open: that source is not loaded */
	/* answered by the technician over the evidence: what it says */
	int over;
	enum cl_ans was;
	int was_opt;
	enum cl_by was_by;
	char *was_ev;             /* owned */
	struct cl_absence was_absent;
};

enum cl_event_kind { CE_START, CE_MOVED, CE_ANSWER, CE_NOTE, CE_REACHED };

struct cl_event {
	int64_t t_ms;
	enum cl_event_kind kind;
	int node;
	int cause;                /* CE_START/CE_MOVED: the finding, -1 none */
	enum cl_ans ans;
	int opt;                  /* CE_ANSWER of a question: the option */
	enum cl_by by;
	char *text;               /* CE_NOTE: the note as written (redacted) */
	int over;                 /* CE_ANSWER: it overrode the evidence */
};

struct checklist {
	const struct kb *kb;
	const struct tree *tree;
	int start;                /* node index, -1 before the first sync */
	int start_cause;          /* the top finding's cause, -1 none */
	struct cl_answer *ans;
	int nans, capans;
	struct cl_item *path;
	int npath, cappath;
	struct cl_event *log;
	int nlog, caplog;
	struct echo_summary echo;
	int64_t echo_seen_ms;     /* when leaving echoes were first seen */
	int reached;              /* node of the last conclusion logged, -1 */
	char skip_src[2][64];     /* sources of pings tunneldoc ran (kept) */
};

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

/* The source of a check (SRC_TECHNICIAN for other nodes). */
enum cl_src checklist_source(const struct tnode *n);
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
