/*
 * session.c - see session.h.
 */
#include "live/session.h"
#include "live/remote.h"
#include "base/clock.h"
#include "base/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What a live stream's line callback needs to know. */
struct sidecb {
	struct session *s;
	int side;
};

struct session {
	struct session_opts o;
	struct live *live[2];
	struct device autodev;       /* --profile auto: every exec profile */
	struct device filedev[2];    /* --log-file: the profile, one file */
	char *filelist[2][1];
	struct device statdev[2];    /* --status-cmd: the profile, that command */
	char *statlist[2][1];
	const struct device *dev[2];
	struct recorder *rec;
	session_line_fn fn;
	void *ctx;
	struct sidecb cb[2];
	int in_status[2];            /* snapshot: past the status marker */
	struct strbuf status[2];
};

static void on_line(void *ctx, const char *line, size_t len)
{
	struct sidecb *cb = ctx;
	struct session *s = cb->s;
	int side = cb->side;

	if (s->o.snapshot) {
		if (len == strlen(LIVE_STATUS_MARK) && memcmp(line, LIVE_STATUS_MARK, len) == 0) {
			s->in_status[side] = 1;
			return;
		}
		if (s->in_status[side]) {
			if (len > strlen(LIVE_CMD_MARK) && memcmp(line, LIVE_CMD_MARK, strlen(LIVE_CMD_MARK)) == 0)
				sb_addf(&s->status[side], "$ %.*s\n", (int)(len - strlen(LIVE_CMD_MARK)), line + strlen(LIVE_CMD_MARK));
			else {
				sb_add(&s->status[side], line, len);
				sb_addc(&s->status[side], '\n');
			}
			return;
		}
	}
	if (s->rec != NULL)
		recorder_line(s->rec, side, line, len, wall_ms());
	s->fn(s->ctx, side, line, len);
}

/*
 * --profile auto: probing is following the first log file that exists, in
 * the order of every exec profile's files, then their commands.
 */
static void build_auto(struct session *s)
{
	const struct kb *kb = s->o.kb;
	size_t nf = 0, nc = 0;

	for (int i = 0; i < kb->ndevices; i++)
		if (kb->devices[i].mode == LOG_EXEC) {
			nf += (size_t)kb->devices[i].nfiles;
			nc += (size_t)kb->devices[i].ncommands;
		}
	s->autodev.id = "auto";
	s->autodev.name = "auto";
	s->autodev.dialect = -1;
	s->autodev.mode = LOG_EXEC;
	s->autodev.files = xcalloc(nf + 1, sizeof(char *));
	s->autodev.commands = xcalloc(nc + 1, sizeof(char *));
	for (int i = 0; i < kb->ndevices; i++) {
		const struct device *d = &kb->devices[i];

		if (d->mode != LOG_EXEC)
			continue;
		for (int k = 0; k < d->nfiles; k++) {
			int dup = 0;

			for (int m = 0; m < s->autodev.nfiles; m++)
				dup |= strcmp(s->autodev.files[m], d->files[k]) == 0;
			if (!dup)
				s->autodev.files[s->autodev.nfiles++] = d->files[k];
		}
		for (int k = 0; k < d->ncommands; k++)
			s->autodev.commands[s->autodev.ncommands++] = d->commands[k];
	}
}

struct session *session_new(const struct session_opts *o, session_line_fn fn, void *ctx, char **err)
{
	struct session *s = xcalloc(1, sizeof *s);

	s->o = *o;
	s->fn = fn;
	s->ctx = ctx;
	build_auto(s);
	for (int k = 0; k < 2; k++) {
		const char *p = o->side[k].profile ? o->side[k].profile : "auto";

		if (o->side[k].target == NULL)
			continue;
		s->dev[k] = strcmp(p, "auto") == 0 ? &s->autodev : kb_device(o->kb, p);
		if (s->dev[k] == NULL) {
			struct strbuf b = {0};

			for (int i = 0; i < o->kb->ndevices; i++)
				sb_addf(&b, "%s, ", o->kb->devices[i].id);
			*err = xasprintf(msg(M_LV_UNKNOWN_PROFILE, o->lang), p, b.s ? b.s : "");
			sb_free(&b);
			session_free(s);
			return NULL;
		}
	}
	for (int k = 0; k < 2; k++) {
		const char *j = o->side[k].jump;

		if (o->side[k].target != NULL && j != NULL && !remote_jump_ok(j)) {
			*err = xasprintf(msg(M_LV_JUMP_OPTION, o->lang), o->side[k].target, j);
			session_free(s);
			return NULL;
		}
	}
	for (int k = 0; k < 2; k++) {
		const char *f = o->side[k].log_file;

		if (o->side[k].target == NULL || f == NULL)
			continue;
		if (strpbrk(f, "'\"`$\\\n") != NULL) {
			*err = xasprintf(msg(M_LV_BAD_LOG_FILE, o->lang), f);
			session_free(s);
			return NULL;
		}
		s->filedev[k] = *s->dev[k];
		s->filedev[k].mode = LOG_EXEC;
		s->filelist[k][0] = (char *)f;
		s->filedev[k].files = s->filelist[k];
		s->filedev[k].nfiles = 1;
		s->filedev[k].ncommands = 0;
		s->dev[k] = &s->filedev[k];
	}
	for (int k = 0; k < 2; k++) {
		if (o->side[k].status_cmd == NULL || s->dev[k] == NULL)
			continue;
		s->statdev[k] = *s->dev[k];
		s->statlist[k][0] = (char *)o->side[k].status_cmd;
		s->statdev[k].status = s->statlist[k];
		s->statdev[k].nstatus = 1;
		s->dev[k] = &s->statdev[k];
	}
	if (o->record_dir != NULL && (s->rec = recorder_open(o->record_dir, o->snapshot ? "snapshot" : "session")) == NULL) {
		*err = xasprintf(msg(M_LV_CANNOT_RECORD, o->lang), o->record_dir, strerror(errno));
		session_free(s);
		return NULL;
	}
	for (int k = 0; k < 2; k++) {
		struct live_cfg c = {0};

		if (o->side[k].target == NULL)
			continue;
		c.target = o->side[k].target;
		c.identity = o->identity;
		c.known_hosts = o->known_hosts;
		c.ssh_config = o->ssh_config;
		c.jump = o->side[k].jump;
		c.accept_new = o->accept_new;
		c.dev = s->dev[k];
		c.log_cmd = o->side[k].log_cmd;
		c.backlog = o->backlog;
		c.interactive = o->interactive;
		c.connect_timeout = o->connect_timeout;
		c.snapshot = o->snapshot;
		c.lang = o->lang;
		s->cb[k].s = s;
		s->cb[k].side = k;
		s->live[k] = live_new(&c, on_line, &s->cb[k]);
	}
	return s;
}

int session_free(struct session *s)
{
	int rc = 0;

	if (s == NULL)
		return 0;
	if (s->rec != NULL) {
		struct record_side rs[2];

		for (int k = 0; k < 2; k++)
			if (s->o.snapshot && s->live[k] != NULL)
				if (recorder_file(s->rec, k ? "right-status.txt" : "left-status.txt",
					s->status[k].s ? s->status[k].s : "", s->status[k].len) != 0)
					rc = -1;
		session_conn(s, rs);
		if (recorder_close(s->rec, rs) != 0)
			rc = -1;
	}
	sb_free(&s->status[0]);
	sb_free(&s->status[1]);
	for (int k = 0; k < 2; k++)
		live_free(s->live[k]);
	free(s->autodev.files);
	free(s->autodev.commands);
	free(s);
	return rc;
}

int session_pollfds(struct session *s, struct pollfd *pfd, int64_t now, int *timeout)
{
	int n = 0;

	*timeout = -1;
	for (int k = 0; k < 2; k++) {
		short ev;
		int fd, t;

		if (s->live[k] == NULL)
			continue;
		fd = live_pollfd(s->live[k], &ev);
		if (fd >= 0) {
			pfd[n].fd = fd;
			pfd[n].events = ev;
			pfd[n].revents = 0;
			n++;
		}
		t = live_timeout(s->live[k], now);
		if (t >= 0 && (*timeout < 0 || t < *timeout))
			*timeout = t;
	}
	return n;
}

void session_step(struct session *s, int64_t now)
{
	for (int k = 0; k < 2; k++)
		if (s->live[k] != NULL)
			live_step(s->live[k], now);
}

struct live *session_live(struct session *s, int side)
{
	return s->live[side];
}

int session_dialect(const struct session *s, int side)
{
	return s->dev[side] != NULL ? s->dev[side]->dialect : -1;
}

const struct device *session_device(const struct session *s, int side)
{
	return s != NULL && side >= 0 && side < 2 ? s->dev[side] : NULL;
}

void session_conn(struct session *s, struct record_side out[2])
{
	memset(out, 0, 2 * sizeof *out);
	for (int k = 0; k < 2; k++) {
		struct live *l = s->live[k];

		if (l == NULL)
			continue;
		out[k].target = s->o.side[k].target;
		out[k].profile = s->dev[k] ? s->dev[k]->id : NULL;
		out[k].lines = live_lines(l);
		out[k].reconnects = live_reconnects(l);
		out[k].state = live_state(l) == LS_FAILED ? "failed" : live_state(l) == LS_STREAMING ? "streaming" :
		    live_state(l) == LS_DONE ? "done" : "connecting";
		out[k].error = live_error(l);
		out[k].rotations = live_stream_stats(l)->rotations;
		out[k].truncations = live_stream_stats(l)->truncations;
		out[k].replacements = live_stream_stats(l)->replacements;
		out[k].rotation_gaps = live_stream_stats(l)->gaps;
		out[k].longest_silence_ms = live_longest_silence(l);
	}
}

int session_all_failed(const struct session *s)
{
	int any = 0;

	for (int k = 0; k < 2; k++) {
		if (s->live[k] == NULL)
			continue;
		any = 1;
		if (live_state(s->live[k]) != LS_FAILED)
			return 0;
	}
	return any;
}

int session_unreached(const struct session *s, int side)
{
	return side >= 0 && side < 2 && s->live[side] != NULL && !live_ever_streamed(s->live[side]);
}

int session_none_reached(const struct session *s)
{
	int any = 0;

	for (int k = 0; k < 2; k++) {
		if (s->live[k] == NULL)
			continue;
		any = 1;
		if (!session_unreached(s, k))
			return 0;
	}
	return any;
}

int session_finished(const struct session *s)
{
	for (int k = 0; k < 2; k++)
		if (s->live[k] != NULL && live_state(s->live[k]) != LS_FAILED && live_state(s->live[k]) != LS_DONE)
			return 0;
	return 1;
}

/* "left: 523 lines [streaming] | right: ..." on stderr (a terminal). */
static void batch_progress(struct session *s, struct progress *pg, int64_t left_ms)
{
	struct strbuf b = {0};

	if (pg == NULL || !pg->on)
		return;
	for (int k = 0; k < 2; k++) {
		struct live *l = s->live[k];

		if (l == NULL)
			continue;
		sb_addf(&b, "%s: %llu %s [%s] | ", msg(k ? M_SIDE_RIGHT : M_SIDE_LEFT, s->o.lang),
		    (unsigned long long)live_lines(l), msg_n(M_LINES, live_lines(l), s->o.lang), live_status(l, s->o.lang));
	}
	sb_addf(&b, "%lld s", (long long)(left_ms + 999) / 1000);
	progress_text(pg, b.s);
	sb_free(&b);
}

int session_run_batch(struct session *s, double seconds, volatile sig_atomic_t *stop, struct progress *pg)
{
	int64_t end = mono_ms() + (int64_t)(seconds * 1000);

	for (;;) {
		struct pollfd pfd[2];
		int64_t now = mono_ms();
		int timeout, n;

		if (now >= end || session_all_failed(s) || session_finished(s) || (stop != NULL && *stop))
			break;
		batch_progress(s, pg, end - now);
		n = session_pollfds(s, pfd, now, &timeout);
		if (timeout < 0 || timeout > end - now)
			timeout = (int)(end - now);
		if (poll(pfd, (nfds_t)n, timeout) < 0 && errno != EINTR)
			return -1;
		session_step(s, mono_ms());
	}
	/* what arrived in the last moment */
	session_step(s, mono_ms());
	if (pg != NULL)
		progress_done(pg);
	return 0;
}
