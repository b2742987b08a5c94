/*
 * cdiff_out.c - see cdiff_out.h.
 */
#include "config/cdiff_out.h"
#include "config/psk.h"
#include "base/util.h"

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

/* A value line: "left   file:line  key=value" (or not set, or derived). */
static void val_line(struct strbuf *b, const char *side, const struct tval *t, enum lang lang)
{
	if (t->value == NULL)
		sb_addf(b, "           %-6s %s", side, msg(M_CF_NOT_SET, lang));
	else if (t->derived)
		sb_addf(b, "           %-6s %s:%d  %s (%s %s)", side, t->file, t->line, t->value, msg(M_CF_DERIVED, lang), t->key);
	else
		sb_addf(b, "           %-6s %s:%d  %s=%s", side, t->file, t->line, t->key, t->value);
}

static void emit(cdiff_emit fn, void *ctx, struct strbuf *b, enum cdiff_line kind)
{
	fn(ctx, b->s != NULL ? b->s : "", kind);
	sb_reset(b);
}

void cdiff_psk_text(struct strbuf *b, const struct cdiff *d, enum lang lang)
{
	switch (d->psk) {
	case PSK_EQUAL: sb_adds(b, msg(M_CF_PSK_EQUAL, lang)); break;
	case PSK_DIFFERS: sb_adds(b, msg(M_CF_PSK_DIFFERS, lang)); break;
	case PSK_UNREADABLE: sb_addf(b, msg(M_CF_PSK_NOT_READABLE, lang), d->psk_why != NULL ? d->psk_why : "?"); break;
	default: sb_addf(b, msg(M_CF_SECRETS_NOTE, lang), d->psk_why != NULL ? d->psk_why : msg(M_CF_PSK_NO_FILE, lang)); break;
	}
}

static int is_nat(const struct citem *it)
{
	return it->what != NULL && strcmp(it->what, "nat") == 0;
}

void cdiff_item_lines(const struct cdiff *d, const struct citem *it, enum lang lang, cdiff_emit fn, void *ctx)
{
	struct strbuf b = {0};
	const char *part = part_text(it->what, lang);

	sb_addf(&b, "%-10s %s", rel_text(it->rel, lang), tparam_label(it->lp, lang));
	if (part != NULL)
		sb_addf(&b, " [%s]", part);
	if (it->cause != NULL)
		sb_addf(&b, " - %s: %s", msg(M_CF_EXPLAINS, lang), it->cause);
	emit(fn, ctx, &b, it->rel == CR_DIFFERS ? CDL_DIFFERS : is_nat(it) ? CDL_NAT : CDL_ITEM);
	val_line(&b, "left", &d->left.v[it->lp], lang);
	emit(fn, ctx, &b, CDL_VALUE);
	val_line(&b, "right", &d->right.v[it->rp], lang);
	emit(fn, ctx, &b, CDL_VALUE);
	sb_free(&b);
}

void cdiff_lines(const struct cdiff *d, enum lang lang, int all, cdiff_emit fn, void *ctx)
{
	struct strbuf b = {0};
	int unknown = 0;

	for (int i = 0; i < d->nitems; i++)
		unknown += d->items[i].rel == CR_UNKNOWN && d->items[i].what == NULL;
	sb_addf(&b, "%s: \"%s\" (%s:%d) <-> \"%s\" (%s:%d)", msg(M_CF_TITLE, lang), d->left.conn, d->left.file,
	    d->left.line, d->right.conn, d->right.file, d->right.line);
	emit(fn, ctx, &b, CDL_TITLE);
	sb_addf(&b, msg_n(M_CF_SUMMARY, (unsigned long long)d->ndiffer, lang), d->ndiffer);
	sb_adds(&b, ", ");
	sb_addf(&b, msg_n(M_CF_DEFAULTS, (unsigned long long)unknown, lang), unknown);
	emit(fn, ctx, &b, CDL_SUMMARY);
	emit(fn, ctx, &b, CDL_BLANK);
	/* differences first (and what NAT makes not comparable), then the rest when asked */
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < d->nitems; i++) {
			const struct citem *it = &d->items[i];
			int first = it->rel == CR_DIFFERS || is_nat(it);

			if ((pass == 0) != first || (pass == 1 && !all))
				continue;
			cdiff_item_lines(d, it, lang, fn, ctx);
		}
	}
	emit(fn, ctx, &b, CDL_BLANK);
	cdiff_psk_text(&b, d, lang);
	emit(fn, ctx, &b, CDL_PSK);
	sb_free(&b);
}

static void to_file(void *ctx, const char *line, enum cdiff_line kind)
{
	(void)kind;
	fputs(line, ctx);
	fputc('\n', ctx);
}

void cdiff_print_text(FILE *f, const struct cdiff *d, enum lang lang, int all)
{
	cdiff_lines(d, lang, all, to_file, f);
}

void cdiff_print_psk(FILE *f, const struct cdiff *d, enum lang lang)
{
	struct strbuf b = {0};

	cdiff_psk_text(&b, d, lang);
	fputs(b.s != NULL ? b.s : "", f);
	sb_free(&b);
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
