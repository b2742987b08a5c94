/*
 * acm.h - Aho-Corasick multi-literal prefilter.
 *
 * Each kb pattern registers its key literal with an id; one pass over a
 * message yields the ids whose key occurs in it, so the full pattern match
 * runs only on those. The automaton is a dense DFA over byte classes (bytes
 * that occur in no key share class 0), built once per dialect.
 */
#ifndef TD_ACM_H
#define TD_ACM_H

#include <stddef.h>
#include <stdint.h>

#include "match/timefmt.h"

struct acm;

struct acm *acm_new(void);
void acm_free(struct acm *a);
/* Register key[0..len) for id (ids are small non-negative ints). */
void acm_add(struct acm *a, const char *key, size_t len, int id);
/* Freeze the automaton; acm_add is not allowed afterwards. */
void acm_build(struct acm *a);

/*
 * Per-caller scratch for de-duplicating hits, and a memo of recent scans:
 * log messages repeat (startup noise, retries), and the ids of a message
 * are a function of the automaton and its bytes alone, so a message seen
 * again takes its ids from the memo instead of a second scan. Zero it to
 * start; one per thread.
 */
struct acm_memo;
struct acm_scratch {
	uint32_t *stamp;
	size_t nstamp;
	uint32_t gen;
	struct acm_memo *memo;
	void *parse_memo;	/* the parser's own memo (parse/dialect.c), one block: freed here */
	struct timefmt_memo time_memo;	/* the timestamp parser's (match/timefmt.c) */
};
void acm_scratch_free(struct acm_scratch *s);

/*
 * Scan s[0..len) and store each distinct id whose key occurs into ids (at
 * most maxids, in order of first occurrence). Returns the number stored.
 */
int acm_scan(const struct acm *a, struct acm_scratch *sc, const char *s,
    size_t len, int *ids, int maxids);

#endif
