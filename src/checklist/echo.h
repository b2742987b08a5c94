/*
 * echo.h - step 3 of the ping procedure (mGuard guide 1.5): the ICMP echo
 * requests the VPN firewall logged leaving one gateway into the tunnel
 * (fw-vpn_...-out-...) and arriving at the other (fw-vpn_...-in-...),
 * matched by ICMP ID and SEQ. The aligner pairs them by that key; this
 * counts them per direction and keeps an example of each outcome.
 */
#ifndef TD_ECHO_H
#define TD_ECHO_H

#include "align/align.h"
#include "base/i18n.h"

struct echo_dir {
	int out;                      /* requests logged leaving this side */
	int arrived;                  /* of those, logged at the other side */
	const struct evref *out_ev;   /* the newest leaving one */
	const struct evref *in_ev;    /* the newest arrival at the other side */
	const struct evref *lost_ev;  /* the newest one that did not arrive */
};

struct echo_summary {
	struct echo_dir dir[2];       /* [LEFT]: sent by the left gateway's side */
	int stray[2];                 /* arrivals logged with no leaving entry */
	int total;
};

/*
 * Count the echoes of the alignment. Echoes whose source address is in
 * skip_src (the gateways' own addresses used by a ping tunneldoc ran) are
 * left out, so the client's pings are judged on their own.
 */
void echo_summarise(const struct alignment *al, const char *const *skip_src, int nskip,
    struct echo_summary *out);

/* "echo requests leaving left: 3, arrived at right ...: 3", or NULL. */
char *echo_describe(const struct echo_summary *es, enum lang l);

#endif
