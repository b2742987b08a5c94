/*
 * redact.c - see redact.h. The scan stops only at the bytes that can end
 * a key or open a form (= : " ' - }); at each it looks back for a key or
 * forward for a form, masks the value it finds and goes on after it.
 */
#include "base/redact.h"
#include "base/util.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define MASK "***"
#define PEM_MARK "[private key redacted]"
#define PEM_MAX_LINES 512	/* a 16384-bit RSA key is ~200 lines */
#define KEY_MAX 64		/* longest key looked back for */

static const unsigned char hot[256] = {
	['='] = 1, [':'] = 1, ['"'] = 1, ['\''] = 1, ['-'] = 1, ['}'] = 1,
};

/*
 * The key words. A key names a secret when it is one of them, or ends in
 * one after _ . or - (xauth_pass), or - for glued words - after any letter
 * (leftpsk). "psk" after - is a connection name ("west-psk: IKEv2, ...",
 * swanctl --list-conns), not a key, unless = follows.
 */
struct kw {
	const char *s;
	unsigned char len, glued;
};
#define KW(s, g) { s, sizeof s - 1, g }
static const struct kw keys[] = {
	KW("psk", 1), KW("secret", 1), KW("password", 1), KW("passwd", 1), KW("passphrase", 1),
	KW("passwort", 1), KW("kennwort", 1), KW("schl\xc3\xbcssel", 1), KW("presharedkey", 1),
	KW("pre-shared-key", 1), KW("pre_shared_key", 1), KW("preshared-key", 1), KW("preshared_key", 1),
	KW("privatekey", 1), KW("private-key", 1), KW("private_key", 1), KW("shared-sec", 1),
	KW("xauthpass", 1),
	KW("pass", 0), KW("pin", 0), KW("pwd", 0),
	/* the fields of Openswan's raw RSA key in ipsec.secrets */
	KW("privateexponent", 0), KW("prime1", 0), KW("prime2", 0), KW("exponent1", 0),
	KW("exponent2", 0), KW("coefficient", 0),
};

/* ipsec.secrets `: TYPE values`: which values are secret. */
enum smode { S_ALL, S_LAST, S_AFTER_FILE };
static const struct {
	const char *s;
	enum smode mode;
} stypes[] = {
	{ "PSK", S_ALL }, { "EAP", S_ALL }, { "NTLM", S_ALL },
	{ "XAUTH", S_LAST }, { "PIN", S_LAST }, { "PPK", S_LAST },
	{ "RSA", S_AFTER_FILE }, { "ECDSA", S_AFTER_FILE }, { "ED25519", S_AFTER_FILE }, { "ED448", S_AFTER_FILE },
	{ "BLISS", S_AFTER_FILE }, { "P12", S_AFTER_FILE }, { "PKCS8", S_AFTER_FILE }, { "PKCS12", S_AFTER_FILE },
	{ "PRIVATE", S_AFTER_FILE },
};

/* Words that follow "pre-shared-key" in prose, not a value. */
static const char *const prose[] = {
	"mismatch", "is", "was", "not", "for", "of", "and", "or", "authentication", "auth", "found",
	"missing", "configured", "used", "with", "in", "on", "failed", "error", "payload", "method",
	"must", "does", "from", "to", "the", "a",
};

/* One line being redacted: s[0..len), copied to out up to run. */
struct scan {
	const char *s;
	size_t len;
	struct strbuf *out;
	struct redact_state *st;
	size_t run;
	int changed;
};

static int is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static int is_ident(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80;
}

static size_t skip_ws(const char *s, size_t len, size_t i)
{
	while (i < len && is_ws(s[i]))
		i++;
	return i;
}

static int blank(const char *s, size_t a, size_t b)
{
	while (a < b && (is_ws(s[a]) || s[a] == '\r'))
		a++;
	return a >= b;
}

/* 1 when a key word ends in c (lower case): the cheap first test. */
static int may_end_key(unsigned char c)
{
	c |= 0x20;
	return c == 'k' || c == 't' || c == 'd' || c == 'e' || c == 's' || c == 'l' || c == 'y' ||
	    c == 'c' || c == 'n' || c == '1' || c == '2';
}

/* 1 when the key p[0..n) names a secret; sep is the byte after it. */
static int is_key(const char *p, size_t n, char sep)
{
	int last = (unsigned char)p[n - 1] | 0x20;

	if (!may_end_key((unsigned char)last))
		return 0;
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		const struct kw *w = &keys[k];
		const char *suf;
		char b;

		if (w->len > n || (w->s[w->len - 1] | 0x20) != last)
			continue;
		suf = p + n - w->len;
		if (strncasecmp(suf, w->s, w->len) != 0)
			continue;
		if (suf == p)
			return 1;
		b = suf[-1];
		if (b == '_' || b == '.')
			return 1;
		if (b == '-')
			return !(w->s[0] == 'p' && w->s[1] == 's' && sep != '=');
		if (w->glued)
			return 1;
	}
	return 0;
}

int redact_key_is_secret(const char *key, size_t len)
{
	return len > 0 && is_key(key, len, '=');
}

/* End of the value at v: a quoted string (with \ escapes) or a bare word. */
static size_t value_end(const char *s, size_t len, size_t v, int *quoted)
{
	size_t e = v;

	*quoted = 0;
	if (v < len && (s[v] == '"' || s[v] == '\'')) {
		char q = s[v];

		*quoted = 1;
		for (e = v + 1; e < len && s[e] != q; e++)
			if (s[e] == '\\' && e + 1 < len)
				e++;
		return e < len ? e + 1 : len;
	}
	while (e < len && !is_ws(s[e]) && s[e] != ',' && s[e] != ';' && s[e] != '}' && s[e] != ')' &&
	    s[e] != ']' && s[e] != '"' && s[e] != '\'' && s[e] != '\r')
		e++;
	return e;
}

/* Copy up to v, then the value s[v..e) masked. */
static void mask(struct scan *sc, size_t v, size_t e, int quoted)
{
	sb_add(sc->out, sc->s + sc->run, v - sc->run);
	if (quoted) {
		sb_addc(sc->out, sc->s[v]);
		sb_adds(sc->out, MASK);
		if (e - v >= 2 && sc->s[e - 1] == sc->s[v])
			sb_addc(sc->out, sc->s[v]);
	} else {
		sb_adds(sc->out, MASK);
	}
	sc->run = e;
	sc->changed = 1;
}

/* Mask the value at v (if any); returns where the scan goes on. */
static size_t mask_value(struct scan *sc, size_t v, size_t dflt)
{
	int quoted;
	size_t e;

	if (v >= sc->len || sc->s[v] == '{' || sc->s[v] == '[')
		return dflt;
	e = value_end(sc->s, sc->len, v, &quoted);
	if (e == v)
		return dflt;
	mask(sc, v, e, quoted);
	return e;
}

/*
 * The key that ends just before i (blanks skipped), quoted or bare:
 * 1 when it names a secret; *qk says it was quoted ("psk":).
 */
static int key_before(const char *s, size_t i, int *qk)
{
	size_t k = i, end;
	char q = 0;

	while (k > 0 && is_ws(s[k - 1]))
		k--;
	if (k > 0 && (s[k - 1] == '"' || s[k - 1] == '\'')) {
		q = s[--k];
	}
	end = k;
	if (k == 0 || !may_end_key((unsigned char)s[k - 1]))
		return 0;
	while (k > 0 && end - k < KEY_MAX && is_ident((unsigned char)s[k - 1]))
		k--;
	if (k == end || (q != 0 && (k == 0 || s[k - 1] != q)))
		return 0;
	*qk = q != 0;
	return is_key(s + k, end - k, s[i]);
}

/* key = value, key: value, "key": "value" (a quoted key with : needs a
 * quoted value: `"west-psk": added` is a connection, not JSON). */
static size_t at_sep(struct scan *sc, size_t i)
{
	int qk = 0;
	size_t v;

	if (!key_before(sc->s, i, &qk))
		return i + 1;
	v = skip_ws(sc->s, sc->len, i + 1);
	if (v >= sc->len || sc->s[v] == '=' || sc->s[v] == ':')
		return i + 1;
	if (qk && sc->s[i] == ':' && sc->s[v] != '"' && sc->s[v] != '\'')
		return i + 1;
	return mask_value(sc, v, i + 1);
}

/* The bare or quoted word of ipsec.secrets at p (bare: up to a blank). */
static size_t secrets_word(const char *s, size_t len, size_t p, int *quoted)
{
	size_t e = p;

	if (s[p] == '"' || s[p] == '\'')
		return value_end(s, len, p, quoted);
	*quoted = 0;
	while (e < len && !is_ws(s[e]) && s[e] != '\r')
		e++;
	return e;
}

/*
 * ipsec.secrets: `[selectors] : TYPE value...` at the colon i (a blank or
 * the line's start before it). 0 when it is not that form.
 */
static size_t at_secrets(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t len = sc->len, t, te, p;
	enum smode mode;
	size_t k, n = sizeof stypes / sizeof stypes[0];

	if (i > 0 && !is_ws(s[i - 1]))
		return 0;
	t = te = skip_ws(s, len, i + 1);
	while (te < len && (isupper((unsigned char)s[te]) || isdigit((unsigned char)s[te])))
		te++;
	if (te == t || (te < len && !is_ws(s[te])))
		return 0;
	for (k = 0; k < n; k++)
		if (strlen(stypes[k].s) == te - t && memcmp(stypes[k].s, s + t, te - t) == 0)
			break;
	if (k == n)
		return 0;
	mode = stypes[k].mode;
	p = skip_ws(s, len, te);
	for (int idx = 0; p < len && s[p] != '#'; idx++) {
		int quoted, keep;
		size_t e = secrets_word(s, len, p, &quoted), next = skip_ws(s, len, e);

		if (mode == S_AFTER_FILE)
			keep = idx == 0 || (e - p == 7 && memcmp(s + p, "%prompt", 7) == 0);
		else if (mode == S_LAST)
			keep = idx == 0 && next < len && s[next] != '#';
		else
			keep = 0;
		if (!keep && e > p)
			mask(sc, p, e, quoted);
		p = next;
	}
	return p > te ? p : te;
}

/* keyword "value" (not a quoted key, not the end of a quoted string). */
static size_t at_quote(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t k = i, end;

	while (k > 0 && is_ws(s[k - 1]))
		k--;
	end = k;
	if (k == 0 || !may_end_key((unsigned char)s[k - 1]))
		return i + 1;
	while (k > 0 && end - k < KEY_MAX && is_ident((unsigned char)s[k - 1]))
		k--;
	if (k == end || (k > 0 && (s[k - 1] == '"' || s[k - 1] == '\'')))
		return i + 1;
	if (!is_key(s + k, end - k, ' '))
		return i + 1;
	return mask_value(sc, i, i + 1);
}

/* LANCOM script: {Column} value, the column naming a secret. */
static size_t at_brace(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t k = i, v;

	while (k > 0 && i - k < KEY_MAX && is_ident((unsigned char)s[k - 1]))
		k--;
	if (k == i || k == 0 || s[k - 1] != '{' || !is_key(s + k, i - k, '='))
		return i + 1;
	v = skip_ws(s, sc->len, i + 1);
	if (v == i + 1)
		return i + 1;
	return mask_value(sc, v, i + 1);
}

/* A PEM armour at i: "-----BEGIN LABEL-----"; *after is past it. */
static int pem_armour(const char *s, size_t len, size_t i, size_t *after, int *private)
{
	const char *le;
	size_t ls = i + 11;

	if (len - i < 11 || memcmp(s + i, "-----BEGIN ", 11) != 0)
		return 0;
	le = memmem(s + ls, len - ls > KEY_MAX ? KEY_MAX : len - ls, "-----", 5);
	if (le == NULL)
		return 0;
	*private = memmem(s + ls, (size_t)(le - (s + ls)), "PRIVATE KEY", 11) != NULL;
	*after = (size_t)(le - s) + 5;
	return 1;
}

/* A BEGIN armour in text: the block ends on this line or starts a state. */
static size_t at_pem(struct scan *sc, size_t i)
{
	const char *s = sc->s, *e;
	size_t len = sc->len, after;
	int private;

	if (!pem_armour(s, len, i, &after, &private))
		return i + 1;
	e = memmem(s + after, len - after, "-----END ", 9);
	if (e != NULL) {
		size_t ep = (size_t)(e - s);

		if (private && !blank(s, after, ep)) {
			sb_add(sc->out, s + sc->run, after - sc->run);
			sb_adds(sc->out, PEM_MARK);
			sc->run = ep;
			sc->changed = 1;
		}
		return ep + 9;
	}
	sc->st->pem = private ? RK_PEM_PRIVATE : RK_PEM;
	sc->st->lines = 0;
	if (private && !blank(s, after, len)) {
		sb_add(sc->out, s + sc->run, after - sc->run);
		sb_adds(sc->out, PEM_MARK);
		sc->run = len;
		sc->changed = 1;
	}
	return len;
}

static size_t word_end(const char *s, size_t len, size_t v)
{
	while (v < len && !is_ws(s[v]))
		v++;
	return v;
}

static int word_is(const char *s, size_t v, size_t e, const char *w)
{
	return strlen(w) == e - v && strncasecmp(s + v, w, e - v) == 0;
}

/* pre-shared-key VALUE (router CLIs), BEGIN armour, else nothing. */
static size_t at_dash(struct scan *sc, size_t i)
{
	const char *s = sc->s;
	size_t len = sc->len, ks, ke, v, te;

	if (i + 1 >= len)
		return i + 1;
	if (s[i + 1] == '-')
		return len - i >= 11 ? at_pem(sc, i) : i + 1;
	if ((s[i + 1] | 0x20) != 's' && (s[i + 1] | 0x20) != 'k')
		return i + 1;
	if (i >= 3 && len - (i - 3) >= 14 && strncasecmp(s + i - 3, "pre-shared-key", 14) == 0)
		ks = i - 3, ke = i + 11;
	else if (i >= 9 && len - (i - 9) >= 13 && strncasecmp(s + i - 9, "preshared-key", 13) == 0)
		ks = i - 9, ke = i + 4;
	else
		return i + 1;
	if ((ks > 0 && is_ident((unsigned char)s[ks - 1])) || (ke < len && is_ident((unsigned char)s[ke])))
		return i + 1;
	v = skip_ws(s, len, ke);
	if (v == ke || v >= len || s[v] == '=' || s[v] == ':' || s[v] == '(' || s[v] == '[')
		return ke;
	te = word_end(s, len, v);
	if (word_is(s, v, te, "address") || word_is(s, v, te, "hostname")) {
		/* Cisco: pre-shared-key address ADDR key VALUE */
		v = skip_ws(s, len, word_end(s, len, skip_ws(s, len, te)));
		te = word_end(s, len, v);
		if (!word_is(s, v, te, "key"))
			return te;
	}
	if (word_is(s, v, te, "ascii-text") || word_is(s, v, te, "hexadecimal") || word_is(s, v, te, "key")) {
		v = skip_ws(s, len, te);
		if (v == te)
			return te;
	} else {
		for (size_t k = 0; k < sizeof prose / sizeof prose[0]; k++)
			if (word_is(s, v, te, prose[k]))
				return te;
	}
	return mask_value(sc, v, ke);
}

/* Scan s[i..len) as text. */
static void scan_text(struct scan *sc, size_t i)
{
	const unsigned char *s = (const unsigned char *)sc->s;
	size_t len = sc->len;

	while (i < len) {
		size_t n;

		if (!hot[s[i]]) {
			i++;
			continue;
		}
		switch (s[i]) {
		case ':':
			n = at_secrets(sc, i);
			i = n != 0 ? n : at_sep(sc, i);
			break;
		case '=':
			i = at_sep(sc, i);
			break;
		case '"':
		case '\'':
			i = at_quote(sc, i);
			break;
		case '}':
			i = at_brace(sc, i);
			break;
		default:
			i = at_dash(sc, i);
			break;
		}
	}
}

/*
 * A line inside a PEM block: 1 body, 2 the END line (*end at "-----END "),
 * 0 not part of it (the block was cut: the state ends).
 */
static int pem_body(struct redact_state *st, const char *s, size_t len, size_t *end)
{
	const char *e = memmem(s, len, "-----END ", 9);
	size_t a, b;
	int mix = 0;

	if (e != NULL) {
		*end = (size_t)(e - s);
		return 2;
	}
	if (++st->lines > PEM_MAX_LINES)
		return 0;
	if (memmem(s, len, "Proc-Type:", 10) != NULL || memmem(s, len, "DEK-Info:", 9) != NULL ||
	    memmem(s, len, "Comment:", 8) != NULL)
		return 1;
	/* the last word must be base64 (a log prefix may stand before it),
	 * and look like it: alone, long, or not one plain word ("initiate") */
	b = len;
	while (b > 0 && (is_ws(s[b - 1]) || s[b - 1] == '\r'))
		b--;
	if (b == 0)
		return 1;
	for (a = b; a > 0 && !is_ws(s[a - 1]); a--) {
		unsigned char c = (unsigned char)s[a - 1];

		if (!isalnum(c) && c != '+' && c != '/' && c != '=')
			return 0;
		mix |= isupper(c) ? 1 : islower(c) ? 2 : 4;
	}
	return blank(s, 0, a) || b - a >= 16 || mix >= 3;
}

enum redact_kind redact_line(struct redact_state *st, struct strbuf *out, const char *s, size_t len, int *changed)
{
	/* most lines name no secret: copied as they are, without the scan */
	if (st->pem == 0 && !redact_may_change(s, len)) {
		sb_reset(out);
		sb_add(out, s, len);
		*changed = 0;
		return RK_TEXT;
	}
	return redact_line_full(st, out, s, len, changed);
}

enum redact_kind redact_line_full(struct redact_state *st, struct strbuf *out, const char *s, size_t len, int *changed)
{
	struct scan sc = { s, len, out, st, 0, 0 };
	enum redact_kind k = RK_TEXT;
	size_t from = 0, end = 0;

	sb_reset(out);
	sb_add(out, "", 0);
	if (st->pem != 0) {
		int r = pem_body(st, s, len, &end);

		k = (enum redact_kind)st->pem;
		if (r == 1) {
			*changed = k == RK_PEM_PRIVATE;
			if (k == RK_PEM_PRIVATE)
				sb_adds(out, PEM_MARK);
			else
				sb_add(out, s, len);
			return k;
		}
		if (r == 2) {
			/* whatever stands before END in a key is its last bytes */
			if (k == RK_PEM_PRIVATE && !blank(s, 0, end)) {
				sb_adds(out, PEM_MARK " ");
				sc.run = end;
				sc.changed = 1;
			}
			from = end + 9;
		} else {
			k = RK_TEXT;
		}
		st->pem = 0;
	}
	scan_text(&sc, from);
	sb_add(out, s + sc.run, len - sc.run);
	*changed = sc.changed;
	return k != RK_TEXT ? k : (enum redact_kind)st->pem;
}

/* The first "-----BEGIN " in s[0..len): memchr runs over lines without a dash. */
static const char *find_begin(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	while ((p = memchr(p, '-', (size_t)(end - p))) != NULL && end - p >= 11) {
		if (memcmp(p, "-----BEGIN ", 11) == 0)
			return p;
		p++;
	}
	return NULL;
}

enum redact_kind redact_track(struct redact_state *st, const char *s, size_t len)
{
	enum redact_kind k = RK_TEXT;
	size_t from = 0, end = 0, after;
	const char *b;
	int private;

	if (st->pem != 0) {
		int r = pem_body(st, s, len, &end);

		k = (enum redact_kind)st->pem;
		if (r == 1)
			return k;
		st->pem = 0;
		if (r == 0)
			k = RK_TEXT;
		else
			from = end + 9;
	}
	while ((b = find_begin(s + from, len - from)) != NULL) {
		size_t i = (size_t)(b - s);

		from = i + 11;
		if (!pem_armour(s, len, i, &after, &private))
			continue;
		b = memmem(s + after, len - after, "-----END ", 9);
		if (b == NULL) {
			st->pem = private ? RK_PEM_PRIVATE : RK_PEM;
			st->lines = 0;
			return k != RK_TEXT ? k : (enum redact_kind)st->pem;
		}
		from = (size_t)(b - s) + 9;
	}
	return k;
}
