/*
 * echo.c - see echo.h.
 */
#include "checklist/echo.h"

#include <string.h>

#include "base/util.h"

static int skipped(const struct nego *n, const char *const *skip, int nskip)
{
	const char *src = nego_fact(n, "src");

	if (src == NULL)
		return 0;
	for (int i = 0; i < nskip; i++)
		if (skip[i] != NULL && *skip[i] && strcmp(src, skip[i]) == 0)
			return 1;
	return 0;
}

/* The cell of an echo negotiation: sent (left the side) or received. */
static const struct cell *echo_cell(const struct nego *n, int sent)
{
	const struct stepcells *c = n != NULL && n->kind == NK_TRAFFIC ? nego_step(n, S_ECHO) : NULL;

	if (c == NULL)
		return NULL;
	if (sent)
		return c->sent.count ? &c->sent : NULL;
	return c->recv.count ? &c->recv : NULL;
}

void echo_summarise(const struct alignment *al, const char *const *skip_src, int nskip,
    struct echo_summary *out)
{
	memset(out, 0, sizeof *out);
	for (int g = 0; g < al->ngroups; g++) {
		const struct group *gr = &al->groups[g];

		for (int s = 0; s < 2; s++) {
			const struct cell *o = echo_cell(gr->n[s], 1), *in;

			if (o == NULL) {
				/* an arrival with nothing leaving the other side */
				if (echo_cell(gr->n[s], 0) != NULL && echo_cell(gr->n[1 - s], 1) == NULL &&
				    !skipped(gr->n[s], skip_src, nskip))
					out->stray[s]++;
				continue;
			}
			if (skipped(gr->n[s], skip_src, nskip))
				continue;
			out->total++;
			out->dir[s].out++;
			out->dir[s].out_ev = &o->first;
			in = echo_cell(gr->n[1 - s], 0);
			if (in != NULL) {
				out->dir[s].arrived++;
				out->dir[s].in_ev = &in->first;
			} else {
				out->dir[s].lost_ev = &o->first;
			}
		}
	}
}

char *echo_describe(const struct echo_summary *es, enum lang l)
{
	struct strbuf b = {0};

	for (int s = 0; s < 2; s++) {
		if (es->dir[s].out == 0)
			continue;
		if (b.len)
			sb_adds(&b, "; ");
		sb_addf(&b, msg(M_CL_ECHO, l), msg(s == LEFT ? M_SIDE_LEFT : M_SIDE_RIGHT, l), es->dir[s].out,
		    msg(s == LEFT ? M_SIDE_RIGHT : M_SIDE_LEFT, l), es->dir[s].arrived);
	}
	return b.len ? sb_steal(&b) : NULL;
}
