/*
 * cli.h - the tunneldoc command line: the global options and the dispatch
 * to one command of the command table (see cmd.h: one file per command,
 * each with its options and its help in English and German), and the
 * exit codes (0 ran, 1 input unreadable or knowledge base broken, 2 usage
 * error).
 */
#ifndef TD_CLI_H
#define TD_CLI_H

#define TD_EXIT_OK 0
#define TD_EXIT_INPUT 1
#define TD_EXIT_USAGE 2

#ifndef TD_VERSION
#define TD_VERSION "0.1.0"
#endif

int cli_main(int argc, char **argv);


#endif
