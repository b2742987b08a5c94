/*
 * torture_align.c - the aligner on synthetic two-gateway logs whose true
 * clock offset and one-way delay are known: skew of minutes, several
 * negotiations with a distractor peer, interleaved (reordered) lines and a
 * timestamp going backwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tdtest.h"

#define MS 1000LL


/* Append an Openswan line at time t (ms since midnight). */
static void line(struct strbuf *b, long long t, const char *fmt, ...)
{
	va_list ap;

	sb_addf(b, "%02lld:%02lld:%02lld.%05lld ", t / 3600000 % 24, t / 60000 % 60, t / 1000 % 60, (t % 1000) * 100);
	va_start(ap, fmt);
	sb_vaddf(b, fmt, ap);
	va_end(ap);
	sb_addc(b, '\n');
}

/*
 * One Main Mode negotiation: initiator serial si on the left starting at
 * left time t0, responder serial sr on the right; right clock = left clock
 * + skew; one-way delay d; peer is the initiator's address.
 */
static void mm(struct strbuf *l, struct strbuf *r, long long t0, long long skew, long long d, int si, int sr, const char *peer)
{
	const char *ci = "\"A_1\"";
	char cr[64];
	long long t = t0;

	snprintf(cr, sizeof cr, "\"B_1\"[1] %s", peer);
	line(l, t, "%s #%d: initiating Main Mode", ci, si);
	t += d;
	line(r, t + skew, "%s #%d: responding to Main Mode from unknown peer %s", cr, sr, peer);
	t += 10;
	line(r, t + skew, "%s #%d: STATE_MAIN_R1: sent MR1, expecting MI2", cr, sr);
	t += d;
	line(l, t, "%s #%d: STATE_MAIN_I2: sent MI2, expecting MR2", ci, si);
	t += d;
	line(r, t + skew, "%s #%d: STATE_MAIN_R2: sent MR2, expecting MI3", cr, sr);
	t += d;
	line(l, t, "%s #%d: STATE_MAIN_I3: sent MI3, expecting MR3", ci, si);
	t += d;
	line(r, t + skew, "%s #%d: STATE_MAIN_R3: sent MR3, ISAKMP SA established {auth=OAKLEY_RSA_SIG}", cr, sr);
	t += d;
	line(l, t, "%s #%d: STATE_MAIN_I4: ISAKMP SA established {auth=OAKLEY_RSA_SIG}", ci, si);
}

static const struct group *group_of(const struct analysis *a, int left_serial)
{
	const struct alignment *al = analysis_alignment(a);

	for (int i = 0; i < al->ngroups; i++)
		if (al->groups[i].n[0] != NULL && al->groups[i].n[0]->serial == left_serial)
			return &al->groups[i];
	return NULL;
}

static void test_skew_of_minutes(void **st)
{
	struct strbuf l = {0}, r = {0};
	struct analysis *a;
	const struct alignment *al;
	long long skew = 3 * 60 * MS + 7250; /* +3 min 7.25 s */

	(void)st;
	mm(&l, &r, 10 * 3600 * MS, skew, 40, 2, 7, "77.245.32.68");
	a = tdt_run(tdt_kb_g, l.s, r.s);
	al = analysis_alignment(a);
	assert_true(al->offset_known && al->rtt_known);
	assert_true(llabs(al->offset_us - skew * 1000) <= 1000);
	assert_true(llabs(al->rtt_us - 80 * 1000) <= 1000);
	assert_non_null(group_of(a, 2));
	assert_non_null(group_of(a, 2)->n[1]);
	assert_int_equal(group_of(a, 2)->n[1]->serial, 7);
	assert_int_equal(group_of(a, 2)->role[0], ROLE_INITIATOR);
	assert_int_equal(group_of(a, 2)->role[1], ROLE_RESPONDER);
	for (int k = 0; k < group_of(a, 2)->nrows; k++)
		assert_int_equal(group_of(a, 2)->rows[k].status, RS_OK);
	analysis_free(a);
	sb_free(&l);
	sb_free(&r);
}

static void test_roles_from_logs_not_sides(void **st)
{
	struct strbuf l = {0}, r = {0};
	struct analysis *a;
	const struct group *g;

	(void)st;
	/* the right gateway initiates: left holds the responder's log */
	mm(&r, &l, 9 * 3600 * MS, -5000, 30, 4, 9, "192.0.2.10");
	a = tdt_run(tdt_kb_g, l.s, r.s);
	g = &analysis_alignment(a)->groups[0];
	assert_int_equal(g->role[0], ROLE_RESPONDER);
	assert_int_equal(g->role[1], ROLE_INITIATOR);
	assert_true(llabs(analysis_alignment(a)->offset_us - 5000 * 1000) <= 1000);
	analysis_free(a);
	sb_free(&l);
	sb_free(&r);
}

static void test_distractor_and_vote(void **st)
{
	struct strbuf l = {0}, r = {0};
	struct analysis *a;
	long long skew = -4 * 60 * MS - 500;
	long long base = 11 * 3600 * MS;

	(void)st;
	/* three negotiations ten minutes apart; the right clock is 4 min
	 * behind; a distractor responder negotiation from another peer sits
	 * where an unskewed pairing would look */
	mm(&l, &r, base, skew, 25, 11, 21, "77.245.32.68");
	line(&r, base + 10 * 60 * MS + 200, "\"C_1\"[2] 203.0.113.9 #30: responding to Main Mode from unknown peer 203.0.113.9");
	line(&r, base + 10 * 60 * MS + 210, "\"C_1\"[2] 203.0.113.9 #30: STATE_MAIN_R1: sent MR1, expecting MI2");
	mm(&l, &r, base + 10 * 60 * MS, skew, 25, 12, 22, "77.245.32.68");
	mm(&l, &r, base + 20 * 60 * MS, skew, 25, 13, 23, "77.245.32.68");
	a = tdt_run(tdt_kb_g, l.s, r.s);
	assert_int_equal(group_of(a, 11)->n[1]->serial, 21);
	assert_int_equal(group_of(a, 12)->n[1]->serial, 22);
	assert_int_equal(group_of(a, 13)->n[1]->serial, 23);
	assert_true(llabs(analysis_alignment(a)->offset_us - skew * 1000) <= 1000);
	analysis_free(a);
	sb_free(&l);
	sb_free(&r);
}

/* Interleave the lines of two texts (a line of each in turn). */
static char *interleave(const char *x, const char *y)
{
	struct strbuf b = {0};

	while (*x || *y) {
		const char *nx = strchr(x, '\n'), *ny = strchr(y, '\n');

		if (*x) {
			sb_add(&b, x, (size_t)(nx - x) + 1);
			x = nx + 1;
		}
		if (*y) {
			sb_add(&b, y, (size_t)(ny - y) + 1);
			y = ny + 1;
		}
	}
	return sb_steal(&b);
}

static void test_reordered_and_backwards(void **st)
{
	struct strbuf l1 = {0}, r1 = {0}, l2 = {0}, r2 = {0};
	struct analysis *a;
	char *l, *r;
	long long base = 14 * 3600 * MS;

	(void)st;
	/* two concurrent negotiations with one peer each, lines interleaved */
	mm(&l1, &r1, base, 90 * MS, 35, 41, 51, "77.245.32.68");
	mm(&l2, &r2, base + 3, 90 * MS, 35, 42, 52, "77.245.32.69");
	l = interleave(l1.s, l2.s);
	r = interleave(r2.s, r1.s);
	/* a line whose timestamp goes back (a clock step on the gateway) */
	{
		struct strbuf t = {0};

		sb_adds(&t, l);
		line(&t, base - 60 * MS, "\"A_1\" #43: initiating Main Mode");
		free(l);
		l = sb_steal(&t);
	}
	a = tdt_run(tdt_kb_g, l, r);
	assert_int_equal(group_of(a, 41)->n[1]->serial, 51);
	assert_int_equal(group_of(a, 42)->n[1]->serial, 52);
	assert_int_equal(analysis_sides(a)[LEFT].nbackwards, 1);
	assert_true(llabs(analysis_alignment(a)->offset_us - 90 * MS * 1000) <= 2000);
	analysis_free(a);
	free(l);
	free(r);
	sb_free(&l1);
	sb_free(&r1);
	sb_free(&l2);
	sb_free(&r2);
}

static void test_lost_message_marked(void **st)
{
	struct strbuf l = {0}, r = {0};
	struct analysis *a;
	const struct group *g;
	int lost = 0;

	(void)st;
	/* MI3 never arrives: the responder stops at MR2 and repeats it */
	line(&l, 1000, "\"A_1\" #5: initiating Main Mode");
	line(&r, 1040, "\"B_1\"[1] 77.245.32.68 #6: responding to Main Mode from unknown peer 77.245.32.68");
	line(&r, 1050, "\"B_1\"[1] 77.245.32.68 #6: STATE_MAIN_R1: sent MR1, expecting MI2");
	line(&l, 1090, "\"A_1\" #5: STATE_MAIN_I2: sent MI2, expecting MR2");
	line(&r, 1130, "\"B_1\"[1] 77.245.32.68 #6: STATE_MAIN_R2: sent MR2, expecting MI3");
	line(&l, 1170, "\"A_1\" #5: STATE_MAIN_I3: sent MI3, expecting MR3");
	line(&l, 21170, "\"A_1\" #5: discarding duplicate packet; already STATE_MAIN_I3");
	line(&r, 41130, "\"B_1\"[1] 77.245.32.68 #6: max number of retransmissions (2) reached STATE_MAIN_R2");
	line(&l, 71170, "\"A_1\" #5: max number of retransmissions (2) reached STATE_MAIN_I3.  Possible authentication failure: no acceptable response to our first encrypted message");
	a = tdt_run(tdt_kb_g, l.s, r.s);
	g = group_of(a, 5);
	for (int k = 0; k < g->nrows; k++) {
		if (g->rows[k].step == S_MI3) {
			assert_int_equal(g->rows[k].status, RS_LOST);
			/* Openswan logs its retransmissions to whack only: the
			 * give-up line's (2) is the count (timer.c st_retransmit) */
			assert_int_equal(g->rows[k].retrans[0], 2);
			lost = 1;
		}
		if (g->rows[k].step == S_MR2) {
			assert_int_equal(g->rows[k].status, RS_OK);
			assert_int_equal(g->rows[k].dup[0], 1);
			assert_int_equal(g->rows[k].retrans[1], 2);
		}
	}
	assert_true(lost);
	assert_string_equal(tdt_top_cause(a), "udp4500-blocked");
	analysis_free(a);
	sb_free(&l);
	sb_free(&r);
}

static enum row_status status_of(const struct group *g, enum step st)
{
	for (int k = 0; k < g->nrows; k++)
		if (g->rows[k].step == st)
			return g->rows[k].status;
	fail_msg("no row %s", step_name(st));
	return RS_OK;
}

/* The same unanswered MI3, but the responder's log ends before it could
 * arrive, or its daemon stops first, or nothing has timestamps: never LOST. */
static void test_lost_needs_proof(void **st)
{
	static const char *const init[] = {
		"\"A_1\" #5: initiating Main Mode",
		"\"A_1\" #5: STATE_MAIN_I2: sent MI2, expecting MR2",
		"\"A_1\" #5: STATE_MAIN_I3: sent MI3, expecting MR3",
		"\"A_1\" #5: max number of retransmissions (2) reached STATE_MAIN_I3.  Possible authentication failure: no acceptable response to our first encrypted message",
	};
	static const char *const resp[] = {
		"\"B_1\"[1] 77.245.32.68 #6: responding to Main Mode from unknown peer 77.245.32.68",
		"\"B_1\"[1] 77.245.32.68 #6: STATE_MAIN_R1: sent MR1, expecting MI2",
		"\"B_1\"[1] 77.245.32.68 #6: STATE_MAIN_R2: sent MR2, expecting MI3",
	};
	long long ti[] = { 1000, 1090, 1170, 71170 }, tr[] = { 1040, 1050, 1130 };

	(void)st;
	for (int c = 0; c < 3; c++) {
		struct strbuf l = {0}, r = {0};
		struct analysis *a;
		const struct group *g;

		for (int k = 0; k < 4; k++)
			if (c == 2)
				sb_addf(&l, "%s\n", init[k]);
			else
				line(&l, ti[k], "%s", init[k]);
		for (int k = 0; k < 3; k++)
			if (c == 2)
				sb_addf(&r, "%s\n", resp[k]);
			else
				line(&r, tr[k], "%s", resp[k]);
		if (c == 1)
			line(&r, 1150, "shutting down");
		a = tdt_run(tdt_kb_g, l.s, r.s);
		g = group_of(a, 5);
		assert_non_null(g);
		assert_int_equal(status_of(g, S_MI1), RS_OK);
		assert_int_equal(status_of(g, S_MI2), RS_OK);
		/* 0: the responder's log ends at MR2; 1: it stops; 2: no times */
		assert_int_equal(status_of(g, S_MI3), c == 0 ? RS_LOG_ENDED : RS_NOT_LOGGED);
		for (int k = 0; k < g->nrows; k++)
			if (g->rows[k].step == S_MI3)
				assert_int_equal(g->rows[k].why, c == 0 ? M_WHY_ENDED : c == 1 ? M_WHY_GONE : M_WHY_NO_TIME);
		analysis_free(a);
		sb_free(&l);
		sb_free(&r);
	}
}

/* MI3 unanswered and both logs end 2 s later: younger than an Openswan
 * sender's first retransmission (10 s) it is in progress; a libreswan
 * sender (500 ms, pluto_constants.h RETRANSMIT_INTERVAL_DEFAULT_MS) would
 * have repeated it by then, so the receiver's log simply ended. */
static void test_in_progress_by_sender_dialect(void **st)
{
	static const char *const init[] = {
		"\"A_1\": added IKEv1 connection",
		"\"A_1\" #5: initiating Main Mode",
		"\"A_1\" #5: STATE_MAIN_I2: sent MI2, expecting MR2",
		"\"A_1\" #5: STATE_MAIN_I3: sent MI3, expecting MR3",
		"listening for IKE messages",
	};
	static const long long ti[] = { 900, 1000, 1090, 1170, 3170 };

	(void)st;
	for (int c = 0; c < 2; c++) {
		struct strbuf l = {0}, r = {0};
		struct analysis *a;
		const struct group *g;

		for (int k = 0; k < 5; k++)
			if (c == 0)
				line(&l, ti[k], "%s", init[k]);
			else    /* libreswan's own time format makes it its dialect */
				sb_addf(&l, "Dec 03 00:00:%02lld.%03lld: %s\n", ti[k] / 1000, ti[k] % 1000, init[k]);
		line(&r, 1040, "\"B_1\"[1] 77.245.32.68 #6: responding to Main Mode from unknown peer 77.245.32.68");
		line(&r, 1050, "\"B_1\"[1] 77.245.32.68 #6: STATE_MAIN_R1: sent MR1, expecting MI2");
		line(&r, 1130, "\"B_1\"[1] 77.245.32.68 #6: STATE_MAIN_R2: sent MR2, expecting MI3");
		a = tdt_run(tdt_kb_g, l.s, r.s);
		assert_string_equal(analysis_kb(a)->dialects[analysis_sides(a)[LEFT].dialect].id,
		    c == 0 ? "openswan-mguard" : "libreswan");
		g = group_of(a, 5);
		assert_non_null(g);
		assert_int_equal(status_of(g, S_MI3), c == 0 ? RS_IN_PROGRESS : RS_LOG_ENDED);
		analysis_free(a);
		sb_free(&l);
		sb_free(&r);
	}
}

/* A responder that rejects MI1 makes a new state for every retransmission:
 * still one negotiation, its MI1 received (each repeat counted). */
static void test_retransmitted_mi1_one_negotiation(void **st)
{
	struct strbuf l = {0}, r = {0};
	struct analysis *a;
	const struct group *g;

	(void)st;
	line(&l, 1000, "\"A_1\" #5: initiating Main Mode");
	for (int k = 0; k < 3; k++) {
		line(&r, 1040 + k * 500, "\"B_1\"[1] 77.245.32.68 #%d: responding to Main Mode from unknown peer 77.245.32.68", 6 + k);
		line(&r, 1041 + k * 500, "\"B_1\"[1] 77.245.32.68 #%d: deleting state (STATE_MAIN_R0)", 6 + k);
		if (k > 0)
			line(&l, 1000 + k * 500, "\"A_1\" #5: STATE_MAIN_I1: retransmission; will wait 0.5 seconds for response");
	}
	line(&l, 12000, "\"A_1\" #5: max number of retransmissions (2) reached STATE_MAIN_I1.  No response (or no acceptable response) to our first IKEv1 message");
	line(&r, 12100, "\"B_1\": added IKEv1 connection");
	a = tdt_run(tdt_kb_g, l.s, r.s);
	assert_int_equal(analysis_alignment(a)->ngroups, 1);
	g = group_of(a, 5);
	assert_non_null(g->n[1]);
	assert_int_equal(g->nextra[1], 2);
	assert_int_equal(status_of(g, S_MI1), RS_OK);
	assert_int_equal(g->rows[0].dup[1], 2);
	analysis_free(a);
	sb_free(&l);
	sb_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_skew_of_minutes),
		cmocka_unit_test(test_roles_from_logs_not_sides),
		cmocka_unit_test(test_distractor_and_vote),
		cmocka_unit_test(test_reordered_and_backwards),
		cmocka_unit_test(test_lost_message_marked),
		cmocka_unit_test(test_lost_needs_proof),
		cmocka_unit_test(test_in_progress_by_sender_dialect),
		cmocka_unit_test(test_retransmitted_mi1_one_negotiation),
	};

	return cmocka_run_group_tests(tests, tdt_setup, tdt_teardown);
}
