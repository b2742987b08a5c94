/*
 * torture_timefmt.c - timestamps of every dialect, and what must not parse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "match/timefmt.h"

#define US 1000000LL

static size_t p(const char *fmt, const char *s, struct logtime *t)
{
	return timefmt_parse(fmt, s, strlen(s), t);
}

static void test_time_only(void **st)
{
	struct logtime t;

	(void)st;
	assert_int_equal(p("%H:%M:%S.%f ", "08:53:47.90161 \"MAI\"", &t), 15);
	assert_false(t.has_date);
	assert_true(t.us == (8 * 3600 + 53 * 60 + 47) * US + 901610);
}

static void test_mguard_new_form(void **st)
{
	struct logtime t;

	(void)st;
	assert_int_equal(p("%Y-%m-%d_%H:%M:%S.%f ", "2024-12-25_08:20:00.90770 x", &t), 26);
	assert_true(t.has_date);
	assert_true(t.us == (days_from_civil(2024, 12, 25) * 86400 + 8 * 3600 + 20 * 60) * US + 907700);
}

static void test_lancom(void **st)
{
	struct logtime t, t2;

	(void)st;
	assert_true(p("%Y/%m/%d %H:%M:%S,%f", "2004/01/20 15:18:34,500", &t) > 0);
	assert_true(p("[VPN-Status] %Y/%m/%d %H:%M:%S,%f", "[VPN-Status] 2007/12/04 14:37:57,210", &t2) > 0);
	assert_int_equal(t.us % US, 500000);
	assert_int_equal(t2.us % US, 210000);
}

static void test_syslog_and_libreswan(void **st)
{
	struct logtime t;

	(void)st;
	assert_int_equal(p("%b %d %H:%M:%S.%f: ", "Nov 23 16:44:06.110703: \"west\"", &t), 24);
	assert_int_equal(t.us % US, 110703);
	assert_true(p("%b %d %H:%M:%S ", "Nov  3 16:44:06 host pluto[1]:", &t) > 0);
	assert_true(t.has_date);
}

static void test_rejects(void **st)
{
	struct logtime t;

	(void)st;
	assert_int_equal(p("%H:%M:%S.%f ", "25:00:00.1 x", &t), 0);
	assert_int_equal(p("%H:%M:%S.%f ", "08:5:47.1 x", &t), 0);
	assert_int_equal(p("%Y/%m/%d", "2004/13/01", &t), 0);
	assert_int_equal(p("%b %d", "Foo 12", &t), 0);
	assert_int_equal(p("%H:%M:%S", "", &t), 0);
}

static void test_of_day(void **st)
{
	struct logtime t;

	(void)st;
	assert_true(p("%Y-%m-%d_%H:%M:%S.%f ", "2024-12-25_00:00:01.5 x", &t) > 0);
	assert_true(logtime_of_day(&t) == 1500000);
}

/*
 * The memo never changes a result: random lines near the formats (same
 * second, next second, padded days, a prefix that matches but a tail that
 * does not, formats taking turns) parse the same with one as without.
 */
static void test_memo_same(void **st)
{
	static const char *const fmts[] = { "%b %d %H:%M:%S.%f: ", "%b %d %H:%M:%S ", "%Y-%m-%dT%H:%M:%S.%f",
		"%Y-%m-%d %H:%M:%S.%f: ", "%H:%M:%S.%f ", "%Y/%m/%d %H:%M:%S,%f" };
	static const char *const bases[] = { "Nov 30 08:54:43.", "Nov  3 08:54:43.", "Nov 30 08:54:44.",
		"Dec 31 23:59:59.", "2026-11-30T08:54:43.", "2026-11-30 08:54:43.", "08:54:43.", "2004/01/20 15:18:34,",
		"Nov 30 08:54:43 ", "Nov 30 08:54:4" };
	static const char *const tails[] = { "511037: x", "5: \"lab\"", "1234567890: y", ": ", "511037 z", "511037",
		"", "x", "1 host", "12:", "3.5: q" };
	struct timefmt_memo m;
	unsigned r = 12345;
	int hits = 0;

	(void)st;
	memset(&m, 0, sizeof m);
	for (int k = 0; k < 20000; k++) {
		char line[96];
		struct logtime a = { 0, 0 }, b = { 0, 0 };
		const char *f;
		size_t na, nb;

		r = r * 1103515245u + 12345u;
		f = fmts[(r >> 8) % 6];
		snprintf(line, sizeof line, "%s%s", bases[(r >> 12) % 10], tails[(r >> 18) % 11]);
		na = timefmt_parse(f, line, strlen(line), &a);
		nb = timefmt_parse_memo(f, line, strlen(line), &b, &m);
		assert_int_equal(na, nb);
		if (na > 0) {
			assert_true(a.us == b.us);
			assert_int_equal(a.has_date, b.has_date);
			hits++;
		}
	}
	assert_true(hits > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_only),
		cmocka_unit_test(test_mguard_new_form),
		cmocka_unit_test(test_lancom),
		cmocka_unit_test(test_syslog_and_libreswan),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_of_day),
		cmocka_unit_test(test_memo_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
