/*
 * align.h - line the two logs up.
 *
 * Negotiations of the left and right side are paired: by key (ICMP id/seq)
 * first, then by how well their steps fit (one side sent what the other
 * received) and by time once the clock offset is estimated from the start
 * times (a vote over all candidate pairs, so minutes of skew do not
 * matter). Roles come from the logs, never from left/right. Each pair (or
 * lone negotiation) becomes a group with one row per exchange step.
 *
 * The clock offset and round-trip time are estimated from matched rows in
 * both directions, as NTP does: forward samples f = recv_right - sent_left
 * = offset + delay, backward samples b = recv_left - sent_right = -offset +
 * delay; offset = (min f - min b) / 2, rtt = min f + min b.
 */
#ifndef TD_ALIGN_H
#define TD_ALIGN_H

#include "model/model.h"

enum row_status {
	RS_OK,          /* sent by one side, logged as received by the other */
	RS_LOST,        /* sent, never logged by the other side */
	RS_UNLOGGED,    /* received; the sender did not log sending */
	RS_NOLOG,       /* the other side has no log */
	RS_ONESIDED,    /* logged on one side, the other side says nothing */
	RS_LOCAL,       /* a local phase (LANCOM) */
	/* sent, and the receiver did not log it, but there is no proof that
	 * it was lost (LOST needs that proof, see DESIGN.md Alignment): */
	RS_NOT_LOGGED,  /* the receiver's log cannot show it (no times, not
	                   running, state deleted, log begins later) */
	RS_LOG_ENDED,   /* the receiver's log ends before it could arrive */
	RS_NOT_UNDERSTOOD, /* the receiver logged lines about it the kb cannot map */
	RS_IN_PROGRESS  /* younger than a retransmission interval */
};
#define RS_COUNT (RS_IN_PROGRESS + 1)
struct row;
const char *row_status_name(enum row_status s);
/* The status as the technician reads it (i18n table). */
enum msg row_status_msg(enum row_status s);
/* Write the row's why string (the reason for its status) into buf. */
void row_why(const struct row *r, enum lang lang, char *buf, size_t sz);

struct row {
	enum step step;
	enum role sender;                /* role that sends the step */
	const struct cell *cell[2];      /* evidence shown per side, or NULL */
	int is_sender[2];                /* side's cell is the sending */
	unsigned retrans[2], dup[2];
	enum row_status status;
	enum msg why;                    /* why the status holds (M_COUNT: none) */
	unsigned long long why_line;     /* the line the why names */
	int why_side;                    /* the side whose line that is */
};

struct diffrow {
	const char *name;
	const char *value[2];            /* per side, may be NULL */
};

struct group {
	const struct nego *n[2];         /* per side, one may be NULL */
	enum role role[2];
	struct row *rows;
	int nrows;
	struct diffrow *diff;
	int ndiff;
	int spi_check;                   /* 0 none, 1 consistent, -1 inconsistent */
	/* more states of one side that are this negotiation's retransmitted
	 * first message, each received as a state of its own (a responder
	 * that rejects MI1 and forgets it, then gets the retransmission) */
#define GROUP_MAX_EXTRA 16
	const struct nego *extra[2][GROUP_MAX_EXTRA];
	int nextra[2];
	int dead;                        /* absorbed into another group */
	/* how the two sides were paired: "identity" (a message ID, cookie or
	 * SPI both logged: identity names it), "steps+time", "steps+order",
	 * or NULL for a lone side; extra states: "retransmitted first message" */
	const char *paired_by;
	const char *identity;
	int64_t t;                       /* for ordering (left clock) */
	uint64_t line[2];
};

struct alignment {
	struct group *groups;
	int ngroups;
	int time_of_day;                 /* times compared modulo a day */
	int offset_known, offset_from_rows;
	int64_t offset_us;               /* right clock minus left clock */
	int rtt_known;
	int64_t rtt_us;
	int nfwd, nbwd;                  /* samples per direction */
};

void align_run(const struct side sides[2], struct alignment *out);
void alignment_clear(struct alignment *al);

/* diff.c: the facts of g side by side, and its SPI check. */
void build_diff(struct group *g);
/* An identity both negotiations carry (a message ID, cookie, SPI), or NULL. */
const char *shared_id(const struct nego *a, const struct nego *b);
/* a - b, modulo a day when the logs give only times of day. */
int64_t align_tdiff(const struct alignment *al, int64_t a, int64_t b);
/* pair.c: pair the left side's negotiations with the right side's:
 * pl[i] is the right index paired with left i, pr[j] the left one with
 * right j, -1 for none; sets the offset when the vote found one. */
void align_pair_negos(struct alignment *al, const struct side *L, const struct side *R, int *pl, int *pr);
/* A negotiation's start in the alignment's time base. */
int64_t align_ntime(const struct alignment *al, const struct nego *n);
/* retrans.c: fold lone states that received a retransmitted first message
 * into the negotiation that sent it. */
void align_absorb(struct alignment *al);
/* either.c: steps either peer may send (INFORMATIONAL, CREATE_CHILD_SA,
 * IKEv1 informational and DPD); both sides sent st; the row of the
 * message side snd sent, with the other side's receipt. */
int align_either_step(enum step st);
int align_both_sent(const struct group *g, enum step st);
void align_dir_row(const struct side sides[2], const struct group *g, enum step st, int snd, struct row *r);
/* retrans.c: rows for what the extra states sent of main's step. */
void align_extra_rows(const struct side sides[2], const struct group *g, const struct row *main,
    struct row **rows, size_t *n, size_t *cap);
/* proof.c: decide every row build_rows() left as an unproven RS_LOST
 * candidate (LOST only with proof). */
void align_prove(const struct side sides[2], struct alignment *al);

/*
 * sbs.c: the (left line, right line) pairs that share a side-by-side row:
 * the same step of the same negotiation. Sorted, increasing on both sides;
 * *out is allocated (free it). Returns the number of pairs.
 */
size_t align_anchors(const struct alignment *al, uint64_t (**out)[2]);

/* A side's time of an evidence line in the alignment's time base. */
int64_t align_time(const struct alignment *al, const struct evref *e);

#endif
