/*
 * i18n.h - German and English. Knowledge texts come from kb/ as pairs
 * (struct text); the program's own messages are in the table of i18n.c,
 * addressed by an id, so every message exists in both languages.
 */
#ifndef TD_I18N_H
#define TD_I18N_H

enum lang { LANG_EN = 0, LANG_DE = 1 };

struct text {
	char *de;
	char *en;
};

/* The text in lang, falling back to the other language, then "". */
const char *txt(const struct text *t, enum lang lang);

/* The language from --lang (may be NULL) or else the locale variables. */
enum lang lang_from(const char *opt);
const char *lang_code(enum lang lang);

enum msg {
	M_USAGE_HINT, M_CANNOT_READ, M_EMPTY_INPUT, M_KB_ERROR,
	M_SIDE_LEFT, M_SIDE_RIGHT, M_ROLE_INITIATOR, M_ROLE_RESPONDER,
	M_ROLE_UNKNOWN, M_DIALECT, M_LINES, M_CONNECTIONS, M_PEERS,
	M_CLOCK_OFFSET, M_RTT, M_NOT_MEASURABLE, M_NEGOTIATION, M_STEP,
	M_STATUS_OK, M_STATUS_LOST, M_STATUS_UNLOGGED, M_STATUS_NOLOG,
	M_STATUS_LOCAL, M_STATUS_ONESIDED, M_FINDINGS, M_NO_FINDINGS,
	M_EVIDENCE, M_REMEDIES, M_CAUSES, M_CHAPTER, M_MENU, M_MEANING,
	M_NOTHING_LOGGED, M_NO_LOG, M_TIMES, M_RETRANSMITTED, M_DUPLICATES,
	M_ALTERNATIVES, M_DIFF, M_SPI_CONSISTENT, M_SPI_INCONSISTENT,
	M_TRUNCATED_LINES, M_BINARY_LINES, M_TIME_BACKWARDS, M_UNPAIRED,
	M_LADDER, M_AND_MORE, M_CAUSE, M_LEFT_ONLY, M_COMMAND, M_DIALECT_GUESS,
	M_COUNT
};

const char *msg(enum msg id, enum lang lang);

#endif
