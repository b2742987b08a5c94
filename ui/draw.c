/*
 * draw.c - drawing helpers shared by the views: UTF-8 text clipped to a
 * width (invalid bytes and control characters shown as '?'), colours with
 * a monochrome fallback, and the header, status and key-hint lines.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app.h"
#include "report/analysis_report.h"

int color_attr(struct app *a, int pair)
{
	if (a->color)
		return COLOR_PAIR(pair) | (pair == C_ERROR || pair == C_LOST ? A_BOLD : 0);
	switch (pair) {
	case C_ERROR: case C_LOST: return A_BOLD;
	case C_BAR: case C_MATCH: return A_REVERSE;
	case C_MARK: return A_UNDERLINE;
	case C_BENIGN: case C_DIM: return A_DIM;
	default: return A_NORMAL;
	}
}

int line_attr(struct app *a, const struct lineinfo *li)
{
	int attr = A_NORMAL;

	switch (li->sev) {
	case 4: attr = color_attr(a, C_ERROR); break;
	case 3: attr = color_attr(a, C_WARNING); break;
	case 2: attr = color_attr(a, C_EVENT); break;
	case 1: attr = color_attr(a, C_BENIGN); break;
	default: attr = li->event ? color_attr(a, C_EVENT) : (int)A_NORMAL; break;
	}
	if (li->sig && li->sev >= 3)
		attr |= A_BOLD;
	if (li->mark)
		attr |= A_UNDERLINE;
	return attr;
}

/* Decode one UTF-8 character; returns bytes used (>= 1), *wc = '?' if bad. */
static size_t decode(const char *s, size_t len, wchar_t *wc)
{
	mbstate_t st;
	size_t n;

	memset(&st, 0, sizeof st);
	if ((unsigned char)s[0] < 0x80) {
		*wc = (unsigned char)s[0] < 0x20 || s[0] == 0x7f ? L'?' : (wchar_t)s[0];
		if (s[0] == '\t')
			*wc = L' ';
		return 1;
	}
	n = mbrtowc(wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = L'?';
		return 1;
	}
	return n;
}

/* Columns s takes on screen (as draw_text counts them). */
static int text_cols(const struct app *a, const char *s, size_t len)
{
	int col = 0;

	for (size_t i = 0; i < len;) {
		wchar_t wc;
		int cw;

		i += decode(s + i, len - i, &wc);
		cw = wcwidth(wc);
		col += cw < 0 || (!a->utf8 && wc >= 0x80) ? 1 : cw;
	}
	return col;
}

void draw_text(struct app *a, int y, int x, int w, const char *s, size_t len, int attr)
{
	draw_text_hl(a, y, x, w, s, len, attr, 0, 0, 0);
}

void draw_text_hl(struct app *a, int y, int x, int w, const char *s, size_t len, int attr,
    size_t hs, size_t he, int hattr)
{
	int col = 0;
	size_t i = 0;

	if (w <= 0)
		return;
	move(y, x);
	while (i < len && col < w) {
		wchar_t wc;
		int cw, at = i >= hs && i < he ? hattr : attr;
		size_t n = decode(s + i, len - i, &wc);

		cw = wcwidth(wc);
		if (cw < 0)
			wc = L'?', cw = 1;
		if (!a->utf8 && wc >= 0x80)
			wc = L'?', cw = 1;
		if (col + cw > w)
			break;
		i += n;
		if (cw > 0) {
			cchar_t cc;
			wchar_t str[2] = { wc, 0 };

			attron(at);
			setcchar(&cc, str, A_NORMAL, 0, NULL);
			add_wch(&cc);
			attroff(at);
			col += cw;
		}
	}
	attron(attr);
	for (; col < w; col++)
		addch(' ');
	attroff(attr);
}

size_t text_skip(const struct app *a, const char *s, size_t len, int cols)
{
	size_t i = 0;

	while (i < len && cols > 0) {
		wchar_t wc;
		int cw;

		i += decode(s + i, len - i, &wc);
		cw = wcwidth(wc);
		cols -= cw < 0 || (!a->utf8 && wc >= 0x80) ? 1 : cw;
	}
	return i;
}

int text_width(const struct app *a, const char *s, size_t len)
{
	return text_cols(a, s, len);
}

void draw_fill(int y, int x, int w, int attr)
{
	attron(attr);
	mvhline(y, x, ' ', w);
	attroff(attr);
}

int draw_wrapped(struct app *a, const struct rect *r, int y, const char *s, int attr)
{
	return draw_wrapped_skip(a, r, y, s, attr, NULL);
}

int draw_wrapped_skip(struct app *a, const struct rect *r, int y, const char *s, int attr, int *skip)
{
	size_t len = strlen(s), i = 0;
	int used = 0;

	while (i < len && y + used < r->y + r->h) {
		/* take as many bytes as fit, breaking at a blank when possible */
		size_t take = 0, lastsp = 0;
		int col = 0;

		while (i + take < len) {
			wchar_t wc;
			size_t n = decode(s + i + take, len - i - take, &wc);
			int cw = wcwidth(wc) < 0 ? 1 : wcwidth(wc);

			if (col + cw > r->w)
				break;
			if (s[i + take] == ' ')
				lastsp = take;
			take += n;
			col += cw;
		}
		if (i + take < len && lastsp > (size_t)(r->w / 2))
			take = lastsp + 1;
		if (take == 0)
			take = 1;
		if (skip != NULL && *skip > 0) {
			(*skip)--;          /* scrolled above the rectangle */
		} else {
			draw_text(a, y + used, r->x, r->w, s + i, take, attr);
			used++;
		}
		i += take;
	}
	return used;
}

const char *hbar(struct app *a)
{
	return a->utf8 ? "─" : "-";
}

void draw_header(struct app *a)
{
	const struct alignment *al = analysis_alignment(a->an);
	char buf[512], off[32], rtt[32], date[64] = "", view[128];
	enum lang l = a->o->lang;

	if (al->offset_known)
		fmt_ms(off, sizeof off, al->offset_us, 1);
	else
		snprintf(off, sizeof off, "?");
	if (al->rtt_known)
		fmt_ms(rtt, sizeof rtt, al->rtt_us, 0);
	else
		snprintf(rtt, sizeof rtt, "?");
	/* side by side with short times: the date of the cursor's line */
	if (a->view == V_SBS && !a->full_lines && a->locked && a->cur < a->nvis)
		for (int s = 0; s < 2 && !date[0]; s++) {
			const struct mrow *m = vis_row(a, a->cur);
			int32_t idx = s ? m->r : m->l;

			if (idx >= 0)
				parts_date(a, s, (size_t)idx, date, sizeof date);
		}
	snprintf(view, sizeof view, "%s%s%s", msg(app_views[a->view]->name, l), date[0] ? " | " : "", date);
	snprintf(buf, sizeof buf, " tunneldoc | %s | %s %s | %s %s", view, msg(M_CLOCK_OFFSET, l), off, msg(M_RTT, l), rtt);
	if (text_cols(a, buf, strlen(buf)) > a->cols)
		/* narrow: short labels, the figures stay */
		snprintf(buf, sizeof buf, " tunneldoc | %s | %s %s | %s %s", view, msg(M_U_OFFSET_SHORT, l), off,
		    msg(M_U_RTT_SHORT, l), rtt);
	draw_text(a, a->lay.header.y, 0, a->cols, buf, strlen(buf), color_attr(a, C_BAR) | A_BOLD);
}

/* A side's name in at most max columns: its end, after "…" (file names
 * differ at the end; the figures after them must stay on the line). */
static const char *short_name(struct app *a, const char *name, int max, char *buf, size_t sz)
{
	int w = text_cols(a, name, strlen(name));
	size_t skip;

	if (w <= max || max < 4)
		return name;
	skip = text_skip(a, name, strlen(name), w - (max - 1));
	snprintf(buf, sz, "%s%s", a->utf8 ? "…" : "~", name + skip);
	return buf;
}

/* The status line with side names in at most maxname columns. */
static void status_text(struct app *a, struct strbuf *bp, int maxname, int dialects)
{
	const struct diagnosis *dg = analysis_diagnosis(a->an);
	const struct side *sd = analysis_sides(a->an);
	enum lang l = a->o->lang;
	struct strbuf b = *bp;
	char nb[2][512];
	const char *name[2];

	for (int s = 0; s < 2; s++)
		name[s] = a->side[s].name != NULL ? short_name(a, a->side[s].name, maxname, nb[s], sizeof nb[s]) : "";

	/* the top finding first: it must survive narrow terminals */
	if (dg->progress.active) {
		char pt[160];

		nego_progress_text(&dg->progress, l, pt, sizeof pt);
		sb_addf(&b, " %s", pt);
	} else {
		sb_addf(&b, " %s: ", msg(M_U_TOP, l));
		if (dg->n > 0)
			sb_addf(&b, "%s (%s)", a->kb->causes[dg->f[0].cause].id,
			    dg->f[0].nchapters > 0 ? dg->f[0].chapters[0] : "-");
		else
			sb_adds(&b, msg(M_U_NONE, l));
	}
	sb_adds(&b, " |");
	for (int s = 0; s < 2; s++) {
		sb_addf(&b, " %s: ", s ? "R" : "L");
		if (a->sess != NULL && session_live(a->sess, s) != NULL) {
			sb_addf(&b, "%s %zu %s [%s]", name[s], linestore_count(a->side[s].ls), msg_n(M_LINES, linestore_count(a->side[s].ls), l),
			    live_status(session_live(a->sess, s), l));
		} else if (a->side[s].path == NULL) {
			sb_adds(&b, msg(M_U_NO_LOG, l));
		} else {
			sb_addf(&b, "%s %zu %s", name[s], linestore_count(a->side[s].ls), msg_n(M_LINES, linestore_count(a->side[s].ls), l));
			if (sd[s].dialect >= 0 && dialects)
				sb_addf(&b, " %s", a->kb->dialects[sd[s].dialect].id);
			if (a->side[s].fd >= 0 && a->side[s].size > 0)
				sb_addf(&b, " (%s %d %%)", msg(M_U_LOADING, l),
				    (int)((double)a->side[s].pos * 100.0 / (double)a->side[s].size));
			else if (a->side[s].fd >= 0)
				sb_addf(&b, " (%s)", msg(M_U_LOADING, l));
		}
		sb_adds(&b, " |");
	}
	if (a->o->replay) {
		size_t done = 0, all = 0;

		for (int s = 0; s < 2; s++)
			if (a->side[s].src != NULL) {
				done += a->side[s].next;
				all += linestore_count(a->side[s].src);
			}
		sb_addf(&b, " %s %gx%s", msg(M_U_SPEED, l), a->speed, a->replay_done ? "" : a->paused ? " ⏸" : "");
		if (all > 0 && !a->replay_done)
			sb_addf(&b, " %d %%", (int)((double)done * 100.0 / (double)all));
		sb_adds(&b, " |");
	}
	if (a->errors_only || a->have_filter || a->conn_filter >= 0)
		sb_addf(&b, " %s:%s%s%s |", msg(M_U_FILTER, l), a->errors_only ? " E" : "",
		    a->have_filter ? " /re/" : "", a->conn_filter >= 0 ? " C" : "");
	if (b.len > 2 && strcmp(b.s + b.len - 2, " |") == 0)
		b.len -= 2, b.s[b.len] = '\0';
	if (!a->utf8) {
		/* no pause symbol without UTF-8 */
		char *p = strstr(b.s, " ⏸");

		if (p != NULL)
			memcpy(p, " ||", 3), memmove(p + 3, p + 4, strlen(p + 4) + 1), b.len--;
	}
	*bp = b;
}

void draw_status(struct app *a)
{
	static const int maxname[] = { 1000, 32, 20, 12, 8, 8 };
	const size_t n = sizeof maxname / sizeof maxname[0];
	struct strbuf b = {0};

	/* the names give way before the figures do, then the dialects */
	for (size_t k = 0; k < n; k++) {
		sb_reset(&b);
		status_text(a, &b, maxname[k], k + 1 < n);
		if (text_cols(a, b.s, b.len) <= a->cols)
			break;
	}
	draw_text(a, a->lay.status.y, 0, a->cols, b.s, b.len, color_attr(a, C_BAR));
	sb_free(&b);
}

void draw_hints(struct app *a)
{
	enum lang l = a->o->lang;
	struct strbuf b = {0};

	if (a->prompting) {
		sb_adds(&b, msg(a->prompt_label, l));
		if (a->prompt_secret)
			for (size_t i = 0; i < a->prompt_len; i++)
				sb_addc(&b, '*');
		else
			sb_add(&b, a->prompt, a->prompt_len);
		draw_text(a, a->lay.hints.y, 0, a->cols, b.s, b.len, A_BOLD);
		/* the cursor after what is typed, in columns (umlauts are two bytes) */
		move(a->lay.hints.y, text_cols(a, b.s, b.len) < a->cols ? text_cols(a, b.s, b.len) : a->cols - 1);
		sb_free(&b);
		return;
	}
	if (a->message[0] != '\0') {
		draw_text(a, a->lay.hints.y, 0, a->cols, a->message, strlen(a->message), A_BOLD);
		return;
	}
	/* built from the key table: the first key of each action of this view */
	{
		/* quit and help, then the keys of this view (they must survive a
		 * narrow terminal), then the other global ones */
		static const enum action shown[] = { ACT_QUIT, ACT_VIEW_HELP, ACT_YES, ACT_NO, ACT_NOTE,
			ACT_DETAIL_DOWN, ACT_ENTER, ACT_SCROLL_RIGHT, ACT_FULL_LINES, ACT_ERRORS, ACT_LOCK,
			ACT_PAUSE, ACT_SEARCH, ACT_NEXT_VIEW };

		for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++)
			for (int i = 0; i < nkeytab; i++)
				if (keytab[i].act == shown[k] && (keytab[i].views == 0 || (keytab[i].views & KV(a->view))) &&
				    KEY_FOR_LANG(&keytab[i], a->o->lang)) {
					if (shown[k] == ACT_PAUSE && !a->o->replay)
						break;
					sb_addf(&b, " %s %s ", keytab[i].label, msg(keytab[i].help, l));
					break;
				}
	}
	draw_text(a, a->lay.hints.y, 0, a->cols, b.s, b.len, color_attr(a, C_DIM));
	sb_free(&b);
}
