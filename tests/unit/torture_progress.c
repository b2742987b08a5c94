/*
 * torture_progress.c - issue 13 items 3 and 4 on real lines:
 *   - a negotiation in progress: the demo's sample (guide 1.3.3, Openswan,
 *     10 s retransmission interval) cut where a message was just sent; its
 *     failure findings are held back until the answer is overdue, and come
 *     back when it is (now moved past the interval), with their evidence
 *   - stale findings retire: a lab recording (tests/golden/retire/, libreswan,
 *     UDP 4500 dropped, then the fault removed and initiated again): the
 *     udp4500-blocked finding is resolved by the line where phase 1 came up,
 *     listed below the current finding (sa-install-failed: that lab's kernel
 *     has no ESP)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tdtest.h"

#define SAMPLE TD_SOURCE_DIR "/kb/samples/mguard-1.3.3-udp4500/"
#define RETIRE TD_SOURCE_DIR "/tests/golden/retire/"

/* The first n lines of a file (all when n < 0), as one string. */
static char *head(const char *path, int n)
{
	FILE *f = fopen(path, "r");
	struct strbuf b = {0};
	char line[4096];

	assert_non_null(f);
	while ((n < 0 || n-- > 0) && fgets(line, sizeof line, f) != NULL)
		sb_adds(&b, line);
	fclose(f);
	return b.s != NULL ? sb_steal(&b) : xstrdup("");
}

static struct analysis *run_at(int nl, int nr, int64_t now)
{
	char *l = head(SAMPLE "left.log", nl), *r = head(SAMPLE "right.log", nr);
	struct analysis *a = analysis_new(tdt_kb_g);

	analysis_set_now(a, now);
	tdt_feed(a, LEFT, "left", l);
	tdt_feed(a, RIGHT, "right", r);
	analysis_run(a);
	free(l);
	free(r);
	return a;
}

static int has_cause(const struct analysis *a, const char *id)
{
	const struct diagnosis *d = analysis_diagnosis(a);
	const struct kb *kb = analysis_kb(a);

	for (int i = 0; i < d->n; i++)
		if (strcmp(kb->causes[d->f[i].cause].id, id) == 0)
			return i;
	return -1;
}

#define T(h, m, s, us) ((((int64_t)(h) * 60 + (m)) * 60 + (s)) * 1000000LL + (us))

/* Left: MI3 sent at 09:54:10.72076 (line 16); nothing after it yet. */
static void test_mi3_in_progress(void **st)
{
	struct analysis *a = run_at(16, 17, PROGRESS_END_OF_LOGS);
	const struct nego_progress *p = &analysis_diagnosis(a)->progress;
	char buf[160];

	(void)st;
	assert_true(p->active);
	assert_int_equal(p->sent, S_MI3);
	assert_int_equal(p->wait, S_MR3);
	assert_int_equal(p->side, LEFT);
	assert_int_equal(p->line, 16);
	assert_int_equal(p->interval_us, 10000000);
	nego_progress_text(p, LANG_EN, buf, sizeof buf);
	assert_string_equal(buf, "in progress: MI3 sent 0 s ago, waiting for MR3");
	nego_progress_text(p, LANG_DE, buf, sizeof buf);
	assert_string_equal(buf, "läuft noch: MI3 vor 0 s gesendet, wartet auf MR3");
	analysis_free(a);
	/* 2 s later (a replay's or a live session's clock) */
	a = run_at(16, 17, T(9, 54, 12, 721000));
	p = &analysis_diagnosis(a)->progress;
	nego_progress_text(p, LANG_EN, buf, sizeof buf);
	assert_string_equal(buf, "in progress: MI3 sent 2 s ago, waiting for MR3");
	analysis_free(a);
	/* 10 s on, the answer is overdue: no longer in progress */
	a = run_at(16, 17, T(9, 54, 20, 800000));
	assert_false(analysis_diagnosis(a)->progress.active);
	analysis_free(a);
}

/* Right: MR1 sent at 09:54:07.90171, the left log has only MI1 so far:
 * "reply blocked" is held back until MR1 is overdue, then it is there. */
static void test_reply_blocked_held_back(void **st)
{
	struct analysis *a = run_at(1, 14, PROGRESS_END_OF_LOGS);
	const struct nego_progress *p = &analysis_diagnosis(a)->progress;
	int k;

	(void)st;
	assert_true(p->active);
	assert_int_equal(p->sent, S_MR1);
	assert_int_equal(p->wait, S_MI2);
	assert_int_equal(p->withheld, 1);
	assert_true(has_cause(a, "ike-reply-blocked") < 0);
	analysis_free(a);
	a = run_at(1, 14, T(9, 54, 7, 901710) + 12500000);
	assert_false(analysis_diagnosis(a)->progress.active);
	k = has_cause(a, "ike-reply-blocked");
	assert_true(k >= 0);
	assert_true(analysis_diagnosis(a)->f[k].nev > 0);
	analysis_free(a);
}

/* The whole sample: MR2 came again (the responder never got MI3), the
 * initiator gave up: nothing is in progress, the finding is current. */
static void test_whole_sample_not_in_progress(void **st)
{
	struct analysis *a = run_at(-1, -1, PROGRESS_END_OF_LOGS);
	int k = has_cause(a, "udp4500-blocked");

	(void)st;
	assert_false(analysis_diagnosis(a)->progress.active);
	assert_int_equal(k, 0);
	assert_false(analysis_diagnosis(a)->f[k].resolved);
	analysis_free(a);
}

/* The lab recording: the fault, then the fault removed and the tunnel up. */
static void test_fault_removed_retires(void **st)
{
	char *l = head(RETIRE "left.log", -1), *r = head(RETIRE "right.log", -1);
	struct analysis *a = tdt_run(tdt_kb_g, l, r);
	const struct diagnosis *d = analysis_diagnosis(a);
	int k = has_cause(a, "udp4500-blocked"), cur = -1;
	const struct finding *f;
	char buf[1024];

	(void)st;
	assert_true(k > 0);
	f = &d->f[k];
	assert_true(f->resolved);
	assert_non_null(f->resolved_by.text);
	assert_non_null(strstr(f->resolved_by.text, "established"));
	assert_true(f->resolved_by.line > 0);
	/* it resolves with a line logged after the failure's evidence */
	for (int e = 0; e < f->nev; e++)
		if (f->ev[e].line != 0 && f->ev[e].side == f->resolved_by.side)
			assert_true(f->ev[e].line < f->resolved_by.line);
	finding_resolved_text(f, LANG_EN, buf, sizeof buf);
	assert_non_null(strstr(buf, "resolved at "));
	assert_non_null(strstr(buf, f->resolved_by.text));
	/* current findings first, the top one is the tunnel's state now:
	 * phase 1 up, the IPsec SA not installed (the lab's kernel has no ESP) */
	assert_false(d->f[0].resolved);
	assert_string_equal(tdt_top_cause(a), "sa-install-failed");
	for (int i = 0; i < d->n; i++) {
		if (!d->f[i].resolved)
			cur = i;
		else
			assert_true(cur < i);
	}
	analysis_free(a);
	free(l);
	free(r);
}

/* Only the failure part of the recording: nothing resolves it. */
static void test_fault_alone_stays_current(void **st)
{
	char *l = head(RETIRE "left.log", -1), *r = head(RETIRE "right.log", -1);
	char *cut[2] = { l, r };
	struct analysis *a;
	int k;

	(void)st;
	/* cut each log before its first "established" line */
	for (int s = 0; s < 2; s++) {
		char *e = strstr(cut[s], "established");

		assert_non_null(e);
		while (e > cut[s] && e[-1] != '\n')
			e--;
		*e = '\0';
	}
	a = tdt_run(tdt_kb_g, l, r);
	k = has_cause(a, "udp4500-blocked");
	assert_int_equal(k, 0);
	assert_false(analysis_diagnosis(a)->f[k].resolved);
	analysis_free(a);
	free(l);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mi3_in_progress),
		cmocka_unit_test(test_reply_blocked_held_back),
		cmocka_unit_test(test_whole_sample_not_in_progress),
		cmocka_unit_test(test_fault_removed_retires),
		cmocka_unit_test(test_fault_alone_stays_current),
	};

	return cmocka_run_group_tests(tests, tdt_setup, tdt_teardown);
}
