/*
 * i18n_plural.c - the singular forms of the count messages. A count
 * message's text in the table (i18n.c) is its form for every count but
 * one ("%llu lines", "%llu Zeilen"; English and German both say "0 lines",
 * "0 Zeilen"); this table holds its form for exactly one ("%llu line",
 * "%llu Zeile"). msg_n() chooses. A form for one must take the same
 * printf arguments as the other form (msg_plural_ok, checked by unit.i18n).
 */
#include "base/i18n.h"
#include "base/i18n_tab.h"

#include <stddef.h>

static const char *const one[M_COUNT][2] = {
	[M_LINES] = { "line", "Zeile" },
	[M_R_LINES_N] = { "%llu line", "%llu Zeile" },
	[M_TRUNCATED_LINES] = { "overlong line truncated", "überlange Zeile gekürzt" },
	[M_BINARY_LINES] = { "line with binary data", "Zeile mit Binärdaten" },
	[M_TIME_BACKWARDS] = { "timestamp going backwards", "rückwärts laufender Zeitstempel" },
	[M_TIMES] = { "time", "mal" },
	[M_MORE_NEGOS] = { "(%d more negotiation)", "(%d weitere Aushandlung)" },
	[M_CF_SUMMARY] = { "%d difference", "%d Unterschied" },
	[M_CF_DEFAULTS] = { "%d parameter left to a daemon's default on one side or both",
	    "%d Parameter auf einer oder beiden Seiten dem Standardwert des Daemons überlassen" },
	[M_PROGRESS_WITHHELD] = { "%d finding held back until the answer is overdue",
	    "%d Befund zurückgehalten, bis die Antwort überfällig ist" },
	[M_LV_ST_RECONNECTED] = { "live (reconnected %d time)", "live (%d-mal neu verbunden)" },
	[M_U_FILE_SHRANK] = { " %s shrank while it was read (truncated or rotated): %llu of %llu byte read, shown as read",
	    " %s ist beim Lesen geschrumpft (gekürzt oder rotiert): %llu von %llu Byte gelesen und so angezeigt" },
};

const char *msg_one(enum msg id, enum lang lang)
{
	if (id < 0 || id >= M_COUNT)
		return NULL;
	return one[id][lang == LANG_DE ? 1 : 0];
}

const char *msg_n(enum msg id, unsigned long long n, enum lang lang)
{
	const char *s = n == 1 ? msg_one(id, lang) : NULL;

	return s != NULL ? s : msg(id, lang);
}

int msg_plural_ok(enum msg id)
{
	const char *en = msg_one(id, LANG_EN), *de = msg_one(id, LANG_DE);

	if (en == NULL && de == NULL)
		return 1;
	return en != NULL && de != NULL && en[0] != '\0' && de[0] != '\0' &&
	    i18n_formats_agree(en, msg_entry(id, LANG_EN)) && i18n_formats_agree(de, msg_entry(id, LANG_DE)) &&
	    i18n_formats_agree(en, de);
}
