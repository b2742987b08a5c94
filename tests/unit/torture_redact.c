/*
 * torture_redact.c - secrets never survive redaction; ordinary log text
 * (including the guide's messages that merely mention keys) is untouched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/redact.h"

static void same(const char *in, const char *want)
{
	char *out = redact_dup(in, strlen(in));

	assert_string_equal(out, want);
	free(out);
}

static void test_secrets(void **st)
{
	(void)st;
	same("1.2.3.4 5.6.7.8 : PSK \"lab-psk-A\"", "1.2.3.4 5.6.7.8 : PSK \"***\"");
	same("leftpsk=x psk=topsecret next", "leftpsk=x psk=*** next");
	same("secret: 'abc def' tail", "secret: '***' tail");
	same("password=hunter2, user=bob", "password=***, user=bob");
	same("Passphrase = s3cr3t", "Passphrase = ***");
	same("-----BEGIN RSA PRIVATE KEY-----", "[private key redacted]");
	same("PSK: \"unterminated", "PSK: \"***");
}

static void test_untouched(void **st)
{
	(void)st;
	same("probable authentication failure (mismatch of preshared secrets?): malformed payload",
	    "probable authentication failure (mismatch of preshared secrets?): malformed payload");
	same("Pre-Shared Secret Key (PSK)", "Pre-Shared Secret Key (PSK)");
	same("no preshared key for @west", "no preshared key for @west");
	same("tried 1 shared key for '%any' - '198.51.100.10', but MAC mismatched",
	    "tried 1 shared key for '%any' - '198.51.100.10', but MAC mismatched");
	same("", "");
}

static void test_utf8_clean(void **st)
{
	char *s;

	(void)st;
	s = utf8_clean_dup("ok \xff\xfe bad \x01 ctl ü");
	assert_string_equal(s, "ok \xef\xbf\xbd\xef\xbf\xbd bad ? ctl ü");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secrets),
		cmocka_unit_test(test_untouched),
		cmocka_unit_test(test_utf8_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
