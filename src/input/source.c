/*
 * source.c - see source.h.
 */
#include "input/source.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1 << 20)

int source_feed_file(struct analysis *a, enum side_id side, const char *path)
{
	return source_feed_file_progress(a, side, path, NULL);
}

int source_feed_file_progress(struct analysis *a, enum side_id side, const char *path, struct progress *pg)
{
	uint64_t done = 0, total = 0;
	int fd, r = 0;
	char *buf;
	size_t have = 0;
	int skipping = 0;
	struct stat st;
	char *picked = NULL;

	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else {
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			picked = source_pick_in_dir(path, side);
			if (picked == NULL) {
				errno = ENOENT;
				return -1;
			}
			path = picked;
		}
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			free(picked);
			return -1;
		}
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
			total = (uint64_t)st.st_size;
	}
	buf = xmalloc(CHUNK + TD_MAXLINE + 1);
	for (;;) {
		ssize_t n = read(fd, buf + have, CHUNK);
		size_t start = 0;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = -1;
			break;
		}
		if (n == 0)
			break;
		have += (size_t)n;
		done += (uint64_t)n;
		if (pg != NULL)
			progress_bytes(pg, path, done, total);
		for (;;) {
			char *nl = memchr(buf + start, '\n', have - start);

			if (nl == NULL)
				break;
			if (!skipping)
				analysis_feed(a, side, buf + start, (size_t)(nl - (buf + start)));
			skipping = 0;
			start = (size_t)(nl - buf) + 1;
		}
		memmove(buf, buf + start, have - start);
		have -= start;
		if (have > TD_MAXLINE) {
			/* an overlong line: analyse its head, skip the rest */
			if (!skipping)
				analysis_feed(a, side, buf, have);
			skipping = 1;
			have = 0;
		}
	}
	if (r == 0 && have > 0 && !skipping)
		analysis_feed(a, side, buf, have);
	free(buf);
	if (fd != STDIN_FILENO)
		close(fd);
	free(picked);
	if (r == 0)
		analysis_flush(a, side);
	return r;
}

static int looks_like_log(const char *name)
{
	static const char *const hints[] = { "vpn", "pluto", "charon", "ipsec", "trace", "auth", "messages", "syslog", ".log" };

	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
		if (strstr(name, hints[i]) != NULL)
			return 1;
	return 0;
}

char *source_pick_in_dir(const char *dir, enum side_id side)
{
	/* a recorded session holds left.log and right.log */
	const char *mine = side == LEFT ? "left.log" : "right.log";
	char *p = xasprintf("%s/%s", dir, mine);
	struct stat st;
	DIR *d;
	struct dirent *de;
	char *best = NULL;

	if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
		return p;
	free(p);
	d = opendir(dir);
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || !looks_like_log(de->d_name))
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && (best == NULL || strcmp(p, best) < 0)) {
			free(best);
			best = p;
		} else {
			free(p);
		}
	}
	closedir(d);
	return best;
}

int source_is_session_dir(const char *dir)
{
	struct stat st;
	char *l = xasprintf("%s/left.log", dir), *r = xasprintf("%s/right.log", dir);
	int ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && stat(l, &st) == 0 && S_ISREG(st.st_mode) &&
		 stat(r, &st) == 0 && S_ISREG(st.st_mode);

	free(l);
	free(r);
	return ok;
}
