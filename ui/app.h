/*
 * app.h - the console's one application struct, shared by the views.
 *
 * Model: the analysis (core), one line store per side, and the view state.
 * Input (a file loaded in chunks, or a replay at the pace of the
 * timestamps) only appends lines and marks the screen dirty; the loop in
 * app.c re-runs the analysis at most every ANALYSE_MS and redraws once per
 * iteration, never from inside input handling (tmux's rule).
 *
 * The files: app.c the loop, input.c input and replay, rows.c the merged
 * rows and filters, dispatch.c keys and prompts (and the one views table),
 * draw.c drawing helpers, ui/views/ one file per view.
 */
#ifndef TD_APP_H
#define TD_APP_H

#include <curses.h>
#include <regex.h>
#include <stdint.h>

#include "pipeline/analysis.h"
#include "checklist/checklist.h"
#include "keys.h"
#include "layout.h"
#include "view.h"
#include "base/clock.h"
#include "base/linestore.h"
#include "base/redact.h"
#include "base/util.h"
#include "live/session.h"
#include "ui.h"

#define ANALYSE_MS 200
#define LOAD_CHUNK (1 << 20)     /* bytes read per loop iteration */

struct app;

/* A view: one file each (view_*.c). */
struct view_ops {
	enum view_id id;
	enum msg name;
	void (*draw)(struct app *a);
	/* Handle an action; return 1 if handled (the screen is redrawn). */
	int (*action)(struct app *a, enum action act);
};

extern const struct view_ops view_sbs, view_ladder, view_findings, view_checklist, view_config, view_help;
/* dispatch.c: the one table of views, indexed by enum view_id */
extern const struct view_ops *const app_views[V_COUNT];

/* Where a stored line's parts are (parts.c); ok 0: show it whole. */
struct lpart {
	uint16_t tlen;                 /* bytes of timestamp at the start */
	uint16_t moff;                 /* where the message starts (the prefix before it) */
	uint8_t ok;
	uint8_t stat;                  /* ladder status of its step + 1; 0: none */
	uint8_t sev;                   /* the line's severity (lineinfo.sev), for the filter */
};

/* One side's input: the whole file is read into src (replay) or read in
 * chunks (load); lines are copied to the line store and the analysis. */
struct uside {
	const char *path;
	char *name;
	struct linestore *ls;          /* lines shown (redacted) */
	struct redact_state rstate;    /* the side as one stream: PEM blocks span lines */
	struct strbuf rbuf;            /* the redacted line */
	int fd;                        /* load: open file, -1 when done */
	char *buf;
	size_t have;
	int skipping;
	uint64_t size;                 /* a regular file's size when opened (0: other) */
	uint64_t pos;                  /* bytes read so far */
	/* replay */
	struct linestore *src;         /* all lines, released over time */
	size_t next;                   /* next line of src to release */
	int64_t t0;                    /* first timestamp of src */
	int dialect;
	/* unlocked scrolling */
	size_t top;
	/* the lines' parts */
	struct lpart *parts;
	size_t nparts, capparts;
};

/* A row of the side-by-side view: a line of each side or a gap (-1). */
struct mrow {
	int32_t l, r;
};

struct app {
	const struct ui_opts *o;
	const struct kb *kb;
	struct analysis *an;
	struct uside side[2];
	struct checklist cl;
	struct cl_world world;
	int64_t started_ms;
	enum view_id view;
	struct layout lay;
	int rows, cols;
	int dirty, analyse_due, quit;
	int64_t last_analyse_ms, last_sync_ms;
	int64_t last_line_ms;          /* when the last line came in (live: the log's "now") */
	int color, utf8;
	/* replay */
	int paused;
	double speed;
	int64_t replay_start_ms;       /* wall clock when the replay (re)started */
	int64_t replay_base_us;        /* log time already replayed at that moment */
	int replay_done;
	/* side by side */
	struct mrow *rows_all;         /* merged rows, rebuilt when lines arrive */
	size_t nrows_all, caprows_all;
	size_t built_l, built_r;       /* line counts the rows were built from */
	int64_t built_offset;
	/* where an incremental rebuild resumes: after the last anchor */
	size_t res_rows, res_pi, res_pj;
	int64_t last_rows_ms;
	int built_partial;             /* anchoring stopped where the right side ended */
	size_t *stat_set;              /* lines whose ladder status is set: line << 1 | side */
	size_t nstat_set, capstat_set;
	size_t *vis;                   /* indexes into rows_all after filters */
	size_t nvis, capvis;
	int vis_all;                   /* no filter: vis is rows_all itself */
	int vis_dirty;
	size_t cur, top;               /* cursor and first shown row (locked) */
	int locked, follow, focus;     /* focus: 0 left, 1 right (unlocked) */
	int full_lines;                /* lines as logged (0: short time and message) */
	int hscroll;                   /* columns scrolled sideways */
	/* filters and search */
	int errors_only;
	int conn_filter;               /* -1 all, else index into the left side's conns */
	char conn_name[96];
	regex_t filter_re;
	int have_filter;
	regex_t search_re;
	int have_search;
	char search_text[256];
	/* other views */
	size_t lad_cur, lad_top;
	int fnd_cur, fnd_ev;
	int fnd_scroll;                /* rows of the finding's detail scrolled */
	int cl_cur, cl_follow;          /* cursor; follow the open node */
	int64_t cl_moved_ms;           /* when the walk last moved by itself */
	int64_t message_until_ms;      /* the message goes away then (0: at a key) */
	char lan_ip[2][64];            /* internal addresses of the gateways */
	int run_node;                  /* node whose command runs, -1 none */
	int run_sides;                 /* bit per side running it */
	char *run_cmd[2];              /* the commands, whole (NULL: none on that side) */
	int run_confirm_node;          /* asking before running, -1 none */
	/* a ping step: status (counters before), the ping, status (after) */
	int run_stage;
	char *ping_cmd;
	char *status_why;              /* what the status commands told (world.status_why) */
	struct strbuf ping_ev;
	int ping_ok;
	uint64_t cnt0[2][4];
	int have_cnt0[2];
	/* for the result pane (results.c): the ping's output and exit status,
	 * the counters after, whether a status command was run for them */
	struct strbuf ping_out;
	int ping_status;
	uint64_t cnt1[2][4];
	int have_cnt1[2], cnt_tried[2];
	int prompt_yesno;              /* the prompt takes y/n alone (no Enter) */
	int help_top;
	int cfg_top;                   /* view 5: first line shown */
	const struct cdiff *config;    /* the comparison shown: given (o->config) or read live (cfg) */
	struct cdiff *cfg;             /* read from the gateways once (config_fetch) */
	int cfg_done;                  /* the live read was tried */
	char *cfg_why;                 /* why it gave no comparison */
	long rowmap[512];              /* per screen row: what the view drew there (-1: nothing) */
	int detail;                    /* detail pane open */
	/* prompt line */
	int prompting;
	enum msg prompt_label;
	char prompt[256];
	size_t prompt_len;
	void (*prompt_done)(struct app *a, const char *text);
	char message[256];             /* one-shot message on the hints line */
	int prompt_secret;             /* show * instead of what is typed */
	/* live */
	struct session *sess;
	int asking;                    /* a side's host key question is shown */
	int ask_side;
};

/* Answer keys are ignored this long after the walk moved by itself (the
 * key was meant for the node that was there); the message says so. */
#define CL_MOVED_GUARD_MS 1500

/* run.c: the commands of a checklist step */
void checklist_poll_runs(struct app *a); /* collect the results, answer the step */
void run_action(struct app *a);          /* r on the selected node */
const char *run_shown(const struct app *a);
int checklist_selected(struct app *a);   /* the selected node, -1 none */

/* results.c: the result pane of the checklist view */
void results_ping_text(struct app *a, struct strbuf *b, const char *node_text);
void results_status_text(struct app *a, struct strbuf *b, int s, const char *out, int status, const char *why);
int draw_results(struct app *a, int y, int h);   /* rows used */
int results_rows(struct app *a);                 /* rows it wants */

/* app.c */
void app_resync(struct app *a);          /* the checklist again after an answer */
int app_loading(const struct app *a);    /* a side's file is still being read */

/* input.c */
int input_open(struct app *a);           /* open both sides' files; -1 said on stderr */
void input_load(struct app *a, int s);   /* read the next chunk of side s */
void app_observe(void *ctx, enum side_id side, uint64_t lineno, const struct parsed *p);
void app_live_line(void *ctx, int side, const char *line, size_t len);
void replay_pump(struct app *a);         /* release the lines that are due */
int replay_wait(struct app *a);          /* ms until the next line is due, -1 none */
void replay_retime(struct app *a);       /* before a pause or a speed change */

/* parts.c */
void parts_note(struct app *a, int s, size_t i, const struct lineinfo *li, const struct parsed *p);
void parts_status(struct app *a);        /* after an analysis: the steps' status */
const struct lpart *parts_get(const struct app *a, int s, size_t i);
/* The line's connection prefix (without ": "); its length, 0: none. */
size_t parts_prefix(const struct app *a, int s, size_t i, const char **p);
/* The line's time of day, to 1/100 s, into buf; its length, 0: none. */
size_t parts_short_time(const struct app *a, int s, size_t i, char *buf, size_t sz);

/* The date of the line's stamp as logged (before the time of day); 0: none. */
size_t parts_date(const struct app *a, int s, size_t i, char *buf, size_t sz);

/* rows.c */
void rows_update(struct app *a);         /* merge new lines, apply the filters */
void app_goto_line(struct app *a, int side, size_t line);

/* dispatch.c */
void app_set_message(struct app *a, enum msg m, const char *extra);
void app_prompt(struct app *a, enum msg label, void (*done)(struct app *a, const char *text));
void app_handle_key(struct app *a, int ch);
void app_live_questions(struct app *a);  /* a host key or password to ask */

/* The merged row at visible position k. */
static inline const struct mrow *vis_row(const struct app *a, size_t k)
{
	return &a->rows_all[a->vis_all ? k : a->vis[k]];
}

/* view_sbs.c */
void sbs_start_search(struct app *a);

/* draw.c */
enum { C_ERROR = 1, C_WARNING, C_EVENT, C_BENIGN, C_BAR, C_LOST, C_MATCH, C_MARK, C_DIM };
int color_attr(struct app *a, int pair);
int line_attr(struct app *a, const struct lineinfo *li);
void draw_text(struct app *a, int y, int x, int w, const char *s, size_t len, int attr);
/* As draw_text, with the bytes [hs, he) of s in hattr (a search match). */
void draw_text_hl(struct app *a, int y, int x, int w, const char *s, size_t len, int attr,
    size_t hs, size_t he, int hattr);
/* Bytes of s that take cols columns on screen; columns of s. */
size_t text_skip(const struct app *a, const char *s, size_t len, int cols);
int text_width(const struct app *a, const char *s, size_t len);
void draw_fill(int y, int x, int w, int attr);
void draw_header(struct app *a);
void draw_status(struct app *a);
void draw_hints(struct app *a);
/* Wrap s into the rectangle starting at row y; returns rows used. */
int draw_wrapped(struct app *a, const struct rect *r, int y, const char *s, int attr);
/* As draw_wrapped, the first *skip rows not drawn (and taken off *skip). */
int draw_wrapped_skip(struct app *a, const struct rect *r, int y, const char *s, int attr, int *skip);
const char *hbar(struct app *a);

#endif
