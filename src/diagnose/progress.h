/*
 * progress.h - a negotiation still in progress (issue 13 item 3).
 *
 * The newest negotiation is in progress while its last message is younger
 * than the sender's retransmission interval (its dialect's retransmit_ms,
 * default 10 s) and nothing since says otherwise: no retransmission or
 * duplicate, no warning or error, no state deleted, not established. Then
 * no finding may claim that an answer is missing ("reply blocked", "lost",
 * "no finding"): diagnose_progress() takes the negotiation's structural
 * findings (rules) out and says what is known instead: "in progress: MI3
 * sent 2 s ago, waiting for MR3".
 */
#ifndef TD_DIAG_PROGRESS_H
#define TD_DIAG_PROGRESS_H

#include <stdint.h>

#include "align/align.h"

#define PROGRESS_END_OF_LOGS INT64_MIN

struct nego_progress {
	int active;
	int group, row;          /* the negotiation's group, the row of the message */
	enum step sent, wait;    /* the last step sent; the one that answers or follows it */
	int side;                /* the side that sent it */
	uint64_t line;           /* its line on that side */
	int64_t age_us;          /* how long ago it was sent */
	int64_t interval_us;     /* the sender's retransmission interval */
	int withheld;            /* findings taken out while it runs */
};

/* "in progress: MI3 sent 2 s ago, waiting for MR3" (empty when not active). */
void nego_progress_text(const struct nego_progress *p, enum lang lang, char *buf, size_t sz);

#endif
