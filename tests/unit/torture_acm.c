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

static unsigned rnd(unsigned *seed)
{
	return (*seed = *seed * 1103515245 + 12345) >> 16;
}

/* A scan with a fresh scratch: never from the memo. */
static int fresh_scan(const struct acm *a, const char *s, size_t len, int *ids, int maxids)
{
	struct acm_scratch sc = {0};
	int n = acm_scan(a, &sc, s, len, ids, maxids);

	acm_scratch_free(&sc);
	return n;
}

/*
 * The memo of repeated messages gives exactly the ids, in the order, of a
 * new scan: texts repeating from a pool larger than the memo (slots are
 * reused), texts longer than the memo keeps, two automata and two maxids
 * through one scratch.
 */
static void test_memo_same_as_scan(void **st)
{
	struct acm *a[2] = { acm_new(), acm_new() };
	struct acm_scratch sc = {0};
	static char pool[3000][200];
	unsigned seed = 777;

	(void)st;
	for (int k = 0; k < 60; k++) {
		char key[6];
		int len = 1 + (int)(rnd(&seed) % 5);

		for (int i = 0; i < len; i++)
			key[i] = (char)('a' + rnd(&seed) % 4);
		acm_add(a[k % 2], key, (size_t)len, k / 2);
	}
	acm_build(a[0]);
	acm_build(a[1]);
	for (int p = 0; p < 3000; p++) {
		int len = (int)(rnd(&seed) % 190);

		for (int i = 0; i < len; i++)
			pool[p][i] = (char)('a' + rnd(&seed) % 5);
		pool[p][len] = '\0';
	}
	for (int round = 0; round < 20000; round++) {
		const char *t = pool[rnd(&seed) % (round < 10000 ? 50 : 3000)];
		const struct acm *x = a[rnd(&seed) % 2];
		int maxids = rnd(&seed) % 3 == 0 ? 4 : 64;
		int got[64], want[64], ng, nw;

		ng = acm_scan(x, &sc, t, strlen(t), got, maxids);
		nw = fresh_scan(x, t, strlen(t), want, maxids);
		assert_int_equal(ng, nw);
		for (int i = 0; i < nw; i++)
			assert_int_equal(got[i], want[i]);
	}
	acm_scratch_free(&sc);
	acm_free(a[0]);
	acm_free(a[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlaps_and_dedup),
		cmocka_unit_test(test_random_vs_naive),
		cmocka_unit_test(test_memo_same_as_scan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
