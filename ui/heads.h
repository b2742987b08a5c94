/*
 * heads.h - the header row of a negotiation in the compact side-by-side
 * view (heads.c).
 */
#ifndef TD_UI_HEADS_H
#define TD_UI_HEADS_H

#include <stddef.h>

struct app;

/* The header of line i of side s: "NAME #N → peer" (the parts known), or
 * the prefix as logged when the dialect's prefix patterns do not cut it;
 * into buf (NUL-terminated). Returns its length, 0: the line starts none. */
size_t head_label(const struct app *a, int s, size_t i, char *buf, size_t sz);

/* 1: side s has no prefix (LANCOM): every line's header is looked up
 * (else only where the prefix as logged changes). */
int head_per_line(const struct app *a, int s);

#endif
