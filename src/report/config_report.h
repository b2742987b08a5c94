/*
 * config_report.h - the configuration comparison in the analysis outputs:
 * a finding whose cause a configuration difference explains cites that
 * difference (both configuration lines) next to its log evidence, and the
 * comparison itself follows the findings.
 */
#ifndef TD_CONFIG_REPORT_H
#define TD_CONFIG_REPORT_H

#include <stdio.h>

#include "config/cdiff.h"

struct json_object;

/* The differences of d that explain cause (text lines under a finding). */
void config_text_for_finding(FILE *f, const struct cdiff *d, const char *cause, enum lang lang);
/* The same as a JSON array of parameter ids with both sides' lines. */
struct json_object *config_json_for_finding(const struct cdiff *d, const char *cause);

/*
 * The comparison in the Markdown report (--report): every difference with
 * both sides' lines, then the PSK line ("PSK: equal" / "differs" / not
 * readable, never a key). Nothing when d is NULL.
 */
void config_md(FILE *f, const struct cdiff *d, enum lang lang);

#endif
