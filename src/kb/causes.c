/*
 * causes.c - kb/causes.json: the list of causes a finding can name, each
 * an id and a title in both languages.
 */
#include "kb/kb.h"
#include "kb/json.h"
#include "kb/load.h"

#include <stddef.h>
#include <stdlib.h>

static int load_cause(struct kbj *c, json_object *e, void *item)
{
	struct cause *ca = item;

	return kbj_str(c, e, "id", 1, &ca->id) || kbj_text(c, e, "title", 1, &ca->title) ? -1 : 0;
}

static const struct kbj_kind cause_kind = {
	.what = M_KB_W_CAUSE, .list = "causes", .id_field = "id", .size = sizeof(struct cause),
	.id_off = offsetof(struct cause, id), .dup = KBJ_DUP_PLAIN, .load = load_cause,
};

int load_causes(struct kbj *c, const char *path)
{
	struct kb *kb = c->kb;

	kb->causes = kbj_file(c, path, &cause_kind, kb->causes, &kb->ncauses, &kb->cause_ids);
	return c->err != NULL ? -1 : 0;
}

void causes_free(struct kb *kb)
{
	for (int i = 0; i < kb->ncauses; i++) {
		free(kb->causes[i].id);
		kbj_text_free(&kb->causes[i].title);
	}
	free(kb->causes);
	kb_ids_free(&kb->cause_ids);
}
