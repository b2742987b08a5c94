/*
 * live.h - one gateway, live: an SSH session that streams its VPN log.
 *
 * A non-blocking state machine (libssh) advanced from the caller's poll()
 * loop: connect -> host key -> authenticate -> open channel -> stream. It
 * never blocks and never prompts by itself: an unknown host key or a
 * password becomes a state the front end shows and answers. A dropped
 * connection is retried with backoff (1, 2, 4 ... 30 s); a followed log
 * file resumes in the same file at the byte after the last line received,
 * across rotations (stream.h, remote.c); other streams are de-duplicated
 * by content, so nothing is lost or repeated. Nothing secret is stored: a
 * password given to live_password() is used and wiped. libssh stays
 * inside src/live/.
 */
#ifndef TD_LIVE_H
#define TD_LIVE_H

#include <stddef.h>
#include <stdint.h>

#include "base/i18n.h"
#include "kb/kb.h"
#include "live/stream.h"

enum live_state {
	LS_CONNECTING, LS_HOSTKEY, LS_ASK_HOSTKEY, LS_AUTH, LS_ASK_PASSWORD,
	LS_CHANNEL, LS_STREAMING, LS_RETRY, LS_FAILED, LS_DONE
};

struct live_cfg {
	const char *target;          /* [user@]host[:port] or a ~/.ssh/config alias */
	const char *identity;        /* -i key file, or NULL (agent, config, defaults) */
	const char *known_hosts;     /* NULL: ~/.ssh/known_hosts */
	const char *ssh_config;      /* NULL: ~/.ssh/config */
	const char *jump;            /* [user@]host[:port] of a jump host, or NULL */
	int accept_new;              /* add an unknown host key without asking */
	const struct device *dev;    /* how to stream the log */
	const char *log_cmd;         /* overrides the profile's log command */
	int backlog;                 /* lines of history on the first connect */
	int interactive;             /* a front end can answer questions */
	int connect_timeout;         /* seconds */
	enum lang lang;              /* of the messages */
	int snapshot;                /* one shot: the last lines, then the
				      * status commands, then done */
};

/* In a snapshot, lines after this marker are the status commands' output. */
#define LIVE_STATUS_MARK "@@tunneldoc-status"
/* ... and this one starts each status command's output. */
#define LIVE_CMD_MARK "@@tunneldoc-command "


struct live;

typedef void (*live_line_fn)(void *ctx, const char *line, size_t len);

struct live *live_new(const struct live_cfg *cfg, live_line_fn on_line, void *ctx);
void live_free(struct live *l);

/* The socket to poll and the events wanted; -1 when there is none now. */
int live_pollfd(struct live *l, short *events);
/* Milliseconds until live_step() must run again even without I/O. */
int live_timeout(struct live *l, int64_t now_ms);
/* Advance: read what is there, move states; call after poll(). */
void live_step(struct live *l, int64_t now_ms);

enum live_state live_state(const struct live *l);
/* What the state means, for the status line ("streaming", "reconnecting
 * in 4 s", "failed: host key changed ..."). */
const char *live_status(struct live *l, enum lang lang);
/* The reason of the last failure (or NULL). */
const char *live_error(const struct live *l);
/* LS_ASK_HOSTKEY: the host and its key's SHA-256 fingerprint. */
const char *live_fingerprint(const struct live *l);
void live_hostkey_answer(struct live *l, int accept);
/* LS_ASK_PASSWORD: answer with the password (wiped after use). */
void live_password(struct live *l, char *password);
/* Lines received, reconnects so far. */
uint64_t live_lines(const struct live *l);
/*
 * Run one more command (read-only: a status command, a ping) on the
 * streaming connection, in its own channel. -1 when not streaming or a
 * command is still running. live_run_result(): -1 none, 0 running,
 * 1 finished (*status: exit status, -1 unknown), 2 failed; *out holds
 * stdout and stderr (at most 64 KiB).
 */
int live_run(struct live *l, const char *cmd, int64_t now_ms);
int live_run_result(const struct live *l, const char **out, int *status);
int live_reconnects(const struct live *l);
/* 1 once the log stream has started on some connection (the gateway was
 * reached: connected, logged in, its log command running). */
int live_ever_streamed(const struct live *l);
/* What happened to the followed log file (rotations, truncations ...). */
const struct stream_stats *live_stream_stats(const struct live *l);
/* The longest time (ms) nothing came from the gateway, the current
 * silence included. */
int64_t live_longest_silence(const struct live *l);

#endif
