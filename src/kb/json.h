/*
 * json.h - helpers shared by the kb loader's two files (kb.c: the
 * JSON helpers and the top-level load; kb_parts.c: dialects, signatures,
 * rules and the matchers). Not for use outside the loader.
 */
#ifndef TD_KB_JSON_H
#define TD_KB_JSON_H

#include <json-c/json.h>
#include <stddef.h>

#include "kb/kb.h"

struct ctx {
	struct kb *kb;
	const char *file;
	char path[256];
	char *err;
};

int kbj_fail(struct ctx *c, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
size_t kbj_push(struct ctx *c, const char *name, int idx);
void kbj_pop(struct ctx *c, size_t old);
json_object *kbj_get(json_object *o, const char *key);
int kbj_str(struct ctx *c, json_object *o, const char *key, int required, char **out);
int kbj_int(struct ctx *c, json_object *o, const char *key, int def, int lo, int hi, int *out);
int kbj_bool(struct ctx *c, json_object *o, const char *key, int *out);
int kbj_text(struct ctx *c, json_object *o, const char *key, int required, struct text *t);
void kbj_text_free(struct text *t);
int kbj_strs(struct ctx *c, json_object *o, const char *key, int required, char ***out, int *n);
void kbj_strs_free(char **v, int n);
int kbj_compile(struct ctx *c, const char *field, const char *src, struct pattern *p);
int kbj_remedies(struct ctx *c, json_object *o, const char *key, struct remedy **out, int *n);
void kbj_remedies_free(struct remedy *r, int n);
int kbj_enum(struct ctx *c, json_object *o, const char *key, const char *const *names,
    int count, int def, int required, int *out);
json_object *kbj_read(struct ctx *c, const char *path);
int kbj_check_chapters(struct ctx *c, char **ids, int n);

extern const char *const kbj_role_names[];
extern const char *const kbj_sev_names[];
extern const char *const kbj_phase_names[];
extern const char *const kbj_dir_names[];

int load_dialect(struct ctx *c, const char *path);
int load_signatures(struct ctx *c, const char *path);
int load_rules(struct ctx *c, const char *path);
int load_device(struct ctx *c, const char *path);
void devices_free(struct kb *kb);
int load_tree(struct ctx *c, const char *path);
/* After all trees: every cause has an entry, every chapter a node. */
int check_trees(struct ctx *c);
void trees_free(struct kb *kb);
int resolve_extends(struct ctx *c);
int build_matchers(struct ctx *c);

#endif
