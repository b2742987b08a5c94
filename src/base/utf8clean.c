/*
 * utf8clean.c - utf8_clean_dup (see redact.h): text from a gateway made
 * safe to print, kept apart from the redactor's table of forms.
 */
#include "base/redact.h"
#include "base/util.h"

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
