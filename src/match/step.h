/*
 * step.h - the protocol vocabulary: IKE exchange steps as the mGuard guide
 * names them (MI1..MR3, QI1..QI2), IKEv2 request/response pairs, LANCOM
 * phases, and the ICMP echo of the ping procedure. Steps are protocol facts,
 * not knowledge: dialects in kb/formats map their wording onto them.
 */
#ifndef TD_STEP_H
#define TD_STEP_H

enum step {
	STEP_NONE = 0,
	S_MI1, S_MR1, S_MI2, S_MR2, S_MI3, S_MR3,
	S_AI1, S_AR1, S_AI2,
	S_QI1, S_QR1, S_QI2,
	S_INFO, S_DPD, S_DPD_ACK,
	S_SA_INIT_I, S_SA_INIT_R, S_AUTH_I, S_AUTH_R, S_CHILD_I, S_CHILD_R,
	S_INFO2_I, S_INFO2_R,
	S_L_CONNECT, S_L_P1_START, S_L_P1_PROPOSAL, S_L_P1_DONE, S_L_P2_DONE,
	S_L_CONNECTED, S_L_POLL, S_L_TIMEOUT, S_L_DISCONNECT,
	S_ECHO,
	STEP_COUNT
};

_Static_assert(STEP_COUNT <= 64, "steps must fit a 64-bit set");

enum role { ROLE_UNKNOWN = 0, ROLE_INITIATOR, ROLE_RESPONDER };
enum dir { DIR_NONE = 0, DIR_SENT, DIR_RECV, DIR_LOCAL };

const char *step_name(enum step s);
enum step step_lookup(const char *name);
/* Who sends the step; ROLE_UNKNOWN for local phases and notifications. */
enum role step_sender(enum step s);
/* The message before s in the same exchange (MR1 for MI2), or STEP_NONE. */
enum step step_prev(enum step s);
/* 1 for steps that are local phases rather than messages (LANCOM). */
int step_is_local(enum step s);

const char *role_name(enum role r);
enum role role_other(enum role r);

#endif
