/*
 * explain.c - the checklist's words for what an answer rests on: the
 * evidence line or the absence searched (with the log and its time span),
 * which log would answer an open check and how to get it, and what the
 * evidence said when the technician overrode it.
 */
#include "checklist/checklist.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *side_word(int s, enum lang l)
{
	return msg(s == RIGHT ? M_SIDE_RIGHT : M_SIDE_LEFT, l);
}

/* A log time (microseconds, as the model keeps them) as written. */
static void fmt_us(char *buf, size_t sz, int64_t us)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL) {
		snprintf(buf, sz, "?");
		return;
	}
	strftime(buf, sz, t >= 2 * 86400 ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S", &tm);
}

static char *absence_text(const struct checklist *cl, const struct cl_absence *ab, int fw, enum lang l)
{
	char src[160], what[200], t0[32], t1[32];

	if (ab->side < 0)
		snprintf(src, sizeof src, "%s", msg(M_CL_BOTH_LOGS, l));
	else
		snprintf(src, sizeof src, msg(fw ? M_CL_FWLOG_OF : M_CL_LOG_OF, l), side_word(ab->side, l));
	if (ab->what == M_CL_ABS_CAUSE && ab->cause >= 0 && ab->cause < cl->kb->ncauses)
		snprintf(what, sizeof what, msg(M_CL_ABS_CAUSE, l), txt(&cl->kb->causes[ab->cause].title, l));
	else
		snprintf(what, sizeof what, "%s", msg(ab->what, l));
	if (!ab->has_t)
		return xasprintf(msg(M_CL_SEARCHED_ALL, l), src, what);
	fmt_us(t0, sizeof t0, ab->t0_us);
	fmt_us(t1, sizeof t1, ab->t1_us);
	return xasprintf(msg(M_CL_SEARCHED, l), src, t0, t1, what);
}

char *checklist_evidence_text(const struct checklist *cl, const struct cl_item *it, enum lang l)
{
	if (it == NULL)
		return NULL;
	if (it->evidence != NULL)
		return xstrdup(it->evidence);
	if (it->absent.set)
		return absence_text(cl, &it->absent, it->src == SRC_FW, l);
	return NULL;
}

char *checklist_source_hint(const struct checklist *cl, const struct cl_item *it, enum lang l)
{
	(void)cl;
	if (it == NULL || it->ans != ANS_NONE || !it->src_missing)
		return NULL;
	switch (it->src) {
	case SRC_IKE:
		if (it->src_side >= 0)
			return xasprintf(msg(M_CL_HINT_REMOTE, l), side_word(it->src_side, l), side_word(it->src_side, l));
		return xstrdup(msg(M_CL_HINT_IKE, l));
	case SRC_IKE_REMOTE:
		return xasprintf(msg(M_CL_HINT_REMOTE, l), side_word(it->src_side >= 0 ? it->src_side : RIGHT, l),
		    side_word(it->src_side >= 0 ? it->src_side : RIGHT, l));
	case SRC_FW:
		return xasprintf(msg(M_CL_HINT_FW, l), side_word(it->src_side >= 0 ? it->src_side : LEFT, l),
		    side_word(it->src_side >= 0 ? it->src_side : LEFT, l));
	default:
		return NULL;
	}
}

char *checklist_override_text(const struct checklist *cl, const struct cl_item *it, enum lang l)
{
	const struct cl_answer *a;
	struct cl_item was;
	struct strbuf b = {0};
	char tb[32] = "-", *ev;

	if (it == NULL || !it->over)
		return NULL;
	a = checklist_answer_of(cl, it->node);
	if (a != NULL && a->t_ms > 0) {
		time_t t = (time_t)(a->t_ms / 1000);
		struct tm tm;

		if (localtime_r(&t, &tm) != NULL)
			strftime(tb, sizeof tb, "%Y-%m-%d %H:%M:%S", &tm);
	}
	memset(&was, 0, sizeof was);
	was.node = it->node;
	was.ans = it->was;
	was.opt = it->was_opt;
	was.by = it->was_by;
	was.evidence = it->was_ev;
	was.absent = it->was_absent;
	was.src = it->src;
	sb_addf(&b, msg(M_CL_OVERRIDDEN, l), cl_by_label(it->was_by != BY_NONE ? it->was_by : BY_LOGS, l),
	    cl_ans_label(cl, &was, l), tb);
	ev = checklist_evidence_text(cl, &was, l);
	if (ev != NULL)
		sb_addf(&b, " — %s: %s", msg(M_EVIDENCE, l), ev);
	free(ev);
	return sb_steal(&b);
}
