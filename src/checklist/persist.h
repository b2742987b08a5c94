/*
 * persist.h - the checklist's answers kept with a recorded session
 * (DIR/checklist.json), so that `tunneldoc report DIR` rebuilds the
 * report later, and the checklist as JSON for the reports. Evidence and
 * notes are redacted when they are stored (checklist_answer/_note), so
 * nothing secret reaches the file.
 */
#ifndef TD_PERSIST_H
#define TD_PERSIST_H

#include "checklist/checklist.h"

struct json_object;

/* The walk, the history and every answer as one JSON object (new). */
struct json_object *checklist_json(const struct checklist *cl, enum lang l);

/*
 * Write the answers and notes to path as a private file (0600, never
 * through a symlink; see base/privfile.h). 0, or -1 with errno.
 */
int checklist_save(const struct checklist *cl, const char *path);

/*
 * Read them back into cl (a missing file is no error). -1 with *cause
 * (allocated, in lang) when the file is not valid JSON or names a tree
 * this knowledge base does not have.
 */
int checklist_restore(struct checklist *cl, const char *path, enum lang lang, char **cause);

/* s redacted and cleaned to valid UTF-8 for an output (NULL stays NULL). */
char *checklist_clean(const char *s);

#endif
