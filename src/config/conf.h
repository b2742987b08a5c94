/*
 * conf.h - a gateway's IPsec configuration as it is written, before any
 * meaning is given to it: sections of key = value pairs, each remembering
 * the file and line it came from, so that every difference tunneldoc names
 * can show the configuration line behind it.
 *
 * Two syntaxes are read:
 * - ipsec.conf (libreswan, Openswan and strongSwan's stroke interface):
 *   `config setup`, `conn NAME` with indented `key=value` lines, `also=`,
 *   `conn %default` and `include` (glob, relative to the including file);
 * - swanctl.conf (strongSwan's vici interface): nested `name { ... }`
 *   sections with `key = value`, and `include`.
 * Saved command output that prints the same syntax (`ipsec addconn
 * --config FILE --listall`-style dumps, `swanctl --list-conns --raw` is not
 * one of them) reads the same way.
 *
 * Secrets are never kept: a value whose key names a secret (`secret`,
 * `psk`, ...) is stored as "***"; only that a secret is configured is
 * known. ipsec.secrets is not read here (psk.c compares the keys without
 * keeping them).
 */
#ifndef TD_CONF_H
#define TD_CONF_H

#include <stddef.h>

#include "base/i18n.h"

enum conf_syntax { CONF_IPSEC_CONF = 1, CONF_SWANCTL = 2 };

struct conf_kv {
	char *key;      /* for swanctl: the dotted path below the connection, e.g. "local.id" */
	char *value;    /* unquoted; "***" for a secret */
	const char *file;   /* owned by the conf (files[]) */
	int line;
};

struct conf_section {
	char *name;     /* "NAME" of `conn NAME`; for swanctl the connection name */
	const char *file;
	int line;
	struct conf_kv *kv;
	int nkv;
	size_t cap;
};

struct conf {
	enum conf_syntax syntax;
	struct conf_section *secs;  /* ipsec.conf: conns, %default included; swanctl: connections */
	int nsecs;
	size_t cap;                 /* of secs */
	char **files;               /* every file read, in order */
	int nfiles;
	int nsecrets;               /* swanctl secrets { } entries seen (values dropped) */
};

/*
 * Read the configuration in path (the syntax is detected: a `conn` line
 * means ipsec.conf, a `connections {` block swanctl.conf). NULL with *cause
 * set to a message naming the file and line ("FILE:LINE: ...") on a
 * malformed file, a missing include, or an include loop.
 */
struct conf *conf_read(const char *path, enum lang lang, char **cause);
void conf_free(struct conf *c);

/* The section named name (NULL if none). */
const struct conf_section *conf_section(const struct conf *c, const char *name);
/* The entry key of s (NULL if not set). */
const struct conf_kv *conf_get(const struct conf_section *s, const char *key);

/* Internal to src/config: the two syntaxes' readers. */
int conf_read_ipsec(struct conf *c, const char *path, int depth, enum lang lang, char **cause);
int conf_read_swanctl(struct conf *c, const char *path, int depth, enum lang lang, char **cause);
/* Set *cause to the message id's text with FILE:LINE in front; returns -1. */
int conf_fail(char **cause, enum lang lang, const char *file, int line, enum msg id, const char *arg);
/* Fold also= and %default into every conn (ipsec.conf, after the last file). */
int conf_fold_also(struct conf *c, enum lang lang, char **cause);
/* Shared by the readers. */
const char *conf_add_file(struct conf *c, const char *path);
struct conf_section *conf_add_section(struct conf *c, const char *name, const char *file, int line);
void conf_set(struct conf_section *s, const char *key, const char *value, const char *file, int line);
int conf_key_is_secret(const char *key);
/* Expand an include pattern relative to the including file: a NULL-ended list. */
char **conf_glob(const char *from, const char *pattern, int *n);
void conf_glob_free(char **v, int n);

#endif
