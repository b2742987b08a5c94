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

static const char help_en[] =
    "Usage: tunneldoc config-diff [--json] [--all] [--left-conn NAME] [--right-conn NAME]\n"
    "                             [--left-secrets FILE] [--right-secrets FILE] LEFT RIGHT\n"
    "\n"
    "Read the IPsec configuration of both gateways (ipsec.conf of libreswan,\n"
    "Openswan or strongSwan's stroke interface, or swanctl.conf; include,\n"
    "also= and %default are followed), find the connection on each side that\n"
    "is the tunnel (its peer address points at the other side), and compare\n"
    "every parameter the two ends must agree on, mirrored: left's local\n"
    "network with right's remote one. Each value is shown with its file and\n"
    "line; a parameter one side leaves to the daemon's default is 'not\n"
    "known', never a difference. Pre-shared keys are compared in memory and\n"
    "never shown: only 'PSK: equal' or 'PSK: differs' and the line of each\n"
    "entry (ipsec.secrets beside ipsec.conf, swanctl.conf's secrets section).\n"
    "  --json             the comparison as JSON\n"
    "  --all              also list the parameters that agree\n"
    "  --left-conn NAME   the tunnel's connection in LEFT (when several fit)\n"
    "  --right-conn NAME  the tunnel's connection in RIGHT\n"
    "  --left-secrets FILE   LEFT's secrets file (ipsec.secrets or swanctl.conf)\n"
    "  --right-secrets FILE  RIGHT's secrets file\n"
    "  -h, --help         this help\n"
    "\nExit status: 0 compared, 1 a file unreadable or malformed (file and line\n"
    "named) or no tunnel between them, 2 usage error.\n";
static const char help_de[] =
    "Aufruf: tunneldoc config-diff [--json] [--all] [--left-conn NAME] [--right-conn NAME]\n"
    "                              [--left-secrets DATEI] [--right-secrets DATEI] LINKS RECHTS\n"
    "\n"
    "Liest die IPsec-Konfiguration beider Gateways (ipsec.conf von libreswan,\n"
    "Openswan oder der stroke-Schnittstelle von strongSwan, oder swanctl.conf;\n"
    "include, also= und %default werden verfolgt), findet auf jeder Seite die\n"
    "Verbindung des Tunnels (ihre Gegenstellen-Adresse zeigt auf die andere\n"
    "Seite) und vergleicht jeden Parameter, in dem beide Enden übereinstimmen\n"
    "müssen, gespiegelt: das lokale Netz links mit dem entfernten rechts. Jeder\n"
    "Wert steht mit Datei und Zeile da; ein Parameter, den eine Seite dem\n"
    "Standardwert des Daemons überlässt, ist 'unbekannt', nie ein Unterschied.\n"
    "Pre-Shared Keys werden im Speicher verglichen und nie gezeigt: nur\n"
    "'PSK: gleich' oder 'PSK: unterschiedlich' und die Zeile jedes Eintrags\n"
    "(ipsec.secrets neben ipsec.conf, der secrets-Abschnitt von swanctl.conf).\n"
    "  --json             der Vergleich als JSON\n"
    "  --all              auch die übereinstimmenden Parameter auflisten\n"
    "  --left-conn NAME   die Verbindung des Tunnels in LINKS (wenn mehrere passen)\n"
    "  --right-conn NAME  die Verbindung des Tunnels in RECHTS\n"
    "  --left-secrets DATEI  Secrets-Datei von LINKS (ipsec.secrets oder swanctl.conf)\n"
    "  --right-secrets DATEI Secrets-Datei von RECHTS\n"
    "  -h, --help         diese Hilfe\n"
    "\nRückgabewert: 0 verglichen, 1 eine Datei nicht lesbar oder fehlerhaft\n"
    "(Datei und Zeile genannt) oder kein Tunnel zwischen ihnen, 2 Aufruffehler.\n";

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
	{ "compare both gateways' IPsec configuration", "die IPsec-Konfiguration beider Gateways vergleichen" },
	{ help_en, help_de }, "hjaL:R:S:T:", opts, run, NULL,
};
