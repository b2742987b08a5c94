/*
 * swanctl.c - the swanctl.conf reader (strongSwan's settings syntax):
 * `name {` opens a section, `}` closes it, `key = value` sets a value up to
 * the end of the line (or a double-quoted string), `#` starts a comment,
 * `include PATTERN` reads more files at that level. Entries below
 * `connections.NAME` become the section NAME with the dotted rest of the
 * path as key ("local.id", "children.net.esp_proposals"); `secrets { }` is
 * only counted, its values are never kept.
 */
#include "config/conf.h"
#include "base/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SW_MAXDEPTH 16
#define SW_MAXINCLUDE 8

struct sw {
	struct conf *c;
	const char *file;
	enum lang lang;
	char **cause;
	const char *p, *end;
	int line;
	char *path[SW_MAXDEPTH];
	int depth;
	int base;      /* the depth an included file started at: it may not close more */
	int incdepth;
};

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf b = {0};
	char chunk[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	if (b.s == NULL)
		return xstrdup("");
	return sb_steal(&b);
}

/* Skip blanks, newlines (counted) and comments. */
static void skip_space(struct sw *w)
{
	while (w->p < w->end) {
		if (*w->p == '\n') {
			w->line++;
			w->p++;
		} else if (isspace((unsigned char)*w->p)) {
			w->p++;
		} else if (*w->p == '#') {
			while (w->p < w->end && *w->p != '\n')
				w->p++;
		} else {
			break;
		}
	}
}

static int is_name_char(char ch)
{
	return ch != '\0' && !isspace((unsigned char)ch) && strchr("{}=#\"", ch) == NULL;
}

/* The value after '=': a quoted string or the rest of the line, trimmed. */
static char *read_value(struct sw *w)
{
	const char *s, *e;

	while (w->p < w->end && (*w->p == ' ' || *w->p == '\t'))
		w->p++;
	if (w->p < w->end && *w->p == '"') {
		s = ++w->p;
		while (w->p < w->end && *w->p != '"') {
			if (*w->p == '\n')
				w->line++;
			w->p++;
		}
		e = w->p;
		if (w->p < w->end)
			w->p++;
		return xstrndup(s, (size_t)(e - s));
	}
	s = w->p;
	while (w->p < w->end && *w->p != '\n' && *w->p != '#' && *w->p != '}')
		w->p++;
	e = w->p;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

/* Store key = value at the current path (only below connections.NAME). */
static void store(struct sw *w, const char *key, const char *value, int line)
{
	struct conf_section *s;
	struct strbuf k = {0};

	if (w->depth >= 1 && strcmp(w->path[0], "secrets") == 0)
		return;   /* never kept: parse_item counted the entry */
	if (w->depth < 2 || strcmp(w->path[0], "connections") != 0)
		return;
	s = conf_add_section(w->c, w->path[1], w->file, line);
	for (int i = 2; i < w->depth; i++) {
		sb_adds(&k, w->path[i]);
		sb_addc(&k, '.');
	}
	sb_adds(&k, key);
	conf_set(s, k.s, value, w->file, line);
	sb_free(&k);
}

static int parse_text(struct sw *w);

static int do_include(struct sw *w, const char *pattern, int line)
{
	int n, rc = 0;
	char **v;

	if (w->incdepth >= SW_MAXINCLUDE)
		return conf_fail(w->cause, w->lang, w->file, line, M_CF_DEPTH, pattern);
	v = conf_glob(w->file, pattern, &n);
	if (n == 0 && strpbrk(pattern, "*?[") == NULL)
		rc = conf_fail(w->cause, w->lang, w->file, line, M_CF_INCLUDE, pattern);
	for (int i = 0; rc == 0 && i < n; i++) {
		struct sw sub = *w;
		size_t len;
		char *text = slurp(v[i], &len);

		if (text == NULL) {
			rc = conf_fail(w->cause, w->lang, w->file, line, M_CF_INCLUDE, v[i]);
			break;
		}
		sub.file = conf_add_file(w->c, v[i]);
		sub.p = text;
		sub.end = text + len;
		sub.line = 1;
		sub.incdepth = w->incdepth + 1;
		sub.base = w->depth;
		/* the included file continues the including section */
		rc = parse_text(&sub);
		if (rc == 0 && sub.depth != w->depth)
			rc = conf_fail(w->cause, w->lang, sub.file, sub.line, M_CF_UNCLOSED, sub.depth > 0 ? sub.path[sub.depth - 1] : "");
		for (int d = w->depth; d < sub.depth; d++)
			free(sub.path[d]);
		free(text);
	}
	conf_glob_free(v, n);
	return rc;
}

/* One item at w->p: `}`, `name {`, `name = value` or `include PATTERN`. */
static int parse_item(struct sw *w)
{
	const char *s = w->p;
	int line = w->line;
	char *name;

	if (*w->p == '}') {
		w->p++;
		if (w->depth <= w->base)
			return conf_fail(w->cause, w->lang, w->file, line, M_CF_EXTRA_CLOSE, "");
		free(w->path[--w->depth]);
		return 0;
	}
	while (w->p < w->end && is_name_char(*w->p))
		w->p++;
	if (w->p == s)
		return conf_fail(w->cause, w->lang, w->file, line, M_CF_SYNTAX, "");
	name = xstrndup(s, (size_t)(w->p - s));
	while (w->p < w->end && (*w->p == ' ' || *w->p == '\t'))
		w->p++;
	if (w->p < w->end && *w->p == '{') {
		w->p++;
		if (w->depth >= SW_MAXDEPTH) {
			free(name);
			return conf_fail(w->cause, w->lang, w->file, line, M_CF_DEPTH, s);
		}
		w->path[w->depth++] = name;
		if (w->depth == 2 && strcmp(w->path[0], "secrets") == 0)
			w->c->nsecrets++;
		return 0;
	}
	if (w->p < w->end && *w->p == '=') {
		char *v;

		w->p++;
		v = read_value(w);
		store(w, name, v, line);
		free(v);
		free(name);
		return 0;
	}
	if (strcmp(name, "include") == 0) {
		char *pat = read_value(w);
		int rc = do_include(w, pat, line);

		free(pat);
		free(name);
		return rc;
	}
	{
		int rc = conf_fail(w->cause, w->lang, w->file, line, M_CF_SYNTAX, name);

		free(name);
		return rc;
	}
}

static int parse_text(struct sw *w)
{
	int rc = 0;

	for (;;) {
		skip_space(w);
		if (w->p >= w->end || rc != 0)
			return rc;
		rc = parse_item(w);
	}
}

int conf_read_swanctl(struct conf *c, const char *path, int depth, enum lang lang, char **cause)
{
	struct sw w = {0};
	size_t len;
	char *text = slurp(path, &len);
	int rc;

	(void)depth;
	if (text == NULL) {
		char *e = xasprintf("%s", strerror(errno));

		rc = conf_fail(cause, lang, path, 0, M_CF_INCLUDE, e);
		free(e);
		return rc;
	}
	w.c = c;
	w.file = conf_add_file(c, path);
	w.lang = lang;
	w.cause = cause;
	w.p = text;
	w.end = text + len;
	w.line = 1;
	rc = parse_text(&w);
	if (rc == 0 && w.depth > 0)
		rc = conf_fail(cause, lang, w.file, w.line, M_CF_UNCLOSED, w.path[w.depth - 1]);
	for (int i = 0; i < w.depth; i++)
		free(w.path[i]);
	free(text);
	return rc;
}
