/*
 * common.c - what the commands share (see cmd.h): the option walk, the
 * one way of reporting an error, the knowledge base, the terminal, the
 * batch checklist, the session report file and feeding a log.
 */
#include "cli/cmd.h"
#include "cli/cli.h"
#include "base/clock.h"
#include "base/privfile.h"
#include "base/progress.h"
#include "base/util.h"
#include "checklist/checklist.h"
#include "config/cdiff.h"
#include "config/conf.h"
#include "config/psk.h"
#include "input/source.h"
#include "kb/kb.h"
#include "live/session.h"
#include "pipeline/analysis.h"
#include "report/session_report.h"
#include "ui.h"

#include <errno.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_getopt(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv,
    int (*on)(void *st, int c, const char *arg), void *st)
{
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, e->shortopts, e->opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(msg(e->help, x->lang), stdout);
			return TD_EXIT_OK;
		}
		if (c == '?' || c == ':') {
			if (e->unknown_option != NULL)
				return cli_usage(x->lang, M_CLI_UNKNOWN_OPTION_SEE, e->unknown_option);
			return cli_usage(x->lang, M_CLI_UNKNOWN_OPTION_FOR, e->name);
		}
		if ((rc = on(st, c, optarg)) != 0)
			return rc;
	}
	return -1;
}

static void vreport(enum lang lang, enum msg id, va_list ap)
{
	fputs("tunneldoc: ", stderr);
	vfprintf(stderr, msg(id, lang), ap);
}

int cli_usage(enum lang lang, enum msg id, ...)
{
	va_list ap;

	va_start(ap, id);
	vreport(lang, id, ap);
	va_end(ap);
	fprintf(stderr, "; %s\n", msg(M_USAGE_HINT, lang));
	return TD_EXIT_USAGE;
}

void cli_error(enum lang lang, enum msg id, ...)
{
	va_list ap;

	va_start(ap, id);
	vreport(lang, id, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_cause(char *cause)
{
	fprintf(stderr, "tunneldoc: %s\n", cause != NULL ? cause : "");
	free(cause);
}

struct kb *cli_load_kb(const struct cli_ctx *x)
{
	struct strbuf tried = {0};
	char *dir = kb_find_dir(x->kbopt, &tried), *cause = NULL;
	struct kb *kb;

	if (dir == NULL) {
		cli_error(x->lang, M_CLI_NO_KB, msg(M_KB_ERROR, x->lang), tried.s != NULL ? tried.s : "");
		sb_free(&tried);
		return NULL;
	}
	sb_free(&tried);
	kb = kb_load_lang(dir, x->lang, &cause);
	if (kb == NULL) {
		cli_error(x->lang, M_CLI_KB_BROKEN, msg(M_KB_ERROR, x->lang), cause);
		free(cause);
	}
	free(dir);
	return kb;
}

int cli_term_width(void)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (c != NULL && atoi(c) > 40)
		return atoi(c);
	return 160;
}

int cli_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

int cli_parse_int(const char *s, int lo, int hi, int *out)
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

void cli_batch_checklist(struct analysis *a, const struct kb *kb, struct checklist *cl, const struct cdiff *config)
{
	struct cl_world w;

	memset(&w, 0, sizeof w);
	w.config = config;
	w.complete = 1;
	w.now_ms = wall_ms();
	checklist_init(cl, kb);
	checklist_sync(cl, analysis_sides(a), analysis_alignment(a), analysis_diagnosis(a), &w);
}

/*
 * A report goes into a file: a device, a pipe or a symlink to one at path
 * (/dev/stdout) is refused rather than replaced by a file of its own name.
 */
static int report_path_ok(const char *path, enum lang lang)
{
	struct stat st;

	if (stat(path, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
		return 0;   /* a directory is refused by privfile_begin */
	cli_error(lang, M_CLI_REPORT_NOT_A_FILE, msg(M_R_CANNOT_WRITE, lang), path);
	return -1;
}

int cli_report_writable(const char *path, enum lang lang)
{
	struct privfile pf;

	if (path == NULL)
		return TD_EXIT_OK;
	if (report_path_ok(path, lang) != 0)
		return TD_EXIT_USAGE;
	/* the temporary file the report will be written to can be made
	 * beside it; nothing at path is touched until the report is there */
	if (privfile_begin(&pf, path) != 0) {
		cli_error(lang, M_CLI_CANNOT_WRITE, msg(M_R_CANNOT_WRITE, lang), path, strerror(errno));
		return TD_EXIT_USAGE;
	}
	privfile_abort(&pf);
	return TD_EXIT_OK;
}

int cli_write_report(const char *path, const struct sreport *sr, enum lang lang)
{
	if (report_path_ok(path, lang) != 0)
		return -1;
	if (sreport_write(path, sr) != 0) {
		cli_error(lang, M_CLI_CANNOT_WRITE, msg(M_R_CANNOT_WRITE, lang), path, strerror(errno));
		return -1;
	}
	return 0;
}

int cli_feed(struct analysis *a, int side, const char *path, enum lang lang)
{
	struct progress pg;
	char *cause = NULL;
	int r;

	progress_init(&pg, lang);
	r = source_feed(a, (enum side_id)side, path, &pg, lang, &cause);
	progress_done(&pg);
	if (r != 0)
		cli_cause(cause);
	return r;
}

int cli_need_tty(enum lang lang, const char *batch_cmd)
{
	if (isatty(STDIN_FILENO))
		return 0;
	cli_error(lang, M_CLI_NEED_TTY, batch_cmd);
	return TD_EXIT_USAGE;
}

int cli_run_console(struct ui_opts *uo, struct session_opts *so, struct kb *kb, enum lang lang)
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

int cli_load_config(const char *const path[2], enum lang lang, struct cdiff *d, const struct cdiff **out)
{
	struct conf *c[2] = { NULL, NULL };
	char *cause = NULL;
	int rc = TD_EXIT_OK;

	if (path[0] == NULL && path[1] == NULL)
		return TD_EXIT_OK;
	if (path[0] == NULL || path[1] == NULL)
		return cli_usage(lang, M_CF_NEED_TWO);
	for (int s = 0; s < 2 && rc == TD_EXIT_OK; s++)
		if ((c[s] = conf_read(path[s], lang, &cause)) == NULL)
			rc = TD_EXIT_INPUT;
	if (rc == TD_EXIT_OK && cdiff_build(c[0], c[1], NULL, NULL, lang, d, &cause) != 0)
		rc = TD_EXIT_INPUT;
	if (rc == TD_EXIT_OK)
		cdiff_psk_files(d, NULL, NULL, lang);  /* the secrets beside each configuration */
	if (rc != TD_EXIT_OK)
		cli_cause(cause);
	else
		*out = d;
	conf_free(c[0]);
	conf_free(c[1]);
	return rc;
}
