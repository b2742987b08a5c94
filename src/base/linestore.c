/*
 * linestore.c - see linestore.h.
 */
#include "base/linestore.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

#define TEXT_CHUNK (4u << 20)
#define MAX_LINE (64u * 1024)

#define BLOCK_LINES 65536     /* line records come in fixed blocks: no
			       * doubling reallocation of a huge array */

struct linestore {
	char **chunks;
	size_t nchunks, capchunks;
	size_t used;            /* bytes used in the last chunk */
	struct lineinfo **blocks;
	size_t nblocks, capblocks;
	size_t n;
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
	for (size_t i = 0; i < ls->nblocks; i++)
		free(ls->blocks[i]);
	free(ls->blocks);
	free(ls);
}

static struct lineinfo *new_line(struct linestore *ls)
{
	struct lineinfo *li;

	if (ls->n == ls->nblocks * BLOCK_LINES) {
		*VEC_PUSH(ls->blocks, ls->nblocks, ls->capblocks) = xmalloc(BLOCK_LINES * sizeof(struct lineinfo));
	}
	li = &ls->blocks[ls->n / BLOCK_LINES][ls->n % BLOCK_LINES];
	ls->n++;
	memset(li, 0, sizeof *li);
	return li;
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
	}
	dst = ls->chunks[ls->nchunks - 1] + ls->used;
	memcpy(dst, s, len);
	ls->used += len;
	li = new_line(ls);
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
	return i < ls->n ? &ls->blocks[i / BLOCK_LINES][i % BLOCK_LINES] : NULL;
}

const struct lineinfo *linestore_get(const struct linestore *ls, size_t i)
{
	return i < ls->n ? &ls->blocks[i / BLOCK_LINES][i % BLOCK_LINES] : NULL;
}
