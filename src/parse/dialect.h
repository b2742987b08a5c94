/*
 * dialect.h - cut one log message into its parts with a dialect of
 * kb/formats: timestamp, syslog/whack noise (strip), the connection/state/
 * peer prefix, and the message; then find the dialect event and the most
 * specific signature that match it (Aho-Corasick prefilter, then the full
 * pattern). Pure functions over a const kb: no allocation per line.
 */
#ifndef TD_DIALECT_H
#define TD_DIALECT_H

#include "kb/kb.h"
#include "match/timefmt.h"

#define PARSED_MAXCAPS (3 * PAT_MAXCAPS)

struct parsed {
	int has_time;
	struct logtime t;
	size_t time_len;          /* bytes of the line taken by the timestamp */
	const char *msg;          /* points into the line */
	size_t msglen;
	int ignored;              /* an ignore pattern matched */
	const struct dl_event *ev;
	int sig;                  /* signature index or -1 */
	struct capture caps[PARSED_MAXCAPS];
	int ncaps;
};

/* Parse line[0..len) (no line end) with dialect d. */
void dialect_parse(const struct kb *kb, const struct dialect *d, struct acm_scratch *sc,
    const char *line, size_t len, struct parsed *out);

/* Length of the timestamp at the start of line under d (0: none). */
size_t dialect_time(const struct dialect *d, const char *line, size_t len, struct logtime *t);

/*
 * Pick the dialect for a file from its first lines; returns the index into
 * kb->dialects, or -1 when no line looks like any dialect.
 */
int dialect_detect(const struct kb *kb, const char *const *lines, const size_t *lens, int n);

/* The first capture of field f in p (NULL if none). */
const struct capture *parsed_cap(const struct parsed *p, enum field f);
/* The step a daemon state name stands for in d (STEP_NONE if unknown). */
enum step dialect_state_step(const struct dialect *d, const char *name, size_t len);

/* examples.c: run every signature example of kb through the parser; prints
 * a summary, returns the number of examples not recognised. */
int kb_check_examples(const struct kb *kb, int verbose, int german);

/* coverage.c: run every example of the catalogue files (catdir, *.tsv) through the
 * parser with its daemon's dialect; prints per file how many entries are
 * mapped and lists the rest. Returns the number of entries whose maps is
 * set but not recognised (or that cannot be read), -1 without a catalogue. */
int kb_check_coverage(const struct kb *kb, const char *catdir, int verbose, int german);

#endif
