/* bundle.c - reading and unpacking plan-with-photo bundles (bundle.h). */
#include "bundle.h"

#include "atomic_file.h"
#include "photo.h"
#include "plan_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER_MAX 300 /* "photo " + a 255-byte name + a count */
#define FOLDER_TRIES 99
#define BUNDLE_MAX_BYTES ((size_t)PLAN_FILE_MAX_BYTES + PHOTO_MAX_FILE_BYTES + 4096)

bool bundle_starts(const void *data, size_t size)
{
    return size >= sizeof BUNDLE_MAGIC - 1 && memcmp(data, BUNDLE_MAGIC, sizeof BUNDLE_MAGIC - 1) == 0;
}

bool bundle_sniff(const char *path)
{
    char head[sizeof BUNDLE_MAGIC - 1];
    /* O_NONBLOCK: a FIFO must not wait for a writer; only a regular file is read. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && read(fd, head, sizeof head) == (ssize_t)sizeof head &&
              bundle_starts(head, sizeof head);
    close(fd);
    return ok;
}

/* The reader's place in the bundle. */
typedef struct Cursor {
    const unsigned char *data;
    size_t size, at;
} Cursor;

/* One header line, NUL-terminated into line; false when there is none. */
static bool header_line(Cursor *c, char line[HEADER_MAX + 1])
{
    size_t n = 0;
    while (c->at + n < c->size && c->data[c->at + n] != '\n' && n < HEADER_MAX)
        n++;
    if (c->at + n >= c->size || c->data[c->at + n] != '\n')
        return false;
    memcpy(line, c->data + c->at, n);
    line[n] = '\0';
    c->at += n + 1;
    return true;
}

/* A decimal byte count of at most max; no sign, no spaces. */
static bool parse_count(const char *s, size_t max, size_t *out)
{
    size_t v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (max - (size_t)(*s - '0')) / 10)
            return false;
        v = v * 10 + (size_t)(*s - '0');
    }
    *out = v;
    return true;
}

/* n bytes of body and the '\n' after them. */
static bool body(Cursor *c, size_t n, const unsigned char **out)
{
    if (n >= c->size - c->at || c->data[c->at + n] != '\n')
        return false;
    *out = c->data + c->at;
    c->at += n + 1;
    return true;
}

/* A name that stays inside the folder it is unpacked into. */
static bool bare_name(const char *s)
{
    if (!*s || !strcmp(s, ".") || !strcmp(s, "..") || strlen(s) > BUNDLE_NAME_MAX)
        return false;
    for (; *s; s++)
        if (*s == '/' || *s == '\\' || (unsigned char)*s < 0x20 || *s == 0x7f)
            return false;
    return true;
}

bool bundle_parse(const unsigned char *data, size_t size, BundleParts *out, SmpError *err)
{
    memset(out, 0, sizeof *out);
    if (!bundle_starts(data, size))
        return smp_fail(err, "not a bundle");
    Cursor c = {data, size, sizeof BUNDLE_MAGIC - 1};
    char line[HEADER_MAX + 1];
    if (!header_line(&c, line) || strncmp(line, "plan ", 5) != 0 ||
        !parse_count(line + 5, PLAN_FILE_MAX_BYTES, &out->plan_size))
        return smp_fail(err, "damaged bundle (no plan)");
    if (!body(&c, out->plan_size, &out->plan))
        return smp_fail(err, "damaged bundle (truncated)");
    /* "photo NAME COUNT": the count is the last word, so a name may hold spaces. */
    char *count = header_line(&c, line) && !strncmp(line, "photo ", 6) ? strrchr(line, ' ') : NULL;
    if (!count || count < line + 6)
        return smp_fail(err, "damaged bundle (no photo)");
    *count++ = '\0';
    if (!bare_name(line + 6) || !parse_count(count, PHOTO_MAX_FILE_BYTES, &out->photo_size))
        return smp_fail(err, "damaged bundle (no photo)");
    if (!body(&c, out->photo_size, &out->photo))
        return smp_fail(err, "damaged bundle (truncated)");
    memcpy(out->photo_name, line + 6, strlen(line + 6) + 1);
    return true;
}

/* True when path holds exactly these bytes. */
static bool file_holds(const char *path, const unsigned char *bytes, size_t size)
{
    char *have = NULL;
    size_t n = 0;
    bool same = file_read_all(path, size, &have, &n, NULL) && n == size && memcmp(have, bytes, size) == 0;
    free(have);
    return same;
}

/* The folder's two files: written into a new folder, or found there already. */
static bool unpack_into(const char *folder, const char *plan, const BundleParts *b, bool *taken, SmpError *err)
{
    char photo[4200 + BUNDLE_NAME_MAX + 2];
    snprintf(photo, sizeof photo, "%s/%s", folder, b->photo_name);
    *taken = false;
    if (mkdir(folder, 0777) != 0) {
        if (errno != EEXIST)
            return smp_fail(err, "cannot make the folder %s: %s", folder, strerror(errno));
        *taken = !(file_holds(plan, b->plan, b->plan_size) && file_holds(photo, b->photo, b->photo_size));
        return true;
    }
    return file_write_atomic(photo, b->photo, b->photo_size, err) &&
           file_write_atomic(plan, b->plan, b->plan_size, err);
}

/* "DIR/NAME" of "DIR/NAME.smpb" (any case; "plan" for a bare ".smpb"), and
 * where NAME starts in it. */
static const char *bundle_stem(const char *path, char *stem, size_t size)
{
    snprintf(stem, size, "%s", path);
    size_t n = strlen(stem);
    if (n >= 5 && !strcasecmp(stem + n - 5, ".smpb"))
        stem[n - 5] = '\0';
    const char *slash = strrchr(stem, '/');
    const char *name = slash ? slash + 1 : stem;
    if (!*name)
        snprintf(stem + strlen(stem), size - strlen(stem), "plan");
    return name;
}

static bool unpack_parts(const char *path, const BundleParts *b, char *plan_path, size_t plan_path_size,
                         SmpError *err)
{
    char stem[4096], plan_name[4100], folder[4200], plan[8400];
    snprintf(plan_name, sizeof plan_name, "%s.smp", bundle_stem(path, stem, sizeof stem));
    if (!strcmp(b->photo_name, plan_name))
        return smp_fail(err, "%s: damaged bundle (the photo is named like the plan)", path);
    for (int k = 1; k <= FOLDER_TRIES; k++) {
        snprintf(folder, sizeof folder, k == 1 ? "%s" : "%s-%d", stem, k);
        snprintf(plan, sizeof plan, "%s/%s", folder, plan_name);
        if (strlen(plan) >= plan_path_size) /* refused before anything is written */
            return smp_fail(err, "%s: the folder's path is too long", path);
        bool taken;
        if (!unpack_into(folder, plan, b, &taken, err))
            return false;
        if (!taken) {
            memcpy(plan_path, plan, strlen(plan) + 1);
            return true;
        }
    }
    return smp_fail(err, "%s: cannot unpack: %s and the %d folders after it are taken", path, stem,
                    FOLDER_TRIES - 1);
}

bool bundle_read(const char *path, char **data, BundleParts *out, SmpError *err)
{
    size_t size = 0;
    if (!file_read_all(path, BUNDLE_MAX_BYTES, data, &size, err))
        return false;
    SmpError perr = {0};
    if (bundle_parse((const unsigned char *)*data, size, out, &perr))
        return true;
    free(*data);
    *data = NULL;
    return smp_fail(err, "%s: %s", path, perr.msg);
}

bool bundle_unpack(const char *bundle_path, char *plan_path, size_t plan_path_size, SmpError *err)
{
    char *data = NULL;
    BundleParts b;
    if (!bundle_read(bundle_path, &data, &b, err))
        return false;
    bool ok = unpack_parts(bundle_path, &b, plan_path, plan_path_size, err);
    free(data);
    return ok;
}
