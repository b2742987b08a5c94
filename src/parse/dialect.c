/*
 * dialect.c - see dialect.h.
 */
#include "parse/dialect.h"
#include "base/util.h"

#include <stddef.h>
#include <string.h>

#define MAXCAND 64

/* The first of d's formats that parses the line's start (memo m: NULL or the side's). */
static size_t time_memo(const struct dialect *d, struct timefmt_memo *m, const char *line, size_t len, struct logtime *t)
{
	for (int i = 0; i < d->ntime; i++) {
		size_t n = timefmt_parse_memo(d->time[i], line, len, t, m);

		if (n > 0)
			return n;
	}
	return 0;
}

size_t dialect_time(const struct dialect *d, const char *line, size_t len, struct logtime *t)
{
	return time_memo(d, NULL, line, len, t);
}

static void add_caps(struct parsed *out, const struct capture *c, int n)
{
	for (int i = 0; i < n && out->ncaps < PARSED_MAXCAPS; i++)
		out->caps[out->ncaps++] = c[i];
}

/* Everything after the timestamp: noise, prefix, message, event, signature. */
static void parse_rest(const struct kb *kb, const struct dialect *d, struct acm_scratch *sc,
    const char *line, size_t pos, size_t len, struct parsed *out)
{
	struct capture caps[PAT_MAXCAPS];
	int ids[MAXCAND], nids, ncaps, best_ev = -1, best_sig = -1;
	size_t end, best_len = 0;
	int best_sig_pat = -1;

	for (int i = 0; i < d->nignore; i++)
		if (pattern_may_match_head(&d->ignore[i], line + pos, len - pos) &&
		    pattern_match(&d->ignore[i], line + pos, len - pos, NULL, NULL, NULL)) {
			out->ignored = 1;
			out->msg = line + pos;
			out->msglen = len - pos;
			return;
		}
	for (int i = 0; i < d->nstrip; i++)
		if (pattern_may_match_head(&d->strip[i], line + pos, len - pos) &&
		    pattern_match(&d->strip[i], line + pos, len - pos, NULL, NULL, &end))
			pos += end;
	for (int i = 0; i < d->nprefix; i++)
		if (pattern_may_match_head(&d->prefix[i], line + pos, len - pos) &&
		    pattern_match(&d->prefix[i], line + pos, len - pos, caps, &ncaps, &end)) {
			add_caps(out, caps, ncaps);
			pos += end;
			break;
		}
	while (len > pos && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	out->msg = line + pos;
	out->msglen = len - pos;
	if (out->msglen == 0)
		return;
	nids = acm_scan(d->acm, sc, out->msg, out->msglen, ids, MAXCAND);
	for (int k = 0; k < nids; k++) {
		int id = ids[k];

		if (id < d->nevents) {
			if (best_ev >= 0 && id > best_ev)
				continue;
			if (pattern_match(&d->events[id].pat, out->msg, out->msglen, NULL, NULL, NULL))
				best_ev = id;
		} else {
			int s = d->cand_sig[id - d->nevents], p = d->cand_pat[id - d->nevents];
			size_t ll = pattern_litlen(&kb->sigs[s].pats[p]);

			if (ll <= best_len)
				continue;
			if (pattern_match(&kb->sigs[s].pats[p], out->msg, out->msglen, NULL, NULL, NULL)) {
				best_sig = s;
				best_sig_pat = p;
				best_len = ll;
			}
		}
	}
	if (best_ev >= 0) {
		out->ev = &d->events[best_ev];
		if (pattern_match(&out->ev->pat, out->msg, out->msglen, caps, &ncaps, NULL))
			add_caps(out, caps, ncaps);
	}
	if (best_sig >= 0) {
		out->sig = best_sig;
		if (pattern_match(&kb->sigs[best_sig].pats[best_sig_pat], out->msg, out->msglen, caps, &ncaps, NULL))
			add_caps(out, caps, ncaps);
	}
}

/*
 * The memo of parsed lines: what follows the timestamp repeats (startup
 * noise, retries, the same message of every negotiation), and its parse is
 * a function of the dialect and those bytes alone. A slot keeps the bytes
 * and the result with the message and captures as offsets into them.
 */
#define PMEMO_SLOTS 1024
#define PMEMO_LEN 160	/* longer lines are parsed every time */
#define PMEMO_CAPS 8	/* so are lines with more captures */

struct pmemo_cap {
	enum field field;
	const char *name;
	uint32_t off, len;
};

struct pmemo_slot {
	const struct dialect *d;
	uint64_t h;
	uint16_t len, msgoff, msglen;
	uint8_t ignored, ncaps;
	const struct dl_event *ev;
	int sig;
	struct pmemo_cap caps[PMEMO_CAPS];
	char s[PMEMO_LEN];
};

struct pmemo {
	struct pmemo_slot slot[PMEMO_SLOTS];
};

/* The result of slot m for the bytes at rest. */
static void pmemo_get(const struct pmemo_slot *m, const char *rest, struct parsed *out)
{
	out->ignored = m->ignored;
	out->msg = rest + m->msgoff;
	out->msglen = m->msglen;
	out->ev = m->ev;
	out->sig = m->sig;
	out->ncaps = m->ncaps;
	for (int i = 0; i < m->ncaps; i++) {
		out->caps[i].field = m->caps[i].field;
		out->caps[i].name = m->caps[i].name;
		out->caps[i].s = rest + m->caps[i].off;
		out->caps[i].len = m->caps[i].len;
	}
}

/* Keep the result for rest[0..len) in m, when it fits. */
static void pmemo_put(struct pmemo_slot *m, const struct dialect *d, uint64_t h, const char *rest, size_t len,
    const struct parsed *out)
{
	m->d = NULL;
	if (out->ncaps > PMEMO_CAPS || out->msg < rest || out->msg + out->msglen > rest + len)
		return;
	for (int i = 0; i < out->ncaps; i++) {
		const struct capture *c = &out->caps[i];

		if (c->s < rest || c->s + c->len > rest + len)
			return;
		m->caps[i] = (struct pmemo_cap){ c->field, c->name, (uint32_t)(c->s - rest), (uint32_t)c->len };
	}
	m->h = h;
	m->len = (uint16_t)len;
	m->msgoff = (uint16_t)(out->msg - rest);
	m->msglen = (uint16_t)out->msglen;
	m->ignored = (uint8_t)out->ignored;
	m->ncaps = (uint8_t)out->ncaps;
	m->ev = out->ev;
	m->sig = out->sig;
	memcpy(m->s, rest, len);
	m->d = d;
}

void dialect_parse(const struct kb *kb, const struct dialect *d, struct acm_scratch *sc,
    const char *line, size_t len, struct parsed *out)
{
	struct pmemo_slot *m = NULL;
	size_t pos;
	uint64_t h = 0;

	/* all but the captures, which count only up to ncaps (1.5 kB a line) */
	memset(out, 0, offsetof(struct parsed, caps));
	out->ncaps = 0;
	out->sig = -1;
	pos = time_memo(d, &sc->time_memo, line, len, &out->t);
	if (pos > 0) {
		out->has_time = 1;
		out->time_len = pos;
		while (pos < len && (line[pos] == ' ' || line[pos] == '\t'))
			pos++;
	}
	if (len - pos <= PMEMO_LEN) {
		if (sc->parse_memo == NULL)
			sc->parse_memo = xcalloc(1, sizeof(struct pmemo));
		h = hash_bytes(line + pos, len - pos);
		m = &((struct pmemo *)sc->parse_memo)->slot[h % PMEMO_SLOTS];
		if (m->d == d && m->h == h && m->len == len - pos && memcmp(m->s, line + pos, len - pos) == 0) {
			pmemo_get(m, line + pos, out);
			return;
		}
	}
	parse_rest(kb, d, sc, line, pos, len, out);
	if (m != NULL)
		pmemo_put(m, d, h, line + pos, len - pos, out);
}

const struct capture *parsed_cap(const struct parsed *p, enum field f)
{
	for (int i = 0; i < p->ncaps; i++)
		if (p->caps[i].field == f && p->caps[i].len > 0)
			return &p->caps[i];
	return NULL;
}

enum step dialect_state_step(const struct dialect *d, const char *name, size_t len)
{
	/* tolerate trailing punctuation ("STATE_MAIN_I3." in pluto) */
	while (len > 0 && (name[len - 1] == '.' || name[len - 1] == ',' || name[len - 1] == ')' || name[len - 1] == ':'))
		len--;
	for (int i = 0; i < d->nstates; i++)
		if (strlen(d->states[i].name) == len && memcmp(d->states[i].name, name, len) == 0)
			return d->states[i].step;
	return STEP_NONE;
}

/*
 * Score each dialect over the first lines: a timestamp it knows (+2), one
 * of its detect strings (+3), a line it turns into an event (+2) or a
 * signature (+1), a prefix it cuts (+1). Highest score wins; no score: -1.
 */
int dialect_detect(const struct kb *kb, const char *const *lines, const size_t *lens, int n)
{
	struct acm_scratch sc = {0};
	int best = -1;
	long best_score = 0;

	for (int di = 0; di < kb->ndialects; di++) {
		const struct dialect *d = &kb->dialects[di];
		long score = 0;

		for (int i = 0; i < n; i++) {
			struct logtime t;
			struct parsed p;

			if (dialect_time(d, lines[i], lens[i], &t) > 0)
				score += 2;
			for (int k = 0; k < d->ndetect; k++)
				if (memmem(lines[i], lens[i], d->detect[k], strlen(d->detect[k])) != NULL) {
					score += 3;
					break;
				}
			dialect_parse(kb, d, &sc, lines[i], lens[i], &p);
			if (p.ignored)
				continue;
			score += (p.ev != NULL ? 2 : 0) + (p.sig >= 0 ? 1 : 0) +
			    (p.msg != lines[i] + p.time_len && p.ncaps > 0 ? 1 : 0);
		}
		if (score > best_score) {
			best_score = score;
			best = di;
		}
	}
	acm_scratch_free(&sc);
	return best;
}
