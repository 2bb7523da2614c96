/* cli_internal.h - what the subcommands' files share inside src/cli. */
#ifndef SMP_CLI_INTERNAL_H
#define SMP_CLI_INTERNAL_H

#include "../core/plan.h"

#include <stdbool.h>

/* Strict number parsing: the whole argument, finite, within [lo, hi]. */
bool cli_parse_double(const char *s, double lo, double hi, double *out);

/* An output must never replace one of the command's own inputs: 1 (after the
 * one-line error) when out and other are the same file, else 0. */
int cli_refuse_same_file(const char *out, const char *other, const char *what);

/* smpview match PLAN [--at X,Y[,R]] [-o OUT.smp] (cli_match.c). */
int cli_match(int argc, char **argv);

/* smpview plan-add-view PLAN PHOTO [--label L] [--view V] (cli_views.c). */
int cli_plan_add_view(int argc, char **argv);
/* The views of a plan with more than one, for `info` (cli_views.c). */
void cli_print_views(const SmpPlan *plan);

#endif
