/*
 * proposal.h - IKE and ESP proposals as the daemons' configurations write
 * them (libreswan `aes256-sha2_256;modp2048`, `aes_gcm256-sha2+sha1-dh19`,
 * strongSwan `aes256-sha256-modp2048!`, swanctl `aes256gcm16-prfsha384-
 * ecp384`), read into canonical algorithm names so that two ends written in
 * different dialects can be compared: which algorithms each side allows,
 * and whether one proposal of the left side matches one of the right.
 */
#ifndef TD_PROPOSAL_H
#define TD_PROPOSAL_H

#include <stddef.h>

#define PROP_MAX 16       /* proposals in a list */
#define PROP_ALGS 8       /* algorithms of one kind in one proposal */

enum prop_kind { PK_ENC, PK_INTEG, PK_PRF, PK_DH, PK_COUNT };

struct proposal {
	/* canonical names ("aes256", "aes256gcm16", "sha256", "dh14", "none") */
	const char *alg[PK_COUNT][PROP_ALGS];
	int n[PK_COUNT];
};

struct proplist {
	struct proposal p[PROP_MAX];
	int n;
	int unknown;        /* a token no table knows: compare with care */
	char first_unknown[32];
};

/* Read the list s (comma-separated proposals); 0, or -1 when empty. */
int proplist_parse(const char *s, struct proplist *out);
/* 1 when some proposal of a and some of b agree on every kind both name. */
int proplist_match(const struct proplist *a, const struct proplist *b);
/* 1 when a and b allow some common algorithm of kind k (both name some). */
int proplist_share(const struct proplist *a, const struct proplist *b, enum prop_kind k);
/* 1 when some proposal of l names an algorithm of kind k. */
int proplist_has(const struct proplist *l, enum prop_kind k);
/* The algorithms of kind k in l, canonical, '+'-joined and de-duplicated, into buf. */
void proplist_kind(const struct proplist *l, enum prop_kind k, char *buf, size_t bufsz);
/* The canonical name of one algorithm token and its kind (NULL: unknown). */
const char *prop_canon(const char *tok, enum prop_kind *kind);

#endif
