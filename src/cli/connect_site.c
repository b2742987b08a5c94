/*
 * connect_site.c - 'tunneldoc connect SITE': the site book's two gateways
 * with user, port, profile, jump host, internal address and log file,
 * merged under what the command line gave. See connect.h.
 */
#include "cli/connect.h"
#include "cli/cli.h"
#include "base/util.h"
#include "live/sites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The site book of a 'connect SITE' (kept until exit: the session uses it). */
static struct sitebook site_book;
static char *site_targets[2];

static void site_free(void)
{
	sites_free(&site_book);
	free(site_targets[0]);
	free(site_targets[1]);
}

/* A bare word that is no site is more likely a mistyped site than a
 * gateway: say so instead of trying to log in to it. */
static int no_such_site(const char *t, enum lang lang)
{
	struct strbuf names = {0};

	for (int i = 0; i < site_book.n; i++)
		sb_addf(&names, "%s%s", i ? ", " : "", site_book.v[i].name);
	cli_error(lang, M_CLI_NO_SITE, t, names.s);
	sb_free(&names);
	return TD_EXIT_USAGE;
}

/* The site's values for what neither the side nor all sides were given. */
static void merge_site(struct connect_args *A, const struct site *st)
{
	for (int k = 0; k < 2; k++) {
		const struct site_side *d = &st->side[k];
		struct session_side_opts *o = &A->so.side[k];

		site_targets[k] = site_target(d);
		o->target = site_targets[k];
		if (o->profile == NULL && A->prof == NULL)
			o->profile = d->profile;
		if (o->jump == NULL && A->jump == NULL)
			o->jump = d->jump;
		if (o->log_file == NULL && A->logfile == NULL && o->log_cmd == NULL)
			o->log_file = d->log_file;
		if (A->lan[k] == NULL)
			A->lan[k] = d->lan;
		if (o->status_cmd == NULL && A->statuscmd == NULL)
			o->status_cmd = d->status_cmd;
		if (A->cfgcmd[k] == NULL && A->cfgcmd_both == NULL)
			A->cfgcmd[k] = d->config_cmd;
	}
}

int connect_apply_site(struct connect_args *A)
{
	char *path = sites_path(), *err = NULL;
	const struct site *st;
	const char *t = A->so.side[0].target;
	int r;

	if (path == NULL)
		return TD_EXIT_OK;
	r = sites_load(path, &site_book, A->lang, &err);
	free(path);
	atexit(site_free);
	if (r < 0) {
		cli_cause(err);
		cli_error(A->lang, M_CLI_FIX_SITE_BOOK);
		return TD_EXIT_INPUT;
	}
	if ((st = sites_find(&site_book, t)) == NULL) {
		if (site_book.n > 0 && strpbrk(t, "@.:") == NULL)
			return no_such_site(t, A->lang);
		return TD_EXIT_OK;
	}
	merge_site(A, st);
	return TD_EXIT_OK;
}
