/*
 * diff.c - what the two sides of a paired negotiation logged as facts
 * (proposals, traffic selectors, IDs, SPIs), side by side, and whether the
 * SPIs agree (one side's outbound SPI is the other side's inbound SPI).
 */
#include "align/align.h"
#include "base/util.h"

#include <string.h>

static void normalize_spi(char *dst, size_t sz, const char *s)
{
	size_t k = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; *s && k + 1 < sz; s++)
		dst[k++] = (char)((*s >= 'A' && *s <= 'F') ? *s - 'A' + 'a' : *s);
	dst[k] = '\0';
}

void build_diff(struct group *g)
{
	size_t cap = 0, n = 0;

	for (int side = 0; side < 2; side++) {
		const struct nego *ng = g->n[side];

		if (ng == NULL)
			continue;
		for (int f = 0; f < ng->nfacts; f++) {
			const char *name = ng->facts[f].name;
			int found = 0;

			for (size_t k = 0; k < n; k++)
				if (strcmp(g->diff[k].name, name) == 0) {
					g->diff[k].value[side] = ng->facts[f].value;
					found = 1;
				}
			if (!found) {
				struct diffrow *d = VEC_PUSH(g->diff, n, cap);

				d->name = name;
				d->value[side] = ng->facts[f].value;
				d->value[1 - side] = NULL;
			}
		}
	}
	g->ndiff = (int)n;
	if (g->n[0] && g->n[1]) {
		const char *li = nego_fact(g->n[0], "spi_in"), *lo = nego_fact(g->n[0], "spi_out");
		const char *ri = nego_fact(g->n[1], "spi_in"), *ro = nego_fact(g->n[1], "spi_out");

		if (li && lo && ri && ro) {
			char a[40], b[40], c[40], d[40];

			normalize_spi(a, sizeof a, lo);
			normalize_spi(b, sizeof b, ri);
			normalize_spi(c, sizeof c, li);
			normalize_spi(d, sizeof d, ro);
			g->spi_check = (strcmp(a, b) == 0 && strcmp(c, d) == 0) ? 1 : -1;
		}
	}
}
