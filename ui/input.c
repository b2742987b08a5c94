/*
 * input.c - where the console's lines come from: files and pipes read in
 * chunks (a regular file too: it is read, never mapped, so a log that is
 * truncated or rotated while it is open only ends early, see issue 16),
 * a replay at the pace of the timestamps, and the lines of a live session.
 * Input only appends lines and sets flags (app.h); it never draws.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "parse/dialect.h"
#include "input/source.h"
#include "base/util.h"

/* The analysis tells us what each record is: annotate the stored line. */
void app_observe(void *ctx, enum side_id side, uint64_t lineno, const struct parsed *p)
{
	struct app *a = ctx;
	struct lineinfo *li = linestore_at(a->side[side].ls, (size_t)lineno - 1);

	if (li == NULL)
		return;
	/* a line already merged gets its meaning only now (the analysis held it
	 * back to detect the dialect): merge again from the start */
	if ((size_t)lineno - 1 < (side == LEFT ? a->built_l : a->built_r) && (side == LEFT ? a->built_l : a->built_r) != (size_t)-1) {
		a->res_rows = a->res_pi = a->res_pj = 0;
		a->built_l = a->built_r = (size_t)-1;
	}
	if (p->has_time) {
		li->t = p->t.us;
		li->has_t = 1;
	}
	if (p->ev != NULL) {
		li->event = 1;
		li->step = (uint8_t)p->ev->step;
		li->ack = (uint8_t)p->ev->ack;
	}
	if (p->sig >= 0) {
		li->sig = (uint16_t)(p->sig + 1);
		li->sev = (uint8_t)(a->kb->sigs[p->sig].severity + 1);
	}
	parts_note(a, side, (size_t)lineno - 1, li, p);
}

/* A physical line arrives on a side: store (a copy of) it and feed the
 * analysis. */
static void take_line(struct app *a, int s, const char *line, size_t len)
{
	struct uside *u = &a->side[s];
	int changed = 0;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	/* what the console shows is redacted like every other output; the
	 * analysis gets the line itself (it redacts what it keeps) */
	redact_line(&u->rstate, &u->rbuf, line, len, &changed);
	if (changed)
		linestore_add(u->ls, u->rbuf.s, u->rbuf.len);
	else
		linestore_add(u->ls, line, len);
	analysis_feed(a->an, (enum side_id)s, line, len);
	a->last_line_ms = mono_ms();
	a->analyse_due = 1;
	a->vis_dirty = 1;
	a->dirty = 1;
}

/* A line from a live gateway. */
void app_live_line(void *ctx, int side, const char *line, size_t len)
{
	take_line(ctx, side, line, len);
}

/* The end of a side's file: the last line without a newline, and a word
 * when a regular file shrank while it was read (truncated or rotated with
 * copytruncate: what was read stays, nothing more comes from it). */
static void load_end(struct app *a, int s)
{
	struct uside *u = &a->side[s];
	struct stat st;

	if (u->have > 0 && !u->skipping)
		take_line(a, s, u->buf, u->have);
	u->have = 0;
	if (u->size > 0 && (u->pos < u->size || (fstat(u->fd, &st) == 0 && (uint64_t)st.st_size < u->pos))) {
		snprintf(a->message, sizeof a->message, msg_n(M_U_FILE_SHRANK, u->size, a->o->lang), u->name,
		    (unsigned long long)u->pos, (unsigned long long)u->size);
		a->message_until_ms = 0;
	}
	close(u->fd);
	u->fd = -1;
	analysis_flush(a->an, (enum side_id)s);
	a->analyse_due = 1;
	a->dirty = 1;
}

/* Load: read one chunk of a side's file, line by line. */
void input_load(struct app *a, int s)
{
	struct uside *u = &a->side[s];
	ssize_t n;
	size_t start = 0;

	if (u->fd < 0)
		return;
	n = read(u->fd, u->buf + u->have, LOAD_CHUNK);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		load_end(a, s);
		return;
	}
	u->pos += (uint64_t)n;
	u->have += (size_t)n;
	for (;;) {
		char *nl = memchr(u->buf + start, '\n', u->have - start);

		if (nl == NULL)
			break;
		if (!u->skipping)
			take_line(a, s, u->buf + start, (size_t)(nl - (u->buf + start)));
		u->skipping = 0;
		start = (size_t)(nl - u->buf) + 1;
	}
	memmove(u->buf, u->buf + start, u->have - start);
	u->have -= start;
	if (u->have > TD_MAXLINE) {
		if (!u->skipping)
			take_line(a, s, u->buf, u->have);
		u->skipping = 1;
		u->have = 0;
	}
}

/* Replay: read the whole file, and give every line its log time. */
static int replay_open(struct app *a, int s, const char *path)
{
	struct uside *u = &a->side[s];
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	const char *heads[64];
	size_t lens[64];
	int nh = 0;
	int64_t last = 0;
	int have_last = 0;

	if (f == NULL)
		return -1;
	u->src = linestore_new();
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			n--;
		linestore_add(u->src, line, (size_t)n);
	}
	free(line);
	fclose(f);
	for (size_t i = 0; i < linestore_count(u->src) && nh < 64; i++) {
		heads[nh] = linestore_get(u->src, i)->text;
		lens[nh++] = linestore_get(u->src, i)->len;
	}
	u->dialect = a->o->dialect[s] >= 0 ? a->o->dialect[s] : dialect_detect(a->kb, heads, lens, nh);
	for (size_t i = 0; i < linestore_count(u->src); i++) {
		struct lineinfo *li = linestore_at(u->src, i);
		struct logtime t;

		if (u->dialect >= 0 && dialect_time(&a->kb->dialects[u->dialect], li->text, li->len, &t) > 0) {
			li->t = t.us;
			li->has_t = 1;
			if (!have_last)
				u->t0 = t.us;
			last = t.us;
			have_last = 1;
		} else {
			li->t = last; /* untimed lines follow the line before */
		}
	}
	return 0;
}

void replay_pump(struct app *a)
{
	int64_t now = mono_ms();
	int64_t at = a->replay_base_us + (int64_t)((double)(now - a->replay_start_ms) * 1000.0 * a->speed);
	int pending = 0;

	if (a->paused)
		return;
	for (int s = 0; s < 2; s++) {
		struct uside *u = &a->side[s];

		while (u->src != NULL && u->next < linestore_count(u->src)) {
			const struct lineinfo *li = linestore_get(u->src, u->next);

			if (li->t - u->t0 > at)
				break;
			take_line(a, s, li->text, li->len);
			u->next++;
		}
		if (u->src != NULL && u->next < linestore_count(u->src))
			pending = 1;
		else if (u->src != NULL && u->next == linestore_count(u->src)) {
			analysis_flush(a->an, (enum side_id)s);
			u->next++;
		}
	}
	if (!pending && !a->replay_done) {
		a->replay_done = 1;
		app_set_message(a, M_U_REPLAY_DONE, NULL);
	}
}

/* Milliseconds until the next replay line is due (-1: none). */
int replay_wait(struct app *a)
{
	int64_t best = -1, at;

	if (a->paused || a->replay_done)
		return -1;
	at = a->replay_base_us + (int64_t)((double)(mono_ms() - a->replay_start_ms) * 1000.0 * a->speed);
	for (int s = 0; s < 2; s++) {
		struct uside *u = &a->side[s];

		if (u->src != NULL && u->next < linestore_count(u->src)) {
			int64_t due = linestore_get(u->src, u->next)->t - u->t0 - at;

			if (best < 0 || due < best)
				best = due < 0 ? 0 : due;
		}
	}
	if (best < 0)
		return -1;
	best = (int64_t)((double)best / 1000.0 / a->speed);
	return best > 1000 ? 1000 : (int)best;
}

void replay_retime(struct app *a)
{
	int64_t now = mono_ms();

	a->replay_base_us += (int64_t)((double)(now - a->replay_start_ms) * 1000.0 * a->speed);
	a->replay_start_ms = now;
}

int input_open(struct app *a)
{
	for (int s = 0; s < 2; s++) {
		struct uside *u = &a->side[s];
		const char *p = a->o->path[s];
		char *picked = NULL;

		u->fd = -1;
		u->ls = linestore_new();
		u->path = p;
		if (p == NULL)
			continue;
		{
			const char *slash = strrchr(p, '/');

			u->name = xstrdup(slash && slash[1] ? slash + 1 : p);
		}
		analysis_open_side(a->an, (enum side_id)s, p, a->o->dialect[s]);
		if (access(p, R_OK) == 0 && (picked = source_pick_in_dir(p, (enum side_id)s)) != NULL)
			p = picked;
		if (a->o->replay) {
			if (replay_open(a, s, p) != 0) {
				fprintf(stderr, "tunneldoc: %s: %s (%s)\n", p, msg(M_CANNOT_READ, a->o->lang), strerror(errno));
				free(picked);
				return -1;
			}
			/* the replay read the whole file: tell the analysis its dialect */
			if (u->dialect >= 0)
				analysis_open_side(a->an, (enum side_id)s, u->path, u->dialect);
		} else {
			struct stat st;

			u->fd = open(p, O_RDONLY);
			if (u->fd < 0) {
				fprintf(stderr, "tunneldoc: %s: %s (%s)\n", p, msg(M_CANNOT_READ, a->o->lang), strerror(errno));
				free(picked);
				return -1;
			}
			/* a regular file is read as any other input (a mapping of a
			 * file that shrinks kills the process with SIGBUS); its
			 * size at opening gives the loading progress */
			if (fstat(u->fd, &st) == 0 && S_ISREG(st.st_mode))
				u->size = (uint64_t)st.st_size;
			u->buf = xmalloc(LOAD_CHUNK + TD_MAXLINE + 1);
		}
		free(picked);
	}
	return 0;
}
