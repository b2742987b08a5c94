/*
 * cli.c - see cli.h. Each subcommand is an entry in one table that drives
 * dispatch and the command list in --help.
 */
#include "cli/cli.h"
#include "base/clock.h"
#include "pipeline/analysis.h"
#include "kb/kb.h"
#include "report/report.h"
#include "input/record.h"
#include "live/sites.h"
#include "report/sreport.h"
#include "input/source.h"
#include "live/session.h"
#include "ui.h"
#include "base/util.h"

#include <errno.h>
#include <json-c/json.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct command {
	const char *name;
	int (*run)(int argc, char **argv, const char *kbopt, enum lang lang);
	const char *summary_en, *summary_de;
};

static int cmd_analyze(int argc, char **argv, const char *kbopt, enum lang lang);
static int cmd_open(int argc, char **argv, const char *kbopt, enum lang lang);
static int cmd_kbcheck(int argc, char **argv, const char *kbopt, enum lang lang);
static int cmd_connect(int argc, char **argv, const char *kbopt, enum lang lang);
static int cmd_report(int argc, char **argv, const char *kbopt, enum lang lang);
static int cmd_sites(int argc, char **argv, const char *kbopt, enum lang lang);
static int cmd_profiles(int argc, char **argv, const char *kbopt, enum lang lang);

static const struct command commands[] = {
	{ "analyze", cmd_analyze, "analyse two VPN logs (or one) and print ladder and findings",
	  "zwei VPN-Logs (oder eines) analysieren, Leiter und Befunde ausgeben" },
	{ "open", cmd_open, "open the console on two VPN logs (files, snapshots, recordings)",
	  "die Konsole mit zwei VPN-Logs öffnen (Dateien, Snapshots, Aufzeichnungen)" },
	{ "connect", cmd_connect, "log in to both gateways over SSH and stream their VPN logs live",
	  "sich per SSH an beiden Gateways anmelden und ihre VPN-Logs live verfolgen" },
	{ "snapshot", cmd_connect, "fetch both gateways' recent VPN logs and IPsec status into one directory",
	  "die letzten VPN-Logs und den IPsec-Status beider Gateways in ein Verzeichnis holen" },
	{ "report", cmd_report, "write the session report (Markdown or JSON) of a recorded session",
	  "den Sitzungsbericht (Markdown oder JSON) einer aufgezeichneten Sitzung schreiben" },
	{ "sites", cmd_sites, "list the site book (named tunnels: tunneldoc connect NAME)",
	  "das Standortbuch auflisten (benannte Tunnel: tunneldoc connect NAME)" },
	{ "profiles", cmd_profiles, "list the device profiles of the knowledge base",
	  "die Geräteprofile der Wissensbasis auflisten" },
	{ "kb-check", cmd_kbcheck, "validate the knowledge base and test every signature example",
	  "Wissensbasis prüfen und jedes Signatur-Beispiel testen" },
};

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

static const char *const analyze_en =
    "Usage: tunneldoc analyze [OPTIONS] LEFT [RIGHT]\n"
    "       tunneldoc analyze [OPTIONS] --left FILE [--right FILE]\n"
    "\n"
    "Analyse the VPN log of each gateway (a file, '-' for standard input, or a\n"
    "directory holding a support snapshot or a recorded session). Prints the\n"
    "two logs lined up by IKE exchange step, the clock offset and round-trip\n"
    "time, and the ranked findings with evidence, guide chapter and remedies.\n"
    "Which side initiated is read from the logs. With one log, what one side\n"
    "can tell is reported.\n"
    "\n"
    "Options:\n"
    "  --left FILE, --right FILE   the two logs (instead of LEFT RIGHT)\n"
    "  --left-dialect ID, --right-dialect ID\n"
    "                  force a dialect instead of detecting it\n"
    "                  (ids: see 'tunneldoc kb-check --list')\n"
    "  --json          print one JSON document instead of text (with the\n"
    "                  checklist as far as the evidence answers it)\n"
    "  --report FILE   also write the session report: Markdown, or JSON when\n"
    "                  FILE ends in .json (for a support ticket)\n"
    "  --width N       text width (default: the terminal's, else $COLUMNS, else 160)\n"
    "  --negotiations N  show at most the N newest negotiations (default 20)\n"
    "  --ascii         plain ASCII arrows in the ladder\n"
    "  -h, --help      this help\n"
    "\nExamples:\n"
    "  tunneldoc analyze gw-a-vpn.log gw-b-vpn.log\n"
    "  tunneldoc analyze --json --left initiator.log --right responder.log\n"
    "  tunneldoc --lang de analyze kb/samples/mguard-1.3.3-udp4500/left.log kb/samples/mguard-1.3.3-udp4500/right.log\n";
static const char *const analyze_de =
    "Aufruf: tunneldoc analyze [OPTIONEN] LINKS [RECHTS]\n"
    "        tunneldoc analyze [OPTIONEN] --left DATEI [--right DATEI]\n"
    "\n"
    "Analysiert das VPN-Log jedes Gateways (eine Datei, '-' für die\n"
    "Standardeingabe, oder ein Verzeichnis mit einem Support-Snapshot oder\n"
    "einer aufgezeichneten Sitzung). Gibt beide Logs nach IKE-Schritt\n"
    "zugeordnet aus, dazu Uhrenversatz und Umlaufzeit sowie die Befunde nach\n"
    "Rang mit Belegen, Kapitel im Leitfaden und Abhilfe. Wer initiiert hat,\n"
    "wird aus den Logs gelesen. Mit nur einem Log wird ausgegeben, was eine\n"
    "Seite erkennen lässt.\n"
    "\n"
    "Optionen:\n"
    "  --left DATEI, --right DATEI  die beiden Logs (statt LINKS RECHTS)\n"
    "  --left-dialect ID, --right-dialect ID\n"
    "                  Dialekt vorgeben statt ihn zu erkennen\n"
    "                  (IDs: siehe 'tunneldoc kb-check --list')\n"
    "  --json          ein JSON-Dokument statt Text ausgeben (mit der\n"
    "                  Checkliste, soweit die Belege sie beantworten)\n"
    "  --report DATEI  zusätzlich den Sitzungsbericht schreiben: Markdown, oder\n"
    "                  JSON, wenn DATEI auf .json endet (für ein Support-Ticket)\n"
    "  --width N       Textbreite (Standard: die des Terminals, sonst $COLUMNS, sonst 160)\n"
    "  --negotiations N  höchstens die N neuesten Aushandlungen zeigen (Standard 20)\n"
    "  --ascii         einfache ASCII-Pfeile in der Leiter\n"
    "  -h, --help      diese Hilfe\n"
    "\nBeispiele:\n"
    "  tunneldoc analyze gw-a-vpn.log gw-b-vpn.log\n"
    "  tunneldoc analyze --json --left initiator.log --right responder.log\n"
    "  tunneldoc --lang de analyze kb/samples/mguard-1.3.3-udp4500/left.log kb/samples/mguard-1.3.3-udp4500/right.log\n";
static const char *const open_en =
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
    "  --report FILE   write the session report when the console ends: the\n"
    "                  analysis and every checklist answer (Markdown, or JSON\n"
    "                  when FILE ends in .json)\n"
    "  --bench FILE    benchmark: render to a virtual 200x50 terminal, time the\n"
    "                  first frame, the full load and keypresses; write to FILE\n"
    "  -h, --help      this help\n"
    "\nColours are off when NO_COLOR is set or the terminal has none.\n";
static const char *const open_de =
    "Aufruf: tunneldoc open [OPTIONEN] LINKS [RECHTS]\n"
    "\n"
    "Öffnet die Konsole mit den VPN-Logs der beiden Gateways (Dateien,\n"
    "Support-Snapshot-Verzeichnisse oder aufgezeichnete Sitzungen): beide Logs\n"
    "nebeneinander, die Austausch-Leiter, die Befunde und die Checkliste. Große\n"
    "Dateien laden im Hintergrund; die Konsole ist sofort bedienbar. ? zeigt\n"
    "alle Tasten.\n"
    "\n"
    "Optionen:\n"
    "  --replay        die Logs im Takt ihrer Zeitstempel abspielen\n"
    "  --speed X       Abspieltempo (Standard 1; + und - ändern es)\n"
    "  --left-dialect ID, --right-dialect ID   Dialekt vorgeben\n"
    "  --ascii         einfache ASCII-Linien\n"
    "  --report DATEI  beim Beenden den Sitzungsbericht schreiben: die Analyse\n"
    "                  und jede Antwort der Checkliste (Markdown, oder JSON,\n"
    "                  wenn DATEI auf .json endet)\n"
    "  --bench DATEI   Benchmark: in ein virtuelles 200x50-Terminal zeichnen,\n"
    "                  erstes Bild, vollständiges Laden und Tastendrücke messen\n"
    "  -h, --help      diese Hilfe\n"
    "\nFarben sind aus, wenn NO_COLOR gesetzt ist oder das Terminal keine hat.\n";
static const char *const connect_en =
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
    "  --jump [USER@]HOST[:PORT]  reach the gateways through this jump host\n"
    "                  (ssh -W); --left-jump, --right-jump per side\n"
    "  -i FILE         private key file\n"
    "  --known-hosts FILE   known_hosts file (default ~/.ssh/known_hosts)\n"
    "  --accept-new    add unknown host keys without asking (first contact\n"
    "                  in scripts); a changed key is always refused\n"
    "  --ssh-config FILE    ssh config file (default ~/.ssh/config)\n"
    "  --backlog N     lines of history on first contact (default 1000)\n"
    "  --record DIR    record both streams with receive times (open DIR replays)\n"
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
static const char *const connect_de =
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
    "  --jump [BENUTZER@]HOST[:PORT]  die Gateways über diesen Sprung-Host\n"
    "                  erreichen (ssh -W); --left-jump, --right-jump je Seite\n"
    "  -i DATEI        privater Schlüssel\n"
    "  --known-hosts DATEI  known_hosts-Datei (Standard ~/.ssh/known_hosts)\n"
    "  --accept-new    unbekannte Host-Schlüssel ohne Rückfrage aufnehmen (erster\n"
    "                  Kontakt in Skripten); ein geänderter wird immer abgelehnt\n"
    "  --ssh-config DATEI   ssh-Konfiguration (Standard ~/.ssh/config)\n"
    "  --backlog N     Zeilen Vorgeschichte beim ersten Kontakt (Standard 1000)\n"
    "  --record VERZ   beide Ströme mit Empfangszeiten aufzeichnen (open VERZ spielt ab)\n"
    "  --batch         ohne Konsole: --duration Sekunden verfolgen, dann berichten\n"
    "  --duration S    Sekunden im Batch-Betrieb (Standard 30; Strg-C oder\n"
    "                  SIGTERM beendet früher und berichtet trotzdem)\n"
    "  --json          Batch-Bericht als JSON (wie 'analyze --json', dazu der\n"
    "                  Verbindungszustand jeder Seite)\n"
    "  --connect-timeout S  Sekunden Wartezeit auf ein Gateway (Standard 10)\n"
    "  --report DATEI  am Ende den Sitzungsbericht schreiben (Markdown, oder JSON,\n"
    "                  wenn DATEI auf .json endet): beide Gateways, die Leiter,\n"
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
static const char *const snapshot_en =
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
static const char *const snapshot_de =
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
static const char *const report_en =
    "Usage: tunneldoc report [--json] [-o FILE] SESSION_DIR\n"
    "\n"
    "Write the session report of a recorded session ('connect --record DIR')\n"
    "or a support snapshot: both gateways, dialects, the aligned ladder, the\n"
    "findings with evidence, and the checklist with every answer, who or what\n"
    "gave it, notes and times (from DIR/checklist.json when the console\n"
    "recorded one). Secrets are redacted. This is what goes into a ticket.\n"
    "\n"
    "  -o FILE         write to FILE instead of standard output (.json: JSON)\n"
    "  --json          JSON instead of Markdown\n"
    "  -h, --help      this help\n"
    "\nExit status: 0 written, 1 the session cannot be read, 2 usage error.\n";
static const char *const report_de =
    "Aufruf: tunneldoc report [--json] [-o DATEI] SITZUNGS_VERZ\n"
    "\n"
    "Schreibt den Sitzungsbericht einer aufgezeichneten Sitzung ('connect\n"
    "--record VERZ') oder eines Support-Snapshots: beide Gateways, Dialekte, die\n"
    "zugeordnete Leiter, die Befunde mit Belegen und die Checkliste mit jeder\n"
    "Antwort, wer oder was sie gab, Notizen und Zeiten (aus VERZ/checklist.json,\n"
    "wenn die Konsole eine aufgezeichnet hat). Geheimnisse werden geschwärzt.\n"
    "Das gehört in ein Ticket.\n"
    "\n"
    "  -o DATEI        in DATEI statt auf die Standardausgabe schreiben (.json: JSON)\n"
    "  --json          JSON statt Markdown\n"
    "  -h, --help      diese Hilfe\n"
    "\nRückgabewert: 0 geschrieben, 1 Sitzung nicht lesbar, 2 Aufruffehler.\n";
static const char *const sites_en =
    "Usage: tunneldoc sites [--json | --names]\n"
    "\n"
    "List the site book: named tunnels with their two gateways, so that\n"
    "'tunneldoc connect NAME' opens both. The book is $TUNNELDOC_SITES, or\n"
    "$XDG_CONFIG_HOME/tunneldoc/sites.json (default ~/.config/tunneldoc/sites.json):\n"
    "\n"
    "  {\"sites\": {\"berlin-hamburg\": {\"description\": \"Berlin - Hamburg\",\n"
    "    \"left\":  {\"host\": \"gw-berlin\", \"user\": \"admin\", \"port\": 22,\n"
    "              \"profile\": \"mguard\", \"jump\": \"admin@bastion\",\n"
    "              \"lan\": \"10.1.0.1\", \"log_file\": \"/var/log/vpn\"},\n"
    "    \"right\": {\"host\": \"gw-hamburg\", \"profile\": \"mguard\"}}}}\n"
    "\n"
    "Only host is required. host may be a Host alias of ~/.ssh/config, whose\n"
    "User, Port, IdentityFile and ProxyCommand apply unless the site sets\n"
    "them. No secrets belong here: keys and passwords stay in ssh-agent and\n"
    "~/.ssh. A malformed book is reported with its line and field; it never\n"
    "stops 'connect' with gateways given on the command line.\n"
    "\n"
    "  --json          the book as JSON\n"
    "  --names         only the names, one per line (for completion)\n"
    "  -h, --help      this help\n"
    "\nExit status: 0 listed (an absent book is empty), 1 the book is malformed.\n";
static const char *const sites_de =
    "Aufruf: tunneldoc sites [--json | --names]\n"
    "\n"
    "Listet das Standortbuch: benannte Tunnel mit ihren beiden Gateways, damit\n"
    "'tunneldoc connect NAME' beide öffnet. Das Buch ist $TUNNELDOC_SITES oder\n"
    "$XDG_CONFIG_HOME/tunneldoc/sites.json (Standard ~/.config/tunneldoc/sites.json);\n"
    "Format siehe 'tunneldoc --lang en sites --help'. Nur host ist Pflicht. host\n"
    "darf ein Host-Alias aus ~/.ssh/config sein, dessen User, Port, IdentityFile\n"
    "und ProxyCommand gelten, wenn der Standort sie nicht setzt. Keine\n"
    "Geheimnisse: Schlüssel und Passwörter bleiben in ssh-agent und ~/.ssh. Ein\n"
    "fehlerhaftes Buch wird mit Zeile und Feld gemeldet; es hindert 'connect'\n"
    "mit Gateways auf der Befehlszeile nie.\n"
    "\n"
    "  --json          das Buch als JSON\n"
    "  --names         nur die Namen, einer pro Zeile (für die Vervollständigung)\n"
    "  -h, --help      diese Hilfe\n"
    "\nRückgabewert: 0 aufgelistet (ein fehlendes Buch ist leer), 1 Buch fehlerhaft.\n";
static const char *const profiles_en =
    "Usage: tunneldoc profiles\n"
    "\n"
    "List the device profiles of the knowledge base (kb/devices): the id for\n"
    "--profile, a tab, and what kind of gateway it is for.\n";
static const char *const profiles_de =
    "Aufruf: tunneldoc profiles\n"
    "\n"
    "Listet die Geräteprofile der Wissensbasis (kb/devices): die ID für\n"
    "--profile, ein Tabulator und für welche Art Gateway es ist.\n";
static const char *const kbcheck_en =
    "Usage: tunneldoc kb-check [--list] [--verbose] [--coverage]\n"
    "\n"
    "Load and validate the knowledge base (every file and field), then run\n"
    "every signature's example lines through the parser. Exit 0 when all\n"
    "examples are recognised, 1 otherwise.\n"
    "  --list      also list the dialects, causes and chapters\n"
    "  --verbose   report every example checked\n"
    "  --coverage  per daemon version (kb/catalogue/), how many of the messages\n"
    "              its source can log the kb maps, and the list of the rest\n"
    "  -h, --help  this help\n"
    "\nExit status: 0 valid, 1 invalid or not loadable (file and field named),\n"
    "2 usage error.\n";
static const char *const kbcheck_de =
    "Aufruf: tunneldoc kb-check [--list] [--verbose] [--coverage]\n"
    "\n"
    "Lädt und prüft die Wissensbasis (jede Datei, jedes Feld) und testet die\n"
    "Beispielzeilen jeder Signatur mit dem Parser. Rückgabewert 0, wenn alle\n"
    "Beispiele erkannt werden, sonst 1.\n"
    "  --list      zusätzlich Dialekte, Ursachen und Kapitel auflisten\n"
    "  --verbose   jedes geprüfte Beispiel melden\n"
    "  --coverage  je Dienstversion (kb/catalogue/), wie viele der Meldungen,\n"
    "              die ihr Quelltext schreiben kann, die kb zuordnet, und die übrigen\n"
    "  -h, --help  diese Hilfe\n"
    "\nRückgabewert: 0 gültig, 1 ungültig oder nicht ladbar (Datei und Feld\n"
    "genannt), 2 Aufruffehler.\n";

static void print_usage(FILE *f, enum lang lang)
{
	fputs(lang == LANG_DE ? usage_de : usage_en, f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, lang == LANG_DE ? commands[i].summary_de : commands[i].summary_en);
	fputs(lang == LANG_DE ? global_de : global_en, f);
}

/* Report a usage error (English and German format, one %s argument). */
static int usage_error(enum lang lang, const char *en, const char *de, const char *arg)
{
	fprintf(stderr, "tunneldoc: ");
	fprintf(stderr, lang == LANG_DE && de != NULL ? de : en, arg != NULL ? arg : "");
	fprintf(stderr, "; %s\n", msg(M_USAGE_HINT, lang));
	return TD_EXIT_USAGE;
}

static struct kb *load_kb(const char *kbopt, enum lang lang)
{
	char *dir = kb_find_dir(kbopt, NULL), *cause = NULL;
	struct kb *kb;

	if (dir == NULL) {
		fprintf(stderr, "tunneldoc: %s: %s\n", msg(M_KB_ERROR, lang),
		    lang == LANG_DE ? "keine Wissensbasis gefunden; --kb VERZ oder TUNNELDOC_KB setzen"
				    : "no knowledge base found; give --kb DIR or set TUNNELDOC_KB");
		return NULL;
	}
	kb = kb_load(dir, &cause);
	if (kb == NULL) {
		fprintf(stderr, "tunneldoc: %s: %s; %s\n", msg(M_KB_ERROR, lang), cause,
		    lang == LANG_DE ? "Datei korrigieren oder mit --kb VERZ eine gültige Wissensbasis angeben"
				    : "fix the file, or give a valid knowledge base with --kb DIR");
		free(cause);
	}
	free(dir);
	return kb;
}

static int term_width(void)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (c != NULL && atoi(c) > 40)
		return atoi(c);
	return 160;
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

/* The checklist as far as complete logs answer it (batch outputs). */
static void batch_checklist(struct analysis *a, const struct kb *kb, struct checklist *cl)
{
	struct cl_world w;

	memset(&w, 0, sizeof w);
	w.complete = 1;
	w.now_ms = wall_ms();
	checklist_init(cl, kb);
	checklist_sync(cl, analysis_sides(a), analysis_alignment(a), analysis_diagnosis(a), &w);
}

/* Before a session: the report must be writable at its end, or the
 * technician's answers would be lost after the work is done. */
static int report_writable(const char *path, enum lang lang)
{
	int fd;

	if (path == NULL)
		return TD_EXIT_OK;
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "tunneldoc: %s %s: %s; %s\n", msg(M_R_CANNOT_WRITE, lang), path, strerror(errno),
		    lang == LANG_DE ? "Verzeichnis und Schreibrechte prüfen" : "check the directory and write permission");
		return TD_EXIT_USAGE;
	}
	close(fd);
	return TD_EXIT_OK;
}

static int write_report(const char *path, const struct sreport *sr, enum lang lang)
{
	if (sreport_write(path, sr) != 0) {
		fprintf(stderr, "tunneldoc: %s %s: %s; %s\n", msg(M_R_CANNOT_WRITE, lang), path, strerror(errno),
		    lang == LANG_DE ? "Verzeichnis und Schreibrechte prüfen" : "check the directory and write permission");
		return -1;
	}
	return 0;
}

static int cmd_analyze(int argc, char **argv, const char *kbopt, enum lang lang)
{
	enum { O_LEFT = 1000, O_RIGHT, O_LDIA, O_RDIA, O_JSON, O_WIDTH, O_NEG, O_ASCII, O_REPORT };
	static const struct option opts[] = {
		{ "left", required_argument, NULL, O_LEFT }, { "right", required_argument, NULL, O_RIGHT },
		{ "report", required_argument, NULL, O_REPORT },
		{ "left-dialect", required_argument, NULL, O_LDIA }, { "right-dialect", required_argument, NULL, O_RDIA },
		{ "json", no_argument, NULL, O_JSON }, { "width", required_argument, NULL, O_WIDTH },
		{ "negotiations", required_argument, NULL, O_NEG }, { "ascii", no_argument, NULL, O_ASCII },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *path[2] = { NULL, NULL }, *dia[2] = { NULL, NULL }, *report = NULL;
	struct report_opts ro = { lang, term_width(), 1, 20, TD_VERSION, NULL, NULL, NULL };
	int json = 0, c, rc = TD_EXIT_OK;
	struct kb *kb;
	struct analysis *a;
	const char *cs = nl_langinfo(CODESET);

	ro.utf8 = cs != NULL && strcmp(cs, "UTF-8") == 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_LEFT: path[0] = optarg; break;
		case O_RIGHT: path[1] = optarg; break;
		case O_LDIA: dia[0] = optarg; break;
		case O_RDIA: dia[1] = optarg; break;
		case O_JSON: json = 1; break;
		case O_REPORT: report = optarg; break;
		case O_ASCII: ro.utf8 = 0; break;
		case O_WIDTH:
			if (parse_int(optarg, 40, 1000, &ro.width) != 0)
				return usage_error(lang, "--width takes a number from 40 to 1000, not '%s'", "--width erwartet eine Zahl von 40 bis 1000, nicht '%s'", optarg);
			break;
		case O_NEG:
			if (parse_int(optarg, 1, 100000, &ro.max_groups) != 0)
				return usage_error(lang, "--negotiations takes a number from 1 to 100000, not '%s'", "--negotiations erwartet eine Zahl von 1 bis 100000, nicht '%s'", optarg);
			break;
		case 'h':
			fputs(lang == LANG_DE ? analyze_de : analyze_en, stdout);
			return TD_EXIT_OK;
		default:
			return usage_error(lang, "unknown option for 'analyze'%s", "unbekannte Option für 'analyze'%s", NULL);
		}
	}
	for (int i = optind; i < argc; i++) {
		if (path[0] == NULL)
			path[0] = argv[i];
		else if (path[1] == NULL)
			path[1] = argv[i];
		else
			return usage_error(lang, "too many log files ('%s'): give at most two", "zu viele Log-Dateien ('%s'): höchstens zwei angeben", argv[i]);
	}
	if (path[0] == NULL && path[1] == NULL)
		return usage_error(lang, "analyze needs at least one log%s", "analyze braucht mindestens ein Log%s", NULL);
	/* one recorded session or snapshot directory holds both sides */
	if (path[1] == NULL && path[0] != NULL && source_is_session_dir(path[0]))
		path[1] = path[0];
	if (path[0] != NULL && path[1] != NULL && strcmp(path[0], "-") == 0 && strcmp(path[1], "-") == 0)
		return usage_error(lang, "only one side can read standard input%s", "nur eine Seite kann von der Standardeingabe lesen%s", NULL);
	if ((kb = load_kb(kbopt, lang)) == NULL)
		return TD_EXIT_INPUT;
	a = analysis_new(kb);
	for (int s = 0; s < 2 && rc == TD_EXIT_OK; s++) {
		int di = -1, r;
		struct progress pg;

		if (dia[s] != NULL && (di = kb_dialect_index(kb, dia[s])) < 0) {
			rc = usage_error(lang, "unknown dialect '%s' (see 'tunneldoc kb-check --list')", "unbekannter Dialekt '%s' (siehe 'tunneldoc kb-check --list')", dia[s]);
			break;
		}
		if (path[s] == NULL)
			continue;
		analysis_open_side(a, (enum side_id)s, path[s], di);
		progress_init(&pg, lang);
		r = source_feed_file_progress(a, (enum side_id)s, path[s], &pg);
		progress_done(&pg);
		if (r != 0) {
			fprintf(stderr, "tunneldoc: %s: %s (%s); %s\n", path[s], msg(M_CANNOT_READ, lang), strerror(errno),
			    lang == LANG_DE ? "Pfad und Leserechte prüfen" : "check the path and read permission");
			rc = TD_EXIT_INPUT;
		}
	}
	if (rc == TD_EXIT_OK) {
		struct checklist cl;
		struct sreport sr = { a, &cl, &ro, wall_ms(), wall_ms() };

		analysis_run(a);
		batch_checklist(a, kb, &cl);
		if (json) {
			if (sreport_json(stdout, &sr) != 0)
				rc = TD_EXIT_INPUT;
		} else {
			report_text(stdout, a, &ro);
		}
		if (report != NULL && write_report(report, &sr, lang) != 0)
			rc = TD_EXIT_INPUT;
		checklist_clear(&cl);
		if (fflush(stdout) != 0) {
			fprintf(stderr, "tunneldoc: %s (%s)\n", lang == LANG_DE ? "Ausgabe kann nicht geschrieben werden" : "cannot write output", strerror(errno));
			rc = TD_EXIT_INPUT;
		}
	}
	analysis_free(a);
	kb_free(kb);
	return rc;
}

/* The console needs a terminal; say what scripts use instead. */
static int need_tty(enum lang lang, const char *batch_cmd)
{
	if (isatty(STDIN_FILENO))
		return 0;
	fprintf(stderr, "tunneldoc: %s '%s' %s\n", lang == LANG_DE ? "die Konsole braucht ein Terminal; für Skripte"
							  : "the console needs a terminal; use",
	    batch_cmd, lang == LANG_DE ? "verwenden" : "in scripts");
	return TD_EXIT_USAGE;
}

/* Run the console on kb (freed here); so is the live session or NULL. */
static int run_console(struct ui_opts *uo, struct session_opts *so, struct kb *kb, enum lang lang)
{
	int rc;

	uo->kb = kb;
	uo->lang = lang;
	if (so != NULL)
		so->kb = kb;
	rc = ui_main(uo);
	kb_free(kb);
	return rc;
}

static int cmd_open(int argc, char **argv, const char *kbopt, enum lang lang)
{
	enum { O_REPLAY = 1000, O_SPEED, O_LDIA, O_RDIA, O_ASCII, O_BENCH, O_REPORT };
	static const struct option opts[] = {
		{ "report", required_argument, NULL, O_REPORT },
		{ "replay", no_argument, NULL, O_REPLAY }, { "speed", required_argument, NULL, O_SPEED },
		{ "left-dialect", required_argument, NULL, O_LDIA }, { "right-dialect", required_argument, NULL, O_RDIA },
		{ "ascii", no_argument, NULL, O_ASCII }, { "bench", required_argument, NULL, O_BENCH },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct ui_opts uo = { NULL, { NULL, NULL }, { -1, -1 }, lang, 0, 1.0, 0, NULL, NULL, NULL, { NULL, NULL } };
	const char *dia[2] = { NULL, NULL };
	int c, rc;
	struct kb *kb;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_REPLAY: uo.replay = 1; break;
		case O_SPEED:
			uo.speed = atof(optarg);
			if (uo.speed <= 0 || uo.speed > 1024)
				return usage_error(lang, "--speed takes a factor above 0 and up to 1024, not '%s'",
				    "--speed erwartet einen Faktor über 0 und bis 1024, nicht '%s'", optarg);
			break;
		case O_LDIA: dia[0] = optarg; break;
		case O_RDIA: dia[1] = optarg; break;
		case O_ASCII: uo.ascii = 1; break;
		case O_BENCH: uo.bench = optarg; break;
		case O_REPORT: uo.report = optarg; break;
		case 'h':
			fputs(lang == LANG_DE ? open_de : open_en, stdout);
			return TD_EXIT_OK;
		default:
			return usage_error(lang, "unknown option for 'open'%s", "unbekannte Option für 'open'%s", NULL);
		}
	}
	for (int i = optind; i < argc; i++) {
		if (uo.path[0] == NULL)
			uo.path[0] = argv[i];
		else if (uo.path[1] == NULL)
			uo.path[1] = argv[i];
		else
			return usage_error(lang, "too many log files ('%s'): give at most two", "zu viele Log-Dateien ('%s'): höchstens zwei angeben", argv[i]);
	}
	if (uo.path[0] == NULL)
		return usage_error(lang, "open needs at least one log%s", "open braucht mindestens ein Log%s", NULL);
	if (uo.path[1] == NULL && source_is_session_dir(uo.path[0]))
		uo.path[1] = uo.path[0];
	if (uo.bench == NULL && (rc = need_tty(lang, "tunneldoc analyze")) != 0)
		return rc;
	if ((rc = report_writable(uo.report, lang)) != TD_EXIT_OK)
		return rc;
	if ((kb = load_kb(kbopt, lang)) == NULL)
		return TD_EXIT_INPUT;
	for (int s = 0; s < 2; s++)
		if (dia[s] != NULL && (uo.dialect[s] = kb_dialect_index(kb, dia[s])) < 0) {
			kb_free(kb);
			return usage_error(lang, "unknown dialect '%s' (see 'tunneldoc kb-check --list')",
			    "unbekannter Dialekt '%s' (siehe 'tunneldoc kb-check --list')", dia[s]);
		}
	for (int s = 0; s < 2; s++)
		if (uo.path[s] != NULL && access(uo.path[s], R_OK) != 0) {
			fprintf(stderr, "tunneldoc: %s: %s (%s); %s\n", uo.path[s], msg(M_CANNOT_READ, lang), strerror(errno),
			    lang == LANG_DE ? "Pfad und Leserechte prüfen" : "check the path and read permission");
			kb_free(kb);
			return TD_EXIT_INPUT;
		}
	return run_console(&uo, NULL, kb, lang);
}

static volatile sig_atomic_t batch_stop;

/* Ctrl-C or SIGTERM ends a batch session early; it still reports. */
static void on_batch_signal(int sig)
{
	(void)sig;
	batch_stop = 1;
}

/* Batch: lines go straight into the analysis. */
static void batch_line(void *ctx, int side, const char *line, size_t len)
{
	analysis_feed(ctx, (enum side_id)side, line, len);
}

/* The site book of a 'connect SITE' (kept until exit: the session uses it). */
static struct sitebook site_book;
static char *site_targets[2];

static void site_free(void)
{
	sites_free(&site_book);
	free(site_targets[0]);
	free(site_targets[1]);
}

/*
 * connect with one argument: a site of the site book fills in both sides
 * (what the command line gave wins). Not a site: one gateway, as before.
 */
static int apply_site(struct session_opts *so, const char *lan[2], const char *prof, const char *logfile,
    const char *jump, enum lang lang)
{
	char *path = sites_path(), *err = NULL;
	const struct site *st;
	int r;

	if (path == NULL)
		return TD_EXIT_OK;
	r = sites_load(path, &site_book, lang, &err);
	free(path);
	atexit(site_free);
	if (r < 0) {
		fprintf(stderr, "tunneldoc: %s\n%s\n", err, lang == LANG_DE
		    ? "tunneldoc: Standortbuch korrigieren, oder beide Gateways auf der Befehlszeile angeben"
		    : "tunneldoc: fix the site book, or give both gateways on the command line");
		free(err);
		return TD_EXIT_INPUT;
	}
	if ((st = sites_find(&site_book, so->side[0].target)) == NULL) {
		const char *t = so->side[0].target;

		/* a bare word that is no site is more likely a mistyped site than
		 * a gateway: say so instead of trying to log in to it */
		if (site_book.n > 0 && strpbrk(t, "@.:") == NULL) {
			struct strbuf names = {0};

			for (int i = 0; i < site_book.n; i++)
				sb_addf(&names, "%s%s", i ? ", " : "", site_book.v[i].name);
			fprintf(stderr, lang == LANG_DE ? "tunneldoc: kein Standort '%s' im Standortbuch (%s); zwei Gateways oder einen Standort angeben\n"
							: "tunneldoc: no site '%s' in the site book (%s); give two gateways or a site\n", t, names.s);
			sb_free(&names);
			return TD_EXIT_USAGE;
		}
		return TD_EXIT_OK;
	}
	for (int k = 0; k < 2; k++) {
		const struct site_side *d = &st->side[k];

		site_targets[k] = site_target(d);
		so->side[k].target = site_targets[k];
		if (so->side[k].profile == NULL && prof == NULL)
			so->side[k].profile = d->profile;
		if (so->side[k].jump == NULL && jump == NULL)
			so->side[k].jump = d->jump;
		if (so->side[k].log_file == NULL && logfile == NULL && so->side[k].log_cmd == NULL)
			so->side[k].log_file = d->log_file;
		if (lan[k] == NULL)
			lan[k] = d->lan;
	}
	return TD_EXIT_OK;
}

static int cmd_connect(int argc, char **argv, const char *kbopt, enum lang lang)
{
	enum { O_PROFILE = 1000, O_LPROF, O_RPROF, O_LOGCMD, O_LLOG, O_RLOG, O_KH, O_ACCEPT, O_SSHCFG,
		O_BACKLOG, O_RECORD, O_BATCH, O_DURATION, O_JSON, O_CTIMEOUT, O_LOGFILE, O_LLF, O_RLF, O_OUT, O_TIMEOUT,
		O_REPORT, O_LLAN, O_RLAN, O_STATUS, O_LSTATUS, O_RSTATUS, O_JUMP, O_LJUMP, O_RJUMP };
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
		{ NULL, 0, NULL, 0 },
	};
	struct session_opts so;
	const char *prof = NULL, *logcmd = NULL, *logfile = NULL, *report = NULL, *lan[2] = { NULL, NULL }, *statuscmd = NULL, *jump = NULL;

	int batch = 0, json = 0, c, rc = TD_EXIT_OK, n = 0;
	double duration = 30;
	struct kb *kb;
	struct analysis *a;
	struct session *s;
	char *err = NULL;
	int snap = strcmp(argv[0], "snapshot") == 0;
	int64_t t_start;

	memset(&so, 0, sizeof so);
	so.snapshot = snap;
	if (snap)
		duration = 60;
	so.lang = lang;
	optind = 1;
	while ((c = getopt_long(argc, argv, "hi:", opts, NULL)) != -1) {
		switch (c) {
		case O_PROFILE: prof = optarg; break;
		case O_LPROF: so.side[0].profile = optarg; break;
		case O_RPROF: so.side[1].profile = optarg; break;
		case O_LOGCMD: logcmd = optarg; break;
		case O_LLOG: so.side[0].log_cmd = optarg; break;
		case O_RLOG: so.side[1].log_cmd = optarg; break;
		case O_LOGFILE: logfile = optarg; break;
		case O_STATUS: statuscmd = optarg; break;
		case O_JUMP:
		case O_LJUMP:
		case O_RJUMP:
			if (*optarg == '\0' || strpbrk(optarg, " \t'\"`$\\;|&<>(){}*?") != NULL)
				return usage_error(lang, "--jump takes [user@]host[:port] without blanks or shell characters, not '%s'",
				    "--jump erwartet [benutzer@]host[:port] ohne Leerzeichen oder Shell-Zeichen, nicht '%s'", optarg);
			if (c == O_JUMP)
				jump = optarg;
			else
				so.side[c == O_RJUMP].jump = optarg;
			break;
		case O_LSTATUS: so.side[0].status_cmd = optarg; break;
		case O_RSTATUS: so.side[1].status_cmd = optarg; break;
		case O_LLF: so.side[0].log_file = optarg; break;
		case O_RLF: so.side[1].log_file = optarg; break;
		case 'i': so.identity = optarg; break;
		case O_KH: so.known_hosts = optarg; break;
		case O_ACCEPT: so.accept_new = 1; break;
		case O_SSHCFG: so.ssh_config = optarg; break;
		case O_BACKLOG:
			if (parse_int(optarg, 0, 10000000, &so.backlog) != 0)
				return usage_error(lang, "--backlog takes a number of lines, not '%s'", "--backlog erwartet eine Zeilenzahl, nicht '%s'", optarg);
			break;
		case O_RECORD:
		case O_OUT:
			if ((c == O_OUT) != snap)
				return usage_error(lang, "%s belongs to the other command (connect --record, snapshot --out)",
				    "%s gehört zum anderen Befehl (connect --record, snapshot --out)", c == O_OUT ? "--out" : "--record");
			so.record_dir = optarg;
			break;
		case O_TIMEOUT:
			duration = atof(optarg);
			if (!snap || duration <= 0 || duration > 3600)
				return usage_error(lang, "--timeout (snapshot) takes 1 to 3600 seconds, not '%s'",
				    "--timeout (snapshot) erwartet 1 bis 3600 Sekunden, nicht '%s'", optarg);
			break;
		case O_BATCH: batch = 1; break;
		case O_REPORT: report = optarg; break;
		case O_LLAN:
		case O_RLAN:
			if (strspn(optarg, "0123456789abcdefABCDEF.:") != strlen(optarg) || *optarg == '\0' || strlen(optarg) > 63)
				return usage_error(lang, "--left-lan/--right-lan take an IP address, not '%s'",
				    "--left-lan/--right-lan erwarten eine IP-Adresse, nicht '%s'", optarg);
			lan[c == O_RLAN] = optarg;
			break;
		case O_DURATION:
			duration = atof(optarg);
			if (duration <= 0 || duration > 86400)
				return usage_error(lang, "--duration takes seconds (up to 86400), not '%s'", "--duration erwartet Sekunden (bis 86400), nicht '%s'", optarg);
			break;
		case O_JSON: json = 1; break;
		case O_CTIMEOUT:
			if (parse_int(optarg, 1, 600, &so.connect_timeout) != 0)
				return usage_error(lang, "--connect-timeout takes 1 to 600 seconds, not '%s'", "--connect-timeout erwartet 1 bis 600 Sekunden, nicht '%s'", optarg);
			break;
		case 'h':
			if (snap)
				fputs(lang == LANG_DE ? snapshot_de : snapshot_en, stdout);
			else
				fputs(lang == LANG_DE ? connect_de : connect_en, stdout);
			return TD_EXIT_OK;
		default:
			return usage_error(lang, "unknown option (see '%s --help')", "unbekannte Option (siehe '%s --help')",
			    snap ? "tunneldoc snapshot" : "tunneldoc connect");
		}
	}
	for (int i = optind; i < argc; i++) {
		if (n >= 2)
			return usage_error(lang, "too many gateways ('%s'): give two", "zu viele Gateways ('%s'): zwei angeben", argv[i]);
		so.side[n++].target = argv[i];
	}
	if (n == 0)
		return usage_error(lang, "connect needs the two gateways (or a site of the site book)%s",
		    "connect braucht die beiden Gateways (oder einen Standort des Standortbuchs)%s", NULL);
	if (n == 1 && (rc = apply_site(&so, lan, prof, logfile, jump, lang)) != TD_EXIT_OK)
		return rc;
	for (int k = 0; k < 2; k++) {
		if (so.side[k].profile == NULL)
			so.side[k].profile = prof != NULL ? prof : "auto";
		if (so.side[k].log_cmd == NULL)
			so.side[k].log_cmd = logcmd;
		if (so.side[k].log_file == NULL)
			so.side[k].log_file = logfile;
		if (so.side[k].status_cmd == NULL)
			so.side[k].status_cmd = statuscmd;
		if (so.side[k].jump == NULL)
			so.side[k].jump = jump;
	}
	if (snap) {
		if (so.record_dir == NULL)
			return usage_error(lang, "snapshot needs --out DIR%s", "snapshot braucht --out VERZ%s", NULL);
		for (int k = 0; k < 2; k++)
			if (so.side[k].profile != NULL && strcmp(so.side[k].profile, "lancom") == 0)
				return usage_error(lang, "a LANCOM console has no shell for a snapshot: record it with 'connect --record'%s",
				    "eine LANCOM-Konsole hat keine Shell für einen Snapshot: mit 'connect --record' aufzeichnen%s", NULL);
		batch = 1;
	}
	if ((rc = report_writable(report, lang)) != TD_EXIT_OK)
		return rc;
	if (!batch) {
		struct ui_opts uo = { NULL, { NULL, NULL }, { -1, -1 }, lang, 0, 1.0, 0, NULL, &so, report, { lan[0], lan[1] } };

		if (json)
			return usage_error(lang, "--json goes with --batch%s", "--json gehört zu --batch%s", NULL);
		so.interactive = 1;
		if ((rc = need_tty(lang, "tunneldoc connect --batch")) != 0)
			return rc;
		if ((kb = load_kb(kbopt, lang)) == NULL)
			return TD_EXIT_INPUT;
		return run_console(&uo, &so, kb, lang);
	}
	if ((kb = load_kb(kbopt, lang)) == NULL)
		return TD_EXIT_INPUT;
	so.kb = kb;
	a = analysis_new(kb);
	s = session_new(&so, batch_line, a, &err);
	if (s == NULL) {
		fprintf(stderr, "tunneldoc: %s\n", err);
		free(err);
		analysis_free(a);
		kb_free(kb);
		return TD_EXIT_USAGE;
	}
	for (int k = 0; k < 2; k++)
		if (so.side[k].target != NULL)
			analysis_open_side(a, (enum side_id)k, so.side[k].target, session_dialect(s, k));
	{
		struct sigaction sa;

		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_batch_signal;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
	}
	t_start = wall_ms();
	{
		struct progress pg;

		progress_init(&pg, lang);
		session_run_batch(s, duration, &batch_stop, &pg);
	}
	analysis_run(a);
	{
		struct record_side conn[2];
		struct report_opts ro = { lang, term_width(), 1, 20, TD_VERSION, conn, NULL, NULL };

		session_conn(s, conn);
		for (int k = 0; k < 2; k++)
			if (conn[k].error != NULL && conn[k].state != NULL && strcmp(conn[k].state, "failed") == 0)
				fprintf(stderr, "tunneldoc: %s\n", conn[k].error);
		if (session_all_failed(s))
			rc = TD_EXIT_INPUT;
		if (snap) {
			for (int k = 0; k < 2; k++)
				if (conn[k].target != NULL)
					printf("%s: %s %llu %s (%s)\n", msg(k ? M_SIDE_RIGHT : M_SIDE_LEFT, lang), conn[k].target,
					    (unsigned long long)conn[k].lines, msg(M_LINES, lang), conn[k].state);
		} else {
			struct checklist cl;
			struct sreport sr = { a, &cl, &ro, t_start, wall_ms() };

			batch_checklist(a, kb, &cl);
			if (json)
				sreport_json(stdout, &sr);
			else
				report_text(stdout, a, &ro);
			if (report != NULL && write_report(report, &sr, lang) != 0)
				rc = TD_EXIT_INPUT;
			if (so.record_dir != NULL) {
				char *p = xasprintf("%s/checklist.json", so.record_dir);

				checklist_save(&cl, p);
				free(p);
			}
			checklist_clear(&cl);
		}
	}
	/* the recording is complete only once the session is closed */
	if (session_free(s) != 0) {
		fprintf(stderr, lang == LANG_DE ? "tunneldoc: Aufzeichnung in %s unvollständig; Speicherplatz und Rechte prüfen\n"
						: "tunneldoc: the recording in %s is incomplete; check free space and permissions\n",
		    so.record_dir);
		rc = TD_EXIT_INPUT;
	} else if (snap && rc == 0) {
		printf("%s: %s\n", lang == LANG_DE ? "Snapshot geschrieben nach" : "snapshot written to", so.record_dir);
	}
	analysis_free(a);
	kb_free(kb);
	return rc;
}

/* Connection facts from DIR/session.json (all optional). */
static void session_meta(const char *dir, struct json_object **keep, struct record_side conn[2], int64_t *t0, int64_t *t1)
{
	char *p = xasprintf("%s/session.json", dir);
	json_object *o = json_object_from_file(p), *ss, *v;

	free(p);
	*keep = o;
	if (o == NULL)
		return;
	if (json_object_object_get_ex(o, "started_ms", &v))
		*t0 = json_object_get_int64(v);
	if (json_object_object_get_ex(o, "ended_ms", &v))
		*t1 = json_object_get_int64(v);
	if (!json_object_object_get_ex(o, "sides", &ss))
		return;
	for (int k = 0; k < 2; k++) {
		json_object *so;

		if (!json_object_object_get_ex(ss, k ? "right" : "left", &so))
			continue;
		if (json_object_object_get_ex(so, "target", &v) && json_object_is_type(v, json_type_string))
			conn[k].target = json_object_get_string(v);
		if (json_object_object_get_ex(so, "profile", &v) && json_object_is_type(v, json_type_string))
			conn[k].profile = json_object_get_string(v);
		if (json_object_object_get_ex(so, "state", &v) && json_object_is_type(v, json_type_string))
			conn[k].state = json_object_get_string(v);
		if (json_object_object_get_ex(so, "lines", &v))
			conn[k].lines = (uint64_t)json_object_get_int64(v);
		if (json_object_object_get_ex(so, "reconnects", &v))
			conn[k].reconnects = json_object_get_int(v);
	}
}

static int cmd_report(int argc, char **argv, const char *kbopt, enum lang lang)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' }, { "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *dir = NULL;
	int json = 0, c, rc = TD_EXIT_OK, logs = 0;
	struct record_side conn[2];
	struct report_opts ro = { lang, 100, 1, 20, TD_VERSION, NULL, NULL, NULL };
	int64_t t0 = 0, t1 = 0;
	json_object *meta = NULL;
	struct checklist cl;
	struct cl_world w;
	struct analysis *a;
	struct kb *kb;
	char *err = NULL, *p;

	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'o': out = optarg; break;
		case 'h':
			fputs(lang == LANG_DE ? report_de : report_en, stdout);
			return TD_EXIT_OK;
		default:
			return usage_error(lang, "unknown option for 'report'%s", "unbekannte Option für 'report'%s", NULL);
		}
	}
	if (optind + 1 != argc)
		return usage_error(lang, "report needs one session directory%s", "report braucht ein Sitzungsverzeichnis%s", NULL);
	dir = argv[optind];
	if ((kb = load_kb(kbopt, lang)) == NULL)
		return TD_EXIT_INPUT;
	memset(conn, 0, sizeof conn);
	session_meta(dir, &meta, conn, &t0, &t1);
	if (meta != NULL)
		ro.conn = conn;
	a = analysis_new(kb);
	for (int s = 0; s < 2; s++) {
		char *f = source_pick_in_dir(dir, (enum side_id)s);
		struct progress pg;
		int r;

		if (f == NULL)
			continue;
		analysis_open_side(a, (enum side_id)s, conn[s].target != NULL ? conn[s].target : f, -1);
		progress_init(&pg, lang);
		r = source_feed_file_progress(a, (enum side_id)s, f, &pg);
		progress_done(&pg);
		if (r != 0) {
			fprintf(stderr, "tunneldoc: %s: %s (%s)\n", f, msg(M_CANNOT_READ, lang), strerror(errno));
			rc = TD_EXIT_INPUT;
		} else {
			logs++;
		}
		free(f);
	}
	if (logs == 0 && rc == TD_EXIT_OK) {
		fprintf(stderr, lang == LANG_DE ? "tunneldoc: %s: keine Sitzung (left.log/right.log fehlen); ein Verzeichnis von 'connect --record' oder 'snapshot --out' angeben\n"
						: "tunneldoc: %s: not a session (no left.log/right.log); give a directory of 'connect --record' or 'snapshot --out'\n", dir);
		rc = TD_EXIT_INPUT;
	}
	analysis_run(a);
	checklist_init(&cl, kb);
	p = xasprintf("%s/checklist.json", dir);
	if (rc == TD_EXIT_OK && checklist_restore(&cl, p, &err) != 0) {
		fprintf(stderr, "tunneldoc: %s\n", err);
		free(err);
		rc = TD_EXIT_INPUT;
	}
	free(p);
	if (rc == TD_EXIT_OK) {
		struct sreport sr = { a, &cl, &ro, t0, t1 };

		memset(&w, 0, sizeof w);
		w.complete = 1;
		w.now_ms = t1;
		checklist_sync(&cl, analysis_sides(a), analysis_alignment(a), analysis_diagnosis(a), &w);
		if (out != NULL) {
			if (write_report(out, &sr, lang) != 0)
				rc = TD_EXIT_INPUT;
		} else if ((json ? sreport_json(stdout, &sr) : sreport_md(stdout, &sr)) != 0 || fflush(stdout) != 0) {
			rc = TD_EXIT_INPUT;
		}
	}
	checklist_clear(&cl);
	analysis_free(a);
	json_object_put(meta);
	kb_free(kb);
	return rc;
}

static int cmd_profiles(int argc, char **argv, const char *kbopt, enum lang lang)
{
	struct kb *kb;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(lang == LANG_DE ? profiles_de : profiles_en, stdout);
		return TD_EXIT_OK;
	}
	if (argc > 1)
		return usage_error(lang, "profiles takes no arguments ('%s')", "profiles erwartet keine Argumente ('%s')", argv[1]);
	if ((kb = load_kb(kbopt, lang)) == NULL)
		return TD_EXIT_INPUT;
	for (int i = 0; i < kb->ndevices; i++)
		printf("%s\t%s\n", kb->devices[i].id, kb->devices[i].name);
	printf("auto\t%s\n", lang == LANG_DE ? "erkennt ein Linux-Profil am Gateway (nicht LANCOM)" : "detects a Linux profile on the gateway (not LANCOM)");
	kb_free(kb);
	return TD_EXIT_OK;
}

static int cmd_sites(int argc, char **argv, const char *kbopt, enum lang lang)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' }, { "names", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int json = 0, names = 0, c, r;
	char *path, *err = NULL;
	struct sitebook b;

	(void)kbopt;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'n': names = 1; break;
		case 'h':
			fputs(lang == LANG_DE ? sites_de : sites_en, stdout);
			return TD_EXIT_OK;
		default:
			return usage_error(lang, "unknown option for 'sites'%s", "unbekannte Option für 'sites'%s", NULL);
		}
	}
	if (optind < argc)
		return usage_error(lang, "sites takes no arguments ('%s')", "sites erwartet keine Argumente ('%s')", argv[optind]);
	if ((path = sites_path()) == NULL) {
		fprintf(stderr, "tunneldoc: %s\n", lang == LANG_DE ? "kein Standortbuch: HOME ist nicht gesetzt (oder TUNNELDOC_SITES angeben)"
								: "no site book: HOME is not set (or give TUNNELDOC_SITES)");
		return TD_EXIT_INPUT;
	}
	r = sites_load(path, &b, lang, &err);
	if (r < 0) {
		fprintf(stderr, "tunneldoc: %s\n", err);
		free(err);
		sites_free(&b);
		free(path);
		return TD_EXIT_INPUT;
	}
	if (json) {
		json_object *o = json_object_new_object(), *ss = json_object_new_object();

		json_object_object_add(o, "file", json_object_new_string(path));
		for (int i = 0; i < b.n; i++) {
			json_object *so = json_object_new_object();

			if (b.v[i].description != NULL)
				json_object_object_add(so, "description", json_object_new_string(b.v[i].description));
			for (int k = 0; k < 2; k++) {
				const struct site_side *d = &b.v[i].side[k];
				json_object *x = json_object_new_object();
				char *t = site_target(d);

				json_object_object_add(x, "target", json_object_new_string(t));
				free(t);
				json_object_object_add(x, "host", json_object_new_string(d->host));
				if (d->user) json_object_object_add(x, "user", json_object_new_string(d->user));
				if (d->port) json_object_object_add(x, "port", json_object_new_int(d->port));
				if (d->profile) json_object_object_add(x, "profile", json_object_new_string(d->profile));
				if (d->jump) json_object_object_add(x, "jump", json_object_new_string(d->jump));
				if (d->lan) json_object_object_add(x, "lan", json_object_new_string(d->lan));
				if (d->log_file) json_object_object_add(x, "log_file", json_object_new_string(d->log_file));
				json_object_object_add(so, k ? "right" : "left", x);
			}
			json_object_object_add(ss, b.v[i].name, so);
		}
		json_object_object_add(o, "sites", ss);
		puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	} else if (names) {
		for (int i = 0; i < b.n; i++)
			puts(b.v[i].name);
	} else if (b.n == 0) {
		printf(lang == LANG_DE ? "Das Standortbuch %s ist %s; Format: 'tunneldoc sites --help'\n"
				       : "The site book %s is %s; format: 'tunneldoc sites --help'\n",
		    path, r == 1 ? (lang == LANG_DE ? "nicht angelegt" : "not there") : (lang == LANG_DE ? "leer" : "empty"));
	} else {
		for (int i = 0; i < b.n; i++) {
			char *l = site_target(&b.v[i].side[0]), *rt = site_target(&b.v[i].side[1]);

			printf("%-20s %s (%s)  <->  %s (%s)%s%s\n", b.v[i].name, l, b.v[i].side[0].profile ? b.v[i].side[0].profile : "auto",
			    rt, b.v[i].side[1].profile ? b.v[i].side[1].profile : "auto",
			    b.v[i].description ? "  " : "", b.v[i].description ? b.v[i].description : "");
			free(l);
			free(rt);
		}
	}
	sites_free(&b);
	free(path);
	return TD_EXIT_OK;
}

/* --demo: the console on a bundled sample pair, replayed. */
static int cmd_demo(const char *kbopt, enum lang lang)
{
	struct ui_opts uo = { NULL, { NULL, NULL }, { -1, -1 }, lang, 1, 1.0, 0, NULL, NULL, NULL, { NULL, NULL } };
	struct kb *kb;
	char *l, *r;
	int rc;

	if ((rc = need_tty(lang, "tunneldoc analyze")) != 0)
		return rc;
	if ((kb = load_kb(kbopt, lang)) == NULL)
		return TD_EXIT_INPUT;
	l = xasprintf("%s/samples/mguard-1.3.3-udp4500/left.log", kb->dir);
	r = xasprintf("%s/samples/mguard-1.3.3-udp4500/right.log", kb->dir);
	uo.path[0] = l;
	uo.path[1] = r;
	if (access(l, R_OK) != 0 || access(r, R_OK) != 0) {
		fprintf(stderr, "tunneldoc: %s: %s; %s\n", l, msg(M_CANNOT_READ, lang),
		    lang == LANG_DE ? "die mitgelieferten Beispiele fehlen in der Wissensbasis" : "the bundled samples are missing from the knowledge base");
		kb_free(kb);
		rc = TD_EXIT_INPUT;
	} else {
		rc = run_console(&uo, NULL, kb, lang);
	}
	free(l);
	free(r);
	return rc;
}

static int cmd_kbcheck(int argc, char **argv, const char *kbopt, enum lang lang)
{
	static const struct option opts[] = {
		{ "list", no_argument, NULL, 'l' }, { "verbose", no_argument, NULL, 'v' },
		{ "coverage", no_argument, NULL, 'c' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int list = 0, verbose = 0, coverage = 0, c, bad;
	struct kb *kb;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hlv", opts, NULL)) != -1) {
		if (c == 'l')
			list = 1;
		else if (c == 'v')
			verbose = 1;
		else if (c == 'c')
			coverage = 1;
		else if (c == 'h') {
			fputs(lang == LANG_DE ? kbcheck_de : kbcheck_en, stdout);
			return TD_EXIT_OK;
		} else
			return usage_error(lang, "unknown option for 'kb-check'%s", "unbekannte Option für 'kb-check'%s", NULL);
	}
	if (optind < argc)
		return usage_error(lang, "kb-check takes no arguments ('%s')", "kb-check erwartet keine Argumente ('%s')", argv[optind]);
	if ((kb = load_kb(kbopt, lang)) == NULL)
		return TD_EXIT_INPUT;
	if (list) {
		printf("%s:\n", lang == LANG_DE ? "Dialekte" : "dialects");
		for (int i = 0; i < kb->ndialects; i++)
			printf("  %-18s %s\n", kb->dialects[i].id, kb->dialects[i].name);
		printf("%s:\n", lang == LANG_DE ? "Ursachen" : "causes");
		for (int i = 0; i < kb->ncauses; i++)
			printf("  %-28s %s\n", kb->causes[i].id, txt(&kb->causes[i].title, lang));
		printf("%s:\n", lang == LANG_DE ? "Kapitel" : "chapters");
		for (int i = 0; i < kb->nchapters; i++)
			printf("  %-16s %s\n", kb->chapters[i].id, txt(&kb->chapters[i].title, lang));
	}
	bad = kb_check_examples(kb, verbose, lang);
	if (coverage) {
		char cat[4096];

		snprintf(cat, sizeof cat, "%s/catalogue", kb->dir);
		bad += kb_check_coverage(kb, cat, verbose, lang) != 0;
	}
	kb_free(kb);
	return bad == 0 ? TD_EXIT_OK : TD_EXIT_INPUT;
}

int cli_main(int argc, char **argv)
{
	const char *kbopt = NULL, *langopt = NULL;
	enum lang lang;
	int i = 1, demo = 0;

	setlocale(LC_ALL, "");
	/* global options come before the command */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--kb") == 0 && i + 1 < argc) {
			kbopt = argv[++i];
		} else if (str_startswith(argv[i], "--kb=")) {
			kbopt = argv[i] + 5;
		} else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
			langopt = argv[++i];
		} else if (str_startswith(argv[i], "--lang=")) {
			langopt = argv[i] + 7;
		} else if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
			struct kb *kb = load_kb(kbopt, lang_from(langopt));

			printf("tunneldoc %s\nknowledge base: %s\n", TD_VERSION, kb ? kb->revision : "(not found)");
			kb_free(kb);
			return TD_EXIT_OK;
		} else if (strcmp(argv[i], "--demo") == 0) {
			demo = 1;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			print_usage(stdout, lang_from(langopt));
			return TD_EXIT_OK;
		} else {
			return usage_error(lang_from(langopt), "unknown option '%s'", "unbekannte Option '%s'", argv[i]);
		}
	}
	if (langopt != NULL && strcmp(langopt, "de") != 0 && strcmp(langopt, "en") != 0)
		return usage_error(LANG_EN, "--lang takes 'de' or 'en', not '%s' (--lang erwartet 'de' oder 'en')", NULL, langopt);
	lang = lang_from(langopt);
	if (demo)
		return cmd_demo(kbopt, lang);
	if (i >= argc) {
		print_usage(stderr, lang);
		return TD_EXIT_USAGE;
	}
	for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
		if (strcmp(argv[i], commands[k].name) == 0)
			return commands[k].run(argc - i, argv + i, kbopt, lang);
	return usage_error(lang, "unknown command '%s'", "unbekannter Befehl '%s'", argv[i]);
}
