/*
 * config_facts.c - issue 18: the guides' "check that both sides use the
 * same ..." steps answered by the configuration comparison. A check node
 * with "config": {"param": P, "same": yes|no} (kb/tree) is answered when
 * the logs did not answer it and both ends' configuration was compared:
 * every compared parameter whose id starts with P (ts for ts.local and
 * ts.remote) agrees -> "same", one differs -> the other answer; a parameter
 * one side leaves to the daemon's default leaves the check open. The
 * evidence is each side's file:line key=value (secrets are "***").
 */
#include "checklist/facts.h"
#include "config/cdiff.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

static int matches(const char *param, enum tparam p)
{
	const char *id = tparam_id(p);
	size_t n = strlen(param);

	return strncmp(id, param, n) == 0 && (id[n] == '\0' || id[n] == '.');
}

static void add_val(struct strbuf *b, const char *side, const struct tval *t)
{
	if (b->len > 0)
		sb_adds(b, "; ");
	if (t->derived)
		sb_addf(b, "%s %s:%d %s (%s)", side, t->file, t->line, t->value, t->key);
	else
		sb_addf(b, "%s %s:%d %s=%s", side, t->file, t->line, t->key, t->value);
}

void config_fact(const struct facts *F, const struct tnode *n, struct fact_out *o)
{
	const struct cdiff *d = F->w != NULL ? F->w->config : NULL;
	struct strbuf b = {0};
	int seen = 0, differs = 0, unknown = 0;

	/* a configuration difference is certain: it answers over an inference from the logs */
	if (n->config_param == NULL || d == NULL)
		return;
	for (int i = 0; i < d->nitems; i++) {
		const struct citem *it = &d->items[i];

		if (!matches(n->config_param, it->lp))
			continue;
		seen++;
		if (it->rel == CR_UNKNOWN) {
			unknown++;
			continue;
		}
		if (it->rel == CR_DIFFERS && !differs++)
			sb_reset(&b);
		if (it->rel == CR_DIFFERS || !differs) {
			add_val(&b, "left", &d->left.v[it->lp]);
			add_val(&b, "right", &d->right.v[it->rp]);
		}
	}
	if (seen == 0 || (!differs && unknown) || b.s == NULL) {
		sb_free(&b);
		return;
	}
	o->v = (differs != 0) == (n->config_same != 0) ? TRI_NO : TRI_YES;
	o->by = BY_CONFIG;
	o->abs.set = 0;
	o->missing = 0;
	free(o->why);
	o->why = sb_steal(&b);
}
