/* The state directory: autosave (for recovery after a crash), recent plans and
 * the last folder. Everything stays on this device; "forget this client"
 * removes a client's traces (docs/privacy.md). The autosave belongs to one
 * running instance: a lock file held for the instance's life says which. */
/* realpath() and flock() are not in C11 or plain POSIX */
#define _DEFAULT_SOURCE

#include "app_internal.h"

#include "../core/label.h"

#include "../core/text_escape.h"
#include "../io/atomic_file.h"
#include "../io/plan_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

enum { RECENT_MAX = 10 };

/* Temp files of saves interrupted this long ago are nobody's any more. */
#define STATE_STALE_TEMP_S 3600.0

static void state_file(const App *app, const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", app->state.dir, name);
}

/* A state file that could not be written: on screen and on stderr, but no
 * dialog, since the user's own save (if any) has succeeded. */
static void state_warn(App *app, const SmpError *err)
{
    char msg[SMP_ERROR_MAX + 64], safe[sizeof msg * 4];
    snprintf(msg, sizeof msg, "Could not update the state folder: %s", err->msg);
    smp_escape_controls(msg, safe, sizeof safe);
    app_set_status(app, safe);
    fprintf(stderr, "smpview: %s\n", safe);
}

static bool state_write(App *app, const char *name, const char *text)
{
    char path[APP_PATH_MAX + 32];
    state_file(app, name, path, sizeof path);
    SmpError err = {{0}};
    if (file_write_atomic(path, text, strlen(text), &err))
        return true;
    state_warn(app, &err);
    return false;
}

/* flock, not fcntl: fcntl locks belong to the process, so two editors in one
 * process (tests) would not see each other. The lock goes with the process,
 * so a crash never leaves a stale one behind. */
bool app_state_lock(App *app)
{
    if (!app->state.dir[0])
        return true;
    char path[APP_PATH_MAX + 32];
    state_file(app, "instance.lock", path, sizeof path);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) {
        app->state.lock = fd + 1;
        /* only the lock holder autosaves here, so old temp files are stale */
        file_atomic_clean_temps(app->state.dir, NULL, STATE_STALE_TEMP_S);
        char last[APP_PATH_MAX];
        app_state_last_folder(app, last, sizeof last);
        file_atomic_clean_temps(last, NULL, STATE_STALE_TEMP_S);
        return true;
    }
    if (fd >= 0)
        close(fd);
    app->state.autosave_off = true;
    return false;
}

void app_state_unlock(App *app)
{
    if (app->state.lock > 0)
        close(app->state.lock - 1); /* closing releases the flock */
    app->state.lock = 0;
}

void app_state_autosave(App *app)
{
    if (!app->state.dir[0] || !app->doc.has_photo || app->state.forgotten || app->state.autosave_off)
        return;
    char path[APP_PATH_MAX + 32];
    state_file(app, "autosave.smp", path, sizeof path);
    SmpPlan p;
    plan_init(&p);
    SmpError err = {{0}};
    if (!plan_copy(&app->doc.plan, &p, &err))
        return;
    p.head.view_chosen = false; /* the editor's alone: a file cannot hold it */
    /* Absolute: the autosave lives far from the photo. */
    snprintf(p.photo_path, sizeof p.photo_path, "%s", app->doc.photo_path);
    bool ok = plan_save(path, &p, &err);
    plan_free(&p);
    if (!ok) {
        state_warn(app, &err);
        char safe[160];
        smp_escape_controls(err.msg, safe, sizeof safe);
        snprintf(app->status.autosave_error, sizeof app->status.autosave_error,
                 "Autosave failed (%.150s): save your work with Ctrl+S", safe);
        return;
    }
    app->status.autosave_error[0] = 0;
    /* Where the work belongs, so recovery can keep saving to the same file. */
    char line[APP_PATH_MAX + 2];
    snprintf(line, sizeof line, "%s\n", app->doc.plan_path);
    state_write(app, "autosave.origin", line);
}

void app_state_poll(App *app)
{
    if (app->state.autosave_due > 0 && app->now >= app->state.autosave_due && app->gesture.drag == DRAG_NONE) {
        app->state.autosave_due = 0;
        if (app->doc.dirty)
            app_state_autosave(app);
    }
}

void app_state_clear_autosave(App *app)
{
    app->state.autosave_due = 0;
    if (app->state.autosave_off) /* the other instance's live work */
        return;
    char path[APP_PATH_MAX + 32];
    state_file(app, "autosave.smp", path, sizeof path);
    remove(path);
    state_file(app, "autosave.origin", path, sizeof path);
    remove(path);
}

bool app_state_has_autosave(const App *app)
{
    if (!app->state.dir[0] || app->state.autosave_off)
        return false;
    char path[APP_PATH_MAX + 32];
    state_file(app, "autosave.smp", path, sizeof path);
    return access(path, R_OK) == 0;
}

static void read_line(const char *path, char *out, size_t size)
{
    out[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    if (fgets(out, (int)size, f))
        out[strcspn(out, "\r\n")] = 0;
    fclose(f);
}

bool app_state_recover(App *app, SmpError *err)
{
    char path[APP_PATH_MAX + 32], origin[APP_PATH_MAX];
    state_file(app, "autosave.origin", path, sizeof path);
    read_line(path, origin, sizeof origin);
    state_file(app, "autosave.smp", path, sizeof path);
    /* Opens in the background; the plan is marked unsaved and belongs to
     * `origin` when it is committed (app_load.c). */
    return app_open_recover(app, path, origin, err);
}

/* Recent plans, newest first, one absolute path per line. */
int app_state_recent(const App *app, char out[][APP_PATH_MAX], int max)
{
    char path[APP_PATH_MAX + 32];
    state_file(app, "recent.txt", path, sizeof path);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int n = 0;
    while (n < max && fgets(out[n], APP_PATH_MAX, f)) {
        out[n][strcspn(out[n], "\r\n")] = 0;
        if (out[n][0])
            n++;
    }
    fclose(f);
    return n;
}

static void write_recent(App *app, char list[][APP_PATH_MAX], int n)
{
    size_t cap = (size_t)n * APP_PATH_MAX + 1, pos = 0;
    char *text = malloc(cap);
    if (!text)
        return;
    text[0] = 0;
    for (int i = 0; i < n; i++)
        pos += (size_t)snprintf(text + pos, cap - pos, "%s\n", list[i]);
    state_write(app, "recent.txt", text);
    free(text);
}

void app_state_add_recent(App *app, const char *plan_path)
{
    if (!app->state.dir[0] || !plan_path[0])
        return;
    /* Only on open and save, never per frame. */
    char(*list)[APP_PATH_MAX] = malloc(sizeof(char[RECENT_MAX + 1][APP_PATH_MAX]));
    if (!list)
        return;
    int n = app_state_recent(app, list + 1, RECENT_MAX);
    snprintf(list[0], APP_PATH_MAX, "%s", plan_path);
    int m = 1;
    for (int i = 1; i <= n && m < RECENT_MAX; i++)
        if (strcmp(list[i], plan_path) != 0)
            memcpy(list[m++], list[i], APP_PATH_MAX);
    write_recent(app, list, m);
    free(list);
}

/* Stored absolute: a relative folder typed in Export would mean another place
 * at the next start, and Forget client could not recognise it. */
void app_state_set_last_folder(App *app, const char *file_path)
{
    if (!app->state.dir[0])
        return;
    char dir[APP_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", file_path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    char *real = realpath(!slash ? "." : dir[0] ? dir : "/", NULL);
    if (!real)
        return;
    char line[APP_PATH_MAX + 2];
    snprintf(line, sizeof line, "%s\n", real);
    free(real);
    state_write(app, "last_folder.txt", line);
}

/* A one-line setting of this device in the state folder ("" when unset). */
static void setting_write(App *app, const char *name, const char *value)
{
    if (!app->state.dir[0])
        return;
    char line[128];
    snprintf(line, sizeof line, "%s\n", value);
    state_write(app, name, line);
}

static void setting_read(const App *app, const char *name, char *out, size_t size)
{
    char path[APP_PATH_MAX + 32];
    out[0] = 0;
    if (!app->state.dir[0])
        return;
    state_file(app, name, path, sizeof path);
    read_line(path, out, size);
}

void app_state_set_clinic_text(App *app, const char *text) { setting_write(app, "clinic_text.txt", text); }

void app_state_clinic_text(const App *app, char *out, size_t size)
{
    setting_read(app, "clinic_text.txt", out, size);
    if (!label_text_check(out, NULL))
        out[0] = 0; /* edited by hand into something a label cannot take */
}

void app_state_set_ui_size(App *app, int pct)
{
    char v[16];
    snprintf(v, sizeof v, "%d", pct);
    setting_write(app, "ui_size.txt", v);
}

int app_state_ui_size(const App *app)
{
    char v[16];
    setting_read(app, "ui_size.txt", v, sizeof v);
    int pct = atoi(v);
    return pct >= 100 && pct <= 200 ? pct : 0;
}

void app_state_set_explained(App *app, uint64_t bits)
{
    char v[32];
    snprintf(v, sizeof v, "%016llx", (unsigned long long)bits);
    setting_write(app, "explained.txt", v);
}

uint64_t app_state_explained(const App *app)
{
    char v[32];
    setting_read(app, "explained.txt", v, sizeof v);
    return strtoull(v, NULL, 16);
}

void app_state_last_folder(const App *app, char *out, size_t size)
{
    char path[APP_PATH_MAX + 32];
    state_file(app, "last_folder.txt", path, sizeof path);
    read_line(path, out, size);
    if (!out[0]) {
        char *cwd = getcwd(NULL, 0);
        snprintf(out, size, "%s", cwd ? cwd : ".");
        free(cwd);
    }
}

static bool same_folder(const char *a_file, const char *dir)
{
    const char *slash = strrchr(a_file, '/');
    if (!slash || !dir[0])
        return false;
    size_t n = (size_t)(slash - a_file);
    return strlen(dir) == n && strncmp(a_file, dir, n) == 0;
}

/* A recent plan is the client's when it is the open document or was made on
 * the open photo (the photo may be open without any of its plans). */
static bool recent_is_client(const App *app, const char *plan_path)
{
    if (!strcmp(plan_path, app->doc.plan_path) || !strcmp(plan_path, app->doc.photo_path))
        return true;
    SmpPlan *p = app->doc.photo_path[0] ? malloc(sizeof *p) : NULL;
    if (!p)
        return false;
    char photo[APP_PATH_MAX * 2];
    bool mine = plan_load(plan_path, p, NULL) && plan_resolve_photo(plan_path, p, photo, sizeof photo) &&
                file_is_same(photo, app->doc.photo_path);
    plan_free(p);
    free(p);
    return mine;
}

int app_state_client_plans(const App *app, char out[][APP_PATH_MAX], int max)
{
    char(*list)[APP_PATH_MAX] = malloc(sizeof(char[RECENT_MAX][APP_PATH_MAX]));
    int n = list ? app_state_recent(app, list, RECENT_MAX) : 0, m = 0;
    if (app->doc.plan_path[0] && m < max)
        app_copy_str(out[m++], APP_PATH_MAX, app->doc.plan_path);
    for (int i = 0; i < n && m < max; i++) {
        bool known = app->doc.plan_path[0] && file_is_same(list[i], app->doc.plan_path);
        if (!known && !file_is_same(list[i], app->doc.photo_path) && recent_is_client(app, list[i]))
            app_copy_str(out[m++], APP_PATH_MAX, list[i]);
    }
    free(list);
    return m;
}

/* Removes the client's plans from recent.txt, and the temp files of their
 * interrupted saves; their folders go to `dirs` so the last folder can be
 * matched against them too. Returns how many. */
static int forget_recent(App *app, char dirs[][APP_PATH_MAX], int max_dirs)
{
    char(*list)[APP_PATH_MAX] = malloc(sizeof(char[RECENT_MAX][APP_PATH_MAX]));
    if (!list)
        return 0;
    int n = app_state_recent(app, list, RECENT_MAX), m = 0, d = 0;
    for (int i = 0; i < n; i++) {
        if (!recent_is_client(app, list[i])) {
            memmove(list[m++], list[i], APP_PATH_MAX);
            continue;
        }
        char *slash = strrchr(list[i], '/');
        if (slash && d < max_dirs) {
            snprintf(dirs[d], APP_PATH_MAX, "%.*s", (int)(slash - list[i]), list[i]);
            /* the temp files of this plan's interrupted saves go too */
            file_atomic_clean_temps(dirs[d][0] ? dirs[d] : "/", slash + 1, 0);
            d++;
        }
    }
    if (m != n)
        write_recent(app, list, m);
    free(list);
    return d;
}

/* Temp files of the client's interrupted saves: beside the plan, and all of
 * the state folder's (the autosave's) when this instance owns it. */
static void forget_temps(App *app)
{
    if (app->state.lock > 0)
        file_atomic_clean_temps(app->state.dir, NULL, 0);
    const char *slash = strrchr(app->doc.plan_path, '/');
    if (!slash)
        return;
    char dir[APP_PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - app->doc.plan_path), app->doc.plan_path);
    file_atomic_clean_temps(dir[0] ? dir : "/", slash + 1, 0);
}

void app_state_forget_client(App *app)
{
    if (!app->state.dir[0])
        return;
    char dirs[RECENT_MAX][APP_PATH_MAX];
    int n_dirs = forget_recent(app, dirs, RECENT_MAX);
    char last[APP_PATH_MAX], path[APP_PATH_MAX + 32];
    state_file(app, "last_folder.txt", path, sizeof path);
    read_line(path, last, sizeof last);
    char *real = last[0] ? realpath(last, NULL) : NULL; /* older versions stored it as typed */
    bool theirs = false;
    for (int k = 0; k < 2; k++) {
        const char *l = k ? (real ? real : "") : last;
        theirs = theirs || same_folder(app->doc.plan_path, l) || same_folder(app->doc.photo_path, l);
        for (int i = 0; i < n_dirs; i++)
            theirs = theirs || (l[0] && !strcmp(dirs[i], l));
    }
    free(real);
    if (theirs)
        remove(path);
    forget_temps(app);
    app_state_clear_autosave(app);
    app->state.forgotten = true;
    app->state.forgets++;
}

unsigned app_forget_count(const App *app) { return app->state.forgets; }
