/*
 * step.c - see step.h.
 */
#include "match/step.h"

#include <string.h>

static const struct {
	const char *name;
	enum role sender;
	enum step prev;
	const char *en, *de;
} steps[STEP_COUNT] = {
	[STEP_NONE] = { "-", ROLE_UNKNOWN, STEP_NONE, "", "" },
	[S_MI1] = { "MI1", ROLE_INITIATOR, STEP_NONE, "Main Mode 1: SA proposal", "Main Mode 1: SA-Vorschlag" },
	[S_MR1] = { "MR1", ROLE_RESPONDER, S_MI1, "Main Mode 2: SA accepted", "Main Mode 2: SA angenommen" },
	[S_MI2] = { "MI2", ROLE_INITIATOR, S_MR1, "Main Mode 3: key exchange", "Main Mode 3: Schlüsselaustausch" },
	[S_MR2] = { "MR2", ROLE_RESPONDER, S_MI2, "Main Mode 4: key exchange", "Main Mode 4: Schlüsselaustausch" },
	[S_MI3] = { "MI3", ROLE_INITIATOR, S_MR2, "Main Mode 5: ID + auth (UDP 4500 with NAT)", "Main Mode 5: ID + Auth. (UDP 4500 bei NAT)" },
	[S_MR3] = { "MR3", ROLE_RESPONDER, S_MI3, "Main Mode 6: ID + auth", "Main Mode 6: ID + Auth." },
	[S_AI1] = { "AI1", ROLE_INITIATOR, STEP_NONE, "Aggressive Mode 1", "Aggressive Mode 1" },
	[S_AR1] = { "AR1", ROLE_RESPONDER, S_AI1, "Aggressive Mode 2", "Aggressive Mode 2" },
	[S_AI2] = { "AI2", ROLE_INITIATOR, S_AR1, "Aggressive Mode 3", "Aggressive Mode 3" },
	[S_QI1] = { "QI1", ROLE_INITIATOR, STEP_NONE, "Quick Mode 1: IPsec SA proposal", "Quick Mode 1: IPsec-SA-Vorschlag" },
	[S_QR1] = { "QR1", ROLE_RESPONDER, S_QI1, "Quick Mode 2: IPsec SA accepted", "Quick Mode 2: IPsec SA angenommen" },
	[S_QI2] = { "QI2", ROLE_INITIATOR, S_QR1, "Quick Mode 3: acknowledgement", "Quick Mode 3: Bestätigung" },
	[S_INFO] = { "INFO", ROLE_UNKNOWN, STEP_NONE, "informational (notification)", "Informational (Benachrichtigung)" },
	[S_DPD] = { "DPD", ROLE_UNKNOWN, STEP_NONE, "dead peer detection R_U_THERE", "Dead Peer Detection R_U_THERE" },
	[S_DPD_ACK] = { "DPD_ACK", ROLE_UNKNOWN, S_DPD, "R_U_THERE_ACK", "R_U_THERE_ACK" },
	[S_SA_INIT_I] = { "SA_INIT_I", ROLE_INITIATOR, STEP_NONE, "IKE_SA_INIT request", "IKE_SA_INIT-Anfrage" },
	[S_SA_INIT_R] = { "SA_INIT_R", ROLE_RESPONDER, S_SA_INIT_I, "IKE_SA_INIT response", "IKE_SA_INIT-Antwort" },
	[S_AUTH_I] = { "AUTH_I", ROLE_INITIATOR, S_SA_INIT_R, "IKE_AUTH request", "IKE_AUTH-Anfrage" },
	[S_AUTH_R] = { "AUTH_R", ROLE_RESPONDER, S_AUTH_I, "IKE_AUTH response", "IKE_AUTH-Antwort" },
	[S_CHILD_I] = { "CHILD_I", ROLE_UNKNOWN, STEP_NONE, "CREATE_CHILD_SA request", "CREATE_CHILD_SA-Anfrage" },
	[S_CHILD_R] = { "CHILD_R", ROLE_UNKNOWN, S_CHILD_I, "CREATE_CHILD_SA response", "CREATE_CHILD_SA-Antwort" },
	[S_INFO2_I] = { "INFO2_I", ROLE_UNKNOWN, STEP_NONE, "INFORMATIONAL request", "INFORMATIONAL-Anfrage" },
	[S_INFO2_R] = { "INFO2_R", ROLE_UNKNOWN, S_INFO2_I, "INFORMATIONAL response", "INFORMATIONAL-Antwort" },
	[S_L_CONNECT] = { "L_CONNECT", ROLE_UNKNOWN, STEP_NONE, "connecting", "Verbindungsaufbau" },
	[S_L_P1_START] = { "L_P1_START", ROLE_UNKNOWN, STEP_NONE, "phase 1 started", "Phase 1 gestartet" },
	[S_L_P1_PROPOSAL] = { "L_P1_PROPOSAL", ROLE_UNKNOWN, STEP_NONE, "phase 1 proposals", "Phase-1-Vorschläge" },
	[S_L_P1_DONE] = { "L_P1_DONE", ROLE_UNKNOWN, STEP_NONE, "phase 1 done", "Phase 1 fertig" },
	[S_L_P2_DONE] = { "L_P2_DONE", ROLE_UNKNOWN, STEP_NONE, "phase 2 done", "Phase 2 fertig" },
	[S_L_CONNECTED] = { "L_CONNECTED", ROLE_UNKNOWN, STEP_NONE, "connected", "verbunden" },
	[S_L_POLL] = { "L_POLL", ROLE_UNKNOWN, STEP_NONE, "line polling", "Line-Polling" },
	[S_L_TIMEOUT] = { "L_TIMEOUT", ROLE_UNKNOWN, STEP_NONE, "timeout", "Zeitüberschreitung" },
	[S_L_DISCONNECT] = { "L_DISCONNECT", ROLE_UNKNOWN, STEP_NONE, "disconnect", "Verbindungsabbau" },
	[S_ECHO] = { "ECHO", ROLE_INITIATOR, STEP_NONE, "ICMP echo through the tunnel", "ICMP-Echo durch den Tunnel" },
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

const char *step_label(enum step s, int de)
{
	if (s < 0 || s >= STEP_COUNT)
		return "";
	return de ? steps[s].de : steps[s].en;
}

const char *role_name(enum role r)
{
	return r == ROLE_INITIATOR ? "initiator" : r == ROLE_RESPONDER ? "responder" : "unknown";
}

enum role role_other(enum role r)
{
	return r == ROLE_INITIATOR ? ROLE_RESPONDER : r == ROLE_RESPONDER ? ROLE_INITIATOR : ROLE_UNKNOWN;
}

const char *dir_name(enum dir d)
{
	return d == DIR_SENT ? "sent" : d == DIR_RECV ? "recv" : d == DIR_LOCAL ? "local" : "none";
}
