/*
 * layout.h - where everything goes on the screen: a pure function of the
 * terminal size (and whether a detail pane is open), unit-tested.
 *
 *   +------------------------------------------------------------+
 *   | header: title, sides, clock offset / RTT                    |  1 row
 *   +-----------------------------+------------------------------+
 *   | left pane                   | right pane                   |  body
 *   |                             |                              |
 *   +-----------------------------+------------------------------+
 *   | detail (optional, 1/3 of the body, at least 4 rows)        |
 *   +------------------------------------------------------------+
 *   | status line                                                 |  1 row
 *   | key hints / prompt                                          |  1 row
 *   +------------------------------------------------------------+
 */
#ifndef TD_LAYOUT_H
#define TD_LAYOUT_H

struct rect {
	int y, x, h, w;
};

struct layout {
	struct rect header, body, left, sep, right, detail, status, hints;
	int ok;                  /* 0: too small to draw anything useful */
};

#define LAYOUT_MIN_COLS 40
#define LAYOUT_MIN_ROWS 8

void layout_compute(int cols, int rows, int detail, struct layout *l);

/*
 * The side-by-side panes in body: left | gutter | right, the gutter
 * (gutter columns, its edges the separators) in the middle; with one log
 * (single 1: only the left, 2: only the right) that pane takes the whole
 * width and the others are empty.
 */
#define LAYOUT_GUTTER 10
void layout_sbs(const struct rect *body, int gutter, int single, struct rect *l, struct rect *g, struct rect *r);

#endif
