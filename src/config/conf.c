/*
 * conf.c - see conf.h: what both readers share (files, sections, entries,
 * includes, secrets kept out) and the syntax detection.
 */
#include "config/conf.h"
#include "base/redact.h"
#include "base/util.h"

#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int conf_fail(char **cause, enum lang lang, const char *file, int line, enum msg id, const char *arg)
{
	if (cause != NULL && *cause == NULL) {
		struct strbuf b = {0};

		if (line > 0)
			sb_addf(&b, "%s:%d: ", file, line);
		else
			sb_addf(&b, "%s: ", file);
		/* every config message takes one %s (the detail) */
		sb_addf(&b, msg(id, lang), arg != NULL ? arg : "");
		*cause = sb_steal(&b);
	}
	return -1;
}

const char *conf_add_file(struct conf *c, const char *path)
{
	c->files = xrealloc(c->files, (size_t)(c->nfiles + 1) * sizeof *c->files);
	c->files[c->nfiles] = xstrdup(path);
	return c->files[c->nfiles++];
}

struct conf_section *conf_add_section(struct conf *c, const char *name, const char *file, int line)
{
	struct conf_section *s;

	/* a second `conn NAME` continues the first one, as the daemons read it */
	for (int i = 0; i < c->nsecs; i++)
		if (strcmp(c->secs[i].name, name) == 0)
			return &c->secs[i];
	s = VEC_PUSH(c->secs, c->nsecs, c->cap);
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	s->file = file;
	s->line = line;
	return s;
}

/* The last part of a dotted key ("secrets.ike-a.secret") by the
 * redactor's key words (base/redact.h): one list of secret keys. */
int conf_key_is_secret(const char *key)
{
	const char *leaf = strrchr(key, '.');

	leaf = leaf != NULL ? leaf + 1 : key;
	return redact_key_is_secret(leaf, strlen(leaf));
}

void conf_set(struct conf_section *s, const char *key, const char *value, const char *file, int line)
{
	struct conf_kv *kv = NULL;

	for (int i = 0; i < s->nkv; i++)
		if (strcmp(s->kv[i].key, key) == 0)
			kv = &s->kv[i];
	if (kv == NULL) {
		kv = VEC_PUSH(s->kv, s->nkv, s->cap);
		kv->key = xstrdup(key);
	} else {
		free(kv->value);
	}
	kv->value = xstrdup(conf_key_is_secret(key) ? "***" : value);
	kv->file = file;
	kv->line = line;
}

const struct conf_section *conf_section(const struct conf *c, const char *name)
{
	for (int i = 0; i < c->nsecs; i++)
		if (strcmp(c->secs[i].name, name) == 0)
			return &c->secs[i];
	return NULL;
}

const struct conf_kv *conf_get(const struct conf_section *s, const char *key)
{
	if (s == NULL)
		return NULL;
	for (int i = 0; i < s->nkv; i++)
		if (strcmp(s->kv[i].key, key) == 0)
			return &s->kv[i];
	return NULL;
}

char **conf_glob(const char *from, const char *pattern, int *n)
{
	glob_t g;
	char *pat;
	char **v = NULL;
	const char *slash = strrchr(from, '/');

	*n = 0;
	if (pattern[0] == '/' || slash == NULL)
		pat = xstrdup(pattern);
	else
		pat = xasprintf("%.*s/%s", (int)(slash - from), from, pattern);
	if (glob(pat, 0, NULL, &g) == 0) {
		v = xcalloc(g.gl_pathc + 1, sizeof *v);
		for (size_t i = 0; i < g.gl_pathc; i++)
			v[(*n)++] = xstrdup(g.gl_pathv[i]);
		globfree(&g);
	}
	free(pat);
	return v;
}

void conf_glob_free(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Which syntax the text is: swanctl has `connections {`, ipsec.conf `conn NAME`. */
static enum conf_syntax detect(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	enum conf_syntax syn = 0;

	if (f == NULL)
		return 0;
	while (syn == 0 && fgets(line, sizeof line, f) != NULL) {
		const char *p = line + strspn(line, " \t");

		if (strncmp(p, "connections", 11) == 0 && strchr(p, '{') != NULL)
			syn = CONF_SWANCTL;
		else if (strncmp(p, "secrets", 7) == 0 && strchr(p, '{') != NULL)
			syn = CONF_SWANCTL;
		else if (p == line && (strncmp(p, "conn ", 5) == 0 || strncmp(p, "conn\t", 5) == 0 ||
		    strncmp(p, "config setup", 12) == 0))
			syn = CONF_IPSEC_CONF;
	}
	fclose(f);
	return syn;
}

struct conf *conf_read(const char *path, enum lang lang, char **cause)
{
	struct conf *c = xcalloc(1, sizeof *c);
	FILE *probe = fopen(path, "r");
	int rc;

	if (probe == NULL) {
		char *e = xasprintf("%s", strerror(errno));

		conf_fail(cause, lang, path, 0, M_CF_OPEN, e);
		free(e);
		free(c);
		return NULL;
	}
	fclose(probe);
	c->syntax = detect(path);
	if (c->syntax == 0) {
		conf_fail(cause, lang, path, 0, M_CF_UNKNOWN_SYNTAX, "");
		free(c);
		return NULL;
	}
	rc = c->syntax == CONF_SWANCTL ? conf_read_swanctl(c, path, 0, lang, cause)
	    : conf_read_ipsec(c, path, 0, lang, cause);
	if (rc == 0 && c->nsecs == 0)
		rc = conf_fail(cause, lang, path, 0, M_CF_NO_CONN, "");
	if (rc != 0) {
		conf_free(c);
		return NULL;
	}
	return c;
}

void conf_free(struct conf *c)
{
	if (c == NULL)
		return;
	for (int i = 0; i < c->nsecs; i++) {
		for (int k = 0; k < c->secs[i].nkv; k++) {
			free(c->secs[i].kv[k].key);
			free(c->secs[i].kv[k].value);
		}
		free(c->secs[i].kv);
		free(c->secs[i].name);
	}
	free(c->secs);
	for (int i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	free(c);
}
