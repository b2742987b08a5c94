/*
 * record.c - see record.h.
 */
#include "input/record.h"
#include "base/clock.h"
#include "base/privfile.h"
#include "base/redact.h"
#include "base/util.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

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
	struct redact_state rs[2];	/* each stream's PEM state */
};

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

		/* owner-only also when the file existed, never through a
		 * symlink: a recording is a gateway's log */
		r->log[s] = privfile_open_stream(lp);
		r->times[s] = r->log[s] != NULL ? privfile_open_stream(tp) : NULL;
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
	/* redacted before anything is written: a key's body spans lines */
	redact_line(&r->rs[side], &r->clean, line, len, &changed);
	if (fwrite(r->clean.s, 1, r->clean.len, r->log[side]) != r->clean.len || fputc('\n', r->log[side]) == EOF ||
	    fprintf(r->times[side], "%lld\n", (long long)recv_ms) < 0) {
		r->failed = 1;
		return -1;
	}
	return 0;
}

/* Write a whole document into the bundle: a temporary file renamed into
 * place (owner-only, no symlink followed). */
static int write_doc(const char *dir, const char *name, const char *data, size_t len)
{
	char *p = xasprintf("%s/%s", dir, name);
	struct privfile pf;
	int rc;

	rc = privfile_begin(&pf, p);
	free(p);
	if (rc != 0)
		return -1;
	if (fwrite(data, 1, len, pf.f) != len) {
		privfile_abort(&pf);
		return -1;
	}
	return privfile_commit(&pf);
}

int recorder_file(struct recorder *r, const char *name, const char *data, size_t len)
{
	int changed;

	/* the output is read as one stream: a key printed whole is redacted */
	redact_into(&r->clean, data, len, &changed);
	return write_doc(r->dir, name, r->clean.s, r->clean.len);
}

int recorder_close(struct recorder *r, const struct record_side sides[2])
{
	json_object *o = json_object_new_object(), *ss = json_object_new_object();
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
		if (sides[s].error != NULL) {
			int changed;

			redact_into(&r->clean, sides[s].error, strlen(sides[s].error), &changed);
			json_object_object_add(so, "error", json_object_new_string(r->clean.s));
		} else {
			json_object_object_add(so, "error", NULL);
		}
		json_object_object_add(so, "log", json_object_new_string(s ? "right.log" : "left.log"));
		json_object_object_add(ss, s ? "right" : "left", so);
		if (fclose(r->log[s]) != 0)
			rc = -1;
		if (fclose(r->times[s]) != 0)
			rc = -1;
	}
	json_object_object_add(o, "sides", ss);
	p = xasprintf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY));
	if (write_doc(r->dir, "session.json", p, strlen(p)) != 0)
		rc = -1;
	free(p);
	json_object_put(o);
	sb_free(&r->clean);
	free(r->dir);
	free(r->kind);
	free(r);
	return rc;
}
