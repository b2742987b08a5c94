/*
 * cmd_open.c - tunneldoc open: the console on one or two logs (files,
 * support snapshot directories, recorded sessions), optionally replayed.
 */
#include "cli/cmd.h"
#include "cli/cli.h"
#include "input/source.h"
#include "kb/kb.h"
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>

static const char help_en[] =
    "Usage: tunneldoc open [OPTIONS] LEFT [RIGHT]\n"
    "\n"
    "Open the console on the VPN logs of the two gateways (files, support\n"
    "snapshot directories or recorded sessions): both logs side by side, the\n"
    "exchange ladder, the findings and the checklist. Large files load in the\n"
    "background; the console is usable at once. Press ? for every key.\n"
    "\n"
    "Options:\n"
    "  --replay        replay the logs at the pace of their timestamps\n"
    "  --speed X       replay speed factor (default 1; + and - change it)\n"
    "  --left-dialect ID, --right-dialect ID   force a dialect\n"
    "  --ascii         plain ASCII line drawing\n"
    "  --no-mouse      no mouse (clicks select rows, the wheel scrolls)\n"
    "  --report FILE   write the session report when the console ends: the\n"
    "                  analysis and every checklist answer (Markdown, or JSON\n"
    "                  when FILE ends in .json)\n"
    "  --bench FILE    benchmark: render to a virtual 200x50 terminal, time the\n"
    "                  first frame, the full load and keypresses; write to FILE\n"
    "  -h, --help      this help\n"
    "\nColours are off when NO_COLOR is set or the terminal has none.\n";
static const char help_de[] =
    "Aufruf: tunneldoc open [OPTIONEN] LINKS [RECHTS]\n"
    "\n"
    "Öffnet die Konsole mit den VPN-Logs der beiden Gateways (Dateien,\n"
    "Support-Snapshot-Verzeichnisse oder aufgezeichnete Sitzungen): beide Logs\n"
    "nebeneinander, den IKE-Ablauf, die Befunde und die Checkliste. Große\n"
    "Dateien laden im Hintergrund; die Konsole ist sofort bedienbar. ? zeigt\n"
    "alle Tasten.\n"
    "\n"
    "Optionen:\n"
    "  --replay        die Logs im Takt ihrer Zeitstempel abspielen\n"
    "  --speed X       Abspieltempo (Standard 1; + und - ändern es)\n"
    "  --left-dialect ID, --right-dialect ID   Dialekt vorgeben\n"
    "  --ascii         einfache ASCII-Linien\n"
    "  --no-mouse      keine Maus (Klick wählt Zeilen, das Rad scrollt)\n"
    "  --report DATEI  beim Beenden den Sitzungsbericht schreiben: die Analyse\n"
    "                  und jede Antwort der Checkliste (Markdown, oder JSON,\n"
    "                  wenn DATEI auf .json endet)\n"
    "  --bench DATEI   Benchmark: in ein virtuelles 200x50-Terminal zeichnen,\n"
    "                  erstes Bild, vollständiges Laden und Tastendrücke messen\n"
    "  -h, --help      diese Hilfe\n"
    "\nFarben sind aus, wenn NO_COLOR gesetzt ist oder das Terminal keine hat.\n";

enum { O_REPLAY = 1000, O_SPEED, O_LDIA, O_RDIA, O_ASCII, O_BENCH, O_REPORT, O_NOMOUSE };

static const struct option opts[] = {
	{ "report", required_argument, NULL, O_REPORT },
	{ "replay", no_argument, NULL, O_REPLAY }, { "speed", required_argument, NULL, O_SPEED },
	{ "left-dialect", required_argument, NULL, O_LDIA }, { "right-dialect", required_argument, NULL, O_RDIA },
	{ "ascii", no_argument, NULL, O_ASCII }, { "bench", required_argument, NULL, O_BENCH },
	{ "no-mouse", no_argument, NULL, O_NOMOUSE },
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};

struct open_args {
	enum lang lang;
	struct ui_opts uo;
	const char *dia[2];
};

static int on_option(void *st, int c, const char *arg)
{
	struct open_args *A = st;

	switch (c) {
	case O_REPLAY: A->uo.replay = 1; break;
	case O_SPEED:
		A->uo.speed = atof(arg);
		if (A->uo.speed <= 0 || A->uo.speed > 1024)
			return cli_usage(A->lang, M_CLI_BAD_SPEED, arg);
		break;
	case O_LDIA: A->dia[0] = arg; break;
	case O_RDIA: A->dia[1] = arg; break;
	case O_ASCII: A->uo.ascii = 1; break;
	case O_NOMOUSE: A->uo.no_mouse = 1; break;
	case O_BENCH: A->uo.bench = arg; break;
	case O_REPORT: A->uo.report = arg; break;
	}
	return 0;
}

static int operands(struct open_args *A, int argc, char **argv)
{
	for (int i = optind; i < argc; i++) {
		if (A->uo.path[0] == NULL)
			A->uo.path[0] = argv[i];
		else if (A->uo.path[1] == NULL)
			A->uo.path[1] = argv[i];
		else
			return cli_usage(A->lang, M_CLI_TOO_MANY_LOGS, argv[i]);
	}
	if (A->uo.path[0] == NULL)
		return cli_usage(A->lang, M_CLI_NEED_LOG, "open");
	if (A->uo.path[1] == NULL && source_is_session_dir(A->uo.path[0]))
		A->uo.path[1] = A->uo.path[0];
	return 0;
}

/* Dialects and logs are checked before the console takes the terminal. */
static int check_inputs(struct open_args *A, const struct kb *kb)
{
	char *cause = NULL;

	for (int s = 0; s < 2; s++)
		if (A->dia[s] != NULL && (A->uo.dialect[s] = kb_dialect_index(kb, A->dia[s])) < 0)
			return cli_usage(A->lang, M_CLI_BAD_DIALECT, A->dia[s]);
	for (int s = 0; s < 2; s++)
		if (A->uo.path[s] != NULL && source_check(A->uo.path[s], (enum side_id)s, A->lang, &cause) != 0) {
			cli_cause(cause);
			return TD_EXIT_INPUT;
		}
	return TD_EXIT_OK;
}

static int run(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv)
{
	struct open_args A = { x->lang, { NULL, { NULL, NULL }, { -1, -1 }, x->lang, 0, 1.0, 0, NULL, NULL, NULL, { NULL, NULL }, 0 },
		{ NULL, NULL } };
	struct kb *kb;
	int rc;

	if ((rc = cli_getopt(e, x, argc, argv, on_option, &A)) >= 0)
		return rc;
	if ((rc = operands(&A, argc, argv)) != 0)
		return rc;
	if (A.uo.bench == NULL && (rc = cli_need_tty(x->lang, "tunneldoc analyze")) != 0)
		return rc;
	if ((rc = cli_report_writable(A.uo.report, x->lang)) != TD_EXIT_OK)
		return rc;
	if ((kb = cli_load_kb(x)) == NULL)
		return TD_EXIT_INPUT;
	if ((rc = check_inputs(&A, kb)) != TD_EXIT_OK) {
		kb_free(kb);
		return rc;
	}
	return cli_run_console(&A.uo, NULL, kb, x->lang);
}

const struct cmd_entry cmd_open_entry = {
	"open",
	{ "open the console on two VPN logs (files, snapshots, recordings)",
	  "die Konsole mit zwei VPN-Logs öffnen (Dateien, Snapshots, Aufzeichnungen)" },
	{ help_en, help_de }, "h", opts, run, NULL,
};
