/*
 * view_sbs.c - side by side: the left gateway's log | the right gateway's.
 *
 *   09:54:06.14 "A" #55: initiating Main Mode  | 09:54:07.90 "B"[1] ... responding to ...
 *   09:54:08.35 "A" #55: STATE_MAIN_I2: sent.. | 09:54:07.90 "B"[1] ... STATE_MAIN_R1: ...
 *                                              | 09:55:18.23 ... max number of retrans...
 *
 * Locked (default): one cursor over merged rows, lines of the same
 * exchange step on the same row, gaps where a side logged nothing; follow
 * mode keeps the newest row in view. Unlocked (Left/Right): each side
 * scrolls alone. Filters (errors, connection, regular expression), search
 * and marks work on the merged rows.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "heads.h"
#include "base/util.h"

/* The panes of this screen: left | gutter | right, or one log alone. */
static void panes(const struct app *a, struct rect *l, struct rect *g, struct rect *r)
{
	int single = a->side[1].path == NULL ? 1 : a->side[0].path == NULL ? 2 : 0;

	layout_sbs(&a->lay.body, LAYOUT_GUTTER, single, l, g, r);
}

static const struct lineinfo *row_line(struct app *a, int side, size_t visrow)
{
	const struct mrow *m = vis_row(a, visrow);
	int32_t idx = side == 0 ? m->l : m->r;

	return idx < 0 ? NULL : linestore_get(a->side[side].ls, (size_t)idx);
}

static int32_t row_idx(struct app *a, int side, size_t visrow)
{
	const struct mrow *m = vis_row(a, visrow);

	return side == 0 ? m->l : m->r;
}

/* Where the search matches li: 1 and [*so, *eo) when it does. */
static int match_at(struct app *a, const struct lineinfo *li, size_t *so, size_t *eo)
{
	char buf[4096];
	regmatch_t m[1];

	if (!a->have_search || li == NULL)
		return 0;
	strlcpy_n(buf, sizeof buf, li->text, li->len);
	if (regexec(&a->search_re, buf, 1, m, 0) != 0)
		return 0;
	*so = (size_t)m[0].rm_so;
	*eo = (size_t)(m[0].rm_eo > m[0].rm_so ? m[0].rm_eo : m[0].rm_so + 1);
	return 1;
}

static int matches(struct app *a, const struct lineinfo *li)
{
	size_t so, eo;

	return match_at(a, li, &so, &eo);
}

/* Where the shown text of line idx starts (compact: the message). */
static size_t shown_from(struct app *a, int s, int32_t idx)
{
	const struct lpart *lp = parts_get(a, s, (size_t)idx);

	return !a->full_lines && lp != NULL ? lp->moff : 0;
}

/*
 * One side's line: compact, a short time and the message (the prefix is
 * in the header row); full, the line as logged. Both scroll sideways by
 * a->hscroll columns; a search match is highlighted.
 */
static void draw_line(struct app *a, const struct rect *r, int y, int s, int32_t idx, int selected)
{
	const struct lineinfo *li = idx < 0 ? NULL : linestore_get(a->side[s].ls, (size_t)idx);
	int attr, x = r->x, w = r->w;
	size_t from, skip, so = 0, eo = 0;
	char tm[16];

	if (li == NULL) {
		draw_fill(y, r->x, r->w, selected ? A_REVERSE : A_NORMAL);
		return;
	}
	attr = line_attr(a, li) | (selected ? A_REVERSE : 0);
	from = shown_from(a, s, idx);
	if (from > 0 && w > 24 && parts_short_time(a, s, (size_t)idx, tm, sizeof tm) > 0) {
		draw_text(a, y, x, 12, tm, strlen(tm), color_attr(a, C_DIM) | (selected ? A_REVERSE : 0));
		x += 12;
		w -= 12;
	}
	skip = from + text_skip(a, li->text + from, li->len - from, a->hscroll);
	if (match_at(a, li, &so, &eo)) {
		so = so > skip ? so - skip : 0;
		eo = eo > skip ? eo - skip : 0;
	}
	draw_text_hl(a, y, x, w, li->text + skip, li->len - skip, attr, so, eo,
	    color_attr(a, C_MATCH) | (selected ? A_BOLD : 0));
}

/* The short name of a step for the gutter (at most 6 columns). */
static const char *gutter_name(int step)
{
	static const struct { int step; const char *name; } shortv[] = {
		{ S_DPD_ACK, "DPDACK" }, { S_SA_INIT_I, "INIT-I" }, { S_SA_INIT_R, "INIT-R" },
		{ S_AUTH_I, "AUTH-I" }, { S_AUTH_R, "AUTH-R" }, { S_CHILD_I, "CHLD-I" }, { S_CHILD_R, "CHLD-R" },
		{ S_INFO2_I, "INF2-I" }, { S_INFO2_R, "INF2-R" }, { S_L_CONNECT, "CONN" }, { S_L_P1_START, "P1" },
		{ S_L_P1_PROPOSAL, "P1PROP" }, { S_L_P1_DONE, "P1 OK" }, { S_L_P2_DONE, "P2 OK" },
		{ S_L_CONNECTED, "UP" }, { S_L_POLL, "POLL" }, { S_L_TIMEOUT, "TMOUT" }, { S_L_DISCONNECT, "DISC" },
	};

	for (size_t k = 0; k < sizeof shortv / sizeof shortv[0]; k++)
		if (shortv[k].step == step)
			return shortv[k].name;
	return step_name((enum step)step);
}

/* The gutter of a row: its exchange step and what the ladder says of it
 * (✓ arrived, ✗ lost with proof, · not logged / log ended / one side
 * only, ? not understood, … in progress). */
static void draw_gutter(struct app *a, const struct rect *g, int y, size_t row, int selected)
{
	const char *bar = a->utf8 ? "│" : "|";
	char buf[32] = "";
	int attr = selected ? A_REVERSE : A_NORMAL;

	if (g->w < 2)
		return;
	for (int s = 0; s < 2 && row != (size_t)-1; s++) {
		int32_t idx = row_idx(a, s, row);
		const struct lineinfo *li = idx < 0 ? NULL : linestore_get(a->side[s].ls, (size_t)idx);
		const struct lpart *lp = idx < 0 ? NULL : parts_get(a, s, (size_t)idx);
		/* indexed by row status + 1: ok, lost, unlogged, no log, one-sided,
		 * local, not logged, log ended, not understood, in progress */
		static const char *const uni[] = { "", "✓", "✗", "·", "·", "·", "", "·", "·", "?", "…" };
		static const char *const asc[] = { "", "+", "X", ".", ".", ".", "", ".", ".", "?", ".." };
		int st = lp != NULL && lp->stat <= RS_IN_PROGRESS + 1 ? lp->stat : 0;

		if (li == NULL || li->step == 0)
			continue;
		snprintf(buf, sizeof buf, "%-6s %s", gutter_name(li->step), (a->utf8 ? uni : asc)[st]);
		if (st == RS_LOST + 1)
			attr |= color_attr(a, C_LOST);
		break;
	}
	mvaddstr(y, g->x, bar);
	draw_text(a, y, g->x + 1, g->w - 2, buf, strlen(buf), attr);
	mvaddstr(y, g->x + g->w - 1, bar);
}

/* A negotiation's header row: each side's connection, state and peer. */
static void draw_head(struct app *a, const struct rect *L, const struct rect *G, const struct rect *R, int y, size_t row)
{
	int attr = A_BOLD | color_attr(a, C_DIM);

	for (int s = 0; s < 2; s++) {
		const struct rect *r = s ? R : L;
		int32_t idx = row_idx(a, s, row);
		char lab[160];
		size_t n = idx < 0 ? 0 : head_label(a, s, (size_t)idx, lab, sizeof lab);

		if (r->w > 0)
			draw_text(a, y, r->x, r->w, lab, n, attr);
	}
	draw_gutter(a, G, y, (size_t)-1, 0);
}

/* The screen from row top: a header row before a row where a side's
 * connection prefix changes (compact only); *cur_shown when the cursor's
 * row is on it. Returns the entries (rows, heads) filled into d. */
static int plan(struct app *a, size_t top, int h, size_t *d, int *head, int *cur_shown)
{
	const char *lp[2] = { NULL, NULL };
	size_t ln[2] = { 0, 0 };
	char last[2][160] = { "", "" };
	int n = 0, per_line[2] = { head_per_line(a, 0), head_per_line(a, 1) };

	*cur_shown = 0;
	for (size_t row = top; row < a->nvis && n < h; row++) {
		int changed = 0;

		for (int s = 0; s < 2 && !a->full_lines; s++) {
			int32_t idx = row_idx(a, s, row);
			const char *p = NULL;
			char lab[160];
			size_t k = idx < 0 || per_line[s] ? 0 : parts_prefix(a, s, (size_t)idx, &p);

			/* the header only where the prefix as logged changes (<1>
			 * and <lab|1> are one negotiation: the same header) */
			if (idx < 0 || (!per_line[s] && (k == 0 || (k == ln[s] && memcmp(p, lp[s], k) == 0))))
				continue;
			lp[s] = p;
			ln[s] = k;
			k = head_label(a, s, (size_t)idx, lab, sizeof lab);
			if (k > 0 && strcmp(lab, last[s]) != 0) {
				changed = 1;
				memcpy(last[s], lab, k + 1);
			}
		}
		if (changed) {
			d[n] = row;
			head[n++] = 1;
			if (n >= h)
				break;
		}
		d[n] = row;
		head[n++] = 0;
		if (row == a->cur)
			*cur_shown = 1;
	}
	return n;
}

static void draw_detail(struct app *a)
{
	const struct rect *d = &a->lay.detail;
	int y = d->y;

	if (!a->detail || d->h == 0 || a->nvis == 0)
		return;
	draw_text(a, y++, 0, d->w, "", 0, color_attr(a, C_BAR));
	for (int s = 0; s < 2 && y < d->y + d->h; s++) {
		const struct lineinfo *li = row_line(a, s, a->cur);
		struct rect rr = { y, 0, d->y + d->h - y, d->w };
		char *t;

		if (li == NULL)
			continue;
		t = xasprintf("%s: %.*s", s ? msg(M_SIDE_RIGHT, a->o->lang) : msg(M_SIDE_LEFT, a->o->lang), (int)li->len, li->text);
		y += draw_wrapped(a, &rr, y, t, line_attr(a, li));
		free(t);
	}
}

/* Unlocked: each side scrolls alone (no gutter steps, no header rows). */
static void draw_unlocked(struct app *a, const struct rect *L, const struct rect *G, const struct rect *R)
{
	int h = L->h;

	for (int s = 0; s < 2; s++) {
		const struct rect *r = s ? R : L;
		struct uside *u = &a->side[s];
		size_t n = linestore_count(u->ls);

		if (u->top + (size_t)h > n)
			u->top = n > (size_t)h ? n - (size_t)h : 0;
		for (int k = 0; k < h && r->w > 0; k++)
			draw_line(a, r, r->y + k, s, u->top + (size_t)k < n ? (int32_t)(u->top + (size_t)k) : -1, a->focus == s && k == 0);
	}
	for (int k = 0; k < h; k++)
		draw_gutter(a, G, G->y + k, (size_t)-1, 0);
}

static void draw_sbs(struct app *a)
{
	struct rect L, G, R;
	int h = a->lay.body.h, n, shown = 0;
	size_t d[512];
	int head[512];

	panes(a, &L, &G, &R);
	if (h > 512)
		h = 512;
	if (!a->locked) {
		draw_unlocked(a, &L, &G, &R);
		draw_detail(a);
		return;
	}
	/* the cursor in view, and the screen filled down to the last row */
	if (a->cur < a->top)
		a->top = a->cur;
	if (a->cur >= a->top + (size_t)h)
		a->top = a->cur - (size_t)h + 1;
	if (a->top + (size_t)h > a->nvis)
		a->top = a->nvis > (size_t)h ? a->nvis - (size_t)h : 0;
	for (int guard = 0; guard <= h; guard++) {
		n = plan(a, a->top, h, d, head, &shown);
		if (shown || a->nvis == 0 || a->top >= a->cur)
			break;
		a->top++;
	}
	for (int k = 0; k < h; k++) {
		int y = a->lay.body.y + k;

		if (k >= n) {
			draw_fill(y, 0, a->cols, A_NORMAL);
			draw_gutter(a, &G, y, (size_t)-1, 0);
		} else if (head[k]) {
			draw_head(a, &L, &G, &R, y, d[k]);
		} else {
			int sel = d[k] == a->cur;

			if (y < 512)
				a->rowmap[y] = (long)d[k];
			if (L.w > 0)
				draw_line(a, &L, y, 0, row_idx(a, 0, d[k]), sel);
			draw_gutter(a, &G, y, d[k], sel);
			if (R.w > 0)
				draw_line(a, &R, y, 1, row_idx(a, 1, d[k]), sel);
		}
	}
	draw_detail(a);
}

static int row_matches(struct app *a, size_t row)
{
	return matches(a, row_line(a, 0, row)) || matches(a, row_line(a, 1, row));
}

/* Scroll sideways so the match on the cursor's row is in its pane. */
static void match_into_view(struct app *a)
{
	struct rect P[3];
	size_t so, eo;

	panes(a, &P[0], &P[1], &P[2]);
	a->hscroll = 0;
	for (int s = 0; s < 2; s++) {
		int32_t idx = row_idx(a, s, a->cur);
		const struct lineinfo *li = idx < 0 ? NULL : linestore_get(a->side[s].ls, (size_t)idx);
		size_t from;
		int col, w = P[s ? 2 : 0].w - (a->full_lines ? 0 : 12);

		if (!match_at(a, li, &so, &eo))
			continue;
		from = shown_from(a, s, idx);
		col = so > from ? text_width(a, li->text + from, so - from) : 0;
		if (col + text_width(a, li->text + so, eo - so) > w - 1 && w > 10)
			a->hscroll = col - w / 3;
		return;
	}
}

/* To the next (dir 1) or previous (-1) row with a match: says "match k of
 * N" and when the search went past the end and wrapped around. */
static void search_step(struct app *a, int dir)
{
	size_t n = a->nvis, total = 0, k_of = 0;
	int wrapped = 0, found = 0;

	if (!a->have_search || n == 0)
		return;
	for (size_t k = 1; k <= n; k++) {
		size_t row = (a->cur + n + (size_t)dir * k) % n;

		if (row_matches(a, row)) {
			wrapped = dir > 0 ? row <= a->cur : row >= a->cur;
			a->cur = row;
			a->follow = 0;
			found = 1;
			break;
		}
	}
	if (!found) {
		app_set_message(a, M_U_NOT_FOUND, a->search_text);
		return;
	}
	for (size_t row = 0; row < n; row++)
		if (row_matches(a, row)) {
			total++;
			if (row <= a->cur)
				k_of = total;
		}
	snprintf(a->message, sizeof a->message, msg(M_U_MATCH_OF, a->o->lang), k_of, total, a->search_text);
	if (wrapped) {
		size_t len = strlen(a->message);

		snprintf(a->message + len, sizeof a->message - len, " - %s",
		    msg(dir > 0 ? M_U_WRAPPED_TOP : M_U_WRAPPED_BOTTOM, a->o->lang));
	}
	a->message_until_ms = 0;
	match_into_view(a);
}

static void search_done(struct app *a, const char *text)
{
	if (a->have_search)
		regfree(&a->search_re);
	a->have_search = 0;
	if (*text == '\0')
		return;
	if (regcomp(&a->search_re, text, REG_EXTENDED | REG_ICASE) != 0) {
		app_set_message(a, M_U_BAD_REGEX, text);
		return;
	}
	a->have_search = 1;
	a->locked = 1;
	strlcpy_n(a->search_text, sizeof a->search_text, text, strlen(text));
	search_step(a, 1);
}

void sbs_start_search(struct app *a)
{
	app_prompt(a, M_U_SEARCH_PROMPT, search_done);
}

static void filter_done(struct app *a, const char *text)
{
	if (a->have_filter)
		regfree(&a->filter_re);
	a->have_filter = 0;
	if (*text != '\0') {
		if (regcomp(&a->filter_re, text, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0)
			app_set_message(a, M_U_BAD_REGEX, text);
		else
			a->have_filter = 1;
	}
	a->vis_dirty = 1;
}

/* Cycle the connection filter through both sides' connection names. */
static void next_conn(struct app *a)
{
	const struct side *sd = analysis_sides(a->an);
	int total = sd[0].nconns + sd[1].nconns;

	a->conn_filter = a->conn_filter + 1 >= total ? -1 : a->conn_filter + 1;
	if (a->conn_filter >= 0) {
		int k = a->conn_filter;
		const char *name = k < sd[0].nconns ? sd[0].conns[k] : sd[1].conns[k - sd[0].nconns];

		strlcpy_n(a->conn_name, sizeof a->conn_name, name, strlen(name));
		app_set_message(a, M_U_CONN_FILTER, a->conn_name);
	} else {
		app_set_message(a, M_U_ALL_CONNS, NULL);
	}
	a->vis_dirty = 1;
}

static void mark(struct app *a)
{
	for (int s = 0; s < 2 && a->nvis > 0; s++) {
		const struct mrow *m = vis_row(a, a->cur);
		int32_t idx = s == 0 ? m->l : m->r;

		if (idx >= 0) {
			struct lineinfo *li = linestore_at(a->side[s].ls, (size_t)idx);

			li->mark = !li->mark;
		}
	}
}

static void next_mark(struct app *a)
{
	for (size_t k = 1; k <= a->nvis; k++) {
		size_t row = (a->cur + k) % a->nvis;
		const struct lineinfo *l = row_line(a, 0, row), *r = row_line(a, 1, row);

		if ((l && l->mark) || (r && r->mark)) {
			a->cur = row;
			a->follow = 0;
			return;
		}
	}
	app_set_message(a, M_U_NOT_FOUND, msg(M_U_MARKED, a->o->lang));
}

static void move_cursor(struct app *a, long delta)
{
	if (!a->locked) {
		struct uside *u = &a->side[a->focus];
		long top = (long)u->top + delta;
		long n = (long)linestore_count(u->ls);

		u->top = (size_t)(top < 0 ? 0 : top >= n ? (n > 0 ? n - 1 : 0) : top);
		return;
	}
	if (a->nvis == 0)
		return;
	{
		long c = (long)a->cur + delta;

		a->cur = (size_t)(c < 0 ? 0 : c >= (long)a->nvis ? (long)a->nvis - 1 : c);
	}
	a->follow = a->cur + 1 == a->nvis;
}

static int action_sbs(struct app *a, enum action act)
{
	long page = a->lay.left.h > 1 ? a->lay.left.h - 1 : 1;

	switch (act) {
	case ACT_UP: move_cursor(a, -1); return 1;
	case ACT_DOWN: move_cursor(a, 1); return 1;
	case ACT_PGUP: move_cursor(a, -page); return 1;
	case ACT_PGDN: move_cursor(a, page); return 1;
	case ACT_HOME: move_cursor(a, -(long)(a->nvis + linestore_count(a->side[a->focus].ls))); return 1;
	case ACT_END:
		move_cursor(a, (long)(a->nvis + linestore_count(a->side[a->focus].ls)));
		return 1;
	case ACT_PANE_LEFT:
	case ACT_PANE_RIGHT:
		if (a->locked) {
			/* unlock at the lines under the cursor */
			for (int s = 0; s < 2 && a->nvis > 0; s++) {
				const struct mrow *m = vis_row(a, a->cur);
				int32_t idx = s == 0 ? m->l : m->r;

				if (idx >= 0)
					a->side[s].top = (size_t)idx;
			}
		}
		a->locked = 0;
		a->focus = act == ACT_PANE_LEFT ? 0 : 1;
		return 1;
	case ACT_LOCK:
		a->locked = !a->locked;
		app_set_message(a, a->locked ? M_U_LOCKED : M_U_UNLOCKED, NULL);
		return 1;
	case ACT_FOLLOW:
		a->follow = !a->follow;
		a->locked = 1;
		if (a->follow && a->nvis > 0)
			a->cur = a->nvis - 1;
		return 1;
	case ACT_SEARCH:
		sbs_start_search(a);
		return 1;
	case ACT_SEARCH_NEXT: search_step(a, 1); return 1;
	case ACT_SEARCH_PREV: search_step(a, -1); return 1;
	case ACT_ERRORS:
		a->errors_only = !a->errors_only;
		a->vis_dirty = 1;
		app_set_message(a, a->errors_only ? M_U_ERRORS_ONLY : M_U_FILTER, a->errors_only ? NULL : "-");
		return 1;
	case ACT_CONN: next_conn(a); return 1;
	case ACT_REGEX:
		app_prompt(a, M_U_REGEX_PROMPT, filter_done);
		return 1;
	case ACT_MARK: mark(a); return 1;
	case ACT_NEXT_MARK: next_mark(a); return 1;
	case ACT_ENTER: a->detail = !a->detail; return 1;
	case ACT_SCROLL_LEFT:
	case ACT_SCROLL_RIGHT: {
		struct rect L, G, R;
		int step;

		/* half the width the messages have, as less does with the screen */
		panes(a, &L, &G, &R);
		step = ((L.w > R.w ? L.w : R.w) - (a->full_lines ? 0 : 12)) / 2;
		a->hscroll += act == ACT_SCROLL_LEFT ? -(step > 4 ? step : 4) : (step > 4 ? step : 4);
		if (a->hscroll < 0)
			a->hscroll = 0;
		return 1;
	}
	case ACT_FULL_LINES:
		a->full_lines = !a->full_lines;
		a->hscroll = 0;
		app_set_message(a, a->full_lines ? M_U_FULL_LINES : M_U_COMPACT_LINES, NULL);
		return 1;
	default:
		return 0;
	}
}

const struct view_ops view_sbs = { V_SBS, M_V_SBS, draw_sbs, action_sbs };
