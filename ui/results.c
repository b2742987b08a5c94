/*
 * results.c - what a step's run showed (issue 13 item 5), as lines that
 * stay: the checklist keeps them (checklist_add_run) and the checklist
 * view shows them in a pane under the walk, whichever branch the walk
 * takes next; the session report lists them.
 *
 *   ping from the gateway (left): ping -c 3 -W 2 -I 10.1.0.1 10.2.0.1
 *     3 packets transmitted, 3 received, 0% packet loss, time 2003ms
 *     sent 3, received 3, loss 0 %
 *     tunneldoc's echoes: from 10.1.0.1 to 10.2.0.1, icmp_seq 1-3 ...
 *     SA packets left: in 12 -> 15 (+3), out 12 -> 15 (+3)
 *
 *   status (left): ipsec trafficstatus (exit status 0)
 *     output: ...
 *     read from it: ...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/util.h"

/* The output's last `want` non-empty lines, each indented, one a line. */
static void out_lines(struct strbuf *b, const char *out, int want)
{
	const char *end, *p;
	int n = 0;

	if (out == NULL)
		out = "";
	end = out + strlen(out);
	while (end > out && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\r'))
		end--;
	p = end;
	while (p > out && n < want) {
		p--;
		if (*p == '\n' && p + 1 < end && p[1] != '\n')
			n++;
	}
	if (*p == '\n')
		p++;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len > 0) {
			sb_adds(b, "\n      ");
			sb_add(b, p, len);
		}
		p += len;
		while (p < end && (*p == '\n' || *p == '\r'))
			p++;
	}
}

/* "N packets transmitted, M received, X% packet loss" of a ping's output. */
static int ping_counts(const char *out, unsigned *sent, unsigned *recv, unsigned *loss)
{
	const char *p = out != NULL ? strstr(out, " packets transmitted, ") : NULL;
	const char *q;

	if (p == NULL)
		return -1;
	for (q = p; q > out && q[-1] != '\n'; q--)
		;
	if (sscanf(q, "%u packets transmitted, %u received", sent, recv) != 2)
		return -1;
	q = strstr(q, "% packet loss");
	if (q == NULL)
		return -1;
	while (q > out && q[-1] >= '0' && q[-1] <= '9')
		q--;
	return sscanf(q, "%u", loss) == 1 ? 0 : -1;
}

/* The icmp_seq numbers of the replies the output shows ("1-3", "1 3"). */
static void ping_seqs(struct strbuf *b, const char *out)
{
	const char *p = out;
	int first = -1, last = -1, n = 0;

	while (p != NULL && (p = strstr(p, "icmp_seq=")) != NULL) {
		int v = atoi(p + 9);

		if (first < 0)
			first = v;
		last = v;
		n++;
		p += 9;
	}
	if (n == 0)
		sb_adds(b, "-");
	else if (n == last - first + 1)
		sb_addf(b, n > 1 ? "%d-%d" : "%d", first, last);
	else
		sb_addf(b, "%d..%d (%d)", first, last, n);
}

void results_ping_text(struct app *a, struct strbuf *b, const char *node_text)
{
	enum lang l = a->o->lang;
	const char *out = a->ping_out.s != NULL ? a->ping_out.s : "";
	unsigned sent, recv, loss;
	struct strbuf seq = {0};

	sb_addf(b, "%s", node_text);
	sb_adds(b, "\n  ");
	sb_addf(b, msg(M_RUN_PING_HEAD, l), msg(M_SIDE_LEFT, l), a->ping_cmd != NULL ? a->ping_cmd : "");
	if (a->ping_status >= 0)
		sb_addf(b, " (%s %d)", msg(M_RUN_EXIT, l), a->ping_status);
	out_lines(b, out, 2);
	sb_adds(b, "\n    ");
	if (ping_counts(out, &sent, &recv, &loss) == 0)
		sb_addf(b, msg(M_RUN_PING_COUNTS, l), sent, recv, loss);
	else
		sb_adds(b, msg(M_RUN_PING_NO_COUNTS, l));
	ping_seqs(&seq, out);
	sb_adds(b, "\n    ");
	sb_addf(b, msg(M_RUN_PING_OURS, l), a->lan_ip[0], a->lan_ip[1], seq.s);
	sb_free(&seq);
	for (int s = 0; s < 2; s++) {
		const char *side = msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, l);

		sb_adds(b, "\n    ");
		if (a->have_cnt0[s] && a->have_cnt1[s]) {
			const uint64_t *v0 = a->cnt0[s], *v1 = a->cnt1[s];

			sb_addf(b, msg(M_RUN_COUNTERS, l), side,
			    (unsigned long long)v0[1], (unsigned long long)v1[1],
			    (unsigned long long)(v1[1] >= v0[1] ? v1[1] - v0[1] : v1[1]),
			    (unsigned long long)v0[3], (unsigned long long)v1[3],
			    (unsigned long long)(v1[3] >= v0[3] ? v1[3] - v0[3] : v1[3]));
		} else {
			sb_addf(b, msg(M_RUN_COUNTERS_NONE, l), side,
			    msg(a->cnt_tried[s] ? M_RUN_NO_COUNTER_OUT : M_RUN_NO_COUNTER_CMD, l));
		}
	}
}

void results_status_text(struct app *a, struct strbuf *b, int s, const char *out, int status, const char *why)
{
	enum lang l = a->o->lang;

	sb_adds(b, "\n  ");
	sb_addf(b, msg(M_RUN_STATUS_HEAD, l), msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, l),
	    a->run_cmd[s] != NULL ? a->run_cmd[s] : "", status);
	sb_adds(b, "\n    ");
	sb_adds(b, msg(M_RUN_OUTPUT, l));
	if (out == NULL || *out == '\0')
		sb_addf(b, " %s", msg(M_RUN_NO_OUTPUT, l));
	else
		out_lines(b, out, 8);
	sb_adds(b, "\n    ");
	sb_adds(b, msg(M_RUN_READ, l));
	if (why == NULL || *why == '\0')
		sb_addf(b, " %s", msg(M_RUN_READ_NOTHING, l));
	else
		sb_addf(b, " %s", why);
}

/*
 * The pane under the walk: the result of the selected node's run, else
 * the newest run's, as many of its lines as fit in rows `h` at row y.
 */
static const struct cl_run *pane_run(struct app *a)
{
	int node = checklist_selected(a);
	const struct cl_run *run = node >= 0 ? checklist_run_of(&a->cl, node) : NULL;

	return run != NULL ? run : a->cl.nruns > 0 ? &a->cl.runs[a->cl.nruns - 1] : NULL;
}

int draw_results(struct app *a, int y, int h)
{
	const struct cl_run *run = pane_run(a);
	int used = 0;
	struct rect r = { y, 0, h, a->cols };
	const char *p;

	if (run == NULL || h < 2)
		return 0;
	draw_fill(y, 0, a->cols, color_attr(a, C_BAR));
	draw_text(a, y, 1, a->cols - 1, msg(M_RUN_PANE, a->o->lang), strlen(msg(M_RUN_PANE, a->o->lang)),
	    color_attr(a, C_BAR));
	used = 1;
	for (p = run->text; p != NULL && *p && used < h;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);

		r.y = y + used;
		r.h = h - used;
		used += draw_wrapped(a, &r, y + used, line, used == 1 ? A_BOLD : A_NORMAL);
		free(line);
		p = nl != NULL ? nl + 1 : NULL;
	}
	return used;
}

/* The lines of the pane a run's text needs (for the layout). */
int results_rows(struct app *a)
{
	const struct cl_run *run = pane_run(a);
	int n = 1;

	if (run == NULL)
		return 0;
	for (const char *p = run->text; p != NULL && *p; p++)
		n += *p == '\n';
	return n + 1;
}
