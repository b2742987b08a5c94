/*
 * fuzz_sites.c - libFuzzer harness for the site book (src/live/sites.c,
 * through its public API): the input is a sites.json; sites_load must load
 * it or refuse it with a message, in both languages, and every site it
 * loaded must be found by its name and give a target.
 */
#include "fuzz_util.h"

#include "live/sites.h"

static char path[160];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_mkdir("sites");
	snprintf(path, sizeof path, "%s/sites.json", fz_dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum lang langs[] = { LANG_EN, LANG_DE };

	fz_write(path, data, size);
	for (int l = 0; l < 2; l++) {
		struct sitebook b;
		char *err = NULL;
		int r;

		memset(&b, 0, sizeof b);
		r = sites_load(path, &b, langs[l], &err);
		if (r < 0 && err == NULL)
			abort(); /* a refusal must say why */
		for (int i = 0; r == 0 && i < b.n; i++) {
			if (sites_find(&b, b.v[i].name) == NULL)
				abort();
			for (int s = 0; s < 2; s++)
				free(site_target(&b.v[i].side[s]));
		}
		sites_free(&b);
		free(err);
	}
	return 0;
}
