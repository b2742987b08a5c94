/*
 * pattern.h - the knowledge base's pattern language (see kb/SCHEMA.md).
 *
 * A pattern is literal text with captures: "{name}" (shortest text up to the
 * next literal, or the rest of the message when last), "{name:int}",
 * "{name:word}", "{name:hex}", and "{}" to match without keeping. Patterns
 * match anywhere in a message unless they start with '^'; a trailing '$'
 * anchors the end. No regular expressions: log text is full of regex
 * metacharacters and there are millions of lines to match.
 *
 * Each pattern has a key literal (its longest literal piece) used by the
 * Aho-Corasick prefilter in acm.c: the full match is only tried on lines
 * that contain the key.
 */
#ifndef TD_PATTERN_H
#define TD_PATTERN_H

#include <stddef.h>

#include "base/i18n.h"

/* Capture names with a meaning to the engine. */
enum field {
	F_OTHER = 0,
	F_CONN, F_INST, F_SERIAL, F_PARENT, F_PEER, F_PORT, F_STATE, F_FROM,
	F_TO, F_MSGID, F_SPI_IN, F_SPI_OUT, F_ICOOKIE, F_PROPOSAL, F_TS_LOCAL,
	F_TS_REMOTE, F_ID, F_ID_EXPECTED, F_ICMP_ID, F_ICMP_SEQ, F_SRC, F_DST,
	F_FWRULE, F_N,
	F_COUNT
};

enum cap_kind { CAP_ANY, CAP_INT, CAP_WORD, CAP_HEX };

struct pat_piece {
	char *lit;            /* literal text, or NULL for a capture */
	size_t litlen;
	enum cap_kind kind;   /* capture kind */
	enum field field;     /* capture field */
	char *name;           /* capture name (NULL: not kept) */
};

struct pattern {
	char *src;
	struct pat_piece *pieces;
	int npieces;
	int anchor_start, anchor_end;
	const char *key;      /* points into a piece's literal */
	size_t keylen;
};

struct capture {
	enum field field;
	const char *name;     /* the capture's name in the pattern */
	const char *s;
	size_t len;
};

#define PAT_MAXCAPS 16

/* Compile src; on error return -1 and set *cause (allocated), in lang
 * (the i18n table, section kb); pattern_compile() says it in English. */
int pattern_compile_lang(struct pattern *p, const char *src, enum lang lang, char **cause);
int pattern_compile(struct pattern *p, const char *src, char **cause);
void pattern_free(struct pattern *p);

/*
 * Match p against msg[0..len). On success return 1 and fill caps (up to
 * PAT_MAXCAPS named captures), *ncaps and, when end is not NULL, the offset
 * just past the match.
 */
int pattern_match(const struct pattern *p, const char *msg, size_t len,
    struct capture *caps, int *ncaps, size_t *end);

/*
 * Quick test for an anchored pattern before pattern_match(): 0 means it
 * cannot match at the start of msg (its leading literal is not there, or
 * its key literal is not within the first PAT_HEAD bytes).
 */
#define PAT_HEAD 256
int pattern_may_match_head(const struct pattern *p, const char *msg, size_t len);

/* Number of literal bytes in the pattern (a specificity measure). */
size_t pattern_litlen(const struct pattern *p);

#endif
