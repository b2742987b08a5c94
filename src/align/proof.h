/*
 * proof.h - the status of ladder rows whose message the receiver did not
 * log: LOST only with proof (see proof.c).
 */
#ifndef TD_PROOF_H
#define TD_PROOF_H

#include "align/align.h"

/* Decide every row build_rows() left as an unproven RS_LOST candidate. */
void align_prove(const struct side sides[2], struct alignment *al);

#endif
