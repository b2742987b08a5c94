/*
 * sbs.c - which lines share a row in the side-by-side view.
 *
 * Two lines share a row only when they are the same step of the same
 * negotiation: the evidence lines of one ladder row, left and right. All
 * other lines interleave by corrected time (the view does that). The pairs
 * are returned sorted by left line with the right lines increasing too (a
 * pair that would cross an earlier one is left out), so the view can walk
 * both logs forward once.
 */
#include "align/align.h"
#include "base/util.h"

#include <stdlib.h>

static int pair_cmp(const void *x, const void *y)
{
	const uint64_t *a = x, *b = y;

	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return a[1] < b[1] ? -1 : a[1] > b[1];
}

size_t align_anchors(const struct alignment *al, uint64_t (**out)[2])
{
	uint64_t (*v)[2] = NULL;
	size_t n = 0, cap = 0, w = 0;
	uint64_t last = 0;

	for (int gi = 0; gi < al->ngroups; gi++) {
		const struct group *g = &al->groups[gi];

		if (g->n[0] == NULL || g->n[1] == NULL)
			continue;
		for (int k = 0; k < g->nrows; k++) {
			const struct row *r = &g->rows[k];

			if (r->cell[0] == NULL || r->cell[1] == NULL || !r->cell[0]->first.line ||
			    !r->cell[1]->first.line)
				continue;
			vec_reserve((void **)&v, &cap, n + 1, sizeof *v);
			v[n][0] = r->cell[0]->first.line;
			v[n][1] = r->cell[1]->first.line;
			n++;
		}
	}
	if (n > 1)
		qsort(v, n, sizeof *v, pair_cmp);
	for (size_t k = 0; k < n; k++)
		if (v[k][1] > last && (w == 0 || v[k][0] > v[w - 1][0])) {
			v[w][0] = v[k][0];
			v[w][1] = v[k][1];
			last = v[w][1];
			w++;
		}
	*out = v;
	return w;
}
