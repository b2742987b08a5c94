/*
 * step.c - see step.h.
 */
#include "match/step.h"

#include <string.h>

static const struct {
	const char *name;
	enum role sender;
	enum step prev;
} steps[STEP_COUNT] = {
	[STEP_NONE] = { "-", ROLE_UNKNOWN, STEP_NONE },
	[S_MI1] = { "MI1", ROLE_INITIATOR, STEP_NONE },
	[S_MR1] = { "MR1", ROLE_RESPONDER, S_MI1 },
	[S_MI2] = { "MI2", ROLE_INITIATOR, S_MR1 },
	[S_MR2] = { "MR2", ROLE_RESPONDER, S_MI2 },
	[S_MI3] = { "MI3", ROLE_INITIATOR, S_MR2 },
	[S_MR3] = { "MR3", ROLE_RESPONDER, S_MI3 },
	[S_AI1] = { "AI1", ROLE_INITIATOR, STEP_NONE },
	[S_AR1] = { "AR1", ROLE_RESPONDER, S_AI1 },
	[S_AI2] = { "AI2", ROLE_INITIATOR, S_AR1 },
	[S_QI1] = { "QI1", ROLE_INITIATOR, STEP_NONE },
	[S_QR1] = { "QR1", ROLE_RESPONDER, S_QI1 },
	[S_QI2] = { "QI2", ROLE_INITIATOR, S_QR1 },
	[S_INFO] = { "INFO", ROLE_UNKNOWN, STEP_NONE },
	[S_DPD] = { "DPD", ROLE_UNKNOWN, STEP_NONE },
	[S_DPD_ACK] = { "DPD_ACK", ROLE_UNKNOWN, S_DPD },
	[S_SA_INIT_I] = { "SA_INIT_I", ROLE_INITIATOR, STEP_NONE },
	[S_SA_INIT_R] = { "SA_INIT_R", ROLE_RESPONDER, S_SA_INIT_I },
	[S_AUTH_I] = { "AUTH_I", ROLE_INITIATOR, S_SA_INIT_R },
	[S_AUTH_R] = { "AUTH_R", ROLE_RESPONDER, S_AUTH_I },
	[S_CHILD_I] = { "CHILD_I", ROLE_UNKNOWN, STEP_NONE },
	[S_CHILD_R] = { "CHILD_R", ROLE_UNKNOWN, S_CHILD_I },
	[S_INFO2_I] = { "INFO2_I", ROLE_UNKNOWN, STEP_NONE },
	[S_INFO2_R] = { "INFO2_R", ROLE_UNKNOWN, S_INFO2_I },
	[S_L_CONNECT] = { "L_CONNECT", ROLE_UNKNOWN, STEP_NONE },
	[S_L_P1_START] = { "L_P1_START", ROLE_UNKNOWN, STEP_NONE },
	[S_L_P1_PROPOSAL] = { "L_P1_PROPOSAL", ROLE_UNKNOWN, STEP_NONE },
	[S_L_P1_DONE] = { "L_P1_DONE", ROLE_UNKNOWN, STEP_NONE },
	[S_L_P2_DONE] = { "L_P2_DONE", ROLE_UNKNOWN, STEP_NONE },
	[S_L_CONNECTED] = { "L_CONNECTED", ROLE_UNKNOWN, STEP_NONE },
	[S_L_POLL] = { "L_POLL", ROLE_UNKNOWN, STEP_NONE },
	[S_L_TIMEOUT] = { "L_TIMEOUT", ROLE_UNKNOWN, STEP_NONE },
	[S_L_DISCONNECT] = { "L_DISCONNECT", ROLE_UNKNOWN, STEP_NONE },
	[S_ECHO] = { "ECHO", ROLE_INITIATOR, STEP_NONE },
};

const char *step_name(enum step s)
{
	return (s >= 0 && s < STEP_COUNT) ? steps[s].name : "?";
}

enum step step_lookup(const char *name)
{
	for (int s = 1; s < STEP_COUNT; s++)
		if (strcmp(steps[s].name, name) == 0)
			return (enum step)s;
	return STEP_NONE;
}

enum role step_sender(enum step s)
{
	return (s >= 0 && s < STEP_COUNT) ? steps[s].sender : ROLE_UNKNOWN;
}

enum step step_prev(enum step s)
{
	return (s >= 0 && s < STEP_COUNT) ? steps[s].prev : STEP_NONE;
}

int step_is_local(enum step s)
{
	return s >= S_L_CONNECT && s <= S_L_DISCONNECT;
}

const char *role_name(enum role r)
{
	return r == ROLE_INITIATOR ? "initiator" : r == ROLE_RESPONDER ? "responder" : "unknown";
}

enum role role_other(enum role r)
{
	return r == ROLE_INITIATOR ? ROLE_RESPONDER : r == ROLE_RESPONDER ? ROLE_INITIATOR : ROLE_UNKNOWN;
}
