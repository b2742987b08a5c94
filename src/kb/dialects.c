/*
 * dialects.c - kb/formats/ (*.json), one dialect per file: how a daemon's log
 * line is cut (time formats, prefixes, lines to strip or ignore), how the
 * dialect is detected, its state names and event patterns (each mapped to
 * an exchange step with what it proves). A dialect may extend another one
 * level deep; resolve_extends() copies the parent's lists after loading.
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

/* The signatures' dialect set is a 64-bit mask. */
#define MAX_DIALECTS 64

static int load_event(struct kbj *c, json_object *e, struct dl_event *ev)
{
	char *p = NULL, *est = NULL;
	int v;

	if (!json_object_is_type(e, json_type_object))
		return kbj_fail(c, NULL, M_KB_DL_EVENT);
	if (kbj_str(c, e, "p", 1, &p) != 0)
		return -1;
	if (kbf_compile(c, "p", p, &ev->pat) != 0) {
		free(p);
		return -1;
	}
	free(p);
	if (kbf_step(c, e, "step", &ev->step) || kbf_step(c, e, "ack", &ev->ack))
		return -1;
	if (kbj_enum(c, e, "dir", kbf_dir_names, 4, DIR_NONE, 0, &v))
		return -1;
	ev->dir = (enum dir)v;
	if (ev->step != STEP_NONE && ev->dir == DIR_NONE)
		ev->dir = step_is_local(ev->step) ? DIR_LOCAL : DIR_NONE;
	if (ev->step != STEP_NONE && ev->dir == DIR_NONE)
		return kbj_fail(c, "dir", M_KB_DL_DIR);
	if (kbj_enum(c, e, "role", kbf_role_names, 3, 0, 0, &v))
		return -1;
	ev->role = (enum role)v;
	if (kbj_bool(c, e, "retrans", &ev->retrans) || kbj_bool(c, e, "dup", &ev->dup) ||
	    kbj_bool(c, e, "new", &ev->isnew) || kbj_bool(c, e, "reply", &ev->reply) ||
	    kbj_bool(c, e, "giveup", &ev->giveup) ||
	    kbj_int(c, e, "ike", 0, 0, 2, &ev->ike) ||
	    kbj_str(c, e, "src", 0, &ev->src) || kbj_str(c, e, "id", 0, &ev->id))
		return -1;
	{
		/* the daemon's life: start, stop, a state deleted (issue 11) */
		static const char *const life[] = { "-", "start", "stop", "delete" };

		if (kbj_enum(c, e, "life", life, 4, 0, 0, &v))
			return -1;
		ev->life = v;
	}
	/* read last: nothing after it can fail and leave it behind */
	if (kbj_str(c, e, "established", 0, &est))
		return -1;
	if (est != NULL) {
		if (strcmp(est, "ike") == 0)
			ev->established = 1;
		else if (strcmp(est, "ipsec") == 0)
			ev->established = 2;
		else {
			free(est);
			return kbj_fail(c, "established", M_KB_DL_ESTABLISHED);
		}
		free(est);
	}
	return 0;
}

/* "states": {"STATE_NAME": "STEP"}. */
static int dialect_states(struct kbj *c, json_object *root, struct dialect *d)
{
	json_object *states = kbj_get(root, "states");

	if (states == NULL)
		return 0;
	if (!json_object_is_type(states, json_type_object))
		return kbj_fail(c, "states", M_KB_DL_STATES);
	d->states = xcalloc((size_t)json_object_object_length(states) + 1, sizeof(struct dl_state));
	json_object_object_foreach(states, key, val) {
		struct dl_state *st = &d->states[d->nstates];
		size_t old = kbj_push(c, "states", 0);

		(void)val;
		if (kbf_step(c, states, key, &st->step) != 0 || st->step == STEP_NONE) {
			if (c->err == NULL)
				kbj_fail(c, key, M_KB_DL_STATE_STEP);
			return -1;
		}
		st->name = xstrdup(key);
		d->nstates++;
		kbj_pop(c, old);
	}
	return 0;
}

/* "events": the event patterns (a dialect that extends may have none). */
static int dialect_events(struct kbj *c, json_object *root, struct dialect *d)
{
	json_object *arr = kbj_get(root, "events");
	size_t len;

	if (arr == NULL && d->extends != NULL)
		return 0;
	if (arr == NULL || !json_object_is_type(arr, json_type_array))
		return kbj_fail(c, "events", M_KB_DL_EVENTS);
	len = json_object_array_length(arr);
	d->events = xcalloc(len + 1, sizeof(struct dl_event));
	for (size_t i = 0; i < len; i++) {
		size_t old = kbj_push(c, "events", 0);

		kbj_push(c, NULL, (int)i);
		d->nevents++;
		if (load_event(c, json_object_array_get_idx(arr, i), &d->events[i]) != 0)
			return -1;
		kbj_pop(c, old);
	}
	return 0;
}

static int load_one_dialect(struct kbj *c, json_object *root, void *item)
{
	static const char *const rec[] = { "line", "timestamp-line" };
	struct dialect *d = item;
	int v;

	if (c->kb->ndialects > MAX_DIALECTS)
		return kbj_fail(c, NULL, M_KB_DL_TOO_MANY, MAX_DIALECTS);
	if (kbj_str(c, root, "id", 1, &d->id) || kbj_str(c, root, "name", 1, &d->name) ||
	    kbj_str(c, root, "extends", 0, &d->extends) ||
	    kbj_int(c, root, "ike", 0, 0, 2, &d->ike) ||
	    kbj_bool(c, root, "reject_spi_zero", &d->reject_spi_zero) ||
	    kbj_int(c, root, "retransmit_ms", 10000, 100, 600000, &d->retransmit_ms) ||
	    kbj_enum(c, root, "record", rec, 2, REC_LINE, 0, &v))
		return -1;
	d->record = (enum record_mode)v;
	if (kbj_strs(c, root, "time", 0, &d->time, &d->ntime) ||
	    kbf_patterns(c, root, "strip", &d->strip, &d->nstrip) ||
	    kbf_patterns(c, root, "prefix", &d->prefix, &d->nprefix) ||
	    kbf_patterns(c, root, "ignore", &d->ignore, &d->nignore) ||
	    kbj_strs(c, root, "detect", d->extends == NULL, &d->detect, &d->ndetect))
		return -1;
	for (int i = 0; i < d->nprefix; i++)
		d->prefix[i].anchor_start = 1;
	for (int i = 0; i < d->nstrip; i++)
		d->strip[i].anchor_start = 1;
	for (int i = 0; i < d->nignore; i++)
		d->ignore[i].anchor_start = 1;
	return dialect_states(c, root, d) || dialect_events(c, root, d) ? -1 : 0;
}

static const struct kbj_kind dialect_kind = {
	.what = M_KB_W_DIALECT, .list = NULL, .id_field = "id", .size = sizeof(struct dialect),
	.id_off = offsetof(struct dialect, id), .file_off = offsetof(struct dialect, file),
	.has_file = 1, .dup = KBJ_DUP_ALSO_IN, .load = load_one_dialect,
};

int load_dialect(struct kbj *c, const char *path)
{
	struct kb *kb = c->kb;

	kb->dialects = kbj_file(c, path, &dialect_kind, kb->dialects, &kb->ndialects, &kb->dialect_ids);
	return c->err != NULL ? -1 : 0;
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
int resolve_extends(struct kbj *c)
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
			return kbj_fail(c, "extends", M_KB_DL_EXTENDS_UNKNOWN, d->extends);
		if (p->extends != NULL)
			return kbj_fail(c, "extends", M_KB_DL_EXTENDS_TWO, d->extends);
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
			if (e->src != NULL)
				e->src = xstrdup(e->src);
			if (e->id != NULL)
				e->id = xstrdup(e->id);
			if (pattern_compile(&e->pat, p->events[i].pat.src, &why) != 0)
				td_fatal("recompiling a valid pattern failed: %s", why);
			d->nevents++;
		}
	}
	return 0;
}

void dialects_free(struct kb *kb)
{
	for (int i = 0; i < kb->ndialects; i++) {
		struct dialect *d = &kb->dialects[i];

		free(d->id);
		free(d->name);
		free(d->extends);
		kbj_strs_free(d->time, d->ntime);
		kbf_patterns_free(d->strip, d->nstrip);
		kbf_patterns_free(d->prefix, d->nprefix);
		kbf_patterns_free(d->ignore, d->nignore);
		kbj_strs_free(d->detect, d->ndetect);
		for (int k = 0; k < d->nstates; k++)
			free(d->states[k].name);
		free(d->states);
		for (int k = 0; k < d->nevents; k++) {
			pattern_free(&d->events[k].pat);
			free(d->events[k].src);
			free(d->events[k].id);
		}
		free(d->events);
		acm_free(d->acm);
		free(d->cand_sig);
		free(d->cand_pat);
	}
	free(kb->dialects);
	kb_ids_free(&kb->dialect_ids);
}
