/*
 * view_help.c - every key, generated from the key table that dispatches
 * them (keys.c): one line per action, all keys for it, the views it
 * works in.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/util.h"

static const enum msg view_names[V_COUNT] = { M_V_SBS, M_V_LADDER, M_V_FINDINGS, M_V_CHECKLIST, M_CG_V_CONFIG, M_V_HELP };

/* The help lines, built from keytab. */
static char **help_lines(struct app *a, int *n)
{
	char **v = xcalloc((size_t)nkeytab + 2, sizeof(char *));
	int done[M_COUNT] = {0};
	enum lang l = a->o->lang;

	*n = 0;
	v[(*n)++] = xasprintf("%-16s %s", msg(M_U_KEY, l), msg(M_U_ACTION, l));
	for (int i = 0; i < nkeytab; i++) {
		struct strbuf b = {0};
		char keys[64] = "";

		if (done[keytab[i].help] || !KEY_FOR_LANG(&keytab[i], l))
			continue;
		/* all keys with the same description on one line */
		for (int k = i; k < nkeytab; k++)
			if (keytab[k].help == keytab[i].help && KEY_FOR_LANG(&keytab[k], l) && strstr(keys, keytab[k].label) == NULL) {
				if (keys[0])
					strncat(keys, " ", sizeof keys - strlen(keys) - 1);
				strncat(keys, keytab[k].label, sizeof keys - strlen(keys) - 1);
			}
		done[keytab[i].help] = 1;
		sb_addf(&b, "%-16s %s", keys, msg(keytab[i].help, l));
		if (keytab[i].views != 0) {
			sb_adds(&b, "  (");
			for (int vv = 0, first = 1; vv < V_COUNT; vv++)
				if (keytab[i].views & KV(vv)) {
					sb_addf(&b, "%s%s", first ? "" : ", ", msg(view_names[vv], l));
					first = 0;
				}
			sb_adds(&b, ")");
		}
		v[(*n)++] = sb_steal(&b);
	}
	return v;
}

static void draw_help(struct app *a)
{
	const struct rect *b = &a->lay.body;
	int n;
	char **v = help_lines(a, &n);

	if (a->help_top > n - 1)
		a->help_top = n > 0 ? n - 1 : 0;
	draw_text(a, b->y, 0, b->w, msg(M_U_HELP_TITLE, a->o->lang), strlen(msg(M_U_HELP_TITLE, a->o->lang)), A_BOLD);
	for (int k = 1; k < b->h; k++) {
		int i = a->help_top + k - 1;

		if (i < n)
			draw_text(a, b->y + k, 1, b->w - 1, v[i], strlen(v[i]), i == 0 ? A_UNDERLINE : A_NORMAL);
	}
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int action_help(struct app *a, enum action act)
{
	switch (act) {
	case ACT_UP: if (a->help_top > 0) a->help_top--; return 1;
	case ACT_DOWN: a->help_top++; return 1;
	case ACT_PGUP: case ACT_HOME: a->help_top = 0; return 1;
	case ACT_PGDN: a->help_top += a->lay.body.h - 2; return 1;
	case ACT_END: a->help_top = 1000; return 1;
	default: return 0;
	}
}

const struct view_ops view_help = { V_HELP, M_V_HELP, draw_help, action_help };
