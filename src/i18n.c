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
	[M_V_SBS] = { "side by side", "Gegenüberstellung" },
	[M_V_LADDER] = { "ladder", "Leiter" },
	[M_V_FINDINGS] = { "findings", "Befunde" },
	[M_V_CHECKLIST] = { "checklist", "Checkliste" },
	[M_V_HELP] = { "help", "Hilfe" },
	[M_K_QUIT] = { "quit", "beenden" },
	[M_K_VIEWS] = { "views: side by side, ladder, findings, checklist, help", "Ansichten: Gegenüberstellung, Leiter, Befunde, Checkliste, Hilfe" },
	[M_K_NEXT_VIEW] = { "next view", "nächste Ansicht" },
	[M_K_UPDOWN] = { "line up / down", "Zeile hoch / runter" },
	[M_K_PAGE] = { "page up / down", "Seite hoch / runter" },
	[M_K_HOMEEND] = { "first / last line", "erste / letzte Zeile" },
	[M_K_PANE] = { "scroll the left or right side alone (unlocked)", "linke oder rechte Seite einzeln scrollen (entkoppelt)" },
	[M_K_LOCK] = { "lock / unlock the two sides", "beide Seiten koppeln / entkoppeln" },
	[M_K_FOLLOW] = { "follow new lines", "neuen Zeilen folgen" },
	[M_K_SEARCH] = { "search both sides (regular expression)", "beide Seiten durchsuchen (regulärer Ausdruck)" },
	[M_K_SEARCH_NEXT] = { "next match", "nächster Treffer" },
	[M_K_SEARCH_PREV] = { "previous match", "vorheriger Treffer" },
	[M_K_ERRORS] = { "errors and warnings only", "nur Fehler und Warnungen" },
	[M_K_CONN] = { "filter to one connection (cycles)", "auf eine Verbindung filtern (wechselt)" },
	[M_K_REGEX] = { "filter by regular expression", "nach regulärem Ausdruck filtern" },
	[M_K_MARK] = { "mark / unmark the line", "Zeile markieren / Markierung entfernen" },
	[M_K_NEXT_MARK] = { "next mark", "nächste Markierung" },
	[M_K_ENTER] = { "details / jump to evidence", "Details / zum Beleg springen" },
	[M_K_PAUSE] = { "pause / resume the replay", "Wiedergabe anhalten / fortsetzen" },
	[M_K_FASTER] = { "replay faster", "Wiedergabe schneller" },
	[M_K_SLOWER] = { "replay slower", "Wiedergabe langsamer" },
	[M_K_YES] = { "checklist: done / yes", "Checkliste: erledigt / ja" },
	[M_K_NO] = { "checklist: failed / no", "Checkliste: fehlgeschlagen / nein" },
	[M_K_SKIP] = { "checklist: skip", "Checkliste: überspringen" },
	[M_K_NOTE] = { "checklist: write a note", "Checkliste: Notiz schreiben" },
	[M_K_CLOSE] = { "close details / prompt", "Details / Eingabe schließen" },
	[M_K_HELP] = { "this help", "diese Hilfe" },
	[M_U_FOLLOW] = { "follow", "folgen" },
	[M_U_PAUSED] = { "paused", "angehalten" },
	[M_U_LOCKED] = { "locked", "gekoppelt" },
	[M_U_UNLOCKED] = { "unlocked", "entkoppelt" },
	[M_U_LOADING] = { "loading", "lädt" },
	[M_U_TOP] = { "top finding", "wichtigster Befund" },
	[M_U_NONE] = { "none yet", "noch keiner" },
	[M_U_SEARCH_PROMPT] = { "search: ", "Suche: " },
	[M_U_REGEX_PROMPT] = { "filter (regular expression, empty: off): ", "Filter (regulärer Ausdruck, leer: aus): " },
	[M_U_NOTE_PROMPT] = { "note: ", "Notiz: " },
	[M_U_NOT_FOUND] = { "not found", "nicht gefunden" },
	[M_U_BAD_REGEX] = { "not a valid regular expression", "kein gültiger regulärer Ausdruck" },
	[M_U_TOO_SMALL] = { "terminal too small: at least 40x8", "Terminal zu klein: mindestens 40x8" },
	[M_U_FILTER] = { "filter", "Filter" },
	[M_U_ERRORS_ONLY] = { "errors only", "nur Fehler" },
	[M_U_ALL_CONNS] = { "all connections", "alle Verbindungen" },
	[M_U_NO_LOG] = { "(no log)", "(kein Log)" },
	[M_U_SPEED] = { "speed", "Tempo" },
	[M_U_STATE_OPEN] = { "open", "offen" },
	[M_U_STATE_EVIDENCE] = { "answered by evidence", "durch Belege beantwortet" },
	[M_U_STATE_DONE] = { "done (technician)", "erledigt (Techniker)" },
	[M_U_STATE_FAILED] = { "failed (technician)", "fehlgeschlagen (Techniker)" },
	[M_U_STATE_SKIPPED] = { "skipped", "übersprungen" },
	[M_U_CHECKLIST_NOTE] = { "The checklist follows the top finding: its conclusion (answered by the evidence) and the guide's remedies as steps to do and confirm.", "Die Checkliste folgt dem wichtigsten Befund: seine Schlussfolgerung (durch Belege beantwortet) und die Abhilfen des Leitfadens als Schritte zum Ausführen und Bestätigen." },
	[M_U_NO_FINDING_YET] = { "No finding yet: the checklist starts when the logs show a problem or a working tunnel.", "Noch kein Befund: die Checkliste beginnt, sobald die Logs ein Problem oder einen funktionierenden Tunnel zeigen." },
	[M_U_EVIDENCE_KEY] = { "Enter: jump to evidence", "Enter: zum Beleg springen" },
	[M_U_LINE] = { "line", "Zeile" },
	[M_U_REPLAY_DONE] = { "replay finished", "Wiedergabe beendet" },
	[M_U_HOSTKEY_ASK] = { "unknown host key - compare the fingerprint with the gateway's console. Accept and remember it? y/n", "unbekannter Host-Schlüssel - Fingerprint mit der Konsole des Gateways vergleichen. Annehmen und speichern? j/n" },
	[M_U_PASSWORD_PROMPT] = { "password (not stored): ", "Passwort (wird nicht gespeichert): " },
	[M_U_HELP_TITLE] = { "Keys", "Tasten" },
	[M_U_KEY] = { "key", "Taste" },
	[M_U_ACTION] = { "action", "Aktion" },
	[M_U_MARKED] = { "marked", "markiert" },
	[M_U_CONN_FILTER] = { "connection", "Verbindung" },
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

int msg_complete(enum msg id)
{
	if (id < 0 || id >= M_COUNT)
		return 0;
	return table[id][0] != NULL && table[id][0][0] != '\0' && table[id][1] != NULL && table[id][1][0] != '\0';
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
