/*
 * cdiff_out.h - the configuration comparison as text for a terminal and as
 * JSON for scripts. Every value is shown with the file, line and key it
 * came from; secrets never appear (conf.c kept none).
 */
#ifndef TD_CDIFF_OUT_H
#define TD_CDIFF_OUT_H

#include <stdio.h>

#include "config/cdiff.h"

void cdiff_print_text(FILE *f, const struct cdiff *d, enum lang lang, int all);
/* One line on the pre-shared keys: "PSK: equal", "differs", not readable (why). */
void cdiff_print_psk(FILE *f, const struct cdiff *d, enum lang lang);
/* The comparison as a JSON document (a json_object *, to be put by the caller). */
struct json_object *cdiff_json(const struct cdiff *d);
/* The label of a parameter in words. */
const char *tparam_label(enum tparam p, enum lang lang);

#endif
