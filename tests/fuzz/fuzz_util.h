/*
 * fuzz_util.h - what the harnesses share: a private scratch directory per
 * fuzzer process (removed at exit) and writing the input into a file.
 */
#ifndef TD_FUZZ_UTIL_H
#define TD_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fz_dir[96];

static inline void fz_cleanup(void)
{
	char cmd[160];

	if (fz_dir[0] != '\0') {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", fz_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz: could not remove %s\n", fz_dir);
	}
}

/* Make /tmp/td-fuzz-NAME.PID (empty) and remove it at exit. */
static inline void fz_mkdir(const char *name)
{
	char cmd[256];

	snprintf(fz_dir, sizeof fz_dir, "/tmp/td-fuzz-%s.%d", name, (int)getpid());
	snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", fz_dir, fz_dir);
	if (system(cmd) != 0)
		abort();
	atexit(fz_cleanup);
}

/* Run a shell command (setting up the scratch directory); abort on failure. */
static inline void fz_sh(const char *cmd)
{
	if (system(cmd) != 0) {
		fprintf(stderr, "fuzz: %s failed\n", cmd);
		abort();
	}
}

/* Write d[0..n) to path; abort when that is impossible. */
static inline void fz_write(const char *path, const void *d, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || (n > 0 && fwrite(d, 1, n, f) != n) || fclose(f) != 0)
		abort();
}

#endif
