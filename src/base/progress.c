/*
 * progress.c - see progress.h.
 */
#include "base/progress.h"
#include "base/clock.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

void progress_init(struct progress *p, enum lang lang)
{
	p->on = isatty(STDERR_FILENO);
	p->lang = lang;
	p->last_ms = 0;
	p->shown = 0;
}

void progress_text(struct progress *p, const char *text)
{
	int64_t now;

	if (!p->on)
		return;
	now = mono_ms();
	if (p->shown && now - p->last_ms < 200)
		return;
	p->last_ms = now;
	p->shown = 1;
	/* \r and erase to the end of the line: one line, rewritten */
	fprintf(stderr, "\r\033[K%s", text);
	fflush(stderr);
}

void progress_bytes(struct progress *p, const char *what, uint64_t done, uint64_t total)
{
	char buf[512];
	const char *verb = p->lang == LANG_DE ? "lese" : "reading";

	if (!p->on)
		return;
	if (total > 0)
		snprintf(buf, sizeof buf, "tunneldoc: %s %s: %d %% (%.1f %s %.1f MB)", verb, what,
		    (int)(done * 100 / total), (double)done / 1e6, p->lang == LANG_DE ? "von" : "of", (double)total / 1e6);
	else
		snprintf(buf, sizeof buf, "tunneldoc: %s %s: %.1f MB", verb, what, (double)done / 1e6);
	progress_text(p, buf);
}

void progress_done(struct progress *p)
{
	if (p->on && p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->shown = 0;
}
