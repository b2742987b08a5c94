/*
 * load.h - one loader per kind of kb file, and what frees it; kb.c alone
 * calls them, in the order of kb_load(). Each load_* reads one file into
 * the kb of the struct kbj and returns 0, or -1 with c->err set.
 */
#ifndef TD_KB_LOAD_H
#define TD_KB_LOAD_H

struct kb;
struct kbj;

int load_causes(struct kbj *c, const char *path);     /* causes.c */
int load_chapters(struct kbj *c, const char *path);   /* chapters.c */
int load_dialect(struct kbj *c, const char *path);    /* dialects.c */
int load_signatures(struct kbj *c, const char *path); /* signatures.c */
int load_rules(struct kbj *c, const char *path);      /* rules.c */
int load_device(struct kbj *c, const char *path);     /* devices.c */
int load_tree(struct kbj *c, const char *path);       /* trees.c */

/* After all files: dialects get their parent's lists (dialects.c), every
 * dialect its prefilter (matchers.c), the trees are checked as a whole:
 * every cause has an entry, every chapter a node (trees.c). */
int resolve_extends(struct kbj *c);
int build_matchers(struct kbj *c);
int check_trees(struct kbj *c);

void causes_free(struct kb *kb);
void chapters_free(struct kb *kb);
void dialects_free(struct kb *kb);
void signatures_free(struct kb *kb);
void rules_free(struct kb *kb);
void devices_free(struct kb *kb);
void trees_free(struct kb *kb);

#endif
