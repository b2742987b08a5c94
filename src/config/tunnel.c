/*
 * tunnel.c - see tunnel.h. Each parameter is looked up under the keys the
 * daemons read for it, in their order of precedence; the first key set
 * wins and is kept as the evidence. Nothing is filled in from a default
 * the file does not show, except what the daemons derive from other keys
 * of the same connection (an ID from the address, PFS from the DH group of
 * esp=), which is marked derived.
 */
#include "config/tunnel.h"
#include "config/proposal.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const ids[TP_COUNT] = {
	[TP_ADDR_LOCAL] = "addr.local", [TP_ADDR_REMOTE] = "addr.remote",
	[TP_ID_LOCAL] = "id.local", [TP_ID_REMOTE] = "id.remote",
	[TP_TS_LOCAL] = "ts.local", [TP_TS_REMOTE] = "ts.remote",
	[TP_IKE_VERSION] = "ike.version", [TP_IKE_MODE] = "ike.mode",
	[TP_IKE_PROPOSALS] = "ike.proposals", [TP_ESP_PROPOSALS] = "esp.proposals", [TP_PFS] = "esp.pfs",
	[TP_AUTH_LOCAL] = "auth.local", [TP_AUTH_REMOTE] = "auth.remote", [TP_ENCAP] = "nat.encapsulation",
	[TP_DPD_DELAY] = "dpd.delay", [TP_DPD_TIMEOUT] = "dpd.timeout", [TP_DPD_ACTION] = "dpd.action",
	[TP_IKE_LIFETIME] = "ike.lifetime", [TP_SA_LIFETIME] = "esp.lifetime", [TP_PSK] = "auth.psk",
};

const char *tparam_id(enum tparam p)
{
	return p >= 0 && p < TP_COUNT ? ids[p] : "";
}

static void tval_free(struct tval *t)
{
	free(t->value);
	free(t->key);
	free(t->file);
	memset(t, 0, sizeof *t);
}

static void set_from(struct tval *t, const struct conf_kv *kv, const char *value)
{
	char *v = xstrdup(value != NULL ? value : kv->value);

	tval_free(t);
	t->value = v;
	t->key = xstrdup(kv->key);
	t->file = xstrdup(kv->file);
	t->line = kv->line;
}

/* t becomes a derived copy of from's line with the value v. */
static void set_derived(struct tval *t, const struct tval *from, const char *v)
{
	char *val = xstrdup(v), *key = xstrdup(from->key), *file = xstrdup(from->file);
	int line = from->line;

	tval_free(t);
	t->value = val;
	t->key = key;
	t->file = file;
	t->line = line;
	t->derived = 1;
}

/* The first of keys (NULL-ended) that s sets, into t. */
static const struct conf_kv *take(struct tval *t, const struct conf_section *s, const char *const *keys)
{
	for (int i = 0; keys[i] != NULL; i++) {
		const struct conf_kv *kv = conf_get(s, keys[i]);

		if (kv != NULL && kv->value[0] != '\0') {
			set_from(t, kv, NULL);
			return kv;
		}
	}
	return NULL;
}

/* ipsec.conf: "left"/"right" + suffix for the local or remote end. */
static const struct conf_kv *side_key(struct tval *t, const struct conf_section *s, int remote, int flipped,
    const char *suffix)
{
	char k1[64];
	const char *keys[2] = { k1, NULL };

	snprintf(k1, sizeof k1, "%s%s", (remote ^ flipped) ? "right" : "left", suffix);
	return take(t, s, keys);
}

/* Normalise a list of subnets ("{10.1.0.0/24 10.3.0.0/24}", "a,b") to "a,b". */
static void norm_list(struct tval *t)
{
	struct strbuf b = {0};
	char *save = NULL, *copy;

	if (t->value == NULL)
		return;
	copy = xstrdup(t->value);
	for (char *p = strtok_r(copy, "{}, \t", &save); p != NULL; p = strtok_r(NULL, "{}, \t", &save)) {
		if (b.len > 0)
			sb_addc(&b, ',');
		sb_adds(&b, p);
	}
	free(copy);
	free(t->value);
	t->value = b.s != NULL ? sb_steal(&b) : xstrdup("");
}

static void derive(struct tval *t, const struct tval *from)
{
	if (t->value != NULL || from->value == NULL)
		return;
	set_derived(t, from, from->value);
}

/*
 * PFS as the configuration states it: pfs=no, the group of pfsgroup=
 * (Openswan), or the DH groups of esp= (libreswan and strongSwan take the
 * PFS group from there). esp= without a group and no pfs= is left not set:
 * what follows (libreswan: the IKE SA's group; strongSwan: no PFS) depends
 * on the daemon, which the file does not name.
 */
static void derive_pfs(struct tend *e, const struct conf_section *s)
{
	static const char *const grp_keys[] = { "pfsgroup", NULL };
	struct tval *t = &e->v[TP_PFS];
	const struct conf_kv *kv = conf_get(s, "pfs");
	struct proplist l;
	char dh[128];

	if (kv != NULL && (strcmp(kv->value, "no") == 0 || strcmp(kv->value, "never") == 0)) {
		set_from(t, kv, "no");
		return;
	}
	if (take(t, s, grp_keys) != NULL)
		return;
	dh[0] = '\0';
	if (e->v[TP_ESP_PROPOSALS].value != NULL && proplist_parse(e->v[TP_ESP_PROPOSALS].value, &l) == 0)
		proplist_kind(&l, PK_DH, dh, sizeof dh);
	if (dh[0] != '\0')
		set_derived(t, &e->v[TP_ESP_PROPOSALS], dh);
	else if (kv != NULL && strcmp(kv->value, "yes") == 0)
		set_from(t, kv, "yes");     /* PFS on, its group not written (libreswan: the IKE SA's) */
	else if (e->syntax == CONF_SWANCTL && e->v[TP_ESP_PROPOSALS].value != NULL)
		set_derived(t, &e->v[TP_ESP_PROPOSALS], "no");  /* strongSwan: no DH group, no PFS */
}

static void from_ipsec_conf(struct tend *e, const struct conf_section *s, int fl)
{
	static const char *const ver[] = { "keyexchange", "ikev2", NULL };
	static const char *const mode[] = { "aggressive", "aggrmode", NULL };
	static const char *const ike[] = { "ike", NULL };
	static const char *const esp[] = { "esp", "phase2alg", NULL };
	static const char *const encap[] = { "encapsulation", "forceencaps", NULL };
	static const char *const dd[] = { "dpddelay", NULL }, *const dt[] = { "dpdtimeout", NULL };
	static const char *const da[] = { "dpdaction", NULL };
	static const char *const il[] = { "ikelifetime", NULL }, *const sl[] = { "salifetime", "lifetime", "keylife", NULL };
	static const char *const authby[] = { "authby", NULL };

	side_key(&e->v[TP_ADDR_LOCAL], s, 0, fl, "");
	side_key(&e->v[TP_ADDR_REMOTE], s, 1, fl, "");
	side_key(&e->v[TP_ID_LOCAL], s, 0, fl, "id");
	side_key(&e->v[TP_ID_REMOTE], s, 1, fl, "id");
	if (side_key(&e->v[TP_TS_LOCAL], s, 0, fl, "subnet") == NULL)
		side_key(&e->v[TP_TS_LOCAL], s, 0, fl, "subnets");
	if (side_key(&e->v[TP_TS_REMOTE], s, 1, fl, "subnet") == NULL)
		side_key(&e->v[TP_TS_REMOTE], s, 1, fl, "subnets");
	take(&e->v[TP_IKE_VERSION], s, ver);
	take(&e->v[TP_IKE_MODE], s, mode);
	take(&e->v[TP_IKE_PROPOSALS], s, ike);
	take(&e->v[TP_ESP_PROPOSALS], s, esp);
	if (side_key(&e->v[TP_AUTH_LOCAL], s, 0, fl, "auth") == NULL)
		take(&e->v[TP_AUTH_LOCAL], s, authby);
	if (side_key(&e->v[TP_AUTH_REMOTE], s, 1, fl, "auth") == NULL)
		take(&e->v[TP_AUTH_REMOTE], s, authby);
	take(&e->v[TP_ENCAP], s, encap);
	take(&e->v[TP_DPD_DELAY], s, dd);
	take(&e->v[TP_DPD_TIMEOUT], s, dt);
	take(&e->v[TP_DPD_ACTION], s, da);
	take(&e->v[TP_IKE_LIFETIME], s, il);
	take(&e->v[TP_SA_LIFETIME], s, sl);
	/* the daemons identify an end by its address when no id= is set */
	derive(&e->v[TP_ID_LOCAL], &e->v[TP_ADDR_LOCAL]);
	derive(&e->v[TP_ID_REMOTE], &e->v[TP_ADDR_REMOTE]);
	derive_pfs(e, s);
}

/* swanctl: the first key of the form prefix*.rest (local-1.id, children.x.local_ts). */
static const struct conf_kv *take_wild(struct tval *t, const struct conf_section *s, const char *prefix,
    const char *rest)
{
	size_t pl = strlen(prefix), rl = strlen(rest);
	struct strbuf all = {0};
	const struct conf_kv *first = NULL;

	/* children: the union of every child's value, the first child's line */
	for (int i = 0; i < s->nkv; i++) {
		const char *k = s->kv[i].key;
		size_t kl = strlen(k);

		if (strncmp(k, prefix, pl) != 0 || kl <= rl + 1 || strcmp(k + kl - rl, rest) != 0 || k[kl - rl - 1] != '.')
			continue;
		/* prefix, then an optional -suffix or .name, then .rest */
		if (kl - rl - 1 != pl && k[pl] != '-' && k[pl] != '.')
			continue;
		if (first == NULL)
			first = &s->kv[i];
		if (all.len > 0)
			sb_addc(&all, ',');
		sb_adds(&all, s->kv[i].value);
		if (strcmp(prefix, "children") != 0)
			break;
	}
	if (first != NULL)
		set_from(t, first, all.s);
	sb_free(&all);
	return first;
}

static void from_swanctl(struct tend *e, const struct conf_section *s)
{
	static const char *const la[] = { "local_addrs", NULL }, *const ra[] = { "remote_addrs", NULL };
	static const char *const ver[] = { "version", NULL }, *const mode[] = { "aggressive", NULL };
	static const char *const ike[] = { "proposals", NULL }, *const encap[] = { "encap", NULL };
	static const char *const dd[] = { "dpd_delay", NULL }, *const dt[] = { "dpd_timeout", NULL };
	static const char *const il[] = { "rekey_time", NULL };

	take(&e->v[TP_ADDR_LOCAL], s, la);
	take(&e->v[TP_ADDR_REMOTE], s, ra);
	take_wild(&e->v[TP_ID_LOCAL], s, "local", "id");
	take_wild(&e->v[TP_ID_REMOTE], s, "remote", "id");
	take_wild(&e->v[TP_TS_LOCAL], s, "children", "local_ts");
	take_wild(&e->v[TP_TS_REMOTE], s, "children", "remote_ts");
	take(&e->v[TP_IKE_VERSION], s, ver);
	take(&e->v[TP_IKE_MODE], s, mode);
	take(&e->v[TP_IKE_PROPOSALS], s, ike);
	take_wild(&e->v[TP_ESP_PROPOSALS], s, "children", "esp_proposals");
	take_wild(&e->v[TP_AUTH_LOCAL], s, "local", "auth");
	take_wild(&e->v[TP_AUTH_REMOTE], s, "remote", "auth");
	take(&e->v[TP_ENCAP], s, encap);
	take(&e->v[TP_DPD_DELAY], s, dd);
	take(&e->v[TP_DPD_TIMEOUT], s, dt);
	take_wild(&e->v[TP_DPD_ACTION], s, "children", "dpd_action");
	take(&e->v[TP_IKE_LIFETIME], s, il);
	take_wild(&e->v[TP_SA_LIFETIME], s, "children", "rekey_time");
	derive(&e->v[TP_ID_LOCAL], &e->v[TP_ADDR_LOCAL]);
	derive(&e->v[TP_ID_REMOTE], &e->v[TP_ADDR_REMOTE]);
	derive_pfs(e, s);
}

void tend_from(struct tend *e, const struct conf *c, const struct conf_section *s, int flipped)
{
	memset(e, 0, sizeof *e);
	e->conn = xstrdup(s->name);
	e->file = xstrdup(s->file);
	e->line = s->line;
	e->syntax = c->syntax;
	e->flipped = flipped;
	if (c->syntax == CONF_SWANCTL)
		from_swanctl(e, s);
	else
		from_ipsec_conf(e, s, flipped);
	norm_list(&e->v[TP_TS_LOCAL]);
	norm_list(&e->v[TP_TS_REMOTE]);
	norm_list(&e->v[TP_ADDR_LOCAL]);
	norm_list(&e->v[TP_ADDR_REMOTE]);
}

void tend_clear(struct tend *e)
{
	for (int i = 0; i < TP_COUNT; i++)
		tval_free(&e->v[i]);
	free(e->conn);
	free(e->file);
	memset(e, 0, sizeof *e);
}
