/*
 * i18n.c - the program's own messages in English and German.
 */
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

static const char *const table[M_COUNT][2] = {
	[M_USAGE_HINT] = { "run 'tunneldoc --help' for usage", "'tunneldoc --help' zeigt die Aufrufsyntax" },
	[M_CANNOT_READ] = { "cannot read", "kann nicht gelesen werden" },
	[M_EMPTY_INPUT] = { "is empty", "ist leer" },
	[M_KB_ERROR] = { "knowledge base error", "Fehler in der Wissensbasis" },
	[M_SIDE_LEFT] = { "left", "links" },
	[M_SIDE_RIGHT] = { "right", "rechts" },
	[M_ROLE_INITIATOR] = { "initiator", "Initiator" },
	[M_ROLE_RESPONDER] = { "responder", "Responder" },
	[M_ROLE_UNKNOWN] = { "role unknown", "Rolle unbekannt" },
	[M_DIALECT] = { "dialect", "Dialekt" },
	[M_LINES] = { "lines", "Zeilen" },
	[M_CONNECTIONS] = { "connections", "Verbindungen" },
	[M_PEERS] = { "peers", "Gegenstellen" },
	[M_CLOCK_OFFSET] = { "clock offset (right - left)", "Uhrenversatz (rechts - links)" },
	[M_RTT] = { "round-trip time", "Umlaufzeit" },
	[M_NOT_MEASURABLE] = { "not measurable (no matched messages in both directions)", "nicht messbar (keine zugeordneten Meldungen in beide Richtungen)" },
	[M_NEGOTIATION] = { "negotiation", "Aushandlung" },
	[M_STEP] = { "step", "Schritt" },
	[M_STATUS_OK] = { "ok", "ok" },
	[M_STATUS_LOST] = { "LOST: sent, never logged by the other side", "VERLOREN: gesendet, von der Gegenseite nie protokolliert" },
	[M_STATUS_UNLOGGED] = { "received (sending not logged)", "empfangen (Senden nicht protokolliert)" },
	[M_STATUS_NOLOG] = { "other side: no log", "Gegenseite: kein Log" },
	[M_STATUS_LOCAL] = { "local", "lokal" },
	[M_STATUS_ONESIDED] = { "logged by one side only", "nur auf einer Seite protokolliert" },
	[M_FINDINGS] = { "Findings", "Befunde" },
	[M_NO_FINDINGS] = { "No finding: the logs contain nothing the knowledge base recognises as a negotiation or an error.", "Kein Befund: Die Logs enthalten nichts, was die Wissensbasis als Aushandlung oder Fehler erkennt." },
	[M_EVIDENCE] = { "evidence", "Belege" },
	[M_REMEDIES] = { "what to do", "Abhilfe" },
	[M_CAUSES] = { "possible causes", "mögliche Ursachen" },
	[M_CHAPTER] = { "guide chapter", "Kapitel im Leitfaden" },
	[M_MENU] = { "menu", "Menü" },
	[M_MEANING] = { "meaning", "Bedeutung" },
	[M_NOTHING_LOGGED] = { "nothing logged about this negotiation", "zu dieser Aushandlung nichts protokolliert" },
	[M_NO_LOG] = { "no log for this side", "kein Log für diese Seite" },
	[M_TIMES] = { "times", "mal" },
	[M_RETRANSMITTED] = { "retransmitted", "wiederholt gesendet" },
	[M_DUPLICATES] = { "duplicates received", "Duplikate empfangen" },
	[M_ALTERNATIVES] = { "also possible", "ebenfalls möglich" },
	[M_DIFF] = { "initiator vs. responder", "Initiator vs. Responder" },
	[M_SPI_CONSISTENT] = { "SPIs consistent: each side's outbound SPI is the other side's inbound SPI", "SPIs konsistent: der ausgehende SPI jeder Seite ist der eingehende der anderen" },
	[M_SPI_INCONSISTENT] = { "SPIs inconsistent: the two sides disagree about the IPsec SAs", "SPIs inkonsistent: die beiden Seiten haben unterschiedliche IPsec SAs" },
	[M_TRUNCATED_LINES] = { "overlong lines truncated", "überlange Zeilen gekürzt" },
	[M_BINARY_LINES] = { "lines with binary data", "Zeilen mit Binärdaten" },
	[M_TIME_BACKWARDS] = { "timestamps going backwards", "rückwärts laufende Zeitstempel" },
	[M_UNPAIRED] = { "no counterpart on the other side", "kein Gegenstück auf der anderen Seite" },
	[M_LADDER] = { "Exchange ladder", "Austausch (Leiter)" },
	[M_AND_MORE] = { "more", "weitere" },
	[M_CAUSE] = { "cause", "Ursache" },
	[M_LEFT_ONLY] = { "only one log given: the other side's view is missing", "nur ein Log angegeben: die Sicht der Gegenseite fehlt" },
	[M_COMMAND] = { "command", "Befehl" },
	[M_DIALECT_GUESS] = { "no dialect recognised, using", "kein Dialekt erkannt, verwende" },
};

const char *msg(enum msg id, enum lang lang)
{
	const char *s;

	if (id < 0 || id >= M_COUNT)
		return "";
	s = table[id][lang == LANG_DE ? 1 : 0];
	return s != NULL ? s : (table[id][0] != NULL ? table[id][0] : "");
}

const char *txt(const struct text *t, enum lang lang)
{
	const char *s;

	if (t == NULL)
		return "";
	s = lang == LANG_DE ? t->de : t->en;
	if (s == NULL || *s == '\0')
		s = lang == LANG_DE ? t->en : t->de;
	return s != NULL ? s : "";
}

enum lang lang_from(const char *opt)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	if (opt != NULL)
		return strncmp(opt, "de", 2) == 0 ? LANG_DE : LANG_EN;
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && *v != '\0')
			return strncmp(v, "de", 2) == 0 ? LANG_DE : LANG_EN;
	}
	return LANG_EN;
}

const char *lang_code(enum lang lang)
{
	return lang == LANG_DE ? "de" : "en";
}
