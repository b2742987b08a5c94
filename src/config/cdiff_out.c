/*
 * cdiff_out.c - see cdiff_out.h.
 */
#include "config/cdiff_out.h"
#include "config/psk.h"

#include <json-c/json.h>
#include <string.h>

const char *tparam_label(enum tparam p, enum lang lang)
{
	if (p == TP_PSK)
		return msg(M_CF_P_PSK, lang);
	return p >= 0 && p < TP_COUNT ? msg((enum msg)(M_CF_P_ADDR_LOCAL + (int)p), lang) : "";
}

static const char *rel_text(enum crel r, enum lang lang)
{
	switch (r) {
	case CR_EQUAL: return msg(M_CF_R_EQUAL, lang);
	case CR_COMPATIBLE: return msg(M_CF_R_COMPATIBLE, lang);
	case CR_DIFFERS: return msg(M_CF_R_DIFFERS, lang);
	default: return msg(M_CF_R_UNKNOWN, lang);
	}
}

static const char *part_text(const char *what, enum lang lang)
{
	if (what == NULL)
		return NULL;
	if (strcmp(what, "enc") == 0)
		return msg(M_CF_PART_ENC, lang);
	if (strcmp(what, "integ") == 0)
		return msg(M_CF_PART_INTEG, lang);
	if (strcmp(what, "nat") == 0)
		return msg(M_CG_PART_NAT, lang);
	return msg(M_CF_PART_DH, lang);
}

static void print_val(FILE *f, const char *side, const struct tval *t, enum lang lang)
{
	if (t->value == NULL) {
		fprintf(f, "           %-6s %s\n", side, msg(M_CF_NOT_SET, lang));
		return;
	}
	if (t->derived)
		fprintf(f, "           %-6s %s:%d  %s (%s %s)\n", side, t->file, t->line, t->value,
		    msg(M_CF_DERIVED, lang), t->key);
	else
		fprintf(f, "           %-6s %s:%d  %s=%s\n", side, t->file, t->line, t->key, t->value);
}

void cdiff_print_text(FILE *f, const struct cdiff *d, enum lang lang, int all)
{
	int unknown = 0;

	for (int i = 0; i < d->nitems; i++)
		unknown += d->items[i].rel == CR_UNKNOWN && d->items[i].what == NULL;
	fprintf(f, "%s: \"%s\" (%s:%d) <-> \"%s\" (%s:%d)\n", msg(M_CF_TITLE, lang), d->left.conn, d->left.file,
	    d->left.line, d->right.conn, d->right.file, d->right.line);
	fprintf(f, msg_n(M_CF_SUMMARY, (unsigned long long)d->ndiffer, lang), d->ndiffer);
	fputs(", ", f), fprintf(f, msg_n(M_CF_DEFAULTS, (unsigned long long)unknown, lang), unknown);
	fputs("\n\n", f);
	/* differences first, then the rest when asked */
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < d->nitems; i++) {
			const struct citem *it = &d->items[i];
			const char *part = part_text(it->what, lang);

			/* first what differs, and what NAT makes not comparable */
			int first = it->rel == CR_DIFFERS || (it->what != NULL && strcmp(it->what, "nat") == 0);

			if ((pass == 0) != first || (pass == 1 && !all))
				continue;
			fprintf(f, "%-10s %s", rel_text(it->rel, lang), tparam_label(it->lp, lang));
			if (part != NULL)
				fprintf(f, " [%s]", part);
			if (it->cause != NULL)
				fprintf(f, " - %s: %s", msg(M_CF_EXPLAINS, lang), it->cause);
			fputc('\n', f);
			print_val(f, "left", &d->left.v[it->lp], lang);
			print_val(f, "right", &d->right.v[it->rp], lang);
		}
	}
	fputc('\n', f);
	cdiff_print_psk(f, d, lang);
	fputc('\n', f);
}

void cdiff_print_psk(FILE *f, const struct cdiff *d, enum lang lang)
{
	switch (d->psk) {
	case PSK_EQUAL: fputs(msg(M_CF_PSK_EQUAL, lang), f); break;
	case PSK_DIFFERS: fputs(msg(M_CF_PSK_DIFFERS, lang), f); break;
	case PSK_UNREADABLE: fprintf(f, msg(M_CF_PSK_NOT_READABLE, lang), d->psk_why != NULL ? d->psk_why : "?"); break;
	default: fprintf(f, msg(M_CF_SECRETS_NOTE, lang), d->psk_why != NULL ? d->psk_why : msg(M_CF_PSK_NO_FILE, lang)); break;
	}
}

static json_object *jval(const struct tval *t)
{
	json_object *o = json_object_new_object();

	if (t->value == NULL) {
		json_object_object_add(o, "set", json_object_new_boolean(0));
		return o;
	}
	json_object_object_add(o, "set", json_object_new_boolean(1));
	json_object_object_add(o, "value", json_object_new_string(t->value));
	json_object_object_add(o, "key", json_object_new_string(t->key));
	json_object_object_add(o, "file", json_object_new_string(t->file));
	json_object_object_add(o, "line", json_object_new_int(t->line));
	json_object_object_add(o, "derived", json_object_new_boolean(t->derived));
	return o;
}

static json_object *jend(const struct tend *e)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "conn", json_object_new_string(e->conn));
	json_object_object_add(o, "file", json_object_new_string(e->file));
	json_object_object_add(o, "line", json_object_new_int(e->line));
	json_object_object_add(o, "syntax", json_object_new_string(e->syntax == CONF_SWANCTL ? "swanctl.conf" : "ipsec.conf"));
	if (e->syntax == CONF_IPSEC_CONF)
		json_object_object_add(o, "local_is", json_object_new_string(e->flipped ? "right" : "left"));
	return o;
}

struct json_object *cdiff_json(const struct cdiff *d)
{
	json_object *o = json_object_new_object(), *items = json_object_new_array();

	json_object_object_add(o, "left", jend(&d->left));
	json_object_object_add(o, "right", jend(&d->right));
	json_object_object_add(o, "match_score", json_object_new_int(d->score));
	json_object_object_add(o, "differences", json_object_new_int(d->ndiffer));
	for (int i = 0; i < d->nitems; i++) {
		const struct citem *it = &d->items[i];
		json_object *x = json_object_new_object();

		json_object_object_add(x, "param", json_object_new_string(tparam_id(it->lp)));
		json_object_object_add(x, "compared_with", json_object_new_string(tparam_id(it->rp)));
		json_object_object_add(x, "relation", json_object_new_string(crel_name(it->rel)));
		if (it->what != NULL)
			json_object_object_add(x, "part", json_object_new_string(it->what));
		if (it->cause != NULL)
			json_object_object_add(x, "explains", json_object_new_string(it->cause));
		json_object_object_add(x, "left", jval(&d->left.v[it->lp]));
		json_object_object_add(x, "right", jval(&d->right.v[it->rp]));
		json_object_array_add(items, x);
	}
	json_object_object_add(o, "params", items);
	json_object_object_add(o, "psk", json_object_new_string(cpsk_name(d->psk)));
	if (d->psk_why != NULL)
		json_object_object_add(o, "psk_why", json_object_new_string(d->psk_why));
	return o;
}
