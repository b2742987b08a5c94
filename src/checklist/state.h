/*
 * state.h - the checklist's state as plain types (the walk's items,
 * answers, events, what the front end knows) and the source that answers
 * a node: what checklist.c (the walk) and facts.c (what the evidence says)
 * both read, so that neither needs the other's header.
 */
#ifndef TD_CL_STATE_H
#define TD_CL_STATE_H

#include <stdint.h>

#include "align/align.h"
#include "diagnose/diagnose.h"
#include "checklist/echo.h"
#include "base/i18n.h"
#include "kb/kb.h"

enum tri { TRI_UNKNOWN = 0, TRI_YES, TRI_NO };

/* Who answered a node. */
enum cl_by { BY_NONE = 0, BY_LOGS, BY_STATUS, BY_PING, BY_TECHNICIAN, BY_CONFIG };

enum cl_ans { ANS_NONE = 0, ANS_YES, ANS_NO, ANS_DONE, ANS_FAILED, ANS_SKIPPED, ANS_OPTION };

/* What tunneldoc knows besides the logs; the front end fills it in. */
struct cl_world {
	enum tri status[3];       /* conn loaded, ISAKMP SA, IPsec SA (status commands) */
	const char *status_why;   /* the status line that told, or NULL */
	const char *skip_src[2];  /* source addresses of pings tunneldoc ran */
	int complete;             /* the logs are complete (offline): absence is evidence */
	const struct cdiff *config; /* both ends' configuration compared, or NULL (issue 18) */
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

/* The result of a command run for a node (r), kept when the walk moves:
 * what ran, its output's lines that matter and what was read from them. */
struct cl_run {
	int node;
	int64_t t_ms;
	int ok;
	char *text;               /* lines as shown, redacted, owned */
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
	struct cl_run *runs;      /* every run's result, oldest first (runs.c) */
	int nruns, capruns;
};

/* The source of a check (SRC_TECHNICIAN for other nodes). */
enum cl_src checklist_source(const struct tnode *n);

#endif
