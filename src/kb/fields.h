/*
 * fields.h - fields that several kinds of kb file share: patterns, steps,
 * remedies, chapter and cause references, and the names of the enums as
 * the JSON spells them. For the loaders in src/kb/ only.
 */
#ifndef TD_KB_FIELDS_H
#define TD_KB_FIELDS_H

#include "kb/json.h"
#include "kb/kb.h"

extern const char *const kbf_role_names[3];
extern const char *const kbf_sev_names[4];
extern const char *const kbf_phase_names[6];
extern const char *const kbf_dir_names[4];

int kbf_compile(struct kbj *c, const char *field, const char *src, struct pattern *p);
/* An optional list of patterns at key; *n set. */
int kbf_patterns(struct kbj *c, json_object *o, const char *key, struct pattern **out, int *n);
void kbf_patterns_free(struct pattern *p, int n);
/* A step name at key (may be absent: STEP_NONE). */
int kbf_step(struct kbj *c, json_object *o, const char *key, enum step *out);
int kbf_remedies(struct kbj *c, json_object *o, const char *key, struct remedy **out, int *n);
void kbf_remedies_free(struct remedy *r, int n);
/* Every chapter id of ids exists in kb/chapters.json. */
int kbf_check_chapters(struct kbj *c, char **ids, int n);
/* A cause id at key, as an index into kb->causes (-1 when absent). */
int kbf_cause(struct kbj *c, json_object *o, const char *key, int required, int *out);

#endif
