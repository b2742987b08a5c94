/*
 * source.h - read a log file (or standard input) line by line into the
 * analysis, in large chunks, with bounded memory however long a line is:
 * a line over TD_MAXLINE is cut and the rest skipped. What is not a log is
 * refused with a message that says what to give instead: a device other
 * than a terminal or a FIFO (/dev/zero, a disk), a directory without a log
 * in it, and input that runs on for SOURCE_MAX_RUN bytes without a line
 * break (standard input fed from /dev/zero ends in a second, not never).
 */
#ifndef TD_SOURCE_H
#define TD_SOURCE_H

#include "pipeline/analysis.h"
#include "base/i18n.h"
#include "base/progress.h"

/* Bytes of one "line" without a line break after which reading stops. */
#define SOURCE_MAX_RUN (32u * 1024 * 1024)

/*
 * Feed the file at path ("-" for standard input) to side, showing progress
 * when pg is not NULL. A directory is searched for a log file (see
 * source_pick_in_dir). Returns 0, or -1 with *cause (allocated, in lang:
 * the path, what is wrong, what to do).
 */
int source_feed(struct analysis *a, enum side_id side, const char *path, struct progress *pg,
    enum lang lang, char **cause);
/* The same without progress; -1 without a message (tests). */
int source_feed_file(struct analysis *a, enum side_id side, const char *path);

/* For a directory (a support snapshot or a recorded session), the path of
 * the log file to analyse, allocated; NULL if none. */
char *source_pick_in_dir(const char *dir, enum side_id side);

/* 1 when dir is a recorded session or snapshot: it holds left.log and
 * right.log (one such directory gives both sides). */
int source_is_session_dir(const char *dir);

/*
 * Whether path can be read as a log before a front end commits to it (the
 * console checks this before it takes the terminal): 0, or -1 with *cause
 * as source_feed gives it.
 */
int source_check(const char *path, enum side_id side, enum lang lang, char **cause);

#endif
