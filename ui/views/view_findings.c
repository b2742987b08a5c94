/*
 * view_findings.c - the ranked findings:
 *
 *    1. [error] MI3 is lost on the way: UDP 4500 blocked   udp4500-blocked  mguard 1.3.3
 *    2. [error] Responder: 'max number of retransmissions ...'
 *   ---------------------------------------------------------------------------
 *   cause, chapter, meaning; evidence (Enter jumps to the line in the
 *   side-by-side view, again for the next line); possible causes; remedies
 *   with the menu path.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/util.h"
#include "config/cdiff_out.h"

static const char *sev_label(enum severity s, enum lang l)
{
	static const enum msg word[] = { M_U_SEV_BENIGN, M_U_SEV_INFO, M_U_SEV_WARNING, M_U_SEV_ERROR };

	return msg(word[s], l);
}

/* The configuration differences that explain f's cause (view 5 has all). */
struct cfgdraw {
	struct app *a;
	const struct rect *d;
	int y, *skip;
};

static void cfg_line(void *ctx, const char *line, enum cdiff_line kind)
{
	struct cfgdraw *c = ctx;

	if (c->y < c->d->y + c->d->h)
		c->y += draw_wrapped_skip(c->a, c->d, c->y, line, kind == CDL_DIFFERS ? A_BOLD | color_attr(c->a, C_ERROR) : A_NORMAL,
		    c->skip);
}

static int draw_config_evidence(struct app *a, const struct finding *f, const struct rect *d, int y, int *skip)
{
	const struct cdiff *cd = a->config;
	const char *cause = a->kb->causes[f->cause].id;
	struct cfgdraw c = { a, d, y, skip };
	int shown = 0;

	if (cd == NULL)
		return 0;
	for (int i = 0; i < cd->nitems; i++) {
		const struct citem *it = &cd->items[i];

		if (it->rel != CR_DIFFERS || it->cause == NULL || strcmp(it->cause, cause) != 0)
			continue;
		if (!shown++)
			c.y += draw_wrapped_skip(a, d, c.y, msg(M_CG_FINDING_CONFIG, a->o->lang), A_BOLD, skip);
		cdiff_item_lines(cd, it, a->o->lang, cfg_line, &c);
	}
	return c.y - y;
}

/*
 * The selected finding in full below the bar at row bar: cause and
 * chapters, meaning, evidence, possible causes, what to do. It scrolls
 * (a->fnd_scroll rows, PgDn/PgUp): the bar says when there is more below.
 */
static int draw_detail(struct app *a, const struct finding *f, const struct rect *b, int bar)
{
	struct rect d = { bar + 1, 0, b->y + b->h - bar - 1, b->w };
	enum lang l = a->o->lang;
	struct strbuf s = {0};
	int y = d.y, skip = a->fnd_scroll, more;
	char *hint;

	for (int k = 0; k < d.h; k++)
		draw_fill(d.y + k, 0, d.w, A_NORMAL);
	if (f->resolved) {
		char rt[1024];

		finding_resolved_text(f, l, rt, sizeof rt);
		y += draw_wrapped_skip(a, &d, y, rt, A_BOLD | color_attr(a, C_BENIGN), &skip);
	}
	sb_addf(&s, "%s: %s — %s   %s:", msg(M_CAUSE, l), a->kb->causes[f->cause].id,
	    txt(&a->kb->causes[f->cause].title, l), msg(M_CHAPTER, l));
	for (int c = 0; c < f->nchapters; c++)
		sb_addf(&s, " %s", f->chapters[c]);
	y += draw_wrapped_skip(a, &d, y, s.s, A_BOLD, &skip);
	sb_reset(&s);
	if (f->explanation != NULL && y < d.y + d.h)
		y += draw_wrapped_skip(a, &d, y, txt(f->explanation, l), A_NORMAL, &skip);
	if (f->nev > 0 && y < d.y + d.h) {
		sb_addf(&s, "%s (%s):", msg(M_EVIDENCE, l), msg(M_U_EVIDENCE_KEY, l));
		y += draw_wrapped_skip(a, &d, y, s.s, A_BOLD, &skip);
		sb_reset(&s);
		for (int e = 0; e < f->nev && y < d.y + d.h; e++) {
			const struct evidence *ev = &f->ev[e];

			if (ev->line == 0)
				sb_addf(&s, "  %s: %s", msg(ev->side ? M_SIDE_RIGHT : M_SIDE_LEFT, l), msg(ev->note, l));
			else
				sb_addf(&s, "%s%s %llu: %s", e == a->fnd_ev ? "> " : "  ",
				    msg(ev->side ? M_SIDE_RIGHT : M_SIDE_LEFT, l), (unsigned long long)ev->line, ev->text);
			y += draw_wrapped_skip(a, &d, y, s.s, e == a->fnd_ev ? A_BOLD : A_NORMAL, &skip);
			sb_reset(&s);
		}
	}
	if (y < d.y + d.h)
		y += draw_config_evidence(a, f, &d, y, &skip);
	for (int c = 0; c < f->ncauses && y < d.y + d.h; c++) {
		if (c == 0)
			y += draw_wrapped_skip(a, &d, y, msg(M_CAUSES, l), A_BOLD, &skip);
		sb_addf(&s, "  - %s", txt(&f->causes[c], l));
		y += draw_wrapped_skip(a, &d, y, s.s, A_NORMAL, &skip);
		sb_reset(&s);
	}
	for (int r = 0; r < f->nremedies && y < d.y + d.h; r++) {
		if (r == 0)
			y += draw_wrapped_skip(a, &d, y, msg(M_REMEDIES, l), A_BOLD, &skip);
		sb_addf(&s, "  - %s", txt(&f->remedies[r].text, l));
		if (f->remedies[r].menu.en != NULL)
			sb_addf(&s, " [%s: %s]", msg(M_MENU, l), txt(&f->remedies[r].menu, l));
		if (f->remedies[r].command != NULL)
			sb_addf(&s, " [%s: %s]", msg(M_COMMAND, l), f->remedies[r].command);
		y += draw_wrapped_skip(a, &d, y, s.s, A_NORMAL, &skip);
		sb_reset(&s);
	}
	sb_free(&s);
	/* an empty row after the end: drawn, the end is on screen */
	more = y >= d.y + d.h || draw_wrapped_skip(a, &d, y, " ", A_NORMAL, &skip) == 0;
	if (!more)
		y++;
	if (a->fnd_scroll > 0 && (skip > 0 || y < d.y + d.h)) {
		/* scrolled past the end: back until the last row is at the bottom */
		int back = skip + (d.y + d.h - y);

		a->fnd_scroll -= back < a->fnd_scroll ? back : a->fnd_scroll;
		return 1;
	}
	hint = more ? xasprintf(" %s %s", a->utf8 ? "▼" : "v", msg(M_U_MORE_BELOW, l)) : xstrdup("");
	draw_text(a, bar, 0, b->w, hint, strlen(hint), color_attr(a, C_BAR));
	free(hint);
	return 0;
}

/*
 * The newest negotiation in progress, above the findings: what was sent
 * how long ago and what is awaited, why nothing is concluded yet, the
 * sending line, and how many findings wait until the answer is overdue.
 * Returns the rows used.
 */
static int draw_progress(struct app *a, const struct rect *b)
{
	const struct nego_progress *p = &analysis_diagnosis(a->an)->progress;
	const struct alignment *al = analysis_alignment(a->an);
	enum lang l = a->o->lang;
	struct rect r = *b;
	struct strbuf s = {0};
	const struct cell *c;
	char pt[160];
	int y = b->y;

	if (!p->active || p->group < 0 || p->group >= al->ngroups)
		return 0;
	nego_progress_text(p, l, pt, sizeof pt);
	y += draw_wrapped(a, &r, y, pt, A_BOLD | color_attr(a, C_EVENT));
	sb_addf(&s, msg(M_PROGRESS_WHY, l), (long long)(p->interval_us / 1000000));
	y += draw_wrapped(a, &r, y, s.s, A_NORMAL);
	sb_reset(&s);
	c = al->groups[p->group].rows[p->row].cell[p->side];
	if (c != NULL && c->first.text != NULL) {
		sb_addf(&s, "  %s %llu: %s", msg(p->side ? M_SIDE_RIGHT : M_SIDE_LEFT, l),
		    (unsigned long long)c->first.line, c->first.text);
		y += draw_wrapped(a, &r, y, s.s, A_NORMAL);
		sb_reset(&s);
	}
	if (p->withheld > 0) {
		sb_addf(&s, msg_n(M_PROGRESS_WITHHELD, (unsigned long long)p->withheld, l), p->withheld);
		y += draw_wrapped(a, &r, y, s.s, color_attr(a, C_DIM));
	}
	sb_free(&s);
	return y - b->y + 1;
}

static void draw_findings(struct app *a)
{
	const struct diagnosis *dg = analysis_diagnosis(a->an);
	struct rect body = a->lay.body;
	const struct rect *b = &body;
	enum lang l = a->o->lang;
	int used = draw_progress(a, &body), list_h;

	body.y += used;
	body.h -= used;
	if (dg->n == 0 && used > 0)
		return;
	list_h = dg->n < b->h / 3 ? dg->n : b->h / 3;

	if (list_h < 1)
		list_h = 1;
	if (a->fnd_cur >= dg->n)
		a->fnd_cur = dg->n > 0 ? dg->n - 1 : 0;
	if (dg->n == 0) {
		struct rect r = *b;

		draw_wrapped(a, &r, b->y, msg(analysis_no_finding(a->an), l), A_NORMAL);
		return;
	}
	for (int k = 0; k < list_h; k++) {
		int i = a->fnd_cur >= list_h ? a->fnd_cur - list_h + 1 + k : k;
		const struct finding *f;
		char *t;

		if (i >= dg->n)
			break;
		if (b->y + k < 512)
			a->rowmap[b->y + k] = i;
		f = &dg->f[i];
		t = xasprintf("%2d. %s%s%s[%s] %s  (%s, %s)", i + 1, f->resolved ? "[" : "",
		    f->resolved ? msg(M_A_RESOLVED_SHORT, l) : "", f->resolved ? "] " : "", sev_label(f->severity, l),
		    txt(f->title, l), a->kb->causes[f->cause].id, f->nchapters ? f->chapters[0] : "-");
		draw_text(a, b->y + k, 0, b->w, t, strlen(t),
		    (f->resolved ? color_attr(a, C_DIM) : f->severity == SEV_ERROR ? color_attr(a, C_ERROR) :
		    f->severity == SEV_WARNING ? color_attr(a, C_WARNING) : 0) | (i == a->fnd_cur ? A_REVERSE : 0));
		free(t);
	}
	if (draw_detail(a, &dg->f[a->fnd_cur], b, b->y + list_h))
		draw_detail(a, &dg->f[a->fnd_cur], b, b->y + list_h);
}

static int action_findings(struct app *a, enum action act)
{
	const struct diagnosis *dg = analysis_diagnosis(a->an);
	int c = a->fnd_cur;

	switch (act) {
	case ACT_UP: c--; a->fnd_ev = 0; break;
	case ACT_DOWN: c++; a->fnd_ev = 0; break;
	case ACT_PGUP: case ACT_HOME: c = 0; break;
	case ACT_PGDN: case ACT_END: c = dg->n - 1; break;
	case ACT_DETAIL_DOWN:
	case ACT_DETAIL_UP: {
		int page = a->lay.body.h / 2 > 1 ? a->lay.body.h / 2 : 1;

		a->fnd_scroll += act == ACT_DETAIL_DOWN ? page : -page;
		if (a->fnd_scroll < 0)
			a->fnd_scroll = 0;
		return 1;
	}
	case ACT_ENTER:
		if (dg->n > 0) {
			const struct finding *f = &dg->f[a->fnd_cur];

			/* the next evidence line with a line number */
			for (int k = 0; k < f->nev; k++) {
				const struct evidence *ev = &f->ev[(a->fnd_ev + k) % f->nev];

				if (ev->line > 0) {
					a->fnd_ev = (a->fnd_ev + k) % f->nev;
					app_goto_line(a, ev->side, (size_t)ev->line - 1);
					a->fnd_ev = (a->fnd_ev + 1) % f->nev;
					return 1;
				}
			}
		}
		return 1;
	default:
		return 0;
	}
	c = c < 0 ? 0 : c >= dg->n ? (dg->n > 0 ? dg->n - 1 : 0) : c;
	if (c != a->fnd_cur)
		a->fnd_scroll = 0;
	a->fnd_cur = c;
	return 1;
}

const struct view_ops view_findings = { V_FINDINGS, M_V_FINDINGS, draw_findings, action_findings };
