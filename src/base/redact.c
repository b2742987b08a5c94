/*
 * redact.c - see redact.h.
 */
#include "base/redact.h"
#include "base/util.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define KW(s) { s, sizeof s - 1 }
static const struct {
	const char *s;
	size_t len;
} keywords[] = {
	KW("pre-shared-key"), KW("preshared-key"), KW("pre-shared key"), KW("preshared key"),
	KW("presharedkey"), KW("psk"), KW("secret"), KW("password"), KW("passwd"),
	KW("passphrase"), KW("private key"), KW("privatekey"),
};

/* Length of a keyword at s (case-insensitive, whole word), or 0. */
static size_t keyword_at(const char *s, size_t len, size_t i)
{
	int c = s[i] | 0x20;

	/* every keyword starts with p or s */
	if (c != 'p' && c != 's')
		return 0;
	if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_'))
		return 0;
	if (i + 1 >= len)
		return 0;
	for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++) {
		size_t kl = keywords[k].len;

		if (len - i >= kl && (keywords[k].s[0] | 0x20) == c && keywords[k].s[1] == (s[i + 1] | 0x20) &&
		    strncasecmp(s + i, keywords[k].s, kl) == 0)
			return kl;
	}
	return 0;
}

char *redact_dup(const char *s, size_t len)
{
	int changed;

	return redact_dup2(s, len, &changed);
}

char *redact_dup2(const char *s, size_t len, int *changed)
{
	struct strbuf b = {0};

	redact_into(&b, s, len, changed);
	return sb_steal(&b);
}

void redact_into(struct strbuf *out, const char *s, size_t len, int *changed)
{
	struct strbuf b = *out;
	size_t i = 0, run = 0;

	sb_reset(&b);
	*changed = 1;

	sb_add(&b, "", 0);
	while (i < len) {
		size_t kl, j, v;

		/* skip fast to a byte that can start a keyword (p, s) */
		while (i < len && (s[i] | 0x20) != 'p' && (s[i] | 0x20) != 's')
			i++;
		if (i >= len)
			break;
		kl = keyword_at(s, len, i);
		if (kl == 0) {
			i++;
			continue;
		}
		j = i + kl;
		/* a PEM armour line: BEGIN/END ... PRIVATE KEY----- */
		if (len - j >= 5 && memcmp(s + j, "-----", 5) == 0 && (s[i] | 0x20) == 'p' && (s[i + 1] | 0x20) == 'r') {
			sb_reset(&b);
			sb_adds(&b, "[private key redacted]");
			*out = b;
			return;
		}
		while (j < len && (s[j] == ' ' || s[j] == '\t'))
			j++;
		if (j >= len || (s[j] != '=' && s[j] != ':' && s[j] != '"' && s[j] != '\'')) {
			i += kl;
			continue;
		}
		if (s[j] == '=' || s[j] == ':') {
			j++;
			while (j < len && (s[j] == ' ' || s[j] == '\t'))
				j++;
		}
		sb_add(&b, s + run, j - run);
		if (j < len && (s[j] == '"' || s[j] == '\'')) {
			char q = s[j];

			v = j + 1;
			while (v < len && s[v] != q)
				v++;
			sb_addc(&b, q);
			sb_adds(&b, "***");
			if (v < len)
				sb_addc(&b, q);
			i = v < len ? v + 1 : v;
		} else {
			v = j;
			while (v < len && s[v] != ' ' && s[v] != '\t' && s[v] != ',' && s[v] != ';')
				v++;
			if (v > j)
				sb_adds(&b, "***");
			i = v;
		}
		run = i;
	}
	if (run == 0)
		*changed = 0;
	sb_add(&b, s + run, len - run);
	*out = b;
}

/* Length of a valid UTF-8 sequence at s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0 && s[0] >= 0xc2 && (s[1] & 0xc0) == 0x80)
		return 2;
	if ((s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
		if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0))
			return 0;
		return 3;
	}
	if ((s[0] & 0xf8) == 0xf0 && s[0] <= 0xf4 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80) {
		if ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

char *utf8_clean_dup(const char *s)
{
	struct strbuf b = {0};
	const unsigned char *p = (const unsigned char *)s;

	sb_add(&b, "", 0);
	while (*p) {
		size_t n = utf8_len(p);

		if (n == 0) {
			sb_adds(&b, "\xef\xbf\xbd");
			p++;
		} else if (n == 1 && *p < 0x20 && *p != '\t') {
			sb_addc(&b, '?');
			p++;
		} else {
			sb_add(&b, (const char *)p, n);
			p += n;
		}
	}
	return sb_steal(&b);
}
