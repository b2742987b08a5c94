/*
 * i18n_check.c - the checks on the message table (i18n.c) that the unit
 * tests run: every message in both languages, the same printf arguments.
 */
#include "base/i18n.h"
#include "base/i18n_tab.h"

#include <stdlib.h>
#include <string.h>

/* The next printf conversion in *s (its type letters), advancing *s; 0 at the end. */
static int next_conv(const char **s, char *out, size_t outsz)
{
	const char *p = *s;

	while ((p = strchr(p, '%')) != NULL) {
		size_t n = 0;

		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		/* flags, width, precision: '*' takes an argument, keep it */
		while (*p != '\0' && strchr("-+ #0123456789.*", *p) != NULL) {
			if (*p == '*' && n + 1 < outsz)
				out[n++] = '*';
			p++;
		}
		while (*p != '\0' && strchr("hljztL", *p) != NULL) {
			if (n + 1 < outsz)
				out[n++] = *p;
			p++;
		}
		if (*p != '\0' && n + 1 < outsz)
			out[n++] = *p++;
		out[n] = '\0';
		*s = p;
		return 1;
	}
	*s = NULL;
	return 0;
}

/* 1 when the formats a and b take the same printf arguments. */
int i18n_formats_agree(const char *en, const char *de)
{
	char ce[16], cd[16];

	if (en == NULL || de == NULL)
		return 0;
	for (;;) {
		int a = en != NULL && next_conv(&en, ce, sizeof ce);
		int b = de != NULL && next_conv(&de, cd, sizeof cd);

		if (a != b)
			return 0;
		if (!a)
			return 1;
		if (strcmp(ce, cd) != 0)
			return 0;
	}
}

int msg_formats_agree(enum msg id)
{
	return i18n_formats_agree(msg_entry(id, LANG_EN), msg_entry(id, LANG_DE));
}

int msg_complete(enum msg id)
{
	const char *en = msg_entry(id, LANG_EN), *de = msg_entry(id, LANG_DE);

	return en != NULL && en[0] != '\0' && de != NULL && de[0] != '\0';
}
