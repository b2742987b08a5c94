/*
 * cmd_config_diff.c - tunneldoc config-diff LEFT RIGHT: both gateways'
 * IPsec configuration (ipsec.conf or swanctl.conf, or saved output in that
 * syntax) read, the tunnel's two ends found, every parameter compared
 * mirrored, each difference with the lines behind it and the cause it
 * explains. Secrets are never read or printed.
 */
#include "cli/cmd.h"
#include "cli/cli.h"
#include "config/cdiff_out.h"
#include "config/psk.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>

static const struct option opts[] = {
	{ "json", no_argument, NULL, 'j' }, { "all", no_argument, NULL, 'a' },
	{ "left-conn", required_argument, NULL, 'L' }, { "right-conn", required_argument, NULL, 'R' },
	{ "left-secrets", required_argument, NULL, 'S' }, { "right-secrets", required_argument, NULL, 'T' },
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};

struct cdiff_args {
	int json, all;
	const char *lconn, *rconn, *lsec, *rsec;
};

static int on_option(void *st, int c, const char *arg)
{
	struct cdiff_args *A = st;

	switch (c) {
	case 'j': A->json = 1; break;
	case 'a': A->all = 1; break;
	case 'L': A->lconn = arg; break;
	case 'R': A->rconn = arg; break;
	case 'S': A->lsec = arg; break;
	case 'T': A->rsec = arg; break;
	default: break;
	}
	return 0;
}

static int run(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv)
{
	struct cdiff_args A = { 0, 0, NULL, NULL, NULL, NULL };
	struct conf *l = NULL, *r = NULL;
	struct cdiff d;
	char *cause = NULL;
	int rc;

	if ((rc = cli_getopt(e, x, argc, argv, on_option, &A)) >= 0)
		return rc;
	if (argc - optind != 2)
		return cli_usage(x->lang, M_CF_NEED_TWO);
	if ((l = conf_read(argv[optind], x->lang, &cause)) == NULL ||
	    (r = conf_read(argv[optind + 1], x->lang, &cause)) == NULL ||
	    cdiff_build(l, r, A.lconn, A.rconn, x->lang, &d, &cause) != 0) {
		cli_cause(cause);
		conf_free(l);
		conf_free(r);
		return TD_EXIT_INPUT;
	}
	cdiff_psk_files(&d, A.lsec, A.rsec, x->lang);
	if (A.json) {
		json_object *o = cdiff_json(&d);

		puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	} else {
		cdiff_print_text(stdout, &d, x->lang, A.all);
	}
	cdiff_clear(&d);
	conf_free(l);
	conf_free(r);
	return TD_EXIT_OK;
}

const struct cmd_entry cmd_config_diff_entry = {
	"config-diff",
	M_H_CONFIG_DIFF_SUMMARY,
	M_H_CONFIG_DIFF, "hjaL:R:S:T:", opts, run, NULL,
};
