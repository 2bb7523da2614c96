/* app_views_hairline.c - the hairline on another view's photo (app_views.h): its
 * curve and points carried over the scalp from view 0's photo, where it lives. A
 * point dragged here moves, in view 0's pixels, to the skin under the pointer (one
 * undo step; the view's dots follow when it is let go); points are added and
 * removed on view 0. */
#include "app_internal.h"

#include "../core/hairline_edit.h"

#include <math.h>
#include <stdio.h>

#define REACH 26.0f /* touch-sized hit radius, px at scale 1 (as the Line tool's) */

/* The plan's views, when another view with a fit is shown. */
static bool shown_views(const App *app, ScalpViews *sv)
{
    SmpPlan shallow;
    return app->views.shown > 0 && app_doc_views(app, &shallow, sv) && sv->fitted[app->views.shown];
}

/* View 0's pixel (x, y) on the screen of the view shown; false where it does not
 * see that skin. */
static bool on_screen(const App *app, const ScalpViews *sv, double x, double y, double *sx, double *sy)
{
    double px, py;
    if (!scalp_map_px(sv, 0, app->views.shown, x, y, &px, &py))
        return false;
    view_to_screen(&app->view, px, py, sx, sy);
    return true;
}

void app_views_hairline_draw(App *app)
{
    ScalpViews sv;
    if (app->tools.tool != TOOL_HAIRLINE || !shown_views(app, &sv))
        return;
    if (app->doc.curve_stale) {
        hairline_build(&app->doc.plan, &app->doc.curve);
        app->doc.curve_stale = false;
    }
    const HairlineCurve *c = &app->doc.curve;
    double ppm = plan_px_per_mm(&app->doc.plan), ax = 0, ay = 0;
    float s = app->ui.scale > 0 ? app->ui.scale : 1;
    bool prev = false;
    for (int i = 0, step = c->count > 600 ? c->count / 600 : 1; i < c->count; i += step) {
        double bx, by;
        bool seen = on_screen(app, &sv, c->x_mm[i] * ppm, c->y_mm[i] * ppm, &bx, &by);
        if (seen && prev)
            draw_line(&app->dl, (float)ax, (float)ay, (float)bx, (float)by, 1.5f * s, RGBA(255, 255, 255, 170));
        prev = seen, ax = bx, ay = by;
    }
    const PlanHairline *h = &app->doc.plan.hairline;
    for (int i = 0; i < h->count; i++) {
        double sx, sy;
        if (on_screen(app, &sv, h->points[i].x, h->points[i].y, &sx, &sy))
            app_draw_handle(app, sx, sy, app->gesture.drag == DRAG_VIEW_HAIRLINE && app->gesture.drag_index == i,
                            RGBA(90, 200, 255, 255));
    }
}

/* The hairline point under screen (x, y), or -1. */
static int hit_point(const App *app, const ScalpViews *sv, float x, float y)
{
    int best = -1;
    double best_d = REACH * (app->ui.scale > 0 ? app->ui.scale : 1);
    for (int i = 0; i < app->doc.plan.hairline.count; i++) {
        double sx, sy;
        const PlanPoint *p = &app->doc.plan.hairline.points[i];
        if (on_screen(app, sv, p->x, p->y, &sx, &sy) && hypot(sx - x, sy - y) <= best_d)
            best = i, best_d = hypot(sx - x, sy - y);
    }
    return best;
}

void app_views_hairline_down(App *app, float x, float y)
{
    ScalpViews sv;
    int k = shown_views(app, &sv) ? hit_point(app, &sv, x, y) : -1;
    if (k < 0) {
        app_set_status(app, "Drag a point of the hairline here; points are added and removed on view 0");
        return;
    }
    app_edit_begin(app); /* ends on release */
    app->gesture.drag = DRAG_VIEW_HAIRLINE;
    app->gesture.drag_index = k;
}

void app_views_hairline_drag(App *app, double px, double py)
{
    ScalpViews sv;
    int k = app->gesture.drag_index;
    PlanPoint to;
    if (k < 0 || k >= app->doc.plan.hairline.count || !shown_views(app, &sv) ||
        !scalp_map_px(&sv, app->views.shown, 0, px, py, &to.x, &to.y))
        return; /* skin view 0 does not see: the point stays where it last was */
    PlanPoint *pt = &app->doc.plan.hairline.points[k], was = *pt;
    *pt = to;
    if (hairline_crosses_itself(&app->doc.plan)) {
        *pt = was;
        app_set_status(app, "The hairline can't cross itself: the point stops here");
        return;
    }
    app_mark_changed(app, SCENE_CHANGED_HAIRLINE);
}

void app_views_hairline_layout(const App *app, FILE *f)
{
    ScalpViews sv;
    if (app->tools.tool != TOOL_HAIRLINE || !shown_views(app, &sv))
        return;
    for (int i = 0; i < app->doc.plan.hairline.count; i++) {
        double sx, sy;
        const PlanPoint *p = &app->doc.plan.hairline.points[i];
        if (on_screen(app, &sv, p->x, p->y, &sx, &sy))
            fprintf(f, "hairline %d %.1f %.1f\n", i, sx, sy);
    }
}
