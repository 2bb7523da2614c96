/* scalp_views.c - a plan's photos as charts of one scalp (scalp_views.h). */
#include "scalp_views.h"

#include "head3d_fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Skin seen more edge-on than this is not seen (as head3d_dots.c's EDGE_ON_COS). */
#define SEEN_COS 0.02f

bool scalp_views_of_plan(const SmpPlan *plan, ScalpViews *out)
{
    memset(out, 0, sizeof *out);
    out->count = plan_view_count(plan);
    int fitted = 0;
    for (int k = 0; k < out->count; k++) {
        PlanView v = plan_view(plan, k);
        out->width[k] = v.photo_width, out->height[k] = v.photo_height;
        out->fitted[k] = v.photo_width > 0 && v.photo_height > 0 &&
                         head3d_from_plan(&v.head, v.photo_width, v.photo_height, &out->head[k]) &&
                         head3d_surface_ppm(&out->head[k]) > 0;
        out->ppm[k] = k == 0 ? plan_px_per_mm(plan) : head3d_surface_ppm(&out->head[k]);
        fitted += out->fitted[k];
    }
    return out->fitted[0] && fitted > 1;
}

static float seen_cos(const ScalpViews *sv, int k, vec3s u)
{
    return sv->fitted[k] ? head3d_footprint(&sv->head[k], u).cos_view : -1.0f;
}

int scalp_owner(const ScalpViews *sv, vec3s u)
{
    if (seen_cos(sv, 0, u) >= SCALP_VIEW0_KEEP_COS)
        return 0;
    int best = -1;
    float best_cos = 0.0f;
    for (int k = 0; k < sv->count; k++) { /* ties go to the lower view */
        float c = seen_cos(sv, k, u);
        if (c >= SEEN_COS && (best < 0 || c > best_cos))
            best = k, best_cos = c;
    }
    return best;
}

bool scalp_map_px(const ScalpViews *sv, int from, int to, double px, double py, double *ox, double *oy)
{
    if (from == to) {
        *ox = px, *oy = py;
        return true;
    }
    vec3s u;
    float x, y;
    if (!sv->fitted[from] || !sv->fitted[to] || !head3d_unproject(&sv->head[from], (float)px, (float)py, &u) ||
        seen_cos(sv, to, u) < SEEN_COS || !head3d_project(&sv->head[to], head3d_surface(&sv->head[to], u), &x, &y))
        return false;
    *ox = x, *oy = y;
    return true;
}

bool scalp_plan_has_view_regions(const SmpPlan *plan)
{
    for (int i = 0; i < plan->region_count; i++)
        if (plan->regions[i].view != 0)
            return true;
    return false;
}

/* Appends a region to out with n points (copied); false when out of memory. */
static bool add_region(SmpPlan *out, const PlanRegion *like, const PlanPoint *pts, int n)
{
    if (out->region_count >= PLAN_MAX_REGIONS || n < 1)
        return true; /* the plan's own limit: a split stroke past it is dropped */
    PlanPoint *copy = malloc(sizeof *copy * (size_t)n);
    if (!copy)
        return false;
    memcpy(copy, pts, sizeof *copy * (size_t)n);
    PlanRegion *r = &out->regions[out->region_count++];
    *r = *like;
    r->view = 0;
    r->count = n;
    r->points = copy;
    return true;
}

/* The last fraction of the way from (cx, cy) toward (px, py) still on h's scalp,
 * between `in` (on it) and `out` (off it), to 2^-iters of that span. */
static double scalp_edge_on_ray(const Head3D *h, float cx, float cy, double px, double py, double in, double out,
                                int iters)
{
    vec3s u;
    for (int i = 0; i < iters; i++) {
        double t = 0.5 * (in + out);
        bool on = head3d_unproject(h, (float)(cx + t * (px - cx)), (float)(cy + t * (py - cy)), &u);
        *(on ? &in : &out) = t;
    }
    return in;
}

/* A point of view k's photo off its scalp, moved onto the outline toward the head's
 * centre: a polygon drawn around the head means all of the skin k sees. */
static void onto_scalp(const Head3D *h, double *px, double *py)
{
    vec3s u;
    float cx, cy;
    if (head3d_unproject(h, (float)*px, (float)*py, &u) || !head3d_project(h, h->centre, &cx, &cy))
        return;
    double in = scalp_edge_on_ray(h, cx, cy, *px, *py, 0.0, 1.0, 16);
    *px = cx + in * (*px - cx), *py = cy + in * (*py - cy);
}

/* The outline of h's scalp on the ray from its centre through pixel (px, py): where
 * a polygon's edge runs over skin h does not see, it follows h's outline. */
static bool onto_outline(const Head3D *h, double *px, double *py)
{
    vec3s u;
    float cx, cy;
    if (!head3d_project(h, h->centre, &cx, &cy) || hypot(*px - cx, *py - cy) < 1e-6)
        return false;
    double in = 0.0, out = 1.0; /* fractions of the way from the centre to the point */
    while (out < 64.0 && head3d_unproject(h, (float)(cx + out * (*px - cx)), (float)(cy + out * (*py - cy)), &u))
        in = out, out *= 2.0;
    in = scalp_edge_on_ray(h, cx, cy, *px, *py, in, out, 20);
    *px = cx + in * (*px - cx), *py = cy + in * (*py - cy);
    return true;
}

/* Pixel (x, y) of view k (on its scalp) in view m: where m sees that skin, or else
 * on m's outline in the direction the skin lies (hidden behind the head or turned
 * away), so a polygon keeps its inside. False off k's scalp. */
static bool polygon_point_in(const ScalpViews *sv, int k, int m, double x, double y, PlanPoint *out)
{
    if (scalp_map_px(sv, k, m, x, y, &out->x, &out->y))
        return true;
    vec3s u;
    float px, py;
    if (!head3d_unproject(&sv->head[k], (float)x, (float)y, &u) ||
        !head3d_project(&sv->head[m], head3d_surface(&sv->head[m], u), &px, &py))
        return false;
    out->x = px, out->y = py;
    return onto_outline(&sv->head[m], &out->x, &out->y);
}

/* A polygon of view k in view m's pixels: its edges sampled every ~2 mm, moved onto
 * k's scalp, and taken into m (polygon_point_in): where the polygon runs over skin m
 * does not see, its edge follows m's outline, never a chord across what m sees. */
static bool carry_polygon(const PlanRegion *in, const ScalpViews *sv, int m, SmpPlan *out, PlanPoint *buf)
{
    const int k = in->view;
    double perimeter = 0.0;
    for (int i = 0; i < in->count; i++) {
        const PlanPoint *a = &in->points[i], *b = &in->points[(i + 1) % in->count];
        perimeter += hypot(b->x - a->x, b->y - a->y);
    }
    double step = fmax(2.0 * sv->ppm[k], perimeter / (PLAN_MAX_REGION_POINTS - in->count - 1));
    int n = 0;
    for (int i = 0; i < in->count; i++) {
        const PlanPoint *a = &in->points[i], *b = &in->points[(i + 1) % in->count];
        int steps = (int)fmax(1.0, ceil(hypot(b->x - a->x, b->y - a->y) / step));
        for (int j = 0; j < steps; j++) {
            double t = (double)j / steps, x = a->x + t * (b->x - a->x), y = a->y + t * (b->y - a->y);
            onto_scalp(&sv->head[k], &x, &y);
            if (n < PLAN_MAX_REGION_POINTS && polygon_point_in(sv, k, m, x, y, &buf[n]))
                n++;
        }
    }
    return n < 3 || add_region(out, in, buf, n);
}

/* Region `in` (of view in->view) in view m's pixels: a stroke's seen runs (it splits
 * where m does not see it), a polygon as carry_polygon draws it. */
static bool carry_region(const PlanRegion *in, const ScalpViews *sv, int m, SmpPlan *out, PlanPoint *buf)
{
    if (in->view == m)
        return add_region(out, in, in->points, in->count);
    if (in->shape == REGION_POLYGON)
        return carry_polygon(in, sv, m, out, buf);
    int n = 0;
    for (int i = 0; i < in->count; i++) {
        if (scalp_map_px(sv, in->view, m, in->points[i].x, in->points[i].y, &buf[n].x, &buf[n].y)) {
            n++;
            continue;
        }
        if (!add_region(out, in, buf, n))
            return false;
        n = 0;
    }
    return add_region(out, in, buf, n);
}

static bool carry_regions(const SmpPlan *plan, const ScalpViews *sv, int m, SmpPlan *out)
{
    PlanPoint *buf = malloc(sizeof *buf * PLAN_MAX_REGION_POINTS);
    bool ok = buf != NULL;
    for (int i = 0; i < plan->region_count && ok; i++)
        ok = carry_region(&plan->regions[i], sv, m, out, buf);
    free(buf);
    return ok;
}

/* The hairline's longest run of points view m sees; the midline with it when m sees
 * both of its points (else the mirror half is not drawn). */
static void carry_hairline(const SmpPlan *plan, const ScalpViews *sv, int m, SmpPlan *out)
{
    PlanHairline *h = &out->hairline;
    int best_start = 0, best_n = 0, start = 0, n = 0;
    PlanPoint seen[PLAN_MAX_HAIRLINE_POINTS];
    for (int i = 0; i < plan->hairline.count; i++) {
        double x, y;
        bool ok = scalp_map_px(sv, 0, m, plan->hairline.points[i].x, plan->hairline.points[i].y, &x, &y);
        seen[i] = (PlanPoint){x, y};
        n = ok ? n + 1 : 0;
        start = ok && n == 1 ? i : start;
        if (n > best_n)
            best_start = start, best_n = n;
    }
    h->count = best_n >= 2 ? best_n : 0;
    memcpy(h->points, seen + best_start, sizeof *seen * (size_t)h->count);
    const PlanLandmarks *l = &plan->landmarks;
    PlanLandmarks *o = &out->landmarks;
    *o = (PlanLandmarks){0};
    o->has_midline = l->has_midline &&
                     scalp_map_px(sv, 0, m, l->midline_a.x, l->midline_a.y, &o->midline_a.x, &o->midline_a.y) &&
                     scalp_map_px(sv, 0, m, l->midline_b.x, l->midline_b.y, &o->midline_b.x, &o->midline_b.y);
    h->symmetric = h->symmetric && o->has_midline;
}

/* View m's own frame: its photo, fit, scale (its surface ppm) and whorl. */
static void view_frame(const SmpPlan *plan, const ScalpViews *sv, int m, SmpPlan *out)
{
    PlanView v = plan_view(plan, m);
    out->photo_width = v.photo_width, out->photo_height = v.photo_height;
    out->head = v.head;
    out->scale = (PlanScale){.set = true, .a = {0, 0}, .b = {sv->ppm[m] * 100.0, 0}, .distance_mm = 100.0};
    PlanGrowth *g = &out->growth;
    g->has_whorl = g->has_whorl && scalp_map_px(sv, 0, m, g->whorl.x, g->whorl.y, &g->whorl.x, &g->whorl.y);
}

/* Beyond view m's sight of the hairline, all of m's skin lies on one side of it:
 * the treated side (the scalp behind a front hairline), as a painted area under the
 * strokes, when the plan treats that side. */
static bool treated_side_everywhere(const SmpPlan *plan, SmpPlan *out)
{
    if (plan->hairline.count < 2 || out->hairline.count >= 2 || plan->only_painted)
        return true;
    PlanPoint box[4] = {{0, 0}, {out->photo_width, 0}, {out->photo_width, out->photo_height},
                        {0, out->photo_height}};
    PlanRegion all = {.kind = REGION_TREAT, .shape = REGION_POLYGON, .radius_mm = 1.0};
    return add_region(out, &all, box, 4);
}

bool scalp_plan_seen_from(const SmpPlan *plan, const ScalpViews *sv, int m, SmpPlan *out, SmpError *err)
{
    *out = *plan;
    out->region_count = 0;
    out->head_correction_count = 0; /* they shape view 0's mattes, not the chart */
    if (m > 0) {
        view_frame(plan, sv, m, out);
        carry_hairline(plan, sv, m, out);
    }
    bool ok = (m == 0 || treated_side_everywhere(plan, out)) && carry_regions(plan, sv, m, out);
    if (!ok) {
        plan_free(out);
        return smp_fail(err, "out of memory carrying the plan's areas into view %d", m);
    }
    return true;
}
