/*
 * pair.h - feed both sides' logs at once, each on its own thread. The two
 * sides of an analysis share nothing mutable until alignment (the kb is
 * read only, each side has its own model, input state and match scratch),
 * so reading and parsing them in parallel gives the same analysis as one
 * after the other, in about half the wall time on two cores.
 */
#ifndef TD_PAIR_H
#define TD_PAIR_H

#include "input/source.h"

/*
 * source_feed for path[LEFT] and path[RIGHT] (a NULL path: that side is
 * not fed), in parallel when both are given, with progress on stderr when
 * show_progress. Returns 0, or -1 with *cause (allocated) for the first
 * side, left before right, that failed.
 */
int source_feed_pair(struct analysis *a, const char *const path[2], int show_progress, enum lang lang,
    char **cause);

#endif
