/* test_atomic_file.c - a failed save never loses the old file or litters the
 * folder; reading refuses what is too big with a clear message. */
#include "test.h"

#include "io/atomic_file.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static const char *in_dir(const char *name)
{
    static char buf[4][256];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, 256, "%s/%s", dir, name);
    return p;
}

static bool file_is(const char *path, const char *content)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char buf[256];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return n == strlen(content) && memcmp(buf, content, n) == 0;
}

static int entries_in(const char *path)
{
    DIR *d = opendir(path);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

static void test_write_creates_and_replaces(void)
{
    const char *p = in_dir("plan.smp");
    SmpError err;
    CHECKF(file_write_atomic(p, "first", 5, &err), "%s", err.msg);
    CHECK(file_is(p, "first"));
    CHECKF(file_write_atomic(p, "second, longer", 14, &err), "%s", err.msg);
    CHECK(file_is(p, "second, longer"));
    CHECK(file_write_atomic(p, "", 0, &err) && file_is(p, ""));
    CHECKF(entries_in(dir) == 1, "%d entries", entries_in(dir));
    unlink(p);
}

/* Both injected failure points: old content intact, temp file gone, a reason
 * naming the file; the switch is one-shot. */
static void test_injected_failures_keep_old_file(void)
{
    const char *p = in_dir("plan.smp");
    SmpError err;
    CHECK(file_write_atomic(p, "old plan", 8, &err));
    AtomicFailPoint points[2] = {ATOMIC_FAIL_WRITE, ATOMIC_FAIL_BEFORE_RENAME};
    for (int i = 0; i < 2; i++) {
        file_atomic_inject_failure(points[i]);
        err.msg[0] = '\0';
        CHECK(!file_write_atomic(p, "new plan!", 9, &err));
        CHECK(file_is(p, "old plan"));
        CHECKF(entries_in(dir) == 1, "point %d: %d entries", i, entries_in(dir));
        char prefix[300];
        snprintf(prefix, sizeof prefix, "%s: cannot save: ", p);
        CHECKF(strncmp(err.msg, prefix, strlen(prefix)) == 0, "%s", err.msg);
    }
    char expect[300];
    snprintf(expect, sizeof expect, "%s: cannot save: No space left on device", p);
    file_atomic_inject_failure(ATOMIC_FAIL_WRITE);
    CHECK(!file_write_atomic(p, "x", 1, &err) && strcmp(err.msg, expect) == 0);
    CHECK(file_write_atomic(p, "new plan!", 9, &err) && file_is(p, "new plan!"));
    unlink(p);
}

/* A real write error, not an injected one: the file-size limit makes write()
 * fail with EFBIG part-way, as a full disk would with ENOSPC. */
static void test_real_write_error_keeps_old_file(void)
{
    const char *p = in_dir("big.smp");
    SmpError err;
    CHECK(file_write_atomic(p, "small", 5, &err));
    static char big[20000];
    memset(big, 'x', sizeof big);
    struct rlimit old, lim;
    getrlimit(RLIMIT_FSIZE, &old);
    lim = old;
    lim.rlim_cur = 4096;
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN); /* else the kernel kills us */
    CHECK(setrlimit(RLIMIT_FSIZE, &lim) == 0);
    bool ok = file_write_atomic(p, big, sizeof big, &err);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, prev);
    CHECK(!ok);
    CHECKF(strstr(err.msg, "big.smp: cannot save: File too large") != NULL, "%s", err.msg);
    CHECK(file_is(p, "small"));
    CHECKF(entries_in(dir) == 1, "%d entries", entries_in(dir));
    unlink(p);
}

/* A real crash between write and rename: a child process is killed there. The
 * old plan survives whole, and the next save works (a stale temp file may stay,
 * hidden, next to it). */
static void test_crash_before_rename_keeps_old_file(void)
{
    const char *p = in_dir("crash.smp");
    SmpError err;
    CHECK(file_write_atomic(p, "old plan", 8, &err));
    fflush(NULL);
    pid_t child = fork();
    if (child == 0) {
        file_atomic_inject_failure(ATOMIC_CRASH_BEFORE_RENAME);
        file_write_atomic(p, "new plan that never lands", 25, &err);
        _exit(0); /* not reached */
    }
    int status = 0;
    CHECK(child > 0 && waitpid(child, &status, 0) == child);
    CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "child status %d", status);
    CHECK(file_is(p, "old plan"));
    CHECK(file_write_atomic(p, "saved again", 11, &err) && file_is(p, "saved again"));
    unlink(p);
    /* The dead process's temp file is all that is left: hidden, never the plan. */
    DIR *d = opendir(dir);
    int stale = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        if (strncmp(e->d_name, ".crash.smp.tmp-", 15) == 0 && unlink(in_dir(e->d_name)) == 0)
            stale++;
    if (d)
        closedir(d);
    CHECKF(stale == 1 && entries_in(dir) == 0, "%d stale temp files", stale);
}

static void test_bad_targets(void)
{
    SmpError err;
    char expect[300];
    snprintf(expect, sizeof expect, "%s: cannot save: No such file or directory", in_dir("nodir/x.smp"));
    CHECK(!file_write_atomic(in_dir("nodir/x.smp"), "a", 1, &err) && strcmp(err.msg, expect) == 0);
    CHECK(mkdir(in_dir("sub"), 0700) == 0);
    CHECK(!file_write_atomic(in_dir("sub"), "a", 1, &err) && strstr(err.msg, "is a directory"));
    CHECK(rmdir(in_dir("sub")) == 0);
    CHECK(entries_in(dir) == 0);
}

/* Replacing keeps the permission bits (a private plan stays private), and a
 * symlink stays a link to the updated file. */
static void test_mode_and_symlink_kept(void)
{
    const char *p = in_dir("private.smp"), *link = in_dir("link.smp");
    SmpError err;
    CHECK(file_write_atomic(p, "v1", 2, &err));
    CHECK(chmod(p, 0600) == 0);
    CHECK(file_write_atomic(p, "v2", 2, &err));
    struct stat st;
    CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0600);
    CHECK(symlink("private.smp", link) == 0);
    CHECKF(file_write_atomic(link, "v3", 2, &err), "%s", err.msg);
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(file_is(p, "v3"));
    unlink(link);
    unlink(p);
}

static void test_read_all(void)
{
    const char *p = in_dir("r.txt");
    SmpError err;
    CHECK(file_write_atomic(p, "hello", 5, &err));
    char *text = NULL;
    size_t n = 0;
    CHECKF(file_read_all(p, 100, &text, &n, &err), "%s", err.msg);
    CHECK(n == 5 && text && memcmp(text, "hello", 6) == 0); /* NUL after the data */
    free(text);
    CHECK(file_read_all(p, 5, &text, &n, &err) && n == 5);
    free(text);
    text = (char *)"junk";
    CHECK(!file_read_all(p, 4, &text, &n, &err) && text == NULL && n == 0);
    char expect[300];
    snprintf(expect, sizeof expect, "%s: file is too large (5 bytes; the limit is 4 bytes)", p);
    CHECKF(strcmp(err.msg, expect) == 0, "%s", err.msg);
    snprintf(expect, sizeof expect, "%s: cannot open: No such file or directory", in_dir("none"));
    CHECK(!file_read_all(in_dir("none"), 100, &text, &n, &err) && strcmp(err.msg, expect) == 0 && text == NULL);
    CHECK(!file_read_all(dir, 100, &text, &n, &err) && strstr(err.msg, "is a directory") && text == NULL);
    CHECK(file_write_atomic(p, "", 0, &err) && file_read_all(p, 10, &text, &n, &err) && n == 0 && text && !text[0]);
    free(text);
    unlink(p);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/smp_atomic_XXXXXX");
    if (!mkdtemp(dir))
        return 2;
    TEST_RUN(test_write_creates_and_replaces);
    TEST_RUN(test_injected_failures_keep_old_file);
    TEST_RUN(test_real_write_error_keeps_old_file);
    TEST_RUN(test_crash_before_rename_keeps_old_file);
    TEST_RUN(test_bad_targets);
    TEST_RUN(test_mode_and_symlink_kept);
    TEST_RUN(test_read_all);
    rmdir(dir);
    return TEST_SUMMARY();
}
