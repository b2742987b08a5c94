/*
 * psk.h - the two ends' pre-shared keys compared without ever showing one.
 *
 * Offline (config-diff, analyze --left-config): the secrets file of each
 * gateway (ipsec.secrets, or the secrets { ike-* } section of swanctl.conf)
 * is read, the entry for the tunnel chosen (its selectors / id fields name
 * the tunnel's IDs or addresses, or it names none), the two keys compared in
 * memory and wiped; only "equal" or "differs" and the file:line of each
 * entry are kept. A key written as 0x (hex) or 0s (base64) is decoded
 * first, as libreswan and strongSwan decode it. Live (connect): each
 * gateway hashes sha256(salt || the key's bytes as hex) itself (src/live/remote.c builds the command) and only the two hashes are
 * compared. A side whose secret cannot be read is said so, with why.
 */
#ifndef TD_PSK_H
#define TD_PSK_H

#include "config/cdiff.h"

/*
 * The PSK of end e in the secrets file path, into *psk (the caller wipes it
 * with psk_wipe); e->v[TP_PSK] gets the entry's file, line and key, never
 * the value. 0, or -1 with *why (in lang: file not readable, no entry).
 */
int psk_read(const char *path, struct tend *e, char **psk, enum lang lang, char **why);
void psk_wipe(char *psk);

/*
 * Compare the PSKs of both ends from their secrets files (NULL: the file
 * next to the configuration — ipsec.secrets beside ipsec.conf, the
 * swanctl.conf itself — if there is one). Sets d->psk, d->psk_why and, when
 * both were read, the TP_PSK item (a difference explains psk-mismatch).
 */
void cdiff_psk_files(struct cdiff *d, const char *lpath, const char *rpath, enum lang lang);

/*
 * Compare two hashes computed on the gateways (hex, NULL: not computed; then
 * why[s] says why). where[s] is "FILE:LINE" of each entry on its gateway.
 */
void cdiff_psk_hashes(struct cdiff *d, const char *const hash[2], const char *const where[2],
    const char *const why[2], enum lang lang);

/* "equal", "differs", "not readable", "not compared" (JSON). */
const char *cpsk_name(enum cpsk p);

#endif
