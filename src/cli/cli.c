/*
 * cli.c - see cli.h. The global options (--kb, --lang, --demo, --version,
 * --help) come before the command; the command is looked up in the one
 * command table, which also gives the command list of --help. Each command
 * is a file of its own (cmd_*.c, see cmd.h).
 */
#include "cli/cli.h"
#include "cli/cmd.h"
#include "base/util.h"
#include "kb/kb.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct cmd_entry *const cmd_table[] = {
	&cmd_analyze_entry, &cmd_open_entry, &cmd_connect_entry, &cmd_snapshot_entry,
	&cmd_report_entry, &cmd_config_diff_entry, &cmd_sites_entry, &cmd_profiles_entry, &cmd_kbcheck_entry,
};
const int cmd_count = (int)(sizeof cmd_table / sizeof cmd_table[0]);

/* The help of 'tunneldoc --help': before the command list and after it. */
static const char *const usage_en =
    "Usage: tunneldoc [--kb DIR] [--lang de|en] COMMAND [OPTIONS]\n"
    "       tunneldoc --version | --help\n"
    "\n"
    "tunneldoc reads the VPN logs of both gateways of an IPsec tunnel, lines\n"
    "them up by IKE exchange, recognises the messages of the mGuard and LANCOM\n"
    "troubleshooting guides and says what is wrong, with the evidence.\n"
    "\n"
    "Commands:\n";
static const char *const usage_de =
    "Aufruf: tunneldoc [--kb VERZ] [--lang de|en] BEFEHL [OPTIONEN]\n"
    "        tunneldoc --version | --help\n"
    "\n"
    "tunneldoc liest die VPN-Logs beider Gateways eines IPsec-Tunnels, ordnet\n"
    "sie nach IKE-Austausch einander zu, erkennt die Meldungen der mGuard- und\n"
    "LANCOM-Leitfäden zur Fehlersuche und sagt mit Belegen, was falsch ist.\n"
    "\n"
    "Befehle:\n";
static const char *const global_en =
    "\nGlobal options:\n"
    "  --kb DIR        knowledge base directory (default: $TUNNELDOC_KB, the kb/\n"
    "                  next to the program, or the installed one)\n"
    "  --lang de|en    language of all output (default: from LC_ALL/LC_MESSAGES/LANG)\n"
    "  --demo          open the console on a bundled log pair, replayed at the\n"
    "                  pace of its timestamps (q quits, ? shows all keys)\n"
    "  --version       print version and knowledge base revision\n"
    "  -h, --help      this help; 'tunneldoc COMMAND --help' for a command\n"
    "\nExit status: 0 analysis ran, 1 an input or the knowledge base cannot be\n"
    "read, 2 usage error.\n";
static const char *const global_de =
    "\nAllgemeine Optionen:\n"
    "  --kb VERZ       Verzeichnis der Wissensbasis (Standard: $TUNNELDOC_KB, kb/\n"
    "                  neben dem Programm oder die installierte)\n"
    "  --lang de|en    Sprache aller Ausgaben (Standard: aus LC_ALL/LC_MESSAGES/LANG)\n"
    "  --demo          die Konsole mit einem mitgelieferten Log-Paar öffnen, im\n"
    "                  Takt seiner Zeitstempel abgespielt (q beendet, ? zeigt alle Tasten)\n"
    "  --version       Version und Revision der Wissensbasis ausgeben\n"
    "  -h, --help      diese Hilfe; 'tunneldoc BEFEHL --help' für einen Befehl\n"
    "\nRückgabewert: 0 Analyse gelaufen, 1 eine Eingabe oder die Wissensbasis ist\n"
    "nicht lesbar, 2 Aufruffehler.\n";

static void print_usage(FILE *f, enum lang lang)
{
	int de = lang == LANG_DE;

	fputs(de ? usage_de : usage_en, f);
	for (int i = 0; i < cmd_count; i++)
		fprintf(f, "  %-12s %s\n", cmd_table[i]->name, cmd_table[i]->summary[de]);
	fputs(de ? global_de : global_en, f);
}

static int print_version(const struct cli_ctx *x)
{
	struct kb *kb = cli_load_kb(x);

	printf("tunneldoc %s\nknowledge base: %s\n", TD_VERSION, kb ? kb->revision : "(not found)");
	kb_free(kb);
	return TD_EXIT_OK;
}

int cli_main(int argc, char **argv)
{
	struct cli_ctx x = { NULL, LANG_EN };
	const char *langopt = NULL;
	int i = 1, demo = 0;

	setlocale(LC_ALL, "");
	/* global options come before the command */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--kb") == 0 && i + 1 < argc) {
			x.kbopt = argv[++i];
		} else if (str_startswith(argv[i], "--kb=")) {
			x.kbopt = argv[i] + 5;
		} else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
			langopt = argv[++i];
		} else if (str_startswith(argv[i], "--lang=")) {
			langopt = argv[i] + 7;
		} else if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
			x.lang = lang_from(langopt);
			return print_version(&x);
		} else if (strcmp(argv[i], "--demo") == 0) {
			demo = 1;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			print_usage(stdout, lang_from(langopt));
			return TD_EXIT_OK;
		} else {
			return cli_usage(lang_from(langopt), M_CLI_UNKNOWN_GLOBAL, argv[i]);
		}
	}
	if (langopt != NULL && strcmp(langopt, "de") != 0 && strcmp(langopt, "en") != 0)
		return cli_usage(LANG_EN, M_CLI_BAD_LANG, langopt);
	x.lang = lang_from(langopt);
	if (demo)
		return cmd_demo(&x);
	if (i >= argc) {
		print_usage(stderr, x.lang);
		return TD_EXIT_USAGE;
	}
	for (int k = 0; k < cmd_count; k++)
		if (strcmp(argv[i], cmd_table[k]->name) == 0)
			return cmd_table[k]->run(cmd_table[k], &x, argc - i, argv + i);
	return cli_usage(x.lang, M_CLI_UNKNOWN_COMMAND, argv[i]);
}
