/*
 * matchers.c - after loading, every dialect gets one Aho-Corasick
 * prefilter over the key literals of its own event patterns and of every
 * signature pattern that applies to it: ids below nevents are events, the
 * rest index cand_sig/cand_pat (which signature, which of its patterns).
 */
#include "kb/kb.h"
#include "kb/json.h"
#include "kb/load.h"
#include "base/util.h"

#include <stdlib.h>

int build_matchers(struct kbj *c)
{
	struct kb *kb = c->kb;

	for (int di = 0; di < kb->ndialects; di++) {
		struct dialect *d = &kb->dialects[di];
		size_t cap = 0, n = 0, cap2 = 0, n2 = 0;

		d->acm = acm_new();
		for (int i = 0; i < d->nevents; i++)
			acm_add(d->acm, d->events[i].pat.key, d->events[i].pat.keylen, i);
		for (int s = 0; s < kb->nsigs; s++) {
			const struct signature *sg = &kb->sigs[s];

			if (sg->dialect_mask != 0 && !(sg->dialect_mask & (1ULL << di)))
				continue;
			for (int p = 0; p < sg->npats; p++) {
				*VEC_PUSH(d->cand_sig, n, cap) = s;
				*VEC_PUSH(d->cand_pat, n2, cap2) = p;
				acm_add(d->acm, sg->pats[p].key, sg->pats[p].keylen, d->nevents + (int)n - 1);
			}
		}
		d->ncand = (int)n;
		acm_build(d->acm);
	}
	return 0;
}
