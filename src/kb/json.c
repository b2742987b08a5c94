/*
 * json.c - the kb loader's JSON helpers and the one skeleton every kind of
 * kb file goes through (see json.h). Field errors go through kbj_fail(),
 * which keeps the first error only, so a caller can test c->err.
 */
#include "kb/json.h"
#include "base/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Record the first error as "FILE: FIELD: message". */
int kbj_fail(struct kbj *c, const char *field, enum msg id, ...)
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
	va_start(ap, id);
	sb_vaddf(&b, msg(id, c->lang), ap);
	va_end(ap);
	c->err = sb_steal(&b);
	return -1;
}

/* Push ".name" or "[i]" onto the path; returns the old length to pop to. */
size_t kbj_push(struct kbj *c, const char *name, int idx)
{
	size_t old = strlen(c->path);

	if (name != NULL)
		snprintf(c->path + old, sizeof c->path - old, "%s%s", old ? "." : "", name);
	else
		snprintf(c->path + old, sizeof c->path - old, "[%d]", idx);
	return old;
}

void kbj_pop(struct kbj *c, size_t old)
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

int kbj_str(struct kbj *c, json_object *o, const char *key, int required, char **out)
{
	json_object *v = kbj_get(o, key);

	*out = NULL;
	if (v == NULL) {
		if (required)
			return kbj_fail(c, key, M_KB_STR_MISSING);
		return 0;
	}
	if (!json_object_is_type(v, json_type_string))
		return kbj_fail(c, key, M_KB_STR_TYPE);
	if (required && json_object_get_string_len(v) == 0)
		return kbj_fail(c, key, M_KB_EMPTY);
	*out = xstrdup(json_object_get_string(v));
	return 0;
}

int kbj_int(struct kbj *c, json_object *o, const char *key, int def, int lo, int hi, int *out)
{
	json_object *v = kbj_get(o, key);

	*out = def;
	if (v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_int))
		return kbj_fail(c, key, M_KB_INT_TYPE);
	*out = json_object_get_int(v);
	if (*out < lo || *out > hi)
		return kbj_fail(c, key, M_KB_INT_RANGE, lo, hi);
	return 0;
}

int kbj_bool(struct kbj *c, json_object *o, const char *key, int *out)
{
	json_object *v = kbj_get(o, key);

	*out = 0;
	if (v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_boolean))
		return kbj_fail(c, key, M_KB_BOOL);
	*out = json_object_get_boolean(v);
	return 0;
}

/* A {"de": ..., "en": ...} text; both languages required when required. */
int kbj_text(struct kbj *c, json_object *o, const char *key, int required, struct text *t)
{
	json_object *v = kbj_get(o, key);
	size_t old;
	int r;

	memset(t, 0, sizeof *t);
	if (v == NULL)
		return required ? kbj_fail(c, key, M_KB_TEXT_MISSING) : 0;
	if (!json_object_is_type(v, json_type_object))
		return kbj_fail(c, key, M_KB_TEXT_TYPE);
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
int kbj_strs(struct kbj *c, json_object *o, const char *key, int required, char ***out, int *n)
{
	json_object *v = kbj_get(o, key);
	size_t len;

	*out = NULL;
	*n = 0;
	if (v == NULL)
		return required ? kbj_fail(c, key, M_KB_STRS_MISSING) : 0;
	if (!json_object_is_type(v, json_type_array))
		return kbj_fail(c, key, M_KB_STRS_TYPE);
	len = json_object_array_length(v);
	if (required && len == 0)
		return kbj_fail(c, key, M_KB_EMPTY);
	*out = xcalloc(len + 1, sizeof(char *));
	for (size_t i = 0; i < len; i++) {
		json_object *e = json_object_array_get_idx(v, i);

		if (!json_object_is_type(e, json_type_string)) {
			char f[80];

			snprintf(f, sizeof f, "%s[%zu]", key, i);
			kbj_strs_free(*out, *n);	/* a failed list leaves nothing to free */
			*out = NULL;
			*n = 0;
			return kbj_fail(c, f, M_KB_STR_TYPE);
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

int kbj_enum(struct kbj *c, json_object *o, const char *key, const char *const *names,
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
		kbj_fail(c, key, M_KB_ENUM, s, b.s);
		sb_free(&b);
	}
	free(s);
	return -1;
}

/* Read a whole JSON file; returns NULL with an error set. */
static json_object *kbj_read(struct kbj *c, const char *path)
{
	json_object *o = json_object_from_file(path);
	FILE *f;

	if (o != NULL)
		return o;
	f = fopen(path, "r");
	if (f == NULL) {
		kbj_fail(c, NULL, M_KB_CANNOT_OPEN, strerror(errno));
		return NULL;
	}
	fclose(f);
	{
		const char *e = json_util_get_last_err();

		kbj_fail(c, NULL, M_KB_NOT_JSON, e != NULL ? e : msg(M_KB_PARSE_ERROR, c->lang));
	}
	return NULL;
}

#define ITEM(k, items, i) ((char *)(items) + (size_t)(i) * (k)->size)
#define FIELD(type, item, off) (*(type *)((item) + (off)))

/* Refuse the id of the item just loaded when an earlier item has it. */
static void check_id(struct kbj *c, const struct kbj_kind *k, void *items, int i, struct kb_ids *ids)
{
	char *item = ITEM(k, items, i);
	const char *id = FIELD(char *, item, k->id_off);
	int prev;

	if (id == NULL || (prev = kb_ids_put(ids, id, i)) < 0)
		return;
	switch (k->dup) {
	case KBJ_DUP_PLAIN:
		kbj_fail(c, k->id_field, M_KB_DUP, msg(k->what, c->lang), id);
		break;
	case KBJ_DUP_ALSO_IN:
		kbj_fail(c, k->id_field, M_KB_DUP_ALSO_IN, msg(k->what, c->lang), id,
		    FIELD(const char *, ITEM(k, items, prev), k->file_off));
		break;
	case KBJ_DUP_TREE:
		kbj_fail(c, k->id_field, M_KB_DUP_TREE, id,
		    FIELD(const char *, ITEM(k, items, prev), k->file_off));
		break;
	}
}

/* Append one item (room for it is reserved) loaded from o. */
static void add_item(struct kbj *c, const struct kbj_kind *k, json_object *o, void *items, int *n,
    struct kb_ids *ids)
{
	char *item = ITEM(k, items, *n);

	memset(item, 0, k->size);
	if (k->has_file)
		FIELD(const char *, item, k->file_off) = c->file;
	(*n)++;
	if (k->load(c, o, item) == 0)
		check_id(c, k, items, *n - 1, ids);
}

void *kbj_file(struct kbj *c, const char *path, const struct kbj_kind *k, void *items, int *n,
    struct kb_ids *ids)
{
	json_object *root, *arr;
	size_t len;

	c->path[0] = '\0';
	if ((root = kbj_read(c, path)) == NULL)
		return items;
	if (k->list == NULL) {
		items = xrealloc(items, (size_t)(*n + 2) * k->size);
		add_item(c, k, root, items, n, ids);
		goto out;
	}
	arr = kbj_get(root, k->list);
	if (arr == NULL || !json_object_is_type(arr, json_type_array)) {
		kbj_fail(c, k->list, M_KB_LIST_MISSING, msg(k->what, c->lang));
		goto out;
	}
	len = json_object_array_length(arr);
	items = xrealloc(items, ((size_t)*n + len + 1) * k->size);
	for (size_t i = 0; i < len && c->err == NULL; i++) {
		size_t old = kbj_push(c, k->list, 0);

		kbj_push(c, NULL, (int)i);
		add_item(c, k, json_object_array_get_idx(arr, i), items, n, ids);
		if (c->err == NULL)
			kbj_pop(c, old);
	}
out:
	json_object_put(root);
	return items;
}
