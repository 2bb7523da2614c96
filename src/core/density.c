#include "density.h"

#include "hash.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HAIRLINE_CELL_MM 1.0   /* signed distance is smooth: 1 mm + bilinear is exact enough */
#define REGION_CELL_MIN_MM 0.5 /* brush edges */
#define REGION_MAX_CELLS (16u * 1024u * 1024u)
#define RESAMPLE_MM 2.0        /* chord error of a 2 mm step on a head-sized curve: ~5 um */
#define MACRO_AMPLITUDE_MM 4.0 /* waves and points of a "broken" line */

enum { LABEL_NONE = 0, LABEL_TREAT, LABEL_EXCLUDE, LABEL_SCAR };

typedef struct Grid {
    int w, h;
    double cell;
} Grid;

struct DensityField {
    double width_mm, height_mm;
    /* hairline part */
    Grid hg;
    float *sd;         /* signed distance, clamped to +-band */
    double band_mm;
    bool has_hairline;
    HairlineCurve *curve; /* displaced, resampled curve (large: heap) */
    /* region part */
    Grid rg;
    uint8_t *label;    /* LABEL_* per cell, painted in plan order */
    uint8_t *cover, *excl, *scar; /* 0..255 */
    bool has_treat;
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
    f->curve = malloc(sizeof *f->curve);
    f->label = calloc(rn, 1);
    f->cover = calloc(rn, 1);
    f->excl = calloc(rn, 1);
    f->scar = calloc(rn, 1);
    if (!f->sd || !f->curve || !f->label || !f->cover || !f->excl || !f->scar) {
        density_destroy(f);
        return smp_fail(err, "out of memory for the density field (%gx%g mm)", width_mm, height_mm);
    }
    f->curve->count = 0;
    *out = f;
    return true;
}

void density_destroy(DensityField *f)
{
    if (!f)
        return;
    free(f->sd);
    free(f->curve);
    free(f->label);
    free(f->cover);
    free(f->excl);
    free(f->scar);
    free(f);
}

bool density_has_hairline(const DensityField *f) { return f->has_hairline; }

/* ---- hairline ---------------------------------------------------------------- */

/* Smooth 1D value noise in [-1, 1] along the line: waves of a few cm. */
static double noise1(double x, uint64_t seed)
{
    double fl = floor(x);
    int64_t i = (int64_t)fl;
    double t = x - fl;
    double a = hash_unit(hash_combine(seed, (uint64_t)i)) * 2 - 1;
    double b = hash_unit(hash_combine(seed, (uint64_t)(i + 1))) * 2 - 1;
    t = t * t * (3 - 2 * t);
    return a + (b - a) * t;
}

static double macro_offset_mm(const PlanHairline *h, double arc_mm, uint32_t seed)
{
    uint64_t s = hash_u64(0x4a1e0000ull + seed);
    double n = noise1(arc_mm / 22.0, s) * 0.7 + noise1(arc_mm / 7.0, s + 1) * 0.3;
    return h->macro_irregularity * MACRO_AMPLITUDE_MM * n;
}

/* The curve the dots follow: the smooth hairline, resampled every RESAMPLE_MM
 * and pushed along its normal by the macro irregularity. */
static void build_displaced(const SmpPlan *plan, HairlineCurve *out)
{
    HairlineCurve *smooth = malloc(sizeof *smooth);
    out->count = 0;
    if (!smooth)
        return;
    hairline_build(plan, smooth);
    if (smooth->count < 2) {
        free(smooth);
        return;
    }
    double total = smooth->arc_mm[smooth->count - 1];
    int n = (int)ceil(total / RESAMPLE_MM) + 1;
    if (n > HAIRLINE_MAX_SAMPLES)
        n = HAIRLINE_MAX_SAMPLES;
    if (n < 2)
        n = 2;
    int seg = 0;
    for (int k = 0; k < n; k++) {
        double s = total * k / (n - 1);
        while (seg + 2 < smooth->count && smooth->arc_mm[seg + 1] < s)
            seg++;
        double a0 = smooth->arc_mm[seg], a1 = smooth->arc_mm[seg + 1];
        double t = a1 > a0 ? (s - a0) / (a1 - a0) : 0;
        double ex = smooth->x_mm[seg + 1] - smooth->x_mm[seg], ey = smooth->y_mm[seg + 1] - smooth->y_mm[seg];
        double len = sqrt(ex * ex + ey * ey);
        double nx = len > 0 ? ey / len : 0, ny = len > 0 ? -ex / len : 0; /* left normal, y down */
        double off = macro_offset_mm(&plan->hairline, s, plan->seed);
        out->x_mm[k] = smooth->x_mm[seg] + t * ex - nx * off;
        out->y_mm[k] = smooth->y_mm[seg] + t * ey - ny * off;
    }
    out->count = n;
    out->arc_mm[0] = 0;
    for (int k = 1; k < n; k++)
        out->arc_mm[k] = out->arc_mm[k - 1] + hypot(out->x_mm[k] - out->x_mm[k - 1], out->y_mm[k] - out->y_mm[k - 1]);
    free(smooth);
}

/* Writes min-|distance| of the piece [a, b] of a segment into cells within the band. */
static void splat_piece(DensityField *f, double ax, double ay, double bx, double by,
                        double sx, double sy, double ex, double ey, bool open_start, bool open_end)
{
    const Grid *g = &f->hg;
    double B = f->band_mm;
    int x0 = (int)floor((fmin(ax, bx) - B) / g->cell), x1 = (int)ceil((fmax(ax, bx) + B) / g->cell);
    int y0 = (int)floor((fmin(ay, by) - B) / g->cell), y1 = (int)ceil((fmax(ay, by) + B) / g->cell);
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > g->w - 1) x1 = g->w - 1;
    if (y1 > g->h - 1) y1 = g->h - 1;
    double len2 = ex * ex + ey * ey;
    for (int y = y0; y <= y1; y++) {
        double py = y * g->cell;
        for (int x = x0; x <= x1; x++) {
            double px = x * g->cell;
            double t = ((px - sx) * ex + (py - sy) * ey) / len2;
            if (t < 0 && !open_start) t = 0;
            if (t > 1 && !open_end) t = 1;
            double qx = sx + t * ex - px, qy = sy + t * ey - py;
            double d = sqrt(qx * qx + qy * qy);
            if (d >= B)
                continue;
            float *cell = &f->sd[(size_t)y * g->w + x];
            if (isnan(*cell) || d < fabsf(*cell)) {
                double cross = ex * (py - sy) - ey * (px - sx);
                *cell = (float)(cross <= 0 ? d : -d);
            }
        }
    }
}

/* A segment (the first and last ones extended to the edge of the grid along
 * their tangents) splatted in short pieces so only cells near it are touched. */
static void splat_segment(DensityField *f, const HairlineCurve *c, int i)
{
    double sx = c->x_mm[i], sy = c->y_mm[i];
    double ex = c->x_mm[i + 1] - sx, ey = c->y_mm[i + 1] - sy;
    double len = sqrt(ex * ex + ey * ey);
    if (len <= 0)
        return;
    bool open_start = i == 0, open_end = i + 2 == c->count;
    double reach = hypot(f->width_mm, f->height_mm) + f->band_mm;
    double t0 = open_start ? -reach / len : 0, t1 = open_end ? 1 + reach / len : 1;
    double piece = 2 * f->hg.cell / len;
    for (double t = t0; t < t1; t += piece) {
        double tb = fmin(t + piece, t1);
        splat_piece(f, sx + t * ex, sy + t * ey, sx + tb * ex, sy + tb * ey, sx, sy, ex, ey, open_start, open_end);
    }
}

void density_update_hairline(DensityField *f, const SmpPlan *plan)
{
    build_displaced(plan, f->curve);
    f->has_hairline = f->curve->count >= 2;
    if (!f->has_hairline)
        return;
    const PlanHairline *h = &plan->hairline;
    f->band_mm = fmax(h->transition_mm, 0.5) + DENSITY_STRAY_REACH_MM + 6.0;
    const Grid *g = &f->hg;
    size_t n = (size_t)g->w * g->h;
    for (size_t i = 0; i < n; i++)
        f->sd[i] = NAN;
    for (int i = 0; i + 1 < f->curve->count; i++)
        splat_segment(f, f->curve, i);
    /* Beyond the band only the side matters: it can change only where a row
     * crosses the curve, which is inside the band, so carry it along each row. */
    for (int y = 0; y < g->h; y++) {
        float *row = &f->sd[(size_t)y * g->w];
        float side = isnan(row[0]) ? (hairline_signed_distance(f->curve, 0, y * g->cell, NULL) >= 0 ? 1.f : -1.f)
                                   : (row[0] >= 0 ? 1.f : -1.f);
        for (int x = 0; x < g->w; x++) {
            if (isnan(row[x]))
                row[x] = side * (float)f->band_mm;
            else
                side = row[x] >= 0 ? 1.f : -1.f;
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

static uint8_t label_of(RegionKind k)
{
    return k == REGION_EXCLUDE ? LABEL_EXCLUDE : k == REGION_SCAR ? LABEL_SCAR : LABEL_TREAT;
}

/* Even-odd scanline fill at cell centres. */
static void paint_polygon(DensityField *f, const PlanRegion *r, double ppm)
{
    const Grid *g = &f->rg;
    double xs[PLAN_MAX_REGION_POINTS];
    for (int y = 0; y < g->h; y++) {
        double py = y * g->cell;
        int n = 0;
        for (int i = 0; i < r->count; i++) {
            const PlanPoint *a = &r->points[i], *b = &r->points[(i + 1) % r->count];
            double ay = a->y / ppm, by = b->y / ppm;
            if ((ay <= py) == (by <= py))
                continue;
            double t = (py - ay) / (by - ay);
            xs[n++] = (a->x + t * (b->x - a->x)) / ppm;
        }
        for (int i = 1; i < n; i++) /* insertion sort: n is small */
            for (int j = i; j > 0 && xs[j - 1] > xs[j]; j--) {
                double tmp = xs[j];
                xs[j] = xs[j - 1];
                xs[j - 1] = tmp;
            }
        for (int i = 0; i + 1 < n; i += 2) {
            int x0 = (int)ceil(xs[i] / g->cell), x1 = (int)floor(xs[i + 1] / g->cell);
            if (x0 < 0) x0 = 0;
            if (x1 > g->w - 1) x1 = g->w - 1;
            for (int x = x0; x <= x1; x++)
                paint_cell(f, x, y, label_of(r->kind), r->erase);
        }
    }
}

static void paint_capsule(DensityField *f, const PlanRegion *r, PlanPoint a, PlanPoint b, double ppm)
{
    const Grid *g = &f->rg;
    double rad = r->radius_mm;
    double ax = a.x / ppm, ay = a.y / ppm, bx = b.x / ppm, by = b.y / ppm;
    double ex = bx - ax, ey = by - ay, len2 = ex * ex + ey * ey;
    int x0 = (int)floor((fmin(ax, bx) - rad) / g->cell), x1 = (int)ceil((fmax(ax, bx) + rad) / g->cell);
    int y0 = (int)floor((fmin(ay, by) - rad) / g->cell), y1 = (int)ceil((fmax(ay, by) + rad) / g->cell);
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > g->w - 1) x1 = g->w - 1;
    if (y1 > g->h - 1) y1 = g->h - 1;
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++) {
            double px = x * g->cell, py = y * g->cell;
            double t = len2 > 0 ? ((px - ax) * ex + (py - ay) * ey) / len2 : 0;
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            double qx = ax + t * ex - px, qy = ay + t * ey - py;
            if (qx * qx + qy * qy <= rad * rad)
                paint_cell(f, x, y, label_of(r->kind), r->erase);
        }
}

/* A brush stroke: capsules of radius_mm between consecutive points. */
static void paint_stroke(DensityField *f, const PlanRegion *r, double ppm)
{
    if (r->count == 1)
        paint_capsule(f, r, r->points[0], r->points[0], ppm);
    for (int i = 0; i + 1 < r->count; i++)
        paint_capsule(f, r, r->points[i], r->points[i + 1], ppm);
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
            f->scar[(size_t)y * g->w + x] = 255;
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

void density_update_regions(DensityField *f, const SmpPlan *plan)
{
    const Grid *g = &f->rg;
    size_t n = (size_t)g->w * g->h;
    memset(f->label, LABEL_NONE, n);
    memset(f->scar, 0, n);
    double ppm = plan_px_per_mm(plan);
    f->has_treat = false;
    for (int i = 0; i < plan->region_count; i++) {
        const PlanRegion *r = &plan->regions[i];
        if (r->count < 1)
            continue;
        if (r->kind != REGION_EXCLUDE && !r->erase)
            f->has_treat = true;
        if (r->shape == REGION_POLYGON && r->count >= 3)
            paint_polygon(f, r, ppm);
        else if (r->shape == REGION_STROKE)
            paint_stroke(f, r, ppm);
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t l = f->label[i];
        f->cover[i] = (l == LABEL_TREAT || l == LABEL_SCAR) ? 255 : 0;
        f->excl[i] = l == LABEL_EXCLUDE ? 255 : 0;
    }
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
    if (f->has_treat)
        out->coverage = (float)bilinear_u8(&f->rg, f->cover, x_mm, y_mm);
    else /* no painted area: the whole treated side of the hairline */
        out->coverage = f->has_hairline ? (float)(1.0 - bilinear_u8(&f->rg, f->excl, x_mm, y_mm)) : 0.f;
    out->scar = (float)bilinear_u8(&f->rg, f->scar, x_mm, y_mm);
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
