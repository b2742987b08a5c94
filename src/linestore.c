/*
 * linestore.c - see linestore.h.
 */
#include "linestore.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define TEXT_CHUNK (4u << 20)
#define MAX_LINE (64u * 1024)

struct linestore {
	char **chunks;
	size_t nchunks, capchunks;
	size_t used;            /* bytes used in the last chunk */
	struct lineinfo *lines;
	size_t n, cap;
	size_t bytes;
};

struct linestore *linestore_new(void)
{
	return xcalloc(1, sizeof(struct linestore));
}

void linestore_free(struct linestore *ls)
{
	if (ls == NULL)
		return;
	for (size_t i = 0; i < ls->nchunks; i++)
		free(ls->chunks[i]);
	free(ls->chunks);
	free(ls->lines);
	free(ls);
}

size_t linestore_add(struct linestore *ls, const char *s, size_t len)
{
	struct lineinfo *li;
	char *dst;

	if (len > MAX_LINE)
		len = MAX_LINE;
	if (ls->nchunks == 0 || TEXT_CHUNK - ls->used < len) {
		*VEC_PUSH(ls->chunks, ls->nchunks, ls->capchunks) = xmalloc(TEXT_CHUNK);
		ls->used = 0;
		ls->bytes += TEXT_CHUNK;
	}
	dst = ls->chunks[ls->nchunks - 1] + ls->used;
	memcpy(dst, s, len);
	ls->used += len;
	li = VEC_PUSH(ls->lines, ls->n, ls->cap);
	memset(li, 0, sizeof *li);
	li->text = dst;
	li->len = (uint32_t)len;
	return ls->n - 1;
}

size_t linestore_count(const struct linestore *ls)
{
	return ls->n;
}

struct lineinfo *linestore_at(struct linestore *ls, size_t i)
{
	return i < ls->n ? &ls->lines[i] : NULL;
}

const struct lineinfo *linestore_get(const struct linestore *ls, size_t i)
{
	return i < ls->n ? &ls->lines[i] : NULL;
}

size_t linestore_bytes(const struct linestore *ls)
{
	return ls->bytes + ls->cap * sizeof(struct lineinfo);
}
