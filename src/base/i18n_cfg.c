/*
 * i18n_cfg.c - the configuration diff's messages added after the first
 * cut (issue 18) in English and German (the part of the message table for
 * src/config/, src/report/config_report.c and the console's view 5, see
 * i18n_tab.h).
 */
#include "base/i18n.h"
#include "base/i18n_tab.h"

#include <stddef.h>

const char *const i18n_cfg[M_CG_LAST + 1][2] = {
	/* pre-shared keys written as 0x (hex) or 0s (base64) */
	[M_CG_PSK_BAD_FORM] = { "the key at %s:%d is written as %s but does not decode",
	    "der Schlüssel in %s:%d ist als %s geschrieben, lässt sich aber nicht dekodieren" },
	/* behind NAT the two ends' addresses are not comparable */
	[M_CG_PART_NAT] = { "behind NAT: this end's own address is private, the peer is given the NAT router's public one; not comparable from the configurations",
	    "hinter NAT: die eigene Adresse dieser Seite ist privat, der Gegenstelle ist die öffentliche Adresse des NAT-Routers eingetragen; aus den Konfigurationen nicht vergleichbar" },
	/* the console's view 5 */
	[M_CG_V_CONFIG] = { "configuration", "Konfiguration" },
	[M_CG_NO_CONFIG] = { "No configurations loaded: nothing is compared. Give both gateways' configuration (ipsec.conf or swanctl.conf, or the saved output of the daemon's configuration command): tunneldoc open --left-config FILE --right-config FILE LEFT RIGHT. 'tunneldoc connect --batch' reads them from the gateways; 'tunneldoc config-diff' compares two files.",
	    "Keine Konfigurationen geladen: nichts wird verglichen. Geben Sie die Konfiguration beider Gateways an (ipsec.conf oder swanctl.conf, oder die gespeicherte Ausgabe des Konfigurationsbefehls des Daemons): tunneldoc open --left-config DATEI --right-config DATEI LINKS RECHTS. 'tunneldoc connect --batch' liest sie von den Gateways; 'tunneldoc config-diff' vergleicht zwei Dateien." },
	/* the live console reads both configurations once */
	[M_CG_NOT_STREAMING] = { "not both gateways were streaming", "nicht beide Gateways lieferten ihr Log" },
	[M_CG_READING] = { "reading both gateways' configurations (read-only commands) ...", "lese die Konfigurationen beider Gateways (nur lesende Befehle) ..." },
	[M_CG_READ] = { "configurations compared: view 5", "Konfigurationen verglichen: Ansicht 5" },
	[M_CG_NOT_READ] = { "configurations not compared: view 5 says why", "Konfigurationen nicht verglichen: Ansicht 5 sagt warum" },
	[M_CG_NO_REASON] = { "no side reported why; run 'tunneldoc connect --batch' with the same gateways to see each side's messages",
	    "keine Seite meldete einen Grund; 'tunneldoc connect --batch' mit denselben Gateways zeigt die Meldungen jeder Seite" },
	[M_CG_LIVE_NONE] = { "The configurations were not compared: %s", "Die Konfigurationen wurden nicht verglichen: %s" },
	[M_CG_FINDING_CONFIG] = { "configuration (view 5) - the difference that explains it:", "Konfiguration (Ansicht 5) - der Unterschied, der ihn erklärt:" },
};
