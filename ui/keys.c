/*
 * keys.c - the key table (see keys.h).
 */
#include "keys.h"

#include <curses.h>

#include "view.h"

#define ALL 0u
#define SBS KV(V_SBS)
#define LIST (KV(V_SBS) | KV(V_LADDER) | KV(V_FINDINGS) | KV(V_CHECKLIST) | KV(V_HELP))

const struct keydef keytab[] = {
	{ 'q', "q", ALL, ACT_QUIT, M_K_QUIT },
	{ '1', "1", ALL, ACT_VIEW_SBS, M_K_VIEWS },
	{ '2', "2", ALL, ACT_VIEW_LADDER, M_K_VIEWS },
	{ '3', "3", ALL, ACT_VIEW_FINDINGS, M_K_VIEWS },
	{ '4', "4", ALL, ACT_VIEW_CHECKLIST, M_K_VIEWS },
	{ '?', "?", ALL, ACT_VIEW_HELP, M_K_HELP },
	{ KEY_F(1), "F1", ALL, ACT_VIEW_HELP, M_K_HELP },
	{ '\t', "Tab", ALL, ACT_NEXT_VIEW, M_K_NEXT_VIEW },
	{ KEY_UP, "Up", LIST, ACT_UP, M_K_UPDOWN },
	{ 'k', "k", LIST, ACT_UP, M_K_UPDOWN },
	{ KEY_DOWN, "Down", LIST, ACT_DOWN, M_K_UPDOWN },
	{ 'j', "j", LIST, ACT_DOWN, M_K_UPDOWN },
	{ KEY_PPAGE, "PgUp", LIST, ACT_PGUP, M_K_PAGE },
	{ KEY_NPAGE, "PgDn", LIST, ACT_PGDN, M_K_PAGE },
	{ ' ', "Space", KV(V_HELP) | KV(V_FINDINGS) | KV(V_LADDER), ACT_PGDN, M_K_PAGE },
	{ KEY_HOME, "Home", LIST, ACT_HOME, M_K_HOMEEND },
	{ 'g', "g", LIST, ACT_HOME, M_K_HOMEEND },
	{ KEY_END, "End", LIST, ACT_END, M_K_HOMEEND },
	{ 'G', "G", LIST, ACT_END, M_K_HOMEEND },
	{ KEY_LEFT, "Left", SBS, ACT_PANE_LEFT, M_K_PANE },
	{ 'h', "h", SBS, ACT_PANE_LEFT, M_K_PANE },
	{ KEY_RIGHT, "Right", SBS, ACT_PANE_RIGHT, M_K_PANE },
	{ 'l', "l", SBS, ACT_PANE_RIGHT, M_K_PANE },
	{ 'L', "L", SBS, ACT_LOCK, M_K_LOCK },
	{ 'F', "F", SBS, ACT_FOLLOW, M_K_FOLLOW },
	{ '/', "/", ALL, ACT_SEARCH, M_K_SEARCH },
	{ 'n', "n", SBS, ACT_SEARCH_NEXT, M_K_SEARCH_NEXT },
	{ 'N', "N", SBS, ACT_SEARCH_PREV, M_K_SEARCH_PREV },
	{ 'e', "e", SBS, ACT_ERRORS, M_K_ERRORS },
	{ 'c', "c", SBS, ACT_CONN, M_K_CONN },
	{ '|', "|", SBS, ACT_REGEX, M_K_REGEX },
	{ 'm', "m", SBS, ACT_MARK, M_K_MARK },
	{ '\'', "'", SBS, ACT_NEXT_MARK, M_K_NEXT_MARK },
	{ '\n', "Enter", KV(V_SBS) | KV(V_LADDER) | KV(V_FINDINGS), ACT_ENTER, M_K_ENTER },
	{ KEY_ENTER, "Enter", KV(V_SBS) | KV(V_LADDER) | KV(V_FINDINGS), ACT_ENTER, M_K_ENTER },
	{ 'p', "p", ALL, ACT_PAUSE, M_K_PAUSE },
	{ '+', "+", ALL, ACT_FASTER, M_K_FASTER },
	{ '-', "-", ALL, ACT_SLOWER, M_K_SLOWER },
	{ 'y', "y", KV(V_CHECKLIST), ACT_YES, M_K_YES },
	{ 'x', "x", KV(V_CHECKLIST), ACT_NO, M_K_NO },
	{ 's', "s", KV(V_CHECKLIST), ACT_SKIP, M_K_SKIP },
	{ 'n', "n", KV(V_CHECKLIST), ACT_NOTE, M_K_NOTE },
	{ 'r', "r", KV(V_CHECKLIST), ACT_RUN, M_K_RUN },
	{ 'a', "a", KV(V_CHECKLIST), ACT_OPT1, M_K_OPTION },
	{ 'b', "b", KV(V_CHECKLIST), ACT_OPT2, M_K_OPTION },
	{ 'c', "c", KV(V_CHECKLIST), ACT_OPT3, M_K_OPTION },
	{ 'd', "d", KV(V_CHECKLIST), ACT_OPT4, M_K_OPTION },
	{ 'e', "e", KV(V_CHECKLIST), ACT_OPT5, M_K_OPTION },
	{ 'f', "f", KV(V_CHECKLIST), ACT_OPT6, M_K_OPTION },
	{ 27, "Esc", ALL, ACT_CLOSE, M_K_CLOSE },
};
const int nkeytab = (int)(sizeof keytab / sizeof keytab[0]);

enum action key_lookup(int key, int view)
{
	for (int i = 0; i < nkeytab; i++)
		if (keytab[i].key == key && (keytab[i].views == 0 || (keytab[i].views & KV(view))))
			return keytab[i].act;
	return ACT_NONE;
}
