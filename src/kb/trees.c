/*
 * trees.c - load and validate kb/tree/ (one JSON file per guide), the guides' decision trees.
 *
 * A tree is checked as a whole: ids unique, every link resolves, every
 * node is reachable from the root, every chapter and cause exists. After
 * all trees, check_trees() insists that every cause has an entry node in
 * some tree and every chapter of kb/chapters.json is cited by a node, so
 * a guide chapter cannot silently drop out of the checklist.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kb.h"
#include "kb/fields.h"
#include "kb/json.h"
#include "kb/load.h"
#include "base/util.h"

static const char *const kind_names[] = { "check", "question", "step", "conclusion" };
static const char *const fact_names[] = {
	"ask", "conn_loaded", "isakmp_sa", "ipsec_sa", "cause", "responder_received",
	"ping_local_gw", "ping_remote_gw", "echo_out", "echo_in"
};
static const char *const run_names[] = { "none", "status", "ping_remote_gw", "fwlog" };

_Static_assert(sizeof fact_names / sizeof fact_names[0] == TF_COUNT, "one name per fact");

const char *tnode_kind_name(enum tnode_kind k)
{
	return k >= TN_CHECK && k <= TN_CONCLUSION ? kind_names[k] : "?";
}

int tree_node_index(const struct tree *t, const char *id)
{
	return kb_ids_get(&t->node_ids, id);
}

/* Resolve a link field (a node id) to an index; *out -1 when absent. */
static int node_link(struct kbj *c, const struct tree *t, json_object *o, const char *key, int required, int *out)
{
	char *s = NULL;

	*out = -1;
	if (kbj_str(c, o, key, required, &s) != 0)
		return -1;
	if (s == NULL)
		return 0;
	*out = tree_node_index(t, s);
	if (*out < 0) {
		kbj_fail(c, key, M_KB_TR_NO_NODE, s);
		free(s);
		return -1;
	}
	free(s);
	return 0;
}

static int load_check(struct kbj *c, struct tnode *n, json_object *o)
{
	char *s = NULL;
	const char *name;

	if (kbj_str(c, o, "check", 1, &s) != 0)
		return -1;
	name = s;
	if (strncmp(s, "cause:", 6) == 0) {
		n->check = TF_CAUSE;
		n->check_cause = kb_cause_index(c->kb, s + 6);
		if (n->check_cause < 0) {
			kbj_fail(c, "check", M_KB_UNKNOWN_CAUSE, s + 6);
			free(s);
			return -1;
		}
		free(s);
		return 0;
	}
	for (int i = 0; i < TF_COUNT; i++)
		if (i != TF_CAUSE && strcmp(name, fact_names[i]) == 0) {
			n->check = (enum tfact)i;
			free(s);
			return 0;
		}
	kbj_fail(c, "check", M_KB_TR_FACT, s);
	free(s);
	return -1;
}

/*
 * "config": {"param": "esp.pfs", "same": "yes"|"no"} (issue 18): the
 * configuration comparison answers the check, "same" when both sides agree.
 */
static int load_config_answer(struct kbj *c, struct tnode *n, json_object *o)
{
	static const char *const same[] = { "no", "yes" };
	json_object *cf = kbj_get(o, "config");
	int v;

	if (cf == NULL)
		return 0;
	kbj_push(c, "config", 0);
	if (kbj_str(c, cf, "param", 1, &n->config_param) != 0 || kbj_enum(c, cf, "same", same, 2, 1, 1, &v) != 0)
		return -1;
	if (strspn(n->config_param, "abcdefghijklmnopqrstuvwxyz.") != strlen(n->config_param))
		return kbj_fail(c, "param", M_KB_TR_CONFIG_PARAM, n->config_param);
	n->config_same = v;
	c->path[0] = '\0';
	return 0;
}

/* Pass 2: the fields of one node, links resolved against the whole tree. */
static int load_node(struct kbj *c, struct tree *t, struct tnode *n, json_object *o)
{
	json_object *opts;
	int v;

	if (kbj_str(c, o, "chapter", 1, &n->chapter) != 0 || kbf_check_chapters(c, &n->chapter, 1) != 0 ||
	    kbj_text(c, o, "text", 1, &n->text) != 0 || kbj_text(c, o, "detail", 0, &n->detail) != 0 ||
	    kbj_text(c, o, "menu", 0, &n->menu) != 0 || kbj_str(c, o, "command", 0, &n->command) != 0 ||
	    kbj_enum(c, o, "run", run_names, 4, TR_NONE, 0, &v) != 0)
		return -1;
	n->run = (enum trun)v;
	n->cause = -1;
	if (n->run != TR_NONE && n->kind != TN_STEP)
		return kbj_fail(c, "run", M_KB_TR_RUN);
	switch (n->kind) {
	case TN_CHECK:
		if (load_check(c, n, o) != 0 || node_link(c, t, o, "yes", 1, &n->yes) != 0 || node_link(c, t, o, "no", 1, &n->no) != 0 ||
		    load_config_answer(c, n, o) != 0)
			return -1;
		break;
	case TN_STEP:
		if (node_link(c, t, o, "next", 1, &n->next) != 0 || node_link(c, t, o, "no", 0, &n->no) != 0)
			return -1;
		break;
	case TN_QUESTION:
		opts = kbj_get(o, "options");
		if (opts == NULL || !json_object_is_type(opts, json_type_array) || json_object_array_length(opts) < 2)
			return kbj_fail(c, "options", M_KB_TR_TWO_OPTIONS);
		/* nopts only with opts: tree_free walks opts[0..nopts) */
		if (json_object_array_length(opts) > TREE_MAX_OPTIONS)
			return kbj_fail(c, "options", M_KB_TR_MAX_OPTIONS, TREE_MAX_OPTIONS);
		n->nopts = (int)json_object_array_length(opts);
		n->opts = xcalloc((size_t)n->nopts, sizeof *n->opts);
		for (int i = 0; i < n->nopts; i++) {
			size_t old = strlen(c->path);
			int r;

			snprintf(c->path + old, sizeof c->path - old, "%soptions[%d]", old ? "." : "", i);
			r = kbj_text(c, json_object_array_get_idx(opts, (size_t)i), "text", 1, &n->opts[i].text);
			if (r == 0)
				r = node_link(c, t, json_object_array_get_idx(opts, (size_t)i), "next", 1, &n->opts[i].next);
			kbj_pop(c, old);
			if (r != 0)
				return -1;
		}
		break;
	case TN_CONCLUSION:
		if (kbj_get(o, "yes") || kbj_get(o, "no") || kbj_get(o, "next") || kbj_get(o, "options"))
			return kbj_fail(c, NULL, M_KB_TR_DEAD_END);
		if (kbf_cause(c, o, "cause", 0, &n->cause) != 0)
			return -1;
		break;
	}
	return 0;
}

static void tree_free(struct tree *t)
{
	for (int i = 0; i < t->nnodes; i++) {
		struct tnode *n = &t->nodes[i];

		free(n->id);
		free(n->chapter);
		kbj_text_free(&n->text);
		kbj_text_free(&n->detail);
		kbj_text_free(&n->menu);
		free(n->command);
		free(n->config_param);
		for (int k = 0; k < n->nopts; k++)
			kbj_text_free(&n->opts[k].text);
		free(n->opts);
	}
	free(t->nodes);
	free(t->entry);
	free(t->id);
	free(t->source);
	kbj_text_free(&t->title);
	kb_ids_free(&t->node_ids);
}

void trees_free(struct kb *kb)
{
	for (int i = 0; i < kb->ntrees; i++)
		tree_free(&kb->trees[i]);
	free(kb->trees);
	kb_ids_free(&kb->tree_ids);
}

/* Mark what the root reaches (iterative, the tree may be deep). */
static void reach(const struct tree *t, char *seen)
{
	int *stack = xcalloc((size_t)t->nnodes + 1, sizeof *stack);
	int sp = 0;

	stack[sp++] = t->root;
	seen[t->root] = 1;
	while (sp > 0) {
		const struct tnode *n = &t->nodes[stack[--sp]];
		int out[3] = { n->yes, n->no, n->next };

		for (int k = 0; k < 3 + n->nopts; k++) {
			int j = k < 3 ? out[k] : n->opts[k - 3].next;

			if (j >= 0 && !seen[j]) {
				seen[j] = 1;
				stack[sp++] = j;
			}
		}
	}
	free(stack);
}

static int load_entries(struct kbj *c, struct tree *t, json_object *root)
{
	json_object *e = kbj_get(root, "entries");
	size_t old;

	t->entry = xcalloc((size_t)c->kb->ncauses, sizeof *t->entry);
	for (int i = 0; i < c->kb->ncauses; i++)
		t->entry[i] = -1;
	if (e == NULL)
		return 0;
	if (!json_object_is_type(e, json_type_object))
		return kbj_fail(c, "entries", M_KB_TR_ENTRIES);
	old = kbj_push(c, "entries", 0);
	json_object_object_foreach(e, key, val) {
		int ci = kb_cause_index(c->kb, key), ni;

		if (ci < 0)
			return kbj_fail(c, key, M_KB_TR_ENTRY_CAUSE);
		if (!json_object_is_type(val, json_type_string))
			return kbj_fail(c, key, M_KB_TR_NODE_ID);
		ni = tree_node_index(t, json_object_get_string(val));
		if (ni < 0)
			return kbj_fail(c, key, M_KB_TR_NO_NODE, json_object_get_string(val));
		t->entry[ci] = ni;
	}
	kbj_pop(c, old);
	return 0;
}

/* "nodes", pass 1: ids and kinds, so links can point forward. */
static int tree_node_ids(struct kbj *c, struct tree *t, json_object *nodes)
{
	for (int i = 0; i < t->nnodes; i++) {
		json_object *o = json_object_array_get_idx(nodes, (size_t)i);
		size_t old = strlen(c->path);
		int k;

		snprintf(c->path + old, sizeof c->path - old, "%snodes[%d]", old ? "." : "", i);
		if (kbj_str(c, o, "id", 1, &t->nodes[i].id) != 0 ||
		    kbj_enum(c, o, "kind", kind_names, 4, 0, 1, &k) != 0)
			return -1;
		t->nodes[i].kind = (enum tnode_kind)k;
		t->nodes[i].yes = t->nodes[i].no = t->nodes[i].next = t->nodes[i].cause = -1;
		if (kb_ids_put(&t->node_ids, t->nodes[i].id, i) >= 0)
			return kbj_fail(c, "id", M_KB_TR_TWICE, t->nodes[i].id);
		kbj_pop(c, old);
	}
	return 0;
}

/* "nodes", pass 2: each node's fields, links resolved. */
static int tree_nodes(struct kbj *c, struct tree *t, json_object *nodes)
{
	for (int i = 0; i < t->nnodes; i++) {
		size_t old = strlen(c->path);

		snprintf(c->path + old, sizeof c->path - old, "%snodes[%d](%s)", old ? "." : "", i, t->nodes[i].id);
		if (load_node(c, t, &t->nodes[i], json_object_array_get_idx(nodes, (size_t)i)) != 0)
			return -1;
		kbj_pop(c, old);
	}
	return 0;
}

static int load_one_tree(struct kbj *c, json_object *root, void *item)
{
	struct tree *t = item;
	json_object *nodes;
	char *rootid = NULL;
	char *seen = NULL;
	int r = -1;

	if (kbj_str(c, root, "tree", 1, &t->id) != 0 || kbj_str(c, root, "source", 1, &t->source) != 0 ||
	    kbj_text(c, root, "title", 1, &t->title) != 0 || kbj_str(c, root, "root", 1, &rootid) != 0)
		goto out;
	nodes = kbj_get(root, "nodes");
	if (nodes == NULL || !json_object_is_type(nodes, json_type_array) || json_object_array_length(nodes) == 0) {
		kbj_fail(c, "nodes", M_KB_TR_NODES);
		goto out;
	}
	t->nnodes = (int)json_object_array_length(nodes);
	t->nodes = xcalloc((size_t)t->nnodes, sizeof *t->nodes);
	if (tree_node_ids(c, t, nodes) != 0 || tree_nodes(c, t, nodes) != 0)
		goto out;
	t->root = tree_node_index(t, rootid);
	if (t->root < 0) {
		kbj_fail(c, "root", M_KB_TR_NO_NODE, rootid);
		goto out;
	}
	if (load_entries(c, t, root) != 0)
		goto out;
	seen = xcalloc((size_t)t->nnodes, 1);
	reach(t, seen);
	for (int i = 0; i < t->nnodes; i++)
		if (!seen[i]) {
			kbj_fail(c, "nodes", M_KB_TR_UNREACHABLE, t->nodes[i].id, rootid);
			goto out;
		}
	r = 0;
out:
	free(seen);
	free(rootid);
	return r;
}

static const struct kbj_kind tree_kind = {
	.what = M_KB_W_TREE, .list = NULL, .id_field = "tree", .size = sizeof(struct tree),
	.id_off = offsetof(struct tree, id), .file_off = offsetof(struct tree, file),
	.has_file = 1, .dup = KBJ_DUP_TREE, .load = load_one_tree,
};

int load_tree(struct kbj *c, const char *path)
{
	struct kb *kb = c->kb;

	kb->trees = kbj_file(c, path, &tree_kind, kb->trees, &kb->ntrees, &kb->tree_ids);
	return c->err != NULL ? -1 : 0;
}

int check_trees(struct kbj *c)
{
	struct kb *kb = c->kb;

	c->file = "kb/tree";
	c->path[0] = '\0';
	if (kb->ntrees == 0)
		return kbj_fail(c, NULL, M_KB_TR_NONE);
	for (int ci = 0; ci < kb->ncauses; ci++) {
		int found = 0;

		for (int i = 0; i < kb->ntrees && !found; i++)
			found = kb->trees[i].entry[ci] >= 0;
		if (!found)
			return kbj_fail(c, "entries", M_KB_TR_NO_ENTRY, kb->causes[ci].id);
	}
	for (int k = 0; k < kb->nchapters; k++) {
		int found = 0;

		for (int i = 0; i < kb->ntrees && !found; i++)
			for (int j = 0; j < kb->trees[i].nnodes && !found; j++)
				found = strcmp(kb->trees[i].nodes[j].chapter, kb->chapters[k].id) == 0;
		if (!found)
			return kbj_fail(c, "nodes", M_KB_TR_UNCITED, kb->chapters[k].id);
	}
	return 0;
}
