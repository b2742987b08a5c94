/*
 * i18n_kb.c - the kb loader's messages in English and German (the part of
 * the message table for src/kb/, see i18n_tab.h). The loader puts "FILE:
 * FIELD: " before each; a message says what is wrong and, where it can,
 * what to write instead.
 */
#include "base/i18n.h"
#include "base/i18n_tab.h"

#include <stddef.h>

#define K(id) [(id) - M_KB_FIRST]

const char *const i18n_kb[M_KB_LAST - M_KB_FIRST + 1][2] = {
	/* the JSON helpers (json.c) */
	K(M_KB_STR_MISSING) = { "missing (a string is required)", "fehlt (ein Text ist nötig)" },
	K(M_KB_STR_TYPE) = { "must be a string", "muss ein Text (String) sein" },
	K(M_KB_EMPTY) = { "must not be empty", "darf nicht leer sein" },
	K(M_KB_INT_TYPE) = { "must be a whole number", "muss eine ganze Zahl sein" },
	K(M_KB_INT_RANGE) = { "must be between %d and %d", "muss zwischen %d und %d liegen" },
	K(M_KB_BOOL) = { "must be true or false", "muss true oder false sein" },
	K(M_KB_TEXT_MISSING) = { "missing (needs {\"de\": ..., \"en\": ...})",
	    "fehlt (nötig ist {\"de\": ..., \"en\": ...})" },
	K(M_KB_TEXT_TYPE) = { "must be an object {\"de\": ..., \"en\": ...}",
	    "muss ein Objekt {\"de\": ..., \"en\": ...} sein" },
	K(M_KB_STRS_MISSING) = { "missing (a list of strings is required)", "fehlt (eine Liste von Texten ist nötig)" },
	K(M_KB_STRS_TYPE) = { "must be a list of strings", "muss eine Liste von Texten sein" },
	K(M_KB_ENUM) = { "unknown value \"%s\" (one of: %s)", "unbekannter Wert \"%s\" (erlaubt: %s)" },
	K(M_KB_CANNOT_OPEN) = { "cannot open (%s)", "kann nicht geöffnet werden (%s)" },
	K(M_KB_NOT_JSON) = { "not valid JSON (%s)", "kein gültiges JSON (%s)" },
	K(M_KB_PARSE_ERROR) = { "parse error", "Syntaxfehler" },
	K(M_KB_DUP) = { "duplicate %s id \"%s\"", "%s-ID \"%s\" kommt doppelt vor" },
	K(M_KB_DUP_ALSO_IN) = { "duplicate %s id \"%s\" (also in %s)", "%s-ID \"%s\" kommt doppelt vor (auch in %s)" },
	K(M_KB_DUP_TREE) = { "\"%s\" is also the id of %s", "\"%s\" ist auch die ID von %s" },
	K(M_KB_LIST_MISSING) = { "missing (a list of %ss is required)", "fehlt (nötig ist eine Liste, Einträge der Art %s)" },
	/* the kinds of kb item, for the messages above */
	K(M_KB_W_CAUSE) = { "cause", "Ursache" },
	K(M_KB_W_CHAPTER) = { "chapter", "Kapitel" },
	K(M_KB_W_DEVICE) = { "device", "Geräteprofil" },
	K(M_KB_W_DIALECT) = { "dialect", "Dialekt" },
	K(M_KB_W_RULE) = { "rule", "Regel" },
	K(M_KB_W_SIGNATURE) = { "signature", "Signatur" },
	K(M_KB_W_TREE) = { "tree", "Baum" },
	/* device profiles (devices.c) */
	K(M_KB_DEV_LOG) = { "missing (an object with mode and files/commands or send)",
	    "fehlt (ein Objekt mit mode und files/commands oder send)" },
	K(M_KB_DEV_EXEC) = { "mode exec needs files or commands", "mode exec braucht files oder commands" },
	K(M_KB_DEV_SHELL) = { "mode shell needs the command to type", "mode shell braucht den Befehl, der eingegeben wird (send)" },
	K(M_KB_DEV_FILE_CHARS) = { "file names must not contain quotes, $, ` or backslashes: \"%s\"",
	    "Dateinamen dürfen keine Anführungszeichen, $, ` oder Backslashes enthalten: \"%s\"" },
	K(M_KB_DEV_STATUS) = { "must be an object {\"conn_loaded\": [...], \"isakmp_sa\": [...], \"ipsec_sa\": [...]}",
	    "muss ein Objekt {\"conn_loaded\": [...], \"isakmp_sa\": [...], \"ipsec_sa\": [...]} sein" },
	K(M_KB_DEV_CAPTURE) = { "capture {%s} in \"%s\": use bytes_in, packets_in, bytes_out, packets_out",
	    "Erfassung {%s} in \"%s\": bytes_in, packets_in, bytes_out oder packets_out verwenden" },
	K(M_KB_DEV_NO_COUNTER) = { "\"%s\" captures no counter", "\"%s\" erfasst keinen Zähler" },
	K(M_KB_DEV_PING) = { "must contain {source} and {target} (and may contain {count})",
	    "muss {source} und {target} enthalten (und darf {count} enthalten)" },
	K(M_KB_UNKNOWN_DIALECT_SEE) = { "unknown dialect \"%s\": use the id of a dialect in kb/formats",
	    "unbekannter Dialekt \"%s\": die ID eines Dialekts aus kb/formats verwenden" },
	/* dialects (dialects.c) */
	K(M_KB_DL_EVENT) = { "must be an object with at least \"p\"", "muss ein Objekt mit mindestens \"p\" sein" },
	K(M_KB_DL_DIR) = { "required with \"step\" (sent, recv or local)", "zusammen mit \"step\" nötig (sent, recv oder local)" },
	K(M_KB_DL_ESTABLISHED) = { "must be \"ike\" or \"ipsec\"", "muss \"ike\" oder \"ipsec\" sein" },
	K(M_KB_DL_STATES) = { "must be an object {\"STATE_NAME\": \"STEP\"}", "muss ein Objekt {\"STATE_NAME\": \"STEP\"} sein" },
	K(M_KB_DL_STATE_STEP) = { "must name a step", "muss einen Schritt nennen" },
	K(M_KB_DL_EVENTS) = { "missing (a list of event patterns is required)", "fehlt (eine Liste von Ereignismustern ist nötig)" },
	K(M_KB_DL_TOO_MANY) = { "too many dialects (at most %d)", "zu viele Dialekte (höchstens %d)" },
	K(M_KB_DL_EXTENDS_UNKNOWN) = { "unknown dialect \"%s\"", "unbekannter Dialekt \"%s\"" },
	K(M_KB_DL_EXTENDS_TWO) = { "\"%s\" extends another dialect itself; one level only",
	    "\"%s\" erweitert selbst einen anderen Dialekt; nur eine Ebene ist erlaubt" },
	/* fields shared by several kinds (fields.c, kb.c) */
	K(M_KB_BAD_PATTERN) = { "bad pattern \"%s\": %s", "fehlerhaftes Muster \"%s\": %s" },
	K(M_KB_LIST) = { "must be a list", "muss eine Liste sein" },
	K(M_KB_REMEDY) = { "must be an object with de, en (and optional menu, command)",
	    "muss ein Objekt mit de, en sein (und optional menu, command)" },
	K(M_KB_UNKNOWN_CHAPTER) = { "unknown chapter \"%s\": use an id from kb/chapters.json",
	    "unbekanntes Kapitel \"%s\": eine ID aus kb/chapters.json verwenden" },
	K(M_KB_UNKNOWN_STEP) = { "unknown step \"%s\": use a step of kb/SCHEMA.md (Steps)",
	    "unbekannter Schritt \"%s\": einen Schritt aus kb/SCHEMA.md (Steps) verwenden" },
	K(M_KB_UNKNOWN_CAUSE) = { "unknown cause \"%s\": use an id from kb/causes.json",
	    "unbekannte Ursache \"%s\": eine ID aus kb/causes.json verwenden" },
	K(M_KB_NO_DIALECTS) = { "no dialect files (formats/*.json) in %s", "keine Dialektdateien (formats/*.json) in %s" },
	K(M_KB_UNKNOWN_ERROR) = { "knowledge base: unknown error", "Wissensbasis: unbekannter Fehler" },
	/* rules (rules.c) */
	K(M_KB_UNKNOWN_SIG) = { "unknown signature \"%s\": use an id from kb/signatures",
	    "unbekannte Signatur \"%s\": eine ID aus kb/signatures verwenden" },
	K(M_KB_RULE_STEP) = { "unknown step in \"%s\": use a step of kb/SCHEMA.md (Steps)",
	    "unbekannter Schritt in \"%s\": einen Schritt aus kb/SCHEMA.md (Steps) verwenden" },
	K(M_KB_RULE_COND) = { "unknown condition \"%s\" (sig:, sent:, recv:, step:, retrans:, dup:, lost:, state:, "
	    "established:ike|ipsec, silent, nolog, error, any)",
	    "unbekannte Bedingung \"%s\" (sig:, sent:, recv:, step:, retrans:, dup:, lost:, state:, "
	    "established:ike|ipsec, silent, nolog, error, any)" },
	K(M_KB_RULE_SIDE) = { "must be an object with all/any/none lists", "muss ein Objekt mit den Listen all/any/none sein" },
	K(M_KB_OBJECT) = { "must be an object", "muss ein Objekt sein" },
	K(M_KB_RULE_NO_SIDE) = { "a rule needs an \"initiator\" or a \"responder\" condition",
	    "eine Regel braucht eine Bedingung \"initiator\" oder \"responder\"" },
	/* signatures (signatures.c) */
	K(M_KB_SIG_CAUSES) = { "must be a list of {\"de\", \"en\"} texts", "muss eine Liste von {\"de\", \"en\"}-Texten sein" },
	K(M_KB_SIG_PATTERNS) = { "needs at least one pattern", "braucht mindestens ein Muster" },
	K(M_KB_SIG_CAUSE) = { "required for severity %s", "bei Schweregrad %s nötig" },
	/* decision trees (trees.c) */
	K(M_KB_TR_NO_NODE) = { "no node \"%s\" in this tree", "kein Knoten \"%s\" in diesem Baum" },
	K(M_KB_TR_FACT) = { "unknown fact \"%s\" (one of: ask, conn_loaded, isakmp_sa, ipsec_sa, "
	    "cause:ID, responder_received, ping_local_gw, ping_remote_gw, echo_out, echo_in)",
	    "unbekannte Tatsache \"%s\" (erlaubt: ask, conn_loaded, isakmp_sa, ipsec_sa, "
	    "cause:ID, responder_received, ping_local_gw, ping_remote_gw, echo_out, echo_in)" },
	K(M_KB_TR_RUN) = { "only a step can run something", "nur ein Schritt (step) kann etwas ausführen" },
	K(M_KB_TR_TWO_OPTIONS) = { "a question needs at least two options", "eine Frage braucht mindestens zwei Optionen" },
	K(M_KB_TR_MAX_OPTIONS) = { "at most %d options (the console chooses with a-f)",
	    "höchstens %d Optionen (die Konsole wählt mit a-f)" },
	K(M_KB_TR_DEAD_END) = { "a conclusion has no way on (no yes/no/next/options)",
	    "ein Ergebnis führt nicht weiter (kein yes/no/next/options)" },
	K(M_KB_TR_ENTRIES) = { "must be an object {\"cause-id\": \"node-id\"}", "muss ein Objekt {\"cause-id\": \"node-id\"} sein" },
	K(M_KB_TR_ENTRY_CAUSE) = { "unknown cause: use an id from kb/causes.json",
	    "unbekannte Ursache: eine ID aus kb/causes.json verwenden" },
	K(M_KB_TR_NODE_ID) = { "must be a node id", "muss eine Knoten-ID sein" },
	K(M_KB_TR_TWICE) = { "\"%s\" is used twice", "\"%s\" wird zweimal verwendet" },
	K(M_KB_TR_NODES) = { "missing (a list of nodes is required)", "fehlt (eine Liste von Knoten ist nötig)" },
	K(M_KB_TR_UNREACHABLE) = { "node \"%s\" cannot be reached from the root \"%s\"",
	    "Knoten \"%s\" ist von der Wurzel \"%s\" aus nicht erreichbar" },
	K(M_KB_TR_NONE) = { "no decision tree (tree/*.json)", "kein Entscheidungsbaum (tree/*.json)" },
	K(M_KB_TR_NO_ENTRY) = { "cause \"%s\" has no entry node in any tree", "Ursache \"%s\" hat in keinem Baum einen Einstiegsknoten" },
	K(M_KB_TR_UNCITED) = { "chapter \"%s\" is cited by no node of any tree",
	    "Kapitel \"%s\" wird von keinem Knoten eines Baums zitiert" },
	/* patterns (match/pattern.c), inside "bad pattern" above */
	K(M_KB_PAT_UNCLOSED) = { "unclosed '{' at offset %zu (write {{ for a literal brace)",
	    "nicht geschlossene '{' an Position %zu ({{ schreiben für eine Klammer als Text)" },
	K(M_KB_PAT_NAME_LONG) = { "capture name too long at offset %zu", "Name des Platzhalters an Position %zu zu lang" },
	K(M_KB_PAT_TWO_CAPS) = { "two captures without literal text between them at offset %zu",
	    "zwei Platzhalter ohne festen Text dazwischen an Position %zu" },
	K(M_KB_PAT_CAP_TYPE) = { "unknown capture type '%s' (int, word, hex)", "unbekannter Platzhaltertyp '%s' (int, word, hex)" },
	K(M_KB_PAT_CAP_NAME) = { "bad capture name '%s' (letters, digits and _ only)",
	    "ungültiger Platzhaltername '%s' (nur Buchstaben, Ziffern und _)" },
	K(M_KB_PAT_STRAY) = { "stray '}' at offset %zu (write }} for a literal brace)",
	    "einzelne '}' an Position %zu (}} schreiben für eine Klammer als Text)" },
	K(M_KB_PAT_NO_LITERAL) = { "pattern has no literal text", "das Muster hat keinen festen Text" },
};
