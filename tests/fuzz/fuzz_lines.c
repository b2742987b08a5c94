/*
 * fuzz_lines.c - libFuzzer harness for the line parser and the whole
 * pipeline: the input is split into a left and a right log at the first
 * 0xff byte, each side's dialect is forced from the first byte (or
 * detected), and the analysis and both reports run on it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/analysis.h"
#include "kb/kb.h"
#include "report/analysis_report.h"

static struct kb *kb;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	return 0;
}

static void feed(struct analysis *a, enum side_id side, const uint8_t *d, size_t n)
{
	int dialect = -1;
	size_t start = 0;

	if (n > 0 && d[0] < 8) {
		dialect = d[0] % (kb->ndialects + 1) - 1;
		start = 1;
	}
	analysis_open_side(a, side, side == LEFT ? "left" : "right", dialect);
	for (size_t i = start; i <= n; i++)
		if (i == n || d[i] == '\n') {
			analysis_feed(a, side, (const char *)d + start, i - start);
			start = i + 1;
		}
	analysis_flush(a, side);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct analysis *a = analysis_new(kb);
	const uint8_t *split = memchr(data, 0xff, size);
	size_t ln = split ? (size_t)(split - data) : size;
	struct report_opts o = { LANG_EN, 120, 1, 5, "fuzz", NULL, NULL, NULL, NULL };
	FILE *devnull = fopen("/dev/null", "w");

	feed(a, LEFT, data, ln);
	if (split != NULL)
		feed(a, RIGHT, split + 1, size - ln - 1);
	analysis_run(a);
	report_text(devnull, a, &o);
	report_json(devnull, a, &o);
	fclose(devnull);
	analysis_free(a);
	return 0;
}
