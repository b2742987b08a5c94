/*
 * app.c - the console's loop (see app.h).
 *
 * One poll() over the keyboard (and the live sessions' sockets) with a
 * timeout that is the next replay deadline (or a short tick while
 * loading). Input (input.c) only appends lines and sets flags; the
 * analysis is re-run at most every ANALYSE_MS; the screen is redrawn once
 * per iteration when dirty. SIGINT/SIGTERM/SIGHUP end the loop, and every
 * exit path - including a fatal error - restores the terminal. Keys go to
 * dispatch.c, the rows of the side-by-side view come from rows.c.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "app.h"
#include "input/record.h"
#include "report/analysis_report.h"
#include "report/session_report.h"
#include "checklist/persist.h"
#include "base/util.h"
#include "config/cdiff.h"

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

/* --- drawing --- */

/* The whole screen, from the model. */
static void draw(struct app *a)
{
	getmaxyx(stdscr, a->rows, a->cols);
	layout_compute(a->cols, a->rows, a->detail, &a->lay);
	erase();
	if (!a->lay.ok) {
		struct rect all = { 0, 0, a->rows, a->cols };

		draw_wrapped(a, &all, 0, msg(M_U_TOO_SMALL, a->o->lang), A_BOLD);
		refresh();
		return;
	}
	for (size_t k = 0; k < sizeof a->rowmap / sizeof a->rowmap[0]; k++)
		a->rowmap[k] = -1;
	if (a->view == V_SBS)
		rows_update(a);
	app_views[a->view]->draw(a);
	draw_header(a);
	draw_status(a);
	draw_hints(a);
	if (!a->prompting)
		curs_set(0);
	else
		curs_set(1);
	refresh();
}

/* The checklist again: evidence may have changed, or a wait run out. */
void app_resync(struct app *a)
{
	int start = a->cl.start, moves = a->cl.nlog;

	a->world.now_ms = wall_ms();     /* the clock of the answers' times */
	/* offline and fully loaded: what the logs do not show did not happen */
	a->world.complete = a->sess == NULL && !app_loading(a) && (!a->o->replay || a->replay_done);
	checklist_sync(&a->cl, analysis_sides(a->an), analysis_alignment(a->an), analysis_diagnosis(a->an), &a->world);
	for (int i = moves; i < a->cl.nlog; i++)
		if (a->cl.log[i].kind == CE_MOVED && start >= 0 && a->cl.start != start) {
			a->cl_moved_ms = mono_ms();
			a->cl_follow = 1;
			/* while a command runs its notice stays: it ends with
			 * "finished", and the walk shown has moved already */
			if (a->run_node < 0) {
				app_set_message(a, M_CL_MOVED, NULL);
				a->message_until_ms = a->cl_moved_ms + CL_MOVED_GUARD_MS;
			}
		}
	a->last_sync_ms = mono_ms();
	a->dirty = 1;
}

/*
 * The log time now (left clock), for a negotiation in progress: a replay's
 * clock; live, the logs' end plus the time since the last line came in;
 * offline, the end of the logs.
 */
static int64_t log_now(const struct app *a)
{
	const struct side *sd = analysis_sides(a->an);
	const struct alignment *al = analysis_alignment(a->an);
	int64_t off = al->offset_known ? al->offset_us : 0, end = 0;
	int have = 0;

	if (a->o->replay && !a->replay_done) {
		int64_t at = a->replay_base_us;

		if (!a->paused)
			at += (int64_t)((double)(mono_ms() - a->replay_start_ms) * 1000.0 * a->speed);
		for (int s = 0; s < 2; s++)
			if (a->side[s].src != NULL && linestore_count(a->side[s].src) > 0)
				return a->side[s].t0 + at - (s == 1 ? off : 0);
	}
	if (a->sess == NULL)
		return PROGRESS_END_OF_LOGS;
	for (int s = 0; s < 2; s++)
		if (sd[s].has_t && sd[s].nlines > 0 && (!have || sd[s].t_last - (s ? off : 0) > end)) {
			end = sd[s].t_last - (s ? off : 0);
			have = 1;
		}
	return have ? end + (mono_ms() - a->last_line_ms) * 1000 : PROGRESS_END_OF_LOGS;
}

static void analyse(struct app *a)
{
	analysis_set_now(a->an, log_now(a));
	analysis_update(a->an);
	parts_status(a);
	app_resync(a);
	a->last_analyse_ms = mono_ms();
	a->analyse_due = 0;
	a->vis_dirty = 1;
	a->dirty = 1;
}

int app_loading(const struct app *a)
{
	return a->side[0].fd >= 0 || a->side[1].fd >= 0;
}

static void setup_colors(struct app *a)
{
	const char *nc = getenv("NO_COLOR");

	a->color = has_colors() && (nc == NULL || *nc == '\0');
	if (!a->color)
		return;
	start_color();
	use_default_colors();
	init_pair(C_ERROR, COLOR_RED, -1);
	init_pair(C_WARNING, COLOR_YELLOW, -1);
	init_pair(C_EVENT, COLOR_CYAN, -1);
	init_pair(C_BENIGN, COLOR_GREEN, -1);
	init_pair(C_BAR, COLOR_BLACK, COLOR_CYAN);
	init_pair(C_LOST, COLOR_RED, -1);
	init_pair(C_MATCH, COLOR_BLACK, COLOR_YELLOW);
	init_pair(C_MARK, COLOR_MAGENTA, -1);
	init_pair(C_DIM, COLOR_BLUE, -1);
}

static void app_free(struct app *a)
{
	session_free(a->sess);
	for (int s = 0; s < 2; s++) {
		if (a->side[s].fd >= 0)
			close(a->side[s].fd);
		free(a->side[s].buf);
		free(a->side[s].name);
		free(a->side[s].parts);
		linestore_free(a->side[s].ls);
		sb_free(&a->side[s].rbuf);
		linestore_free(a->side[s].src);
	}
	if (a->have_filter)
		regfree(&a->filter_re);
	if (a->have_search)
		regfree(&a->search_re);
	free(a->rows_all);
	free(a->stat_set);
	free(a->vis);
	free(a->run_cmd[0]);
	free(a->run_cmd[1]);
	free(a->ping_cmd);
	free(a->status_why);
	checklist_clear(&a->cl);
	if (a->cfg != NULL)
		cdiff_clear(a->cfg);
	free(a->cfg);
	free(a->cfg_why);
	sb_free(&a->ping_ev);
	sb_free(&a->ping_out);
	analysis_free(a->an);
}

/* At the end: the session report and the checklist kept with a recording. */
static int finish(struct app *a)
{
	struct record_side conn[2];
	struct report_opts ro = { a->o->lang, 100, a->utf8, 20, TD_VERSION, NULL, NULL, NULL, a->config };
	struct sreport r = { a->an, &a->cl, &ro, a->started_ms, wall_ms() };
	int rc = 0;

	analyse(a);
	if (a->sess != NULL) {
		session_conn(a->sess, conn);
		ro.conn = conn;
	}
	if (a->o->live != NULL && a->o->live->record_dir != NULL) {
		char *p = xasprintf("%s/checklist.json", a->o->live->record_dir);

		if (checklist_save(&a->cl, p) != 0) {
			fprintf(stderr, "tunneldoc: %s: %s\n", p, strerror(errno));
			rc = 3;
		}
		free(p);
	}
	if (a->o->report != NULL) {
		if (sreport_write(a->o->report, &r) != 0) {
			fprintf(stderr, "tunneldoc: %s %s: %s; %s\n", msg(M_R_CANNOT_WRITE, a->o->lang), a->o->report, strerror(errno),
			    a->o->live != NULL && a->o->live->record_dir != NULL
				? msg(M_U_REPORT_AGAIN, a->o->lang) : msg(M_U_REPORT_CHECK_DIR, a->o->lang));
			rc = 3;
		} else {
			fprintf(stderr, "tunneldoc: %s: %s\n", msg(M_R_WRITTEN, a->o->lang), a->o->report);
		}
	}
	return rc;
}

/* Benchmark: time to first frame, to loaded, and per keypress. */
static void bench_run(struct app *a, FILE *out, int64_t t_start)
{
	static const int keys[] = { KEY_NPAGE, KEY_NPAGE, KEY_PPAGE, 'G', 'g', '2', '3', '1', 'j', 'k', 'e', 'e', KEY_END };
	int64_t t_first = -1, t_loaded, worst = 0, sum = 0;
	int n = 0;
	struct rusage ru;

	while (app_loading(a) || t_first < 0) {
		for (int s = 0; s < 2; s++)
			input_load(a, s);
		if (a->analyse_due && (!app_loading(a) || mono_ms() - a->last_analyse_ms >= ANALYSE_MS))
			analyse(a);
		draw(a);
		if (t_first < 0)
			t_first = mono_ms() - t_start;
	}
	analyse(a);
	draw(a);
	t_loaded = mono_ms() - t_start;
	for (int round = 0; round < 20; round++)
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			int64_t t0 = mono_ms(), d;

			app_handle_key(a, keys[k]);
			draw(a);
			d = mono_ms() - t0;
			sum += d;
			worst = d > worst ? d : worst;
			n++;
		}
	getrusage(RUSAGE_SELF, &ru);
	fprintf(out, "console: %zu + %zu lines; first frame %lld ms; all loaded and analysed %lld ms; "
	    "keypress+redraw mean %.1f ms, worst %lld ms (%d keys); peak RSS %.1f MB\n",
	    linestore_count(a->side[0].ls), linestore_count(a->side[1].ls), (long long)t_first,
	    (long long)t_loaded, (double)sum / n, (long long)worst, n, (double)ru.ru_maxrss / 1024.0);
}

/* Benchmark mode: a terminal of 200x50 on /dev/null, the report to o->bench. */
static int bench_main(struct app *a, int64_t t_start)
{
	FILE *devnull = fopen("/dev/null", "w+");
	FILE *out = strcmp(a->o->bench, "-") == 0 ? stdout : fopen(a->o->bench, "w");
	SCREEN *scr = devnull != NULL && out != NULL ? newterm("xterm-256color", devnull, devnull) : NULL;

	if (scr != NULL) {
		set_term(scr);
		resizeterm(50, 200);
		setup_colors(a);
		bench_run(a, out, t_start);
		endwin();
		delscreen(scr);
	}
	if (devnull != NULL)
		fclose(devnull);
	if (out != NULL && out != stdout)
		fclose(out);
	return scr != NULL ? 0 : 1;
}

/* The live sides: a session over SSH; 0 when it could be set up. */
static int open_live(struct app *a)
{
	const struct session_opts *lo = a->o->live;
	char *err = NULL;

	for (int s = 0; s < 2; s++) {
		a->side[s].fd = -1;
		a->side[s].ls = linestore_new();
		if (lo->side[s].target != NULL) {
			a->side[s].path = lo->side[s].target;
			a->side[s].name = xstrdup(lo->side[s].target);
		}
	}
	a->sess = session_new(lo, app_live_line, a, &err);
	if (a->sess == NULL) {
		fprintf(stderr, "tunneldoc: %s\n", err);
		free(err);
		return -1;
	}
	for (int s = 0; s < 2; s++)
		if (lo->side[s].target != NULL)
			analysis_open_side(a->an, (enum side_id)s, lo->side[s].target, session_dialect(a->sess, s));
	return 0;
}

/* The model before anything is read. */
static void app_init(struct app *a, const struct ui_opts *o)
{
	const char *cs;

	memset(a, 0, sizeof *a);
	a->o = o;
	a->kb = o->kb;
	a->an = analysis_new(o->kb);
	a->speed = o->speed > 0 ? o->speed : 1;
	a->locked = 1;
	a->follow = 1;
	a->conn_filter = -1;
	a->built_l = a->built_r = (size_t)-1;
	analysis_set_observer(a->an, app_observe, a);
	/* live and replayed logs are watched as they grow: a finding whose
	 * lost message arrives later stays, resolved by the answer's line */
	if (o->live != NULL || o->replay)
		analysis_keep_vanished(a->an);
	checklist_init(&a->cl, o->kb);
	a->config = o->config;
	a->world.config = o->config;   /* the "same on both sides" checks, view 5 */
	a->cl_follow = 1;
	a->run_node = a->run_confirm_node = -1;
	a->started_ms = wall_ms();
	for (int s = 0; s < 2; s++)
		if (o->lan_ip[s] != NULL)
			snprintf(a->lan_ip[s], sizeof a->lan_ip[s], "%s", o->lan_ip[s]);
	cs = nl_langinfo(CODESET);
	a->utf8 = !o->ascii && cs != NULL && strcmp(cs, "UTF-8") == 0;
}

/* The terminal: curses on, signals caught, a fatal error restores it. */
static void screen_start(struct app *a)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	td_set_fatal_hook(restore_terminal);
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	if (!a->o->no_mouse) {
		/* a press selects (no click timing: a click is never missed) */
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	setup_colors(a);
	a->replay_start_ms = mono_ms();
	a->dirty = 1;
}

/*
 * Live: once both sides stream, read both configurations (read-only
 * commands of the profiles, --config-cmd, the site book) and compare them,
 * once. It blocks for as long as the commands run (lines keep arriving);
 * the hint line says so first.
 */
static void live_config(struct app *a)
{
	for (int k = 0; k < 2; k++)
		if (live_state(session_live(a->sess, k)) != LS_STREAMING)
			return;
	a->cfg_done = 1;
	app_set_message(a, M_CG_READING, NULL);
	draw(a);
	a->cfg = xcalloc(1, sizeof *a->cfg);
	if (a->o->config_fetch(a->o->config_ctx, a->sess, a->cfg, &a->cfg_why) == 0) {
		a->config = a->cfg;
		a->world.config = a->cfg;
		app_set_message(a, M_CG_READ, NULL);
	} else {
		free(a->cfg);
		a->cfg = NULL;
		app_set_message(a, M_CG_NOT_READ, NULL);
	}
	a->message_until_ms = mono_ms() + 5000;
	a->analyse_due = 1;
}

/* One round's work before waiting: sessions, input, analysis, redraw. */
static void loop_work(struct app *a)
{
	if (a->sess != NULL) {
		session_step(a->sess, mono_ms());
		if (!a->cfg_done && a->o->config_fetch != NULL)
			live_config(a);
		checklist_poll_runs(a);
		app_live_questions(a);
		a->dirty = 1;   /* connection states change the status line */
	}
	if (a->o->replay)
		replay_pump(a);
	for (int s = 0; s < 2; s++)
		input_load(a, s);
	/* in progress: its age moves on and it runs out without a new line */
	if (analysis_diagnosis(a->an)->progress.active && mono_ms() - a->last_analyse_ms >= 1000)
		a->analyse_due = 1;
	if (a->analyse_due && (mono_ms() - a->last_analyse_ms >= ANALYSE_MS || (!app_loading(a) && !a->o->replay)))
		analyse(a);
	else if (a->sess != NULL && mono_ms() - a->last_sync_ms >= 1000)
		app_resync(a);   /* a live check may be waiting for time to pass */
	if (a->message_until_ms != 0 && mono_ms() >= a->message_until_ms) {
		a->message[0] = '\0';
		a->message_until_ms = 0;
		a->dirty = 1;
	}
	if (a->dirty) {
		draw(a);
		a->dirty = 0;
	}
}

/* How long poll() may wait (ms, -1: for a key), and the fds it watches. */
static int loop_timeout(struct app *a, struct pollfd *pfd, int *npfd)
{
	int timeout = 250;

	if (app_loading(a))
		timeout = 0;
	else if (a->o->replay && replay_wait(a) >= 0)
		timeout = replay_wait(a);
	if (a->analyse_due && (timeout < 0 || timeout > ANALYSE_MS))
		timeout = ANALYSE_MS;
	if (a->sess != NULL) {
		int lt;

		*npfd += session_pollfds(a->sess, pfd + 1, mono_ms(), &lt);
		if (lt >= 0 && (timeout < 0 || lt < timeout))
			timeout = lt;
		if (timeout < 0 || timeout > 500)
			timeout = 500;   /* the status line shows retry countdowns */
	}
	return timeout;
}

int ui_main(const struct ui_opts *o)
{
	struct app a;
	int rc;
	int64_t t_start = mono_ms();

	app_init(&a, o);
	if (o->live != NULL ? open_live(&a) != 0 : input_open(&a) != 0) {
		app_free(&a);
		return o->live != NULL ? 2 : 1;
	}
	if (o->bench != NULL) {
		rc = bench_main(&a, t_start);
		app_free(&a);
		return rc;
	}
	screen_start(&a);
	while (!a.quit && !got_signal) {
		struct pollfd pfd[3] = { { STDIN_FILENO, POLLIN, 0 } };
		int npfd = 1, timeout, ch;

		loop_work(&a);
		timeout = loop_timeout(&a, pfd, &npfd);
		if (poll(pfd, (nfds_t)npfd, timeout) < 0 && errno != EINTR)
			break;
		while ((ch = getch()) != ERR)
			app_handle_key(&a, ch == '\r' ? '\n' : ch);
	}
	endwin();
	td_set_fatal_hook(NULL);
	rc = finish(&a);
	app_free(&a);
	return got_signal ? 128 + got_signal : rc;
}
