/*
 * fuzz_kb.c - libFuzzer harness for the kb loader and the pattern
 * compiler: the input becomes a signatures file in a copy of the real
 * kb (formats, causes, chapters), which kb_load must accept or refuse with
 * a message, never crash; the input is also compiled as one pattern and
 * matched against itself.
 */
#include "fuzz_util.h"

#include "kb/kb.h"
#include "match/pattern.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char cmd[640];

	(void)argc;
	(void)argv;
	fz_mkdir("kb");
	snprintf(cmd, sizeof cmd, "mkdir '%s/signatures' && cp -r '%s/kb/formats' '%s/kb/causes.json' '%s/kb/chapters.json' '%s/'",
	    fz_dir, TD_SOURCE_DIR, TD_SOURCE_DIR, TD_SOURCE_DIR, fz_dir);
	fz_sh(cmd);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[160], *why = NULL, *src;
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

	snprintf(path, sizeof path, "%s/signatures/fuzz.json", fz_dir);
	fz_write(path, data, size);
	kb = kb_load(fz_dir, &why);
	if (kb == NULL && why == NULL)
		abort(); /* a refusal must say why */
	kb_free(kb);
	free(why);
	return 0;
}
