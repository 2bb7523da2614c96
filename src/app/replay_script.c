/* replay_script.c - reads a replay script as a stream of commands, so a script
 * of any length takes one line of memory, and checks it whole before it runs. */
#include "replay.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads one line (without its newline) into s->buf; NUL bytes are kept and
 * reach the parser, which refuses them. Returns the length, -1 at the end,
 * -2 when the line is over REPLAY_LINE_MAX. */
static long read_line(ReplayScript *s)
{
    long n = 0;
    int c;
    bool any = false;
    while ((c = getc(s->f)) != EOF) {
        any = true;
        if (c == '\n')
            return n;
        if (n == REPLAY_LINE_MAX) {
            while ((c = getc(s->f)) != EOF && c != '\n')
                ; /* skip the rest, so the error names this line */
            return -2;
        }
        s->buf[n++] = (char)c;
    }
    return any ? n : -1;
}

/* Parses the next non-empty line: 1 with a command, 0 at the end, -1 on error. */
static int next_cmd(ReplayScript *s, ReplayCmd *out, SmpError *err)
{
    for (;;) {
        long n = read_line(s);
        if (n == -1)
            return ferror(s->f) ? (smp_fail(err, "%s: cannot read: %s", s->path, strerror(errno)), -1) : 0;
        s->line++;
        if (n == -2)
            return smp_fail(err, "%s:%d: line longer than %d bytes", s->path, s->line, REPLAY_LINE_MAX), -1;
        char problem[REPLAY_PROBLEM_MAX];
        if (!replay_parse_line(s->buf, (size_t)n, out, problem))
            return smp_fail(err, "%s:%d: %s", s->path, s->line, problem), -1;
        if (out->kind != REPLAY_NOP)
            return 1;
    }
}

bool replay_script_open(ReplayScript *s, const char *path, SmpError *err)
{
    memset(s, 0, sizeof *s);
    snprintf(s->path, sizeof s->path, "%s", path);
    /* Non-blocking open: a FIFO is refused below instead of waited on. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return smp_fail(err, "%s: cannot read the replay script: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return smp_fail(err, "%s: cannot read the replay script: not a regular file", path);
    }
    if ((long long)st.st_size > REPLAY_SCRIPT_MAX_BYTES) {
        close(fd);
        return smp_fail(err, "%s: the replay script is %lld MiB, over the %lld MiB limit", path,
                        (long long)st.st_size >> 20, REPLAY_SCRIPT_MAX_BYTES >> 20);
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags != -1)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    s->f = fdopen(fd, "rb");
    if (!s->f) {
        close(fd);
        return smp_fail(err, "%s: cannot read the replay script: %s", path, strerror(errno));
    }
    ReplayCmd c;
    int r;
    while ((r = next_cmd(s, &c, err)) == 1)
        ;
    if (r < 0 || fseek(s->f, 0, SEEK_SET) != 0) {
        if (r == 0)
            smp_fail(err, "%s: cannot read the replay script again: %s", path, strerror(errno));
        replay_script_close(s);
        return false;
    }
    s->line = 0;
    return true;
}

int replay_script_next(ReplayScript *s, ReplayCmd *out, SmpError *err)
{
    if (!s->f)
        return 0;
    return next_cmd(s, out, err);
}

void replay_script_close(ReplayScript *s)
{
    if (s->f)
        fclose(s->f);
    s->f = NULL;
}
