/*
 * timefmt.c - see timefmt.h.
 */
#include "match/timefmt.h"

#include <string.h>

#define US_PER_DAY (86400LL * 1000000LL)

int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t logtime_of_day(const struct logtime *t)
{
	int64_t r = t->us % US_PER_DAY;

	return r < 0 ? r + US_PER_DAY : r;
}

/* Read up to maxd digits (at least 1); return digits read. */
static size_t num(const char *s, size_t len, size_t maxd, int64_t *v)
{
	size_t i = 0;

	*v = 0;
	while (i < len && i < maxd && s[i] >= '0' && s[i] <= '9') {
		*v = *v * 10 + (s[i] - '0');
		i++;
	}
	return i;
}

static const char months[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* The month (1-12) of the English abbreviation at s (3 bytes), or -1. */
static int month(const char *s)
{
	for (int k = 0; k < 12; k++)
		if (s[0] == months[k][0] && s[1] == months[k][1] && s[2] == months[k][2])
			return k + 1;
	return -1;
}

/* The fields read so far. */
struct tf_vals {
	int64_t Y, mo, d, H, M, S, frac;
};

/* One directive (f at its letter) at s[i..len): bytes read, or 0. */
static size_t directive(char f, const char *s, size_t len, size_t i, struct tf_vals *x)
{
	int64_t v, scale = 1;
	size_t n;

	switch (f) {
	case 'Y':
		if ((n = num(s + i, len - i, 4, &v)) != 4)
			return 0;
		x->Y = v;
		return n;
	case 'm':
		if ((n = num(s + i, len - i, 2, &v)) == 0 || v < 1 || v > 12)
			return 0;
		x->mo = v;
		return n;
	case 'd':
		/* syslog pads the day with a blank: "Nov  3" (counted as read) */
		n = i < len && s[i] == ' ';
		if ((v = (int64_t)num(s + i + n, len - i - n, 2, &x->d)) == 0 || x->d < 1 || x->d > 31)
			return 0;
		return n + (size_t)v;
	case 'H':
		if ((n = num(s + i, len - i, 2, &v)) == 0 || v > 23)
			return 0;
		x->H = v;
		return n;
	case 'M':
		if ((n = num(s + i, len - i, 2, &v)) != 2 || v > 59)
			return 0;
		x->M = v;
		return n;
	case 'S':
		if ((n = num(s + i, len - i, 2, &v)) != 2 || v > 60)
			return 0;
		x->S = v;
		return n;
	case 'f':
		if ((n = num(s + i, len - i, 9, &v)) == 0)
			return 0;
		for (size_t k = n; k < 6; k++)
			scale *= 10;
		x->frac = n <= 6 ? v * scale : v / (n == 7 ? 10 : n == 8 ? 100 : 1000);
		return n;
	case 'b':
		if (len - i < 3 || (x->mo = month(s + i)) < 0)
			return 0;
		return 3;
	case '%':
		return i < len && s[i] == '%';
	default:
		return 0;
	}
}

/*
 * Run the format from f over s from i. Where a fraction follows a literal
 * (".%f"), every byte looked at so far is in s[0..i): the state there is a
 * function of those bytes alone and is kept in m (when given) for the next
 * line with the same prefix (the same second).
 */
static size_t run(const char *fmt, const char *f, const char *s, size_t len, size_t i, struct tf_vals *x,
    struct timefmt_memo *m)
{
	int after_lit = 0;
	size_t n;

	for (; *f; f++) {
		if (*f == ' ') {
			if (i >= len || (s[i] != ' ' && s[i] != '\t'))
				return 0;
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			after_lit = 0;
			continue;
		}
		if (*f != '%') {
			if (i >= len || s[i] != *f)
				return 0;
			i++;
			after_lit = 1;
			continue;
		}
		f++;
		if (*f == 'f' && after_lit && m != NULL && i <= TIMEFMT_MEMO_PREFIX) {
			m->fmt = fmt;
			m->resume = f - 1;
			m->plen = (uint8_t)i;
			memcpy(m->prefix, s, i);
			m->v[0] = x->Y, m->v[1] = x->mo, m->v[2] = x->d, m->v[3] = x->H, m->v[4] = x->M, m->v[5] = x->S;
		}
		after_lit = 0;
		if ((n = directive(*f, s, len, i, x)) == 0)
			return 0;
		i += n;
	}
	return i;
}

size_t timefmt_parse_memo(const char *fmt, const char *s, size_t len, struct logtime *t, struct timefmt_memo *m)
{
	struct tf_vals x = { -1, -1, -1, 0, 0, 0, 0 };
	size_t i;

	if (m != NULL && m->fmt == fmt && len >= m->plen && memcmp(s, m->prefix, m->plen) == 0) {
		x = (struct tf_vals){ m->v[0], m->v[1], m->v[2], m->v[3], m->v[4], m->v[5], 0 };
		i = run(fmt, m->resume, s, len, m->plen, &x, NULL);
	} else {
		i = run(fmt, fmt, s, len, 0, &x, m);
	}
	if (i == 0)
		return 0;
	t->has_date = x.mo > 0 && x.d > 0;
	if (t->has_date) {
		int64_t days;

		if (x.Y < 0)
			x.Y = 2000;
		if (m != NULL && m->dY == x.Y && m->dmo == x.mo && m->dd == x.d) {
			days = m->days;
		} else {
			days = days_from_civil(x.Y, (unsigned)x.mo, (unsigned)x.d);
			if (m != NULL)
				m->dY = x.Y, m->dmo = x.mo, m->dd = x.d, m->days = days;
		}
		t->us = (days * 86400 + x.H * 3600 + x.M * 60 + x.S) * 1000000 + x.frac;
	} else {
		t->us = (x.H * 3600 + x.M * 60 + x.S) * 1000000 + x.frac;
	}
	return i;
}

size_t timefmt_parse(const char *fmt, const char *s, size_t len, struct logtime *t)
{
	return timefmt_parse_memo(fmt, s, len, t, NULL);
}
