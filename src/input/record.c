/*
 * record.c - see record.h.
 */
#include "input/record.h"
#include "base/clock.h"
#include "base/redact.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef TD_VERSION
#define TD_VERSION "0.1.0"
#endif

struct recorder {
	char *dir;
	char *kind;
	FILE *log[2], *times[2];
	int64_t started;
	int failed;
	struct strbuf clean;	/* the line being written, secrets redacted */
};

/* Open path for writing, readable by the owner only: a recording is a
 * gateway's log, and the umask must not make it world-readable. */
static FILE *open_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f;

	if (fd < 0)
		return NULL;
	if (fchmod(fd, 0600) != 0 || (f = fdopen(fd, "w")) == NULL) {
		int e = errno;

		close(fd);
		errno = e;
		return NULL;
	}
	return f;
}

struct recorder *recorder_open(const char *dir, const char *kind)
{
	struct recorder *r;
	struct stat st;
	char *p;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return NULL;
	p = xasprintf("%s/session.json", dir);
	if (stat(p, &st) == 0) {
		free(p);
		errno = EEXIST;
		return NULL;
	}
	free(p);
	r = xcalloc(1, sizeof *r);
	r->dir = xstrdup(dir);
	r->kind = xstrdup(kind);
	r->started = wall_ms();
	for (int s = 0; s < 2; s++) {
		char *lp = xasprintf("%s/%s.log", dir, s ? "right" : "left");
		char *tp = xasprintf("%s/%s.times", dir, s ? "right" : "left");

		r->log[s] = open_private(lp);
		r->times[s] = open_private(tp);
		free(lp);
		free(tp);
		/* line buffered: a crash keeps what was received */
		if (r->log[s] != NULL)
			setvbuf(r->log[s], NULL, _IOLBF, 0);
		if (r->times[s] != NULL)
			setvbuf(r->times[s], NULL, _IOLBF, 0);
		if (r->log[s] == NULL || r->times[s] == NULL) {
			int e = errno;

			for (int k = 0; k <= s; k++) {
				if (r->log[k])
					fclose(r->log[k]);
				if (r->times[k])
					fclose(r->times[k]);
			}
			free(r->dir);
			free(r->kind);
			free(r);
			errno = e;
			return NULL;
		}
	}
	return r;
}

int recorder_line(struct recorder *r, int side, const char *line, size_t len, int64_t recv_ms)
{
	int changed;

	if (r == NULL)
		return 0;
	redact_into(&r->clean, line, len, &changed);
	if (fwrite(r->clean.s, 1, r->clean.len, r->log[side]) != r->clean.len || fputc('\n', r->log[side]) == EOF ||
	    fprintf(r->times[side], "%lld\n", (long long)recv_ms) < 0) {
		r->failed = 1;
		return -1;
	}
	return 0;
}

int recorder_file(struct recorder *r, const char *name, const char *data, size_t len)
{
	char *p = xasprintf("%s/%s", r->dir, name);
	FILE *f = open_private(p);
	int changed, rc = 0;

	free(p);
	redact_into(&r->clean, data, len, &changed);
	if (f == NULL || fwrite(r->clean.s, 1, r->clean.len, f) != r->clean.len)
		rc = -1;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	return rc;
}

int recorder_close(struct recorder *r, const struct record_side sides[2])
{
	json_object *o = json_object_new_object(), *ss = json_object_new_object();
	FILE *f;
	char *p;
	int rc = r->failed ? -1 : 0;

	json_object_object_add(o, "tool", json_object_new_string("tunneldoc"));
	json_object_object_add(o, "version", json_object_new_string(TD_VERSION));
	json_object_object_add(o, "kind", json_object_new_string(r->kind));
	json_object_object_add(o, "started_ms", json_object_new_int64(r->started));
	json_object_object_add(o, "ended_ms", json_object_new_int64(wall_ms()));
	for (int s = 0; s < 2; s++) {
		json_object *so = json_object_new_object();

		json_object_object_add(so, "target", sides[s].target ? json_object_new_string(sides[s].target) : NULL);
		json_object_object_add(so, "profile", sides[s].profile ? json_object_new_string(sides[s].profile) : NULL);
		json_object_object_add(so, "lines", json_object_new_int64((int64_t)sides[s].lines));
		json_object_object_add(so, "reconnects", json_object_new_int(sides[s].reconnects));
		json_object_object_add(so, "state", sides[s].state ? json_object_new_string(sides[s].state) : NULL);
		json_object_object_add(so, "error", sides[s].error ? json_object_new_string(sides[s].error) : NULL);
		json_object_object_add(so, "log", json_object_new_string(s ? "right.log" : "left.log"));
		json_object_object_add(ss, s ? "right" : "left", so);
		if (fclose(r->log[s]) != 0)
			rc = -1;
		if (fclose(r->times[s]) != 0)
			rc = -1;
	}
	json_object_object_add(o, "sides", ss);
	p = xasprintf("%s/session.json", r->dir);
	f = open_private(p);
	if (f == NULL || fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY), f) == EOF || fputc('\n', f) == EOF)
		rc = -1;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	free(p);
	json_object_put(o);
	sb_free(&r->clean);
	free(r->dir);
	free(r->kind);
	free(r);
	return rc;
}
