/* test_atomic_file.c - a failed save never loses the old file or litters the
 * folder; reading refuses what is too big with a clear message. */
/* mknod, makedev, S_IFCHR: not in plain POSIX */
#define _DEFAULT_SOURCE

#include "test.h"

#include "io/atomic_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static const char *in_dir(const char *name)
{
    static char buf[16][256]; /* several paths live at once in one test */
    static int next;
    char *p = buf[next++ % 16];
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

/* A dangling symlink is kept: the save creates the file it points to (the
 * docs promise links stay links). Today's code replaced the link itself. */
static void test_dangling_symlink_kept(void)
{
    const char *link = in_dir("dangling.smp"), *target = in_dir("later.smp");
    SmpError err;
    CHECK(symlink("later.smp", link) == 0);
    CHECKF(file_write_atomic(link, "new", 3, &err), "%s", err.msg);
    struct stat st;
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(lstat(target, &st) == 0 && S_ISREG(st.st_mode) && file_is(target, "new"));
    /* control: a chain of links ends at the same file */
    CHECK(symlink("dangling.smp", in_dir("chain.smp")) == 0);
    CHECK(file_write_atomic(in_dir("chain.smp"), "via chain", 9, &err) && file_is(target, "via chain"));
    CHECK(lstat(in_dir("chain.smp"), &st) == 0 && S_ISLNK(st.st_mode));
    unlink(in_dir("chain.smp"));
    unlink(link);
    unlink(target);
    CHECK(entries_in(dir) == 0);
}

/* A FIFO is written in place, and one nobody reads is refused at once (no
 * hang); either way it stays a FIFO and no temp file is left. */
static void test_fifo_written_through(void)
{
    const char *fifo = in_dir("pipe");
    SmpError err;
    CHECK(mkfifo(fifo, 0600) == 0);
    alarm(10); /* a blocking open would hang the suite: fail instead */
    CHECK(!file_write_atomic(fifo, "x", 1, &err) && strstr(err.msg, "nothing is reading from it"));
    int rd = open(fifo, O_RDONLY | O_NONBLOCK);
    CHECK(rd >= 0);
    CHECKF(file_write_atomic(fifo, "through", 7, &err), "%s", err.msg);
    char buf[16] = {0};
    CHECK(read(rd, buf, sizeof buf) == 7 && memcmp(buf, "through", 7) == 0);
    close(rd);
    /* reading one is refused too, without waiting for a writer */
    char *text = NULL;
    size_t n = 0;
    CHECK(!file_read_all(fifo, 100, &text, &n, &err) && strstr(err.msg, "not a regular file") && !text);
    alarm(0);
    struct stat st;
    CHECK(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode));
    unlink(fifo);
    CHECK(entries_in(dir) == 0);
}

/* A character device (a private copy of /dev/null, made only where mknod is
 * allowed) is written in place, directly and through a symlink: it stays a
 * device. The real /dev/null is written only after the copy came through, so
 * a regression can never replace it. */
static void test_device_written_through(void)
{
    SmpError err;
    struct stat st;
    const char *dev = in_dir("null"), *link = in_dir("null.csv");
    if (mknod(dev, S_IFCHR | 0666, makedev(1, 3)) != 0) {
        printf("ok device_written_through # skipped: mknod not allowed here\n");
        return;
    }
    CHECK(symlink("null", link) == 0);
    CHECKF(file_write_atomic(link, "abc", 3, &err), "%s", err.msg);
    CHECKF(file_write_atomic(dev, "abc", 3, &err), "%s", err.msg);
    bool kept = lstat(dev, &st) == 0 && S_ISCHR(st.st_mode);
    CHECK(kept);
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    if (kept) { /* the real one only once the copy has shown it is safe */
        CHECKF(file_write_atomic("/dev/null", "abc", 3, &err), "%s", err.msg);
        CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
    }
    unlink(link);
    unlink(dev);
    CHECK(entries_in(dir) == 0);
}

/* A read-only plan is not replaced, even by root (who may write anything);
 * control: the same file made writable is saved. */
static void test_read_only_refused(void)
{
    const char *p = in_dir("locked.smp");
    SmpError err;
    CHECK(file_write_atomic(p, "kept", 4, &err));
    CHECK(chmod(p, 0444) == 0);
    CHECK(!file_write_atomic(p, "lost", 4, &err) && strstr(err.msg, "read-only") && strstr(err.msg, p));
    CHECK(file_is(p, "kept"));
    CHECK(chmod(p, 0644) == 0);
    CHECK(file_write_atomic(p, "saved", 5, &err) && file_is(p, "saved"));
    unlink(p);
    CHECK(entries_in(dir) == 0);
}

static void test_same_file(void)
{
    char a[256], b[256]; /* in_dir's buffers rotate */
    snprintf(a, sizeof a, "%s", in_dir("a.jpg"));
    snprintf(b, sizeof b, "%s", in_dir("b.jpg"));
    SmpError err;
    CHECK(file_write_atomic(a, "1", 1, &err) && file_write_atomic(b, "1", 1, &err));
    CHECK(symlink("a.jpg", in_dir("l.jpg")) == 0 && link(a, in_dir("h.jpg")) == 0);
    CHECK(file_is_same(a, in_dir("l.jpg")) && file_is_same(a, in_dir("h.jpg")) && file_is_same(a, a));
    CHECK(!file_is_same(a, b));                  /* same content, another file */
    CHECK(!file_is_same(a, in_dir("none.jpg"))); /* a new output is never "the same" */
    CHECK(!file_is_same(a, "") && !file_is_same(NULL, a));
    unlink(in_dir("l.jpg"));
    unlink(in_dir("h.jpg"));
    unlink(a);
    unlink(b);
}

static void touch_aged(const char *path, long age_s)
{
    FILE *f = fopen(path, "w");
    if (f)
        fclose(f);
    struct timespec t[2];
    clock_gettime(CLOCK_REALTIME, &t[0]);
    t[0].tv_sec -= age_s;
    t[1] = t[0];
    utimensat(AT_FDCWD, path, t, 0);
}

/* Only our exact temp name, only old ones; with a base, only that file's. */
static void test_clean_temps(void)
{
    static const char *keep[] = {".plan.smp.tmp-0123abcX", "plan.smp.tmp-0123abcd", ".plan.smp.tmp-0123abc",
                                 ".plan.smp.tmp-0123ABCD", ".tmp-0123abcd", "notes.txt"};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        touch_aged(in_dir(keep[i]), 7200);
    touch_aged(in_dir(".plan.smp.tmp-0123abcd"), 7200); /* old: goes */
    touch_aged(in_dir(".plan.smp.tmp-99999999"), 0);    /* fresh: a save may be running */
    touch_aged(in_dir(".other.png.tmp-deadbeef"), 7200); /* another file's */
    CHECK(file_atomic_clean_temps(dir, "plan.smp", 3600) == 1);
    CHECK(access(in_dir(".plan.smp.tmp-0123abcd"), F_OK) != 0);
    CHECK(access(in_dir(".plan.smp.tmp-99999999"), F_OK) == 0);
    CHECK(access(in_dir(".other.png.tmp-deadbeef"), F_OK) == 0);
    CHECK(file_atomic_clean_temps(dir, NULL, 0) == 2);
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        CHECKF(access(in_dir(keep[i]), F_OK) == 0, "%s was removed", keep[i]);
        unlink(in_dir(keep[i]));
    }
    CHECK(entries_in(dir) == 0);
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
    TEST_RUN(test_dangling_symlink_kept);
    TEST_RUN(test_fifo_written_through);
    TEST_RUN(test_device_written_through);
    TEST_RUN(test_read_only_refused);
    TEST_RUN(test_same_file);
    TEST_RUN(test_clean_temps);
    rmdir(dir);
    return TEST_SUMMARY();
}
