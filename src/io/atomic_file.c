/* atomic_file.c - write-to-temp, fsync, rename, fsync the directory.
 *
 * The temporary file lives in the target's directory (rename is only atomic
 * within one file system) and is created with O_EXCL under a fresh name, so two
 * savers never share it. It is created with mode 0666 (the umask applies, as for
 * any new file); when the target already exists, its permission bits are copied
 * so replacing a private plan never makes it readable by others. A symlinked
 * target is followed: the file it points to is replaced, the link stays.
 * Once rename has succeeded the new file is in place; a failing directory fsync
 * after that is not reported, because "failed" must mean "old file intact".
 */
/* realpath() is an XSI function */
#define _XOPEN_SOURCE 700

#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The one piece of mutable global state: a test-only, one-shot switch. */
static AtomicFailPoint atomic_fail_next;

void file_atomic_inject_failure(AtomicFailPoint point) { atomic_fail_next = point; }

static AtomicFailPoint atomic_take_failure(AtomicFailPoint point)
{
    if (atomic_fail_next != point)
        return ATOMIC_FAIL_NONE;
    atomic_fail_next = ATOMIC_FAIL_NONE;
    return point;
}

enum { ATOMIC_PATH_MAX = 4096 };

/* The file to replace: the target of a symlink, else path itself. */
static bool atomic_resolve_target(const char *path, char *out, size_t out_size)
{
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *real = realpath(path, NULL);
        if (real) {
            bool fits = strlen(real) < out_size;
            if (fits)
                memcpy(out, real, strlen(real) + 1);
            free(real);
            return fits;
        }
    }
    return (size_t)snprintf(out, out_size, "%s", path) < out_size;
}

static void atomic_dir_of(const char *path, char *dir, size_t dir_size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, dir_size, ".");
    else if (slash == path)
        snprintf(dir, dir_size, "/");
    else
        snprintf(dir, dir_size, "%.*s", (int)(slash - path), path);
}

/* Opens "<dir>/.<name>.tmp-<random>" with O_EXCL; retries on a name clash.
 * The name mixes the pid, the clock and a stack address, which differ between
 * processes and between threads, so no shared counter is needed. */
static int atomic_open_temp(const char *target, char *tmp, size_t tmp_size)
{
    const char *slash = strrchr(target, '/');
    int dir_len = slash ? (int)(slash - target + 1) : 0;
    const char *base = slash ? slash + 1 : target;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)getpid() * 0x9E3779B97F4A7C15ull ^ (uint64_t)ts.tv_nsec ^
                 ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)(uintptr_t)&ts;
    for (int attempt = 0; attempt < 100; attempt++) {
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9ull;
        x ^= x >> 29;
        int n = snprintf(tmp, tmp_size, "%.*s.%s.tmp-%08x", dir_len, target, base, (unsigned)(x & 0xFFFFFFFFu));
        if (n < 0 || (size_t)n >= tmp_size) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

static bool atomic_write_all(int fd, const void *data, size_t size)
{
    const unsigned char *p = data;
    while (size > 0) {
        ssize_t n = write(fd, p, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (n == 0) {
            errno = EIO;
            return false;
        }
        p += n;
        size -= (size_t)n;
    }
    return true;
}

/* Directory fsync makes the rename itself durable. Some file systems refuse
 * fsync on a directory (EINVAL); the rename has happened, so this is best effort. */
static void atomic_sync_dir(const char *target)
{
    char dir[ATOMIC_PATH_MAX];
    atomic_dir_of(target, dir, sizeof dir);
    int fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

static bool atomic_fail_errno(const char *path, int saved_errno, SmpError *err)
{
    return smp_fail(err, "%s: cannot save: %s", path, strerror(saved_errno));
}

/* Everything between a created temp file and a successful rename; on false the
 * caller removes the temp file. */
static bool atomic_fill_and_rename(int fd, const char *tmp, const char *target, const char *path, const void *data,
                                   size_t size, SmpError *err)
{
    struct stat old;
    if (stat(target, &old) == 0 && S_ISREG(old.st_mode))
        (void)fchmod(fd, old.st_mode & 07777);
    if (atomic_take_failure(ATOMIC_FAIL_WRITE)) {
        close(fd);
        return atomic_fail_errno(path, ENOSPC, err);
    }
    /* close() can report a deferred write error (NFS), so it is checked too */
    bool written = atomic_write_all(fd, data, size) && fsync(fd) == 0;
    int saved = errno;
    if (close(fd) != 0 && written) {
        written = false;
        saved = errno;
    }
    if (!written)
        return atomic_fail_errno(path, saved, err);
    if (atomic_take_failure(ATOMIC_CRASH_BEFORE_RENAME))
        raise(SIGKILL); /* tests only: a power cut or kill -9 at the worst moment */
    if (atomic_take_failure(ATOMIC_FAIL_BEFORE_RENAME))
        return smp_fail(err, "%s: cannot save: interrupted before the file was replaced (injected failure)", path);
    if (rename(tmp, target) != 0)
        return atomic_fail_errno(path, errno, err);
    return true;
}

bool file_write_atomic(const char *path, const void *data, size_t size, SmpError *err)
{
    char target[ATOMIC_PATH_MAX], tmp[ATOMIC_PATH_MAX + 64];
    if (!path || !path[0])
        return smp_fail(err, "cannot save: no file name");
    if (!atomic_resolve_target(path, target, sizeof target))
        return smp_fail(err, "%s: cannot save: the path is too long", path);
    struct stat st;
    if (stat(target, &st) == 0 && S_ISDIR(st.st_mode))
        return smp_fail(err, "%s: cannot save: it is a directory", path);
    int fd = atomic_open_temp(target, tmp, sizeof tmp);
    if (fd < 0)
        return atomic_fail_errno(path, errno, err);
    /* atomic_fill_and_rename closes fd on every path */
    if (!atomic_fill_and_rename(fd, tmp, target, path, data, size, err)) {
        unlink(tmp);
        return false;
    }
    atomic_sync_dir(target);
    return true;
}

/* ---- reading ---------------------------------------------------------------- */

static bool read_fail_errno(const char *path, const char *what, SmpError *err)
{
    return smp_fail(err, "%s: cannot %s: %s", path, what, strerror(errno));
}

static void read_size_text(size_t bytes, char *out, size_t out_size)
{
    if (bytes >= 1024u * 1024u)
        snprintf(out, out_size, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
    else
        snprintf(out, out_size, "%zu bytes", bytes);
}

static bool read_fail_too_large(const char *path, size_t size_hint, size_t max_size, SmpError *err)
{
    char limit[32];
    read_size_text(max_size, limit, sizeof limit);
    if (size_hint > max_size) {
        char have[32];
        read_size_text(size_hint, have, sizeof have);
        return smp_fail(err, "%s: file is too large (%s; the limit is %s)", path, have, limit);
    }
    return smp_fail(err, "%s: file is too large (the limit is %s)", path, limit);
}

/* Reads until EOF rather than trusting st_size: the file may grow meanwhile,
 * and the cap must hold whatever happens. */
static bool read_fd_all(int fd, const char *path, size_t max_size, size_t hint, char **out, size_t *out_size,
                        SmpError *err)
{
    size_t cap = (hint < max_size ? hint : max_size) + 1, len = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return smp_fail(err, "%s: out of memory reading the file", path);
    for (;;) {
        if (len == cap) {
            if (len > max_size) {
                free(buf);
                return read_fail_too_large(path, 0, max_size, err);
            }
            size_t grow = cap > max_size / 2 ? max_size + 1 : cap * 2;
            char *bigger = realloc(buf, grow + 1);
            if (!bigger) {
                free(buf);
                return smp_fail(err, "%s: out of memory reading the file", path);
            }
            buf = bigger;
            cap = grow;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            free(buf);
            return read_fail_errno(path, "read", err);
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (len > max_size) {
        free(buf);
        return read_fail_too_large(path, 0, max_size, err);
    }
    buf[len] = '\0';
    *out = buf;
    *out_size = len;
    return true;
}

bool file_read_all(const char *path, size_t max_size, char **out, size_t *out_size, SmpError *err)
{
    *out = NULL;
    *out_size = 0;
    if (max_size > SIZE_MAX / 2) /* keeps the +1 arithmetic below from wrapping */
        max_size = SIZE_MAX / 2;
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer
     * before the check below could refuse it; regular files read as usual. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return read_fail_errno(path, "open", err);
    struct stat st;
    if (fstat(fd, &st) != 0) {
        bool r = read_fail_errno(path, "read", err);
        close(fd);
        return r;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return smp_fail(err, "%s: cannot open: it is a directory", path);
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return smp_fail(err, "%s: cannot open: not a regular file", path);
    }
    if ((uint64_t)st.st_size > (uint64_t)max_size) {
        close(fd);
        return read_fail_too_large(path, (size_t)st.st_size, max_size, err);
    }
    bool ok = read_fd_all(fd, path, max_size, (size_t)st.st_size, out, out_size, err);
    close(fd);
    return ok;
}
