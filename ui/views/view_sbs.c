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
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/util.h"

static const struct lineinfo *row_line(struct app *a, int side, size_t visrow)
{
	const struct mrow *m = vis_row(a, visrow);
	int32_t idx = side == 0 ? m->l : m->r;

	return idx < 0 ? NULL : linestore_get(a->side[side].ls, (size_t)idx);
}

static int matches(struct app *a, const struct lineinfo *li)
{
	char buf[4096];

	if (!a->have_search || li == NULL)
		return 0;
	strlcpy_n(buf, sizeof buf, li->text, li->len);
	return regexec(&a->search_re, buf, 0, NULL, 0) == 0;
}

static void draw_line(struct app *a, const struct rect *r, int y, const struct lineinfo *li, int selected)
{
	int attr;

	if (li == NULL) {
		draw_fill(y, r->x, r->w, selected ? A_REVERSE : A_NORMAL);
		return;
	}
	attr = line_attr(a, li);
	if (matches(a, li))
		attr = color_attr(a, C_MATCH);
	if (selected)
		attr |= A_REVERSE;
	draw_text(a, y, r->x, r->w, li->text, li->len, attr);
}

static void draw_sep(struct app *a, const struct rect *r)
{
	for (int y = r->y; y < r->y + r->h; y++)
		mvaddstr(y, r->x, a->utf8 ? "│" : "|");
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

static void draw_sbs(struct app *a)
{
	const struct rect *L = &a->lay.left, *R = &a->lay.right;
	int h = L->h;

	draw_sep(a, &a->lay.sep);
	if (!a->locked) {
		for (int s = 0; s < 2; s++) {
			const struct rect *r = s ? R : L;
			struct uside *u = &a->side[s];
			size_t n = linestore_count(u->ls);

			if (u->top + (size_t)h > n)
				u->top = n > (size_t)h ? n - (size_t)h : 0;
			for (int k = 0; k < h; k++)
				draw_line(a, r, r->y + k, u->top + (size_t)k < n ? linestore_get(u->ls, u->top + (size_t)k) : NULL,
				    a->focus == s && k == 0);
		}
		draw_detail(a);
		return;
	}
	if (a->cur < a->top)
		a->top = a->cur;
	if (a->cur >= a->top + (size_t)h)
		a->top = a->cur - (size_t)h + 1;
	for (int k = 0; k < h; k++) {
		size_t row = a->top + (size_t)k;

		if (row >= a->nvis) {
			draw_fill(L->y + k, L->x, L->w, A_NORMAL);
			draw_fill(R->y + k, R->x, R->w, A_NORMAL);
			continue;
		}
		draw_line(a, L, L->y + k, row_line(a, 0, row), row == a->cur);
		draw_line(a, R, R->y + k, row_line(a, 1, row), row == a->cur);
	}
	draw_detail(a);
}

static void search_step(struct app *a, int dir)
{
	size_t n = a->nvis;

	if (!a->have_search || n == 0)
		return;
	for (size_t k = 1; k <= n; k++) {
		size_t row = (a->cur + n + (size_t)dir * k) % n;

		if (matches(a, row_line(a, 0, row)) || matches(a, row_line(a, 1, row))) {
			a->cur = row;
			a->follow = 0;
			return;
		}
	}
	app_set_message(a, M_U_NOT_FOUND, a->search_text);
}

static void search_done(struct app *a, const char *text)
{
	if (a->have_search)
		regfree(&a->search_re);
	a->have_search = 0;
	if (*text == '\0')
		return;
	if (regcomp(&a->search_re, text, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
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
	default:
		return 0;
	}
}

const struct view_ops view_sbs = { V_SBS, M_V_SBS, draw_sbs, action_sbs };
