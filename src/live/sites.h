/*
 * sites.h - the site book: named tunnels with their two gateways, so that
 * `tunneldoc connect berlin-hamburg` opens both. One JSON file,
 * $TUNNELDOC_SITES or $XDG_CONFIG_HOME/tunneldoc/sites.json (default
 * ~/.config/tunneldoc/sites.json):
 *
 *   {"sites": {"berlin-hamburg": {"description": "...",
 *     "left":  {"host": "gw-berlin", "user": "admin", "port": 22,
 *               "profile": "mguard", "jump": "admin@bastion",
 *               "lan": "10.1.0.1", "log_file": "/var/log/vpn",
 *               "status_cmd": "...", "config_cmd": "..."},
 *     "right": {"host": "gw-hamburg"}}}}
 *
 * Only host is required. No secrets: a field that looks like one is an
 * error. A malformed file is reported with its line and field.
 */
#ifndef TD_SITES_H
#define TD_SITES_H

#include "base/i18n.h"

struct site_side {
	char *host, *user, *profile, *jump, *lan, *log_file;
	char *status_cmd, *config_cmd;  /* read-only commands instead of the profile's */
	int port;                  /* 0: default / ssh config */
};

struct site {
	char *name, *description;
	struct site_side side[2];
};

struct sitebook {
	char *path;
	struct site *v;
	int n;
};

/* The site book's path (allocated), or NULL without HOME. */
char *sites_path(void);
/*
 * Load path into b. 0 loaded, 1 the file does not exist (empty book),
 * -1 malformed or unreadable: *err (allocated) names the file, the line
 * and the field, in lang.
 */
int sites_load(const char *path, struct sitebook *b, enum lang lang, char **err);
const struct site *sites_find(const struct sitebook *b, const char *name);
void sites_free(struct sitebook *b);
/* "[user@]host[:port]" of a side (allocated). */
char *site_target(const struct site_side *s);

#endif
