/*
 * analysis.c - see analysis.h.
 */
#include "pipeline/analysis.h"
#include "parse/dialect.h"
#include "base/redact.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

#define DETECT_LINES 64

struct sidein {
	/* lines held back until the dialect is known */
	char *held[DETECT_LINES];
	size_t heldlen[DETECT_LINES];
	uint64_t heldno[DETECT_LINES];
	int nheld;
	/* the LANCOM record being joined */
	struct strbuf rec;
	uint64_t rec_line;
	int in_rec;
	uint64_t lineno;
	int64_t last_t;
	int have_last_t;
	struct redact_state rs;	/* inside a PEM block of this side's log */
};

struct analysis {
	const struct kb *kb;
	struct side sides[2];
	struct sidein in[2];
	struct acm_scratch scratch[2];	/* per side: the sides may be fed on two threads */
	struct alignment al;
	struct diagnosis dg;
	int ran;
	int64_t now;            /* for "in progress" (PROGRESS_END_OF_LOGS: the logs' end) */
	analysis_observer observer;
	void *observer_ctx;
	struct diag_memory *mem;  /* findings that vanished (analysis_keep_vanished) */
};

void analysis_set_observer(struct analysis *a, analysis_observer fn, void *ctx)
{
	a->observer = fn;
	a->observer_ctx = ctx;
}

struct analysis *analysis_new(const struct kb *kb)
{
	struct analysis *a = xcalloc(1, sizeof *a);

	a->kb = kb;
	a->now = PROGRESS_END_OF_LOGS;
	side_init(&a->sides[LEFT], LEFT);
	side_init(&a->sides[RIGHT], RIGHT);
	return a;
}

void analysis_free(struct analysis *a)
{
	if (a == NULL)
		return;
	for (int s = 0; s < 2; s++) {
		side_clear(&a->sides[s]);
		for (int i = 0; i < a->in[s].nheld; i++)
			free(a->in[s].held[i]);
		sb_free(&a->in[s].rec);
	}
	acm_scratch_free(&a->scratch[LEFT]);
	acm_scratch_free(&a->scratch[RIGHT]);
	alignment_clear(&a->al);
	diagnosis_clear(&a->dg);
	diag_memory_free(a->mem);
	free(a);
}

void analysis_open_side(struct analysis *a, enum side_id side, const char *name, int dialect)
{
	struct side *s = &a->sides[side];

	free(s->name);
	s->name = xstrdup(name != NULL ? name : "");
	s->present = 1;
	side_set_dialect(s, a->kb, dialect);
	s->dialect_forced = dialect >= 0;
}

/* Parse one logical record and apply it to the model. */
static void process(struct analysis *a, enum side_id side, const char *line, size_t len, uint64_t lineno)
{
	struct side *s = &a->sides[side];
	struct sidein *in = &a->in[side];
	const struct dialect *d = &a->kb->dialects[s->dialect];
	struct parsed p;

	dialect_parse(a->kb, d, &a->scratch[side], line, len, &p);
	if (p.has_time) {
		if (in->have_last_t && p.t.us < in->last_t)
			s->nbackwards++;
		in->last_t = p.t.us;
		in->have_last_t = 1;
		if (!s->has_t)
			s->t_first = p.t.us;
		s->t_last = p.t.us;
		s->has_t = 1;
		if (p.t.has_date)
			s->has_date = 1;
	}
	model_apply(a->kb, s, &p, lineno, line, len);
	if (a->observer != NULL)
		a->observer(a->observer_ctx, side, lineno, &p);
}

static void flush_record(struct analysis *a, enum side_id side)
{
	struct sidein *in = &a->in[side];

	if (in->in_rec && in->rec.len > 0)
		process(a, side, in->rec.s, in->rec.len, in->rec_line);
	in->in_rec = 0;
	sb_reset(&in->rec);
}

/* A line with the dialect known: join LANCOM records, else process. */
static void route(struct analysis *a, enum side_id side, const char *line, size_t len, uint64_t lineno)
{
	struct side *s = &a->sides[side];
	struct sidein *in = &a->in[side];
	const struct dialect *d = &a->kb->dialects[s->dialect];
	struct logtime t;
	size_t tl;

	if (d->record != REC_TIMESTAMP_LINE) {
		process(a, side, line, len, lineno);
		return;
	}
	tl = dialect_time(d, line, len, &t);
	if (tl > 0) {
		size_t rest = tl;

		while (rest < len && (line[rest] == ' ' || line[rest] == '\t'))
			rest++;
		flush_record(a, side);
		in->in_rec = 1;
		in->rec_line = lineno;
		sb_add(&in->rec, line, len);
		return;
	}
	if (!in->in_rec) {
		process(a, side, line, len, lineno);
		return;
	}
	/* an empty line ends nothing: LANCOM records continue until the next timestamp */
	if (len == 0)
		return;
	if (in->rec.len < TD_MAXLINE) {
		sb_addc(&in->rec, ' ');
		sb_add(&in->rec, line, len);
	}
}

static void decide_dialect(struct analysis *a, enum side_id side)
{
	struct side *s = &a->sides[side];
	struct sidein *in = &a->in[side];

	if (s->dialect < 0) {
		int dl = dialect_detect(a->kb, (const char *const *)in->held, in->heldlen, in->nheld);

		/* nothing recognised: a one-line-per-record dialect, so unknown
		 * text is not glued into multi-line records */
		for (int d = 0; dl < 0 && d < a->kb->ndialects; d++)
			if (a->kb->dialects[d].record == REC_LINE)
				dl = d;
		side_set_dialect(s, a->kb, dl < 0 ? 0 : dl);
	}
	for (int i = 0; i < in->nheld; i++) {
		route(a, side, in->held[i], in->heldlen[i], in->heldno[i]);
		free(in->held[i]);
		in->held[i] = NULL;
	}
	in->nheld = 0;
}

/* The control bytes (below 0x20, not a tab) of s[0..n), or -1 with a NUL. */
static long count_ctl(const unsigned char *s, size_t n)
{
	long ctl = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\0')
			return -1;
		if (s[i] < 0x20 && s[i] != '\t')
			ctl++;
	}
	return ctl;
}

/*
 * Binary garbage: a NUL, or mostly control bytes. Eight bytes at a time:
 * a word without a byte below 0x20 (the common case: text) has neither.
 */
static int is_binary(const char *line, size_t len)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	const unsigned char *s = (const unsigned char *)line;
	size_t i = 0, ctl = 0;
	long c;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (((w - ones * 0x20) & ~w & highs) == 0)
			continue;
		if ((c = count_ctl(s + i, 8)) < 0)
			return 1;
		ctl += (size_t)c;
	}
	if ((c = count_ctl(s + i, len - i)) < 0)
		return 1;
	ctl += (size_t)c;
	return len > 0 && ctl * 4 > len;
}

void analysis_feed(struct analysis *a, enum side_id side, const char *line, size_t len)
{
	struct side *s = &a->sides[side];
	struct sidein *in = &a->in[side];

	if (!s->present)
		analysis_open_side(a, side, side == LEFT ? "left" : "right", -1);
	in->lineno++;
	s->nlines++;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len > TD_MAXLINE) {
		len = TD_MAXLINE;
		s->ntrunc++;
	}
	if (is_binary(line, len)) {
		s->nbinary++;
		return;
	}
	/* a PEM block is not log text: a key's body is a secret that no
	 * record may join, a certificate's body nothing to parse */
	if (redact_track(&in->rs, line, len) != RK_TEXT)
		return;
	if (s->dialect < 0) {
		in->held[in->nheld] = xstrndup(line, len);
		in->heldlen[in->nheld] = len;
		in->heldno[in->nheld] = in->lineno;
		in->nheld++;
		if (in->nheld == DETECT_LINES)
			decide_dialect(a, side);
		return;
	}
	route(a, side, line, len, in->lineno);
}

void analysis_flush(struct analysis *a, enum side_id side)
{
	if (a->sides[side].dialect < 0) {
		if (a->in[side].nheld == 0)
			return;
		decide_dialect(a, side);
	}
	flush_record(a, side);
}

void analysis_run(struct analysis *a)
{
	for (int s = 0; s < 2; s++)
		analysis_flush(a, (enum side_id)s);
	analysis_update(a);
}

#define STREAM_DETECT_LINES 16

void analysis_update(struct analysis *a)
{
	/* a stream still short of DETECT_LINES: decide on what there is */
	for (int s = 0; s < 2; s++)
		if (a->sides[s].dialect < 0 && a->in[s].nheld >= STREAM_DETECT_LINES)
			decide_dialect(a, (enum side_id)s);
	for (int s = 0; s < 2; s++)
		model_finish(&a->sides[s]);
	alignment_clear(&a->al);
	diagnosis_clear(&a->dg);
	align_run(a->sides, &a->al);
	diagnose_run(a->kb, a->sides, &a->al, &a->dg);
	diagnose_retire(a->kb, a->sides, &a->al, &a->dg);
	diagnose_progress(a->kb, a->sides, &a->al, a->now, &a->dg);
	if (a->mem != NULL)
		diagnose_carry(a->mem, a->kb, a->sides, &a->al, &a->dg);
	a->ran = 1;
}

void analysis_keep_vanished(struct analysis *a)
{
	if (a->mem == NULL)
		a->mem = diag_memory_new();
}

void analysis_set_now(struct analysis *a, int64_t now)
{
	a->now = now;
}

const struct kb *analysis_kb(const struct analysis *a)
{
	return a->kb;
}

const struct side *analysis_sides(const struct analysis *a)
{
	return a->sides;
}

const struct alignment *analysis_alignment(const struct analysis *a)
{
	return &a->al;
}

enum msg analysis_no_finding(const struct analysis *a)
{
	return a->al.ngroups > 0 ? M_NO_FINDINGS_NEGO : M_NO_FINDINGS;
}

const struct diagnosis *analysis_diagnosis(const struct analysis *a)
{
	return &a->dg;
}
