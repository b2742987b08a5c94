/*
 * redact.h - keep secrets out of everything tunneldoc writes. Evidence
 * lines are redacted when they are copied into the model, so a PSK or
 * password that a daemon or a snapshot printed never reaches a report,
 * the screen, or a recording's analysis.
 *
 * A secret is the value after a keyword (psk, secret, password, passwd,
 * passphrase, pre-shared key, private key) and one of = : " ' ; the value
 * (quoted or up to the next blank) becomes "***". A PEM private key line
 * is replaced whole.
 */
#ifndef TD_REDACT_H
#define TD_REDACT_H

#include <stddef.h>

/* Redact s[0..len) into a new allocated string. */
char *redact_dup(const char *s, size_t len);
/* The same; *changed says whether anything was redacted. */
char *redact_dup2(const char *s, size_t len, int *changed);

/* Redact s[0..len) into out (reset first); *changed as above. */
struct strbuf;
void redact_into(struct strbuf *out, const char *s, size_t len, int *changed);

/* Replace invalid UTF-8 and control bytes (except tab) in place-copy. */
char *utf8_clean_dup(const char *s);

#endif
