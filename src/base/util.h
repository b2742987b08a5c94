/*
 * util.h - allocation, growable buffers and small string helpers shared by
 * the core. Allocation failure is fatal: the fatal path first calls a hook
 * the front end installs (the console restores the terminal there).
 */
#ifndef TD_UTIL_H
#define TD_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Install a function run before a fatal exit (e.g. endwin()). */
void td_set_fatal_hook(void (*hook)(void));
_Noreturn void td_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *v (of element size es) so that it holds at least need elements. */
void vec_reserve(void **v, size_t *cap, size_t need, size_t es);
#define VEC_PUSH(arr, n, cap) \
	(vec_reserve((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))), &(arr)[(n)++])

struct strbuf {
	char *s;
	size_t len, cap;
};
void sb_add(struct strbuf *b, const char *s, size_t n);
void sb_adds(struct strbuf *b, const char *s);
void sb_addc(struct strbuf *b, char c);
void sb_addf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *b, const char *fmt, va_list ap);
void sb_reset(struct strbuf *b);
void sb_free(struct strbuf *b);
/* Take the string out of the buffer; the buffer is left empty. */
char *sb_steal(struct strbuf *b);

/* Copy at most n bytes of s into dst (size dstsz), always terminated. */
void strlcpy_n(char *dst, size_t dstsz, const char *s, size_t n);
int str_startswith(const char *s, const char *prefix);
int str_endswith(const char *s, const char *suffix);


/*
 * A bump allocator: many small allocations freed together (a negotiation's
 * cells, hits and evidence lines). Memory is zeroed and 8-byte aligned.
 */
struct arena_chunk;
struct arena {
	struct arena_chunk *head;
};
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

/* A fast 64-bit hash of len bytes (the memos of repeated lines; not for
 * security; inline: it runs once per line). */
static inline uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len, w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s + i, len - i);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 29);
}

#endif
