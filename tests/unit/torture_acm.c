/*
 * torture_acm.c - the Aho-Corasick prefilter against a naive search.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "match/acm.h"

static void test_overlaps_and_dedup(void **st)
{
	struct acm *a = acm_new();
	struct acm_scratch sc = {0};
	int ids[8], n;
	const char *s = "ushers she he hers";

	(void)st;
	acm_add(a, "he", 2, 0);
	acm_add(a, "she", 3, 1);
	acm_add(a, "his", 3, 2);
	acm_add(a, "hers", 4, 3);
	acm_build(a);
	n = acm_scan(a, &sc, s, strlen(s), ids, 8);
	assert_int_equal(n, 3);
	/* order of first occurrence: "she" and "he" end at the same byte */
	for (int i = 0; i < n; i++)
		assert_true(ids[i] == 0 || ids[i] == 1 || ids[i] == 3);
	n = acm_scan(a, &sc, "nothing", 7, ids, 8);
	assert_int_equal(n, 0);
	acm_scratch_free(&sc);
	acm_free(a);
}

static void test_random_vs_naive(void **st)
{
	struct acm *a = acm_new();
	struct acm_scratch sc = {0};
	char keys[40][8];
	unsigned seed = 12345;

	(void)st;
	for (int k = 0; k < 40; k++) {
		int len = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 5;

		for (int i = 0; i < len; i++)
			keys[k][i] = (char)('a' + ((seed = seed * 1103515245 + 12345) >> 16) % 4);
		keys[k][len] = '\0';
		acm_add(a, keys[k], (size_t)len, k);
	}
	acm_build(a);
	for (int round = 0; round < 200; round++) {
		char text[64];
		int ids[64], n, len = (int)((seed = seed * 1103515245 + 12345) >> 16) % 60;

		for (int i = 0; i < len; i++)
			text[i] = (char)('a' + ((seed = seed * 1103515245 + 12345) >> 16) % 5);
		text[len] = '\0';
		n = acm_scan(a, &sc, text, (size_t)len, ids, 64);
		for (int k = 0; k < 40; k++) {
			int want = strstr(text, keys[k]) != NULL, got = 0;

			for (int i = 0; i < n; i++)
				got |= ids[i] == k;
			assert_int_equal(got, want);
		}
	}
	acm_scratch_free(&sc);
	acm_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlaps_and_dedup),
		cmocka_unit_test(test_random_vs_naive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
