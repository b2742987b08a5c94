/*
 * torture_tree.c - the guides' decision trees (kb/tree) and the checklist
 * that walks them:
 *   - every node is reachable from its root, every link and chapter valid
 *     (recomputed here, independently of the loader);
 *   - every chapter of the two seed documents, read from the seeds
 *     themselves, is cited by at least one node;
 *   - every cause leads to an entry node from which a conclusion of that
 *     cause can be reached;
 *   - the loader rejects broken trees, naming the file and the field;
 *   - the walk on real samples: evidence answers checks, the technician
 *     answers the rest, the walk reaches the conclusion, moves by itself
 *     when the evidence changes, and survives save/restore;
 *   - step 3 of the ping procedure: ICMP echoes matched by ID and SEQ.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <regex.h>
#include <unistd.h>

#include "checklist/checklist.h"
#include "checklist/echo.h"
#include "report/session_report.h"
#include "checklist/persist.h"
#include "input/source.h"
#include "tdtest.h"

#ifndef TD_SEEDS_DIR
#define TD_SEEDS_DIR TD_SOURCE_DIR "/../shared/seeds"
#endif

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	struct strbuf b = {0};
	char buf[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_add(&b, buf, n);
	fclose(f);
	return sb_steal(&b);
}

static int cited(const struct kb *kb, const char *chapter)
{
	for (int t = 0; t < kb->ntrees; t++)
		for (int i = 0; i < kb->trees[t].nnodes; i++)
			if (strcmp(kb->trees[t].nodes[i].chapter, chapter) == 0)
				return 1;
	return 0;
}

/* Nodes reachable from start (BFS over yes/no/next/options). */
static void reach(const struct tree *t, int start, char *seen)
{
	int *q = calloc((size_t)t->nnodes, sizeof *q), h = 0, n = 0;

	memset(seen, 0, (size_t)t->nnodes);
	q[n++] = start;
	seen[start] = 1;
	while (h < n) {
		const struct tnode *x = &t->nodes[q[h++]];
		int out[3] = { x->yes, x->no, x->next };

		for (int k = 0; k < 3 + x->nopts; k++) {
			int j = k < 3 ? out[k] : x->opts[k - 3].next;

			if (j >= 0 && !seen[j]) {
				seen[j] = 1;
				q[n++] = j;
			}
		}
	}
	free(q);
}

static void trees_are_sound(void **st)
{
	const struct kb *kb = tdt_kb_g;

	(void)st;
	assert_non_null(kb_tree(kb, "mguard"));
	assert_non_null(kb_tree(kb, "lancom"));
	for (int t = 0; t < kb->ntrees; t++) {
		const struct tree *tr = &kb->trees[t];
		char *seen = calloc((size_t)tr->nnodes, 1);

		reach(tr, tr->root, seen);
		for (int i = 0; i < tr->nnodes; i++) {
			const struct tnode *n = &tr->nodes[i];

			if (!seen[i])
				fail_msg("%s: node %s is not reachable from the root", tr->id, n->id);
			assert_non_null(kb_chapter(kb, n->chapter));
			assert_true(n->text.de != NULL && *n->text.de && n->text.en != NULL && *n->text.en);
			switch (n->kind) {
			case TN_CHECK: assert_true(n->yes >= 0 && n->no >= 0); break;
			case TN_STEP: assert_true(n->next >= 0); break;
			case TN_QUESTION: assert_true(n->nopts >= 2 && n->nopts <= TREE_MAX_OPTIONS); break;
			case TN_CONCLUSION: assert_true(n->yes < 0 && n->no < 0 && n->next < 0 && n->nopts == 0); break;
			}
		}
		free(seen);
	}
}

/* The chapters as the seeds number them, read from the seeds. */
static void seed_chapters_are_covered(void **st)
{
	char *m = slurp(TD_SEEDS_DIR "/000_a57346ee3ca1cf90.txt");
	char *l = slurp(TD_SEEDS_DIR "/002_64b76dd7a3b30288.txt");
	regex_t head, code;
	regmatch_t g[2];
	int nm = 0, nl = 0;

	(void)st;
	if (m == NULL || l == NULL)
		fail_msg("the seed documents are not at %s", TD_SEEDS_DIR);
	assert_int_equal(regcomp(&head, "^[ \t]*(1(\\.[0-9]+)+)[ \t]+[^ \t]", REG_EXTENDED | REG_NEWLINE), 0);
	assert_int_equal(regcomp(&code, "0x1[0-9a-fA-F]{3}", REG_EXTENDED), 0);
	for (const char *p = m; regexec(&head, p, 2, g, 0) == 0; p += g[0].rm_eo) {
		char id[64];

		snprintf(id, sizeof id, "mguard %.*s", (int)(g[1].rm_eo - g[1].rm_so), p + g[1].rm_so);
		if (!cited(tdt_kb_g, id))
			fail_msg("chapter %s of the mGuard guide is cited by no node of kb/tree", id);
		nm++;
	}
	for (const char *p = l; regexec(&code, p, 1, g, 0) == 0; p += g[0].rm_eo) {
		char id[64];

		snprintf(id, sizeof id, "lancom %.*s", (int)(g[0].rm_eo - g[0].rm_so), p + g[0].rm_so);
		if (!cited(tdt_kb_g, id))
			fail_msg("message %s of the LANCOM guide is cited by no node of kb/tree", id);
		nl++;
	}
	/* the trace itself ("trace + vpn-status") is the LANCOM guide's subject */
	assert_non_null(strstr(l, "trace + vpn-status"));
	assert_true(cited(tdt_kb_g, "lancom trace"));
	/* the seeds hold 27 numbered mGuard chapters and three LANCOM codes */
	assert_true(nm >= 27);
	assert_true(nl >= 3);
	regfree(&head);
	regfree(&code);
	free(m);
	free(l);
}

static void every_cause_navigates_to_its_node(void **st)
{
	const struct kb *kb = tdt_kb_g;

	(void)st;
	for (int c = 0; c < kb->ncauses; c++) {
		int entries = 0;

		for (int t = 0; t < kb->ntrees; t++) {
			const struct tree *tr = &kb->trees[t];
			int e = tr->entry[c], has_concl = 0, reach_concl = 0, any_concl = 0;
			char *seen;

			if (e < 0)
				continue;
			entries++;
			seen = calloc((size_t)tr->nnodes, 1);
			reach(tr, e, seen);
			for (int i = 0; i < tr->nnodes; i++) {
				if (tr->nodes[i].kind != TN_CONCLUSION)
					continue;
				has_concl |= tr->nodes[i].cause == c;
				reach_concl |= seen[i] && tr->nodes[i].cause == c;
				any_concl |= seen[i];
			}
			if (!any_concl)
				fail_msg("%s: from the entry of %s no conclusion can be reached", tr->id, kb->causes[c].id);
			if (has_concl && !reach_concl)
				fail_msg("%s: the entry of %s cannot reach the conclusion of that cause", tr->id, kb->causes[c].id);
			free(seen);
		}
		if (entries == 0)
			fail_msg("cause %s has no entry node", kb->causes[c].id);
	}
}

/* A copy of kb/ with one tree file replaced by text; the load error. */
static char *broken_kb_error(const char *tree_json)
{
	char dir[] = "/tmp/tdtreeXXXXXX", cmd[512], *why = NULL;
	struct kb *kb;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "cp -r '%s/kb/.' '%s/'", TD_SOURCE_DIR, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "%s/tree/lancom.json", dir);
	f = fopen(cmd, "w");
	assert_non_null(f);
	fputs(tree_json, f);
	fclose(f);
	kb = kb_load(dir, &why);
	assert_null(kb);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return why;
}

static void broken_trees_are_rejected(void **st)
{
#define HEAD "{\"tree\":\"lancom\",\"source\":\"lancom\",\"title\":{\"de\":\"t\",\"en\":\"t\"},\"root\":\"a\",\"nodes\":["
#define CONC(id) "{\"id\":\"" id "\",\"kind\":\"conclusion\",\"chapter\":\"lancom trace\",\"text\":{\"de\":\"x\",\"en\":\"x\"}}"
	static const struct { const char *json, *want; } cases[] = {
		{ HEAD "{\"id\":\"a\",\"kind\":\"step\",\"chapter\":\"lancom trace\",\"text\":{\"de\":\"x\",\"en\":\"x\"},\"next\":\"zz\"}]}",
		  "nodes[0](a).next: no node \"zz\"" },
		{ HEAD CONC("a") "," CONC("b") "]}", "node \"b\" cannot be reached" },
		{ HEAD "{\"id\":\"a\",\"kind\":\"conclusion\",\"chapter\":\"lancom 9.9\",\"text\":{\"de\":\"x\",\"en\":\"x\"}}]}",
		  "unknown chapter \"lancom 9.9\"" },
		{ HEAD "{\"id\":\"a\",\"kind\":\"check\",\"check\":\"weather\",\"chapter\":\"lancom trace\",\"text\":{\"de\":\"x\",\"en\":\"x\"},\"yes\":\"a\",\"no\":\"a\"}]}",
		  "unknown fact \"weather\"" },
		{ HEAD "{\"id\":\"a\",\"kind\":\"conclusion\",\"chapter\":\"lancom trace\",\"text\":{\"en\":\"x\"}}]}", "text.de: missing" },
		{ HEAD CONC("a") "," CONC("a") "]}", "\"a\" is used twice" },
		/* seven options: refused, and the half-built node freed safely
		 * (fuzz.tree found tree_free walking a NULL opts here) */
		{ HEAD "{\"id\":\"a\",\"kind\":\"question\",\"chapter\":\"lancom trace\",\"text\":{\"de\":\"x\",\"en\":\"x\"},\"options\":[1,2,3,4,5,6,7]}]}",
		  "at most 6 options" },
		/* valid alone, but then the LANCOM chapters and causes lose their nodes */
		{ HEAD CONC("a") "]}", "has no entry node in any tree" },
	};

	(void)st;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *why = broken_kb_error(cases[i].json);

		if (strstr(why, cases[i].want) == NULL || (strstr(why, "lancom.json") == NULL && strstr(why, "kb/tree") == NULL))
			fail_msg("case %zu: error '%s' lacks '%s'", i, why, cases[i].want);
		free(why);
	}
}

/* A copy of kb/ with the shell command cmd run in it ($K); the load error. */
static char *kb_error_after(const char *cmd_in_copy)
{
	char dir[] = "/tmp/tdkbXXXXXX", cmd[1024], *why = NULL;
	struct kb *kb;

	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "cp -r '%s/kb/.' '%s/' && cd '%s' && K='%s' && %s", TD_SOURCE_DIR, dir, dir, dir, cmd_in_copy);
	assert_int_equal(system(cmd), 0);
	kb = kb_load(dir, &why);
	assert_null(kb);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return why;
}

/* One skeleton loads every kind of kb file: a taken id is refused in each,
 * with the field and (where items come from several files) the other file. */
static void duplicate_ids_are_refused(void **st)
{
#define TWO(list, item) "echo '{\"" list "\": [" item "," item "]}' >"
#define ITEM "{\"id\": \"a\", \"title\": {\"de\": \"x\", \"en\": \"x\"}}"
	static const struct { const char *cmd, *want; } cases[] = {
		{ TWO("causes", ITEM) " causes.json", "causes.json: causes[1].id: duplicate cause id \"a\"" },
		{ TWO("chapters", ITEM) " chapters.json", "chapters.json: chapters[1].id: duplicate chapter id \"a\"" },
		{ "cp formats/libreswan.json formats/zz.json", "formats/zz.json: id: duplicate dialect id \"libreswan\" (also in " },
		{ "cp signatures/lancom.json signatures/zz.json", "signatures/zz.json: signatures[0].id: duplicate signature id " },
		{ "cp rules/ike.json rules/zz.json", "rules/zz.json: rules[0].id: duplicate rule id " },
		{ "cp devices/mguard.json devices/zz.json", "devices/zz.json: id: duplicate device id \"mguard\" (also in " },
		{ "cp tree/mguard.json tree/zz.json", "tree/zz.json: tree: \"mguard\" is also the id of " },
	};

	(void)st;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *why = kb_error_after(cases[i].cmd);

		if (strstr(why, cases[i].want) == NULL)
			fail_msg("case %zu: error '%s' lacks '%s'", i, why, cases[i].want);
		free(why);
	}
#undef TWO
#undef ITEM
}

/* The lookups by id (hash indexes) find every item of the kb at its own
 * index, and nothing for an id the kb does not have. */
static void lookups_find_every_id(void **st)
{
	const struct kb *kb = tdt_kb_g;

	(void)st;
	for (int i = 0; i < kb->ncauses; i++)
		assert_int_equal(kb_cause_index(kb, kb->causes[i].id), i);
	for (int i = 0; i < kb->nchapters; i++)
		assert_ptr_equal(kb_chapter(kb, kb->chapters[i].id), &kb->chapters[i]);
	for (int i = 0; i < kb->ndialects; i++) {
		assert_int_equal(kb_dialect_index(kb, kb->dialects[i].id), i);
		assert_ptr_equal(kb_dialect(kb, kb->dialects[i].id), &kb->dialects[i]);
	}
	for (int i = 0; i < kb->nsigs; i++)
		assert_int_equal(kb_sig_index(kb, kb->sigs[i].id), i);
	for (int i = 0; i < kb->ndevices; i++)
		assert_ptr_equal(kb_device(kb, kb->devices[i].id), &kb->devices[i]);
	for (int i = 0; i < kb->ntrees; i++) {
		const struct tree *t = &kb->trees[i];

		assert_ptr_equal(kb_tree(kb, t->id), t);
		for (int k = 0; k < t->nnodes; k++)
			assert_int_equal(tree_node_index(t, t->nodes[k].id), k);
		assert_int_equal(tree_node_index(t, "no-such-node"), -1);
	}
	assert_true(kb->nsigs > 100 && kb->ntrees >= 2);
	assert_int_equal(kb_cause_index(kb, "no-such-cause"), -1);
	assert_int_equal(kb_sig_index(kb, ""), -1);
	assert_int_equal(kb_dialect_index(kb, "libreswan "), -1);
	assert_null(kb_chapter(kb, "mguard 9.9"));
	assert_null(kb_device(kb, "no-such-device"));
	assert_null(kb_tree(kb, "no-such-tree"));
}

static struct analysis *sample(const char *name)
{
	struct analysis *a = analysis_new(tdt_kb_g);
	char p[512];

	for (int s = 0; s < 2; s++) {
		snprintf(p, sizeof p, "%s/kb/samples/%s/%s.log", TD_SOURCE_DIR, name, s ? "right" : "left");
		if (access(p, R_OK) != 0)
			continue;
		analysis_open_side(a, (enum side_id)s, p, -1);
		assert_int_equal(source_feed_file(a, (enum side_id)s, p), 0);
	}
	analysis_run(a);
	return a;
}

static void cl_sync(struct checklist *cl, struct analysis *a, int complete, int64_t now)
{
	struct cl_world w;

	memset(&w, 0, sizeof w);
	w.complete = complete;
	w.now_ms = now;
	checklist_sync(cl, analysis_sides(a), analysis_alignment(a), analysis_diagnosis(a), &w);
}

static const struct tnode *cur(const struct checklist *cl)
{
	return checklist_node(cl, checklist_current(cl));
}

static void walk_from_finding_to_conclusion(void **st)
{
	struct analysis *a = sample("mguard-1.3.3-udp4500");
	const struct kb *kb = tdt_kb_g;
	int cause = kb_cause_index(kb, "udp4500-blocked");
	struct checklist cl;
	char *err = NULL;

	(void)st;
	checklist_init(&cl, kb);
	cl_sync(&cl, a, 1, 1000);
	assert_string_equal(cl.tree->id, "mguard");
	assert_int_equal(cl.start_cause, cause);
	assert_int_equal(cl.path[0].node, cl.tree->entry[cause]);
	/* the entry check is answered by the logs, with a line as evidence */
	assert_int_equal(cl.path[0].by, BY_LOGS);
	assert_non_null(cl.path[0].evidence);
	/* the walk waits for the technician at a step */
	assert_int_equal(cur(&cl)->kind, TN_STEP);
	assert_int_equal(cl.path[checklist_current(&cl)].ans, ANS_NONE);
	checklist_note(&cl, cl.path[checklist_current(&cl)].node, "psk=geheim123 fw opened", 1500);
	checklist_answer(&cl, cl.path[checklist_current(&cl)].node, ANS_DONE, 0, BY_TECHNICIAN, NULL, 2000);
	cl_sync(&cl, a, 1, 2000);
	assert_int_equal(cur(&cl)->kind, TN_CONCLUSION);
	assert_int_equal(cur(&cl)->cause, cause);
	assert_int_equal(cl.log[cl.nlog - 1].kind, CE_REACHED);

	/* saved with the session and restored: the same walk, note redacted */
	{
		char path[] = "/tmp/tdclXXXXXX";
		int fd = mkstemp(path);
		struct checklist c2;
		char *saved;

		assert_true(fd >= 0);
		close(fd);
		assert_int_equal(checklist_save(&cl, path), 0);
		saved = slurp(path);
		assert_null(strstr(saved, "geheim123"));
		assert_non_null(strstr(saved, "fw opened"));
		free(saved);
		checklist_init(&c2, kb);
		assert_int_equal(checklist_restore(&c2, path, LANG_EN, &err), 0);
		cl_sync(&c2, a, 1, 3000);
		assert_int_equal(c2.npath, cl.npath);
		assert_int_equal(cur(&c2)->cause, cause);
		checklist_clear(&c2);
		unlink(path);
	}
	checklist_clear(&cl);
	analysis_free(a);
}

/* Live: the top finding changes while the technician works; the walk
 * moves by itself and keeps the answers given for the old nodes. */
static void walk_moves_with_new_evidence(void **st)
{
	const struct kb *kb = tdt_kb_g;
	struct analysis *a = analysis_new(kb);
	struct checklist cl;
	int first_start, answered;
	char p[512];

	(void)st;
	/* phase 2 fails first: the p2 sample's lines, then an established tunnel */
	for (int s = 0; s < 2; s++) {
		snprintf(p, sizeof p, "%s/kb/samples/mguard-1.4.1-no-proposal/%s.log", TD_SOURCE_DIR, s ? "right" : "left");
		analysis_open_side(a, (enum side_id)s, p, -1);
		assert_int_equal(source_feed_file(a, (enum side_id)s, p), 0);
	}
	analysis_update(a);
	checklist_init(&cl, kb);
	cl_sync(&cl, a, 0, 1000);
	assert_int_equal(cl.start_cause, kb_cause_index(kb, "phase2-proposal-mismatch"));
	first_start = cl.start;
	answered = cl.path[checklist_current(&cl)].node;
	checklist_answer(&cl, answered, ANS_FAILED, 0, BY_TECHNICIAN, NULL, 1500);
	cl_sync(&cl, a, 0, 1600);
	assert_true(checklist_current(&cl) > 0);

	/* the IPsec SA comes up: both sides log it */
	for (int s = 0; s < 2; s++) {
		snprintf(p, sizeof p, "%s/kb/samples/mguard-1.5-fw-log-ok/%s.log", TD_SOURCE_DIR, s ? "right" : "left");
		assert_int_equal(source_feed_file(a, (enum side_id)s, p), 0);
	}
	analysis_update(a);
	cl_sync(&cl, a, 0, 5000);
	assert_int_equal(cl.start_cause, kb_cause_index(kb, "established"));
	assert_int_not_equal(cl.start, first_start);
	assert_int_equal(cl.log[cl.nlog - 1].kind == CE_MOVED || cl.log[cl.nlog - 2].kind == CE_MOVED, 1);
	/* the answer for the phase 2 node is kept for when the walk comes back */
	assert_non_null(checklist_answer_of(&cl, answered));
	/* the new walk starts at the IPsec SA check, answered by the logs */
	assert_int_equal(cl.path[0].ans, ANS_YES);
	assert_int_equal(cl.path[0].by, BY_LOGS);
	checklist_clear(&cl);
	analysis_free(a);
}

/* Step 3: echoes matched across the two logs by ICMP ID and SEQ. */
static void echoes_match_by_id_and_seq(void **st)
{
	static const char *fmt = "14:57:%02d.10000 kernel: fw-vpn_GW-%s-1 act=ACCEPT IN=eth1 OUT=eth0 SRC=%s DST=192.168.20.1 LEN=60 "
				 "TOS=0x00 PREC=0x00 TTL=127 ID=%d PROTO=ICMP TYPE=8 CODE=0 ID=%d SEQ=%d\n";
	struct strbuf l = {0}, r = {0};
	struct analysis *a;
	struct echo_summary es;
	const char *skip[2] = { "192.168.1.1", NULL };

	(void)st;
	/* the client's echoes 1..4 leave left; right logs 1, 2 and 4 arriving */
	for (int seq = 1; seq <= 4; seq++) {
		sb_addf(&l, fmt, seq, "out", "192.168.1.100", 20000 + seq, 512, seq);
		if (seq != 3)
			sb_addf(&r, fmt, seq, "in", "192.168.1.100", 20000 + seq, 512, seq);
	}
	/* the same SEQ with another ICMP ID does not match anything */
	sb_addf(&r, fmt, 9, "in", "192.168.1.100", 1, 777, 3);
	/* a ping the gateway itself sent (source: its internal address) */
	sb_addf(&l, fmt, 10, "out", "192.168.1.1", 3, 900, 1);
	a = tdt_run(tdt_kb_g, l.s, r.s);
	echo_summarise(analysis_alignment(a), NULL, 0, &es);
	assert_int_equal(es.dir[LEFT].out, 5);
	assert_int_equal(es.dir[LEFT].arrived, 3);
	assert_int_equal(es.dir[RIGHT].out, 0);
	assert_int_equal(es.stray[RIGHT], 1);
	assert_non_null(es.dir[LEFT].lost_ev);
	echo_summarise(analysis_alignment(a), skip, 2, &es);
	assert_int_equal(es.dir[LEFT].out, 4);
	assert_int_equal(es.dir[LEFT].arrived, 3);
	/* the lost one is the gateway's own or SEQ 3 of the client */
	{
		char *d = echo_describe(&es, LANG_DE);

		assert_non_null(strstr(d, "4"));
		assert_non_null(strstr(d, "Echo-Anfragen"));
		free(d);
	}
	analysis_free(a);
	sb_free(&l);
	sb_free(&r);
}

/* The guide's own example (1.5): out entries on the local mGuard, no
 * matching in entries on the remote. With only the remote's IKE log
 * loaded, its firewall log is not there: the arrival check is asked and
 * says which log would answer. With the remote's firewall log loaded
 * (it logs other echoes), the walk concludes ESP is blocked, and the
 * "no" names the log and the span that was searched. */
static void guide_example_concludes_esp_blocked(void **st)
{
	static const char *other = "14:57:40.10000 kernel: fw-vpn_MAI1950251842-out-1-x act=ACCEPT IN=eth1 OUT=eth0 "
				   "SRC=192.168.20.5 DST=192.168.1.9 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=ICMP TYPE=8 CODE=0 ID=77 SEQ=1\n";
	struct analysis *a = sample("mguard-1.5-fw-in-missing");
	struct checklist cl;
	const struct tnode *n;
	char *hint, *ev, *l, *r, p[512];

	(void)st;
	checklist_init(&cl, tdt_kb_g);
	cl_sync(&cl, a, 1, 1000);
	assert_int_equal(cl.echo.dir[LEFT].out, 2);
	assert_int_equal(cl.echo.dir[LEFT].arrived, 0);
	n = &cl.tree->nodes[cl.path[0].node];
	assert_int_equal(n->check, TF_ECHO_IN);
	assert_int_equal(cl.path[0].ans, ANS_NONE);
	assert_int_equal(cl.path[0].src, SRC_FW);
	assert_int_equal(cl.path[0].src_side, RIGHT);
	assert_true(cl.path[0].src_missing);
	hint = checklist_source_hint(&cl, &cl.path[0], LANG_EN);
	assert_non_null(strstr(hint, "right gateway's VPN firewall log is not loaded"));
	free(hint);
	checklist_clear(&cl);
	analysis_free(a);

	snprintf(p, sizeof p, "%s/kb/samples/mguard-1.5-fw-in-missing/left.log", TD_SOURCE_DIR);
	l = slurp(p);
	snprintf(p, sizeof p, "%s/kb/samples/mguard-1.5-fw-in-missing/right.log", TD_SOURCE_DIR);
	r = slurp(p);
	{
		struct strbuf rb = {0};

		sb_adds(&rb, r);
		sb_adds(&rb, other);
		a = tdt_run(tdt_kb_g, l, rb.s);
		sb_free(&rb);
	}
	checklist_init(&cl, tdt_kb_g);
	cl_sync(&cl, a, 1, 1000);
	n = &cl.tree->nodes[cl.path[0].node];
	assert_int_equal(n->check, TF_ECHO_IN);
	assert_int_equal(cl.path[0].ans, ANS_NO);
	assert_int_equal(cl.path[0].by, BY_LOGS);
	assert_true(cl.path[0].absent.set);
	ev = checklist_evidence_text(&cl, &cl.path[0], LANG_EN);
	assert_non_null(strstr(ev, "the VPN firewall entries of the right log searched from "));
	assert_non_null(strstr(ev, "fw-vpn_"));
	free(ev);
	ev = checklist_evidence_text(&cl, &cl.path[0], LANG_DE);
	assert_non_null(strstr(ev, "durchsucht von"));
	free(ev);
	checklist_clear(&cl);
	analysis_free(a);
	free(l);
	free(r);
}

/* The status step: the profile's status_match texts read swanctl output. */
static void status_output_feeds_the_facts(void **st)
{
	static const char *up =
	    "lab: #1, ESTABLISHED, IKEv2, 8c6f0a2b1d3e4f50_i* 0f1e2d3c4b5a6978_r\n"
	    "  local  '198.51.100.10' @ 198.51.100.10[4500]\n"
	    "  lab: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA2_256_128\n"
	    "    in  c5e1f2a1 (-|0x00000000),    252 bytes,     3 packets,     1s ago\n";
	static const char *ike_only =
	    "lab: #1, ESTABLISHED, IKEv2, 8c6f0a2b1d3e4f50_i 0f1e2d3c4b5a6978_r*\n";
	const struct device *d = kb_device(tdt_kb_g, "strongswan");
	struct cl_world w;
	struct strbuf why = {0};

	(void)st;
	assert_non_null(d);
	memset(&w, 0, sizeof w);
	checklist_read_status(&w, d, up, "left", &why);
	checklist_read_status(&w, d, up, "right", &why);
	assert_int_equal(w.status[0], TRI_YES);
	assert_int_equal(w.status[1], TRI_YES);
	assert_int_equal(w.status[2], TRI_YES);
	assert_non_null(strstr(why.s, "left: lab: #1, ESTABLISHED"));
	assert_non_null(strstr(why.s, "INSTALLED"));
	/* the right gateway shows no CHILD_SA: the IPsec SA is not up */
	memset(&w, 0, sizeof w);
	checklist_read_status(&w, d, up, "left", NULL);
	checklist_read_status(&w, d, ike_only, "right", NULL);
	assert_int_equal(w.status[1], TRI_YES);
	assert_int_equal(w.status[2], TRI_NO);
	/* the SA counters, summed over CHILD_SAs; libreswan's trafficstatus */
	{
		uint64_t v[4];
		static const char *two =
		    "  lab: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA2_256_128\n"
		    "    in  c5e1f2a1 (-|0x00000000),    252 bytes,     3 packets,     1s ago\n"
		    "    out c8d7e6f5 (-|0x00000000),      0 bytes,     0 packets\n"
		    "  lab: #2, reqid 2, INSTALLED, TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA2_256_128\n"
		    "    in  c5e1f2a2 (-|0x00000000),     84 bytes,     1 packets,     1s ago\n"
		    "    out c8d7e6f6 (-|0x00000000),    168 bytes,     2 packets,     1s ago\n";

		assert_int_equal(checklist_read_counters(d, two, v), 0);
		assert_int_equal(v[0], 336);
		assert_int_equal(v[1], 4);
		assert_int_equal(v[2], 168);
		assert_int_equal(v[3], 2);
		assert_int_equal(checklist_read_counters(d, ike_only, v), -1);
		assert_int_equal(checklist_read_counters(kb_device(tdt_kb_g, "libreswan"),
		    "006 #3: \"lab\", type=ESP, add_time=1796100000, inBytes=252, outBytes=504, id='@b'\n", v), 0);
		assert_int_equal(v[0], 252);
		assert_int_equal(v[2], 504);
	}
	/* nothing at all: no SA */
	memset(&w, 0, sizeof w);
	checklist_read_status(&w, d, "", "left", NULL);
	assert_int_equal(w.status[1], TRI_NO);
	/* ... which does not say that the connection is missing */
	assert_int_equal(w.status[0], TRI_UNKNOWN);
	sb_free(&why);
}

/* Answer the open node so that the walk can still reach target (by BFS);
 * 0 when there is nothing left to answer. */
static int answer_towards(struct checklist *cl, int target, int64_t t)
{
	const struct tnode *n = cur(cl);
	int node = cl->path[checklist_current(cl)].node;
	char *seen;
	int r = 0;

	if (n == NULL || n->kind == TN_CONCLUSION || node == target)
		return 0;
	seen = calloc((size_t)cl->tree->nnodes, 1);
	switch (n->kind) {
	case TN_CHECK:
		reach(cl->tree, n->yes, seen);
		checklist_answer(cl, node, seen[target] ? ANS_YES : ANS_NO, 0, BY_TECHNICIAN, NULL, t);
		r = 1;
		break;
	case TN_QUESTION:
		for (int k = 0; k < n->nopts && !r; k++) {
			reach(cl->tree, n->opts[k].next, seen);
			if (seen[target] || k == n->nopts - 1) {
				checklist_answer(cl, node, ANS_OPTION, k, BY_TECHNICIAN, NULL, t);
				r = 1;
			}
		}
		break;
	case TN_STEP:
		checklist_answer(cl, node, ANS_DONE, 0, BY_TECHNICIAN, NULL, t);
		r = 1;
		break;
	default:
		break;
	}
	free(seen);
	return r;
}

/* Every answer by the logs, status or ping rests on a line, or on an
 * absence that names the log searched: on every sample, walked deep. */
static void evidence_answers_name_their_evidence(void **st)
{
	const char *root = TD_SOURCE_DIR "/kb/samples";
	DIR *d = opendir(root);
	struct dirent *e;
	int samples = 0, answered = 0;

	(void)st;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		struct analysis *a;
		struct checklist cl;

		if (e->d_name[0] == '.')
			continue;
		a = sample(e->d_name);
		samples++;
		for (int complete = 0; complete < 2; complete++) {
			checklist_init(&cl, tdt_kb_g);
			cl_sync(&cl, a, complete, 1000);
			for (int step = 0; step < 80 && cl.tree != NULL; step++) {
				int target = (step % 2) ? tree_node_index(cl.tree, "echo-in") : tree_node_index(cl.tree, "c-l-1106-unknown");

				for (int i = 0; i < cl.npath; i++) {
					const struct cl_item *it = &cl.path[i];
					char *ev;

					if (it->ans == ANS_NONE || it->by == BY_TECHNICIAN || cl.tree->nodes[it->node].kind == TN_CONCLUSION)
						continue;
					ev = checklist_evidence_text(&cl, it, LANG_EN);
					if (ev == NULL)
						fail_msg("%s: %s answered by %s without evidence", e->d_name, cl.tree->nodes[it->node].id,
						    cl_by_name(it->by));
					free(ev);
					answered++;
				}
				if (target < 0)
					target = cl.tree->root;
				if (!answer_towards(&cl, target, 1000 + step))
					break;
				cl_sync(&cl, a, complete, 2000 + step * 100);
			}
			checklist_clear(&cl);
		}
		analysis_free(a);
	}
	closedir(d);
	assert_true(samples >= 20);
	assert_true(answered >= samples);
}

/* The walk to a node, the technician answering what is asked. */
static void walk_to(struct checklist *cl, struct analysis *a, const char *id)
{
	int target = tree_node_index(cl->tree, id);

	assert_true(target >= 0);
	for (int i = 0; i < 40 && answer_towards(cl, target, 1000 + i); i++)
		cl_sync(cl, a, 1, 1100 + i);
	assert_string_equal(cl->tree->nodes[cl->path[checklist_current(cl)].node].id, id);
}

/* Issue 13: the ping procedure with only the two IKE logs loaded asks the
 * firewall questions; it does not answer them "no (the logs)". */
static void ping_procedure_asks_for_the_firewall_log(void **st)
{
	struct analysis *a = sample("lab-established-v1");
	struct checklist cl;
	const struct cl_item *it;
	char *hint;

	(void)st;
	{
		char *l = slurp(TD_SOURCE_DIR "/kb/samples/lab-established-v1/left.log");

		assert_non_null(l);
		assert_null(strstr(l, "fw-vpn"));
		free(l);
	}
	checklist_init(&cl, tdt_kb_g);
	cl_sync(&cl, a, 1, 1000);
	walk_to(&cl, a, "echo-out");
	it = &cl.path[checklist_current(&cl)];
	assert_int_equal(it->ans, ANS_NONE);
	assert_int_equal(it->src, SRC_FW);
	assert_int_equal(it->src_side, LEFT);
	assert_true(it->src_missing);
	hint = checklist_source_hint(&cl, it, LANG_DE);
	assert_non_null(strstr(hint, "VPN-Firewall-Log des Gateways links ist nicht geladen"));
	free(hint);
	/* the technician answers it: the walk goes on with their answer */
	checklist_answer(&cl, it->node, ANS_YES, 0, BY_TECHNICIAN, NULL, 5000);
	cl_sync(&cl, a, 1, 5000);
	assert_string_equal(cur(&cl)->id, "echo-in");
	assert_true(cl.path[checklist_current(&cl)].src_missing);
	assert_int_equal(cl.path[checklist_current(&cl)].src_side, RIGHT);
	checklist_clear(&cl);
	analysis_free(a);
}

/* Issue 13: one LANCOM trace loaded: whether the remote site's trace shows
 * the request is asked, naming the right gateway's log. */
static void one_sided_trace_asks_the_remote_question(void **st)
{
	struct analysis *a = sample("lancom-0x1106-no-response");
	struct checklist cl;
	const struct cl_item *it;
	char *hint;

	(void)st;
	checklist_init(&cl, tdt_kb_g);
	cl_sync(&cl, a, 1, 1000);
	assert_string_equal(cl.tree->id, "lancom");
	walk_to(&cl, a, "l-1106-recv");
	it = &cl.path[checklist_current(&cl)];
	assert_int_equal(it->ans, ANS_NONE);
	assert_int_equal(it->src, SRC_IKE_REMOTE);
	assert_int_equal(it->src_side, RIGHT);
	hint = checklist_source_hint(&cl, it, LANG_EN);
	assert_non_null(strstr(hint, "the right gateway's log is not loaded"));
	assert_non_null(strstr(hint, "trace + vpn-status"));
	free(hint);
	checklist_clear(&cl);
	analysis_free(a);
}

/* Issue 13: the technician overrides an answer of the logs; the walk
 * follows the technician, and the report and the saved session keep what
 * the logs said (with the line), what was decided, and when. */
static void evidence_answer_overridden_and_kept(void **st)
{
	struct analysis *a = sample("mguard-1.3.3-udp4500");
	struct checklist cl, c2;
	struct report_opts ro;
	struct sreport r;
	char *line, *md = NULL, *err = NULL, path[] = "/tmp/tdovXXXXXX";
	size_t mdlen = 0;
	int node, fd;
	FILE *f;

	(void)st;
	checklist_init(&cl, tdt_kb_g);
	cl_sync(&cl, a, 1, 1000);
	node = cl.path[0].node;
	assert_int_equal(cl.path[0].by, BY_LOGS);
	assert_int_equal(cl.path[0].ans, ANS_YES);
	line = strdup(cl.path[0].evidence);
	checklist_answer(&cl, node, ANS_NO, 0, BY_TECHNICIAN, NULL, 1796000000000);
	cl_sync(&cl, a, 1, 1796000000000);
	assert_int_equal(cl.path[0].ans, ANS_NO);
	assert_int_equal(cl.path[0].by, BY_TECHNICIAN);
	assert_true(cl.path[0].over);
	assert_int_equal(cl.path[0].was, ANS_YES);
	assert_int_equal(cl.path[0].was_by, BY_LOGS);
	assert_string_equal(cl.path[0].was_ev, line);
	assert_int_equal(cl.path[1].node, cl.tree->nodes[node].no);

	memset(&ro, 0, sizeof ro);
	ro.lang = LANG_EN;
	ro.version = "test";
	r = (struct sreport){ a, &cl, &ro, 1796000000000, 1796000060000 };
	f = open_memstream(&md, &mdlen);
	assert_int_equal(sreport_md(f, &r), 0);
	fclose(f);
	assert_non_null(strstr(md, "answer (the logs): yes; overridden by the technician at "));
	assert_non_null(strstr(md, "no (the technician)"));
	{
		/* the log line itself (the report escapes pipes) */
		char head[40];

		snprintf(head, sizeof head, "%.30s", line);
		assert_non_null(strstr(md, head));
	}
	free(md);
	/* German: "19 Zeilen", a period, not "mal:"; the summary first */
	ro.lang = LANG_DE;
	md = NULL;
	f = open_memstream(&md, &mdlen);
	assert_int_equal(sreport_md(f, &r), 0);
	fclose(f);
	assert_non_null(strstr(md, "19 Zeilen"));
	assert_null(strstr(md, "Zeilen 19"));
	assert_null(strstr(md, "mal:"));
	assert_non_null(strstr(md, "- Zeitraum: "));
	assert_true(strstr(md, "## Zusammenfassung") < strstr(md, "## Befunde"));
	assert_non_null(strstr(md, "wichtigster Befund: "));
	assert_non_null(strstr(md, "Antwort (die Logs): ja; vom Techniker überschrieben um "));
	free(md);

	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(checklist_save(&cl, path), 0);
	checklist_init(&c2, tdt_kb_g);
	assert_int_equal(checklist_restore(&c2, path, LANG_EN, &err), 0);
	cl_sync(&c2, a, 1, 1796000100000);
	assert_true(c2.path[0].over);
	assert_int_equal(c2.path[0].ans, ANS_NO);
	assert_int_equal(c2.path[0].was, ANS_YES);
	unlink(path);
	checklist_clear(&c2);
	checklist_clear(&cl);
	free(line);
	analysis_free(a);
}

/* Issue 13, 7: no question whose answer is in the top finding's line. */
static void the_finding_answers_its_questions(void **st)
{
	struct analysis *a = sample("lab-psk-mismatch-v2");
	struct checklist cl;
	const struct tnode *n;

	(void)st;
	checklist_init(&cl, tdt_kb_g);
	cl_sync(&cl, a, 1, 1000);
	assert_int_equal(cl.start_cause, kb_cause_index(tdt_kb_g, "psk-mismatch"));
	n = &cl.tree->nodes[cl.path[0].node];
	assert_string_equal(n->id, "p1-psk");
	assert_int_equal(cl.path[0].by, BY_LOGS);
	assert_int_equal(cl.path[0].ans, ANS_YES);
	assert_non_null(strstr(cl.path[0].evidence, "MAC mismatched"));
	checklist_clear(&cl);
	analysis_free(a);

	a = sample("mguard-1.3.4.1-no-suitable-conn");
	checklist_init(&cl, tdt_kb_g);
	cl_sync(&cl, a, 1, 1000);
	n = &cl.tree->nodes[cl.path[0].node];
	assert_string_equal(n->id, "p1-cert-which");
	assert_int_equal(cl.path[0].by, BY_LOGS);
	assert_int_equal(cl.path[0].ans, ANS_OPTION);
	assert_int_equal(cl.path[0].opt, 0);
	assert_non_null(strstr(cl.path[0].evidence, "no suitable connection for peer"));
	checklist_clear(&cl);
	analysis_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trees_are_sound),
		cmocka_unit_test(seed_chapters_are_covered),
		cmocka_unit_test(every_cause_navigates_to_its_node),
		cmocka_unit_test(broken_trees_are_rejected),
		cmocka_unit_test(duplicate_ids_are_refused),
		cmocka_unit_test(lookups_find_every_id),
		cmocka_unit_test(walk_from_finding_to_conclusion),
		cmocka_unit_test(walk_moves_with_new_evidence),
		cmocka_unit_test(echoes_match_by_id_and_seq),
		cmocka_unit_test(guide_example_concludes_esp_blocked),
		cmocka_unit_test(status_output_feeds_the_facts),
		cmocka_unit_test(evidence_answers_name_their_evidence),
		cmocka_unit_test(ping_procedure_asks_for_the_firewall_log),
		cmocka_unit_test(one_sided_trace_asks_the_remote_question),
		cmocka_unit_test(evidence_answer_overridden_and_kept),
		cmocka_unit_test(the_finding_answers_its_questions),
	};

	return cmocka_run_group_tests(tests, tdt_setup, tdt_teardown);
}
