/*
 * index.c - see index.h. FNV-1a hash, linear probing, the table doubled
 * when it is more than half full; no removal (the kb only grows while it
 * loads, then is read-only).
 */
#include "kb/index.h"
#include "base/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (uint8_t)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The slot of key, or of the empty slot where it would go. */
static size_t slot(const struct kb_ids *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);

	while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void grow(struct kb_ids *m)
{
	struct kb_ids old = *m;

	m->cap = old.cap ? old.cap * 2 : 16;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->vals = xcalloc(m->cap, sizeof *m->vals);
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i] != NULL) {
			size_t j = slot(m, old.keys[i]);

			m->keys[j] = old.keys[i];
			m->vals[j] = old.vals[i];
		}
	free(old.keys);
	free(old.vals);
}

int kb_ids_put(struct kb_ids *m, const char *key, int val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	i = slot(m, key);
	if (m->keys[i] != NULL)
		return m->vals[i];
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return -1;
}

int kb_ids_get(const struct kb_ids *m, const char *key)
{
	size_t i;

	if (m->cap == 0 || key == NULL)
		return -1;
	i = slot(m, key);
	return m->keys[i] != NULL ? m->vals[i] : -1;
}

void kb_ids_free(struct kb_ids *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
