/* head_correct.c - seeds for the head matte from the plan, and the correction strokes
 * painted into it (see head_correct.h). */
#include "head_correct.h"

#include <math.h>
#include <stdlib.h>

/* Strokes whose path lies on head skin: treat and scar strokes that add. */
static bool region_seeds(const PlanRegion *r)
{
    return r->shape == REGION_STROKE && !r->erase && r->kind != REGION_EXCLUDE;
}

static void put_points(const PlanPoint *pts, int n, float *xy, int *count)
{
    for (int i = 0; i < n; i++, (*count)++) {
        xy[2 * *count] = (float)pts[i].x;
        xy[2 * *count + 1] = (float)pts[i].y;
    }
}

bool head_seeds_from_plan(const SmpPlan *plan, float **xy, int *count, SmpError *err)
{
    size_t total = plan->landmarks.has_glabella;
    for (int i = 0; i < plan->region_count; i++)
        total += region_seeds(&plan->regions[i]) ? (size_t)plan->regions[i].count : 0;
    for (int i = 0; i < plan->head_correction_count; i++)
        total += plan->head_corrections[i].head ? (size_t)plan->head_corrections[i].count : 0;
    *xy = NULL;
    *count = 0;
    if (total == 0)
        return true;
    *xy = malloc(total * 2 * sizeof **xy);
    if (!*xy)
        return smp_fail(err, "out of memory collecting %zu head seeds", total);
    if (plan->landmarks.has_glabella)
        put_points(&plan->landmarks.glabella, 1, *xy, count);
    for (int i = 0; i < plan->region_count; i++)
        if (region_seeds(&plan->regions[i]))
            put_points(plan->regions[i].points, plan->regions[i].count, *xy, count);
    for (int i = 0; i < plan->head_correction_count; i++)
        if (plan->head_corrections[i].head)
            put_points(plan->head_corrections[i].points, plan->head_corrections[i].count, *xy, count);
    return true;
}

static double clampd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Squared distance from (px, py) to the segment a + t (dx, dy), t in [0, 1]. */
static double seg_dist2(double px, double py, PlanPoint a, double dx, double dy, double l2)
{
    double t = l2 > 0 ? clampd(((px - a.x) * dx + (py - a.y) * dy) / l2, 0, 1) : 0;
    double ex = a.x + t * dx - px, ey = a.y + t * dy - py;
    return ex * ex + ey * ey;
}

/* One capsule a-b of a stroke. Per row only the span where the segment comes within
 * reach is visited (a long diagonal stroke costs its area, not its bounding box). Max
 * and min commute with themselves, so the joints painted twice change nothing. */
static void paint_capsule(SmpMatte *m, PlanPoint a, PlanPoint b, double rad, bool head)
{
    const double reach = rad + 0.5 * HEAD_CORRECTION_EDGE_PX, inner = fmax(0, rad - 0.5 * HEAD_CORRECTION_EDGE_PX);
    const double reach2 = reach * reach, inner2 = inner * inner;
    double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
    int y0 = (int)clampd(floor(fmin(a.y, b.y) - reach), 0, m->height);
    int y1 = (int)clampd(ceil(fmax(a.y, b.y) + reach), -1, m->height - 1);
    for (int y = y0; y <= y1; y++) {
        double py = y + 0.5, t0 = 0, t1 = 1;
        if (dy != 0) {
            double u = (py - reach - a.y) / dy, v = (py + reach - a.y) / dy;
            t0 = fmax(0, fmin(u, v));
            t1 = fmin(1, fmax(u, v));
        } else if (fabs(py - a.y) > reach)
            continue;
        if (t0 > t1)
            continue;
        double xa = a.x + t0 * dx, xb = a.x + t1 * dx;
        int x0 = (int)clampd(floor(fmin(xa, xb) - reach), 0, m->width);
        int x1 = (int)clampd(ceil(fmax(xa, xb) + reach), -1, m->width - 1);
        uint8_t *row = m->alpha + (size_t)y * m->width;
        for (int x = x0; x <= x1; x++) {
            if (row[x] == (head ? 255 : 0))
                continue; /* already what the stroke says: skip the distance */
            double d2 = seg_dist2(x + 0.5, py, a, dx, dy, l2);
            if (d2 >= reach2)
                continue;
            int v = inner > 0 && d2 <= inner2 ? 255 : (int)(clampd((reach - sqrt(d2)) / HEAD_CORRECTION_EDGE_PX, 0, 1) * 255.0 + 0.5);
            if (head && v > row[x])
                row[x] = (uint8_t)v;
            else if (!head && 255 - v < row[x])
                row[x] = (uint8_t)(255 - v);
        }
    }
}

void head_corrections_apply(const SmpPlan *plan, bool only_head, SmpMatte *head)
{
    if (!head->alpha)
        return;
    for (int i = 0; i < plan->head_correction_count; i++) {
        const HeadCorrection *c = &plan->head_corrections[i];
        if (only_head && !c->head)
            continue;
        for (int k = 0; k < c->count; k++)
            paint_capsule(head, c->points[k > 0 ? k - 1 : 0], c->points[k], c->radius_px, c->head);
    }
}
