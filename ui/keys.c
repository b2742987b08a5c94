/*
 * keys.c - the key table (see keys.h).
 */
#include "keys.h"

#include <curses.h>

#include "view.h"

#define ALL 0u
#define SBS KV(V_SBS)
#define LIST (KV(V_SBS) | KV(V_LADDER) | KV(V_FINDINGS) | KV(V_CHECKLIST) | KV(V_CONFIG) | KV(V_HELP))

const struct keydef keytab[] = {
	{ 'q', "q", ALL, ACT_QUIT, M_K_QUIT, 0 },
	{ '1', "1", ALL, ACT_VIEW_SBS, M_K_VIEWS, 0 },
	{ '2', "2", ALL, ACT_VIEW_LADDER, M_K_VIEWS, 0 },
	{ '3', "3", ALL, ACT_VIEW_FINDINGS, M_K_VIEWS, 0 },
	{ '4', "4", ALL, ACT_VIEW_CHECKLIST, M_K_VIEWS, 0 },
	{ '5', "5", ALL, ACT_VIEW_CONFIG, M_K_VIEWS, 0 },
	{ '?', "?", ALL, ACT_VIEW_HELP, M_K_HELP, 0 },
	{ KEY_F(1), "F1", ALL, ACT_VIEW_HELP, M_K_HELP, 0 },
	{ 'h', "h", ALL, ACT_VIEW_HELP, M_K_HELP, 0 },
	{ '\t', "Tab", ALL, ACT_NEXT_VIEW, M_K_NEXT_VIEW, 0 },
	{ KEY_UP, "Up", LIST, ACT_UP, M_K_UPDOWN, 0 },
	{ 'k', "k", LIST, ACT_UP, M_K_UPDOWN, 0 },
	{ KEY_DOWN, "Down", LIST, ACT_DOWN, M_K_UPDOWN, 0 },
	{ 'j', "j", KV(V_CHECKLIST), ACT_YES, M_K_YES, KL_DE },
	{ 'n', "n", KV(V_CHECKLIST), ACT_NO, M_K_NO, KL_DE },
	{ 'N', "N", KV(V_CHECKLIST), ACT_NOTE, M_K_NOTE, KL_DE },
	{ 'j', "j", LIST, ACT_DOWN, M_K_UPDOWN, 0 },
	{ KEY_PPAGE, "PgUp", KV(V_FINDINGS), ACT_DETAIL_UP, M_K_DETAIL_SCROLL, 0 },
	{ KEY_NPAGE, "PgDn", KV(V_FINDINGS), ACT_DETAIL_DOWN, M_K_DETAIL_SCROLL, 0 },
	{ ' ', "Space", KV(V_FINDINGS), ACT_DETAIL_DOWN, M_K_DETAIL_SCROLL, 0 },
	{ KEY_PPAGE, "PgUp", LIST & ~KV(V_FINDINGS), ACT_PGUP, M_K_PAGE, 0 },
	{ KEY_NPAGE, "PgDn", LIST & ~KV(V_FINDINGS), ACT_PGDN, M_K_PAGE, 0 },
	{ ' ', "Space", KV(V_HELP) | KV(V_LADDER), ACT_PGDN, M_K_PAGE, 0 },
	{ KEY_HOME, "Home", LIST, ACT_HOME, M_K_HOMEEND, 0 },
	{ 'g', "g", LIST, ACT_HOME, M_K_HOMEEND, 0 },
	{ KEY_END, "End", LIST, ACT_END, M_K_HOMEEND, 0 },
	{ 'G', "G", LIST, ACT_END, M_K_HOMEEND, 0 },
	{ KEY_LEFT, "Left", SBS, ACT_PANE_LEFT, M_K_PANE, 0 },
	{ KEY_RIGHT, "Right", SBS, ACT_PANE_RIGHT, M_K_PANE, 0 },
	{ 'l', "l", SBS, ACT_PANE_RIGHT, M_K_PANE, 0 },
	{ '<', "<", SBS, ACT_SCROLL_LEFT, M_K_HSCROLL, 0 },
	{ '>', ">", SBS, ACT_SCROLL_RIGHT, M_K_HSCROLL, 0 },
	{ KEY_SLEFT, "S-Left", SBS, ACT_SCROLL_LEFT, M_K_HSCROLL, 0 },
	{ KEY_SRIGHT, "S-Right", SBS, ACT_SCROLL_RIGHT, M_K_HSCROLL, 0 },
	{ 'w', "w", SBS, ACT_FULL_LINES, M_K_FULL_LINES, 0 },
	{ 'L', "L", SBS, ACT_LOCK, M_K_LOCK, 0 },
	{ 'F', "F", SBS, ACT_FOLLOW, M_K_FOLLOW, 0 },
	{ '/', "/", ALL, ACT_SEARCH, M_K_SEARCH, 0 },
	{ 'n', "n", SBS, ACT_SEARCH_NEXT, M_K_SEARCH_NEXT, 0 },
	{ 'N', "N", SBS, ACT_SEARCH_PREV, M_K_SEARCH_PREV, 0 },
	{ 'e', "e", SBS, ACT_ERRORS, M_K_ERRORS, 0 },
	{ 'c', "c", SBS, ACT_CONN, M_K_CONN, 0 },
	{ '|', "|", SBS, ACT_REGEX, M_K_REGEX, 0 },
	{ 'm', "m", SBS, ACT_MARK, M_K_MARK, 0 },
	{ '\'', "'", SBS, ACT_NEXT_MARK, M_K_NEXT_MARK, 0 },
	{ '\n', "Enter", KV(V_SBS) | KV(V_LADDER) | KV(V_FINDINGS), ACT_ENTER, M_K_ENTER, 0 },
	{ KEY_ENTER, "Enter", KV(V_SBS) | KV(V_LADDER) | KV(V_FINDINGS), ACT_ENTER, M_K_ENTER, 0 },
	{ 'p', "p", ALL, ACT_PAUSE, M_K_PAUSE, 0 },
	{ '+', "+", ALL, ACT_FASTER, M_K_FASTER, 0 },
	{ '-', "-", ALL, ACT_SLOWER, M_K_SLOWER, 0 },
	{ 'y', "y", KV(V_CHECKLIST), ACT_YES, M_K_YES, 0 },
	{ 'x', "x", KV(V_CHECKLIST), ACT_NO, M_K_NO, 0 },
	{ 's', "s", KV(V_CHECKLIST), ACT_SKIP, M_K_SKIP, 0 },
	{ 'n', "n", KV(V_CHECKLIST), ACT_NOTE, M_K_NOTE, KL_EN },
	{ 'r', "r", KV(V_CHECKLIST), ACT_RUN, M_K_RUN, 0 },
	{ 'a', "a", KV(V_CHECKLIST), ACT_OPT1, M_K_OPTION, 0 },
	{ 'b', "b", KV(V_CHECKLIST), ACT_OPT2, M_K_OPTION, 0 },
	{ 'c', "c", KV(V_CHECKLIST), ACT_OPT3, M_K_OPTION, 0 },
	{ 'd', "d", KV(V_CHECKLIST), ACT_OPT4, M_K_OPTION, 0 },
	{ 'e', "e", KV(V_CHECKLIST), ACT_OPT5, M_K_OPTION, 0 },
	{ 'f', "f", KV(V_CHECKLIST), ACT_OPT6, M_K_OPTION, 0 },
	{ 27, "Esc", ALL, ACT_CLOSE, M_K_CLOSE, 0 },
};
const int nkeytab = (int)(sizeof keytab / sizeof keytab[0]);

enum action key_lookup(int key, int view, enum lang lang)
{
	for (int i = 0; i < nkeytab; i++)
		if (keytab[i].key == key && (keytab[i].views == 0 || (keytab[i].views & KV(view))) && KEY_FOR_LANG(&keytab[i], lang))
			return keytab[i].act;
	return ACT_NONE;
}
