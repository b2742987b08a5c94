/*
 * model.c - turn parsed lines into negotiations (see model.h).
 */
#include "model/model.h"
#include "model/model_internal.h"
#include "base/redact.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVIDENCE_MAX 2048

void side_init(struct side *s, enum side_id id)
{
	memset(s, 0, sizeof *s);
	s->id = id;
	s->dialect = -1;
}

void side_set_dialect(struct side *s, const struct kb *kb, int dialect)
{
	const struct dialect *d = dialect >= 0 && dialect < kb->ndialects ? &kb->dialects[dialect] : NULL;

	s->dialect = dialect;
	s->reject_spi_zero = d != NULL ? d->reject_spi_zero : 0;
	s->retransmit_ms = d != NULL ? d->retransmit_ms : 0;
}

int64_t side_retransmit_us(const struct side *s)
{
	return s->retransmit_ms > 0 ? s->retransmit_ms * 1000LL : 10 * 1000000LL;
}

/*
 * The line being applied, and where its evidence copies go: the
 * negotiation's (or the side's) arena, via a reused redaction buffer.
 */
struct mw {
	struct arena *ar;
	struct strbuf *tmp;
	uint64_t line;
	const struct parsed *p;
	const char *raw;
	size_t len;
	int *redacted;	/* NULL, or the line is in tmp already: -1 no, 0/1 yes (changed) */
};

/* Copy the current line, redacted, into e (reusing e's buffer if it fits). */
static void ev_set(struct mw *w, struct evref *e)
{
	size_t len = w->len > EVIDENCE_MAX ? EVIDENCE_MAX : w->len;
	int changed;

	/* several cells of one line (facts, hits, steps) take the same
	 * redacted copy: redact it once */
	if (w->redacted != NULL && *w->redacted >= 0) {
		changed = *w->redacted;
	} else {
		redact_into(w->tmp, w->raw, len, &changed);
		if (w->redacted != NULL)
			*w->redacted = changed;
	}
	if (e->text == NULL || e->cap < w->tmp->len + 1) {
		e->text = arena_strndup(w->ar, w->tmp->s, w->tmp->len);
		e->cap = (uint32_t)w->tmp->len + 1;
	} else {
		memcpy(e->text, w->tmp->s, w->tmp->len + 1);
	}
	e->line = w->line;
	e->has_t = w->p != NULL && w->p->has_time;
	e->t = e->has_t ? w->p->t.us : 0;
	e->msgoff = 0;
	e->timelen = 0;
	/* offsets into the line hold only where redaction changed nothing */
	if (!changed && w->p != NULL && w->p->msg >= w->raw && w->p->msg <= w->raw + len) {
		e->msgoff = (uint32_t)(w->p->msg - w->raw);
		e->timelen = (uint32_t)w->p->time_len;
	}
}


void side_clear(struct side *s)
{
	for (int i = 0; i < s->nnegos; i++)
		nego_free(s->negos[i]);
	free(s->negos);
	arena_free(&s->ar);
	sb_free(&s->tmp);
	for (int i = 0; i < s->nconns; i++)
		free(s->conns[i]);
	for (int i = 0; i < s->npeers; i++)
		free(s->peers[i]);
	free(s->name);
	side_init(s, s->id);
}







/* Count a line in a cell; the first line is kept, and the last one in
 * last when given (retransmissions: the give-up line is the evidence). */
static void cell_add(struct mw *w, struct cell *c, struct evref *last)
{
	if (c->count == 0)
		ev_set(w, &c->first);
	else if (last != NULL)
		ev_set(w, last);
	c->count++;
}

static void copy_cap(char *dst, size_t sz, const struct capture *c)
{
	if (c == NULL) {
		dst[0] = '\0';
		return;
	}
	strlcpy_n(dst, sz, c->s, c->len);
}

static int cap_int(const struct capture *c)
{
	int v = 0;

	if (c == NULL)
		return 0;
	for (size_t i = 0; i < c->len && c->s[i] >= '0' && c->s[i] <= '9'; i++)
		v = v * 10 + (c->s[i] - '0');
	return v;
}









/* Count a signature hit; the last line is kept for warnings and errors
 * (their evidence), not for the many informational repeats. */
static void add_hit(struct mw *w, struct sighit **v, int *n, int *cap, int sig, int keep_last)
{
	for (int i = 0; i < *n; i++)
		if ((*v)[i].sig == sig) {
			if (keep_last)
				ev_set(w, &(*v)[i].last);
			(*v)[i].count++;
			return;
		}
	if (*n >= MODEL_MAX_HITS)
		return;
	if (*n == *cap) {
		struct sighit *nv;

		*cap = *cap ? *cap * 2 : 4;
		nv = arena_alloc(w->ar, (size_t)*cap * sizeof *nv);
		if (*n > 0)
			memcpy(nv, *v, (size_t)*n * sizeof *nv);
		*v = nv;
	}
	(*v)[*n].sig = sig;
	(*v)[*n].count = 1;
	ev_set(w, &(*v)[*n].ev);
	(*n)++;
}

static int fact_worth(enum field f)
{
	switch (f) {
	case F_PROPOSAL: case F_TS_LOCAL: case F_TS_REMOTE: case F_ID:
	case F_ID_EXPECTED: case F_SPI_IN: case F_SPI_OUT: case F_MSGID:
	case F_ICOOKIE: case F_OTHER: case F_SRC: case F_DST: case F_FWRULE:
		return 1;
	default:
		return 0;
	}
}

/*
 * 1 when the value v[0..vl) of the current line did not survive redaction
 * verbatim: w->tmp holds the redacted line after ev_set, and a value that
 * is not in it was (part of) a secret.
 */
static int fact_redacted(const struct mw *w, const char *v, size_t vl)
{
	if (w->tmp->len == w->len && memcmp(w->tmp->s, w->raw, w->len) == 0)
		return 0;
	return vl > 0 && memmem(w->tmp->s, w->tmp->len, v, vl) == NULL;
}

static void add_facts(struct mw *w, struct nego *n)
{
	const struct parsed *p = w->p;

	for (int i = 0; i < p->ncaps; i++) {
		const struct capture *c = &p->caps[i];
		size_t vl = c->len > 256 ? 256 : c->len;
		int k;

		if (!fact_worth(c->field) || c->len == 0 || c->name == NULL)
			continue;
		for (k = 0; k < n->nfacts; k++)
			if (strcmp(n->facts[k].name, c->name) == 0)
				break;
		if (k == n->nfacts) {
			if (n->nfacts >= MODEL_MAX_FACTS)
				continue;
			if (n->facts == NULL)
				n->facts = arena_alloc(&n->ar, MODEL_MAX_FACTS * sizeof *n->facts);
			n->facts[k].name = arena_strndup(&n->ar, c->name, strlen(c->name));
			n->nfacts++;
		}
		/* keep the latest value (a retry may propose anew) in the one
		 * buffer of the fact, which holds the longest value (256) */
		if (n->facts[k].value == NULL)
			n->facts[k].value = arena_alloc(&n->ar, 257);
		ev_set(w, &n->facts[k].ev);
		/* the value is taken from the redacted line: a captured value
		 * that redaction changed (it held or touched a secret) is not
		 * kept, only that there was one */
		if (fact_redacted(w, c->s, vl)) {
			memcpy(n->facts[k].value, "***", 4);
			continue;
		}
		memcpy(n->facts[k].value, c->s, vl);
		n->facts[k].value[vl] = '\0';
	}
}



static void set_role(struct nego *n, enum role r)
{
	if (n->role == ROLE_UNKNOWN && r != ROLE_UNKNOWN)
		n->role = r;
}

/* Record that this side logged st in direction dir. */
static void log_step(struct mw *w, struct nego *n, enum step st, enum dir dir)
{
	struct stepcells *c = step_cells(n, st);

	if (c == NULL)
		return;
	if (dir == DIR_RECV)
		cell_add(w, &c->recv, NULL);
	else
		cell_add(w, &c->sent, NULL);
	if (dir == DIR_SENT)
		set_role(n, step_sender(st));
	else if (dir == DIR_RECV)
		set_role(n, role_other(step_sender(st)));
}

/* The newest step this negotiation sent (by protocol order). */
static enum step last_sent(const struct nego *n)
{
	for (int s = STEP_COUNT - 1; s > STEP_NONE; s--) {
		const struct stepcells *c = n->steps[s];

		if (c != NULL && (c->sent.count || c->retrans.count) && !step_is_local((enum step)s) &&
		    step_sender((enum step)s) != ROLE_UNKNOWN)
			return (enum step)s;
	}
	return STEP_NONE;
}

/* The step this side sent last (by line), exchanges either peer may start
 * included: what a retransmission without a state name repeats (strongSwan
 * "retransmit 2 of request with message ID 2" after a DPD request). */
static enum step latest_sent(const struct nego *n)
{
	enum step best = STEP_NONE;
	uint64_t bl = 0;

	for (int s = 1; s < STEP_COUNT; s++) {
		const struct stepcells *c = n->steps[s];
		uint64_t l;

		if (c == NULL || step_is_local((enum step)s) || (c->sent.count == 0 && c->retrans.count == 0))
			continue;
		l = c->sent.count ? c->sent.first.line : c->retrans.first.line;
		if (c->retrans.count && c->retrans_last.line > l)
			l = c->retrans_last.line;
		if (l >= bl) {
			bl = l;
			best = (enum step)s;
		}
	}
	return best;
}

/*
 * An established SA proves that the exchange's last message from the other
 * side arrived, even where the daemon does not log that receipt itself
 * (libreswan: "IKE SA established" on both sides).
 */
static void imply_final(struct mw *w, struct nego *n, int level)
{
	enum step init_gets, resp_gets;

	if (level == 1) {
		if (n->ike_version == 2 || n->steps[S_SA_INIT_I] || n->steps[S_SA_INIT_R] || n->steps[S_AUTH_I] ||
		    n->steps[S_AUTH_R]) {
			init_gets = S_AUTH_R;
			resp_gets = S_AUTH_I;
		} else if (n->steps[S_AI1] || n->steps[S_AR1] || n->steps[S_AI2]) {
			init_gets = S_AR1;
			resp_gets = S_AI2;
		} else {
			init_gets = S_MR3;
			resp_gets = S_MI3;
		}
	} else {
		if (n->steps[S_QI1] || n->steps[S_QR1] || n->steps[S_QI2]) {
			init_gets = S_QR1;
			resp_gets = S_QI2;
		} else {
			return;
		}
	}
	if (n->role == ROLE_INITIATOR && !nego_received(n, init_gets))
		log_step(w, n, init_gets, DIR_RECV);
	else if (n->role == ROLE_RESPONDER && !nego_received(n, resp_gets))
		log_step(w, n, resp_gets, DIR_RECV);
}



/* What an event line says about its negotiation: steps, receipts it
 * proves, establishment, transitions, retransmissions, duplicates. */
static void apply_event(const struct mw *wp, struct nego *n, const struct dialect *d, const struct parsed *p,
    enum step st, uint64_t lineno)
{
	const struct dl_event *ev = p->ev;
	struct mw w = *wp;

	set_role(n, ev->role);
	if (ev->ike != 0)
		n->ike_version = ev->ike;
	if (ev->life == 3 && n->deleted.line == 0) {
		n->deleted.line = lineno;
		n->deleted.has_t = p->has_time;
		n->deleted.t = p->has_time ? p->t.us : 0;
	}
	if (st != STEP_NONE && !ev->retrans && !ev->dup)
		log_step(&w, n, st, ev->dir);
	if (ev->ack != STEP_NONE)
		log_step(&w, n, ev->ack, DIR_RECV);
	if (ev->reply) {
		/* the message that answers this side's last one arrived */
		enum step ls = last_sent(n);

		for (int k = 1; ls != STEP_NONE && k < STEP_COUNT; k++)
			if (step_prev((enum step)k) == ls) {
				log_step(&w, n, (enum step)k, DIR_RECV);
				break;
			}
	}
	if (ev->established) {
		ev_set(&w, ev->established == 1 ? &n->est_ike : &n->est_ipsec);
		imply_final(&w, n, ev->established);
	}
	{
		const struct capture *to = parsed_cap(p, F_TO);
		const struct capture *sc = parsed_cap(p, F_STATE);

		if (to != NULL) {
			enum step ts = d != NULL ? dialect_state_step(d, to->s, to->len) : STEP_NONE;

			/* the state tells the role; the explicit "sent MR1" lines that
			 * follow a transition are the better ladder evidence */
			copy_cap(n->last_state, sizeof n->last_state, to);
			if (ts != STEP_NONE)
				set_role(n, step_sender(ts));
		}
		if (ev->retrans || ev->dup) {
			enum step rs = st;

			if (sc != NULL && d != NULL) {
				enum step m = dialect_state_step(d, sc->s, sc->len);

				if (m != STEP_NONE)
					rs = m;
				if (!*n->last_state)
					copy_cap(n->last_state, sizeof n->last_state, sc);
			}
			if (rs == STEP_NONE)
				rs = ev->retrans ? latest_sent(n) : last_sent(n);
			if (ev->dup)
				rs = step_prev(rs) != STEP_NONE ? step_prev(rs) : rs;
			if (rs != STEP_NONE) {
				struct stepcells *c = step_cells(n, rs);

				if (ev->giveup) {
					/* the give-up line is the evidence, its N the count */
					const struct capture *nc = parsed_cap(p, F_N);
					unsigned got = nc != NULL ? (unsigned)cap_int(nc) : 0;

					ev_set(&w, c->retrans.count ? &c->retrans_last : &c->retrans.first);
					if (got > c->retrans.count)
						c->retrans.count = got;
				} else {
					cell_add(&w, ev->dup ? &c->dup : &c->retrans, ev->retrans ? &c->retrans_last : NULL);
				}
				if (ev->retrans)
					set_role(n, step_sender(rs));
				else
					set_role(n, role_other(step_sender(rs)));
			}
		}
	}
}



/* A line of n: its span of lines and times, names, IKE version. */
static void touch(struct nego *n, const struct dialect *d, const struct parsed *p, uint64_t lineno,
    const char *conn, const char *peer)
{
	if (n->first_line == 0) {
		n->first_line = lineno;
		if (p->has_time) {
			n->t_start = p->t.us;
			n->has_t = 1;
		}
	}
	n->last_line = lineno;
	if (p->has_time) {
		if (!n->has_t)
			n->t_start = p->t.us;
		n->t_last = p->t.us;
		n->has_t = 1;
	}
	if (*conn && !*n->conn)
		strlcpy_n(n->conn, sizeof n->conn, conn, strlen(conn));
	if (*peer && !*n->peer)
		strlcpy_n(n->peer, sizeof n->peer, peer, strlen(peer));
	if (d != NULL && d->ike && n->ike_version == 0)
		n->ike_version = d->ike;
}

void model_apply(const struct kb *kb, struct side *s, const struct parsed *p,
    uint64_t lineno, const char *raw, size_t rawlen)
{
	const struct dl_event *ev = p->ev;
	const struct dialect *d = s->dialect >= 0 ? &kb->dialects[s->dialect] : NULL;
	const struct signature *sg = p->sig >= 0 ? &kb->sigs[p->sig] : NULL;
	char conn[96], peer[64], key[64];
	const struct capture *cid, *cseq;
	int serial, parent;
	struct nego *n = NULL;
	enum step st = ev != NULL ? ev->step : STEP_NONE;
	enum step hint = st;
	struct mw w;
	int redacted = -1;

	if (p->ignored)
		return;
	if (ev == NULL && sg == NULL) {
		note_unmapped(s, p, lineno);
		return;
	}
	s->nevents++;
	copy_cap(conn, sizeof conn, parsed_cap(p, F_CONN));
	copy_cap(peer, sizeof peer, parsed_cap(p, F_PEER));
	strip_port(peer);
	serial = cap_int(parsed_cap(p, F_SERIAL));
	parent = cap_int(parsed_cap(p, F_PARENT));
	remember_name(s->conns, &s->nconns, conn);
	remember_name(s->peers, &s->npeers, peer);
	if (ev != NULL && (ev->life == 1 || ev->life == 2)) {
		note_life(s, p, lineno, ev->life == 1);
		if (sg == NULL)
			return;
	}
	/* a deletion tells about a state already known; alone it is no
	 * negotiation */
	if (ev != NULL && ev->life == 3 && sg == NULL && ev->step == STEP_NONE &&
	    (serial == 0 || find_serial(s, serial) == NULL))
		return;
	cid = parsed_cap(p, F_ICMP_ID);
	cseq = parsed_cap(p, F_ICMP_SEQ);
	/* a state name ("to STATE_QUICK_R1") also tells the exchange */
	if (hint == STEP_NONE && d != NULL) {
		const struct capture *sc = parsed_cap(p, F_TO);

		if (sc == NULL)
			sc = parsed_cap(p, F_STATE);
		if (sc != NULL)
			hint = dialect_state_step(d, sc->s, sc->len);
	}

	if (cid != NULL && cseq != NULL) {
		snprintf(key, sizeof key, "icmp:%.*s:%.*s", (int)(cid->len > 20 ? 20 : cid->len), cid->s,
		    (int)(cseq->len > 20 ? 20 : cseq->len), cseq->s);
		n = find_key(s, key);
		if (n == NULL) {
			n = new_nego(s, NK_TRAFFIC);
			strlcpy_n(n->key, sizeof n->key, key, strlen(key));
		}
	} else if (ev == NULL && serial == 0 && sg->phase == PH_CONFIG) {
		{
			struct mw sw = { &s->ar, &s->tmp, lineno, p, raw, rawlen, NULL };

			add_hit(&sw, &s->hits, &s->nhits, &s->caphits, p->sig, sg->severity >= SEV_WARNING);
		}
		return;
	} else if (serial != 0) {
		n = by_serial(s, d, p, sg, st, hint, serial, parent, conn, peer, lineno);
	} else {
		n = by_name(s, d, p, st, conn, peer, lineno);
	}

	/* update */
	w.ar = &n->ar;
	w.tmp = &s->tmp;
	w.line = lineno;
	w.p = p;
	w.raw = raw;
	w.len = rawlen;
	w.redacted = &redacted;
	touch(n, d, p, lineno, conn, peer);
	if (sg != NULL) {
		add_hit(&w, &n->hits, &n->nhits, &n->caphits, p->sig, sg->severity >= SEV_WARNING);
		if (sg->role != ROLE_UNKNOWN && n->kind != NK_TRAFFIC)
			set_role(n, sg->role);
	}
	add_facts(&w, n);
	note_ids(n, p);
	if (ev != NULL)
		apply_event(&w, n, d, p, st, lineno);
}

void model_finish(struct side *s)
{
	for (int i = 0; i < s->nnegos; i++) {
		struct nego *n = s->negos[i];
		int votes[3] = {0};

		n->m_sent = n->m_recv = n->m_any = 0;
		for (int st = 1; st < STEP_COUNT; st++) {
			const struct stepcells *c = n->steps[st];

			if (c == NULL)
				continue;
			n->m_any |= 1ULL << st;
			if (c->sent.count || c->retrans.count)
				n->m_sent |= 1ULL << st;
			if (c->recv.count || c->dup.count) {
				enum step prev = step_prev((enum step)st);

				n->m_recv |= 1ULL << st;
				/* a response received implies its request was sent (for
				 * pairing only: AUTH_R received fits AUTH_I received
				 * by the other side) */
				if (prev != STEP_NONE && step_sender(prev) != step_sender((enum step)st)) {
					n->m_sent |= 1ULL << prev;
					n->m_any |= 1ULL << prev;
				}
			}
		}

		if (n->role != ROLE_UNKNOWN)
			continue;
		for (int st = 1; st < STEP_COUNT; st++) {
			const struct stepcells *c = n->steps[st];
			enum role snd = step_sender((enum step)st);

			if (c == NULL || snd == ROLE_UNKNOWN)
				continue;
			if (c->sent.count || c->retrans.count)
				votes[snd]++;
			if (c->recv.count || c->dup.count)
				votes[role_other(snd)]++;
		}
		if (votes[ROLE_INITIATOR] > votes[ROLE_RESPONDER])
			n->role = ROLE_INITIATOR;
		else if (votes[ROLE_RESPONDER] > votes[ROLE_INITIATOR])
			n->role = ROLE_RESPONDER;
	}
}
