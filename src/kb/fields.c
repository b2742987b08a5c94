/*
 * fields.c - see fields.h.
 */
#include "kb/fields.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const kbf_role_names[3] = { "any", "initiator", "responder" };
const char *const kbf_sev_names[4] = { "benign", "info", "warning", "error" };
const char *const kbf_phase_names[6] = { "config", "phase1", "phase2", "traffic", "poll", "info" };
const char *const kbf_dir_names[4] = { "none", "sent", "recv", "local" };

const char *severity_name(enum severity s)
{
	return (s >= SEV_BENIGN && s <= SEV_ERROR) ? kbf_sev_names[s] : "?";
}

int kbf_compile(struct kbj *c, const char *field, const char *src, struct pattern *p)
{
	char *why = NULL;

	if (pattern_compile_lang(p, src, c->lang, &why) != 0) {
		kbj_fail(c, field, M_KB_BAD_PATTERN, src, why);
		free(why);
		return -1;
	}
	return 0;
}

int kbf_remedies(struct kbj *c, json_object *o, const char *key, struct remedy **out, int *n)
{
	json_object *v = kbj_get(o, key);
	size_t len, old;

	*out = NULL;
	*n = 0;
	if (v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_array))
		return kbj_fail(c, key, M_KB_LIST);
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
				kbj_fail(c, NULL, M_KB_REMEDY);
			kbj_pop(c, old);
			return -1;
		}
		kbj_pop(c, o2);
	}
	kbj_pop(c, old);
	return 0;
}

void kbf_remedies_free(struct remedy *r, int n)
{
	for (int i = 0; i < n; i++) {
		kbj_text_free(&r[i].text);
		kbj_text_free(&r[i].menu);
		free(r[i].command);
	}
	free(r);
}

/* Check every chapter id exists. */
int kbf_check_chapters(struct kbj *c, char **ids, int n)
{
	for (int i = 0; i < n; i++)
		if (kb_chapter(c->kb, ids[i]) == NULL)
			return kbj_fail(c, "chapters", M_KB_UNKNOWN_CHAPTER, ids[i]);
	return 0;
}

/* Parse a step name at field key (may be absent). */
int kbf_step(struct kbj *c, json_object *o, const char *key, enum step *out)
{
	char *s = NULL;

	*out = STEP_NONE;
	if (kbj_str(c, o, key, 0, &s) != 0)
		return -1;
	if (s == NULL)
		return 0;
	*out = step_lookup(s);
	if (*out == STEP_NONE) {
		kbj_fail(c, key, M_KB_UNKNOWN_STEP, s);
		free(s);
		return -1;
	}
	free(s);
	return 0;
}

int kbf_patterns(struct kbj *c, json_object *o, const char *key, struct pattern **out, int *n)
{
	char **src;
	int ns;

	*out = NULL;
	*n = 0;
	if (kbj_strs(c, o, key, 0, &src, &ns) != 0)
		return -1;
	*out = xcalloc((size_t)ns + 1, sizeof(struct pattern));
	for (int i = 0; i < ns; i++) {
		char f[64];

		snprintf(f, sizeof f, "%s[%d]", key, i);
		if (kbf_compile(c, f, src[i], &(*out)[i]) != 0) {
			kbj_strs_free(src, ns);
			return -1;
		}
		(*n)++;
	}
	kbj_strs_free(src, ns);
	return 0;
}

void kbf_patterns_free(struct pattern *p, int n)
{
	for (int i = 0; i < n; i++)
		pattern_free(&p[i]);
	free(p);
}

int kbf_cause(struct kbj *c, json_object *o, const char *key, int required, int *out)
{
	char *id = NULL;

	*out = -1;
	if (kbj_str(c, o, key, required, &id) != 0)
		return -1;
	if (id == NULL)
		return 0;
	*out = kb_cause_index(c->kb, id);
	if (*out < 0)
		kbj_fail(c, key, M_KB_UNKNOWN_CAUSE, id);
	free(id);
	return *out < 0 ? -1 : 0;
}
