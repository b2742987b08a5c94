/*
 * kb.c - load and validate kb/ (see kb.h and kb/SCHEMA.md).
 *
 * Each loader walks one JSON document with a path string ("signatures[3].
 * title.de") kept in struct ctx, so any error names the file and the field.
 * After loading, every dialect gets an Aho-Corasick prefilter over the key
 * literals of its own event patterns and of all signatures that apply to it.
 */
#include "kb/kb.h"
#include "kb/json.h"
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


const char *severity_name(enum severity s)
{
	static const char *const n[] = { "benign", "info", "warning", "error" };

	return (s >= SEV_BENIGN && s <= SEV_ERROR) ? n[s] : "?";
}

const char *phase_name(enum phase p)
{
	static const char *const n[] = { "config", "phase1", "phase2", "traffic", "poll", "info" };

	return (p >= PH_CONFIG && p <= PH_INFO) ? n[p] : "?";
}

/* Record the first error as "FILE: FIELD: message". */
int kbj_fail(struct ctx *c, const char *field, const char *fmt, ...)
{
	struct strbuf b = {0};
	va_list ap;

	if (c->err != NULL)
		return -1;
	sb_addf(&b, "%s: ", c->file);
	if (c->path[0] != '\0' || (field != NULL && *field != '\0')) {
		sb_adds(&b, c->path);
		if (field != NULL && *field != '\0')
			sb_addf(&b, "%s%s", c->path[0] ? "." : "", field);
		sb_adds(&b, ": ");
	}
	va_start(ap, fmt);
	sb_vaddf(&b, fmt, ap);
	va_end(ap);
	c->err = sb_steal(&b);
	return -1;
}

/* Push ".name" or "[i]" onto the path; returns the old length to pop to. */
size_t kbj_push(struct ctx *c, const char *name, int idx)
{
	size_t old = strlen(c->path);

	if (name != NULL)
		snprintf(c->path + old, sizeof c->path - old, "%s%s", old ? "." : "", name);
	else
		snprintf(c->path + old, sizeof c->path - old, "[%d]", idx);
	return old;
}

void kbj_pop(struct ctx *c, size_t old)
{
	c->path[old] = '\0';
}

json_object *kbj_get(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (o == NULL || !json_object_is_type(o, json_type_object))
		return NULL;
	return json_object_object_get_ex(o, key, &v) ? v : NULL;
}

int kbj_str(struct ctx *c, json_object *o, const char *key, int required, char **out)
{
	json_object *v = kbj_get(o, key);

	*out = NULL;
	if (v == NULL) {
		if (required)
			return kbj_fail(c, key, "missing (a string is required)");
		return 0;
	}
	if (!json_object_is_type(v, json_type_string))
		return kbj_fail(c, key, "must be a string");
	if (required && json_object_get_string_len(v) == 0)
		return kbj_fail(c, key, "must not be empty");
	*out = xstrdup(json_object_get_string(v));
	return 0;
}

int kbj_int(struct ctx *c, json_object *o, const char *key, int def, int lo, int hi, int *out)
{
	json_object *v = kbj_get(o, key);

	*out = def;
	if (v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_int))
		return kbj_fail(c, key, "must be a whole number");
	*out = json_object_get_int(v);
	if (*out < lo || *out > hi)
		return kbj_fail(c, key, "must be between %d and %d", lo, hi);
	return 0;
}

int kbj_bool(struct ctx *c, json_object *o, const char *key, int *out)
{
	json_object *v = kbj_get(o, key);

	*out = 0;
	if (v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_boolean))
		return kbj_fail(c, key, "must be true or false");
	*out = json_object_get_boolean(v);
	return 0;
}

/* A {"de": ..., "en": ...} text; both languages required when required. */
int kbj_text(struct ctx *c, json_object *o, const char *key, int required, struct text *t)
{
	json_object *v = kbj_get(o, key);
	size_t old;
	int r;

	memset(t, 0, sizeof *t);
	if (v == NULL)
		return required ? kbj_fail(c, key, "missing (needs {\"de\": ..., \"en\": ...})") : 0;
	if (!json_object_is_type(v, json_type_object))
		return kbj_fail(c, key, "must be an object {\"de\": ..., \"en\": ...}");
	old = kbj_push(c, key, 0);
	r = kbj_str(c, v, "de", 1, &t->de);
	if (r == 0)
		r = kbj_str(c, v, "en", 1, &t->en);
	kbj_pop(c, old);
	return r;
}

void kbj_text_free(struct text *t)
{
	free(t->de);
	free(t->en);
}

/* An array of strings; *n set. */
int kbj_strs(struct ctx *c, json_object *o, const char *key, int required, char ***out, int *n)
{
	json_object *v = kbj_get(o, key);
	size_t len;

	*out = NULL;
	*n = 0;
	if (v == NULL)
		return required ? kbj_fail(c, key, "missing (a list of strings is required)") : 0;
	if (!json_object_is_type(v, json_type_array))
		return kbj_fail(c, key, "must be a list of strings");
	len = json_object_array_length(v);
	if (required && len == 0)
		return kbj_fail(c, key, "must not be empty");
	*out = xcalloc(len + 1, sizeof(char *));
	for (size_t i = 0; i < len; i++) {
		json_object *e = json_object_array_get_idx(v, i);

		if (!json_object_is_type(e, json_type_string)) {
			char f[80];

			snprintf(f, sizeof f, "%s[%zu]", key, i);
			return kbj_fail(c, f, "must be a string");
		}
		(*out)[i] = xstrdup(json_object_get_string(e));
		(*n)++;
	}
	return 0;
}

void kbj_strs_free(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int kbj_compile(struct ctx *c, const char *field, const char *src, struct pattern *p)
{
	char *why = NULL;

	if (pattern_compile(p, src, &why) != 0) {
		kbj_fail(c, field, "bad pattern \"%s\": %s", src, why);
		free(why);
		return -1;
	}
	return 0;
}

int kbj_remedies(struct ctx *c, json_object *o, const char *key, struct remedy **out, int *n)
{
	json_object *v = kbj_get(o, key);
	size_t len, old;

	*out = NULL;
	*n = 0;
	if (v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_array))
		return kbj_fail(c, key, "must be a list");
	len = json_object_array_length(v);
	*out = xcalloc(len + 1, sizeof(struct remedy));
	old = kbj_push(c, key, 0);
	for (size_t i = 0; i < len; i++) {
		json_object *e = json_object_array_get_idx(v, i);
		struct remedy *r = &(*out)[i];
		size_t o2 = kbj_push(c, NULL, (int)i);

		(*n)++;
		if (!json_object_is_type(e, json_type_object) ||
		    kbj_str(c, e, "de", 1, &r->text.de) || kbj_str(c, e, "en", 1, &r->text.en) ||
		    kbj_text(c, e, "menu", 0, &r->menu) || kbj_str(c, e, "command", 0, &r->command)) {
			if (c->err == NULL)
				kbj_fail(c, NULL, "must be an object with de, en (and optional menu, command)");
			kbj_pop(c, old);
			return -1;
		}
		kbj_pop(c, o2);
	}
	kbj_pop(c, old);
	return 0;
}

void kbj_remedies_free(struct remedy *r, int n)
{
	for (int i = 0; i < n; i++) {
		kbj_text_free(&r[i].text);
		kbj_text_free(&r[i].menu);
		free(r[i].command);
	}
	free(r);
}

int kbj_enum(struct ctx *c, json_object *o, const char *key, const char *const *names,
    int count, int def, int required, int *out)
{
	char *s = NULL;

	*out = def;
	if (kbj_str(c, o, key, required, &s) != 0)
		return -1;
	if (s == NULL)
		return 0;
	for (int i = 0; i < count; i++)
		if (names[i] != NULL && strcmp(s, names[i]) == 0) {
			*out = i;
			free(s);
			return 0;
		}
	{
		struct strbuf b = {0};

		for (int i = 0; i < count; i++)
			if (names[i] != NULL)
				sb_addf(&b, "%s%s", b.len ? ", " : "", names[i]);
		kbj_fail(c, key, "unknown value \"%s\" (one of: %s)", s, b.s);
		sb_free(&b);
	}
	free(s);
	return -1;
}

const char *const kbj_role_names[] = { "any", "initiator", "responder" };
const char *const kbj_sev_names[] = { "benign", "info", "warning", "error" };
const char *const kbj_phase_names[] = { "config", "phase1", "phase2", "traffic", "poll", "info" };
const char *const kbj_dir_names[] = { "none", "sent", "recv", "local" };

/* Read a whole JSON file; returns NULL with an error set. */
json_object *kbj_read(struct ctx *c, const char *path)
{
	json_object *o = json_object_from_file(path);
	FILE *f;

	if (o != NULL)
		return o;
	f = fopen(path, "r");
	if (f == NULL) {
		kbj_fail(c, NULL, "cannot open (%s)", strerror(errno));
		return NULL;
	}
	fclose(f);
	{
		const char *e = json_util_get_last_err();

		kbj_fail(c, NULL, "not valid JSON (%s)", e != NULL ? e : "parse error");
	}
	return NULL;
}

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

static int load_causes(struct ctx *c, const char *path)
{
	json_object *root, *arr;
	struct kb *kb = c->kb;
	int r = -1;

	c->file = remember_file(kb, path);
	if ((root = kbj_read(c, path)) == NULL)
		return -1;
	arr = kbj_get(root, "causes");
	if (arr == NULL || !json_object_is_type(arr, json_type_array)) {
		kbj_fail(c, "causes", "missing (a list of causes is required)");
		goto out;
	}
	kb->ncauses = 0;
	kb->causes = xcalloc(json_object_array_length(arr) + 1, sizeof(struct cause));
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		json_object *e = json_object_array_get_idx(arr, i);
		struct cause *ca = &kb->causes[kb->ncauses];
		size_t old = kbj_push(c, "causes", 0);

		kbj_push(c, NULL, (int)i);
		kb->ncauses++;
		if (kbj_str(c, e, "id", 1, &ca->id) || kbj_text(c, e, "title", 1, &ca->title))
			goto out;
		for (int k = 0; k + 1 < kb->ncauses; k++)
			if (strcmp(kb->causes[k].id, ca->id) == 0) {
				kbj_fail(c, "id", "duplicate cause id \"%s\"", ca->id);
				goto out;
			}
		kbj_pop(c, old);
	}
	r = 0;
out:
	json_object_put(root);
	return r;
}

static int load_chapters(struct ctx *c, const char *path)
{
	json_object *root, *arr;
	struct kb *kb = c->kb;
	int r = -1;

	c->file = remember_file(kb, path);
	c->path[0] = '\0';
	if ((root = kbj_read(c, path)) == NULL)
		return -1;
	arr = kbj_get(root, "chapters");
	if (arr == NULL || !json_object_is_type(arr, json_type_array)) {
		kbj_fail(c, "chapters", "missing (a list of chapters is required)");
		goto out;
	}
	kb->chapters = xcalloc(json_object_array_length(arr) + 1, sizeof(struct chapter));
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		json_object *e = json_object_array_get_idx(arr, i);
		struct chapter *ch = &kb->chapters[kb->nchapters];
		size_t old = kbj_push(c, "chapters", 0);

		kbj_push(c, NULL, (int)i);
		kb->nchapters++;
		if (kbj_str(c, e, "id", 1, &ch->id) || kbj_text(c, e, "title", 1, &ch->title) ||
		    kbj_str(c, e, "source", 0, &ch->source))
			goto out;
		kbj_pop(c, old);
	}
	r = 0;
out:
	json_object_put(root);
	return r;
}

/* Check every chapter id exists. */
int kbj_check_chapters(struct ctx *c, char **ids, int n)
{
	for (int i = 0; i < n; i++)
		if (kb_chapter(c->kb, ids[i]) == NULL)
			return kbj_fail(c, "chapters", "unknown chapter \"%s\" (see kb/chapters.json)", ids[i]);
	return 0;
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

struct kb *kb_load(const char *dir, char **cause)
{
	struct ctx c = {0};
	struct kb *kb = xcalloc(1, sizeof *kb);
	char *p;
	char **files;
	int n;
	uint64_t h = 1469598103934665603ULL;

	c.kb = kb;
	kb->dir = xstrdup(dir);
	p = xasprintf("%s/causes.json", dir);
	if (load_causes(&c, p) != 0)
		goto fail;
	free(p);
	p = xasprintf("%s/chapters.json", dir);
	if (load_chapters(&c, p) != 0)
		goto fail;
	free(p);
	p = NULL;

	static const char *const sub[] = { "formats", "signatures", "rules", "devices", "tree" };
	for (int s = 0; s < 5; s++) {
		char *d = xasprintf("%s/%s", dir, sub[s]);

		files = list_json(d, &n);
		free(d);
		if (s == 0 && n == 0) {
			c.file = "kb/formats";
			kbj_fail(&c, NULL, "no dialect files (formats/*.json) in %s", dir);
			kbj_strs_free(files, n);
			goto fail;
		}
		for (int i = 0; i < n; i++) {
			int r;

			c.path[0] = '\0';
			c.file = remember_file(kb, files[i]);
			r = s == 0 ? load_dialect(&c, files[i]) : s == 1 ? load_signatures(&c, files[i]) :
			    s == 2 ? load_rules(&c, files[i]) : s == 3 ? load_device(&c, files[i]) : load_tree(&c, files[i]);
			if (r != 0) {
				kbj_strs_free(files, n);
				goto fail;
			}
		}
		kbj_strs_free(files, n);
	}
	c.file = "kb";
	c.path[0] = '\0';
	if (resolve_extends(&c) != 0 || build_matchers(&c) != 0 || check_trees(&c) != 0)
		goto fail;
	for (int i = 0; i < kb->nfiles; i++)
		fnv_file(kb->files[i], &h);
	kb->revision = xasprintf("%012llx", (unsigned long long)(h & 0xffffffffffffULL));
	return kb;
fail:
	free(p);
	*cause = c.err != NULL ? c.err : xstrdup("knowledge base: unknown error");
	kb_free(kb);
	return NULL;
}

int kb_cause_index(const struct kb *kb, const char *id)
{
	for (int i = 0; i < kb->ncauses; i++)
		if (strcmp(kb->causes[i].id, id) == 0)
			return i;
	return -1;
}

int kb_sig_index(const struct kb *kb, const char *id)
{
	for (int i = 0; i < kb->nsigs; i++)
		if (strcmp(kb->sigs[i].id, id) == 0)
			return i;
	return -1;
}

const struct chapter *kb_chapter(const struct kb *kb, const char *id)
{
	for (int i = 0; i < kb->nchapters; i++)
		if (strcmp(kb->chapters[i].id, id) == 0)
			return &kb->chapters[i];
	return NULL;
}

const struct device *kb_device(const struct kb *kb, const char *id)
{
	for (int i = 0; i < kb->ndevices; i++)
		if (strcmp(kb->devices[i].id, id) == 0)
			return &kb->devices[i];
	return NULL;
}

int kb_dialect_index(const struct kb *kb, const char *id)
{
	for (int i = 0; i < kb->ndialects; i++)
		if (strcmp(kb->dialects[i].id, id) == 0)
			return i;
	return -1;
}

const struct dialect *kb_dialect(const struct kb *kb, const char *id)
{
	int i = kb_dialect_index(kb, id);

	return i < 0 ? NULL : &kb->dialects[i];
}

static int is_kb_dir(const char *d)
{
	char *p = xasprintf("%s/causes.json", d);
	struct stat st;
	int ok = stat(p, &st) == 0;

	free(p);
	return ok;
}

char *kb_find_dir(const char *opt, const char *argv0)
{
	const char *env = getenv("TUNNELDOC_KB");
	char exe[PATH_MAX];
	ssize_t n;

	if (opt != NULL)
		return xstrdup(opt);
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		char *slash, *cand;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			/* build tree: build/tunneldoc -> ../kb ; source tree */
			cand = xasprintf("%s/../kb", exe);
			if (is_kb_dir(cand))
				return cand;
			free(cand);
			cand = xasprintf("%s/kb", exe);
			if (is_kb_dir(cand))
				return cand;
			free(cand);
			cand = xasprintf("%s/../share/tunneldoc/kb", exe);
			if (is_kb_dir(cand))
				return cand;
			free(cand);
		}
	}
	(void)argv0;
	if (is_kb_dir(TD_DATADIR "/kb"))
		return xstrdup(TD_DATADIR "/kb");
	if (is_kb_dir("kb"))
		return xstrdup("kb");
	return NULL;
}
