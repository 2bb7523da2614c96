/* hairline_edit.c - edits that keep a hairline sane: keeping one half of it
 * to mirror onto the other, and telling whether a line crosses itself. */
#include "hairline_edit.h"
#include "hairline.h"

#include <math.h>

/* Which side of the midline p is on: < 0 the photo's left, > 0 its right. */
static double side_of(PlanPoint p, double mx, double my, double dx, double dy)
{
    if (dy < 0 || (dy == 0 && dx < 0))
        dx = -dx, dy = -dy; /* point the midline down, so left is left */
    return (p.x - mx) * dy - (p.y - my) * dx;
}

static PlanPoint on_midline(PlanPoint a, PlanPoint b, double sa, double sb)
{
    double t = sa / (sa - sb);
    return (PlanPoint){a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

bool hairline_keep_half(SmpPlan *plan, bool keep_left)
{
    PlanHairline *h = &plan->hairline;
    double mx, my, dx, dy;
    if (h->count < 1 || !hairline_midline(plan, &mx, &my, &dx, &dy))
        return false;
    PlanPoint out[PLAN_MAX_HAIRLINE_POINTS];
    int k = 0;
    double sign = keep_left ? -1 : 1, prev = 0;
    for (int i = 0; i < h->count && k < PLAN_MAX_HAIRLINE_POINTS; i++) {
        double s = sign * side_of(h->points[i], mx, my, dx, dy);
        /* a segment crossing the midline ends the kept half there */
        if (i > 0 && ((prev > 0 && s < 0) || (prev < 0 && s > 0)))
            out[k++] = on_midline(h->points[i - 1], h->points[i], prev, s);
        if (s >= 0 && k < PLAN_MAX_HAIRLINE_POINTS)
            out[k++] = h->points[i];
        prev = s;
    }
    if (k < 2)
        return false;
    for (int i = 0; i < k; i++)
        h->points[i] = out[i];
    h->count = k;
    h->symmetric = true;
    return true;
}

static double cross3(PlanPoint a, PlanPoint b, PlanPoint c)
{
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

/* Whether segments ab and cd cross (touching ends count). */
static bool segments_cross(PlanPoint a, PlanPoint b, PlanPoint c, PlanPoint d)
{
    double d1 = cross3(c, d, a), d2 = cross3(c, d, b), d3 = cross3(a, b, c), d4 = cross3(a, b, d);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

bool hairline_crosses_itself(const SmpPlan *plan)
{
    PlanPoint p[PLAN_MAX_HAIRLINE_POINTS * 2];
    int n = hairline_control_points(plan, p, PLAN_MAX_HAIRLINE_POINTS * 2);
    for (int i = 0; i + 1 < n; i++)
        for (int j = i + 2; j + 1 < n; j++)
            if (segments_cross(p[i], p[i + 1], p[j], p[j + 1]))
                return true;
    return false;
}
