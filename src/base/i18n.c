/*
 * i18n.c - the program's own messages in English and German.
 */
#include "base/i18n.h"

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
	[M_A_OPEN] = { "open", "offen" },
	[M_A_YES] = { "yes", "ja" },
	[M_A_NO] = { "no", "nein" },
	[M_A_DONE] = { "done", "erledigt" },
	[M_A_FAILED] = { "failed / did not help", "fehlgeschlagen / half nicht" },
	[M_A_SKIPPED] = { "skipped", "übersprungen" },
	[M_BY_LOGS] = { "the logs", "die Logs" },
	[M_BY_STATUS] = { "the status command", "der Status-Befehl" },
	[M_BY_PING] = { "a ping run by tunneldoc", "ein von tunneldoc ausgeführter Ping" },
	[M_BY_TECHNICIAN] = { "the technician", "der Techniker" },
	[M_CL_START] = { "checklist started", "Checkliste begonnen" },
	[M_CL_MOVED] = { "new evidence: the checklist moved", "neue Belege: die Checkliste ist weitergegangen" },
	[M_CL_ANSWER] = { "answered", "beantwortet" },
	[M_CL_NOTE] = { "note", "Notiz" },
	[M_CL_REACHED] = { "conclusion reached", "Schlussfolgerung erreicht" },
	[M_CL_NO_FINDING] = { "no finding: starting with the situation (table 1-1)", "kein Befund: Beginn mit der Situation (Tabelle 1-1)" },
	[M_CL_NEXT_HINT] = { "y yes/done  x no/failed  s skip  a-f choose  r run  n note  ↑↓ move", "y ja/erledigt  x nein/fehlgeschlagen  s überspringen  a-f wählen  r ausführen  n Notiz  ↑↓ bewegen" },
	[M_CL_RUN_ASK] = { "Run on the gateway over SSH? (y/n): ", "Über SSH auf dem Gateway ausführen? (j/n): " },
	[M_CL_RUN_NONE] = { "nothing to run for this node", "für diesen Knoten gibt es nichts auszuführen" },
	[M_CL_RUNNING] = { "running", "läuft" },
	[M_CL_RUN_NOT_LIVE] = { "only in a live session (tunneldoc connect): do it on the gateway and answer", "nur in einer Live-Sitzung (tunneldoc connect): auf dem Gateway ausführen und antworten" },
	[M_CL_ECHO] = { "echo requests leaving %s: %d, arrived at %s (same ICMP ID/SEQ): %d", "Echo-Anfragen, die %s verlassen: %d, bei %s angekommen (gleiche ICMP-ID/SEQ): %d" },
	[M_CL_ECHO_LOST] = { "not arrived", "nicht angekommen" },
	[M_CL_STATUS_FROM] = { "status command", "Status-Befehl" },
	[M_CL_CHECK_ASK] = { "tunneldoc cannot tell from the evidence: please answer", "tunneldoc kann das aus den Belegen nicht entscheiden: bitte antworten" },
	[M_CL_CONCLUSION] = { "conclusion", "Schlussfolgerung" },
	[M_CL_ADDR_PROMPT] = { "internal addresses: local gateway, remote gateway (e.g. 10.1.0.1 10.2.0.1): ", "interne Adressen: lokales Gateway, entferntes Gateway (z. B. 10.1.0.1 10.2.0.1): " },
	[M_CL_OPTION_HINT] = { "choose with the keys a-f", "mit den Tasten a-f wählen" },
	[M_R_TITLE] = { "tunneldoc session report", "tunneldoc-Sitzungsbericht" },
	[M_R_CREATED] = { "created", "erstellt" },
	[M_R_GATEWAYS] = { "Gateways", "Gateways" },
	[M_R_CHECKLIST] = { "Checklist", "Checkliste" },
	[M_R_HISTORY] = { "History", "Verlauf" },
	[M_R_NOTES] = { "notes", "Notizen" },
	[M_R_TREE] = { "decision tree", "Entscheidungsbaum" },
	[M_R_WRITTEN] = { "report written", "Bericht geschrieben" },
	[M_R_CANNOT_WRITE] = { "cannot write the report", "kann den Bericht nicht schreiben" },
	[M_CL_COUNTERS] = { "SA packets during the ping", "SA-Pakete während des Pings" },
	[M_CL_CLIENT_RUN] = { "on a client in the local network, run: %s — then answer y (answered) or x (no answer)", "auf einem Client im lokalen Netz ausführen: %s — dann y (Antwort kommt) oder x (keine Antwort)" },
	[M_CL_RUN_FAILED] = { "cannot run it now: the gateway's SSH session is not streaming (see the status line); try again once it is", "jetzt nicht ausführbar: die SSH-Sitzung des Gateways läuft nicht (siehe Statuszeile); erneut versuchen, sobald sie läuft" },
	[M_CL_ADDR_BAD] = { "give two IP addresses separated by a blank, e.g. 10.1.0.1 10.2.0.1 (or --left-lan/--right-lan)", "zwei IP-Adressen durch ein Leerzeichen getrennt angeben, z. B. 10.1.0.1 10.2.0.1 (oder --left-lan/--right-lan)" },
	[M_CL_RAN] = { "finished", "beendet" },
	[M_CL_IN] = { "in", "ein" },
	[M_CL_OUT] = { "out", "aus" },
	[M_K_OPTION] = { "checklist: choose an answer of a question", "Checkliste: eine Antwort einer Frage wählen" },
	[M_K_RUN] = { "checklist: run the step's command on the gateways (asks first); elsewhere read their IPsec status again", "Checkliste: den Befehl des Schritts auf den Gateways ausführen (fragt vorher); sonst ihren IPsec-Status neu lesen" },
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

	/* cli */

	/* live */

	/* input */

	/* kb */

	/* model */

	/* config */
	[M_CF_OPEN] = { "cannot read the file: %s", "die Datei ist nicht lesbar: %s" },
	[M_CF_SYNTAX] = { "cannot make sense of this line (%s)", "diese Zeile ist unverständlich (%s)" },
	[M_CF_KV] = { "expected key=value inside a section, found '%s'", "key=value innerhalb eines Abschnitts erwartet, gefunden: '%s'" },
	[M_CF_OUTSIDE] = { "'%s' outside a section: indent it below 'conn NAME' or 'config setup'", "'%s' außerhalb eines Abschnitts: unter 'conn NAME' oder 'config setup' einrücken" },
	[M_CF_INCLUDE] = { "include matches no readable file: %s", "include findet keine lesbare Datei: %s" },
	[M_CF_DEPTH] = { "includes nested too deep (a loop?) at %s", "includes zu tief verschachtelt (eine Schleife?) bei %s" },
	[M_CF_UNCLOSED] = { "section '%s' is not closed: a '}' is missing", "Abschnitt '%s' ist nicht geschlossen: es fehlt eine '}'" },
	[M_CF_EXTRA_CLOSE] = { "'}' without an open section%s", "'}' ohne offenen Abschnitt%s" },
	[M_CF_ALSO_MISSING] = { "also=%s names no conn section", "also=%s nennt keinen conn-Abschnitt" },
	[M_CF_ALSO_LOOP] = { "also=%s includes itself (a loop)", "also=%s schließt sich selbst ein (eine Schleife)" },
	[M_CF_UNKNOWN_SYNTAX] = { "neither ipsec.conf (conn NAME) nor swanctl.conf (connections { }) syntax%s", "weder ipsec.conf- (conn NAME) noch swanctl.conf-Syntax (connections { })%s" },
	[M_CF_NO_CONN] = { "no connection defined%s", "keine Verbindung definiert%s" },
	[M_CF_LONG_LINE] = { "line longer than 4096 bytes%s", "Zeile länger als 4096 Bytes%s" },
	[M_CF_NO_TUNNEL] = { "cannot tell which connections are the two ends of the tunnel (left %s, right %s): no connection's peer address points at the other side; name them with --left-conn NAME --right-conn NAME", "es ist nicht zu erkennen, welche Verbindungen die beiden Enden des Tunnels sind (links %s, rechts %s): keine Gegenstellen-Adresse zeigt auf die andere Seite; mit --left-conn NAME --right-conn NAME angeben" },
	[M_CF_TITLE] = { "Configuration of both ends", "Konfiguration beider Enden" },
	[M_CF_SUMMARY] = { "%d differences, %d parameters left to a daemon's default on one side or both", "%d Unterschiede, %d Parameter auf einer oder beiden Seiten dem Standardwert des Daemons überlassen" },
	[M_CF_NOT_SET] = { "not set (the daemon's default applies; the file does not say which)", "nicht gesetzt (es gilt der Standardwert des Daemons; die Datei sagt nicht, welcher)" },
	[M_CF_DERIVED] = { "derived from", "abgeleitet aus" },
	[M_CF_EXPLAINS] = { "explains", "erklärt" },
	[M_CF_R_EQUAL] = { "equal", "gleich" },
	[M_CF_R_COMPATIBLE] = { "compatible", "verträglich" },
	[M_CF_R_DIFFERS] = { "DIFFERS", "UNTERSCHIED" },
	[M_CF_R_UNKNOWN] = { "not known", "unbekannt" },
	[M_CF_P_ADDR_LOCAL] = { "own address / peer address of the other", "eigene Adresse / Gegenstellen-Adresse der anderen Seite" },
	[M_CF_P_ADDR_REMOTE] = { "peer address / own address of the other", "Gegenstellen-Adresse / eigene Adresse der anderen Seite" },
	[M_CF_P_ID_LOCAL] = { "own ID / ID the other expects", "eigene ID / von der anderen Seite erwartete ID" },
	[M_CF_P_ID_REMOTE] = { "expected peer ID / own ID of the other", "erwartete ID der Gegenstelle / eigene ID der anderen Seite" },
	[M_CF_P_TS_LOCAL] = { "local network / remote network of the other", "lokales Netz / entferntes Netz der anderen Seite" },
	[M_CF_P_TS_REMOTE] = { "remote network / local network of the other", "entferntes Netz / lokales Netz der anderen Seite" },
	[M_CF_P_IKE_VERSION] = { "IKE version", "IKE-Version" },
	[M_CF_P_IKE_MODE] = { "aggressive mode (IKEv1)", "Aggressive Mode (IKEv1)" },
	[M_CF_P_IKE_PROPOSALS] = { "IKE proposals (phase 1)", "IKE-Vorschläge (Phase 1)" },
	[M_CF_P_ESP_PROPOSALS] = { "ESP proposals (phase 2)", "ESP-Vorschläge (Phase 2)" },
	[M_CF_P_PFS] = { "PFS (DH group of phase 2)", "PFS (DH-Gruppe der Phase 2)" },
	[M_CF_P_AUTH_LOCAL] = { "own authentication / expected by the other", "eigene Authentisierung / von der anderen Seite erwartet" },
	[M_CF_P_AUTH_REMOTE] = { "expected peer authentication / own of the other", "erwartete Authentisierung der Gegenstelle / eigene der anderen Seite" },
	[M_CF_P_ENCAP] = { "NAT-T / UDP encapsulation", "NAT-T / UDP-Kapselung" },
	[M_CF_P_DPD_DELAY] = { "DPD interval", "DPD-Intervall" },
	[M_CF_P_DPD_TIMEOUT] = { "DPD timeout", "DPD-Timeout" },
	[M_CF_P_DPD_ACTION] = { "DPD action", "DPD-Aktion" },
	[M_CF_P_IKE_LIFETIME] = { "IKE SA lifetime", "Lebensdauer der IKE-SA" },
	[M_CF_P_SA_LIFETIME] = { "IPsec SA lifetime", "Lebensdauer der IPsec-SA" },
	[M_CF_PART_ENC] = { "encryption", "Verschlüsselung" },
	[M_CF_PART_INTEG] = { "integrity", "Integrität" },
	[M_CF_PART_DH] = { "DH group", "DH-Gruppe" },
	[M_CF_SECRETS_NOTE] = { "pre-shared keys are not in these files (ipsec.secrets / swanctl secrets are never read): whether they match is not known from the configuration", "Pre-Shared Keys stehen nicht in diesen Dateien (ipsec.secrets / swanctl-secrets werden nie gelesen): ob sie übereinstimmen, ist aus der Konfiguration nicht bekannt" },

	/* diagnose */

	/* checklist */

	/* report */

	/* ui */

};

const char *msg(enum msg id, enum lang lang)
{
	const char *s;

	if (id < 0 || id >= M_COUNT)
		return "";
	s = table[id][lang == LANG_DE ? 1 : 0];
	return s != NULL ? s : (table[id][0] != NULL ? table[id][0] : "");
}

/* The next printf conversion in *s (its type letters), advancing *s; 0 at the end. */
static int next_conv(const char **s, char *out, size_t outsz)
{
	const char *p = *s;

	while ((p = strchr(p, '%')) != NULL) {
		size_t n = 0;

		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		/* flags, width, precision: '*' takes an argument, keep it */
		while (*p != '\0' && strchr("-+ #0123456789.*", *p) != NULL) {
			if (*p == '*' && n + 1 < outsz)
				out[n++] = '*';
			p++;
		}
		while (*p != '\0' && strchr("hljztL", *p) != NULL) {
			if (n + 1 < outsz)
				out[n++] = *p;
			p++;
		}
		if (*p != '\0' && n + 1 < outsz)
			out[n++] = *p++;
		out[n] = '\0';
		*s = p;
		return 1;
	}
	*s = NULL;
	return 0;
}

int msg_formats_agree(enum msg id)
{
	const char *en, *de;
	char ce[16], cd[16];

	if (id < 0 || id >= M_COUNT || table[id][0] == NULL || table[id][1] == NULL)
		return 0;
	en = table[id][0];
	de = table[id][1];
	for (;;) {
		int a = en != NULL && next_conv(&en, ce, sizeof ce);
		int b = de != NULL && next_conv(&de, cd, sizeof cd);

		if (a != b)
			return 0;
		if (!a)
			return 1;
		if (strcmp(ce, cd) != 0)
			return 0;
	}
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
