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

size_t timefmt_parse(const char *fmt, const char *s, size_t len, struct logtime *t)
{
	int64_t Y = -1, mo = -1, d = -1, H = 0, M = 0, S = 0, frac = 0, v;
	size_t i = 0, n;

	for (const char *f = fmt; *f; f++) {
		if (*f == ' ') {
			if (i >= len || (s[i] != ' ' && s[i] != '\t'))
				return 0;
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			continue;
		}
		if (*f != '%') {
			if (i >= len || s[i] != *f)
				return 0;
			i++;
			continue;
		}
		f++;
		switch (*f) {
		case 'Y':
			if ((n = num(s + i, len - i, 4, &v)) != 4)
				return 0;
			Y = v;
			break;
		case 'm':
			if ((n = num(s + i, len - i, 2, &v)) == 0 || v < 1 || v > 12)
				return 0;
			mo = v;
			break;
		case 'd':
			/* syslog pads the day with a blank: "Nov  3" */
			if (i < len && s[i] == ' ')
				i++;
			if ((n = num(s + i, len - i, 2, &v)) == 0 || v < 1 || v > 31)
				return 0;
			d = v;
			break;
		case 'H':
			if ((n = num(s + i, len - i, 2, &v)) == 0 || v > 23)
				return 0;
			H = v;
			break;
		case 'M':
			if ((n = num(s + i, len - i, 2, &v)) != 2 || v > 59)
				return 0;
			M = v;
			break;
		case 'S':
			if ((n = num(s + i, len - i, 2, &v)) != 2 || v > 60)
				return 0;
			S = v;
			break;
		case 'f': {
			int64_t scale = 1;

			if ((n = num(s + i, len - i, 9, &v)) == 0)
				return 0;
			for (size_t k = n; k < 6; k++)
				scale *= 10;
			frac = n <= 6 ? v * scale : v / (n == 7 ? 10 : n == 8 ? 100 : 1000);
			break;
		}
		case 'b':
			if (len - i < 3 || (mo = month(s + i)) < 0)
				return 0;
			n = 3;
			break;
		case '%':
			if (i >= len || s[i] != '%')
				return 0;
			n = 1;
			break;
		default:
			return 0;
		}
		i += n;
	}
	if (i == 0)
		return 0;
	t->has_date = mo > 0 && d > 0;
	if (t->has_date) {
		if (Y < 0)
			Y = 2000;
		t->us = (days_from_civil(Y, (unsigned)mo, (unsigned)d) * 86400 + H * 3600 + M * 60 + S) * 1000000 + frac;
	} else {
		t->us = (H * 3600 + M * 60 + S) * 1000000 + frac;
	}
	return i;
}
