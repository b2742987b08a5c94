/*
 * torture_timefmt.c - timestamps of every dialect, and what must not parse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_only),
		cmocka_unit_test(test_mguard_new_form),
		cmocka_unit_test(test_lancom),
		cmocka_unit_test(test_syslog_and_libreswan),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_of_day),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
