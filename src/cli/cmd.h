/*
 * cmd.h - the commands of the command line, one file each (cmd_*.c), behind
 * one table (cli.c), as tmux's cmd-*.c with their cmd_entry. An entry has
 * the command's name, its one-line summary for 'tunneldoc --help', its help
 * (the usage and every option; both texts in English and German in the
 * i18n table, base/i18n_cli.c), its options and the
 * function that runs it. cli_getopt() walks an entry's options the same
 * way for every command: -h/--help prints the entry's help, an unknown
 * option is a usage error; the command sees only its own options.
 *
 * Errors go to standard error as "tunneldoc: CAUSE" with the message from
 * the i18n table (base/i18n.h, section cli); usage errors add the hint to
 * --help and give TD_EXIT_USAGE.
 */
#ifndef TD_CMD_H
#define TD_CMD_H

#include <getopt.h>
#include <stdint.h>

#include "base/i18n.h"

struct kb;
struct analysis;
struct checklist;
struct sreport;
struct ui_opts;
struct session_opts;

/* What every command gets: the global options. */
struct cli_ctx {
	const char *kbopt;       /* --kb DIR, or NULL */
	enum lang lang;
};

struct cmd_entry {
	const char *name;
	enum msg summary;                  /* the line in 'tunneldoc --help' (i18n_cli.c) */
	enum msg help;                     /* 'tunneldoc NAME --help' (i18n_cli.c) */
	const char *shortopts;             /* getopt's, "h" at least */
	const struct option *opts;         /* getopt_long's, with "help" */
	int (*run)(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv);
	const char *unknown_option;        /* what the usage error names */
};

extern const struct cmd_entry cmd_analyze_entry, cmd_open_entry, cmd_connect_entry, cmd_snapshot_entry,
    cmd_report_entry, cmd_sites_entry, cmd_profiles_entry, cmd_kbcheck_entry, cmd_config_diff_entry;

/* The command table, in the order 'tunneldoc --help' lists it. */
extern const struct cmd_entry *const cmd_table[];
extern const int cmd_count;

/*
 * Walk argv with e's options, calling on(st, c, optarg) for each option of
 * the command. Returns -1 when done (optind at the first operand), or an
 * exit status to return at once: TD_EXIT_OK after --help, TD_EXIT_USAGE
 * after an unknown option, or what on() returned when it was not 0.
 */
int cli_getopt(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv,
    int (*on)(void *st, int c, const char *arg), void *st);

/* Print "tunneldoc: " and the message id (printf arguments follow) to
 * standard error, then the hint to --help. Returns TD_EXIT_USAGE. */
int cli_usage(enum lang lang, enum msg id, ...);
/* Print "tunneldoc: " and the message id with its arguments. */
void cli_error(enum lang lang, enum msg id, ...);
/* Print "tunneldoc: CAUSE" and free cause. */
void cli_cause(char *cause);

/* The knowledge base of --kb (or found), or NULL after saying why. */
struct kb *cli_load_kb(const struct cli_ctx *x);
/* The text width: the terminal's, else $COLUMNS, else 160. */
int cli_term_width(void);
/* 1 when the locale's character set is UTF-8. */
int cli_utf8(void);
/* s as a number in [lo, hi] into *out; -1 when it is not one. */
int cli_parse_int(const char *s, int lo, int hi, int *out);

/* The checklist as far as complete logs answer it (batch outputs). */
struct cdiff;
/* config: both ends' configuration compared (answers the "same ..." checks), or NULL */
void cli_batch_checklist(struct analysis *a, const struct kb *kb, struct checklist *cl, const struct cdiff *config);
/*
 * --left-config/--right-config: both configurations compared into d, and
 * *out = d; TD_EXIT_OK too when neither was given (*out untouched), else an
 * exit status after saying why (one alone, unreadable, malformed, no tunnel).
 */
int cli_load_config(const char *const path[2], enum lang lang, struct cdiff *d, const struct cdiff **out);
/* Before a session: the report's directory must take the file, or the
 * technician's answers would be lost after the work is done. */
int cli_report_writable(const char *path, enum lang lang);
/* Write the session report to path (private file); -1 after saying why. */
int cli_write_report(const char *path, const struct sreport *sr, enum lang lang);
/* Feed path to side with progress; -1 after saying why. */
int cli_feed(struct analysis *a, int side, const char *path, enum lang lang);

/* The console needs a terminal: 0, or TD_EXIT_USAGE after naming the
 * command scripts use instead. */
int cli_need_tty(enum lang lang, const char *batch_cmd);
/* Run the console on kb (freed here); so is the live session or NULL. */
int cli_run_console(struct ui_opts *uo, struct session_opts *so, struct kb *kb, enum lang lang);

/* --demo: the console on a bundled sample pair, replayed (cmd_demo.c). */
int cmd_demo(const struct cli_ctx *x);

#endif
