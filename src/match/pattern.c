/*
 * pattern.c - compile and match kb patterns (see pattern.h).
 *
 * Matching walks the pieces left to right. A literal must follow directly
 * (or, after a lazy capture, at its next occurrence); typed captures consume
 * a run of their characters. When a later piece fails, the previous lazy
 * capture extends to the next occurrence of its literal: a small bounded
 * backtracking search, so no input can make it run away.
 */
#include "match/pattern.h"
#include "base/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const field_names[F_COUNT] = {
	[F_OTHER] = "", [F_CONN] = "conn", [F_INST] = "inst",
	[F_SERIAL] = "serial", [F_PARENT] = "parent", [F_PEER] = "peer",
	[F_PORT] = "port", [F_STATE] = "state", [F_FROM] = "from",
	[F_TO] = "to", [F_MSGID] = "msgid", [F_SPI_IN] = "spi_in",
	[F_SPI_OUT] = "spi_out", [F_ICOOKIE] = "icookie",
	[F_PROPOSAL] = "proposal", [F_TS_LOCAL] = "ts_local",
	[F_TS_REMOTE] = "ts_remote", [F_ID] = "id",
	[F_ID_EXPECTED] = "id_expected", [F_ICMP_ID] = "icmp_id",
	[F_ICMP_SEQ] = "icmp_seq", [F_SRC] = "src", [F_DST] = "dst",
	[F_FWRULE] = "fwrule", [F_N] = "n",
};

static enum field field_lookup(const char *name)
{
	for (int f = F_OTHER + 1; f < F_COUNT; f++)
		if (strcmp(field_names[f], name) == 0)
			return (enum field)f;
	return F_OTHER;
}

/* Append a literal piece (merging with a preceding literal). */
static void add_lit(struct pat_piece **v, size_t *n, size_t *cap, const char *s, size_t len)
{
	struct pat_piece *pc;

	if (len == 0)
		return;
	if (*n > 0 && (*v)[*n - 1].lit != NULL) {
		pc = &(*v)[*n - 1];
		pc->lit = xrealloc(pc->lit, pc->litlen + len + 1);
		memcpy(pc->lit + pc->litlen, s, len);
		pc->litlen += len;
		pc->lit[pc->litlen] = '\0';
		return;
	}
	pc = VEC_PUSH(*v, *n, *cap);
	memset(pc, 0, sizeof *pc);
	pc->lit = xstrndup(s, len);
	pc->litlen = len;
}

/*
 * The capture "{name:kind}" at src[*i]: append it and move *i past it; on
 * error set *cause and return -1.
 */
static int parse_capture(struct pat_piece **v, size_t *n, size_t *cap, const char *src, size_t len,
    size_t *i, enum lang lang, char **cause)
{
	const char *close = memchr(src + *i, '}', len - *i);
	char spec[64], *colon;
	struct pat_piece *pc;

	if (close == NULL) {
		*cause = xasprintf(msg(M_KB_PAT_UNCLOSED, lang), *i);
		return -1;
	}
	if ((size_t)(close - (src + *i + 1)) >= sizeof spec) {
		*cause = xasprintf(msg(M_KB_PAT_NAME_LONG, lang), *i);
		return -1;
	}
	strlcpy_n(spec, sizeof spec, src + *i + 1, (size_t)(close - (src + *i + 1)));
	if (*n > 0 && (*v)[*n - 1].lit == NULL) {
		*cause = xasprintf(msg(M_KB_PAT_TWO_CAPS, lang), *i);
		return -1;
	}
	pc = VEC_PUSH(*v, *n, *cap);
	memset(pc, 0, sizeof *pc);
	pc->kind = CAP_ANY;
	colon = strchr(spec, ':');
	if (colon != NULL) {
		*colon = '\0';
		if (strcmp(colon + 1, "int") == 0)
			pc->kind = CAP_INT;
		else if (strcmp(colon + 1, "word") == 0)
			pc->kind = CAP_WORD;
		else if (strcmp(colon + 1, "hex") == 0)
			pc->kind = CAP_HEX;
		else {
			*cause = xasprintf(msg(M_KB_PAT_CAP_TYPE, lang), colon + 1);
			return -1;
		}
	}
	for (char *c = spec; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_') {
			*cause = xasprintf(msg(M_KB_PAT_CAP_NAME, lang), spec);
			return -1;
		}
	if (spec[0] != '\0') {
		pc->name = xstrdup(spec);
		pc->field = field_lookup(spec);
	}
	*i = (size_t)(close - src) + 1;
	return 0;
}

int pattern_compile_lang(struct pattern *p, const char *src, enum lang lang, char **cause)
{
	size_t cap = 0, i = 0, len = strlen(src);
	size_t n = 0;
	struct pat_piece *v = NULL;

	memset(p, 0, sizeof *p);
	p->src = xstrdup(src);
	if (len > 0 && src[0] == '^') {
		p->anchor_start = 1;
		i = 1;
	}
	if (len > i && src[len - 1] == '$' && (len < 2 || src[len - 2] != '$')) {
		p->anchor_end = 1;
		len--;
	}
	while (i < len) {
		if (src[i] == '{' && i + 1 < len && src[i + 1] == '{') {
			add_lit(&v, &n, &cap, "{", 1);
			i += 2;
			continue;
		}
		if (src[i] == '}' && i + 1 < len && src[i + 1] == '}') {
			add_lit(&v, &n, &cap, "}", 1);
			i += 2;
			continue;
		}
		if (src[i] == '{') {
			if (parse_capture(&v, &n, &cap, src, len, &i, lang, cause) != 0)
				goto fail;
			continue;
		}
		{
			size_t j = i;

			while (j < len && src[j] != '{' && !(src[j] == '}' && j + 1 < len && src[j + 1] == '}'))
				j++;
			if (j == i) {
				*cause = xasprintf(msg(M_KB_PAT_STRAY, lang), i);
				goto fail;
			}
			add_lit(&v, &n, &cap, src + i, j - i);
			i = j;
		}
	}
	if (n == 0 || (n == 1 && v[0].lit == NULL)) {
		*cause = xstrdup(msg(M_KB_PAT_NO_LITERAL, lang));
		goto fail;
	}
	p->pieces = v;
	p->npieces = (int)n;
	for (int k = 0; k < p->npieces; k++)
		if (v[k].lit != NULL && v[k].litlen > p->keylen) {
			p->key = v[k].lit;
			p->keylen = v[k].litlen;
		}
	return 0;
fail:
	p->pieces = v;
	p->npieces = (int)n;
	pattern_free(p);
	return -1;
}

int pattern_compile(struct pattern *p, const char *src, char **cause)
{
	return pattern_compile_lang(p, src, LANG_EN, cause);
}

void pattern_free(struct pattern *p)
{
	if (p == NULL)
		return;
	for (int i = 0; i < p->npieces; i++) {
		free(p->pieces[i].lit);
		free(p->pieces[i].name);
	}
	free(p->pieces);
	free(p->src);
	memset(p, 0, sizeof *p);
}

size_t pattern_litlen(const struct pattern *p)
{
	size_t n = 0;

	for (int i = 0; i < p->npieces; i++)
		n += p->pieces[i].litlen;
	return n;
}

static int kind_char(enum cap_kind k, unsigned char c)
{
	switch (k) {
	case CAP_INT:
		return isdigit(c);
	case CAP_WORD:
		return c != ' ' && c != '\t' && c != '\0';
	case CAP_HEX:
		return isxdigit(c);
	default:
		return 1;
	}
}

/* Length of the typed run at s (hex may start with 0x). */
static size_t typed_run(enum cap_kind k, const char *s, size_t len)
{
	size_t i = 0;

	if (k == CAP_HEX && len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		i = 2;
	while (i < len && kind_char(k, (unsigned char)s[i]))
		i++;
	return (k == CAP_HEX && i == 2 && len >= 2 && s[1] != '0' && !isxdigit((unsigned char)s[1])) ? 0 : i;
}

/* Find needle in hay: memchr for the first byte, then compare (faster
 * than memmem for the short needles and lines of logs). */
static const char *find_lit(const char *hay, size_t n, const char *needle, size_t m)
{
	const char *end = hay + n;

	if (m == 0 || m > n)
		return m == 0 ? hay : NULL;
	while (hay + m <= end) {
		const char *c = memchr(hay, needle[0], (size_t)(end - hay) - m + 1);

		if (c == NULL)
			return NULL;
		if (memcmp(c + 1, needle + 1, m - 1) == 0)
			return c;
		hay = c + 1;
	}
	return NULL;
}

struct mstate {
	const struct pattern *p;
	const char *msg;
	size_t len;
	struct capture *caps;
	int ncaps;
	size_t end;
	int budget;
};

static void add_cap(struct mstate *m, const struct pat_piece *pc, size_t at, size_t n)
{
	struct capture *c;

	if (pc->name == NULL || m->ncaps >= PAT_MAXCAPS)
		return;
	c = &m->caps[m->ncaps++];
	c->field = pc->field;
	c->name = pc->name;
	c->s = m->msg + at;
	c->len = n;
}

/* Match pieces[i..] at position pos. */
static int match_at(struct mstate *m, int i, size_t pos)
{
	const struct pattern *p = m->p;
	const struct pat_piece *pc;
	int saved = m->ncaps;

	if (--m->budget < 0)
		return 0;
	if (i == p->npieces) {
		if (p->anchor_end) {
			size_t e = pos;

			while (e < m->len && (m->msg[e] == ' ' || m->msg[e] == '\t'))
				e++;
			if (e != m->len)
				return 0;
		}
		m->end = pos;
		return 1;
	}
	pc = &p->pieces[i];
	if (pc->lit != NULL) {
		if (m->len - pos < pc->litlen || memcmp(m->msg + pos, pc->lit, pc->litlen) != 0)
			return 0;
		return match_at(m, i + 1, pos + pc->litlen);
	}
	if (pc->kind != CAP_ANY) {
		size_t run = typed_run(pc->kind, m->msg + pos, m->len - pos);

		/* longest run first; shorter ones when what follows does not fit
		 * ("{state:word}: " must leave the colon to the literal) */
		for (; run > 0 && m->budget >= 0; run--) {
			add_cap(m, pc, pos, run);
			if (match_at(m, i + 1, pos + run))
				return 1;
			m->ncaps = saved;
			if (i + 1 == p->npieces)
				return 0;
		}
		return 0;
	}
	/* lazy capture */
	if (i + 1 == p->npieces) {
		size_t e = m->len;

		while (e > pos && (m->msg[e - 1] == ' ' || m->msg[e - 1] == '\t'))
			e--;
		add_cap(m, pc, pos, e - pos);
		m->end = m->len;
		return 1;
	}
	{
		const struct pat_piece *next = &p->pieces[i + 1];
		size_t from = pos;

		for (;;) {
			const char *hit;

			if (from > m->len || m->len - from < next->litlen)
				return 0;
			hit = find_lit(m->msg + from, m->len - from, next->lit, next->litlen);
			if (hit == NULL)
				return 0;
			add_cap(m, pc, pos, (size_t)(hit - m->msg) - pos);
			if (match_at(m, i + 1, (size_t)(hit - m->msg)))
				return 1;
			m->ncaps = saved;
			if (m->budget < 0)
				return 0;
			from = (size_t)(hit - m->msg) + 1;
		}
	}
}

int pattern_may_match_head(const struct pattern *p, const char *msg, size_t len)
{
	const struct pat_piece *first = &p->pieces[0];

	if (first->lit != NULL)
		return len >= first->litlen && memcmp(msg, first->lit, first->litlen) == 0;
	if (first->kind != CAP_ANY && p->npieces > 1 && p->pieces[1].lit != NULL) {
		/* a typed run, then the literal: it starts within the run's reach */
		size_t run = typed_run(first->kind, msg, len);
		size_t win = run + p->pieces[1].litlen;

		return run > 0 && find_lit(msg, win < len ? win : len, p->pieces[1].lit, p->pieces[1].litlen) != NULL;
	}
	if (len > PAT_HEAD)
		len = PAT_HEAD;
	return p->keylen == 0 || find_lit(msg, len, p->key, p->keylen) != NULL;
}

int pattern_match(const struct pattern *p, const char *msg, size_t len,
    struct capture *caps, int *ncaps, size_t *end)
{
	struct capture dummy[PAT_MAXCAPS];
	struct mstate m = { p, msg, len, caps ? caps : dummy, 0, 0, 4096 };
	const struct pat_piece *first = &p->pieces[0];
	int ok = 0;

	if (p->anchor_start) {
		ok = match_at(&m, 0, 0);
	} else if (first->lit != NULL) {
		size_t from = 0;

		while (!ok && from < len) {
			const char *hit = find_lit(msg + from, len - from, first->lit, first->litlen);

			if (hit == NULL || m.budget < 0)
				break;
			m.ncaps = 0;
			ok = match_at(&m, 0, (size_t)(hit - msg));
			from = (size_t)(hit - msg) + 1;
		}
	} else {
		/* leading capture: typed runs end right before the next literal;
		 * a lazy one starts at the message start */
		const struct pat_piece *next = &p->pieces[1];
		size_t from = 0;

		if (first->kind == CAP_ANY) {
			ok = match_at(&m, 0, 0);
		} else {
			while (!ok && from < len) {
				const char *hit = find_lit(msg + from, len - from, next->lit, next->litlen);
				size_t at, b;

				if (hit == NULL || m.budget < 0)
					break;
				at = (size_t)(hit - msg);
				b = at;
				while (b > 0 && kind_char(first->kind, (unsigned char)msg[b - 1]))
					b--;
				if (b < at) {
					m.ncaps = 0;
					ok = match_at(&m, 0, b);
				}
				from = at + 1;
			}
		}
	}
	if (ok) {
		if (ncaps != NULL)
			*ncaps = m.ncaps;
		if (end != NULL)
			*end = m.end;
	}
	return ok;
}
