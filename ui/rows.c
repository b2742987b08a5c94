/*
 * rows.c - the rows of the side-by-side view: both sides' lines merged
 * (lines about the same exchange step share a row, the rest interleaves by
 * corrected time) and the filters (errors only, a connection, a regular
 * expression) that pick the visible rows from them.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/util.h"

#define PAIR_WINDOW_US (30LL * 1000000)

/* The index of the first anchor whose left line is i + 1 (or n). */
static size_t anchor_at(const uint64_t (*v)[2], size_t n, size_t i)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (v[mid][0] < i + 1)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Interleave left[i..ie) and right[j..je) by (corrected) time. */
static void interleave(struct app *a, size_t i, size_t ie, size_t j, size_t je, int64_t off, int timed)
{
	struct linestore *L = a->side[0].ls, *R = a->side[1].ls;
	int64_t lastl = 0, lastr = 0;

	while (i < ie || j < je) {
		struct mrow *m = VEC_PUSH(a->rows_all, a->nrows_all, a->caprows_all);
		const struct lineinfo *l = i < ie ? linestore_get(L, i) : NULL;
		const struct lineinfo *r = j < je ? linestore_get(R, j) : NULL;
		int64_t tl = l ? (l->has_t ? l->t : lastl) : 0;
		int64_t tr = r ? (r->has_t ? r->t - off : lastr) : 0;

		m->l = m->r = -1;
		if (l && (!r || (timed ? tl <= tr : 1))) {
			m->l = (int32_t)i++;
			lastl = tl;
		} else {
			m->r = (int32_t)j++;
			lastr = tr;
		}
	}
}

#define ANCHOR_LOOKAHEAD 400

/*
 * The merged rows of the locked side-by-side view. First anchors: a line
 * of a ladder row and the other side's line of the same row (the same step
 * of the same negotiation, align_anchors()), searched ahead within
 * ANCHOR_LOOKAHEAD lines and PAIR_WINDOW_US of corrected time. Anchors
 * share a row; the lines between anchors are interleaved by time.
 */
static void merge_rows(struct app *a)
{
	struct linestore *L = a->side[0].ls, *R = a->side[1].ls;
	size_t nl = linestore_count(L), nr = linestore_count(R), pi, pj;
	const struct alignment *al = analysis_alignment(a->an);
	int64_t off = al->offset_known ? al->offset_us : 0;
	int timed = 0;
	uint64_t (*anc)[2] = NULL;
	size_t nanc;

	/* the offset estimate moves a little as lines arrive: only a real
	 * change (over a second) is worth re-merging everything */
	if (llabs(off - a->built_offset) <= 1000000)
		off = a->built_offset;
	if (nl == a->built_l && nr == a->built_r && off == a->built_offset && !a->built_partial)
		return;
	if (off != a->built_offset || a->built_l == (size_t)-1 || nl < a->built_l || nr < a->built_r)
		a->res_rows = a->res_pi = a->res_pj = 0;   /* from scratch */
	/* resume after the last anchor: rows before it cannot change */
	a->nrows_all = a->res_rows;
	pi = a->res_pi;
	pj = a->res_pj;
	for (size_t k = 0; k < nl && k < 200 && !timed; k++)
		timed = linestore_get(L, k)->has_t;
	a->built_partial = 0;
	nanc = align_anchors(al, &anc);
	/* the anchors are sorted by left line: one cursor walks them along i
	 * (a binary search per left line and per right candidate was most of
	 * the load time at a million lines) */
	for (size_t i = pi, k = anchor_at(anc, nanc, pi); i < nl && k < nanc; i++) {
		const struct lineinfo *l;
		size_t j, want;

		while (k < nanc && anc[k][0] < i + 1)
			k++;
		if (k >= nanc || anc[k][0] != i + 1)
			continue;
		/* the first anchor of left line i names its right line */
		want = (size_t)anc[k][1] - 1;
		l = linestore_get(L, i);
		/* the right side has not caught up: anchor later */
		if (nr - pj < ANCHOR_LOOKAHEAD && a->side[1].fd >= 0) {
			a->built_partial = 1;
			break;
		}
		for (j = pj; j < nr && j < pj + ANCHOR_LOOKAHEAD; j++) {
			const struct lineinfo *r = linestore_get(R, j);

			if (timed && r->has_t && l->has_t && r->t - off > l->t + PAIR_WINDOW_US)
				break;
			if (j != want || (timed && r->has_t && l->has_t && llabs(r->t - off - l->t) > PAIR_WINDOW_US))
				continue;
			interleave(a, pi, i, pj, j, off, timed);
			*VEC_PUSH(a->rows_all, a->nrows_all, a->caprows_all) = (struct mrow){ (int32_t)i, (int32_t)j };
			pi = i + 1;
			pj = j + 1;
			break;
		}
	}
	free(anc);
	a->res_rows = a->nrows_all;
	a->res_pi = pi;
	a->res_pj = pj;
	interleave(a, pi, nl, pj, nr, off, timed);
	a->built_l = nl;
	a->built_r = nr;
	a->built_offset = off;
	a->vis_dirty = 1;
}

/* A line of side s passes the filters (idx -1: no line). */
static int line_passes(struct app *a, int s, int32_t idx)
{
	const struct lineinfo *li;
	char buf[4096];

	if (idx < 0)
		return 0;
	li = linestore_get(a->side[s].ls, (size_t)idx);
	if (a->errors_only && li->sev < 3)
		return 0;
	if (a->conn_filter >= 0 && memmem(li->text, li->len, a->conn_name, strlen(a->conn_name)) == NULL)
		return 0;
	if (a->have_filter) {
		strlcpy_n(buf, sizeof buf, li->text, li->len);
		if (regexec(&a->filter_re, buf, 0, NULL, 0) != 0)
			return 0;
	}
	return 1;
}

static int sev_at(const struct uside *u, int32_t idx)
{
	return idx >= 0 && (size_t)idx < u->nparts ? u->parts[idx].sev : 0;
}

/* The rows with a warning or an error on either side. */
static void filter_errors(struct app *a)
{
	const struct uside *L = &a->side[0], *R = &a->side[1];

	if (a->capvis < a->nrows_all) {
		a->vis = xrealloc(a->vis, a->nrows_all * sizeof *a->vis);
		a->capvis = a->nrows_all;
	}
	for (size_t k = 0; k < a->nrows_all; k++) {
		const struct mrow *m = &a->rows_all[k];

		if (sev_at(L, m->l) >= 3 || sev_at(R, m->r) >= 3)
			a->vis[a->nvis++] = k;
	}
}

/* The visible rows: merged again when lines came, then filtered. */
void rows_update(struct app *a)
{
	int filtering = a->errors_only || a->conn_filter >= 0 || a->have_filter;

	/* while files load, merge at most every ANALYSE_MS (the first frame
	 * still comes at once) */
	if (app_loading(a) && a->nrows_all > 0 && mono_ms() - a->last_rows_ms < ANALYSE_MS)
		return;
	a->last_rows_ms = mono_ms();

	merge_rows(a);
	if (!a->vis_dirty)
		return;
	a->nvis = 0;
	a->vis_all = !filtering;
	if (a->vis_all)
		a->nvis = a->nrows_all;
	if (a->errors_only && a->conn_filter < 0 && !a->have_filter) {
		/* errors only, the common filter: from the compact per-line
		 * severities (a million lineinfos are not read for it) */
		filter_errors(a);
		filtering = 0;
	}
	for (size_t k = 0; filtering && k < a->nrows_all; k++) {
		const struct mrow *m = &a->rows_all[k];

		if (!filtering || line_passes(a, 0, m->l) || line_passes(a, 1, m->r))
			*VEC_PUSH(a->vis, a->nvis, a->capvis) = k;
	}
	if (a->follow && a->nvis > 0)
		a->cur = a->nvis - 1;
	if (a->cur >= a->nvis)
		a->cur = a->nvis ? a->nvis - 1 : 0;
	a->vis_dirty = 0;
}

/* Show line of side in the side-by-side view (dropping filters that hide it). */
void app_goto_line(struct app *a, int side, size_t line)
{
	rows_update(a);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < a->nvis; k++) {
			const struct mrow *m = vis_row(a, k);

			if ((side == 0 ? m->l : m->r) == (int32_t)line) {
				a->view = V_SBS;
				a->locked = 1;
				a->follow = 0;
				a->cur = k;
				a->dirty = 1;
				return;
			}
		}
		/* not visible under the filters: drop them and look again */
		a->errors_only = 0;
		a->conn_filter = -1;
		if (a->have_filter) {
			regfree(&a->filter_re);
			a->have_filter = 0;
		}
		a->vis_dirty = 1;
		rows_update(a);
	}
}
