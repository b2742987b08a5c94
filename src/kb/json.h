/*
 * json.h - the kb loader's JSON helpers (json-c stays inside src/kb/).
 *
 * A loader walks one JSON document with the path of the field it is at
 * ("signatures[3].title.de") kept in struct kbj, so the first error names
 * the file and the field. kbj_file() is the one skeleton every kind of kb
 * file goes through: read the file, take its list (or the file as one
 * item), append each item to the kb's array, let the kind's loader fill it,
 * and refuse an id that is already taken.
 */
#ifndef TD_KB_JSON_H
#define TD_KB_JSON_H

#include <json-c/json.h>
#include <stddef.h>

#include "base/i18n.h"
#include "kb/index.h"

struct kb;

struct kbj {
	struct kb *kb;
	enum lang lang;      /* of the messages */
	const char *file;
	char path[256];
	char *err;           /* the first error, "FILE: FIELD: message" */
};

/* Record the first error: "FILE: FIELD: " and the message id of the i18n
 * table (base/i18n.h, section kb) in c->lang, printf arguments following. */
int kbj_fail(struct kbj *c, const char *field, enum msg id, ...);
size_t kbj_push(struct kbj *c, const char *name, int idx);
void kbj_pop(struct kbj *c, size_t old);
json_object *kbj_get(json_object *o, const char *key);
int kbj_str(struct kbj *c, json_object *o, const char *key, int required, char **out);
int kbj_int(struct kbj *c, json_object *o, const char *key, int def, int lo, int hi, int *out);
int kbj_bool(struct kbj *c, json_object *o, const char *key, int *out);
int kbj_text(struct kbj *c, json_object *o, const char *key, int required, struct text *t);
void kbj_text_free(struct text *t);
int kbj_strs(struct kbj *c, json_object *o, const char *key, int required, char ***out, int *n);
void kbj_strs_free(char **v, int n);
int kbj_enum(struct kbj *c, json_object *o, const char *key, const char *const *names,
    int count, int def, int required, int *out);

/* How the duplicate-id message reads. */
enum kbj_dup { KBJ_DUP_PLAIN, KBJ_DUP_ALSO_IN, KBJ_DUP_TREE };

/* One kind of kb item, for kbj_file(). */
struct kbj_kind {
	enum msg what;       /* M_KB_W_SIGNATURE: "duplicate signature id" */
	const char *list;    /* the file's list ("signatures"); NULL: the file is one item */
	const char *id_field; /* the field holding the id ("id") */
	size_t size;         /* sizeof one item */
	size_t id_off;       /* offsetof(item, id), a char * */
	size_t file_off;     /* offsetof(item, file), a const char *; with has_file */
	int has_file;
	enum kbj_dup dup;
	/* Fill the zeroed item from o; on error return -1 with kbj_fail(). */
	int (*load)(struct kbj *c, json_object *o, void *item);
};

/*
 * Load the items of file path into items[0..*n), which grows (the array is
 * returned, also on error: every item counted in *n is freed with the kb).
 * Each id goes into ids. On error c->err is set.
 */
void *kbj_file(struct kbj *c, const char *path, const struct kbj_kind *k, void *items, int *n,
    struct kb_ids *ids);

#endif
