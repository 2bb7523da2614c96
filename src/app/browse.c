/* browse.c - lists one folder for the open dialog: folders, photos and plans, sorted, with ".." to go up. */
/* realpath and d_type: POSIX/X/Open, declared by glibc only with these. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE

#include "browse.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

bool browse_init(BrowseList *b, int capacity)
{
    memset(b, 0, sizeof *b);
    b->entries = calloc((size_t)capacity, sizeof *b->entries);
    b->capacity = b->entries ? capacity : 0;
    return b->entries != NULL;
}

void browse_free(BrowseList *b)
{
    free(b->entries);
    memset(b, 0, sizeof *b);
}

int browse_file_kind(const char *name)
{
    static const char *photos[] = {".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp"};
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return -1;
    if (!strcasecmp(dot, ".smp"))
        return BROWSE_PLAN;
    if (!strcasecmp(dot, ".smpb"))
        return BROWSE_BUNDLE;
    for (size_t i = 0; i < sizeof photos / sizeof photos[0]; i++)
        if (!strcasecmp(dot, photos[i]))
            return BROWSE_PHOTO;
    return -1;
}

void browse_parent(const char *dir, char *out, size_t size)
{
    snprintf(out, size, "%s", dir);
    char *slash = strrchr(out, '/');
    if (!slash)
        snprintf(out, size, "/");
    else if (slash == out)
        out[1] = 0; /* "/a" -> "/" */
    else
        *slash = 0;
}

void browse_entry_path(const BrowseList *b, int i, char *out, size_t size)
{
    const BrowseEntry *e = &b->entries[i];
    if (e->kind == BROWSE_UP)
        browse_parent(b->dir, out, size);
    else
        snprintf(out, size, "%s%s%s", b->dir, strcmp(b->dir, "/") ? "/" : "", e->name);
}

static int entry_order(const void *pa, const void *pb)
{
    const BrowseEntry *a = pa, *b = pb;
    int ka = a->kind == BROWSE_UP ? 0 : a->kind == BROWSE_DIR ? 1 : 2;
    int kb = b->kind == BROWSE_UP ? 0 : b->kind == BROWSE_DIR ? 1 : 2;
    if (ka != kb)
        return ka - kb;
    int c = strcasecmp(a->name, b->name);
    return c ? c : strcmp(a->name, b->name);
}

static bool is_dir(const char *dir, const struct dirent *de)
{
#ifdef DT_DIR
    if (de->d_type == DT_DIR)
        return true;
    if (de->d_type != DT_UNKNOWN && de->d_type != DT_LNK)
        return false;
#endif
    /* Symlinks and file systems without d_type: ask the file. */
    char p[BROWSE_PATH_MAX + BROWSE_NAME_MAX + 2];
    snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

bool browse_list(BrowseList *b, const char *dir, bool photos_only, SmpError *err)
{
    char abs[BROWSE_PATH_MAX];
    char *r = realpath(dir[0] ? dir : ".", NULL);
    if (!r)
        return smp_fail(err, "%s: %s", dir, strerror(errno));
    if (strlen(r) >= sizeof abs) {
        free(r);
        return smp_fail(err, "%s: the folder's path is too long", dir);
    }
    snprintf(abs, sizeof abs, "%s", r);
    free(r);
    DIR *d = opendir(abs);
    if (!d)
        return smp_fail(err, "%s: %s", abs, strerror(errno));
    snprintf(b->dir, sizeof b->dir, "%s", abs);
    b->count = 0;
    b->more = 0;
    if (strcmp(abs, "/") != 0 && b->capacity > 0) {
        snprintf(b->entries[0].name, sizeof b->entries[0].name, "..");
        b->entries[0].kind = BROWSE_UP;
        b->count = 1;
    }
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *n = de->d_name;
        if (n[0] == '.' || strlen(n) >= BROWSE_NAME_MAX)
            continue;
        int kind = is_dir(abs, de) ? BROWSE_DIR : browse_file_kind(n);
        if (kind < 0 || (photos_only && (kind == BROWSE_PLAN || kind == BROWSE_BUNDLE)))
            continue;
        if (b->count >= b->capacity) {
            b->more++;
            continue;
        }
        BrowseEntry *e = &b->entries[b->count++];
        snprintf(e->name, sizeof e->name, "%s", n);
        e->kind = (BrowseKind)kind;
    }
    closedir(d);
    qsort(b->entries, (size_t)b->count, sizeof *b->entries, entry_order);
    return true;
}
