/*
 * bench_analyze.c - the analyze benchmark (numbers printed, never asserted).
 *
 *   bench_analyze gen DIR LINES TEMPLATE_DIR...  write DIR/left.log and
 *       DIR/right.log, at least LINES lines each, made of the real log pairs
 *       in the template directories (their left.log/right.log), replicated
 *       with moved times, serials and gateway addresses
 *   bench_analyze count FILE   its number of lines
 *   bench_analyze run LABEL LINES OUT CMD [ARGS...]  run CMD with standard
 *       output to OUT; print CPU, wall, lines per CPU-second and peak RSS
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* One template: a real log pair, its lines and times (µs of 2026, UTC). */
struct tmpl {
	char **line[2];
	long long *t[2];	/* -1: no time stamp */
	size_t n[2];
	size_t boot[2];	/* lines before the first negotiation (startup noise) */
	long long t0, span;
};

#define MAXT 64

static const char *const months[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* "Nov 23 17:49:12.427888" at the start of s, in µs; -1 when not. */
static long long parse_stamp(const char *s)
{
	struct tm tm = { 0 };
	int mon = -1, day, h, m, sec;
	long us;
	char frac[8];

	for (int i = 0; i < 12; i++)
		if (strncmp(s, months[i], 3) == 0)
			mon = i;
	if (mon < 0 || sscanf(s + 3, " %d %2d:%2d:%2d.%6[0-9]", &day, &h, &m, &sec, frac) != 5 || strlen(frac) != 6)
		return -1;
	us = atol(frac);
	tm.tm_year = 126;
	tm.tm_mon = mon;
	tm.tm_mday = day;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_sec = sec;
	return (long long)timegm(&tm) * 1000000 + us;
}

static int load_side(struct tmpl *T, int s, const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[8192];
	size_t cap = 0;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	T->boot[s] = (size_t)-1;
	while (fgets(buf, sizeof buf, f) != NULL) {
		size_t k = strcspn(buf, "\n");

		buf[k] = '\0';
		if (T->n[s] == cap) {
			cap = cap ? cap * 2 : 256;
			T->line[s] = realloc(T->line[s], cap * sizeof *T->line[s]);
			T->t[s] = realloc(T->t[s], cap * sizeof *T->t[s]);
		}
		T->t[s][T->n[s]] = parse_stamp(buf);
		if (T->boot[s] == (size_t)-1 && strstr(buf, "\" #") != NULL)
			T->boot[s] = T->n[s];
		T->line[s][T->n[s]++] = strdup(buf);
	}
	fclose(f);
	if (T->boot[s] == (size_t)-1)
		T->boot[s] = T->n[s];	/* never negotiated: all of it is startup */
	return 0;
}

static int load_tmpl(struct tmpl *T, const char *dir)
{
	char p[1024];
	long long lo = -1, hi = -1;

	memset(T, 0, sizeof *T);
	for (int s = 0; s < 2; s++) {
		snprintf(p, sizeof p, "%s/%s.log", dir, s == 0 ? "left" : "right");
		if (load_side(T, s, p) != 0)
			return -1;
		for (size_t i = 0; i < T->n[s]; i++) {
			if (T->t[s][i] < 0)
				continue;
			if (lo < 0 || T->t[s][i] < lo)
				lo = T->t[s][i];
			if (T->t[s][i] > hi)
				hi = T->t[s][i];
		}
	}
	T->t0 = lo;
	T->span = hi - lo;
	return lo < 0 ? -1 : 0;
}

static void put_stamp(FILE *f, long long us)
{
	time_t secs = (time_t)(us / 1000000);
	struct tm tm;

	gmtime_r(&secs, &tm);
	fprintf(f, "%s %2d %02d:%02d:%02d.%06lld", months[tm.tm_mon], tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, us % 1000000);
}

/*
 * One template line with its time moved by dt, its serials (#N, $N) moved
 * by dser and the gateways' network 198.51.100.0/24 moved to 198.51.net.0.
 */
static void put_line(FILE *f, const char *s, long long t, long long dt, int dser, int net)
{
	if (t >= 0) {
		put_stamp(f, t + dt);
		s += 22;
	}
	while (*s != '\0') {
		if ((*s == '#' || *s == '$') && s[1] >= '1' && s[1] <= '9' && strncmp(s - 1, "n #1 SMP", 8) != 0) {
			char *end;
			long v = strtol(s + 1, &end, 10);

			fprintf(f, "%c%ld", *s, v + dser);
			s = end;
		} else if (strncmp(s, "198.51.100.", 11) == 0) {
			fprintf(f, "198.51.%d.", net);
			s += 11;
		} else {
			fputc(*s++, f);
		}
	}
	fputc('\n', f);
}

/*
 * DIR/left.log and DIR/right.log of at least LINES lines each: the real
 * libreswan template pairs given, one after another, over and over; each
 * repetition later in time (the gap between the sides kept), with higher
 * serials and another gateway network. A template's startup noise (the
 * daemon's start up to its first negotiation) comes with every 8th
 * repetition: a long-running daemon negotiates far more often than it starts.
 */
static int gen(const char *dir, long lines, int nt, char **tdirs)
{
	static struct tmpl T[MAXT];
	char p[1024];
	FILE *f[2];
	long n[2] = { 0, 0 }, reps = 0;
	long long t = 0;

	if (nt < 1 || nt > MAXT) {
		fprintf(stderr, "bench_analyze: 1 to %d template directories\n", MAXT);
		return 2;
	}
	for (int i = 0; i < nt; i++)
		if (load_tmpl(&T[i], tdirs[i]) != 0) {
			fprintf(stderr, "bench_analyze: %s: no time-stamped left.log/right.log\n", tdirs[i]);
			return 1;
		}
	for (int s = 0; s < 2; s++) {
		snprintf(p, sizeof p, "%s/%s.log", dir, s == 0 ? "left" : "right");
		if ((f[s] = fopen(p, "w")) == NULL) {
			perror(p);
			return 1;
		}
	}
	t = T[0].t0;
	while (n[0] < lines || n[1] < lines) {
		struct tmpl *x = &T[reps % nt];
		int boot = (reps / nt) % 8 == 0;

		for (int s = 0; s < 2; s++)
			for (size_t i = boot ? 0 : x->boot[s]; i < x->n[s]; i++, n[s]++)
				put_line(f[s], x->line[s][i], x->t[s][i], t - x->t0, (int)(reps * 10), 100 + (int)(reps % 100));
		t += x->span + 7000000 + (reps % 13) * 1000000;
		reps++;
	}
	for (int s = 0; s < 2; s++)
		fclose(f[s]);
	printf("generated %ld + %ld lines (%ld repetitions of %d real libreswan template pairs) into %s\n", n[0], n[1], reps, nt, dir);
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

/*
 * Run argv with standard output to OUT and print one row: CPU (user+sys),
 * wall, lines per CPU-second and peak RSS of the command (its own process
 * tree as wait4 reports it).
 */
static int run(const char *label, long lines, const char *out, char **argv)
{
	struct timespec a, b;
	struct rusage ru;
	int status;
	pid_t pid;
	double wall, cpu;

	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid == 0) {
		if (freopen(out, "w", stdout) == NULL)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
		perror("bench_analyze: run");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	wall = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	    (double)ru.ru_stime.tv_usec / 1e6;
	printf("%-10s %9ld lines  CPU %6.3f s (user %.3f)  wall %6.3f s  %6.2f M lines/CPU-s  peak RSS %7.1f MB  exit %d\n", label,
	    lines, cpu, (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6, wall,
	    cpu > 0 ? (double)lines / cpu / 1e6 : 0.0, (double)ru.ru_maxrss / 1024.0, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2], atol(argv[3]), argc - 4, argv + 4);
	if (argc == 3 && strcmp(argv[1], "count") == 0) {
		printf("%ld\n", count_lines(argv[2]));
		return 0;
	}
	if (argc >= 6 && strcmp(argv[1], "run") == 0)
		return run(argv[2], atol(argv[3]), argv[4], argv + 5);
	fprintf(stderr, "usage: bench_analyze gen DIR LINES TEMPLATE_DIR... | count FILE | run LABEL LINES OUT CMD [ARGS...]\n");
	return 2;
}
