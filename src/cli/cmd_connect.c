/*
 * cmd_connect.c - tunneldoc connect and tunneldoc snapshot: their options,
 * the defaults for both sides, and the console of a live session. The
 * site book merge is connect_site.c, the batch loop connect_batch.c.
 */
#include "cli/connect.h"
#include "cli/cli.h"
#include "kb/kb.h"
#include "ui.h"

#include <stdlib.h>
#include <string.h>

static const char connect_help_en[] =
    "Usage: tunneldoc connect [OPTIONS] [USER@]GW-A[:PORT] [USER@]GW-B[:PORT]\n"
    "       tunneldoc connect [OPTIONS] SITE\n"
    "\n"
    "Log in to both gateways of the tunnel over SSH at the same time and stream\n"
    "their VPN logs: in the console, or with --batch for a fixed time and then\n"
    "print the same analysis as 'analyze'. Host keys are checked against\n"
    "known_hosts; keys come from ssh-agent, -i or ~/.ssh/config (Host aliases,\n"
    "User, Port, IdentityFile, ProxyCommand). Only the profile's read-only\n"
    "commands run on the gateways. A dropped connection is retried with\n"
    "backoff and resumes without losing or repeating lines.\n"
    "\n"
    "Options:\n"
    "  --profile P     device profile for both sides: mguard, libreswan,\n"
    "                  strongswan, lancom or auto (default: auto, not for LANCOM)\n"
    "  --left-profile P, --right-profile P   per side\n"
    "  --log-cmd CMD   stream the output of CMD instead (both sides);\n"
    "                  --left-log-cmd, --right-log-cmd per side\n"
    "  --log-file FILE follow FILE on both gateways (a reconnect resumes at the\n"
    "                  next line); --left-log-file, --right-log-file per side\n"
    "  --status-cmd CMD  read the IPsec status with CMD instead of the profile's\n"
    "                  (snapshots, the checklist's status step); --left-status-cmd,\n"
    "                  --right-status-cmd per side\n"
    "  --config-cmd CMD  read the IPsec configuration with CMD (its output is one\n"
    "                  ipsec.conf or swanctl.conf) instead of the profile's files;\n"
    "                  --left-config-cmd, --right-config-cmd per side. --batch\n"
    "                  compares both at the start, as config-diff does\n"
    "  --left-secrets FILE, --right-secrets FILE  the secrets file on that\n"
    "                  gateway: the gateway hashes salt+PSK itself, only\n"
    "                  'PSK: equal' or 'differs' comes back, never the key\n"
    "  --no-config     do not read the configurations\n"
    "  --jump [USER@]HOST[:PORT]  reach the gateways through this jump host\n"
    "                  (ssh -W); --left-jump, --right-jump per side\n"
    "  -i FILE         private key file\n"
    "  --known-hosts FILE   known_hosts file (default ~/.ssh/known_hosts)\n"
    "  --accept-new    add unknown host keys without asking (first contact\n"
    "                  in scripts); a changed key is always refused\n"
    "  --ssh-config FILE    ssh config file (default ~/.ssh/config)\n"
    "  --backlog N     lines of history on first contact (default 1000)\n"
    "  --record DIR    record both streams with receive times (open DIR replays)\n"
    "  --ascii         console: plain ASCII line drawing\n"
    "  --no-mouse      console: no mouse (clicks select rows, the wheel scrolls)\n"
    "  --batch         no console: stream for --duration seconds, then report\n"
    "  --duration S    seconds to stream in batch mode (default 30; Ctrl-C or\n"
    "                  SIGTERM ends it earlier and still reports)\n"
    "  --json          batch report as JSON (as 'analyze --json', plus each\n"
    "                  side's connection state)\n"
    "  --connect-timeout S  seconds to wait for a gateway (default 10)\n"
    "  --report FILE   write the session report at the end (Markdown, or JSON\n"
    "                  when FILE ends in .json): both gateways, the ladder, the\n"
    "                  findings, every checklist answer with who gave it, notes\n"
    "  --left-lan ADDR, --right-lan ADDR   the gateways' internal addresses\n"
    "                  for the ping procedure (guide 1.5): the console offers\n"
    "                  to run the profile's ping from the left gateway with\n"
    "                  --left-lan as source to --right-lan, after asking\n"
    "  -h, --help      this help\n"
    "\nSITE names a tunnel of the site book (see 'tunneldoc sites --help'): both\n"
    "gateways with user, port, profile, jump host, internal address and log\n"
    "file; options given on the command line win.\n"
    "\nIn the console's checklist, r runs a step's read-only command (status,\n"
    "ping) on the gateways over SSH; it shows the command and asks first.\n"
    "With --record DIR the checklist's answers are kept in DIR/checklist.json\n"
    "for 'tunneldoc report DIR'.\n"
    "\nExit status: 0 the session ran, 1 no gateway could be reached, 2 usage error.\n";
static const char connect_help_de[] =
    "Aufruf: tunneldoc connect [OPTIONEN] [BENUTZER@]GW-A[:PORT] [BENUTZER@]GW-B[:PORT]\n"
    "        tunneldoc connect [OPTIONEN] STANDORT\n"
    "\n"
    "Meldet sich gleichzeitig per SSH an beiden Gateways des Tunnels an und\n"
    "verfolgt ihre VPN-Logs: in der Konsole, oder mit --batch für eine feste\n"
    "Zeit mit anschließender Analyse wie bei 'analyze'. Host-Schlüssel werden\n"
    "gegen known_hosts geprüft; Schlüssel kommen aus ssh-agent, -i oder\n"
    "~/.ssh/config (Host-Aliase, User, Port, IdentityFile, ProxyCommand). Auf\n"
    "den Gateways laufen nur die lesenden Befehle des Profils. Eine\n"
    "abgebrochene Verbindung wird mit wachsendem Abstand neu aufgebaut und setzt\n"
    "ohne verlorene oder doppelte Zeilen fort.\n"
    "\n"
    "Optionen:\n"
    "  --profile P     Geräteprofil für beide Seiten: mguard, libreswan,\n"
    "                  strongswan, lancom oder auto (Standard: auto, nicht für LANCOM)\n"
    "  --left-profile P, --right-profile P   je Seite\n"
    "  --log-cmd CMD   stattdessen die Ausgabe von CMD verfolgen (beide Seiten);\n"
    "                  --left-log-cmd, --right-log-cmd je Seite\n"
    "  --log-file DATEI DATEI auf beiden Gateways verfolgen (nach einem Abbruch\n"
    "                  ab der nächsten Zeile); --left-log-file, --right-log-file je Seite\n"
    "  --status-cmd CMD  den IPsec-Status mit CMD statt mit dem Befehl des Profils\n"
    "                  lesen (Snapshots, Status-Schritt der Checkliste); --left-status-cmd,\n"
    "                  --right-status-cmd je Seite\n"
    "  --config-cmd CMD  die IPsec-Konfiguration mit CMD lesen (seine Ausgabe ist\n"
    "                  eine ipsec.conf oder swanctl.conf) statt der Dateien des\n"
    "                  Profils; --left-config-cmd, --right-config-cmd je Seite.\n"
    "                  --batch vergleicht beide zu Beginn wie config-diff\n"
    "  --left-secrets DATEI, --right-secrets DATEI  die Secrets-Datei auf diesem\n"
    "                  Gateway: das Gateway bildet den Hash aus Salt+PSK selbst,\n"
    "                  zurück kommt nur 'PSK: gleich' oder 'unterschiedlich', nie der Schlüssel\n"
    "  --no-config     die Konfigurationen nicht lesen\n"
    "  --jump [BENUTZER@]HOST[:PORT]  die Gateways über diesen Sprung-Host\n"
    "                  erreichen (ssh -W); --left-jump, --right-jump je Seite\n"
    "  -i DATEI        privater Schlüssel\n"
    "  --known-hosts DATEI  known_hosts-Datei (Standard ~/.ssh/known_hosts)\n"
    "  --accept-new    unbekannte Host-Schlüssel ohne Rückfrage aufnehmen (erster\n"
    "                  Kontakt in Skripten); ein geänderter wird immer abgelehnt\n"
    "  --ssh-config DATEI   ssh-Konfiguration (Standard ~/.ssh/config)\n"
    "  --backlog N     Zeilen Vorgeschichte beim ersten Kontakt (Standard 1000)\n"
    "  --record VERZ   beide Ströme mit Empfangszeiten aufzeichnen (open VERZ spielt ab)\n"
    "  --ascii         Konsole: einfache ASCII-Linien\n"
    "  --no-mouse      Konsole: keine Maus (Klick wählt Zeilen, das Rad scrollt)\n"
    "  --batch         ohne Konsole: --duration Sekunden verfolgen, dann berichten\n"
    "  --duration S    Sekunden im Batch-Betrieb (Standard 30; Strg-C oder\n"
    "                  SIGTERM beendet früher und berichtet trotzdem)\n"
    "  --json          Batch-Bericht als JSON (wie 'analyze --json', dazu der\n"
    "                  Verbindungszustand jeder Seite)\n"
    "  --connect-timeout S  Sekunden Wartezeit auf ein Gateway (Standard 10)\n"
    "  --report DATEI  am Ende den Sitzungsbericht schreiben (Markdown, oder JSON,\n"
    "                  wenn DATEI auf .json endet): beide Gateways, der Ablauf,\n"
    "                  die Befunde, jede Antwort der Checkliste mit wer sie gab, Notizen\n"
    "  --left-lan ADR, --right-lan ADR   die internen Adressen der Gateways für\n"
    "                  das Ping-Verfahren (Leitfaden 1.5): die Konsole bietet an,\n"
    "                  den Ping des Profils vom linken Gateway mit --left-lan als\n"
    "                  Quelle an --right-lan auszuführen, nach Rückfrage\n"
    "  -h, --help      diese Hilfe\n"
    "\nSTANDORT nennt einen Tunnel des Standortbuchs (siehe 'tunneldoc sites --help'):\n"
    "beide Gateways mit Benutzer, Port, Profil, Sprung-Host, interner Adresse und\n"
    "Log-Datei; Optionen auf der Befehlszeile haben Vorrang.\n"
    "\nIn der Checkliste der Konsole führt r den lesenden Befehl eines Schritts\n"
    "(Status, Ping) per SSH auf den Gateways aus; der Befehl wird gezeigt und\n"
    "vorher gefragt. Mit --record VERZ bleiben die Antworten der Checkliste in\n"
    "VERZ/checklist.json für 'tunneldoc report VERZ'.\n"
    "\nRückgabewert: 0 Sitzung gelaufen, 1 kein Gateway erreichbar, 2 Aufruffehler.\n";
static const char snapshot_help_en[] =
    "Usage: tunneldoc snapshot --out DIR [OPTIONS] [USER@]GW-A[:PORT] [USER@]GW-B[:PORT]\n"
    "       tunneldoc snapshot --out DIR [OPTIONS] SITE\n"
    "\n"
    "Fetch the support snapshot the guide asks for before any reboot, from both\n"
    "gateways at once and without the console: the last lines of each VPN log\n"
    "(DIR/left.log, DIR/right.log, with receive times) and the output of the\n"
    "profile's read-only status commands (DIR/left-status.txt,\n"
    "DIR/right-status.txt), plus DIR/session.json. Analyse it later with\n"
    "'tunneldoc analyze DIR/left.log DIR/right.log' or 'tunneldoc open DIR'.\n"
    "\n"
    "Options: --out DIR (a new or empty directory), --timeout S (default 60),\n"
    "and the SSH and profile options of 'tunneldoc connect' (--profile,\n"
    "--left-profile, --right-profile, --log-file, --log-cmd, -i, --known-hosts,\n"
    "--accept-new, --ssh-config, --backlog N lines (default 1000),\n"
    "--connect-timeout, --jump, --status-cmd and their per-side forms), and a\n"
    "SITE of the site book. LANCOM consoles: record with 'connect --record'.\n"
    "\nExit status: 0 written, 1 no gateway could be reached, 2 usage error.\n";
static const char snapshot_help_de[] =
    "Aufruf: tunneldoc snapshot --out VERZ [OPTIONEN] [BENUTZER@]GW-A[:PORT] [BENUTZER@]GW-B[:PORT]\n"
    "        tunneldoc snapshot --out VERZ [OPTIONEN] STANDORT\n"
    "\n"
    "Holt den Support-Snapshot, den der Leitfaden vor jedem Neustart verlangt,\n"
    "gleichzeitig von beiden Gateways und ohne Konsole: die letzten Zeilen jedes\n"
    "VPN-Logs (VERZ/left.log, VERZ/right.log, mit Empfangszeiten) und die\n"
    "Ausgabe der lesenden Status-Befehle des Profils (VERZ/left-status.txt,\n"
    "VERZ/right-status.txt), dazu VERZ/session.json. Später analysieren mit\n"
    "'tunneldoc analyze VERZ/left.log VERZ/right.log' oder 'tunneldoc open VERZ'.\n"
    "\n"
    "Optionen: --out VERZ (neues oder leeres Verzeichnis), --timeout S (Standard\n"
    "60), und die SSH- und Profil-Optionen von 'tunneldoc connect' (--profile,\n"
    "--left-profile, --right-profile, --log-file, --log-cmd, -i, --known-hosts,\n"
    "--accept-new, --ssh-config, --backlog N Zeilen (Standard 1000),\n"
    "--connect-timeout, --jump, --status-cmd und ihre Formen je Seite), und ein\n"
    "STANDORT des Standortbuchs. LANCOM-Konsolen: mit 'connect --record' aufzeichnen.\n"
    "\nRückgabewert: 0 geschrieben, 1 kein Gateway erreichbar, 2 Aufruffehler.\n";

enum { O_PROFILE = 1000, O_LPROF, O_RPROF, O_LOGCMD, O_LLOG, O_RLOG, O_KH, O_ACCEPT, O_SSHCFG,
	O_BACKLOG, O_RECORD, O_BATCH, O_DURATION, O_JSON, O_CTIMEOUT, O_LOGFILE, O_LLF, O_RLF, O_OUT, O_TIMEOUT,
	O_REPORT, O_LLAN, O_RLAN, O_STATUS, O_LSTATUS, O_RSTATUS, O_JUMP, O_LJUMP, O_RJUMP, O_ASCII, O_NOMOUSE,
	O_CFGCMD, O_LCFGCMD, O_RCFGCMD, O_LSECRETS, O_RSECRETS, O_NOCONFIG };

static const struct option opts[] = {
	{ "profile", required_argument, NULL, O_PROFILE }, { "left-profile", required_argument, NULL, O_LPROF },
	{ "right-profile", required_argument, NULL, O_RPROF }, { "log-cmd", required_argument, NULL, O_LOGCMD },
	{ "left-log-cmd", required_argument, NULL, O_LLOG }, { "right-log-cmd", required_argument, NULL, O_RLOG },
	{ "known-hosts", required_argument, NULL, O_KH }, { "accept-new", no_argument, NULL, O_ACCEPT },
	{ "ssh-config", required_argument, NULL, O_SSHCFG }, { "backlog", required_argument, NULL, O_BACKLOG },
	{ "record", required_argument, NULL, O_RECORD }, { "batch", no_argument, NULL, O_BATCH },
	{ "duration", required_argument, NULL, O_DURATION }, { "json", no_argument, NULL, O_JSON },
	{ "connect-timeout", required_argument, NULL, O_CTIMEOUT }, { "help", no_argument, NULL, 'h' },
	{ "log-file", required_argument, NULL, O_LOGFILE }, { "left-log-file", required_argument, NULL, O_LLF },
	{ "right-log-file", required_argument, NULL, O_RLF },
	{ "out", required_argument, NULL, O_OUT }, { "timeout", required_argument, NULL, O_TIMEOUT },
	{ "report", required_argument, NULL, O_REPORT }, { "left-lan", required_argument, NULL, O_LLAN },
	{ "right-lan", required_argument, NULL, O_RLAN }, { "status-cmd", required_argument, NULL, O_STATUS },
	{ "left-status-cmd", required_argument, NULL, O_LSTATUS }, { "right-status-cmd", required_argument, NULL, O_RSTATUS },
	{ "jump", required_argument, NULL, O_JUMP }, { "left-jump", required_argument, NULL, O_LJUMP },
	{ "right-jump", required_argument, NULL, O_RJUMP },
	{ "ascii", no_argument, NULL, O_ASCII }, { "no-mouse", no_argument, NULL, O_NOMOUSE },
	{ "config-cmd", required_argument, NULL, O_CFGCMD }, { "left-config-cmd", required_argument, NULL, O_LCFGCMD },
	{ "right-config-cmd", required_argument, NULL, O_RCFGCMD }, { "left-secrets", required_argument, NULL, O_LSECRETS },
	{ "right-secrets", required_argument, NULL, O_RSECRETS }, { "no-config", no_argument, NULL, O_NOCONFIG },
	{ NULL, 0, NULL, 0 },
};

/* The options that take a value to check. */
static int on_checked(struct connect_args *A, int c, const char *arg)
{
	switch (c) {
	case O_JUMP:
	case O_LJUMP:
	case O_RJUMP:
		if (*arg == '\0' || *arg == '-' || strpbrk(arg, " \t'\"`$\\;|&<>(){}*?") != NULL)
			return cli_usage(A->lang, M_CLI_BAD_JUMP, arg);
		if (c == O_JUMP)
			A->jump = arg;
		else
			A->so.side[c == O_RJUMP].jump = arg;
		break;
	case O_BACKLOG:
		if (cli_parse_int(arg, 0, 10000000, &A->so.backlog) != 0)
			return cli_usage(A->lang, M_CLI_BAD_BACKLOG, arg);
		break;
	case O_RECORD:
	case O_OUT:
		if ((c == O_OUT) != A->snap)
			return cli_usage(A->lang, M_CLI_OTHER_COMMAND, c == O_OUT ? "--out" : "--record");
		A->so.record_dir = arg;
		break;
	case O_TIMEOUT:
		A->duration = atof(arg);
		if (!A->snap || A->duration <= 0 || A->duration > 3600)
			return cli_usage(A->lang, M_CLI_BAD_TIMEOUT, arg);
		break;
	case O_LLAN:
	case O_RLAN:
		if (strspn(arg, "0123456789abcdefABCDEF.:") != strlen(arg) || *arg == '\0' || strlen(arg) > 63)
			return cli_usage(A->lang, M_CLI_BAD_LAN, arg);
		A->lan[c == O_RLAN] = arg;
		break;
	case O_DURATION:
		A->duration = atof(arg);
		if (A->duration <= 0 || A->duration > 86400)
			return cli_usage(A->lang, M_CLI_BAD_DURATION, arg);
		break;
	case O_CTIMEOUT:
		if (cli_parse_int(arg, 1, 600, &A->so.connect_timeout) != 0)
			return cli_usage(A->lang, M_CLI_BAD_CONNECT_TIMEOUT, arg);
		break;
	}
	return 0;
}

static int on_option(void *st, int c, const char *arg)
{
	struct connect_args *A = st;
	struct session_opts *so = &A->so;

	switch (c) {
	case O_PROFILE: A->prof = arg; break;
	case O_LPROF: so->side[0].profile = arg; break;
	case O_RPROF: so->side[1].profile = arg; break;
	case O_LOGCMD: A->logcmd = arg; break;
	case O_LLOG: so->side[0].log_cmd = arg; break;
	case O_RLOG: so->side[1].log_cmd = arg; break;
	case O_LOGFILE: A->logfile = arg; break;
	case O_STATUS: A->statuscmd = arg; break;
	case O_LSTATUS: so->side[0].status_cmd = arg; break;
	case O_RSTATUS: so->side[1].status_cmd = arg; break;
	case O_LLF: so->side[0].log_file = arg; break;
	case O_RLF: so->side[1].log_file = arg; break;
	case 'i': so->identity = arg; break;
	case O_KH: so->known_hosts = arg; break;
	case O_ACCEPT: so->accept_new = 1; break;
	case O_SSHCFG: so->ssh_config = arg; break;
	case O_BATCH: A->batch = 1; break;
	case O_ASCII: A->ascii = 1; break;
	case O_NOMOUSE: A->no_mouse = 1; break;
	case O_REPORT: A->report = arg; break;
	case O_JSON: A->json = 1; break;
	case O_CFGCMD: A->cfgcmd_both = arg; break;
	case O_LCFGCMD: A->cfgcmd[0] = arg; break;
	case O_RCFGCMD: A->cfgcmd[1] = arg; break;
	case O_LSECRETS: A->secrets[0] = arg; break;
	case O_RSECRETS: A->secrets[1] = arg; break;
	case O_NOCONFIG: A->no_config = 1; break;
	default: return on_checked(A, c, arg);
	}
	return 0;
}

/* The gateways: two targets, or one that may name a site. */
static int operands(struct connect_args *A, int argc, char **argv)
{
	for (int i = optind; i < argc; i++) {
		if (A->ntargets >= 2)
			return cli_usage(A->lang, M_CLI_TOO_MANY_GATEWAYS, argv[i]);
		A->so.side[A->ntargets++].target = argv[i];
	}
	if (A->ntargets == 0)
		return cli_usage(A->lang, M_CLI_NEED_GATEWAYS);
	return A->ntargets == 1 ? connect_apply_site(A) : TD_EXIT_OK;
}

/* What was given for both sides fills what a side was not given. */
static void both_sides(struct connect_args *A)
{
	for (int k = 0; k < 2; k++) {
		struct session_side_opts *o = &A->so.side[k];

		if (o->profile == NULL)
			o->profile = A->prof != NULL ? A->prof : "auto";
		if (o->log_cmd == NULL)
			o->log_cmd = A->logcmd;
		if (o->log_file == NULL)
			o->log_file = A->logfile;
		if (o->status_cmd == NULL)
			o->status_cmd = A->statuscmd;
		if (o->jump == NULL)
			o->jump = A->jump;
		if (A->cfgcmd[k] == NULL)
			A->cfgcmd[k] = A->cfgcmd_both;
	}
}

/* A snapshot needs its directory and a shell on both gateways. */
static int snapshot_checks(struct connect_args *A)
{
	if (A->so.record_dir == NULL)
		return cli_usage(A->lang, M_CLI_SNAPSHOT_NEEDS_OUT);
	for (int k = 0; k < 2; k++)
		if (A->so.side[k].profile != NULL && strcmp(A->so.side[k].profile, "lancom") == 0)
			return cli_usage(A->lang, M_CLI_SNAPSHOT_LANCOM);
	A->batch = 1;
	return TD_EXIT_OK;
}

/* The live session in the console. */
static int console(struct connect_args *A, const struct cli_ctx *x)
{
	struct ui_opts uo = { NULL, { NULL, NULL }, { -1, -1 }, A->lang, 0, 1.0, A->ascii, NULL, &A->so, A->report,
		{ A->lan[0], A->lan[1] }, A->no_mouse };
	struct kb *kb;
	int rc;

	if (A->json)
		return cli_usage(A->lang, M_CLI_JSON_NEEDS_BATCH);
	A->so.interactive = 1;
	if ((rc = cli_need_tty(A->lang, "tunneldoc connect --batch")) != 0)
		return rc;
	if ((kb = cli_load_kb(x)) == NULL)
		return TD_EXIT_INPUT;
	return cli_run_console(&uo, &A->so, kb, A->lang);
}

static int run(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv)
{
	struct connect_args A;
	struct kb *kb;
	int rc;

	memset(&A, 0, sizeof A);
	A.lang = A.so.lang = x->lang;
	A.snap = A.so.snapshot = e == &cmd_snapshot_entry;
	A.duration = A.snap ? 60 : 30;
	if ((rc = cli_getopt(e, x, argc, argv, on_option, &A)) >= 0)
		return rc;
	if ((rc = operands(&A, argc, argv)) != TD_EXIT_OK)
		return rc;
	both_sides(&A);
	if (A.snap && (rc = snapshot_checks(&A)) != TD_EXIT_OK)
		return rc;
	if ((rc = cli_report_writable(A.report, x->lang)) != TD_EXIT_OK)
		return rc;
	if (!A.batch)
		return console(&A, x);
	if ((kb = cli_load_kb(x)) == NULL)
		return TD_EXIT_INPUT;
	return connect_batch(&A, kb);
}

const struct cmd_entry cmd_connect_entry = {
	"connect",
	{ "log in to both gateways over SSH and stream their VPN logs live",
	  "sich per SSH an beiden Gateways anmelden und ihre VPN-Logs live verfolgen" },
	{ connect_help_en, connect_help_de }, "hi:", opts, run, "tunneldoc connect",
};

const struct cmd_entry cmd_snapshot_entry = {
	"snapshot",
	{ "fetch both gateways' recent VPN logs and IPsec status into one directory",
	  "die letzten VPN-Logs und den IPsec-Status beider Gateways in ein Verzeichnis holen" },
	{ snapshot_help_en, snapshot_help_de }, "hi:", opts, run, "tunneldoc snapshot",
};
