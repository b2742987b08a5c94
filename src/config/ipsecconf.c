/*
 * ipsecconf.c - the ipsec.conf reader (libreswan, Openswan, strongSwan's
 * stroke interface). A section starts at column 0 (`config setup`,
 * `conn NAME`, `ca NAME`); its entries are the indented `key=value` lines
 * below it. `include PATTERN` at column 0 reads more files (relative to the
 * including one). After the last file, `also=` and `conn %default` are
 * folded into every conn, in the daemons' order of precedence: the conn's
 * own entries, then its also= sections (in order, recursively), then
 * %default.
 */
#include "config/conf.h"
#include "base/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONF_MAXDEPTH 8
#define CONF_MAXLINE 4096

/* Cut a '#' comment (outside double quotes) and trailing blanks. */
static void strip_comment(char *s)
{
	int q = 0;
	size_t n;

	for (char *p = s; *p != '\0'; p++) {
		if (*p == '"')
			q = !q;
		else if (*p == '#' && !q) {
			*p = '\0';
			break;
		}
	}
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

/* Split "key = value" / key="value" in place; 0 on success. */
static int split_kv(char *s, char **key, char **val)
{
	char *eq = strchr(s, '=');
	char *k = s + strspn(s, " \t"), *v, *e;

	if (eq == NULL || eq == k)
		return -1;
	e = eq;
	while (e > k && isspace((unsigned char)e[-1]))
		e--;
	*e = '\0';
	for (char *p = k; *p != '\0'; p++)
		if (isspace((unsigned char)*p))
			return -1;
	v = eq + 1;
	v += strspn(v, " \t");
	if (*v == '"') {
		char *end = strrchr(v + 1, '"');

		if (end == NULL)
			return -1;
		*end = '\0';
		v++;
	}
	*key = k;
	*val = v;
	return 0;
}

struct reader {
	struct conf *c;
	const char *file;
	enum lang lang;
	char **cause;
	struct conf_section *cur;   /* NULL outside a section or in an ignored one */
	int in_section;             /* inside a section, even an ignored one */
};

static int include(struct reader *r, int line, const char *pattern, int depth)
{
	int n;
	char **v = conf_glob(r->file, pattern, &n);
	int rc = 0;

	if (n == 0 && strpbrk(pattern, "*?[") == NULL)
		rc = conf_fail(r->cause, r->lang, r->file, line, M_CF_INCLUDE, pattern);
	for (int i = 0; rc == 0 && i < n; i++)
		rc = conf_read_ipsec(r->c, v[i], depth + 1, r->lang, r->cause);
	conf_glob_free(v, n);
	return rc;
}

/* A line at column 0: a section header or an include. */
static int top_line(struct reader *r, int line, char *s, int depth)
{
	char *arg = s + strcspn(s, " \t");

	if (*arg != '\0')
		*arg++ = '\0';
	arg += strspn(arg, " \t");
	r->in_section = 1;
	r->cur = NULL;
	if (strcmp(s, "conn") == 0 && *arg != '\0' && strpbrk(arg, " \t") == NULL) {
		r->cur = conf_add_section(r->c, arg, r->file, line);
	} else if (strcmp(s, "config") == 0 && strcmp(arg, "setup") == 0) {
		r->cur = conf_add_section(r->c, "%setup", r->file, line);
	} else if (strcmp(s, "ca") == 0 && *arg != '\0') {
		/* a CA section: nothing the comparison needs */
	} else if (strcmp(s, "include") == 0 && *arg != '\0') {
		r->in_section = 0;
		return include(r, line, arg, depth);
	} else if (strcmp(s, "version") == 0) {
		r->in_section = 0;
	} else {
		r->in_section = 0;
		return conf_fail(r->cause, r->lang, r->file, line, M_CF_OUTSIDE, s);
	}
	return 0;
}

int conf_read_ipsec(struct conf *c, const char *path, int depth, enum lang lang, char **cause)
{
	struct reader r = { c, NULL, lang, cause, NULL, 0 };
	char buf[CONF_MAXLINE + 2];
	FILE *f;
	int line = 0, rc = 0;

	if (depth > CONF_MAXDEPTH)
		return conf_fail(cause, lang, path, 0, M_CF_DEPTH, path);
	if ((f = fopen(path, "r")) == NULL) {
		char *e = xasprintf("%s", strerror(errno));

		rc = conf_fail(cause, lang, path, 0, M_CF_INCLUDE, e);
		free(e);
		return rc;
	}
	r.file = conf_add_file(c, path);
	while (rc == 0 && fgets(buf, sizeof buf, f) != NULL) {
		char *key, *val;

		line++;
		if (strchr(buf, '\n') == NULL && !feof(f)) {
			rc = conf_fail(cause, lang, r.file, line, M_CF_LONG_LINE, "");
			break;
		}
		strip_comment(buf);
		if (buf[strspn(buf, " \t")] == '\0')
			continue;
		if (!isspace((unsigned char)buf[0])) {
			rc = top_line(&r, line, buf, depth);
			continue;
		}
		if (!r.in_section) {
			rc = conf_fail(cause, lang, r.file, line, M_CF_OUTSIDE, buf + strspn(buf, " \t"));
			continue;
		}
		if (split_kv(buf, &key, &val) != 0) {
			rc = conf_fail(cause, lang, r.file, line, M_CF_KV, buf + strspn(buf, " \t"));
			continue;
		}
		if (r.cur != NULL)
			conf_set(r.cur, key, val, r.file, line);
	}
	fclose(f);
	if (rc == 0 && depth == 0)
		rc = conf_fold_also(c, lang, cause);
	return rc;
}

/* Copy the entries of from that to lacks (to's own win). */
static void fill_from(struct conf_section *to, const struct conf_section *from)
{
	for (int i = 0; i < from->nkv; i++)
		if (strcmp(from->kv[i].key, "also") != 0 && conf_get(to, from->kv[i].key) == NULL)
			conf_set(to, from->kv[i].key, from->kv[i].value, from->kv[i].file, from->kv[i].line);
}

/* Fold the also= chain of src into dst (depth-first, in order). */
static int fold(struct conf *c, struct conf_section *dst, const struct conf_section *src, int depth,
    enum lang lang, char **cause)
{
	const struct conf_kv *also = conf_get(src, "also");
	char *list, *save = NULL;
	const char *file;
	int rc = 0, line;

	if (also == NULL)
		return 0;
	if (depth > CONF_MAXDEPTH)
		return conf_fail(cause, lang, also->file, also->line, M_CF_ALSO_LOOP, also->value);
	/* also points into src's entries, which fill_from may move */
	list = xstrdup(also->value);
	file = also->file;
	line = also->line;
	for (char *name = strtok_r(list, " \t,", &save); rc == 0 && name != NULL; name = strtok_r(NULL, " \t,", &save)) {
		const struct conf_section *inc = conf_section(c, name);

		if (inc == NULL)
			rc = conf_fail(cause, lang, file, line, M_CF_ALSO_MISSING, name);
		else if (inc == dst)
			rc = conf_fail(cause, lang, file, line, M_CF_ALSO_LOOP, name);
		else {
			fill_from(dst, inc);
			rc = fold(c, dst, inc, depth + 1, lang, cause);
		}
	}
	free(list);
	return rc;
}

int conf_fold_also(struct conf *c, enum lang lang, char **cause)
{
	const struct conf_section *def = conf_section(c, "%default");
	int rc = 0;

	for (int i = 0; rc == 0 && i < c->nsecs; i++) {
		struct conf_section *s = &c->secs[i];

		if (s->name[0] == '%')
			continue;
		rc = fold(c, s, s, 0, lang, cause);
		if (rc == 0 && def != NULL) {
			fill_from(s, def);
			rc = fold(c, s, def, 0, lang, cause);
		}
	}
	return rc;
}
