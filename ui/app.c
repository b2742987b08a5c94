/*
 * app.c - the console's model and event loop (see app.h).
 *
 * One poll() over the keyboard with a timeout that is the next replay
 * deadline (or a short tick while loading). Input only appends lines and
 * sets flags; the analysis is re-run at most every ANALYSE_MS; the screen
 * is redrawn once per iteration when dirty. SIGINT/SIGTERM/SIGHUP end the
 * loop, and every exit path - including a fatal error - restores the
 * terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "input/record.h"
#include "report/analysis_report.h"
#include "report/session_report.h"
#include "checklist/persist.h"
#include "parse/dialect.h"
#include "input/source.h"
#include "base/util.h"

#define ANALYSE_MS 200
#define LOAD_CHUNK (1 << 20)     /* bytes read per loop iteration */
#define PAIR_WINDOW_US (30LL * 1000000)

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

void app_mark_dirty(struct app *a)
{
	a->dirty = 1;
}

void app_set_message(struct app *a, enum msg m, const char *extra)
{
	snprintf(a->message, sizeof a->message, " %s%s%s", msg(m, a->o->lang), extra ? ": " : "", extra ? extra : "");
	a->dirty = 1;
}

void app_prompt(struct app *a, enum msg label, void (*done)(struct app *a, const char *text))
{
	a->prompting = 1;
	a->prompt_label = label;
	a->prompt_len = 0;
	a->prompt[0] = '\0';
	a->prompt_done = done;
	a->dirty = 1;
}

/* The analysis tells us what each record is: annotate the stored line. */
static void observe(void *ctx, enum side_id side, uint64_t lineno, const struct parsed *p)
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
}

/* A physical line arrives on a side: store it and feed the analysis.
 * Lines of a mapped file are referenced, others copied. */
static void take_line(struct app *a, int s, const char *line, size_t len)
{
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (a->side[s].map != NULL)
		linestore_add_ref(a->side[s].ls, line, len);
	else
		linestore_add(a->side[s].ls, line, len);
	analysis_feed(a->an, (enum side_id)s, line, len);
	a->analyse_due = 1;
	a->vis_dirty = 1;
	a->dirty = 1;
}

/* A line from a live gateway. */
static void live_line(void *ctx, int side, const char *line, size_t len)
{
	take_line(ctx, side, line, len);
}

static void password_done(struct app *a, const char *text)
{
	struct live *l = session_live(a->sess, a->ask_side);
	char *pw = xstrdup(text);

	/* wipe every copy: the prompt buffer and ours (live wipes its own) */
	memset(a->prompt, 0, sizeof a->prompt);
	a->prompt_len = 0;
	a->prompt_secret = 0;
	if (l != NULL)
		live_password(l, pw);
	free(pw);
}

/* A live side waits for the technician: ask (once) on the hint line. */
static void live_questions(struct app *a)
{
	if (a->sess == NULL || a->prompting || a->asking)
		return;
	for (int s = 0; s < 2; s++) {
		struct live *l = session_live(a->sess, s);

		if (l == NULL)
			continue;
		if (live_state(l) == LS_ASK_HOSTKEY) {
			a->asking = 1;
			a->ask_side = s;
			snprintf(a->message, sizeof a->message, " %s: %s - %s", msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, a->o->lang),
			    live_fingerprint(l), msg(M_U_HOSTKEY_ASK, a->o->lang));
			a->dirty = 1;
			return;
		}
		if (live_state(l) == LS_ASK_PASSWORD) {
			a->ask_side = s;
			app_prompt(a, M_U_PASSWORD_PROMPT, password_done);
			a->prompt_secret = 1;
			return;
		}
	}
}

/* Load from the mapping: the next LOAD_CHUNK bytes, line by line; the
 * pages are released after parsing (the file keeps them: only lines on
 * screen come back). */
static void load_mapped(struct app *a, int s)
{
	struct uside *u = &a->side[s];
	size_t end = u->mappos + LOAD_CHUNK, from = u->mappos;
	long pg = sysconf(_SC_PAGESIZE);

	if (end > u->maplen)
		end = u->maplen;
	while (u->mappos < u->maplen) {
		const char *p = u->map + u->mappos;
		const char *nl = memchr(p, '\n', u->maplen - u->mappos);
		size_t len = nl ? (size_t)(nl - p) : u->maplen - u->mappos;

		take_line(a, s, p, len > TD_MAXLINE ? TD_MAXLINE : len);
		u->mappos += len + (nl ? 1 : 0);
		if (u->mappos >= end)
			break;
	}
	{
		size_t lo = from & ~((size_t)pg - 1), hi = u->mappos & ~((size_t)pg - 1);

		if (hi > lo)
			madvise((void *)(u->map + lo), hi - lo, MADV_DONTNEED);
	}
	if (u->mappos >= u->maplen) {
		close(u->fd);
		u->fd = -1;
		analysis_flush(a->an, (enum side_id)s);
		a->analyse_due = 1;
		a->dirty = 1;
	}
}

/* Load: read one chunk of a side's file, line by line. */
static void load_chunk(struct app *a, int s)
{
	struct uside *u = &a->side[s];
	ssize_t n;
	size_t start = 0;

	if (u->fd < 0)
		return;
	if (u->map != NULL) {
		load_mapped(a, s);
		return;
	}
	n = read(u->fd, u->buf + u->have, LOAD_CHUNK);
	if (n < 0 && errno == EINTR)
		return;
	if (n <= 0) {
		if (u->have > 0 && !u->skipping)
			take_line(a, s, u->buf, u->have);
		u->have = 0;
		close(u->fd);
		u->fd = -1;
		analysis_flush(a->an, (enum side_id)s);
		a->analyse_due = 1;
		a->dirty = 1;
		return;
	}
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

static void replay_pump(struct app *a)
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
static int replay_wait(struct app *a)
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

static void replay_retime(struct app *a)
{
	int64_t now = mono_ms();

	a->replay_base_us += (int64_t)((double)(now - a->replay_start_ms) * 1000.0 * a->speed);
	a->replay_start_ms = now;
}

/* --- the side-by-side rows --- */

/* Two lines about the same message: same step, or one proves the other's. */
static int same_exchange(const struct lineinfo *l, const struct lineinfo *r)
{
	return (l->step && (l->step == r->step || l->step == r->ack)) || (l->ack && l->ack == r->step);
}

/* Interleave left[i..ie) and right[j..je) by (corrected) time. */
static void interleave(struct app *a, size_t i, size_t ie, size_t j, size_t je, int64_t off, int timed)
{
	struct linestore *L = a->side[0].ls, *R = a->side[1].ls;
	int64_t lastl = 0, lastr = 0;

	while (i < ie || j < je) {
		struct mrow *m = VEC_PUSH(a->rows_all, a->nrows_all, a->caprows_all);
		const struct lineinfo *l = i < ie ? linestore_get(L, i) : NULL;
		const struct lineinfo *r = j < je ? linestore_get(R, j) : NULL;
		int64_t tl = l ? (l->has_t ? l->t : lastl) : 0;
		int64_t tr = r ? (r->has_t ? r->t - off : lastr) : 0;

		m->l = m->r = -1;
		if (l && (!r || (timed ? tl <= tr : 1))) {
			m->l = (int32_t)i++;
			lastl = tl;
		} else {
			m->r = (int32_t)j++;
			lastr = tr;
		}
	}
}

#define ANCHOR_LOOKAHEAD 400

/*
 * The merged rows of the locked side-by-side view. First anchors: a line
 * about an exchange step and the other side's line about the same message
 * (same step, or one proves the other's receipt), searched ahead within
 * ANCHOR_LOOKAHEAD lines and PAIR_WINDOW_US of corrected time. Anchors
 * share a row; the lines between anchors are interleaved by time.
 */
void app_rebuild_rows(struct app *a)
{
	struct linestore *L = a->side[0].ls, *R = a->side[1].ls;
	size_t nl = linestore_count(L), nr = linestore_count(R), pi, pj;
	const struct alignment *al = analysis_alignment(a->an);
	int64_t off = al->offset_known ? al->offset_us : 0;
	int timed = 0;

	/* the offset estimate moves a little as lines arrive: only a real
	 * change (over a second) is worth re-merging everything */
	if (llabs(off - a->built_offset) <= 1000000)
		off = a->built_offset;
	if (nl == a->built_l && nr == a->built_r && off == a->built_offset && !a->built_partial)
		return;
	if (off != a->built_offset || a->built_l == (size_t)-1 || nl < a->built_l || nr < a->built_r)
		a->res_rows = a->res_pi = a->res_pj = 0;   /* from scratch */
	/* resume after the last anchor: rows before it cannot change */
	a->nrows_all = a->res_rows;
	pi = a->res_pi;
	pj = a->res_pj;
	for (size_t k = 0; k < nl && k < 200 && !timed; k++)
		timed = linestore_get(L, k)->has_t;
	a->built_partial = 0;
	for (size_t i = pi; i < nl; i++) {
		const struct lineinfo *l = linestore_get(L, i);
		size_t j;

		if (!l->step && !l->ack)
			continue;
		/* the right side has not caught up: anchor later */
		if (nr - pj < ANCHOR_LOOKAHEAD && a->side[1].fd >= 0) {
			a->built_partial = 1;
			break;
		}
		for (j = pj; j < nr && j < pj + ANCHOR_LOOKAHEAD; j++) {
			const struct lineinfo *r = linestore_get(R, j);

			if (timed && r->has_t && l->has_t && r->t - off > l->t + PAIR_WINDOW_US)
				break;
			if (!same_exchange(l, r) || (timed && r->has_t && l->has_t && llabs(r->t - off - l->t) > PAIR_WINDOW_US))
				continue;
			interleave(a, pi, i, pj, j, off, timed);
			*VEC_PUSH(a->rows_all, a->nrows_all, a->caprows_all) = (struct mrow){ (int32_t)i, (int32_t)j };
			pi = i + 1;
			pj = j + 1;
			break;
		}
	}
	a->res_rows = a->nrows_all;
	a->res_pi = pi;
	a->res_pj = pj;
	interleave(a, pi, nl, pj, nr, off, timed);
	a->built_l = nl;
	a->built_r = nr;
	a->built_offset = off;
	a->vis_dirty = 1;
}

static int line_passes(struct app *a, int s, int32_t idx)
{
	const struct lineinfo *li;
	char buf[4096];

	if (idx < 0)
		return 0;
	li = linestore_get(a->side[s].ls, (size_t)idx);
	if (a->errors_only && li->sev < 3)
		return 0;
	if (a->conn_filter >= 0 && memmem(li->text, li->len, a->conn_name, strlen(a->conn_name)) == NULL)
		return 0;
	if (a->have_filter) {
		strlcpy_n(buf, sizeof buf, li->text, li->len);
		if (regexec(&a->filter_re, buf, 0, NULL, 0) != 0)
			return 0;
	}
	return 1;
}

int app_line_visible(struct app *a, int side, size_t line)
{
	return line_passes(a, side, (int32_t)line);
}

static int loading(const struct app *a);

static void rebuild_vis(struct app *a)
{
	int filtering = a->errors_only || a->conn_filter >= 0 || a->have_filter;

	/* while files load, merge at most every ANALYSE_MS (the first frame
	 * still comes at once) */
	if (loading(a) && a->nrows_all > 0 && mono_ms() - a->last_rows_ms < ANALYSE_MS)
		return;
	a->last_rows_ms = mono_ms();

	app_rebuild_rows(a);
	if (!a->vis_dirty)
		return;
	a->nvis = 0;
	a->vis_all = !filtering;
	if (a->vis_all)
		a->nvis = a->nrows_all;
	for (size_t k = 0; filtering && k < a->nrows_all; k++) {
		const struct mrow *m = &a->rows_all[k];

		if (!filtering || line_passes(a, 0, m->l) || line_passes(a, 1, m->r))
			*VEC_PUSH(a->vis, a->nvis, a->capvis) = k;
	}
	if (a->follow && a->nvis > 0)
		a->cur = a->nvis - 1;
	if (a->cur >= a->nvis)
		a->cur = a->nvis ? a->nvis - 1 : 0;
	a->vis_dirty = 0;
}

void app_goto_line(struct app *a, int side, size_t line)
{
	rebuild_vis(a);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < a->nvis; k++) {
			const struct mrow *m = vis_row(a, k);

			if ((side == 0 ? m->l : m->r) == (int32_t)line) {
				a->view = V_SBS;
				a->locked = 1;
				a->follow = 0;
				a->cur = k;
				a->dirty = 1;
				return;
			}
		}
		/* not visible under the filters: drop them and look again */
		a->errors_only = 0;
		a->conn_filter = -1;
		if (a->have_filter) {
			regfree(&a->filter_re);
			a->have_filter = 0;
		}
		a->vis_dirty = 1;
		rebuild_vis(a);
	}
}

/* --- keys and prompts --- */

static const struct view_ops *const views[V_COUNT] = {
	&view_sbs, &view_ladder, &view_findings, &view_checklist, &view_help,
};

static void prompt_key(struct app *a, int ch)
{
	if (ch == 27) {
		a->prompting = 0;
	} else if (ch == '\n' || ch == KEY_ENTER || ch == '\r') {
		a->prompting = 0;
		a->prompt[a->prompt_len] = '\0';
		a->prompt_done(a, a->prompt);
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		while (a->prompt_len > 0 && ((unsigned char)a->prompt[a->prompt_len - 1] & 0xc0) == 0x80)
			a->prompt_len--;
		if (a->prompt_len > 0)
			a->prompt_len--;
	} else if (ch >= 0x20 && ch < 0x100 && a->prompt_len + 1 < sizeof a->prompt) {
		a->prompt[a->prompt_len++] = (char)ch;
	}
	a->dirty = 1;
}

static void global_action(struct app *a, enum action act)
{
	switch (act) {
	case ACT_QUIT:
		a->quit = 1;
		break;
	case ACT_VIEW_SBS: a->view = V_SBS; break;
	case ACT_VIEW_LADDER: a->view = V_LADDER; break;
	case ACT_VIEW_FINDINGS: a->view = V_FINDINGS; break;
	case ACT_VIEW_CHECKLIST: a->view = V_CHECKLIST; break;
	case ACT_VIEW_HELP: a->view = V_HELP; break;
	case ACT_NEXT_VIEW: a->view = (enum view_id)((a->view + 1) % V_COUNT); break;
	case ACT_PAUSE:
		if (a->o->replay) {
			replay_retime(a);
			a->paused = !a->paused;
		}
		break;
	case ACT_FASTER:
	case ACT_SLOWER:
		if (a->o->replay) {
			replay_retime(a);
			a->speed = act == ACT_FASTER ? a->speed * 2 : a->speed / 2;
			if (a->speed > 1024)
				a->speed = 1024;
			if (a->speed < 1.0 / 64)
				a->speed = 1.0 / 64;
		}
		break;
	case ACT_CLOSE:
		a->detail = 0;
		break;
	case ACT_SEARCH:
		a->view = V_SBS;
		sbs_start_search(a);
		break;
	default:
		return;
	}
	a->dirty = 1;
}

static void handle_key(struct app *a, int ch)
{
	enum action act;

	if (a->prompting) {
		prompt_key(a, ch);
		return;
	}
	if (ch == KEY_RESIZE) {
		a->dirty = 1;
		return;
	}
	if (a->asking) {
		/* the host key question takes y/j or n */
		if (ch == 'y' || ch == 'j' || ch == 'n' || ch == 27) {
			live_hostkey_answer(session_live(a->sess, a->ask_side), ch == 'y' || ch == 'j');
			a->asking = 0;
			a->message[0] = '\0';
			a->dirty = 1;
		}
		return;
	}
	if (a->message_until_ms == 0)
		a->message[0] = '\0';   /* a timed message stays its time */
	act = key_lookup(ch, a->view);
	if (act == ACT_NONE)
		return;
	if (views[a->view]->action != NULL && views[a->view]->action(a, act)) {
		a->dirty = 1;
		return;
	}
	global_action(a, act);
}

/* --- drawing --- */

static void draw(struct app *a)
{
	getmaxyx(stdscr, a->rows, a->cols);
	layout_compute(a->cols, a->rows, a->detail, &a->lay);
	erase();
	if (!a->lay.ok) {
		struct rect all = { 0, 0, a->rows, a->cols };

		draw_wrapped(a, &all, 0, msg(M_U_TOO_SMALL, a->o->lang), A_BOLD);
		refresh();
		return;
	}
	if (a->view == V_SBS)
		rebuild_vis(a);
	views[a->view]->draw(a);
	draw_header(a);
	draw_status(a);
	draw_hints(a);
	if (!a->prompting)
		curs_set(0);
	else
		curs_set(1);
	refresh();
}

/* The checklist again: evidence may have changed, or a wait run out. */
static void resync(struct app *a)
{
	int start = a->cl.start, moves = a->cl.nlog;

	a->world.now_ms = wall_ms();     /* the clock of the answers' times */
	/* offline and fully loaded: what the logs do not show did not happen */
	a->world.complete = a->sess == NULL && !loading(a) && (!a->o->replay || a->replay_done);
	checklist_sync(&a->cl, analysis_sides(a->an), analysis_alignment(a->an), analysis_diagnosis(a->an), &a->world);
	for (int i = moves; i < a->cl.nlog; i++)
		if (a->cl.log[i].kind == CE_MOVED && start >= 0 && a->cl.start != start) {
			a->cl_moved_ms = mono_ms();
			a->cl_follow = 1;
			app_set_message(a, M_CL_MOVED, NULL);
			a->message_until_ms = a->cl_moved_ms + CL_MOVED_GUARD_MS;
		}
	a->last_sync_ms = mono_ms();
	a->dirty = 1;
}

static void analyse(struct app *a)
{
	analysis_update(a->an);
	resync(a);
	a->last_analyse_ms = mono_ms();
	a->analyse_due = 0;
	a->vis_dirty = 1;
	a->dirty = 1;
}

void app_resync(struct app *a)
{
	resync(a);
}

static int loading(const struct app *a)
{
	return a->side[0].fd >= 0 || a->side[1].fd >= 0;
}


static void setup_colors(struct app *a)
{
	const char *nc = getenv("NO_COLOR");

	a->color = has_colors() && (nc == NULL || *nc == '\0');
	if (!a->color)
		return;
	start_color();
	use_default_colors();
	init_pair(C_ERROR, COLOR_RED, -1);
	init_pair(C_WARNING, COLOR_YELLOW, -1);
	init_pair(C_EVENT, COLOR_CYAN, -1);
	init_pair(C_BENIGN, COLOR_GREEN, -1);
	init_pair(C_BAR, COLOR_BLACK, COLOR_CYAN);
	init_pair(C_LOST, COLOR_RED, -1);
	init_pair(C_MATCH, COLOR_BLACK, COLOR_YELLOW);
	init_pair(C_MARK, COLOR_MAGENTA, -1);
	init_pair(C_DIM, COLOR_BLUE, -1);
}

static int open_inputs(struct app *a)
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
			/* a regular file is mapped (no copy of a million lines);
			 * anything else is read in chunks */
			if (fstat(u->fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
				void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, u->fd, 0);

				if (m != MAP_FAILED) {
					u->map = m;
					u->maplen = (size_t)st.st_size;
				}
			}
			if (u->map == NULL)
				u->buf = xmalloc(LOAD_CHUNK + TD_MAXLINE + 1);
		}
		free(picked);
	}
	return 0;
}

static void app_free(struct app *a)
{
	session_free(a->sess);
	for (int s = 0; s < 2; s++) {
		if (a->side[s].fd >= 0)
			close(a->side[s].fd);
		free(a->side[s].buf);
		if (a->side[s].map != NULL)
			munmap((void *)a->side[s].map, a->side[s].maplen);
		free(a->side[s].name);
		linestore_free(a->side[s].ls);
		linestore_free(a->side[s].src);
	}
	if (a->have_filter)
		regfree(&a->filter_re);
	if (a->have_search)
		regfree(&a->search_re);
	free(a->rows_all);
	free(a->vis);
	checklist_clear(&a->cl);
	sb_free(&a->ping_ev);
	analysis_free(a->an);
}

/* At the end: the session report and the checklist kept with a recording. */
static int finish(struct app *a)
{
	struct record_side conn[2];
	struct report_opts ro = { a->o->lang, 100, a->utf8, 20, TD_VERSION, NULL, NULL, NULL };
	struct sreport r = { a->an, &a->cl, &ro, a->started_ms, wall_ms() };
	int rc = 0;

	analyse(a);
	if (a->sess != NULL) {
		session_conn(a->sess, conn);
		ro.conn = conn;
	}
	if (a->o->live != NULL && a->o->live->record_dir != NULL) {
		char *p = xasprintf("%s/checklist.json", a->o->live->record_dir);

		if (checklist_save(&a->cl, p) != 0) {
			fprintf(stderr, "tunneldoc: %s: %s\n", p, strerror(errno));
			rc = 3;
		}
		free(p);
	}
	if (a->o->report != NULL) {
		if (sreport_write(a->o->report, &r) != 0) {
			fprintf(stderr, "tunneldoc: %s %s: %s; %s\n", msg(M_R_CANNOT_WRITE, a->o->lang), a->o->report, strerror(errno),
			    a->o->live != NULL && a->o->live->record_dir != NULL
				? (a->o->lang == LANG_DE ? "'tunneldoc report' der Aufzeichnung schreibt ihn erneut"
							 : "'tunneldoc report' of the recording writes it again")
				: (a->o->lang == LANG_DE ? "Verzeichnis und Schreibrechte prüfen" : "check the directory and write permission"));
			rc = 3;
		} else {
			fprintf(stderr, "tunneldoc: %s: %s\n", msg(M_R_WRITTEN, a->o->lang), a->o->report);
		}
	}
	return rc;
}

/* Benchmark: time to first frame, to loaded, and per keypress. */
static void bench_run(struct app *a, FILE *out, int64_t t_start)
{
	static const int keys[] = { KEY_NPAGE, KEY_NPAGE, KEY_PPAGE, 'G', 'g', '2', '3', '1', 'j', 'k', 'e', 'e', KEY_END };
	int64_t t_first = -1, t_loaded, worst = 0, sum = 0;
	int n = 0;
	struct rusage ru;

	while (loading(a) || t_first < 0) {
		for (int s = 0; s < 2; s++)
			load_chunk(a, s);
		if (a->analyse_due && (!loading(a) || mono_ms() - a->last_analyse_ms >= ANALYSE_MS))
			analyse(a);
		draw(a);
		if (t_first < 0)
			t_first = mono_ms() - t_start;
	}
	analyse(a);
	draw(a);
	t_loaded = mono_ms() - t_start;
	for (int round = 0; round < 20; round++)
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			int64_t t0 = mono_ms(), d;

			handle_key(a, keys[k]);
			draw(a);
			d = mono_ms() - t0;
			sum += d;
			worst = d > worst ? d : worst;
			n++;
		}
	getrusage(RUSAGE_SELF, &ru);
	fprintf(out, "console: %zu + %zu lines; first frame %lld ms; all loaded and analysed %lld ms; "
	    "keypress+redraw mean %.1f ms, worst %lld ms (%d keys); peak RSS %.1f MB\n",
	    linestore_count(a->side[0].ls), linestore_count(a->side[1].ls), (long long)t_first,
	    (long long)t_loaded, (double)sum / n, (long long)worst, n, (double)ru.ru_maxrss / 1024.0);
}

int ui_main(const struct ui_opts *o)
{
	struct app a;
	struct sigaction sa;
	const char *cs;
	int rc;
	int64_t t_start = mono_ms();
	FILE *bench_out = NULL;
	SCREEN *scr = NULL;

	memset(&a, 0, sizeof a);
	a.o = o;
	a.kb = o->kb;
	a.an = analysis_new(o->kb);
	a.speed = o->speed > 0 ? o->speed : 1;
	a.locked = 1;
	a.follow = 1;
	a.conn_filter = -1;
	a.built_l = a.built_r = (size_t)-1;
	analysis_set_observer(a.an, observe, &a);
	checklist_init(&a.cl, o->kb);
	a.cl_follow = 1;
	a.run_node = a.run_confirm_node = -1;
	a.started_ms = wall_ms();
	for (int s = 0; s < 2; s++)
		if (o->lan_ip[s] != NULL)
			snprintf(a.lan_ip[s], sizeof a.lan_ip[s], "%s", o->lan_ip[s]);
	if (o->live != NULL) {
		char *err = NULL;

		for (int s = 0; s < 2; s++) {
			a.side[s].fd = -1;
			a.side[s].ls = linestore_new();
			if (o->live->side[s].target != NULL) {
				a.side[s].path = o->live->side[s].target;
				a.side[s].name = xstrdup(o->live->side[s].target);
			}
		}
		a.sess = session_new(o->live, live_line, &a, &err);
		if (a.sess == NULL) {
			fprintf(stderr, "tunneldoc: %s\n", err);
			free(err);
			app_free(&a);
			return 2;
		}
		for (int s = 0; s < 2; s++)
			if (o->live->side[s].target != NULL)
				analysis_open_side(a.an, (enum side_id)s, o->live->side[s].target, session_dialect(a.sess, s));
	} else if (open_inputs(&a) != 0) {
		app_free(&a);
		return 1;
	}
	cs = nl_langinfo(CODESET);
	a.utf8 = !o->ascii && cs != NULL && strcmp(cs, "UTF-8") == 0;

	if (o->bench != NULL) {
		FILE *devnull = fopen("/dev/null", "w+");

		bench_out = strcmp(o->bench, "-") == 0 ? stdout : fopen(o->bench, "w");
		if (devnull == NULL || bench_out == NULL) {
			app_free(&a);
			return 1;
		}
		scr = newterm("xterm-256color", devnull, devnull);
		if (scr == NULL) {
			app_free(&a);
			return 1;
		}
		set_term(scr);
		resizeterm(50, 200);
		setup_colors(&a);
		bench_run(&a, bench_out, t_start);
		endwin();
		delscreen(scr);
		fclose(devnull);
		if (bench_out != stdout)
			fclose(bench_out);
		app_free(&a);
		return 0;
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	td_set_fatal_hook(restore_terminal);
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	setup_colors(&a);
	a.replay_start_ms = mono_ms();
	a.dirty = 1;

	while (!a.quit && !got_signal) {
		struct pollfd pfd[3] = { { STDIN_FILENO, POLLIN, 0 } };
		int timeout = 250, ch, npfd = 1;

		if (a.sess != NULL) {
			session_step(a.sess, mono_ms());
			checklist_poll_runs(&a);
			live_questions(&a);
			a.dirty = 1;   /* connection states change the status line */
		}
		if (o->replay)
			replay_pump(&a);
		for (int s = 0; s < 2; s++)
			load_chunk(&a, s);
		if (a.analyse_due && (mono_ms() - a.last_analyse_ms >= ANALYSE_MS || (!loading(&a) && !o->replay)))
			analyse(&a);
		else if (a.sess != NULL && mono_ms() - a.last_sync_ms >= 1000)
			resync(&a);   /* a live check may be waiting for time to pass */
		if (a.message_until_ms != 0 && mono_ms() >= a.message_until_ms) {
			a.message[0] = '\0';
			a.message_until_ms = 0;
			a.dirty = 1;
		}
		if (a.dirty) {
			draw(&a);
			a.dirty = 0;
		}
		if (loading(&a))
			timeout = 0;
		else if (o->replay && replay_wait(&a) >= 0)
			timeout = replay_wait(&a);
		if (a.analyse_due && (timeout < 0 || timeout > ANALYSE_MS))
			timeout = ANALYSE_MS;
		if (a.sess != NULL) {
			int lt;

			npfd += session_pollfds(a.sess, pfd + 1, mono_ms(), &lt);
			if (lt >= 0 && (timeout < 0 || lt < timeout))
				timeout = lt;
			if (timeout < 0 || timeout > 500)
				timeout = 500;   /* the status line shows retry countdowns */
		}
		if (poll(pfd, (nfds_t)npfd, timeout) < 0 && errno != EINTR)
			break;
		while ((ch = getch()) != ERR)
			handle_key(&a, ch == '\r' ? '\n' : ch);
	}
	endwin();
	td_set_fatal_hook(NULL);
	rc = finish(&a);
	app_free(&a);
	return got_signal ? 128 + got_signal : rc;
}
