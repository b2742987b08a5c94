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

static const char *const *const by_group[] = { NULL, w_p, w_s, w_e, w_k, w_c, w_n, w_x, w_r, w_b, w_dash };

/*
 * The group (index into by_group) of each first byte, either case, and for
 * each second byte the groups with a word that goes on with it: two table
 * loads reject almost every position. Derived from the lists above.
 */
static const unsigned char first_group[256] = {
	['p'] = 1, ['P'] = 1, ['s'] = 2, ['S'] = 2, ['e'] = 3, ['E'] = 3, ['k'] = 4, ['K'] = 4, ['c'] = 5,
	['C'] = 5, ['n'] = 6, ['N'] = 6, ['x'] = 7, ['X'] = 7, ['r'] = 8, ['R'] = 8, ['b'] = 9, ['B'] = 9,
	['-'] = 10,
};
#define G(g) (1u << (g))
static const unsigned short second_ok[256] = {
	['-'] = G(10), ['1'] = G(1), ['A'] = G(1) | G(3) | G(7), ['C'] = G(2) | G(3), ['D'] = G(3),
	['E'] = G(2) | G(4), ['H'] = G(2), ['I'] = G(1), ['K'] = G(1), ['L'] = G(9), ['O'] = G(5),
	['P'] = G(1), ['R'] = G(1), ['S'] = G(1) | G(8), ['T'] = G(6), ['W'] = G(1), ['X'] = G(3),
	['a'] = G(1) | G(3) | G(7), ['c'] = G(2) | G(3), ['d'] = G(3), ['e'] = G(2) | G(4), ['h'] = G(2),
	['i'] = G(1), ['k'] = G(1), ['l'] = G(9), ['o'] = G(5), ['p'] = G(1), ['r'] = G(1),
	['s'] = G(1) | G(8), ['t'] = G(6), ['w'] = G(1), ['x'] = G(3),
};
#undef G

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

	for (size_t i = 0; i + 1 < len; i++) {
		unsigned g = first_group[s[i]];

		if (g != 0 && (second_ok[s[i + 1]] & (1u << g)) && word_at(s + i, len - i, by_group[g]))
			return 1;
	}
	return 0;
}
