/*
 * cdiff.c - see cdiff.h.
 */
#include "config/cdiff.h"
#include "config/proposal.h"
#include "base/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *crel_name(enum crel r)
{
	switch (r) {
	case CR_EQUAL: return "equal";
	case CR_COMPATIBLE: return "compatible";
	case CR_DIFFERS: return "differs";
	default: return "unknown";
	}
}

/* A value that stands for "any" or "find out at run time": never compared. */
static int is_wild(const char *v)
{
	return v == NULL || *v == '\0' || strcmp(v, "%any") == 0 || strcmp(v, "%any6") == 0 ||
	    strcmp(v, "%defaultroute") == 0 || strcmp(v, "%fromcert") == 0 || strcmp(v, "%opportunistic") == 0 ||
	    strcmp(v, "%group") == 0 || strcmp(v, "dynamic") == 0 || strcmp(v, "%dynamic") == 0 ||
	    strcmp(v, "0.0.0.0/0") == 0 || strcmp(v, "::/0") == 0;
}

/* IDs: "@east" and "east" are the same FQDN; FQDNs compare without case. */
static int id_eq(const char *a, const char *b)
{
	if (*a == '@' && a[1] != '#')
		a++;
	if (*b == '@' && b[1] != '#')
		b++;
	return strcasecmp(a, b) == 0;
}

/* Comma lists compared as sets (subnets, addresses). */
static int set_eq(const char *a, const char *b)
{
	char *ca = xstrdup(a), *save = NULL;
	int na = 0, nb = 0, ok = 1;

	for (const char *p = b; *p != '\0'; p++)
		nb += *p == ',';
	for (char *t = strtok_r(ca, ",", &save); t != NULL && ok; t = strtok_r(NULL, ",", &save)) {
		size_t n = strlen(t);
		const char *q = b;

		na++;
		ok = 0;
		while ((q = strstr(q, t)) != NULL && !ok) {
			ok = (q == b || q[-1] == ',') && (q[n] == '\0' || q[n] == ',');
			q++;
		}
	}
	free(ca);
	return ok && na == nb + 1;
}

/*
 * A private address (RFC 1918, shared 100.64/10, IPv6 unique local fc00::/7):
 * the first of a comma list. A gateway behind NAT is configured with its
 * private address as its own; its peer must name the NAT router's public
 * one instead.
 */
static int is_private(const char *v)
{
	unsigned a, b;

	if (strncasecmp(v, "fc", 2) == 0 || strncasecmp(v, "fd", 2) == 0)
		return strchr(v, ':') != NULL && (v[2] == ':' || isxdigit((unsigned char)v[2]));
	if (sscanf(v, "%u.%u.", &a, &b) != 2 || a > 255 || b > 255)
		return 0;
	return a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127);
}

/* IKE version in the daemons' words: "1", "2" or "any". */
static const char *version_canon(const char *v)
{
	if (strcmp(v, "no") == 0 || strcmp(v, "never") == 0 || strcmp(v, "ikev1") == 0 || strcmp(v, "1") == 0)
		return "1";
	if (strcmp(v, "yes") == 0 || strcmp(v, "insist") == 0 || strcmp(v, "ikev2") == 0 || strcmp(v, "2") == 0)
		return "2";
	if (strcmp(v, "permit") == 0 || strcmp(v, "propose") == 0 || strcmp(v, "ike") == 0 || strcmp(v, "0") == 0)
		return "any";
	return v;
}

/* A duration ("10", "10s", "1h", "8h", "3600") in seconds; -1 if not one. */
static long duration(const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (end == v || n < 0)
		return -1;
	switch (*end) {
	case '\0': case 's': return end[*end != '\0'] == '\0' ? n : -1;
	case 'm': return end[1] == '\0' ? n * 60 : -1;
	case 'h': return end[1] == '\0' ? n * 3600 : -1;
	case 'd': return end[1] == '\0' ? n * 86400 : -1;
	default: return -1;
	}
}

/* Authentication methods in the daemons' words, to one name. */
static const char *auth_canon(const char *v)
{
	if (v == NULL)
		return NULL;
	if (strcasecmp(v, "secret") == 0 || strcasecmp(v, "psk") == 0 || strcasecmp(v, "xauthpsk") == 0)
		return "psk";
	if (strcasecmp(v, "rsasig") == 0 || strcasecmp(v, "rsa") == 0 || strcasecmp(v, "pubkey") == 0 ||
	    strncasecmp(v, "rsa", 3) == 0 || strncasecmp(v, "ecdsa", 5) == 0 || strcasecmp(v, "xauthrsasig") == 0)
		return "pubkey";
	if (strncasecmp(v, "eap", 3) == 0)
		return "eap";
	if (strcasecmp(v, "null") == 0)
		return "null";
	return v;
}

static enum crel cmp_props(const char *a, const char *b, int esp, const char **what)
{
	struct proplist la, lb;

	*what = NULL;
	if (proplist_parse(a, &la) != 0 || proplist_parse(b, &lb) != 0 || la.unknown || lb.unknown)
		return strcasecmp(a, b) == 0 ? CR_EQUAL : CR_UNKNOWN;
	if (esp) {
		/* phase 2 proper: encryption and integrity; the DH group is PFS */
		for (int i = 0; i < la.n; i++)
			la.p[i].n[PK_DH] = 0;
		for (int i = 0; i < lb.n; i++)
			lb.p[i].n[PK_DH] = 0;
	}
	if (proplist_match(&la, &lb))
		return strcasecmp(a, b) == 0 ? CR_EQUAL : CR_COMPATIBLE;
	if (!proplist_share(&la, &lb, PK_ENC) && proplist_has(&la, PK_ENC) && proplist_has(&lb, PK_ENC))
		*what = "enc";
	else if (!proplist_share(&la, &lb, PK_INTEG) && proplist_has(&la, PK_INTEG) && proplist_has(&lb, PK_INTEG))
		*what = "integ";
	else if (!proplist_share(&la, &lb, PK_DH) && proplist_has(&la, PK_DH) && proplist_has(&lb, PK_DH))
		*what = "dh";
	return CR_DIFFERS;
}

static enum crel compare(enum tparam p, const struct tval *l, const struct tval *r, const char **what)
{
	const char *a = l->value, *b = r->value;

	*what = NULL;
	if (a == NULL || b == NULL || is_wild(a) || is_wild(b))
		return a != NULL && b != NULL && strcmp(a, b) == 0 ? CR_EQUAL : CR_UNKNOWN;
	switch (p) {
	case TP_ID_LOCAL: case TP_ID_REMOTE:
		return id_eq(a, b) ? CR_EQUAL : CR_DIFFERS;
	case TP_ADDR_LOCAL: case TP_ADDR_REMOTE: {
		/* the end's own address (p says whose: left's local, or right's) */
		const char *own = p == TP_ADDR_LOCAL ? a : b, *seen = p == TP_ADDR_LOCAL ? b : a;

		if (set_eq(a, b))
			return CR_EQUAL;
		if (is_private(own) && !is_private(seen)) {
			*what = "nat";
			return CR_UNKNOWN;
		}
		return CR_DIFFERS;
	}
	case TP_TS_LOCAL: case TP_TS_REMOTE:
		return set_eq(a, b) ? CR_EQUAL : CR_DIFFERS;
	case TP_IKE_PROPOSALS:
		return cmp_props(a, b, 0, what);
	case TP_ESP_PROPOSALS:
		return cmp_props(a, b, 1, what);
	case TP_PFS: {
		int an = strcmp(a, "no") == 0, bn = strcmp(b, "no") == 0;

		if (an || bn)
			return an == bn ? CR_EQUAL : CR_DIFFERS;
		/* "yes": PFS on, the group not written: equal only to another "yes" */
		if (strcmp(a, "yes") == 0 || strcmp(b, "yes") == 0)
			return strcmp(a, b) == 0 ? CR_EQUAL : CR_UNKNOWN;
		return cmp_props(a, b, 0, what) == CR_DIFFERS ? CR_DIFFERS : CR_EQUAL;
	}
	case TP_AUTH_LOCAL: case TP_AUTH_REMOTE:
		return strcasecmp(auth_canon(a), auth_canon(b)) == 0 ? CR_EQUAL : CR_DIFFERS;
	case TP_IKE_VERSION: {
		const char *x = version_canon(a), *y = version_canon(b);

		if (strcmp(x, y) == 0)
			return strcmp(a, b) == 0 ? CR_EQUAL : CR_COMPATIBLE;
		return strcmp(x, "any") == 0 || strcmp(y, "any") == 0 ? CR_COMPATIBLE : CR_DIFFERS;
	}
	case TP_DPD_DELAY: case TP_DPD_TIMEOUT: case TP_IKE_LIFETIME: case TP_SA_LIFETIME: {
		long x = duration(a), y = duration(b);

		if (x < 0 || y < 0)
			return strcasecmp(a, b) == 0 ? CR_EQUAL : CR_UNKNOWN;
		return x == y ? (strcmp(a, b) == 0 ? CR_EQUAL : CR_COMPATIBLE) : CR_DIFFERS;
	}
	default:
		return strcasecmp(a, b) == 0 ? CR_EQUAL : CR_DIFFERS;
	}
}

/* The cause a difference in p explains (kb/causes.json ids). */
static const char *cause_of(enum tparam p, const char *what)
{
	switch (p) {
	case TP_IKE_PROPOSALS: case TP_IKE_MODE: case TP_IKE_VERSION: return "phase1-proposal-mismatch";
	case TP_ESP_PROPOSALS: return "phase2-proposal-mismatch";
	case TP_PFS: return "pfs-mismatch";
	case TP_TS_LOCAL: case TP_TS_REMOTE: return "subnet-mismatch";
	case TP_ID_LOCAL: case TP_ID_REMOTE: return "id-mismatch";
	case TP_AUTH_LOCAL: case TP_AUTH_REMOTE: return "auth-failed";
	case TP_ADDR_LOCAL: case TP_ADDR_REMOTE: return "responder-no-matching-conn";
	/*
	 * One end forcing UDP encapsulation (encapsulation=yes, encap = yes)
	 * moves IKE and ESP to UDP 4500 where the other would stay on 500 and
	 * raw ESP: where UDP 4500 does not pass, the tunnel fails on the side
	 * that forces it (the mGuard guide's 1.3.3, the cause's chapter).
	 */
	case TP_ENCAP: return "udp4500-blocked";
	default: (void)what; return NULL;
	}
}

/* The mirrored pairs: left's parameter, the right one it must agree with. */
static const enum tparam mirror[][2] = {
	{ TP_ADDR_LOCAL, TP_ADDR_REMOTE }, { TP_ADDR_REMOTE, TP_ADDR_LOCAL },
	{ TP_ID_LOCAL, TP_ID_REMOTE }, { TP_ID_REMOTE, TP_ID_LOCAL },
	{ TP_TS_LOCAL, TP_TS_REMOTE }, { TP_TS_REMOTE, TP_TS_LOCAL },
	{ TP_IKE_VERSION, TP_IKE_VERSION }, { TP_IKE_MODE, TP_IKE_MODE },
	{ TP_IKE_PROPOSALS, TP_IKE_PROPOSALS }, { TP_ESP_PROPOSALS, TP_ESP_PROPOSALS }, { TP_PFS, TP_PFS },
	{ TP_AUTH_LOCAL, TP_AUTH_REMOTE }, { TP_AUTH_REMOTE, TP_AUTH_LOCAL },
	{ TP_ENCAP, TP_ENCAP }, { TP_DPD_DELAY, TP_DPD_DELAY }, { TP_DPD_TIMEOUT, TP_DPD_TIMEOUT },
	{ TP_DPD_ACTION, TP_DPD_ACTION }, { TP_IKE_LIFETIME, TP_IKE_LIFETIME }, { TP_SA_LIFETIME, TP_SA_LIFETIME },
};

/* How well two ends point at each other (0: not at all). */
static int score(const struct tend *a, const struct tend *b)
{
	const char *w;
	int s = 0;

	if (!is_wild(a->v[TP_ADDR_REMOTE].value) && !is_wild(b->v[TP_ADDR_LOCAL].value) &&
	    compare(TP_ADDR_LOCAL, &a->v[TP_ADDR_REMOTE], &b->v[TP_ADDR_LOCAL], &w) == CR_EQUAL)
		s += 4;
	if (!is_wild(a->v[TP_ADDR_LOCAL].value) && !is_wild(b->v[TP_ADDR_REMOTE].value) &&
	    compare(TP_ADDR_LOCAL, &a->v[TP_ADDR_LOCAL], &b->v[TP_ADDR_REMOTE], &w) == CR_EQUAL)
		s += 4;
	if (!a->v[TP_ID_REMOTE].derived && !b->v[TP_ID_LOCAL].derived &&
	    compare(TP_ID_LOCAL, &a->v[TP_ID_REMOTE], &b->v[TP_ID_LOCAL], &w) == CR_EQUAL)
		s += 2;
	if (!a->v[TP_ID_LOCAL].derived && !b->v[TP_ID_REMOTE].derived &&
	    compare(TP_ID_LOCAL, &a->v[TP_ID_LOCAL], &b->v[TP_ID_REMOTE], &w) == CR_EQUAL)
		s += 2;
	if (compare(TP_TS_LOCAL, &a->v[TP_TS_LOCAL], &b->v[TP_TS_REMOTE], &w) == CR_EQUAL)
		s += 1;
	return s;
}

/* The connections of c worth matching: not %default / config setup. */
static int usable(const struct conf_section *s, const char *want)
{
	if (s->name[0] == '%')
		return 0;
	return want == NULL || strcmp(s->name, want) == 0;
}

static void fill_items(struct cdiff *d)
{
	d->nitems = d->ndiffer = 0;
	for (size_t i = 0; i < sizeof mirror / sizeof mirror[0]; i++) {
		struct citem *it = &d->items[d->nitems++];

		it->lp = mirror[i][0];
		it->rp = mirror[i][1];
		it->rel = compare(it->lp, &d->left.v[it->lp], &d->right.v[it->rp], &it->what);
		it->cause = NULL;
		if (it->rel == CR_DIFFERS) {
			it->cause = cause_of(it->lp, it->what);
			/* ESP proposals that differ only in the DH group are a PFS mismatch */
			if (it->lp == TP_PFS || (it->lp == TP_ESP_PROPOSALS && it->what != NULL && strcmp(it->what, "dh") == 0))
				it->cause = "pfs-mismatch";
			d->ndiffer++;
		}
	}
}

int cdiff_build(const struct conf *l, const struct conf *r, const char *lconn, const char *rconn,
    enum lang lang, struct cdiff *out, char **cause)
{
	int best = -1, wbest = -1000, bl = -1, br = -1, bfl = 0, bfr = 0, ties = 0;
	int flips_l = l->syntax == CONF_IPSEC_CONF ? 2 : 1, flips_r = r->syntax == CONF_IPSEC_CONF ? 2 : 1;

	memset(out, 0, sizeof *out);
	for (int i = 0; i < l->nsecs; i++) {
		if (!usable(&l->secs[i], lconn))
			continue;
		for (int j = 0; j < r->nsecs; j++) {
			if (!usable(&r->secs[j], rconn))
				continue;
			for (int fl = 0; fl < flips_l; fl++)
				for (int fr = 0; fr < flips_r; fr++) {
					struct tend a, b;
					int s, ws;

					tend_from(&a, l, &l->secs[i], fl);
					tend_from(&b, r, &r->secs[j], fr);
					s = score(&a, &b) + (strcmp(a.conn, b.conn) == 0);
					/*
					 * ipsec.conf does not say which of left/right is this host (the
					 * daemon finds out from its addresses): read left as local unless
					 * the addresses say otherwise. A flip costs 2/3 of a point, so
					 * both ends flipped only to make the subnets agree (1 point) lose.
					 */
					ws = 3 * s - 2 * (fl + fr);
					tend_clear(&a);
					tend_clear(&b);
					if (ws > wbest) {
						wbest = ws;
						best = s;
						bl = i, br = j, bfl = fl, bfr = fr;
						ties = 0;
					} else if (ws == wbest) {
						ties++;
					}
				}
		}
	}
	if (bl < 0 || (best < 4 && (lconn == NULL || rconn == NULL))) {
		if (cause != NULL)
			*cause = xasprintf(msg(M_CF_NO_TUNNEL, lang), lconn != NULL ? lconn : "*", rconn != NULL ? rconn : "*");
		return -1;
	}
	tend_from(&out->left, l, &l->secs[bl], bfl);
	tend_from(&out->right, r, &r->secs[br], bfr);
	out->score = best;
	(void)ties;
	fill_items(out);
	return 0;
}

void cdiff_clear(struct cdiff *d)
{
	tend_clear(&d->left);
	tend_clear(&d->right);
	free(d->psk_why);
	memset(d, 0, sizeof *d);
}
