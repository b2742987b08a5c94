/*
 * cmd_demo.c - tunneldoc --demo: the console on a bundled sample pair of
 * the knowledge base (guide 1.3.3, UDP 4500 blocked), replayed at the pace
 * of its timestamps.
 */
#include "cli/cmd.h"
#include "cli/cli.h"
#include "base/util.h"
#include "kb/kb.h"
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int cmd_demo(const struct cli_ctx *x)
{
	struct ui_opts uo = { NULL, { NULL, NULL }, { -1, -1 }, x->lang, 1, 1.0, 0, NULL, NULL, NULL, { NULL, NULL }, 0, NULL, NULL, NULL };
	struct kb *kb;
	char *l, *r;
	int rc;

	if ((rc = cli_need_tty(x->lang, "tunneldoc analyze")) != 0)
		return rc;
	if ((kb = cli_load_kb(x)) == NULL)
		return TD_EXIT_INPUT;
	l = xasprintf("%s/samples/mguard-1.3.3-udp4500/left.log", kb->dir);
	r = xasprintf("%s/samples/mguard-1.3.3-udp4500/right.log", kb->dir);
	uo.path[0] = l;
	uo.path[1] = r;
	if (access(l, R_OK) != 0 || access(r, R_OK) != 0) {
		cli_error(x->lang, M_CLI_DEMO_MISSING, l, msg(M_CANNOT_READ, x->lang));
		kb_free(kb);
		rc = TD_EXIT_INPUT;
	} else {
		rc = cli_run_console(&uo, NULL, kb, x->lang);
	}
	free(l);
	free(r);
	return rc;
}
