/*
 * remote.h - what tunneldoc sends to a gateway, and the one place that
 * quotes anything for a shell: the command that streams the log (or takes
 * a snapshot) and the local ProxyCommand of a jump host.
 */
#ifndef TD_LIVE_REMOTE_H
#define TD_LIVE_REMOTE_H

#include "base/util.h"
#include "kb/kb.h"
#include "live/stream.h"

struct remote_req {
	const struct device *dev;    /* the profile (files, commands, status) */
	const char *log_cmd;         /* overrides the profile's stream */
	int backlog;                 /* lines of history on the first connect */
	int snapshot;                /* the last lines, then the status commands */
	const char *nonce;           /* of this connection's markers */
	const struct stream_pos *pos;/* where to resume, or NULL */
};

/* s as one single-quoted word of a POSIX shell. */
void remote_quote(struct strbuf *b, const char *s);
/* The command for the exec channel (allocated). */
char *remote_log_command(const struct remote_req *r);
/* 1 when a jump host value can be handed to ssh (not an option). */
int remote_jump_ok(const char *jump);
/* The ProxyCommand for libssh: ssh -W through jump (allocated). */
char *remote_proxy_command(const char *jump, const char *ssh_config, const char *identity, const char *known_hosts);

/*
 * Issue 18. The command that prints the configuration files of the globs
 * ("@@tunneldoc-file PATH" before each, "@@tunneldoc-unreadable" for one
 * that cannot be read; secret values blanked on the gateway).
 */
char *remote_config_command(const char *const *globs, int n);
/*
 * The command that hashes sha256(salt || psk) of the tunnel's pre-shared
 * key on the gateway, from the secrets files of the globs (swanctl: the
 * secrets { ike* } syntax, else ipsec.secrets); selectors: the tunnel's IDs
 * and addresses, blank-separated. The key never leaves the gateway.
 */
char *remote_psk_command(int swanctl, const char *const *globs, int n, const char *selectors, const char *salt);

#endif
