/*
 * proposal.c - see proposal.h. The tables name the algorithms the daemons'
 * configuration parsers accept (libreswan's ike_alg tables, strongSwan's
 * proposal keywords); a token outside them is kept as unknown, so that a
 * comparison never claims more than it understood.
 */
#include "config/proposal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct alias {
	const char *tok;
	const char *canon;
	enum prop_kind kind;
};

static const struct alias aliases[] = {
	/* encryption (AEAD with their ICV length as strongSwan names them);
	 * "aes" and "aes_gcm" without a key length stand for every key length
	 * (libreswan proposes 256 and 128 for them), see alg_eq() */
	{ "aes", "aes", PK_ENC }, { "aes128", "aes128", PK_ENC }, { "aes192", "aes192", PK_ENC },
	{ "aes256", "aes256", PK_ENC }, { "aes_cbc", "aes", PK_ENC }, { "aes_cbc128", "aes128", PK_ENC },
	{ "aes_cbc_128", "aes128", PK_ENC }, { "aes_cbc192", "aes192", PK_ENC }, { "aes_cbc256", "aes256", PK_ENC },
	{ "aes_cbc_256", "aes256", PK_ENC }, { "aes128ctr", "aes128ctr", PK_ENC }, { "aes256ctr", "aes256ctr", PK_ENC },
	{ "aes_ctr128", "aes128ctr", PK_ENC }, { "aes_ctr256", "aes256ctr", PK_ENC },
	{ "aes_gcm", "aesgcm", PK_ENC }, { "aes_gcm128", "aes128gcm16", PK_ENC }, { "aes_gcm256", "aes256gcm16", PK_ENC },
	{ "aes_gcm_128", "aes128gcm16", PK_ENC }, { "aes_gcm_256", "aes256gcm16", PK_ENC },
	{ "aes_gcm16_128", "aes128gcm16", PK_ENC }, { "aes_gcm16_256", "aes256gcm16", PK_ENC },
	{ "aes_gcm_c", "aes256gcm16", PK_ENC }, { "aes128gcm16", "aes128gcm16", PK_ENC }, { "aes256gcm16", "aes256gcm16", PK_ENC },
	{ "aes128gcm", "aes128gcm16", PK_ENC }, { "aes256gcm", "aes256gcm16", PK_ENC },
	{ "aes128gcm12", "aes128gcm12", PK_ENC }, { "aes256gcm12", "aes256gcm12", PK_ENC },
	{ "aes128gcm8", "aes128gcm8", PK_ENC }, { "aes256gcm8", "aes256gcm8", PK_ENC },
	{ "3des", "3des", PK_ENC }, { "3des_cbc", "3des", PK_ENC }, { "des", "des", PK_ENC },
	{ "camellia", "camellia128", PK_ENC }, { "camellia128", "camellia128", PK_ENC }, { "camellia256", "camellia256", PK_ENC },
	{ "chacha20poly1305", "chacha20poly1305", PK_ENC }, { "chacha20_poly1305", "chacha20poly1305", PK_ENC },
	{ "null", "null", PK_ENC }, { "null_enc", "null", PK_ENC },
	/* integrity */
	{ "md5", "md5", PK_INTEG }, { "sha", "sha1", PK_INTEG }, { "sha1", "sha1", PK_INTEG },
	{ "sha2", "sha256", PK_INTEG }, { "sha256", "sha256", PK_INTEG }, { "sha2_256", "sha256", PK_INTEG },
	{ "sha384", "sha384", PK_INTEG }, { "sha2_384", "sha384", PK_INTEG },
	{ "sha512", "sha512", PK_INTEG }, { "sha2_512", "sha512", PK_INTEG },
	{ "sha256_96", "sha256_96", PK_INTEG }, { "aesxcbc", "aesxcbc", PK_INTEG }, { "aes_xcbc", "aesxcbc", PK_INTEG },
	{ "aescmac", "aescmac", PK_INTEG }, { "aes_cmac", "aescmac", PK_INTEG },
	/* pseudo-random functions (IKEv2) */
	{ "prfmd5", "prfmd5", PK_PRF }, { "prfsha1", "prfsha1", PK_PRF }, { "prfsha256", "prfsha256", PK_PRF },
	{ "prfsha384", "prfsha384", PK_PRF }, { "prfsha512", "prfsha512", PK_PRF }, { "prfaesxcbc", "prfaesxcbc", PK_PRF },
	/* Diffie-Hellman groups by IANA number */
	{ "modp768", "dh1", PK_DH }, { "modp1024", "dh2", PK_DH }, { "modp1536", "dh5", PK_DH },
	{ "modp2048", "dh14", PK_DH }, { "modp3072", "dh15", PK_DH }, { "modp4096", "dh16", PK_DH },
	{ "modp6144", "dh17", PK_DH }, { "modp8192", "dh18", PK_DH }, { "ecp256", "dh19", PK_DH },
	{ "ecp384", "dh20", PK_DH }, { "ecp521", "dh21", PK_DH }, { "modp1024s160", "dh22", PK_DH },
	{ "modp2048s224", "dh23", PK_DH }, { "modp2048s256", "dh24", PK_DH }, { "ecp192", "dh25", PK_DH },
	{ "ecp224", "dh26", PK_DH }, { "curve25519", "dh31", PK_DH }, { "x25519", "dh31", PK_DH },
	{ "curve448", "dh32", PK_DH }, { "x448", "dh32", PK_DH }, { "none", "none", PK_DH },
};

const char *prop_canon(const char *tok, enum prop_kind *kind)
{
	char low[32];
	size_t n = strlen(tok);

	if (n == 0 || n >= sizeof low)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)tok[i]);
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
		if (strcmp(aliases[i].tok, low) == 0) {
			*kind = aliases[i].kind;
			return aliases[i].canon;
		}
	}
	/* dhN and modpN by number */
	if (strncmp(low, "dh", 2) == 0 && low[2] != '\0' && strspn(low + 2, "0123456789") == n - 2) {
		static const char *const dh[] = { "dh0", "dh1", "dh2", "dh3", "dh4", "dh5", "dh6", "dh7", "dh8",
			"dh9", "dh10", "dh11", "dh12", "dh13", "dh14", "dh15", "dh16", "dh17", "dh18", "dh19", "dh20",
			"dh21", "dh22", "dh23", "dh24", "dh25", "dh26", "dh27", "dh28", "dh29", "dh30", "dh31", "dh32" };
		int g = atoi(low + 2);

		if (g >= 1 && g <= 32) {
			*kind = PK_DH;
			return dh[g];
		}
	}
	return NULL;
}

static void add_alg(struct proposal *p, enum prop_kind k, const char *canon)
{
	for (int i = 0; i < p->n[k]; i++)
		if (strcmp(p->alg[k][i], canon) == 0)
			return;
	if (p->n[k] < PROP_ALGS)
		p->alg[k][p->n[k]++] = canon;
}

/* One proposal: tokens separated by - ; + (and a trailing ! for strict). */
static void parse_one(char *s, struct proplist *l)
{
	struct proposal *p = &l->p[l->n];
	char *save = NULL;

	memset(p, 0, sizeof *p);
	for (char *t = strtok_r(s, "-;+! \t", &save); t != NULL; t = strtok_r(NULL, "-;+! \t", &save)) {
		enum prop_kind k;
		const char *c = prop_canon(t, &k);

		if (c == NULL) {
			if (!l->unknown)
				snprintf(l->first_unknown, sizeof l->first_unknown, "%s", t);
			l->unknown = 1;
			continue;
		}
		add_alg(p, k, c);
	}
	if (p->n[PK_ENC] + p->n[PK_INTEG] + p->n[PK_PRF] + p->n[PK_DH] > 0)
		l->n++;
}

int proplist_parse(const char *s, struct proplist *out)
{
	char buf[1024], *save = NULL;

	memset(out, 0, sizeof *out);
	if (s == NULL || *s == '\0')
		return -1;
	snprintf(buf, sizeof buf, "%s", s);
	for (char *one = strtok_r(buf, ",", &save); one != NULL && out->n < PROP_MAX; one = strtok_r(NULL, ",", &save))
		parse_one(one, out);
	return out->n > 0 ? 0 : -1;
}

/* Equal algorithms; "aes"/"aesgcm" (no key length) match each length. */
static int alg_eq(const char *x, const char *y)
{
	if (strcmp(x, y) == 0)
		return 1;
	if (strcmp(x, "aes") == 0 || strcmp(y, "aes") == 0) {
		const char *o = strcmp(x, "aes") == 0 ? y : x;

		return strcmp(o, "aes128") == 0 || strcmp(o, "aes192") == 0 || strcmp(o, "aes256") == 0;
	}
	if (strcmp(x, "aesgcm") == 0 || strcmp(y, "aesgcm") == 0) {
		const char *o = strcmp(x, "aesgcm") == 0 ? y : x;

		return strncmp(o, "aes", 3) == 0 && strstr(o, "gcm") != NULL;
	}
	return 0;
}

static int share_kind(const struct proposal *a, const struct proposal *b, enum prop_kind k)
{
	if (a->n[k] == 0 || b->n[k] == 0)
		return 1;   /* one side leaves it to the default: not a difference we can name */
	for (int i = 0; i < a->n[k]; i++)
		for (int j = 0; j < b->n[k]; j++)
			if (alg_eq(a->alg[k][i], b->alg[k][j]))
				return 1;
	return 0;
}

int proplist_match(const struct proplist *a, const struct proplist *b)
{
	for (int i = 0; i < a->n; i++)
		for (int j = 0; j < b->n; j++) {
			int all = 1;

			for (int k = 0; k < PK_COUNT && all; k++)
				all = share_kind(&a->p[i], &b->p[j], (enum prop_kind)k);
			if (all)
				return 1;
		}
	return 0;
}

int proplist_has(const struct proplist *l, enum prop_kind k)
{
	for (int i = 0; i < l->n; i++)
		if (l->p[i].n[k] > 0)
			return 1;
	return 0;
}

int proplist_share(const struct proplist *a, const struct proplist *b, enum prop_kind k)
{
	for (int i = 0; i < a->n; i++)
		for (int j = 0; j < b->n; j++)
			if (a->p[i].n[k] > 0 && b->p[j].n[k] > 0 && share_kind(&a->p[i], &b->p[j], k))
				return 1;
	return 0;
}

void proplist_kind(const struct proplist *l, enum prop_kind k, char *buf, size_t bufsz)
{
	size_t len = 0;
	const char *seen[PROP_MAX * PROP_ALGS];
	int nseen = 0;

	if (bufsz == 0)
		return;
	buf[0] = '\0';
	for (int i = 0; i < l->n; i++)
		for (int j = 0; j < l->p[i].n[k]; j++) {
			const char *a = l->p[i].alg[k][j];
			int dup = 0;

			for (int s = 0; s < nseen && !dup; s++)
				dup = strcmp(seen[s], a) == 0;
			if (dup)
				continue;
			seen[nseen++] = a;
			len += (size_t)snprintf(buf + len, len < bufsz ? bufsz - len : 0, "%s%s", len > 0 ? "+" : "", a);
			if (len >= bufsz)
				return;
		}
}
