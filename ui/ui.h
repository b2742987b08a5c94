/*
 * ui.h - the console (ncurses). The one entry point the command line
 * calls; everything else in ui/ is internal.
 */
#ifndef TD_UI_H
#define TD_UI_H

#include "base/i18n.h"
#include "kb/kb.h"

struct session_opts;
struct session;
struct cdiff;

struct ui_opts {
	const struct kb *kb;
	const char *path[2];     /* log files or directories */
	int dialect[2];          /* -1: detect */
	enum lang lang;
	int replay;              /* replay at the pace of the timestamps */
	double speed;            /* replay speed factor */
	int ascii;               /* plain ASCII line drawing */
	const char *bench;       /* non-NULL: benchmark mode, report to this file */
	const struct session_opts *live;  /* connect: two gateways over SSH */
	const char *report;      /* write the session report here at the end */
	const char *lan_ip[2];   /* the gateways' internal addresses (ping procedure) */
	int no_mouse;            /* no mouse: the terminal keeps its own selection */
	const struct cdiff *config;  /* both ends' configuration compared (view 5), or NULL */
	/* live: read both configurations once both sides stream (blocking,
	 * read-only commands); 0 when d holds the comparison, else *why */
	int (*config_fetch)(void *ctx, struct session *s, struct cdiff *d, char **why);
	void *config_ctx;
};

struct session_opts;

/* Run the console; returns a process exit status. */
int ui_main(const struct ui_opts *o);

#endif
