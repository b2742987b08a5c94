/*
 * index.h - a small string -> index map for the kb's ids (causes,
 * chapters, dialects, signatures, rules, devices, trees, tree nodes),
 * filled while the kb loads, so every lookup by id is one hash probe and
 * a duplicate id is found by the same insert. The keys are not copied:
 * they point at the id strings of the items, which outlive the map.
 */
#ifndef TD_KB_INDEX_H
#define TD_KB_INDEX_H

#include <stddef.h>

struct kb_ids {
	const char **keys;   /* open addressing, NULL: empty slot */
	int *vals;
	size_t cap, n;       /* cap is 0 or a power of two */
};

/*
 * Map key to val unless key is there already. Returns -1 when inserted,
 * else the index already held for key (nothing changes then).
 */
int kb_ids_put(struct kb_ids *m, const char *key, int val);
/* The index for key, or -1. */
int kb_ids_get(const struct kb_ids *m, const char *key);
void kb_ids_free(struct kb_ids *m);

#endif
