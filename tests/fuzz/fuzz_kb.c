/*
 * fuzz_kb.c - libFuzzer harness for the kb loader and the pattern
 * compiler: the input becomes a signatures file in a copy of the real
 * kb (formats, causes, chapters), which kb_load must accept or refuse with
 * a message, never crash; the input is also compiled as one pattern and
 * matched against itself.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kb/kb.h"
#include "match/pattern.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char cmd[512];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof dir, "/tmp/td-fuzzkb.%d", (int)getpid());
	snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s/signatures && cp -r %s/kb/formats %s/kb/causes.json %s/kb/chapters.json %s/",
	    dir, dir, TD_SOURCE_DIR, TD_SOURCE_DIR, TD_SOURCE_DIR, dir);
	if (system(cmd) != 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[128], *why = NULL, *src;
	FILE *f;
	struct kb *kb;
	struct pattern p;

	src = malloc(size + 1);
	memcpy(src, data, size);
	src[size] = '\0';
	if (pattern_compile(&p, src, &why) == 0) {
		pattern_match(&p, src, strlen(src), NULL, NULL, NULL);
		pattern_free(&p);
	}
	free(why);
	why = NULL;
	free(src);

	snprintf(path, sizeof path, "%s/signatures/fuzz.json", dir);
	f = fopen(path, "wb");
	if (f == NULL)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	kb = kb_load(dir, &why);
	if (kb == NULL && why == NULL)
		abort(); /* a refusal must say why */
	kb_free(kb);
	free(why);
	return 0;
}
