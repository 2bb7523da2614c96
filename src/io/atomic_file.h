/* atomic_file.h - replacing a file so that a failure never loses the old one.
 *
 * Writes to a temporary file beside the target, flushes it to disk (fsync),
 * renames it over the target and syncs the directory. On any failure the
 * temporary file is removed and the target is untouched. Devices and FIFOs
 * are written in place (no rename), a symlink is kept (the file it points to
 * is written, even when it does not exist yet), and a read-only file is
 * refused.
 */
#ifndef SMP_ATOMIC_FILE_H
#define SMP_ATOMIC_FILE_H

#include "../core/error.h"

#include <stddef.h>

bool file_write_atomic(const char *path, const void *data, size_t size, SmpError *err);

/* True when both paths name one existing file (same device and inode, so
 * links, "./x" and symlinks count as the same file). */
bool file_is_same(const char *a, const char *b);

/* Removes temporary files of interrupted atomic writes in dir (".<base>.tmp-"
 * and eight hex digits; base NULL: any base) that are at least min_age_s
 * seconds old. Returns how many were removed. */
int file_atomic_clean_temps(const char *dir, const char *base, double min_age_s);

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
