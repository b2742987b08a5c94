/*
 * cdiff.h - both ends' configuration side by side: which connection on
 * each gateway is the tunnel (the one whose peer address or ID points at
 * the other), every parameter compared mirrored (left's local subnet with
 * right's remote subnet), and for each difference the cause of the
 * vocabulary it explains. A parameter that one side leaves to the daemon's
 * default is "not set", never guessed: the comparison says so.
 */
#ifndef TD_CDIFF_H
#define TD_CDIFF_H

#include "config/tunnel.h"

enum crel {
	CR_EQUAL,        /* the same value (after normalisation) */
	CR_COMPATIBLE,   /* written differently, but they agree (a common proposal) */
	CR_DIFFERS,      /* they cannot agree */
	CR_UNKNOWN,      /* one side or both leave it to the daemon's default */
};

struct citem {
	enum tparam lp, rp;          /* left's parameter and the right one it is compared with */
	enum crel rel;
	const char *what;            /* which part differs: "dh", "enc", "integ" or NULL */
	const char *cause;           /* the cause id this difference explains, or NULL */
};

/* The pre-shared keys (src/config/psk.c): never a key, only how they compare. */
enum cpsk { PSK_NOT_COMPARED = 0, PSK_EQUAL, PSK_DIFFERS, PSK_UNREADABLE };

struct cdiff {
	struct tend left, right;
	enum cpsk psk;
	char *psk_why;               /* PSK_UNREADABLE / NOT_COMPARED: which side and why (no secret) */
	int score;                   /* how the two ends point at each other (address 4, id 2, ts 1) */
	struct citem items[TP_COUNT];
	int nitems;
	int ndiffer;
};

/*
 * Find the tunnel in l and r (lconn/rconn name the connections, or NULL to
 * find them) and compare. 0, or -1 with *cause ("no connection of RIGHT
 * points at LEFT's address ..."), in lang.
 */
int cdiff_build(const struct conf *l, const struct conf *r, const char *lconn, const char *rconn,
    enum lang lang, struct cdiff *out, char **cause);
void cdiff_clear(struct cdiff *d);

const char *crel_name(enum crel r);

#endif
