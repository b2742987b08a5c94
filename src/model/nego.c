/*
 * nego.c - a side's negotiations: made, found (by state number, key, or
 * connection and peer) and asked about (steps, hits, facts, receipt).
 */
#include "model/model.h"
#include "model/model_internal.h"
#include "parse/dialect.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ANON_ADOPT_US (30LL * 1000000)
#define NEW_MERGE_US (10LL * 1000000)
#define RESTART_GAP_US (30LL * 1000000)
#define RESTART_GAP_LINES 500

void nego_free(struct nego *n)
{
	if (n == NULL)
		return;
	arena_free(&n->ar);
	free(n);
}

struct stepcells *nego_step(const struct nego *n, enum step st)
{
	return (st > STEP_NONE && st < STEP_COUNT) ? n->steps[st] : NULL;
}

struct stepcells *step_cells(struct nego *n, enum step st)
{
	if (st <= STEP_NONE || st >= STEP_COUNT)
		return NULL;
	if (n->steps[st] == NULL)
		n->steps[st] = arena_alloc(&n->ar, sizeof(struct stepcells));
	return n->steps[st];
}

const struct sighit *nego_hit(const struct nego *n, int sig)
{
	for (int i = 0; i < n->nhits; i++)
		if (n->hits[i].sig == sig)
			return &n->hits[i];
	return NULL;
}

const char *nego_fact(const struct nego *n, const char *name)
{
	for (int i = 0; i < n->nfacts; i++)
		if (strcmp(n->facts[i].name, name) == 0)
			return n->facts[i].value;
	return NULL;
}

int nego_received(const struct nego *n, enum step st)
{
	const struct stepcells *c = nego_step(n, st);

	if (c != NULL && c->recv.count > 0)
		return 1;
	/* a later step sent by this side in the same exchange implies receipt */
	for (int s = 1; s < STEP_COUNT; s++) {
		enum step cur = (enum step)s;

		for (enum step p = step_prev(cur); p != STEP_NONE; p = step_prev(p))
			if (p == st) {
				const struct stepcells *cc = nego_step(n, cur);

				if (cc != NULL && (cc->sent.count > 0 || cc->retrans.count > 0))
					return 1;
				break;
			}
	}
	return 0;
}

const struct evref *nego_first_ev(const struct nego *n)
{
	const struct evref *best = NULL;

	for (int s = 1; s < STEP_COUNT; s++) {
		const struct stepcells *c = n->steps[s];
		const struct cell *cells[4];

		if (c == NULL)
			continue;
		cells[0] = &c->sent;
		cells[1] = &c->recv;
		cells[2] = &c->retrans;
		cells[3] = &c->dup;
		for (int k = 0; k < 4; k++)
			if (cells[k]->count > 0 && (best == NULL || cells[k]->first.line < best->line))
				best = &cells[k]->first;
	}
	for (int i = 0; i < n->nhits; i++)
		if (best == NULL || n->hits[i].ev.line < best->line)
			best = &n->hits[i].ev;
	return best;
}

void remember_name(char **v, int *n, const char *s)
{
	if (*s == '\0')
		return;
	for (int i = 0; i < *n; i++)
		if (strcmp(v[i], s) == 0)
			return;
	if (*n < MODEL_MAX_NAMES)
		v[(*n)++] = xstrdup(s);
}

/* Drop a trailing ":port" or "[port]" from an address. */
void strip_port(char *a)
{
	char *br = strchr(a, '[');
	char *colon = strrchr(a, ':');

	if (br != NULL)
		*br = '\0';
	else if (colon != NULL && strchr(a, ':') == colon && strchr(a, '.') != NULL)
		*colon = '\0';
}

struct nego *new_nego(struct side *s, int kind)
{
	struct nego *n = xcalloc(1, sizeof *n);

	if (s->nnegos >= MODEL_MAX_NEGOS) {
		/* drop the oldest quarter at once, so this stays cheap */
		int drop = MODEL_MAX_NEGOS / 4;

		for (int i = 0; i < drop; i++)
			nego_free(s->negos[i]);
		memmove(s->negos, s->negos + drop, (size_t)(s->nnegos - drop) * sizeof *s->negos);
		s->nnegos -= drop;
		s->dropped += (uint64_t)drop;
	}
	vec_reserve((void **)&s->negos, &s->capnegos, (size_t)s->nnegos + 1, sizeof *s->negos);
	s->negos[s->nnegos++] = n;
	n->id = ++s->next_id;
	n->kind = (enum nego_kind)kind;
	return n;
}

int has_serial(const struct nego *n, int serial)
{
	if (n->serial == serial)
		return 1;
	for (int i = 0; i < n->naliases; i++)
		if (n->aliases[i] == serial)
			return 1;
	return 0;
}

struct nego *find_serial(struct side *s, int serial)
{
	for (int i = s->nnegos - 1, k = 0; i >= 0 && k < SEARCH_BACK; i--, k++)
		if (s->negos[i]->kind == NK_IKE && has_serial(s->negos[i], serial))
			return s->negos[i];
	return NULL;
}

struct nego *find_key(struct side *s, const char *key)
{
	for (int i = s->nnegos - 1, k = 0; i >= 0 && k < SEARCH_BACK; i--, k++)
		if (strcmp(s->negos[i]->key, key) == 0)
			return s->negos[i];
	return NULL;
}

/* The newest non-traffic negotiation with this conn or peer (or any). */
struct nego *find_recent(struct side *s, const char *conn, const char *peer)
{
	for (int i = s->nnegos - 1, k = 0; i >= 0 && k < SEARCH_BACK; i--, k++) {
		struct nego *n = s->negos[i];

		if (n->kind == NK_TRAFFIC)
			continue;
		if (*conn && *n->conn && strcmp(conn, n->conn) == 0)
			return n;
		if (*peer && *n->peer && strcmp(peer, n->peer) == 0 && (!*conn || !*n->conn))
			return n;
		if (!*conn && !*peer)
			return n;
	}
	return NULL;
}

void add_alias(struct nego *n, int serial)
{
	if (has_serial(n, serial) || n->naliases >= MODEL_MAX_ALIASES)
		return;
	n->aliases[n->naliases++] = serial;
}

/* A line of the side's daemon about a known state that no event or
 * signature maps: remember that the state's side was alive then. Lines
 * after the state's deletion are its cleanup, not a message received. */
void note_unmapped(struct side *s, const struct parsed *p, uint64_t lineno)
{
	const struct capture *c = parsed_cap(p, F_SERIAL);
	struct nego *n;
	int serial = 0;

	for (size_t i = 0; c != NULL && i < c->len && c->s[i] >= '0' && c->s[i] <= '9'; i++)
		serial = serial * 10 + (c->s[i] - '0');
	if (serial == 0 || (n = find_serial(s, serial)) == NULL || n->deleted.line != 0)
		return;
	n->nunmapped++;
	n->unmapped.line = lineno;
	n->unmapped.has_t = p->has_time;
	n->unmapped.t = p->has_time ? p->t.us : 0;
}

/* A daemon start or stop line (kept in order, bounded). */
void note_life(struct side *s, const struct parsed *p, uint64_t lineno, int up)
{
	struct lifemark *m;

	if (s->nlife == MODEL_MAX_LIFE) {
		memmove(s->life, s->life + 1, (MODEL_MAX_LIFE - 1) * sizeof *s->life);
		s->nlife--;
	}
	m = &s->life[s->nlife++];
	m->line = lineno;
	m->has_t = p->has_time;
	m->t = p->has_time ? p->t.us : 0;
	m->up = up;
}

/* Remember the identities a line carries (see struct nego). */
void note_ids(struct nego *n, const struct parsed *p)
{
	for (int i = 0; i < p->ncaps; i++) {
		const struct capture *c = &p->caps[i];
		const char *v = c->s;
		size_t l = c->len, k = 0;
		char id[20];
		int nonzero = 0, dup = 0;

		if (c->field != F_MSGID && c->field != F_ICOOKIE && c->field != F_SPI_IN && c->field != F_SPI_OUT)
			continue;
		if (l > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
			v += 2;
			l -= 2;
		}
		/* IKEv2 message IDs (0, 1, 2...) repeat in every negotiation */
		if (l < 8 || l >= sizeof id)
			continue;
		for (; k < l; k++) {
			char ch = v[k];

			if (ch >= 'A' && ch <= 'F')
				ch = (char)(ch - 'A' + 'a');
			if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')))
				break;
			nonzero |= ch != '0';
			id[k] = ch;
		}
		if (k != l || !nonzero)
			continue;
		id[k] = '\0';
		for (int j = 0; j < n->nids; j++)
			dup |= strcmp(n->ids[j], id) == 0;
		if (!dup && n->nids < MODEL_MAX_IDS)
			memcpy(n->ids[n->nids++], id, k + 1);
	}
}

int is_phase2_step(enum step st)
{
	return st == S_QI1 || st == S_QR1 || st == S_QI2 || st == S_CHILD_I || st == S_CHILD_R;
}

/*
 * A step that never starts an IKE SA attempt: a new state number logging
 * it belongs to the recent negotiation of that connection (libreswan 3
 * logs IKE_AUTH under the Child SA's number: #7 sends IKE_SA_INIT, #8
 * "STATE_PARENT_I2: sent v2I2").
 */
static int never_first(enum step st)
{
	return is_phase2_step(st) || st == S_AUTH_I || st == S_AUTH_R || st == S_INFO2_I || st == S_INFO2_R ||
	    st == S_DPD || st == S_DPD_ACK;
}

/* The negotiation of a line that names a state number. */
struct nego *by_serial(struct side *s, const struct dialect *d, const struct parsed *p,
    const struct signature *sg, enum step st, enum step hint, int serial, int parent,
    const char *conn, const char *peer, uint64_t lineno)
{
	const struct dl_event *ev = p->ev;
	struct nego *n;

	n = find_serial(s, serial);
	if (n != NULL && ev != NULL && ev->isnew && n->serial == serial) {
		struct stepcells *c = nego_step(n, st);
		/* the daemon restarted and reuses numbers: the same start
		 * again after a real gap (strongSwan logs one receipt twice) */
		int gap = (p->has_time && n->has_t) ? p->t.us - n->t_last > RESTART_GAP_US
						   : lineno - n->last_line > RESTART_GAP_LINES;

		if (c != NULL && (c->sent.count || c->recv.count) && gap)
			n = NULL;
	}
	if (n == NULL && parent != 0 && (n = find_serial(s, parent)) != NULL)
		add_alias(n, serial);
	if (n == NULL && (never_first(hint) || (sg != NULL && sg->phase == PH_PHASE2))) {
		n = find_recent(s, conn, peer);
		if (n != NULL)
			add_alias(n, serial);
	}
	if (n == NULL) {
		/* adopt lines logged before the state existed ("packet from") */
		struct nego *last = find_recent(s, "", peer);

		if (*peer && last != NULL && last->serial == 0 && last->kind == NK_IKE &&
		    (!p->has_time || !last->has_t || p->t.us - last->t_last < ANON_ADOPT_US)) {
			n = last;
			n->serial = serial;
		}
	}
	if (n == NULL) {
		n = new_nego(s, d != NULL && d->record == REC_TIMESTAMP_LINE ? NK_LANCOM : NK_IKE);
		n->serial = serial;
	}
	return n;
}

/* The negotiation of a line without a state number (by name, peer or
 * the last one). */
struct nego *by_name(struct side *s, const struct dialect *d, const struct parsed *p,
    enum step st, const char *conn, const char *peer, uint64_t lineno)
{
	const struct dl_event *ev = p->ev;
	struct nego *n;

	n = (*conn || *peer) ? find_recent(s, conn, peer) : (s->nnegos > 0 ? s->negos[s->nnegos - 1] : NULL);
	if (n != NULL && n->kind == NK_TRAFFIC)
		n = NULL;
	if (n != NULL && ev != NULL && ev->isnew) {
		struct stepcells *c = nego_step(n, st);
		/* consecutive lines of one arrival ("packet from ...") stay one
		 * negotiation; a step that already happened starts a new one */
		int recent = n->serial == 0 && n->kind == NK_IKE &&
		    (!p->has_time || !n->has_t || p->t.us - n->t_last < NEW_MERGE_US) &&
		    n->last_line + 16 > lineno;
		int started = c != NULL && (c->sent.count || c->recv.count);

		if (!recent || started)
			n = NULL;
	}
	if (n == NULL)
		n = new_nego(s, d != NULL && d->record == REC_TIMESTAMP_LINE ? NK_LANCOM : NK_IKE);
	return n;
}
