/* The tools in the photo view: pan, hairline points, brush/eraser strokes,
 * calibration, landmarks and midline, whorl, the compare divider; and their
 * overlays (drawn into the UI list, under the panels). */
#include "app_internal.h"

#include "../core/hairline_edit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HANDLE_RADIUS 12.0f /* drawn, px at scale 1 */
#define HANDLE_REACH 26.0f  /* touch-sized hit radius */
#define PRESS_SLOP 8.0f     /* px a press may wander and still be a tap or a hold */
#define HOLD_SECONDS 0.6    /* a finger held this long on a handle removes it */

enum { LM_GLABELLA = 0, LM_EYE_LEFT, LM_EYE_RIGHT, LM_MID_A, LM_MID_B, LM_EAR_LEFT, LM_EAR_RIGHT, LM_COUNT };

static float ui_s(const App *app) { return app->ui.scale > 0 ? app->ui.scale : 1; }

/* Hairline point under the screen position, or -1. */
static int hit_hairline_point(const App *app, float x, float y)
{
    int best = -1;
    double best_d = HANDLE_REACH * ui_s(app);
    for (int i = 0; i < app->doc.plan.hairline.count; i++) {
        double sx, sy;
        view_to_screen(&app->view, app->doc.plan.hairline.points[i].x, app->doc.plan.hairline.points[i].y, &sx, &sy);
        double d = hypot(sx - x, sy - y);
        if (d <= best_d)
            best = i, best_d = d;
    }
    return best;
}

static bool landmark_get(const SmpPlan *p, int id, PlanPoint *out)
{
    const PlanLandmarks *l = &p->landmarks;
    switch (id) {
    case LM_GLABELLA: *out = l->glabella; return l->has_glabella;
    case LM_EYE_LEFT: *out = l->eye_left; return l->has_eye_left;
    case LM_EYE_RIGHT: *out = l->eye_right; return l->has_eye_right;
    case LM_MID_A: *out = l->midline_a; return l->has_midline;
    case LM_MID_B: *out = l->midline_b; return l->has_midline;
    case LM_EAR_LEFT: *out = l->ear_left; return l->has_ear_left;
    case LM_EAR_RIGHT: *out = l->ear_right; return l->has_ear_right;
    default: return false;
    }
}

static void landmark_set(SmpPlan *p, int id, PlanPoint v)
{
    PlanLandmarks *l = &p->landmarks;
    switch (id) {
    case LM_GLABELLA: l->glabella = v, l->has_glabella = true; break;
    case LM_EYE_LEFT: l->eye_left = v, l->has_eye_left = true; break;
    case LM_EYE_RIGHT: l->eye_right = v, l->has_eye_right = true; break;
    case LM_MID_A: l->midline_a = v; break;
    case LM_MID_B: l->midline_b = v; break;
    case LM_EAR_LEFT: l->ear_left = v, l->has_ear_left = true; break;
    case LM_EAR_RIGHT: l->ear_right = v, l->has_ear_right = true; break;
    default: break;
    }
}

static int hit_landmark(const App *app, float x, float y)
{
    int best = -1;
    double best_d = HANDLE_REACH * ui_s(app);
    for (int i = 0; i < LM_COUNT; i++) {
        PlanPoint p;
        if (!landmark_get(&app->doc.plan, i, &p))
            continue;
        double sx, sy;
        view_to_screen(&app->view, p.x, p.y, &sx, &sy);
        double d = hypot(sx - x, sy - y);
        if (d <= best_d)
            best = i, best_d = d;
    }
    return best;
}

/* Where a new point joins the line: the position that lengthens it least. */
static int insertion_index(const PlanHairline *h, double x, double y)
{
    if (h->count < 2) {
        if (h->count == 1 && x < h->points[0].x)
            return 0;
        return h->count;
    }
    int best = h->count;
    double best_cost = 1e300;
    for (int i = 0; i <= h->count; i++) {
        double cost;
        if (i == 0)
            cost = hypot(x - h->points[0].x, y - h->points[0].y);
        else if (i == h->count)
            cost = hypot(x - h->points[i - 1].x, y - h->points[i - 1].y);
        else {
            const PlanPoint *a = &h->points[i - 1], *b = &h->points[i];
            cost = hypot(x - a->x, y - a->y) + hypot(x - b->x, y - b->y) - hypot(a->x - b->x, a->y - b->y);
        }
        if (cost < best_cost)
            best_cost = cost, best = i;
    }
    return best;
}

static void clamp_to_photo(const App *app, double *x, double *y)
{
    *x = fmin(fmax(*x, 0), app->doc.photo.width);
    *y = fmin(fmax(*y, 0), app->doc.photo.height);
}

static void delete_hairline_point(App *app, int i)
{
    PlanHairline *h = &app->doc.plan.hairline;
    app_edit_begin(app);
    memmove(&h->points[i], &h->points[i + 1], sizeof h->points[0] * (size_t)(h->count - i - 1));
    h->count--;
    app->tools.selected_point = -1;
    app_mark_changed(app, SCENE_CHANGED_HAIRLINE);
    app_edit_end(app);
}

void app_tool_delete_under(App *app, float x, float y)
{
    if (app->tools.tool != TOOL_HAIRLINE)
        return;
    int i = hit_hairline_point(app, x, y);
    if (i < 0)
        i = app->tools.selected_point;
    if (i >= 0 && i < app->doc.plan.hairline.count)
        delete_hairline_point(app, i);
}

bool app_tool_delete_selected(App *app)
{
    int i = app->tools.selected_point;
    if (app->tools.tool != TOOL_HAIRLINE || i < 0 || i >= app->doc.plan.hairline.count || app->gesture.drag != DRAG_NONE)
        return false;
    delete_hairline_point(app, i);
    app_set_status(app, "Point removed (Undo brings it back)");
    return true;
}

/* A finger held still on a handle: the point goes, in the same undo step as
 * the press (undo brings it back where it was). The finger stays down but no
 * longer drags anything. */
void app_tool_poll(App *app)
{
    if (app->gesture.drag != DRAG_HAIRLINE_POINT || !app->gesture.press_still || !app->gesture.press_touch ||
        app->now - app->gesture.press_time < HOLD_SECONDS)
        return;
    int i = app->gesture.drag_index;
    app->gesture.drag = DRAG_NONE;
    app->gesture.press_still = false;
    if (i >= 0 && i < app->doc.plan.hairline.count) {
        delete_hairline_point(app, i);
        app_set_status(app, "Point removed (Undo brings it back)");
    } else {
        app_edit_end(app);
    }
}

static bool split_hit(const App *app, float x)
{
    if (!app->split_on)
        return false;
    float sx = app->view.rect.x + app->view.rect.w * app->split_frac;
    return fabsf(x - sx) <= 20 * ui_s(app);
}

/* A stroke region whose point buffer holds PLAN_MAX_REGION_POINTS, so the
 * stroke grows without allocating while the finger moves. */
static int stroke_begin(App *app, double px, double py)
{
    if (app->doc.plan.region_count >= PLAN_MAX_REGIONS) {
        app_refuse(app, "Limit reached", "this plan already has the most painted regions (256): undo or erase some");
        return -1;
    }
    PlanPoint *buf = malloc(sizeof *buf * PLAN_MAX_REGION_POINTS);
    if (!buf)
        return -1;
    PlanPoint p0 = {px, py};
    for (int i = 0; i < PLAN_MAX_REGION_POINTS; i++)
        buf[i] = p0;
    SmpError err;
    app_edit_begin(app);
    if (!plan_add_region(&app->doc.plan, app->tools.brush_kind, REGION_STROKE, app->tools.tool == TOOL_ERASER, app->tools.brush_mm, &p0,
                         1, &err)) {
        free(buf);
        app_set_error(app, err.msg);
        return -1;
    }
    PlanRegion *r = &app->doc.plan.regions[app->doc.plan.region_count - 1];
    free(r->points);
    r->points = buf;
    r->view = app->views.shown; /* its points are that photo's pixels */
    app_mark_changed(app, SCENE_CHANGED_REGIONS);
    return app->doc.plan.region_count - 1;
}

static void stroke_extend(App *app, double px, double py)
{
    if (app->gesture.stroke_region < 0 || app->gesture.stroke_region >= app->doc.plan.region_count)
        return;
    PlanRegion *r = &app->doc.plan.regions[app->gesture.stroke_region];
    const PlanPoint *last = &r->points[r->count - 1];
    double step = app->tools.brush_mm * app_views_px_per_mm(app) * 0.25;
    if (r->count >= PLAN_MAX_REGION_POINTS || hypot(px - last->x, py - last->y) < step)
        return;
    r->points[r->count++] = (PlanPoint){px, py};
    app_mark_changed(app, SCENE_CHANGED_REGIONS);
}

/* Line tool: right-click removes a point; a press on a point may become a
 * tap (select), a drag (move) or a hold (remove); elsewhere adds one. */
static void hairline_down(App *app, float x, float y, double px, double py, int button)
{
    AppGesture *g = &app->gesture;
    int i = hit_hairline_point(app, x, y);
    if (button == APP_BUTTON_RIGHT) {
        if (i >= 0)
            delete_hairline_point(app, i);
        return;
    }
    if (i < 0) {
        PlanHairline *h = &app->doc.plan.hairline;
        if (h->count >= PLAN_MAX_HAIRLINE_POINTS) {
            app_set_status(app, "The hairline has its most points (64)");
            return;
        }
        clamp_to_photo(app, &px, &py);
        app_edit_begin(app);
        i = insertion_index(h, px, py);
        memmove(&h->points[i + 1], &h->points[i], sizeof h->points[0] * (size_t)(h->count - i));
        h->points[i] = (PlanPoint){px, py};
        h->count++;
        if (hairline_crosses_itself(&app->doc.plan)) {
            app_edit_cancel(app);
            app_set_status(app, "Not added: the hairline can't cross itself");
            return;
        }
        app_mark_changed(app, SCENE_CHANGED_HAIRLINE);
    } else {
        app_edit_begin(app);
        g->press_still = true; /* a tap selects, a hold removes */
        g->press_touch = g->touch_input;
        g->press_x = x, g->press_y = y;
        g->press_time = app->now;
    }
    app->tools.selected_point = i;
    g->drag_index = i;
    g->drag = DRAG_HAIRLINE_POINT;
}

/* Scale tool: the point follows the pointer until release (a finger can
 * aim), and a second finger can still turn the touch into a pinch. */
static void calibrate_down(App *app, double px, double py)
{
    AppGesture *g = &app->gesture;
    *(g->calib_clicks == 0 ? &g->calib_a : &g->calib_b) = (PlanPoint){px, py};
    g->calib_clicks = g->calib_clicks == 0 ? 1 : 2;
    g->drag = DRAG_CALIB;
}

/* Marks tool: a press on a mark drags it; elsewhere places the next missing
 * mark (glabella, eyes, then the midline through the point). */
static void landmarks_down(App *app, float x, float y, double px, double py)
{
    int i = hit_landmark(app, x, y);
    app_edit_begin(app);
    if (i < 0 && app->tools.mark_ear) { /* "Mark an ear": this tap is an ear */
        i = app_head_ear_side(app, px, py) > 0 ? LM_EAR_LEFT : LM_EAR_RIGHT;
        landmark_set(&app->doc.plan, i, (PlanPoint){px, py});
        app->tools.mark_ear = false;
        app_set_status(app, i == LM_EAR_LEFT ? "Marked the client's left ear (drag to adjust)"
                                             : "Marked the client's right ear (drag to adjust)");
    } else if (i < 0) {
        PlanLandmarks *l = &app->doc.plan.landmarks;
        double reach = 60 * plan_px_per_mm(&app->doc.plan);
        i = !l->has_glabella ? LM_GLABELLA : !l->has_eye_left ? LM_EYE_LEFT : !l->has_eye_right ? LM_EYE_RIGHT : -1;
        if (i < 0 && !l->has_midline) {
            /* The midline through the clicked point, vertical to start with. */
            l->midline_a = (PlanPoint){px, py - reach};
            l->midline_b = (PlanPoint){px, py + reach};
            l->has_midline = true;
            i = LM_MID_B;
            app_mark_changed(app, SCENE_CHANGED_HAIRLINE);
        } else if (i >= 0) {
            landmark_set(&app->doc.plan, i, (PlanPoint){px, py});
            if (i == LM_GLABELLA && !l->has_midline) {
                l->midline_a = (PlanPoint){px, py - reach * 1.5};
                l->midline_b = (PlanPoint){px, py + reach * 0.5};
                l->has_midline = true;
                app_mark_changed(app, SCENE_CHANGED_HAIRLINE);
            }
        }
    }
    app->gesture.drag_index = i;
    app->gesture.drag = i >= 0 ? DRAG_LANDMARK : DRAG_NONE;
    if (i < 0)
        app_edit_end(app);
}

/* Whorl tool: places the whorl; dragging moves it until release. */
static void whorl_down(App *app, double px, double py)
{
    app_edit_begin(app); /* ends on release */
    app->doc.plan.growth.has_whorl = true;
    app->doc.plan.growth.whorl = (PlanPoint){px, py};
    app_mark_changed(app, SCENE_CHANGED_LOOK);
    app->gesture.drag = DRAG_WHORL;
}

/* The head's handles, unless the tool's own handle is there (a hairline point or
 * a face mark on the outline stays the tool's). */
static bool head_handle_down(App *app, float x, float y)
{
    int k = app_head_handle_hit(app, x, y);
    if (k < 0 || (app->tools.tool == TOOL_HAIRLINE && hit_hairline_point(app, x, y) >= 0) ||
        (app->tools.tool == TOOL_LANDMARKS && hit_landmark(app, x, y) >= 0))
        return false;
    app_head_handle_begin(app, k, x, y);
    return true;
}

void app_tool_pointer_down(App *app, float x, float y, int button)
{
    double px, py;
    view_to_photo(&app->view, x, y, &px, &py);
    app->gesture.last_x = x, app->gesture.last_y = y;
    if (app->show_client) {
        app_show_pointer_down(app, x);
        return;
    }
    /* The divider first: it moves with any tool, Pan included. */
    if (button == APP_BUTTON_LEFT && !app->before_held && split_hit(app, x)) {
        app->gesture.drag = DRAG_SPLIT;
        return;
    }
    if (button == APP_BUTTON_LEFT && !app->before_held && head_handle_down(app, x, y))
        return;
    if (button == APP_BUTTON_MIDDLE || app->before_held || app->tools.tool == TOOL_PAN) {
        app->gesture.drag = DRAG_PAN;
        return;
    }
    if (app->tools.tool == TOOL_HAIRLINE) {
        if (app->views.shown > 0)
            app_views_hairline_down(app, x, y);
        else
            hairline_down(app, x, y, px, py, button);
        return;
    }
    if (button != APP_BUTTON_LEFT)
        return; /* the other tools take the left button only */
    switch (app->tools.tool) {
    case TOOL_BRUSH:
    case TOOL_ERASER:
        app->gesture.stroke_region = stroke_begin(app, px, py);
        if (app->gesture.stroke_region >= 0)
            app->gesture.drag = DRAG_STROKE;
        break;
    case TOOL_CALIBRATE: calibrate_down(app, px, py); break;
    case TOOL_LANDMARKS: landmarks_down(app, x, y, px, py); break;
    case TOOL_WHORL: whorl_down(app, px, py); break;
    case TOOL_HEAD_BRUSH: app_head_stroke_begin(app, px, py); break;
    case TOOL_EYEDROPPER: app_match_tap(app, px, py); break;
    case TOOL_HAIRLINE:
    case TOOL_PAN:
    case TOOL_COUNT: break;
    }
}

void app_tool_pointer_move(App *app, float x, float y)
{
    double px, py;
    view_to_photo(&app->view, x, y, &px, &py);
    switch (app->gesture.drag) {
    case DRAG_PAN: view_pan(&app->view, x - app->gesture.last_x, y - app->gesture.last_y); break;
    case DRAG_SPLIT: {
        float f = (x - app->view.rect.x) / app->view.rect.w;
        app->split_frac = f < 0.02f ? 0.02f : f > 0.98f ? 0.98f : f;
        break;
    }
    case DRAG_HAIRLINE_POINT:
        if (app->gesture.press_still && hypotf(x - app->gesture.press_x, y - app->gesture.press_y) <= PRESS_SLOP * ui_s(app))
            break; /* not a drag yet: a tap must not nudge the point */
        app->gesture.press_still = false;
        if (app->gesture.drag_index >= 0 && app->gesture.drag_index < app->doc.plan.hairline.count) {
            clamp_to_photo(app, &px, &py);
            PlanPoint *pt = &app->doc.plan.hairline.points[app->gesture.drag_index], was = *pt;
            *pt = (PlanPoint){px, py};
            if (hairline_crosses_itself(&app->doc.plan)) { /* stays where it last was fine */
                *pt = was;
                app_set_status(app, "The hairline can't cross itself: the point stops here");
                break;
            }
            app_mark_changed(app, SCENE_CHANGED_HAIRLINE);
        }
        break;
    case DRAG_STROKE: stroke_extend(app, px, py); break;
    case DRAG_HEAD_STROKE: app_head_stroke_extend(app, px, py); break;
    case DRAG_HEAD_HANDLE: app_head_handle_drag(app, x, y); break;
    case DRAG_VIEW_HAIRLINE: app_views_hairline_drag(app, px, py); break;
    case DRAG_CALIB: *(app->gesture.calib_clicks == 1 ? &app->gesture.calib_a : &app->gesture.calib_b) = (PlanPoint){px, py}; break;
    case DRAG_WHORL:
        if (app->doc.plan.growth.whorl.x != px || app->doc.plan.growth.whorl.y != py) {
            app->doc.plan.growth.whorl = (PlanPoint){px, py};
            app_mark_changed(app, SCENE_CHANGED_LOOK);
        }
        break;
    case DRAG_LANDMARK:
        landmark_set(&app->doc.plan, app->gesture.drag_index, (PlanPoint){px, py});
        if (app->gesture.drag_index == LM_MID_A || app->gesture.drag_index == LM_MID_B)
            app_mark_changed(app, SCENE_CHANGED_HAIRLINE);
        break;
    default: break;
    }
    app->gesture.last_x = x, app->gesture.last_y = y;
}

void app_tool_pointer_up(App *app, float x, float y, int button)
{
    (void)button;
    app_tool_pointer_move(app, x, y);
    if (app->gesture.drag == DRAG_STROKE)
        app->gesture.stroke_region = -1;
    app->gesture.stroke_correction = -1;
    bool calibrated = app->gesture.drag == DRAG_CALIB && app->gesture.calib_clicks == 2;
    app->gesture.drag = DRAG_NONE;
    app->gesture.press_still = false;
    app_edit_end(app);
    if (calibrated) {
        snprintf(app->dlg.field, sizeof app->dlg.field, "%g", app->doc.plan.scale.set ? app->doc.plan.scale.distance_mm : 63.0);
        app_open_dialog(app, DLG_CALIBRATE);
    }
}

/* Head width from the outer eye corners: biparietal width is about 1.7
 * times the outer canthal distance in adults. */
#define HEAD_PER_EYE_SPAN 1.7
#define SCALE_MIN_PX_PER_MM 1.0
#define SCALE_MAX_HEAD_MM 400.0
#define SCALE_MAX_PHOTO_MM 1000.0 /* without eye marks: the photo's shorter side */

void app_tool_scale_message(const App *app, char *msg, size_t size)
{
    const SmpPlan *p = &app->doc.plan;
    double ppm = plan_px_per_mm(p);
    const PlanLandmarks *l = &p->landmarks;
    double head_mm = 0, photo_mm = 0;
    if (l->has_eye_left && l->has_eye_right)
        head_mm = HEAD_PER_EYE_SPAN * hypot(l->eye_right.x - l->eye_left.x, l->eye_right.y - l->eye_left.y) / ppm;
    if (app->doc.has_photo)
        photo_mm = (app->doc.photo.width < app->doc.photo.height ? app->doc.photo.width : app->doc.photo.height) / ppm;
    if (ppm < SCALE_MIN_PX_PER_MM)
        snprintf(msg, size, "Warning: scale %.2f px/mm is implausibly coarse (under %.0f px/mm): check the two points "
                 "and the distance", ppm, SCALE_MIN_PX_PER_MM);
    else if (head_mm > SCALE_MAX_HEAD_MM)
        snprintf(msg, size, "Warning: scale %.2f px/mm makes the head about %.0f cm wide: check the two points and "
                 "the distance", ppm, head_mm / 10);
    else if (head_mm == 0 && photo_mm > SCALE_MAX_PHOTO_MM)
        snprintf(msg, size, "Warning: scale %.2f px/mm makes the photo %.1f m across: check the two points and the "
                 "distance", ppm, photo_mm / 1000);
    else
        snprintf(msg, size, "Scale set: %.2f pixels per mm", ppm);
}

/* ---- overlays ---- */

static void photo_line(App *app, double ax, double ay, double bx, double by, float w, uint32_t c)
{
    double x0, y0, x1, y1;
    view_to_screen(&app->view, ax, ay, &x0, &y0);
    view_to_screen(&app->view, bx, by, &x1, &y1);
    draw_line(&app->dl, (float)x0, (float)y0, (float)x1, (float)y1, w, c);
}

void app_draw_handle(App *app, double sx, double sy, bool selected, uint32_t fill)
{
    float s = ui_s(app);
    draw_circle(&app->dl, (float)sx, (float)sy, HANDLE_RADIUS * s, RGBA(0, 0, 0, 110));
    draw_ring(&app->dl, (float)sx, (float)sy, HANDLE_RADIUS * s, 3 * s, selected ? RGBA(255, 210, 60, 255) : fill);
    draw_circle(&app->dl, (float)sx, (float)sy, 2.5f * s, fill);
}

static void handle(App *app, double px, double py, bool selected, uint32_t fill)
{
    double sx, sy;
    view_to_screen(&app->view, px, py, &sx, &sy);
    app_draw_handle(app, sx, sy, selected, fill);
}

static void draw_hairline(App *app)
{
    if (app->doc.curve_stale) {
        hairline_build(&app->doc.plan, &app->doc.curve);
        app->doc.curve_stale = false;
    }
    float s = ui_s(app);
    double ppm = plan_px_per_mm(&app->doc.plan);
    const HairlineCurve *c = &app->doc.curve;
    bool active = app->tools.tool == TOOL_HAIRLINE;
    uint32_t col = active ? RGBA(255, 255, 255, 170) : RGBA(255, 255, 255, 70);
    int step = c->count > 600 ? c->count / 600 : 1;
    for (int i = step; i < c->count; i += step)
        photo_line(app, c->x_mm[i - step] * ppm, c->y_mm[i - step] * ppm, c->x_mm[i] * ppm, c->y_mm[i] * ppm,
                   1.5f * s, col);
    if (!active)
        return;
    PlanPoint eff[PLAN_MAX_HAIRLINE_POINTS * 2 + 2];
    int n = hairline_control_points(&app->doc.plan, eff, (int)(sizeof eff / sizeof eff[0]));
    if (app->doc.plan.hairline.symmetric) /* mirrored points: ghosts, edited through their twins */
        for (int i = 0; i < n; i++) {
            double sx, sy;
            view_to_screen(&app->view, eff[i].x, eff[i].y, &sx, &sy);
            draw_ring(&app->dl, (float)sx, (float)sy, 7 * s, 2 * s, RGBA(255, 255, 255, 90));
        }
    for (int i = 0; i < app->doc.plan.hairline.count; i++)
        handle(app, app->doc.plan.hairline.points[i].x, app->doc.plan.hairline.points[i].y, i == app->tools.selected_point,
               RGBA(90, 200, 255, 255));
    /* A finger held on a handle: a red ring closes in on it until it goes. */
    double t = (app->now - app->gesture.press_time) / HOLD_SECONDS;
    int k = app->gesture.drag_index;
    if (app->gesture.drag == DRAG_HAIRLINE_POINT && app->gesture.press_still && app->gesture.press_touch && t > 0.2 && k >= 0 &&
        k < app->doc.plan.hairline.count) {
        double sx, sy;
        view_to_screen(&app->view, app->doc.plan.hairline.points[k].x, app->doc.plan.hairline.points[k].y, &sx, &sy);
        float r = HANDLE_RADIUS * s * (1 + 2 * (float)(1 - fmin(t, 1)));
        draw_ring(&app->dl, (float)sx, (float)sy, r, 4 * s, RGBA(255, 70, 70, 230));
    }
}

/* Text over the photo: a dark halo keeps it readable on light skin. */
static void photo_text(App *app, float x, float y, int size, const char *t, uint32_t rgba)
{
    float d = ui_s(app);
    for (int i = 0; i < 4; i++)
        draw_text(&app->dl, x + (i & 1 ? d : -d), y + (i & 2 ? d : -d), size, t, RGBA(0, 0, 0, 150));
    draw_text(&app->dl, x, y, size, t, rgba);
}

/* Faint guides from the classic proportions: the mid-frontal point 7-10 cm
 * above the glabella along the midline, temple lines at the outer eye corners. */
static void draw_guides(App *app)
{
    const PlanLandmarks *l = &app->doc.plan.landmarks;
    float s = ui_s(app);
    double ppm = plan_px_per_mm(&app->doc.plan);
    uint32_t c = RGBA(255, 230, 120, 120);
    /* Labels a line apart at least: zoomed out, only 7 and 10 cm, then none. */
    double cm_px = 10 * ppm * app->view.zoom, line = app->font.line_h[FONT_SMALL];
    if (l->has_midline)
        photo_line(app, l->midline_a.x, l->midline_a.y, l->midline_b.x, l->midline_b.y, 1.5f * s,
                   RGBA(255, 120, 200, 150));
    if (l->has_glabella && app->doc.plan.scale.set) {
        double ux = 0, uy = -1; /* up along the midline */
        if (l->has_midline) {
            double dx = l->midline_a.x - l->midline_b.x, dy = l->midline_a.y - l->midline_b.y, n = hypot(dx, dy);
            if (n > 0) {
                ux = dx / n, uy = dy / n;
                if (uy > 0)
                    ux = -ux, uy = -uy;
            }
        }
        for (int cm = 7; cm <= 10; cm++) {
            double d = cm * 10 * ppm, half = (cm == 8 ? 14 : 7) * ppm;
            double cx = l->glabella.x + ux * d, cy = l->glabella.y + uy * d;
            photo_line(app, cx + uy * half, cy - ux * half, cx - uy * half, cy + ux * half, (cm == 8 ? 2.5f : 1.5f) * s,
                       c);
            double sx, sy;
            view_to_screen(&app->view, cx - uy * half, cy + ux * half, &sx, &sy);
            if (cm_px < line && !((cm == 7 || cm == 10) && 3 * cm_px >= line))
                continue;
            char t[16];
            snprintf(t, sizeof t, "%d cm", cm);
            photo_text(app, (float)sx + 6 * s, (float)sy - 10 * s, FONT_SMALL, t, RGBA(255, 230, 120, 255));
        }
    }
    const PlanPoint *eyes[2] = {l->has_eye_left ? &l->eye_left : NULL, l->has_eye_right ? &l->eye_right : NULL};
    for (int i = 0; i < 2; i++)
        if (eyes[i])
            photo_line(app, eyes[i]->x, eyes[i]->y, eyes[i]->x, eyes[i]->y - 120 * ppm, 1.5f * s, c);
    if (app->tools.tool == TOOL_LANDMARKS)
        for (int i = 0; i < LM_COUNT; i++) {
            PlanPoint p;
            if (!landmark_get(&app->doc.plan, i, &p))
                continue;
            bool ear = i >= LM_EAR_LEFT, mid = !ear && i >= LM_MID_A;
            uint32_t col = ear ? RGBA(120, 200, 255, 255) : mid ? RGBA(255, 120, 200, 255) : RGBA(255, 230, 120, 255);
            handle(app, p.x, p.y, false, col);
            double sx, sy; /* the side is the client's, not as seen: say it */
            view_to_screen(&app->view, p.x, p.y, &sx, &sy);
            if (ear)
                photo_text(app, (float)sx + 16 * s, (float)sy - 10 * s, FONT_SMALL,
                           i == LM_EAR_LEFT ? "left ear" : "right ear", col);
        }
}

/* A thin line along one cell edge, in screen px. */
static void cell_edge(App *app, double x0, double y0, double x1, double y1, float w, uint32_t c)
{
    double ax, ay, bx, by;
    view_to_screen(&app->view, x0, y0, &ax, &ay);
    view_to_screen(&app->view, x1, y1, &bx, &by);
    draw_rect(&app->dl, (float)fmin(ax, bx) - w / 2, (float)fmin(ay, by) - w / 2, (float)fabs(bx - ax) + w,
              (float)fabs(by - ay) + w, c);
}

/* One row of the mask: runs of a label as one even tint each, and the
 * outline where a cell's neighbour has another label. */
static void draw_mask_row(App *app, const RegionMask *m, int y, const uint32_t *fill, const uint32_t *edge)
{
    double c = m->cell_px, pw = app->view.photo_w, ph = app->view.photo_h;
    double y0 = y * c, y1 = fmin((y + 1) * c, ph);
    float lw = 1.5f * ui_s(app);
    for (int x = 0; x < m->w;) {
        int l = region_mask_at(m, x, y), x1 = x;
        while (x1 < m->w && region_mask_at(m, x1, y) == l)
            x1++;
        if (l) {
            double sx0, sy0, sx1, sy1;
            view_to_screen(&app->view, x * c, y0, &sx0, &sy0);
            view_to_screen(&app->view, fmin(x1 * c, pw), y1, &sx1, &sy1);
            draw_rect(&app->dl, (float)sx0, (float)sy0, (float)(sx1 - sx0), (float)(sy1 - sy0), fill[l - 1]);
            cell_edge(app, x * c, y0, x * c, y1, lw, edge[l - 1]);
            cell_edge(app, fmin(x1 * c, pw), y0, fmin(x1 * c, pw), y1, lw, edge[l - 1]);
            for (int k = x; k < x1; k++) {
                double cx0 = k * c, cx1 = fmin((k + 1) * c, pw);
                if (region_mask_at(m, k, y - 1) != l)
                    cell_edge(app, cx0, y0, cx1, y0, lw, edge[l - 1]);
                if (region_mask_at(m, k, y + 1) != l)
                    cell_edge(app, cx0, y1, cx1, y1, lw, edge[l - 1]);
            }
        }
        x = x1;
    }
}

/* Painted areas as the region mask: one even tint per kind with an outline,
 * on the photo only; what an eraser removed shows no tint. */
static void draw_regions(App *app)
{
    static const uint32_t fill[REGION_KIND_COUNT] = {RGBA(80, 220, 120, 70), RGBA(255, 80, 80, 70),
                                                     RGBA(255, 200, 60, 80)};
    static const uint32_t edge[REGION_KIND_COUNT] = {RGBA(80, 220, 120, 230), RGBA(255, 80, 80, 230),
                                                     RGBA(255, 200, 60, 230)};
    RegionMask *m = &app->region_mask;
    int w = app->view.photo_w, h = app->view.photo_h; /* the photo shown: view 0's or another */
    uint64_t sig = region_mask_signature(&app->doc.plan, w, h) ^ (uint64_t)app->views.shown;
    if (!app->region_mask_built || sig != m->signature) {
        SmpPlan seen;
        bool carried = app_views_seen_areas(app, &seen);
        region_mask_build(m, carried ? &seen : &app->doc.plan, w, h);
        if (carried)
            plan_free(&seen);
        m->signature = sig;
        app->region_mask_built = true;
    }
    for (int y = 0; y < m->h; y++)
        draw_mask_row(app, m, y, fill, edge);
}

/* The brush's size under the pointer. */
static void brush_ring(App *app, float s)
{
    if ((app->tools.tool == TOOL_BRUSH || app->tools.tool == TOOL_ERASER) && view_contains(&app->view, app->mx, app->my)) {
        float r = (float)(app->tools.brush_mm * app_views_px_per_mm(app) * app->view.zoom);
        draw_ring(&app->dl, app->mx, app->my, r, 2 * s, RGBA(255, 255, 255, 200));
    }
}

void app_draw_overlays(App *app)
{
    float s = ui_s(app);
    if (app->tools.tool == TOOL_BRUSH || app->tools.tool == TOOL_ERASER)
        draw_regions(app);
    app_head_handles_draw(app); /* under the tools' own handles */
    if (app->views.shown > 0) { /* another photo: its areas, head, hairline and the brushes only */
        app_head_brush_draw(app);
        app_views_hairline_draw(app);
        brush_ring(app, s);
        return;
    }
    draw_guides(app);
    draw_hairline(app);
    app_head_brush_draw(app);
    if (app->doc.plan.growth.has_whorl && app->tools.tool == TOOL_WHORL)
        handle(app, app->doc.plan.growth.whorl.x, app->doc.plan.growth.whorl.y, false, RGBA(200, 160, 255, 255));
    if (app->doc.plan.scale.set && app->tools.tool == TOOL_CALIBRATE)
        photo_line(app, app->doc.plan.scale.a.x, app->doc.plan.scale.a.y, app->doc.plan.scale.b.x, app->doc.plan.scale.b.y, 2 * s,
                   RGBA(120, 255, 160, 200));
    if (app->tools.tool == TOOL_CALIBRATE && app->gesture.calib_clicks > 0) {
        handle(app, app->gesture.calib_a.x, app->gesture.calib_a.y, false, RGBA(120, 255, 160, 255));
        if (app->gesture.calib_clicks > 1) {
            handle(app, app->gesture.calib_b.x, app->gesture.calib_b.y, false, RGBA(120, 255, 160, 255));
            photo_line(app, app->gesture.calib_a.x, app->gesture.calib_a.y, app->gesture.calib_b.x, app->gesture.calib_b.y, 2 * s,
                       RGBA(120, 255, 160, 255));
        }
    }
    brush_ring(app, s);
    if (app->split_on) {
        float x = app->view.rect.x + app->view.rect.w * app->split_frac;
        draw_rect(&app->dl, x - 1.5f * s, app->view.rect.y, 3 * s, app->view.rect.h, RGBA(255, 255, 255, 255));
        float cy = app->view.rect.y + app->view.rect.h * 0.5f;
        draw_circle(&app->dl, x, cy, 18 * s, RGBA(255, 255, 255, 230));
        draw_text(&app->dl, x - 13 * s, cy - 11 * s, FONT_SMALL, "<>", RGBA(30, 30, 30, 255));
        if (!app->before_held) { /* held, the large BEFORE below says it */
            photo_text(app, app->view.rect.x + 10 * s, app->view.rect.y + 8 * s, FONT_SMALL, "BEFORE",
                       RGBA(255, 255, 255, 230));
            photo_text(app, app->view.rect.x + app->view.rect.w - 80 * s, app->view.rect.y + 8 * s, FONT_SMALL,
                       "AFTER", RGBA(255, 255, 255, 230));
        }
    }
    if (app->before_held)
        photo_text(app, app->view.rect.x + 10 * s, app->view.rect.y + 8 * s, FONT_LARGE, "BEFORE",
                   RGBA(255, 255, 255, 230));
}

void app_tool_set(App *app, AppTool t)
{
    if (app->views.shown > 0 && t != TOOL_PAN && t != TOOL_BRUSH && t != TOOL_ERASER && t != TOOL_HEAD_BRUSH &&
        t != TOOL_HAIRLINE) {
        app_set_status(app, "The face marks, the scale and the whorl are set on view 0 (the Photo step)");
        return;
    }
    app_edit_end(app);
    app->tools.tool = t;
    app->tools.mark_ear = false; /* "Mark an ear" arms the Marks tool's next tap only */
    app->gesture.calib_clicks = 0;
    AppStep step; /* the eyedropper's proposal shows in the Look step */
    if (app_step_of_tool((int)t, &step))
        app->panels.step = step;
}

void app_tools_init(AppTools *t, AppGesture *g)
{
    t->tool = TOOL_HAIRLINE;
    t->selected_point = -1;
    t->brush_mm = 6.0;
    t->brush_kind = REGION_TREAT;
    g->stroke_region = -1;
    g->stroke_correction = -1;
    g->drag_index = -1;
}
