/*
 * progress.c - see progress.h.
 */
#include "base/progress.h"
#include "base/clock.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 4

/* the one line on stderr and who has a part of it */
static struct {
	pthread_mutex_t mu;
	struct progress *part[SLOTS];
	int64_t last_ms;
	int shown;
} line = { PTHREAD_MUTEX_INITIALIZER, { NULL }, 0, 0 };

void progress_init(struct progress *p, enum lang lang)
{
	p->on = isatty(STDERR_FILENO);
	p->lang = lang;
	p->slot = -1;
	p->text[0] = '\0';
}

/* Writes the parts in slot order; the caller holds the lock. */
static void draw_locked(void)
{
	int n = 0;

	fputs("\r\033[K", stderr);
	for (int i = 0; i < SLOTS; i++) {
		if (line.part[i] == NULL || line.part[i]->text[0] == '\0')
			continue;
		fprintf(stderr, "%s%s", n++ ? " \xC2\xB7 " : "tunneldoc: ", line.part[i]->text);
	}
	fflush(stderr);
	line.shown = n > 0;
}

void progress_text(struct progress *p, const char *text)
{
	int64_t now;

	if (!p->on)
		return;
	pthread_mutex_lock(&line.mu);
	if (p->slot < 0)
		for (int i = 0; i < SLOTS && p->slot < 0; i++)
			if (line.part[i] == NULL) {
				line.part[i] = p;
				p->slot = i;
			}
	snprintf(p->text, sizeof p->text, "%s", text);
	now = mono_ms();
	/* at most five times a second, for all parts together */
	if (!line.shown || now - line.last_ms >= 200) {
		line.last_ms = now;
		draw_locked();
	}
	pthread_mutex_unlock(&line.mu);
}

void progress_bytes(struct progress *p, const char *what, uint64_t done, uint64_t total)
{
	char buf[PROGRESS_TEXT_MAX];

	if (!p->on)
		return;
	if (total > 0)
		snprintf(buf, sizeof buf, msg(M_PROGRESS_READING_OF, p->lang), what, (int)(done * 100 / total),
		    (double)done / 1e6, (double)total / 1e6);
	else
		snprintf(buf, sizeof buf, msg(M_PROGRESS_READING, p->lang), what, (double)done / 1e6);
	progress_text(p, buf);
}

void progress_done(struct progress *p)
{
	if (!p->on || p->slot < 0)
		return;
	pthread_mutex_lock(&line.mu);
	line.part[p->slot] = NULL;
	p->slot = -1;
	p->text[0] = '\0';
	/* the others keep their parts; the line goes when the last one is done */
	draw_locked();
	pthread_mutex_unlock(&line.mu);
}
