/*
 * session.h - two gateways live: the two SSH streams (live.h) of one
 * tunnel, their device profiles, the recording, and the lines handed on
 * to whoever consumes them (the analysis in batch mode, the console).
 * The caller owns the poll loop: session_pollfds() says what to wait for,
 * session_step() advances both sides; one failing side never stops the
 * other.
 */
#ifndef TD_SESSION_H
#define TD_SESSION_H

#include <poll.h>
#include <signal.h>
#include <stdint.h>

#include "pipeline/analysis.h"
#include "kb/kb.h"
#include "live/live.h"
#include "base/progress.h"
#include "input/record.h"

struct session_side_opts {
	const char *target;          /* NULL: no gateway on this side */
	const char *profile;         /* device id or "auto" */
	const char *log_cmd;         /* overrides the profile */
	const char *log_file;        /* follow this file (with resume) instead */
	const char *status_cmd;      /* overrides the profile's status commands */
	const char *jump;            /* jump host ([user@]host[:port]) or NULL */
};

struct session_opts {
	const struct kb *kb;
	struct session_side_opts side[2];
	const char *identity, *known_hosts, *ssh_config;
	int accept_new, backlog, connect_timeout;
	int interactive;             /* the console answers host keys / passwords */
	const char *record_dir;
	int snapshot;                /* one shot into record_dir (tunneldoc snapshot) */
	enum lang lang;
};

typedef void (*session_line_fn)(void *ctx, int side, const char *line, size_t len);

struct session;

/* NULL + *err (allocated) when a profile is unknown or DIR unusable. */
struct session *session_new(const struct session_opts *o, session_line_fn fn, void *ctx, char **err);
/* Close both sides and write the recording; -1 when writing it failed. */
int session_free(struct session *s);

/* Fill up to 2 pollfds; returns how many, and the timeout in ms. */
int session_pollfds(struct session *s, struct pollfd *pfd, int64_t now, int *timeout);
void session_step(struct session *s, int64_t now);

struct live *session_live(struct session *s, int side);
/* The dialect the side's profile fixes, or -1. */
int session_dialect(const struct session *s, int side);
/* The side's device profile (status and ping commands), or NULL. */
const struct device *session_device(const struct session *s, int side);
/* Connection facts per side (for reports and session.json). */
void session_conn(struct session *s, struct record_side out[2]);
/* 1 when every configured side has failed for good. */
int session_all_failed(const struct session *s);
/* 1 when side is configured and its log stream never started: the
 * gateway was not reached (resolve, connect, host key or login failed,
 * or it did not answer in time). */
int session_unreached(const struct session *s, int side);
/* 1 when at least one side is configured and none was reached. */
int session_none_reached(const struct session *s);

/* Batch: stream for `seconds` (or until *stop becomes non-zero, e.g. set
 * by a SIGINT handler) into the consumer. */
struct progress;
int session_run_batch(struct session *s, double seconds, volatile sig_atomic_t *stop, struct progress *pg);
/* 1 when every configured side is done or failed (snapshots). */
int session_finished(const struct session *s);

#endif
