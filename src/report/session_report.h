/*
 * session_report.h - the session report (Markdown or JSON) and the checklist's
 * answers saved with a recorded session. See session_report.c.
 */
#ifndef TD_SESSION_REPORT_H
#define TD_SESSION_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "pipeline/analysis.h"
#include "checklist/checklist.h"
#include "report/analysis_report.h"

struct sreport {
	const struct analysis *an;
	const struct checklist *cl;     /* may be NULL */
	const struct report_opts *ro;
	int64_t started_ms, ended_ms;
};

int sreport_md(FILE *f, const struct sreport *r);
int sreport_json(FILE *f, const struct sreport *r);
/* JSON when path ends in .json, else Markdown; mode 0600. 0 or -1 + errno. */
int sreport_write(const char *path, const struct sreport *r);

/* DIR/checklist.json: the answers and notes of a session (redacted). */
int checklist_save(const struct checklist *cl, const char *path);
/* Read them back into cl (a missing file is no error); -1 + *err. */
int checklist_restore(struct checklist *cl, const char *path, char **err);

struct json_object;
struct json_object *checklist_json(const struct checklist *cl, enum lang l);

#endif
