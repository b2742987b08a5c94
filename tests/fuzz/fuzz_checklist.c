/*
 * fuzz_checklist.c - libFuzzer harness for the checklist restore (the
 * checklist.json of a recorded session, read back by checklist_restore in
 * src/checklist/persist.c): the input is a checklist.json (messages in
 * German when it starts with a space), restored onto the analysis of a
 * real sample; a restored checklist is walked (checklist_sync), saved
 * again and written into both session reports. A refusal must say why.
 */
#include "fuzz_util.h"

#include <json-c/json.h>

#include "checklist/checklist.h"
#include "input/source.h"
#include "kb/kb.h"
#include "checklist/persist.h"
#include "report/session_report.h"

static struct kb *kb;
static struct analysis *an;
static char path[160], saved[160];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *why = NULL;

	(void)argc;
	(void)argv;
	kb = kb_load(TD_SOURCE_DIR "/kb", &why);
	if (kb == NULL) {
		fprintf(stderr, "fuzz: %s\n", why);
		abort();
	}
	an = analysis_new(kb);
	analysis_open_side(an, LEFT, "left", -1);
	analysis_open_side(an, RIGHT, "right", -1);
	if (source_feed_file(an, LEFT, TD_SOURCE_DIR "/kb/samples/mguard-1.3.3-udp4500/left.log") != 0 ||
	    source_feed_file(an, RIGHT, TD_SOURCE_DIR "/kb/samples/mguard-1.3.3-udp4500/right.log") != 0)
		abort();
	analysis_run(an);
	fz_mkdir("checklist");
	snprintf(path, sizeof path, "%s/checklist.json", fz_dir);
	snprintf(saved, sizeof saved, "%s/saved.json", fz_dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report_opts ro = { LANG_EN, 100, 1, 5, "fuzz", NULL, NULL, NULL, NULL };
	struct checklist cl;
	struct cl_world w;
	char *err = NULL;

	fz_write(path, data, size);
	checklist_init(&cl, kb);
	if (checklist_restore(&cl, path, size > 0 && data[0] == ' ' ? LANG_DE : LANG_EN, &err) != 0) {
		if (err == NULL)
			abort(); /* a refusal must say why */
		free(err);
		checklist_clear(&cl);
		return 0;
	}
	memset(&w, 0, sizeof w);
	w.complete = 1;
	w.now_ms = 1796100600000;
	checklist_sync(&cl, analysis_sides(an), analysis_alignment(an), analysis_diagnosis(an), &w);
	json_object_put(checklist_json(&cl, LANG_DE));
	if (checklist_save(&cl, saved) != 0)
		abort();
	{
		FILE *devnull = fopen("/dev/null", "w");
		struct sreport sr = { an, &cl, &ro, 1796100000000, 1796100600000 };

		if (devnull == NULL)
			abort();
		sreport_md(devnull, &sr);
		sreport_json(devnull, &sr);
		fclose(devnull);
	}
	checklist_clear(&cl);
	return 0;
}
