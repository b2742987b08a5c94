/*
 * diagnose.h - findings from the aligned negotiations.
 *
 * Rules (kb/rules) are evaluated on every group with the initiator's and
 * the responder's negotiation; a rule that fires explains the signatures
 * it consumes. Every other error or warning signature becomes a finding of
 * its own. Findings of the same rule or signature are merged (counted, the
 * newest evidence kept) and ranked by score, then by how recent they are.
 * When nothing is found, the finding is "unknown".
 */
#ifndef TD_DIAGNOSE_H
#define TD_DIAGNOSE_H

#include "align/align.h"
#include "kb/kb.h"

struct evidence {
	int side;                 /* LEFT or RIGHT */
	uint64_t line;            /* 0: no line (note only) */
	const char *text;         /* borrowed from the model */
	enum msg note;            /* M_COUNT: none */
};

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
	uint64_t recency;         /* for ranking */
};

struct diagnosis {
	struct finding *f;
	int n;
};

void diagnose_run(const struct kb *kb, const struct side sides[2], const struct alignment *al,
    struct diagnosis *out);
void diagnosis_clear(struct diagnosis *d);

#endif
