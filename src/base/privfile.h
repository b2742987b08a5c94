/*
 * privfile.h - the one way tunneldoc writes a file a technician keeps
 * (reports, checklist.json, recordings, snapshots): owner-only (0600) also
 * when the file existed with a wider mode, and never through a symlink.
 *
 * A whole document is written to a temporary file in the same directory
 * and renamed over the target on commit, so a reader never sees half a
 * report and a symlink at the target is replaced, not followed. A stream
 * that grows while the program runs (a recording) is opened in place with
 * O_NOFOLLOW and its mode forced to 0600.
 */
#ifndef TD_PRIVFILE_H
#define TD_PRIVFILE_H

#include <stdio.h>

struct privfile {
	FILE *f;       /* write the document here */
	char *path;    /* the target */
	char *tmp;     /* the temporary file beside it */
};

/*
 * Start writing the document at path. Returns 0 with pf->f open, or -1 with
 * errno set (the target's directory is not writable, ...).
 */
int privfile_begin(struct privfile *pf, const char *path);
/* Flush, sync and rename over the target; -1 with errno (nothing replaced). */
int privfile_commit(struct privfile *pf);
/* Drop the temporary file; the target is unchanged. Accepts a NULL f. */
void privfile_abort(struct privfile *pf);

/*
 * Open path for writing in place (created or truncated), refusing a symlink
 * (ELOOP) and anything but a regular file, mode 0600. NULL with errno.
 */
FILE *privfile_open_stream(const char *path);

#endif
