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

/* Count messages (issue 14): the form for one at n = 1, the other form at
 * 0 and 2, in English and German; every form for one is complete and
 * takes the arguments of its other form. */
static void test_count_messages_singular(void **st)
{
	static const struct { enum msg id; const char *en[3], *de[3]; } cases[] = {
		{ M_LINES, { "lines", "line", "lines" }, { "Zeilen", "Zeile", "Zeilen" } },
		{ M_R_LINES_N, { "%llu lines", "%llu line", "%llu lines" }, { "%llu Zeilen", "%llu Zeile", "%llu Zeilen" } },
		{ M_MORE_NEGOS, { "(%d more negotiations)", "(%d more negotiation)", "(%d more negotiations)" },
		    { "(%d weitere Aushandlungen)", "(%d weitere Aushandlung)", "(%d weitere Aushandlungen)" } },
		{ M_CF_SUMMARY, { "%d differences", "%d difference", "%d differences" },
		    { "%d Unterschiede", "%d Unterschied", "%d Unterschiede" } },
		{ M_TIME_BACKWARDS, { "timestamps going backwards", "timestamp going backwards", "timestamps going backwards" },
		    { "rückwärts laufende Zeitstempel", "rückwärts laufender Zeitstempel", "rückwärts laufende Zeitstempel" } },
	};
	char buf[128];
	int bad = 0;

	(void)st;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (unsigned long long n = 0; n <= 2; n++) {
			assert_string_equal(msg_n(cases[i].id, n, LANG_EN), cases[i].en[n]);
			assert_string_equal(msg_n(cases[i].id, n, LANG_DE), cases[i].de[n]);
		}
	/* the count formatted: no "1 lines", no "1 Zeilen" */
	snprintf(buf, sizeof buf, msg_n(M_R_LINES_N, 1, LANG_DE), 1ULL);
	assert_string_equal(buf, "1 Zeile");
	snprintf(buf, sizeof buf, msg_n(M_PROGRESS_WITHHELD, 1, LANG_EN), 1);
	assert_string_equal(buf, "1 finding held back until the answer is overdue");
	snprintf(buf, sizeof buf, msg_n(M_PROGRESS_WITHHELD, 2, LANG_DE), 2);
	assert_string_equal(buf, "2 Befunde zurückgehalten, bis die Antwort überfällig ist");
	/* a message without a form for one is its table text at every n */
	assert_string_equal(msg_n(M_FINDINGS, 1, LANG_EN), msg(M_FINDINGS, LANG_EN));
	assert_null(msg_one(M_FINDINGS, LANG_DE));
	for (int id = 0; id < M_COUNT; id++)
		if (!msg_plural_ok((enum msg)id)) {
			fprintf(stderr, "message %d: its form for one \"%s\" / \"%s\" is incomplete or takes other arguments\n",
			    id, msg_one((enum msg)id, LANG_EN) ? msg_one((enum msg)id, LANG_EN) : "(none)",
			    msg_one((enum msg)id, LANG_DE) ? msg_one((enum msg)id, LANG_DE) : "(none)");
			bad++;
		}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_message_in_both_languages),
		cmocka_unit_test(test_formats_agree),
		cmocka_unit_test(test_count_messages_singular),
		cmocka_unit_test(test_checker_sees_differences),
		cmocka_unit_test(test_parts_are_found_and_translated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
