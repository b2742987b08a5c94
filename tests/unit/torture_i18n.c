/*
 * torture_i18n.c - the program's message table: every message exists in
 * English and German, and both take the same printf arguments, so a German
 * format is as safe as the English one the compiler checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "base/i18n.h"

static void test_every_message_in_both_languages(void **st)
{
	int missing = 0;

	(void)st;
	for (int id = 0; id < M_COUNT; id++) {
		if (!msg_complete((enum msg)id)) {
			fprintf(stderr, "message %d lacks its English or German text\n", id);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

static void test_formats_agree(void **st)
{
	int bad = 0;

	(void)st;
	for (int id = 0; id < M_COUNT; id++) {
		if (msg_complete((enum msg)id) && !msg_formats_agree((enum msg)id)) {
			fprintf(stderr, "message %d: \"%s\" and \"%s\" take different arguments\n", id,
			    msg((enum msg)id, LANG_EN), msg((enum msg)id, LANG_DE));
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* The checker itself: it must see a difference where there is one. */
static void test_checker_sees_differences(void **st)
{
	(void)st;
	/* M_CL_ECHO is "%s ... %d ... %s ... %d" in both languages */
	assert_true(msg_formats_agree(M_CL_ECHO));
	assert_true(msg_formats_agree(M_LINES));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_message_in_both_languages),
		cmocka_unit_test(test_formats_agree),
		cmocka_unit_test(test_checker_sees_differences),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
