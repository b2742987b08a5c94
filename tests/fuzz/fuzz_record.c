/*
 * fuzz_record.c - libFuzzer harness for reading a recorded session (or a
 * support snapshot) directory through src/input's public API: the input is
 * cut at bytes 0x1e (ASCII record separator) into left.log, right.log,
 * left.times, right.times and session.json of a session directory (absent
 * parts: no file). The directory is recognised, each side's log picked and
 * read from the file in chunks (source_feed_file), analysed and reported.
 * Reading must never crash, whatever the files hold.
 */
#include "fuzz_util.h"

#include <sys/stat.h>

#include "input/source.h"
#include "kb/kb.h"
#include "pipeline/analysis.h"
#include "report/analysis_report.h"

static struct kb *kb;
static char sess[160];

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
	fz_mkdir("record");
	snprintf(sess, sizeof sess, "%s/sess", fz_dir);
	if (mkdir(sess, 0700) != 0)
		abort();
	return 0;
}

/* The session directory holding the parts of the input, and nothing else. */
static void write_session(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "left.log", "right.log", "left.times", "right.times", "session.json" };
	char p[224];
	size_t start = 0;

	for (int k = 0; k < 5; k++) {
		snprintf(p, sizeof p, "%s/%s", sess, names[k]);
		unlink(p);
	}
	for (int k = 0; k < 5 && start <= size; k++) {
		const uint8_t *rs = memchr(data + start, 0x1e, size - start);
		size_t end = rs != NULL ? (size_t)(rs - data) : size;

		snprintf(p, sizeof p, "%s/%s", sess, names[k]);
		fz_write(p, data + start, end - start);
		start = end + 1;
		if (rs == NULL)
			break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report_opts ro = { LANG_EN, 120, 1, 5, "fuzz", NULL, NULL, NULL, NULL };
	struct analysis *a;
	FILE *devnull;

	write_session(data, size);
	a = analysis_new(kb);
	for (int s = 0; s < 2; s++) {
		char *log = source_pick_in_dir(sess, s == 0 ? LEFT : RIGHT);

		if (log != NULL)
			analysis_open_side(a, s == 0 ? LEFT : RIGHT, log, -1);
		if (log != NULL && source_feed_file(a, s == 0 ? LEFT : RIGHT, log) != 0)
			abort(); /* the file picked was written just now */
		free(log);
	}
	(void)source_is_session_dir(sess);
	analysis_run(a);
	devnull = fopen("/dev/null", "w");
	if (devnull == NULL)
		abort();
	report_text(devnull, a, &ro);
	report_json(devnull, a, &ro);
	fclose(devnull);
	analysis_free(a);
	return 0;
}
