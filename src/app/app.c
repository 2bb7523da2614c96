/* app.c - the editor's life: creating and destroying it, routing events to
 * the tools, the dialogs and the view, and assembling each frame. */
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

bool app_create(const AppConfig *cfg, App **out, SmpError *err)
{
    *out = NULL;
    App *app = calloc(1, sizeof *app);
    if (!app)
        return smp_fail(err, "out of memory for the editor");
    app->cfg = *cfg;
    app_copy_str(app->state.dir, sizeof app->state.dir, cfg->state_dir);
    app_state_lock(app); /* before anything can autosave or offer recovery */
    plan_init(&app->doc.plan);
    plan_init(&app->doc.saved);
    plan_init(&app->job.plan);
    app_tools_init(&app->tools, &app->gesture);
    app->panels.step = STEP_PHOTO;
    app->panels.compact = -1;
    app->split_frac = 0.5f;
    app->dlg.export_label = true;
    app_state_clinic_text(app, app->dlg.export_text, sizeof app->dlg.export_text);
    app->explained = app_state_explained(app);
    app->ui_size_pct = app_state_ui_size(app);
    app->mx = app->my = -1;
    app->font_scale = 1.0f;
    app->ui.hint_of = app_hint_of;
    if (!app_history_init(&app->history, err) || !font_bake(&app->font, 1.0f, err) ||
        !draw_init(&app->dl, APP_DRAW_CAPACITY, &app->font) || !pics_init(&app->pics) || !browse_init(&app->browse.listing, APP_BROWSE_CAPACITY)) {
        if (!err || !err->msg[0])
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
        app->dlg.kind = DLG_RECOVER;
    }
    if (app->state.autosave_off)
        app_set_status(app, "Another smpview window uses this state folder: autosave and recovery are off here");
    *out = app;
    return true;
}

void app_destroy(App *app)
{
    if (!app)
        return;
    app_export_join(app);
    app_load_join(app);
    app_locate_cancel(app);
    /* Quitting with "Recover unsaved work?" still open is no answer: the
     * autosave stays for the next start. */
    if (app->doc.has_photo && app->dlg.kind != DLG_RECOVER) {
        app_edit_end(app);
        if (app->doc.dirty)
            app_state_autosave(app); /* unsaved work survives: offered at the next start */
        else
            app_state_clear_autosave(app);
    }
    app_mattes_join(app);
    app_match_join(app);
    app_views_free(app);
    app_charts_reset(app);
    image_free(&app->doc.photo);
    app_doc_free(&app->doc);
    app_history_free(&app->history);
    draw_free(&app->dl);
    pics_free(&app->pics);
    font_free(&app->font);
    app_clients_free(&app->browse.clients);
    browse_free(&app->browse.listing);
    app_state_unlock(app);
    free(app);
}

bool app_wants_quit(const App *app) { return app->quit; }
/* Replays wait for the mattes (and Match) too, so what they check is what exports
 * draw, for the open dialog's thumbnails and for another view being opened. */
bool app_busy(const App *app)
{
    return app->job.running || app->load.running || app_mattes_running(app) || app_match_running(app) ||
           app_drawing_photo(app) || app_clients_busy(&app->browse.clients) ||
           app_views_busy(app) || app_charts_busy(app);
}
/* The frame the upload ends in was laid out with the "Opening" box: the
 * photo is on screen once a frame is drawn without it. */
bool app_drawing_photo(const App *app)
{
    return app_uploading(app) || app_sharpening(app) || app->panels.upload_box_on;
}
const char *app_last_error(const App *app) { return app->status.last_error; }

/* ---- events ---- */

static int finger_slot(const App *app, int id)
{
    for (int i = 0; i < 2; i++)
        if (app->gesture.finger_on[i] && app->gesture.finger_id[i] == id)
            return i;
    return -1;
}

/* The fingers' midpoint and spread; with one finger left (the other lifted),
 * that finger and the last spread: it pans, with no jump and no zoom. */
static void pinch_measure(const App *app, double *cx, double *cy, double *dist)
{
    if (app->gesture.finger_on[0] && app->gesture.finger_on[1]) {
        *cx = (app->gesture.finger_x[0] + app->gesture.finger_x[1]) * 0.5;
        *cy = (app->gesture.finger_y[0] + app->gesture.finger_y[1]) * 0.5;
        *dist = hypot(app->gesture.finger_x[0] - app->gesture.finger_x[1], app->gesture.finger_y[0] - app->gesture.finger_y[1]);
    } else {
        int i = app->gesture.finger_on[0] ? 0 : 1;
        *cx = app->gesture.finger_x[i], *cy = app->gesture.finger_y[i];
        *dist = app->gesture.pinch_dist;
    }
}

static bool pointer_in_view(const App *app, float x, float y)
{
    return app->dlg.kind == DLG_NONE && !app->help_open && app->doc.has_photo && view_contains(&app->view, x, y);
}

static void pointer_down(App *app, float x, float y, int button)
{
    app->mx = x, app->my = y;
    if (app->gesture.drag == DRAG_NONE && pointer_in_view(app, x, y)) {
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
    if (app->gesture.drag != DRAG_NONE)
        app_tool_pointer_move(app, x, y);
}

static void pointer_up(App *app, float x, float y, int button)
{
    app->mx = x, app->my = y;
    if (app->gesture.drag != DRAG_NONE) {
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

/* Ctrl+key: files, undo, zoom. */
static void ctrl_key(App *app, int key, bool shift)
{
    switch (key) {
    case 'z': shift ? app_redo(app) : app_undo(app); break;
    case 'y': app_redo(app); break;
    case 's': shift ? app_ask_path(app, PATH_SAVE_AS) : app_save(app); break;
    case 'o': app_ask_path(app, PATH_OPEN); break;
    case 'e': app_ask_path(app, PATH_EXPORT); break;
    case 'q': app_request_quit(app); break;
    case '0': view_fit(&app->view); break;
    case '1': view_actual_size(&app->view); break;
    case '=': case '+': zoom_keys(app, 1.25); break;
    case '-': zoom_keys(app, 0.8); break;
    default: break;
    }
}

/* A key alone: tools, view, brush size, split, before, new pattern. */
static void plain_key(App *app, int key)
{
    switch (key) {
    case 'h': app_tool_set(app, TOOL_HAIRLINE); break;
    case 'b': app_tool_set(app, TOOL_BRUSH); break;
    case 'e': app_tool_set(app, TOOL_ERASER); break;
    case 'p': app_tool_set(app, TOOL_PAN); break;
    case 'c': app_tool_set(app, TOOL_CALIBRATE); break;
    case 'l': app_tool_set(app, TOOL_LANDMARKS); break;
    case 'w': app_tool_set(app, TOOL_WHORL); break;
    case 'k': app_head_brush_key(app); break;
    case 'i': app_tool_set(app, TOOL_EYEDROPPER); break;
    case 'f': view_fit(&app->view); break;
    case '1': view_actual_size(&app->view); break;
    case '=': case '+': case APP_KEY_KP_PLUS: zoom_keys(app, 1.25); break;
    case '-': case APP_KEY_KP_MINUS: zoom_keys(app, 0.8); break;
    case 's': app->split_on = !app->split_on; break;
    case 'm': app_toggle_mattes_overlay(app); break;
    case 'v': app->views.shown > 0 ? app_views_next_label(app) : app_head_next_view(app); break;
    case 'd': app_drawer_set(app, !app->panels.drawer_closed); break;
    case APP_KEY_TAB: app->ui_hidden = !app->ui_hidden; break;
    case APP_KEY_SPACE: app->before_held = true; break;
    case APP_KEY_DELETE: case APP_KEY_BACKSPACE: app_tool_delete_under(app, app->mx, app->my); break;
    case APP_KEY_LEFT: view_pan(&app->view, 60, 0); break;
    case APP_KEY_RIGHT: view_pan(&app->view, -60, 0); break;
    case APP_KEY_UP: view_pan(&app->view, 0, 60); break;
    case APP_KEY_DOWN: view_pan(&app->view, 0, -60); break;
    case '[': app->tools.brush_mm = fmax(1.0, app->tools.brush_mm / 1.25); break;
    case ']': app->tools.brush_mm = fmin(60.0, app->tools.brush_mm * 1.25); break;
    case 'r': app_new_dot_pattern(app); break;
    case APP_KEY_ESCAPE:
        if (app->gesture.drag == DRAG_NONE)
            app->gesture.calib_clicks = 0;
        break;
    default: break;
    }
}

static void key_down(App *app, int key, int mods)
{
    if (app->dlg.kind != DLG_NONE) {
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
    if (ctrl)
        ctrl_key(app, key, shift);
    else
        plain_key(app, key);
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
        if (app->panels.load_cancel_on && ui_inside(app->panels.load_cancel, e->x, e->y))
            app_load_cancel(app); /* the box's Cancel button */
        return true;
    case APP_EV_WHEEL:
    case APP_EV_TEXT:
    case APP_EV_DROP: return true;
    default: return false;
    }
}

/* The wheel zooms the view, scrolls the side panel or the open dialog's list. */
static void wheel(App *app, const AppEvent *e)
{
    float x = e->x >= 0 ? e->x : app->mx, y = e->y >= 0 ? e->y : app->my;
    if (x < 0)
        x = app->view.rect.x + app->view.rect.w * 0.5f, y = app->view.rect.y + app->view.rect.h * 0.5f;
    UiRect p = app->panels.side_panel;
    if (app->dlg.kind == DLG_PATH && app_dialog_browsing(app))
        app_browse_scroll(app, -e->dy * 112 * app->font_scale); /* two rows a notch */
    else if (app->help_open && app->dlg.kind == DLG_NONE)
        app->help_scroll -= e->dy * 50 * app->ui.scale; /* clamped when drawn */
    else if (app->dlg.kind != DLG_NONE || app->help_open)
        return;
    else if (!app->ui_hidden && ui_inside(p, x, y))
        app_panel_scroll(app, e->dy);
    else if (app->doc.has_photo && view_contains(&app->view, x, y)) /* not over the bars */
        view_zoom_at(&app->view, x, y, pow(1.15, e->dy));
}

static void finger_down(App *app, const AppEvent *e)
{
    AppGesture *g = &app->gesture;
    int slot = !g->finger_on[0] ? 0 : !g->finger_on[1] ? 1 : -1;
    /* A finger already on a panel, a dialog or the help keeps the touch:
     * no pinch starts there. */
    if (slot < 0 || (app->ptr_down && g->drag == DRAG_NONE))
        return;
    g->finger_on[slot] = true;
    g->finger_id[slot] = e->finger;
    g->finger_x[slot] = e->x;
    g->finger_y[slot] = e->y;
    if (!g->finger_on[0] || !g->finger_on[1]) {
        g->touch_input = true;
        pointer_down(app, e->x, e->y, APP_BUTTON_LEFT);
        return;
    }
    /* A second finger turns the gesture into pinch/pan: the first finger's
     * tool action is withdrawn. */
    if (g->drag == DRAG_CALIB)
        g->calib_clicks--;
    if (g->drag != DRAG_NONE && g->drag != DRAG_PAN && g->drag != DRAG_PINCH) {
        g->drag = DRAG_NONE;
        app_edit_cancel(app);
    }
    double cx, cy;
    pinch_measure(app, &cx, &cy, &g->pinch_dist);
    g->last_x = cx, g->last_y = cy;
    g->drag = DRAG_PINCH;
}

static void finger_move(App *app, const AppEvent *e)
{
    AppGesture *g = &app->gesture;
    int slot = finger_slot(app, e->finger);
    if (slot < 0)
        return;
    g->finger_x[slot] = e->x;
    g->finger_y[slot] = e->y;
    if (g->drag != DRAG_PINCH) {
        pointer_move(app, e->x, e->y);
        return;
    }
    double cx, cy, dist;
    pinch_measure(app, &cx, &cy, &dist);
    view_pan(&app->view, cx - g->last_x, cy - g->last_y);
    if (g->pinch_dist > 1 && dist > 1)
        view_zoom_at(&app->view, cx, cy, dist / g->pinch_dist);
    g->pinch_dist = dist;
    g->last_x = cx, g->last_y = cy;
}

static void finger_up(App *app, const AppEvent *e)
{
    AppGesture *g = &app->gesture;
    int slot = finger_slot(app, e->finger);
    if (slot < 0)
        return;
    g->finger_on[slot] = false;
    if (g->drag == DRAG_PINCH) {
        if (!g->finger_on[0] && !g->finger_on[1]) {
            g->drag = DRAG_NONE;
        } else { /* the other finger goes on panning from where it is */
            double d;
            pinch_measure(app, &g->last_x, &g->last_y, &d);
        }
    } else {
        pointer_up(app, e->x, e->y, APP_BUTTON_LEFT);
    }
    /* No finger left: nothing hovers on a touch screen (cleared after the
     * frame that sees the release, which needs the position). */
    if (!g->finger_on[0] && !g->finger_on[1])
        g->touch_lifted = true;
}

void app_event(App *app, const AppEvent *e)
{
    if (blocked_while_loading(app, e))
        return;
    switch (e->kind) {
    case APP_EV_MOUSE_DOWN:
        app->gesture.touch_input = false;
        pointer_down(app, e->x, e->y, e->button);
        break;
    case APP_EV_MOUSE_MOVE: pointer_move(app, e->x, e->y); break;
    case APP_EV_MOUSE_UP: pointer_up(app, e->x, e->y, e->button); break;
    case APP_EV_WHEEL: wheel(app, e); break;
    case APP_EV_FINGER_DOWN: finger_down(app, e); break;
    case APP_EV_FINGER_MOVE: finger_move(app, e); break;
    case APP_EV_FINGER_UP: finger_up(app, e); break;
    case APP_EV_KEY_DOWN: key_down(app, e->key, e->mods); break;
    case APP_EV_KEY_UP:
        if (e->key == APP_KEY_SPACE)
            app->before_held = false;
        break;
    case APP_EV_TEXT:
        if (app->dlg.kind != DLG_NONE)
            app_dialog_text(app, e->text);
        break;
    case APP_EV_DROP: app_request_open(app, e->text); break;
    case APP_EV_QUIT: app_request_quit(app); break;
    case APP_EV_RESIZE:
    case APP_EV_NONE: break;
    }
}

/* ---- frame ---- */

/* What the renderer draws this frame: the photo, the view, the dots, the
 * look, the overlays and the UI list. */
/* The frame on view n's photo: its dots, keep mask and look (app_views.h); the
 * generations apart from view 0's, so the GPU takes them up. */
static void frame_view(App *app, AppFrame *f)
{
    const AppViewJob *g = &app->views.got;
    unsigned gen = app_views_photo_gen(app);
    f->photo = &g->photo, f->photo_gen = gen;
    f->dots = &g->dots, f->dots_gen = gen;
    f->px_per_mm = g->ppm;
    f->sheen = g->sheen.values ? &g->sheen : NULL;
    f->ink_keep = g->keep.alpha ? &g->keep : NULL;
    f->mattes_gen = gen;
    f->redness = NULL; /* fresh work's flush: view 0 only */
    f->grain_sigma = g->look.grain_sigma;
    f->blur_px = g->look.blur_px;
}

static const AppFrame *frame_fill(App *app, int w, int h)
{
    AppFrame *f = &app->frame;
    f->width = w;
    f->height = h;
    f->photo = app->doc.has_photo ? &app->doc.photo : NULL;
    f->photo_gen = app->doc.photo_gen;
    f->view_x = app->view.rect.x;
    f->view_y = app->view.rect.y;
    f->view_w = app->view.rect.w;
    f->view_h = app->view.rect.h;
    f->zoom = app->view.zoom;
    f->origin_x = app->view.ox;
    f->origin_y = app->view.oy;
    f->dots = app_doc_drawn_dots(app);
    f->dots_gen = app->doc.dots_gen;
    f->px_per_mm = app->doc.scene ? scene_px_per_mm(app->doc.scene) : plan_px_per_mm(&app->doc.plan);
    pigment_look(&app->doc.plan, &f->look);
    f->sheen = app->doc.has_photo && app->doc.sheen.values ? &app->doc.sheen : NULL;
    f->ink_keep = app->doc.has_photo && app->doc.ink_keep.alpha ? &app->doc.ink_keep : NULL;
    f->mattes_gen = app->doc.mattes_gen;
    f->redness = app_doc_redness(app, f->dots, f->px_per_mm, f->look.redness);
    f->redness_gen = app->doc.redness_gen;
    f->grain_sigma = app->doc.photo_look.grain_sigma;
    f->blur_px = app->doc.photo_look.blur_px;
    f->seed = app->doc.plan.seed;
    f->show_dots = !app->before_held;
    /* the Head brush shows what it corrects */
    f->show_mattes = (app->mattes_overlay || app->tools.tool == TOOL_HEAD_BRUSH) && f->ink_keep && !app->show_client;
    bool split = app->show_client ? app->show_layout == SHOW_SPLIT : app->split_on;
    f->split_x = split ? app->view.rect.x + app->view.rect.w * app->split_frac : -1;
    f->twin_dx = app->show_client && app->show_layout == SHOW_SIDE ? app->view.rect.w : 0;
    f->ui = &app->dl;
    f->font = &app->font;
    f->pics = app->pics.rgba, f->pics_w = PIC_ATLAS_W, f->pics_h = PIC_ATLAS_H, f->pics_gen = app->pics.generation;
    if (app->views.shown > 0) /* another photo of the plan, as its export draws it */
        frame_view(app, f);
    return f;
}

const AppFrame *app_frame(App *app, double now, int w, int h, float scale)
{
    app->now = now;
    if (app->ui_size_pct > 0) /* chosen in the Photo step: wins over the display's */
        scale = app->ui_size_pct / 100.0f;
    app_export_poll(app);
    app_load_poll(app);
    app_mattes_poll(app);
    app_views_poll(app);
    app_match_poll(app);
    if (scale != app->font_scale) {
        FontAtlas f;
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
    app_state_poll(app);

    draw_clear(&app->dl);
    ui_begin(&app->ui, &app->dl, scale);
    app->ui.mx = app->mx;
    app->ui.my = app->my;
    app->ui.down = app->ptr_down;
    app->ui.pressed = app->ptr_pressed;
    app->ui.released = app->ptr_released;
    /* overlays stay inside the view, off the panels; another view shows its painted areas only */
    if (app->doc.has_photo && !app->show_client) {
        UiRect v = app->view.rect;
        draw_clip(&app->dl, v.x, v.y, v.w, v.h);
        app_draw_overlays(app);
        draw_clip_off(&app->dl);
    }
    app_draw_ui(app);
    app_hint_frame(app);
    ui_end(&app->ui);
    app->ptr_pressed = app->ptr_released = false;
    if (app->gesture.touch_lifted) {
        app->gesture.touch_lifted = false;
        app->mx = app->my = -1;
    }

    app_doc_update_scene(app);

    return frame_fill(app, w, h);
}
