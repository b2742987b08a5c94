/*
 * analysis_report.h - the batch outputs of an analysis: a readable two-column
 * ladder with the ranked findings, and one JSON document for scripts.
 * Both print only redacted evidence (see redact.h).
 */
#ifndef TD_ANALYSIS_REPORT_H
#define TD_ANALYSIS_REPORT_H

#include <stdio.h>

#include "pipeline/analysis.h"
#include "base/i18n.h"

#include "input/record.h"

struct cdiff;

struct report_opts {
	enum lang lang;
	int width;           /* total text width */
	int utf8;            /* box drawing and arrows in UTF-8 */
	int max_groups;      /* ladder: at most this many negotiations (newest) */
	const char *version;
	const struct record_side *conn;   /* live sessions: per side, or NULL */
	/* report_json: more top-level keys, written before the closing brace
	 * (each starting with ",\n  \"key\": "); NULL: none */
	void (*json_extra)(FILE *f, const void *ctx);
	const void *json_extra_ctx;
	/* both ends' configuration compared (config-diff), or NULL */
	const struct cdiff *config;
};

void report_text(FILE *f, const struct analysis *a, const struct report_opts *o);
/* Returns 0, or -1 if writing failed. */
int report_json(FILE *f, const struct analysis *a, const struct report_opts *o);

/* "+1234 ms" style; shared by the front ends. */
void fmt_ms(char *buf, size_t sz, int64_t us, int sign);

#endif
