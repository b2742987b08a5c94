/*
 * fuzz_stream.c - libFuzzer harness for the live stream handler
 * (src/live/stream.c): the bytes a gateway's channel gives, with no
 * network. The first byte chooses the mode (bit 0: a pty console with
 * escape stripping, prompt and echo) and the chunk sizes the bytes are
 * fed in; a 0xfe byte ends the connection (stream_end) and starts a new
 * one with the next nonce. Markers of the current nonce
 * ("@@tunneldoc-0123456789abcdef at 8:42 0 open 0 /var/log/x") are found
 * by the fuzzer from the seeds. Checked: no delivered line holds a line
 * break or (console) a control character, lines are at most 64 KiB, a
 * heartbeat marker of the current connection is never delivered, no more
 * lines come out than bytes went in. Seeds: tests/live/fuzz-seeds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct check {
	int console;
	const char *nonce;
};

static void on_line(void *ctx, const char *line, size_t len)
{
	const struct check *c = ctx;
	char mark[64];

	if (len > 65536)
		abort();
	if (memchr(line, '\n', len) != NULL)
		abort();
	if (c->console)
		for (size_t i = 0; i < len; i++)
			if (((unsigned char)line[i] < 0x20 && line[i] != '\t') || line[i] == 0x7f)
				abort();
	/* a console has no markers; a command connection consumes its own */
	snprintf(mark, sizeof mark, "@@tunneldoc-%s alive", c->nonce);
	if (!c->console && len == strlen(mark) && memcmp(line, mark, len) == 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *nonces[] = { "0123456789abcdef", "fedcba9876543210" };
	struct stream_cfg cfg = {0};
	struct check c = {0};
	struct stream *st;
	size_t i = 1, conn = 0;

	if (size == 0)
		return 0;
	c.console = data[0] & 1;
	if (c.console) {
		cfg.console = 1;
		cfg.prompt = "> ";
		cfg.send = "trace + vpn-status\r";
	}
	c.nonce = nonces[0];
	st = stream_new(&cfg, on_line, &c);
	stream_connect(st, c.console ? NULL : c.nonce);
	while (i < size) {
		size_t chunk = 1 + (size_t)((data[0] >> 1) & 0x3f) * 7;
		const uint8_t *brk;

		if (chunk > size - i)
			chunk = size - i;
		brk = memchr(data + i, 0xfe, chunk);
		if (brk != NULL)
			chunk = (size_t)(brk - (data + i));
		stream_feed(st, (const char *)data + i, chunk);
		i += chunk;
		if (brk != NULL) {
			i++;
			stream_end(st);
			c.nonce = nonces[++conn % 2];
			stream_connect(st, c.console ? NULL : c.nonce);
		}
	}
	stream_end(st);
	if (stream_stats(st)->lines > size)
		abort();
	stream_free(st);
	return 0;
}
