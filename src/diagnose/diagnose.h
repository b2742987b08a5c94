/*
 * diagnose.h - findings from the aligned negotiations.
 *
 * Rules (kb/rules) are evaluated on every group with the initiator's and
 * the responder's negotiation; a rule that fires explains the signatures
 * it consumes. Every other error or warning signature is a candidate too.
 * Per negotiation there is one finding per cause: the best candidate of a
 * cause (highest score, a rule before a signature) keeps its texts and the
 * others' lines become its evidence. Across negotiations a cause is one
 * finding, counted, showing its newest negotiation.
 *
 * Ranking: the latest failure of the tunnel first (and the other findings
 * of that negotiation by score); "established" first only when it was
 * logged after every failure; the rest by score, severity and recency.
 * Recency is the time of the newest evidence line (the right side's clock
 * corrected by the estimated offset), or the line number when a log
 * has no usable timestamps. When nothing is found, the finding is "unknown".
 */
#ifndef TD_DIAGNOSE_H
#define TD_DIAGNOSE_H

#include "diagnose/diagnose_eval.h"
#include "diagnose/progress.h"


struct finding {
	int cause;                /* kb->causes index */
	const struct rule *rule;  /* either rule or sig */
	const struct signature *sig;
	enum severity severity;
	int score;
	char *const *chapters;
	int nchapters;
	const struct text *title;
	const struct text *explanation;
	const struct remedy *remedies;
	int nremedies;
	const struct text *causes;
	int ncauses;
	char *const *alternatives;
	int nalternatives;
	struct evidence *ev;
	int nev;
	unsigned count;           /* negotiations (or lines) it was found in */
	int group;                /* newest group it was found in, -1 side-level */
	uint64_t recency;         /* when its newest evidence was logged */
	uint64_t since;           /* when its oldest evidence was logged */
	int rank;                 /* 0: the tunnel's current state, 1: others */
	/* retire.c: later evidence contradicts it (the tunnel came up then) */
	int resolved;
	struct evidence resolved_by;
};

struct diagnosis {
	struct finding *f;
	int n;
	struct nego_progress progress;  /* the newest negotiation in progress (in_progress.c) */
};

void diagnose_run(const struct kb *kb, const struct side sides[2], const struct alignment *al,
    struct diagnosis *out);
void diagnosis_clear(struct diagnosis *d);
/* retire.c, after diagnose_run(): failures the tunnel coming up later
 * contradicts are marked resolved (with that line) and listed last. */
void diagnose_retire(const struct kb *kb, const struct side sides[2], const struct alignment *al,
    struct diagnosis *d);
/*
 * retire.c, for logs that grow while they are watched (a live session, a
 * replay): a finding that was current in an earlier run and is no longer
 * found (its lost message arrived on a retry) is kept, resolved by the
 * first later line of its negotiation that shows the peer's answer. It is
 * kept only when no current failure of that negotiation replaces it and
 * the negotiation is not in progress. diagnose_carry() appends these after
 * diagnose_progress(); the memory lives as long as the analysis.
 */
struct diag_memory;
struct diag_memory *diag_memory_new(void);
void diag_memory_free(struct diag_memory *m);
void diagnose_carry(struct diag_memory *m, const struct kb *kb, const struct side sides[2],
    const struct alignment *al, struct diagnosis *d);
/* "resolved at 10:02:03 by right line 40: <line>" (empty when current). */
void finding_resolved_text(const struct finding *f, enum lang lang, char *buf, size_t sz);
/* in_progress.c, after diagnose_run(): is the newest negotiation still in
 * progress at `now` (left clock, PROGRESS_END_OF_LOGS: the logs' end)?
 * Then its rule findings are withheld (d->progress says what is known). */
void diagnose_progress(const struct kb *kb, const struct side sides[2], const struct alignment *al,
    int64_t now, struct diagnosis *d);

/* diagnose_refine.c, run by diagnose_run() before the ranking */
void fold_across_sides(const struct kb *kb, const struct alignment *al, struct diagnosis *d);
void pfs_refine(const struct kb *kb, const struct alignment *al, struct diagnosis *d);
void fold_generic(struct diagnosis *d);
void fold_initiator_symptoms(struct diagnosis *d);

/*
 * Used while the findings are collected: is group gi, one side's negotiation
 * only, the other side's view of the failure in finding f (its group holds
 * only the other side's negotiation, and their lines are near in time)? A
 * responder that refused the first message may log no line the alignment
 * pairs with the initiator's, yet both name one failure.
 */
int unpaired_twin(const struct alignment *al, const struct finding *f, int gi,
    const struct evidence *ev, int nev);
/* Add the lines of ev that f lacks, in reading order. */
void finding_add_ev(struct finding *f, const struct evidence *ev, int nev);

/*
 * Does a finding name a value (address, network, algorithm) that none of
 * its evidence lines shows? Returns the first such finding's index with
 * the value in *value (to free), or -1 when every value is in evidence.
 */
int diagnosis_check_values(const struct kb *kb, const struct diagnosis *d, char **value);

#endif
