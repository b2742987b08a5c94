/*
 * torture_layout.c - the console's layout (a pure function of the terminal
 * size) and its key table (one table for dispatch and help).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "layout.h"

static void inside(const struct rect *r, int cols, int rows)
{
	assert_true(r->y >= 0 && r->x >= 0 && r->h >= 0 && r->w >= 0);
	assert_true(r->y + r->h <= rows);
	assert_true(r->x + r->w <= cols);
}

static void test_layout_all_sizes(void **st)
{
	(void)st;
	for (int cols = 1; cols <= 300; cols += 7)
		for (int rows = 1; rows <= 100; rows += 3)
			for (int detail = 0; detail < 2; detail++) {
				struct layout l;

				layout_compute(cols, rows, detail, &l);
				inside(&l.status, cols, rows);
				if (!l.ok) {
					assert_true(cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS);
					continue;
				}
				inside(&l.header, cols, rows);
				inside(&l.body, cols, rows);
				inside(&l.left, cols, rows);
				inside(&l.right, cols, rows);
				inside(&l.hints, cols, rows);
				inside(&l.detail, cols, rows);
				/* header, body, detail, status, hints stack without overlap */
				assert_int_equal(l.header.y, 0);
				assert_int_equal(l.body.y, 1);
				assert_true(l.body.h >= 1);
				assert_int_equal(l.status.y, rows - 2);
				assert_int_equal(l.hints.y, rows - 1);
				if (detail) {
					assert_true(l.detail.h >= 1);
					assert_int_equal(l.body.y + l.body.h, l.detail.y);
					assert_int_equal(l.detail.y + l.detail.h, l.status.y);
				} else {
					assert_int_equal(l.detail.h, 0);
					assert_int_equal(l.body.y + l.body.h, l.status.y);
				}
				/* the two panes and the separator fill the width */
				assert_int_equal(l.left.w + l.sep.w + l.right.w, cols);
				assert_int_equal(l.right.x, l.left.w + 1);
				assert_true(l.left.w >= (cols - 1) / 2 - 1 && l.right.w >= l.left.w);
			}
}

static void test_layout_80x24(void **st)
{
	struct layout l;

	(void)st;
	layout_compute(80, 24, 0, &l);
	assert_true(l.ok);
	assert_int_equal(l.body.h, 21);
	assert_int_equal(l.left.w, 39);
	assert_int_equal(l.right.w, 40);
	layout_compute(39, 24, 0, &l);
	assert_false(l.ok);
}

static void test_layout_sbs(void **st)
{
	(void)st;
	for (int cols = LAYOUT_MIN_COLS; cols <= 300; cols++) {
		struct layout l;
		struct rect L, G, R;

		layout_compute(cols, 24, 0, &l);
		layout_sbs(&l.body, LAYOUT_GUTTER, 0, &L, &G, &R);
		/* left, gutter, right side by side over the whole width */
		assert_int_equal(L.x, 0);
		assert_int_equal(G.x, L.w);
		assert_int_equal(R.x, L.w + G.w);
		assert_int_equal(L.w + G.w + R.w, cols);
		assert_int_equal(G.w, LAYOUT_GUTTER);
		assert_true(R.w - L.w >= 0 && R.w - L.w <= 1);
		inside(&R, cols, 24);
		/* one log: the whole width */
		layout_sbs(&l.body, LAYOUT_GUTTER, 1, &L, &G, &R);
		assert_int_equal(L.w, cols);
		assert_int_equal(G.w + R.w, 0);
		layout_sbs(&l.body, LAYOUT_GUTTER, 2, &L, &G, &R);
		assert_int_equal(R.w, cols);
		assert_int_equal(L.w + G.w, 0);
	}
	{
		struct layout l;
		struct rect L, G, R;

		/* 80 columns: 35 | 10 | 35, room for a short time and 23 columns of message */
		layout_compute(80, 24, 0, &l);
		layout_sbs(&l.body, LAYOUT_GUTTER, 0, &L, &G, &R);
		assert_int_equal(L.w, 35);
		assert_int_equal(R.w, 35);
	}
}

static void test_keys_unique_per_view(void **st)
{
	(void)st;
	for (int i = 0; i < nkeytab; i++)
		for (int k = i + 1; k < nkeytab; k++) {
			unsigned vi = keytab[i].views ? keytab[i].views : ~0u;
			unsigned vk = keytab[k].views ? keytab[k].views : ~0u;

			/* a key of one language only overrides the common one (it is
			 * earlier in the table: checked in test_key_lookup_by_view) */
			if (keytab[i].only != keytab[k].only)
				continue;
			if (keytab[i].key == keytab[k].key && (vi & vk) && keytab[i].act != keytab[k].act && keytab[i].only == keytab[k].only)
				fail_msg("key %s is bound to two actions in one view", keytab[i].label);
		}
}

static void test_keys_have_help(void **st)
{
	(void)st;
	for (int i = 0; i < nkeytab; i++) {
		assert_true(keytab[i].label != NULL && keytab[i].label[0] != '\0');
		assert_true(strlen(msg(keytab[i].help, LANG_EN)) > 2);
		assert_true(strlen(msg(keytab[i].help, LANG_DE)) > 2);
		assert_string_not_equal(msg(keytab[i].help, LANG_EN), msg(keytab[i].help, LANG_DE));
	}
	/* every view can be reached and left */
	for (int v = 0; v < V_COUNT; v++) {
		assert_int_equal(key_lookup('q', v, LANG_EN), ACT_QUIT);
		assert_int_equal(key_lookup('\t', v, LANG_DE), ACT_NEXT_VIEW);
		assert_int_equal(key_lookup('?', v, LANG_EN), ACT_VIEW_HELP);
	}
}

static void test_key_lookup_by_view(void **st)
{
	(void)st;
	/* 'n' is "next match" side by side and "note" in the checklist */
	assert_int_equal(key_lookup('n', V_SBS, LANG_EN), ACT_SEARCH_NEXT);
	assert_int_equal(key_lookup('n', V_CHECKLIST, LANG_EN), ACT_NOTE);
	assert_int_equal(key_lookup('y', V_SBS, LANG_EN), ACT_NONE);
	assert_int_equal(key_lookup(KEY_DOWN, V_LADDER, LANG_EN), ACT_DOWN);
	/* German: j/n answer ja/nein in the checklist, N is the note; y/x still work */
	assert_int_equal(key_lookup('j', V_CHECKLIST, LANG_DE), ACT_YES);
	assert_int_equal(key_lookup('n', V_CHECKLIST, LANG_DE), ACT_NO);
	assert_int_equal(key_lookup('N', V_CHECKLIST, LANG_DE), ACT_NOTE);
	assert_int_equal(key_lookup('y', V_CHECKLIST, LANG_DE), ACT_YES);
	assert_int_equal(key_lookup('j', V_CHECKLIST, LANG_EN), ACT_DOWN);
	assert_int_equal(key_lookup('j', V_SBS, LANG_DE), ACT_DOWN);
	assert_int_equal(key_lookup('n', V_SBS, LANG_DE), ACT_SEARCH_NEXT);
	/* h and F1 open the help everywhere (as in less and htop) */
	for (int v = 0; v < V_COUNT; v++) {
		assert_int_equal(key_lookup('h', v, LANG_EN), ACT_VIEW_HELP);
		assert_int_equal(key_lookup(KEY_F(1), v, LANG_DE), ACT_VIEW_HELP);
	}
	/* sideways: < > and Shift-Left/Right, side by side */
	assert_int_equal(key_lookup('<', V_SBS, LANG_EN), ACT_SCROLL_LEFT);
	assert_int_equal(key_lookup(KEY_SRIGHT, V_SBS, LANG_EN), ACT_SCROLL_RIGHT);
	/* the findings' detail scrolls with PgDn/PgUp */
	assert_int_equal(key_lookup(KEY_NPAGE, V_FINDINGS, LANG_EN), ACT_DETAIL_DOWN);
	assert_int_equal(key_lookup(KEY_NPAGE, V_SBS, LANG_EN), ACT_PGDN);
}

static void test_ui_texts_in_both_languages(void **st)
{
	(void)st;
	/* msg() falls back to English, so ask the table itself */
	for (int m = 0; m < M_COUNT; m++)
		if (!msg_complete((enum msg)m))
			fail_msg("message %d (%s) lacks a language", m, msg((enum msg)m, LANG_EN));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_all_sizes),
		cmocka_unit_test(test_layout_80x24),
		cmocka_unit_test(test_layout_sbs),
		cmocka_unit_test(test_keys_unique_per_view),
		cmocka_unit_test(test_keys_have_help),
		cmocka_unit_test(test_key_lookup_by_view),
		cmocka_unit_test(test_ui_texts_in_both_languages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
