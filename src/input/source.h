/*
 * source.h - read a log file (or standard input) line by line into the
 * analysis, in large chunks, with bounded memory however long a line is:
 * a line over TD_MAXLINE is cut and the rest skipped.
 */
#ifndef TD_SOURCE_H
#define TD_SOURCE_H

#include "pipeline/analysis.h"
#include "base/progress.h"

/*
 * Feed the file at path ("-" for standard input) to side. Returns 0, or -1
 * with errno set when the file cannot be opened or read. A directory is
 * searched for a log file (see source_pick_in_dir).
 */
int source_feed_file(struct analysis *a, enum side_id side, const char *path);
/* The same, showing progress (see progress.h) when pg is not NULL. */
struct progress;
int source_feed_file_progress(struct analysis *a, enum side_id side, const char *path, struct progress *pg);

/* For a directory (a support snapshot or a recorded session), the path of
 * the log file to analyse, allocated; NULL if none. */
char *source_pick_in_dir(const char *dir, enum side_id side);

/* 1 when dir is a recorded session or snapshot: it holds left.log and
 * right.log (one such directory gives both sides). */
int source_is_session_dir(const char *dir);

#endif
