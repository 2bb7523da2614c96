/* app_head_handles.c - the fitted head's outline over the photo shown (view 0's,
 * or another view's: its head in the plan), with handles to correct the fit (docs/head3d.md "Correcting the fit"): its axis ends move and
 * scale it, its centre moves it, the tilt, turn and roll handles change the
 * pitch, the yaw and the roll. A drag puts the corrected head into the edited plan, one undo step;
 * the scene follows when the pointer lifts (app_head_plan_changed), so a drag
 * costs only the outline. */
#include "app_internal.h"

#include "../core/head3d_edit.h"

#include <math.h>
#include <stdio.h>

#define OUTLINE_POINTS 64
#define HANDLE_R 12.0f     /* drawn, px at scale 1 (as the hairline's) */
#define HANDLE_REACH 26.0f /* hit radius: 52 px across at scale 1, 9.9 mm on a 264 dpi tablet at 200 % */
#define POSE_MARGIN 56.0f  /* px outside the outline for the tilt and turn handles: their reach clear of the edge handles */

static float ui_scale(const App *app) { return app->ui.scale > 0 ? app->ui.scale : 1; }

/* The head of the photo shown (view 0's in use, or another view's in the plan) and
 * that photo's size; NULL when it has none or is not loaded. */
static const PlanHead *shown_head(const App *app, int *w, int *h)
{
    const AppViews *v = &app->views;
    if (v->shown == 0) {
        *w = app->doc.photo.width, *h = app->doc.photo.height;
        return app_head_in_use(app);
    }
    *w = v->got.photo.width, *h = v->got.photo.height;
    const PlanHead *ph = &app->doc.plan.extra_views[v->shown - 1].head;
    return v->got.n == v->shown && v->got.photo.pixels && ph->set ? ph : NULL;
}

/* The outline in photo px, when the step shows it. */
static bool shown_outline(const App *app, HeadOutline *o)
{
    int w, h;
    const PlanHead *ph = shown_head(app, &w, &h);
    return ph && app->panels.step == STEP_HAIRLINE && app->doc.has_photo && !app->show_client &&
           head3d_outline_of(ph, w, h, o);
}

/* How far along the screen ray from (cx, cy) by (dx, dy) stays inside the view,
 * `inset` px from its edges (up to t). */
static double ray_in_view(const App *app, double cx, double cy, double dx, double dy, double t, double inset)
{
    const UiRect *r = &app->view.rect;
    double lo[2] = {r->x + inset, r->y + inset}, hi[2] = {r->x + r->w - inset, r->y + r->h - inset};
    double c[2] = {cx, cy}, d[2] = {dx, dy};
    for (int i = 0; i < 2; i++) {
        if (d[i] > 1e-9 && c[i] + t * d[i] > hi[i])
            t = (hi[i] - c[i]) / d[i];
        if (d[i] < -1e-9 && c[i] + t * d[i] < lo[i])
            t = (lo[i] - c[i]) / d[i];
    }
    return t;
}

/* A handle's screen point. The tilt and turn handles stand outside the outline,
 * drawn in toward the centre when that is off the view (a head filling it). */
static void handle_screen(const App *app, const HeadOutline *o, int k, double *sx, double *sy)
{
    double px, py, cx, cy, zoom = app->view.zoom > 0 ? app->view.zoom : 1;
    head3d_handle_at(o, (HeadHandle)k, POSE_MARGIN * ui_scale(app) / zoom, &px, &py);
    view_to_screen(&app->view, px, py, sx, sy);
    if (k != HEAD_HANDLE_TILT && k != HEAD_HANDLE_TURN && k != HEAD_HANDLE_ROLL)
        return;
    view_to_screen(&app->view, o->cx, o->cy, &cx, &cy);
    double dx = *sx - cx, dy = *sy - cy, len = hypot(dx, dy);
    if (len < 1e-9)
        return;
    double t = ray_in_view(app, cx, cy, dx / len, dy / len, len, HANDLE_R * ui_scale(app));
    t = t > 0 ? t : 0;
    *sx = cx + dx / len * t, *sy = cy + dy / len * t;
}

int app_head_handle_hit(const App *app, float x, float y)
{
    HeadOutline o;
    if (!shown_outline(app, &o))
        return -1;
    int best = -1;
    double best_d = HANDLE_REACH * ui_scale(app);
    for (int k = 0; k < HEAD_HANDLE_COUNT; k++) {
        double sx, sy;
        handle_screen(app, &o, k, &sx, &sy);
        double d = hypot(sx - x, sy - y);
        if (d <= best_d)
            best = k, best_d = d;
    }
    return best;
}

static const char *const HANDLE_HINTS[HEAD_HANDLE_COUNT] = {
    "Head outline: drag to fit its edge (V: next view)", "Head outline: drag to fit its edge (V: next view)",
    "Head outline: drag to fit its edge (V: next view)", "Head outline: drag to fit its edge (V: next view)",
    "Head: drag to move its outline", "Tilt: drag up or down to nod the head",
    "Turn: drag sideways to turn the head", "Roll: drag around the head to roll it"};

void app_head_handle_begin(App *app, int k, float x, float y)
{
    app_edit_begin(app); /* ends on release */
    AppGesture *g = &app->gesture;
    int w, h;
    g->head_start = *shown_head(app, &w, &h);
    g->head_start.view_chosen = false;
    view_to_photo(&app->view, x, y, &g->head_px, &g->head_py);
    g->drag = DRAG_HEAD_HANDLE;
    g->drag_index = k;
    app_set_status(app, HANDLE_HINTS[k]);
}

void app_head_handle_drag(App *app, float x, float y)
{
    AppGesture *g = &app->gesture;
    double px, py;
    view_to_photo(&app->view, x, y, &px, &py);
    PlanHead out;
    int w, h, n = app->views.shown;
    shown_head(app, &w, &h);
    /* from the head at the press, so a drag back undoes itself exactly */
    if (head3d_handle_drag(&g->head_start, w, h, (HeadHandle)g->drag_index, g->head_px, g->head_py, px, py, &out))
        *(n == 0 ? &app->doc.plan.head : &app->doc.plan.extra_views[n - 1].head) = out;
}

static void draw_handle(App *app, double sx, double sy, int k, uint32_t c)
{
    float s = ui_scale(app), x = (float)sx, y = (float)sy, r = HANDLE_R * s;
    draw_circle(&app->dl, x, y, r, RGBA(0, 0, 0, 110));
    draw_ring(&app->dl, x, y, r, 3 * s, c);
    if (k == HEAD_HANDLE_TILT) /* a bar along its drag */
        draw_line(&app->dl, x, y - r * 0.6f, x, y + r * 0.6f, 3 * s, c);
    else if (k == HEAD_HANDLE_TURN)
        draw_line(&app->dl, x - r * 0.6f, y, x + r * 0.6f, y, 3 * s, c);
    else if (k == HEAD_HANDLE_ROLL) /* a ring within: it turns */
        draw_ring(&app->dl, x, y, r * 0.45f, 2 * s, c);
    else
        draw_circle(&app->dl, x, y, 2.5f * s, c);
}

void app_head_handles_draw(App *app)
{
    HeadOutline o;
    if (!shown_outline(app, &o))
        return;
    float s = ui_scale(app);
    bool dragging = app->gesture.drag == DRAG_HEAD_HANDLE;
    uint32_t line = dragging ? RGBA(140, 255, 200, 230) : RGBA(140, 255, 200, 150);
    double x0, y0, px, py;
    head3d_outline_point(&o, 0, &px, &py);
    view_to_screen(&app->view, px, py, &x0, &y0);
    for (int i = 1; i <= OUTLINE_POINTS; i++) {
        double x1, y1;
        head3d_outline_point(&o, i * 6.283185307179586 / OUTLINE_POINTS, &px, &py);
        view_to_screen(&app->view, px, py, &x1, &y1);
        draw_line(&app->dl, (float)x0, (float)y0, (float)x1, (float)y1, 2 * s, line);
        x0 = x1, y0 = y1;
    }
    for (int k = 0; k < HEAD_HANDLE_COUNT; k++) {
        double sx, sy;
        handle_screen(app, &o, k, &sx, &sy);
        bool held = dragging && app->gesture.drag_index == k;
        draw_handle(app, sx, sy, k, held ? RGBA(255, 210, 60, 255) : RGBA(140, 255, 200, 255));
    }
}

void app_head_handles_layout(const App *app, FILE *f)
{
    HeadOutline o;
    if (!shown_outline(app, &o))
        return;
    for (int k = 0; k < HEAD_HANDLE_COUNT; k++) {
        double sx, sy;
        handle_screen(app, &o, k, &sx, &sy);
        fprintf(f, "handle %d %.1f %.1f %.1f head\n", k, sx, sy, HANDLE_REACH * ui_scale(app));
    }
}
