/*
 * i18n_tab.h - the message table in parts: i18n.c holds most messages,
 * a stage with many messages of its own has its part in a file of its own
 * (i18n_kb.c: the kb loader; i18n_cli.c: the commands' help texts and
 * the messages of src/cli/ added since; i18n_cfg.c: the configuration
 * diff's messages added since), each
 * for one contiguous range of ids of enum msg. msg() looks in the part
 * that holds the id; only i18n*.c include this header, after base/i18n.h
 * (it does not include it itself: i18n.c and i18n.h are one module, and
 * the layout test refuses a circle between modules).
 */
#ifndef TD_I18N_TAB_H
#define TD_I18N_TAB_H

/* [id] = { English, German }, as in i18n.c (ids before the part's first
 * stay empty: a few KB, for one way of writing every entry). */
extern const char *const i18n_kb[M_KB_LAST + 1][2];
extern const char *const i18n_cli[M_H_LAST + 1][2];
extern const char *const i18n_cfg[M_CG_LAST + 1][2];

/* 1 when the formats en and de take the same printf arguments (i18n_check.c). */
int i18n_formats_agree(const char *en, const char *de);

#endif
