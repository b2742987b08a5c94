/*
 * machine.c - the SSH session state machine of live.h:
 *
 *   CONNECTING --ssh_connect--> HOSTKEY --known--> AUTH --ok--> CHANNEL --> STREAMING
 *        ^                        | unknown: ASK_HOSTKEY       | password: ASK_PASSWORD
 *        |                        | changed: FAILED            | denied: FAILED
 *        +---- RETRY (backoff) <--+-- network error, EOF, keepalive failure, silence
 *
 * The host key and login are in auth.c, the second channel in run.c, the
 * command sent to the gateway in remote.c and the bytes that come back
 * are cut into lines by stream.c: each connection gets a fresh nonce for
 * the markers of its command, and a reconnect asks for the file and byte
 * the stream stood at (resume by identity and position).
 */
#include "live/live_int.h"
#include "live/remote.h"
#include "base/clock.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define KEEPALIVE_MS 10000
#define MAX_BACKOFF_S 30
#define PROMPT_WAIT_MS 3000
#define SILENCE_LOST_MS 35000   /* a followed file says "alive" every 10 s */
#define TCP_USER_TIMEOUT_MS 30000

void live_set_state(struct live *l, enum live_state st, int64_t now)
{
	l->st = st;
	l->t_state = now;
}

void live_set_error(struct live *l, enum msg id, ...)
{
	struct strbuf b = {0};
	va_list ap;

	va_start(ap, id);
	sb_vaddf(&b, msg(id, l->cfg.lang), ap);
	va_end(ap);
	free(l->error);
	l->error = sb_steal(&b);
}

/* graceful: say goodbye to the server; else the link is taken as dead and
 * the socket is shut down first, so nothing waits on a link that takes no
 * more data (a blocking flush there would stall the other gateway). */
static void close_session(struct live *l, int graceful)
{
	if (!graceful && l->s != NULL && ssh_get_fd(l->s) >= 0)
		shutdown(ssh_get_fd(l->s), SHUT_RDWR);
	live_run_close(l, 6);
	if (l->ch != NULL) {
		ssh_channel_free(l->ch);
		l->ch = NULL;
	}
	if (l->s != NULL) {
		ssh_disconnect(l->s);
		ssh_free(l->s);
		l->s = NULL;
	}
	sb_reset(&l->shellbuf);
	l->shell_sent = 0;
	l->ch_phase = 0;
	l->auth_step = 0;
	l->errlen = 0;
}

void live_retry(struct live *l, int64_t now)
{
	int delay;

	close_session(l, 0);
	if (l->ever_streamed)
		l->down = 1;
	delay = l->tries >= 5 ? MAX_BACKOFF_S : 1 << l->tries;
	if (delay > MAX_BACKOFF_S)
		delay = MAX_BACKOFF_S;
	l->tries++;
	l->t_retry = now + (int64_t)delay * 1000;
	live_set_state(l, LS_RETRY, now);
}

void live_fail(struct live *l, int64_t now)
{
	close_session(l, 1);
	live_set_state(l, LS_FAILED, now);
}

void live_wipe_password(struct live *l)
{
	if (l->password != NULL) {
		memset(l->password, 0, strlen(l->password));
		free(l->password);
		l->password = NULL;
	}
}

/* The ProxyCommand of a jump host, with the ssh config, key and
 * known_hosts this connection uses (the ssh client reads the home of the
 * passwd entry, not $HOME). */
static int set_jump(struct live *l)
{
	const char *home = getenv("HOME");
	char *cfgfile = l->cfg.ssh_config != NULL ? xstrdup(l->cfg.ssh_config)
		      : home != NULL ? xasprintf("%s/.ssh/config", home) : NULL;
	char *pc;

	if (!remote_jump_ok(l->cfg.jump)) {
		live_set_error(l, M_LV_JUMP_OPTION, l->target, l->cfg.jump);
		free(cfgfile);
		return -1;
	}
	if (cfgfile != NULL && access(cfgfile, R_OK) != 0) {
		free(cfgfile);
		cfgfile = NULL;
	}
	pc = remote_proxy_command(l->cfg.jump, cfgfile, l->cfg.identity, l->cfg.known_hosts);
	ssh_options_set(l->s, SSH_OPTIONS_PROXYCOMMAND, pc);
	free(pc);
	free(cfgfile);
	return 0;
}

/* Split "[user@]host[:port]" (or take an ssh config alias) into a new
 * non-blocking libssh session. */
static int new_session(struct live *l, int64_t now)
{
	char host[256] = "", user[128] = "";
	const char *t = l->cfg.target, *at = strchr(t, '@'), *h = at ? at + 1 : t, *colon;
	int port = 0;
	long timeout = l->cfg.connect_timeout > 0 ? l->cfg.connect_timeout : 10;

	if (at != NULL)
		strlcpy_n(user, sizeof user, t, (size_t)(at - t));
	colon = strrchr(h, ':');
	if (colon != NULL && strchr(h, ':') == colon && colon[1] != '\0') {
		port = atoi(colon + 1);
		strlcpy_n(host, sizeof host, h, (size_t)(colon - h));
	} else {
		strlcpy_n(host, sizeof host, h, strlen(h));
	}
	l->s = ssh_new();
	if (l->s == NULL) {
		live_set_error(l, M_LV_NOMEM, 0);
		return -1;
	}
	ssh_options_set(l->s, SSH_OPTIONS_HOST, host);
	if (user[0])
		ssh_options_set(l->s, SSH_OPTIONS_USER, user);
	if (port > 0)
		ssh_options_set(l->s, SSH_OPTIONS_PORT, &port);
	if (l->cfg.known_hosts != NULL)
		ssh_options_set(l->s, SSH_OPTIONS_KNOWNHOSTS, l->cfg.known_hosts);
	if (l->cfg.identity != NULL)
		ssh_options_set(l->s, SSH_OPTIONS_ADD_IDENTITY, l->cfg.identity);
	ssh_options_set(l->s, SSH_OPTIONS_TIMEOUT, &timeout);
	if (l->cfg.jump != NULL && set_jump(l) != 0)
		return -1;
	/* ~/.ssh/config: Host aliases, User, Port, IdentityFile, ProxyCommand;
	 * what the command line set first takes precedence */
	if (ssh_options_parse_config(l->s, l->cfg.ssh_config) < 0 && l->cfg.ssh_config != NULL) {
		live_set_error(l, M_LV_SSH_CONFIG, l->cfg.ssh_config, ssh_get_error(l->s));
		return -1;
	}
	ssh_set_blocking(l->s, 0);
	live_set_state(l, LS_CONNECTING, now);
	return 0;
}

/* A new nonce for this connection's markers (a log line cannot know it). */
static void new_nonce(struct live *l)
{
	unsigned char r[8] = {0};
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	uint64_t x = (uint64_t)mono_ms() * 6364136223846793005ULL ^ (uint64_t)getpid() ^ (uint64_t)(uintptr_t)l;

	if (fd < 0 || read(fd, r, sizeof r) != (ssize_t)sizeof r)
		memcpy(r, &x, sizeof r);
	if (fd >= 0)
		close(fd);
	for (size_t i = 0; i < sizeof r; i++)
		snprintf(l->nonce + 2 * i, 3, "%02x", r[i]);
}

/* Keepalive probes when idle, and a bound on unacknowledged data, so a
 * silent drop of the link ends the connection instead of hanging it. */
static void tcp_keepalive(struct live *l)
{
	int fd = ssh_get_fd(l->s), on = 1, idle = 20, intvl = 5, cnt = 3;
	unsigned int ut = TCP_USER_TIMEOUT_MS;

	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt);
	setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &ut, sizeof ut);
}

static int console_mode(const struct live *l)
{
	return l->cfg.dev != NULL && l->cfg.dev->mode == LOG_SHELL && l->cfg.log_cmd == NULL && !l->cfg.snapshot;
}

/* The channel is up: the stream starts on this connection. */
static void stream_started(struct live *l, int64_t now)
{
	l->ch_phase = 2;
	tcp_keepalive(l);
	l->t_keepalive = now + KEEPALIVE_MS;
	if (l->t_rx == 0)
		l->t_rx = now;
	if (l->down) {
		l->reconnects++;
		l->down = 0;
	}
	free(l->error);
	l->error = NULL;
	live_set_state(l, LS_STREAMING, now);
}

/* Open the channel and start the stream (exec, or pty + shell). Each
 * request is sent once: SSH_AGAIN means "ask again for its answer", so
 * the phase says which request is pending. */
static void step_channel(struct live *l, int64_t now)
{
	int shell = console_mode(l);
	int rc = ssh_channel_is_open(l->ch) ? SSH_OK : ssh_channel_open_session(l->ch);

	if (rc == SSH_AGAIN)
		return;
	if (rc != SSH_OK) {
		live_set_error(l, M_LV_CHANNEL_FAIL, l->target, ssh_get_error(l->s));
		live_retry(l, now);
		return;
	}
	if (shell && l->ch_phase == 0) {
		rc = ssh_channel_request_pty_size(l->ch, "vt100", 200, 50);
		if (rc == SSH_AGAIN)
			return;
		if (rc != SSH_OK)
			goto refused;
		l->ch_phase = 1;
	}
	if (l->nonce[0] == '\0') {
		new_nonce(l);
		stream_connect(l->stream, shell ? NULL : l->nonce);
	}
	if (shell) {
		rc = ssh_channel_request_shell(l->ch);
	} else {
		struct remote_req r = { l->cfg.dev, l->cfg.log_cmd, l->cfg.backlog, l->cfg.snapshot, l->nonce, stream_pos(l->stream) };
		char *cmd = remote_log_command(&r);

		rc = ssh_channel_request_exec(l->ch, cmd);
		free(cmd);
	}
	if (rc == SSH_AGAIN)
		return;
	if (rc != SSH_OK)
		goto refused;
	stream_started(l, now);
	return;
refused:
	live_set_error(l, M_LV_REFUSED, l->target, ssh_get_error(l->s));
	live_retry(l, now);
}

/* Read everything the channel has (libssh may buffer while the socket
 * is quiet); returns -1 when the stream ended or failed. */
static int drain(struct live *l, int64_t now)
{
	char buf[16384];
	int n;

	for (;;) {
		n = ssh_channel_read_nonblocking(l->ch, buf, sizeof buf, 0);
		if (n == SSH_ERROR)
			return -1;
		if (n <= 0)
			break;
		if (now - l->t_rx > l->longest_silence)
			l->longest_silence = now - l->t_rx;
		l->t_rx = now;
		stream_feed(l->stream, buf, (size_t)n);
	}
	for (;;) {
		n = ssh_channel_read_nonblocking(l->ch, buf, sizeof buf, 1);
		if (n <= 0)
			break;
		for (int i = 0; i < n; i++) {
			if (l->errlen + 1 >= sizeof l->errtail) {
				memmove(l->errtail, l->errtail + 128, l->errlen - 128);
				l->errlen -= 128;
			}
			l->errtail[l->errlen++] = buf[i] == '\n' ? ' ' : buf[i];
		}
		l->errtail[l->errlen] = '\0';
	}
	if (ssh_channel_is_eof(l->ch) || !ssh_channel_is_open(l->ch))
		return -1;
	return 0;
}

/* LCOS: wait for the prompt, then type the trace command once. */
static void shell_start(struct live *l, int64_t now)
{
	const struct device *d = l->cfg.dev;
	char buf[4096];
	int n;

	while ((n = ssh_channel_read_nonblocking(l->ch, buf, sizeof buf, 0)) > 0)
		sb_add(&l->shellbuf, buf, (size_t)n);
	if (d->prompt != NULL && l->shellbuf.len > 0 && memmem(l->shellbuf.s, l->shellbuf.len, d->prompt, strlen(d->prompt)) == NULL &&
	    now - l->t_state < PROMPT_WAIT_MS)
		return;
	if (l->shellbuf.len == 0 && now - l->t_state < PROMPT_WAIT_MS)
		return;
	ssh_channel_write(l->ch, d->send, (uint32_t)strlen(d->send));
	l->shell_sent = 1;
	l->t_rx = now;
	sb_reset(&l->shellbuf);
}

/* The stream ended or broke: done (a snapshot), or reconnect. */
static void stream_lost(struct live *l, int64_t now)
{
	stream_end(l->stream);
	if (l->cfg.snapshot && ssh_channel_is_eof(l->ch)) {
		close_session(l, 1);
		live_set_state(l, LS_DONE, now);
		return;
	}
	if (l->errlen > 0)
		live_set_error(l, M_LV_STREAM_ENDED, l->target, l->errtail);
	else
		live_set_error(l, M_LV_LOST, l->target);
	live_retry(l, now);
}

static void step_stream(struct live *l, int64_t now)
{
	if (console_mode(l) && !l->shell_sent) {
		shell_start(l, now);
		return;
	}
	live_run_step(l, now);
	int lost = drain(l, now) != 0 || !ssh_is_connected(l->s);

	/* lines came, even when the end came with them (a short snapshot
	 * arrives whole with its EOF in one read: the gateway was reached);
	 * a command that dies at once must keep backing off */
	if (stream_conn_lines(l->stream) > 0 || (!lost && now - l->t_state > 5000)) {
		l->ever_streamed = 1;
		if (!lost)
			l->tries = 0;
	}
	if (lost) {
		stream_lost(l, now);
		return;
	}
	if (stream_following(l->stream) && now - l->t_rx > SILENCE_LOST_MS) {
		live_set_error(l, M_LV_SILENT, l->target, (int)((now - l->t_rx) / 1000));
		live_retry(l, now);
		return;
	}
	if (now >= l->t_keepalive) {
		if (ssh_send_ignore(l->s, "tunneldoc") != SSH_OK) {
			live_set_error(l, M_LV_KEEPALIVE, l->target);
			live_retry(l, now);
			return;
		}
		l->t_keepalive = now + KEEPALIVE_MS;
	}
}

/* CONNECTING: the TCP and SSH handshake; 1 when it is done. */
static int step_connect(struct live *l, int64_t now)
{
	int rc = ssh_connect(l->s);

	if (rc == SSH_AGAIN) {
		if (now - l->t_state > 1000LL * (l->cfg.connect_timeout > 0 ? l->cfg.connect_timeout : 10)) {
			live_set_error(l, M_LV_TIMEOUT, l->target);
			live_retry(l, now);
		}
		return 0;
	}
	if (rc != SSH_OK) {
		if (l->cfg.jump != NULL)
			live_set_error(l, M_LV_JUMP_FAIL, l->target, ssh_get_error(l->s), l->cfg.jump);
		else
			live_set_error(l, M_LV_CONNECT_FAIL, l->target, ssh_get_error(l->s));
		live_retry(l, now);
		return 0;
	}
	live_set_state(l, LS_HOSTKEY, now);
	return 1;
}

void live_step(struct live *l, int64_t now)
{
	l->now = now;
	switch (l->st) {
	case LS_RETRY:
		if (now < l->t_retry)
			return;
		l->nonce[0] = '\0';
		if (new_session(l, now) != 0) {
			live_fail(l, now);
			return;
		}
		/* fall through */
	case LS_CONNECTING:
		if (!step_connect(l, now))
			return;
		/* fall through */
	case LS_HOSTKEY:
		live_step_hostkey(l, now);
		if (l->st != LS_AUTH)
			return;
		/* fall through */
	case LS_AUTH:
		live_step_auth(l, now);
		if (l->st != LS_CHANNEL)
			return;
		/* fall through */
	case LS_CHANNEL:
		step_channel(l, now);
		if (l->st != LS_STREAMING)
			return;
		/* fall through */
	case LS_STREAMING:
		step_stream(l, now);
		return;
	case LS_ASK_HOSTKEY:
		if (l->hostkey_answer < 0)
			return;
		if (l->hostkey_answer == 0) {
			live_set_error(l, M_LV_HOSTKEY_REJECTED, l->target);
			live_fail(l, now);
			return;
		}
		if (live_accept_hostkey(l, now) == 0)
			live_step(l, now);
		return;
	case LS_ASK_PASSWORD:
		if (l->password != NULL) {
			live_set_state(l, LS_AUTH, now);
			live_step(l, now);
		}
		return;
	default:
		return;
	}
}

static void on_stream_line(void *ctx, const char *line, size_t len)
{
	struct live *l = ctx;

	l->on_line(l->ctx, line, len);
}

struct live *live_new(const struct live_cfg *cfg, live_line_fn on_line, void *ctx)
{
	struct live *l = xcalloc(1, sizeof *l);
	struct stream_cfg sc = {0};

	l->cfg = *cfg;
	l->target = xstrdup(cfg->target);
	l->cfg.target = l->target;
	l->on_line = on_line;
	l->ctx = ctx;
	l->hostkey_answer = -1;
	l->st = LS_RETRY;            /* the first live_step() connects */
	l->t_retry = 0;
	if (cfg->dev != NULL && cfg->dev->mode == LOG_SHELL && cfg->log_cmd == NULL) {
		sc.console = 1;
		sc.prompt = cfg->dev->prompt;
		sc.send = cfg->dev->send;
	}
	l->stream = stream_new(&sc, on_stream_line, l);
	return l;
}

void live_free(struct live *l)
{
	if (l == NULL)
		return;
	close_session(l, l->st == LS_STREAMING && l->now - l->t_rx < SILENCE_LOST_MS / 2);
	live_wipe_password(l);
	stream_free(l->stream);
	sb_free(&l->shellbuf);
	sb_free(&l->run_out);
	free(l->run_cmd);
	free(l->error);
	free(l->target);
	free(l);
}
