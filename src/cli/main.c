/*
 * main.c - the tunneldoc program: hands over to the command line.
 */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
