/* region_mask.c - rasterises painted regions (strokes as capsules, polygons by
 * even-odd) into a coarse label grid over the photo, for the editor's tint. */
#include "region_mask.h"

#include <math.h>
#include <string.h>

uint64_t region_mask_signature(const SmpPlan *plan, int photo_w, int photo_h)
{
    uint64_t h = 1469598103934665603ull;
    double ppm = plan_px_per_mm(plan);
    double vals[4] = {ppm, photo_w, photo_h, plan->region_count};
    for (int i = 0; i < plan->region_count; i++) {
        const PlanRegion *r = &plan->regions[i];
        double last = r->count > 0 ? r->points[r->count - 1].x * 7 + r->points[r->count - 1].y : 0;
        double v[5] = {r->kind, r->erase + 2.0 * r->shape, r->radius_mm, r->count, last};
        for (int k = 0; k < 5; k++)
            h = (h ^ (uint64_t)(int64_t)(v[k] * 1024)) * 1099511628211ull;
    }
    for (int k = 0; k < 4; k++)
        h = (h ^ (uint64_t)(int64_t)(vals[k] * 1024)) * 1099511628211ull;
    return h;
}

static void put(RegionMask *m, int x, int y, const PlanRegion *r)
{
    uint8_t *c = &m->label[(size_t)y * m->w + x];
    if (!r->erase)
        *c = (uint8_t)(1 + r->kind);
    else if (*c == 1 + r->kind)
        *c = 0;
}

static double seg_dist2(double px, double py, PlanPoint a, PlanPoint b)
{
    double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((px - a.x) * dx + (py - a.y) * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = a.x + dx * t - px, ey = a.y + dy * t - py;
    return ex * ex + ey * ey;
}

static void paint_capsule(RegionMask *m, const PlanRegion *r, PlanPoint a, PlanPoint b, double rad_px)
{
    double c = m->cell_px;
    int x0 = (int)floor((fmin(a.x, b.x) - rad_px) / c), x1 = (int)ceil((fmax(a.x, b.x) + rad_px) / c);
    int y0 = (int)floor((fmin(a.y, b.y) - rad_px) / c), y1 = (int)ceil((fmax(a.y, b.y) + rad_px) / c);
    x0 = x0 < 0 ? 0 : x0, y0 = y0 < 0 ? 0 : y0;
    x1 = x1 >= m->w ? m->w - 1 : x1, y1 = y1 >= m->h ? m->h - 1 : y1;
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
            if (seg_dist2((x + 0.5) * c, (y + 0.5) * c, a, b) <= rad_px * rad_px)
                put(m, x, y, r);
}

static bool inside_polygon(const PlanRegion *r, double px, double py)
{
    bool in = false;
    for (int i = 0, j = r->count - 1; i < r->count; j = i++) {
        const PlanPoint *a = &r->points[i], *b = &r->points[j];
        if ((a->y > py) != (b->y > py) && px < (b->x - a->x) * (py - a->y) / (b->y - a->y) + a->x)
            in = !in;
    }
    return in;
}

void region_mask_build(RegionMask *m, const SmpPlan *plan, int photo_w, int photo_h)
{
    int side = photo_w > photo_h ? photo_w : photo_h;
    m->cell_px = side > REGION_MASK_MAX_SIDE ? (double)side / REGION_MASK_MAX_SIDE : 1.0;
    m->w = (int)ceil(photo_w / m->cell_px), m->h = (int)ceil(photo_h / m->cell_px);
    m->w = m->w < 1 ? 1 : m->w > REGION_MASK_MAX_SIDE ? REGION_MASK_MAX_SIDE : m->w;
    m->h = m->h < 1 ? 1 : m->h > REGION_MASK_MAX_SIDE ? REGION_MASK_MAX_SIDE : m->h;
    memset(m->label, 0, (size_t)m->w * m->h);
    double ppm = plan_px_per_mm(plan);
    for (int i = 0; i < plan->region_count; i++) {
        const PlanRegion *r = &plan->regions[i];
        if (r->count < 1 || r->view != 0) /* another photo's pixels: carried first (scalp_views.h) */
            continue;
        if (r->shape == REGION_STROKE) {
            for (int k = 0; k < r->count; k++)
                paint_capsule(m, r, r->points[k > 0 ? k - 1 : 0], r->points[k], r->radius_mm * ppm);
        } else if (r->count >= 3) {
            for (int y = 0; y < m->h; y++)
                for (int x = 0; x < m->w; x++)
                    if (inside_polygon(r, (x + 0.5) * m->cell_px, (y + 0.5) * m->cell_px))
                        put(m, x, y, r);
        }
    }
    m->signature = region_mask_signature(plan, photo_w, photo_h);
}

int region_mask_at(const RegionMask *m, int x, int y)
{
    if (x < 0 || y < 0 || x >= m->w || y >= m->h)
        return 0;
    return m->label[(size_t)y * m->w + x];
}
