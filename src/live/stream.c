/*
 * stream.c - see stream.h. One line at a time: markers of the current
 * connection are consumed, console noise dropped, every other line is
 * counted into the file position, checked against the de-duplication ring
 * when the position could not be exact, and delivered.
 */
#include "live/stream.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

#define RECENT 4096             /* lines remembered for de-duplication */
#define LINE_MAX_KEEP 65536     /* longer lines are cut (their bytes still count) */
#define MARK "@@tunneldoc-"

struct stream {
	struct stream_cfg cfg;
	stream_line_fn fn;
	void *ctx;
	char nonce[40];
	struct strbuf partial;       /* a line not yet complete */
	uint64_t partial_raw;        /* its bytes as sent (also the cut ones) */
	int following;               /* after an "at" marker on this connection */
	int dedupe;                  /* skip lines already seen */
	uint64_t conn_lines;
	struct stream_pos pos;
	struct stream_stats stats;
	uint64_t recent[RECENT];
	size_t nrecent, recent_pos;
};

struct stream *stream_new(const struct stream_cfg *cfg, stream_line_fn fn, void *ctx)
{
	struct stream *st = xcalloc(1, sizeof *st);

	st->cfg = *cfg;
	st->fn = fn;
	st->ctx = ctx;
	return st;
}

void stream_free(struct stream *st)
{
	if (st == NULL)
		return;
	sb_free(&st->partial);
	free(st);
}

void stream_connect(struct stream *st, const char *nonce)
{
	sb_reset(&st->partial);
	st->partial_raw = 0;
	st->following = 0;
	st->conn_lines = 0;
	strlcpy_n(st->nonce, sizeof st->nonce, nonce != NULL ? nonce : "", nonce != NULL ? strlen(nonce) : 0);
}

static uint64_t hash_line(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 1099511628211ULL;
	return h;
}

static int seen(const struct stream *st, uint64_t h)
{
	for (size_t i = 0; i < st->nrecent; i++)
		if (st->recent[i] == h)
			return 1;
	return 0;
}

static void remember(struct stream *st, uint64_t h)
{
	st->recent[st->recent_pos] = h;
	st->recent_pos = (st->recent_pos + 1) % RECENT;
	if (st->nrecent < RECENT)
		st->nrecent++;
}

/*
 * Remove what a terminal would interpret (an LCOS pty paints its screen):
 * CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \\), charset and other
 * ESC + intermediate + final sequences, and control characters but tab.
 */
size_t stream_strip_escapes(char *s, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0x1b && i + 1 < n) {
			unsigned char k = (unsigned char)s[i + 1];

			if (k == '[') {
				i += 2;
				while (i < n && !((unsigned char)s[i] >= 0x40 && (unsigned char)s[i] <= 0x7e))
					i++;
			} else if (k == ']') {
				i += 2;
				while (i < n && s[i] != '\a' && !(s[i] == 0x1b && i + 1 < n && s[i + 1] == '\\'))
					i++;
				if (i < n && s[i] == 0x1b)
					i++;
			} else {
				/* ESC, intermediates (0x20-0x2f), one final byte */
				i += 1;
				while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] <= 0x2f)
					i++;
			}
			continue;
		}
		if (c < 0x20 && c != '\t')
			continue;
		if (c == 0x7f)
			continue;
		s[o++] = s[i];
	}
	return o;
}

/* The next space-separated word of *p (advanced past it); NULL at the end. */
static const char *word(char **p)
{
	char *s = *p, *e;

	if (*s == '\0')
		return NULL;
	e = strchr(s, ' ');
	if (e != NULL) {
		*e = '\0';
		*p = e + 1;
	} else {
		*p = s + strlen(s);
	}
	return s;
}

static int digits(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > 19)
		return 0;
	return strspn(s, "0123456789") == strlen(s);
}

/* "device:inode", both decimal. */
static int file_id(const char *s)
{
	const char *c = s != NULL ? strchr(s, ':') : NULL;
	char dev[24];

	if (c == NULL || (size_t)(c - s) >= sizeof dev || strlen(s) >= sizeof ((struct stream_pos *)0)->id)
		return 0;
	strlcpy_n(dev, sizeof dev, s, (size_t)(c - s));
	return digits(dev) && digits(c + 1);
}

static void note_event(struct stream *st, const char *ev, const char *file)
{
	strlcpy_n(st->stats.last_event, sizeof st->stats.last_event, ev, strlen(ev));
	if (file != NULL)
		strlcpy_n(st->stats.last_file, sizeof st->stats.last_file, file, strlen(file));
}

/* "at ID OFF EVENT INDEX NAME": the bytes that follow come from file ID
 * at offset OFF. Returns 0 when the marker is malformed (then ignored). */
static int marker_at(struct stream *st, char *rest)
{
	const char *id = word(&rest), *off = word(&rest), *ev = word(&rest), *idx = word(&rest);
	const char *name = rest;

	if (!file_id(id) || !digits(off) || ev == NULL || !digits(idx) || strlen(idx) > 3)
		return 0;
	if (strcmp(ev, "open") == 0) {
		st->dedupe = st->stats.lines > 0;
	} else if (strcmp(ev, "resume") == 0 || strcmp(ev, "rotated") == 0) {
		/* exact: the next byte of a file already being read */
	} else if (strcmp(ev, "next") == 0) {
		st->stats.rotations++;
	} else if (strcmp(ev, "truncated") == 0) {
		st->stats.truncations++;
		st->dedupe = st->stats.lines > 0;
	} else if (strcmp(ev, "replaced") == 0) {
		st->stats.replacements++;
		st->dedupe = st->stats.lines > 0;
	} else {
		return 0;
	}
	if (strcmp(ev, "open") != 0 && strcmp(ev, "resume") != 0)
		note_event(st, ev, name);
	st->pos.valid = 1;
	st->pos.index = atoi(idx);
	strlcpy_n(st->pos.id, sizeof st->pos.id, id, strlen(id));
	st->pos.off = strtoull(off, NULL, 10);
	st->following = 1;
	return 1;
}

/* A marker of this connection: consumed (1, also when malformed: what
 * carries the nonce comes from our own command, never from the log), or
 * not one (0). */
static int marker(struct stream *st, char *s, size_t n)
{
	size_t ml = strlen(MARK), nl = strlen(st->nonce);
	char copy[512], *rest;
	const char *w;

	if (nl == 0 || n < ml + nl + 1 || memcmp(s, MARK, ml) != 0 || memcmp(s + ml, st->nonce, nl) != 0 || s[ml + nl] != ' ')
		return 0;
	/* ours: parsed in a copy, and never delivered, even when malformed */
	if (n - (ml + nl + 1) >= sizeof copy)
		return 1;
	memcpy(copy, s + ml + nl + 1, n - (ml + nl + 1));
	copy[n - (ml + nl + 1)] = '\0';
	if (memchr(s, '\0', n) != NULL)
		return 1;
	rest = copy;
	w = word(&rest);
	if (w == NULL)
		return 1;
	if (strcmp(w, "at") == 0) {
		marker_at(st, rest);
		return 1;
	}
	if (strcmp(w, "alive") == 0)
		return 1;
	if (strcmp(w, "lost") == 0) {
		/* the rotated file is gone: what it held after the position
		 * cannot be read any more */
		st->stats.gaps++;
		st->dedupe = st->stats.lines > 0;
		note_event(st, "lost", "");
		return 1;
	}
	if (strcmp(w, "cmd") == 0) {
		st->following = 0;
		st->pos.valid = 0;
		st->dedupe = st->stats.lines > 0;
	}
	return 1;
}

/* Console noise: the prompt alone, the echo of the typed command. */
static int console_noise(const struct stream *st, const char *s, size_t n)
{
	const char *p = st->cfg.prompt, *c = st->cfg.send;

	if (p != NULL && *p != '\0' && n <= strlen(p) + 2 && memmem(s, n, p, strlen(p)) != NULL)
		return 1;
	if (c != NULL) {
		size_t sl = strcspn(c, "\r\n");

		if (sl > 0 && n >= sl && memcmp(s + n - sl, c, sl) == 0)
			return 1;
	}
	return 0;
}

/* One complete line (s[n] may be written); raw: its bytes as sent. */
static void line(struct stream *st, char *s, size_t n, uint64_t raw)
{
	uint64_t h;

	if (st->cfg.console)
		n = stream_strip_escapes(s, n);
	else if (n > 0 && s[n - 1] == '\r')
		n--;
	if (marker(st, s, n))
		return;
	if (st->following)
		st->pos.off += raw;
	if (st->cfg.console && console_noise(st, s, n))
		return;
	h = hash_line(s, n);
	if (st->dedupe) {
		if (seen(st, h))
			return;
		st->dedupe = 0;
	}
	remember(st, h);
	st->stats.lines++;
	st->conn_lines++;
	st->fn(st->ctx, s, n);
}

void stream_feed(struct stream *st, const char *buf, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *nl = memchr(buf + i, '\n', n - i);
		size_t take = nl != NULL ? (size_t)(nl - (buf + i)) : n - i;
		size_t room = st->partial.len < LINE_MAX_KEEP ? LINE_MAX_KEEP - st->partial.len : 0;

		sb_add(&st->partial, buf + i, take < room ? take : room);
		st->partial_raw += take;
		i += take;
		if (nl == NULL)
			break;
		i++;
		sb_addc(&st->partial, '\0');
		line(st, st->partial.s, st->partial.len - 1, st->partial_raw + 1);
		sb_reset(&st->partial);
		st->partial_raw = 0;
	}
}

void stream_end(struct stream *st)
{
	if (st->partial_raw > 0 && !st->following) {
		sb_addc(&st->partial, '\0');
		line(st, st->partial.s, st->partial.len - 1, st->partial_raw);
	}
	sb_reset(&st->partial);
	st->partial_raw = 0;
}

const struct stream_pos *stream_pos(const struct stream *st)
{
	return &st->pos;
}

const struct stream_stats *stream_stats(const struct stream *st)
{
	return &st->stats;
}

uint64_t stream_conn_lines(const struct stream *st)
{
	return st->conn_lines;
}

int stream_following(const struct stream *st)
{
	return st->following;
}
