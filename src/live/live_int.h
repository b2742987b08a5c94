/*
 * live_int.h - the inside of struct live, shared by the files of the
 * state machine (machine.c: connect, channel, stream; auth.c: host key and
 * login; run.c: the second channel). Only src/live/ includes it.
 */
#ifndef TD_LIVE_INT_H
#define TD_LIVE_INT_H

#include <libssh/libssh.h>

#include "base/util.h"
#include "live/live.h"
#include "live/stream.h"

struct live {
	struct live_cfg cfg;
	char *target;
	live_line_fn on_line;
	void *ctx;
	enum live_state st;
	ssh_session s;
	ssh_channel ch;
	int64_t now;                 /* of the last live_step() */
	int64_t t_state;             /* when the current state began */
	int64_t t_retry;             /* RETRY: when to try again */
	int64_t t_keepalive;
	int64_t t_rx;                /* when bytes last came from the stream (0: never) */
	int64_t longest_silence;     /* ms, the longest time nothing came */
	int tries, reconnects, ever_streamed;
	char *error;                 /* last failure, for messages */
	char status[1600];
	char fingerprint[400];
	char *password;              /* set by live_password, wiped after use */
	int auth_step;               /* 0 none, 1 publickey, 2 kbdint/password */
	int hostkey_answer;          /* -1 pending, 0 no, 1 yes */
	/* stream */
	struct stream *stream;
	char nonce[40];              /* of this connection's markers */
	char errtail[256];           /* the last bytes on stderr */
	size_t errlen;
	int shell_sent;
	int ch_phase;                /* 0 open, 1 pty granted, 2 started */
	int down;                    /* lost after streaming: count a reconnect */
	struct strbuf shellbuf;
	/* one extra command on the same connection (status, ping) */
	ssh_channel run_ch;
	int run_phase;               /* 0 idle, 1 open, 2 exec, 3 read, 4 exit status, 5 done, 6 failed */
	char *run_cmd;
	struct strbuf run_out;
	int run_status;
	int64_t run_t;
};

/* The failure in the technician's language, from the i18n table. */
void live_set_error(struct live *l, enum msg id, ...);
void live_set_state(struct live *l, enum live_state st, int64_t now);
/* A network-level failure: try again later; a final one: FAILED. */
void live_retry(struct live *l, int64_t now);
void live_fail(struct live *l, int64_t now);
void live_wipe_password(struct live *l);

/* auth.c */
void live_step_hostkey(struct live *l, int64_t now);
int live_accept_hostkey(struct live *l, int64_t now);
void live_step_auth(struct live *l, int64_t now);

/* run.c */
void live_run_step(struct live *l, int64_t now);
void live_run_close(struct live *l, int phase);

#endif
