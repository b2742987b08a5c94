/*
 * redact.c - see redact.h.
 */
#include "redact.h"
#include "util.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const keywords[] = {
	"pre-shared-key", "preshared-key", "pre-shared key", "preshared key", "presharedkey",
	"psk", "secret", "password", "passwd", "passphrase", "private key", "privatekey",
};

/* Length of a keyword at s (case-insensitive, whole word), or 0. */
static size_t keyword_at(const char *s, size_t len, size_t i)
{
	if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_'))
		return 0;
	for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++) {
		size_t kl = strlen(keywords[k]);

		if (len - i >= kl && strncasecmp(s + i, keywords[k], kl) == 0)
			return kl;
	}
	return 0;
}

char *redact_dup(const char *s, size_t len)
{
	struct strbuf b = {0};
	size_t i = 0;

	if (memmem(s, len, "PRIVATE KEY", 11) != NULL && memmem(s, len, "-----", 5) != NULL)
		return xstrdup("[private key redacted]");
	while (i < len) {
		size_t kl = keyword_at(s, len, i), j, v;

		if (kl == 0) {
			sb_addc(&b, s[i++]);
			continue;
		}
		j = i + kl;
		/* allow a plural/suffix like "secrets" only when a separator follows */
		while (j < len && (s[j] == ' ' || s[j] == '\t'))
			j++;
		if (j >= len || (s[j] != '=' && s[j] != ':' && s[j] != '"' && s[j] != '\'')) {
			sb_add(&b, s + i, kl);
			i += kl;
			continue;
		}
		if (s[j] == '=' || s[j] == ':') {
			j++;
			while (j < len && (s[j] == ' ' || s[j] == '\t'))
				j++;
			/* "secret: 0x..." and "PSK: "..." both hide the value */
		}
		sb_add(&b, s + i, j - i);
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
	}
	return sb_steal(&b);
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
