/*
 * layout.c - see layout.h.
 */
#include "layout.h"

#include <string.h>

void layout_compute(int cols, int rows, int detail, struct layout *l)
{
	int body_h, lw;

	memset(l, 0, sizeof *l);
	if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS) {
		l->ok = 0;
		l->status = (struct rect){ rows > 0 ? rows - 1 : 0, 0, rows > 0 ? 1 : 0, cols > 0 ? cols : 0 };
		return;
	}
	l->ok = 1;
	l->header = (struct rect){ 0, 0, 1, cols };
	l->status = (struct rect){ rows - 2, 0, 1, cols };
	l->hints = (struct rect){ rows - 1, 0, 1, cols };
	body_h = rows - 3;
	if (detail) {
		int dh = body_h / 3;

		if (dh < 4)
			dh = 4;
		if (dh > body_h - 3)
			dh = body_h - 3;
		l->detail = (struct rect){ 1 + body_h - dh, 0, dh, cols };
		body_h -= dh;
	}
	l->body = (struct rect){ 1, 0, body_h, cols };
	lw = (cols - 1) / 2;
	l->left = (struct rect){ 1, 0, body_h, lw };
	l->sep = (struct rect){ 1, lw, body_h, 1 };
	l->right = (struct rect){ 1, lw + 1, body_h, cols - lw - 1 };
}

void layout_sbs(const struct rect *body, int gutter, int single, struct rect *l, struct rect *g, struct rect *r)
{
	int lw;

	*l = *r = *g = (struct rect){ body->y, body->x, body->h, 0 };
	if (single) {
		*(single == 1 ? l : r) = *body;
		return;
	}
	if (gutter > body->w - 2)
		gutter = body->w > 2 ? body->w - 2 : 0;
	lw = (body->w - gutter) / 2;
	*l = (struct rect){ body->y, body->x, body->h, lw };
	*g = (struct rect){ body->y, body->x + lw, body->h, gutter };
	*r = (struct rect){ body->y, body->x + lw + gutter, body->h, body->w - lw - gutter };
}
