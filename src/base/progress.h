/*
 * progress.h - progress of long batch operations on stderr, when stderr
 * is a terminal (never in pipes or logs): reading a large log or
 * snapshot, fetching a snapshot or streaming for a fixed time. One line,
 * rewritten at most five times a second, erased when done.
 */
#ifndef TD_PROGRESS_H
#define TD_PROGRESS_H

#include <stdint.h>

#include "base/i18n.h"

struct progress {
	int on;                  /* stderr is a terminal */
	enum lang lang;
	int64_t last_ms;
	int shown;
};

void progress_init(struct progress *p, enum lang lang);
/* "reading left.log: 45 % (12.3 of 27.0 MB)"; total 0: unknown size. */
void progress_bytes(struct progress *p, const char *what, uint64_t done, uint64_t total);
/* Free text (already in the language), e.g. the lines fetched so far. */
void progress_text(struct progress *p, const char *text);
void progress_done(struct progress *p);

#endif
