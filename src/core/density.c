/* density.c - where dots go: the density grids in millimetres built from the plan. */
#include "density.h"

#include "capsule.h"

#include "hash.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HAIRLINE_CELL_MM 1.0   /* signed distance is smooth: 1 mm + bilinear is exact enough */
#define REGION_CELL_MIN_MM 0.5 /* brush edges */
#define REGION_MAX_CELLS (16u * 1024u * 1024u)
#define MACRO_AMPLITUDE_MM 4.0 /* waves and points of a "broken" line */

enum { LABEL_NONE = 0, LABEL_TREAT, LABEL_EXCLUDE, LABEL_SCAR };

typedef struct Grid {
    int w, h;
    double cell;
} Grid;

/* A closed range of grid columns per row; empty when x0 > x1. */
typedef struct Span {
    int x0, x1;
} Span;

#define MIN_U16(a, b) ((uint16_t)((a) < (b) ? (a) : (b)))

struct DensityField {
    double width_mm, height_mm;
    /* hairline part */
    Grid hg;
    float *sd;         /* signed distance, clamped to +-band */
    float *prev;       /* sd before the last update, to find what changed */
    uint8_t *inband;   /* 1 where sd is an exact distance, 0 where only its sign */
    double band_mm;
    bool has_hairline;
    HairlineCurve *curve, *old_curve; /* displaced, resampled curves (large: heap) */
    HairlineCurve *smooth;            /* scratch for build_displaced */
    Span *redo;        /* per row: cells recomputed by this update */
    Span *changed;     /* per row: cells whose value changed in the last update */
    int changed_y0, changed_y1; /* rows holding any change; empty when y0 > y1 */
    bool all_changed;  /* the last update changed the hairline part wholesale */
    /* region part */
    Grid rg;
    uint8_t *label;    /* LABEL_* per cell, painted in plan order */
    uint8_t *cover, *excl, *scar; /* 0..255 */
    uint16_t *edge_dist; /* chamfer distance to the nearest untreated cell (scratch) */
    bool has_treat;
    bool only_painted;   /* the plan's switch: painted areas alone decide coverage */
    bool regions_blank;  /* nothing painted: label, cover, excl and scar read as 0 (unset until painted) */
};

static void grid_init(Grid *g, double w_mm, double h_mm, double cell)
{
    g->cell = cell;
    g->w = (int)ceil(w_mm / cell) + 1;
    g->h = (int)ceil(h_mm / cell) + 1;
}

bool density_create(double width_mm, double height_mm, DensityField **out, SmpError *err)
{
    *out = NULL;
    if (!(width_mm > 0 && height_mm > 0 && width_mm < 1e6 && height_mm < 1e6))
        return smp_fail(err, "invalid scalp area %gx%g mm", width_mm, height_mm);
    DensityField *f = calloc(1, sizeof *f);
    if (!f)
        return smp_fail(err, "out of memory for the density field");
    f->width_mm = width_mm;
    f->height_mm = height_mm;
    grid_init(&f->hg, width_mm, height_mm, HAIRLINE_CELL_MM);
    double cell = REGION_CELL_MIN_MM;
    while ((double)(width_mm / cell + 1) * (height_mm / cell + 1) > REGION_MAX_CELLS)
        cell *= 1.25; /* huge areas (tiny px/mm): keep the grid bounded */
    grid_init(&f->rg, width_mm, height_mm, cell);
    while ((double)f->hg.w * f->hg.h > REGION_MAX_CELLS)
        grid_init(&f->hg, width_mm, height_mm, f->hg.cell * 1.25);
    size_t hn = (size_t)f->hg.w * f->hg.h, rn = (size_t)f->rg.w * f->rg.h;
    f->sd = malloc(hn * sizeof *f->sd);
    f->prev = malloc(hn * sizeof *f->prev);
    f->inband = calloc(hn, 1);
    f->curve = malloc(sizeof *f->curve);
    f->old_curve = malloc(sizeof *f->old_curve);
    f->smooth = malloc(sizeof *f->smooth);
    f->redo = malloc((size_t)f->hg.h * sizeof *f->redo);
    f->changed = malloc((size_t)f->hg.h * sizeof *f->changed);
    /* Not cleared: read only once painted (regions_blank), and clearing them cost a
     * 24 MP photo 0.1 s in the page (wasm's calloc clears fresh memory too). */
    f->label = malloc(rn);
    f->cover = malloc(rn);
    f->excl = malloc(rn);
    f->scar = malloc(rn);
    f->edge_dist = malloc(rn * sizeof *f->edge_dist);
    if (!f->sd || !f->prev || !f->inband || !f->curve || !f->old_curve || !f->smooth || !f->redo || !f->changed ||
        !f->label || !f->cover || !f->excl || !f->scar || !f->edge_dist) {
        density_destroy(f);
        return smp_fail(err, "out of memory for the density field (%gx%g mm)", width_mm, height_mm);
    }
    f->curve->count = f->old_curve->count = 0;
    f->all_changed = true;
    f->regions_blank = true;
    *out = f;
    return true;
}

void density_destroy(DensityField *f)
{
    if (!f)
        return;
    free(f->sd);
    free(f->prev);
    free(f->inband);
    free(f->curve);
    free(f->old_curve);
    free(f->smooth);
    free(f->redo);
    free(f->changed);
    free(f->label);
    free(f->cover);
    free(f->excl);
    free(f->scar);
    free(f->edge_dist);
    free(f);
}

bool density_has_hairline(const DensityField *f) { return f->has_hairline; }
bool density_has_treat(const DensityField *f) { return f->has_treat; }

/* ---- hairline ---------------------------------------------------------------- */

/* Smooth 2D value noise in [-1, 1]. */
static double noise2(double x, double y, uint64_t seed)
{
    double fx = floor(x), fy = floor(y);
    int64_t i = (int64_t)fx, j = (int64_t)fy;
    double tx = x - fx, ty = y - fy;
    tx = tx * tx * (3 - 2 * tx);
    ty = ty * ty * (3 - 2 * ty);
    double v[4];
    for (int k = 0; k < 4; k++)
        v[k] = hash_unit(hash_combine(hash_combine(seed, (uint64_t)(i + (k & 1))), (uint64_t)(j + (k >> 1)))) * 2 - 1;
    double top = v[0] + (v[1] - v[0]) * tx, bottom = v[2] + (v[3] - v[2]) * tx;
    return top + (bottom - top) * ty;
}

/* Waves of a few cm, pinned to the scalp position of the smooth curve (not to
 * the distance along it): dragging one control point then leaves the waves
 * everywhere else where they were, so far-away dots stay put. */
static double macro_offset_mm(const PlanHairline *h, double x_mm, double y_mm, uint32_t seed)
{
    uint64_t s = hash_u64(0x4a1e0000ull + seed);
    double n = noise2(x_mm / 22.0, y_mm / 22.0, s) * 0.7 + noise2(x_mm / 7.0, y_mm / 7.0, s + 1) * 0.3;
    return h->macro_irregularity * MACRO_AMPLITUDE_MM * n;
}

/* The curve the dots follow: the smooth hairline's own vertices (a fixed
 * number per control-point span), each pushed along its normal by the macro
 * irregularity. A vertex depends only on its span's control points and on where
 * it lies on the scalp, so an edit leaves every vertex outside the edited spans
 * bit for bit as it was, and only the distance field around them is redone. */
static void build_displaced(const SmpPlan *plan, HairlineCurve *smooth, HairlineCurve *out)
{
    out->count = 0;
    hairline_build(plan, smooth);
    int n = smooth->count;
    if (n < 2)
        return;
    for (int k = 0; k < n; k++) {
        int a = k > 0 ? k - 1 : k, b = k + 1 < n ? k + 1 : k; /* central difference */
        double ex = smooth->x_mm[b] - smooth->x_mm[a], ey = smooth->y_mm[b] - smooth->y_mm[a];
        double len = sqrt(ex * ex + ey * ey);
        double nx = len > 0 ? ey / len : 0, ny = len > 0 ? -ex / len : 0; /* left normal, y down */
        double px = smooth->x_mm[k], py = smooth->y_mm[k];
        double off = macro_offset_mm(&plan->hairline, px, py, plan->seed);
        out->x_mm[k] = px - nx * off;
        out->y_mm[k] = py - ny * off;
    }
    out->count = n;
    out->arc_mm[0] = 0;
    for (int k = 1; k < n; k++)
        out->arc_mm[k] = out->arc_mm[k - 1] + hypot(out->x_mm[k] - out->x_mm[k - 1], out->y_mm[k] - out->y_mm[k - 1]);
}

/* How far past its end (mm) segment i must reach to cover the cells nearest to
 * the vertex there: on the outer side of a turn by theta they lie within
 * B sin(theta) of the segment's line. A degenerate neighbour: assume the worst. */
static double end_margin(const HairlineCurve *c, int i, int vertex, double B)
{
    int other = vertex == i ? i - 1 : i + 1; /* the neighbouring segment */
    if (other < 0 || other + 1 >= c->count)
        return 0; /* an open end: the ray covers it */
    double ax = c->x_mm[i + 1] - c->x_mm[i], ay = c->y_mm[i + 1] - c->y_mm[i];
    double bx = c->x_mm[other + 1] - c->x_mm[other], by = c->y_mm[other + 1] - c->y_mm[other];
    double la = hypot(ax, ay), lb = hypot(bx, by);
    if (!(lb > 0))
        return B;
    double sin_t = fabs(ax * by - ay * bx) / (la * lb), cos_t = (ax * bx + ay * by) / (la * lb);
    return cos_t <= 0 ? B : B * sin_t;
}

/* Where x satisfies lo <= k x + m <= hi, intersected into [*x0, *x1]. */
static void clip_linear(double k, double m, double lo, double hi, double *x0, double *x1)
{
    if (fabs(k) < 1e-12) {
        if (m < lo || m > hi)
            *x0 = INFINITY, *x1 = -INFINITY;
        return;
    }
    double a = (lo - m) / k, b = (hi - m) / k;
    *x0 = fmax(*x0, fmin(a, b));
    *x1 = fmin(*x1, fmax(a, b));
}

/* Visits the cells segment i can be nearest to within the band: its slab (the
 * points projecting onto it, out to the band on either side) stretched at each
 * end by end_margin, or to the edge of the grid along the tangent for the first
 * and last segments. Every cell within the band lies in the slab of its nearest
 * segment, so the minimum over the visits is the exact distance.
 * With `mark` it only adds the cells to f->redo (one span per row: their hull);
 * else it splats min-|distance| into the cells f->redo holds, in curve order
 * whether the whole grid or a part is redone, so both give the same bits. */
static void visit_segment(DensityField *f, const HairlineCurve *c, int i, bool mark)
{
    const Grid *g = &f->hg;
    double B = f->band_mm;
    double sx = c->x_mm[i], sy = c->y_mm[i];
    double ex = c->x_mm[i + 1] - sx, ey = c->y_mm[i + 1] - sy;
    double len2 = ex * ex + ey * ey, len = sqrt(len2);
    if (len <= 0)
        return;
    bool open_start = i == 0, open_end = i + 2 == c->count;
    double reach = hypot(f->width_mm, f->height_mm) + B;
    /* Slab in segment parameter t (0..1 on the segment), one cell of slack. */
    double ta = -(open_start ? reach : end_margin(c, i, i, B) + g->cell) / len;
    double tb = 1 + (open_end ? reach : end_margin(c, i, i + 1, B) + g->cell) / len;
    double bw = B + g->cell;
    double nx = -ey / len, ny = ex / len; /* unit normal */
    double ymin = fmin(sy + ta * ey, sy + tb * ey) - bw * fabs(ny), ymax = fmax(sy + ta * ey, sy + tb * ey) + bw * fabs(ny);
    int y0 = (int)floor(ymin / g->cell), y1 = (int)ceil(ymax / g->cell);
    if (y0 < 0) y0 = 0;
    if (y1 > g->h - 1) y1 = g->h - 1;
    for (int y = y0; y <= y1; y++) {
        double py = y * g->cell;
        /* t(x) = (ex x + ey py - (ex sx + ey sy)) / len2, u(x) = n . (p - s) */
        double lo = -INFINITY, hi = INFINITY;
        clip_linear(ex / len2, ((py - sy) * ey - sx * ex) / len2, ta, tb, &lo, &hi);
        clip_linear(nx, (py - sy) * ny - sx * nx, -bw, bw, &lo, &hi);
        if (!(lo <= hi))
            continue;
        double fx0 = floor(lo / g->cell), fx1 = ceil(hi / g->cell);
        int x0 = fx0 < 0 ? 0 : fx0 > g->w - 1 ? g->w : (int)fx0;
        int x1 = fx1 > g->w - 1 ? g->w - 1 : fx1 < 0 ? -1 : (int)fx1;
        Span *r = &f->redo[y];
        if (mark) {
            if (x0 <= x1) {
                if (x0 < r->x0) r->x0 = x0;
                if (x1 > r->x1) r->x1 = x1;
            }
            continue;
        }
        if (x0 < r->x0) x0 = r->x0;
        if (x1 > r->x1) x1 = r->x1;
        for (int x = x0; x <= x1; x++) {
            double px = x * g->cell;
            double t = ((px - sx) * ex + (py - sy) * ey) / len2;
            if (t < 0 && !open_start) t = 0;
            if (t > 1 && !open_end) t = 1;
            double qx = sx + t * ex - px, qy = sy + t * ey - py;
            double d = sqrt(qx * qx + qy * qy);
            if (d >= B)
                continue;
            size_t k = (size_t)y * g->w + x;
            float *cell = &f->sd[k];
            if (isnan(*cell) || d < fabsf(*cell)) {
                double cross = ex * (py - sy) - ey * (px - sx);
                *cell = (float)(cross <= 0 ? d : -d);
                f->inband[k] = 1;
            }
        }
    }
}

/* True when segment i is visited the same in both curves: same ends, same
 * neighbours (they set its end margins), same rays. */
static bool same_segment(const HairlineCurve *a, const HairlineCurve *b, int i)
{
    if (i + 1 >= a->count || i + 1 >= b->count || (i + 2 == a->count) != (i + 2 == b->count))
        return false;
    int k0 = i > 0 ? i - 1 : 0, k1 = i + 2 < a->count ? i + 2 : i + 1;
    for (int k = k0; k <= k1; k++)
        if (a->x_mm[k] != b->x_mm[k] || a->y_mm[k] != b->y_mm[k])
            return false;
    return true;
}

static float side_of(float v) { return v >= 0 ? 1.f : -1.f; }

/* Beyond the band only the side matters: it can change only where a row
 * crosses the curve, which is inside the band, so carry it along the row. */
static void carry_side(DensityField *f, int y, float side)
{
    const Grid *g = &f->hg;
    float *row = &f->sd[(size_t)y * g->w];
    const uint8_t *in = &f->inband[(size_t)y * g->w];
    for (int x = 0; x < g->w; x++) {
        if (!in[x])
            row[x] = side * (float)f->band_mm;
        else
            side = side_of(row[x]);
    }
}

/* The columns where row y differs from before the update (bitwise). */
static Span row_diff(const DensityField *f, int y)
{
    const Grid *g = &f->hg;
    const float *a = &f->sd[(size_t)y * g->w], *b = &f->prev[(size_t)y * g->w];
    Span d = {0, -1};
    int x = 0;
    while (x < g->w && memcmp(&a[x], &b[x], sizeof *a) == 0)
        x++;
    if (x == g->w)
        return d;
    d.x0 = x;
    for (d.x1 = g->w - 1; memcmp(&a[d.x1], &b[d.x1], sizeof *a) == 0; d.x1--)
        ;
    return d;
}

/* Recomputes the cells the edit can have changed: those within the band of a
 * segment that differs between the old and the new curve, and rows whose side
 * beyond the band flipped. The result is bit for bit the full rebuild's. */
void density_update_hairline(DensityField *f, const SmpPlan *plan)
{
    HairlineCurve *old = f->curve;
    f->curve = f->old_curve;
    f->old_curve = old;
    bool had = f->has_hairline;
    double old_band = f->band_mm;
    build_displaced(plan, f->smooth, f->curve);
    f->has_hairline = f->curve->count >= 2;
    const Grid *g = &f->hg;
    f->all_changed = true;
    f->changed_y0 = 0, f->changed_y1 = -1;
    if (!f->has_hairline)
        return;
    const PlanHairline *h = &plan->hairline;
    f->band_mm = fmax(h->transition_mm, 0.5) + DENSITY_STRAY_REACH_MM + 6.0;
    bool whole = !had || f->band_mm != old_band;
    f->all_changed = whole;
    for (int y = 0; y < g->h; y++) {
        f->redo[y].x0 = whole ? 0 : g->w;
        f->redo[y].x1 = whole ? g->w - 1 : -1;
    }
    if (!whole) {
        int most = f->curve->count > old->count ? f->curve->count : old->count;
        for (int i = 0; i + 1 < most; i++) {
            if (same_segment(old, f->curve, i))
                continue;
            if (i + 1 < old->count)
                visit_segment(f, old, i, true);
            if (i + 1 < f->curve->count)
                visit_segment(f, f->curve, i, true);
        }
        memcpy(f->prev, f->sd, (size_t)g->w * g->h * sizeof *f->sd);
    }
    for (int y = 0; y < g->h; y++)
        for (int x = f->redo[y].x0; x <= f->redo[y].x1; x++) {
            f->sd[(size_t)y * g->w + x] = NAN;
            f->inband[(size_t)y * g->w + x] = 0;
        }
    for (int i = 0; i + 1 < f->curve->count; i++)
        visit_segment(f, f->curve, i, false);
    for (int y = 0; y < g->h; y++) {
        float *row = &f->sd[(size_t)y * g->w];
        f->changed[y].x0 = 0, f->changed[y].x1 = -1;
        bool redone = f->redo[y].x0 <= f->redo[y].x1;
        if (f->inband[(size_t)y * g->w] && !redone)
            continue; /* nothing in this row changed */
        float side = f->inband[(size_t)y * g->w]                                  ? side_of(row[0])
                     : hairline_signed_distance(f->curve, 0, y * g->cell, NULL) >= 0 ? 1.f
                                                                                      : -1.f;
        if (!redone && side == side_of(row[0]))
            continue; /* the curve did not sweep over the row's start */
        carry_side(f, y, side);
        if (whole)
            continue;
        f->changed[y] = row_diff(f, y);
        if (f->changed[y].x0 <= f->changed[y].x1) {
            if (f->changed_y0 > f->changed_y1)
                f->changed_y0 = y;
            f->changed_y1 = y;
        }
    }
}

double density_hairline_ramp(const PlanHairline *h, double s)
{
    double w = h->transition_mm > 0.1 ? h->transition_mm : 0.1;
    if (s >= w)
        return 1.0;
    if (s >= 0) {
        /* From sparse single dots at the line to full density behind it. */
        double t = s / w;
        return 0.12 + 0.88 * t * t * (3 - 2 * t);
    }
    /* Stray dots ahead of the line, fading within a few millimetres. */
    return 0.12 * h->micro_irregularity * exp(s / (0.5 * DENSITY_STRAY_REACH_MM));
}

/* ---- regions ----------------------------------------------------------------- */

static void paint_cell(DensityField *f, int x, int y, uint8_t kind, bool erase)
{
    uint8_t *c = &f->label[(size_t)y * f->rg.w + x];
    if (erase) {
        if (*c == kind)
            *c = LABEL_NONE;
    } else {
        *c = kind;
    }
}

static uint8_t label_of(PlanRegionKind k)
{
    return k == REGION_EXCLUDE ? LABEL_EXCLUDE : k == REGION_SCAR ? LABEL_SCAR : LABEL_TREAT;
}

/* Region fills are output-sensitive: each edge (or brush capsule) visits only
 * the rows it crosses and marks where coverage starts and stops in a per-cell
 * scratch row; one pass over the shape's bounding box then paints. Cost is
 * edge-rows plus the box, never edges x rows, so 256 self-crossing polygons of
 * 4096 points take seconds, not minutes. The scratch is edge_dist, which the
 * feathering only uses after all painting. */
#define FILL_TOGGLE 1u /* polygon: parity flips from this cell on */
#define FILL_EXACT 2u  /* polygon: an edge crosses exactly this cell centre */
#define FILL_NEAR 1e-6 /* cells: closer than this to a span's end, ask the exact test */

typedef struct FillBox {
    int x0, y0, x1, y1; /* touched cells, inclusive; empty when x0 > x1 */
} FillBox;

static void fill_box_add(FillBox *b, int x, int y)
{
    if (x < b->x0) b->x0 = x;
    if (x > b->x1) b->x1 = x;
    if (y < b->y0) b->y0 = y;
    if (y > b->y1) b->y1 = y;
}

static void fill_clear(DensityField *f, const PlanRegion *r, double ppm, double pad_mm, FillBox *box)
{
    const Grid *g = &f->rg;
    double y0 = INFINITY, y1 = -INFINITY;
    for (int i = 0; i < r->count; i++) {
        y0 = fmin(y0, r->points[i].y / ppm);
        y1 = fmax(y1, r->points[i].y / ppm);
    }
    int r0 = (int)fmax(0.0, floor((y0 - pad_mm) / g->cell) - 1);
    int r1 = (int)fmin(g->h - 1.0, ceil((y1 + pad_mm) / g->cell) + 1);
    if (r0 <= r1)
        memset(f->edge_dist + (size_t)r0 * g->w, 0, (size_t)(r1 - r0 + 1) * g->w * sizeof *f->edge_dist);
    box->x0 = g->w;
    box->y0 = g->h;
    box->x1 = box->y1 = -1;
}

/* One polygon edge: at every row whose centre line it crosses (half-open in y,
 * so a vertex counts once), the crossing at q cells flips parity for cells
 * strictly right of q and marks q itself when it is a cell centre; cells with
 * odd parity or a mark are inside: exactly the spans [ceil(q0), floor(q1)]. */
static void fill_edge(DensityField *f, PlanPoint a, PlanPoint b, double ppm, FillBox *box)
{
    const Grid *g = &f->rg;
    double ay = a.y / ppm, by = b.y / ppm;
    int y0 = (int)fmax(0.0, floor(fmin(ay, by) / g->cell) - 1);
    int y1 = (int)fmin(g->h - 1.0, ceil(fmax(ay, by) / g->cell) + 1);
    for (int y = y0; y <= y1; y++) {
        double py = y * g->cell;
        if ((ay <= py) == (by <= py))
            continue;
        double t = (py - ay) / (by - ay);
        double q = (a.x + t * (b.x - a.x)) / ppm / g->cell;
        uint16_t *row = f->edge_dist + (size_t)y * g->w;
        double fl = floor(q);
        if (fl == q && q >= 0 && q <= g->w - 1) {
            row[(int)q] |= FILL_EXACT;
            fill_box_add(box, (int)q, y);
        }
        int k = fl + 1 < 0 ? 0 : fl + 1 > g->w ? g->w : (int)(fl + 1);
        if (k < g->w) {
            row[k] ^= FILL_TOGGLE;
            fill_box_add(box, k, y);
        }
        fill_box_add(box, g->w - 1, y); /* parity may run to the row's end */
    }
}

/* Even-odd fill at cell centres. */
static void paint_polygon(DensityField *f, const PlanRegion *r, double ppm)
{
    const Grid *g = &f->rg;
    FillBox box;
    fill_clear(f, r, ppm, 0.0, &box);
    for (int i = 0; i < r->count; i++)
        fill_edge(f, r->points[i], r->points[(i + 1) % r->count], ppm, &box);
    uint8_t kind = label_of(r->kind);
    for (int y = box.y0; y <= box.y1; y++) {
        const uint16_t *row = f->edge_dist + (size_t)y * g->w;
        unsigned parity = 0;
        for (int x = box.x0; x <= box.x1; x++) {
            parity ^= row[x] & FILL_TOGGLE;
            if (parity || (row[x] & FILL_EXACT))
                paint_cell(f, x, y, kind, r->erase);
        }
    }
}

/* Whether the centre of cell (x, y) is within rad of segment a-b (all mm): the
 * test that decides, so the interval search below only narrows where to ask. */
static bool capsule_holds(const Grid *g, double ax, double ay, double ex, double ey, double len2, double rad,
                          int x, int y)
{
    double px = x * g->cell, py = y * g->cell;
    double t = len2 > 0 ? ((px - ax) * ex + (py - ay) * ey) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double qx = ax + t * ex - px, qy = ay + t * ey - py;
    return qx * qx + qy * qy <= rad * rad;
}

/* One capsule of a stroke: per row its (convex, so single) span of cells,
 * added to the row's coverage counts as +1 at the start, -1 past the end. */
static void fill_capsule(DensityField *f, double rad, PlanPoint a, PlanPoint b, double ppm, FillBox *box)
{
    const Grid *g = &f->rg;
    double ax = a.x / ppm, ay = a.y / ppm, bx = b.x / ppm, by = b.y / ppm;
    const Capsule cap = capsule_make(ax, ay, bx, by, rad);
    int y0 = (int)greater(0.0, floor((lesser(ay, by) - rad) / g->cell));
    int y1 = (int)lesser(g->h - 1.0, ceil((greater(ay, by) + rad) / g->cell));
    const double inv_cell = 1.0 / g->cell;
    for (int y = y0; y <= y1; y++) {
        double py = y * g->cell, lo, hi;
        capsule_row_span(&cap, py, &lo, &hi);
        if (!(lo <= hi))
            continue;
        /* The analytic span decides, except where an end lies within rounding
         * of a cell centre: there the exact test has the last word. */
        double ql = lo * inv_cell, qh = hi * inv_cell, cl = ceil(ql), fh = floor(qh);
        int x0 = (int)greater(0.0, lesser(g->w, cl)), x1 = (int)lesser(g->w - 1.0, greater(-1.0, fh));
        if (cl - ql < FILL_NEAR || ql - (cl - 1) < FILL_NEAR || qh - fh < FILL_NEAR || fh + 1 - qh < FILL_NEAR) {
            x0 = (int)greater(0.0, x0 - 1.0);
            x1 = (int)lesser(g->w - 1.0, x1 + 1.0);
            while (x0 <= x1 && !capsule_holds(g, ax, ay, cap.ex, cap.ey, cap.len2, rad, x0, y))
                x0++;
            while (x1 >= x0 && !capsule_holds(g, ax, ay, cap.ex, cap.ey, cap.len2, rad, x1, y))
                x1--;
        }
        if (x0 > x1)
            continue;
        uint16_t *row = f->edge_dist + (size_t)y * g->w;
        row[x0]++; /* wraps harmlessly: counts are summed mod 2^16 and stay small */
        if (x1 + 1 < g->w)
            row[x1 + 1]--;
        fill_box_add(box, x0, y);
        fill_box_add(box, x1, y);
    }
}

/* A brush stroke: capsules of radius_mm between consecutive points. */
static void paint_stroke(DensityField *f, const PlanRegion *r, double ppm)
{
    const Grid *g = &f->rg;
    double rad = r->radius_mm;
    FillBox box;
    fill_clear(f, r, ppm, rad, &box);
    if (r->count == 1)
        fill_capsule(f, rad, r->points[0], r->points[0], ppm, &box);
    for (int i = 0; i + 1 < r->count; i++)
        fill_capsule(f, rad, r->points[i], r->points[i + 1], ppm, &box);
    uint8_t kind = label_of(r->kind);
    for (int y = box.y0; y <= box.y1; y++) {
        const uint16_t *row = f->edge_dist + (size_t)y * g->w;
        uint16_t cover = 0;
        for (int x = box.x0; x <= box.x1; x++) {
            cover = (uint16_t)(cover + row[x]);
            if (cover)
                paint_cell(f, x, y, kind, r->erase);
        }
    }
}

/* A painted area blends into the skin or hair around it: coverage rises from 0
 * at its edge to 1 at the plan's edge_blend_mm inside, as a technician thins the
 * work out toward an edge. Distances are 3-4 chamfer distances in cells (two
 * raster passes); cells beyond the grid count as covered, so a photo's border
 * does not thin the work. */
static void feather_treat_edges(DensityField *f, double blend_mm)
{
    const Grid *g = &f->rg;
    uint16_t *d = f->edge_dist;
    const uint16_t far = UINT16_MAX - 8;
    for (int y = 0; y < g->h; y++)
        for (int x = 0; x < g->w; x++) {
            size_t i = (size_t)y * g->w + x;
            uint16_t v = f->cover[i] ? far : 0;
            if (v && x > 0) v = MIN_U16(v, d[i - 1] + 3);
            if (v && y > 0) {
                v = MIN_U16(v, d[i - g->w] + 3);
                if (x > 0) v = MIN_U16(v, d[i - g->w - 1] + 4);
                if (x + 1 < g->w) v = MIN_U16(v, d[i - g->w + 1] + 4);
            }
            d[i] = v;
        }
    double feather = 3.0 * blend_mm / g->cell; /* in chamfer units; 0: a hard edge */
    for (int y = g->h - 1; y >= 0; y--)
        for (int x = g->w - 1; x >= 0; x--) {
            size_t i = (size_t)y * g->w + x;
            uint16_t v = d[i];
            if (!v)
                continue;
            if (x + 1 < g->w) v = MIN_U16(v, d[i + 1] + 3);
            if (y + 1 < g->h) {
                v = MIN_U16(v, d[i + g->w] + 3);
                if (x + 1 < g->w) v = MIN_U16(v, d[i + g->w + 1] + 4);
                if (x > 0) v = MIN_U16(v, d[i + g->w - 1] + 4);
            }
            d[i] = v;
            double t = v >= feather ? 1.0 : v / feather; /* v > 0 here */
            f->cover[i] = (uint8_t)lround(255.0 * t * t * (3.0 - 2.0 * t));
        }
}

/* 0..255: how far the scar cell (x, y) lies inside its painted edge, as a
 * smoothstep over DENSITY_SCAR_FEATHER_MM. A brush is painted a little wider than
 * the scar, so the compensation for pale tissue fades in from the painted edge
 * instead of darkening a rim of healthy skin. */
static uint8_t scar_depth_u8(const DensityField *f, int x, int y)
{
    const Grid *g = &f->rg;
    const int rf = (int)ceil(DENSITY_SCAR_FEATHER_MM / g->cell);
    int best2 = (rf + 1) * (rf + 1);
    for (int dy = -rf; dy <= rf; dy++)
        for (int dx = -rf; dx <= rf; dx++) {
            const int xx = x + dx, yy = y + dy, d2 = dx * dx + dy * dy;
            if (d2 >= best2 || xx < 0 || yy < 0 || xx >= g->w || yy >= g->h)
                continue;
            if (f->label[(size_t)yy * g->w + xx] != LABEL_SCAR)
                best2 = d2;
        }
    /* Distance from the cell centre to the edge: half a cell less than between centres. */
    double t = (sqrt((double)best2) - 0.5) / ((double)rf + 0.5);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return (uint8_t)lround(255.0 * t * t * (3.0 - 2.0 * t));
}

/* Scar tissue takes pigment differently, so the pattern runs past its edge. */
static void dilate_scars(DensityField *f)
{
    const Grid *g = &f->rg;
    int rc = (int)ceil(DENSITY_SCAR_MARGIN_MM / g->cell);
    for (int y = 0; y < g->h; y++)
        for (int x = 0; x < g->w; x++) {
            if (f->label[(size_t)y * g->w + x] != LABEL_SCAR)
                continue;
            f->scar[(size_t)y * g->w + x] = scar_depth_u8(f, x, y);
            bool interior = x > 0 && y > 0 && x + 1 < g->w && y + 1 < g->h &&
                            f->label[(size_t)y * g->w + x - 1] == LABEL_SCAR &&
                            f->label[(size_t)y * g->w + x + 1] == LABEL_SCAR &&
                            f->label[(size_t)(y - 1) * g->w + x] == LABEL_SCAR &&
                            f->label[(size_t)(y + 1) * g->w + x] == LABEL_SCAR;
            if (interior)
                continue; /* only the edge needs stamping */
            for (int dy = -rc; dy <= rc; dy++)
                for (int dx = -rc; dx <= rc; dx++) {
                    int xx = x + dx, yy = y + dy;
                    if (xx < 0 || yy < 0 || xx >= g->w || yy >= g->h || dx * dx + dy * dy > rc * rc)
                        continue;
                    size_t k = (size_t)yy * g->w + xx;
                    if (f->label[k] != LABEL_EXCLUDE)
                        f->cover[k] = 255;
                }
        }
}

/* Whether r paints cells of this photo's grid (another photo's pixels are carried in
 * first: scalp_views.h). */
static bool region_paints(const PlanRegion *r)
{
    return r->view == 0 &&
           ((r->shape == REGION_POLYGON && r->count >= 3) || (r->shape == REGION_STROKE && r->count >= 1));
}

void density_update_regions(DensityField *f, const SmpPlan *plan)
{
    const Grid *g = &f->rg;
    size_t n = (size_t)g->w * g->h;
    double ppm = plan_px_per_mm(plan);
    f->has_treat = false;
    f->only_painted = plan->only_painted;
    bool paints = false;
    for (int i = 0; i < plan->region_count; i++) {
        const PlanRegion *r = &plan->regions[i];
        if (r->count < 1 || r->view != 0) /* another photo's pixels: carried in first (scalp_views.h) */
            continue;
        if (r->kind != REGION_EXCLUDE && !r->erase)
            f->has_treat = true;
        paints = paints || region_paints(r);
    }
    /* Nothing painted on a blank grid leaves it blank: a big photo at the default
     * scale has millions of cells (a 24 MP photo's took 0.16 s to clear). */
    if (!paints && f->regions_blank)
        return;
    f->regions_blank = !paints;
    memset(f->label, LABEL_NONE, n);
    memset(f->scar, 0, n);
    for (int i = 0; i < plan->region_count; i++) {
        const PlanRegion *r = &plan->regions[i];
        if (!region_paints(r))
            continue;
        if (r->shape == REGION_POLYGON)
            paint_polygon(f, r, ppm);
        else
            paint_stroke(f, r, ppm);
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t l = f->label[i];
        f->cover[i] = (l == LABEL_TREAT || l == LABEL_SCAR) ? 255 : 0;
        f->excl[i] = l == LABEL_EXCLUDE ? 255 : 0;
    }
    feather_treat_edges(f, plan->edge_blend_mm);
    dilate_scars(f);
}

/* ---- sampling ---------------------------------------------------------------- */

static void cell_coords(const Grid *g, double x_mm, double y_mm, int *x, int *y, double *tx, double *ty)
{
    double gx = x_mm / g->cell, gy = y_mm / g->cell;
    if (gx < 0) gx = 0;
    if (gy < 0) gy = 0;
    if (gx > g->w - 1.001) gx = g->w - 1.001;
    if (gy > g->h - 1.001) gy = g->h - 1.001;
    *x = (int)gx, *y = (int)gy;
    *tx = gx - *x, *ty = gy - *y;
}

static double bilinear_u8(const Grid *g, const uint8_t *v, double x_mm, double y_mm)
{
    int x, y;
    double tx, ty;
    cell_coords(g, x_mm, y_mm, &x, &y, &tx, &ty);
    const uint8_t *p = v + (size_t)y * g->w + x;
    double top = p[0] + (p[1] - p[0]) * tx, bot = p[g->w] + (p[g->w + 1] - p[g->w]) * tx;
    return (top + (bot - top) * ty) * (1.0 / 255.0);
}

static double bilinear_f(const Grid *g, const float *v, double x_mm, double y_mm)
{
    int x, y;
    double tx, ty;
    cell_coords(g, x_mm, y_mm, &x, &y, &tx, &ty);
    const float *p = v + (size_t)y * g->w + x;
    double top = p[0] + (p[1] - p[0]) * tx, bot = p[g->w] + (p[g->w + 1] - p[g->w]) * tx;
    return top + (bot - top) * ty;
}

void density_sample(const DensityField *f, double x_mm, double y_mm, DensitySample *out)
{
    out->signed_mm = f->has_hairline ? (float)bilinear_f(&f->hg, f->sd, x_mm, y_mm) : 1e9f;
    bool painted_any = !f->regions_blank; /* else the region grid is unset: all 0 */
    double painted = f->has_treat && painted_any ? bilinear_u8(&f->rg, f->cover, x_mm, y_mm) : 0.0;
    if ((f->has_treat && f->only_painted) || !f->has_hairline)
        out->coverage = (float)painted;
    else /* the whole treated side of the hairline, plus what is painted */
        out->coverage = (float)fmax(1.0 - (painted_any ? bilinear_u8(&f->rg, f->excl, x_mm, y_mm) : 0.0), painted);
    out->scar = painted_any ? (float)bilinear_u8(&f->rg, f->scar, x_mm, y_mm) : 0.0f;
}

float density_signed_mm(const DensityField *f, double x_mm, double y_mm)
{
    return f->has_hairline ? (float)bilinear_f(&f->hg, f->sd, x_mm, y_mm) : 1e9f;
}

/* The normal's stencil reads cells up to ~2.4 cells from p; keep them all
 * inside the band, where the distance is exact rather than clamped. */
double density_hairline_reach_mm(const DensityField *f)
{
    return f->has_hairline ? fmax(f->band_mm - 3 * f->hg.cell, 0.0) : 0.0;
}

bool density_hairline_changed(const DensityField *f, double x0, double y0, double x1, double y1)
{
    if (f->all_changed)
        return true;
    const Grid *g = &f->hg;
    /* A sample reads cells up to two away from its own (bilinear, plus the
     * normal's one-cell stencil); one more absorbs rounding and edge clamping. */
    double cy0 = floor(y0 / g->cell) - 3, cy1 = floor(y1 / g->cell) + 3;
    double cx0 = floor(x0 / g->cell) - 3, cx1 = floor(x1 / g->cell) + 3;
    int ya = cy0 > f->changed_y0 ? (int)cy0 : f->changed_y0, yb = cy1 < f->changed_y1 ? (int)cy1 : f->changed_y1;
    for (int y = ya; y <= yb; y++)
        if (f->changed[y].x0 <= f->changed[y].x1 && f->changed[y].x0 <= cx1 && f->changed[y].x1 >= cx0)
            return true;
    return false;
}

bool density_hairline_normal(const DensityField *f, double x, double y, double *nx, double *ny)
{
    if (!f->has_hairline)
        return false;
    double e = f->hg.cell;
    double gx = bilinear_f(&f->hg, f->sd, x + e, y) - bilinear_f(&f->hg, f->sd, x - e, y);
    double gy = bilinear_f(&f->hg, f->sd, x, y + e) - bilinear_f(&f->hg, f->sd, x, y - e);
    double len = sqrt(gx * gx + gy * gy);
    if (len < 1e-9)
        return false;
    *nx = -gx / len; /* distance grows into the scalp: forward is down the gradient */
    *ny = -gy / len;
    return true;
}
