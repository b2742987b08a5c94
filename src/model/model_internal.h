/*
 * model_internal.h - what model.c and nego.c share: finding and making
 * negotiations of a side (nego.c), not part of the model's interface.
 */
#ifndef TD_MODEL_INTERNAL_H
#define TD_MODEL_INTERNAL_H

#include <stdint.h>

#include "match/step.h"

struct nego;
struct side;
struct stepcells;

#define SEARCH_BACK 256

void nego_free(struct nego *n);
struct stepcells *step_cells(struct nego *n, enum step st);
void remember_name(char **v, int *n, const char *s);
/* Drop a trailing ":port" or "[port]" from an address. */
void strip_port(char *a);
/* kind: an enum nego_kind */
struct nego *new_nego(struct side *s, int kind);
int has_serial(const struct nego *n, int serial);
struct nego *find_serial(struct side *s, int serial);
struct nego *find_key(struct side *s, const char *key);
/* The newest non-traffic negotiation with this conn or peer (or any). */
struct nego *find_recent(struct side *s, const char *conn, const char *peer);
void add_alias(struct nego *n, int serial);

struct parsed;
/* A line about a known state that no event or signature maps. */
void note_unmapped(struct side *s, const struct parsed *p, uint64_t lineno);
struct dialect;
struct signature;
/* A Quick Mode or CHILD_SA step. */
int is_phase2_step(enum step st);
/* The negotiation of a line that names a state number. */
struct nego *by_serial(struct side *s, const struct dialect *d, const struct parsed *p,
    const struct signature *sg, enum step st, enum step hint, int serial, int parent,
    const char *conn, const char *peer, uint64_t lineno);
/* The negotiation of a line without a state number. */
struct nego *by_name(struct side *s, const struct dialect *d, const struct parsed *p,
    enum step st, const char *conn, const char *peer, uint64_t lineno);
/* The message identities of a line (see struct nego ids). */
void note_ids(struct nego *n, const struct parsed *p);
/* A daemon start (up) or stop line. */
void note_life(struct side *s, const struct parsed *p, uint64_t lineno, int up);

#endif
