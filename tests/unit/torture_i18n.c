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
#include <string.h>

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

/* The table's parts of their own (i18n_kb.c, i18n_cli.c): msg() finds
 * them, and no German text there is the English one copied. */
static void test_parts_are_found_and_translated(void **st)
{
	static const struct { enum msg first, last; } parts[] = {
		{ M_KB_FIRST, M_KB_LAST }, { M_H_FIRST, M_H_LAST },
	};
	int same = 0;

	(void)st;
	for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++)
		for (int id = (int)parts[p].first; id <= (int)parts[p].last; id++)
			if (strcmp(msg((enum msg)id, LANG_EN), msg((enum msg)id, LANG_DE)) == 0) {
				fprintf(stderr, "message %d is \"%s\" in both languages\n", id, msg((enum msg)id, LANG_EN));
				same++;
			}
	assert_int_equal(same, 0);
	assert_string_equal(msg(M_KB_INT_RANGE, LANG_DE), "muss zwischen %d und %d liegen");
	assert_true(strncmp(msg(M_H_KBCHECK, LANG_EN), "Usage: tunneldoc kb-check", 25) == 0);
	assert_true(msg_formats_agree(M_KB_DUP_ALSO_IN));
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
		cmocka_unit_test(test_parts_are_found_and_translated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
