/*
 * golden.c - run the real pipeline on a pair of logs and compare the top
 * finding with what is expected.
 *
 *   golden sample DIR           DIR/left.log, DIR/right.log (either may be
 *                               missing), DIR/expect.json {cause, chapter}
 *   golden pair LEFT RIGHT CAUSE CHAPTER   ("-" for an absent side or
 *                               chapter); used for the shared corpus
 *   golden rule ID LEFT RIGHT   the rule must be among the findings
 *   golden rule-coverage TSV    every kb rule has a row in TSV
 *
 * sample and pair also hold the ladder to the truth of the wire: no row is
 * LOST unless the pair is listed in dropped[] below (its network really
 * dropped that step), and then only rows of the listed steps.
 *
 * On a mismatch it prints what was found (all findings) and exits 1.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pipeline/analysis.h"
#include "kb/kb.h"
#include "input/source.h"

/*
 * The samples and corpus pairs whose network dropped messages, and the
 * steps it dropped (the name is the sample directory or the left file
 * without .log). Every other sample and pair must have zero LOST rows.
 */
static const struct {
	const char *name;
	const char *steps;     /* space-separated steps that may be LOST */
	int min;               /* at least this many LOST rows */
} dropped[] = {
	/* the router dropped UDP 500: MI1 / IKE_SA_INIT never arrived */
	{ "lab-udp500-dropped-v1", "MI1", 1 },
	{ "lab-udp500-dropped-v2", "SA_INIT_I", 1 },
	/* UDP 4500 dropped after the NAT-T float: MI3 never arrived */
	{ "lab-udp4500-dropped-v1", "MI3", 1 },
	{ "mguard-1.3.3-udp4500", "MI3", 1 },
	/* guide 1.3.2.1: no packets arrive at the responder */
	{ "mguard-1.3.2.1-no-packets", "MI1", 1 },
	/* guide 1.5: the ICMP echo left and never arrived; the receiver's
	 * firewall log ends before it, so LOST is not provable (log ended) */
	{ "mguard-1.5-fw-in-missing", "ECHO", 0 },
	/* QI2 lost (corpus 117/118): the responder's excerpt is cut, so it
	 * cannot be proven either */
	{ "117-osw26-rw-ikev1-qi2-lost-init", "QI2", 0 },
};

static const char *base_name(const char *path, char *buf, size_t sz)
{
	char *b;
	size_t n;

	snprintf(buf, sz, "%s", path);
	n = strlen(buf);
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = '\0';
	if (n > 4 && strcmp(buf + n - 4, ".log") == 0)
		buf[n - 4] = '\0';
	b = strrchr(buf, '/');
	return b != NULL ? b + 1 : buf;
}

/* No LOST row unless the pair is listed in dropped[] (see above). */
static int check_lost(const struct analysis *a, const char *name)
{
	const struct alignment *al = analysis_alignment(a);
	const char *allow = NULL;
	int min = 0, nlost = 0, bad = 0;

	for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
		if (strcmp(dropped[i].name, name) == 0) {
			allow = dropped[i].steps;
			min = dropped[i].min;
		}
	for (int g = 0; g < al->ngroups; g++)
		for (int k = 0; k < al->groups[g].nrows; k++) {
			const struct row *r = &al->groups[g].rows[k];
			const char *sn = step_name(r->step);
			const char *hit;
			size_t l = strlen(sn);
			int ok = 0;

			if (r->status != RS_LOST)
				continue;
			nlost++;
			for (hit = allow; hit != NULL && (hit = strstr(hit, sn)) != NULL; hit += l)
				ok |= (hit == allow || hit[-1] == ' ') && (hit[l] == '\0' || hit[l] == ' ');
			if (!ok) {
				fprintf(stderr, "ladder: negotiation %d step %s is LOST, but %s did not drop it\n",
				    g + 1, sn, name);
				bad = 1;
			}
		}
	if (nlost < min) {
		fprintf(stderr, "ladder: %s dropped %s, but %d rows are LOST (want at least %d)\n", name,
		    allow, nlost, min);
		bad = 1;
	}
	if (!bad)
		printf("ok: ladder of %s: %d LOST rows%s\n", name, nlost, allow ? " (all dropped)" : "");
	return bad;
}

static int exists(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0;
}

static void dump(const struct analysis *a)
{
	const struct diagnosis *d = analysis_diagnosis(a);
	const struct kb *kb = analysis_kb(a);

	fprintf(stderr, "findings (%d):\n", d->n);
	for (int i = 0; i < d->n; i++) {
		const struct finding *f = &d->f[i];

		fprintf(stderr, "  %d. %s %s score=%d source=%s\n", i + 1, kb->causes[f->cause].id,
		    f->nchapters ? f->chapters[0] : "-", f->score, f->rule ? f->rule->id : f->sig->id);
	}
}

/* Does a rule's condition on one side record evidence when it holds? */
static int cond_records(const struct cond *c)
{
	for (int i = 0; c->present && i < c->nall; i++)
		if (c->all[i].kind != A_ANY && c->all[i].kind != A_STATE)
			return 1;
	for (int i = 0; c->present && i < c->nany; i++)
		if (c->any[i].kind != A_ANY && c->any[i].kind != A_STATE)
			return 1;
	return 0;
}

/*
 * A rule that names what both sides logged must cite both gateways: its
 * finding's evidence has lines (or notes) of the left and the right log.
 */
static int cites_both(const struct finding *f)
{
	int seen[2] = { 0, 0 };

	if (!cond_records(&f->rule->init) || !cond_records(&f->rule->resp))
		return 1;
	for (int i = 0; i < f->nev; i++)
		seen[f->ev[i].side != 0] = 1;
	return seen[0] && seen[1];
}

static struct analysis *run(const struct kb *kb, const char *left, const char *right)
{
	struct analysis *a = analysis_new(kb);
	const char *p[2] = { left, right };

	for (int s = 0; s < 2; s++) {
		if (p[s] == NULL || strcmp(p[s], "-") == 0)
			continue;
		analysis_open_side(a, (enum side_id)s, p[s], -1);
		if (source_feed_file(a, (enum side_id)s, p[s]) != 0) {
			fprintf(stderr, "golden: cannot read %s\n", p[s]);
			exit(2);
		}
	}
	analysis_run(a);
	return a;
}

static int check(const struct analysis *a, const char *cause, const char *chapter)
{
	const struct diagnosis *d = analysis_diagnosis(a);
	const struct kb *kb = analysis_kb(a);
	const char *got = d->n > 0 ? kb->causes[d->f[0].cause].id : "unknown";
	int ok = strcmp(got, cause) == 0;

	if (ok && chapter != NULL && strcmp(chapter, "-") != 0) {
		ok = 0;
		for (int c = 0; d->n > 0 && c < d->f[0].nchapters; c++)
			ok |= strcmp(d->f[0].chapters[c], chapter) == 0;
	}
	if (!ok) {
		fprintf(stderr, "expected %s (%s), got %s\n", cause, chapter ? chapter : "-", got);
		dump(a);
		return 1;
	}
	{
		/* no finding says more than its evidence */
		char *value = NULL;
		int bad = diagnosis_check_values(kb, d, &value);

		if (bad >= 0) {
			fprintf(stderr, "finding %d names '%s', which none of its evidence lines shows\n", bad + 1, value);
			free(value);
			dump(a);
			return 1;
		}
	}
	printf("ok: %s (%s)\n", cause, chapter ? chapter : "-");
	return 0;
}

/*
 * expect.json's optional "cites" (e.g. ["left", "right"]): the top
 * finding's evidence names every one of these logs.
 */
static int check_cites(const struct analysis *a, json_object *ex)
{
	const struct diagnosis *d = analysis_diagnosis(a);
	json_object *c;
	int bad = 0;

	if (!json_object_object_get_ex(ex, "cites", &c))
		return 0;
	for (size_t i = 0; i < json_object_array_length(c); i++) {
		const char *want = json_object_get_string(json_object_array_get_idx(c, i));
		int side = strcmp(want, "right") == 0, seen = 0;

		for (int k = 0; d->n > 0 && k < d->f[0].nev; k++)
			seen |= d->f[0].ev[k].side == side;
		if (!seen) {
			fprintf(stderr, "the top finding cites no line of the %s log\n", want);
			bad = 1;
		}
	}
	if (!bad)
		printf("ok: the top finding cites %zu logs\n", json_object_array_length(c));
	return bad;
}

int main(int argc, char **argv)
{
	char *why = NULL;
	struct kb *kb;
	struct analysis *a;
	int r = 2;

	if (argc < 3) {
		fprintf(stderr, "usage: golden sample DIR | pair L R CAUSE CHAPTER | rule DIR ID\n");
		return 2;
	}
	kb = kb_load(TD_SOURCE_DIR "/kb", &why);
	if (kb == NULL) {
		fprintf(stderr, "golden: %s\n", why);
		return 2;
	}
	if (strcmp(argv[1], "sample") == 0) {
		char l[1024], rt[1024], e[1024];
		json_object *ex, *c, *ch;

		snprintf(l, sizeof l, "%s/left.log", argv[2]);
		snprintf(rt, sizeof rt, "%s/right.log", argv[2]);
		snprintf(e, sizeof e, "%s/expect.json", argv[2]);
		ex = json_object_from_file(e);
		if (ex == NULL || !json_object_object_get_ex(ex, "cause", &c) || !json_object_object_get_ex(ex, "chapter", &ch)) {
			fprintf(stderr, "golden: %s: needs cause and chapter\n", e);
			return 2;
		}
		a = run(kb, exists(l) ? l : NULL, exists(rt) ? rt : NULL);
		r = check(a, json_object_get_string(c), json_object_get_string(ch));
		r |= check_cites(a, ex);
		{
			char nb[512];

			r |= check_lost(a, base_name(argv[2], nb, sizeof nb));
		}
		json_object_put(ex);
		analysis_free(a);
	} else if (strcmp(argv[1], "pair") == 0 && argc == 6) {
		char nb[512];

		a = run(kb, argv[2], argv[3]);
		r = check(a, argv[4], argv[5]);
		r |= check_lost(a, base_name(strcmp(argv[2], "-") != 0 ? argv[2] : argv[3], nb, sizeof nb));
		analysis_free(a);
	} else if (strcmp(argv[1], "rule") == 0 && argc == 5) {
		/* golden rule ID LEFT RIGHT: the rule must be among the findings */
		const struct diagnosis *d;
		int known = 0, fired = 0;

		for (int i = 0; i < kb->nrules; i++)
			known |= strcmp(kb->rules[i].id, argv[2]) == 0;
		a = run(kb, argv[3], argv[4]);
		d = analysis_diagnosis(a);
		r = 1;
		for (int i = 0; i < d->n; i++)
			if (d->f[i].rule != NULL && strcmp(d->f[i].rule->id, argv[2]) == 0) {
				r = 0;
				fired = 1;
				if (!cites_both(&d->f[i])) {
					fprintf(stderr, "rule %s names both sides but its finding cites one log only\n",
					    argv[2]);
					r = 1;
				}
			}
		{
			/* the rule cases (lab and corpus lines) say no more than their evidence either */
			char *value = NULL;
			int bad = diagnosis_check_values(kb, d, &value);

			if (bad >= 0) {
				fprintf(stderr, "finding %d names '%s', which none of its evidence lines shows\n", bad + 1,
				    value);
				free(value);
				r = 1;
			}
		}
		if (!known)
			fprintf(stderr, "golden: no rule %s in kb\n", argv[2]);
		if (r != 0 || !known) {
			if (!fired)
				fprintf(stderr, "rule %s did not fire\n", argv[2]);
			dump(a);
			r = 1;
		} else {
			printf("ok: rule %s fired\n", argv[2]);
		}
		analysis_free(a);
	} else if (strcmp(argv[1], "rule-coverage") == 0) {
		/* golden rule-coverage RULES.TSV: every kb rule has a case */
		FILE *f = fopen(argv[2], "r");
		char line[4096];

		r = 0;
		for (int i = 0; f != NULL && i < kb->nrules; i++) {
			int found = 0;

			rewind(f);
			while (fgets(line, sizeof line, f) != NULL)
				found |= strncmp(line, kb->rules[i].id, strlen(kb->rules[i].id)) == 0 &&
				    line[strlen(kb->rules[i].id)] == '\t';
			if (!found) {
				fprintf(stderr, "rule %s has no case in %s\n", kb->rules[i].id, argv[2]);
				r = 1;
			}
		}
		if (f == NULL) {
			fprintf(stderr, "golden: cannot read %s\n", argv[2]);
			r = 2;
		} else {
			fclose(f);
			if (r == 0)
				printf("ok: all %d rules have a case\n", kb->nrules);
		}
	}
	kb_free(kb);
	return r;
}
