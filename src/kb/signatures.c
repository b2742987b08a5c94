/*
 * signatures.c - kb/signatures/ (*.json): a pattern per known message, with
 * the role that logs it, phase, severity, cause, guide chapters, meaning,
 * causes and remedies in both languages (see kb/SCHEMA.md).
 */
#include "kb/kb.h"
#include "kb/fields.h"
#include "kb/json.h"
#include "kb/load.h"
#include "base/util.h"

#include <stddef.h>
#include <stdlib.h>

/* "dialects": the dialects the signature applies to, as a bit set. */
static int sig_dialects(struct kbj *c, json_object *e, struct signature *s)
{
	char **dl = NULL;
	int ndl = 0;

	if (kbj_strs(c, e, "dialects", 0, &dl, &ndl))
		return -1;
	for (int i = 0; i < ndl; i++) {
		int di = kb_dialect_index(c->kb, dl[i]);

		if (di < 0) {
			kbj_fail(c, "dialects", M_KB_UNKNOWN_DIALECT_SEE, dl[i]);
			kbj_strs_free(dl, ndl);
			return -1;
		}
		s->dialect_mask |= 1ULL << di;
	}
	kbj_strs_free(dl, ndl);
	return 0;
}

/* "causes": the possible causes as texts (not cause ids). */
static int sig_causes(struct kbj *c, json_object *e, struct signature *s)
{
	json_object *ca = kbj_get(e, "causes");
	size_t old;

	if (ca == NULL)
		return 0;
	if (!json_object_is_type(ca, json_type_array))
		return kbj_fail(c, "causes", M_KB_SIG_CAUSES);
	s->causes = xcalloc(json_object_array_length(ca) + 1, sizeof(struct text));
	old = kbj_push(c, "causes", 0);
	for (size_t i = 0; i < json_object_array_length(ca); i++) {
		json_object *t = json_object_array_get_idx(ca, i);
		size_t o2 = kbj_push(c, NULL, (int)i);

		s->ncauses++;
		if (kbj_str(c, t, "de", 1, &s->causes[i].de) || kbj_str(c, t, "en", 1, &s->causes[i].en)) {
			kbj_pop(c, old);
			return -1;
		}
		kbj_pop(c, o2);
	}
	kbj_pop(c, old);
	return 0;
}

static int load_signature(struct kbj *c, json_object *e, void *item)
{
	struct signature *s = item;
	int v;

	if (!json_object_is_type(e, json_type_object))
		return kbj_fail(c, NULL, M_KB_OBJECT);
	if (kbj_str(c, e, "id", 1, &s->id))
		return -1;
	if (kbf_patterns(c, e, "patterns", &s->pats, &s->npats))
		return -1;
	if (s->npats == 0)
		return kbj_fail(c, "patterns", M_KB_SIG_PATTERNS);
	if (sig_dialects(c, e, s))
		return -1;
	if (kbj_enum(c, e, "role", kbf_role_names, 3, 0, 0, &v))
		return -1;
	s->role = (enum role)v;
	if (kbj_enum(c, e, "phase", kbf_phase_names, 6, PH_INFO, 1, &v))
		return -1;
	s->phase = (enum phase)v;
	if (kbj_enum(c, e, "severity", kbf_sev_names, 4, SEV_INFO, 1, &v))
		return -1;
	s->severity = (enum severity)v;
	if (kbf_cause(c, e, "cause", 0, &s->cause))
		return -1;
	if (s->cause < 0 && s->severity >= SEV_WARNING)
		return kbj_fail(c, "cause", M_KB_SIG_CAUSE, severity_name(s->severity));
	if (kbj_strs(c, e, "chapters", 1, &s->chapters, &s->nchapters) ||
	    kbf_check_chapters(c, s->chapters, s->nchapters) ||
	    kbj_text(c, e, "title", 1, &s->title) || kbj_text(c, e, "meaning", 1, &s->meaning) ||
	    kbf_remedies(c, e, "remedies", &s->remedies, &s->nremedies) ||
	    kbj_strs(c, e, "examples", 0, &s->examples, &s->nexamples) ||
	    kbj_int(c, e, "score", s->severity == SEV_ERROR ? 50 : s->severity == SEV_WARNING ? 30 : 0, 0, 100, &s->score) ||
	    kbj_bool(c, e, "generic", &s->generic))
		return -1;
	return sig_causes(c, e, s);
}

static const struct kbj_kind signature_kind = {
	.what = M_KB_W_SIGNATURE, .list = "signatures", .id_field = "id", .size = sizeof(struct signature),
	.id_off = offsetof(struct signature, id), .file_off = offsetof(struct signature, file),
	.has_file = 1, .dup = KBJ_DUP_ALSO_IN, .load = load_signature,
};

int load_signatures(struct kbj *c, const char *path)
{
	struct kb *kb = c->kb;

	kb->sigs = kbj_file(c, path, &signature_kind, kb->sigs, &kb->nsigs, &kb->sig_ids);
	return c->err != NULL ? -1 : 0;
}

void signatures_free(struct kb *kb)
{
	for (int i = 0; i < kb->nsigs; i++) {
		struct signature *s = &kb->sigs[i];

		free(s->id);
		kbf_patterns_free(s->pats, s->npats);
		kbj_strs_free(s->chapters, s->nchapters);
		kbj_text_free(&s->title);
		kbj_text_free(&s->meaning);
		for (int k = 0; k < s->ncauses; k++)
			kbj_text_free(&s->causes[k]);
		free(s->causes);
		kbf_remedies_free(s->remedies, s->nremedies);
		kbj_strs_free(s->examples, s->nexamples);
	}
	free(kb->sigs);
	kb_ids_free(&kb->sig_ids);
}
