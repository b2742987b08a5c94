/*
 * torture_pattern.c - the kb pattern language: literals, typed and lazy
 * captures, anchors, escapes, backtracking, and bad patterns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "match/pattern.h"

/* The last compiled pattern stays alive: captures point into it. */
static struct pattern last;

static int m(const char *pat, const char *msg, struct capture *caps, int *n)
{
	char *why = NULL;

	pattern_free(&last);
	assert_int_equal(pattern_compile(&last, pat, &why), 0);
	return pattern_match(&last, msg, strlen(msg), caps, n, NULL);
}

static int free_last(void **st)
{
	(void)st;
	pattern_free(&last);
	return 0;
}

static void cap_is(const struct capture *c, const char *name, const char *val)
{
	assert_string_equal(c->name, name);
	assert_int_equal(c->len, strlen(val));
	assert_memory_equal(c->s, val, c->len);
}

static void test_literal_anywhere(void **st)
{
	(void)st;
	assert_true(m("sent MI2", "STATE_MAIN_I2: sent MI2, expecting MR2", NULL, NULL));
	assert_false(m("sent MI3", "STATE_MAIN_I2: sent MI2, expecting MR2", NULL, NULL));
	assert_false(m("^sent MI2", "STATE_MAIN_I2: sent MI2, expecting MR2", NULL, NULL));
	assert_true(m("^STATE_MAIN_I2", "STATE_MAIN_I2: sent MI2", NULL, NULL));
}

static void test_typed_captures(void **st)
{
	struct capture c[PAT_MAXCAPS];
	int n = 0;

	(void)st;
	assert_true(m("max number of retransmissions ({n:int}) reached {state:word}",
	    "max number of retransmissions (2) reached STATE_MAIN_I3.  Possible", c, &n));
	assert_int_equal(n, 2);
	cap_is(&c[0], "n", "2");
	cap_is(&c[1], "state", "STATE_MAIN_I3.");
	assert_int_equal(c[0].field, F_N);
	assert_int_equal(c[1].field, F_STATE);
	assert_false(m("({n:int})", "(x2)", NULL, NULL));
}

static void test_word_backtracks(void **st)
{
	struct capture c[PAT_MAXCAPS];
	int n = 0;

	(void)st;
	/* the word run must give the colon back to the literal */
	assert_true(m("{state:word}: {} second timeout exceeded", "STATE_MAIN_I3: 60 second timeout exceeded after 0", c, &n));
	cap_is(&c[0], "state", "STATE_MAIN_I3");
}

static void test_lazy_and_rest(void **st)
{
	struct capture c[PAT_MAXCAPS];
	int n = 0;

	(void)st;
	assert_true(m("\"{conn}\" #{serial:int}: ", "\"MAI1950251842_1\" #55: initiating", c, &n));
	cap_is(&c[0], "conn", "MAI1950251842_1");
	cap_is(&c[1], "serial", "55");
	assert_true(m("peer declares {id}", "we require ... but peer declares 'O=Innominate, CN=mGuard 3'  ", c, &n));
	cap_is(&c[0], "id", "'O=Innominate, CN=mGuard 3'");
}

static void test_lazy_backtracking(void **st)
{
	struct capture c[PAT_MAXCAPS];
	int n = 0;

	(void)st;
	/* the first " -> " is not followed by "x"; the match must extend */
	assert_true(m("a {v} -> x", "a 1 -> 2 -> x", c, &n));
	cap_is(&c[0], "v", "1 -> 2");
}

static void test_hex_and_escapes(void **st)
{
	struct capture c[PAT_MAXCAPS];
	int n = 0;

	(void)st;
	assert_true(m("{{ESP=>{spi_out:hex} <{spi_in:hex} ", "{ESP=>0x7d02b5a9 <0xc4a1f3e6 xfrm", c, &n));
	cap_is(&c[0], "spi_out", "0x7d02b5a9");
	cap_is(&c[1], "spi_in", "0xc4a1f3e6");
	assert_true(m("CHILD_SA {conn}{{{}}} established", "CHILD_SA net{12} established with", c, &n));
	cap_is(&c[0], "conn", "net");
}

static void test_anchor_end(void **st)
{
	(void)st;
	assert_true(m("connected$", "VPN: BUGFIX connected   ", NULL, NULL));
	assert_false(m("connected$", "VPN: BUGFIX connected, set poll", NULL, NULL));
}

static void test_leading_typed_capture(void **st)
{
	struct capture c[PAT_MAXCAPS];
	int n = 0;

	(void)st;
	assert_true(m("{n:int} retransmits", "giving up after 3 retransmits", c, &n));
	cap_is(&c[0], "n", "3");
}

static void test_bad_patterns(void **st)
{
	struct pattern p;
	char *why = NULL;

	(void)st;
	assert_int_equal(pattern_compile(&p, "unclosed {name", &why), -1);
	assert_non_null(why);
	free(why);
	why = NULL;
	assert_int_equal(pattern_compile(&p, "{a}{b}", &why), -1);
	free(why);
	why = NULL;
	assert_int_equal(pattern_compile(&p, "{x:float} y", &why), -1);
	free(why);
	why = NULL;
	assert_int_equal(pattern_compile(&p, "{only}", &why), -1);
	free(why);
}

static void test_pathological_input_is_bounded(void **st)
{
	size_t len = 1 << 20;
	char *big = malloc(len + 1);
	struct pattern p;
	char *why = NULL;

	(void)st;
	memset(big, 'a', len);
	big[len] = '\0';
	assert_int_equal(pattern_compile(&p, "a{x}a{y}a{z}b", &why), 0);
	/* must return (no match) without exploding */
	assert_false(pattern_match(&p, big, len, NULL, NULL, NULL));
	pattern_free(&p);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_anywhere),
		cmocka_unit_test(test_typed_captures),
		cmocka_unit_test(test_word_backtracks),
		cmocka_unit_test(test_lazy_and_rest),
		cmocka_unit_test(test_lazy_backtracking),
		cmocka_unit_test(test_hex_and_escapes),
		cmocka_unit_test(test_anchor_end),
		cmocka_unit_test(test_leading_typed_capture),
		cmocka_unit_test(test_bad_patterns),
		cmocka_unit_test(test_pathological_input_is_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, free_last);
}
