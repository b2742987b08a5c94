/*
 * live.c - see live.h. The state machine:
 *
 *   CONNECTING --ssh_connect--> HOSTKEY --known--> AUTH --ok--> CHANNEL --> STREAMING
 *        ^                        | unknown: ASK_HOSTKEY       | password: ASK_PASSWORD
 *        |                        | changed: FAILED            | denied: FAILED
 *        +---- RETRY (backoff) <--+-- network error, EOF, keepalive failure
 *
 * The remote command is built here from the device profile: the first
 * readable log file is followed with tail -F from a line number that a
 * marker line ("@@tunneldoc-from N FILE") reports back, so a reconnect
 * asks for exactly the next line; command streams (journalctl, logread,
 * --log-cmd, an LCOS shell) are de-duplicated against the last lines seen.
 */
#include "live/live.h"
#include "base/util.h"

#include <errno.h>
#include <libssh/libssh.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define RECENT 4096             /* lines remembered for de-duplication */
#define KEEPALIVE_MS 10000
#define MAX_BACKOFF_S 30
#define PROMPT_WAIT_MS 3000
#define MARK_FROM "@@tunneldoc-from "
#define MARK_CMD "@@tunneldoc-cmd"

struct live {
	struct live_cfg cfg;
	char *target;
	live_line_fn on_line;
	void *ctx;
	enum live_state st;
	ssh_session s;
	ssh_channel ch;
	int64_t t_state;             /* when the current state began */
	int64_t t_retry;             /* RETRY: when to try again */
	int64_t t_keepalive;
	int tries, reconnects, ever_streamed;
	char *error;                 /* last failure, for messages */
	char status[1200];
	char fingerprint[400];
	char *password;              /* set by live_password, wiped after use */
	int auth_step;               /* 0 none, 1 publickey, 2 kbdint/password */
	int hostkey_answer;          /* -1 pending, 0 no, 1 yes */
	/* stream */
	struct strbuf partial;       /* a line not yet complete */
	char errtail[256];           /* the last bytes on stderr */
	size_t errlen;
	int shell_sent;
	int ch_phase;                /* 0 open, 1 pty granted, 2 started */
	int down;                    /* lost after streaming: count a reconnect */
	struct strbuf shellbuf;
	/* resume and de-duplication */
	uint64_t conn_raw;           /* lines received on this connection, markers included */
	uint64_t conn_lines;         /* lines delivered on this connection */
	char cur_file[256];
	uint64_t file_next;          /* absolute number of the next line of cur_file */
	int file_mode;
	int dedupe;                  /* skip lines already seen */
	uint64_t recent[RECENT];
	size_t nrecent, recent_pos;
	uint64_t lines;
	/* one extra command on the same connection (status, ping) */
	ssh_channel run_ch;
	int run_phase;               /* 0 idle, 1 open, 2 exec, 3 read, 4 exit status, 5 done, 6 failed */
	char *run_cmd;
	struct strbuf run_out;
	int run_status;
	int64_t run_t;
};

static const char *T(enum lang l, const char *en, const char *de)
{
	return l == LANG_DE ? de : en;
}

static uint64_t hash_line(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 1099511628211ULL;
	return h;
}

static void set_state(struct live *l, enum live_state st, int64_t now)
{
	l->st = st;
	l->t_state = now;
}

/* Record the failure in the technician's language (English and German
 * formats take the same arguments). */
static void set_error(struct live *l, const char *en, const char *de, ...) __attribute__((format(printf, 2, 4)));
static void set_error(struct live *l, const char *en, const char *de, ...)
{
	struct strbuf b = {0};
	va_list ap;

	va_start(ap, de);
	sb_vaddf(&b, l->cfg.lang == LANG_DE ? de : en, ap);
	va_end(ap);
	free(l->error);
	l->error = sb_steal(&b);
}

static void run_close(struct live *l, int phase)
{
	if (l->run_ch != NULL) {
		ssh_channel_free(l->run_ch);
		l->run_ch = NULL;
	}
	if (l->run_phase > 0 && l->run_phase < 5)
		l->run_phase = phase;
}

static void close_session(struct live *l)
{
	run_close(l, 6);
	if (l->ch != NULL) {
		ssh_channel_free(l->ch);
		l->ch = NULL;
	}
	if (l->s != NULL) {
		ssh_disconnect(l->s);
		ssh_free(l->s);
		l->s = NULL;
	}
	sb_reset(&l->partial);
	sb_reset(&l->shellbuf);
	l->shell_sent = 0;
	l->ch_phase = 0;
	l->auth_step = 0;
	l->errlen = 0;
}

/* A network-level failure: try again later (or give up for good). */
static void retry(struct live *l, int64_t now)
{
	int delay;

	close_session(l);
	if (l->ever_streamed)
		l->down = 1;
	delay = l->tries >= 5 ? MAX_BACKOFF_S : 1 << l->tries;
	if (delay > MAX_BACKOFF_S)
		delay = MAX_BACKOFF_S;
	l->tries++;
	l->t_retry = now + (int64_t)delay * 1000;
	set_state(l, LS_RETRY, now);
}

static void fail(struct live *l, int64_t now)
{
	close_session(l);
	set_state(l, LS_FAILED, now);
}

static void wipe_password(struct live *l)
{
	if (l->password != NULL) {
		memset(l->password, 0, strlen(l->password));
		free(l->password);
		l->password = NULL;
	}
}

/* Split "[user@]host[:port]" unless it is an ssh config alias. */
static void add_quoted(struct strbuf *b, const char *s);

/* s as one single-quoted shell word. */
static void add_word(struct strbuf *b, const char *s)
{
	sb_addc(b, '\'');
	add_quoted(b, s);
	sb_addc(b, '\'');
}

static int new_session(struct live *l, int64_t now)
{
	char host[256] = "", user[128] = "";
	const char *t = l->cfg.target, *at = strchr(t, '@'), *h = at ? at + 1 : t, *colon;
	int port = 0;
	long timeout = l->cfg.connect_timeout > 0 ? l->cfg.connect_timeout : 10;

	if (at != NULL)
		strlcpy_n(user, sizeof user, t, (size_t)(at - t));
	colon = strrchr(h, ':');
	if (colon != NULL && strchr(h, ':') == colon && colon[1] != '\0') {
		port = atoi(colon + 1);
		strlcpy_n(host, sizeof host, h, (size_t)(colon - h));
	} else {
		strlcpy_n(host, sizeof host, h, strlen(h));
	}
	l->s = ssh_new();
	if (l->s == NULL) {
		set_error(l, "libssh: cannot create a session (out of memory?)", "libssh: kann keine Sitzung anlegen (Speicher voll?)");
		return -1;
	}
	ssh_options_set(l->s, SSH_OPTIONS_HOST, host);
	if (user[0])
		ssh_options_set(l->s, SSH_OPTIONS_USER, user);
	if (port > 0)
		ssh_options_set(l->s, SSH_OPTIONS_PORT, &port);
	if (l->cfg.known_hosts != NULL)
		ssh_options_set(l->s, SSH_OPTIONS_KNOWNHOSTS, l->cfg.known_hosts);
	if (l->cfg.identity != NULL)
		ssh_options_set(l->s, SSH_OPTIONS_ADD_IDENTITY, l->cfg.identity);
	ssh_options_set(l->s, SSH_OPTIONS_TIMEOUT, &timeout);
	if (l->cfg.jump != NULL) {
		/* libssh 0.10 has no ProxyJump: the same through ssh -W, with
		 * the ssh config, key and known_hosts this connection uses (the
		 * ssh client reads the home of the passwd entry, not $HOME) */
		struct strbuf pc = {0};
		const char *home = getenv("HOME");
		char *cfgfile = l->cfg.ssh_config != NULL ? xstrdup(l->cfg.ssh_config)
			      : home != NULL ? xasprintf("%s/.ssh/config", home) : NULL;

		sb_adds(&pc, "ssh -o BatchMode=yes");
		if (cfgfile != NULL && access(cfgfile, R_OK) == 0) {
			sb_adds(&pc, " -F ");
			add_word(&pc, cfgfile);
		}
		if (l->cfg.identity != NULL) {
			sb_adds(&pc, " -i ");
			add_word(&pc, l->cfg.identity);
		}
		if (l->cfg.known_hosts != NULL) {
			char *o = xasprintf("UserKnownHostsFile=%s", l->cfg.known_hosts);

			sb_adds(&pc, " -o ");
			add_word(&pc, o);
			free(o);
		}
		sb_addf(&pc, " -W %%h:%%p %s%s", strchr(l->cfg.jump, ':') != NULL ? "ssh://" : "", l->cfg.jump);
		ssh_options_set(l->s, SSH_OPTIONS_PROXYCOMMAND, pc.s);
		sb_free(&pc);
		free(cfgfile);
	}
	/* ~/.ssh/config: Host aliases, User, Port, IdentityFile, ProxyCommand;
	 * what the command line set first takes precedence */
	if (ssh_options_parse_config(l->s, l->cfg.ssh_config) < 0 && l->cfg.ssh_config != NULL) {
		set_error(l, "cannot read ssh config %s: %s; check the file or leave out --ssh-config",
		    "ssh-Konfiguration %s nicht lesbar: %s; Datei prüfen oder --ssh-config weglassen", l->cfg.ssh_config, ssh_get_error(l->s));
		return -1;
	}
	ssh_set_blocking(l->s, 0);
	set_state(l, LS_CONNECTING, now);
	return 0;
}

/* Append s for use inside '...' of a remote sh command. */
static void add_quoted(struct strbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			sb_adds(b, "'\\''");
		else
			sb_addc(b, *s);
	}
}

/* The command that streams the log (see the file comment). */
static char *log_command(struct live *l)
{
	const struct device *d = l->cfg.dev;
	struct strbuf b = {0};
	int backlog = l->cfg.backlog > 0 ? l->cfg.backlog : 1000;

	if (l->cfg.snapshot) {
		/* the last lines of the first readable file (or a few seconds of
		 * the command stream), then every status command */
		if (l->cfg.log_cmd != NULL) {
			sb_adds(&b, "timeout 5 sh -c '");
			add_quoted(&b, l->cfg.log_cmd);
			sb_adds(&b, "'; ");
		} else {
			if (d->nfiles > 0) {
				sb_adds(&b, "found=; for F in");
				for (int i = 0; i < d->nfiles; i++)
					sb_addf(&b, " '%s'", d->files[i]);
				sb_addf(&b, "; do if [ -r \"$F\" ]; then found=1; tail -n %d \"$F\"; break; fi; done; ", backlog);
			} else {
				sb_adds(&b, "found=; ");
			}
			if (d->ncommands > 0) {
				sb_adds(&b, "[ -n \"$found\" ] || timeout 5 sh -c '");
				for (int i = 0; i < d->ncommands; i++) {
					sb_adds(&b, i ? " || " : "");
					add_quoted(&b, d->commands[i]);
				}
				sb_adds(&b, "'; ");
			}
		}
		sb_addf(&b, "echo '%s'; ", LIVE_STATUS_MARK);
		for (int i = 0; i < d->nstatus; i++) {
			sb_addf(&b, "echo '%s", LIVE_CMD_MARK);
			add_quoted(&b, d->status[i]);
			sb_addf(&b, "'; %s 2>&1; ", d->status[i]);
		}
		sb_adds(&b, "exit 0");
		return sb_steal(&b);
	}
	if (l->cfg.log_cmd != NULL) {
		sb_addf(&b, "echo '%s'; exec %s", MARK_CMD, l->cfg.log_cmd);
		return sb_steal(&b);
	}
	if (d->nfiles > 0) {
		sb_adds(&b, "for F in");
		for (int i = 0; i < d->nfiles; i++)
			sb_addf(&b, " '%s'", d->files[i]);
		sb_addf(&b, "; do if [ -r \"$F\" ]; then n=$(wc -l < \"$F\"); s=0; "
			    "if [ \"$F\" = '%s' ]; then s=%llu; fi; "
			    "if [ \"$s\" -le 0 ] || [ \"$s\" -gt $((n + 1)) ]; then s=$((n > %d ? n - %d + 1 : 1)); fi; "
			    "echo \"%s$s $F\"; exec tail -n \"+$s\" -F \"$F\"; fi; done; ",
		    l->cur_file, (unsigned long long)l->file_next, backlog, backlog, MARK_FROM);
	}
	sb_addf(&b, "echo '%s'; ", MARK_CMD);
	for (int i = 0; i < d->ncommands; i++)
		sb_addf(&b, "%s%s", i ? " || " : "", d->commands[i]);
	if (d->ncommands == 0)
		sb_adds(&b, "echo 'no readable log file' >&2; exit 127");
	return sb_steal(&b);
}

static void remember(struct live *l, uint64_t h)
{
	l->recent[l->recent_pos] = h;
	l->recent_pos = (l->recent_pos + 1) % RECENT;
	if (l->nrecent < RECENT)
		l->nrecent++;
}

static int seen(const struct live *l, uint64_t h)
{
	for (size_t i = 0; i < l->nrecent; i++)
		if (l->recent[i] == h)
			return 1;
	return 0;
}

/*
 * Remove what a terminal would interpret (an LCOS pty paints its screen):
 * CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \\), charset and other
 * ESC + intermediate + final sequences, and control characters but tab.
 */
static size_t strip_escapes(char *s, size_t n)
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

/* One complete line from the gateway. */
static int profile_file(const struct live *l, const char *f)
{
	const struct device *d = l->cfg.dev;

	for (int i = 0; d != NULL && i < d->nfiles; i++)
		if (strcmp(d->files[i], f) == 0)
			return 1;
	return 0;
}

static void deliver(struct live *l, char *s, size_t n)
{
	uint64_t h;

	if (l->cfg.dev != NULL && l->cfg.dev->mode == LOG_SHELL && l->cfg.log_cmd == NULL)
		n = strip_escapes(s, n);
	else if (n > 0 && s[n - 1] == '\r')
		n--;
	/* the resume marker is the first line our own command prints; the
	 * file it names goes back into the next command, so only a file of
	 * the profile is taken (a log line must not choose what runs) */
	if (l->conn_raw++ == 0 && n >= strlen(MARK_FROM) && memcmp(s, MARK_FROM, strlen(MARK_FROM)) == 0) {
		char *sp;
		unsigned long long from;

		s[n] = '\0';
		from = strtoull(s + strlen(MARK_FROM), &sp, 10);
		if (sp != NULL && *sp == ' ' && profile_file(l, sp + 1)) {
			/* exact resume: nothing to skip; else (rotated file, first
			 * contact after a restart) skip what was already seen */
			l->dedupe = !(strcmp(l->cur_file, sp + 1) == 0 && from == l->file_next) && l->lines > 0;
			strlcpy_n(l->cur_file, sizeof l->cur_file, sp + 1, strlen(sp + 1));
			l->file_next = from;
			l->file_mode = 1;
		}
		return;
	}
	if (n == strlen(MARK_CMD) && memcmp(s, MARK_CMD, n) == 0) {
		l->file_mode = 0;
		l->dedupe = l->lines > 0;
		return;
	}
	if (l->cfg.dev != NULL && l->cfg.dev->mode == LOG_SHELL && l->cfg.dev->send != NULL) {
		/* the echo of the command we typed */
		size_t sl = strcspn(l->cfg.dev->send, "\r\n");

		if (n >= sl && sl > 0 && memcmp(s + n - sl, l->cfg.dev->send, sl) == 0)
			return;
		if (l->cfg.dev->prompt != NULL && n <= strlen(l->cfg.dev->prompt) + 2 &&
		    memmem(s, n, l->cfg.dev->prompt, strlen(l->cfg.dev->prompt)) != NULL)
			return;
	}
	if (l->file_mode)
		l->file_next++;
	h = hash_line(s, n);
	if (l->dedupe) {
		if (seen(l, h))
			return;
		l->dedupe = 0;
	}
	remember(l, h);
	l->lines++;
	l->conn_lines++;
	l->on_line(l->ctx, s, n);
}

/* Read everything the channel has (libssh may buffer while the socket
 * is quiet); returns -1 when the stream ended or failed. */
static int drain(struct live *l)
{
	char buf[16384];
	int n;

	for (;;) {
		n = ssh_channel_read_nonblocking(l->ch, buf, sizeof buf, 0);
		if (n == SSH_ERROR)
			return -1;
		if (n <= 0)
			break;
		for (int i = 0; i < n; i++) {
			if (buf[i] == '\n') {
				sb_addc(&l->partial, '\0');
				deliver(l, l->partial.s, l->partial.len - 1);
				sb_reset(&l->partial);
			} else if (l->partial.len < 65536) {
				sb_addc(&l->partial, buf[i]);
			}
		}
	}
	for (;;) {
		n = ssh_channel_read_nonblocking(l->ch, buf, sizeof buf, 1);
		if (n <= 0)
			break;
		for (int i = 0; i < n; i++) {
			if (l->errlen + 1 >= sizeof l->errtail) {
				memmove(l->errtail, l->errtail + 128, l->errlen - 128);
				l->errlen -= 128;
			}
			l->errtail[l->errlen++] = buf[i] == '\n' ? ' ' : buf[i];
		}
		l->errtail[l->errlen] = '\0';
	}
	if (ssh_channel_is_eof(l->ch) || !ssh_channel_is_open(l->ch))
		return -1;
	return 0;
}

static void tcp_keepalive(struct live *l)
{
	int fd = ssh_get_fd(l->s), on = 1, idle = 20, intvl = 5, cnt = 3;

	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt);
}

/* Remember the server's key in known_hosts and go on to authenticate. */
static int accept_hostkey(struct live *l, int64_t now)
{
	if (ssh_session_update_known_hosts(l->s) != SSH_OK) {
		set_error(l, "%s: cannot write the known_hosts file: %s; check its directory and permissions or give --known-hosts FILE",
		    "%s: known_hosts-Datei nicht schreibbar: %s; Verzeichnis und Rechte prüfen oder --known-hosts DATEI angeben", l->target, ssh_get_error(l->s));
		fail(l, now);
		return -1;
	}
	set_state(l, LS_AUTH, now);
	return 0;
}

static void step_hostkey(struct live *l, int64_t now)
{
	ssh_key key = NULL;
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *fp = NULL;
	enum ssh_known_hosts_e k = ssh_session_is_known_server(l->s);

	if (ssh_get_server_publickey(l->s, &key) == 0 &&
	    ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hlen) == 0)
		fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	snprintf(l->fingerprint, sizeof l->fingerprint, "%s %s %s", l->target,
	    key ? ssh_key_type_to_char(ssh_key_type(key)) : "?", fp ? fp : "?");
	ssh_string_free_char(fp);
	ssh_clean_pubkey_hash(&hash);
	ssh_key_free(key);
	switch (k) {
	case SSH_KNOWN_HOSTS_OK:
		set_state(l, LS_AUTH, now);
		return;
	case SSH_KNOWN_HOSTS_CHANGED:
	case SSH_KNOWN_HOSTS_OTHER:
		set_error(l, "%s: the host key CHANGED (now %s); refusing to connect. If the gateway was "
		    "replaced or re-keyed, verify the new fingerprint on its console and remove the old "
		    "line from the known_hosts file; otherwise someone may be intercepting the connection",
		    "%s: der Host-Schlüssel hat sich GEÄNDERT (jetzt %s); keine Verbindung. Wurde das Gateway "
		    "getauscht oder neu verschlüsselt, den neuen Fingerprint an seiner Konsole prüfen und die alte "
		    "Zeile aus der known_hosts-Datei entfernen; sonst hört womöglich jemand die Verbindung ab",
		    l->target, l->fingerprint);
		fail(l, now);
		return;
	case SSH_KNOWN_HOSTS_NOT_FOUND:
	case SSH_KNOWN_HOSTS_UNKNOWN:
		if (l->cfg.accept_new) {
			accept_hostkey(l, now);
			return;
		}
		if (!l->cfg.interactive) {
			set_error(l, "%s: unknown host key %s; check the fingerprint and connect once in the "
			    "console, or give --accept-new",
			    "%s: unbekannter Host-Schlüssel %s; Fingerprint prüfen und einmal in der Konsole "
			    "verbinden, oder --accept-new angeben", l->target, l->fingerprint);
			fail(l, now);
			return;
		}
		l->hostkey_answer = -1;
		set_state(l, LS_ASK_HOSTKEY, now);
		return;
	default:
		set_error(l, "%s: cannot check the host key: %s; check the known_hosts file",
		    "%s: Host-Schlüssel nicht prüfbar: %s; known_hosts-Datei prüfen", l->target, ssh_get_error(l->s));
		fail(l, now);
	}
}

static void step_auth(struct live *l, int64_t now)
{
	int rc;

	if (l->auth_step == 0) {
		rc = ssh_userauth_none(l->s, NULL);
		if (rc == SSH_AUTH_AGAIN)
			return;
		if (rc == SSH_AUTH_SUCCESS)
			goto ok;
		if (rc == SSH_AUTH_ERROR)
			goto error;
		l->auth_step = 1;
	}
	if (l->auth_step == 1) {
		rc = ssh_userauth_publickey_auto(l->s, NULL, NULL);
		if (rc == SSH_AUTH_AGAIN)
			return;
		if (rc == SSH_AUTH_SUCCESS)
			goto ok;
		if (rc == SSH_AUTH_ERROR)
			goto error;
		l->auth_step = 2;
	}
	if (l->auth_step == 2) {
		int methods = ssh_userauth_list(l->s, NULL);

		if (!(methods & SSH_AUTH_METHOD_PUBLICKEY) && !l->cfg.interactive) {
			set_error(l, "%s: authentication failed: the server offers only password login, and "
			    "passwords are asked in the console (run without --batch)",
			    "%s: Anmeldung fehlgeschlagen: der Server bietet nur Passwort-Anmeldung, und "
			    "Passwörter fragt die Konsole ab (ohne --batch starten)", l->target);
			fail(l, now);
			return;
		}
		if (!(methods & (SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE)) || !l->cfg.interactive) {
			set_error(l, "%s: authentication failed: no key was accepted%s",
			    "%s: Anmeldung fehlgeschlagen: kein Schlüssel angenommen%s", l->target,
			    l->cfg.interactive ? (l->cfg.lang == LANG_DE ? "; -i SCHLÜSSEL angeben oder ssh-agent laden"
									: "; give -i KEY or load the key into ssh-agent")
					       : (l->cfg.lang == LANG_DE ? " (-i SCHLÜSSEL angeben oder ssh-agent laden; Passwörter nur in der Konsole)"
									: " (give -i KEY or load the key into ssh-agent; passwords need the console)"));
			fail(l, now);
			return;
		}
		if (l->password == NULL) {
			set_state(l, LS_ASK_PASSWORD, now);
			return;
		}
		l->auth_step = (methods & SSH_AUTH_METHOD_PASSWORD) ? 3 : 4;
	}
	if (l->auth_step == 3)
		rc = ssh_userauth_password(l->s, NULL, l->password);
	else {
		rc = ssh_userauth_kbdint(l->s, NULL, NULL);
		while (rc == SSH_AUTH_INFO) {
			for (int i = 0; i < ssh_userauth_kbdint_getnprompts(l->s); i++)
				ssh_userauth_kbdint_setanswer(l->s, (unsigned)i, l->password);
			rc = ssh_userauth_kbdint(l->s, NULL, NULL);
		}
	}
	if (rc == SSH_AUTH_AGAIN)
		return;
	wipe_password(l);
	if (rc == SSH_AUTH_SUCCESS)
		goto ok;
	if (rc == SSH_AUTH_ERROR)	/* the connection broke, not the password */
		goto error;
	set_error(l, "%s: authentication failed: wrong password; reconnect and try again",
	    "%s: Anmeldung fehlgeschlagen: falsches Passwort; neu verbinden und erneut versuchen", l->target);
	fail(l, now);
	return;
ok:
	set_state(l, LS_CHANNEL, now);
	l->ch = ssh_channel_new(l->s);
	if (l->ch == NULL) {
		set_error(l, "%s: cannot open an SSH channel: %s; the gateway may allow no more sessions (trying again)",
		    "%s: kein SSH-Kanal: %s; das Gateway lässt womöglich keine weitere Sitzung zu (neuer Versuch)",
		    l->target, ssh_get_error(l->s));
		retry(l, now);
	}
	return;
error:
	set_error(l, "%s: the connection broke during login: %s; check the network to the gateway (trying again)",
	    "%s: Verbindung bei der Anmeldung abgebrochen: %s; Netz zum Gateway prüfen (neuer Versuch)", l->target, ssh_get_error(l->s));
	retry(l, now);
}

/* Open the channel and start the stream (exec, or pty + shell). Each
 * request is sent once: SSH_AGAIN means "ask again for its answer", so
 * the phase says which request is pending. */
static void step_channel(struct live *l, int64_t now)
{
	int shell = l->cfg.dev != NULL && l->cfg.dev->mode == LOG_SHELL && l->cfg.log_cmd == NULL && !l->cfg.snapshot;
	int rc = ssh_channel_is_open(l->ch) ? SSH_OK : ssh_channel_open_session(l->ch);

	if (rc == SSH_AGAIN)
		return;
	if (rc != SSH_OK) {
		set_error(l, "%s: cannot open a channel: %s (trying again; the server may limit sessions)",
		    "%s: kein Kanal: %s (neuer Versuch; der Server begrenzt evtl. die Sitzungen)", l->target, ssh_get_error(l->s));
		retry(l, now);
		return;
	}
	if (shell && l->ch_phase == 0) {
		rc = ssh_channel_request_pty_size(l->ch, "vt100", 200, 50);
		if (rc == SSH_AGAIN)
			return;
		if (rc != SSH_OK)
			goto refused;
		l->ch_phase = 1;
	}
	if (shell) {
		rc = ssh_channel_request_shell(l->ch);
	} else {
		char *cmd = log_command(l);

		rc = ssh_channel_request_exec(l->ch, cmd);
		free(cmd);
	}
	if (rc == SSH_AGAIN)
		return;
	if (rc != SSH_OK)
		goto refused;
	l->ch_phase = 2;
	tcp_keepalive(l);
	l->t_keepalive = now + KEEPALIVE_MS;
	if (l->down) {
		l->reconnects++;
		l->down = 0;
	}
	free(l->error);
	l->error = NULL;
	l->conn_raw = 0;
	l->conn_lines = 0;
	set_state(l, LS_STREAMING, now);
	return;
refused:
	set_error(l, "%s: the gateway refused the log command: %s; check the profile (--profile) or give --log-cmd",
	    "%s: das Gateway lehnt den Log-Befehl ab: %s; Profil prüfen (--profile) oder --log-cmd angeben", l->target, ssh_get_error(l->s));
	retry(l, now);
}

#define RUN_MAX_OUT 65536
#define RUN_TIMEOUT_MS 60000

/* Advance the extra command; never blocks. */
static void run_step(struct live *l, int64_t now)
{
	char buf[4096];
	int rc, n;

	if (l->run_phase == 0 || l->run_phase >= 5)
		return;
	if (now - l->run_t > RUN_TIMEOUT_MS) {
		sb_addf(&l->run_out, "\n(%s)\n", T(l->cfg.lang, "timed out after 60 s", "nach 60 s abgebrochen"));
		run_close(l, 6);
		return;
	}
	if (l->run_phase == 1) {
		if (l->run_ch == NULL && (l->run_ch = ssh_channel_new(l->s)) == NULL) {
			run_close(l, 6);
			return;
		}
		rc = ssh_channel_open_session(l->run_ch);
		if (rc == SSH_AGAIN)
			return;
		if (rc != SSH_OK) {
			sb_addf(&l->run_out, "%s: %s\n", T(l->cfg.lang, "cannot open a second channel (the server may allow only one session)",
			    "kein zweiter Kanal (der Server erlaubt evtl. nur eine Sitzung)"), ssh_get_error(l->s));
			run_close(l, 6);
			return;
		}
		l->run_phase = 2;
	}
	if (l->run_phase == 2) {
		rc = ssh_channel_request_exec(l->run_ch, l->run_cmd);
		if (rc == SSH_AGAIN)
			return;
		if (rc != SSH_OK) {
			sb_addf(&l->run_out, "%s: %s\n", T(l->cfg.lang, "the gateway refused the command", "das Gateway lehnt den Befehl ab"),
			    ssh_get_error(l->s));
			run_close(l, 6);
			return;
		}
		l->run_phase = 3;
	}
	if (l->run_phase == 3) {
		for (int e = 0; e < 2; e++)
			while ((n = ssh_channel_read_nonblocking(l->run_ch, buf, sizeof buf, e)) > 0)
				if (l->run_out.len < RUN_MAX_OUT)
					sb_add(&l->run_out, buf, (size_t)n);
		if (n == SSH_ERROR) {
			run_close(l, 6);
			return;
		}
		if (!ssh_channel_is_eof(l->run_ch) && ssh_channel_is_open(l->run_ch))
			return;
		l->run_phase = 4;
	}
	if (l->run_phase == 4) {
		/* the exit status follows EOF; give it a moment */
		l->run_status = ssh_channel_get_exit_status(l->run_ch);
		if (l->run_status < 0 && ssh_channel_is_open(l->run_ch) && now - l->run_t < RUN_TIMEOUT_MS)
			return;
		ssh_channel_close(l->run_ch);
		run_close(l, 5);
		l->run_phase = 5;
	}
}

int live_run(struct live *l, const char *cmd, int64_t now)
{
	if (l->st != LS_STREAMING || l->s == NULL || (l->run_phase > 0 && l->run_phase < 5))
		return -1;
	free(l->run_cmd);
	l->run_cmd = xstrdup(cmd);
	sb_reset(&l->run_out);
	l->run_status = -1;
	l->run_t = now;
	l->run_phase = 1;
	run_step(l, now);
	return 0;
}

int live_run_result(const struct live *l, const char **out, int *status)
{
	*out = l->run_out.s != NULL ? l->run_out.s : "";
	*status = l->run_status;
	return l->run_phase == 0 ? -1 : l->run_phase < 5 ? 0 : l->run_phase == 5 ? 1 : 2;
}

/* LCOS: wait for the prompt, then type the trace command once. */
static void shell_start(struct live *l, int64_t now)
{
	const struct device *d = l->cfg.dev;
	char buf[4096];
	int n;

	while ((n = ssh_channel_read_nonblocking(l->ch, buf, sizeof buf, 0)) > 0)
		sb_add(&l->shellbuf, buf, (size_t)n);
	if (d->prompt != NULL && l->shellbuf.len > 0 && memmem(l->shellbuf.s, l->shellbuf.len, d->prompt, strlen(d->prompt)) == NULL &&
	    now - l->t_state < PROMPT_WAIT_MS)
		return;
	if (l->shellbuf.len == 0 && now - l->t_state < PROMPT_WAIT_MS)
		return;
	ssh_channel_write(l->ch, d->send, (uint32_t)strlen(d->send));
	l->shell_sent = 1;
	sb_reset(&l->shellbuf);
}

void live_step(struct live *l, int64_t now)
{
	int rc;

	switch (l->st) {
	case LS_RETRY:
		if (now < l->t_retry)
			return;
		if (new_session(l, now) != 0) {
			fail(l, now);
			return;
		}
		/* fall through */
	case LS_CONNECTING:
		rc = ssh_connect(l->s);
		if (rc == SSH_AGAIN) {
			if (now - l->t_state > 1000LL * (l->cfg.connect_timeout > 0 ? l->cfg.connect_timeout : 10)) {
				set_error(l, "%s: no answer (timed out); check the address, the port and that SSH is allowed from here (trying again)",
				    "%s: keine Antwort (Zeitüberschreitung); Adresse, Port und SSH-Freigabe prüfen (neuer Versuch)", l->target);
				retry(l, now);
			}
			return;
		}
		if (rc != SSH_OK) {
			if (l->cfg.jump != NULL)
				set_error(l, "%s: cannot connect through the jump host: %s; check that 'ssh %s' logs in without a question "
				    "(host key known, key loaded) and may forward to the gateway (trying again)",
				    "%s: keine Verbindung über den Sprung-Host: %s; prüfen, dass 'ssh %s' ohne Rückfrage anmeldet "
				    "(Host-Schlüssel bekannt, Schlüssel geladen) und zum Gateway weiterleiten darf (neuer Versuch)",
				    l->target, ssh_get_error(l->s), l->cfg.jump);
			else
				set_error(l, "%s: cannot connect: %s; check the address, the port and that sshd runs (trying again)",
				    "%s: keine Verbindung: %s; Adresse, Port und laufenden sshd prüfen (neuer Versuch)", l->target, ssh_get_error(l->s));
			retry(l, now);
			return;
		}
		set_state(l, LS_HOSTKEY, now);
		/* fall through */
	case LS_HOSTKEY:
		step_hostkey(l, now);
		if (l->st != LS_AUTH)
			return;
		/* fall through */
	case LS_AUTH:
		step_auth(l, now);
		if (l->st != LS_CHANNEL)
			return;
		/* fall through */
	case LS_CHANNEL:
		step_channel(l, now);
		if (l->st != LS_STREAMING)
			return;
		/* fall through */
	case LS_STREAMING:
		if (l->cfg.dev != NULL && l->cfg.dev->mode == LOG_SHELL && l->cfg.log_cmd == NULL && !l->cfg.snapshot && !l->shell_sent) {
			shell_start(l, now);
			return;
		}
		run_step(l, now);
		if (drain(l) != 0 || !ssh_is_connected(l->s)) {
			if (l->partial.len > 0) {
				sb_addc(&l->partial, '\0');
				deliver(l, l->partial.s, l->partial.len - 1);
				sb_reset(&l->partial);
			}
			if (l->cfg.snapshot && ssh_channel_is_eof(l->ch)) {
				close_session(l);
				set_state(l, LS_DONE, now);
				return;
			}
			if (l->errlen > 0)
				set_error(l, "%s: the log stream ended: %s; check the log file (--log-file) or the profile (trying again)",
			    "%s: der Log-Strom endete: %s; Log-Datei (--log-file) oder Profil prüfen (neuer Versuch)", l->target, l->errtail);
			else
				set_error(l, "%s: the connection was lost (reconnecting)", "%s: die Verbindung ist abgebrochen (verbinde neu)", l->target);
			retry(l, now);
			return;
		}
		/* a command that dies at once must keep backing off */
		if (l->conn_lines > 0 || now - l->t_state > 5000) {
			l->ever_streamed = 1;
			l->tries = 0;
		}
		if (now >= l->t_keepalive) {
			if (ssh_send_ignore(l->s, "tunneldoc") != SSH_OK) {
				set_error(l, "%s: the connection was lost: keepalive failed (reconnecting)", "%s: die Verbindung ist abgebrochen: Keepalive fehlgeschlagen (verbinde neu)", l->target);
				retry(l, now);
				return;
			}
			l->t_keepalive = now + KEEPALIVE_MS;
		}
		return;
	case LS_ASK_HOSTKEY:
		if (l->hostkey_answer < 0)
			return;
		if (l->hostkey_answer == 0) {
			set_error(l, "%s: host key not accepted; verify the fingerprint on the gateway's console, then connect again",
			    "%s: Host-Schlüssel nicht angenommen; Fingerprint an der Konsole des Gateways prüfen, dann neu verbinden", l->target);
			fail(l, now);
			return;
		}
		if (accept_hostkey(l, now) == 0)
			live_step(l, now);
		return;
	case LS_ASK_PASSWORD:
		if (l->password != NULL) {
			set_state(l, LS_AUTH, now);
			live_step(l, now);
		}
		return;
	default:
		return;
	}
}

struct live *live_new(const struct live_cfg *cfg, live_line_fn on_line, void *ctx)
{
	struct live *l = xcalloc(1, sizeof *l);

	l->cfg = *cfg;
	l->target = xstrdup(cfg->target);
	l->cfg.target = l->target;
	l->on_line = on_line;
	l->ctx = ctx;
	l->hostkey_answer = -1;
	l->st = LS_RETRY;            /* the first live_step() connects */
	l->t_retry = 0;
	return l;
}

void live_free(struct live *l)
{
	if (l == NULL)
		return;
	close_session(l);
	wipe_password(l);
	sb_free(&l->partial);
	sb_free(&l->shellbuf);
	sb_free(&l->run_out);
	free(l->run_cmd);
	free(l->error);
	free(l->target);
	free(l);
}

int live_pollfd(struct live *l, short *events)
{
	int flags;

	*events = 0;
	if (l->s == NULL || l->st == LS_RETRY || l->st == LS_FAILED || l->st == LS_DONE ||
	    l->st == LS_ASK_HOSTKEY || l->st == LS_ASK_PASSWORD)
		return -1;
	flags = ssh_get_poll_flags(l->s);
	*events = POLLIN;
	if (flags & SSH_WRITE_PENDING)
		*events |= POLLOUT;
	return ssh_get_fd(l->s);
}

int live_timeout(struct live *l, int64_t now)
{
	switch (l->st) {
	case LS_RETRY:
		return l->t_retry > now ? (int)(l->t_retry - now) : 0;
	case LS_FAILED:
	case LS_DONE:
	case LS_ASK_HOSTKEY:
	case LS_ASK_PASSWORD:
		return -1;
	case LS_STREAMING:
		/* libssh may hold data; the keepalive is due */
		return l->t_keepalive > now ? (int)(l->t_keepalive - now < 200 ? l->t_keepalive - now : 200) : 0;
	default:
		return 50;   /* handshakes: poll the socket often */
	}
}

enum live_state live_state(const struct live *l)
{
	return l->st;
}

const char *live_error(const struct live *l)
{
	return l->error;
}

const char *live_fingerprint(const struct live *l)
{
	return l->fingerprint;
}

void live_hostkey_answer(struct live *l, int accept)
{
	l->hostkey_answer = accept ? 1 : 0;
}

void live_password(struct live *l, char *password)
{
	wipe_password(l);
	l->password = xstrdup(password);
	memset(password, 0, strlen(password));
}

uint64_t live_lines(const struct live *l)
{
	return l->lines;
}

int live_reconnects(const struct live *l)
{
	return l->reconnects;
}

const char *live_status(struct live *l, enum lang lang)
{
	switch (l->st) {
	case LS_CONNECTING:
	case LS_HOSTKEY:
		snprintf(l->status, sizeof l->status, "%s", T(lang, "connecting", "verbinde"));
		break;
	case LS_ASK_HOSTKEY:
		snprintf(l->status, sizeof l->status, "%s %s", T(lang, "unknown host key:", "unbekannter Host-Schlüssel:"), l->fingerprint);
		break;
	case LS_AUTH:
		snprintf(l->status, sizeof l->status, "%s", T(lang, "authenticating", "authentifiziere"));
		break;
	case LS_ASK_PASSWORD:
		snprintf(l->status, sizeof l->status, "%s", T(lang, "password needed", "Passwort nötig"));
		break;
	case LS_CHANNEL:
		snprintf(l->status, sizeof l->status, "%s", T(lang, "starting the log stream", "starte den Log-Strom"));
		break;
	case LS_STREAMING:
		snprintf(l->status, sizeof l->status, "%s%s", T(lang, "live", "live"),
		    l->reconnects ? T(lang, " (reconnected)", " (neu verbunden)") : "");
		break;
	case LS_RETRY:
		if (l->tries == 0 && l->error == NULL)
			snprintf(l->status, sizeof l->status, "%s", T(lang, "connecting", "verbinde"));
		else
			snprintf(l->status, sizeof l->status, T(lang, "reconnecting in %lld s (try %d)", "neuer Versuch in %lld s (Versuch %d)"),
			    (long long)((l->t_retry - l->t_state + 999) / 1000), l->tries + 1);
		break;
	case LS_FAILED:
		snprintf(l->status, sizeof l->status, "%s %s", T(lang, "failed:", "fehlgeschlagen:"), l->error ? l->error : "");
		break;
	default:
		snprintf(l->status, sizeof l->status, "%s", T(lang, "done", "fertig"));
	}
	return l->status;
}
