/*
 * report_text.c - the readable form of an analysis:
 *
 *   left : init.log  openswan-mguard  initiator  "MAI1950251842_1"
 *   right: resp.log  openswan-mguard  responder  "MAI0874627901_1"
 *   clock offset (right - left): +135 ms   round-trip time: 241 ms
 *
 *   negotiation 1  left #55 (initiator)  <->  right #67 (responder)
 *   step  left                         ->   right                      status
 *   MI1   1 09:54:06.14 initiating...  -->  10 09:54:07.90 responding  ok
 *
 *   Findings
 *    1. [error] UDP port 4500 ... (udp4500-blocked, mguard 1.3.3)
 */
#include "report/analysis_report.h"
#include "report/config_report.h"
#include "config/cdiff_out.h"
#include "base/redact.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

void fmt_ms(char *buf, size_t sz, int64_t us, int sign)
{
	int64_t ms = (us >= 0 ? us + 500 : us - 500) / 1000;

	snprintf(buf, sz, sign ? "%+lld ms" : "%lld ms", (long long)ms);
}

/* Display width of a UTF-8 string (code points; good enough for logs). */
static int dwidth(const char *s, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/* Print s cut or padded to exactly w columns. */
static void put_cell(FILE *f, const char *s, int w, int utf8)
{
	int used = 0;
	size_t i = 0, n = strlen(s);

	while (i < n) {
		size_t cl = 1;

		while (i + cl < n && ((unsigned char)s[i + cl] & 0xc0) == 0x80)
			cl++;
		if (used + 1 > w - 1 && dwidth(s + i, n - i) > w - used) {
			fputs(utf8 ? "…" : "~", f);
			used++;
			break;
		}
		fwrite(s + i, 1, cl, f);
		used++;
		i += cl;
	}
	for (; used < w; used++)
		fputc(' ', f);
}

/* "LINE TIME MESSAGE" of an evidence line, cleaned for the terminal. */
static char *cell_text(const struct evref *e)
{
	struct strbuf b = {0};
	char *clean;

	if (e == NULL || e->text == NULL)
		return xstrdup("");
	sb_addf(&b, "%llu ", (unsigned long long)e->line);
	if (e->timelen > 0)
		sb_add(&b, e->text, e->timelen);
	if (e->msgoff > 0 && e->msgoff > e->timelen) {
		sb_addc(&b, ' ');
		sb_adds(&b, e->text + e->msgoff);
	} else {
		sb_adds(&b, e->text + e->timelen);
	}
	clean = utf8_clean_dup(b.s);
	sb_free(&b);
	return clean;
}

/* The arrow of a ladder row: from the sending role's side. */
static const char *arrow(const struct group *g, const struct row *r, int utf8)
{
	int from_left;

	if (r->sender != ROLE_UNKNOWN && (g->role[0] == r->sender || g->role[1] == r->sender))
		from_left = g->role[0] == r->sender;
	else
		from_left = r->is_sender[0] || (!r->is_sender[1] && r->cell[0] != NULL && r->cell[1] == NULL);

	if (r->status == RS_LOCAL)
		return utf8 ? " ·· " : " .. ";
	if (r->status == RS_LOST)
		return from_left ? (utf8 ? "──✗ " : "--X ") : (utf8 ? " ✗──" : " X--");
	if (r->status >= RS_NOT_LOGGED)
		return from_left ? (utf8 ? "──? " : "--? ") : (utf8 ? " ?──" : " ?--");
	if (r->status == RS_ONESIDED && !r->is_sender[0] && !r->is_sender[1])
		return "    ";
	return from_left ? (utf8 ? "──▶ " : "--> ") : (utf8 ? " ◀──" : " <--");
}

static enum msg status_msg(enum row_status s)
{
	return row_status_msg(s);
}

static const char *role_label(enum role r, enum lang l)
{
	return msg(r == ROLE_INITIATOR ? M_ROLE_INITIATOR : r == ROLE_RESPONDER ? M_ROLE_RESPONDER : M_ROLE_UNKNOWN, l);
}

static void side_header(FILE *f, const struct analysis *a, int s, const struct report_opts *o)
{
	const struct side *sd = &analysis_sides(a)[s];
	const struct kb *kb = analysis_kb(a);
	int roles[3] = {0};

	fprintf(f, "%-6s %s", msg(s == 0 ? M_SIDE_LEFT : M_SIDE_RIGHT, o->lang), ":");
	if (!sd->present) {
		fprintf(f, " %s\n", msg(M_NO_LOG, o->lang));
		return;
	}
	for (int i = 0; i < sd->nnegos; i++)
		roles[sd->negos[i]->role]++;
	fprintf(f, " %s  %s=%s  %llu %s", sd->name,
	    msg(M_DIALECT, o->lang), sd->dialect >= 0 ? kb->dialects[sd->dialect].id : "-",
	    (unsigned long long)sd->nlines, msg_n(M_LINES, sd->nlines, o->lang));
	if (roles[ROLE_INITIATOR] || roles[ROLE_RESPONDER])
		fprintf(f, "  %s", role_label(roles[ROLE_INITIATOR] >= roles[ROLE_RESPONDER] ? ROLE_INITIATOR : ROLE_RESPONDER, o->lang));
	if (sd->nconns > 0) {
		fprintf(f, "  %s:", msg(M_CONNECTIONS, o->lang));
		for (int i = 0; i < sd->nconns && i < 4; i++)
			fprintf(f, " \"%s\"", sd->conns[i]);
	}
	if (sd->npeers > 0) {
		fprintf(f, "  %s:", msg(M_PEERS, o->lang));
		for (int i = 0; i < sd->npeers && i < 4; i++)
			fprintf(f, " %s", sd->peers[i]);
	}
	fputc('\n', f);
	if (sd->ntrunc || sd->nbinary || sd->nbackwards)
		fprintf(f, "        (%llu %s, %llu %s, %llu %s)\n",
		    (unsigned long long)sd->ntrunc, msg_n(M_TRUNCATED_LINES, sd->ntrunc, o->lang),
		    (unsigned long long)sd->nbinary, msg_n(M_BINARY_LINES, sd->nbinary, o->lang),
		    (unsigned long long)sd->nbackwards, msg_n(M_TIME_BACKWARDS, sd->nbackwards, o->lang));
}

static void nego_label(char *buf, size_t sz, const struct nego *n, enum role role, enum lang l)
{
	if (n == NULL) {
		snprintf(buf, sz, "(%s)", msg(M_UNPAIRED, l));
		return;
	}
	snprintf(buf, sz, "%s%s%s%s #%d (%s)", *n->conn ? "\"" : "", n->conn, *n->conn ? "\"" : "",
	    *n->peer ? "" : "", n->serial, role_label(role, l));
	if (n->kind == NK_TRAFFIC)
		snprintf(buf, sz, "%s (%s)", n->key, role_label(role, l));
}

static void print_group(FILE *f, const struct analysis *a, int gi, const struct report_opts *o)
{
	const struct alignment *al = analysis_alignment(a);
	const struct group *g = &al->groups[gi];
	int colw = (o->width - 6 - 4 - 12) / 2;
	char l[160], r[160];

	if (colw < 20)
		colw = 20;
	nego_label(l, sizeof l, g->n[0], g->role[0], o->lang);
	nego_label(r, sizeof r, g->n[1], g->role[1], o->lang);
	fprintf(f, "\n%s %d: %s %s  %s  %s %s\n", msg(M_NEGOTIATION, o->lang), gi + 1,
	    msg(M_SIDE_LEFT, o->lang), l, o->utf8 ? "⇄" : "<->", msg(M_SIDE_RIGHT, o->lang), r);
	for (int k = 0; k < g->nrows; k++) {
		const struct row *rw = &g->rows[k];
		char *lt = cell_text(rw->cell[0] ? &rw->cell[0]->first : NULL);
		char *rt = cell_text(rw->cell[1] ? &rw->cell[1]->first : NULL);

		fprintf(f, "  %-9s ", step_name(rw->step));
		put_cell(f, lt, colw, o->utf8);
		fputs(arrow(g, rw, o->utf8), f);
		put_cell(f, rt, colw, o->utf8);
		fprintf(f, " %s", msg(status_msg(rw->status), o->lang));
		if (rw->status != RS_OK && rw->status != RS_LOCAL && rw->why != M_COUNT) {
			char why[512];

			row_why(rw, o->lang, why, sizeof why);
			fprintf(f, " (%s)", why);
		}
		for (int s = 0; s < 2; s++) {
			if (rw->retrans[s])
				fprintf(f, "; %s %s %u %s", msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, o->lang),
				    msg(M_RETRANSMITTED, o->lang), rw->retrans[s], msg_n(M_TIMES, rw->retrans[s], o->lang));
			if (rw->dup[s])
				fprintf(f, "; %s %s: %u", msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, o->lang),
				    msg(M_DUPLICATES, o->lang), rw->dup[s]);
		}
		fputc('\n', f);
		free(lt);
		free(rt);
	}
	if (g->ndiff > 0 && g->n[0] && g->n[1]) {
		fprintf(f, "  %s (%s | %s):\n", msg(M_DIFF, o->lang), msg(M_SIDE_LEFT, o->lang), msg(M_SIDE_RIGHT, o->lang));
		for (int k = 0; k < g->ndiff; k++) {
			char *lv = utf8_clean_dup(g->diff[k].value[0] ? g->diff[k].value[0] : "-");
			char *rv = utf8_clean_dup(g->diff[k].value[1] ? g->diff[k].value[1] : "-");

			fprintf(f, "    %-12s %s | %s\n", g->diff[k].name, lv, rv);
			free(lv);
			free(rv);
		}
	}
	if (g->spi_check != 0)
		fprintf(f, "  %s\n", msg(g->spi_check > 0 ? M_SPI_CONSISTENT : M_SPI_INCONSISTENT, o->lang));
}

static const char *severity_label(enum severity s, enum lang l)
{
	static const char *const en[] = { "benign", "info", "warning", "error" };
	static const char *const de[] = { "harmlos", "Info", "Warnung", "Fehler" };

	return (s >= SEV_BENIGN && s <= SEV_ERROR) ? (l == LANG_DE ? de[s] : en[s]) : "?";
}

static void print_finding(FILE *f, const struct analysis *a, int i, const struct report_opts *o)
{
	const struct kb *kb = analysis_kb(a);
	const struct finding *fd = &analysis_diagnosis(a)->f[i];
	const struct side *sides = analysis_sides(a);

	fprintf(f, "\n%2d. %s%s%s[%s] %s\n", i + 1, fd->resolved ? "[" : "", fd->resolved ? msg(M_A_RESOLVED_SHORT, o->lang) : "",
	    fd->resolved ? "] " : "", severity_label(fd->severity, o->lang), txt(fd->title, o->lang));
	if (fd->resolved) {
		char rt[1024], *t;

		finding_resolved_text(fd, o->lang, rt, sizeof rt);
		t = utf8_clean_dup(rt);
		fprintf(f, "    %s\n", t);
		free(t);
	}
	fprintf(f, "    %s: %s (%s)   %s:", msg(M_CAUSE, o->lang), kb->causes[fd->cause].id, txt(&kb->causes[fd->cause].title, o->lang),
	    msg(M_CHAPTER, o->lang));
	for (int c = 0; c < fd->nchapters; c++)
		fprintf(f, " %s%s", fd->chapters[c], c + 1 < fd->nchapters ? "," : "");
	if (fd->count > 1)
		fprintf(f, "   (%u×)", fd->count);
	fputc('\n', f);
	if (fd->explanation != NULL && *txt(fd->explanation, o->lang))
		fprintf(f, "    %s\n", txt(fd->explanation, o->lang));
	if (fd->nev > 0) {
		fprintf(f, "    %s:\n", msg(M_EVIDENCE, o->lang));
		for (int e = 0; e < fd->nev; e++) {
			const struct evidence *ev = &fd->ev[e];

			if (ev->line == 0) {
				fprintf(f, "      %-6s %s (%s)\n", msg(ev->side ? M_SIDE_RIGHT : M_SIDE_LEFT, o->lang),
				    msg(ev->note, o->lang), sides[ev->side].name ? sides[ev->side].name : "");
			} else {
				char *t = utf8_clean_dup(ev->text ? ev->text : "");

				fprintf(f, "      %-6s %llu: %s\n", msg(ev->side ? M_SIDE_RIGHT : M_SIDE_LEFT, o->lang),
				    (unsigned long long)ev->line, t);
				free(t);
			}
		}
	}
	if (fd->ncauses > 0) {
		fprintf(f, "    %s:\n", msg(M_CAUSES, o->lang));
		for (int c = 0; c < fd->ncauses; c++)
			fprintf(f, "      - %s\n", txt(&fd->causes[c], o->lang));
	}
	if (fd->nremedies > 0) {
		fprintf(f, "    %s:\n", msg(M_REMEDIES, o->lang));
		for (int r = 0; r < fd->nremedies; r++) {
			const struct remedy *rm = &fd->remedies[r];

			fprintf(f, "      - %s\n", txt(&rm->text, o->lang));
			if (rm->menu.en != NULL)
				fprintf(f, "        %s: %s\n", msg(M_MENU, o->lang), txt(&rm->menu, o->lang));
			if (rm->command != NULL)
				fprintf(f, "        %s: %s\n", msg(M_COMMAND, o->lang), rm->command);
		}
	}
	config_text_for_finding(f, o->config, kb->causes[fd->cause].id, o->lang);
	if (fd->nalternatives > 0) {
		fprintf(f, "    %s:", msg(M_ALTERNATIVES, o->lang));
		for (int k = 0; k < fd->nalternatives; k++)
			fprintf(f, " %s", fd->alternatives[k]);
		fputc('\n', f);
	}
}

void report_text(FILE *f, const struct analysis *a, const struct report_opts *o)
{
	const struct alignment *al = analysis_alignment(a);
	const struct diagnosis *dg = analysis_diagnosis(a);
	const struct side *sides = analysis_sides(a);
	char buf[64];
	int first;

	fprintf(f, "tunneldoc %s  (kb %s)\n", o->version, analysis_kb(a)->revision);
	for (int s = 0; s < 2 && o->conn != NULL; s++)
		if (o->conn[s].target != NULL)
			fprintf(f, "%-6s : %s  %s  %llu %s%s%s\n", msg(s ? M_SIDE_RIGHT : M_SIDE_LEFT, o->lang), o->conn[s].target,
			    o->conn[s].state ? o->conn[s].state : "", (unsigned long long)o->conn[s].lines, msg_n(M_LINES, o->conn[s].lines, o->lang),
			    o->conn[s].error ? "  " : "", o->conn[s].error ? o->conn[s].error : "");
	side_header(f, a, 0, o);
	side_header(f, a, 1, o);
	if (!sides[0].present || !sides[1].present)
		fprintf(f, "        %s\n", msg(M_LEFT_ONLY, o->lang));
	fprintf(f, "%s: ", msg(M_CLOCK_OFFSET, o->lang));
	if (al->offset_known) {
		fmt_ms(buf, sizeof buf, al->offset_us, 1);
		fputs(buf, f);
	} else {
		fputs(msg(M_NOT_MEASURABLE, o->lang), f);
	}
	fprintf(f, "   %s: ", msg(M_RTT, o->lang));
	if (al->rtt_known) {
		fmt_ms(buf, sizeof buf, al->rtt_us, 0);
		fputs(buf, f);
	} else {
		fputs(msg(M_NOT_MEASURABLE, o->lang), f);
	}
	fputc('\n', f);
	if (al->ngroups > 0)
		fprintf(f, "\n== %s ==", msg(M_LADDER, o->lang));
	first = al->ngroups > o->max_groups ? al->ngroups - o->max_groups : 0;
	if (first > 0)
		fputc('\n', f), fprintf(f, msg_n(M_MORE_NEGOS, (unsigned long long)first, o->lang), first);
	for (int g = first; g < al->ngroups; g++)
		print_group(f, a, g, o);
	fprintf(f, "\n== %s ==", msg(M_FINDINGS, o->lang));
	if (dg->progress.active) {
		char pt[160];

		nego_progress_text(&dg->progress, o->lang, pt, sizeof pt);
		fprintf(f, "\n%s (%s %llu)\n", pt, msg(dg->progress.side ? M_SIDE_RIGHT : M_SIDE_LEFT, o->lang),
		    (unsigned long long)dg->progress.line);
		fprintf(f, msg(M_PROGRESS_WHY, o->lang), (long long)(dg->progress.interval_us / 1000000));
		fputc('\n', f);
	} else if (dg->n == 0) {
		fprintf(f, "\n%s\n", msg(analysis_no_finding(a), o->lang));
	}
	for (int i = 0; i < dg->n; i++) {
		if (dg->f[i].resolved && (i == 0 || !dg->f[i - 1].resolved))
			fprintf(f, "\n%s\n", msg(M_RESOLVED_HEAD, o->lang));
		print_finding(f, a, i, o);
	}
	if (o->config != NULL) {
		fputc('\n', f);
		cdiff_print_text(f, o->config, o->lang, 0);
	}
}
