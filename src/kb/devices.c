/*
 * devices.c - kb/devices/ (*.json), one device profile per file: how to
 * stream the VPN log on that kind of gateway (exec or an interactive
 * shell), how to read the IPsec status and what in it shows the tunnel's
 * state, its traffic counters, how to ping with a source address.
 */
#include "kb/kb.h"
#include "kb/fields.h"
#include "kb/json.h"
#include "kb/load.h"
#include "base/util.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* "log": the mode and the files, commands or the line to type. */
static int device_log(struct kbj *c, json_object *root, struct device *d)
{
	static const char *const modes[] = { "exec", "shell" };
	json_object *log = kbj_get(root, "log");
	int v;

	if (log == NULL || !json_object_is_type(log, json_type_object))
		return kbj_fail(c, "log", M_KB_DEV_LOG);
	kbj_push(c, "log", 0);
	if (kbj_enum(c, log, "mode", modes, 2, LOG_EXEC, 1, &v) ||
	    kbj_strs(c, log, "files", 0, &d->files, &d->nfiles) ||
	    kbj_strs(c, log, "commands", 0, &d->commands, &d->ncommands) ||
	    kbj_str(c, log, "send", 0, &d->send) || kbj_str(c, log, "prompt", 0, &d->prompt))
		return -1;
	d->mode = (enum log_mode)v;
	if (d->mode == LOG_EXEC && d->nfiles + d->ncommands == 0)
		return kbj_fail(c, NULL, M_KB_DEV_EXEC);
	if (d->mode == LOG_SHELL && d->send == NULL)
		return kbj_fail(c, "send", M_KB_DEV_SHELL);
	for (int i = 0; i < d->nfiles; i++)
		if (strpbrk(d->files[i], "'\"`$\\\n") != NULL)
			return kbj_fail(c, "files", M_KB_DEV_FILE_CHARS, d->files[i]);
	c->path[0] = '\0';
	return 0;
}

/* "status_match": literal texts of the status output per state. */
static int device_status_match(struct kbj *c, json_object *root, struct device *d)
{
	static const char *const keys[3] = { "conn_loaded", "isakmp_sa", "ipsec_sa" };
	json_object *sm = kbj_get(root, "status_match");
	size_t old;

	if (sm == NULL)
		return 0;
	if (!json_object_is_type(sm, json_type_object))
		return kbj_fail(c, "status_match", M_KB_DEV_STATUS);
	old = kbj_push(c, "status_match", 0);
	for (int k = 0; k < 3; k++)
		if (kbj_strs(c, sm, keys[k], 0, &d->smatch[k], &d->nsmatch[k]))
			return -1;
	kbj_pop(c, old);
	return 0;
}

/* A counters pattern captures at least one counter, and only counters. */
static int check_counter(struct kbj *c, const struct pattern *p, const char *src)
{
	static const char *const names[] = { "bytes_in", "packets_in", "bytes_out", "packets_out" };
	int ok = 0;

	for (int k = 0; k < p->npieces; k++)
		if (p->pieces[k].name != NULL) {
			int known = 0;

			for (int m = 0; m < 4; m++)
				known |= strcmp(p->pieces[k].name, names[m]) == 0;
			if (!known)
				return kbj_fail(c, "counters", M_KB_DEV_CAPTURE,
				    p->pieces[k].name, src);
			ok = 1;
		}
	if (!ok)
		return kbj_fail(c, "counters", M_KB_DEV_NO_COUNTER, src);
	return 0;
}

/* "counters": patterns of status lines with SA traffic counters. */
static int device_counters(struct kbj *c, json_object *root, struct device *d)
{
	char **cs = NULL;
	int nc = 0, r = 0;

	if (kbj_strs(c, root, "counters", 0, &cs, &nc))
		return -1;
	d->counters = nc ? xcalloc((size_t)nc, sizeof *d->counters) : NULL;
	for (int i = 0; i < nc && r == 0; i++) {
		r = kbf_compile(c, "counters", cs[i], &d->counters[d->ncounters]);
		if (r == 0) {
			d->ncounters++;
			r = check_counter(c, &d->counters[i], cs[i]);
		}
	}
	kbj_strs_free(cs, nc);
	return r;
}

/* A glob the gateway's shell may expand: no quote, space or $. */
static int glob_ok(const char *g)
{
	return g[0] == '/' && strspn(g, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._-*") == strlen(g);
}

/* "config": how to read the IPsec configuration (optional). */
static int device_config(struct kbj *c, json_object *root, struct device *d)
{
	json_object *o = kbj_get(root, "config");

	if (o == NULL)
		return 0;
	if (!json_object_is_type(o, json_type_object))
		return kbj_fail(c, "config", M_KB_DEV_CFG_OBJECT);
	kbj_push(c, "config", 0);
	if (kbj_str(c, o, "syntax", 0, &d->cfg_syntax) || kbj_str(c, o, "main", 0, &d->cfg_main) ||
	    kbj_str(c, o, "note", 0, &d->cfg_note) || kbj_strs(c, o, "files", 0, &d->cfg_files, &d->ncfg_files) ||
	    kbj_strs(c, o, "secrets", 0, &d->cfg_secrets, &d->ncfg_secrets))
		return -1;
	if (d->cfg_main != NULL && (d->cfg_syntax == NULL ||
	    (strcmp(d->cfg_syntax, "ipsec.conf") != 0 && strcmp(d->cfg_syntax, "swanctl.conf") != 0)))
		return kbj_fail(c, "syntax", M_KB_DEV_CFG_SYNTAX);
	if (d->cfg_main != NULL && !glob_ok(d->cfg_main))
		return kbj_fail(c, "main", M_KB_DEV_CFG_MAIN, d->cfg_main);
	for (int i = 0; i < d->ncfg_files; i++)
		if (!glob_ok(d->cfg_files[i]))
			return kbj_fail(c, "files", M_KB_DEV_CFG_GLOB, d->cfg_files[i]);
	for (int i = 0; i < d->ncfg_secrets; i++)
		if (!glob_ok(d->cfg_secrets[i]))
			return kbj_fail(c, "secrets", M_KB_DEV_CFG_GLOB, d->cfg_secrets[i]);
	if (d->cfg_main == NULL && d->cfg_note == NULL)
		return kbj_fail(c, NULL, M_KB_DEV_CFG_NEEDS);
	c->path[0] = '\0';
	return 0;
}

static int load_one_device(struct kbj *c, json_object *root, void *item)
{
	struct device *d = item;
	char *dialect = NULL;
	int r = -1;

	d->dialect = -1;
	if (kbj_str(c, root, "id", 1, &d->id) || kbj_str(c, root, "name", 1, &d->name) ||
	    kbj_str(c, root, "dialect", 0, &dialect))
		goto out;
	if (dialect != NULL && (d->dialect = kb_dialect_index(c->kb, dialect)) < 0) {
		kbj_fail(c, "dialect", M_KB_UNKNOWN_DIALECT_SEE, dialect);
		goto out;
	}
	if (device_log(c, root, d) ||
	    kbj_strs(c, root, "status", 0, &d->status, &d->nstatus) || kbj_str(c, root, "ping", 0, &d->ping) ||
	    kbj_str(c, root, "probe", 0, &d->probe) ||
	    device_status_match(c, root, d) || device_counters(c, root, d) || device_config(c, root, d))
		goto out;
	if (d->ping != NULL && (strstr(d->ping, "{source}") == NULL || strstr(d->ping, "{target}") == NULL)) {
		kbj_fail(c, "ping", M_KB_DEV_PING);
		goto out;
	}
	r = 0;
out:
	free(dialect);
	return r;
}

static const struct kbj_kind device_kind = {
	.what = M_KB_W_DEVICE, .list = NULL, .id_field = "id", .size = sizeof(struct device),
	.id_off = offsetof(struct device, id), .file_off = offsetof(struct device, file),
	.has_file = 1, .dup = KBJ_DUP_ALSO_IN, .load = load_one_device,
};

int load_device(struct kbj *c, const char *path)
{
	struct kb *kb = c->kb;

	kb->devices = kbj_file(c, path, &device_kind, kb->devices, &kb->ndevices, &kb->device_ids);
	return c->err != NULL ? -1 : 0;
}

void devices_free(struct kb *kb)
{
	for (int i = 0; i < kb->ndevices; i++) {
		struct device *d = &kb->devices[i];

		free(d->id);
		free(d->name);
		kbj_strs_free(d->files, d->nfiles);
		kbj_strs_free(d->commands, d->ncommands);
		free(d->send);
		free(d->prompt);
		kbj_strs_free(d->status, d->nstatus);
		for (int k = 0; k < 3; k++)
			kbj_strs_free(d->smatch[k], d->nsmatch[k]);
		kbf_patterns_free(d->counters, d->ncounters);
		free(d->ping);
		free(d->probe);
		free(d->cfg_syntax);
		free(d->cfg_main);
		free(d->cfg_note);
		kbj_strs_free(d->cfg_files, d->ncfg_files);
		kbj_strs_free(d->cfg_secrets, d->ncfg_secrets);
	}
	free(kb->devices);
	kb_ids_free(&kb->device_ids);
}
