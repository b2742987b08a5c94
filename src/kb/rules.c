/*
 * rules.c - kb/rules/ (*.json): conditions over the events of both sides
 * (and their absence) that name a cause, with the signatures they consume
 * and the remedies (see kb/SCHEMA.md, Rules).
 */
#include "kb/kb.h"
#include "kb/fields.h"
#include "kb/json.h"
#include "kb/load.h"
#include "base/util.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_atom(struct kbj *c, const char *field, const char *s, struct atom *a)
{
	static const struct { const char *prefix; enum atom_kind kind; } steps[] = {
		{ "sent:", A_SENT }, { "recv:", A_RECV }, { "step:", A_STEP },
		{ "retrans:", A_RETRANS }, { "dup:", A_DUP }, { "lost:", A_LOST },
	};

	memset(a, 0, sizeof *a);
	a->sig = -1;
	if (strcmp(s, "any") == 0) {
		a->kind = A_ANY;
		return 0;
	}
	if (strcmp(s, "silent") == 0) {
		a->kind = A_SILENT;
		return 0;
	}
	if (strcmp(s, "error") == 0) {
		a->kind = A_ERROR;
		return 0;
	}
	if (strcmp(s, "nolog") == 0) {
		a->kind = A_NOLOG;
		return 0;
	}
	if (strcmp(s, "established:ike") == 0) {
		a->kind = A_EST_IKE;
		return 0;
	}
	if (strcmp(s, "established:ipsec") == 0) {
		a->kind = A_EST_IPSEC;
		return 0;
	}
	if (str_startswith(s, "sig:")) {
		a->kind = A_SIG;
		a->sig = kb_sig_index(c->kb, s + 4);
		if (a->sig < 0)
			return kbj_fail(c, field, M_KB_UNKNOWN_SIG, s + 4);
		return 0;
	}
	if (str_startswith(s, "state:")) {
		a->kind = A_STATE;
		a->arg = xstrdup(s + 6);
		return 0;
	}
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (str_startswith(s, steps[i].prefix)) {
			a->kind = steps[i].kind;
			a->step = step_lookup(s + strlen(steps[i].prefix));
			if (a->step == STEP_NONE)
				return kbj_fail(c, field, M_KB_RULE_STEP, s);
			return 0;
		}
	return kbj_fail(c, field, M_KB_RULE_COND, s);
}

static int load_cond(struct kbj *c, json_object *r, const char *side, struct cond *cd)
{
	json_object *o = kbj_get(r, side);
	static const char *const lists[] = { "all", "any", "none" };
	size_t old;

	memset(cd, 0, sizeof *cd);
	if (o == NULL)
		return 0;
	if (!json_object_is_type(o, json_type_object))
		return kbj_fail(c, side, M_KB_RULE_SIDE);
	cd->present = 1;
	old = kbj_push(c, side, 0);
	for (int l = 0; l < 3; l++) {
		char **v;
		int n;
		struct atom **dst = l == 0 ? &cd->all : l == 1 ? &cd->any : &cd->none;
		int *nd = l == 0 ? &cd->nall : l == 1 ? &cd->nany : &cd->nnone;

		if (kbj_strs(c, o, lists[l], 0, &v, &n) != 0) {
			kbj_pop(c, old);
			return -1;
		}
		*dst = xcalloc((size_t)n + 1, sizeof(struct atom));
		for (int i = 0; i < n; i++) {
			char f[32];

			snprintf(f, sizeof f, "%s[%d]", lists[l], i);
			if (parse_atom(c, f, v[i], &(*dst)[i]) != 0) {
				kbj_strs_free(v, n);
				kbj_pop(c, old);
				return -1;
			}
			(*nd)++;
		}
		kbj_strs_free(v, n);
	}
	kbj_pop(c, old);
	return 0;
}

/* "consumes": the signatures a finding of the rule stands for (frees cons). */
static int rule_consumes(struct kbj *c, struct rule *ru, char **cons, int ncons)
{
	int r = 0;

	ru->consumes = xcalloc((size_t)ncons + 1, sizeof(int));
	for (int i = 0; i < ncons && r == 0; i++) {
		ru->consumes[i] = kb_sig_index(c->kb, cons[i]);
		if (ru->consumes[i] < 0)
			r = kbj_fail(c, "consumes", M_KB_UNKNOWN_SIG, cons[i]);
		else
			ru->nconsumes++;
	}
	kbj_strs_free(cons, ncons);
	return r;
}

static int load_rule(struct kbj *c, json_object *e, void *item)
{
	struct rule *ru = item;
	char **cons = NULL;
	int ncons = 0, v;

	if (!json_object_is_type(e, json_type_object))
		return kbj_fail(c, NULL, M_KB_OBJECT);
	if (kbj_str(c, e, "id", 1, &ru->id) || kbf_cause(c, e, "cause", 1, &ru->cause))
		return -1;
	if (kbj_strs(c, e, "chapters", 1, &ru->chapters, &ru->nchapters) ||
	    kbf_check_chapters(c, ru->chapters, ru->nchapters) ||
	    kbj_enum(c, e, "severity", kbf_sev_names, 4, SEV_ERROR, 1, &v))
		return -1;
	ru->severity = (enum severity)v;
	if (kbj_int(c, e, "score", 80, 0, 100, &ru->score) ||
	    load_cond(c, e, "initiator", &ru->init) || load_cond(c, e, "responder", &ru->resp) ||
	    kbj_text(c, e, "title", 1, &ru->title) || kbj_text(c, e, "explanation", 1, &ru->explanation) ||
	    kbf_remedies(c, e, "remedies", &ru->remedies, &ru->nremedies) ||
	    kbj_strs(c, e, "alternatives", 0, &ru->alternatives, &ru->nalternatives) ||
	    kbj_strs(c, e, "consumes", 0, &cons, &ncons)) {
		kbj_strs_free(cons, ncons);
		return -1;
	}
	if (!ru->init.present && !ru->resp.present) {
		kbj_strs_free(cons, ncons);
		return kbj_fail(c, NULL, M_KB_RULE_NO_SIDE);
	}
	for (int i = 0; i < ru->nalternatives; i++)
		if (kb_cause_index(c->kb, ru->alternatives[i]) < 0) {
			kbj_strs_free(cons, ncons);
			return kbj_fail(c, "alternatives", M_KB_UNKNOWN_CAUSE, ru->alternatives[i]);
		}
	return rule_consumes(c, ru, cons, ncons);
}

static const struct kbj_kind rule_kind = {
	.what = M_KB_W_RULE, .list = "rules", .id_field = "id", .size = sizeof(struct rule),
	.id_off = offsetof(struct rule, id), .file_off = offsetof(struct rule, file),
	.has_file = 1, .dup = KBJ_DUP_PLAIN, .load = load_rule,
};

int load_rules(struct kbj *c, const char *path)
{
	struct kb *kb = c->kb;

	kb->rules = kbj_file(c, path, &rule_kind, kb->rules, &kb->nrules, &kb->rule_ids);
	return c->err != NULL ? -1 : 0;
}

static void cond_free(struct cond *cd)
{
	struct atom *lists[] = { cd->all, cd->any, cd->none };
	int ns[] = { cd->nall, cd->nany, cd->nnone };

	for (int l = 0; l < 3; l++) {
		for (int i = 0; i < ns[l]; i++)
			free(lists[l][i].arg);
		free(lists[l]);
	}
}

void rules_free(struct kb *kb)
{
	for (int i = 0; i < kb->nrules; i++) {
		struct rule *r = &kb->rules[i];

		free(r->id);
		kbj_strs_free(r->chapters, r->nchapters);
		cond_free(&r->init);
		cond_free(&r->resp);
		free(r->consumes);
		kbj_text_free(&r->title);
		kbj_text_free(&r->explanation);
		kbf_remedies_free(r->remedies, r->nremedies);
		kbj_strs_free(r->alternatives, r->nalternatives);
	}
	free(kb->rules);
	kb_ids_free(&kb->rule_ids);
}
