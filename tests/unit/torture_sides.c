/*
 * torture_sides.c - issue 12 item 3 on the shared corpus (libreswan's own
 * test-suite consoles, no timestamps): the responder's reason outranks the
 * initiator's symptom and the finding cites both logs, also when the two
 * logs could not be paired (the responder logged only its reason, no line
 * of the exchange): the initiator's "INVALID_ID_INFORMATION received" rule
 * holds only while the responder logged no error, so the responder's
 * certificate error is the finding and the initiator's lines its evidence.
 * Paired logs the same way: the initiator's symptom of a phase is evidence of
 * the responder's reason of that phase. And not across unrelated logs: with
 * a responder log that has no error the initiator's finding stays its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tdtest.h"

#define CORPUS TD_CORPUS_DIR "/"

static char *slurp(const char *name)
{
	char path[512];
	FILE *f;
	struct strbuf b = {0};
	char line[4096];

	snprintf(path, sizeof path, "%s%s", CORPUS, name);
	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("the shared corpus has no %s", path);
	while (fgets(line, sizeof line, f) != NULL)
		sb_adds(&b, line);
	fclose(f);
	return b.s != NULL ? sb_steal(&b) : xstrdup("");
}

/* The top finding's evidence has a line of side s containing text. */
static int cites(const struct finding *f, int s, const char *text)
{
	for (int i = 0; i < f->nev; i++)
		if (f->ev[i].side == s && f->ev[i].line != 0 && f->ev[i].text != NULL && strstr(f->ev[i].text, text) != NULL)
			return 1;
	return 0;
}

static void check_pair(const char *l, const char *r, const char *reason)
{
	char *lt = slurp(l), *rt = slurp(r);
	struct analysis *a = tdt_run(tdt_kb_g, lt, rt);
	const struct diagnosis *d = analysis_diagnosis(a);
	const struct finding *f = &d->f[0];

	assert_string_equal(tdt_top_cause(a), "cert-invalid");
	if (!cites(f, RIGHT, reason))
		fail_msg("%s: the responder's reason '%s' is not cited", r, reason);
	if (!cites(f, LEFT, "INVALID_ID_INFORMATION"))
		fail_msg("%s: the initiator's symptom (INVALID_ID_INFORMATION) is not cited", l);
	/* the symptom is no finding of its own */
	for (int i = 1; i < d->n; i++)
		assert_string_not_equal(analysis_kb(a)->causes[d->f[i].cause].id, "id-mismatch");
	analysis_free(a);
	free(lt);
	free(rt);
}

static void test_cert_expired(void **st)
{
	(void)st;
	check_pair("009-lsw5-ikev1-cert-expired-init.log", "010-lsw5-ikev1-cert-expired-resp.log", "has expired");
}

static void test_cert_revoked(void **st)
{
	(void)st;
	check_pair("011-lsw5-ikev1-cert-revoked-crl-init.log", "012-lsw5-ikev1-cert-revoked-crl-resp.log", "certificate");
}

static void test_cert_not_yet_valid(void **st)
{
	(void)st;
	check_pair("015-lsw4-ikev1-cert-notyetvalid-init.log", "016-lsw4-ikev1-cert-notyetvalid-resp.log", "IPsec certificate");
	check_pair("017-lsw3-ikev1-cert-notyetvalid-init.log", "018-lsw3-ikev1-cert-notyetvalid-resp.log", "Certificate has expired");
}

/*
 * Paired logs (Openswan 2.6 opportunistic encryption, corpus 057/058): the
 * initiator's "No acceptable response to our first Quick Mode message"
 * (guide 1.4.3 reads it as PFS) is the symptom of the responder's reason
 * of the same phase ("DNS fails to confirm delegation"): one finding, both
 * lines. The initiator's log alone keeps its own reading.
 */
static void test_paired_symptom_folds(void **st)
{
	char *lt = slurp("057-osw26-ikev1-oe-qm-id-rejected-init.log"), *rt = slurp("058-osw26-ikev1-oe-qm-id-rejected-resp.log");
	struct analysis *a = tdt_run(tdt_kb_g, lt, rt);
	const struct diagnosis *d = analysis_diagnosis(a);

	(void)st;
	assert_string_equal(tdt_top_cause(a), "subnet-mismatch");
	assert_true(cites(&d->f[0], RIGHT, "DNS fails to confirm delegation"));
	assert_true(cites(&d->f[0], LEFT, "No acceptable response to our first Quick Mode message"));
	for (int i = 0; i < d->n; i++)
		assert_string_not_equal(analysis_kb(a)->causes[d->f[i].cause].id, "pfs-mismatch");
	analysis_free(a);
	a = tdt_run(tdt_kb_g, lt, NULL);
	assert_string_equal(tdt_top_cause(a), "pfs-mismatch");
	analysis_free(a);
	free(lt);
	free(rt);
}

/* An unrelated responder log without an error: nothing to fold. */
static void test_no_reason_no_fold(void **st)
{
	char *lt = slurp("009-lsw5-ikev1-cert-expired-init.log"), *rt = slurp("002-lsw3-ikev1-qm-esp-mismatch-resp.log");
	struct analysis *a;
	const struct diagnosis *d;
	int idm = 0;

	(void)st;
	/* keep only the responder's lines that are no error (cut its refusal) */
	*strstr(rt, "\"westnet-eastnet-ipv4-psk-ikev1\" #2: sending encrypted notification") = '\0';
	a = tdt_run(tdt_kb_g, lt, rt);
	d = analysis_diagnosis(a);
	for (int i = 0; i < d->n; i++)
		if (strcmp(analysis_kb(a)->causes[d->f[i].cause].id, "id-mismatch") == 0) {
			idm = 1;
			assert_false(cites(&d->f[i], RIGHT, ""));
		}
	assert_true(idm);
	analysis_free(a);
	free(lt);
	free(rt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cert_expired),
		cmocka_unit_test(test_cert_revoked),
		cmocka_unit_test(test_cert_not_yet_valid),
		cmocka_unit_test(test_paired_symptom_folds),
		cmocka_unit_test(test_no_reason_no_fold),
	};

	return cmocka_run_group_tests(tests, tdt_setup, tdt_teardown);
}
