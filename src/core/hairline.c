/* hairline.c - the hairline as a smooth curve through the plan's points, and the signed distance to it. */
#include "hairline.h"

#include <math.h>
#include <string.h>

/* The facial midline as a point and unit direction: the plan's midline, else a
 * vertical line through the glabella, else through the photo centre. */
static bool midline_of(const SmpPlan *plan, double *px, double *py, double *dx, double *dy)
{
    const PlanLandmarks *l = &plan->landmarks;
    if (l->has_midline) {
        double ex = l->midline_b.x - l->midline_a.x, ey = l->midline_b.y - l->midline_a.y;
        double len = sqrt(ex * ex + ey * ey);
        if (len > 1e-9) {
            *px = l->midline_a.x, *py = l->midline_a.y, *dx = ex / len, *dy = ey / len;
            return true;
        }
    }
    *dx = 0, *dy = 1;
    if (l->has_glabella) {
        *px = l->glabella.x, *py = l->glabella.y;
        return true;
    }
    if (plan->photo_width > 0) {
        *px = plan->photo_width * 0.5, *py = 0;
        return true;
    }
    return false;
}

bool hairline_midline(const SmpPlan *plan, double *px, double *py, double *dx, double *dy)
{
    return midline_of(plan, px, py, dx, dy);
}

static PlanPoint mirror_point(PlanPoint p, double mx, double my, double dx, double dy)
{
    double rx = p.x - mx, ry = p.y - my;
    double along = rx * dx + ry * dy;
    PlanPoint m = {mx + 2 * along * dx - rx, my + 2 * along * dy - ry};
    return m;
}

static double dist_to_line(PlanPoint p, double mx, double my, double dx, double dy)
{
    return fabs((p.x - mx) * dy - (p.y - my) * dx);
}

int hairline_control_points(const SmpPlan *plan, PlanPoint *out, int max)
{
    const PlanHairline *h = &plan->hairline;
    int n = h->count < max ? h->count : max;
    double mx, my, dx, dy;
    if (!h->symmetric || n < 1 || !midline_of(plan, &mx, &my, &dx, &dy)) {
        memcpy(out, h->points, sizeof *out * (size_t)n);
        return n;
    }
    /* Keep the user's walking direction (it decides the treated side): points
     * drawn from an end toward the midline continue through their mirror image;
     * points drawn from the midline outward are preceded by it. */
    bool toward_middle = dist_to_line(h->points[n - 1], mx, my, dx, dy) <=
                         dist_to_line(h->points[0], mx, my, dx, dy);
    int k = 0;
    if (toward_middle) {
        for (int i = 0; i < n && k < max; i++)
            out[k++] = h->points[i];
        for (int i = n - 1; i >= 0 && k < max; i--) {
            if (i == n - 1 && dist_to_line(h->points[i], mx, my, dx, dy) < 1.0)
                continue; /* the centre point is its own mirror */
            out[k++] = mirror_point(h->points[i], mx, my, dx, dy);
        }
    } else {
        for (int i = n - 1; i >= 0 && k < max; i--) {
            if (i == 0 && dist_to_line(h->points[i], mx, my, dx, dy) < 1.0)
                continue;
            out[k++] = mirror_point(h->points[i], mx, my, dx, dy);
        }
        for (int i = 0; i < n && k < max; i++)
            out[k++] = h->points[i];
    }
    return k;
}

/* Centripetal Catmull-Rom (alpha = 0.5): no cusps or self-intersections within
 * a segment, which a uniform parameterisation gives for uneven point spacing. */
static double knot(double t, PlanPoint a, PlanPoint b)
{
    double dx = b.x - a.x, dy = b.y - a.y;
    double d = sqrt(sqrt(dx * dx + dy * dy));
    return t + (d > 1e-6 ? d : 1e-6);
}

static PlanPoint lerp_knots(PlanPoint a, PlanPoint b, double ta, double tb, double t)
{
    double w = (t - ta) / (tb - ta);
    PlanPoint r = {a.x + (b.x - a.x) * w, a.y + (b.y - a.y) * w};
    return r;
}

static PlanPoint catmull_rom(PlanPoint p0, PlanPoint p1, PlanPoint p2, PlanPoint p3, double u)
{
    double t0 = 0, t1 = knot(t0, p0, p1), t2 = knot(t1, p1, p2), t3 = knot(t2, p2, p3);
    double t = t1 + (t2 - t1) * u;
    PlanPoint a1 = lerp_knots(p0, p1, t0, t1, t), a2 = lerp_knots(p1, p2, t1, t2, t);
    PlanPoint a3 = lerp_knots(p2, p3, t2, t3, t);
    PlanPoint b1 = lerp_knots(a1, a2, t0, t2, t), b2 = lerp_knots(a2, a3, t1, t3, t);
    return lerp_knots(b1, b2, t1, t2, t);
}

void hairline_build(const SmpPlan *plan, HairlineCurve *out)
{
    PlanPoint pts[PLAN_MAX_HAIRLINE_POINTS * 2];
    int n = hairline_control_points(plan, pts, PLAN_MAX_HAIRLINE_POINTS * 2);
    out->count = 0;
    if (n < 2)
        return;
    double ppm = plan_px_per_mm(plan);
    int per_segment = (HAIRLINE_MAX_SAMPLES - 1) / (n - 1);
    if (per_segment > 64)
        per_segment = 64;
    int k = 0;
    for (int i = 0; i + 1 < n; i++) {
        /* Phantom end points mirror the neighbour so the curve ends straight. */
        PlanPoint p1 = pts[i], p2 = pts[i + 1];
        PlanPoint p0 = i > 0 ? pts[i - 1] : (PlanPoint){2 * p1.x - p2.x, 2 * p1.y - p2.y};
        PlanPoint p3 = i + 2 < n ? pts[i + 2] : (PlanPoint){2 * p2.x - p1.x, 2 * p2.y - p1.y};
        for (int s = 0; s < per_segment; s++) {
            PlanPoint q = catmull_rom(p0, p1, p2, p3, (double)s / per_segment);
            out->x_mm[k] = q.x / ppm;
            out->y_mm[k] = q.y / ppm;
            k++;
        }
    }
    out->x_mm[k] = pts[n - 1].x / ppm;
    out->y_mm[k] = pts[n - 1].y / ppm;
    k++;
    out->count = k;
    out->arc_mm[0] = 0;
    for (int i = 1; i < k; i++) {
        double dx = out->x_mm[i] - out->x_mm[i - 1], dy = out->y_mm[i] - out->y_mm[i - 1];
        out->arc_mm[i] = out->arc_mm[i - 1] + sqrt(dx * dx + dy * dy);
    }
}

double hairline_signed_distance(const HairlineCurve *c, double x, double y, double *arc_out)
{
    if (c->count < 2) {
        if (arc_out)
            *arc_out = 0;
        return 1e9;
    }
    double best = INFINITY, best_sign = 1, best_arc = 0;
    for (int i = 0; i + 1 < c->count; i++) {
        double ax = c->x_mm[i], ay = c->y_mm[i];
        double ex = c->x_mm[i + 1] - ax, ey = c->y_mm[i + 1] - ay;
        double len2 = ex * ex + ey * ey;
        if (len2 <= 0)
            continue;
        double t = ((x - ax) * ex + (y - ay) * ey) / len2;
        /* The first and last segments extend to infinity along their tangents. */
        if (t < 0 && i > 0)
            t = 0;
        if (t > 1 && i + 2 < c->count)
            t = 1;
        double qx = ax + t * ex - x, qy = ay + t * ey - y;
        double d2 = qx * qx + qy * qy;
        if (d2 < best) {
            best = d2;
            /* Left of the walking direction (y down) is the treated side. */
            double cross = ex * (y - ay) - ey * (x - ax);
            best_sign = cross <= 0 ? 1 : -1;
            best_arc = c->arc_mm[i] + t * sqrt(len2);
        }
    }
    if (arc_out)
        *arc_out = best_arc;
    return best_sign * sqrt(best);
}
