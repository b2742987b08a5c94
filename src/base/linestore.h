/*
 * linestore.h - every physical line of one side, for display: text in
 * large chunks (pointers stay valid as the store grows) and a compact
 * record per line with what the analysis said about it (time, step,
 * severity of the matched signature). About 100 MB for a million lines.
 */
#ifndef TD_LINESTORE_H
#define TD_LINESTORE_H

#include <stddef.h>
#include <stdint.h>

struct lineinfo {
	int64_t t;          /* log time in microseconds (0 when has_t is 0) */
	uint32_t len;
	uint16_t sig;       /* signature index + 1; 0: none */
	uint8_t sev;        /* 0 none, 1 benign, 2 info, 3 warning, 4 error */
	uint8_t step;       /* enum step of the line's event, 0: none */
	uint8_t ack;        /* the step whose receipt the line proves, 0: none */
	uint8_t has_t;
	uint8_t event;      /* the line is a dialect event */
	uint8_t mark;       /* marked by the technician */
	const char *text;   /* not NUL-terminated: use len */
};

struct linestore;

struct linestore *linestore_new(void);
void linestore_free(struct linestore *ls);
/* Append a line; returns its index (0-based). Lines over 64 KiB are cut. */
size_t linestore_add(struct linestore *ls, const char *s, size_t len);
size_t linestore_count(const struct linestore *ls);
struct lineinfo *linestore_at(struct linestore *ls, size_t i);
const struct lineinfo *linestore_get(const struct linestore *ls, size_t i);

#endif
