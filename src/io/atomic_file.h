/* atomic_file.h - replacing a file so that a failure never loses the old one.
 *
 * Writes to a temporary file beside the target, flushes it to disk (fsync),
 * renames it over the target and syncs the directory. On any failure the
 * temporary file is removed and the target is untouched.
 */
#ifndef SMP_ATOMIC_FILE_H
#define SMP_ATOMIC_FILE_H

#include "../core/error.h"

#include <stddef.h>

bool file_write_atomic(const char *path, const void *data, size_t size, SmpError *err);

/* Reads a whole file (malloc'ed, NUL-terminated beyond size). Refuses files
 * larger than max_size with a clear message. */
bool file_read_all(const char *path, size_t max_size, char **out, size_t *out_size, SmpError *err);

/* Failure injection for tests: the next atomic write fails at this step. */
typedef enum AtomicFailPoint {
    ATOMIC_FAIL_NONE = 0,
    ATOMIC_FAIL_WRITE,        /* write error (e.g. disk full) */
    ATOMIC_FAIL_BEFORE_RENAME, /* error between write and rename */
    ATOMIC_CRASH_BEFORE_RENAME /* the process dies (SIGKILL) between write and rename */
} AtomicFailPoint;
void file_atomic_inject_failure(AtomicFailPoint point);

#endif
