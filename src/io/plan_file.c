/* plan_file.c - plan files on disk, and the photo path stored in them.
 *
 * Paths are handled as POSIX strings. Resolving never folds "a/.." away: when
 * "a" is a symlink the OS and the string would disagree, and the OS is right.
 * Computing a relative path has to fold "..", which is the usual lexical
 * convention (as Go's filepath.Rel and Python's relpath do).
 */
/* realpath() is an XSI function */
#define _XOPEN_SOURCE 700

#include "plan_file.h"

#include "bundle.h"

#include "../core/plan_json.h"
#include "atomic_file.h"
#include "photo.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool plan_load(const char *path, SmpPlan *out, SmpError *err)
{
    plan_init(out);
    char *text;
    size_t len;
    if (!file_read_all(path, PLAN_FILE_MAX_BYTES, &text, &len, err))
        return false;
    bool ok = bundle_starts(text, len)
                  ? smp_fail(err, "%s: a plan with its photo (a bundle): unpack it first (smpview unpack %s)", path, path)
                  : plan_from_json(text, len, path, out, err);
    free(text);
    return ok;
}

/* Reads the text back before writing it: a plan that would not load again
 * (a NaN, an out-of-range value from a bug elsewhere) is refused now, while the
 * old file is still intact, instead of being found broken at the next open. */
static bool check_round_trip(const char *path, const SmpPlan *plan, const char *text, size_t len, SmpError *err)
{
    SmpPlan *back = malloc(sizeof *back);
    if (!back)
        return smp_fail(err, "%s: out of memory saving the plan", path);
    bool ok = plan_from_json(text, len, "not saved, the plan is invalid", back, err);
    if (ok && !plan_equal(plan, back))
        ok = smp_fail(err, "not saved, the plan does not read back the same (please report this)");
    plan_free(back);
    free(back);
    return ok || smp_fail_prefix(err, path);
}

bool plan_save(const char *path, const SmpPlan *plan, SmpError *err)
{
    char *text;
    size_t len;
    if (!plan_to_json(plan, &text, &len, err))
        return smp_fail_prefix(err, path);
    bool ok = check_round_trip(path, plan, text, len, err) && file_write_atomic(path, text, len, err);
    free(text);
    return ok;
}

/* ---- path strings ---------------------------------------------------------- */

enum { PARTS_MAX = PLAN_PATH_MAX };

/* A path as components (pointers into the source string). "." and empty
 * components (from "//" or a trailing '/') are dropped. */
typedef struct PathParts {
    bool absolute;
    int n;
    const char *s[PARTS_MAX];
    size_t len[PARTS_MAX];
} PathParts;

static bool is_dotdot(const PathParts *p, int i) { return p->len[i] == 2 && memcmp(p->s[i], "..", 2) == 0; }

/* fold: "a/../b" -> "b" and "/.." -> "/"; leading ".." of a relative path stay. */
static bool path_split(const char *path, bool fold, PathParts *out)
{
    out->absolute = path[0] == '/';
    out->n = 0;
    for (const char *c = path; *c;) {
        while (*c == '/')
            c++;
        const char *start = c;
        while (*c && *c != '/')
            c++;
        size_t len = (size_t)(c - start);
        if (len == 0 || (len == 1 && start[0] == '.'))
            continue;
        if (out->n >= PARTS_MAX)
            return false;
        out->s[out->n] = start;
        out->len[out->n] = len;
        out->n++;
        if (fold && is_dotdot(out, out->n - 1)) {
            if (out->n >= 2 && !is_dotdot(out, out->n - 2))
                out->n -= 2;
            else if (out->absolute)
                out->n -= 1;
        }
    }
    return true;
}

/* Appends to out[*pos], keeping it NUL-terminated; false on overflow. */
static bool append(char *out, size_t size, size_t *pos, const char *s, size_t n)
{
    if (*pos + n + 1 > size)
        return false;
    memcpy(out + *pos, s, n);
    *pos += n;
    out[*pos] = '\0';
    return true;
}

/* parts[from..] joined after an optional prefix. */
static bool path_join(const PathParts *p, int from, bool absolute, char *out, size_t size, size_t *pos)
{
    if (absolute && !append(out, size, pos, "/", 1))
        return false;
    for (int i = from; i < p->n; i++) {
        bool sep = *pos > 0 && out[*pos - 1] != '/';
        if ((sep && !append(out, size, pos, "/", 1)) || !append(out, size, pos, p->s[i], p->len[i]))
            return false;
    }
    return true;
}

/* A plan opened through a symlink is the file the link points to, and its
 * photo path is relative to that file (docs/plan-format.md): saving writes
 * the target and computes the path from there, so reading must agree. */
static char *plan_real_path(const char *plan_path)
{
    struct stat st;
    if (!plan_path || lstat(plan_path, &st) != 0 || !S_ISLNK(st.st_mode))
        return NULL;
    return realpath(plan_path, NULL);
}

/* A photo path stored in the plan, joined to the plan's directory. */
static bool resolve_stored_path(const char *plan_path, const char *stored, char *out, size_t out_size)
{
    if (out_size == 0)
        return false;
    out[0] = '\0';
    if (!stored[0])
        return false;
    char *real = plan_real_path(plan_path);
    if (real)
        plan_path = real;
    PathParts *dir = malloc(sizeof *dir), *photo = malloc(sizeof *photo);
    bool ok = dir && photo && path_split(stored, false, photo) && photo->n > 0;
    if (ok && !photo->absolute && plan_path) {
        ok = path_split(plan_path, false, dir);
        dir->n = dir->n > 0 ? dir->n - 1 : 0; /* the plan's own file name */
    } else if (dir) {
        dir->n = 0;
        dir->absolute = false;
    }
    size_t pos = 0;
    ok = ok && path_join(dir, 0, dir->absolute || photo->absolute, out, out_size, &pos) &&
         path_join(photo, 0, false, out, out_size, &pos);
    free(dir);
    free(photo);
    free(real);
    if (!ok)
        out[0] = '\0';
    return ok;
}

bool plan_resolve_photo(const char *plan_path, const SmpPlan *plan, char *out, size_t out_size)
{
    return resolve_stored_path(plan_path, plan->photo_path, out, out_size);
}

bool plan_resolve_view_photo(const char *plan_path, const SmpPlan *plan, int n, char *out, size_t out_size)
{
    PlanView v = plan_view(plan, n);
    return resolve_stored_path(plan_path, v.photo_path, out, out_size);
}

bool plan_load_view_photo(const char *plan_path, const SmpPlan *plan, int n, SmpImage *out, SmpError *err)
{
    char path[PLAN_PATH_MAX * 2];
    if (!plan_resolve_view_photo(plan_path, plan, n, path, sizeof path))
        return smp_fail(err, "the plan names no photo for view %d", n);
    return photo_load(path, out, NULL, err);
}

void plan_move_view_paths(SmpPlan *plan, const char *from_plan_path, const char *to_plan_path)
{
    for (int i = 0; i < plan->extra_view_count; i++) {
        char *stored = plan->extra_views[i].photo_path, where[PLAN_PATH_MAX * 2];
        if (resolve_stored_path(from_plan_path, stored, where, sizeof where))
            plan_relative_photo_path(to_plan_path, where, stored, PLAN_PATH_MAX);
    }
}

/* The relative path from directory `dir` to `target`, both folded and of the
 * same kind. False when it cannot be known from the strings alone ("../x"
 * seen from "../y" depends on the name of the current directory). */
static bool relative_from(const PathParts *dir, const PathParts *target, char *out, size_t size)
{
    int k = 0;
    while (k < dir->n && k < target->n && dir->len[k] == target->len[k] &&
           memcmp(dir->s[k], target->s[k], dir->len[k]) == 0)
        k++;
    for (int i = k; i < dir->n; i++)
        if (is_dotdot(dir, i))
            return false;
    size_t pos = 0;
    out[0] = '\0';
    /* Sharing only "/" (another disk, /media/...), the absolute path survives
     * moving the plan's folder better than a long climb of "../". */
    if (dir->absolute && k == 0 && dir->n > 0)
        return path_join(target, 0, true, out, size, &pos);
    for (int i = k; i < dir->n; i++)
        if (!append(out, size, &pos, "../", 3))
            return false;
    return path_join(target, k, false, out, size, &pos);
}

/* cwd + "/" + path when path is relative. */
static bool make_absolute(const char *path, char *out, size_t size)
{
    if (path[0] == '/')
        return (size_t)snprintf(out, size, "%s", path) < size;
    char cwd[PLAN_PATH_MAX * 2];
    if (!getcwd(cwd, sizeof cwd))
        return false;
    return (size_t)snprintf(out, size, "%s/%s", cwd, path) < size;
}

static bool relative_path(const char *plan_path, const char *photo_path, char *out, size_t out_size)
{
    PathParts *dir = malloc(sizeof *dir), *photo = malloc(sizeof *photo);
    bool ok = dir && photo && path_split(plan_path, true, dir) && path_split(photo_path, true, photo) &&
              dir->absolute == photo->absolute;
    if (ok) {
        dir->n = dir->n > 0 ? dir->n - 1 : 0;
        ok = relative_from(dir, photo, out, out_size);
    }
    free(dir);
    free(photo);
    return ok;
}

static void relative_photo_path(const char *plan_path, const char *photo_path, char *out, size_t out_size);

void plan_relative_photo_path(const char *plan_path, const char *photo_path, char *out, size_t out_size)
{
    char *real = plan_real_path(plan_path); /* the same rule as plan_resolve_photo */
    relative_photo_path(real ? real : plan_path, photo_path, out, out_size);
    free(real);
}

static void relative_photo_path(const char *plan_path, const char *photo_path, char *out, size_t out_size)
{
    if (out_size == 0)
        return;
    out[0] = '\0';
    if (!photo_path[0])
        return; /* no photo */
    if (relative_path(plan_path, photo_path, out, out_size))
        return;
    /* Mixed kinds, or a climb above the current directory: go through cwd. */
    char abs_plan[PLAN_PATH_MAX * 3], abs_photo[PLAN_PATH_MAX * 3];
    if (make_absolute(plan_path, abs_plan, sizeof abs_plan) && make_absolute(photo_path, abs_photo, sizeof abs_photo) &&
        relative_path(abs_plan, abs_photo, out, out_size))
        return;
    if (make_absolute(photo_path, out, out_size))
        return;
    snprintf(out, out_size, "%s", photo_path);
}
