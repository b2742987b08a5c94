/*
 * kb.c - load and validate kb/ (see kb.h and kb/SCHEMA.md): the one place
 * that calls the loaders of load.h, kind by kind, then the checks over the
 * whole kb; the lookups by id (hash indexes filled while loading); where
 * the kb directory is.
 */
#include "kb/kb.h"
#include "kb/json.h"
#include "kb/load.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef TD_DATADIR
#define TD_DATADIR "/usr/local/share/tunneldoc"
#endif


/* Sorted list of *.json in dir; missing dir gives an empty list. */
static char **list_json(const char *dir, int *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t cnt = 0, cap = 0;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || !str_endswith(de->d_name, ".json"))
			continue;
		*VEC_PUSH(v, cnt, cap) = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	for (size_t i = 1; i < cnt; i++)
		for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	*n = (int)cnt;
	return v;
}

static const char *remember_file(struct kb *kb, const char *path)
{
	char **slot;
	size_t n = (size_t)kb->nfiles, cap = n;

	slot = VEC_PUSH(kb->files, n, cap);
	*slot = xstrdup(path);
	kb->nfiles = (int)n;
	return *slot;
}

static int fnv_file(const char *path, uint64_t *h)
{
	FILE *f = fopen(path, "rb");
	int ch;

	if (f == NULL)
		return -1;
	while ((ch = getc(f)) != EOF) {
		*h ^= (uint8_t)ch;
		*h *= 1099511628211ULL;
	}
	fclose(f);
	return 0;
}

/* The kinds of kb file in the order they load: each may refer to the
 * kinds before it (a signature to dialects, causes and chapters; a rule to
 * signatures; a tree to causes and chapters). */
static const struct {
	const char *name;    /* a file in the kb directory, or a folder of *.json */
	int folder;
	int (*load)(struct kbj *c, const char *path);
} kinds[] = {
	{ "causes.json", 0, load_causes },
	{ "chapters.json", 0, load_chapters },
	{ "formats", 1, load_dialect },
	{ "signatures", 1, load_signatures },
	{ "rules", 1, load_rules },
	{ "devices", 1, load_device },
	{ "tree", 1, load_tree },
};

/* Load every file of one kind. */
static int load_kind(struct kbj *c, const char *dir, int k)
{
	char *p = xasprintf("%s/%s", dir, kinds[k].name);
	char **files = &p;
	int n = 1, r = 0;

	if (kinds[k].folder) {
		files = list_json(p, &n);
		free(p);
		if (kinds[k].load == load_dialect && n == 0) {
			c->file = "kb/formats";
			kbj_fail(c, NULL, M_KB_NO_DIALECTS, dir);
			kbj_strs_free(files, n);
			return -1;
		}
	}
	for (int i = 0; i < n && r == 0; i++) {
		c->path[0] = '\0';
		c->file = remember_file(c->kb, files[i]);
		r = kinds[k].load(c, files[i]);
	}
	if (kinds[k].folder)
		kbj_strs_free(files, n);
	else
		free(p);
	return r;
}

struct kb *kb_load_lang(const char *dir, enum lang lang, char **cause)
{
	struct kbj c = {0};
	struct kb *kb = xcalloc(1, sizeof *kb);
	uint64_t h = 1469598103934665603ULL;

	c.kb = kb;
	c.lang = lang;
	kb->dir = xstrdup(dir);
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		if (load_kind(&c, dir, (int)k) != 0)
			goto fail;
	c.file = "kb";
	c.path[0] = '\0';
	if (resolve_extends(&c) != 0 || build_matchers(&c) != 0 || check_trees(&c) != 0)
		goto fail;
	for (int i = 0; i < kb->nfiles; i++)
		fnv_file(kb->files[i], &h);
	kb->revision = xasprintf("%012llx", (unsigned long long)(h & 0xffffffffffffULL));
	return kb;
fail:
	*cause = c.err != NULL ? c.err : xstrdup(msg(M_KB_UNKNOWN_ERROR, lang));
	kb_free(kb);
	return NULL;
}

struct kb *kb_load(const char *dir, char **cause)
{
	return kb_load_lang(dir, LANG_EN, cause);
}

void kb_free(struct kb *kb)
{
	if (kb == NULL)
		return;
	causes_free(kb);
	chapters_free(kb);
	dialects_free(kb);
	signatures_free(kb);
	rules_free(kb);
	devices_free(kb);
	trees_free(kb);
	kbj_strs_free(kb->files, kb->nfiles);
	free(kb->dir);
	free(kb->revision);
	free(kb);
}

int kb_cause_index(const struct kb *kb, const char *id)
{
	return kb_ids_get(&kb->cause_ids, id);
}

int kb_sig_index(const struct kb *kb, const char *id)
{
	return kb_ids_get(&kb->sig_ids, id);
}

int kb_dialect_index(const struct kb *kb, const char *id)
{
	return kb_ids_get(&kb->dialect_ids, id);
}

const struct chapter *kb_chapter(const struct kb *kb, const char *id)
{
	int i = kb_ids_get(&kb->chapter_ids, id);

	return i < 0 ? NULL : &kb->chapters[i];
}

const struct dialect *kb_dialect(const struct kb *kb, const char *id)
{
	int i = kb_dialect_index(kb, id);

	return i < 0 ? NULL : &kb->dialects[i];
}

const struct device *kb_device(const struct kb *kb, const char *id)
{
	int i = kb_ids_get(&kb->device_ids, id);

	return i < 0 ? NULL : &kb->devices[i];
}

const struct tree *kb_tree(const struct kb *kb, const char *id)
{
	int i = kb_ids_get(&kb->tree_ids, id);

	return i < 0 ? NULL : &kb->trees[i];
}

static int is_kb_dir(const char *d)
{
	char *p = xasprintf("%s/causes.json", d);
	struct stat st;
	int ok = stat(p, &st) == 0;

	free(p);
	return ok;
}

/* cand when it holds a knowledge base (taken), else NULL (freed); its path
 * is added to tried. */
static char *try_dir(char *cand, struct strbuf *tried)
{
	if (is_kb_dir(cand))
		return cand;
	if (tried != NULL)
		sb_addf(tried, "%s%s", tried->len > 0 ? ", " : "", cand);
	free(cand);
	return NULL;
}

char *kb_find_dir(const char *opt, struct strbuf *tried)
{
	const char *env = getenv("TUNNELDOC_KB");
	char exe[PATH_MAX], *dir = NULL;
	ssize_t n;

	if (opt != NULL)
		return xstrdup(opt);
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			/* build tree: build/tunneldoc -> ../kb ; source tree;
			 * installed: bin/tunneldoc -> ../share/tunneldoc/kb */
			if ((dir = try_dir(xasprintf("%s/../kb", exe), tried)) != NULL ||
			    (dir = try_dir(xasprintf("%s/kb", exe), tried)) != NULL ||
			    (dir = try_dir(xasprintf("%s/../share/tunneldoc/kb", exe), tried)) != NULL)
				return dir;
		}
	}
	if ((dir = try_dir(xstrdup(TD_DATADIR "/kb"), tried)) != NULL)
		return dir;
	return try_dir(xstrdup("./kb"), tried);
}
