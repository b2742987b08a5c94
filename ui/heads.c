/*
 * heads.c - the header row of a negotiation in the compact side-by-side
 * view: the connection name, state serial and peer that repeat on every
 * line move into one row, written the same for every daemon:
 *
 *   pluto   "MAI0874627901_1"[1] 77.245.32.68 #67:  ->  MAI0874627901_1 #67 → 77.245.32.68
 *   charon  <lab|1>                                 ->  lab #1 → 198.51.100.20
 *   LANCOM  (no prefix; the connection attempt)     ->  BUGFIX → 213.23.254.24
 *
 * The parts come from the dialect's prefix patterns (kb/formats) and, for
 * what the prefix does not carry, from the side's negotiation with the
 * line's serial (LANCOM: the one attempt whose lines span it). A part
 * nobody logged is left out, never guessed.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "heads.h"

struct headparts {
	const char *conn, *peer;
	size_t nconn, npeer;
	int serial;                    /* -1: none */
};

static int cap_int(const struct capture *c)
{
	int v = 0;

	for (size_t k = 0; k < c->len && k < 9; k++) {
		if (c->s[k] < '0' || c->s[k] > '9')
			return -1;
		v = v * 10 + (c->s[k] - '0');
	}
	return c->len > 0 ? v : -1;
}

/* Cut the prefix p[0..len) with the dialect's prefix patterns. */
static int cut_prefix(const struct dialect *d, const char *p, size_t len, struct headparts *hp)
{
	struct capture caps[PAT_MAXCAPS];

	for (int k = 0; k < d->nprefix; k++) {
		int ncaps = 0;
		size_t end;

		if (!pattern_may_match_head(&d->prefix[k], p, len) ||
		    !pattern_match(&d->prefix[k], p, len, caps, &ncaps, &end))
			continue;
		for (int c = 0; c < ncaps; c++) {
			if (caps[c].field == F_CONN && caps[c].len > 0) {
				hp->conn = caps[c].s;
				hp->nconn = caps[c].len;
			} else if (caps[c].field == F_PEER && caps[c].len > 0) {
				hp->peer = caps[c].s;
				hp->npeer = caps[c].len;
			} else if (caps[c].field == F_SERIAL) {
				hp->serial = cap_int(&caps[c]);
			}
		}
		return 1;
	}
	return 0;
}

static int has_serial(const struct nego *n, int serial)
{
	if (n->serial == serial)
		return 1;
	for (int k = 0; k < n->naliases; k++)
		if (n->aliases[k] == serial)
			return 1;
	return 0;
}

/* The side's negotiation line (1-based) belongs to: with the serial when
 * one is known, the newest with that serial (serials are unique while the
 * daemon runs), else the only one whose lines span it (NULL: none, or more
 * than one). Negotiations are kept in the order they began (new_nego):
 * those that began after the line are skipped by a binary search. */
static const struct nego *line_nego(const struct side *sd, uint64_t line, int serial)
{
	const struct nego *found = NULL;
	int lo = 0, hi = sd->nnegos;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (sd->negos[mid]->first_line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int k = lo - 1; k >= 0; k--) {
		const struct nego *n = sd->negos[k];

		if (n->kind == NK_TRAFFIC || line < n->first_line)
			continue;
		if (serial >= 0) {
			if (has_serial(n, serial))
				return line <= n->last_line ? n : NULL;
			continue;
		}
		if (line > n->last_line)
			continue;
		if (found != NULL)
			return NULL;
		found = n;
	}
	return found;
}

static size_t format_head(const struct app *a, const struct headparts *hp, char *buf, size_t sz)
{
	int n = 0;

	if (hp->nconn > 0)
		n = snprintf(buf, sz, "%.*s", (int)hp->nconn, hp->conn);
	if (hp->serial >= 0 && n >= 0 && (size_t)n < sz)
		n += snprintf(buf + n, sz - (size_t)n, "%s#%d", n > 0 ? " " : "", hp->serial);
	if (hp->npeer > 0 && n >= 0 && (size_t)n < sz)
		n += snprintf(buf + n, sz - (size_t)n, "%s%s %.*s", n > 0 ? " " : "", a->utf8 ? "→" : "->",
		    (int)hp->npeer, hp->peer);
	if (n < 0)
		return 0;
	return (size_t)n < sz ? (size_t)n : sz - 1;
}

/* The parts the negotiation knows and the prefix did not carry. */
static void from_nego(const struct app *a, int s, size_t i, struct headparts *hp)
{
	const struct nego *n;

	/* only by the serial: a line without one (pluto's "packet from"
	 * before the state exists) is not claimed for a negotiation */
	if (hp->serial < 0 || (hp->nconn > 0 && hp->npeer > 0))
		return;
	n = line_nego(&analysis_sides(a->an)[s], (uint64_t)i + 1, hp->serial);

	if (n == NULL)
		return;
	if (hp->nconn == 0 && n->conn[0] != '\0') {
		hp->conn = n->conn;
		hp->nconn = strlen(n->conn);
	}
	if (hp->npeer == 0 && n->peer[0] != '\0') {
		hp->peer = n->peer;
		hp->npeer = strlen(n->peer);
	}
}

/* A LANCOM line: no prefix; the connection attempt it is part of. */
static size_t lancom_head(const struct app *a, int s, size_t i, char *buf, size_t sz)
{
	struct headparts hp = { NULL, NULL, 0, 0, -1 };
	const struct nego *n = line_nego(&analysis_sides(a->an)[s], (uint64_t)i + 1, -1);

	if (n == NULL || n->kind != NK_LANCOM || n->conn[0] == '\0')
		return 0;
	hp.conn = n->conn;
	hp.nconn = strlen(n->conn);
	if (n->peer[0] != '\0') {
		hp.peer = n->peer;
		hp.npeer = strlen(n->peer);
	}
	return format_head(a, &hp, buf, sz);
}

int head_per_line(const struct app *a, int s)
{
	int d = analysis_sides(a->an)[s].dialect;

	return d >= 0 && a->kb->dialects[d].record == REC_TIMESTAMP_LINE;
}

size_t head_label(const struct app *a, int s, size_t i, char *buf, size_t sz)
{
	int d = analysis_sides(a->an)[s].dialect;
	const struct lpart *lp = parts_get(a, s, i);
	struct headparts hp = { NULL, NULL, 0, 0, -1 };
	const char *p;
	size_t n, whole;

	if (sz == 0)
		return 0;
	buf[0] = '\0';
	if (d < 0)
		return 0;
	if (a->kb->dialects[d].record == REC_TIMESTAMP_LINE)
		return lancom_head(a, s, i, buf, sz);
	n = parts_prefix(a, s, i, &p);
	if (n == 0 || lp == NULL)
		return 0;
	whole = (size_t)(linestore_get(a->side[s].ls, i)->text + lp->moff - p);
	if (!cut_prefix(&a->kb->dialects[d], p, whole, &hp)) {
		n = n < sz ? n : sz - 1;
		memcpy(buf, p, n);
		buf[n] = '\0';
		return n;
	}
	from_nego(a, s, i, &hp);
	return format_head(a, &hp, buf, sz);
}
