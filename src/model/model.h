/*
 * model.h - what one side's log says, as negotiations.
 *
 * A negotiation is one IKE SA attempt with its Quick Mode / CHILD_SA
 * children (or one LANCOM connection attempt, or one ICMP echo seen by the
 * VPN firewall). It is found by the daemon's state number, by the parent
 * SA, by connection name and peer, or by a key (ICMP id/seq). For every
 * exchange step it records the first and last line that logged sending,
 * receiving, retransmitting or receiving duplicates, plus signature hits,
 * facts (proposals, traffic selectors, IDs, SPIs) and the last state.
 *
 * Memory is bounded: only evidence lines are copied (first and last per
 * cell), and when a side holds MODEL_MAX_NEGOS negotiations the oldest is
 * dropped (counted in side->dropped).
 */
#ifndef TD_MODEL_H
#define TD_MODEL_H

#include <stdint.h>

#include "parse/dialect.h"
#include "kb/kb.h"
#include "match/step.h"
#include "base/util.h"

#define MODEL_MAX_NEGOS 4096
#define MODEL_MAX_HITS 64
#define MODEL_MAX_FACTS 24
#define MODEL_MAX_NAMES 16
#define MODEL_MAX_ALIASES 8

enum side_id { LEFT = 0, RIGHT = 1 };

struct evref {
	uint64_t line;        /* 1-based line number; 0: none */
	int has_t;
	int64_t t;
	char *text;           /* the raw line, redacted (in an arena) */
	uint32_t cap;         /* bytes the text buffer holds */
	uint32_t msgoff;      /* where the message starts in text */
	uint32_t timelen;     /* bytes of timestamp at the start */
};

struct cell {
	struct evref first;
	unsigned count;
};

struct stepcells {
	struct cell sent, recv, retrans, dup;
	struct evref retrans_last;    /* the give-up line is the evidence */
};

struct sighit {
	int sig;
	struct evref ev;      /* first */
	struct evref last;
	unsigned count;
};

struct fact {
	char *name;
	char *value;
	struct evref ev;
};

enum nego_kind { NK_IKE = 0, NK_LANCOM, NK_TRAFFIC };

struct nego {
	int id;               /* per side, increasing */
	enum nego_kind kind;
	enum role role;
	int serial;
	int aliases[MODEL_MAX_ALIASES];
	int naliases;
	char conn[96];
	char peer[64];
	char key[64];
	int64_t t_start, t_last;
	int has_t;
	uint64_t first_line, last_line;
	struct stepcells *steps[STEP_COUNT];
	char last_state[40];
	struct evref est_ike, est_ipsec;
	struct sighit *hits;
	int nhits, caphits;
	struct fact *facts;
	int nfacts;
	int ike_version;
	/* the state deleted (its line), and the lines of a known daemon about
	 * this state that the kb cannot map (the side was alive, but what it
	 * saw is not understood) */
	/* message identities the lines carry (IKEv1 Quick Mode message IDs,
	 * IKE cookies/SPIs, ESP SPIs): lower-case hex, unique per attempt */
#define MODEL_MAX_IDS 8
	char ids[MODEL_MAX_IDS][20];
	int nids;
	struct evref deleted, unmapped;
	unsigned nunmapped;
	struct arena ar;      /* cells, hits, facts, evidence */
	/* steps as bit sets, filled by model_finish() for fast pairing */
	uint64_t m_sent, m_recv, m_any;
};

/* A daemon start or stop line: the log shows when the daemon ran. */
#define MODEL_MAX_LIFE 256
struct lifemark {
	uint64_t line;
	int has_t;
	int64_t t;
	int up;               /* 1 start, 0 stop */
};

struct side {
	enum side_id id;
	char *name;           /* file or host shown to the user */
	int present;          /* a log was given for this side */
	int dialect;          /* index into kb->dialects, -1 undecided */
	int dialect_forced;
	int reject_spi_zero;  /* the dialect's (kb/formats), set by side_set_dialect() */
	int retransmit_ms;    /* the dialect's first retransmission interval, 0 unknown */
	uint64_t nlines, nevents, ntrunc, nbinary, nbackwards;
	int64_t t_first, t_last;
	int has_t, has_date;
	struct nego **negos;
	int nnegos;
	size_t capnegos;
	int next_id;
	uint64_t dropped;
	struct sighit *hits;  /* hits outside any negotiation */
	int nhits, caphits;
	struct arena ar;      /* their evidence */
	struct lifemark life[MODEL_MAX_LIFE];
	int nlife;
	struct strbuf tmp;    /* redaction scratch */
	char *conns[MODEL_MAX_NAMES];
	int nconns;
	char *peers[MODEL_MAX_NAMES];
	int npeers;
};

void side_init(struct side *s, enum side_id id);
/* The side's first retransmission interval in microseconds: its dialect's
 * retransmit_ms, 10 s while the dialect is not known (kb/SCHEMA.md). */
int64_t side_retransmit_us(const struct side *s);
/* Set the side's dialect (index into kb->dialects, -1 undecided) and what
 * the model takes from it (reject_spi_zero, retransmit_ms), once. */
void side_set_dialect(struct side *s, const struct kb *kb, int dialect);
void side_clear(struct side *s);

/* Apply one parsed line (raw is the whole line, kept only as evidence). */
void model_apply(const struct kb *kb, struct side *s, const struct parsed *p,
    uint64_t lineno, const char *raw, size_t rawlen);

/* After all lines: infer unknown roles from the steps logged. */
void model_finish(struct side *s);

struct stepcells *nego_step(const struct nego *n, enum step st);
const struct sighit *nego_hit(const struct nego *n, int sig);
const char *nego_fact(const struct nego *n, const char *name);
/* 1 if the negotiation logged receipt of st, directly or implied by having
 * sent a later step of the same exchange. */
int nego_received(const struct nego *n, enum step st);
/* The most relevant evidence line of the negotiation (for messages). */
const struct evref *nego_first_ev(const struct nego *n);


#endif
