/*
 * examples.c - the core of `tunneldoc kb-check`: run every
 * signature's example lines through the real parser. An example must be
 * recognised as its own signature under at least one dialect it applies to
 * (another, more specific signature winning is reported: the kb would hide
 * its own message).
 */
#include "parse/dialect.h"
#include "kb/kb.h"
#include "base/util.h"

#include <stdio.h>
#include <string.h>

int kb_check_examples(const struct kb *kb, int verbose, int german)
{
	struct acm_scratch sc = {0};
	int bad = 0, checked = 0;

	for (int s = 0; s < kb->nsigs; s++) {
		const struct signature *sg = &kb->sigs[s];

		for (int e = 0; e < sg->nexamples; e++) {
			const char *ex = sg->examples[e];
			int ok = 0, other = -1;

			checked++;
			for (int d = 0; d < kb->ndialects && !ok; d++) {
				struct parsed p;

				if (sg->dialect_mask && !(sg->dialect_mask & (1ULL << d)))
					continue;
				dialect_parse(kb, &kb->dialects[d], &sc, ex, strlen(ex), &p);
				if (p.sig == s)
					ok = 1;
				else if (p.sig >= 0)
					other = p.sig;
			}
			if (!ok) {
				bad++;
				fprintf(stderr, german ? "%s: %s: Beispiel %d nicht erkannt%s%s%s\n  %s\n" : "%s: %s: example %d not recognised%s%s%s\n  %s\n",
				    sg->file, sg->id, e + 1, other >= 0 ? (german ? " (stattdessen " : " (matched ") : "",
				    other >= 0 ? kb->sigs[other].id : "", other >= 0 ? (german ? ")" : " instead)") : "", ex);
			} else if (verbose) {
				printf("ok %s example %d\n", sg->id, e + 1);
			}
		}
	}
	acm_scratch_free(&sc);
	printf(german ? "kb %s: %d Dialekte, %d Signaturen, %d Regeln, %d Kapitel; %d Beispiele geprüft, %d fehlgeschlagen\n"
		      : "kb %s: %d dialects, %d signatures, %d rules, %d chapters; %d examples checked, %d failed\n",
	    kb->revision, kb->ndialects, kb->nsigs, kb->nrules, kb->nchapters, checked, bad);
	return bad;
}
