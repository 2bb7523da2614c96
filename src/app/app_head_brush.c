/* app_head_brush.c - the Head brush (docs/mattes.md): the technician paints "head" or
 * "not head" over the photo; each stroke is one undo step in the plan's head_corrections,
 * and the mattes are found again on the worker once it ends (app_mattes.c), so a frame
 * never waits for them. Until then the stroke shows as a tint of its own. */
#include "app_internal.h"

#include <math.h>
#include <stdlib.h>

/* The brush's radius in photo px: the brush size (mm) at the photo shown's scale,
 * within the plan's bounds for a correction. */
static double radius_px(const App *app)
{
    double r = app->tools.brush_mm * app_views_px_per_mm(app);
    return r < 0.5 ? 0.5 : r > PLAN_MAX_CORRECTION_RADIUS_PX ? PLAN_MAX_CORRECTION_RADIUS_PX : r;
}

/* The stroke's points go into a buffer of PLAN_MAX_CORRECTION_POINTS, so it grows
 * without allocating while the finger moves. */
bool app_head_stroke_begin(App *app, double px, double py)
{
    SmpPlan *plan = &app->doc.plan;
    if (plan->head_correction_count >= PLAN_MAX_HEAD_CORRECTIONS) {
        app_refuse(app, "Limit reached", "this plan already has the most head corrections (128): undo some");
        return false;
    }
    PlanPoint *buf = malloc(sizeof *buf * PLAN_MAX_CORRECTION_POINTS), p0 = {px, py};
    if (!buf) {
        app_set_error(app, "out of memory starting a head correction");
        return false;
    }
    SmpError err;
    app_edit_begin(app);
    if (!plan_add_head_correction(plan, app->tools.head_brush_head, radius_px(app), &p0, 1, &err)) {
        free(buf);
        app_set_error(app, err.msg);
        return false;
    }
    HeadCorrection *c = &plan->head_corrections[plan->head_correction_count - 1];
    buf[0] = p0;
    free(c->points);
    c->points = buf;
    c->view = app->views.shown; /* that photo's matte */
    app->gesture.stroke_correction = plan->head_correction_count - 1;
    app->gesture.drag = DRAG_HEAD_STROKE;
    return true;
}

/* A point a quarter of the radius on from the last one, as the area brush does: the
 * capsules overlap without piling up points. */
void app_head_stroke_extend(App *app, double px, double py)
{
    int i = app->gesture.stroke_correction;
    if (i < 0 || i >= app->doc.plan.head_correction_count)
        return;
    HeadCorrection *c = &app->doc.plan.head_corrections[i];
    const PlanPoint *last = &c->points[c->count - 1];
    if (c->count >= PLAN_MAX_CORRECTION_POINTS || hypot(px - last->x, py - last->y) < c->radius_px * 0.25)
        return;
    c->points[c->count++] = (PlanPoint){px, py};
}

void app_head_brush_key(App *app)
{
    if (app->tools.tool != TOOL_HEAD_BRUSH) {
        app_tool_set(app, TOOL_HEAD_BRUSH);
        return;
    }
    app->tools.head_brush_head = !app->tools.head_brush_head;
    app_set_status(app, app->tools.head_brush_head ? "Head brush: head (dots may go here)"
                                                   : "Head brush: not head (no dots here)");
}

static uint32_t mode_colour(bool head, int alpha)
{
    return head ? RGBA(80, 220, 120, alpha) : RGBA(255, 60, 200, alpha);
}

/* The stroke's band as a tint and its round ends as rings: tinted discs at the ends
 * would pile their alpha on the band's. */
static void draw_stroke(App *app, const HeadCorrection *c, float s)
{
    float w = (float)(2 * c->radius_px * app->view.zoom);
    double x0, y0, x1 = 0, y1 = 0;
    view_to_screen(&app->view, c->points[0].x, c->points[0].y, &x0, &y0);
    draw_ring(&app->dl, (float)x0, (float)y0, w / 2, 2 * s, mode_colour(c->head, 160));
    for (int k = 1; k < c->count; k++, x0 = x1, y0 = y1) {
        view_to_screen(&app->view, c->points[k].x, c->points[k].y, &x1, &y1);
        draw_line(&app->dl, (float)x0, (float)y0, (float)x1, (float)y1, w, mode_colour(c->head, 90));
    }
    if (c->count > 1)
        draw_ring(&app->dl, (float)x1, (float)y1, w / 2, 2 * s, mode_colour(c->head, 160));
}

void app_head_brush_draw(App *app)
{
    if (app->tools.tool != TOOL_HEAD_BRUSH)
        return;
    const SmpPlan *plan = &app->doc.plan;
    float s = app->ui.scale > 0 ? app->ui.scale : 1;
    /* strokes the mattes shown do not have yet: on view 0 those after its matte job's,
     * on another view the one being painted (its mattes follow when it ends) */
    int first = app->views.shown == 0 ? app->matte_job.corrections
                : app->gesture.drag == DRAG_HEAD_STROKE ? app->gesture.stroke_correction : plan->head_correction_count;
    for (int i = first < 0 ? 0 : first; i < plan->head_correction_count; i++)
        if (plan->head_corrections[i].view == app->views.shown)
            draw_stroke(app, &plan->head_corrections[i], s);
    if (view_contains(&app->view, app->mx, app->my)) {
        draw_ring(&app->dl, app->mx, app->my, (float)(radius_px(app) * app->view.zoom), 2 * s,
                  mode_colour(app->tools.head_brush_head, 230));
    }
}
