/*
 * record.h - a recorded session (--record DIR), also the support snapshot
 * bundle: DIR/left.log and DIR/right.log hold the lines as received with
 * secrets redacted before they are written (redact.h; each side is one
 * stream, so a private key's body is redacted from its BEGIN to its END
 * line; one output line per line received), every file owner-only and
 * never written through a symlink (privfile.h),
 * DIR/left.times and DIR/right.times the receive time of each line (ms
 * since 1970, one per line), DIR/session.json the targets, profiles,
 * start/end and per-side line counts. `tunneldoc open DIR` replays it.
 */
#ifndef TD_RECORD_H
#define TD_RECORD_H

#include <stddef.h>
#include <stdint.h>

struct recorder;

struct record_side {
	const char *target;
	const char *profile;
	uint64_t lines;
	int reconnects;
	const char *state;
	const char *error;
	int rotations, truncations, replacements, rotation_gaps;  /* of a followed log file */
	int64_t longest_silence_ms;  /* the longest time nothing came */
};

/* Create DIR (must not hold a session yet); NULL + errno on failure. */
struct recorder *recorder_open(const char *dir, const char *kind);
int recorder_line(struct recorder *r, int side, const char *line, size_t len, int64_t recv_ms);
/* Write a file into the bundle (status command output of a snapshot). */
int recorder_file(struct recorder *r, const char *name, const char *data, size_t len);
/* Write session.json and close; returns 0 or -1 with errno. */
int recorder_close(struct recorder *r, const struct record_side sides[2]);

#endif
