/* error.h - readable failure reasons.
 *
 * Every function that can fail takes an SmpError * (may be NULL) as its last
 * argument, returns false on failure and fills err->msg with one line that names
 * the file and the problem ("photo.jpg: truncated JPEG data"). Nothing aborts on
 * bad input.
 */
#ifndef SMP_ERROR_H
#define SMP_ERROR_H

#include <stdbool.h>

enum { SMP_ERROR_MAX = 512 };

typedef struct SmpError {
    char msg[SMP_ERROR_MAX];
} SmpError;

#if defined(__GNUC__)
#define SMP_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define SMP_PRINTF(fmt_index, first_arg)
#endif

/* Sets the message (printf style) and returns false so callers can
 * `return smp_fail(err, "...")`. err may be NULL. */
bool smp_fail(SmpError *err, const char *fmt, ...) SMP_PRINTF(2, 3);

/* Prefixes an existing message: "plan.smp: " + msg. */
bool smp_fail_prefix(SmpError *err, const char *prefix);

#endif
