/*
 * cdiff_out.h - the configuration comparison as text for a terminal and as
 * JSON for scripts. Every value is shown with the file, line and key it
 * came from; secrets never appear (conf.c kept none).
 */
#ifndef TD_CDIFF_OUT_H
#define TD_CDIFF_OUT_H

#include <stdio.h>

#include "config/cdiff.h"

struct strbuf;

/* The text of the comparison, a line at a time (the console draws it, the
 * CLI prints it): the title, the summary, each difference (and what NAT
 * makes not comparable; with all, every parameter) with both sides' value
 * lines, the PSK line. */
enum cdiff_line { CDL_TITLE, CDL_SUMMARY, CDL_BLANK, CDL_DIFFERS, CDL_NAT, CDL_ITEM, CDL_VALUE, CDL_PSK };
typedef void (*cdiff_emit)(void *ctx, const char *line, enum cdiff_line kind);
void cdiff_lines(const struct cdiff *d, enum lang lang, int all, cdiff_emit fn, void *ctx);
/* One parameter: its relation line and both sides' value lines. */
void cdiff_item_lines(const struct cdiff *d, const struct citem *it, enum lang lang, cdiff_emit fn, void *ctx);
void cdiff_print_text(FILE *f, const struct cdiff *d, enum lang lang, int all);
/* The PSK line into b: "PSK: equal", "differs", not readable (why). */
void cdiff_psk_text(struct strbuf *b, const struct cdiff *d, enum lang lang);
/* One line on the pre-shared keys: "PSK: equal", "differs", not readable (why). */
void cdiff_print_psk(FILE *f, const struct cdiff *d, enum lang lang);
/* The comparison as a JSON document (a json_object *, to be put by the caller). */
struct json_object *cdiff_json(const struct cdiff *d);
/* The label of a parameter in words. */
const char *tparam_label(enum tparam p, enum lang lang);

#endif
