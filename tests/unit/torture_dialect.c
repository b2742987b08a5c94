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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_openswan_initiator),
		cmocka_unit_test(test_openswan_responder_prefix),
		cmocka_unit_test(test_openswan_retrans_and_dup),
		cmocka_unit_test(test_firewall_echo),
		cmocka_unit_test(test_debug_lines_ignored),
		cmocka_unit_test(test_libreswan),
		cmocka_unit_test(test_strongswan),
		cmocka_unit_test(test_lancom_record),
		cmocka_unit_test(test_detection_of_samples),
	};

	return cmocka_run_group_tests(tests, tdt_setup, tdt_teardown);
}
