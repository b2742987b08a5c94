/*
 * psk.c - see psk.h. A key read here lives only in memory, is compared
 * and wiped; what is kept is the entry's file and line and the relation.
 */
#include "config/psk.h"
#include "config/conf.h"
#include "base/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const char *cpsk_name(enum cpsk p)
{
	switch (p) {
	case PSK_EQUAL: return "equal";
	case PSK_DIFFERS: return "differs";
	case PSK_UNREADABLE: return "not readable";
	default: return "not compared";
	}
}

void psk_wipe(char *psk)
{
	if (psk == NULL)
		return;
	for (volatile char *p = psk; *p != '\0'; p++)
		*p = '\0';
	free(psk);
}

/* One selector (an ID or address) names this end: its own or its peer's. */
static int names_end(const char *sel, const struct tend *e)
{
	static const enum tparam ps[] = { TP_ID_LOCAL, TP_ID_REMOTE, TP_ADDR_LOCAL, TP_ADDR_REMOTE };

	if (*sel == '@' && sel[1] != '#')
		sel++;
	if (strcmp(sel, "%any") == 0 || strcmp(sel, "%any6") == 0)
		return 1;
	for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++) {
		const char *v = e->v[ps[i]].value;

		if (v == NULL)
			continue;
		if (*v == '@' && v[1] != '#')
			v++;
		if (strcasecmp(sel, v) == 0)
			return 1;
	}
	return 0;
}

/*
 * How well an entry's selectors (blank-separated) fit end e: -1 one names
 * something else, 0 none given (the default entry), else how many name it.
 */
static int fit(const char *sels, const struct tend *e)
{
	char *c = xstrdup(sels), *save = NULL;
	int n = 0;

	for (char *t = strtok_r(c, " \t,", &save); t != NULL; t = strtok_r(NULL, " \t,", &save)) {
		if (!names_end(t, e)) {
			n = -1;
			break;
		}
		n++;
	}
	free(c);
	return n;
}

/* The secret of a value: a quoted string's inside (*quoted = 1), else the word. */
static char *unquote(const char *p, int *quoted)
{
	const char *end;

	p += strspn(p, " \t");
	*quoted = *p == '"' || *p == '\'';
	if (*quoted) {
		end = strchr(p + 1, *p);
		if (end == NULL)
			return NULL;
		return xasprintf("%.*s", (int)(end - p - 1), p + 1);
	}
	end = p + strcspn(p, " \t\r\n#");
	return end > p ? xasprintf("%.*s", (int)(end - p), p) : NULL;
}

/* The decoded key's bytes as hex, written into a buffer of fixed size (no
 * reallocation leaves a copy of the key behind). */
struct hexout {
	char *s;
	size_t n;
};

static void hex_byte(struct hexout *o, unsigned v)
{
	static const char hx[] = "0123456789abcdef";

	o->s[o->n++] = hx[(v >> 4) & 15];
	o->s[o->n++] = hx[v & 15];
}

/* Hex digits of s ('_' and ':' between them skipped), lowercase; -1 if not hex or odd. */
static int from_hex(const char *s, struct hexout *o)
{
	for (; *s != '\0'; s++) {
		if (*s == '_' || *s == ':')
			continue;
		if (!isxdigit((unsigned char)*s))
			return -1;
		o->s[o->n++] = (char)tolower((unsigned char)*s);
	}
	return o->n > 0 && o->n % 2 == 0 ? 0 : -1;
}

/* Base64 (padding '=' only at the end) as hex bytes; -1 if not base64. */
static int from_base64(const char *s, struct hexout *o)
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned acc = 0;
	int bits = 0;

	for (; *s != '\0' && *s != '='; s++) {
		const char *c = strchr(al, *s);

		if (c == NULL)
			return -1;
		acc = (acc << 6 | (unsigned)(c - al)) & 0xffffu;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			hex_byte(o, acc >> bits);
		}
	}
	s += strspn(s, "=");
	return *s == '\0' && o->n > 0 ? 0 : -1;
}

/*
 * The key as the daemon uses it, as the lowercase hex of its bytes. A
 * quoted ipsec.secrets key is its text (libreswan secrets.c, strongSwan
 * stroke_cred.c extract_secret); else "0x"/"0X" is hex ('_' and ':'
 * between digits skipped: libreswan ttodata, strongSwan chunk_from_hex),
 * "0s"/"0S" base64, "0t"/"0T" text (libreswan ttodata, ipsec.secrets),
 * anything else text. swanctl.conf decodes 0x/0s quoted or not
 * (swanctl load_creds.c load_secret). NULL, with *form "0x" or "0s",
 * when the key does not decode. The same rules run on the gateway
 * (src/live/remote.c, psk_awk_common's canon).
 */
static char *canon(const char *raw, int quoted, int swanctl, const char **form)
{
	struct hexout o = { xcalloc(1, 2 * strlen(raw) + 1), 0 };
	int rc = 0;

	*form = NULL;
	if ((swanctl || !quoted) && raw[0] == '0' && strlen(raw) > 2 && strchr("xXsS", raw[1]) != NULL) {
		int hex = raw[1] == 'x' || raw[1] == 'X';

		*form = hex ? "0x" : "0s";
		rc = hex ? from_hex(raw + 2, &o) : from_base64(raw + 2, &o);
	} else {
		const char *t = !swanctl && !quoted && raw[0] == '0' && (raw[1] == 't' || raw[1] == 'T') ? raw + 2 : raw;

		for (; *t != '\0'; t++)
			hex_byte(&o, (unsigned char)*t);
	}
	if (rc != 0) {
		psk_wipe(o.s);
		return NULL;
	}
	*form = NULL;
	return o.s;
}

struct best {
	int fit, line, quoted;
	char *psk, *key;
	char *file;           /* owned: an included file's name */
};

static void best_offer(struct best *b, int f, char *psk, int quoted, const char *key, const char *file, int line)
{
	if (psk == NULL || *psk == '\0' || f < 0 || f <= b->fit) {
		psk_wipe(psk);
		return;
	}
	psk_wipe(b->psk);
	free(b->key);
	free(b->file);
	b->fit = f, b->psk = psk, b->quoted = quoted, b->key = xstrdup(key), b->file = xstrdup(file), b->line = line;
}

/* A swanctl.conf line's key and value ("key = value"), in place; 0 if none. */
static int kv_split(char *p, char **k, char **v)
{
	char *eq = strchr(p, '=');

	if (eq == NULL)
		return 0;
	*eq = '\0';
	*k = p + strspn(p, " \t");
	for (char *t = eq - 1; t >= *k && isspace((unsigned char)*t); t--)
		*t = '\0';
	*v = eq + 1;
	return 1;
}

struct ikesec {
	char name[128], ids[1024];
	char *psk;
	int line;
	const char *file;
};

/*
 * One scan over a secrets file and what it includes: the state of the
 * swanctl.conf sections goes on into an included file, as the daemons read
 * it (the included text stands where the include line was).
 */
#define INCLUDE_DEPTH 8

struct scan {
	const struct tend *e;
	struct best *b;
	int swanctl;
	int depth, in_secrets, in_ike;
	struct ikesec cur;
	char **files;         /* every file read (for the ikesec's file) */
	size_t nfiles, capfiles;
};

static void scan_path(struct scan *sc, const char *path, int level);

/* "include PATTERN" (libreswan/Openswan ipsec.secrets, strongSwan
 * settings): the files it names, relative to the including file's
 * directory; 0 when the line is no include. */
static int scan_include(struct scan *sc, const char *p, const char *path, int level)
{
	char *q, **files;
	int n;

	if (strncmp(p, "include", 7) != 0 || !isspace((unsigned char)p[7]))
		return 0;
	p += 7 + strspn(p + 7, " \t");
	q = unquote(p, &(int){ 0 });
	if (q != NULL && *q != '\0' && level < INCLUDE_DEPTH) {
		/* relative to the including file, as conf.c reads configurations */
		files = conf_glob(path, q, &n);
		for (int i = 0; i < n; i++)
			scan_path(sc, files[i], level + 1);
		conf_glob_free(files, n);
	}
	free(q);
	return 1;
}

/* ipsec.secrets: `[SELECTORS] : PSK "secret"` lines. */
static void scan_secrets_line(struct scan *sc, char *line, const char *path, int n)
{
	char *colon = strchr(line, ':'), *p, *v;
	int q;

	if (line[0] == '#' || colon == NULL)
		return;
	p = colon + 1 + strspn(colon + 1, " \t");
	if (strncasecmp(p, "PSK", 3) != 0 || !isspace((unsigned char)p[3]))
		return;
	*colon = '\0';
	v = unquote(p + 3, &q);
	best_offer(sc->b, fit(line, sc->e), v, q, "PSK", path, n);
}

/* swanctl.conf: `secrets { ike[-NAME] { id[-x] = ..., secret = ... } }`. */
static void scan_swanctl_line(struct scan *sc, char *p, const char *path, int n)
{
	struct ikesec *cur = &sc->cur;
	char *k, *v;
	int q;

	if (strchr(p, '{') != NULL) {
		sc->depth++;
		sc->in_secrets |= sc->depth == 1 && strncmp(p, "secrets", 7) == 0;
		if (sc->in_secrets && sc->depth == 2 && strncmp(p, "ike", 3) == 0) {
			sc->in_ike = 1;
			snprintf(cur->name, sizeof cur->name, "%.*s", (int)strcspn(p, " \t{"), p);
			cur->ids[0] = '\0';
			cur->line = n;
			cur->file = path;
		}
	} else if (strchr(p, '}') != NULL) {
		if (sc->in_ike && sc->depth == 2) {
			char key[160];

			snprintf(key, sizeof key, "secrets.%s.secret", cur->name);
			best_offer(sc->b, fit(cur->ids, sc->e), cur->psk, 1, key, cur->file, cur->line);
			cur->psk = NULL;
			sc->in_ike = 0;
		}
		if (sc->depth > 0 && --sc->depth == 0)
			sc->in_secrets = 0;
	} else if (sc->in_ike && kv_split(p, &k, &v)) {
		if (strcmp(k, "secret") == 0) {
			psk_wipe(cur->psk);
			cur->psk = unquote(v, &q);
			cur->line = n;
			cur->file = path;
		} else if (strncmp(k, "id", 2) == 0) {
			char *id = unquote(v, &q);

			if (id != NULL && strlen(cur->ids) + strlen(id) + 2 < sizeof cur->ids)
				strcat(strcat(cur->ids, " "), id);
			free(id);
		}
	}
}

static void scan_path(struct scan *sc, const char *path, int level)
{
	char line[4096];
	FILE *f = fopen(path, "r");
	const char *name;
	int n = 0;

	if (f == NULL)
		return;
	/* the name lives as long as the scan (an ikesec may end in another file) */
	*VEC_PUSH(sc->files, sc->nfiles, sc->capfiles) = xstrdup(path);
	name = sc->files[sc->nfiles - 1];
	while (fgets(line, sizeof line, f) != NULL) {
		char *p = line + strspn(line, " \t");

		n++;
		if (*p == '#' || scan_include(sc, p, name, level))
			continue;
		if (sc->swanctl)
			scan_swanctl_line(sc, p, name, n);
		else
			scan_secrets_line(sc, line, name, n);
	}
	fclose(f);
	explicit_bzero(line, sizeof line);
}

int psk_read(const char *path, struct tend *e, char **psk, enum lang lang, char **why)
{
	struct best b = { -1, 0, 0, NULL, NULL, NULL };
	struct scan sc = { 0 };
	const char *form;
	FILE *f = fopen(path, "r");
	struct tval *t = &e->v[TP_PSK];

	*psk = NULL;
	if (f == NULL) {
		*why = xasprintf(msg(M_CF_PSK_UNREADABLE, lang), path, strerror(errno));
		return -1;
	}
	fclose(f);
	sc.e = e;
	sc.b = &b;
	sc.swanctl = e->syntax == CONF_SWANCTL;
	scan_path(&sc, path, 0);
	psk_wipe(sc.cur.psk);
	for (size_t i = 0; i < sc.nfiles; i++)
		free(sc.files[i]);
	free(sc.files);
	if (b.psk == NULL) {
		free(b.key);
		free(b.file);
		*why = xasprintf(msg(M_CF_PSK_NO_ENTRY, lang), path);
		return -1;
	}
	*psk = canon(b.psk, b.quoted, e->syntax == CONF_SWANCTL, &form);
	psk_wipe(b.psk);
	if (*psk == NULL) {
		free(b.key);
		*why = xasprintf(msg(M_CG_PSK_BAD_FORM, lang), b.file, b.line, form != NULL ? form : "?");
		free(b.file);
		return -1;
	}
	free(t->value);
	free(t->key);
	free(t->file);
	t->value = xstrdup("***");
	t->key = b.key;
	t->file = b.file;   /* the file the entry is in: an included one, perhaps */
	t->line = b.line;
	t->derived = 0;
	return 0;
}

/* The secrets file of an end when none was named: beside its configuration. */
static char *default_path(const struct tend *e)
{
	const char *slash;
	char *p;

	if (e->syntax == CONF_SWANCTL)
		return xstrdup(e->file);
	slash = strrchr(e->file, '/');
	p = slash != NULL ? xasprintf("%.*s/ipsec.secrets", (int)(slash - e->file), e->file) : xstrdup("ipsec.secrets");
	if (access(p, F_OK) != 0) {
		free(p);
		return NULL;
	}
	return p;
}

/* The TP_PSK item at the end of d's items, with the relation rel. */
static void add_item(struct cdiff *d, enum crel rel)
{
	struct citem *it;

	if (d->nitems >= TP_COUNT)
		return;
	it = &d->items[d->nitems++];
	it->lp = it->rp = TP_PSK;
	it->rel = rel;
	it->what = NULL;
	it->cause = rel == CR_DIFFERS ? "psk-mismatch" : NULL;
	if (rel == CR_DIFFERS)
		d->ndiffer++;
}

void cdiff_psk_files(struct cdiff *d, const char *lpath, const char *rpath, enum lang lang)
{
	struct tend *e[2] = { &d->left, &d->right };
	char *path[2], *psk[2] = { NULL, NULL }, *why[2] = { NULL, NULL };
	int ok = 1, failed = 0;

	path[0] = lpath != NULL ? xstrdup(lpath) : default_path(&d->left);
	path[1] = rpath != NULL ? xstrdup(rpath) : default_path(&d->right);
	for (int s = 0; s < 2; s++) {
		if (path[s] == NULL)
			why[s] = xstrdup(msg(M_CF_PSK_NO_FILE, lang));
		else if (psk_read(path[s], e[s], &psk[s], lang, &why[s]) != 0)
			failed = 1;
		ok &= why[s] == NULL;
	}
	if (ok) {
		d->psk = strcmp(psk[0], psk[1]) == 0 ? PSK_EQUAL : PSK_DIFFERS;
		add_item(d, d->psk == PSK_EQUAL ? CR_EQUAL : CR_DIFFERS);
	} else {
		d->psk = failed ? PSK_UNREADABLE : PSK_NOT_COMPARED;
		free(d->psk_why);
		d->psk_why = xasprintf("%s: %s; %s: %s", msg(M_SIDE_LEFT, lang), why[0] != NULL ? why[0] : msg(M_CF_PSK_READ, lang),
		    msg(M_SIDE_RIGHT, lang), why[1] != NULL ? why[1] : msg(M_CF_PSK_READ, lang));
	}
	for (int s = 0; s < 2; s++) {
		psk_wipe(psk[s]);
		free(why[s]);
		free(path[s]);
	}
}

/* "FILE:LINE" into an end's TP_PSK value. */
static void set_where(struct tend *e, const char *where)
{
	struct tval *t = &e->v[TP_PSK];
	const char *colon = strrchr(where, ':');

	free(t->value);
	free(t->key);
	free(t->file);
	t->value = xstrdup("***");
	t->key = xstrdup("PSK");
	t->file = colon != NULL ? xasprintf("%.*s", (int)(colon - where), where) : xstrdup(where);
	t->line = colon != NULL ? atoi(colon + 1) : 0;
	t->derived = 0;
}

void cdiff_psk_hashes(struct cdiff *d, const char *const hash[2], const char *const where[2],
    const char *const why[2], enum lang lang)
{
	if (hash[0] != NULL && hash[1] != NULL) {
		set_where(&d->left, where[0] != NULL ? where[0] : "?");
		set_where(&d->right, where[1] != NULL ? where[1] : "?");
		d->psk = strcmp(hash[0], hash[1]) == 0 ? PSK_EQUAL : PSK_DIFFERS;
		add_item(d, d->psk == PSK_EQUAL ? CR_EQUAL : CR_DIFFERS);
		return;
	}
	d->psk = PSK_UNREADABLE;
	free(d->psk_why);
	d->psk_why = xasprintf("%s: %s; %s: %s", msg(M_SIDE_LEFT, lang),
	    hash[0] != NULL ? msg(M_CF_PSK_READ, lang) : why[0] != NULL ? why[0] : "?",
	    msg(M_SIDE_RIGHT, lang), hash[1] != NULL ? msg(M_CF_PSK_READ, lang) : why[1] != NULL ? why[1] : "?");
}
