/*
 * fuzz_kb.c - libFuzzer harness for the kb loader and the pattern
 * compiler. The input is one kb file; which kind is read from its text:
 * a list "rules" goes to rules/, a "log" object to devices/, "events" or
 * "detect" to formats/ (each next to the real files of a whole copy of the
 * kb, as the last file of its folder), anything else is a signatures file
 * in a small copy (formats, causes, chapters; signatures load fast there).
 * kb_load must accept or refuse with a message, never crash. The input is
 * also compiled as one pattern and matched against itself.
 */
#include "fuzz_util.h"

#include "kb/kb.h"
#include "match/pattern.h"

static char small[160], whole[160];
static const char *const kinds[] = { "rules", "devices", "formats" };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char cmd[900];

	(void)argc;
	(void)argv;
	fz_mkdir("kb");
	snprintf(small, sizeof small, "%s/small", fz_dir);
	snprintf(whole, sizeof whole, "%s/whole", fz_dir);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/signatures' '%s' && cp -r '%s/kb/formats' '%s/kb/causes.json' '%s/kb/chapters.json' '%s/'"
	    " && cp -r '%s/kb/.' '%s/' && rm -rf '%s/samples'",
	    small, whole, TD_SOURCE_DIR, TD_SOURCE_DIR, TD_SOURCE_DIR, small, TD_SOURCE_DIR, whole, whole);
	fz_sh(cmd);
	return 0;
}

static int has(const char *s, const char *key)
{
	return strstr(s, key) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[224], *why = NULL, *src;
	const char *dir = small;
	int kind = -1;
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
	if (has(src, "\"rules\""))
		kind = 0;
	else if (has(src, "\"log\""))
		kind = 1;
	else if (has(src, "\"events\"") || has(src, "\"detect\""))
		kind = 2;
	free(src);

	for (int k = 0; k < 3; k++) {
		snprintf(path, sizeof path, "%s/%s/zz-fuzz.json", whole, kinds[k]);
		unlink(path);
	}
	if (kind >= 0) {
		dir = whole;
		snprintf(path, sizeof path, "%s/%s/zz-fuzz.json", whole, kinds[kind]);
	} else {
		snprintf(path, sizeof path, "%s/signatures/fuzz.json", small);
	}
	fz_write(path, data, size);
	kb = kb_load(dir, &why);
	if (kb == NULL && why == NULL)
		abort(); /* a refusal must say why */
	kb_free(kb);
	free(why);
	return 0;
}
