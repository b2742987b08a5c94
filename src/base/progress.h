/*
 * progress.h - progress of long batch operations on stderr, when stderr
 * is a terminal (never in pipes or logs): reading a large log or
 * snapshot, fetching a snapshot or streaming for a fixed time. One line,
 * rewritten at most five times a second, erased when done.
 *
 * Reporters that run at the same time (the two sides read on two
 * threads) share that one line: each has a part of it, "reading a.log:
 * 45 % (…) · reading b.log: 40 % (…)", instead of taking turns.
 */
#ifndef TD_PROGRESS_H
#define TD_PROGRESS_H

#include <stdint.h>

#include "base/i18n.h"

#define PROGRESS_TEXT_MAX 240

struct progress {
	int on;                  /* stderr is a terminal */
	enum lang lang;
	int slot;                /* its part of the shared line, -1: none yet */
	char text[PROGRESS_TEXT_MAX];
};

void progress_init(struct progress *p, enum lang lang);
/* "reading left.log: 45 % (12.3 of 27.0 MB)"; total 0: unknown size. */
void progress_bytes(struct progress *p, const char *what, uint64_t done, uint64_t total);
/* Free text (already in the language), e.g. the lines fetched so far. */
void progress_text(struct progress *p, const char *text);
/* Its part leaves the line; the line is erased when no part is left. */
void progress_done(struct progress *p);

#endif
