/*
 * connect.h - the parts of 'tunneldoc connect' and 'tunneldoc snapshot':
 * the options (cmd_connect.c), the merge with the site book
 * (connect_site.c), the batch loop with its report (connect_batch.c) and
 * the console (cmd_connect.c). What the command line gave is kept apart
 * from the session options until the site book has filled in the rest:
 * the command line wins.
 */
#ifndef TD_CONNECT_H
#define TD_CONNECT_H

#include "cli/cmd.h"
#include "live/session.h"

struct connect_args {
	enum lang lang;
	int snap;                        /* tunneldoc snapshot */
	struct session_opts so;
	/* for both sides, until merged into so.side[] */
	const char *prof, *logcmd, *logfile, *statuscmd, *jump;
	const char *report, *lan[2];
	int batch, json, ntargets;
	int ascii, no_mouse;             /* the console's --ascii, --no-mouse */
	double duration;
	/* issue 18: the configuration fetched at the start (connect_config.c) */
	const char *cfgcmd[2], *cfgcmd_both, *secrets[2];
	int no_config;
	const struct cdiff *config;      /* the comparison for the report, or NULL */
};

/*
 * connect SITE: a site of the site book fills in both sides (what the
 * command line gave wins). A target that is no site stays one gateway; a
 * bare word that is no site is a usage error naming the sites. An exit
 * status.
 */
int connect_apply_site(struct connect_args *A);

/* Stream both sides for the duration, then print the analysis (or the
 * snapshot's summary) and write the report; kb is freed. An exit status. */
int connect_batch(struct connect_args *A, struct kb *kb);

/*
 * Issue 18: once both sides stream, fetch both configurations (profile or
 * --config-cmd), compare them into d and compare the PSKs by salted hashes
 * computed on the gateways. 0 when d holds a comparison (cdiff_clear it);
 * -1 when not (nothing guessed). Why a side was not read goes to *whyout
 * (allocated, "left: ...; right: ...") when whyout is given (the console),
 * else to stderr.
 */
struct cdiff;
int connect_config(struct session *s, struct connect_args *A, struct cdiff *d, char **whyout);

#endif
