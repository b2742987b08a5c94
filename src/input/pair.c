/*
 * pair.c - see pair.h.
 */
#include "input/pair.h"

#include <pthread.h>
#include <stdlib.h>

struct feed_job {
	struct analysis *a;
	enum side_id side;
	const char *path;
	int show_progress;
	enum lang lang;
	char *cause;
	int rc;
};

static void *feed_one(void *arg)
{
	struct feed_job *j = arg;
	struct progress pg;

	progress_init(&pg, j->lang);
	j->rc = source_feed(j->a, j->side, j->path, j->show_progress ? &pg : NULL, j->lang, &j->cause);
	progress_done(&pg);
	return NULL;
}

int source_feed_pair(struct analysis *a, const char *const path[2], int show_progress, enum lang lang,
    char **cause)
{
	struct feed_job job[2];
	pthread_t right;
	int threaded = 0, failed = 0;

	*cause = NULL;
	for (int s = 0; s < 2; s++)
		job[s] = (struct feed_job){ a, (enum side_id)s, path[s], show_progress, lang, NULL, 0 };
	/* the right side on a thread of its own, the left on this one; where
	 * no thread can be started, one after the other */
	if (path[LEFT] != NULL && path[RIGHT] != NULL)
		threaded = pthread_create(&right, NULL, feed_one, &job[RIGHT]) == 0;
	if (path[LEFT] != NULL)
		feed_one(&job[LEFT]);
	if (threaded)
		pthread_join(right, NULL);
	else if (path[RIGHT] != NULL)
		feed_one(&job[RIGHT]);
	for (int s = 0; s < 2; s++) {
		if (job[s].rc != 0 && !failed) {
			*cause = job[s].cause;
			failed = 1;
		} else {
			free(job[s].cause);
		}
	}
	return failed ? -1 : 0;
}
