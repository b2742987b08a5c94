/*
 * parts.c - where a stored line's parts are, for the compact side-by-side
 * view: the timestamp, the connection/state/peer prefix that repeats on
 * every line of a negotiation, and the message (noted from the dialect as
 * the analysis reads each line); and the ladder status of the exchange
 * step the line shows (from the alignment, after each analysis).
 *
 *   09:54:08.35902 "MAI1950251842_1" #55: STATE_MAIN_I2: sent MI2, expecting MR2
 *   |- time -----| |- prefix ------------| |- message ----------------------...
 *
 * A line the dialect did not cut (no dialect yet, too long) has no parts
 * and is shown whole.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/util.h"

/* The parts of line i of side s, grown (zeroed) as lines come. */
static struct lpart *part_at(struct uside *u, size_t i)
{
	if (i >= u->capparts) {
		size_t cap = u->capparts ? u->capparts : 1024;

		while (cap <= i)
			cap *= 2;
		u->parts = xrealloc(u->parts, cap * sizeof *u->parts);
		memset(u->parts + u->capparts, 0, (cap - u->capparts) * sizeof *u->parts);
		u->capparts = cap;
	}
	if (i >= u->nparts)
		u->nparts = i + 1;
	return &u->parts[i];
}

const struct lpart *parts_get(const struct app *a, int s, size_t i)
{
	const struct uside *u = &a->side[s];

	return i < u->nparts && u->parts[i].ok ? &u->parts[i] : NULL;
}

void parts_note(struct app *a, int s, size_t i, const struct lineinfo *li, const struct parsed *p)
{
	size_t len = li->len, pos = p->has_time ? p->time_len : 0;
	struct lpart *lp = part_at(&a->side[s], i);

	while (len > 0 && (li->text[len - 1] == ' ' || li->text[len - 1] == '\t'))
		len--;
	lp->sev = li->sev;
	lp->ok = 0;
	if (len > 0xffff || p->msglen > len || pos > len - p->msglen)
		return;
	/* the prefix's start is found when it is shown (parts_prefix) */
	lp->tlen = (uint16_t)pos;
	lp->moff = (uint16_t)(len - p->msglen);
	lp->ok = 1;
}

/* Where the prefix starts: after the time and the syslog and daemon noise
 * the dialect strips (only for lines on screen: the strips are patterns). */
static size_t prefix_start(const struct app *a, int s, const struct lineinfo *li, const struct lpart *lp)
{
	int d = analysis_sides(a->an)[s].dialect;
	size_t pos = lp->tlen, moff = lp->moff;

	while (pos < moff && (li->text[pos] == ' ' || li->text[pos] == '\t'))
		pos++;
	for (int k = 0; d >= 0 && k < a->kb->dialects[d].nstrip; k++) {
		const struct pattern *pat = &a->kb->dialects[d].strip[k];
		size_t end;

		if (pos < moff && pattern_may_match_head(pat, li->text + pos, moff - pos) &&
		    pattern_match(pat, li->text + pos, moff - pos, NULL, NULL, &end))
			pos += end;
	}
	return pos > moff ? moff : pos;
}

void parts_status(struct app *a)
{
	const struct alignment *al = analysis_alignment(a->an);

	/* only the lines marked last time are cleared: a million lines are not
	 * walked after every analysis */
	for (size_t k = 0; k < a->nstat_set; k++) {
		struct uside *u = &a->side[a->stat_set[k] & 1];
		size_t i = a->stat_set[k] >> 1;

		if (i < u->nparts)
			u->parts[i].stat = 0;
	}
	a->nstat_set = 0;
	for (int g = 0; g < al->ngroups; g++)
		for (int r = 0; r < al->groups[g].nrows; r++) {
			const struct row *row = &al->groups[g].rows[r];

			for (int s = 0; s < 2; s++) {
				const struct cell *c = row->cell[s];

				if (c == NULL || c->first.line == 0 || c->first.line > a->side[s].nparts)
					continue;
				a->side[s].parts[c->first.line - 1].stat = (uint8_t)(row->status + 1);
				*VEC_PUSH(a->stat_set, a->nstat_set, a->capstat_set) = (size_t)(c->first.line - 1) << 1 | (size_t)s;
			}
		}
}

size_t parts_prefix(const struct app *a, int s, size_t i, const char **p)
{
	const struct lpart *lp = parts_get(a, s, i);
	const struct lineinfo *li = linestore_get(a->side[s].ls, i);
	size_t n;

	if (lp == NULL)
		return 0;
	*p = li->text + prefix_start(a, s, li, lp);
	n = (size_t)(li->text + lp->moff - *p);
	while (n > 0 && ((*p)[n - 1] == ' ' || (*p)[n - 1] == ':'))
		n--;
	return n;
}

size_t parts_short_time(const struct app *a, int s, size_t i, char *buf, size_t sz)
{
	const struct lpart *lp = parts_get(a, s, i);
	const char *t = linestore_get(a->side[s].ls, i)->text;

	if (lp == NULL || lp->tlen == 0 || sz < 12)
		return 0;
	/* the time of day of the stamp (the date is in the header), to 1/100 s */
	for (size_t k = 0; k + 8 <= lp->tlen; k++)
		if (t[k + 2] == ':' && t[k + 5] == ':' && t[k] >= '0' && t[k] <= '9' && t[k + 7] >= '0' && t[k + 7] <= '9') {
			size_t n = 8;

			if (k + 9 < lp->tlen && (t[k + 8] == '.' || t[k + 8] == ',')) {
				n = 9;
				while (n < 11 && k + n < lp->tlen && t[k + n] >= '0' && t[k + n] <= '9')
					n++;
			}
			memcpy(buf, t + k, n);
			buf[n] = '\0';
			return n;
		}
	return 0;
}

size_t parts_date(const struct app *a, int s, size_t i, char *buf, size_t sz)
{
	const struct lpart *lp = parts_get(a, s, i);
	const char *t = linestore_get(a->side[s].ls, i)->text;
	size_t n = 0;

	if (lp == NULL || lp->tlen == 0 || sz < 2)
		return 0;
	/* what the stamp says before the time of day: the date as logged */
	for (size_t k = 0; k + 8 <= lp->tlen; k++)
		if (t[k + 2] == ':' && t[k + 5] == ':' && t[k] >= '0' && t[k] <= '9') {
			n = k;
			break;
		}
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == 'T' || t[n - 1] == '['))
		n--;
	{
		size_t from = 0;

		while (from < n && (t[from] == '[' || t[from] == ' '))
			from++;
		if (n - from >= sz)
			return 0;
		memcpy(buf, t + from, n - from);
		buf[n - from] = '\0';
		return n - from;
	}
}
