/*
 * fuzz_tree.c - libFuzzer harness for the decision-tree loader: the input
 * becomes kb/tree/zz-fuzz.json next to the real trees in a copy of the kb
 * (formats, causes, chapters, trees; no signatures or rules, so an input
 * costs little). The fuzz tree loads last and is checked whole before its
 * id is compared with the others, so a seed that is a copy of a real tree
 * runs through every check of the loader. kb_load must accept or refuse
 * with a message; an accepted tree is walked node by node.
 */
#include "fuzz_util.h"

#include "kb/kb.h"

static char path[160];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char cmd[640];

	(void)argc;
	(void)argv;
	fz_mkdir("tree");
	snprintf(cmd, sizeof cmd, "cp -r '%s/kb/formats' '%s/kb/tree' '%s/kb/causes.json' '%s/kb/chapters.json' '%s/'",
	    TD_SOURCE_DIR, TD_SOURCE_DIR, TD_SOURCE_DIR, TD_SOURCE_DIR, fz_dir);
	fz_sh(cmd);
	snprintf(path, sizeof path, "%s/tree/zz-fuzz.json", fz_dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kb *kb;
	char *why = NULL;

	fz_write(path, data, size);
	kb = kb_load(fz_dir, &why);
	if (kb == NULL && why == NULL)
		abort(); /* a refusal must say why */
	for (int i = 0; kb != NULL && i < kb->ntrees; i++) {
		const struct tree *t = &kb->trees[i];

		if (kb_tree(kb, t->id) != t)
			abort();
		for (int k = 0; k < t->nnodes; k++)
			if (tree_node_index(t, t->nodes[k].id) != k || tnode_kind_name(t->nodes[k].kind)[0] == '?')
				abort();
	}
	kb_free(kb);
	free(why);
	return 0;
}
