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
	[M_STATUS_LOST] = { "LOST: sent, never logged by the other side", "VERLOREN: gesendet, von der Gegenstelle nie protokolliert" },
	[M_STATUS_UNLOGGED] = { "received (sending not logged)", "empfangen (Senden nicht protokolliert)" },
	[M_STATUS_NOLOG] = { "other side: no log", "Gegenstelle: kein Log" },
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
	[M_LADDER] = { "Exchange ladder", "Ablauf des Austauschs" },
	[M_AND_MORE] = { "more", "weitere" },
	[M_CAUSE] = { "cause", "Ursache" },
	[M_V_SBS] = { "side by side", "Gegenüberstellung" },
	[M_V_LADDER] = { "ladder", "Ablauf" },
	[M_V_FINDINGS] = { "findings", "Befunde" },
	[M_V_CHECKLIST] = { "checklist", "Checkliste" },
	[M_V_HELP] = { "help", "Hilfe" },
	[M_K_QUIT] = { "quit", "beenden" },
	[M_K_VIEWS] = { "views: side by side, ladder, findings, checklist, help", "Ansichten: Gegenüberstellung, Ablauf, Befunde, Checkliste, Hilfe" },
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
	[M_CL_NEXT_HINT] = { "y yes/done  x no/failed  s skip  a-f choose  r run  n note  ↑↓ move", "j ja/erledigt  n nein/fehlgeschlagen  s überspringen  a-f wählen  r ausführen  N Notiz  ↑↓ bewegen" },
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
	[M_CL_CLIENT_RUN] = { "on a client in the local network, run: %s — then answer y (answered) or x (no answer)", "auf einem Client im lokalen Netz ausführen: %s — dann j (Antwort kommt) oder n (keine Antwort)" },
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
	[M_LEFT_ONLY] = { "only one log given: the other side's view is missing", "nur ein Log angegeben: die Sicht der Gegenstelle fehlt" },
	[M_COMMAND] = { "command", "Befehl" },
	[M_DIALECT_GUESS] = { "no dialect recognised, using", "kein Dialekt erkannt, verwende" },

	/* cli */
	[M_CLI_BAD_BACKLOG] = { "--backlog takes a number of lines, not '%s'",
	    "--backlog erwartet eine Zeilenzahl, nicht '%s'" },
	[M_CLI_BAD_CONNECT_TIMEOUT] = { "--connect-timeout takes 1 to 600 seconds, not '%s'",
	    "--connect-timeout erwartet 1 bis 600 Sekunden, nicht '%s'" },
	[M_CLI_BAD_DIALECT] = { "unknown dialect '%s' (see 'tunneldoc kb-check --list')",
	    "unbekannter Dialekt '%s' (siehe 'tunneldoc kb-check --list')" },
	[M_CLI_BAD_DURATION] = { "--duration takes seconds (up to 86400), not '%s'",
	    "--duration erwartet Sekunden (bis 86400), nicht '%s'" },
	[M_CLI_BAD_JUMP] = { "--jump takes [user@]host[:port] without blanks or shell characters and not starting with '-', not '%s'",
	    "--jump erwartet [benutzer@]host[:port] ohne Leerzeichen oder Shell-Zeichen und nicht mit '-' am Anfang, nicht '%s'" },
	[M_CLI_BAD_LAN] = { "--left-lan/--right-lan take an IP address, not '%s'",
	    "--left-lan/--right-lan erwarten eine IP-Adresse, nicht '%s'" },
	[M_CLI_BAD_LANG] = { "--lang takes 'de' or 'en', not '%s' (--lang erwartet 'de' oder 'en')",
	    "--lang erwartet 'de' oder 'en', nicht '%s' (--lang takes 'de' or 'en')" },
	[M_CLI_BAD_NEGOTIATIONS] = { "--negotiations takes a number from 1 to 100000, not '%s'",
	    "--negotiations erwartet eine Zahl von 1 bis 100000, nicht '%s'" },
	[M_CLI_BAD_SPEED] = { "--speed takes a factor above 0 and up to 1024, not '%s'",
	    "--speed erwartet einen Faktor über 0 und bis 1024, nicht '%s'" },
	[M_CLI_BAD_TIMEOUT] = { "--timeout (snapshot) takes 1 to 3600 seconds, not '%s'",
	    "--timeout (snapshot) erwartet 1 bis 3600 Sekunden, nicht '%s'" },
	[M_CLI_BAD_WIDTH] = { "--width takes a number from 40 to 1000, not '%s'",
	    "--width erwartet eine Zahl von 40 bis 1000, nicht '%s'" },
	[M_CLI_BOOK_EMPTY] = { "The site book %s is %s; format: 'tunneldoc sites --help'\n",
	    "Das Standortbuch %s ist %s; Format: 'tunneldoc sites --help'\n" },
	[M_CLI_BOOK_NOT_THERE] = { "not there",
	    "nicht angelegt" },
	[M_CLI_BOOK_NO_SITES] = { "empty",
	    "leer" },
	[M_CLI_CANNOT_SAVE_CHECKLIST] = { "cannot write %s (%s); the checklist's answers are only in the report; check free space and permissions",
	    "%s kann nicht geschrieben werden (%s); die Antworten der Checkliste stehen nur im Bericht; Speicherplatz und Rechte prüfen" },
	[M_CLI_CANNOT_WRITE] = { "%s %s: %s; check the directory and write permission",
	    "%s %s: %s; Verzeichnis und Schreibrechte prüfen" },
	[M_CLI_CANNOT_WRITE_OUTPUT] = { "cannot write output (%s)",
	    "Ausgabe kann nicht geschrieben werden (%s)" },
	[M_CLI_CAUSES] = { "causes",
	    "Ursachen" },
	[M_CLI_CHAPTERS] = { "chapters",
	    "Kapitel" },
	[M_CLI_DEMO_MISSING] = { "%s: %s; the bundled samples are missing from the knowledge base",
	    "%s: %s; die mitgelieferten Beispiele fehlen in der Wissensbasis" },
	[M_CLI_DIALECTS] = { "dialects",
	    "Dialekte" },
	[M_CLI_FIX_SITE_BOOK] = { "fix the site book, or give both gateways on the command line",
	    "Standortbuch korrigieren, oder beide Gateways auf der Befehlszeile angeben" },
	[M_CLI_JSON_NEEDS_BATCH] = { "--json goes with --batch",
	    "--json gehört zu --batch" },
	[M_CLI_KB_BROKEN] = { "%s: %s; fix the file, or give a valid knowledge base with --kb DIR",
	    "%s: %s; Datei korrigieren oder mit --kb VERZ eine gültige Wissensbasis angeben" },
	[M_CLI_NEED_GATEWAYS] = { "connect needs the two gateways (or a site of the site book)",
	    "connect braucht die beiden Gateways (oder einen Standort des Standortbuchs)" },
	[M_CLI_NEED_LOG] = { "%s needs at least one log",
	    "%s braucht mindestens ein Log" },
	[M_CLI_NEED_SESSION_DIR] = { "report needs one session directory",
	    "report braucht ein Sitzungsverzeichnis" },
	[M_CLI_NEED_TTY] = { "the console needs a terminal; use '%s' in scripts",
	    "die Konsole braucht ein Terminal; für Skripte '%s' verwenden" },
	[M_CLI_NOT_A_SESSION] = { "%s: not a session (no left.log/right.log); give a directory of 'connect --record' or 'snapshot --out'",
	    "%s: keine Sitzung (left.log/right.log fehlen); ein Verzeichnis von 'connect --record' oder 'snapshot --out' angeben" },
	[M_CLI_NO_ARGUMENTS] = { "%s takes no arguments ('%s')",
	    "%s erwartet keine Argumente ('%s')" },
	[M_CLI_NO_HOME] = { "no site book: HOME is not set (or give TUNNELDOC_SITES)",
	    "kein Standortbuch: HOME ist nicht gesetzt (oder TUNNELDOC_SITES angeben)" },
	[M_CLI_NO_KB] = { "%s: no knowledge base found; give --kb DIR or set TUNNELDOC_KB",
	    "%s: keine Wissensbasis gefunden; --kb VERZ oder TUNNELDOC_KB setzen" },
	[M_CLI_NO_SITE] = { "no site '%s' in the site book (%s); give two gateways or a site",
	    "kein Standort '%s' im Standortbuch (%s); zwei Gateways oder einen Standort angeben" },
	[M_CLI_OTHER_COMMAND] = { "%s belongs to the other command (connect --record, snapshot --out)",
	    "%s gehört zum anderen Befehl (connect --record, snapshot --out)" },
	[M_CLI_PROFILE_AUTO] = { "detects a Linux profile on the gateway (not LANCOM)",
	    "erkennt ein Linux-Profil am Gateway (nicht LANCOM)" },
	[M_CLI_RECORDING_INCOMPLETE] = { "the recording in %s is incomplete; check free space and permissions",
	    "Aufzeichnung in %s unvollständig; Speicherplatz und Rechte prüfen" },
	[M_CLI_SNAPSHOT_LANCOM] = { "a LANCOM console has no shell for a snapshot: record it with 'connect --record'",
	    "eine LANCOM-Konsole hat keine Shell für einen Snapshot: mit 'connect --record' aufzeichnen" },
	[M_CLI_SNAPSHOT_NEEDS_OUT] = { "snapshot needs --out DIR",
	    "snapshot braucht --out VERZ" },
	[M_CLI_SNAPSHOT_WRITTEN] = { "snapshot written to",
	    "Snapshot geschrieben nach" },
	[M_CLI_STDIN_TWICE] = { "only one side can read standard input",
	    "nur eine Seite kann von der Standardeingabe lesen" },
	[M_CLI_TOO_MANY_GATEWAYS] = { "too many gateways ('%s'): give two",
	    "zu viele Gateways ('%s'): zwei angeben" },
	[M_CLI_TOO_MANY_LOGS] = { "too many log files ('%s'): give at most two",
	    "zu viele Log-Dateien ('%s'): höchstens zwei angeben" },
	[M_CLI_UNKNOWN_COMMAND] = { "unknown command '%s'",
	    "unbekannter Befehl '%s'" },
	[M_CLI_UNKNOWN_GLOBAL] = { "unknown option '%s'",
	    "unbekannte Option '%s'" },
	[M_CLI_UNKNOWN_OPTION_FOR] = { "unknown option for '%s'",
	    "unbekannte Option für '%s'" },
	[M_CLI_REPORT_NOT_A_FILE] = { "%s %s: a device, a pipe or a link to one; give the name of a file (report DIR prints to standard output without -o)",
	    "%s %s: ein Gerät, eine Pipe oder ein Link darauf; einen Dateinamen angeben (report VERZ schreibt ohne -o auf die Standardausgabe)" },
	[M_CLI_UNKNOWN_OPTION_SEE] = { "unknown option (see '%s --help')",
	    "unbekannte Option (siehe '%s --help')" },

	/* live */
	[M_LV_NOMEM] = { "libssh: cannot create a session (out of memory?)", "libssh: kann keine Sitzung anlegen (Speicher voll?)" },
	[M_LV_SSH_CONFIG] = { "cannot read ssh config %s: %s; check the file or leave out --ssh-config", "ssh-Konfiguration %s nicht lesbar: %s; Datei prüfen oder --ssh-config weglassen" },
	[M_LV_JUMP_OPTION] = { "%s: the jump host '%s' starts with '-' and would become an option of ssh; give it as [user@]host[:port]", "%s: der Sprung-Host '%s' beginnt mit '-' und würde zu einer Option von ssh; als [Benutzer@]Host[:Port] angeben" },
	[M_LV_SITE_JUMP_OPTION] = { "must not start with '-' (it would become an option of ssh); give [user@]host[:port]", "darf nicht mit '-' beginnen (es würde zu einer Option von ssh); [Benutzer@]Host[:Port] angeben" },
	[M_LV_TIMEOUT] = { "%s: no answer (timed out); check the address, the port and that SSH is allowed from here (trying again)", "%s: keine Antwort (Zeitüberschreitung); Adresse, Port und SSH-Freigabe prüfen (neuer Versuch)" },
	[M_LV_JUMP_FAIL] = { "%s: cannot connect through the jump host: %s; check that 'ssh %s' logs in without a question (host key known, key loaded) and may forward to the gateway (trying again)", "%s: keine Verbindung über den Sprung-Host: %s; prüfen, dass 'ssh %s' ohne Rückfrage anmeldet (Host-Schlüssel bekannt, Schlüssel geladen) und zum Gateway weiterleiten darf (neuer Versuch)" },
	[M_LV_CONNECT_FAIL] = { "%s: cannot connect: %s; check the address, the port and that sshd runs (trying again)", "%s: keine Verbindung: %s; Adresse, Port und laufenden sshd prüfen (neuer Versuch)" },
	[M_LV_KH_WRITE] = { "%s: cannot write the known_hosts file: %s; check its directory and permissions or give --known-hosts FILE", "%s: known_hosts-Datei nicht schreibbar: %s; Verzeichnis und Rechte prüfen oder --known-hosts DATEI angeben" },
	[M_LV_HOSTKEY_CHANGED] = { "%s: the host key CHANGED (now %s); refusing to connect. If the gateway was replaced or re-keyed, verify the new fingerprint on its console and remove the old line from the known_hosts file; otherwise someone may be intercepting the connection", "%s: der Host-Schlüssel hat sich GEÄNDERT (jetzt %s); keine Verbindung. Wurde das Gateway getauscht oder neu verschlüsselt, den neuen Fingerprint an seiner Konsole prüfen und die alte Zeile aus der known_hosts-Datei entfernen; sonst hört womöglich jemand die Verbindung ab" },
	[M_LV_HOSTKEY_UNKNOWN] = { "%s: unknown host key %s; check the fingerprint and connect once in the console, or give --accept-new", "%s: unbekannter Host-Schlüssel %s; Fingerprint prüfen und einmal in der Konsole verbinden, oder --accept-new angeben" },
	[M_LV_HOSTKEY_CHECK] = { "%s: cannot check the host key: %s; check the known_hosts file", "%s: Host-Schlüssel nicht prüfbar: %s; known_hosts-Datei prüfen" },
	[M_LV_HOSTKEY_REJECTED] = { "%s: host key not accepted; verify the fingerprint on the gateway's console, then connect again", "%s: Host-Schlüssel nicht angenommen; Fingerprint an der Konsole des Gateways prüfen, dann neu verbinden" },
	[M_LV_PW_ONLY] = { "%s: authentication failed: the server offers only password login, and passwords are asked in the console (run without --batch)", "%s: Anmeldung fehlgeschlagen: der Server bietet nur Passwort-Anmeldung, und Passwörter fragt die Konsole ab (ohne --batch starten)" },
	[M_LV_NO_KEY_CONSOLE] = { "%s: authentication failed: no key was accepted; give -i KEY or load the key into ssh-agent", "%s: Anmeldung fehlgeschlagen: kein Schlüssel angenommen; -i SCHLÜSSEL angeben oder ssh-agent laden" },
	[M_LV_NO_KEY_BATCH] = { "%s: authentication failed: no key was accepted (give -i KEY or load the key into ssh-agent; passwords need the console)", "%s: Anmeldung fehlgeschlagen: kein Schlüssel angenommen (-i SCHLÜSSEL angeben oder ssh-agent laden; Passwörter nur in der Konsole)" },
	[M_LV_WRONG_PW] = { "%s: authentication failed: wrong password; reconnect and try again", "%s: Anmeldung fehlgeschlagen: falsches Passwort; neu verbinden und erneut versuchen" },
	[M_LV_NO_CHANNEL] = { "%s: cannot open an SSH channel: %s; the gateway may allow no more sessions (trying again)", "%s: kein SSH-Kanal: %s; das Gateway lässt womöglich keine weitere Sitzung zu (neuer Versuch)" },
	[M_LV_LOGIN_BROKE] = { "%s: the connection broke during login: %s; check the network to the gateway (trying again)", "%s: Verbindung bei der Anmeldung abgebrochen: %s; Netz zum Gateway prüfen (neuer Versuch)" },
	[M_LV_CHANNEL_FAIL] = { "%s: cannot open a channel: %s (trying again; the server may limit sessions)", "%s: kein Kanal: %s (neuer Versuch; der Server begrenzt evtl. die Sitzungen)" },
	[M_LV_REFUSED] = { "%s: the gateway refused the log command: %s; check the profile (--profile) or give --log-cmd", "%s: das Gateway lehnt den Log-Befehl ab: %s; Profil prüfen (--profile) oder --log-cmd angeben" },
	[M_LV_STREAM_ENDED] = { "%s: the log stream ended: %s; check the log file (--log-file) or the profile (trying again)", "%s: der Log-Strom endete: %s; Log-Datei (--log-file) oder Profil prüfen (neuer Versuch)" },
	[M_LV_LOST] = { "%s: the connection was lost (reconnecting)", "%s: die Verbindung ist abgebrochen (verbinde neu)" },
	[M_LV_KEEPALIVE] = { "%s: the connection was lost: keepalive failed (reconnecting)", "%s: die Verbindung ist abgebrochen: Keepalive fehlgeschlagen (verbinde neu)" },
	[M_LV_SILENT] = { "%s: nothing came for %d s, not even the stream's 10-second heartbeat: the connection is taken as lost (reconnecting)", "%s: seit %d s kam nichts, nicht einmal das 10-Sekunden-Lebenszeichen des Stroms: die Verbindung gilt als verloren (verbinde neu)" },
	[M_LV_RUN_TIMEOUT] = { "timed out after %d s", "nach %d s abgebrochen" },
	[M_LV_RUN_NO_CHANNEL] = { "cannot open a second channel (the server may allow only one session): %s", "kein zweiter Kanal (der Server erlaubt evtl. nur eine Sitzung): %s" },
	[M_LV_RUN_REFUSED] = { "the gateway refused the command: %s", "das Gateway lehnt den Befehl ab: %s" },
	[M_LV_ST_CONNECTING] = { "connecting", "verbinde" },
	[M_LV_ST_UNKNOWN_KEY] = { "unknown host key: %s", "unbekannter Host-Schlüssel: %s" },
	[M_LV_ST_AUTH] = { "authenticating", "authentifiziere" },
	[M_LV_ST_PASSWORD] = { "password needed", "Passwort nötig" },
	[M_LV_ST_STARTING] = { "starting the log stream", "starte den Log-Strom" },
	[M_LV_ST_LIVE] = { "live", "live" },
	[M_LV_ST_RECONNECTED] = { "live (reconnected %d times)", "live (%d-mal neu verbunden)" },
	[M_LV_ST_RETRY] = { "reconnecting in %lld s (try %d)", "neuer Versuch in %lld s (Versuch %d)" },
	[M_LV_ST_FAILED] = { "failed: %s", "fehlgeschlagen: %s" },
	[M_LV_ST_DONE] = { "done", "fertig" },
	[M_LV_ST_SILENCE] = { "nothing received for %lld s", "seit %lld s nichts empfangen" },
	[M_LV_ST_ROTATIONS] = { "log rotation followed (%d)", "Log-Rotation verfolgt (%d)" },
	[M_LV_ST_TRUNCATIONS] = { "log truncated in place, read again from its start (%d)", "Log am Ort gekürzt, wieder ab Anfang gelesen (%d)" },
	[M_LV_ST_REPLACED] = { "log file replaced, the new one read from its start (%d)", "Log-Datei ersetzt, die neue ab Anfang gelesen (%d)" },
	[M_LV_ST_GAPS] = { "a rotated log file was gone: lines may be missing (%d)", "eine rotierte Log-Datei fehlte: Zeilen können fehlen (%d)" },
	[M_LV_UNKNOWN_PROFILE] = { "unknown profile '%s'; give --profile one of: %sauto", "unbekanntes Profil '%s'; --profile mit einem von: %sauto" },
	[M_LV_BAD_LOG_FILE] = { "log file names must not contain quotes, $, ` or backslashes: %s; give the path without them", "Log-Dateinamen dürfen keine Anführungszeichen, $, ` oder \\ enthalten: %s; den Pfad ohne diese Zeichen angeben" },
	[M_LV_CANNOT_RECORD] = { "cannot record into %s: %s; give a new or empty directory", "kann nicht nach %s aufzeichnen: %s; ein neues oder leeres Verzeichnis angeben" },
	[M_LV_SB_SIDE_OBJECT] = { "must be an object with at least \"host\"", "muss ein Objekt mit mindestens \"host\" sein" },
	[M_LV_SB_NO_SECRETS] = { "no secrets in the site book: keys and passwords stay in ssh-agent and ~/.ssh", "keine Geheimnisse im Standortbuch: Schlüssel und Passwörter bleiben in ssh-agent und ~/.ssh" },
	[M_LV_SB_PORT] = { "must be a port number from 1 to 65535", "muss eine Portnummer von 1 bis 65535 sein" },
	[M_LV_SB_SIDE_FIELD] = { "unknown field (host, user, port, profile, jump, lan, log_file)", "unbekanntes Feld (host, user, port, profile, jump, lan, log_file)" },
	[M_LV_SB_STRING] = { "must be a string", "muss eine Zeichenkette sein" },
	[M_LV_SB_PLAIN] = { "must not be empty or contain blanks, quotes or shell characters", "darf nicht leer sein und keine Leerzeichen, Anführungszeichen oder Shell-Zeichen enthalten" },
	[M_LV_SB_NO_HOST] = { "\"host\" is missing", "\"host\" fehlt" },
	[M_LV_SB_LAN] = { "must be an IP address (the gateway's internal address)", "muss eine IP-Adresse sein (die interne Adresse des Gateways)" },
	[M_LV_SB_SITE_NAME] = { "a site name must not be empty or contain blanks or shell characters", "ein Standortname darf nicht leer sein und keine Leerzeichen oder Shell-Zeichen enthalten" },
	[M_LV_SB_SITE_OBJECT] = { "must be an object with \"left\" and \"right\"", "muss ein Objekt mit \"left\" und \"right\" sein" },
	[M_LV_SB_SITE_FIELD] = { "unknown field (description, left, right)", "unbekanntes Feld (description, left, right)" },
	[M_LV_SB_TOP] = { "the file must be {\"sites\": {\"NAME\": {...}}}", "die Datei muss {\"sites\": {\"NAME\": {...}}} sein" },
	[M_LV_SB_NO_RIGHT] = { "\"right\" is missing", "\"right\" fehlt" },
	[M_LV_SB_NO_LEFT] = { "\"left\" is missing", "\"left\" fehlt" },
	[M_LV_SB_NOT_JSON] = { "not valid JSON", "kein gültiges JSON" },
	[M_LV_SB_ENDS_EARLY] = { "the file ends too early", "Datei endet zu früh" },

	/* input */
	[M_IN_STDIN] = { "standard input", "Standardeingabe" },
	[M_IN_CANNOT_READ] = { "%s: cannot read (%s); check the path and read permission",
	    "%s: kann nicht gelesen werden (%s); Pfad und Leserechte prüfen" },
	[M_IN_DEVICE] = { "%s: a device, not a log file; give the log file, a directory holding it, or '-' with the log on standard input",
	    "%s: ein Gerät, keine Log-Datei; die Log-Datei angeben, ein Verzeichnis mit ihr, oder '-' mit dem Log auf der Standardeingabe" },
	[M_IN_NO_LOG_IN_DIR] = { "%s: no log file in this directory (no left.log or right.log, no name with .log, vpn, pluto, "
	    "charon, ipsec, trace, auth, messages or syslog); give the log file itself",
	    "%s: keine Log-Datei in diesem Verzeichnis (kein left.log oder right.log, kein Name mit .log, vpn, pluto, "
	    "charon, ipsec, trace, auth, messages oder syslog); die Log-Datei selbst angeben" },
	[M_IN_NO_LINE_BREAKS] = { "%s: %u MB without a line break: not a text log, reading stopped; give the VPN log as a text file",
	    "%s: %u MB ohne Zeilenumbruch: kein Text-Log, Lesen abgebrochen; das VPN-Log als Textdatei angeben" },

	/* kb */

	/* model */
	[M_STATUS_NOT_LOGGED] = { "not logged: the other side's log cannot show it", "nicht protokolliert: das Log der Gegenseite kann es nicht zeigen" },
	[M_STATUS_LOG_ENDED] = { "log ended: the other side's log stops before it", "Log endet: das Log der Gegenseite hört vorher auf" },
	[M_STATUS_NOT_UNDERSTOOD] = { "not understood: the other side logged lines the kb cannot map", "nicht verstanden: die Gegenseite protokollierte Zeilen, die die kb nicht zuordnen kann" },
	[M_STATUS_IN_PROGRESS] = { "in progress: younger than the retransmission interval", "läuft noch: jünger als das Wiederholungsintervall" },
	[M_WHY_LOST] = { "the receiver's log covers the moment (it logs on to line %llu), its daemon ran, the state was alive, and nothing it logged shows receipt", "das Log des Empfängers deckt den Zeitpunkt ab (es reicht bis Zeile %llu), sein Dienst lief, der Zustand bestand, und nichts darin zeigt den Empfang" },
	[M_WHY_NO_TIME] = { "without timestamps on both sides nothing proves that the receiver's log covers the moment (line %llu)", "ohne Zeitstempel auf beiden Seiten ist nicht belegt, dass das Log des Empfängers den Zeitpunkt abdeckt (Zeile %llu)" },
	[M_WHY_GONE] = { "the receiver had deleted the state or its daemon was stopping (line %llu)", "der Empfänger hatte den Zustand gelöscht oder sein Dienst wurde beendet (Zeile %llu)" },
	[M_WHY_ENDED] = { "the receiver's log ends at line %llu, before the message could arrive", "das Log des Empfängers endet in Zeile %llu, bevor die Nachricht ankommen konnte" },
	[M_WHY_BEGINS] = { "the receiver's log begins after the message would have arrived (line %llu)", "das Log des Empfängers beginnt erst nach der Ankunftszeit (Zeile %llu)" },
	[M_WHY_PROGRESS] = { "sent less than a retransmission interval before the logs end (line %llu)", "weniger als ein Wiederholungsintervall vor dem Ende der Logs gesendet (Zeile %llu)" },
	[M_WHY_UNMAPPED] = { "the receiver logged about this state what the knowledge base cannot map (line %llu)", "der Empfänger protokollierte zu diesem Zustand, was die Wissensbasis nicht zuordnen kann (Zeile %llu)" },
	[M_WHY_IMPLIED] = { "receipt follows from a later step of the same negotiation (line %llu)", "der Empfang folgt aus einem späteren Schritt derselben Verhandlung (Zeile %llu)" },
	[M_WHY_RECEIVED] = { "the receiver logged it (line %llu)", "der Empfänger hat es protokolliert (Zeile %llu)" },
	[M_WHY_NOLOG] = { "there is no log of the other side", "von der Gegenseite liegt kein Log vor" },
	[M_WHY_SENT_UNLOGGED] = { "the receiver logged it (line %llu); the sender's log does not show the sending", "der Empfänger hat es protokolliert (Zeile %llu); das Log des Senders zeigt das Senden nicht" },
	[M_SHORT_NOT_LOGGED] = { "not logged", "nicht protokolliert" },
	[M_SHORT_LOG_ENDED] = { "log ended", "Log endet" },
	[M_SHORT_NOT_UNDERSTOOD] = { "not understood", "nicht verstanden" },
	[M_SHORT_IN_PROGRESS] = { "in progress", "läuft noch" },
	[M_WHY_ONESIDED] = { "only one side logged this step, and who sent it is not known", "nur eine Seite hat diesen Schritt protokolliert, und wer ihn sandte, ist nicht bekannt" },

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
	[M_CF_NEED_TWO] = { "config-diff needs two configuration files: the left gateway's and the right gateway's", "config-diff braucht zwei Konfigurationsdateien: die des linken und die des rechten Gateways" },
	[M_CF_SECRETS_NOTE] = { "PSK: not compared (%s): whether the keys match is not known from the configuration", "PSK: nicht verglichen (%s): ob die Schlüssel übereinstimmen, ist aus der Konfiguration nicht bekannt" },
	/* config: pre-shared keys compared, config fetched live, config view (issue 18) */
	[M_CF_P_PSK] = { "pre-shared key", "Pre-Shared Key" },
	[M_CF_PSK_UNREADABLE] = { "%s not readable (%s)", "%s nicht lesbar (%s)" },
	[M_CF_PSK_NO_ENTRY] = { "%s has no PSK entry for this tunnel", "%s hat keinen PSK-Eintrag für diesen Tunnel" },
	[M_CF_PSK_NO_FILE] = { "no secrets file (give --left-secrets/--right-secrets)", "keine Secrets-Datei (--left-secrets/--right-secrets angeben)" },
	[M_CF_PSK_READ] = { "read", "gelesen" },
	[M_CF_PSK_EQUAL] = { "PSK: equal (compared without showing either key)", "PSK: gleich (verglichen, ohne einen Schlüssel zu zeigen)" },
	[M_CF_PSK_DIFFERS] = { "PSK: differs (compared without showing either key)", "PSK: unterschiedlich (verglichen, ohne einen Schlüssel zu zeigen)" },
	[M_CF_LIVE_NO_PROFILE] = { "the profile names no configuration command (give --config-cmd)", "das Profil nennt keinen Konfigurationsbefehl (--config-cmd angeben)" },
	[M_CF_LIVE_NOT_RUN] = { "the configuration command did not run or did not finish", "der Konfigurationsbefehl lief nicht oder wurde nicht fertig" },
	[M_CF_LIVE_EMPTY] = { "the configuration command printed no configuration file", "der Konfigurationsbefehl gab keine Konfigurationsdatei aus" },
	[M_CF_LIVE_NO_HASH] = { "no sha256sum on the gateway", "kein sha256sum auf dem Gateway" },
	[M_CF_LIVE_NO_PSK] = { "no PSK entry for this tunnel in the secrets files", "kein PSK-Eintrag für diesen Tunnel in den Secrets-Dateien" },
	[M_CF_LIVE_NOT_READ] = { "configuration not read", "Konfiguration nicht gelesen" },
	[M_BY_CONFIG] = { "the configuration of both ends", "die Konfiguration beider Seiten" },
	[M_CF_PSK_NOT_READABLE] = { "PSK: not readable (%s): whether the keys match is inferred from the logs only", "PSK: nicht lesbar (%s): ob die Schlüssel übereinstimmen, folgt nur aus den Logs" },

	/* diagnose */

	/* checklist */
	[M_CL_SAVED_BAD_JSON] = { "%s: not valid JSON; move it away to write the report without the checklist's answers",
	    "%s: kein gültiges JSON; die Datei beiseitelegen, um den Bericht ohne die Antworten der Checkliste zu schreiben" },
	[M_CL_SAVED_NO_TREE] = { "%s: names no decision tree of this knowledge base (recorded with another version?); "
	    "use that version's kb with --kb, or move the file away to report without the answers",
	    "%s: nennt keinen Entscheidungsbaum dieser Wissensbasis (mit einer anderen Version aufgezeichnet?); "
	    "deren Wissensbasis mit --kb angeben, oder die Datei beiseitelegen, um ohne die Antworten zu berichten" },

	[M_CL_ABS_SA] = { "no line showing the SA established", "keine Zeile, die die SA als aufgebaut zeigt" },
	[M_CL_ABS_CAUSE] = { "no line the knowledge base reads as \"%s\"", "keine Zeile, die die Wissensbasis als \"%s\" liest" },
	[M_CL_ABS_REQUEST] = { "no connection request received from the peer", "keine Verbindungsanfrage der Gegenstelle empfangen" },
	[M_CL_ABS_ECHO_OUT] = { "no echo request leaving through the VPN tunnel (fw-vpn_…-out-…)",
	    "keine Echo-Anfrage, die durch den VPN-Tunnel hinausgeht (fw-vpn_…-out-…)" },
	[M_CL_ABS_ECHO_IN] = { "no entry fw-vpn_…-in-… with the ICMP ID and SEQ of the echo requests that left",
	    "kein Eintrag fw-vpn_…-in-… mit ICMP-ID und SEQ der ausgegangenen Echo-Anfragen" },
	[M_CL_SEARCHED] = { "%s searched from %s to %s: %s", "%s durchsucht von %s bis %s: %s" },
	[M_CL_SEARCHED_ALL] = { "%s searched (no timestamps): %s", "%s durchsucht (ohne Zeitstempel): %s" },
	[M_CL_LOG_OF] = { "the %s log", "das Log %s" },
	[M_CL_FWLOG_OF] = { "the VPN firewall entries of the %s log", "die VPN-Firewall-Einträge im Log %s" },
	[M_CL_BOTH_LOGS] = { "both logs", "beide Logs" },
	[M_CL_HINT_IKE] = { "no VPN log is loaded: the VPN logs of both gateways (a file per side, or live) or their status "
	    "command (r) would answer this; until then, please answer",
	    "kein VPN-Log geladen: die VPN-Logs beider Gateways (eine Datei je Seite, oder live) oder deren Status-Befehl (r) "
	    "würden das beantworten; bis dahin bitte antworten" },
	[M_CL_HINT_REMOTE] = { "the %s gateway's log is not loaded, and only it shows this (LANCOM: its VPN trace, "
	    "'trace + vpn-status'; mGuard: Logging >> Browse local logs, IPsec VPN): give it as the %s log or connect "
	    "to that gateway; until then, please answer",
	    "das Log des Gateways %s ist nicht geladen, und nur dieses zeigt das (LANCOM: sein VPN-Trace, "
	    "„trace + vpn-status“; mGuard: Logging >> Logs ansehen, IPsec VPN): als Log %s angeben oder mit dem Gateway "
	    "verbinden; bis dahin bitte antworten" },
	[M_CL_HINT_FW] = { "the %s gateway's VPN firewall log is not loaded, and only it shows this: turn on VPN firewall "
	    "logging (Log check box of the connection's firewall rules), then give that log (mGuard: Logging >> Browse "
	    "local logs, Network Security, or the snapshot's) as the %s log, or stream it live; until then, please answer",
	    "das VPN-Firewall-Log des Gateways %s ist nicht geladen, und nur dieses zeigt das: VPN-Firewall-Logging "
	    "einschalten (Checkbox Log der Firewall-Regeln der Verbindung), dann dieses Log (mGuard: Logging >> Logs "
	    "ansehen, Netzwerksicherheit, oder das des Snapshots) als Log %s angeben oder live streamen; bis dahin bitte antworten" },
	[M_CL_OVERRIDDEN] = { "answer (%s): %s; overridden by the technician at %s", "Antwort (%s): %s; vom Techniker überschrieben um %s" },

	/* report */
	[M_R_SUMMARY] = { "Summary", "Zusammenfassung" },
	[M_R_PERIOD] = { "period", "Zeitraum" },
	[M_R_TUNNEL] = { "tunnel", "Tunnel" },
	[M_R_TOP] = { "top finding", "wichtigster Befund" },
	[M_R_NO_TOP] = { "no finding", "kein Befund" },
	[M_R_REACHED] = { "conclusion reached", "erreichte Schlussfolgerung" },
	[M_R_NOT_REACHED] = { "no conclusion reached yet; open: %s", "noch keine Schlussfolgerung erreicht; offen: %s" },
	[M_R_DONE] = { "answers: %d by the technician (%d of them overriding the evidence), %d by the logs, %d by the status "
	    "command, %d by a ping tunneldoc ran",
	    "Antworten: %d vom Techniker (davon %d gegen die Belege), %d aus den Logs, %d vom Status-Befehl, %d von einem "
	    "Ping, den tunneldoc ausgeführt hat" },
	[M_R_OTHER_BRANCHES] = { "Answered on other branches", "Auf anderen Zweigen beantwortet" },
	[M_R_LINES_N] = { "%llu lines", "%llu Zeilen" },
	[M_R_ASKED] = { "asked", "gefragt" },
	[M_R_NOTE_TEXT] = { "note: %s", "Notiz: %s" },

	/* ui */
	[M_U_FILE_SHRANK] = { " %s shrank while it was read (truncated or rotated): %llu of %llu bytes read, shown as read",
		" %s ist beim Lesen geschrumpft (gekürzt oder rotiert): %llu von %llu Bytes gelesen und so angezeigt" },
	[M_K_HSCROLL] = { "scroll both sides sideways", "beide Seiten seitwärts scrollen" },
	[M_K_FULL_LINES] = { "full lines / short time and message", "ganze Zeilen / kurze Zeit und Meldung" },
	[M_U_FULL_LINES] = { "full lines as logged", "ganze Zeilen wie protokolliert" },
	[M_U_COMPACT_LINES] = { "short time and message; connection, state and peer in the header rows",
		"kurze Zeit und Meldung; Verbindung, Zustand und Gegenstelle in den Kopfzeilen" },
	[M_U_MATCH_OF] = { " match %zu of %zu: %s", " Treffer %zu von %zu: %s" },
	[M_U_WRAPPED_TOP] = { "passed the end, continued at the top", "Ende erreicht, oben fortgesetzt" },
	[M_U_WRAPPED_BOTTOM] = { "passed the top, continued at the end", "Anfang erreicht, am Ende fortgesetzt" },
	[M_K_DETAIL_SCROLL] = { "scroll the finding's detail", "Einzelheiten des Befunds scrollen" },
	[M_U_MORE_BELOW] = { "more below: PgDn", "weiter unten: Bild ab" },
	[M_U_OFFSET_SHORT] = { "offset R-L", "Versatz R-L" },
	[M_U_RTT_SHORT] = { "RTT", "RTT" },
	/* LANCOM's local phases in words (the ladder) */
	[M_U_L_CONNECT] = { "connecting", "Verbindungsaufbau" },
	[M_U_L_P1_START] = { "phase 1 started", "Phase 1 gestartet" },
	[M_U_L_P1_PROPOSAL] = { "phase 1 proposals", "Phase-1-Vorschläge" },
	[M_U_L_P1_DONE] = { "phase 1 done", "Phase 1 fertig" },
	[M_U_L_P2_DONE] = { "phase 2 done", "Phase 2 fertig" },
	[M_U_L_CONNECTED] = { "connected", "verbunden" },
	[M_U_L_POLL] = { "line polling", "Line-Polling" },
	[M_U_L_TIMEOUT] = { "timeout", "Zeitüberschreitung" },
	[M_U_L_DISCONNECT] = { "disconnect", "Verbindungsabbau" },

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
