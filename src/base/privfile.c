/*
 * privfile.c - see privfile.h.
 */
#include "base/privfile.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int privfile_begin(struct privfile *pf, const char *path)
{
	struct stat st;
	int fd;

	memset(pf, 0, sizeof(*pf));
	/* a directory or a device at the target is a mistake, not a report */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	pf->path = xstrdup(path);
	pf->tmp = xasprintf("%s.tmp-XXXXXX", path);
	fd = mkostemp(pf->tmp, O_CLOEXEC);   /* O_EXCL, mode 0600 */
	if (fd < 0)
		goto fail;
	if (fchmod(fd, 0600) != 0 || (pf->f = fdopen(fd, "w")) == NULL) {
		int e = errno;

		close(fd);
		unlink(pf->tmp);
		errno = e;
		goto fail;
	}
	return 0;
fail:
	{
		int e = errno;

		free(pf->path);
		free(pf->tmp);
		memset(pf, 0, sizeof(*pf));
		errno = e;
	}
	return -1;
}

int privfile_commit(struct privfile *pf)
{
	int rc = 0, e = 0;

	if (pf->f == NULL) {
		errno = EBADF;
		return -1;
	}
	if (fflush(pf->f) != 0 || ferror(pf->f) || fsync(fileno(pf->f)) != 0) {
		rc = -1;
		e = errno != 0 ? errno : EIO;
	}
	if (fclose(pf->f) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	pf->f = NULL;
	if (rc == 0 && rename(pf->tmp, pf->path) != 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0)
		unlink(pf->tmp);
	free(pf->path);
	free(pf->tmp);
	pf->path = pf->tmp = NULL;
	errno = e;
	return rc;
}

void privfile_abort(struct privfile *pf)
{
	if (pf->f != NULL)
		fclose(pf->f);
	if (pf->tmp != NULL)
		unlink(pf->tmp);
	free(pf->path);
	free(pf->tmp);
	memset(pf, 0, sizeof(*pf));
}

FILE *privfile_open_stream(const char *path)
{
	struct stat st;
	FILE *f;
	/* O_NONBLOCK: a FIFO at path fails (ENXIO) instead of waiting */
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	if (fcntl(fd, F_SETFL, 0) != 0 || fchmod(fd, 0600) != 0 || (f = fdopen(fd, "w")) == NULL) {
		int e = errno;

		close(fd);
		errno = e;
		return NULL;
	}
	return f;
}
