/*
 * lang.c - the language of the output (from --lang or the locale) and the
 * German/English text pairs of the kb (see i18n.h); the program's own
 * message table is i18n.c.
 */
#include "base/i18n.h"

#include <stdlib.h>
#include <string.h>

const char *txt(const struct text *t, enum lang lang)
{
	const char *s;

	if (t == NULL)
		return "";
	s = lang == LANG_DE ? t->de : t->en;
	if (s == NULL || *s == '\0')
		s = lang == LANG_DE ? t->en : t->de;
	return s != NULL ? s : "";
}

enum lang lang_from(const char *opt)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	if (opt != NULL)
		return strncmp(opt, "de", 2) == 0 ? LANG_DE : LANG_EN;
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && *v != '\0')
			return strncmp(v, "de", 2) == 0 ? LANG_DE : LANG_EN;
	}
	return LANG_EN;
}

const char *lang_code(enum lang lang)
{
	return lang == LANG_DE ? "de" : "en";
}
