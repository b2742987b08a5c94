/*
 * acm.c - see acm.h. Build: a trie over byte classes, then breadth-first
 * failure links turn it into a complete DFA; each state's output list holds
 * its own ids and those of its failure chain.
 */
#include "match/acm.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

#define ACM_MAXKEY 16

struct acm_key {
	char *s;
	size_t len;
	int id;
};

struct acm {
	struct acm_key *keys;
	size_t nkeys, capkeys;
	uint8_t cls[256];
	int ncls;
	int32_t *delta;       /* nstates * ncls */
	uint16_t *d16;        /* compact copy: next state | 0x8000 if it has output */
	int32_t *out_off;     /* nstates + 1 offsets into outs */
	int32_t *outs;
	int nstates;
	int max_id;
	int built;
};

struct acm *acm_new(void)
{
	struct acm *a = xcalloc(1, sizeof *a);

	a->max_id = -1;
	return a;
}

void acm_free(struct acm *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->nkeys; i++)
		free(a->keys[i].s);
	free(a->keys);
	free(a->delta);
	free(a->d16);
	free(a->out_off);
	free(a->outs);
	free(a);
}

void acm_add(struct acm *a, const char *key, size_t len, int id)
{
	struct acm_key *k;

	if (a->built || len == 0)
		td_fatal("acm_add: bad call");
	if (len > ACM_MAXKEY)
		len = ACM_MAXKEY;
	k = VEC_PUSH(a->keys, a->nkeys, a->capkeys);
	k->s = xstrndup(key, len);
	k->len = len;
	k->id = id;
	if (id > a->max_id)
		a->max_id = id;
}

/* Byte classes: each byte that occurs in a key gets its own class. */
static void build_classes(struct acm *a)
{
	int nc = 1;

	memset(a->cls, 0, sizeof a->cls);
	for (size_t i = 0; i < a->nkeys; i++)
		for (size_t j = 0; j < a->keys[i].len; j++) {
			uint8_t b = (uint8_t)a->keys[i].s[j];

			if (a->cls[b] == 0 && nc < 255)
				a->cls[b] = (uint8_t)nc++;
		}
	a->ncls = nc;
}

/* Temporary lists of each state's own ids while building. */
struct own {
	int32_t *head;       /* per state: first link, -1 */
	int32_t *next, *id;  /* per link */
};

/* The trie of the keys in delta (-1: no edge); returns the state count. */
static size_t build_trie(struct acm *a, struct own *own)
{
	size_t maxstates = 1, nst = 1, nlinks = 0;
	const int nc = a->ncls;

	for (size_t i = 0; i < a->nkeys; i++)
		maxstates += a->keys[i].len;
	a->delta = xcalloc(maxstates * (size_t)nc, sizeof(int32_t));
	for (size_t i = 0; i < maxstates * (size_t)nc; i++)
		a->delta[i] = -1;
	own->head = xmalloc(maxstates * sizeof(int32_t));
	for (size_t i = 0; i < maxstates; i++)
		own->head[i] = -1;
	own->next = xmalloc((a->nkeys + 1) * sizeof(int32_t));
	own->id = xmalloc((a->nkeys + 1) * sizeof(int32_t));
	for (size_t i = 0; i < a->nkeys; i++) {
		int32_t st = 0;

		for (size_t j = 0; j < a->keys[i].len; j++) {
			int c = a->cls[(uint8_t)a->keys[i].s[j]];
			int32_t *t = &a->delta[(size_t)st * nc + c];

			if (*t < 0)
				*t = (int32_t)nst++;
			st = *t;
		}
		own->id[nlinks] = a->keys[i].id;
		own->next[nlinks] = own->head[st];
		own->head[st] = (int32_t)nlinks++;
	}
	return nst;
}

/* Failure links, breadth first, turn the trie into a complete DFA. */
static int32_t *build_fail(struct acm *a, size_t nst)
{
	int32_t *fail = xcalloc(nst, sizeof(int32_t));
	int32_t *queue = xmalloc(nst * sizeof(int32_t));
	const int nc = a->ncls;
	size_t qh = 0, qt = 0;

	for (int c = 0; c < nc; c++) {
		int32_t *t = &a->delta[c];

		if (*t < 0) {
			*t = 0;
		} else {
			fail[*t] = 0;
			queue[qt++] = *t;
		}
	}
	while (qh < qt) {
		int32_t st = queue[qh++];

		for (int c = 0; c < nc; c++) {
			int32_t *t = &a->delta[(size_t)st * nc + c];

			if (*t < 0) {
				*t = a->delta[(size_t)fail[st] * nc + c];
			} else {
				fail[*t] = a->delta[(size_t)fail[st] * nc + c];
				queue[qt++] = *t;
			}
		}
	}
	free(queue);
	return fail;
}

/* Outputs: each state's own ids plus its failure chain's. */
static void build_outputs(struct acm *a, size_t nst, const int32_t *fail, const struct own *own)
{
	size_t cap = 0, n = 0;
	int32_t *outs = NULL;

	a->out_off = xcalloc(nst + 1, sizeof(int32_t));
	for (size_t s = 0; s < nst; s++) {
		a->out_off[s] = (int32_t)n;
		for (int32_t f = (int32_t)s;; f = fail[f]) {
			for (int32_t l = own->head[f]; l >= 0; l = own->next[l])
				*VEC_PUSH(outs, n, cap) = own->id[l];
			if (f == 0)
				break;
		}
	}
	a->out_off[nst] = (int32_t)n;
	a->outs = outs;
}

/* A compact table when states fit 15 bits: half the cache footprint, and
 * the output test folded into the transition. */
static void build_d16(struct acm *a, size_t nst)
{
	const int nc = a->ncls;

	if (nst >= 0x8000)
		return;
	a->d16 = xmalloc(nst * (size_t)nc * sizeof(uint16_t));
	for (size_t i = 0; i < nst * (size_t)nc; i++) {
		int32_t t = a->delta[i];

		a->d16[i] = (uint16_t)(t | (a->out_off[t] != a->out_off[t + 1] ? 0x8000 : 0));
	}
	free(a->delta);	/* the scan uses d16 alone */
	a->delta = NULL;
}

void acm_build(struct acm *a)
{
	struct own own;
	int32_t *fail;
	size_t nst;

	build_classes(a);
	nst = build_trie(a, &own);
	a->nstates = (int)nst;
	fail = build_fail(a, nst);
	build_outputs(a, nst, fail, &own);
	build_d16(a, nst);
	free(fail);
	free(own.head);
	free(own.next);
	free(own.id);
	a->built = 1;
}

/* The memo: direct mapped by a hash of the message. */
#define MEMO_SLOTS 1024
#define MEMO_LEN 128	/* longer messages are scanned every time */
#define MEMO_IDS 16	/* so are messages with more ids */

struct memo_slot {
	const struct acm *a;
	uint64_t h;
	uint16_t len;
	uint8_t nids, maxids;
	int32_t ids[MEMO_IDS];
	char s[MEMO_LEN];
};

struct acm_memo {
	struct memo_slot slot[MEMO_SLOTS];
};

void acm_scratch_free(struct acm_scratch *s)
{
	free(s->memo);
	free(s->parse_memo);
	free(s->stamp);
	memset(s, 0, sizeof *s);
}

/* Add the outputs of state st not seen in this scan; returns the new count. */
static inline int emit(const struct acm *a, struct acm_scratch *sc, int32_t st, int *ids, int n, int maxids)
{
	for (int32_t k = a->out_off[st]; k < a->out_off[st + 1]; k++) {
		int id = a->outs[k];

		if (sc->stamp[id] != sc->gen && n < maxids) {
			sc->stamp[id] = sc->gen;
			ids[n++] = id;
		}
	}
	return n;
}

static int scan(const struct acm *a, struct acm_scratch *sc, const char *s, size_t len, int *ids, int maxids);

int acm_scan(const struct acm *a, struct acm_scratch *sc, const char *s,
    size_t len, int *ids, int maxids)
{
	struct memo_slot *m;
	uint64_t h;
	int n;

	if (len > MEMO_LEN || maxids < 0 || maxids > 255)
		return scan(a, sc, s, len, ids, maxids);
	if (sc->memo == NULL)
		sc->memo = xcalloc(1, sizeof *sc->memo);
	h = hash_bytes(s, len);
	m = &sc->memo->slot[h % MEMO_SLOTS];
	if (m->a == a && m->h == h && m->len == len && m->maxids == maxids && memcmp(m->s, s, len) == 0) {
		for (int k = 0; k < m->nids; k++)
			ids[k] = m->ids[k];
		return m->nids;
	}
	n = scan(a, sc, s, len, ids, maxids);
	if (n <= MEMO_IDS) {
		m->a = a;
		m->h = h;
		m->len = (uint16_t)len;
		m->maxids = (uint8_t)maxids;
		m->nids = (uint8_t)n;
		for (int k = 0; k < n; k++)
			m->ids[k] = ids[k];
		memcpy(m->s, s, len);
	} else {
		m->a = NULL;
	}
	return n;
}

static int scan(const struct acm *a, struct acm_scratch *sc, const char *s, size_t len, int *ids, int maxids)
{
	const int32_t *delta = a->delta, *off = a->out_off;
	const uint8_t *cls = a->cls;
	const int nc = a->ncls;
	int32_t st = 0;
	int n = 0;

	if (!a->built || a->max_id < 0)
		return 0;
	if (sc->nstamp < (size_t)a->max_id + 1) {
		sc->stamp = xrealloc(sc->stamp, ((size_t)a->max_id + 1) * sizeof(uint32_t));
		memset(sc->stamp, 0, ((size_t)a->max_id + 1) * sizeof(uint32_t));
		sc->nstamp = (size_t)a->max_id + 1;
	}
	if (++sc->gen == 0) {
		memset(sc->stamp, 0, sc->nstamp * sizeof(uint32_t));
		sc->gen = 1;
	}
	if (a->d16 != NULL) {
		const uint16_t *d16 = a->d16;
		uint32_t cur = 0;

		for (size_t i = 0; i < len; i++) {
			uint16_t v = d16[cur * (uint32_t)nc + cls[(uint8_t)s[i]]];

			cur = v & 0x7fff;
			if (v & 0x8000)
				n = emit(a, sc, (int32_t)cur, ids, n, maxids);
		}
		return n;
	}
	for (size_t i = 0; i < len; i++) {
		st = delta[(size_t)st * nc + cls[(uint8_t)s[i]]];
		if (off[st] != off[st + 1])
			n = emit(a, sc, st, ids, n, maxids);
	}
	return n;
}
