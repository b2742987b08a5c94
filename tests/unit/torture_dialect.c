/*
 * torture_dialect.c - every dialect of kb/formats cuts real lines (from the
 * guides and the corpus) into time, prefix fields, step and direction, and
 * files are recognised as the right dialect.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "parse/dialect.h"
#include "tdtest.h"


static void parse(const char *dialect, const char *line, struct parsed *p)
{
	static struct acm_scratch sc;
	const struct dialect *d = kb_dialect(tdt_kb_g, dialect);

	assert_non_null(d);
	dialect_parse(tdt_kb_g, d, &sc, line, strlen(line), p);
}

static void cap_eq(const struct parsed *p, enum field f, const char *want)
{
	const struct capture *c = parsed_cap(p, f);

	assert_non_null(c);
	assert_int_equal(c->len, strlen(want));
	assert_memory_equal(c->s, want, c->len);
}

static void test_openswan_initiator(void **st)
{
	struct parsed p;

	(void)st;
	parse("openswan-mguard", "08:53:48.37186 \"MAI1950251842_1\" #2: STATE_MAIN_I2: sent MI2, expecting MR2", &p);
	assert_true(p.has_time);
	cap_eq(&p, F_CONN, "MAI1950251842_1");
	cap_eq(&p, F_SERIAL, "2");
	assert_non_null(p.ev);
	assert_int_equal(p.ev->step, S_MI2);
	assert_int_equal(p.ev->dir, DIR_SENT);
	assert_int_equal(p.ev->ack, S_MR1);
}

static void test_openswan_responder_prefix(void **st)
{
	struct parsed p;

	(void)st;
	parse("openswan-mguard", "08:53:47.90305 \"MAI0874627901_1\"[1] 77.245.32.68 #2: responding to Main Mode from unknown peer 77.245.32.68", &p);
	cap_eq(&p, F_CONN, "MAI0874627901_1");
	cap_eq(&p, F_PEER, "77.245.32.68");
	cap_eq(&p, F_SERIAL, "2");
	assert_int_equal(p.ev->step, S_MI1);
	assert_int_equal(p.ev->dir, DIR_RECV);
	assert_int_equal(p.ev->role, ROLE_RESPONDER);
	parse("openswan-mguard", "09:07:35.94714 packet from 77.245.32.68:500: received Vendor ID payload [Openswan (this version) 2.6.24 ]", &p);
	cap_eq(&p, F_PEER, "77.245.32.68");
	cap_eq(&p, F_PORT, "500");
}

static void test_openswan_retrans_and_dup(void **st)
{
	struct parsed p;

	(void)st;
	parse("openswan-mguard", "09:55:21.23123 \"MAI1950251842_1\" #55: max number of retransmissions (2) reached STATE_MAIN_I3. Possible authentication failure: no acceptable response to our first encrypted message", &p);
	assert_true(p.ev->retrans);
	assert_int_equal(dialect_state_step(kb_dialect(tdt_kb_g, "openswan-mguard"), parsed_cap(&p, F_STATE)->s, parsed_cap(&p, F_STATE)->len), S_MI3);
	parse("openswan-mguard", "09:54:20.23466 \"MAI1950251842_1\" #55: discarding duplicate packet; already STATE_MAIN_I3", &p);
	assert_true(p.ev->dup);
}

static void test_firewall_echo(void **st)
{
	struct parsed p;

	(void)st;
	parse("openswan-mguard", "14:57:33.68468 kernel: fw-vpn_MAI1950251842-out-1-123bacb5-b892-103f-88ac-000cbe020f10 act=ACCEPT IN=eth1 OUT=eth0 SRC=192.168.1.100 DST=192.168.20.1 LEN=60 TOS=0x00 PREC=0x00 TTL=127 ID=20250 PROTO=ICMP TYPE=8 CODE=0 ID=512 SEQ=5632", &p);
	assert_int_equal(p.ev->step, S_ECHO);
	assert_int_equal(p.ev->dir, DIR_SENT);
	cap_eq(&p, F_ICMP_ID, "512");
	cap_eq(&p, F_ICMP_SEQ, "5632");
}

static void test_debug_lines_ignored(void **st)
{
	struct parsed p;

	(void)st;
	parse("libreswan", "| state transition function for STATE_QUICK_R0 failed: NO_PROPOSAL_CHOSEN", &p);
	assert_true(p.ignored);
	assert_null(p.ev);
	assert_int_equal(p.sig, -1);
}

static void test_libreswan(void **st)
{
	struct parsed p;

	(void)st;
	parse("libreswan", "Nov 23 16:44:06.110703: \"west-east\" #1: sent Main Mode I2", &p);
	assert_true(p.has_time);
	cap_eq(&p, F_SERIAL, "1");
	assert_int_equal(p.ev->step, S_MI2);
	parse("libreswan", "002 \"westnet-eastnet-ipv4-psk-ikev1\" #1: initiating IKEv1 Main Mode connection", &p);
	cap_eq(&p, F_CONN, "westnet-eastnet-ipv4-psk-ikev1");
	assert_int_equal(p.ev->step, S_MI1);
	parse("libreswan", "1v1 \"westnet-eastnet-ipv4-psk-ikev1\" #1: sent Main Mode I3", &p);
	assert_int_equal(p.ev->step, S_MI3);
	parse("libreswan", "\"x\" #1: STATE_MAIN_I3: 60 second timeout exceeded after 0 retransmits.  Possible authentication failure", &p);
	assert_true(p.ev->retrans);
	cap_eq(&p, F_STATE, "STATE_MAIN_I3");
	/* inherited from the Openswan dialect */
	parse("libreswan", "\"x\" #1: STATE_MAIN_I2: sent MI2, expecting MR2", &p);
	assert_int_equal(p.ev->step, S_MI2);
}

static void test_strongswan(void **st)
{
	struct parsed p;

	(void)st;
	parse("strongswan", "I/charon  (14804): 13[IKE] initiating IKE_SA android[7] to 198.7.62.204", &p);
	cap_eq(&p, F_CONN, "android");
	cap_eq(&p, F_SERIAL, "7");
	cap_eq(&p, F_PEER, "198.7.62.204");
	assert_int_equal(p.ev->step, S_SA_INIT_I);
	parse("strongswan", "Jun 17 17:54:45 r-20-VM ipsec[915]: 16[NET] received packet: from 10.0.0.71[500] to 10.0.0.247[500] (76 bytes)", &p);
	assert_true(p.has_time);
	cap_eq(&p, F_PEER, "10.0.0.71");
	parse("strongswan", "Nov 23 10:00:01 14[IKE] CHILD_SA net-net{1} established with SPIs c4e5e2c1_i c9f1c3a4_o and TS 10.1.0.0/24 === 10.2.0.0/24", &p);
	assert_int_equal(p.ev->established, 2);
	cap_eq(&p, F_SPI_IN, "c4e5e2c1");
	cap_eq(&p, F_SPI_OUT, "c9f1c3a4");
	cap_eq(&p, F_TS_LOCAL, "10.1.0.0/24");
}

static void test_lancom_record(void **st)
{
	struct parsed p;

	(void)st;
	parse("lancom", "[VPN-Status] 2007/12/04 01:24:44,710 VPN: poll timeout for BUGFIX (213.23.254.24) remote site did not answer during interval (4 retries left) send poll frame to 192.168.3.254", &p);
	assert_true(p.has_time);
	cap_eq(&p, F_CONN, "BUGFIX");
	assert_int_equal(p.ev->step, S_L_POLL);
}

static void test_detection_of_samples(void **st)
{
	static const struct { const char *file; const char *dialect; } cases[] = {
		{ "kb/samples/mguard-1.3.3-udp4500/left.log", "openswan-mguard" },
		{ "kb/samples/mguard-newformat-established/right.log", "openswan-mguard" },
		{ "kb/samples/lancom-0x1307-poll-failed/left.log", "lancom" },
		{ "kb/samples/lancom-trace-connected/left.log", "lancom" },
	};

	(void)st;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[512], *lines[64];
		size_t lens[64];
		int n = 0;
		FILE *f;
		char buf[4096];

		snprintf(path, sizeof path, "%s/%s", TD_SOURCE_DIR, cases[i].file);
		f = fopen(path, "r");
		assert_non_null(f);
		while (n < 64 && fgets(buf, sizeof buf, f) != NULL) {
			lens[n] = strcspn(buf, "\r\n");
			lines[n] = strndup(buf, lens[n]);
			n++;
		}
		fclose(f);
		assert_string_equal(tdt_kb_g->dialects[dialect_detect(tdt_kb_g, (const char *const *)lines, lens, n)].id, cases[i].dialect);
		for (int k = 0; k < n; k++)
			free(lines[k]);
	}
}

/* One real line per step and role: the step, the direction and what it
 * proves (ack), under the dialect of the daemon that wrote it. */
struct vline {
	const char *dialect, *line;
	enum step step;
	enum dir dir;
	enum step ack;
	int retrans, dup;
};

static void check_vocabulary(const struct vline *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct parsed p;

		parse(v[i].dialect, v[i].line, &p);
		if (p.ev == NULL)
			fail_msg("no event for: %s", v[i].line);
		if (p.ev->step != v[i].step || p.ev->dir != v[i].dir || p.ev->ack != v[i].ack ||
		    p.ev->retrans != v[i].retrans || p.ev->dup != v[i].dup)
			fail_msg("%s: step %s dir %d ack %s retrans %d dup %d", v[i].line, step_name(p.ev->step),
			    (int)p.ev->dir, step_name(p.ev->ack), p.ev->retrans, p.ev->dup);
	}
}

/* strongSwan 5.9.8 IKEv1 (lab-established-v1): both roles, Main and Quick Mode. */
static void test_strongswan_ikev1_roles(void **st)
{
	static const struct vline v[] = {
		{ "strongswan", "Nov 23 17:47:34.714 11[ENC] <lab|1> generating ID_PROT request 0 [ SA V V V V V ]", S_MI1, DIR_SENT, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:34.714 12[ENC] <1> parsed ID_PROT request 0 [ SA V V V V V ]", S_MI1, DIR_RECV, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:34.714 12[ENC] <1> generating ID_PROT response 0 [ SA V V V V ]", S_MR1, DIR_SENT, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:34.715 13[ENC] <lab|1> parsed ID_PROT response 0 [ SA V V V V ]", S_MR1, DIR_RECV, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:34.718 13[ENC] <lab|1> generating ID_PROT request 0 [ KE No NAT-D NAT-D ]", S_MI2, DIR_SENT, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:34.725 13[ENC] <1> generating ID_PROT response 0 [ KE No NAT-D NAT-D ]", S_MR2, DIR_SENT, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:34.729 10[ENC] <1> parsed ID_PROT request 0 [ ID HASH ]", S_MI3, DIR_RECV, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:34.729 09[ENC] <lab|1> parsed ID_PROT response 0 [ ID HASH ]", S_MR3, DIR_RECV, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:34.730 09[ENC] <lab|1> generating QUICK_MODE request 1250692532 [ HASH SA No ID ID ]", S_QI1, DIR_SENT, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:34.730 11[ENC] <lab|1> generating QUICK_MODE response 1250692532 [ HASH SA No ID ID ]", S_QR1, DIR_SENT, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:34.731 01[ENC] <lab|1> generating QUICK_MODE request 1250692532 [ HASH ]", S_QI2, DIR_SENT, STEP_NONE, 0, 0 },
		{ "strongswan", "Apr 29 00:43:22 internetmosquito-PE72-7RD NetworkManager[19586]: sending retransmit 1 of request message ID 0, seq 3", STEP_NONE, DIR_NONE, STEP_NONE, 1, 0 },
	};

	(void)st;
	check_vocabulary(v, sizeof v / sizeof v[0]);
}

/* strongSwan 5.9.8 IKEv2 (lab samples): both roles. */
static void test_strongswan_ikev2_roles(void **st)
{
	static const struct vline v[] = {
		{ "strongswan", "Nov 23 17:47:28.620 12[ENC] <lab|1> generating IKE_SA_INIT request 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) N(HASH_ALG) N(REDIR_SUP) ]", S_SA_INIT_I, DIR_SENT, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:48:07.166 11[ENC] <lab|1> parsed IKE_SA_INIT response 0 [ N(NO_PROP) ]", S_SA_INIT_R, DIR_RECV, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:28.635 12[ENC] <lab|1> parsed IKE_AUTH response 1 [ IDr AUTH SA TSi TSr ]", S_AUTH_R, DIR_RECV, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:32.635 11[ENC] <lab|1> parsed INFORMATIONAL request 0 [ ]", S_INFO2_I, DIR_RECV, STEP_NONE, 0, 0 },
		{ "strongswan", "Nov 23 17:47:32.635 11[ENC] <lab|1> generating INFORMATIONAL response 0 [ ]", S_INFO2_R, DIR_SENT, STEP_NONE, 0, 0 },
	};

	(void)st;
	check_vocabulary(v, sizeof v / sizeof v[0]);
}

/* libreswan IKEv2 (corpus: test-suite and field logs of 3.x, 4.x, 5.x):
 * initiator and responder, including messages that arrived and were
 * rejected. The corpus holds no 4.x IKEv2 responder log: the last three
 * lines are the 4.10 source formats (ikev2.c, ikev2_ike_auth.c) filled in
 * with lab values. */
static void test_libreswan_ikev2_roles(void **st)
{
	static const struct vline v[] = {
		{ "libreswan", "\"westnet-eastnet-mismatch\" #1: sent IKE_SA_INIT request to 192.1.2.23:UDP/500", S_SA_INIT_I, DIR_SENT, STEP_NONE, 0, 0 },
		{ "libreswan", "\"westnet-eastnet-mismatch\" #1: processed IKE_SA_INIT response from 192.1.2.23:UDP/500 {cipher=AES_GCM_16_256 integ=n/a prf=HMAC_SHA2_512 ke=DH19}, initiating IKE_AUTH", S_SA_INIT_R, DIR_RECV, STEP_NONE, 0, 0 },
		{ "libreswan", "\"westnet-eastnet-mismatch\" #1: sent IKE_AUTH request to 192.1.2.23:UDP/500 with shared-key-mac and FQDN '@west'; Child SA #2 {ESP <0xESPESP} [192.0.1.0/24===192.0.2.0/24]", S_AUTH_I, DIR_SENT, S_SA_INIT_R, 0, 0 },
		{ "libreswan", "003 \"westnet-eastnet-ikev2\" #3: dropping unexpected IKE_SA_INIT message containing NO_PROPOSAL_CHOSEN notification; message payloads: N; missing payloads: SA,KE,Ni", S_SA_INIT_R, DIR_RECV, STEP_NONE, 0, 0 },
		{ "libreswan", "Nov 20 15:30:40.941085: \"testconn\" #82: STATE_PARENT_I1: received unauthenticated v2N_NO_PROPOSAL_CHOSEN - ignored", S_SA_INIT_R, DIR_RECV, STEP_NONE, 0, 0 },
		{ "libreswan", "Oct 25 18:52:28.892273: packet from 54.166.242.47:500: responding to IKE_SA_INIT (34) message (Message ID 0) from 54.166.242.47:500 with unencrypted notification NO_PROPOSAL_CHOSEN", S_SA_INIT_R, DIR_SENT, S_SA_INIT_I, 0, 0 },
		{ "libreswan", "\"lab\" #1: sent IKE_SA_INIT response to 198.51.100.10:UDP/500", S_SA_INIT_R, DIR_SENT, S_SA_INIT_I, 0, 0 },
		{ "libreswan", "\"lab\" #1: processing decrypted IKE_AUTH request: SK{IDi,AUTH,SA,TSi,TSr}", S_AUTH_I, DIR_RECV, STEP_NONE, 0, 0 },
		{ "libreswan", "\"lab\" #1: sent IKE_AUTH response to 198.51.100.10:UDP/500 {cipher=AES_GCM_16_256 integ=n/a prf=HMAC_SHA2_512 group=DH19}", S_AUTH_R, DIR_SENT, S_AUTH_I, 0, 0 },
	};

	(void)st;
	check_vocabulary(v, sizeof v / sizeof v[0]);
}

/*
 * libreswan 4.10/5.0 IKEv2 rekeys and 5.0 deletions, real lines of the
 * v5.0 test suite (testing/pluto/ikev2-28-rw-server-rekey east, the
 * rekey tests' west, ikev2-expire-*): a rekey's CREATE_CHILD_SA logs only
 * "rekeyed" (5.0 processes it with debug logging), so the line is the
 * exchange's receipt and the new SA's establishment; "deleting ... SA ("
 * ends the state (5.0; 3.32 and 4.10 say "deleting state (").
 */
static void test_libreswan_rekey_and_delete(void **st)
{
	static const struct {
		const char *line;
		enum step step;
		enum dir dir;
		int established, life;
	} v[] = {
		{ "\"west\" #3: initiator rekeyed Child SA #2 using #1; IPsec tunnel [192.0.1.0/24===192.0.2.0/24] {ESP/ESN=>0xESPESP <0xESPESP xfrm=AES_GCM_16_256-NONE DPD=passive}", S_CHILD_R, DIR_RECV, 2, 0 },
		{ "\"road-eastnet-nonat\"[1] 192.1.3.209 #3: responder rekeyed Child SA #2 using #1; IPsec tunnel [192.0.2.0/24===192.0.2.219/32] {ESP/ESN=>0xESPESP <0xESPESP xfrm=AES_GCM_16_256-NONE-DH19 DPD=passive}", S_CHILD_I, DIR_RECV, 2, 0 },
		{ "\"road\" #3: initiator rekeyed IKE SA #1 {cipher=AES_GCM_16_256 integ=n/a prf=HMAC_SHA2_512 group=DH19}", S_CHILD_R, DIR_RECV, 1, 0 },
		{ "\"westnet-eastnet-ipv4-psk-ikev2\" #1: deleting IKE SA (STATE_IKESA_DEL)", STEP_NONE, DIR_NONE, 0, 3 },
		{ "\"ikev1\" #1: deleting ISAKMP SA (MAIN_I1) and NOT sending notification", STEP_NONE, DIR_NONE, 0, 3 },
		{ "\"westnet-eastnet\" #2: deleting IPsec SA (QUICK_I2) and sending notification using ISAKMP SA #1", STEP_NONE, DIR_NONE, 0, 3 },
	};

	(void)st;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct parsed p;

		parse("libreswan", v[i].line, &p);
		if (p.ev == NULL)
			fail_msg("no event for: %s", v[i].line);
		if (p.ev->step != v[i].step || p.ev->dir != v[i].dir || p.ev->established != v[i].established ||
		    p.ev->life != v[i].life)
			fail_msg("%s: step %s dir %d established %d life %d", v[i].line, step_name(p.ev->step),
			    (int)p.ev->dir, p.ev->established, p.ev->life);
	}
}

/* Two parses are the same, their pointers taken relative to their lines. */
static void parsed_eq(const struct parsed *a, const char *la, const struct parsed *b, const char *lb)
{
	assert_int_equal(a->has_time, b->has_time);
	assert_int_equal(a->time_len, b->time_len);
	assert_true(a->t.us == b->t.us);
	assert_int_equal(a->ignored, b->ignored);
	assert_ptr_equal(a->ev, b->ev);
	assert_int_equal(a->sig, b->sig);
	assert_int_equal(a->msg - la, b->msg - lb);
	assert_int_equal(a->msglen, b->msglen);
	assert_int_equal(a->ncaps, b->ncaps);
	for (int i = 0; i < a->ncaps; i++) {
		assert_int_equal(a->caps[i].field, b->caps[i].field);
		assert_ptr_equal(a->caps[i].name, b->caps[i].name);
		assert_int_equal(a->caps[i].s - la, b->caps[i].s - lb);
		assert_int_equal(a->caps[i].len, b->caps[i].len);
	}
}

/*
 * The parser's memo of repeated lines gives what a fresh parse gives: every
 * line of the libreswan and strongSwan lab samples, parsed through one
 * scratch (many repeats, the memo's slots reused), each against a parse
 * with a new scratch, also in a copy at another address.
 */
static void test_memo_same_as_parse(void **st)
{
	static const char *const files[] = { "lab-psk-mismatch-v1/left.log", "lab-udp500-dropped-v1/right.log",
		"lab-p2-proposal-v2/left.log", "lab-subnet-mismatch-v1/left.log", "lab-psk-mismatch-v1/left.log" };
	struct acm_scratch memo = {0};
	int checked = 0;

	(void)st;
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		char path[1024], line[4096], copy[4096];
		FILE *fp;
		const struct dialect *d = kb_dialect(tdt_kb_g, strstr(files[f], "v2") ? "strongswan" : "libreswan");

		assert_non_null(d);
		snprintf(path, sizeof path, "%s/kb/samples/%s", TD_SOURCE_DIR, files[f]);
		assert_non_null(fp = fopen(path, "r"));
		while (fgets(line, sizeof line, fp) != NULL) {
			struct acm_scratch fresh = {0};
			struct parsed a, b;
			size_t n = strcspn(line, "\n");

			line[n] = '\0';
			memcpy(copy, line, n + 1);
			dialect_parse(tdt_kb_g, d, &memo, line, n, &a);
			dialect_parse(tdt_kb_g, d, &fresh, line, n, &b);
			parsed_eq(&a, line, &b, line);
			dialect_parse(tdt_kb_g, d, &memo, copy, n, &a);
			parsed_eq(&a, copy, &b, line);
			acm_scratch_free(&fresh);
			checked++;
		}
		fclose(fp);
	}
	assert_true(checked > 500);
	acm_scratch_free(&memo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_openswan_initiator),
		cmocka_unit_test(test_memo_same_as_parse),
		cmocka_unit_test(test_openswan_responder_prefix),
		cmocka_unit_test(test_openswan_retrans_and_dup),
		cmocka_unit_test(test_firewall_echo),
		cmocka_unit_test(test_debug_lines_ignored),
		cmocka_unit_test(test_libreswan),
		cmocka_unit_test(test_strongswan),
		cmocka_unit_test(test_lancom_record),
		cmocka_unit_test(test_detection_of_samples),
		cmocka_unit_test(test_strongswan_ikev1_roles),
		cmocka_unit_test(test_strongswan_ikev2_roles),
		cmocka_unit_test(test_libreswan_ikev2_roles),
		cmocka_unit_test(test_libreswan_rekey_and_delete),
	};

	return cmocka_run_group_tests(tests, tdt_setup, tdt_teardown);
}
