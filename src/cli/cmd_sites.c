/*
 * cmd_sites.c - tunneldoc sites: the site book (named tunnels with their
 * two gateways) as a list, as JSON, or only the names (for completion).
 */
#include "cli/cmd.h"
#include "cli/cli.h"
#include "live/sites.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>

static const struct option opts[] = {
	{ "json", no_argument, NULL, 'j' }, { "names", no_argument, NULL, 'n' },
	{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
};

struct sites_args {
	int json, names;
};

static int on_option(void *st, int c, const char *arg)
{
	struct sites_args *A = st;

	(void)arg;
	if (c == 'j')
		A->json = 1;
	else if (c == 'n')
		A->names = 1;
	return 0;
}

static void add_str(json_object *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_object_add(o, key, json_object_new_string(v));
}

/* One gateway of a site as JSON. */
static json_object *side_json(const struct site_side *d)
{
	json_object *x = json_object_new_object();
	char *t = site_target(d);

	add_str(x, "target", t);
	free(t);
	add_str(x, "host", d->host);
	add_str(x, "user", d->user);
	if (d->port)
		json_object_object_add(x, "port", json_object_new_int(d->port));
	add_str(x, "profile", d->profile);
	add_str(x, "jump", d->jump);
	add_str(x, "lan", d->lan);
	add_str(x, "log_file", d->log_file);
	add_str(x, "status_cmd", d->status_cmd);
	add_str(x, "config_cmd", d->config_cmd);
	return x;
}

static void print_json(const struct sitebook *b, const char *path)
{
	json_object *o = json_object_new_object(), *ss = json_object_new_object();

	json_object_object_add(o, "file", json_object_new_string(path));
	for (int i = 0; i < b->n; i++) {
		json_object *so = json_object_new_object();

		add_str(so, "description", b->v[i].description);
		json_object_object_add(so, "left", side_json(&b->v[i].side[0]));
		json_object_object_add(so, "right", side_json(&b->v[i].side[1]));
		json_object_object_add(ss, b->v[i].name, so);
	}
	json_object_object_add(o, "sites", ss);
	puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

/* One line per site: name, both gateways with their profiles, description. */
static void print_list(const struct sitebook *b)
{
	for (int i = 0; i < b->n; i++) {
		const struct site *s = &b->v[i];
		char *l = site_target(&s->side[0]), *r = site_target(&s->side[1]);

		printf("%-20s %s (%s)  <->  %s (%s)%s%s\n", s->name, l, s->side[0].profile ? s->side[0].profile : "auto",
		    r, s->side[1].profile ? s->side[1].profile : "auto",
		    s->description ? "  " : "", s->description ? s->description : "");
		free(l);
		free(r);
	}
}

static int run(const struct cmd_entry *e, const struct cli_ctx *x, int argc, char **argv)
{
	struct sites_args A = { 0, 0 };
	struct sitebook b;
	char *path, *err = NULL;
	int rc, r;

	if ((rc = cli_getopt(e, x, argc, argv, on_option, &A)) >= 0)
		return rc;
	if (optind < argc)
		return cli_usage(x->lang, M_CLI_NO_ARGUMENTS, e->name, argv[optind]);
	if ((path = sites_path()) == NULL) {
		cli_error(x->lang, M_CLI_NO_HOME);
		return TD_EXIT_INPUT;
	}
	if ((r = sites_load(path, &b, x->lang, &err)) < 0) {
		cli_cause(err);
		sites_free(&b);
		free(path);
		return TD_EXIT_INPUT;
	}
	if (A.json)
		print_json(&b, path);
	else if (A.names)
		for (int i = 0; i < b.n; i++)
			puts(b.v[i].name);
	else if (b.n == 0)
		printf(msg(M_CLI_BOOK_EMPTY, x->lang), path, msg(r == 1 ? M_CLI_BOOK_NOT_THERE : M_CLI_BOOK_NO_SITES, x->lang));
	else
		print_list(&b);
	sites_free(&b);
	free(path);
	return TD_EXIT_OK;
}

const struct cmd_entry cmd_sites_entry = {
	"sites",
	M_H_SITES_SUMMARY,
	M_H_SITES, "h", opts, run, NULL,
};
