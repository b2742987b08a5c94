/*
 * torture_redact.c - every form of secret the redactor knows is masked,
 * and ordinary log text (including the guides' and the daemons' messages
 * that merely mention keys) is untouched; PEM private keys are redacted
 * from BEGIN to END across the lines of a stream, certificates are not.
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
#include "base/util.h"

static void same(const char *in, const char *want)
{
	int changed;
	char *out = redact_dup2(in, strlen(in), &changed);

	if (strcmp(out, want) != 0)
		fail_msg("redact(%s)\n  got  %s\n  want %s", in, out, want);
	assert_int_equal(changed, strcmp(in, want) != 0);
	free(out);
}

/* The same line must come out unchanged. */
static void kept(const char *in)
{
	same(in, in);
}

static void test_issue_forms(void **st)
{
	(void)st;
	/* the forms issue 16 found passing */
	same("1.2.3.4 5.6.7.8 : PSK \"lab-psk-A\"", "1.2.3.4 5.6.7.8 : PSK \"***\"");
	same("pluto[1]: line 3 : PSK 0sTGFiUFNLYmFzZTY0Cg==", "pluto[1]: line 3 : PSK ***");
	same(": PSK 0x6c61622d7073", ": PSK ***");
	same(": PSK unquoted-secret", ": PSK ***");
	same("@carol : XAUTH carol \"xauth-pw-1\"", "@carol : XAUTH carol \"***\"");
	same(": XAUTH \"xauth-pw-2\"", ": XAUTH \"***\"");
	same("carol : EAP \"eap-pw-3\"", "carol : EAP \"***\"");
	same("carol : NTLM ntlm-pw", "carol : NTLM ***");
	same("pass='single-q' user=bob", "pass='***' user=bob");
	same("preshared_key=ps1 ike_psk=ps2 leftpsk=ps3 rightpsk=ps4",
	    "preshared_key=*** ike_psk=*** leftpsk=*** rightpsk=***");
	same("{\"psk\": \"json-psk\", \"peer\": \"1.2.3.4\"}", "{\"psk\": \"***\", \"peer\": \"1.2.3.4\"}");
	same("{\"password\":\"a\\\"b\",\"x\":1}", "{\"password\":\"***\",\"x\":1}");
	same("crypto keyring K pre-shared-key address 0.0.0.0 key x", "crypto keyring K pre-shared-key address 0.0.0.0 key ***");
	same("pre-shared-key cli-psk-9", "pre-shared-key ***");
	same("set ike policy P pre-shared-key ascii-text \"jun-psk\"", "set ike policy P pre-shared-key ascii-text \"***\"");
	same("Passwort: geheim123 Ende", "Passwort: *** Ende");
	same("Kennwort=geheim456", "Kennwort=***");
	same("PSK-Schl\xc3\xbcssel: abc789", "PSK-Schl\xc3\xbcssel: ***");
	same("Schl\xc3\xbcssel = \"mit leer\"", "Schl\xc3\xbcssel = \"***\"");
	/* the old forms stay caught */
	same("leftpsk=x psk=topsecret next", "leftpsk=*** psk=*** next");
	same("secret: 'abc def' tail", "secret: '***' tail");
	same("password=hunter2, user=bob", "password=***, user=bob");
	same("Passphrase = s3cr3t", "Passphrase = ***");
	same("PSK: \"unterminated", "PSK: \"***");
	same("conn x: psk=\"tdsecret-4711\"", "conn x: psk=\"***\"");
}

static void test_config_forms(void **st)
{
	(void)st;
	/* ipsec.secrets: key files keep their name, lose their passphrase */
	same(": RSA moonKey.pem \"key-pass\"", ": RSA moonKey.pem \"***\"");
	same(": ECDSA ec.pem ec-pass", ": ECDSA ec.pem ***");
	same(": RSA moonKey.pem %prompt", ": RSA moonKey.pem %prompt");
	same(": P12 bundle.p12 \"p12-pass\"", ": P12 bundle.p12 \"***\"");
	same(": PIN %smartcard:1@1 \"1234\"", ": PIN %smartcard:1@1 \"***\"");
	same("@west : PPK \"PPK_ID_1\" 0sPPKsecretbase64", "@west : PPK \"PPK_ID_1\" ***");
	same("%any %any : PSK \"a b c\" # comment", "%any %any : PSK \"***\" # comment");
	/* Openswan's raw RSA key */
	same("\tPrivateExponent: 0x5a3b", "\tPrivateExponent: ***");
	same("\tPrime1: 0xf00d", "\tPrime1: ***");
	same("\tCoefficient: 0xbeef", "\tCoefficient: ***");
	kept("\tModulus: 0xc0ffee");
	/* swanctl.conf secrets { } */
	same("secrets { ike-x { secret = swan-s1 id = moon } }", "secrets { ike-x { secret = *** id = moon } }");
	same("eap-carol { id = carol secret = \"swan s2\" }", "eap-carol { id = carol secret = \"***\" }");
	same("xauth-x { secret = swan-s3 }", "xauth-x { secret = *** }");
	same("private-k { file = k.pem secret = swan-s4 }", "private-k { file = k.pem secret = *** }");
	same("token-t { handle = 01 pin = 4321 }", "token-t { handle = 01 pin = *** }");
	/* mGuard configuration export (.atv): KEY = "value" */
	same("PSK = \"mguard-psk\"", "PSK = \"***\"");
	same("  ROOT_PASSWORD = \"$1$salt$hash\"", "  ROOT_PASSWORD = \"***\"");
	same("  ISAKMP_PSK_SECRET = \"mg2\"", "  ISAKMP_PSK_SECRET = \"***\"");
	/* LANCOM: config script columns and CLI */
	same("set /Setup/VPN/IKE/Keys/PEER {Shared-Sec} lancom-psk {Shared-Sec-File} \"\"",
	    "set /Setup/VPN/IKE/Keys/PEER {Shared-Sec} *** {Shared-Sec-File} \"\"");
	same("set /Setup/VPN/IKEv2/Auth/Parameter/P {Local-Password} \"lc-l\" {Remote-Password} lc-r",
	    "set /Setup/VPN/IKEv2/Auth/Parameter/P {Local-Password} \"***\" {Remote-Password} ***");
	same("Local-Password: lc-x", "Local-Password: ***");
	same("xauth_pass=xp user-pin=1", "xauth_pass=*** user-pin=***");
}

static void test_untouched(void **st)
{
	(void)st;
	kept("probable authentication failure (mismatch of preshared secrets?): malformed payload");
	kept("Pre-Shared Secret Key (PSK)");
	kept("no preshared key for @west");
	kept("no preshared key found");
	kept("tried 1 shared key for '%any' - '198.51.100.10', but MAC mismatched");
	kept("Nov 23 10:00:01 moon charon: 05[CFG] loaded IKE secret for %any");
	kept("09[CFG] loaded IKE secret for @moon @sun");
	kept("authentication of '198.51.100.20' with pre-shared key successful");
	kept("looking for pre-shared key peer configs matching 198.51.100.20...198.51.100.10[@east]");
	kept("\"westnet-eastnet-ipv4-psk-ikev1\" #1: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_256}");
	kept("002 \"road-eastnet-psk\": added IKEv1 connection");
	kept("west-psk: IKEv2, no reauthentication, rekeying every 14400s");
	kept("\"west\" #1: initiating Quick Mode IKEv1+PSK+ENCRYPT+TUNNEL+UP");
	kept("WARNING: '@west' PSK length of 6 bytes is too short for PRF");
	kept("authby=secret leftauth=psk bypass=yes compass=north");
	kept("pre-shared-key mismatch for peer 1.2.3.4");
	kept("VPN: Error: IFC-X-Line-polling-failed (0x1307) for BUGFIX (213.23.254.24)");
	kept("2024-11-23T10:00:00.123456+01:00 gw pluto[123]: \"conn\" #2: STATE_MAIN_I2: sent MI2, expecting MR2");
	kept("Authentifizierung, Parameter Pre-Shared Secret Key (PSK)");
	kept("der Schl\xc3\xbcssel ist falsch");
	kept("");
}

/* Feed text line by line through one state, as a stream does. */
static char *stream(const char *text, enum redact_kind *kinds, int nk)
{
	struct redact_state rs = { 0, 0 };
	struct strbuf out = { 0 }, line = { 0 };
	const char *p = text;
	int n = 0;

	sb_add(&out, "", 0);
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		int ch;
		enum redact_kind k = redact_line(&rs, &line, p, len, &ch);
		if (n < nk)
			kinds[n] = k;
		n++;
		sb_add(&out, line.s, line.len);
		sb_addc(&out, '\n');
		p += len + (nl != NULL);
	}
	sb_free(&line);
	return sb_steal(&out);
}

static void test_pem(void **st)
{
	enum redact_kind k[8];
	char *out;
	const char *key = "before psk=p1\n"
	    "-----BEGIN RSA PRIVATE KEY-----\n"
	    "MIIEowIBAAKCAQEAsecretbodyline1\n"
	    "Nov 23 10:00:00 gw pluto[1]: MIIsecretbodyline2+/=\n"
	    "-----END RSA PRIVATE KEY-----\n"
	    "after: no preshared key found\n";
	const char *cert = "-----BEGIN CERTIFICATE-----\n"
	    "MIIBpsk=Ab\n"
	    "-----END CERTIFICATE-----\n"
	    "then psk=p2\n";

	(void)st;
	out = stream(key, k, 6);
	assert_string_equal(out, "before psk=***\n"
	    "-----BEGIN RSA PRIVATE KEY-----\n"
	    "[private key redacted]\n"
	    "[private key redacted]\n"
	    "-----END RSA PRIVATE KEY-----\n"
	    "after: no preshared key found\n");
	assert_int_equal(k[0], RK_TEXT);
	assert_int_equal(k[1], RK_PEM_PRIVATE);
	assert_int_equal(k[2], RK_PEM_PRIVATE);
	assert_int_equal(k[4], RK_PEM_PRIVATE);
	assert_int_equal(k[5], RK_TEXT);
	free(out);
	/* redact_into reads a multi-line text as one stream */
	out = redact_dup(key, strlen(key));
	assert_null(strstr(out, "secretbody"));
	free(out);
	/* a certificate's body is kept as it is, not read as text */
	out = stream(cert, k, 4);
	assert_string_equal(out, "-----BEGIN CERTIFICATE-----\nMIIBpsk=Ab\n-----END CERTIFICATE-----\nthen psk=***\n");
	assert_int_equal(k[0], RK_PEM);
	assert_int_equal(k[1], RK_PEM);
	assert_int_equal(k[2], RK_PEM);
	assert_int_equal(k[3], RK_TEXT);
	free(out);
	/* BEGIN and END on one line (a JSON string with \n escapes) */
	same("{\"key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIB\\n-----END PRIVATE KEY-----\\n\"}",
	    "{\"key\": \"-----BEGIN PRIVATE KEY-----[private key redacted]-----END PRIVATE KEY-----\\n\"}");
	same("-----BEGIN ENCRYPTED PRIVATE KEY----- MIIFHzBJBgkq", "-----BEGIN ENCRYPTED PRIVATE KEY-----[private key redacted]");
	/* a key cut off (no END): text that is clearly not base64 ends the block */
	out = stream("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE\n"
	    "Nov 23 10:00:01 gw pluto[1]: \"west\" #1: STATE_MAIN_I1: initiate\n", k, 3);
	assert_string_equal(out, "-----BEGIN OPENSSH PRIVATE KEY-----\n[private key redacted]\n"
	    "Nov 23 10:00:01 gw pluto[1]: \"west\" #1: STATE_MAIN_I1: initiate\n");
	assert_int_equal(k[2], RK_TEXT);
	free(out);
}

/* redact_track follows the same state as redact_line. */
static void test_track(void **st)
{
	struct redact_state a = { 0, 0 };
	const char *lines[] = {
		"x", "-----BEGIN EC PRIVATE KEY-----", "MHcCAQEEI", "Proc-Type: 4,ENCRYPTED", "",
		"-----END EC PRIVATE KEY-----", "y", "-----BEGIN CERTIFICATE-----", "MIIB", "-----END CERTIFICATE-----", "z",
	};
	const enum redact_kind want[] = {
		RK_TEXT, RK_PEM_PRIVATE, RK_PEM_PRIVATE, RK_PEM_PRIVATE, RK_PEM_PRIVATE, RK_PEM_PRIVATE, RK_TEXT,
		RK_PEM, RK_PEM, RK_PEM, RK_TEXT,
	};

	(void)st;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		assert_int_equal(redact_track(&a, lines[i], strlen(lines[i])), want[i]);
}

static void test_utf8_clean(void **st)
{
	char *s;

	(void)st;
	s = utf8_clean_dup("ok \xff\xfe bad \x01 ctl ü");
	assert_string_equal(s, "ok \xef\xbf\xbd\xef\xbf\xbd bad ? ctl ü");
	free(s);
	/* a tab and DEL are kept, a run of text ends at each other byte class */
	s = utf8_clean_dup("a\tb\x7f c\xc3\xa4" "d\xe2\x82\xac\x1b[0m\xc3");
	assert_string_equal(s, "a\tb\x7f c\xc3\xa4" "d\xe2\x82\xac?[0m\xef\xbf\xbd");
	free(s);
}

/* Both redactions of one line agree; a line the quick test passes is kept. */
static void quick_agrees(struct redact_state *a, struct redact_state *b, const char *s, size_t len)
{
	struct strbuf fa = { 0 }, fb = { 0 };
	int ca, cb, may = redact_may_change(s, len), pem = a->pem;
	enum redact_kind ka = redact_line(a, &fa, s, len, &ca), kb = redact_line_full(b, &fb, s, len, &cb);

	if (fa.len != fb.len || memcmp(fa.s, fb.s, fa.len) != 0 || ca != cb || ka != kb || a->pem != b->pem)
		fail_msg("quick and full redaction differ on: %.*s", (int)len, s);
	if (!may && pem == 0 && (cb || fb.len != len || memcmp(fb.s, s, len) != 0))
		fail_msg("the quick test passed a line the scan changes: %.*s", (int)len, s);
	sb_free(&fa);
	sb_free(&fb);
}

/*
 * The quick test (redact_quick.c) never passes a line the full scan would
 * change: every line of the samples as streams, and random lines built
 * from the redactor's keys, ipsec.secrets types, PEM armour and near
 * misses, in random case, with the separators the forms use.
 */
static void test_quick_test_is_safe(void **st)
{
	static const char *const tok[] = { "psk", "leftpsk", "ike_psk", "west-psk", "secret", "Password", "passwd",
		"passphrase", "pass", "pin", "pwd", "Passwort", "Kennwort", "Schl\xc3\xbcssel", "Shared-Sec",
		"presharedkey", "pre-shared-key", "pre_shared_key", "preshared-key", "privatekey", "private-key",
		"private_key", "PrivateExponent", "prime1", "prime2", "exponent1", "exponent2", "coefficient", "PSK",
		"EAP", "NTLM", "XAUTH", "PIN", "PPK", "RSA", "ECDSA", "ED25519", "ED448", "BLISS", "P12", "PKCS8",
		"PKCS12", "PRIVATE", "%prompt", "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----",
		"-----BEGIN CERTIFICATE-----", "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu",
		"address", "hostname", "key", "ascii-text", "hexadecimal", "is", "missing", "the", "IPsec", "seconds",
		"sent", "STATE_MAIN_I1", "#1", "10.1.0.1", "=", ":", " : ", "\"", "'", "-", "}", "{", "[", "]", ",",
		";", " ", " ", " ", "\t", "value", "s3cr3t", "0sQUJD", "x" };
	static const char *const files[] = { "lab-psk-mismatch-v1/left.log", "lab-psk-mismatch-v2/right.log",
		"lancom-0x1307-poll-failed/left.log", "mguard-1.3.3-udp4500/left.log" };
	unsigned seed = 4242;

	(void)st;
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		struct redact_state a = { 0, 0 }, b = { 0, 0 };
		char path[1024], line[8192];
		FILE *fp;

		snprintf(path, sizeof path, "%s/kb/samples/%s", TD_SOURCE_DIR, files[f]);
		assert_non_null(fp = fopen(path, "r"));
		while (fgets(line, sizeof line, fp) != NULL)
			quick_agrees(&a, &b, line, strcspn(line, "\n"));
		fclose(fp);
	}
	for (int round = 0; round < 200000; round++) {
		struct redact_state a = { 0, 0 }, b = { 0, 0 };
		char line[512];
		size_t len = 0;
		int ntok = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 7;

		for (int t = 0; t < ntok; t++) {
			const char *w = tok[((seed = seed * 1103515245 + 12345) >> 16) % (sizeof tok / sizeof tok[0])];
			unsigned r = (seed = seed * 1103515245 + 12345) >> 16;
			size_t wl = strlen(w), drop = r % 4 == 0 && wl > 1 ? (r >> 4) % wl : wl;

			for (size_t k = 0; k < wl && len < sizeof line - 1; k++) {
				char c = w[k];

				if (k == drop)
					continue;	/* a near miss: one byte left out */
				if ((r >> 8) % 3 == 0 && c >= 'a' && c <= 'z')
					c = (char)(c - 32);
				else if ((r >> 8) % 3 == 1 && c >= 'A' && c <= 'Z')
					c = (char)(c + 32);
				line[len++] = c;
			}
		}
		quick_agrees(&a, &b, line, len);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_issue_forms),
		cmocka_unit_test(test_quick_test_is_safe),
		cmocka_unit_test(test_config_forms),
		cmocka_unit_test(test_untouched),
		cmocka_unit_test(test_pem),
		cmocka_unit_test(test_track),
		cmocka_unit_test(test_utf8_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
