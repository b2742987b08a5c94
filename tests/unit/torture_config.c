/*
 * torture_config.c - both ends' configuration: the readers (ipsec.conf with
 * include, also= and %default; swanctl.conf with include), the matching of
 * the tunnel's two ends among other connections, the mirrored comparison
 * with the cause each difference explains, the evidence line of every
 * value, secrets never kept, and malformed files named by line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/redact.h"
#include "config/cdiff.h"
#include "config/conf.h"
#include "config/proposal.h"

#define CF TD_SOURCE_DIR "/tests/golden/config/"

static struct conf *rd(const char *name)
{
	char *why = NULL;
	struct conf *c = conf_read(name, LANG_EN, &why);

	if (c == NULL)
		fail_msg("%s: %s", name, why);
	return c;
}

static const struct citem *item(const struct cdiff *d, enum tparam p)
{
	for (int i = 0; i < d->nitems; i++)
		if (d->items[i].lp == p)
			return &d->items[i];
	fail_msg("no item %s", tparam_id(p));
	return NULL;
}

static void test_ipsec_conf_include_also_default(void **st)
{
	struct conf *c = rd(CF "lsw-west.conf");
	const struct conf_section *s = conf_section(c, "westnet-eastnet");
	const struct conf_kv *kv;

	(void)st;
	assert_int_equal(c->syntax, CONF_IPSEC_CONF);
	assert_non_null(s);
	/* from also=base-psk, with its own line as evidence */
	kv = conf_get(s, "authby");
	assert_non_null(kv);
	assert_string_equal(kv->value, "secret");
	assert_non_null(strstr(kv->file, "lsw-west.d/tunnel.conf"));
	assert_int_equal(kv->line, 2);
	/* from %default in the main file */
	kv = conf_get(s, "dpddelay");
	assert_non_null(kv);
	assert_string_equal(kv->value, "10");
	assert_non_null(strstr(kv->file, "lsw-west.conf"));
	/* the conn's own auto=add wins over also='s auto=ignore */
	assert_string_equal(conf_get(s, "auto")->value, "add");
	conf_free(c);
}

static void test_swanctl_include_and_secrets(void **st)
{
	struct conf *c = rd(CF "sw-b.swanctl.conf");
	const struct conf_section *s = conf_section(c, "westnet");

	(void)st;
	assert_int_equal(c->syntax, CONF_SWANCTL);
	assert_non_null(s);
	assert_string_equal(conf_get(s, "children.westnet.remote_ts")->value, "10.1.0.0/24, 10.3.0.0/24");
	assert_string_equal(conf_get(s, "local.auth")->value, "psk");
	assert_int_equal(conf_get(s, "local_addrs")->line, 3);
	/* the secret is counted, never kept */
	assert_int_equal(c->nsecrets, 1);
	for (int i = 0; i < c->nsecs; i++)
		for (int k = 0; k < c->secs[i].nkv; k++)
			assert_null(strstr(c->secs[i].kv[k].value, "do-not-print-me"));
	conf_free(c);
}

static void test_libreswan_pair_dh_differs(void **st)
{
	struct conf *l = rd(CF "lsw-west.conf"), *r = rd(CF "lsw-east.conf");
	struct cdiff d;
	const struct citem *it;

	(void)st;
	assert_int_equal(cdiff_build(l, r, NULL, NULL, LANG_EN, &d, NULL), 0);
	/* west's tunnel, not westnet-branch; east's copy of the conn is "right" */
	assert_string_equal(d.left.conn, "westnet-eastnet");
	assert_int_equal(d.left.flipped, 0);
	assert_int_equal(d.right.flipped, 1);
	it = item(&d, TP_IKE_PROPOSALS);
	assert_int_equal(it->rel, CR_DIFFERS);
	assert_string_equal(it->what, "dh");
	assert_string_equal(it->cause, "phase1-proposal-mismatch");
	/* the evidence: both ike= lines */
	assert_int_equal(d.left.v[TP_IKE_PROPOSALS].line, 13);
	assert_string_equal(d.right.v[TP_IKE_PROPOSALS].value, "aes256-sha2_256;modp1536");
	assert_int_equal(d.right.v[TP_IKE_PROPOSALS].line, 13);
	/* ESP agrees on encryption and integrity: the difference is PFS */
	assert_int_equal(item(&d, TP_ESP_PROPOSALS)->rel, CR_COMPATIBLE);
	it = item(&d, TP_PFS);
	assert_int_equal(it->rel, CR_DIFFERS);
	assert_string_equal(it->cause, "pfs-mismatch");
	/* mirrored subnets agree */
	assert_int_equal(item(&d, TP_TS_LOCAL)->rel, CR_EQUAL);
	assert_int_equal(item(&d, TP_TS_REMOTE)->rel, CR_EQUAL);
	assert_int_equal(item(&d, TP_AUTH_LOCAL)->rel, CR_EQUAL);
	/* east sets no dpdtimeout: not known, never "differs" */
	assert_int_equal(item(&d, TP_DPD_TIMEOUT)->rel, CR_UNKNOWN);
	assert_int_equal(d.ndiffer, 2);
	cdiff_clear(&d);
	conf_free(l);
	conf_free(r);
}

static void test_libreswan_vs_swanctl(void **st)
{
	struct conf *l = rd(CF "lsw-west.conf"), *r = rd(CF "sw-b.swanctl.conf");
	struct cdiff d;
	const struct citem *it;

	(void)st;
	assert_int_equal(cdiff_build(l, r, NULL, NULL, LANG_EN, &d, NULL), 0);
	assert_string_equal(d.left.conn, "westnet-eastnet");
	assert_string_equal(d.right.conn, "westnet");
	/* sha2_256;modp2048 and sha256-modp2048 are the same proposal */
	assert_int_equal(item(&d, TP_IKE_PROPOSALS)->rel, CR_COMPATIBLE);
	assert_int_equal(item(&d, TP_ESP_PROPOSALS)->rel, CR_COMPATIBLE);
	assert_int_equal(item(&d, TP_PFS)->rel, CR_EQUAL);
	/* authby=secret and auth = psk */
	assert_int_equal(item(&d, TP_AUTH_LOCAL)->rel, CR_EQUAL);
	/* east expects 10.3.0.0/24 too: west's local network differs */
	it = item(&d, TP_TS_LOCAL);
	assert_int_equal(it->rel, CR_DIFFERS);
	assert_string_equal(it->cause, "subnet-mismatch");
	assert_string_equal(d.right.v[TP_TS_REMOTE].value, "10.1.0.0/24,10.3.0.0/24");
	/* ikev2=no is version = 1; dpddelay=10 is dpd_delay = 10s */
	assert_int_equal(item(&d, TP_IKE_VERSION)->rel, CR_COMPATIBLE);
	assert_int_equal(item(&d, TP_DPD_DELAY)->rel, CR_COMPATIBLE);
	assert_int_equal(d.ndiffer, 1);
	cdiff_clear(&d);
	conf_free(l);
	conf_free(r);
}

static void bad(const char *name, const char *want)
{
	char *why = NULL;
	struct conf *c = conf_read(name, LANG_EN, &why);

	assert_null(c);
	assert_non_null(why);
	if (strstr(why, want) == NULL)
		fail_msg("%s: '%s' lacks '%s'", name, why, want);
	free(why);
}

static void test_malformed_named_by_line(void **st)
{
	(void)st;
	bad(CF "bad-unclosed.swanctl.conf", "is not closed");
	bad(CF "bad-outside.conf", "bad-outside.conf:3: 'right=5.6.7.8' outside a section");
	bad(CF "bad-also.conf", "bad-also.conf:2: also=nowhere names no conn");
	bad(CF "no-such-file.conf", "cannot read");
}

static void test_no_tunnel_between_unrelated(void **st)
{
	struct conf *l = rd(CF "other.conf");
	struct conf *r = rd(CF "sw-b.swanctl.conf");
	struct cdiff d;
	char *why = NULL;

	(void)st;
	/* a tunnel between other addresses: nothing points at the other side */
	assert_int_equal(cdiff_build(l, r, NULL, NULL, LANG_DE, &d, &why), -1);
	assert_non_null(strstr(why, "--left-conn"));
	free(why);
	conf_free(l);
	conf_free(r);
}

/* One list of secret keys: a configuration key is secret exactly when the
 * redactor would mask its value in a line "KEY=value". */
static void test_secret_keys_are_the_redactors(void **st)
{
	static const struct { const char *key; int secret; } keys[] = {
		{ "secrets.ike-a.secret", 1 }, { "leftxauthpass", 1 }, { "psk", 1 }, { "leftpsk", 1 },
		{ "secrets.private-k.passphrase", 1 }, { "xauth_password", 1 }, { "pin", 1 },
		{ "leftid", 0 }, { "rightsubnet", 0 }, { "connections.c.local.auth", 0 }, { "ike", 0 },
		{ "keyingtries", 0 }, { "connections.c.children.n.esp_proposals", 0 },
	};

	(void)st;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *leaf = strrchr(keys[i].key, '.');
		char *line, *red;

		leaf = leaf != NULL ? leaf + 1 : keys[i].key;
		line = malloc(strlen(leaf) + 16);
		sprintf(line, "%s=TDSEC", leaf);
		red = redact_dup(line, strlen(line));
		if (conf_key_is_secret(keys[i].key) != keys[i].secret)
			fail_msg("%s: conf_key_is_secret is %d, want %d", keys[i].key, !keys[i].secret, keys[i].secret);
		if ((strstr(red, "TDSEC") == NULL) != keys[i].secret)
			fail_msg("%s: the redactor made '%s' of '%s'", keys[i].key, red, line);
		free(red);
		free(line);
	}
}

static void test_proposals(void **st)
{
	struct proplist a, b;

	(void)st;
	assert_int_equal(proplist_parse("aes_gcm256-sha2_512+sha2_256-dh19+dh20", &a), 0);
	assert_int_equal(proplist_parse("aes256gcm16-prfsha384-ecp384", &b), 0);
	assert_true(proplist_match(&a, &b));     /* dh20 = ecp384, same AEAD */
	assert_int_equal(proplist_parse("aes128-sha1-modp1024", &b), 0);
	assert_false(proplist_match(&a, &b));
	/* libreswan "aes" stands for every key length */
	assert_int_equal(proplist_parse("aes-sha1;modp1024", &a), 0);
	assert_int_equal(proplist_parse("aes256-sha1-modp1024!", &b), 0);
	assert_true(proplist_match(&a, &b));
	/* an unknown token is noted, not guessed */
	assert_int_equal(proplist_parse("aes256-sha256-frobnicate", &a), 0);
	assert_true(a.unknown);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipsec_conf_include_also_default),
		cmocka_unit_test(test_swanctl_include_and_secrets),
		cmocka_unit_test(test_libreswan_pair_dh_differs),
		cmocka_unit_test(test_libreswan_vs_swanctl),
		cmocka_unit_test(test_malformed_named_by_line),
		cmocka_unit_test(test_no_tunnel_between_unrelated),
		cmocka_unit_test(test_proposals),
		cmocka_unit_test(test_secret_keys_are_the_redactors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
