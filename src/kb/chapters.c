/*
 * chapters.c - kb/chapters.json: the guides' chapters that signatures,
 * rules and tree nodes cite, each an id, a title and the guide it is from.
 */
#include "kb/kb.h"
#include "kb/json.h"
#include "kb/load.h"

#include <stddef.h>
#include <stdlib.h>

static int load_chapter(struct kbj *c, json_object *e, void *item)
{
	struct chapter *ch = item;

	return kbj_str(c, e, "id", 1, &ch->id) || kbj_text(c, e, "title", 1, &ch->title) ||
	    kbj_str(c, e, "source", 0, &ch->source) ? -1 : 0;
}

static const struct kbj_kind chapter_kind = {
	.what = M_KB_W_CHAPTER, .list = "chapters", .id_field = "id", .size = sizeof(struct chapter),
	.id_off = offsetof(struct chapter, id), .dup = KBJ_DUP_PLAIN, .load = load_chapter,
};

int load_chapters(struct kbj *c, const char *path)
{
	struct kb *kb = c->kb;

	kb->chapters = kbj_file(c, path, &chapter_kind, kb->chapters, &kb->nchapters, &kb->chapter_ids);
	return c->err != NULL ? -1 : 0;
}

void chapters_free(struct kb *kb)
{
	for (int i = 0; i < kb->nchapters; i++) {
		free(kb->chapters[i].id);
		free(kb->chapters[i].source);
		kbj_text_free(&kb->chapters[i].title);
	}
	free(kb->chapters);
	kb_ids_free(&kb->chapter_ids);
}
