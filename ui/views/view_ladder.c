/*
 * view_ladder.c - the exchange ladder as a sequence diagram:
 *
 *   negotiation 1: left "A" #55 (initiator)  <->  right "B" #67 (responder)
 *   |------ MI1 ----------------------->|  09:54:06.14  09:54:07.90  ok
 *   |<----- MR1 ------------------------|  09:54:08.35  09:54:07.90  ok
 *   |------ MI3 ------------X           |  09:54:10.72               LOST
 *
 * Columns are the two sides (left/right files); arrows go from the side
 * that sent; a message the other side never logged stops in the middle.
 * Enter shows both raw lines of the row in full.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "report/analysis_report.h"
#include "base/util.h"

struct lentry {
	int g, r;                /* group, row (-1: the group's header) */
};

static struct lentry *entries(struct app *a, size_t *n)
{
	const struct alignment *al = analysis_alignment(a->an);
	struct lentry *v = NULL;
	size_t cap = 0;

	*n = 0;
	for (int g = 0; g < al->ngroups; g++) {
		*VEC_PUSH(v, *n, cap) = (struct lentry){ g, -1 };
		for (int r = 0; r < al->groups[g].nrows; r++)
			*VEC_PUSH(v, *n, cap) = (struct lentry){ g, r };
	}
	return v;
}

static int row_from_left(const struct group *g, const struct row *r)
{
	if (r->sender != ROLE_UNKNOWN && (g->role[0] == r->sender || g->role[1] == r->sender))
		return g->role[0] == r->sender;
	return r->is_sender[0] || (!r->is_sender[1] && r->cell[0] != NULL);
}

/* A cell's time of day (to 1/100 s; the date is the log's): "" no cell, "-" no time. */
static void time_of(const struct cell *c, char *buf, size_t sz)
{
	const char *t;
	size_t n;

	if (c == NULL || c->first.timelen == 0) {
		snprintf(buf, sz, "%s", c == NULL ? "" : "-");
		return;
	}
	t = c->first.text;
	n = c->first.timelen;
	for (size_t k = 0; k + 8 <= n; k++)
		if (t[k + 2] == ':' && t[k + 5] == ':' && t[k] >= '0' && t[k] <= '9') {
			size_t e = k + 8;

			if (e < n && (t[e] == '.' || t[e] == ','))
				e = e + 3 < n ? e + 3 : n;
			strlcpy_n(buf, sz, t + k, e - k);
			return;
		}
	strlcpy_n(buf, sz, t, n);
}

/* The step as the ladder names it: LANCOM's local phases in words. */
static const char *step_text(const struct app *a, enum step st)
{
	static const enum msg words[] = { M_U_L_CONNECT, M_U_L_P1_START, M_U_L_P1_PROPOSAL, M_U_L_P1_DONE,
		M_U_L_P2_DONE, M_U_L_CONNECTED, M_U_L_POLL, M_U_L_TIMEOUT, M_U_L_DISCONNECT };

	_Static_assert(S_L_DISCONNECT - S_L_CONNECT + 1 == sizeof words / sizeof words[0], "one word per LANCOM step");
	return step_is_local(st) ? msg(words[st - S_L_CONNECT], a->o->lang) : step_name(st);
}

/* The status words: short, the column is narrow (the full text is in analyze). */
static const char *status_word(const struct app *a, enum row_status s)
{
	static const enum msg word[] = { M_U_ST_OK, M_U_ST_LOST, M_U_ST_SEND_UNLOGGED, M_U_ST_NO_LOG,
		M_U_ST_ONE_SIDE, M_U_ST_LOCAL };
	static const enum msg more[] = { M_SHORT_NOT_LOGGED, M_SHORT_LOG_ENDED,
		M_SHORT_NOT_UNDERSTOOD, M_SHORT_IN_PROGRESS };

	if (s >= RS_NOT_LOGGED && s < RS_COUNT)
		return msg(more[s - RS_NOT_LOGGED], a->o->lang);
	return msg(word[s], a->o->lang);
}

/* The arrow of a row across columns [left, right] of row y. */
static void draw_arrow(struct app *a, int y, int left, int right, const struct group *g, const struct row *r)
{
	int mid = (left + right) / 2, from_left = row_from_left(g, r);
	const char *h = hbar(a), *name = step_text(a, r->step);
	int nw = text_width(a, name, strlen(name));

	mvaddstr(y, left, a->utf8 ? "│" : "|");
	mvaddstr(y, right, a->utf8 ? "│" : "|");
	if (r->status == RS_LOCAL || (r->sender == ROLE_UNKNOWN && !r->is_sender[0] && !r->is_sender[1])) {
		/* a local phase or a notification: a dot on each side that logged it */
		for (int s = 0; s < 2; s++)
			if (r->cell[s] != NULL)
				mvaddstr(y, s ? right - 2 : left + 1, a->utf8 ? "●" : "*");
		if (nw > right - left - 5)
			nw = right - left - 5;
		if (nw > 0)
			draw_text(a, y, mid - nw / 2, nw, name, strlen(name), A_NORMAL);
	} else {
		int x0 = left + 1, x1 = right - 1, stop = r->status == RS_LOST ? mid : -1;
		int ax = from_left ? x0 : x1, bx = from_left ? (stop >= 0 ? stop : x1) : (stop >= 0 ? stop : x0);
		int lo = ax < bx ? ax : bx, hi = ax < bx ? bx : ax;
		int lost_attr = r->status == RS_LOST ? color_attr(a, C_LOST) : 0;

		attron(lost_attr);
		for (int x = lo; x <= hi; x++)
			mvaddstr(y, x, h);
		if (r->status == RS_LOST)
			mvaddstr(y, bx, a->utf8 ? "✗" : "X");
		else
			mvaddstr(y, bx, from_left ? (a->utf8 ? "▶" : ">") : (a->utf8 ? "◀" : "<"));
		attroff(lost_attr);
		if (nw > hi - lo - 2)
			nw = hi - lo - 2;
		if (nw > 0) {
			mvaddstr(y, (lo + hi) / 2 - nw / 2 - 1, " ");
			draw_text(a, y, (lo + hi) / 2 - nw / 2, nw, name, strlen(name), A_NORMAL);
			addstr(" ");
		}
	}
}

/*
 * A row: the arrow, then both times and the status. The status column
 * always fits: the arrow gives way, and on the narrowest screens the times.
 */
static void draw_row(struct app *a, int y, const struct group *g, const struct row *r0, int sel)
{
	const struct nego_progress *p = &analysis_diagnosis(a->an)->progress;
	const struct alignment *al = analysis_alignment(a->an);
	int w = a->cols, dw, attr = sel ? A_REVERSE : A_NORMAL, need, tw;
	char lt[48], rt[48], info[256], pt[160];
	struct row rc = *r0;
	const struct row *r = &rc;
	const char *st, *re = r->retrans[0] + r->retrans[1] ? (a->utf8 ? " ↻" : " (R)") : "";

	/* the message of a negotiation in progress: not lost, not ended */
	if (p->active && g == &al->groups[p->group] && r0 == &g->rows[p->row]) {
		rc.status = RS_IN_PROGRESS;
		nego_progress_text(p, a->o->lang, pt, sizeof pt);
		st = pt;
	} else {
		st = status_word(a, r->status);
	}

	time_of(r->cell[0], lt, sizeof lt);
	time_of(r->cell[1], rt, sizeof rt);
	tw = 11;
	need = 2 * (tw + 1) + text_width(a, st, strlen(st)) + text_width(a, re, strlen(re));
	dw = w * 55 / 100;
	if (w - dw - 1 < need)
		dw = w - 1 - need;
	if (dw < 20) {
		/* no room for the times: the status alone */
		dw = w - 2 - text_width(a, st, strlen(st)) - text_width(a, re, strlen(re));
		lt[0] = rt[0] = '\0';
		tw = 0;
	}
	if (dw < 12)
		return;
	draw_fill(y, 0, w, attr);
	attron(attr);
	draw_arrow(a, y, 1, dw - 2, g, r);
	attroff(attr);
	/* a status cut at the buffer's end is cut again by draw_text's width */
	if ((tw > 0 ? snprintf(info, sizeof info, "%-*s %-*s %s%s", tw, lt, tw, rt, st, re)
	    : snprintf(info, sizeof info, "%s%s", st, re)) < 0)
		info[0] = '\0';
	draw_text(a, y, dw + 1, w - dw - 1, info, strlen(info),
	    attr | (r->status == RS_LOST ? color_attr(a, C_LOST) : 0));
}

static void draw_header_row(struct app *a, int y, int gi, const struct group *g, int sel)
{
	char buf[512], l[160], r[160];

	for (int s = 0; s < 2; s++) {
		const struct nego *n = g->n[s];
		char *dst = s ? r : l;

		if (n == NULL)
			snprintf(dst, 160, "(%s)", msg(M_UNPAIRED, a->o->lang));
		else if (n->kind == NK_TRAFFIC)
			snprintf(dst, 160, "%s", n->key);
		else
			snprintf(dst, 160, "\"%s\" #%d (%s)", n->conn, n->serial,
			    msg(g->role[s] == ROLE_INITIATOR ? M_ROLE_INITIATOR : g->role[s] == ROLE_RESPONDER ? M_ROLE_RESPONDER : M_ROLE_UNKNOWN, a->o->lang));
	}
	snprintf(buf, sizeof buf, "%s %d: %s %s  %s  %s %s", msg(M_NEGOTIATION, a->o->lang), gi + 1,
	    msg(M_SIDE_LEFT, a->o->lang), l, a->utf8 ? "⇄" : "<->", msg(M_SIDE_RIGHT, a->o->lang), r);
	draw_text(a, y, 0, a->cols, buf, strlen(buf), A_BOLD | (sel ? A_REVERSE : 0));
}

static void draw_ladder(struct app *a)
{
	const struct alignment *al = analysis_alignment(a->an);
	const struct rect *b = &a->lay.body;
	size_t n;
	struct lentry *v = entries(a, &n);

	if (n > 0 && a->lad_cur >= n)
		a->lad_cur = n - 1;
	if (a->lad_cur < a->lad_top)
		a->lad_top = a->lad_cur;
	if (a->lad_cur >= a->lad_top + (size_t)b->h)
		a->lad_top = a->lad_cur - (size_t)b->h + 1;
	for (int k = 0; k < b->h; k++) {
		size_t i = a->lad_top + (size_t)k;

		if (i >= n) {
			draw_fill(b->y + k, 0, b->w, A_NORMAL);
			continue;
		}
		if (b->y + k < 512)
			a->rowmap[b->y + k] = (long)i;
		if (v[i].r < 0)
			draw_header_row(a, b->y + k, v[i].g, &al->groups[v[i].g], i == a->lad_cur);
		else
			draw_row(a, b->y + k, &al->groups[v[i].g], &al->groups[v[i].g].rows[v[i].r], i == a->lad_cur);
	}
	if (a->detail && a->lay.detail.h > 0 && a->lad_cur < n && v[a->lad_cur].r >= 0) {
		const struct row *r = &al->groups[v[a->lad_cur].g].rows[v[a->lad_cur].r];
		struct rect d = a->lay.detail;
		int y = d.y;

		draw_fill(y++, 0, d.w, color_attr(a, C_BAR));
		for (int s = 0; s < 2 && y < d.y + d.h; s++) {
			char *t;

			if (r->cell[s] == NULL)
				continue;
			t = xasprintf("%s %llu: %s", msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, a->o->lang),
			    (unsigned long long)r->cell[s]->first.line, r->cell[s]->first.text);
			{
				struct rect rr = { y, 0, d.y + d.h - y, d.w };

				y += draw_wrapped(a, &rr, y, t, A_NORMAL);
			}
			free(t);
		}
	}
	free(v);
}

static int action_ladder(struct app *a, enum action act)
{
	size_t n;
	struct lentry *v = entries(a, &n);
	long page = a->lay.body.h > 1 ? a->lay.body.h - 1 : 1, c = (long)a->lad_cur;

	free(v);
	switch (act) {
	case ACT_UP: c -= 1; break;
	case ACT_DOWN: c += 1; break;
	case ACT_PGUP: c -= page; break;
	case ACT_PGDN: c += page; break;
	case ACT_HOME: c = 0; break;
	case ACT_END: c = (long)n - 1; break;
	case ACT_ENTER: a->detail = !a->detail; return 1;
	default: return 0;
	}
	a->lad_cur = (size_t)(c < 0 ? 0 : c >= (long)n ? (n ? (long)n - 1 : 0) : c);
	return 1;
}

const struct view_ops view_ladder = { V_LADDER, M_V_LADDER, draw_ladder, action_ladder };
