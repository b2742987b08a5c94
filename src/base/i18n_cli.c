/*
 * i18n_cli.c - the commands' help texts in English and German (the part
 * of the message table for src/cli/, see i18n_tab.h): the usage and the
 * global options of 'tunneldoc --help', each command's line in it
 * (_SUMMARY) and its own 'tunneldoc COMMAND --help', printed as they are
 * (fputs), not as printf formats; then messages of src/cli/ added since
 * the help moved here (printf formats, as in i18n.c).
 */
#include "base/i18n.h"
#include "base/i18n_tab.h"

#include <stddef.h>

const char *const i18n_cli[M_H_LAST + 1][2] = {
	[M_H_USAGE] = {
	    "Usage: tunneldoc [--kb DIR] [--lang de|en] COMMAND [OPTIONS]\n"
	    "       tunneldoc --version | --help\n"
	    "\n"
	    "tunneldoc reads the VPN logs of both gateways of an IPsec tunnel, lines\n"
	    "them up by IKE exchange, recognises the messages of the mGuard and LANCOM\n"
	    "troubleshooting guides and says what is wrong, with the evidence.\n"
	    "\n"
	    "Commands:\n",
	    "Aufruf: tunneldoc [--kb VERZ] [--lang de|en] BEFEHL [OPTIONEN]\n"
	    "        tunneldoc --version | --help\n"
	    "\n"
	    "tunneldoc liest die VPN-Logs beider Gateways eines IPsec-Tunnels, ordnet\n"
	    "sie nach IKE-Austausch einander zu, erkennt die Meldungen der mGuard- und\n"
	    "LANCOM-Leitfäden zur Fehlersuche und sagt mit Belegen, was falsch ist.\n"
	    "\n"
	    "Befehle:\n",
	},
	[M_H_GLOBAL] = {
	    "\nGlobal options:\n"
	    "  --kb DIR        knowledge base directory (default: $TUNNELDOC_KB, the kb/\n"
	    "                  next to the program, or the installed one)\n"
	    "  --lang de|en    language of all output (default: from LC_ALL/LC_MESSAGES/LANG)\n"
	    "  --demo          open the console on a bundled log pair, replayed at the\n"
	    "                  pace of its timestamps (q quits, ? shows all keys)\n"
	    "  --version       print version and knowledge base revision\n"
	    "  -h, --help      this help; 'tunneldoc COMMAND --help' for a command\n"
	    "\nExit status: 0 analysis ran, 1 an input or the knowledge base cannot be\n"
	    "read, 2 usage error.\n",
	    "\nAllgemeine Optionen:\n"
	    "  --kb VERZ       Verzeichnis der Wissensbasis (Standard: $TUNNELDOC_KB, kb/\n"
	    "                  neben dem Programm oder die installierte)\n"
	    "  --lang de|en    Sprache aller Ausgaben (Standard: aus LC_ALL/LC_MESSAGES/LANG)\n"
	    "  --demo          die Konsole mit einem mitgelieferten Log-Paar öffnen, im\n"
	    "                  Takt seiner Zeitstempel abgespielt (q beendet, ? zeigt alle Tasten)\n"
	    "  --version       Version und Revision der Wissensbasis ausgeben\n"
	    "  -h, --help      diese Hilfe; 'tunneldoc BEFEHL --help' für einen Befehl\n"
	    "\nRückgabewert: 0 Analyse gelaufen, 1 eine Eingabe oder die Wissensbasis ist\n"
	    "nicht lesbar, 2 Aufruffehler.\n",
	},
	[M_H_ANALYZE] = {
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
	    "  --left-config FILE, --right-config FILE\n"
	    "                  both gateways' IPsec configuration (ipsec.conf or\n"
	    "                  swanctl.conf, see 'tunneldoc config-diff --help'): a finding\n"
	    "                  that a configuration difference explains cites it\n"
	    "  --width N       text width (default: the terminal's, else $COLUMNS, else 160)\n"
	    "  --negotiations N  show at most the N newest negotiations (default 20)\n"
	    "  --ascii         plain ASCII arrows in the ladder\n"
	    "  -h, --help      this help\n"
	    "\nExamples:\n"
	    "  tunneldoc analyze gw-a-vpn.log gw-b-vpn.log\n"
	    "  tunneldoc analyze --json --left initiator.log --right responder.log\n"
	    "  tunneldoc --lang de analyze kb/samples/mguard-1.3.3-udp4500/left.log kb/samples/mguard-1.3.3-udp4500/right.log\n",
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
	    "  --left-config DATEI, --right-config DATEI\n"
	    "                  die IPsec-Konfiguration beider Gateways (ipsec.conf oder\n"
	    "                  swanctl.conf, siehe 'tunneldoc config-diff --help'): ein Befund,\n"
	    "                  den ein Konfigurationsunterschied erklärt, nennt ihn\n"
	    "  --width N       Textbreite (Standard: die des Terminals, sonst $COLUMNS, sonst 160)\n"
	    "  --negotiations N  höchstens die N neuesten Aushandlungen zeigen (Standard 20)\n"
	    "  --ascii         einfache ASCII-Pfeile im Ablauf\n"
	    "  -h, --help      diese Hilfe\n"
	    "\nBeispiele:\n"
	    "  tunneldoc analyze gw-a-vpn.log gw-b-vpn.log\n"
	    "  tunneldoc analyze --json --left initiator.log --right responder.log\n"
	    "  tunneldoc --lang de analyze kb/samples/mguard-1.3.3-udp4500/left.log kb/samples/mguard-1.3.3-udp4500/right.log\n",
	},
	[M_H_ANALYZE_SUMMARY] = {
	    "analyse two VPN logs (or one) and print ladder and findings",
	    "zwei VPN-Logs (oder eines) analysieren, Ablauf und Befunde ausgeben",
	},
	[M_H_OPEN] = {
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
	    "\nColours are off when NO_COLOR is set or the terminal has none.\n",
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
	    "\nFarben sind aus, wenn NO_COLOR gesetzt ist oder das Terminal keine hat.\n",
	},
	[M_H_OPEN_SUMMARY] = {
	    "open the console on two VPN logs (files, snapshots, recordings)",
	    "die Konsole mit zwei VPN-Logs öffnen (Dateien, Snapshots, Aufzeichnungen)",
	},
	[M_H_CONNECT] = {
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
	    "\nExit status: 0 the session ran, 1 no gateway could be reached, 2 usage error.\n",
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
	    "\nRückgabewert: 0 Sitzung gelaufen, 1 kein Gateway erreichbar, 2 Aufruffehler.\n",
	},
	[M_H_CONNECT_SUMMARY] = {
	    "log in to both gateways over SSH and stream their VPN logs live",
	    "sich per SSH an beiden Gateways anmelden und ihre VPN-Logs live verfolgen",
	},
	[M_H_SNAPSHOT] = {
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
	    "\nExit status: 0 written, 1 no gateway could be reached, 2 usage error.\n",
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
	    "\nRückgabewert: 0 geschrieben, 1 kein Gateway erreichbar, 2 Aufruffehler.\n",
	},
	[M_H_SNAPSHOT_SUMMARY] = {
	    "fetch both gateways' recent VPN logs and IPsec status into one directory",
	    "die letzten VPN-Logs und den IPsec-Status beider Gateways in ein Verzeichnis holen",
	},
	[M_H_REPORT] = {
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
	    "\nExit status: 0 written, 1 the session cannot be read, 2 usage error.\n",
	    "Aufruf: tunneldoc report [--json] [-o DATEI] SITZUNGS_VERZ\n"
	    "\n"
	    "Schreibt den Sitzungsbericht einer aufgezeichneten Sitzung ('connect\n"
	    "--record VERZ') oder eines Support-Snapshots: beide Gateways, Dialekte, den\n"
	    "zugeordneten Ablauf, die Befunde mit Belegen und die Checkliste mit jeder\n"
	    "Antwort, wer oder was sie gab, Notizen und Zeiten (aus VERZ/checklist.json,\n"
	    "wenn die Konsole eine aufgezeichnet hat). Geheimnisse werden geschwärzt.\n"
	    "Das gehört in ein Ticket.\n"
	    "\n"
	    "  -o DATEI        in DATEI statt auf die Standardausgabe schreiben (.json: JSON)\n"
	    "  --json          JSON statt Markdown\n"
	    "  -h, --help      diese Hilfe\n"
	    "\nRückgabewert: 0 geschrieben, 1 Sitzung nicht lesbar, 2 Aufruffehler.\n",
	},
	[M_H_REPORT_SUMMARY] = {
	    "write the session report (Markdown or JSON) of a recorded session",
	    "den Sitzungsbericht (Markdown oder JSON) einer aufgezeichneten Sitzung schreiben",
	},
	[M_H_SITES] = {
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
	    "\nExit status: 0 listed (an absent book is empty), 1 the book is malformed.\n",
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
	    "\nRückgabewert: 0 aufgelistet (ein fehlendes Buch ist leer), 1 Buch fehlerhaft.\n",
	},
	[M_H_SITES_SUMMARY] = {
	    "list the site book (named tunnels: tunneldoc connect NAME)",
	    "das Standortbuch auflisten (benannte Tunnel: tunneldoc connect NAME)",
	},
	[M_H_PROFILES] = {
	    "Usage: tunneldoc profiles\n"
	    "\n"
	    "List the device profiles of the knowledge base (kb/devices): the id for\n"
	    "--profile, a tab, and what kind of gateway it is for.\n",
	    "Aufruf: tunneldoc profiles\n"
	    "\n"
	    "Listet die Geräteprofile der Wissensbasis (kb/devices): die ID für\n"
	    "--profile, ein Tabulator und für welche Art Gateway es ist.\n",
	},
	[M_H_PROFILES_SUMMARY] = {
	    "list the device profiles of the knowledge base",
	    "die Geräteprofile der Wissensbasis auflisten",
	},
	[M_H_KBCHECK] = {
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
	    "2 usage error.\n",
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
	    "genannt), 2 Aufruffehler.\n",
	},
	[M_H_KBCHECK_SUMMARY] = {
	    "validate the knowledge base and test every signature example",
	    "Wissensbasis prüfen und jedes Signatur-Beispiel testen",
	},
	[M_H_CONFIG_DIFF] = {
	    "Usage: tunneldoc config-diff [--json] [--all] [--left-conn NAME] [--right-conn NAME] LEFT RIGHT\n"
	    "\n"
	    "Read the IPsec configuration of both gateways (ipsec.conf of libreswan,\n"
	    "Openswan or strongSwan's stroke interface, or swanctl.conf; include,\n"
	    "also= and %default are followed), find the connection on each side that\n"
	    "is the tunnel (its peer address points at the other side), and compare\n"
	    "every parameter the two ends must agree on, mirrored: left's local\n"
	    "network with right's remote one. Each value is shown with its file and\n"
	    "line; a parameter one side leaves to the daemon's default is 'not\n"
	    "known', never a difference. Pre-shared keys are never read.\n"
	    "  --json             the comparison as JSON\n"
	    "  --all              also list the parameters that agree\n"
	    "  --left-conn NAME   the tunnel's connection in LEFT (when several fit)\n"
	    "  --right-conn NAME  the tunnel's connection in RIGHT\n"
	    "  -h, --help         this help\n"
	    "\nExit status: 0 compared, 1 a file unreadable or malformed (file and line\n"
	    "named) or no tunnel between them, 2 usage error.\n",
	    "Aufruf: tunneldoc config-diff [--json] [--all] [--left-conn NAME] [--right-conn NAME] LINKS RECHTS\n"
	    "\n"
	    "Liest die IPsec-Konfiguration beider Gateways (ipsec.conf von libreswan,\n"
	    "Openswan oder der stroke-Schnittstelle von strongSwan, oder swanctl.conf;\n"
	    "include, also= und %default werden verfolgt), findet auf jeder Seite die\n"
	    "Verbindung des Tunnels (ihre Gegenstellen-Adresse zeigt auf die andere\n"
	    "Seite) und vergleicht jeden Parameter, in dem beide Enden übereinstimmen\n"
	    "müssen, gespiegelt: das lokale Netz links mit dem entfernten rechts. Jeder\n"
	    "Wert steht mit Datei und Zeile da; ein Parameter, den eine Seite dem\n"
	    "Standardwert des Daemons überlässt, ist 'unbekannt', nie ein Unterschied.\n"
	    "Pre-Shared Keys werden nie gelesen.\n"
	    "  --json             der Vergleich als JSON\n"
	    "  --all              auch die übereinstimmenden Parameter auflisten\n"
	    "  --left-conn NAME   die Verbindung des Tunnels in LINKS (wenn mehrere passen)\n"
	    "  --right-conn NAME  die Verbindung des Tunnels in RECHTS\n"
	    "  -h, --help         diese Hilfe\n"
	    "\nRückgabewert: 0 verglichen, 1 eine Datei nicht lesbar oder fehlerhaft\n"
	    "(Datei und Zeile genannt) oder kein Tunnel zwischen ihnen, 2 Aufruffehler.\n",
	},
	[M_H_CONFIG_DIFF_SUMMARY] = {
	    "compare both gateways' IPsec configuration",
	    "die IPsec-Konfiguration beider Gateways vergleichen",
	},
	/* connect --batch, snapshot: a gateway never reached in the session */
	[M_CLI_GW_NOT_REACHED] = {
	    "%s gateway %s was not reached, no log came from it; the last attempt: %s",
	    "Gateway %s (%s) wurde nicht erreicht, von ihm kam kein Log; der letzte Versuch: %s",
	},
	[M_CLI_GW_NO_ANSWER] = {
	    "%s gateway %s was not reached within the session (%g s), no log came from it; check the address and that SSH is allowed from here, or give a longer --duration",
	    "Gateway %s (%s) wurde während der Sitzung (%g s) nicht erreicht, von ihm kam kein Log; Adresse und SSH-Freigabe prüfen oder eine längere --duration angeben",
	},
	/* tunneldoc --version */
	[M_CLI_VERSION] = { "tunneldoc %s\nknowledge base: %s\n", "tunneldoc %s\nWissensbasis: %s\n" },
	[M_CLI_KB_NOT_FOUND] = { "(not found)", "(nicht gefunden)" },
};
