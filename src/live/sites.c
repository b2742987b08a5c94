/*
 * sites.c - see sites.h. json-c does not keep line numbers, so an error
 * finds its line in the text: a parse error from the tokenizer's offset,
 * a field error by looking for the site's key, then the side's, then the
 * field's after it.
 */
#include "live/sites.h"
#include "live/remote.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

char *sites_path(void)
{
	const char *p = getenv("TUNNELDOC_SITES"), *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");

	if (p != NULL && *p)
		return xstrdup(p);
	if (x != NULL && *x == '/')
		return xasprintf("%s/tunneldoc/sites.json", x);
	if (h != NULL && *h)
		return xasprintf("%s/.config/tunneldoc/sites.json", h);
	return NULL;
}

static int line_at(const char *text, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off && text[i]; i++)
		line += text[i] == '\n';
	return line;
}

/* The offset of "key" (quoted) at or after from, or from when not found. */
static size_t find_key(const char *text, size_t from, const char *key)
{
	char *q = xasprintf("\"%s\"", key);
	const char *hit = strstr(text + from, q);

	free(q);
	return hit != NULL ? (size_t)(hit - text) : from;
}

struct sctx {
	const char *path, *text;
	enum lang lang;
	char **err;
	const char *site;
	int side;                  /* -1: the site itself */
};

static int bad(struct sctx *c, const char *field, enum msg id)
{
	size_t off = 0;
	struct strbuf where = {0};

	sb_adds(&where, "sites");
	if (c->site != NULL) {
		off = find_key(c->text, 0, c->site);
		sb_addf(&where, ".%s", c->site);
	}
	if (c->side >= 0) {
		off = find_key(c->text, off, c->side ? "right" : "left");
		sb_addf(&where, ".%s", c->side ? "right" : "left");
	}
	if (field != NULL) {
		off = find_key(c->text, off, field);
		sb_addf(&where, ".%s", field);
	}
	*c->err = xasprintf("%s:%d: %s: %s", c->path, line_at(c->text, off), where.s, msg(id, c->lang));
	sb_free(&where);
	return -1;
}

static int secretish(const char *k)
{
	static const char *const words[] = { "pass", "secret", "psk", "key", "token", "credential" };

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasestr(k, words[i]) != NULL)
			return 1;
	return 0;
}

/* A value that goes into an SSH target or a shell word: no blanks, quotes. */
static int plain(const char *s)
{
	return *s != '\0' && strpbrk(s, " \t\n'\"`$\\;|&<>(){}*?") == NULL;
}

static int load_side(struct sctx *c, json_object *o, struct site_side *sd)
{
	if (!json_object_is_type(o, json_type_object))
		return bad(c, NULL, M_LV_SB_SIDE_OBJECT);
	json_object_object_foreach(o, key, val) {
		char **dst = NULL;

		if (secretish(key))
			return bad(c, key, M_LV_SB_NO_SECRETS);
		if (strcmp(key, "port") == 0) {
			if (!json_object_is_type(val, json_type_int) || json_object_get_int(val) < 1 || json_object_get_int(val) > 65535)
				return bad(c, key, M_LV_SB_PORT);
			sd->port = json_object_get_int(val);
			continue;
		}
		if (strcmp(key, "host") == 0)
			dst = &sd->host;
		else if (strcmp(key, "user") == 0)
			dst = &sd->user;
		else if (strcmp(key, "profile") == 0)
			dst = &sd->profile;
		else if (strcmp(key, "jump") == 0)
			dst = &sd->jump;
		else if (strcmp(key, "lan") == 0)
			dst = &sd->lan;
		else if (strcmp(key, "log_file") == 0)
			dst = &sd->log_file;
		else if (strcmp(key, "status_cmd") == 0)
			dst = &sd->status_cmd;
		else if (strcmp(key, "config_cmd") == 0)
			dst = &sd->config_cmd;
		else
			return bad(c, key, M_LV_SB_SIDE_FIELD);
		if (!json_object_is_type(val, json_type_string))
			return bad(c, key, M_LV_SB_STRING);
		/* a file name and the commands are no SSH target or bare word */
		if (dst != &sd->log_file && dst != &sd->status_cmd && dst != &sd->config_cmd &&
		    !plain(json_object_get_string(val)))
			return bad(c, key, M_LV_SB_PLAIN);
		*dst = xstrdup(json_object_get_string(val));
	}
	if (sd->host == NULL)
		return bad(c, NULL, M_LV_SB_NO_HOST);
	if (sd->jump != NULL && !remote_jump_ok(sd->jump))
		return bad(c, "jump", M_LV_SITE_JUMP_OPTION);
	if (sd->lan != NULL && strspn(sd->lan, "0123456789abcdefABCDEF.:") != strlen(sd->lan))
		return bad(c, "lan", M_LV_SB_LAN);
	return 0;
}

static int load_site(struct sctx *c, const char *name, json_object *o, struct site *st)
{
	st->name = xstrdup(name);
	c->site = name;
	c->side = -1;
	if (!plain(name))
		return bad(c, NULL, M_LV_SB_SITE_NAME);
	if (!json_object_is_type(o, json_type_object))
		return bad(c, NULL, M_LV_SB_SITE_OBJECT);
	json_object_object_foreach(o, key, val) {
		if (strcmp(key, "description") == 0) {
			if (!json_object_is_type(val, json_type_string))
				return bad(c, key, M_LV_SB_STRING);
			st->description = xstrdup(json_object_get_string(val));
		} else if (strcmp(key, "left") != 0 && strcmp(key, "right") != 0) {
			return bad(c, key, M_LV_SB_SITE_FIELD);
		}
	}
	for (int s = 0; s < 2; s++) {
		json_object *v;

		c->side = -1;
		if (!json_object_object_get_ex(o, s ? "right" : "left", &v))
			return bad(c, NULL, s ? M_LV_SB_NO_RIGHT : M_LV_SB_NO_LEFT);
		c->side = s;
		if (load_side(c, v, &st->side[s]) != 0)
			return -1;
	}
	return 0;
}

int sites_load(const char *path, struct sitebook *b, enum lang lang, char **err)
{
	FILE *f = fopen(path, "r");
	struct strbuf t = {0};
	char buf[4096];
	size_t n;
	json_tokener *tok;
	json_object *root, *sites;
	struct sctx c = { path, NULL, lang, err, NULL, -1 };
	int rc = -1;

	memset(b, 0, sizeof *b);
	b->path = xstrdup(path);
	*err = NULL;
	if (f == NULL) {
		if (errno == ENOENT)
			return 1;
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0 && t.len < (1u << 22))
		sb_add(&t, buf, n);
	fclose(f);
	c.text = t.s != NULL ? t.s : "";
	tok = json_tokener_new();
	root = json_tokener_parse_ex(tok, c.text, (int)t.len);
	if (root == NULL || json_tokener_get_error(tok) != json_tokener_success) {
		enum json_tokener_error e = json_tokener_get_error(tok);

		*err = xasprintf("%s:%d: %s (%s)", path, line_at(c.text, json_tokener_get_parse_end(tok)),
		    msg(M_LV_SB_NOT_JSON, lang), e == json_tokener_continue ? msg(M_LV_SB_ENDS_EARLY, lang) : json_tokener_error_desc(e));
		json_object_put(root);
		json_tokener_free(tok);
		sb_free(&t);
		return -1;
	}
	json_tokener_free(tok);
	if (!json_object_is_type(root, json_type_object) || !json_object_object_get_ex(root, "sites", &sites) ||
	    !json_object_is_type(sites, json_type_object)) {
		bad(&c, NULL, M_LV_SB_TOP);
		goto out;
	}
	b->v = xcalloc((size_t)json_object_object_length(sites) + 1, sizeof *b->v);
	{
		json_object_object_foreach(sites, name, val) {
			if (load_site(&c, name, val, &b->v[b->n++]) != 0)
				goto out;
		}
	}
	rc = 0;
out:
	json_object_put(root);
	sb_free(&t);
	return rc;
}

const struct site *sites_find(const struct sitebook *b, const char *name)
{
	for (int i = 0; i < b->n; i++)
		if (strcmp(b->v[i].name, name) == 0)
			return &b->v[i];
	return NULL;
}

void sites_free(struct sitebook *b)
{
	for (int i = 0; i < b->n; i++) {
		struct site *s = &b->v[i];

		free(s->name);
		free(s->description);
		for (int k = 0; k < 2; k++) {
			struct site_side *d = &s->side[k];

			free(d->host);
			free(d->user);
			free(d->profile);
			free(d->jump);
			free(d->lan);
			free(d->log_file);
			free(d->status_cmd);
			free(d->config_cmd);
		}
	}
	free(b->v);
	free(b->path);
	memset(b, 0, sizeof *b);
}

char *site_target(const struct site_side *s)
{
	struct strbuf b = {0};

	if (s->user != NULL)
		sb_addf(&b, "%s@", s->user);
	sb_adds(&b, s->host);
	if (s->port > 0)
		sb_addf(&b, ":%d", s->port);
	return sb_steal(&b);
}
