/*
 * torture_cfglive.c - issue 18, the commands tunneldoc sends to a gateway
 * for its configuration and its pre-shared key, run by a real POSIX sh
 * (with awk, sed, sha256sum) on planted files: the configuration dump
 * names each file and blanks every secret value; the PSK command returns
 * FILE:LINE of the tunnel's entry and sha256(salt || key) — the same hash
 * sha256sum gives for them — and never the key itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "config/tunnel.h"
#include "kb/kb.h"
#include "live/remote.h"

static char dir[] = "/tmp/td-cfglive.XXXXXX";

static void put(const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

/* Run cmd with sh; its stdout and stderr (allocated). */
static char *run(const char *cmd)
{
	char *p = xasprintf("%s/cmd.sh", dir), *out = xcalloc(1, 65536);
	FILE *f = fopen(p, "w");
	FILE *o;
	char *sh;
	size_t n;

	fputs(cmd, f);
	fclose(f);
	sh = xasprintf("sh %s 2>&1", p);
	o = popen(sh, "r");
	n = fread(out, 1, 65535, o);
	out[n] = '\0';
	pclose(o);
	free(sh);
	free(p);
	return out;
}

/* sha256(salt || the key's bytes as hex) as sha256sum prints it. */
static char *want_hash(const char *salt, const char *key)
{
	char hex[512] = "", *c, *o;

	for (size_t i = 0; key[i] != '\0' && i < 250; i++)
		snprintf(hex + 2 * i, 3, "%02x", (unsigned char)key[i]);
	c = xasprintf("printf '%%s%%s' '%s' '%s' | sha256sum", salt, hex);
	o = run(c);
	o[64] = '\0';
	free(c);
	return o;
}

static void test_config_dump_blanks_secrets(void **st)
{
	char *g = xasprintf("%s/sw/*.conf", dir), *m = xasprintf("%s/sw/swanctl.conf", dir);
	const char *globs[] = { m, g };
	char *cmd, *out;

	(void)st;
	put("sw/swanctl.conf", "connections {\n  lab {\n    version = 2\n  }\n}\nsecrets {\n  ike-lab {\n    secret = \"planted-secret-1\"\n  }\n}\n");
	put("sw/other.conf", "secrets {\n  eap-x {\n    Secret: planted-secret-2\n    password = planted-secret-3\n  }\n}\n");
	cmd = remote_config_command(globs, 2);
	out = run(cmd);
	assert_non_null(strstr(out, "@@tunneldoc-file "));
	assert_non_null(strstr(out, "/sw/swanctl.conf\nconnections {"));
	assert_non_null(strstr(out, "/sw/other.conf\nsecrets {"));
	assert_non_null(strstr(out, "    secret = ***"));
	assert_null(strstr(out, "planted-secret"));
	free(cmd);
	free(out);
	free(g);
	free(m);
}

/* The entry of sels in file has the key key (its text, however it is written there) at at. */
static void check_psk(int swanctl, const char *file, const char *sels, const char *key, const char *at)
{
	char *g = xasprintf("%s/%s", dir, file), *cmd, *out, *h;
	const char *globs[] = { g };

	cmd = remote_psk_command(swanctl, globs, 1, sels, "0123abcd");
	assert_null(strstr(cmd, key));
	out = run(cmd);
	h = want_hash("0123abcd", key);
	if (strstr(out, h) == NULL || strstr(out, at) == NULL)
		fail_msg("%s: want %s at %s, got: %s", file, h, at, out);
	assert_null(strstr(out, key));
	free(h);
	free(out);
	free(cmd);
	free(g);
}

static void test_psk_hash_ipsec_secrets(void **st)
{
	(void)st;
	put("ipsec.secrets", "# keys\n10.9.9.9 10.8.8.8 : PSK \"planted-other\"\n: PSK \"planted-default\"\n"
	    "198.51.100.10 @gwb : PSK 'planted-tunnel'\n");
	check_psk(0, "ipsec.secrets", "198.51.100.10 198.51.100.20 @gwa @gwb", "planted-tunnel", "ipsec.secrets:4");
	check_psk(0, "ipsec.secrets", "192.0.2.1 192.0.2.2", "planted-default", "ipsec.secrets:3");
}

static void test_psk_hash_swanctl(void **st)
{
	(void)st;
	put("sw.conf", "connections {\n}\nsecrets {\n  ike-a {\n    id = @elsewhere\n    secret = planted-a\n  }\n"
	    "  ike-b {\n    id-1 = @gwb\n    secret = \"planted b\"\n  }\n}\n");
	check_psk(1, "sw.conf", "@gwa @gwb 198.51.100.10", "planted b", "sw.conf:10");
}

/*
 * Keys written as 0x (hex, '_' and ':' between digits) and 0s (base64)
 * hash as the bytes they stand for, as libreswan and strongSwan decode
 * them; a quoted 0x... in ipsec.secrets is text (the daemons read it so),
 * in swanctl.conf it is hex; a byte above 127 is one byte (LC_ALL=C).
 */
static void test_psk_hash_decoded(void **st)
{
	char *g = xasprintf("%s/bad.secrets", dir), *cmd, *out;
	const char *globs[] = { g };

	(void)st;
	/* "planted-tunnel" = 706c616e7465642d74756e6e656c = cGxhbnRlZC10dW5uZWw= */
	put("hex.secrets", "@gwa @gwb : PSK 0x706c616e_7465642d_74756e6e_656c\n");
	check_psk(0, "hex.secrets", "@gwa @gwb", "planted-tunnel", "hex.secrets:1");
	put("colon.secrets", "@gwa @gwb : PSK 0X70:6C:61:6E:74:65:64:2D:74:75:6E:6E:65:6C\n");
	check_psk(0, "colon.secrets", "@gwa @gwb", "planted-tunnel", "colon.secrets:1");
	put("b64.secrets", "@gwa @gwb : PSK 0scGxhbnRlZC10dW5uZWw=\n");
	check_psk(0, "b64.secrets", "@gwa @gwb", "planted-tunnel", "b64.secrets:1");
	put("0t.secrets", "@gwa @gwb : PSK 0tplanted-tunnel\n");
	check_psk(0, "0t.secrets", "@gwa @gwb", "planted-tunnel", "0t.secrets:1");
	put("quoted.secrets", "@gwa @gwb : PSK \"0x706c616e74\"\n");
	check_psk(0, "quoted.secrets", "@gwa @gwb", "0x706c616e74", "quoted.secrets:1");
	put("utf8.secrets", "@gwa @gwb : PSK \"pl\xc3\xa4nted\"\n");
	check_psk(0, "utf8.secrets", "@gwa @gwb", "pl\xc3\xa4nted", "utf8.secrets:1");
	put("sw-hex.conf", "secrets {\n  ike-b {\n    id = @gwb\n    secret = \"0scGxhbnRlZC10dW5uZWw=\"\n  }\n"
	    "  ike-c {\n    id = @gwc\n    secret = \"0x706c616e7465642d74756e6e656c\"\n  }\n}\n");
	check_psk(1, "sw-hex.conf", "@gwa @gwc", "planted-tunnel", "sw-hex.conf:8");
	put("bad.secrets", "@gwa @gwb : PSK 0x706c6\n");
	cmd = remote_psk_command(0, globs, 1, "@gwa @gwb", "00");
	out = run(cmd);
	if (strstr(out, "@@tunneldoc-psk-badform ") == NULL || strstr(out, "bad.secrets:1 0x") == NULL
	    || strstr(out, "@@tunneldoc-psk-at") != NULL)
		fail_msg("odd hex digits: want badform, got: %s", out);
	free(out);
	free(cmd);
	free(g);
}

static void test_psk_none(void **st)
{
	char *g = xasprintf("%s/nothing-*.secrets", dir), *cmd, *out;
	const char *globs[] = { g };

	(void)st;
	cmd = remote_psk_command(0, globs, 1, "a b", "00");
	out = run(cmd);
	assert_non_null(strstr(out, "@@tunneldoc-psk-none"));
	free(out);
	free(cmd);
	free(g);
}

/* Every kb/tree "config" names a parameter config-diff compares. */
static void test_tree_config_params_exist(void **st)
{
	char *why = NULL;
	struct kb *kb = kb_load(TD_SOURCE_DIR "/kb", &why);
	int found = 0;

	(void)st;
	if (kb == NULL)
		fail_msg("kb: %s", why);
	for (int t = 0; t < kb->ntrees; t++)
		for (int i = 0; i < kb->trees[t].nnodes; i++) {
			const char *p = kb->trees[t].nodes[i].config_param;
			int ok = 0;

			if (p == NULL)
				continue;
			found++;
			for (int k = 0; k < TP_COUNT; k++)
				ok |= strncmp(tparam_id((enum tparam)k), p, strlen(p)) == 0;
			if (!ok)
				fail_msg("%s: config param %s is no config-diff parameter", kb->trees[t].nodes[i].id, p);
		}
	assert_true(found >= 2);
	kb_free(kb);
}

static int setup(void **st)
{
	char *p;

	(void)st;
	if (mkdtemp(dir) == NULL)
		return -1;
	p = xasprintf("%s/sw", dir);
	mkdir(p, 0700);
	free(p);
	return 0;
}

static int teardown(void **st)
{
	char *c = xasprintf("rm -rf %s", dir);

	(void)st;
	if (system(c) != 0)
		return -1;
	free(c);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_dump_blanks_secrets),
		cmocka_unit_test(test_psk_hash_ipsec_secrets),
		cmocka_unit_test(test_psk_hash_swanctl),
		cmocka_unit_test(test_psk_hash_decoded),
		cmocka_unit_test(test_psk_none),
		cmocka_unit_test(test_tree_config_params_exist),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
