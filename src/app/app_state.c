/* The state directory: autosave (for recovery after a crash), recent plans and
 * the last folder. Everything stays on this device; "forget this client"
 * removes a client's traces (docs/privacy.md). */
#include "app_internal.h"

#include "../io/plan_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { RECENT_MAX = 10 };

static void state_file(const App *app, const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", app->state_dir, name);
}

void app_state_autosave(App *app)
{
    if (!app->state_dir[0] || !app->has_photo || app->forgotten)
        return;
    char path[APP_PATH_MAX + 32];
    state_file(app, "autosave.smp", path, sizeof path);
    SmpPlan p;
    plan_init(&p);
    SmpError err;
    if (!plan_copy(&app->plan, &p, &err))
        return;
    /* Absolute: the autosave lives far from the photo. */
    snprintf(p.photo_path, sizeof p.photo_path, "%s", app->photo_path);
    if (!plan_save(path, &p, &err))
        fprintf(stderr, "smpview: autosave failed: %s\n", err.msg);
    plan_free(&p);
    /* Where the work belongs, so recovery can keep saving to the same file. */
    state_file(app, "autosave.origin", path, sizeof path);
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%s\n", app->plan_path);
        fclose(f);
    }
}

void app_state_clear_autosave(App *app)
{
    char path[APP_PATH_MAX + 32];
    state_file(app, "autosave.smp", path, sizeof path);
    remove(path);
    state_file(app, "autosave.origin", path, sizeof path);
    remove(path);
    app->autosave_due = 0;
}

bool app_state_has_autosave(const App *app)
{
    if (!app->state_dir[0])
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
    char path[APP_PATH_MAX + 32], tmp[APP_PATH_MAX + 40];
    state_file(app, "recent.txt", path, sizeof path);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return;
    for (int i = 0; i < n; i++)
        fprintf(f, "%s\n", list[i]);
    if (fclose(f) == 0)
        rename(tmp, path);
    else
        remove(tmp);
}

void app_state_add_recent(App *app, const char *plan_path)
{
    if (!app->state_dir[0] || !plan_path[0])
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

void app_state_set_last_folder(App *app, const char *file_path)
{
    if (!app->state_dir[0])
        return;
    char dir[APP_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", file_path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        return;
    *slash = 0;
    char path[APP_PATH_MAX + 32];
    state_file(app, "last_folder.txt", path, sizeof path);
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%s\n", dir[0] ? dir : "/");
        fclose(f);
    }
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
    if (!slash)
        return false;
    size_t n = (size_t)(slash - a_file);
    return strlen(dir) == n && strncmp(a_file, dir, n) == 0;
}

void app_state_forget_client(App *app)
{
    if (!app->state_dir[0])
        return;
    char(*list)[APP_PATH_MAX] = malloc(sizeof(char[RECENT_MAX][APP_PATH_MAX]));
    if (list) {
        int n = app_state_recent(app, list, RECENT_MAX), m = 0;
        for (int i = 0; i < n; i++)
            if (strcmp(list[i], app->plan_path) != 0 && strcmp(list[i], app->photo_path) != 0)
                memmove(list[m++], list[i], APP_PATH_MAX);
        write_recent(app, list, m);
        free(list);
    }
    char last[APP_PATH_MAX], path[APP_PATH_MAX + 32];
    state_file(app, "last_folder.txt", path, sizeof path);
    read_line(path, last, sizeof last);
    if (last[0] && (same_folder(app->plan_path, last) || same_folder(app->photo_path, last)))
        remove(path);
    app_state_clear_autosave(app);
    app->forgotten = true;
}
