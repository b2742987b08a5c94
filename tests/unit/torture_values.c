/*
 * torture_values.c - diagnosis_check_values(): no finding names a value
 * that none of its evidence lines shows. Planted violations of every kind
 * of value (algorithm, DH group, IPv4 address and network, IPv6 address,
 * IDs with '@', distinguished names) are caught, in either language and in
 * a possible cause; the same values are accepted once a line shows them;
 * chapter numbers, times, '…' placeholders and remedies are no values.
 * The golden tests run the same check on every sample and corpus pair.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "diagnose/diagnose.h"
#include "input/source.h"
#include "tdtest.h"

/* One finding with English text en (German de) and evidence lines ev. */
static const char *check(const char *en, const char *de, const char *cause, const char *const *ev,
    int nev)
{
	static char out[128];
	struct text title = { "Titel", "Title" }, expl = { (char *)de, (char *)en }, cs = { (char *)cause, (char *)cause };
	struct evidence e[8];
	struct finding f;
	struct diagnosis d;
	char *value = NULL;
	int bad;

	memset(&d, 0, sizeof d);
	d.f = &f;
	d.n = 1;
	memset(&f, 0, sizeof f);
	memset(e, 0, sizeof e);
	for (int i = 0; i < nev; i++) {
		e[i].side = i % 2;
		e[i].line = (uint64_t)i + 1;
		e[i].text = ev[i];
		e[i].note = M_COUNT;
	}
	f.title = &title;
	f.explanation = &expl;
	f.causes = cause != NULL ? &cs : NULL;
	f.ncauses = cause != NULL;
	f.ev = e;
	f.nev = nev;
	bad = diagnosis_check_values(tdt_kb_g, &d, &value);
	if (bad < 0)
		return NULL;
	assert_int_equal(bad, 0);
	snprintf(out, sizeof out, "%s", value);
	free(value);
	return out;
}

/* check() must name value v */
#define assert_value(call, v) do { \
	const char *got_ = (call); \
	assert_non_null(got_); \
	assert_string_equal(got_, v); \
} while (0)

static const char *const refused[] = {
	"Dec  2 13:57:29.298 10[CFG] <lab|1> received proposals: IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048",
	"Dec  2 13:57:29.298 10[CFG] <lab|1> configured proposals: IKE:AES_CBC_128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/ECP_256",
};

/* the example: a refusal explained with values it never logged */
static void test_example_values_caught(void **st)
{
	(void)st;
	assert_value(check("Phase 1 refused (here AES-128, MD5, MODP1024).", "Phase 1 abgelehnt.", NULL,
	    refused, 2), "AES-128");
	assert_value(check("Phase 1 refused (here MD5).", "Phase 1 abgelehnt.", NULL, refused, 2), "MD5");
	assert_value(check("Refused.", "Abgelehnt (hier MODP1024).", NULL, refused, 2), "MODP1024");
	assert_value(check("Refused.", "Abgelehnt.", "Use AES-192 instead.", refused, 2), "AES-192");
	assert_value(check("The peer 192.0.2.7 refused.", "Abgelehnt.", NULL, refused, 2), "192.0.2.7");
	assert_value(check("Networks 10.9.0.0/16 differ.", "Abgelehnt.", NULL, refused, 2), "10.9.0.0/16");
}

static void test_ids_and_ipv6_caught(void **st)
{
	static const char *const ev[] = {
		"Dec  2 14:02:09.371 11[CFG] <1> looking for pre-shared key peer configs matching 2001:db8::20...2001:db8::10[gwa]",
		"Dec  2 14:02:09.371 11[IKE] <1> no peer config found",
	};

	(void)st;
	assert_value(check("The peer 2001:db8::99 sent its ID.", "x", NULL, ev, 2), "2001:db8::99");
	assert_value(check("The peer sent @gwb.", "x", NULL, ev, 2), "@gwb");
	assert_value(check("x", "Die Gegenstelle sendet admin@gw-b.example.", NULL, ev, 2),
	    "admin@gw-b.example");
	assert_value(check("x", "x", "We require CN=gw-b, O=Lab.", ev, 2), "CN=gw-b");
	/* the same values, logged */
	assert_null(check("The peer 2001:db8::20 sent gwa.", "x", NULL, ev, 2));
}

static void test_values_in_evidence_pass(void **st)
{
	static const char *const ev[] = {
		"\"lab\" #1: we require peer to have ID 'CN=gw-b, O=Lab', but peer declares '@gwb'",
		"\"lab\" #1: sent IKE_AUTH request {cipher=AES_GCM_16_256 integ=n/a prf=HMAC_SHA2_512 group=MODP2048} to 198.51.100.20",
	};

	(void)st;
	assert_null(check("AES_CBC 256 with SHA2_256 and MODP 2048 was refused.", "AES-CBC-256 abgelehnt.", NULL,
	    refused, 2));
	assert_null(check("It wants CN=gw-b and the peer sends @gwb, to 198.51.100.20 with MODP2048.", "x", NULL,
	    ev, 2));
}

static void test_no_values(void **st)
{
	(void)st;
	assert_null(check("See chapter 1.3.2.2 and 1.4.1; at 09:55:21 'no suitable connection for peer '…''.",
	    "Kapitel 1.3.4.1, z. B. „we require peer to have ID '…', but peer declares '…'“.",
	    "e.g. a wrong ID; UDP 500 and 4500; IKEv2, ESP, NAT-T.", refused, 2));
	/* no evidence line at all: any value is one too many */
	assert_value(check("AES-256 refused.", "x", NULL, NULL, 0), "AES-256");
}

/* every cause text of the real kb on a real sample: the golden test's check */
static void test_real_sample(void **st)
{
	struct analysis *a = analysis_new(tdt_kb_g);
	char *value = NULL;

	(void)st;
	static const char *const p[2] = { TD_SOURCE_DIR "/kb/samples/lab-p1-proposal-v2-sl/left.log",
		TD_SOURCE_DIR "/kb/samples/lab-p1-proposal-v2-sl/right.log" };

	for (int s = 0; s < 2; s++) {
		analysis_open_side(a, (enum side_id)s, p[s], -1);
		assert_int_equal(source_feed_file(a, (enum side_id)s, p[s]), 0);
	}
	analysis_run(a);
	assert_true(analysis_diagnosis(a)->n > 0);
	assert_int_equal(diagnosis_check_values(tdt_kb_g, analysis_diagnosis(a), &value), -1);
	analysis_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_values_caught),
		cmocka_unit_test(test_ids_and_ipv6_caught),
		cmocka_unit_test(test_values_in_evidence_pass),
		cmocka_unit_test(test_no_values),
		cmocka_unit_test(test_real_sample),
	};

	return cmocka_run_group_tests(tests, tdt_setup, tdt_teardown);
}
