/*
 * session_report.h - the session report for a support ticket (Markdown or
 * JSON): the analysis of both gateways and the checklist with every answer.
 * See session_report.c; the checklist's own persistence is checklist/persist.h.
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
/*
 * JSON when path ends in .json, else Markdown, as a private file (mode 0600
 * also when it existed, a symlink at path replaced, never followed; the
 * old file stays whole when writing fails). 0, or -1 with errno.
 */
int sreport_write(const char *path, const struct sreport *r);

#endif
