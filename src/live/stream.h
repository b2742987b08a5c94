/*
 * stream.h - the bytes of one gateway's log stream turned into log lines.
 *
 * Pure (no network, no libssh): the state machine in machine.c feeds it what
 * the channel gave, tests and the fuzz harness feed it anything. It cuts
 * lines, strips what a terminal would interpret (a pty console paints its
 * screen), drops a console's prompt and the echo of the typed command,
 * consumes the marker lines of tunneldoc's own remote command (remote.h)
 * and delivers every other line exactly once.
 *
 * Resume is by file identity and position: each "at" marker says which
 * file (device:inode) the following bytes come from and from which byte
 * offset; the stream counts the bytes of every complete line after it, so
 * stream_pos() is the byte after the last line delivered, and a reconnect
 * asks the gateway for exactly that (remote.c). Markers carry a nonce that
 * is new for every connection, so a log line cannot pose as one. Where the
 * position cannot be exact (a truncated or replaced file, a rotated file
 * that is gone, a command stream) the ring of the last lines' hashes skips
 * what was already delivered: a safety net, not the mechanism.
 */
#ifndef TD_LIVE_STREAM_H
#define TD_LIVE_STREAM_H

#include <stddef.h>
#include <stdint.h>

/* Where the followed file stands after the last delivered line. */
struct stream_pos {
	int valid;
	int index;                   /* which of the profile's files (0 ..) */
	char id[48];                 /* "device:inode" of the file being read */
	uint64_t off;                /* byte offset of the next line */
};

/* What happened to the followed file so far (for status and JSON). */
struct stream_stats {
	uint64_t lines;              /* delivered */
	int rotations;               /* rotations followed to the new file */
	int truncations;             /* the file shrank in place (copytruncate) */
	int replacements;            /* the file was replaced (deleted + new) */
	int gaps;                    /* a rotated file was gone: lines may be missing */
	char last_event[16];         /* "rotated", "truncated", ... or "" */
	char last_file[256];         /* the file of the last event (display only) */
};

struct stream_cfg {
	int console;                 /* pty console: strip escapes, prompt, echo */
	const char *prompt;          /* console prompt, or NULL */
	const char *send;            /* the command typed into the console, or NULL */
};

typedef void (*stream_line_fn)(void *ctx, const char *line, size_t len);

struct stream;

struct stream *stream_new(const struct stream_cfg *cfg, stream_line_fn fn, void *ctx);
void stream_free(struct stream *st);

/* A new connection: markers must carry nonce (NULL: none are taken). */
void stream_connect(struct stream *st, const char *nonce);
/* Bytes from the channel, any split. */
void stream_feed(struct stream *st, const char *buf, size_t n);
/* The stream ended: an incomplete last line of a command stream is
 * delivered; in a followed file it is read again after the reconnect. */
void stream_end(struct stream *st);

const struct stream_pos *stream_pos(const struct stream *st);
const struct stream_stats *stream_stats(const struct stream *st);
/* Lines delivered on this connection; 1 when it follows a file. */
uint64_t stream_conn_lines(const struct stream *st);
int stream_following(const struct stream *st);
/* Remove terminal sequences and control characters but tab; new length. */
size_t stream_strip_escapes(char *s, size_t n);

#endif
