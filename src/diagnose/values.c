/*
 * values.c - does a finding say more than its evidence?
 *
 * A value in a finding's text (title, explanation, possible causes, in
 * both languages) is an IPv4 address or network, an IPv6 address, an
 * algorithm with its size or group (AES-128, MODP2048, SHA2_256, DH14,
 * MD5, SHA1), or an identity: an ID with '@' (@gw.example, user@host) or
 * a distinguished name's attribute (CN=..., O=...). Each must appear in
 * one of the finding's evidence lines; compared without case, blanks, '-'
 * and '_'. Chapter numbers (1.3.2.2) are no values; neither is '…', the
 * placeholder texts use where a log line names a value. Remedies are
 * instructions (compare the SHA-256 fingerprints), not statements about
 * these logs, and are not checked.
 */
#include "diagnose/diagnose.h"
#include "base/util.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const algo_prefix[] = {
	"AES", "3DES", "DES", "BLOWFISH", "CAST", "SHA2", "SHA", "MODP", "ECP", "DH", "GROUP", "CAMELLIA",
};

/* Uppercase, without blanks, '-' and '_', into out (size n). */
static void squeeze(const char *s, size_t len, char *out, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < len && o + 1 < n; i++)
		if (!isspace((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			out[o++] = (char)toupper((unsigned char)s[i]);
	out[o] = '\0';
}

static int is_ipv4(const char *t, size_t len)
{
	int dots = 0, digits = 0;

	for (size_t i = 0; i < len && t[i] != '/'; i++) {
		if (t[i] == '.') {
			if (digits == 0)
				return 0;
			dots++;
			digits = 0;
		} else if (isdigit((unsigned char)t[i])) {
			digits++;
		} else {
			return 0;
		}
	}
	return dots == 3 && digits > 0;
}

static int is_chapter(const struct kb *kb, const char *t, size_t len)
{
	char id[64];
	size_t l = 0;

	while (l < len && t[l] != '/')
		l++;
	snprintf(id, sizeof id, "mguard %.*s", (int)l, t);
	return kb_chapter(kb, id) != NULL;
}

static int is_algo(const char *t, size_t len)
{
	if ((len == 3 && strncmp(t, "MD5", 3) == 0) || (len == 4 && strncmp(t, "SHA1", 4) == 0))
		return 1;
	for (size_t k = 0; k < sizeof algo_prefix / sizeof *algo_prefix; k++) {
		size_t p = strlen(algo_prefix[k]), i = p;

		if (len <= p || strncmp(t, algo_prefix[k], p) != 0)
			continue;
		if (t[i] == '-' || t[i] == '_')
			i++;
		if (i < len && isdigit((unsigned char)t[i]))
			return 1;
	}
	return 0;
}

/* Is the value t (len bytes) in one of the evidence lines? */
static int in_evidence(const struct finding *f, const char *t, size_t len)
{
	char want[128];

	squeeze(t, len, want, sizeof want);
	for (int i = 0; i < f->nev; i++) {
		char line[4096];

		if (f->ev[i].text == NULL)
			continue;
		squeeze(f->ev[i].text, strlen(f->ev[i].text), line, sizeof line);
		if (strstr(line, want) != NULL)
			return 1;
	}
	return 0;
}

/* An IPv6 address: hex digits and ':', with "::" or at least three ':'. */
static size_t ipv6_len(const char *t)
{
	size_t len = 0;
	int colons = 0, dbl = 0, hex = 0;

	while (isxdigit((unsigned char)t[len]) || t[len] == ':') {
		if (t[len] == ':') {
			colons++;
			dbl |= len > 0 && t[len - 1] == ':';
		} else {
			hex = 1;
		}
		len++;
	}
	return hex && (dbl || colons >= 3) ? len : 0;
}

/* An identity at t: "@name", "user@host" or a DN attribute "CN=value". */
static size_t id_len(const char *s, const char *t)
{
	static const char *const attr[] = { "CN=", "OU=", "O=", "C=", "L=", "ST=", "E=" };
	size_t len = 0;

	if (t > s && (isalnum((unsigned char)t[-1]) || t[-1] == '_'))
		return 0;
	for (size_t k = 0; k < sizeof attr / sizeof *attr; k++)
		if (strncmp(t, attr[k], strlen(attr[k])) == 0) {
			len = strlen(attr[k]);
			if (!isalnum((unsigned char)t[len]))
				return 0;
			/* up to the next blank: a value with blanks is checked by its first word */
			while (t[len] && !isspace((unsigned char)t[len]) && strchr(",;'\"", t[len]) == NULL)
				len++;
			while (len > 0 && t[len - 1] == '.')
				len--;
			return len;
		}
	while (isalnum((unsigned char)t[len]) || (len > 0 && t[len] && strchr(".-_", t[len]) != NULL))
		len++;
	if (t[len] != '@' || !isalnum((unsigned char)t[len + 1]))
		return 0;
	len++;
	while (isalnum((unsigned char)t[len]) || (t[len] && strchr(".-_", t[len]) != NULL))
		len++;
	while (len > 0 && strchr(".-_", t[len - 1]) != NULL)
		len--;
	return len;
}

/* The first IPv6 address or identity of s that the evidence does not show. */
static int check_ids(const struct finding *f, const char *s, char *bad, size_t nbad)
{
	for (const char *p = s; *p; p++) {
		size_t len;

		if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == ':'))
			len = 0;
		else
			len = ipv6_len(p);
		if (len == 0)
			len = id_len(s, p);
		if (len == 0)
			continue;
		if (!in_evidence(f, p, len)) {
			snprintf(bad, nbad, "%.*s", (int)len, p);
			return 1;
		}
		p += len - 1;
	}
	return 0;
}

/* The first value of text s that the evidence does not show, or 0. */
static int check_text(const struct kb *kb, const struct finding *f, const char *s, char *bad,
    size_t nbad)
{
	const char *p = s;

	while (p != NULL && *p) {
		size_t len = 0;

		while (*p && !(isalnum((unsigned char)*p)))
			p++;
		while (p[len] && (isalnum((unsigned char)p[len]) || strchr("./-_", p[len]) != NULL))
			len++;
		while (len > 0 && strchr("./-_", p[len - 1]) != NULL)
			len--;
		if (len > 0 && ((is_ipv4(p, len) && !is_chapter(kb, p, len)) || is_algo(p, len)) &&
		    !in_evidence(f, p, len)) {
			snprintf(bad, nbad, "%.*s", (int)len, p);
			return 1;
		}
		p += len > 0 ? len : (*p ? 1 : 0);
	}
	return check_ids(f, s, bad, nbad);
}

int diagnosis_check_values(const struct kb *kb, const struct diagnosis *d, char **value)
{
	for (int i = 0; i < d->n; i++) {
		const struct finding *f = &d->f[i];
		const struct text *t[2 + 16];
		int nt = 0;
		char bad[128];

		t[nt++] = f->title;
		t[nt++] = f->explanation;
		for (int k = 0; k < f->ncauses && nt < 18; k++)
			t[nt++] = &f->causes[k];
		for (int k = 0; k < nt; k++) {
			const char *lang[2] = { t[k] != NULL ? t[k]->en : NULL, t[k] != NULL ? t[k]->de : NULL };

			for (int l = 0; l < 2; l++) {
				if (lang[l] == NULL || !check_text(kb, f, lang[l], bad, sizeof bad))
					continue;
				*value = xstrdup(bad);
				return i;
			}
		}
	}
	return -1;
}
