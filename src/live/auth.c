/*
 * auth.c - the host key and the login of a live session (see live.h):
 * known_hosts decides (unknown: ask or --accept-new, changed: refuse),
 * then none, public key (agent, -i, config), and a password or
 * keyboard-interactive answer only when the console asked for it.
 */
#include "live/live_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Remember the server's key in known_hosts and go on to authenticate. */
int live_accept_hostkey(struct live *l, int64_t now)
{
	if (ssh_session_update_known_hosts(l->s) != SSH_OK) {
		live_set_error(l, M_LV_KH_WRITE, l->target, ssh_get_error(l->s));
		live_fail(l, now);
		return -1;
	}
	live_set_state(l, LS_AUTH, now);
	return 0;
}

void live_step_hostkey(struct live *l, int64_t now)
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
		live_set_state(l, LS_AUTH, now);
		return;
	case SSH_KNOWN_HOSTS_CHANGED:
	case SSH_KNOWN_HOSTS_OTHER:
		live_set_error(l, M_LV_HOSTKEY_CHANGED,
		    l->target, l->fingerprint);
		live_fail(l, now);
		return;
	case SSH_KNOWN_HOSTS_NOT_FOUND:
	case SSH_KNOWN_HOSTS_UNKNOWN:
		if (l->cfg.accept_new) {
			live_accept_hostkey(l, now);
			return;
		}
		if (!l->cfg.interactive) {
			live_set_error(l, M_LV_HOSTKEY_UNKNOWN, l->target, l->fingerprint);
			live_fail(l, now);
			return;
		}
		l->hostkey_answer = -1;
		live_set_state(l, LS_ASK_HOSTKEY, now);
		return;
	default:
		live_set_error(l, M_LV_HOSTKEY_CHECK, l->target, ssh_get_error(l->s));
		live_fail(l, now);
	}
}

void live_step_auth(struct live *l, int64_t now)
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
			live_set_error(l, M_LV_PW_ONLY, l->target);
			live_fail(l, now);
			return;
		}
		if (!(methods & (SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE)) || !l->cfg.interactive) {
			live_set_error(l, l->cfg.interactive ? M_LV_NO_KEY_CONSOLE : M_LV_NO_KEY_BATCH, l->target);
			live_fail(l, now);
			return;
		}
		if (l->password == NULL) {
			live_set_state(l, LS_ASK_PASSWORD, now);
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
	live_wipe_password(l);
	if (rc == SSH_AUTH_SUCCESS)
		goto ok;
	if (rc == SSH_AUTH_ERROR)	/* the connection broke, not the password */
		goto error;
	live_set_error(l, M_LV_WRONG_PW, l->target);
	live_fail(l, now);
	return;
ok:
	live_set_state(l, LS_CHANNEL, now);
	l->ch = ssh_channel_new(l->s);
	if (l->ch == NULL) {
		live_set_error(l, M_LV_NO_CHANNEL,
		    l->target, ssh_get_error(l->s));
		live_retry(l, now);
	}
	return;
error:
	live_set_error(l, M_LV_LOGIN_BROKE, l->target, ssh_get_error(l->s));
	live_retry(l, now);
}
