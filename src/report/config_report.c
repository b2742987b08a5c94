/*
 * config_report.c - see config_report.h.
 */
#include "report/config_report.h"
#include "config/cdiff_out.h"

#include <json-c/json.h>
#include <string.h>

static int explains(const struct citem *it, const char *cause)
{
	return it->rel == CR_DIFFERS && it->cause != NULL && cause != NULL && strcmp(it->cause, cause) == 0;
}

static void text_val(FILE *f, const char *side, const struct tval *t, enum lang lang)
{
	if (t->value == NULL)
		fprintf(f, "        %-6s %s\n", side, msg(M_CF_NOT_SET, lang));
	else if (t->derived)
		fprintf(f, "        %-6s %s:%d  %s (%s %s)\n", side, t->file, t->line, t->value, msg(M_CF_DERIVED, lang), t->key);
	else
		fprintf(f, "        %-6s %s:%d  %s=%s\n", side, t->file, t->line, t->key, t->value);
}

void config_text_for_finding(FILE *f, const struct cdiff *d, const char *cause, enum lang lang)
{
	int shown = 0;

	if (d == NULL)
		return;
	for (int i = 0; i < d->nitems; i++) {
		const struct citem *it = &d->items[i];

		if (!explains(it, cause))
			continue;
		if (!shown++)
			fprintf(f, "    %s:\n", msg(M_CF_TITLE, lang));
		fprintf(f, "      %s %s\n", msg(M_CF_R_DIFFERS, lang), tparam_label(it->lp, lang));
		text_val(f, msg(M_SIDE_LEFT, lang), &d->left.v[it->lp], lang);
		text_val(f, msg(M_SIDE_RIGHT, lang), &d->right.v[it->rp], lang);
	}
}

static json_object *jv(const struct tval *t)
{
	json_object *o = json_object_new_object();

	if (t->value != NULL) {
		json_object_object_add(o, "value", json_object_new_string(t->value));
		json_object_object_add(o, "key", json_object_new_string(t->key));
		json_object_object_add(o, "file", json_object_new_string(t->file));
		json_object_object_add(o, "line", json_object_new_int(t->line));
	}
	return o;
}

struct json_object *config_json_for_finding(const struct cdiff *d, const char *cause)
{
	json_object *a = json_object_new_array();

	for (int i = 0; d != NULL && i < d->nitems; i++) {
		const struct citem *it = &d->items[i];
		json_object *x;

		if (!explains(it, cause))
			continue;
		x = json_object_new_object();
		json_object_object_add(x, "param", json_object_new_string(tparam_id(it->lp)));
		json_object_object_add(x, "left", jv(&d->left.v[it->lp]));
		json_object_object_add(x, "right", jv(&d->right.v[it->rp]));
		json_object_array_add(a, x);
	}
	return a;
}

static void md_val(FILE *f, const char *side, const struct tval *t, enum lang lang)
{
	if (t->value == NULL)
		fprintf(f, "  - %s: %s\n", side, msg(M_CF_NOT_SET, lang));
	else if (t->derived)
		fprintf(f, "  - %s: `%s:%d` %s (%s `%s`)\n", side, t->file, t->line, t->value, msg(M_CF_DERIVED, lang), t->key);
	else
		fprintf(f, "  - %s: `%s:%d` `%s=%s`\n", side, t->file, t->line, t->key, t->value);
}

void config_md(FILE *f, const struct cdiff *d, enum lang lang)
{
	if (d == NULL)
		return;
	fprintf(f, "\n## %s\n\n", msg(M_CF_TITLE, lang));
	fprintf(f, "`%s:%d` (%s) <-> `%s:%d` (%s)\n\n", d->left.file, d->left.line, d->left.conn, d->right.file,
	    d->right.line, d->right.conn);
	for (int i = 0; i < d->nitems; i++) {
		const struct citem *it = &d->items[i];

		if (it->rel != CR_DIFFERS)
			continue;
		fprintf(f, "- **%s** %s", msg(M_CF_R_DIFFERS, lang), tparam_label(it->lp, lang));
		if (it->cause != NULL)
			fprintf(f, " — %s: %s", msg(M_CF_EXPLAINS, lang), it->cause);
		fputc('\n', f);
		md_val(f, msg(M_SIDE_LEFT, lang), &d->left.v[it->lp], lang);
		md_val(f, msg(M_SIDE_RIGHT, lang), &d->right.v[it->rp], lang);
	}
	fputc('\n', f);
	cdiff_print_psk(f, d, lang);
	fputc('\n', f);
}
