/*
 * tunnel.h - one end of a tunnel as its configuration defines it, in the
 * terms both syntaxes share: the parameters the two ends must agree on
 * (addresses, identities, traffic selectors, IKE version and mode,
 * proposals, PFS, authentication, NAT-T, DPD, lifetimes), each with the
 * configuration line it came from — or marked as not set, when the daemon's
 * default applies and the file does not say what it is.
 */
#ifndef TD_TUNNEL_H
#define TD_TUNNEL_H

#include "config/conf.h"

enum tparam {
	TP_ADDR_LOCAL, TP_ADDR_REMOTE, TP_ID_LOCAL, TP_ID_REMOTE, TP_TS_LOCAL, TP_TS_REMOTE,
	TP_IKE_VERSION, TP_IKE_MODE, TP_IKE_PROPOSALS, TP_ESP_PROPOSALS, TP_PFS,
	TP_AUTH_LOCAL, TP_AUTH_REMOTE, TP_ENCAP, TP_DPD_DELAY, TP_DPD_TIMEOUT, TP_DPD_ACTION,
	TP_IKE_LIFETIME, TP_SA_LIFETIME,
	TP_PSK,                 /* set only by psk.c: value "***", the secret entry's file:line */
	TP_COUNT
};

struct tval {
	char *value;            /* NULL: not set in the configuration */
	char *key;              /* the configuration key it came from ("leftsubnet", "children.net.local_ts") */
	char *file;
	int line;
	int derived;            /* a value the daemon derives (an ID from the address, PFS from esp=) */
};

struct tend {
	char *conn;             /* the connection's name */
	char *file;
	int line;
	enum conf_syntax syntax;
	int flipped;            /* ipsec.conf: this gateway is `right` */
	struct tval v[TP_COUNT];
};

/* The parameter's stable id ("ike.proposals") for JSON and the kb. */
const char *tparam_id(enum tparam p);

/*
 * The end that conn s of c defines; for ipsec.conf, flipped says this
 * gateway is `right` (its `right*` keys are the local ones). Every string
 * is e's own copy (the conf may be freed): tend_clear() frees them.
 */
void tend_from(struct tend *e, const struct conf *c, const struct conf_section *s, int flipped);
void tend_clear(struct tend *e);

#endif
