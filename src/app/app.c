/* realpath: POSIX, but glibc declares it only with X/Open. */
#define _XOPEN_SOURCE 700

#include "app_internal.h"

#include "../core/erythema.h"
#include "../core/plan_json.h"
#include "../core/render.h"
#include "../core/text_escape.h"
#include "../io/atomic_file.h"
#include "../io/image_write.h"
#include "../io/photo.h"
#include "../io/plan_file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void app_copy_str(char *dst, size_t size, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= size)
        n = size - 1; /* truncated: callers size buffers for paths */
    if (n)
        memcpy(dst, src, n);
    dst[n] = 0;
}

#define copy_str app_copy_str
#define absolute_path app_absolute_path

/* An absolute form of path, so plans saved elsewhere can find the photo. */
void app_absolute_path(const char *path, char *out, size_t size)
{
    char *r = realpath(path, NULL);
    copy_str(out, size, r ? r : path);
    free(r);
}

/* Messages name files and echo typed text: control characters are shown
 * escaped, on screen and on stderr alike. */
void app_set_error(App *app, const char *raw)
{
    char msg[sizeof app->message * 4];
    smp_escape_controls(raw, msg, sizeof msg);
    copy_str(app->last_error, sizeof app->last_error, msg);
    copy_str(app->message, sizeof app->message, msg);
    fprintf(stderr, "smpview: %s\n", msg);
    if (app->dialog == DLG_NONE || app->dialog == DLG_PATH)
        app->dialog = DLG_MESSAGE;
}

void app_set_status(App *app, const char *raw)
{
    char msg[sizeof app->status * 4];
    copy_str(app->status, sizeof app->status, smp_escape_controls(raw, msg, sizeof msg));
    app->status_time = app->now;
}

void app_mark_changed(App *app, unsigned scene_change)
{
    app->pending |= scene_change;
    if (scene_change & SCENE_CHANGED_HAIRLINE)
        app->curve_stale = true;
}

bool app_create(const AppConfig *cfg, App **out, SmpError *err)
{
    *out = NULL;
    App *app = calloc(1, sizeof *app);
    if (!app)
        return smp_fail(err, "out of memory for the editor");
    app->cfg = *cfg;
    copy_str(app->state_dir, sizeof app->state_dir, cfg->state_dir);
    app_state_lock(app); /* before anything can autosave or offer recovery */
    plan_init(&app->plan);
    plan_init(&app->saved);
    plan_init(&app->edit_before);
    plan_init(&app->job.plan);
    app->selected_point = -1;
    app->stroke_region = -1;
    app->drag_index = -1;
    app->brush_mm = 6.0;
    app->brush_kind = REGION_TREAT;
    app->split_frac = 0.5f;
    app->tool = TOOL_HAIRLINE;
    app->tab = TAB_HAIRLINE;
    app->export_label = true;
    app->mx = app->my = -1;
    if (!undo_init(&app->undo, APP_UNDO_DEPTH, err) || !undo_init(&app->redo, APP_UNDO_DEPTH, err) ||
        !font_bake(&app->font, 1.0f, err) || !draw_init(&app->dl, APP_DRAW_CAPACITY, &app->font)) {
        if (!err || !err->msg[0])
            smp_fail(err, "out of memory for the editor");
        app_destroy(app);
        return false;
    }
    app->font_scale = 1.0f;
    if (!browse_init(&app->browser, APP_BROWSE_CAPACITY)) {
        smp_fail(err, "out of memory for the editor");
        app_destroy(app);
        return false;
    }
    const char *open = cfg->open_path ? cfg->open_path : cfg->sample_plan;
    bool opened = cfg->open_path ? app_open_path(app, open, err) : open ? app_open_sample(app, open, err) : true;
    if (!opened) {
        if (cfg->open_path) { /* the user asked for this file: say why not */
            app_destroy(app);
            return false;
        }
        app_set_status(app, "Open a photo or a plan to start (Ctrl+O)");
    }
    if (!open)
        app_set_status(app, "Open a photo or a plan to start (Ctrl+O)");
    if (app_state_has_autosave(app)) {
        app_locate_cancel(app); /* unsaved work first; the plan can be opened again */
        app->dialog = DLG_RECOVER;
    }
    if (app->autosave_off)
        app_set_status(app, "Another smpview window uses this state folder: autosave and recovery are off here");
    *out = app;
    return true;
}

static void export_join(App *app)
{
    if (app->job.running) {
        thrd_join(app->job.thread, NULL);
        app->job.running = false;
        plan_free(&app->job.plan);
    }
}

void app_destroy(App *app)
{
    if (!app)
        return;
    export_join(app);
    app_load_join(app);
    app_locate_cancel(app);
    /* Quitting with "Recover unsaved work?" still open is no answer: the
     * autosave stays for the next start. */
    if (app->has_photo && app->dialog != DLG_RECOVER) {
        app_edit_end(app);
        if (app->dirty)
            app_state_autosave(app); /* unsaved work survives: offered at the next start */
        else
            app_state_clear_autosave(app);
    }
    scene_destroy(app->scene);
    app_mattes_join(app);
    image_free(&app->photo);
    photo_look_sheen_free(&app->sheen);
    photo_look_sheen_free(&app->redness);
    mattes_free(&app->mattes);
    matte_free(&app->ink_keep);
    mattes_cover_free(&app->cover);
    dots_free(&app->drawn);
    plan_free(&app->plan);
    plan_free(&app->saved);
    plan_free(&app->edit_before);
    undo_free(&app->undo);
    undo_free(&app->redo);
    draw_free(&app->dl);
    font_free(&app->font);
    browse_free(&app->browser);
    app_state_unlock(app);
    free(app);
}

bool app_wants_quit(const App *app) { return app->quit; }
/* Replays wait for the mattes too, so what they check is what exports draw. */
bool app_busy(const App *app)
{
    return app->job.running || app->load.running || app_mattes_running(app) || app_uploading(app);
}
int app_visible_dots(const App *app) { return app->scene ? scene_dots(app->scene)->count : 0; }
const char *app_last_error(const App *app) { return app->last_error; }

const char *app_title(const App *app)
{
    App *m = (App *)app; /* the title buffer is a cache */
    const char *name = app->plan_path[0] ? app->plan_path : app->photo_path;
    const char *base = strrchr(name, '/');
    snprintf(m->title, sizeof m->title, "%s%s - smpview", app->dirty ? "* " : "", base ? base + 1 : name);
    return m->title;
}

/* The plan as a file at `path` would hold it: photo path relative to it. */
static bool plan_for_path(const App *app, const char *path, SmpPlan *out, SmpError *err)
{
    plan_init(out);
    if (!plan_copy(&app->plan, out, err))
        return false;
    if (app->photo_path[0]) {
        char abs_target[APP_PATH_MAX];
        /* The file may not exist yet: resolve its directory instead. */
        char dir[APP_PATH_MAX];
        copy_str(dir, sizeof dir, path);
        char *slash = strrchr(dir, '/');
        const char *leaf = slash ? slash + 1 : path;
        if (slash)
            *slash = 0;
        char *rdir = realpath(slash ? (dir[0] ? dir : "/") : ".", NULL);
        snprintf(abs_target, sizeof abs_target, "%s/%s", rdir ? rdir : ".", leaf);
        free(rdir);
        plan_relative_photo_path(abs_target, app->photo_path, out->photo_path, sizeof out->photo_path);
    }
    return true;
}

bool app_dump_plan(const App *app, const char *path, SmpError *err)
{
    if (file_is_same(path, app->photo_path))
        return smp_fail(err, "%s: this is the client's photo; not replaced by a plan", path);
    SmpPlan p;
    if (!plan_for_path(app, path, &p, err))
        return false;
    bool ok = plan_save(path, &p, err);
    plan_free(&p);
    return ok;
}

bool app_save_to(App *app, const char *path, SmpError *err)
{
    app_edit_end(app);
    if (file_is_same(path, app->photo_path))
        return smp_fail(err, "%s: this is the client's photo; save the plan under another name", path);
    SmpPlan p;
    if (!plan_for_path(app, path, &p, err))
        return false;
    bool ok = plan_save(path, &p, err);
    if (ok) {
        /* The document now lives at path: its photo path is relative to it. */
        copy_str(app->plan.photo_path, sizeof app->plan.photo_path, p.photo_path);
        plan_free(&app->saved);
        plan_init(&app->saved);
        ok = plan_copy(&app->plan, &app->saved, err);
        absolute_path(path, app->plan_path, sizeof app->plan_path);
        app->dirty = false;
        app->forgotten = false;
        char msg[APP_PATH_MAX + 16];
        snprintf(msg, sizeof msg, "Saved %s", path);
        app_set_status(app, msg); /* first: a state folder failure below replaces it */
        app_state_clear_autosave(app);
        app_state_add_recent(app, app->plan_path);
        app_state_set_last_folder(app, app->plan_path);
    }
    plan_free(&p);
    return ok;
}

void app_request_quit(App *app)
{
    app_edit_end(app);
    if (app->dirty) {
        app->after = AFTER_QUIT;
        app->dialog = DLG_SAVE_CHANGES;
    } else {
        app->quit = true;
    }
}

void app_request_open(App *app, const char *path)
{
    app_edit_end(app);
    if (app->dirty) {
        app->after = AFTER_OPEN;
        copy_str(app->after_path, sizeof app->after_path, path);
        app->dialog = DLG_SAVE_CHANGES;
        return;
    }
    SmpError err = {{0}};
    if (!app_open_path(app, path, &err))
        app_set_error(app, err.msg);
}

/* ---- export: the same renderer as `smpview render`, on a worker thread ---- */

static int export_thread(void *arg)
{
    ExportJob *job = arg;
    RenderRequest req = {0};
    req.label = job->label ? "SIMULATION" : NULL;
    SmpImage out = {0};
    job->ok = render_plan(&job->photo, &job->plan, &req, &out, NULL, &job->err);
    if (job->ok && job->view_only) {
        SmpImage crop = {0};
        job->ok = image_create(job->crop_w, job->crop_h, &crop, &job->err);
        for (int y = 0; job->ok && y < job->crop_h; y++)
            memcpy(image_pixel(&crop, 0, y), image_pixel(&out, job->crop_x, job->crop_y + y), (size_t)job->crop_w * 4);
        image_free(&out);
        out = crop;
    }
    if (job->ok)
        job->ok = image_write(job->path, &out, NULL, &job->err);
    image_free(&out);
    atomic_store(&job->done, 1);
    return 0;
}

void app_export_start(App *app, const char *path)
{
    if (app->job.running || !app->has_photo)
        return;
    if (!image_write_supported(path)) {
        char msg[APP_PATH_MAX + 64];
        snprintf(msg, sizeof msg, "%s: export as .png, .jpg or .jpeg", path);
        app_set_error(app, msg);
        return;
    }
    if (file_is_same(path, app->photo_path) || file_is_same(path, app->plan_path)) {
        char msg[APP_PATH_MAX + 96];
        snprintf(msg, sizeof msg, "%s: this is the open %s; export under another name", path,
                 file_is_same(path, app->photo_path) ? "photo" : "plan");
        app_set_error(app, msg);
        return;
    }
    app_edit_end(app);
    ExportJob *job = &app->job;
    memset(&job->err, 0, sizeof job->err);
    plan_free(&job->plan);
    plan_init(&job->plan);
    if (!plan_copy(&app->plan, &job->plan, &job->err)) {
        app_set_error(app, job->err.msg);
        return;
    }
    copy_str(job->path, sizeof job->path, path);
    job->photo = app->photo;
    job->label = app->export_label;
    job->view_only = app->export_view_only;
    /* The visible part of the photo, in photo pixels. */
    double x0, y0, x1, y1;
    view_to_photo(&app->view, app->view.rect.x, app->view.rect.y, &x0, &y0);
    view_to_photo(&app->view, app->view.rect.x + app->view.rect.w, app->view.rect.y + app->view.rect.h, &x1, &y1);
    job->crop_x = (int)fmax(0, floor(x0));
    job->crop_y = (int)fmax(0, floor(y0));
    job->crop_w = (int)fmin(app->photo.width, ceil(x1)) - job->crop_x;
    job->crop_h = (int)fmin(app->photo.height, ceil(y1)) - job->crop_y;
    if (job->crop_w <= 0 || job->crop_h <= 0)
        job->view_only = false;
    atomic_store(&job->done, 0);
    if (thrd_create(&job->thread, export_thread, job) != thrd_success) {
        app_set_error(app, "could not start the export");
        return;
    }
    job->running = true;
    app_set_status(app, "Exporting...");
}

static void export_poll(App *app)
{
    if (!app->job.running || !atomic_load(&app->job.done))
        return;
    export_join(app);
    if (app->job.ok) {
        char msg[APP_PATH_MAX + 16];
        snprintf(msg, sizeof msg, "Exported %s", app->job.path);
        app_set_status(app, msg); /* first: a state folder failure below replaces it */
        app_state_set_last_folder(app, app->job.path);
    } else {
        app_set_error(app, app->job.err.msg);
    }
}

/* ---- events ---- */

static int finger_slot(const App *app, int id)
{
    for (int i = 0; i < 2; i++)
        if (app->finger_on[i] && app->finger_id[i] == id)
            return i;
    return -1;
}

/* The fingers' midpoint and spread; with one finger left (the other lifted),
 * that finger and the last spread: it pans, with no jump and no zoom. */
static void pinch_measure(const App *app, double *cx, double *cy, double *dist)
{
    if (app->finger_on[0] && app->finger_on[1]) {
        *cx = (app->finger_x[0] + app->finger_x[1]) * 0.5;
        *cy = (app->finger_y[0] + app->finger_y[1]) * 0.5;
        *dist = hypot(app->finger_x[0] - app->finger_x[1], app->finger_y[0] - app->finger_y[1]);
    } else {
        int i = app->finger_on[0] ? 0 : 1;
        *cx = app->finger_x[i], *cy = app->finger_y[i];
        *dist = app->pinch_dist;
    }
}

static bool pointer_in_view(const App *app, float x, float y)
{
    return app->dialog == DLG_NONE && !app->help_open && app->has_photo && view_contains(&app->view, x, y);
}

static void pointer_down(App *app, float x, float y, int button)
{
    app->mx = x, app->my = y;
    if (app->drag == DRAG_NONE && pointer_in_view(app, x, y)) {
        app_tool_pointer_down(app, x, y, button);
        return;
    }
    if (button == APP_BUTTON_LEFT) {
        app->ptr_down = true;
        app->ptr_pressed = true;
    }
}

static void pointer_move(App *app, float x, float y)
{
    app->mx = x, app->my = y;
    if (app->drag != DRAG_NONE)
        app_tool_pointer_move(app, x, y);
}

static void pointer_up(App *app, float x, float y, int button)
{
    app->mx = x, app->my = y;
    if (app->drag != DRAG_NONE) {
        app_tool_pointer_up(app, x, y, button);
        return;
    }
    if (button == APP_BUTTON_LEFT && app->ptr_down) {
        app->ptr_down = false;
        app->ptr_released = true;
    }
}

static void zoom_keys(App *app, double factor)
{
    view_zoom_at(&app->view, app->view.rect.x + app->view.rect.w * 0.5, app->view.rect.y + app->view.rect.h * 0.5,
                 factor);
}

static void set_tool(App *app, Tool t)
{
    app_edit_end(app);
    app->tool = t;
    app->calib_clicks = 0;
    if (t == TOOL_HAIRLINE)
        app->tab = TAB_HAIRLINE;
    else if (t == TOOL_BRUSH || t == TOOL_ERASER)
        app->tab = TAB_REGIONS;
}

static void key_down(App *app, int key, int mods)
{
    if (app->dialog != DLG_NONE) {
        app_dialog_key(app, key, mods);
        return;
    }
    bool ctrl = mods & APP_MOD_CTRL, shift = mods & APP_MOD_SHIFT;
    if (!ctrl && app_show_key(app, key, mods))
        return;
    if (key == 's' && shift && !ctrl) { /* S: show the client */
        app_show_enter(app);
        return;
    }
    if (key == APP_KEY_F1 || key == '?' || (key == '/' && shift)) {
        app->help_open = !app->help_open;
        return;
    }
    if (app->help_open && (key == APP_KEY_ESCAPE || key == APP_KEY_RETURN)) {
        app->help_open = false;
        return;
    }
    if (ctrl) {
        switch (key) {
        case 'z': shift ? app_redo(app) : app_undo(app); break;
        case 'y': app_redo(app); break;
        case 's':
            if (!shift && app->plan_path[0]) {
                SmpError err = {{0}};
                if (!app_save_to(app, app->plan_path, &err))
                    app_set_error(app, err.msg);
            } else {
                app->path_purpose = PATH_SAVE_AS;
                app_open_dialog(app, DLG_PATH);
            }
            break;
        case 'o': app->path_purpose = PATH_OPEN; app_open_dialog(app, DLG_PATH); break;
        case 'e': app->path_purpose = PATH_EXPORT; app_open_dialog(app, DLG_PATH); break;
        case 'q': app_request_quit(app); break;
        case '0': view_fit(&app->view); break;
        case '1': view_actual_size(&app->view); break;
        case '=': case '+': zoom_keys(app, 1.25); break;
        case '-': zoom_keys(app, 0.8); break;
        default: break;
        }
        return;
    }
    switch (key) {
    case 'h': set_tool(app, TOOL_HAIRLINE); break;
    case 'b': set_tool(app, TOOL_BRUSH); break;
    case 'e': set_tool(app, TOOL_ERASER); break;
    case 'p': set_tool(app, TOOL_PAN); break;
    case 'c': set_tool(app, TOOL_CALIBRATE); break;
    case 'l': set_tool(app, TOOL_LANDMARKS); break;
    case 'w': set_tool(app, TOOL_WHORL); break;
    case 'f': view_fit(&app->view); break;
    case '1': view_actual_size(&app->view); break;
    case '=': case '+': case APP_KEY_KP_PLUS: zoom_keys(app, 1.25); break;
    case '-': case APP_KEY_KP_MINUS: zoom_keys(app, 0.8); break;
    case 's': app->split_on = !app->split_on; break;
    case 'm': app_toggle_mattes_overlay(app); break;
    case APP_KEY_TAB: app->ui_hidden = !app->ui_hidden; break;
    case APP_KEY_SPACE: app->before_held = true; break;
    case APP_KEY_DELETE: case APP_KEY_BACKSPACE: app_tool_delete_under(app, app->mx, app->my); break;
    case APP_KEY_LEFT: view_pan(&app->view, 60, 0); break;
    case APP_KEY_RIGHT: view_pan(&app->view, -60, 0); break;
    case APP_KEY_UP: view_pan(&app->view, 0, 60); break;
    case APP_KEY_DOWN: view_pan(&app->view, 0, -60); break;
    case '[': app->brush_mm = fmax(1.0, app->brush_mm / 1.25); break;
    case ']': app->brush_mm = fmin(60.0, app->brush_mm * 1.25); break;
    case 'r':
        app_edit_begin(app);
        app->plan.seed = app->plan.seed * 1664525u + 1013904223u;
        app_mark_changed(app, SCENE_CHANGED_LOOK);
        app_edit_end(app);
        break;
    case APP_KEY_ESCAPE:
        if (app->drag == DRAG_NONE)
            app->calib_clicks = 0;
        break;
    default: break;
    }
}

/* While a photo opens, the window only shows progress: Esc cancels (until the
 * photo is decoded and goes to the GPU), closing the window still asks to
 * quit; pointer moves and releases pass so nothing stays pressed. */
static bool blocked_while_loading(App *app, const AppEvent *e)
{
    if (!app_loading(app) && !app_uploading(app))
        return false;
    switch (e->kind) {
    case APP_EV_KEY_DOWN:
        if (e->key == APP_KEY_ESCAPE)
            app_load_cancel(app);
        return true;
    case APP_EV_MOUSE_DOWN:
    case APP_EV_FINGER_DOWN:
        if (app->load_cancel_on && ui_inside(app->load_cancel, e->x, e->y))
            app_load_cancel(app); /* the box's Cancel button */
        return true;
    case APP_EV_WHEEL:
    case APP_EV_TEXT:
    case APP_EV_DROP: return true;
    default: return false;
    }
}

void app_event(App *app, const AppEvent *e)
{
    if (blocked_while_loading(app, e))
        return;
    switch (e->kind) {
    case APP_EV_MOUSE_DOWN:
        app->touch_input = false;
        pointer_down(app, e->x, e->y, e->button);
        break;
    case APP_EV_MOUSE_MOVE: pointer_move(app, e->x, e->y); break;
    case APP_EV_MOUSE_UP: pointer_up(app, e->x, e->y, e->button); break;
    case APP_EV_WHEEL: {
        float x = e->x >= 0 ? e->x : app->mx, y = e->y >= 0 ? e->y : app->my;
        if (x < 0)
            x = app->view.rect.x + app->view.rect.w * 0.5f, y = app->view.rect.y + app->view.rect.h * 0.5f;
        ViewRect p = app->side_panel;
        if (app->dialog == DLG_PATH && (app->path_purpose == PATH_OPEN || app->path_purpose == PATH_LOCATE))
            app_browse_scroll(app, -e->dy * 112 * app->font_scale); /* two rows a notch */
        else if (app->dialog != DLG_NONE || app->help_open)
            break;
        else if (!app->ui_hidden && x >= p.x && x < p.x + p.w && y >= p.y && y < p.y + p.h)
            app_panel_scroll(app, e->dy);
        else if (app->has_photo && view_contains(&app->view, x, y)) /* not over the bars */
            view_zoom_at(&app->view, x, y, pow(1.15, e->dy));
        break;
    }
    case APP_EV_FINGER_DOWN: {
        int slot = !app->finger_on[0] ? 0 : !app->finger_on[1] ? 1 : -1;
        /* A finger already on a panel, a dialog or the help keeps the touch:
         * no pinch starts there. */
        if (slot < 0 || (app->ptr_down && app->drag == DRAG_NONE))
            break;
        app->finger_on[slot] = true;
        app->finger_id[slot] = e->finger;
        app->finger_x[slot] = e->x;
        app->finger_y[slot] = e->y;
        if (app->finger_on[0] && app->finger_on[1]) {
            /* A second finger turns the gesture into pinch/pan: the first
             * finger's tool action is withdrawn. */
            if (app->drag == DRAG_CALIB)
                app->calib_clicks--;
            if (app->drag != DRAG_NONE && app->drag != DRAG_PAN && app->drag != DRAG_PINCH) {
                app->drag = DRAG_NONE;
                app_edit_cancel(app);
            }
            double cx, cy;
            pinch_measure(app, &cx, &cy, &app->pinch_dist);
            app->last_x = cx, app->last_y = cy;
            app->drag = DRAG_PINCH;
        } else {
            app->touch_input = true;
            pointer_down(app, e->x, e->y, APP_BUTTON_LEFT);
        }
        break;
    }
    case APP_EV_FINGER_MOVE: {
        int slot = finger_slot(app, e->finger);
        if (slot < 0)
            break;
        app->finger_x[slot] = e->x;
        app->finger_y[slot] = e->y;
        if (app->drag == DRAG_PINCH) {
            double cx, cy, dist;
            pinch_measure(app, &cx, &cy, &dist);
            view_pan(&app->view, cx - app->last_x, cy - app->last_y);
            if (app->pinch_dist > 1 && dist > 1)
                view_zoom_at(&app->view, cx, cy, dist / app->pinch_dist);
            app->pinch_dist = dist;
            app->last_x = cx, app->last_y = cy;
        } else {
            pointer_move(app, e->x, e->y);
        }
        break;
    }
    case APP_EV_FINGER_UP: {
        int slot = finger_slot(app, e->finger);
        if (slot < 0)
            break;
        app->finger_on[slot] = false;
        if (app->drag == DRAG_PINCH) {
            if (!app->finger_on[0] && !app->finger_on[1]) {
                app->drag = DRAG_NONE;
            } else { /* the other finger goes on panning from where it is */
                double d;
                pinch_measure(app, &app->last_x, &app->last_y, &d);
            }
        } else {
            pointer_up(app, e->x, e->y, APP_BUTTON_LEFT);
        }
        /* No finger left: nothing hovers on a touch screen (cleared after
         * the frame that sees the release, which needs the position). */
        if (!app->finger_on[0] && !app->finger_on[1])
            app->touch_lifted = true;
        break;
    }
    case APP_EV_KEY_DOWN: key_down(app, e->key, e->mods); break;
    case APP_EV_KEY_UP:
        if (e->key == APP_KEY_SPACE)
            app->before_held = false;
        break;
    case APP_EV_TEXT:
        if (app->dialog != DLG_NONE)
            app_dialog_text(app, e->text);
        break;
    case APP_EV_DROP: app_request_open(app, e->text); break;
    case APP_EV_QUIT: app_request_quit(app); break;
    case APP_EV_RESIZE:
    case APP_EV_NONE: break;
    }
}

/* ---- frame ---- */

/* The scene's dots that the photo's mattes keep, as exports draw them (render_plan):
 * filtered again only when the dots changed; the coverage grid only with the scale. */
static const DotList *app_drawn_dots(App *app)
{
    if (!app->scene)
        return NULL;
    const DotList *all = scene_dots(app->scene);
    if (!app->mattes.head.alpha)
        return all;
    if (app->drawn_gen == app->dots_gen) /* load_commit invalidates it for a new photo */
        return &app->drawn;
    SmpError err = {{0}};
    double ppm = scene_px_per_mm(app->scene);
    if (app->cover.px_per_mm != ppm) {
        mattes_cover_free(&app->cover);
        if (!mattes_cover_build(&app->mattes, ppm, &app->cover, &err)) {
            app_set_error(app, err.msg);
            return all;
        }
    }
    if (app->drawn.capacity < all->count) {
        SmpDot *grown = realloc(app->drawn.items, sizeof *grown * (size_t)(all->count + all->count / 4 + 1));
        if (!grown) {
            app_set_error(app, "out of memory for the dots on screen");
            return all;
        }
        app->drawn.items = grown;
        app->drawn.capacity = all->count + all->count / 4 + 1;
    }
    if (all->count > 0)
        memcpy(app->drawn.items, all->items, sizeof *all->items * (size_t)all->count);
    app->drawn.count = all->count;
    mattes_filter_dots_with(&app->mattes, &app->cover, &app->drawn);
    app->drawn_gen = app->dots_gen;
    return &app->drawn;
}

/* The flush around fresh dots, as exports draw it, remade when the dots or
 * the stage change. */
static const SheenMap *app_redness(App *app, const DotList *dots, double ppm, float strength)
{
    if (!dots || !app->has_photo || !(strength > 0))
        return NULL;
    if (app->redness_dots_gen != app->dots_gen || app->redness_strength != strength) {
        photo_look_sheen_free(&app->redness);
        SmpError err = {{0}};
        if (!erythema_map(dots, ppm, app->photo.width, app->photo.height, strength, &app->redness, &err))
            app_set_error(app, err.msg);
        app->redness_dots_gen = app->dots_gen;
        app->redness_strength = strength;
        app->redness_gen++;
    }
    return app->redness.values ? &app->redness : NULL;
}

const AppFrame *app_frame(App *app, double now, int w, int h, float scale)
{
    app->now = now;
    export_poll(app);
    app_load_poll(app);
    app_mattes_poll(app);
    if (scale != app->font_scale) {
        UiFont f;
        SmpError err;
        if (font_bake(&f, scale, &err)) { /* rare: the window moved to another screen */
            font_free(&app->font);
            app->font = f;
            app->font.generation = app->font_scale > 0 ? app->font.generation + 7 : 1;
            app->dl.font = &app->font;
            app->dl.white_u = f.white_u;
            app->dl.white_v = f.white_v;
        }
        app->font_scale = scale;
    }
    app_layout(app, w, h, scale);
    app_tool_poll(app);
    if (app->autosave_due > 0 && now >= app->autosave_due && app->drag == DRAG_NONE) {
        app->autosave_due = 0;
        if (app->dirty)
            app_state_autosave(app);
    }

    draw_clear(&app->dl);
    ui_begin(&app->ui, &app->dl, scale);
    app->ui.mx = app->mx;
    app->ui.my = app->my;
    app->ui.down = app->ptr_down;
    app->ui.pressed = app->ptr_pressed;
    app->ui.released = app->ptr_released;
    if (app->has_photo && !app->show_client) { /* overlays stay inside the view, off the panels */
        ViewRect v = app->view.rect;
        draw_clip(&app->dl, v.x, v.y, v.w, v.h);
        app_draw_overlays(app);
        draw_clip_off(&app->dl);
    }
    app_draw_ui(app);
    ui_end(&app->ui);
    app->ptr_pressed = app->ptr_released = false;
    if (app->touch_lifted) {
        app->touch_lifted = false;
        app->mx = app->my = -1;
    }

    if (app->pending && app->scene) {
        SmpError err = {{0}};
        /* FUE scars get their own dot, found in the painted scars as exports do */
        if ((app->pending & (SCENE_CHANGED_REGIONS | SCENE_CHANGED_SCALE)) &&
            !app_scar_spots_find(app->scene, &app->photo, &app->plan, &err))
            app_set_error(app, err.msg);
        if (!scene_update(app->scene, &app->plan, app->pending, &err))
            app_set_error(app, err.msg);
        app->pending = 0;
        app->dots_gen++;
    }

    AppFrame *f = &app->frame;
    f->width = w;
    f->height = h;
    f->photo = app->has_photo ? &app->photo : NULL;
    f->photo_gen = app->photo_gen;
    f->view_x = app->view.rect.x;
    f->view_y = app->view.rect.y;
    f->view_w = app->view.rect.w;
    f->view_h = app->view.rect.h;
    f->zoom = app->view.zoom;
    f->origin_x = app->view.ox;
    f->origin_y = app->view.oy;
    f->dots = app_drawn_dots(app);
    f->dots_gen = app->dots_gen;
    f->px_per_mm = app->scene ? scene_px_per_mm(app->scene) : plan_px_per_mm(&app->plan);
    pigment_look(&app->plan, &f->look);
    f->sheen = app->has_photo && app->sheen.values ? &app->sheen : NULL;
    f->ink_keep = app->has_photo && app->ink_keep.alpha ? &app->ink_keep : NULL;
    f->mattes_gen = app->mattes_gen;
    f->redness = app_redness(app, f->dots, f->px_per_mm, f->look.redness);
    f->redness_gen = app->redness_gen;
    f->grain_sigma = app->photo_look.grain_sigma;
    f->blur_px = app->photo_look.blur_px;
    f->seed = app->plan.seed;
    f->show_dots = !app->before_held;
    f->show_mattes = app->mattes_overlay && f->ink_keep && !app->show_client;
    bool split = app->show_client ? app->show_layout == SHOW_SPLIT : app->split_on;
    f->split_x = split ? app->view.rect.x + app->view.rect.w * app->split_frac : -1;
    f->ui = &app->dl;
    f->font = &app->font;
    return f;
}
