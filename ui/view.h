/*
 * view.h - the console's views by number (the key table says in which
 * views a key works; app.h holds the views' ops table).
 */
#ifndef TD_VIEW_H
#define TD_VIEW_H

enum view_id { V_SBS, V_LADDER, V_FINDINGS, V_CHECKLIST, V_CONFIG, V_HELP, V_COUNT };

#endif
