/*
 * keys.h - the one key table: it drives dispatch and the help view, so
 * the help can never disagree with what the keys do.
 */
#ifndef TD_KEYS_H
#define TD_KEYS_H

#include "base/i18n.h"

enum action {
	ACT_NONE, ACT_QUIT, ACT_VIEW_SBS, ACT_VIEW_LADDER, ACT_VIEW_FINDINGS,
	ACT_VIEW_CHECKLIST, ACT_VIEW_CONFIG, ACT_VIEW_HELP, ACT_NEXT_VIEW, ACT_UP, ACT_DOWN,
	ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_PANE_LEFT, ACT_PANE_RIGHT,
	ACT_LOCK, ACT_FOLLOW, ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV,
	ACT_ERRORS, ACT_CONN, ACT_REGEX, ACT_MARK, ACT_NEXT_MARK, ACT_ENTER,
	ACT_PAUSE, ACT_FASTER, ACT_SLOWER, ACT_YES, ACT_NO, ACT_SKIP, ACT_NOTE,
	ACT_CLOSE, ACT_RUN, ACT_OPT1, ACT_OPT2, ACT_OPT3, ACT_OPT4, ACT_OPT5,
	ACT_OPT6, ACT_SCROLL_LEFT, ACT_SCROLL_RIGHT, ACT_FULL_LINES, ACT_DETAIL_UP,
	ACT_DETAIL_DOWN, ACT_COUNT
};

/* The views a key works in (bits of enum view_id); 0: everywhere. */
#define KV(v) (1u << (v))

struct keydef {
	int key;                 /* curses key code */
	const char *label;       /* as shown in help ("q", "PgUp") */
	unsigned views;
	enum action act;
	enum msg help;
	unsigned char only;      /* 0 both languages, KL_EN or KL_DE only */
};

/* Keys of one language: in German j/n answer yes/no (ja/nein) and N
 * writes a note; in English y/x answer and n writes the note. */
#define KL_EN 1
#define KL_DE 2
/* The key works for lang. */
#define KEY_FOR_LANG(k, lang) ((k)->only == 0 || (k)->only == ((lang) == LANG_DE ? KL_DE : KL_EN))

extern const struct keydef keytab[];
extern const int nkeytab;

/* The action for key in view for a technician of lang (or ACT_NONE). */
enum action key_lookup(int key, int view, enum lang lang);

#endif
