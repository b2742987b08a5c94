/*
 * info.c - what a live session tells its caller: the socket to poll and
 * when to come back, its state, counters and the status line (in the
 * technician's language, with what happened to the log file and how long
 * nothing came).
 */
#include "live/live_int.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SILENCE_SHOWN_MS 15000  /* the status line says how long nothing came */

int live_pollfd(struct live *l, short *events)
{
	int flags;

	*events = 0;
	if (l->s == NULL || l->st == LS_RETRY || l->st == LS_FAILED || l->st == LS_DONE ||
	    l->st == LS_ASK_HOSTKEY || l->st == LS_ASK_PASSWORD)
		return -1;
	flags = ssh_get_poll_flags(l->s);
	*events = POLLIN;
	if (flags & SSH_WRITE_PENDING)
		*events |= POLLOUT;
	return ssh_get_fd(l->s);
}

int live_timeout(struct live *l, int64_t now)
{
	switch (l->st) {
	case LS_RETRY:
		return l->t_retry > now ? (int)(l->t_retry - now) : 0;
	case LS_FAILED:
	case LS_DONE:
	case LS_ASK_HOSTKEY:
	case LS_ASK_PASSWORD:
		return -1;
	case LS_STREAMING:
		/* libssh may hold data; the keepalive is due */
		return l->t_keepalive > now ? (int)(l->t_keepalive - now < 200 ? l->t_keepalive - now : 200) : 0;
	default:
		return 50;   /* handshakes: poll the socket often */
	}
}

enum live_state live_state(const struct live *l)
{
	return l->st;
}

const char *live_error(const struct live *l)
{
	return l->error;
}

const char *live_fingerprint(const struct live *l)
{
	return l->fingerprint;
}

void live_hostkey_answer(struct live *l, int accept)
{
	l->hostkey_answer = accept ? 1 : 0;
}

void live_password(struct live *l, char *password)
{
	live_wipe_password(l);
	l->password = xstrdup(password);
	memset(password, 0, strlen(password));
}

int live_reconnects(const struct live *l)
{
	return l->reconnects;
}

int live_ever_streamed(const struct live *l)
{
	return l->ever_streamed;
}

uint64_t live_lines(const struct live *l)
{
	return stream_stats(l->stream)->lines;
}

const struct stream_stats *live_stream_stats(const struct live *l)
{
	return stream_stats(l->stream);
}

int64_t live_longest_silence(const struct live *l)
{
	int64_t now = l->now, cur = l->t_rx > 0 && l->st != LS_FAILED && l->st != LS_DONE ? now - l->t_rx : 0;

	return cur > l->longest_silence ? cur : l->longest_silence;
}

/* "; what happened to the log file" and "; nothing received for N s". */
static void status_notes(struct live *l, enum lang lang, struct strbuf *b)
{
	const struct stream_stats *ss = stream_stats(l->stream);
	const struct { int n; enum msg id; } notes[] = {
		{ ss->rotations, M_LV_ST_ROTATIONS }, { ss->truncations, M_LV_ST_TRUNCATIONS },
		{ ss->replacements, M_LV_ST_REPLACED }, { ss->gaps, M_LV_ST_GAPS },
	};

	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
		if (notes[i].n > 0) {
			sb_adds(b, "; ");
			sb_addf(b, msg(notes[i].id, lang), notes[i].n);
		}
	if (l->t_rx > 0 && l->now - l->t_rx >= SILENCE_SHOWN_MS && l->st != LS_FAILED && l->st != LS_DONE) {
		sb_adds(b, "; ");
		sb_addf(b, msg(M_LV_ST_SILENCE, lang), (long long)((l->now - l->t_rx) / 1000));
	}
}

const char *live_status(struct live *l, enum lang lang)
{
	struct strbuf b = {0};

	switch (l->st) {
	case LS_CONNECTING:
	case LS_HOSTKEY:
		sb_adds(&b, msg(M_LV_ST_CONNECTING, lang));
		break;
	case LS_ASK_HOSTKEY:
		sb_addf(&b, msg(M_LV_ST_UNKNOWN_KEY, lang), l->fingerprint);
		break;
	case LS_AUTH:
		sb_adds(&b, msg(M_LV_ST_AUTH, lang));
		break;
	case LS_ASK_PASSWORD:
		sb_adds(&b, msg(M_LV_ST_PASSWORD, lang));
		break;
	case LS_CHANNEL:
		sb_adds(&b, msg(M_LV_ST_STARTING, lang));
		break;
	case LS_STREAMING:
		if (l->reconnects > 0)
			sb_addf(&b, msg_n(M_LV_ST_RECONNECTED, (unsigned long long)l->reconnects, lang), l->reconnects);
		else
			sb_adds(&b, msg(M_LV_ST_LIVE, lang));
		break;
	case LS_RETRY:
		if (l->tries == 0 && l->error == NULL)
			sb_adds(&b, msg(M_LV_ST_CONNECTING, lang));
		else
			sb_addf(&b, msg(M_LV_ST_RETRY, lang), (long long)((l->t_retry - l->t_state + 999) / 1000), l->tries + 1);
		break;
	case LS_FAILED:
		sb_addf(&b, msg(M_LV_ST_FAILED, lang), l->error ? l->error : "");
		break;
	default:
		sb_adds(&b, msg(M_LV_ST_DONE, lang));
	}
	status_notes(l, lang, &b);
	snprintf(l->status, sizeof l->status, "%s", b.s != NULL ? b.s : "");
	sb_free(&b);
	return l->status;
}
