/*
 * tdtest.h - helpers for tests that run the real pipeline: load the
 * project's kb/ and analyse logs given as C strings.
 */
#ifndef TD_TDTEST_H
#define TD_TDTEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/analysis.h"
#include "kb/kb.h"

#ifndef TD_SOURCE_DIR
#error TD_SOURCE_DIR must be defined
#endif

static inline struct kb *tdt_kb(void)
{
	char *why = NULL;
	struct kb *kb = kb_load(TD_SOURCE_DIR "/kb", &why);

	if (kb == NULL) {
		fprintf(stderr, "kb: %s\n", why);
		free(why);
		abort();
	}
	return kb;
}

/* cmocka group fixtures: load kb/ once per test program into tdt_kb_g. */
static struct kb *tdt_kb_g;

static inline int tdt_setup(void **st)
{
	(void)st;
	tdt_kb_g = tdt_kb();
	return 0;
}

static inline int tdt_teardown(void **st)
{
	(void)st;
	kb_free(tdt_kb_g);
	return 0;
}

/* Feed a whole text (lines separated by \n) to a side. */
static inline void tdt_feed(struct analysis *a, enum side_id side, const char *name, const char *text)
{
	const char *p = text;

	analysis_open_side(a, side, name, -1);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		analysis_feed(a, side, p, len);
		p += len + (nl ? 1 : 0);
	}
	analysis_flush(a, side);
}

/* Analyse left/right texts (either may be NULL). */
static inline struct analysis *tdt_run(const struct kb *kb, const char *left, const char *right)
{
	struct analysis *a = analysis_new(kb);

	if (left != NULL)
		tdt_feed(a, LEFT, "left", left);
	if (right != NULL)
		tdt_feed(a, RIGHT, "right", right);
	analysis_run(a);
	return a;
}

static inline const char *tdt_top_cause(const struct analysis *a)
{
	const struct diagnosis *d = analysis_diagnosis(a);

	return d->n > 0 ? analysis_kb(a)->causes[d->f[0].cause].id : "unknown";
}

#endif
