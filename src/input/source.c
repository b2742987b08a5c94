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

/* The name of the input in a message. */
static const char *shown(const char *path, enum lang lang)
{
	return strcmp(path, "-") == 0 ? msg(M_IN_STDIN, lang) : path;
}

/* A device that is not a log: not a terminal, not /dev/null (empty). */
static int not_a_log_device(int fd, const struct stat *st)
{
	struct stat null;

	if (S_ISBLK(st->st_mode))
		return 1;
	if (!S_ISCHR(st->st_mode) || (fd >= 0 && isatty(fd)))
		return 0;
	return !(stat("/dev/null", &null) == 0 && null.st_rdev == st->st_rdev);
}

/* path itself, or the log picked in the directory path (*picked). -1 with *cause. */
static int resolve(const char *path, enum side_id side, enum lang lang, char **picked, char **cause)
{
	struct stat st;

	*picked = NULL;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0)
		return 0;   /* opening it says what is wrong */
	if (S_ISDIR(st.st_mode) && (*picked = source_pick_in_dir(path, side)) == NULL) {
		*cause = xasprintf(msg(M_IN_NO_LOG_IN_DIR, lang), path);
		return -1;
	}
	if (S_ISBLK(st.st_mode)) {
		*cause = xasprintf(msg(M_IN_DEVICE, lang), path);
		return -1;
	}
	return 0;
}

/* Open the log at path (see resolve); the fd, or -1 with *cause. */
static int open_log(const char *path, enum lang lang, uint64_t *total, char **cause)
{
	struct stat st;
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);

	*total = 0;
	if (fd < 0) {
		*cause = xasprintf(msg(M_IN_CANNOT_READ, lang), path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0) {
		if (S_ISREG(st.st_mode))
			*total = (uint64_t)st.st_size;
		if (not_a_log_device(fd, &st)) {
			*cause = xasprintf(msg(M_IN_DEVICE, lang), shown(path, lang));
			if (fd != STDIN_FILENO)
				close(fd);
			return -1;
		}
	}
	return fd;
}

/*
 * Read fd into side. An overlong line has its head analysed and the rest
 * skipped; a run of SOURCE_MAX_RUN bytes without a line break stops.
 */
static int feed_fd(struct analysis *a, enum side_id side, int fd, const char *path, uint64_t total,
    struct progress *pg, enum lang lang, char **cause)
{
	char *buf = xmalloc(CHUNK + TD_MAXLINE + 1);
	uint64_t done = 0, run = 0;
	size_t have = 0;
	int skipping = 0, r = 0;

	for (;;) {
		ssize_t n = read(fd, buf + have, CHUNK);
		size_t start = 0;
		int found = 0;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*cause = xasprintf(msg(M_IN_CANNOT_READ, lang), shown(path, lang), strerror(errno));
			r = -1;
			break;
		}
		if (n == 0)
			break;
		have += (size_t)n;
		done += (uint64_t)n;
		if (pg != NULL)
			progress_bytes(pg, path, done, total);
		for (char *nl; (nl = memchr(buf + start, '\n', have - start)) != NULL;) {
			if (!skipping)
				analysis_feed(a, side, buf + start, (size_t)(nl - (buf + start)));
			skipping = 0;
			found = 1;
			start = (size_t)(nl - buf) + 1;
		}
		run = found ? have - start : run + (uint64_t)n;
		memmove(buf, buf + start, have - start);
		have -= start;
		if (have > TD_MAXLINE) {
			/* an overlong line: analyse its head, skip the rest */
			if (!skipping)
				analysis_feed(a, side, buf, have);
			skipping = 1;
			have = 0;
		}
		if (run > SOURCE_MAX_RUN) {
			*cause = xasprintf(msg(M_IN_NO_LINE_BREAKS, lang), shown(path, lang), SOURCE_MAX_RUN >> 20);
			r = -1;
			break;
		}
	}
	if (r == 0 && have > 0 && !skipping)
		analysis_feed(a, side, buf, have);
	free(buf);
	return r;
}

int source_feed(struct analysis *a, enum side_id side, const char *path, struct progress *pg,
    enum lang lang, char **cause)
{
	char *picked = NULL;
	uint64_t total;
	int fd, r;

	*cause = NULL;
	if (resolve(path, side, lang, &picked, cause) != 0)
		return -1;
	if (picked != NULL)
		path = picked;
	if ((fd = open_log(path, lang, &total, cause)) < 0) {
		free(picked);
		return -1;
	}
	r = feed_fd(a, side, fd, path, total, pg, lang, cause);
	if (fd != STDIN_FILENO)
		close(fd);
	free(picked);
	if (r == 0)
		analysis_flush(a, side);
	return r;
}

int source_feed_file(struct analysis *a, enum side_id side, const char *path)
{
	char *cause = NULL;
	int r = source_feed(a, side, path, NULL, LANG_EN, &cause);

	free(cause);
	return r;
}

int source_check(const char *path, enum side_id side, enum lang lang, char **cause)
{
	char *picked = NULL;
	const char *p = path;
	struct stat st;
	int r = 0;

	*cause = NULL;
	if (strcmp(path, "-") == 0)
		return 0;
	if (resolve(path, side, lang, &picked, cause) != 0)
		return -1;
	if (picked != NULL)
		p = picked;
	if (access(p, R_OK) != 0 || stat(p, &st) != 0) {
		*cause = xasprintf(msg(M_IN_CANNOT_READ, lang), p, strerror(errno));
		r = -1;
	} else if (S_ISCHR(st.st_mode)) {
		int fd = open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

		if (fd >= 0 && not_a_log_device(fd, &st)) {
			*cause = xasprintf(msg(M_IN_DEVICE, lang), p);
			r = -1;
		}
		if (fd >= 0)
			close(fd);
	}
	free(picked);
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
