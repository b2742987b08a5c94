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
	/* console */
	M_V_SBS, M_V_LADDER, M_V_FINDINGS, M_V_CHECKLIST, M_V_HELP,
	M_K_QUIT, M_K_VIEWS, M_K_NEXT_VIEW, M_K_UPDOWN, M_K_PAGE, M_K_HOMEEND, M_K_PANE,
	M_K_LOCK, M_K_FOLLOW, M_K_SEARCH, M_K_SEARCH_NEXT, M_K_SEARCH_PREV, M_K_ERRORS,
	M_K_CONN, M_K_REGEX, M_K_MARK, M_K_NEXT_MARK, M_K_ENTER, M_K_PAUSE, M_K_FASTER,
	M_K_SLOWER, M_K_YES, M_K_NO, M_K_SKIP, M_K_NOTE, M_K_CLOSE, M_K_HELP,
	M_U_FOLLOW, M_U_PAUSED, M_U_LOCKED, M_U_UNLOCKED, M_U_LOADING, M_U_TOP, M_U_NONE,
	M_U_SEARCH_PROMPT, M_U_REGEX_PROMPT, M_U_NOTE_PROMPT, M_U_NOT_FOUND, M_U_BAD_REGEX,
	M_U_TOO_SMALL, M_U_FILTER, M_U_ERRORS_ONLY, M_U_ALL_CONNS, M_U_NO_LOG, M_U_SPEED,
	M_U_STATE_OPEN, M_U_STATE_EVIDENCE, M_U_STATE_DONE, M_U_STATE_FAILED, M_U_STATE_SKIPPED,
	M_U_CHECKLIST_NOTE, M_U_NO_FINDING_YET, M_U_EVIDENCE_KEY, M_U_LINE, M_U_REPLAY_DONE,
	M_U_HELP_TITLE, M_U_HOSTKEY_ASK, M_U_PASSWORD_PROMPT, M_U_KEY, M_U_ACTION, M_U_MARKED, M_U_CONN_FILTER,
	/* checklist and report */
	M_A_OPEN, M_A_YES, M_A_NO, M_A_DONE, M_A_FAILED, M_A_SKIPPED,
	M_BY_LOGS, M_BY_STATUS, M_BY_PING, M_BY_TECHNICIAN,
	M_CL_START, M_CL_MOVED, M_CL_ANSWER, M_CL_NOTE, M_CL_REACHED, M_CL_NO_FINDING,
	M_CL_NEXT_HINT, M_CL_RUN_ASK, M_CL_RUN_NONE, M_CL_RUNNING, M_CL_RUN_NOT_LIVE,
	M_CL_ECHO, M_CL_ECHO_LOST, M_CL_STATUS_FROM, M_CL_CHECK_ASK, M_CL_CONCLUSION,
	M_CL_ADDR_PROMPT, M_CL_OPTION_HINT,
	M_R_TITLE, M_R_CREATED, M_R_GATEWAYS, M_R_CHECKLIST, M_R_HISTORY, M_R_NOTES, M_R_TREE,
	M_R_WRITTEN, M_R_CANNOT_WRITE, M_K_RUN, M_K_OPTION, M_CL_COUNTERS, M_CL_IN, M_CL_OUT, M_CL_CLIENT_RUN, M_CL_RAN, M_CL_RUN_FAILED, M_CL_ADDR_BAD,

	/* cli: messages of src/cli/ */

	/* live: messages of src/live/ */

	/* input: messages of src/input/ */

	/* kb: messages of src/kb/ */

	/* model: messages of src/model/ */

	/* config: messages of src/config/ */
	M_CF_OPEN, M_CF_SYNTAX, M_CF_KV, M_CF_OUTSIDE, M_CF_INCLUDE, M_CF_DEPTH, M_CF_UNCLOSED,
	M_CF_EXTRA_CLOSE, M_CF_ALSO_MISSING, M_CF_ALSO_LOOP, M_CF_UNKNOWN_SYNTAX, M_CF_NO_CONN,
	M_CF_LONG_LINE, M_CF_NO_TUNNEL, M_CF_TITLE, M_CF_SUMMARY, M_CF_NOT_SET, M_CF_DERIVED,
	M_CF_EXPLAINS, M_CF_R_EQUAL, M_CF_R_COMPATIBLE, M_CF_R_DIFFERS, M_CF_R_UNKNOWN,
	M_CF_P_ADDR_LOCAL, M_CF_P_ADDR_REMOTE, M_CF_P_ID_LOCAL, M_CF_P_ID_REMOTE, M_CF_P_TS_LOCAL,
	M_CF_P_TS_REMOTE, M_CF_P_IKE_VERSION, M_CF_P_IKE_MODE, M_CF_P_IKE_PROPOSALS, M_CF_P_ESP_PROPOSALS,
	M_CF_P_PFS, M_CF_P_AUTH_LOCAL, M_CF_P_AUTH_REMOTE, M_CF_P_ENCAP, M_CF_P_DPD_DELAY, M_CF_P_DPD_TIMEOUT,
	M_CF_P_DPD_ACTION, M_CF_P_IKE_LIFETIME, M_CF_P_SA_LIFETIME, M_CF_PART_ENC, M_CF_PART_INTEG, M_CF_PART_DH,
	M_CF_SECRETS_NOTE,

	/* diagnose: messages of src/diagnose/ */

	/* checklist: messages of src/checklist/ */

	/* report: messages of src/report/ */

	/* ui: messages of the console */

	M_COUNT
};

const char *msg(enum msg id, enum lang lang);
/* 1 when the table holds a non-empty English and German text for id. */
int msg_complete(enum msg id);
/*
 * 1 when the English and German texts of id take the same printf
 * arguments (the same conversions in the same order); tests/unit checks
 * every message, so a German format is checked as the English one is.
 */
int msg_formats_agree(enum msg id);

#endif
