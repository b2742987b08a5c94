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
};
