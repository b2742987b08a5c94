/*
 * coverage.c - the core of `tunneldoc kb-check --coverage`.
 *
 * kb/catalogue/ holds, per daemon version, what that version's source can
 * log (ladder-*.tsv: send/receive/retransmit/drop/reject lines; failure-
 * *.tsv: failure paths), one entry per line: id, source, format, example,
 * role, ike, kind, maps, note. Each example is run through the real parser
 * with the dialect of its daemon; an entry counts as mapped when the parser
 * recognises it as the event or signature its `maps` names. Printed per
 * file: how many entries are mapped, and the list of the rest (entries
 * with no `maps`, deliberately or not yet mapped, with their note). An
 * entry whose `maps` is set but not recognised is an error: the kb lost a
 * message it knew.
 */
#include "parse/dialect.h"
#include "kb/kb.h"
#include "base/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COV_COLS 9
enum { C_ID, C_SOURCE, C_FORMAT, C_EXAMPLE, C_ROLE, C_IKE, C_KIND, C_MAPS, C_NOTE };

/* The dialect of a catalogue file's daemon ("ladder-libreswan-4.10.tsv"). */
static int file_dialect(const struct kb *kb, const char *name)
{
	static const struct {
		const char *daemon, *dialect;
	} t[] = { { "-libreswan-", "libreswan" }, { "-openswan-", "openswan-mguard" },
		  { "-strongswan-", "strongswan" }, { "-lancom-", "lancom" } };

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strstr(name, t[i].daemon) != NULL)
			for (int d = 0; d < kb->ndialects; d++)
				if (strcmp(kb->dialects[d].id, t[i].dialect) == 0)
					return d;
	return -1;
}

/* Cut line into tab-separated columns (in place); returns their number. */
static int split(char *line, char **col)
{
	int n = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < COV_COLS) {
		col[n++] = p;
		p = strchr(p, '\t');
		if (p == NULL)
			break;
		*p++ = '\0';
	}
	for (int k = n; k < COV_COLS; k++)
		col[k] = "";
	return n;
}

/* 1 when the parsed example is what maps names. */
static int recognised(const struct kb *kb, const struct parsed *p, const char *maps)
{
	if (p->ev != NULL && p->ev->id != NULL && strcmp(p->ev->id, maps) == 0)
		return 1;
	return p->sig >= 0 && strcmp(kb->sigs[p->sig].id, maps) == 0;
}

struct covfile {
	int total, mapped, broken;
};

static int check_file(const struct kb *kb, const char *path, const char *name, int verbose,
    int german, struct acm_scratch *sc, struct covfile *cf)
{
	FILE *f = fopen(path, "r");
	char line[8192], *col[COV_COLS];
	int d = file_dialect(kb, name), lineno = 0;

	memset(cf, 0, sizeof *cf);
	if (f == NULL || d < 0) {
		fprintf(stderr, german ? "%s: nicht lesbar oder unbekannter Dienst\n" : "%s: unreadable or unknown daemon\n", path);
		if (f != NULL)
			fclose(f);
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		struct parsed p;

		if (++lineno == 1 || line[0] == '#' || line[0] == '\n')
			continue;
		if (split(line, col) < C_MAPS) {
			fprintf(stderr, "%s:%d: %s\n", path, lineno, german ? "zu wenige Spalten" : "too few columns");
			cf->broken++;
			continue;
		}
		cf->total++;
		dialect_parse(kb, &kb->dialects[d], sc, col[C_EXAMPLE], strlen(col[C_EXAMPLE]), &p);
		if (col[C_MAPS][0] != '\0' && recognised(kb, &p, col[C_MAPS])) {
			cf->mapped++;
			if (verbose)
				printf("  ok  %s  %s\n", col[C_ID], col[C_MAPS]);
		} else if (col[C_MAPS][0] != '\0') {
			cf->broken++;
			fprintf(stderr, german ? "%s:%d: %s: Beispiel nicht als %s erkannt (%s)\n  %s\n"
					       : "%s:%d: %s: example not recognised as %s (got %s)\n  %s\n",
			    path, lineno, col[C_ID], col[C_MAPS],
			    p.ev != NULL && p.ev->id ? p.ev->id : p.sig >= 0 ? kb->sigs[p.sig].id : "-",
			    col[C_EXAMPLE]);
		} else {
			const char *now = p.ev != NULL && p.ev->id ? p.ev->id : p.sig >= 0 ? kb->sigs[p.sig].id : NULL;

			printf("  -   %-28s %-34s %s%s%s", col[C_ID], col[C_SOURCE], col[C_FORMAT],
			    col[C_NOTE][0] ? "  # " : "", col[C_NOTE]);
			if (now != NULL)
				printf(german ? "  (erkannt als %s)" : "  (parsed as %s)", now);
			putchar('\n');
		}
	}
	fclose(f);
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int kb_check_coverage(const struct kb *kb, const char *catdir, int verbose, int german)
{
	DIR *dir = opendir(catdir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct acm_scratch sc = {0};
	int bad = 0;

	if (dir == NULL) {
		fprintf(stderr, german ? "%s: kein Katalog\n" : "%s: no catalogue\n", catdir);
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		size_t l = strlen(de->d_name);

		if (l > 4 && strcmp(de->d_name + l - 4, ".tsv") == 0)
			*VEC_PUSH(names, n, cap) = xstrdup(de->d_name);
	}
	closedir(dir);
	if (n > 1)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		struct covfile cf;
		size_t l = strlen(names[i]);

		snprintf(path, sizeof path, "%s/%s", catdir, names[i]);
		printf("%.*s:\n", (int)(l - 4), names[i]);
		if (check_file(kb, path, names[i], verbose, german, &sc, &cf) != 0) {
			bad++;
		} else {
			printf(german ? "%.*s: %d von %d Meldungen zugeordnet (%d%%), %d nicht\n"
				      : "%.*s: %d of %d messages mapped (%d%%), %d not\n",
			    (int)(l - 4), names[i], cf.mapped, cf.total,
			    cf.total ? 100 * cf.mapped / cf.total : 0, cf.total - cf.mapped - cf.broken);
			bad += cf.broken;
		}
		free(names[i]);
	}
	free(names);
	acm_scratch_free(&sc);
	return bad;
}
