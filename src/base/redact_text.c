/*
 * redact_text.c - see redact.h: whole texts (a note, a command's output,
 * many lines read as one stream) through redact_line, and utf8_clean_dup,
 * kept apart from the redactor's table of forms in redact.c.
 */
#include "base/redact.h"
#include "base/util.h"

#include <string.h>

void redact_into(struct strbuf *out, const char *s, size_t len, int *changed)
{
	struct redact_state st = { 0, 0 };
	struct strbuf line = { 0 };
	const char *nl = memchr(s, '\n', len);
	size_t p = 0;

	if (nl == NULL) {
		redact_line(&st, out, s, len, changed);
		return;
	}
	sb_reset(out);
	sb_add(out, "", 0);
	*changed = 0;
	while (p <= len) {
		size_t e = nl != NULL ? (size_t)(nl - s) : len;
		int ch;

		redact_line(&st, &line, s + p, e - p, &ch);
		*changed |= ch;
		sb_add(out, line.s, line.len);
		if (nl == NULL)
			break;
		sb_addc(out, '\n');
		p = e + 1;
		nl = p < len ? memchr(s + p, '\n', len - p) : NULL;
	}
	sb_free(&line);
}

char *redact_dup(const char *s, size_t len)
{
	int changed;

	return redact_dup2(s, len, &changed);
}

char *redact_dup2(const char *s, size_t len, int *changed)
{
	struct strbuf b = { 0 };

	redact_into(&b, s, len, changed);
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
		size_t n;

		/* printable ASCII (most of a log) is copied a run at a time */
		for (n = 0; p[n] >= 0x20 && p[n] < 0x80; n++)
			;
		if (n > 0) {
			sb_add(&b, (const char *)p, n);
			p += n;
			continue;
		}
		n = utf8_len(p);

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
