/* head_correct.c - seeds for the head matte from the plan, and the correction strokes
 * painted into it (see head_correct.h). */
#include "head_correct.h"

#include "capsule.h"
#include "hash.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Strokes whose path lies on head skin: treat and scar strokes that add, painted on
 * view 0's photo (the matte's). */
static bool region_seeds(const PlanRegion *r)
{
    return r->shape == REGION_STROKE && !r->erase && r->kind != REGION_EXCLUDE && r->view == 0;
}

/* Calls visit for every run of points the plan knows to be head skin (the one list of
 * them: the seeds and the key of what the matte depends on both come from here). */
typedef void (*PointsVisit)(void *ctx, const PlanPoint *pts, int n);
static void visit_seeds(const SmpPlan *plan, PointsVisit visit, void *ctx)
{
    if (plan->landmarks.has_glabella)
        visit(ctx, &plan->landmarks.glabella, 1);
    for (int i = 0; i < plan->region_count; i++)
        if (region_seeds(&plan->regions[i]))
            visit(ctx, plan->regions[i].points, plan->regions[i].count);
    for (int i = 0; i < plan->head_correction_count; i++)
        if (plan->head_corrections[i].head && plan->head_corrections[i].view == 0)
            visit(ctx, plan->head_corrections[i].points, plan->head_corrections[i].count);
}

static void count_points(void *ctx, const PlanPoint *pts, int n)
{
    (void)pts;
    *(size_t *)ctx += (size_t)n;
}

typedef struct SeedList {
    float *xy;
    int count;
} SeedList;

static void put_points(void *ctx, const PlanPoint *pts, int n)
{
    SeedList *l = ctx;
    for (int i = 0; i < n; i++, l->count++) {
        l->xy[2 * l->count] = (float)pts[i].x;
        l->xy[2 * l->count + 1] = (float)pts[i].y;
    }
}

bool head_seeds_from_plan(const SmpPlan *plan, float **xy, int *count, SmpError *err)
{
    size_t total = 0;
    visit_seeds(plan, count_points, &total);
    *xy = NULL;
    *count = 0;
    if (total == 0)
        return true;
    SeedList l = {malloc(total * 2 * sizeof *l.xy), 0};
    if (!l.xy)
        return smp_fail(err, "out of memory collecting %zu head seeds", total);
    visit_seeds(plan, put_points, &l);
    *xy = l.xy;
    *count = l.count;
    return true;
}

static uint64_t double_bits(double v)
{
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return b;
}

static void hash_points(void *ctx, const PlanPoint *pts, int n)
{
    uint64_t *h = ctx;
    *h = hash_combine(*h, (uint64_t)n);
    for (int i = 0; i < n; i++)
        *h = hash_combine(hash_combine(*h, double_bits(pts[i].x)), double_bits(pts[i].y));
}

uint64_t head_corrections_key(const SmpPlan *plan, int view)
{
    uint64_t h = 0x636f727265637473ull;
    for (int i = 0; i < plan->head_correction_count; i++) {
        const HeadCorrection *c = &plan->head_corrections[i];
        if (c->view != view) /* another photo's matte */
            continue;
        h = hash_combine(hash_combine(h, c->head), double_bits(c->radius_px));
        hash_points(&h, c->points, c->count);
    }
    return h;
}

uint64_t head_matte_plan_key(const SmpPlan *plan)
{
    uint64_t h = 0x6865616420ull;
    visit_seeds(plan, hash_points, &h);
    return hash_combine(h, head_corrections_key(plan, 0));
}

static double clampd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Squared distance from (px, py) to the capsule's segment. */
static double seg_dist2(const Capsule *c, double px, double py)
{
    double t = c->len2 > 0 ? clampd(((px - c->ax) * c->ex + (py - c->ay) * c->ey) / c->len2, 0, 1) : 0;
    double dx = c->ax + t * c->ex - px, dy = c->ay + t * c->ey - py;
    return dx * dx + dy * dy;
}

/* What one stroke needs per row, allocated once for all strokes. */
typedef struct StrokeWork {
    int width;
    uint8_t *cover;         /* width: the stroke's coverage of the row, 0..255 */
    int *diff;              /* width + 1: +1 where a fully covered span starts, -1 past its end */
    Capsule *outer, *inner; /* per segment: radius + and - half the soft edge */
    int (*spans)[4];        /* per segment: its outer and inner pixel spans on the row */
} StrokeWork;

/* Pixels whose centre lies in [lo, hi], clipped to the row; false when none. */
static bool pixel_span(double lo, double hi, int width, int *x0, int *x1)
{
    if (!(lo <= hi))
        return false;
    *x0 = (int)clampd(ceil(lo - 0.5), 0, width);
    *x1 = (int)clampd(floor(hi - 0.5), -1, width - 1);
    return *x0 <= *x1;
}

/* The pixels of [x0, x1] on row py that capsule c reaches and no capsule covers fully:
 * each keeps the highest coverage, falling over the soft edge. */
static void measure_edge(StrokeWork *w, const Capsule *c, int x0, int x1, double py)
{
    for (int x = x0; x <= x1; x++) {
        if (w->cover[x] == 255)
            continue;
        double d2 = seg_dist2(c, x + 0.5, py);
        if (d2 >= c->rad * c->rad)
            continue;
        int v = (int)(clampd((c->rad - sqrt(d2)) / HEAD_CORRECTION_EDGE_PX, 0, 1) * 255.0 + 0.5);
        w->cover[x] = v > w->cover[x] ? (uint8_t)v : w->cover[x];
    }
}

/* The row span of segment k's capsule (outer) and of its fully covered core (inner:
 * x0 > x1 when none); false when the row misses the capsule. */
static bool segment_spans(StrokeWork *w, int k, double py)
{
    const Capsule *o = &w->outer[k], *in = &w->inner[k];
    int *s = w->spans[k];
    double lo, hi;
    s[2] = 0, s[3] = -1;
    if (py < lesser(o->ay, o->by) - o->rad || py > greater(o->ay, o->by) + o->rad)
        return false;
    capsule_row_span(o, py, &lo, &hi);
    if (!pixel_span(lo, hi, w->width, &s[0], &s[1]))
        return false;
    if (in->rad > 0) {
        capsule_row_span(in, py, &lo, &hi);
        if (!pixel_span(lo, hi, w->width, &s[2], &s[3]))
            s[2] = 0, s[3] = -1;
    }
    return true;
}

/* The stroke's n capsules on row py, into w->cover over [*x0, *x1]; false when they miss
 * it. Fully covered spans go through the difference array and only the edge pixels
 * (outside each capsule's own core) are measured, so overlapping capsules cost their
 * count plus the row, not their area: 1024 points of the widest brush stay cheap. */
static bool stroke_row(StrokeWork *w, int n, double py, int *x0, int *x1)
{
    int lo = w->width, hi = -1, full_lo = 0, full_hi = -1; /* full: one span known covered */
    for (int k = 0; k < n; k++) {
        const Capsule *c = &w->outer[k];
        int b0, b1; /* the capsule's box on the row: inside the covered span, nothing to add */
        if ((pixel_span(lesser(c->ax, c->bx) - c->rad, greater(c->ax, c->bx) + c->rad, w->width, &b0, &b1) &&
             full_lo <= b0 && b1 <= full_hi) ||
            !segment_spans(w, k, py)) {
            w->spans[k][0] = 0, w->spans[k][1] = -1;
            continue;
        }
        const int *s = w->spans[k];
        lo = s[0] < lo ? s[0] : lo;
        hi = s[1] > hi ? s[1] : hi;
        if (s[2] > s[3])
            continue;
        w->diff[s[2]]++, w->diff[s[3] + 1]--;
        if (full_lo > full_hi || s[3] + 1 < full_lo || s[2] > full_hi + 1)
            full_lo = s[2], full_hi = s[3]; /* a new span: the last one found stands for the rest */
        else
            full_lo = s[2] < full_lo ? s[2] : full_lo, full_hi = s[3] > full_hi ? s[3] : full_hi;
    }
    if (lo > hi)
        return false;
    for (int x = lo, run = 0; x <= hi + 1; x++) {
        run += w->diff[x];
        w->diff[x] = 0;
        if (x <= hi)
            w->cover[x] = run > 0 ? 255 : 0;
    }
    for (int k = 0; k < n; k++) {
        const int *s = w->spans[k];
        if (s[0] > s[1])
            continue;
        if (s[2] > s[3]) {
            measure_edge(w, &w->outer[k], s[0], s[1], py);
        } else {
            measure_edge(w, &w->outer[k], s[0], s[2] - 1, py);
            measure_edge(w, &w->outer[k], s[3] + 1, s[1], py);
        }
    }
    *x0 = lo, *x1 = hi;
    return true;
}

/* One stroke into the matte: "head" raises it to the coverage, "not head" lowers it to
 * the rest. */
static void paint_stroke(StrokeWork *w, const HeadCorrection *c, SmpMatte *m)
{
    const double reach = c->radius_px + 0.5 * HEAD_CORRECTION_EDGE_PX;
    const double core = c->radius_px - 0.5 * HEAD_CORRECTION_EDGE_PX;
    int n = c->count > 1 ? c->count - 1 : 1;
    double ymin = INFINITY, ymax = -INFINITY;
    for (int k = 0; k < n; k++) {
        PlanPoint a = c->points[k], b = c->points[k + 1 < c->count ? k + 1 : k];
        w->outer[k] = capsule_make(a.x, a.y, b.x, b.y, reach);
        w->inner[k] = capsule_make(a.x, a.y, b.x, b.y, core > 0 ? core : 0);
        ymin = lesser(ymin, lesser(a.y, b.y));
        ymax = greater(ymax, greater(a.y, b.y));
    }
    int y0 = (int)clampd(floor(ymin - reach), 0, m->height), y1 = (int)clampd(ceil(ymax + reach), -1, m->height - 1);
    for (int y = y0; y <= y1; y++) {
        int x0, x1;
        if (!stroke_row(w, n, y + 0.5, &x0, &x1))
            continue;
        uint8_t *row = m->alpha + (size_t)y * m->width;
        for (int x = x0; x <= x1; x++) {
            int v = c->head ? w->cover[x] : 255 - w->cover[x];
            if (c->head ? v > row[x] : v < row[x])
                row[x] = (uint8_t)v;
        }
    }
}

bool head_corrections_apply(const SmpPlan *plan, bool only_head, SmpMatte *head, SmpError *err)
{
    if (!head->alpha || plan->head_correction_count == 0)
        return true;
    StrokeWork w = {.width = head->width};
    w.cover = malloc((size_t)head->width);
    w.diff = calloc((size_t)head->width + 1, sizeof *w.diff);
    w.outer = malloc(sizeof *w.outer * PLAN_MAX_CORRECTION_POINTS);
    w.inner = malloc(sizeof *w.inner * PLAN_MAX_CORRECTION_POINTS);
    w.spans = malloc(sizeof *w.spans * PLAN_MAX_CORRECTION_POINTS);
    bool ok = w.cover && w.diff && w.outer && w.inner && w.spans;
    for (int i = 0; i < plan->head_correction_count && ok; i++) {
        const HeadCorrection *c = &plan->head_corrections[i];
        if ((!only_head || c->head) && c->view == 0) /* view 0's photo: mattes_compute_for_view for the others */
            paint_stroke(&w, c, head);
    }
    free(w.cover), free(w.diff), free(w.outer), free(w.inner), free(w.spans);
    return ok ? true : smp_fail(err, "out of memory painting the head corrections");
}
