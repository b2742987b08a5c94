/*
 * bench_analyze.c - the analyze benchmark (numbers printed, never asserted).
 *
 *   bench_analyze gen DIR LINES     write DIR/left.log and DIR/right.log: a
 *                                   pluto log pair of LINES lines each, many
 *                                   Main/Quick Mode negotiations (some fail),
 *                                   Openswan wording, right clock +2.5 s
 *   bench_analyze run BIN DIR [ARGS...]  run "BIN analyze --json DIR/left.log
 *                                   DIR/right.log", print wall time,
 *                                   lines/s (both files) and peak RSS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void stamp(char *buf, size_t sz, long long us)
{
	long long s = us / 1000000;

	snprintf(buf, sz, "%02lld:%02lld:%02lld.%05lld", (s / 3600) % 24, (s / 60) % 60, s % 60, (us % 1000000) / 10);
}

/* One negotiation: the initiator's lines to l, the responder's to r. */
static long nego(FILE *l, FILE *r, int serial, long long t, int fail)
{
	char a[32], b[32];
	long n = 0;
	const char *ci = "MAI1950251842_1", *cr = "MAI0874627901_1";
	static const char *const vids[] = { "Openswan (this version) 2.6.24 ", "Dead Peer Detection", "RFC 3947] method set to=109",
		"Innominate IKE Fragmentation", "Innominate always send NAT-OA" };
	long long off = 2500000;

#define L(dt, ...) do { stamp(a, sizeof a, t + (dt)); fprintf(l, "%s \"%s\" #%d: ", a, ci, serial); fprintf(l, __VA_ARGS__); fputc('\n', l); n++; } while (0)
#define R(dt, ...) do { stamp(b, sizeof b, t + off + (dt)); fprintf(r, "%s \"%s\"[1] 77.245.32.68 #%d: ", b, cr, serial); fprintf(r, __VA_ARGS__); fputc('\n', r); n++; } while (0)
	L(0, "initiating Main Mode");
	for (int i = 0; i < 5; i++) {
		stamp(b, sizeof b, t + off + 40000 + i);
		fprintf(r, "%s packet from 77.245.32.68:500: received Vendor ID payload [%s]\n", b, vids[i]);
		n++;
	}
	R(40100, "responding to Main Mode from unknown peer 77.245.32.68");
	R(40200, "transition from state STATE_MAIN_R0 to state STATE_MAIN_R1");
	R(40300, "STATE_MAIN_R1: sent MR1, expecting MI2");
	for (int i = 0; i < 5; i++)
		L(80000 + i, "received Vendor ID payload [%s]", vids[i]);
	L(80100, "transition from state STATE_MAIN_I1 to state STATE_MAIN_I2");
	L(80200, "STATE_MAIN_I2: sent MI2, expecting MR2");
	R(120000, "transition from state STATE_MAIN_R1 to state STATE_MAIN_R2");
	R(120100, "STATE_MAIN_R2: sent MR2, expecting MI3");
	L(160000, "transition from state STATE_MAIN_I2 to state STATE_MAIN_I3");
	L(160100, "STATE_MAIN_I3: sent MI3, expecting MR3");
	if (fail) {
		L(10160000, "discarding duplicate packet; already STATE_MAIN_I3");
		R(20120000, "max number of retransmissions (2) reached STATE_MAIN_R2");
		L(30160000, "max number of retransmissions (2) reached STATE_MAIN_I3. Possible authentication failure: no acceptable response to our first encrypted message");
		return n;
	}
	R(200000, "Main mode peer ID is ID_DER_ASN1_DN: 'O=Innominate, OU=Support, CN=mGuard 1'");
	R(200100, "issuer cacert not found");
	R(200200, "X.509 certificate rejected");
	R(200300, "transition from state STATE_MAIN_R2 to state STATE_MAIN_R3");
	R(200400, "STATE_MAIN_R3: sent MR3, ISAKMP SA established {auth=OAKLEY_RSA_SIG cipher=oakley_3des_cbc_192 prf=oakley_md5 group=modp8192}");
	L(240000, "Main mode peer ID is ID_DER_ASN1_DN: 'O=Innominate, OU=Support, CN=mGuard 2'");
	L(240100, "transition from state STATE_MAIN_I3 to state STATE_MAIN_I4");
	L(240200, "STATE_MAIN_I4: ISAKMP SA established {auth=OAKLEY_RSA_SIG cipher=oakley_3des_cbc_192 prf=oakley_md5 group=modp8192}");
	L(240300, "Dead Peer Detection (RFC 3706): enabled");
	return n;
#undef L
#undef R
}

static int gen(const char *dir, long lines)
{
	char p[1024];
	FILE *l, *r;
	long n = 0;
	int serial = 1;
	long long t = 8LL * 3600 * 1000000;

	snprintf(p, sizeof p, "%s/left.log", dir);
	l = fopen(p, "w");
	snprintf(p, sizeof p, "%s/right.log", dir);
	r = fopen(p, "w");
	if (l == NULL || r == NULL) {
		perror("bench_analyze: open");
		return 1;
	}
	while (n < 2 * lines) {
		n += nego(l, r, serial, t, serial % 7 == 0);
		serial++;
		t += 45LL * 1000000;
	}
	fclose(l);
	fclose(r);
	printf("generated %ld lines in %d negotiations into %s\n", n, serial - 1, dir);
	return 0;
}

static long count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	long n = 0;
	int c;
	char buf[1 << 16];
	size_t k;

	if (f == NULL)
		return 0;
	while ((k = fread(buf, 1, sizeof buf, f)) > 0)
		for (size_t i = 0; i < k; i++)
			n += buf[i] == '\n';
	(void)c;
	fclose(f);
	return n;
}

static int run(const char *bin, const char *dir)
{
	char lp[1024], rp[1024];
	struct timespec a, b;
	struct rusage ru;
	int status;
	pid_t pid;
	double secs;
	long lines;

	snprintf(lp, sizeof lp, "%s/left.log", dir);
	snprintf(rp, sizeof rp, "%s/right.log", dir);
	lines = count_lines(lp) + count_lines(rp);
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid == 0) {
		if (freopen("/dev/null", "w", stdout) == NULL)
			_exit(127);
		execl(bin, bin, "analyze", "--json", lp, rp, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
		perror("bench_analyze: run");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("analyze: %ld lines (both sides) in %.3f s wall, %.3f s user, %.3f s sys\n", lines, secs,
	    (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6,
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6);
	printf("analyze: %.2f million lines/s (single thread), peak RSS %.1f MB, exit %d\n",
	    (double)lines / secs / 1e6, (double)ru.ru_maxrss / 1024.0, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2], atol(argv[3]));
	if (argc == 4 && strcmp(argv[1], "run") == 0)
		return run(argv[2], argv[3]);
	fprintf(stderr, "usage: bench_analyze gen DIR LINES | run BIN DIR\n");
	return 2;
}
