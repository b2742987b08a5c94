/*
 * redact.h - keep secrets out of everything tunneldoc stores or writes.
 * Evidence lines are redacted when they are copied into the model, lines
 * are redacted before a recording or snapshot writes them, notes and
 * command output before a report or checklist.json holds them.
 *
 * One redactor with a table of forms (redact.c has the table):
 *  - a secret keyword as a key, alone or as the end of a longer key
 *    (psk, leftpsk, ike_psk, secret, password, passwd, passphrase, pass, xauthpass,
 *    pin, preshared_key, pre-shared-key, private_key, Passwort, Kennwort,
 *    Schlüssel, Shared-Sec, the fields of an Openswan raw RSA key), then
 *    = or : and the value, quoted or bare; also "key": "value" (JSON),
 *    {Key} value (LANCOM scripts), keyword "value", and
 *    pre-shared-key VALUE (router CLIs);
 *  - the ipsec.secrets forms `selectors : TYPE value...` (PSK, XAUTH, EAP,
 *    NTLM, PIN, PPK, and RSA/ECDSA/... key file passphrases);
 *  - PEM blocks: the body of a private key between its BEGIN and END lines,
 *    across lines (the armour lines stay). A certificate's body is not
 *    secret and passes unchanged, without being read as text.
 * A value becomes *** ("***" when quoted); everything else on the line is
 * kept, so messages that merely mention keys stay readable. A line with
 * none of the bytes = : " ' - } costs one scan.
 */
#ifndef TD_REDACT_H
#define TD_REDACT_H

#include <stddef.h>

struct strbuf;

/* What a line was, for the reader of a stream (see redact_line). */
enum redact_kind {
	RK_TEXT = 0,     /* ordinary text (redacted as needed) */
	RK_PEM,          /* armour or body of a PEM block that is not a key */
	RK_PEM_PRIVATE,  /* armour or body of a private key (body redacted) */
};

/*
 * The state that survives from one line of a stream to the next: inside
 * a PEM block or not. Zero-initialised is the start of a stream.
 */
struct redact_state {
	unsigned char pem;       /* 0 none, RK_PEM, RK_PEM_PRIVATE */
	unsigned short lines;    /* body lines of the block so far */
};

/*
 * Redact one line of a stream (s[0..len), no newline) into out (reset
 * first); *changed says whether anything was redacted. Returns the kind of
 * the line.
 */
enum redact_kind redact_line(struct redact_state *st, struct strbuf *out, const char *s, size_t len, int *changed);
/* The same without the quick test below (for the tests of that test). */
enum redact_kind redact_line_full(struct redact_state *st, struct strbuf *out, const char *s, size_t len, int *changed);

/*
 * 0 when s[0..len) holds none of the words any redacted form needs, so
 * that, outside a PEM block, redact_line gives it back unchanged
 * (redact_quick.c); 1 when it may hold a secret.
 */
int redact_may_change(const char *s, size_t len);

/*
 * Only follow the PEM state of a stream: the kind of the line, without
 * producing it (the analysis skips PEM lines and redacts text lines when
 * it keeps them).
 */
enum redact_kind redact_track(struct redact_state *st, const char *s, size_t len);

/*
 * Redact a whole text s[0..len) (one line, or many separated by \n, read
 * as one stream from a fresh state) into out (reset first).
 */
void redact_into(struct strbuf *out, const char *s, size_t len, int *changed);
/* The same into a new allocated string. */
char *redact_dup(const char *s, size_t len);
/* The same; *changed says whether anything was redacted. */
char *redact_dup2(const char *s, size_t len, int *changed);

/*
 * 1 when key[0..len) names a secret by the key words above, as a key
 * followed by = (the one list: configuration readers ask here too).
 */
int redact_key_is_secret(const char *key, size_t len);

/* Replace invalid UTF-8 and control bytes (except tab) in place-copy. */
char *utf8_clean_dup(const char *s);

#endif
