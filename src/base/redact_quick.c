/*
 * redact_quick.c - the quick test before a line is redacted. Every form
 * redact.c masks needs one of a few words in the line, case ignored: a
 * secret keyword (the end of a key: psk, secret, pass..., pin, pwd,
 * kennwort, schl(üssel), (pre)shared..., priv(ate)..., the raw RSA key's
 * prime/exponent/coefficient), an ipsec.secrets type (PSK, EAP, NTLM,
 * XAUTH, PIN, PPK, RSA, ECDSA, ED25519, ED448, BLISS, P12, PKCS.., PRIVATE)
 * or a PEM armour's dashes. A line with none of them comes out of the scan
 * unchanged, so it is not scanned. Keep the words in step with redact.c's
 * tables (unit.redact checks the quick test against the full scan).
 */
#include "base/redact.h"

#include <stdint.h>

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

/* The words by their first byte (lower case), each list NULL-terminated. */
static const char *const w_p[] = { "psk", "pass", "priv", "pin", "pwd", "prime", "ppk", "p12", "pkcs", NULL };
static const char *const w_s[] = { "secret", "schl", "shared", NULL };
static const char *const w_e[] = { "expon", "eap", "ecdsa", "ed25519", "ed448", NULL };
static const char *const w_k[] = { "kennwort", NULL };
static const char *const w_c[] = { "coeff", NULL };
static const char *const w_n[] = { "ntlm", NULL };
static const char *const w_x[] = { "xauth", NULL };
static const char *const w_r[] = { "rsa", NULL };
static const char *const w_b[] = { "bliss", NULL };
static const char *const w_dash[] = { "-----", NULL };

static const char *const *words(unsigned char c)
{
	switch (fold(c)) {
	case 'p': return w_p;
	case 's': return w_s;
	case 'e': return w_e;
	case 'k': return w_k;
	case 'c': return w_c;
	case 'n': return w_n;
	case 'x': return w_x;
	case 'r': return w_r;
	case 'b': return w_b;
	case '-': return w_dash;
	default: return NULL;
	}
}

/* 1 when one of the words starts at s (n bytes left). */
static int word_at(const unsigned char *s, size_t n, const char *const *w)
{
	for (; *w != NULL; w++) {
		size_t k = 1;

		while ((*w)[k] != '\0' && k < n && fold(s[k]) == (unsigned char)(*w)[k])
			k++;
		if ((*w)[k] == '\0')
			return 1;
	}
	return 0;
}

int redact_may_change(const char *line, size_t len)
{
	const unsigned char *s = (const unsigned char *)line;

	for (size_t i = 0; i < len; i++) {
		const char *const *w = words(s[i]);

		if (w != NULL && word_at(s + i, len - i, w))
			return 1;
	}
	return 0;
}
