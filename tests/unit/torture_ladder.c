/*
 * torture_ladder.c - the ladder on real lab log pairs whose packet
 * captures were judged (tests/lab/judge.py, issue 11): per dialect and
 * role, each case under tests/unit/ladder/<case>/ holds the minimal real
 * excerpt of both gateways' logs (left.log, right.log: the daemon's start
 * line and every line about the negotiation) and expect, one row per line:
 *
 *   NEG STEP STATUS SIDE LINE [r=L/R] [d=L/R]
 *
 * NEG the negotiation (as in the JSON report), STATUS as row_status_name(),
 * SIDE:LINE the evidence the row's why names (left/right, line number),
 * r= / d= the retransmissions / duplicates counted per side. The statuses
 * are the capture's truth: what the judge saw arrive is not LOST, what it
 * saw never arrive is LOST.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tdtest.h"

#define CASES TD_SOURCE_DIR "/tests/unit/ladder/"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The nth (0-based) row of step in negotiation neg. */
static const struct row *find_row(const struct alignment *al, int neg, const char *step, int nth)
{
	const struct group *g;

	if (neg < 1 || neg > al->ngroups)
		return NULL;
	g = &al->groups[neg - 1];
	for (int k = 0; !g->dead && k < g->nrows; k++)
		if (strcmp(step_name(g->rows[k].step), step) == 0 && nth-- == 0)
			return &g->rows[k];
	return NULL;
}

/* Check one expect line against the alignment; *prev is the previous
 * line's negotiation and step, *nth how often that pair came in a row
 * (a step with several rows: refusals, either peer's DPD). */
static void check_line(const char *name, const struct alignment *al, const char *ln, char *prev, int *nth)
{
	char step[16], status[24], side[8], extra[2][24], key[32];
	unsigned long long line;
	int neg, n;
	const struct row *r;

	n = sscanf(ln, "%d %15s %23s %7s %llu %23s %23s", &neg, step, status, side, &line, extra[0], extra[1]);
	if (n < 5)
		fail_msg("%s/expect: bad line: %s", name, ln);
	snprintf(key, sizeof key, "%d %s", neg, step);
	*nth = strcmp(key, prev) == 0 ? *nth + 1 : 0;
	strcpy(prev, key);
	r = find_row(al, neg, step, *nth);
	if (r == NULL)
		fail_msg("%s: no row %d %s (#%d)", name, neg, step, *nth + 1);
	if (strcmp(row_status_name(r->status), status) != 0)
		fail_msg("%s: row %d %s is %s, the capture says %s", name, neg, step, row_status_name(r->status), status);
	if (r->why_line != line || r->why_side != (strcmp(side, "left") == 0 ? 0 : 1))
		fail_msg("%s: row %d %s names %s line %llu as evidence, want %s line %llu", name, neg, step,
		    r->why_side == 0 ? "left" : "right", r->why_line, side, line);
	for (int k = 0; k < n - 5; k++) {
		unsigned a, b;
		const unsigned *v = extra[k][0] == 'r' ? r->retrans : r->dup;

		if (sscanf(extra[k] + 2, "%u/%u", &a, &b) != 2 || (extra[k][0] != 'r' && extra[k][0] != 'd'))
			fail_msg("%s/expect: bad count %s", name, extra[k]);
		if (v[0] != a || v[1] != b)
			fail_msg("%s: row %d %s counts %c=%u/%u, want %s", name, neg, step, extra[k][0], v[0], v[1], extra[k]);
	}
}

static void run_case(const char *name)
{
	char path[512];
	char *left, *right, *expect, *save = NULL, prev[32] = "";
	struct analysis *a;
	int nchecked = 0, nth = 0, nrows = 0;
	const struct alignment *al;

	snprintf(path, sizeof path, CASES "%s/left.log", name);
	left = slurp(path);
	snprintf(path, sizeof path, CASES "%s/right.log", name);
	right = slurp(path);
	snprintf(path, sizeof path, CASES "%s/expect", name);
	expect = slurp(path);
	a = tdt_run(tdt_kb_g, left, right);
	al = analysis_alignment(a);
	for (char *ln = strtok_r(expect, "\n", &save); ln != NULL; ln = strtok_r(NULL, "\n", &save)) {
		if (*ln == '#' || *ln == '\0')
			continue;
		check_line(name, al, ln, prev, &nth);
		nchecked++;
	}
	/* no row more or less than the captures show */
	for (int gi = 0; gi < al->ngroups; gi++)
		nrows += al->groups[gi].dead ? 0 : al->groups[gi].nrows;
	if (nrows != nchecked)
		fail_msg("%s: the ladder has %d rows, the expect file %d", name, nrows, nchecked);
	analysis_free(a);
	free(left);
	free(right);
	free(expect);
}

static void test_case(void **st)
{
	run_case(*st);
}

/*
 * The cases, per dialect and role (the matrix scenario each was cut from
 * is named in its expect file):
 * - libreswan-v1-init-internal-error: libreswan 4.10 IKEv1 initiator; the
 *   kernel refuses the SA while QR1 is processed: "state transition
 *   function for STATE_QUICK_I1 had internal error" is the QR1 that
 *   arrived, not a lost one.
 * - libreswan-v1-init-after-delete: libreswan 4.10 IKEv1 initiator whose
 *   MR1s were dropped: its lines after "deleting state" are the cleanup,
 *   not an unmapped receipt: MR1 lost.
 * - libreswan-v1-resp-no-conn: libreswan 4.10 IKEv1 responder without a
 *   connection for the peer: "initial Main Mode message received but no
 *   connection has been authorized" makes no state; every receipt is its
 *   own, folded into the initiator's attempt whose retransmission it was
 *   (one Main Mode attempt every 8 s: each one paired, none lost).
 * - libreswan-v2-resp-duplicate: libreswan 4.10 IKEv2 responder; "received
 *   duplicate IKE_SA_INIT message request" counts the repeat; its INVALID_KE
 *   state and the retry's state are one negotiation; AUTH_I over UDP 4500
 *   never arrived: lost.
 * - libreswan-v2-resp-refusals: libreswan 4.10 IKEv2 responder refusing
 *   every retransmission with NO_PROPOSAL_CHOSEN from a new state (4.10
 *   wording "responding to IKE_SA_INIT message (ID 0) from ..."): one
 *   negotiation per initiator attempt, a row per refusal, each arrived.
 * - libreswan-v2-resp-invalid-ke-lost: the same with INVALID_KE, every
 *   refusal dropped on the way back: each one lost.
 * - strongswan-v1-resp-half-open: strongSwan 5.9.8 IKEv1 responder, UDP
 *   4500 dropped: "deleting half open IKE_SA ... after timeout" ends the
 *   state; MI3 lost.
 * - strongswan-v1-resp-processing-failed: strongSwan IKEv1 responder with
 *   another PSK: "ID_PROT request with message ID 0 processing failed" is
 *   the MI3 that arrived.
 * - strongswan-v2-resp-lines-before: strongSwan IKEv2 responder; its
 *   unmapped lines came before it sent SA_INIT_R, so they say nothing
 *   about AUTH_I: lost.
 * - strongswan-v2-dpd-both-lost: strongSwan IKEv2 both sides, the tunnel
 *   cut after it was up: each side's DPD request (INFORMATIONAL) is a row
 *   of its own, its retransmissions counted there, each lost.
 * - strongswan-v2-resp-refusals-spi-zero: strongSwan IKEv2 responder
 *   refusing with INVALID_KE from a new IKE_SA per retransmission, responder
 *   SPI 0: one message on the wire, one row, lost.
 * - libreswan-v2-init-invalid-ke-two-sas: libreswan 4.10 IKEv2 initiator,
 *   two IKE SAs 140 ms apart, each with an INVALID_KE round: the clock
 *   vote paired them crosswise in about half the lab runs, the second
 *   rejecting state was folded into the first; "initiator established IKE
 *   SA" is the IKE_AUTH response that arrived.
 * - libreswan-v1-resp-cert-rejected: libreswan 4.10 IKEv1 responder
 *   without the CA: "X509: CERT payload bogus or revoked" proves MI3
 *   arrived; "timeout exceeded after 4 retransmits" is the fourth
 *   retransmission's evidence, not a fifth.
 */
int main(void)
{
	static const char *const cases[] = {
		"libreswan-v1-init-internal-error", "libreswan-v1-init-after-delete", "libreswan-v1-resp-no-conn",
		"libreswan-v2-resp-duplicate", "libreswan-v2-resp-refusals", "libreswan-v2-resp-invalid-ke-lost",
		"strongswan-v1-resp-half-open", "strongswan-v1-resp-processing-failed",
		"strongswan-v2-resp-lines-before", "strongswan-v2-resp-refusals-spi-zero", "strongswan-v2-dpd-both-lost",
		"libreswan-v2-init-invalid-ke-two-sas", "libreswan-v1-resp-cert-rejected",
	};
	struct CMUnitTest tests[sizeof cases / sizeof cases[0]];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct CMUnitTest t = cmocka_unit_test_prestate(test_case, (void *)cases[i]);

		t.name = cases[i];
		tests[i] = t;
	}
	return cmocka_run_group_tests(tests, tdt_setup, tdt_teardown);
}
