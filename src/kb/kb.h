/*
 * kb.h - the knowledge base in memory. kb_load() reads kb/ (JSON, via
 * json-c, which stays inside src/kb/), validates every file and field, and
 * builds one matcher per dialect. Everything else in the program sees only
 * these plain structs. See kb/SCHEMA.md for the files.
 */
#ifndef TD_KB_H
#define TD_KB_H

#include "match/acm.h"
#include "base/i18n.h"
#include "kb/index.h"
#include "match/pattern.h"
#include "match/step.h"

enum severity { SEV_BENIGN = 0, SEV_INFO, SEV_WARNING, SEV_ERROR };
enum phase { PH_CONFIG, PH_PHASE1, PH_PHASE2, PH_TRAFFIC, PH_POLL, PH_INFO };
enum record_mode { REC_LINE, REC_TIMESTAMP_LINE };

const char *severity_name(enum severity s);

struct cause {
	char *id;
	struct text title;
};

struct chapter {
	char *id;
	struct text title;
	char *source;
};

struct remedy {
	struct text text;
	struct text menu;    /* may be empty */
	char *command;       /* may be NULL */
};

struct signature {
	char *id;
	struct pattern *pats;
	int npats;
	unsigned long long dialect_mask; /* 0: all dialects */
	enum role role;
	enum phase phase;
	enum severity severity;
	int cause;                    /* index into kb->causes, -1 none */
	char **chapters;
	int nchapters;
	struct text title, meaning;
	struct text *causes;
	int ncauses;
	struct remedy *remedies;
	int nremedies;
	char **examples;
	int nexamples;
	int score;
	int generic;                  /* stands back for a specific finding of its phase */
	const char *file;
};

struct dl_event {
	struct pattern pat;
	enum step step;
	enum dir dir;
	enum step ack;
	enum role role;
	int retrans, dup, isnew;
	int giveup;          /* the last retransmission's line: "after N retransmits" (N counted, not N + 1) */
	int reply;           /* proves the peer's next message arrived */
	int established;     /* 0, 1 = ike, 2 = ipsec */
	int ike;             /* 0 (the dialect's), 1 or 2: the line's IKE version */
	int life;            /* 0, 1 = daemon start, 2 = daemon stop, 3 = state deleted */
	char *src;           /* daemon versions and source file it comes from */
	char *id;            /* optional: names the event in kb/catalogue (maps) */
};

struct dl_state {
	char *name;
	enum step step;
};

struct dialect {
	char *id, *name;
	char *extends;       /* parent dialect id, NULL */
	int ike;
	/* its refusal of an IKE_SA_INIT request (INVALID_KE_PAYLOAD,
	 * NO_PROPOSAL_CHOSEN) carries responder SPI 0 (RFC 7296 2.6): the
	 * refusals of one request's retransmissions are one message */
	int reject_spi_zero;
	enum record_mode record;
	char **time;
	int ntime;
	struct pattern *strip;
	int nstrip;
	struct pattern *prefix;
	int nprefix;
	struct pattern *ignore;
	int nignore;
	char **detect;
	int ndetect;
	struct dl_state *states;
	int nstates;
	struct dl_event *events;
	int nevents;
	/* built: ids < nevents are events, then signature patterns */
	struct acm *acm;
	int *cand_sig;       /* acm id - nevents -> signature index */
	int *cand_pat;       /* acm id - nevents -> pattern index */
	int ncand;
	const char *file;
	/* the daemon's first retransmission interval (ms): a message younger
	 * than this is still in progress (default 10 s) */
	int retransmit_ms;
};

enum atom_kind {
	A_ANY, A_SIG, A_SENT, A_RECV, A_STEP, A_RETRANS, A_DUP, A_STATE,
	A_EST_IKE, A_EST_IPSEC, A_SILENT, A_NOLOG, A_LOST, A_ERROR
};

struct atom {
	enum atom_kind kind;
	enum step step;
	int sig;             /* signature index */
	char *arg;           /* state name */
};

struct cond {
	int present;         /* the rule checks this side */
	struct atom *all, *any, *none;
	int nall, nany, nnone;
};

struct rule {
	char *id;
	int cause;
	char **chapters;
	int nchapters;
	enum severity severity;
	int score;
	struct cond init, resp;
	int *consumes;       /* signature indexes */
	int nconsumes;
	struct text title, explanation;
	struct remedy *remedies;
	int nremedies;
	char **alternatives; /* cause ids */
	int nalternatives;
	const char *file;
};

enum log_mode { LOG_EXEC, LOG_SHELL };

struct device {
	char *id, *name;
	int dialect;          /* -1: detect */
	enum log_mode mode;
	char **files;
	int nfiles;
	char **commands;
	int ncommands;
	char *send, *prompt;  /* shell mode */
	char **status;
	int nstatus;
	/* literal text in the status output that shows: the connection
	 * loaded, an ISAKMP/IKE SA up, an IPsec/CHILD SA up */
	char **smatch[3];
	int nsmatch[3];
	/* lines of the status output with SA traffic counters: captures
	 * bytes_in, packets_in, bytes_out, packets_out (summed over SAs) */
	struct pattern *counters;
	int ncounters;
	char *ping;
	char *probe;
	/* "config" (issue 18): the IPsec configuration, read-only. syntax
	 * "ipsec.conf" or "swanctl.conf"; main the file the daemon reads; files
	 * (globs) every file fetched (main and what it includes); secrets (globs)
	 * where the pre-shared keys are, hashed on the gateway; note why there is
	 * none (mGuard, LANCOM: not known). */
	char *cfg_syntax, *cfg_main, *cfg_note;
	char **cfg_files, **cfg_secrets;
	int ncfg_files, ncfg_secrets;
	const char *file;
};

/* kb/tree: the guides' decision trees (see kb/SCHEMA.md). */
enum tnode_kind { TN_CHECK, TN_QUESTION, TN_STEP, TN_CONCLUSION };
/* What a check asks; the checklist answers it from evidence when it can. */
enum tfact {
	TF_ASK, TF_CONN_LOADED, TF_ISAKMP_SA, TF_IPSEC_SA, TF_CAUSE,
	TF_RESPONDER_RECEIVED, TF_PING_LOCAL_GW, TF_PING_REMOTE_GW,
	TF_ECHO_OUT, TF_ECHO_IN, TF_COUNT
};
/* What a step lets tunneldoc run (after asking). */
enum trun { TR_NONE, TR_STATUS, TR_PING_REMOTE_GW, TR_FWLOG };

#define TREE_MAX_OPTIONS 6

struct toption {
	struct text text;
	int next;
};

struct tnode {
	char *id;
	enum tnode_kind kind;
	char *chapter;
	struct text text, detail, menu;  /* detail, menu may be empty */
	char *command;                   /* may be NULL */
	enum tfact check;
	int check_cause;                 /* TF_CAUSE: kb->causes index */
	char *config_param;              /* checks: the configuration parameter (id prefix,
					  * e.g. "esp.pfs") that answers it, or NULL */
	int config_same;                 /* the answer (1 yes, 0 no) when both sides agree */
	enum trun run;
	int yes, no, next;               /* node indexes, -1 none */
	struct toption *opts;
	int nopts;
	int cause;                       /* conclusion: kb->causes index, -1 */
};

struct tree {
	char *id;
	char *source;                    /* which guide: "mguard", "lancom" */
	struct text title;
	int root;
	int *entry;                      /* per cause: node index or -1 */
	struct tnode *nodes;
	int nnodes;
	struct kb_ids node_ids;          /* node id -> index */
	const char *file;
};

const char *tnode_kind_name(enum tnode_kind k);

struct kb {
	char *dir;
	char *revision;      /* short content hash of all kb files */
	struct cause *causes;
	int ncauses;
	struct chapter *chapters;
	int nchapters;
	struct dialect *dialects;
	int ndialects;
	struct signature *sigs;
	int nsigs;
	struct rule *rules;
	int nrules;
	struct device *devices;
	int ndevices;
	struct tree *trees;
	int ntrees;
	char **files;        /* every file read, for messages */
	int nfiles;
	/* id -> index, filled while loading (the kb_* lookups below) */
	struct kb_ids cause_ids, chapter_ids, dialect_ids, sig_ids, rule_ids,
	    device_ids, tree_ids;
};

/*
 * Load the knowledge base from dir. On error return NULL and set *cause to
 * a message naming the file, the field and what is wrong (allocated), in
 * lang (messages of the i18n table, section kb); kb_load() says it in
 * English.
 */
struct kb *kb_load_lang(const char *dir, enum lang lang, char **cause);
struct kb *kb_load(const char *dir, char **cause);
void kb_free(struct kb *kb);

int kb_cause_index(const struct kb *kb, const char *id);
int kb_sig_index(const struct kb *kb, const char *id);
const struct chapter *kb_chapter(const struct kb *kb, const char *id);
const struct dialect *kb_dialect(const struct kb *kb, const char *id);
const struct device *kb_device(const struct kb *kb, const char *id);
const struct tree *kb_tree(const struct kb *kb, const char *id);
/* A node's index by id in tree t, or -1. */
int tree_node_index(const struct tree *t, const char *id);
int kb_dialect_index(const struct kb *kb, const char *id);

struct strbuf;
/* Find the kb directory: opt, $TUNNELDOC_KB, next to the binary (build
 * tree, source tree, installed share/), the installed data dir, ./kb.
 * Returns an allocated path, or NULL with the paths looked in added to
 * tried (when not NULL) for the error message. */
char *kb_find_dir(const char *opt, struct strbuf *tried);

#endif
