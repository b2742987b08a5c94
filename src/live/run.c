/*
 * run.c - one more command on a streaming connection (a status command, a
 * ping), in a channel of its own, advanced without blocking; its output
 * (stdout and stderr, at most 64 KiB) and exit status for the checklist.
 */
#include "live/live_int.h"

#include <stdlib.h>
#include <string.h>

void live_run_close(struct live *l, int phase)
{
	if (l->run_ch != NULL) {
		ssh_channel_free(l->run_ch);
		l->run_ch = NULL;
	}
	if (l->run_phase > 0 && l->run_phase < 5)
		l->run_phase = phase;
}

#define RUN_MAX_OUT 65536
#define RUN_TIMEOUT_MS 60000

/* Advance the extra command; never blocks. */
void live_run_step(struct live *l, int64_t now)
{
	char buf[4096];
	int rc, n;

	if (l->run_phase == 0 || l->run_phase >= 5)
		return;
	if (now - l->run_t > RUN_TIMEOUT_MS) {
		sb_adds(&l->run_out, "\n(");
		sb_addf(&l->run_out, msg(M_LV_RUN_TIMEOUT, l->cfg.lang), RUN_TIMEOUT_MS / 1000);
		sb_adds(&l->run_out, ")\n");
		live_run_close(l, 6);
		return;
	}
	if (l->run_phase == 1) {
		if (l->run_ch == NULL && (l->run_ch = ssh_channel_new(l->s)) == NULL) {
			live_run_close(l, 6);
			return;
		}
		rc = ssh_channel_open_session(l->run_ch);
		if (rc == SSH_AGAIN)
			return;
		if (rc != SSH_OK) {
			sb_addf(&l->run_out, msg(M_LV_RUN_NO_CHANNEL, l->cfg.lang), ssh_get_error(l->s));
			sb_addc(&l->run_out, '\n');
			live_run_close(l, 6);
			return;
		}
		l->run_phase = 2;
	}
	if (l->run_phase == 2) {
		rc = ssh_channel_request_exec(l->run_ch, l->run_cmd);
		if (rc == SSH_AGAIN)
			return;
		if (rc != SSH_OK) {
			sb_addf(&l->run_out, msg(M_LV_RUN_REFUSED, l->cfg.lang), ssh_get_error(l->s));
			sb_addc(&l->run_out, '\n');
			live_run_close(l, 6);
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
			live_run_close(l, 6);
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
		live_run_close(l, 5);
		l->run_phase = 5;
	}
}

int live_run(struct live *l, const char *cmd, int64_t now)
{
	if (l->st != LS_STREAMING || l->s == NULL || (l->run_phase > 0 && l->run_phase < 5))
		return -1;
	free(l->run_cmd);
	/*
	 * A gateway's shell: the daemons' tools (ipsec, swanctl, whack) live in
	 * /usr/sbin, which a non-root login's PATH often lacks (Debian): add the
	 * sbin directories, as root's PATH has them. LANCOM's console is no
	 * shell: its commands go as they are.
	 */
	if (l->cfg.dev != NULL && l->cfg.dev->mode == LOG_SHELL)
		l->run_cmd = xstrdup(cmd);
	else
		l->run_cmd = xasprintf("PATH=\"$PATH:/usr/sbin:/sbin\"; export PATH; %s", cmd);
	sb_reset(&l->run_out);
	l->run_status = -1;
	l->run_t = now;
	l->run_phase = 1;
	live_run_step(l, now);
	return 0;
}

int live_run_result(const struct live *l, const char **out, int *status)
{
	*out = l->run_out.s != NULL ? l->run_out.s : "";
	*status = l->run_status;
	return l->run_phase == 0 ? -1 : l->run_phase < 5 ? 0 : l->run_phase == 5 ? 1 : 2;
}

