/*
 * analysis.h - the one pipeline: lines of two sides in, aligned rows and
 * findings out. Front ends (batch output, the console, live sessions) feed
 * lines as they come and call analysis_run() whenever they want a fresh
 * view; nothing here knows about files, terminals or SSH.
 *
 * Per side, lines are cut into records (a LANCOM record spans several
 * lines), parsed with the side's dialect (detected from the first lines
 * unless forced) and applied to the model. Lines are never stored: only
 * evidence lines are copied into the model, so memory does not grow with
 * the length of the logs.
 */
#ifndef TD_ANALYSIS_H
#define TD_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "align/align.h"
#include "diagnose/diagnose.h"
#include "kb/kb.h"
#include "model/model.h"

/* Lines longer than this are cut (the rest is counted, not analysed). */
#define TD_MAXLINE (64 * 1024)

struct analysis;

struct analysis *analysis_new(const struct kb *kb);
void analysis_free(struct analysis *a);

/*
 * Declare a side's input. dialect: an index into kb->dialects, or -1 to
 * detect it from the first lines.
 */
void analysis_open_side(struct analysis *a, enum side_id side, const char *name, int dialect);

/* One physical line, without its line end (a trailing CR is dropped). */
void analysis_feed(struct analysis *a, enum side_id side, const char *line, size_t len);

/* The side's input is complete (or paused): flush pending records. */
void analysis_flush(struct analysis *a, enum side_id side);

/*
 * Tell fn about every record as it is parsed (the console annotates its
 * stored lines with it). lineno is the record's first physical line.
 */
typedef void (*analysis_observer)(void *ctx, enum side_id side, uint64_t lineno,
    const struct parsed *p);
void analysis_set_observer(struct analysis *a, analysis_observer fn, void *ctx);

/* Pair, align and diagnose what has been fed so far (flushes first: for
 * complete inputs). */
void analysis_run(struct analysis *a);
/* The same without flushing pending records (for streams still running). */
void analysis_update(struct analysis *a);

/* For logs watched while they grow (live, replay): a finding of an earlier
 * run that is no longer found because its negotiation got its answer
 * stays, resolved by that line (diagnose_carry). Not for a file being
 * loaded: how far it was read is no moment of the tunnel. */
void analysis_keep_vanished(struct analysis *a);

/* The log time (left clock) "now" is for a negotiation in progress: a
 * replay's clock, a live session's; PROGRESS_END_OF_LOGS (the default):
 * the end of the logs. */
void analysis_set_now(struct analysis *a, int64_t now);

const struct kb *analysis_kb(const struct analysis *a);
const struct side *analysis_sides(const struct analysis *a);
const struct alignment *analysis_alignment(const struct analysis *a);
/* What to say when there is no finding: whether negotiations were seen. */
enum msg analysis_no_finding(const struct analysis *a);
const struct diagnosis *analysis_diagnosis(const struct analysis *a);

#endif
