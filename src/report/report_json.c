/*
 * report_json.c - one JSON document per analysis (tunneldoc analyze
 * --json). Top level: tool, version, kb_revision, lang, cause, chapter,
 * sides, clock_offset_ms, rtt_ms, negotiations, rows, findings. Every
 * string is cleaned to valid UTF-8 and every evidence line is redacted.
 */
#include "report/analysis_report.h"
#include "report/config_report.h"
#include "config/cdiff_out.h"
#include "base/redact.h"
#include "base/util.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

static json_object *jstr(const char *s)
{
	char *c;
	json_object *o;

	if (s == NULL)
		return NULL;
	c = utf8_clean_dup(s);
	o = json_object_new_string(c);
	free(c);
	return o;
}

static json_object *jevref(const struct evref *e)
{
	json_object *o;

	if (e == NULL || e->line == 0)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "line", json_object_new_int64((int64_t)e->line));
	if (e->timelen > 0) {
		char *t = xstrndup(e->text, e->timelen);

		json_object_object_add(o, "time", jstr(t));
		free(t);
	}
	json_object_object_add(o, "text", jstr(e->text));
	return o;
}

static json_object *jside(const struct kb *kb, const struct side *s)
{
	json_object *o = json_object_new_object(), *c = json_object_new_array(), *p = json_object_new_array();
	int roles[3] = {0};

	json_object_object_add(o, "present", json_object_new_boolean(s->present));
	json_object_object_add(o, "file", s->present ? jstr(s->name) : NULL);
	json_object_object_add(o, "dialect", s->present && s->dialect >= 0 ? jstr(kb->dialects[s->dialect].id) : NULL);
	for (int i = 0; i < s->nnegos; i++)
		roles[s->negos[i]->role]++;
	json_object_object_add(o, "role", !s->present || (!roles[1] && !roles[2]) ? jstr("unknown") :
	    jstr(roles[ROLE_INITIATOR] >= roles[ROLE_RESPONDER] ? "initiator" : "responder"));
	json_object_object_add(o, "lines", json_object_new_int64((int64_t)s->nlines));
	json_object_object_add(o, "events", json_object_new_int64((int64_t)s->nevents));
	json_object_object_add(o, "negotiations", json_object_new_int(s->nnegos));
	json_object_object_add(o, "negotiations_dropped", json_object_new_int64((int64_t)s->dropped));
	for (int i = 0; i < s->nconns; i++)
		json_object_array_add(c, jstr(s->conns[i]));
	for (int i = 0; i < s->npeers; i++)
		json_object_array_add(p, jstr(s->peers[i]));
	json_object_object_add(o, "connections", c);
	json_object_object_add(o, "peers", p);
	json_object_object_add(o, "truncated_lines", json_object_new_int64((int64_t)s->ntrunc));
	json_object_object_add(o, "binary_lines", json_object_new_int64((int64_t)s->nbinary));
	json_object_object_add(o, "backwards_timestamps", json_object_new_int64((int64_t)s->nbackwards));
	return o;
}

static json_object *jnego(const struct nego *n, enum role role)
{
	json_object *o;

	if (n == NULL)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "serial", json_object_new_int(n->serial));
	json_object_object_add(o, "connection", *n->conn ? jstr(n->conn) : NULL);
	json_object_object_add(o, "peer", *n->peer ? jstr(n->peer) : NULL);
	json_object_object_add(o, "role", jstr(role_name(role)));
	json_object_object_add(o, "first_line", json_object_new_int64((int64_t)n->first_line));
	json_object_object_add(o, "last_state", *n->last_state ? jstr(n->last_state) : NULL);
	json_object_object_add(o, "ike_established", json_object_new_boolean(n->est_ike.line != 0));
	json_object_object_add(o, "ipsec_established", json_object_new_boolean(n->est_ipsec.line != 0));
	if (*n->key)
		json_object_object_add(o, "key", jstr(n->key));
	return o;
}

static json_object *jrow(const struct group *g, const struct row *r, int gi, enum lang lang)
{
	json_object *o = json_object_new_object(), *rt = json_object_new_object();
	char why[512];

	json_object_object_add(o, "negotiation", json_object_new_int(gi + 1));
	json_object_object_add(o, "step", jstr(step_name(r->step)));
	json_object_object_add(o, "sender", jstr(role_name(r->sender)));
	json_object_object_add(o, "left", jevref(r->cell[0] ? &r->cell[0]->first : NULL));
	json_object_object_add(o, "right", jevref(r->cell[1] ? &r->cell[1]->first : NULL));
	json_object_object_add(o, "status", jstr(row_status_name(r->status)));
	/* the identity the row's pairing used (its negotiation's) */
	json_object_object_add(o, "identity", g->identity ? jstr(g->identity) : NULL);
	json_object_object_add(o, "paired_by", g->paired_by ? jstr(g->paired_by) : NULL);
	row_why(r, lang, why, sizeof why);
	json_object_object_add(o, "why", why[0] ? jstr(why) : NULL);
	json_object_object_add(rt, "left", json_object_new_int((int)r->retrans[0]));
	json_object_object_add(rt, "right", json_object_new_int((int)r->retrans[1]));
	json_object_object_add(o, "retransmissions", rt);
	rt = json_object_new_object();
	json_object_object_add(rt, "left", json_object_new_int((int)r->dup[0]));
	json_object_object_add(rt, "right", json_object_new_int((int)r->dup[1]));
	json_object_object_add(o, "duplicates", rt);
	return o;
}

static json_object *jtext(const struct text *t, enum lang l)
{
	return (t == NULL || (t->de == NULL && t->en == NULL)) ? NULL : jstr(txt(t, l));
}

/* What resolved a finding (retire.c): the line and its words; null: current. */
static json_object *jresolved(const struct finding *f, enum lang l)
{
	json_object *o;
	char rt[1024];

	if (!f->resolved)
		return NULL;
	o = json_object_new_object();
	finding_resolved_text(f, l, rt, sizeof rt);
	json_object_object_add(o, "side", jstr(f->resolved_by.side ? "right" : "left"));
	json_object_object_add(o, "line", json_object_new_int64((int64_t)f->resolved_by.line));
	json_object_object_add(o, "text", f->resolved_by.text ? jstr(f->resolved_by.text) : NULL);
	json_object_object_add(o, "said", jstr(rt));
	return o;
}

/* The newest negotiation in progress (progress.c); null: none. */
static json_object *jprogress(const struct nego_progress *p, enum lang l)
{
	json_object *o;
	char pt[160];

	if (!p->active)
		return NULL;
	o = json_object_new_object();
	nego_progress_text(p, l, pt, sizeof pt);
	json_object_object_add(o, "sent", jstr(step_name(p->sent)));
	json_object_object_add(o, "waiting_for", p->wait != STEP_NONE ? jstr(step_name(p->wait)) : NULL);
	json_object_object_add(o, "side", jstr(p->side ? "right" : "left"));
	json_object_object_add(o, "line", json_object_new_int64((int64_t)p->line));
	json_object_object_add(o, "age_ms", json_object_new_int64(p->age_us / 1000));
	json_object_object_add(o, "retransmit_interval_ms", json_object_new_int64(p->interval_us / 1000));
	json_object_object_add(o, "findings_held_back", json_object_new_int(p->withheld));
	json_object_object_add(o, "said", jstr(pt));
	return o;
}

static json_object *jfinding(const struct kb *kb, const struct finding *f, int rank, enum lang l)
{
	json_object *o = json_object_new_object(), *a;

	json_object_object_add(o, "rank", json_object_new_int(rank));
	json_object_object_add(o, "cause", jstr(kb->causes[f->cause].id));
	json_object_object_add(o, "cause_title", jtext(&kb->causes[f->cause].title, l));
	a = json_object_new_array();
	for (int i = 0; i < f->nchapters; i++)
		json_object_array_add(a, jstr(f->chapters[i]));
	json_object_object_add(o, "chapters", a);
	json_object_object_add(o, "severity", jstr(severity_name(f->severity)));
	json_object_object_add(o, "score", json_object_new_int(f->score));
	json_object_object_add(o, "source", f->rule ? jstr(f->rule->id) : jstr(f->sig->id));
	json_object_object_add(o, "source_kind", jstr(f->rule ? "rule" : "signature"));
	json_object_object_add(o, "title", jtext(f->title, l));
	json_object_object_add(o, "explanation", jtext(f->explanation, l));
	json_object_object_add(o, "count", json_object_new_int((int)f->count));
	json_object_object_add(o, "negotiation", f->group >= 0 ? json_object_new_int(f->group + 1) : NULL);
	a = json_object_new_array();
	for (int i = 0; i < f->nev; i++) {
		json_object *e = json_object_new_object();

		json_object_object_add(e, "side", jstr(f->ev[i].side ? "right" : "left"));
		json_object_object_add(e, "line", f->ev[i].line ? json_object_new_int64((int64_t)f->ev[i].line) : NULL);
		json_object_object_add(e, "text", f->ev[i].text ? jstr(f->ev[i].text) : NULL);
		if (f->ev[i].note != M_COUNT)
			json_object_object_add(e, "note", jstr(msg(f->ev[i].note, l)));
		json_object_array_add(a, e);
	}
	json_object_object_add(o, "evidence", a);
	json_object_object_add(o, "resolved", jresolved(f, l));
	a = json_object_new_array();
	for (int i = 0; i < f->ncauses; i++)
		json_object_array_add(a, jtext(&f->causes[i], l));
	json_object_object_add(o, "possible_causes", a);
	a = json_object_new_array();
	for (int i = 0; i < f->nremedies; i++) {
		json_object *r = json_object_new_object();

		json_object_object_add(r, "text", jtext(&f->remedies[i].text, l));
		json_object_object_add(r, "menu", jtext(&f->remedies[i].menu, l));
		json_object_object_add(r, "command", f->remedies[i].command ? jstr(f->remedies[i].command) : NULL);
		json_object_array_add(a, r);
	}
	json_object_object_add(o, "remedies", a);
	a = json_object_new_array();
	for (int i = 0; i < f->nalternatives; i++)
		json_object_array_add(a, jstr(f->alternatives[i]));
	json_object_object_add(o, "alternatives", a);
	return o;
}

/* Print one value (and free it); "key": first when key is not NULL. */
static void emit(FILE *f, const char *key, json_object *v, int *first)
{
	if (!*first)
		fputs(",\n", f);
	*first = 0;
	if (key != NULL)
		fprintf(f, "  \"%s\": ", key);
	fputs(v != NULL ? json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE) : "null", f);
	json_object_put(v);
}

/* A live side's connection: state, counters, what happened to its log. */
static json_object *jconn(const struct record_side *c)
{
	json_object *co = json_object_new_object();

	json_object_object_add(co, "target", jstr(c->target));
	json_object_object_add(co, "profile", jstr(c->profile));
	json_object_object_add(co, "state", jstr(c->state));
	json_object_object_add(co, "error", jstr(c->error));
	json_object_object_add(co, "lines_received", json_object_new_int64((int64_t)c->lines));
	json_object_object_add(co, "reconnects", json_object_new_int(c->reconnects));
	json_object_object_add(co, "rotations_followed", json_object_new_int(c->rotations));
	json_object_object_add(co, "truncations", json_object_new_int(c->truncations));
	json_object_object_add(co, "replacements", json_object_new_int(c->replacements));
	json_object_object_add(co, "rotation_gaps", json_object_new_int(c->rotation_gaps));
	json_object_object_add(co, "longest_silence_ms", json_object_new_int64(c->longest_silence_ms));
	return co;
}

/*
 * The document is written piece by piece: one negotiation, row or finding
 * is built, printed and freed at a time, so memory does not grow with the
 * size of the ladder.
 */
int report_json(FILE *f, const struct analysis *a, const struct report_opts *o)
{
	const struct kb *kb = analysis_kb(a);
	const struct side *sides = analysis_sides(a);
	const struct alignment *al = analysis_alignment(a);
	const struct diagnosis *dg = analysis_diagnosis(a);
	json_object *s;
	int first = 1, inner;

	fputs("{\n", f);
	emit(f, "tool", jstr("tunneldoc"), &first);
	emit(f, "version", jstr(o->version), &first);
	emit(f, "kb_revision", jstr(kb->revision), &first);
	emit(f, "lang", jstr(lang_code(o->lang)), &first);
	emit(f, "cause", jstr(dg->n > 0 ? kb->causes[dg->f[0].cause].id : "unknown"), &first);
	emit(f, "chapter", dg->n > 0 && dg->f[0].nchapters > 0 ? jstr(dg->f[0].chapters[0]) : NULL, &first);
	s = json_object_new_object();
	for (int k = 0; k < 2; k++) {
		json_object *so = jside(kb, &sides[k]);

		if (o->conn != NULL)
			json_object_object_add(so, "connection", jconn(&o->conn[k]));
		json_object_object_add(s, k ? "right" : "left", so);
	}
	emit(f, "sides", s, &first);
	emit(f, "clock_offset_ms", al->offset_known ? json_object_new_double((double)al->offset_us / 1000.0) : NULL, &first);
	emit(f, "rtt_ms", al->rtt_known ? json_object_new_double((double)al->rtt_us / 1000.0) : NULL, &first);
	emit(f, "time_of_day_only", json_object_new_boolean(al->time_of_day), &first);

	fputs(",\n  \"negotiations\": [", f);
	inner = 1;
	for (int g = 0; g < al->ngroups; g++) {
		const struct group *gr = &al->groups[g];
		json_object *n = json_object_new_object(), *d = json_object_new_array();

		json_object_object_add(n, "index", json_object_new_int(g + 1));
		json_object_object_add(n, "left", jnego(gr->n[0], gr->role[0]));
		json_object_object_add(n, "right", jnego(gr->n[1], gr->role[1]));
		for (int k = 0; k < gr->ndiff; k++) {
			json_object *e = json_object_new_object();

			json_object_object_add(e, "name", jstr(gr->diff[k].name));
			json_object_object_add(e, "left", jstr(gr->diff[k].value[0]));
			json_object_object_add(e, "right", jstr(gr->diff[k].value[1]));
			json_object_array_add(d, e);
		}
		json_object_object_add(n, "facts", d);
		json_object_object_add(n, "paired_by", gr->paired_by ? jstr(gr->paired_by) : NULL);
		json_object_object_add(n, "identity", gr->identity ? jstr(gr->identity) : NULL);
		json_object_object_add(n, "states_folded_in", json_object_new_int(gr->nextra[0] + gr->nextra[1]));
		json_object_object_add(n, "spi_check", gr->spi_check == 0 ? NULL :
		    jstr(gr->spi_check > 0 ? "consistent" : "inconsistent"));
		fputs(inner ? "\n    " : ",\n    ", f);
		inner = 0;
		fputs(json_object_to_json_string_ext(n, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE), f);
		json_object_put(n);
	}
	fputs("\n  ],\n  \"rows\": [", f);
	inner = 1;
	for (int g = 0; g < al->ngroups; g++)
		for (int k = 0; k < al->groups[g].nrows; k++) {
			json_object *r = jrow(&al->groups[g], &al->groups[g].rows[k], g, o->lang);

			fputs(inner ? "\n    " : ",\n    ", f);
			inner = 0;
			fputs(json_object_to_json_string_ext(r, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE), f);
			json_object_put(r);
		}
	fputs("\n  ],\n  \"findings\": [", f);
	for (int i = 0; i < dg->n; i++) {
		json_object *fo = jfinding(kb, &dg->f[i], i + 1, o->lang);

		if (o->config != NULL)
			json_object_object_add(fo, "config_evidence", config_json_for_finding(o->config, kb->causes[dg->f[i].cause].id));

		fputs(i == 0 ? "\n    " : ",\n    ", f);
		fputs(json_object_to_json_string_ext(fo, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), f);
		json_object_put(fo);
	}
	fputs("\n  ]", f);
	first = 0;
	emit(f, "in_progress", jprogress(&dg->progress, o->lang), &first);
	if (o->config != NULL) {
		json_object *c = cdiff_json(o->config);

		fprintf(f, ",\n  \"config\": %s", json_object_to_json_string_ext(c, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(c);
	}
	if (o->json_extra != NULL)
		o->json_extra(f, o->json_extra_ctx);
	fputs("\n}\n", f);
	return ferror(f) ? -1 : 0;
}
