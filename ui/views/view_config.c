/*
 * view_config.c - view 5: both ends' configuration compared (issue 18),
 * the same lines as 'tunneldoc config-diff --all': the title with both
 * connections' files, the differences first (highlighted, each with the
 * cause it explains and both configuration lines), what NAT makes not
 * comparable, then every other parameter, and the PSK line. Without
 * configurations it says how to give them.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/util.h"
#include "config/cdiff_out.h"

struct cline {
	char *s;
	enum cdiff_line kind;
};

struct clines {
	struct cline *v;
	size_t n, cap;
};

static void keep(void *ctx, const char *line, enum cdiff_line kind)
{
	struct clines *c = ctx;
	struct cline *l = VEC_PUSH(c->v, c->n, c->cap);

	l->s = xstrdup(line);
	l->kind = kind;
}

static int attr_of(struct app *a, enum cdiff_line k)
{
	switch (k) {
	case CDL_TITLE: return A_BOLD;
	case CDL_DIFFERS: return A_BOLD | color_attr(a, C_ERROR);
	case CDL_NAT: return A_BOLD | color_attr(a, C_WARNING);
	case CDL_PSK: return A_BOLD;
	case CDL_ITEM: return color_attr(a, C_DIM);
	default: return A_NORMAL;
	}
}

static void draw_config(struct app *a)
{
	const struct rect *b = &a->lay.body;
	const struct cdiff *d = a->config;
	struct clines c = { NULL, 0, 0 };

	for (int k = 0; k < b->h; k++)
		draw_fill(b->y + k, 0, b->w, A_NORMAL);
	if (d == NULL) {
		struct rect r = { b->y, 1, b->h, b->w - 1 };
		int skip = 0;
		char *why = NULL;

		/* live: tried and failed (and why), or not yet */
		if (a->cfg_why != NULL)
			why = xasprintf(msg(M_CG_LIVE_NONE, a->o->lang), a->cfg_why);
		else if (a->cfg_done)
			why = xasprintf(msg(M_CG_LIVE_NONE, a->o->lang), msg(M_CG_NO_REASON, a->o->lang));
		draw_wrapped_skip(a, &r, b->y, why != NULL ? why : msg(M_CG_NO_CONFIG, a->o->lang), A_NORMAL, &skip);
		free(why);
		return;
	}
	cdiff_lines(d, a->o->lang, 1, keep, &c);
	if (a->cfg_top > (int)c.n - 1)
		a->cfg_top = c.n > 0 ? (int)c.n - 1 : 0;
	for (int k = 0; k < b->h; k++) {
		size_t i = (size_t)a->cfg_top + (size_t)k;

		if (i < c.n)
			draw_text(a, b->y + k, 1, b->w - 1, c.v[i].s, strlen(c.v[i].s), attr_of(a, c.v[i].kind));
	}
	for (size_t i = 0; i < c.n; i++)
		free(c.v[i].s);
	free(c.v);
}

static int action_config(struct app *a, enum action act)
{
	switch (act) {
	case ACT_UP: if (a->cfg_top > 0) a->cfg_top--; return 1;
	case ACT_DOWN: a->cfg_top++; return 1;
	case ACT_PGUP: a->cfg_top = a->cfg_top > a->lay.body.h - 2 ? a->cfg_top - (a->lay.body.h - 2) : 0; return 1;
	case ACT_HOME: a->cfg_top = 0; return 1;
	case ACT_PGDN: a->cfg_top += a->lay.body.h - 2; return 1;
	case ACT_END: a->cfg_top = 1 << 20; return 1;
	default: return 0;
	}
}

const struct view_ops view_config = { V_CONFIG, M_CG_V_CONFIG, draw_config, action_config };
