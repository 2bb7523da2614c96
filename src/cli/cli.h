/* cli.h - the headless subcommands: render, swatch, info, --help, --version.
 * See docs/cli.md. Errors: exit status 1 and one line "smpview: FILE: problem". */
#ifndef SMP_CLI_H
#define SMP_CLI_H

#include "../core/error.h"

#include <stdbool.h>

/* True when argv[1] selects a subcommand (render, swatch, info, --help, -h,
 * --version) rather than the interactive app. */
bool cli_is_command(const char *arg);

/* Runs the subcommand; returns the process exit status. */
int cli_main(int argc, char **argv);

/* The program's one way to report a fatal error, for the subcommands and the
 * app's command line alike: one line on stderr, "smpview: MESSAGE" (the
 * contract in docs/cli.md); returns 1, the exit status. */
int cli_fail(const char *fmt, ...) SMP_PRINTF(1, 2);

#endif
