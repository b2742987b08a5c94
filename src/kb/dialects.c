/*
 * kb_parts.c - the loaders for dialects, signatures and rules, the per-
 * dialect matcher build, and kb_free(). Field errors go through kbj_fail()
 * so they name the file and the JSON path.
 */
#include "kb/kb.h"
#include "kb/json.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIALECTS 64

/* Parse a step name at field key (may be absent). */
static int get_step(struct ctx *c, json_object *o, const char *key, enum step *out)
{
	char *s = NULL;

	*out = STEP_NONE;
	if (kbj_str(c, o, key, 0, &s) != 0)
		return -1;
	if (s == NULL)
		return 0;
	*out = step_lookup(s);
	if (*out == STEP_NONE) {
		kbj_fail(c, key, "unknown step \"%s\" (see kb/SCHEMA.md, Steps)", s);
		free(s);
		return -1;
	}
	free(s);
	return 0;
}

static int load_patterns(struct ctx *c, json_object *o, const char *key, struct pattern **out, int *n)
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
		if (kbj_compile(c, f, src[i], &(*out)[i]) != 0) {
			kbj_strs_free(src, ns);
			return -1;
		}
		(*n)++;
	}
	kbj_strs_free(src, ns);
	return 0;
}

static int load_event(struct ctx *c, json_object *e, struct dl_event *ev)
{
	char *p = NULL, *est = NULL;
	int v;

	if (!json_object_is_type(e, json_type_object))
		return kbj_fail(c, NULL, "must be an object with at least \"p\"");
	if (kbj_str(c, e, "p", 1, &p) != 0)
		return -1;
	if (kbj_compile(c, "p", p, &ev->pat) != 0) {
		free(p);
		return -1;
	}
	free(p);
	if (get_step(c, e, "step", &ev->step) || get_step(c, e, "ack", &ev->ack))
		return -1;
	if (kbj_enum(c, e, "dir", kbj_dir_names, 4, DIR_NONE, 0, &v))
		return -1;
	ev->dir = (enum dir)v;
	if (ev->step != STEP_NONE && ev->dir == DIR_NONE)
		ev->dir = step_is_local(ev->step) ? DIR_LOCAL : DIR_NONE;
	if (ev->step != STEP_NONE && ev->dir == DIR_NONE)
		return kbj_fail(c, "dir", "required with \"step\" (sent, recv or local)");
	if (kbj_enum(c, e, "role", kbj_role_names, 3, 0, 0, &v))
		return -1;
	ev->role = (enum role)v;
	if (kbj_bool(c, e, "retrans", &ev->retrans) || kbj_bool(c, e, "dup", &ev->dup) ||
	    kbj_bool(c, e, "new", &ev->isnew) || kbj_bool(c, e, "reply", &ev->reply) ||
	    kbj_str(c, e, "established", 0, &est))
		return -1;
	if (est != NULL) {
		if (strcmp(est, "ike") == 0)
			ev->established = 1;
		else if (strcmp(est, "ipsec") == 0)
			ev->established = 2;
		else {
			free(est);
			return kbj_fail(c, "established", "must be \"ike\" or \"ipsec\"");
		}
		free(est);
	}
	return 0;
}

int load_dialect(struct ctx *c, const char *path)
{
	struct kb *kb = c->kb;
	json_object *root, *arr, *states;
	struct dialect *d;
	int v, r = -1;

	if ((root = kbj_read(c, path)) == NULL)
		return -1;
	if (kb->ndialects >= MAX_DIALECTS) {
		kbj_fail(c, NULL, "too many dialects (at most %d)", MAX_DIALECTS);
		goto out;
	}
	kb->dialects = xrealloc(kb->dialects, (size_t)(kb->ndialects + 1) * sizeof *d);
	d = &kb->dialects[kb->ndialects++];
	memset(d, 0, sizeof *d);
	d->file = c->file;
	if (kbj_str(c, root, "id", 1, &d->id) || kbj_str(c, root, "name", 1, &d->name) ||
	    kbj_str(c, root, "extends", 0, &d->extends) ||
	    kbj_int(c, root, "ike", 0, 0, 2, &d->ike))
		goto out;
	for (int i = 0; i + 1 < kb->ndialects; i++)
		if (strcmp(kb->dialects[i].id, d->id) == 0) {
			kbj_fail(c, "id", "duplicate dialect id \"%s\" (also in %s)", d->id, kb->dialects[i].file);
			goto out;
		}
	{
		static const char *const rec[] = { "line", "timestamp-line" };

		if (kbj_enum(c, root, "record", rec, 2, REC_LINE, 0, &v))
			goto out;
		d->record = (enum record_mode)v;
	}
	if (kbj_strs(c, root, "time", 0, &d->time, &d->ntime) ||
	    load_patterns(c, root, "strip", &d->strip, &d->nstrip) ||
	    load_patterns(c, root, "prefix", &d->prefix, &d->nprefix) ||
	    load_patterns(c, root, "ignore", &d->ignore, &d->nignore) ||
	    kbj_strs(c, root, "detect", d->extends == NULL, &d->detect, &d->ndetect))
		goto out;
	for (int i = 0; i < d->nprefix; i++)
		d->prefix[i].anchor_start = 1;
	for (int i = 0; i < d->nstrip; i++)
		d->strip[i].anchor_start = 1;
	for (int i = 0; i < d->nignore; i++)
		d->ignore[i].anchor_start = 1;
	states = kbj_get(root, "states");
	if (states != NULL) {
		if (!json_object_is_type(states, json_type_object)) {
			kbj_fail(c, "states", "must be an object {\"STATE_NAME\": \"STEP\"}");
			goto out;
		}
		d->states = xcalloc((size_t)json_object_object_length(states) + 1, sizeof(struct dl_state));
		json_object_object_foreach(states, key, val) {
			struct dl_state *st = &d->states[d->nstates];
			size_t old = kbj_push(c, "states", 0);

			if (get_step(c, states, key, &st->step) != 0 || st->step == STEP_NONE) {
				if (c->err == NULL)
					kbj_fail(c, key, "must name a step");
				kbj_pop(c, old);
				goto out;
			}
			(void)val;
			st->name = xstrdup(key);
			d->nstates++;
			kbj_pop(c, old);
		}
	}
	arr = kbj_get(root, "events");
	if (arr == NULL && d->extends != NULL)
		arr = json_object_new_array();
	if (arr == NULL || !json_object_is_type(arr, json_type_array)) {
		kbj_fail(c, "events", "missing (a list of event patterns is required)");
		goto out;
	}
	d->events = xcalloc(json_object_array_length(arr) + 1, sizeof(struct dl_event));
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		size_t old = kbj_push(c, "events", 0);

		kbj_push(c, NULL, (int)i);
		d->nevents++;
		if (load_event(c, json_object_array_get_idx(arr, i), &d->events[i]) != 0)
			goto out;
		kbj_pop(c, old);
	}
	r = 0;
out:
	json_object_put(root);
	return r;
}

static int load_signature(struct ctx *c, json_object *e, struct signature *s)
{
	struct kb *kb = c->kb;
	char **dl = NULL, *cause = NULL;
	int ndl = 0, v;

	if (!json_object_is_type(e, json_type_object))
		return kbj_fail(c, NULL, "must be an object");
	if (kbj_str(c, e, "id", 1, &s->id))
		return -1;
	if (load_patterns(c, e, "patterns", &s->pats, &s->npats))
		return -1;
	if (s->npats == 0)
		return kbj_fail(c, "patterns", "needs at least one pattern");
	if (kbj_strs(c, e, "dialects", 0, &dl, &ndl))
		return -1;
	for (int i = 0; i < ndl; i++) {
		int di = kb_dialect_index(kb, dl[i]);

		if (di < 0) {
			kbj_fail(c, "dialects", "unknown dialect \"%s\" (see kb/formats)", dl[i]);
			kbj_strs_free(dl, ndl);
			return -1;
		}
		s->dialect_mask |= 1ULL << di;
	}
	kbj_strs_free(dl, ndl);
	if (kbj_enum(c, e, "role", kbj_role_names, 3, 0, 0, &v))
		return -1;
	s->role = (enum role)v;
	if (kbj_enum(c, e, "phase", kbj_phase_names, 6, PH_INFO, 1, &v))
		return -1;
	s->phase = (enum phase)v;
	if (kbj_enum(c, e, "severity", kbj_sev_names, 4, SEV_INFO, 1, &v))
		return -1;
	s->severity = (enum severity)v;
	if (kbj_str(c, e, "cause", 0, &cause))
		return -1;
	s->cause = -1;
	if (cause != NULL) {
		s->cause = kb_cause_index(kb, cause);
		if (s->cause < 0) {
			kbj_fail(c, "cause", "unknown cause \"%s\" (see kb/causes.json)", cause);
			free(cause);
			return -1;
		}
		free(cause);
	} else if (s->severity >= SEV_WARNING) {
		return kbj_fail(c, "cause", "required for severity %s", severity_name(s->severity));
	}
	if (kbj_strs(c, e, "chapters", 1, &s->chapters, &s->nchapters) ||
	    kbj_check_chapters(c, s->chapters, s->nchapters) ||
	    kbj_text(c, e, "title", 1, &s->title) || kbj_text(c, e, "meaning", 1, &s->meaning) ||
	    kbj_remedies(c, e, "remedies", &s->remedies, &s->nremedies) ||
	    kbj_strs(c, e, "examples", 0, &s->examples, &s->nexamples) ||
	    kbj_int(c, e, "score", s->severity == SEV_ERROR ? 50 : s->severity == SEV_WARNING ? 30 : 0, 0, 100, &s->score))
		return -1;
	{
		json_object *ca = kbj_get(e, "causes");

		if (ca != NULL) {
			size_t old;

			if (!json_object_is_type(ca, json_type_array))
				return kbj_fail(c, "causes", "must be a list of {\"de\", \"en\"} texts");
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
		}
	}
	return 0;
}

int load_signatures(struct ctx *c, const char *path)
{
	struct kb *kb = c->kb;
	json_object *root, *arr;
	int r = -1;

	if ((root = kbj_read(c, path)) == NULL)
		return -1;
	arr = kbj_get(root, "signatures");
	if (arr == NULL || !json_object_is_type(arr, json_type_array)) {
		kbj_fail(c, "signatures", "missing (a list of signatures is required)");
		goto out;
	}
	kb->sigs = xrealloc(kb->sigs, (size_t)(kb->nsigs + (int)json_object_array_length(arr) + 1) * sizeof(struct signature));
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		struct signature *s = &kb->sigs[kb->nsigs];
		size_t old = kbj_push(c, "signatures", 0);

		memset(s, 0, sizeof *s);
		s->file = c->file;
		kbj_push(c, NULL, (int)i);
		kb->nsigs++;
		if (load_signature(c, json_object_array_get_idx(arr, i), s) != 0)
			goto out;
		for (int k = 0; k + 1 < kb->nsigs; k++)
			if (strcmp(kb->sigs[k].id, s->id) == 0) {
				kbj_fail(c, "id", "duplicate signature id \"%s\" (also in %s)", s->id, kb->sigs[k].file);
				goto out;
			}
		kbj_pop(c, old);
	}
	r = 0;
out:
	json_object_put(root);
	return r;
}

static int parse_atom(struct ctx *c, const char *field, const char *s, struct atom *a)
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
			return kbj_fail(c, field, "unknown signature \"%s\"", s + 4);
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
				return kbj_fail(c, field, "unknown step in \"%s\"", s);
			return 0;
		}
	return kbj_fail(c, field, "unknown condition \"%s\" (sig:, sent:, recv:, step:, retrans:, dup:, lost:, state:, established:ike|ipsec, silent, nolog, error, any)", s);
}

static int load_cond(struct ctx *c, json_object *r, const char *side, struct cond *cd)
{
	json_object *o = kbj_get(r, side);
	static const char *const lists[] = { "all", "any", "none" };
	size_t old;

	memset(cd, 0, sizeof *cd);
	if (o == NULL)
		return 0;
	if (!json_object_is_type(o, json_type_object))
		return kbj_fail(c, side, "must be an object with all/any/none lists");
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

static int load_rule(struct ctx *c, json_object *e, struct rule *ru)
{
	struct kb *kb = c->kb;
	char *cause = NULL, **cons = NULL;
	int ncons = 0, v;

	if (!json_object_is_type(e, json_type_object))
		return kbj_fail(c, NULL, "must be an object");
	if (kbj_str(c, e, "id", 1, &ru->id) || kbj_str(c, e, "cause", 1, &cause))
		return -1;
	ru->cause = kb_cause_index(kb, cause);
	if (ru->cause < 0) {
		kbj_fail(c, "cause", "unknown cause \"%s\" (see kb/causes.json)", cause);
		free(cause);
		return -1;
	}
	free(cause);
	if (kbj_strs(c, e, "chapters", 1, &ru->chapters, &ru->nchapters) ||
	    kbj_check_chapters(c, ru->chapters, ru->nchapters) ||
	    kbj_enum(c, e, "severity", kbj_sev_names, 4, SEV_ERROR, 1, &v))
		return -1;
	ru->severity = (enum severity)v;
	if (kbj_int(c, e, "score", 80, 0, 100, &ru->score) ||
	    load_cond(c, e, "initiator", &ru->init) || load_cond(c, e, "responder", &ru->resp) ||
	    kbj_text(c, e, "title", 1, &ru->title) || kbj_text(c, e, "explanation", 1, &ru->explanation) ||
	    kbj_remedies(c, e, "remedies", &ru->remedies, &ru->nremedies) ||
	    kbj_strs(c, e, "alternatives", 0, &ru->alternatives, &ru->nalternatives) ||
	    kbj_strs(c, e, "consumes", 0, &cons, &ncons))
		return -1;
	if (!ru->init.present && !ru->resp.present) {
		kbj_strs_free(cons, ncons);
		return kbj_fail(c, NULL, "a rule needs an \"initiator\" or a \"responder\" condition");
	}
	for (int i = 0; i < ru->nalternatives; i++)
		if (kb_cause_index(kb, ru->alternatives[i]) < 0) {
			kbj_strs_free(cons, ncons);
			return kbj_fail(c, "alternatives", "unknown cause \"%s\"", ru->alternatives[i]);
		}
	ru->consumes = xcalloc((size_t)ncons + 1, sizeof(int));
	for (int i = 0; i < ncons; i++) {
		ru->consumes[i] = kb_sig_index(kb, cons[i]);
		if (ru->consumes[i] < 0) {
			kbj_fail(c, "consumes", "unknown signature \"%s\"", cons[i]);
			kbj_strs_free(cons, ncons);
			return -1;
		}
		ru->nconsumes++;
	}
	kbj_strs_free(cons, ncons);
	return 0;
}

int load_rules(struct ctx *c, const char *path)
{
	struct kb *kb = c->kb;
	json_object *root, *arr;
	int r = -1;

	if ((root = kbj_read(c, path)) == NULL)
		return -1;
	arr = kbj_get(root, "rules");
	if (arr == NULL || !json_object_is_type(arr, json_type_array)) {
		kbj_fail(c, "rules", "missing (a list of rules is required)");
		goto out;
	}
	kb->rules = xrealloc(kb->rules, (size_t)(kb->nrules + (int)json_object_array_length(arr) + 1) * sizeof(struct rule));
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		struct rule *ru = &kb->rules[kb->nrules];
		size_t old = kbj_push(c, "rules", 0);

		memset(ru, 0, sizeof *ru);
		ru->file = c->file;
		kbj_push(c, NULL, (int)i);
		kb->nrules++;
		if (load_rule(c, json_object_array_get_idx(arr, i), ru) != 0)
			goto out;
		for (int k = 0; k + 1 < kb->nrules; k++)
			if (strcmp(kb->rules[k].id, ru->id) == 0) {
				kbj_fail(c, "id", "duplicate rule id \"%s\"", ru->id);
				goto out;
			}
		kbj_pop(c, old);
	}
	r = 0;
out:
	json_object_put(root);
	return r;
}

static void copy_patterns(struct pattern **dst, int *nd, const struct pattern *src, int ns)
{
	char *why = NULL;

	*dst = xrealloc(*dst, (size_t)(*nd + ns + 1) * sizeof **dst);
	for (int i = 0; i < ns; i++) {
		if (pattern_compile(&(*dst)[*nd], src[i].src, &why) != 0)
			td_fatal("recompiling a valid pattern failed: %s", why);
		(*dst)[*nd].anchor_start = src[i].anchor_start;
		(*nd)++;
	}
}

/*
 * A dialect that extends another gets the parent's events after its own,
 * the parent's states where it has none of that name, and the parent's
 * time, strip, prefix, ignore and detect lists where it has none.
 */
int resolve_extends(struct ctx *c)
{
	struct kb *kb = c->kb;

	for (int di = 0; di < kb->ndialects; di++) {
		struct dialect *d = &kb->dialects[di];
		const struct dialect *p;
		char *why = NULL;

		if (d->extends == NULL)
			continue;
		c->file = d->file;
		p = kb_dialect(kb, d->extends);
		if (p == NULL || p == d)
			return kbj_fail(c, "extends", "unknown dialect \"%s\"", d->extends);
		if (p->extends != NULL)
			return kbj_fail(c, "extends", "\"%s\" extends another dialect itself; one level only", d->extends);
		if (d->ntime == 0) {
			d->time = xcalloc((size_t)p->ntime + 1, sizeof(char *));
			for (int i = 0; i < p->ntime; i++)
				d->time[d->ntime++] = xstrdup(p->time[i]);
		}
		if (d->ndetect == 0) {
			d->detect = xcalloc((size_t)p->ndetect + 1, sizeof(char *));
			for (int i = 0; i < p->ndetect; i++)
				d->detect[d->ndetect++] = xstrdup(p->detect[i]);
		}
		if (d->nstrip == 0)
			copy_patterns(&d->strip, &d->nstrip, p->strip, p->nstrip);
		if (d->nprefix == 0)
			copy_patterns(&d->prefix, &d->nprefix, p->prefix, p->nprefix);
		if (d->nignore == 0)
			copy_patterns(&d->ignore, &d->nignore, p->ignore, p->nignore);
		d->states = xrealloc(d->states, (size_t)(d->nstates + p->nstates + 1) * sizeof *d->states);
		for (int i = 0; i < p->nstates; i++) {
			int have = 0;

			for (int k = 0; k < d->nstates; k++)
				have |= strcmp(d->states[k].name, p->states[i].name) == 0;
			if (!have) {
				d->states[d->nstates].name = xstrdup(p->states[i].name);
				d->states[d->nstates++].step = p->states[i].step;
			}
		}
		d->events = xrealloc(d->events, (size_t)(d->nevents + p->nevents + 1) * sizeof *d->events);
		for (int i = 0; i < p->nevents; i++) {
			struct dl_event *e = &d->events[d->nevents];

			*e = p->events[i];
			if (pattern_compile(&e->pat, p->events[i].pat.src, &why) != 0)
				td_fatal("recompiling a valid pattern failed: %s", why);
			d->nevents++;
		}
	}
	return 0;
}

int build_matchers(struct ctx *c)
{
	struct kb *kb = c->kb;

	for (int di = 0; di < kb->ndialects; di++) {
		struct dialect *d = &kb->dialects[di];
		size_t cap = 0, n = 0, cap2 = 0, n2 = 0;

		d->acm = acm_new();
		for (int i = 0; i < d->nevents; i++)
			acm_add(d->acm, d->events[i].pat.key, d->events[i].pat.keylen, i);
		for (int s = 0; s < kb->nsigs; s++) {
			const struct signature *sg = &kb->sigs[s];

			if (sg->dialect_mask != 0 && !(sg->dialect_mask & (1ULL << di)))
				continue;
			for (int p = 0; p < sg->npats; p++) {
				*VEC_PUSH(d->cand_sig, n, cap) = s;
				*VEC_PUSH(d->cand_pat, n2, cap2) = p;
				acm_add(d->acm, sg->pats[p].key, sg->pats[p].keylen, d->nevents + (int)n - 1);
			}
		}
		d->ncand = (int)n;
		acm_build(d->acm);
	}
	return 0;
}

int load_device(struct ctx *c, const char *path)
{
	struct kb *kb = c->kb;
	json_object *root, *log;
	struct device *d;
	char *dialect = NULL;
	int v, r = -1;
	static const char *const modes[] = { "exec", "shell" };

	if ((root = kbj_read(c, path)) == NULL)
		return -1;
	kb->devices = xrealloc(kb->devices, (size_t)(kb->ndevices + 1) * sizeof *d);
	d = &kb->devices[kb->ndevices++];
	memset(d, 0, sizeof *d);
	d->file = c->file;
	d->dialect = -1;
	if (kbj_str(c, root, "id", 1, &d->id) || kbj_str(c, root, "name", 1, &d->name) ||
	    kbj_str(c, root, "dialect", 0, &dialect))
		goto out;
	for (int i = 0; i + 1 < kb->ndevices; i++)
		if (strcmp(kb->devices[i].id, d->id) == 0) {
			kbj_fail(c, "id", "duplicate device id \"%s\" (also in %s)", d->id, kb->devices[i].file);
			goto out;
		}
	if (dialect != NULL && (d->dialect = kb_dialect_index(kb, dialect)) < 0) {
		kbj_fail(c, "dialect", "unknown dialect \"%s\" (see kb/formats)", dialect);
		goto out;
	}
	log = kbj_get(root, "log");
	if (log == NULL || !json_object_is_type(log, json_type_object)) {
		kbj_fail(c, "log", "missing (an object with mode and files/commands or send)");
		goto out;
	}
	{
		size_t old = kbj_push(c, "log", 0);

		if (kbj_enum(c, log, "mode", modes, 2, LOG_EXEC, 1, &v) ||
		    kbj_strs(c, log, "files", 0, &d->files, &d->nfiles) ||
		    kbj_strs(c, log, "commands", 0, &d->commands, &d->ncommands) ||
		    kbj_str(c, log, "send", 0, &d->send) || kbj_str(c, log, "prompt", 0, &d->prompt))
			goto out;
		d->mode = (enum log_mode)v;
		if (d->mode == LOG_EXEC && d->nfiles + d->ncommands == 0) {
			kbj_fail(c, NULL, "mode exec needs files or commands");
			goto out;
		}
		if (d->mode == LOG_SHELL && d->send == NULL) {
			kbj_fail(c, "send", "mode shell needs the command to type");
			goto out;
		}
		for (int i = 0; i < d->nfiles; i++)
			if (strpbrk(d->files[i], "'\"`$\\\n") != NULL) {
				kbj_fail(c, "files", "file names must not contain quotes, $, ` or backslashes: \"%s\"", d->files[i]);
				goto out;
			}
		kbj_pop(c, old);
	}
	if (kbj_strs(c, root, "status", 0, &d->status, &d->nstatus) || kbj_str(c, root, "ping", 0, &d->ping) ||
	    kbj_str(c, root, "probe", 0, &d->probe))
		goto out;
	{
		static const char *const keys[3] = { "conn_loaded", "isakmp_sa", "ipsec_sa" };
		json_object *sm = kbj_get(root, "status_match");
		size_t old;

		if (sm != NULL && !json_object_is_type(sm, json_type_object)) {
			kbj_fail(c, "status_match", "must be an object {\"conn_loaded\": [...], \"isakmp_sa\": [...], \"ipsec_sa\": [...]}");
			goto out;
		}
		old = kbj_push(c, "status_match", 0);
		for (int k = 0; k < 3 && sm != NULL; k++)
			if (kbj_strs(c, sm, keys[k], 0, &d->smatch[k], &d->nsmatch[k]))
				goto out;
		kbj_pop(c, old);
	}
	{
		char **cs = NULL;
		int nc = 0;

		if (kbj_strs(c, root, "counters", 0, &cs, &nc))
			goto out;
		d->counters = nc ? xcalloc((size_t)nc, sizeof *d->counters) : NULL;
		for (int i = 0; i < nc; i++) {
			const struct pattern *p = &d->counters[i];
			int ok = 0;

			if (kbj_compile(c, "counters", cs[i], &d->counters[d->ncounters]) != 0) {
				kbj_strs_free(cs, nc);
				goto out;
			}
			d->ncounters++;
			for (int k = 0; k < p->npieces; k++)
				if (p->pieces[k].name != NULL) {
					static const char *const names[] = { "bytes_in", "packets_in", "bytes_out", "packets_out" };
					int known = 0;

					for (int m = 0; m < 4; m++)
						known |= strcmp(p->pieces[k].name, names[m]) == 0;
					if (!known) {
						kbj_fail(c, "counters", "capture {%s} in \"%s\": use bytes_in, packets_in, bytes_out, packets_out",
						    p->pieces[k].name, cs[i]);
						kbj_strs_free(cs, nc);
						goto out;
					}
					ok = 1;
				}
			if (!ok) {
				kbj_fail(c, "counters", "\"%s\" captures no counter", cs[i]);
				kbj_strs_free(cs, nc);
				goto out;
			}
		}
		kbj_strs_free(cs, nc);
	}
	if (d->ping != NULL && (strstr(d->ping, "{source}") == NULL || strstr(d->ping, "{target}") == NULL)) {
		kbj_fail(c, "ping", "must contain {source} and {target} (and may contain {count})");
		goto out;
	}
	r = 0;
out:
	free(dialect);
	json_object_put(root);
	return r;
}

void devices_free(struct kb *kb)
{
	for (int i = 0; i < kb->ndevices; i++) {
		struct device *d = &kb->devices[i];

		free(d->id);
		free(d->name);
		kbj_strs_free(d->files, d->nfiles);
		kbj_strs_free(d->commands, d->ncommands);
		free(d->send);
		free(d->prompt);
		kbj_strs_free(d->status, d->nstatus);
		for (int k = 0; k < 3; k++)
			kbj_strs_free(d->smatch[k], d->nsmatch[k]);
		for (int k = 0; k < d->ncounters; k++)
			pattern_free(&d->counters[k]);
		free(d->counters);
		free(d->ping);
		free(d->probe);
	}
	free(kb->devices);
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

void kb_free(struct kb *kb)
{
	if (kb == NULL)
		return;
	for (int i = 0; i < kb->ncauses; i++) {
		free(kb->causes[i].id);
		kbj_text_free(&kb->causes[i].title);
	}
	free(kb->causes);
	for (int i = 0; i < kb->nchapters; i++) {
		free(kb->chapters[i].id);
		free(kb->chapters[i].source);
		kbj_text_free(&kb->chapters[i].title);
	}
	free(kb->chapters);
	for (int i = 0; i < kb->ndialects; i++) {
		struct dialect *d = &kb->dialects[i];

		free(d->id);
		free(d->name);
		free(d->extends);
		kbj_strs_free(d->time, d->ntime);
		for (int k = 0; k < d->nstrip; k++)
			pattern_free(&d->strip[k]);
		free(d->strip);
		for (int k = 0; k < d->nprefix; k++)
			pattern_free(&d->prefix[k]);
		free(d->prefix);
		for (int k = 0; k < d->nignore; k++)
			pattern_free(&d->ignore[k]);
		free(d->ignore);
		kbj_strs_free(d->detect, d->ndetect);
		for (int k = 0; k < d->nstates; k++)
			free(d->states[k].name);
		free(d->states);
		for (int k = 0; k < d->nevents; k++)
			pattern_free(&d->events[k].pat);
		free(d->events);
		acm_free(d->acm);
		free(d->cand_sig);
		free(d->cand_pat);
	}
	free(kb->dialects);
	for (int i = 0; i < kb->nsigs; i++) {
		struct signature *s = &kb->sigs[i];

		free(s->id);
		for (int k = 0; k < s->npats; k++)
			pattern_free(&s->pats[k]);
		free(s->pats);
		kbj_strs_free(s->chapters, s->nchapters);
		kbj_text_free(&s->title);
		kbj_text_free(&s->meaning);
		for (int k = 0; k < s->ncauses; k++)
			kbj_text_free(&s->causes[k]);
		free(s->causes);
		kbj_remedies_free(s->remedies, s->nremedies);
		kbj_strs_free(s->examples, s->nexamples);
	}
	free(kb->sigs);
	for (int i = 0; i < kb->nrules; i++) {
		struct rule *r = &kb->rules[i];

		free(r->id);
		kbj_strs_free(r->chapters, r->nchapters);
		cond_free(&r->init);
		cond_free(&r->resp);
		free(r->consumes);
		kbj_text_free(&r->title);
		kbj_text_free(&r->explanation);
		kbj_remedies_free(r->remedies, r->nremedies);
		kbj_strs_free(r->alternatives, r->nalternatives);
	}
	free(kb->rules);
	devices_free(kb);
	trees_free(kb);
	kbj_strs_free(kb->files, kb->nfiles);
	free(kb->dir);
	free(kb->revision);
	free(kb);
}
