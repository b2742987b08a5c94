/*
 * connect_config.c - issue 18 live: at the start of 'connect --batch' both
 * gateways' IPsec configuration is fetched over the open SSH sessions with
 * the profile's read-only command (or --config-cmd), compared as
 * config-diff compares files, and the pre-shared keys compared by their
 * salted hashes computed on the gateways (src/live/remote.c builds both
 * commands). The fetched files live in a private temporary directory only
 * while they are read (secret values were blanked on the gateway), then are
 * deleted; the comparison names each value by gateway and path
 * ("left:/etc/ipsec.conf:12"). What could not be read is said, not guessed.
 * See connect.h.
 */
#include "cli/connect.h"
#include "cli/cli.h"
#include "base/clock.h"
#include "base/util.h"
#include "config/cdiff.h"
#include "config/psk.h"
#include "live/remote.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_MARK "@@tunneldoc-file "
#define FETCH_MS 20000

/* Step the session (lines keep flowing into the analysis) for up to ms. */
static void step_for(struct session *s, int ms)
{
	struct pollfd pfd[2];
	int timeout, n = session_pollfds(s, pfd, mono_ms(), &timeout);

	if (timeout < 0 || timeout > ms)
		timeout = ms;
	if (poll(pfd, (nfds_t)n, timeout) < 0 && errno != EINTR)
		return;
	session_step(s, mono_ms());
}

/*
 * Wait until both sides stream: 1. 0 as soon as one is not on its way
 * there (retrying, failed, done) or the time is up: the batch goes on
 * without the configurations rather than holding its progress back.
 */
static int wait_streaming(struct session *s, int64_t until)
{
	while (mono_ms() < until) {
		int streaming = 0;

		for (int k = 0; k < 2; k++) {
			struct live *l = session_live(s, k);
			enum live_state st = live_state(l);

			/* a new session starts in LS_RETRY: only a retry after an error counts */
			if (st == LS_FAILED || st == LS_DONE || (st == LS_RETRY && live_error(l) != NULL))
				return 0;
			streaming += st == LS_STREAMING;
		}
		if (streaming == 2)
			return 1;
		step_for(s, 100);
	}
	return 0;
}

/* Run cmd[k] on each side that has one; out[k] its output (or NULL). */
static void run_both(struct session *s, char *const cmd[2], char *out[2], int64_t until)
{
	int running = 0;

	for (int k = 0; k < 2; k++) {
		out[k] = NULL;
		if (cmd[k] != NULL && live_run(session_live(s, k), cmd[k], mono_ms()) == 0)
			running |= 1 << k;
	}
	while (running && mono_ms() < until) {
		step_for(s, 100);
		for (int k = 0; k < 2; k++) {
			const char *o;
			int status, r;

			if (!(running & (1 << k)))
				continue;
			r = live_run_result(session_live(s, k), &o, &status);
			if (r == 1 || r == 2) {
				out[k] = r == 1 ? xstrdup(o) : NULL;
				running &= ~(1 << k);
			}
		}
	}
}

/* mkdir -p for the directories of path (below the private root). */
static void mkdirs(char *path)
{
	for (char *p = strchr(path + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
}

/* Write one fetched file under root; absolute includes point below root. */
static int put_file(const char *root, const char *name, const char *text, size_t len)
{
	char *p = xasprintf("%s%s%s", root, name[0] == '/' ? "" : "/", name);
	FILE *f;
	int fd, rc = -1;

	mkdirs(p);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	if (fd >= 0 && (f = fdopen(fd, "w")) != NULL) {
		const char *q = text, *end = text + len;

		while (q < end) {
			const char *nl = memchr(q, '\n', (size_t)(end - q));
			size_t n = nl != NULL ? (size_t)(nl - q) + 1 : (size_t)(end - q);
			const char *w = q + strspn(q, " \t");

			if (strncmp(w, "include", 7) == 0 && (w[7] == ' ' || w[7] == '\t')) {
				const char *arg = w + 7 + strspn(w + 7, " \t");

				if (*arg == '/') {
					fprintf(f, "%.*s%s", (int)(arg - q), q, root);
					fwrite(arg, 1, n - (size_t)(arg - q), f);
					q += n;
					continue;
				}
			}
			fwrite(q, 1, n, f);
			q += n;
		}
		rc = fclose(f) == 0 ? 0 : -1;
	} else if (fd >= 0) {
		close(fd);
	}
	free(p);
	return rc;
}

/*
 * The output of the configuration command into files under root: after
 * each "@@tunneldoc-file PATH" marker that file; output without a marker
 * (a --config-cmd) is one file, "config". *unreadable names the first file
 * the gateway could not read. 0 when at least one file was written.
 */
static int store_dump(const char *root, const char *out, char **unreadable)
{
	const char *p = strstr(out, FILE_MARK);
	int n = 0;

	*unreadable = NULL;
	if (p == NULL)
		return put_file(root, "config", out, strlen(out));
	while (p != NULL) {
		const char *name = p + strlen(FILE_MARK), *eol = strchr(name, '\n');
		const char *body, *next;
		char *nm;

		if (eol == NULL)
			break;
		nm = xasprintf("%.*s", (int)(eol - name), name);
		body = eol + 1;
		next = strstr(body, "\n" FILE_MARK);
		if (strncmp(body, "@@tunneldoc-unreadable", 22) == 0) {
			if (*unreadable == NULL)
				*unreadable = xstrdup(nm);
		} else if (nm[0] == '/' && strstr(nm, "/../") == NULL && put_file(root, nm, body,
		    next != NULL ? (size_t)(next - body) + 1 : strlen(body)) == 0) {
			n++;
		}
		free(nm);
		p = next != NULL ? next + 1 : NULL;
	}
	return n > 0 ? 0 : -1;
}

/* Replace the private root in a value's file name by the side's label. */
static void relabel_one(char **file, const char *root, const char *label)
{
	size_t n = strlen(root);
	char *f;

	if (*file == NULL || strncmp(*file, root, n) != 0)
		return;
	f = xasprintf("%s:%s", label, strcmp(*file + n, "/config") == 0 ? "config-cmd" : *file + n);
	free(*file);
	*file = f;
}

static void relabel(struct tend *e, const char *root, const char *label)
{
	relabel_one(&e->file, root, label);
	for (int i = 0; i < TP_COUNT; i++)
		relabel_one(&e->v[i].file, root, label);
}

/* rm -r of the private directory (only what store_dump wrote). */
static void remove_tree(const char *dir)
{
	char *c = xasprintf("rm -rf -- '%s'", dir);

	if (strchr(dir, '\'') == NULL && system(c) != 0)
		fprintf(stderr, "tunneldoc: %s could not be removed\n", dir);
	free(c);
}

/* The side's configuration command: --config-cmd or the profile's. */
static char *config_cmd(const struct connect_args *A, const struct device *d, int k, char **why)
{
	if (A->cfgcmd[k] != NULL)
		return xstrdup(A->cfgcmd[k]);
	if (d == NULL || d->cfg_main == NULL) {
		*why = xstrdup(d != NULL && d->cfg_note != NULL ? d->cfg_note : msg(M_CF_LIVE_NO_PROFILE, A->lang));
		return NULL;
	}
	return remote_config_command((const char *const *)d->cfg_files, d->ncfg_files);
}

/* Read the side's fetched configuration (root/main or root/config). */
static struct conf *read_side(const struct connect_args *A, const struct device *d, int k, const char *root,
    const char *out, char **why)
{
	char *unread = NULL, *main;
	struct conf *c = NULL;

	if (out == NULL) {
		*why = xstrdup(msg(M_CF_LIVE_NOT_RUN, A->lang));
		return NULL;
	}
	if (store_dump(root, out, &unread) != 0) {
		*why = unread != NULL ? xasprintf(msg(M_CF_PSK_UNREADABLE, A->lang), unread, "permission")
		    : xstrdup(msg(M_CF_LIVE_EMPTY, A->lang));
		free(unread);
		return NULL;
	}
	free(unread);
	main = A->cfgcmd[k] != NULL || d == NULL ? xasprintf("%s/config", root) : xasprintf("%s%s", root, d->cfg_main);
	c = conf_read(main, A->lang, why);
	free(main);
	return c;
}

/* Random salt, hex (32 digits). */
static void make_salt(char salt[33])
{
	unsigned char r[16];
	int fd = open("/dev/urandom", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, r, sizeof r) : -1;

	if (fd >= 0)
		close(fd);
	for (int i = 0; i < 16; i++)
		snprintf(salt + 2 * i, 3, "%02x", n == (ssize_t)sizeof r ? r[i] : (unsigned)(rand() & 0xff));
}

/* The tunnel's IDs and addresses as one end names them, blank-separated. */
static char *selectors(const struct tend *e)
{
	static const enum tparam ps[] = { TP_ID_LOCAL, TP_ID_REMOTE, TP_ADDR_LOCAL, TP_ADDR_REMOTE };
	struct strbuf b = {0};

	for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++) {
		const char *v = e->v[ps[i]].value;

		if (v == NULL)
			continue;
		for (; *v != '\0'; v++)
			sb_addc(&b, *v == ',' ? ' ' : *v);
		sb_addc(&b, ' ');
	}
	return b.s != NULL ? sb_steal(&b) : xstrdup("");
}

/* One side's answer to the PSK command: hash and where, or why not. */
static void psk_answer(const char *out, enum lang lang, char **hash, char **where, char **why)
{
	const char *p;

	*hash = *where = *why = NULL;
	if (out == NULL || strstr(out, "@@tunneldoc-psk-nohash") != NULL) {
		*why = xstrdup(msg(M_CF_LIVE_NO_HASH, lang));
		return;
	}
	if ((p = strstr(out, "@@tunneldoc-psk-at ")) != NULL && strstr(out, "@@tunneldoc-psk-none") == NULL) {
		const char *w = p + 19;

		*where = xasprintf("%.*s", (int)strcspn(w, "\r\n"), w);
		for (const char *q = out; *q != '\0'; q += strcspn(q, "\n") + (q[strcspn(q, "\n")] != '\0')) {
			if (strspn(q, "0123456789abcdef") == 64) {
				*hash = xasprintf("%.64s", q);
				return;
			}
		}
	}
	free(*where);
	*where = NULL;
	if ((p = strstr(out, "@@tunneldoc-psk-unreadable ")) != NULL) {
		char *f = xasprintf("%.*s", (int)strcspn(p + 27, "\r\n"), p + 27);

		*why = xasprintf(msg(M_CF_PSK_UNREADABLE, lang), f, "permission");
		free(f);
	} else if ((p = strstr(out, "@@tunneldoc-psk-badform ")) != NULL) {
		char *f = xasprintf("%.*s", (int)strcspn(p + 24, "\r\n"), p + 24), *form = strrchr(f, ' '), *colon;

		if (form != NULL)
			*form++ = '\0';
		colon = strrchr(f, ':');
		if (colon != NULL)
			*colon++ = '\0';
		*why = xasprintf(msg(M_CG_PSK_BAD_FORM, lang), f, colon != NULL ? atoi(colon) : 0, form != NULL ? form : "?");
		free(f);
	} else {
		*why = xstrdup(msg(M_CF_LIVE_NO_PSK, lang));
	}
}

/* The PSKs: each gateway hashes salt||key; only the hashes are compared. */
static void compare_psks(struct session *s, const struct connect_args *A, struct cdiff *d, int64_t until)
{
	struct tend *e[2] = { &d->left, &d->right };
	char *cmd[2] = { NULL, NULL }, *out[2], *hash[2], *where[2], *why[2], salt[33];

	make_salt(salt);
	for (int k = 0; k < 2; k++) {
		const struct device *dev = session_device(s, k);
		char *sel = selectors(e[k]);

		if (A->secrets[k] != NULL)
			cmd[k] = remote_psk_command(e[k]->syntax == CONF_SWANCTL, &A->secrets[k], 1, sel, salt);
		else if (dev != NULL && dev->ncfg_secrets > 0)
			cmd[k] = remote_psk_command(e[k]->syntax == CONF_SWANCTL, (const char *const *)dev->cfg_secrets,
			    dev->ncfg_secrets, sel, salt);
		free(sel);
	}
	run_both(s, cmd, out, until);
	for (int k = 0; k < 2; k++) {
		psk_answer(out[k], A->lang, &hash[k], &where[k], &why[k]);
		if (where[k] != NULL) {
			char *w = xasprintf("%s:%s", msg(k ? M_SIDE_RIGHT : M_SIDE_LEFT, A->lang), where[k]);

			free(where[k]);
			where[k] = w;
		}
	}
	cdiff_psk_hashes(d, (const char *const *)hash, (const char *const *)where, (const char *const *)why, A->lang);
	for (int k = 0; k < 2; k++) {
		free(cmd[k]);
		free(out[k]);
		free(hash[k]);
		free(where[k]);
		free(why[k]);
	}
}

int connect_config(struct session *s, struct connect_args *A, struct cdiff *d, char **whyout)
{
	struct strbuf wb = {0};
	int64_t until = mono_ms() + (int64_t)(A->so.connect_timeout > 0 ? A->so.connect_timeout : 10) * 1000 + FETCH_MS;
	char *cmd[2] = { NULL, NULL }, *out[2], *why[2] = { NULL, NULL }, root[] = "/tmp/tunneldoc-config.XXXXXX";
	struct conf *c[2] = { NULL, NULL };
	int rc = -1;

	memset(d, 0, sizeof *d);
	if (whyout != NULL)
		*whyout = NULL;
	if (A->no_config || A->so.side[0].target == NULL || A->so.side[1].target == NULL)
		return -1;
	if (!wait_streaming(s, mono_ms() + (int64_t)(A->so.connect_timeout > 0 ? A->so.connect_timeout : 10) * 1000)) {
		if (whyout != NULL)
			*whyout = xstrdup(msg(M_CG_NOT_STREAMING, A->lang));
		return -1;
	}
	for (int k = 0; k < 2; k++)
		cmd[k] = config_cmd(A, session_device(s, k), k, &why[k]);
	run_both(s, cmd, out, until);
	if (mkdtemp(root) == NULL) {
		/* the console's screen is no place for stderr: the reason goes with the others */
		if (whyout != NULL)
			sb_addf(&wb, msg(M_CLI_CANNOT_WRITE_OUTPUT, A->lang), strerror(errno));
		else
			cli_error(A->lang, M_CLI_CANNOT_WRITE_OUTPUT, strerror(errno));
	} else {
		for (int k = 0; k < 2; k++) {
			char sub[sizeof root + 8];

			snprintf(sub, sizeof sub, "%s/%s", root, k ? "right" : "left");
			mkdir(sub, 0700);
			if (why[k] == NULL)
				c[k] = read_side(A, session_device(s, k), k, sub, out[k], &why[k]);
		}
		if (c[0] != NULL && c[1] != NULL && cdiff_build(c[0], c[1], NULL, NULL, A->lang, d, &why[0]) == 0) {
			char lroot[sizeof root + 8];

			snprintf(lroot, sizeof lroot, "%s/left", root);
			relabel(&d->left, lroot, msg(M_SIDE_LEFT, A->lang));
			snprintf(lroot, sizeof lroot, "%s/right", root);
			relabel(&d->right, lroot, msg(M_SIDE_RIGHT, A->lang));
			rc = 0;
		}
		remove_tree(root);
	}
	for (int k = 0; k < 2; k++) {
		if (why[k] != NULL && whyout != NULL)
			sb_addf(&wb, "%s%s: %s: %s", wb.len ? "; " : "", msg(k ? M_SIDE_RIGHT : M_SIDE_LEFT, A->lang),
			    msg(M_CF_LIVE_NOT_READ, A->lang), why[k]);
		else if (why[k] != NULL)
			fprintf(stderr, "tunneldoc: %s: %s: %s\n", msg(k ? M_SIDE_RIGHT : M_SIDE_LEFT, A->lang),
			    msg(M_CF_LIVE_NOT_READ, A->lang), why[k]);
		conf_free(c[k]);
		free(cmd[k]);
		free(out[k]);
		free(why[k]);
	}
	if (rc == 0)
		compare_psks(s, A, d, until);
	if (whyout != NULL)
		*whyout = wb.s != NULL ? sb_steal(&wb) : NULL;
	return rc;
}
