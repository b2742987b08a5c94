/*
 * timefmt.h - the small timestamp language of kb/formats (see SCHEMA.md):
 * %Y %m %d %H %M %S numbers, %b month names, %f fraction digits, %% a
 * percent sign; a blank matches one or more blanks; anything else is
 * literal. Times are microseconds: since 1970 when the format has a date,
 * since midnight otherwise (has_date = 0). Formats with a month but no
 * year (syslog) use the year 2000.
 */
#ifndef TD_TIMEFMT_H
#define TD_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

struct logtime {
	int64_t us;
	int has_date;
};

/*
 * Parse fmt at the start of s[0..len). On success return the number of
 * bytes consumed (> 0) and fill *t; return 0 when it does not match.
 */
size_t timefmt_parse(const char *fmt, const char *s, size_t len, struct logtime *t);

/*
 * What one side's parser keeps between lines (zero it before first use):
 * the state of a format at the fraction after the last line's prefix (its
 * date and time to the second), and the last date's day number. A line
 * with the same prefix resumes there; the result is the same as without.
 */
#define TIMEFMT_MEMO_PREFIX 32
struct timefmt_memo {
	const char *fmt, *resume;
	int64_t v[6];
	int64_t dY, dmo, dd, days;
	uint8_t plen;
	char prefix[TIMEFMT_MEMO_PREFIX];
};

/* timefmt_parse with the memo m (NULL: none). */
size_t timefmt_parse_memo(const char *fmt, const char *s, size_t len, struct logtime *t, struct timefmt_memo *m);

/* Microseconds since midnight of a logtime. */
int64_t logtime_of_day(const struct logtime *t);

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
