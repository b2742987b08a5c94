/*
 * remote.c - see remote.h.
 *
 * Following a log file (LOG_EXEC profiles with files): the first readable
 * file of the profile is opened once as descriptor 3 and copied by exact
 * byte counts (stat, head -c), so the stream knows at every line which
 * file (device:inode) and which byte it is at. A marker line before each
 * piece says it: "@@tunneldoc-NONCE at ID OFF EVENT INDEX NAME" with
 * EVENT open (first contact, the last BACKLOG lines), resume (the same
 * file, the next byte), rotated (the rest of a rotated file, by the name
 * its inode has now), next (the next file of a rotation from its start:
 * a later rotated file .N-1 .. .1, then the new file), truncated (copytruncate: the
 * file shrank in place, from its start), replaced (the old file was
 * deleted, the new one from its start). "lost ID": the rotated file is
 * gone (compressed or deleted), its rest cannot be read. "alive" every
 * 10 s of silence, so a dead link shows as silence; the follower ends
 * when its sshd session is gone. The descriptor keeps
 * a rotated file readable while its rest is copied, so nothing written to
 * it before the rotation is missed. Only POSIX sh and coreutils (stat,
 * head, tail, wc, find, sleep); read-only.
 */
#include "live/remote.h"
#include "live/live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The shell functions of the follower (see the file comment). s is the
 * size of descriptor 3, off the offset of the next byte to copy. A stat
 * that fails (no process left, say) never reads as a shrunk file: the
 * size stays what was copied, and a file without identity ends the
 * stream (the reconnect resumes) rather than sending a marker without
 * one. */
static const char follow_fns[] =
    "td_nap() { sleep 0.2 2>/dev/null || sleep 1; }; "
    "td_id() { stat -L -c %d:%i \"$1\" 2>/dev/null; }; "
    "td_sz() { s=$(stat -L -c %s /dev/fd/3 2>/dev/null); [ -n \"$s\" ] || s=$off; }; "
    "td_eol() { [ \"$off\" -eq 0 ] || [ -z \"$(tail -c +\"$off\" /dev/fd/3 | head -c 1)\" ]; }; "
    "td_nl() { td_eol || echo; }; "
    "td_at() { printf '%s at %s %s %s %s %s\\n' \"$M\" \"$id\" \"$off\" \"$1\" \"$i\" \"$2\"; }; "
    "td_skip() { [ \"$off\" -eq 0 ] || head -c \"$off\" <&3 >/dev/null; }; "
    "td_read() { td_sz; [ \"$s\" -gt \"$off\" ] || return 1; head -c $((s - off)) <&3 || exit 1; off=$s; }; "
    "td_drain() { while td_read; do :; done; td_nap; while td_read; do td_nap; done; td_nl; }; "
    "td_fid() { id=$(td_id /dev/fd/3); [ -n \"$id\" ] || { td_nap; id=$(td_id /dev/fd/3); }; [ -n \"$id\" ] || exit 1; }; "
    "td_file() { exec 3<\"$1\"; td_fid; off=0; td_at \"$2\" \"$1\"; }; "
    "td_follow() { n=0; while :; do "
    "if td_read; then n=0; continue; fi; "
    "if [ \"$s\" -lt \"$off\" ]; then exec 4</dev/fd/3 3<&4 4<&-; off=0; td_at truncated \"$F\"; continue; fi; "
    "c=$(td_id \"$F\"); "
    "if [ -n \"$c\" ] && [ \"$c\" != \"$id\" ]; then td_drain; "
    "if [ \"$(stat -L -c %h /dev/fd/3)\" = 0 ]; then e=replaced; else e=next; fi; td_file \"$F\" $e; continue; fi; "
    "n=$((n + 1)); "
    "if [ \"$n\" -ge 50 ]; then n=0; kill -0 \"$PPID\" 2>/dev/null || [ -d \"/proc/$PPID\" ] || exit 0; td_eol && printf '%s alive\\n' \"$M\"; fi; "
    "td_nap; done; }; ";

/* Where to start: resume, the rest of a rotated file, or the backlog. */
static const char follow_start[] =
    "exec 3<\"$F\"; td_fid; "
    "if [ \"$i\" = \"$I\" ] && [ \"$id\" = \"$ID\" ]; then td_sz; "
    "if [ \"$s\" -ge \"$OFF\" ]; then off=$OFF; td_skip; td_at resume \"$F\"; else off=0; td_at truncated \"$F\"; fi; "
    "elif [ \"$i\" = \"$I\" ]; then "
    "d=${F%/*}; [ \"$d\" != \"$F\" ] || d=.; "
    "o=$(find \"$d\" -maxdepth 1 -inum \"$INO\" -type f 2>/dev/null | head -n 1); "
    "if [ -n \"$o\" ] && [ \"$(td_id \"$o\")\" = \"$ID\" ]; then "
    "exec 3<\"$o\"; id=$ID; off=$OFF; td_skip; td_at rotated \"$o\"; td_drain; "
    "k=${o##*.}; case $k in ''|*[!0-9]*) k=1;; esac; [ \"$o\" = \"$F.$k\" ] || k=1; "
    "while [ \"$k\" -gt 1 ]; do k=$((k - 1)); if [ -r \"$F.$k\" ]; then td_file \"$F.$k\" next; td_drain; fi; done; "
    "td_file \"$F\" next; "
    "else printf '%s lost %s\\n' \"$M\" \"$ID\"; td_file \"$F\" next; fi; "
    "else td_sz; b=$(head -c \"$s\" /dev/fd/3 | tail -n \"$BL\" | wc -c); off=$((s - b)); td_skip; td_at open \"$F\"; fi; "
    "td_follow; ";

void remote_quote(struct strbuf *b, const char *s)
{
	sb_addc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			sb_adds(b, "'\\''");
		else
			sb_addc(b, *s);
	}
	sb_addc(b, '\'');
}

/* The snapshot: the last lines of the first readable file (or a few
 * seconds of the command stream), then every status command. */
static char *snapshot_command(const struct remote_req *r, int backlog)
{
	const struct device *d = r->dev;
	struct strbuf b = {0}, inner = {0};

	if (r->log_cmd != NULL) {
		sb_adds(&b, "timeout 5 sh -c ");
		remote_quote(&b, r->log_cmd);
		sb_adds(&b, "; ");
	} else {
		sb_adds(&b, "found=; ");
		if (d->nfiles > 0) {
			sb_adds(&b, "for F in");
			for (int i = 0; i < d->nfiles; i++) {
				sb_addc(&b, ' ');
				remote_quote(&b, d->files[i]);
			}
			sb_addf(&b, "; do if [ -r \"$F\" ]; then found=1; tail -n %d \"$F\"; break; fi; done; ", backlog);
		}
		if (d->ncommands > 0) {
			for (int i = 0; i < d->ncommands; i++) {
				sb_adds(&inner, i ? " || " : "");
				sb_adds(&inner, d->commands[i]);
			}
			sb_adds(&b, "[ -n \"$found\" ] || timeout 5 sh -c ");
			remote_quote(&b, inner.s);
			sb_adds(&b, "; ");
		}
	}
	sb_addf(&b, "echo '%s'; ", LIVE_STATUS_MARK);
	for (int i = 0; i < d->nstatus; i++) {
		struct strbuf m = {0};

		sb_addf(&m, "%s%s", LIVE_CMD_MARK, d->status[i]);
		sb_adds(&b, "echo ");
		remote_quote(&b, m.s);
		sb_addf(&b, "; %s 2>&1; ", d->status[i]);
		sb_free(&m);
	}
	sb_adds(&b, "exit 0");
	sb_free(&inner);
	return sb_steal(&b);
}

/* The follower's inputs: the files, and where the last connection was. */
static void follow_vars(struct strbuf *b, const struct remote_req *r, int backlog)
{
	const struct stream_pos *p = r->pos;
	const char *colon = p != NULL && p->valid ? strchr(p->id, ':') : NULL;

	if (colon != NULL) {
		sb_addf(b, "I=%d; ID=", p->index);
		remote_quote(b, p->id);
		sb_addf(b, "; OFF=%llu; INO=", (unsigned long long)p->off);
		remote_quote(b, colon + 1);
	} else {
		sb_adds(b, "I=-1; ID=; OFF=0; INO=0");
	}
	sb_addf(b, "; BL=%d; F=; i=0; for f in", backlog);
	for (int i = 0; i < r->dev->nfiles; i++) {
		sb_addc(b, ' ');
		remote_quote(b, r->dev->files[i]);
	}
	sb_adds(b, "; do if [ -r \"$f\" ]; then F=$f; break; fi; i=$((i + 1)); done; ");
}

char *remote_log_command(const struct remote_req *r)
{
	const struct device *d = r->dev;
	struct strbuf b = {0}, m = {0};
	int backlog = r->backlog > 0 ? r->backlog : 1000;

	if (r->snapshot)
		return snapshot_command(r, backlog);
	sb_addf(&m, "@@tunneldoc-%s", r->nonce);
	sb_adds(&b, "M=");
	remote_quote(&b, m.s);
	sb_free(&m);
	sb_adds(&b, "; ");
	if (r->log_cmd != NULL) {
		sb_addf(&b, "printf '%%s cmd\\n' \"$M\"; exec %s", r->log_cmd);
		return sb_steal(&b);
	}
	if (d->nfiles > 0) {
		follow_vars(&b, r, backlog);
		sb_adds(&b, "if [ -n \"$F\" ]; then ");
		sb_adds(&b, follow_fns);
		sb_adds(&b, follow_start);
		sb_adds(&b, "fi; ");
	}
	sb_adds(&b, "printf '%s cmd\\n' \"$M\"; ");
	for (int i = 0; i < d->ncommands; i++)
		sb_addf(&b, "%s%s", i ? " || " : "", d->commands[i]);
	if (d->ncommands == 0)
		sb_adds(&b, "echo 'no readable log file' >&2; exit 127");
	return sb_steal(&b);
}

int remote_jump_ok(const char *jump)
{
	return jump != NULL && jump[0] != '\0' && jump[0] != '-' && strpbrk(jump, " \t\r\n") == NULL;
}

/* One word of the ProxyCommand: shell-quoted, and '%' doubled for
 * libssh's own %h/%p expansion. */
static void proxy_word(struct strbuf *b, const char *s)
{
	struct strbuf t = {0};

	for (; *s != '\0'; s++) {
		if (*s == '%')
			sb_addc(&t, '%');
		sb_addc(&t, *s);
	}
	remote_quote(b, t.s != NULL ? t.s : "");
	sb_free(&t);
}

char *remote_proxy_command(const char *jump, const char *ssh_config, const char *identity, const char *known_hosts)
{
	struct strbuf b = {0};

	sb_adds(&b, "ssh -o BatchMode=yes");
	if (ssh_config != NULL) {
		sb_adds(&b, " -F ");
		proxy_word(&b, ssh_config);
	}
	if (identity != NULL) {
		sb_adds(&b, " -i ");
		proxy_word(&b, identity);
	}
	if (known_hosts != NULL) {
		char *o = xasprintf("UserKnownHostsFile=%s", known_hosts);

		sb_adds(&b, " -o ");
		proxy_word(&b, o);
		free(o);
	}
	/* -- : the jump host is the destination, never an option */
	sb_adds(&b, " -W %h:%p -- ");
	if (strchr(jump, ':') != NULL) {
		char *u = xasprintf("ssh://%s", jump);

		proxy_word(&b, u);
		free(u);
	} else {
		proxy_word(&b, jump);
	}
	return sb_steal(&b);
}

/*
 * Issue 18: the IPsec configuration, read-only. Each file of the globs is
 * printed after a marker line ("@@tunneldoc-file PATH"), or named
 * unreadable; on the gateway sed blanks the value of every key that names
 * a secret (secret, psk, pass...), so no key crosses the channel even when
 * it sits in the configuration (swanctl.conf). The globs are the profile's,
 * checked by the kb loader (absolute, no quotes, blanks or $); anything
 * else is quoted and so not expanded.
 */
static const char cfg_fn[] =
    "td_cf() { [ -e \"$1\" ] || return 0; printf '@@tunneldoc-file %s\\n' \"$1\"; "
    "if [ -r \"$1\" ]; then sed -E 's/^([[:space:]]*[A-Za-z0-9_.-]*([Ss][Ee][Cc][Rr][Ee][Tt]|[Pp][Ss][Kk]|[Pp][Aa][Ss][Ss])"
    "[A-Za-z0-9_.-]*[[:space:]]*[=:]).*/\\1 ***/' \"$1\"; echo; "
    "else echo '@@tunneldoc-unreadable'; fi; }; ";

/* A glob the gateway's shell may expand (else it is quoted). */
static void glob_word(struct strbuf *b, const char *g)
{
	if (g[0] == '/' && strspn(g, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._-*") == strlen(g))
		sb_adds(b, g);
	else
		remote_quote(b, g);
}

char *remote_config_command(const char *const *globs, int n)
{
	struct strbuf b = {0};

	sb_adds(&b, cfg_fn);
	sb_adds(&b, "for f in");
	for (int i = 0; i < n; i++) {
		sb_addc(&b, ' ');
		glob_word(&b, globs[i]);
	}
	sb_adds(&b, "; do td_cf \"$f\"; done");
	return sb_steal(&b);
}

/*
 * The pre-shared key of the tunnel hashed on the gateway: awk picks the
 * entry whose selectors (ipsec.secrets) or id fields (swanctl.conf
 * secrets { ike* }) name only the tunnel's IDs or addresses (or none: the
 * default entry), the most of them winning, prints its FILE:LINE on
 * stderr and on stdout into sha256sum the salt and the key's bytes as hex
 * (a 0x/0s key decoded first, as the daemons decode it: canon here and in
 * src/config/psk.c, so "0x6b6579" and "key" hash alike). The key stays in
 * the gateway's pipe; what comes back is "@@tunneldoc-psk-at FILE:LINE"
 * and the hash, or why not (unreadable FILE, none, a 0x/0s key that does
 * not decode, no sha256sum). awk runs with LC_ALL=C: a byte is a char.
 */
static const char psk_awk_common[] =
    "function unq(r,  q, e, v) { sub(/^[ \\t]+/, \"\", r); q = substr(r, 1, 1); UQ = q == \"\\\"\" || q == \"'\"; "
    "if (UQ) { e = index(substr(r, 2), q); return e ? substr(r, 2, e - 1) : \"\" } "
    "v = r; sub(/[ \\t#,].*$/, \"\", v); return v } "
    "function fit(s,  T, m, i, t, f) { m = split(s, T, /[ \\t,]+/); f = 0; "
    "for (i = 1; i <= m; i++) { t = T[i]; if (t == \"\") continue; sub(/^@/, \"\", t); t = tolower(t); "
    "if (t == \"%any\" || t == \"%any6\" || (t in W)) f++; else return -1 } return f } "
    "function offer(f, v, at) { if (v != \"\" && f > best) { best = f; bv = v; bq = UQ; bw = at } } "
    /* the key's bytes as hex, decoded as psk.c's canon decodes it */
    "function canon(v, q,  p, h, i, c, o, n, acc, bits) { p = substr(v, 1, 2); FORM = \"\"; "
    "if ((sw || !q) && length(v) > 2 && (p == \"0x\" || p == \"0X\")) { FORM = \"0x\"; h = substr(v, 3); gsub(/[_:]/, \"\", h); "
    "if (h == \"\" || h ~ /[^0-9A-Fa-f]/ || length(h) % 2) return \"\"; FORM = \"\"; return tolower(h) } "
    "if ((sw || !q) && length(v) > 2 && (p == \"0s\" || p == \"0S\")) { FORM = \"0s\"; h = substr(v, 3); o = \"\"; acc = 0; bits = 0; "
    "for (i = 1; i <= length(h); i++) { c = substr(h, i, 1); if (c == \"=\") break; n = index(B64, c) - 1; if (n < 0) return \"\"; "
    "acc = (acc * 64 + n) % 65536; bits += 6; if (bits >= 8) { bits -= 8; o = o sprintf(\"%02x\", int(acc / 2 ^ bits) % 256) } } "
    "if (substr(h, i) !~ /^=*$/ || o == \"\") return \"\"; FORM = \"\"; return o } "
    "if (!sw && !q && (p == \"0t\" || p == \"0T\")) v = substr(v, 3); "
    "o = \"\"; for (i = 1; i <= length(v); i++) o = o sprintf(\"%02x\", ORD[substr(v, i, 1)]); return o } "
    "BEGIN { n = split(sel, S, \" \"); for (i = 1; i <= n; i++) { s = S[i]; sub(/^@/, \"\", s); W[tolower(s)] = 1 } best = -1; "
    "B64 = \"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\"; for (i = 1; i < 256; i++) ORD[sprintf(\"%c\", i)] = i } "
    "END { if (best < 0) { print \"@@tunneldoc-psk-none\" > \"/dev/stderr\"; exit 1 } "
    "k = canon(bv, bq); if (FORM != \"\") { print \"@@tunneldoc-psk-badform \" bw \" \" FORM > \"/dev/stderr\"; exit 1 } "
    "print \"@@tunneldoc-psk-at \" bw > \"/dev/stderr\"; printf \"%s%s\", salt, k } ";

static const char psk_awk_ipsec[] =
    "/^[ \\t]*#/ { next } "
    "{ c = index($0, \":\"); if (c == 0) next; r = substr($0, c + 1); sub(/^[ \\t]+/, \"\", r); "
    "if (toupper(substr(r, 1, 3)) != \"PSK\" || substr(r, 4, 1) !~ /[ \\t]/) next; "
    "offer(fit(substr($0, 1, c - 1)), unq(substr(r, 4)), FILENAME \":\" FNR) }";

static const char psk_awk_swanctl[] =
    "{ l = $0; sub(/^[ \\t]+/, \"\", l) } "
    "l ~ /^#/ { next } "
    "index(l, \"{\") { d++; if (d == 1 && l ~ /^secrets[ \\t{]/) ins = 1; "
    "if (ins && d == 2 && l ~ /^ike/) { ik = 1; ids = \"\"; v = \"\"; at = FILENAME \":\" FNR } next } "
    "index(l, \"}\") { if (ik && d == 2) { offer(fit(ids), v, at); ik = 0 } d--; if (d == 0) ins = 0; next } "
    "ik && index(l, \"=\") { e = index(l, \"=\"); k = substr(l, 1, e - 1); sub(/[ \\t]+$/, \"\", k); x = unq(substr(l, e + 1)); "
    "if (k == \"secret\") { v = x; at = FILENAME \":\" FNR } else if (k ~ /^id/) ids = ids \" \" x }";

char *remote_psk_command(int swanctl, const char *const *globs, int n, const char *selectors, const char *salt)
{
	struct strbuf b = {0}, prog = {0};

	sb_adds(&b, "command -v sha256sum >/dev/null || { echo '@@tunneldoc-psk-nohash'; exit 0; }; set --; for f in");
	for (int i = 0; i < n; i++) {
		sb_addc(&b, ' ');
		glob_word(&b, globs[i]);
	}
	sb_adds(&b, "; do [ -e \"$f\" ] || continue; if [ -r \"$f\" ]; then set -- \"$@\" \"$f\"; "
	    "else printf '@@tunneldoc-psk-unreadable %s\\n' \"$f\"; fi; done; "
	    "if [ $# -eq 0 ]; then echo '@@tunneldoc-psk-none'; exit 0; fi; { LC_ALL=C awk -v sw=");
	sb_adds(&b, swanctl ? "1" : "0");
	sb_adds(&b, " -v sel=");
	remote_quote(&b, selectors);
	sb_adds(&b, " -v salt=");
	remote_quote(&b, salt);
	sb_addc(&b, ' ');
	sb_adds(&prog, psk_awk_common);
	sb_adds(&prog, swanctl ? psk_awk_swanctl : psk_awk_ipsec);
	remote_quote(&b, prog.s);
	sb_free(&prog);
	sb_adds(&b, " \"$@\" | sha256sum; } 2>&1");
	return sb_steal(&b);
}
