/* app_file.c - the plan as a file: saving it (photo path made relative to
 * it), dumping it for replays, the window title, and quitting or opening
 * when there are unsaved changes. */
/* realpath: POSIX, but glibc declares it only with X/Open. */
#define _XOPEN_SOURCE 700

#include "app_internal.h"

#include "../io/atomic_file.h"
#include "../io/plan_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *app_title(const App *app)
{
    App *m = (App *)app; /* the title buffer is a cache */
    const char *name = app->doc.plan_path[0] ? app->doc.plan_path : app->doc.photo_path;
    const char *base = strrchr(name, '/');
    snprintf(m->title, sizeof m->title, "%s%s - smpview", app->doc.dirty ? "* " : "", base ? base + 1 : name);
    return m->title;
}

/* The plan as a file at `path` would hold it: photo path relative to it. */
static bool plan_for_path(const App *app, const char *path, SmpPlan *out, SmpError *err)
{
    plan_init(out);
    if (!plan_copy(&app->doc.plan, out, err))
        return false;
    app_head_into_plan(app, out); /* the fit reaches the file only when it is written */
    if (app->doc.photo_path[0]) {
        char abs_target[APP_PATH_MAX];
        /* The file may not exist yet: resolve its directory instead. */
        char dir[APP_PATH_MAX];
        app_copy_str(dir, sizeof dir, path);
        char *slash = strrchr(dir, '/');
        const char *leaf = slash ? slash + 1 : path;
        if (slash)
            *slash = 0;
        char *rdir = realpath(slash ? (dir[0] ? dir : "/") : ".", NULL);
        snprintf(abs_target, sizeof abs_target, "%s/%s", rdir ? rdir : ".", leaf);
        free(rdir);
        plan_relative_photo_path(abs_target, app->doc.photo_path, out->photo_path, sizeof out->photo_path);
        if (app->doc.plan_path[0]) /* the other views' photos stay where they are */
            plan_move_view_paths(out, app->doc.plan_path, abs_target);
    }
    return true;
}

/* Writes the plan as a file at path would hold it (never over the client's
 * photo: `refusal` says what to do instead); *p keeps what was written. */
static bool write_plan(const App *app, const char *path, const char *refusal, SmpPlan *p, SmpError *err)
{
    if (file_is_same(path, app->doc.photo_path))
        return smp_fail(err, "%s: this is the client's photo; %s", path, refusal);
    if (!plan_for_path(app, path, p, err))
        return false;
    if (plan_save(path, p, err))
        return true;
    plan_free(p);
    return false;
}

bool app_dump_plan(const App *app, const char *path, SmpError *err)
{
    SmpPlan p;
    if (!write_plan(app, path, "not replaced by a plan", &p, err))
        return false;
    plan_free(&p);
    return true;
}

bool app_save_to(App *app, const char *path, SmpError *err)
{
    app_edit_end(app);
    SmpPlan p;
    if (!write_plan(app, path, "save the plan under another name", &p, err))
        return false;
    /* The document now lives at path: its photo path is relative to it. */
    app_copy_str(app->doc.plan.photo_path, sizeof app->doc.plan.photo_path, p.photo_path);
    for (int i = 0; i < p.extra_view_count; i++)
        app_copy_str(app->doc.plan.extra_views[i].photo_path, PLAN_PATH_MAX, p.extra_views[i].photo_path);
    plan_free(&app->doc.saved);
    plan_init(&app->doc.saved);
    bool ok = plan_copy(&app->doc.plan, &app->doc.saved, err);
    app_absolute_path(path, app->doc.plan_path, sizeof app->doc.plan_path);
    app->doc.dirty = false;
    app->state.forgotten = false;
    char msg[APP_PATH_MAX + 16];
    snprintf(msg, sizeof msg, "Saved %s", path);
    app_set_status(app, msg); /* first: a state folder failure below replaces it */
    app_state_clear_autosave(app);
    app_state_add_recent(app, app->doc.plan_path);
    app_state_set_last_folder(app, app->doc.plan_path);
    plan_free(&p);
    return ok;
}

void app_save(App *app)
{
    if (!app->doc.plan_path[0]) {
        app_ask_path(app, PATH_SAVE_AS);
        return;
    }
    SmpError err = {{0}};
    if (!app_save_to(app, app->doc.plan_path, &err))
        app_set_error(app, err.msg);
}

void app_request_quit(App *app)
{
    app_edit_end(app);
    if (app->doc.dirty) {
        app->dlg.after = AFTER_QUIT;
        app->dlg.kind = DLG_SAVE_CHANGES;
    } else {
        app->quit = true;
    }
}

void app_request_open(App *app, const char *path)
{
    app_edit_end(app);
    if (app->doc.dirty) {
        app->dlg.after = AFTER_OPEN;
        app_copy_str(app->dlg.after_path, sizeof app->dlg.after_path, path);
        app->dlg.kind = DLG_SAVE_CHANGES;
        return;
    }
    SmpError err = {{0}};
    if (!app_open_path(app, path, &err))
        app_set_error(app, err.msg);
}
