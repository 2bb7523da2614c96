/* scar_spots.c - finds FUE scars (small round pale spots) inside painted scars.
 *
 * Method (see scar_spots.h): over the bounding box of the painted scars, a
 * summed-area table of luma gives box means in O(1). At each pixel inside a
 * scar and each scale r (blob radius), the response is the mean of a centre
 * box of about the disc's area minus the mean of the square ring from 1.5 r to
 * 2.5 r. A spot must also be paler than each of eight boxes at 2 r around it by
 * half the response: a strip scar's edge or a pale line has a direction along
 * which it stays pale, a round spot has none. The threshold rises with the
 * skin's own fine texture (stubble, pores, JPEG noise), measured over the same
 * scar area. Local maxima then go through a greedy suppression, strongest
 * first, so each spot is found once.
 */
#include "scar_spots.h"

#include "density.h"
#include "hash.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double SPOT_RADII_MM[] = {0.25, 0.35, 0.5, 0.7};
#define N_RADII (int)(sizeof SPOT_RADII_MM / sizeof SPOT_RADII_MM[0])
#define SPOT_MIN_CONTRAST 6.0 /* luma levels: below this no spot is believable */
#define SPOT_NOISE_FACTOR 4.0 /* ... nor below this many times the skin's texture */

typedef struct Sat {
    int x0, y0, w, h; /* the box of the photo it covers */
    double *sum;      /* (w + 1) x (h + 1) */
} Sat;

static double luma_at(const SmpImage *img, int x, int y)
{
    const uint8_t *p = img->pixels + 4 * ((size_t)y * img->width + x);
    return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
}

static bool sat_build(const SmpImage *img, int x0, int y0, int x1, int y1, Sat *s)
{
    s->x0 = x0, s->y0 = y0, s->w = x1 - x0, s->h = y1 - y0;
    const size_t stride = (size_t)s->w + 1;
    s->sum = calloc(stride * ((size_t)s->h + 1), sizeof *s->sum);
    if (!s->sum)
        return false;
    for (int y = 0; y < s->h; y++) {
        double row = 0.0;
        for (int x = 0; x < s->w; x++) {
            row += luma_at(img, x0 + x, y0 + y);
            s->sum[(size_t)(y + 1) * stride + x + 1] = s->sum[(size_t)y * stride + x + 1] + row;
        }
    }
    return true;
}

/* Sum over photo pixels [x - a, x + a] x [y - a, y + a], clipped to the table;
 * *n receives the pixel count. */
static double sat_box(const Sat *s, int x, int y, int a, int *n)
{
    int xa = x - a - s->x0, xb = x + a + 1 - s->x0, ya = y - a - s->y0, yb = y + a + 1 - s->y0;
    xa = xa < 0 ? 0 : xa, ya = ya < 0 ? 0 : ya;
    xb = xb > s->w ? s->w : xb, yb = yb > s->h ? s->h : yb;
    if (xb <= xa || yb <= ya) {
        *n = 0;
        return 0.0;
    }
    const size_t st = (size_t)s->w + 1;
    *n = (xb - xa) * (yb - ya);
    return s->sum[(size_t)yb * st + xb] - s->sum[(size_t)ya * st + xb] - s->sum[(size_t)yb * st + xa] +
           s->sum[(size_t)ya * st + xa];
}

static double sat_mean(const Sat *s, int x, int y, int a)
{
    int n;
    const double v = sat_box(s, x, y, a, &n);
    return n ? v / n : 0.0;
}

/* Box half-sizes in px for blob radius r_mm: centre, ring inner, ring outer, offset. */
typedef struct Scale {
    int a, ri, ro, off;
} Scale;

static Scale scale_for(double r_mm, double ppm)
{
    Scale k;
    const double r = r_mm * ppm;
    k.a = (int)lround(0.886 * r - 0.5); /* (2a + 1)^2 ~ pi r^2 */
    k.a = k.a < 0 ? 0 : k.a;
    k.ri = (int)lround(1.5 * r);
    k.ri = k.ri <= k.a ? k.a + 1 : k.ri;
    k.ro = (int)lround(2.5 * r);
    k.ro = k.ro <= k.ri ? k.ri + 1 : k.ro;
    k.off = (int)lround(2.0 * r);
    k.off = k.off <= k.a ? k.a + 1 : k.off;
    return k;
}

/* Centre-minus-ring response, or 0 when some direction is as pale as the centre. */
static double blob_response(const Sat *s, int x, int y, const Scale *k)
{
    int n_out, n_in;
    const double centre = sat_mean(s, x, y, k->a);
    const double outer = sat_box(s, x, y, k->ro, &n_out), inner = sat_box(s, x, y, k->ri, &n_in);
    if (n_out <= n_in)
        return 0.0;
    const double resp = centre - (outer - inner) / (n_out - n_in);
    if (resp <= 0.0)
        return 0.0;
    static const int DX[8] = {1, 1, 0, -1, -1, -1, 0, 1}, DY[8] = {0, 1, 1, 1, 0, -1, -1, -1};
    for (int d = 0; d < 8; d++) {
        const double o = (DX[d] && DY[d]) ? k->off * 0.7071 : k->off;
        const double side = sat_mean(s, x + (int)lround(DX[d] * o), y + (int)lround(DY[d] * o), k->a);
        if (centre - side < 0.5 * resp)
            return 0.0;
    }
    return resp;
}

/* The painted scars' bounding box in px, widened by `pad`; false when none. */
static bool scar_bounds(const SmpPlan *plan, const SmpImage *img, double ppm, int pad, int box[4])
{
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (int i = 0; i < plan->region_count; i++) {
        const PlanRegion *r = &plan->regions[i];
        if (r->kind != REGION_SCAR || r->erase || r->view != 0) /* view 0's photo only */
            continue;
        const double rad = r->shape == REGION_STROKE ? r->radius_mm * ppm : 0.0;
        for (int k = 0; k < r->count; k++) {
            x0 = fmin(x0, r->points[k].x - rad), x1 = fmax(x1, r->points[k].x + rad);
            y0 = fmin(y0, r->points[k].y - rad), y1 = fmax(y1, r->points[k].y + rad);
        }
    }
    if (!(x1 > x0 && y1 > y0))
        return false;
    box[0] = x0 - pad < 0 ? 0 : (int)(x0 - pad);
    box[1] = y0 - pad < 0 ? 0 : (int)(y0 - pad);
    box[2] = x1 + pad + 1 > img->width ? img->width : (int)(x1 + pad + 1);
    box[3] = y1 + pad + 1 > img->height ? img->height : (int)(y1 + pad + 1);
    return box[2] > box[0] && box[3] > box[1];
}

typedef struct Peak {
    int x, y, scale;
    double resp;
} Peak;

static int cmp_peak(const void *a, const void *b)
{
    const Peak *p = a, *q = b;
    if (p->resp != q->resp)
        return p->resp < q->resp ? 1 : -1;
    return p->y != q->y ? p->y - q->y : p->x - q->x; /* deterministic ties */
}

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Robust size of the skin's fine texture inside the mask: 1.4826 x the median
 * absolute difference between a pixel and its 3 x 3 mean. */
static double texture_sigma(const Sat *s, const SmpImage *img, const uint8_t *mask)
{
    size_t n = 0, cap = (size_t)s->w * s->h;
    double *v = malloc((cap ? cap : 1) * sizeof *v);
    if (!v)
        return 0.0;
    for (int y = 0; y < s->h; y += 2)
        for (int x = 0; x < s->w; x += 2)
            if (mask[(size_t)y * s->w + x])
                v[n++] = fabs(luma_at(img, s->x0 + x, s->y0 + y) - sat_mean(s, s->x0 + x, s->y0 + y, 1));
    double sigma = 0.0;
    if (n) {
        qsort(v, n, sizeof *v, cmp_double);
        sigma = 1.4826 * v[n / 2];
    }
    free(v);
    return sigma;
}

/* 1 where the photo pixel lies on painted scar tissue, over the table's box. */
static bool scar_mask(const SmpImage *img, const SmpPlan *plan, double ppm, const Sat *s, uint8_t **out,
                      SmpError *err)
{
    DensityField *f = NULL;
    if (!density_create(img->width / ppm, img->height / ppm, &f, err))
        return false;
    density_update_regions(f, plan);
    uint8_t *m = malloc((size_t)s->w * s->h);
    if (!m) {
        density_destroy(f);
        return smp_fail(err, "scar spots: out of memory for a %d x %d mask", s->w, s->h);
    }
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            DensitySample ds;
            density_sample(f, (s->x0 + x + 0.5) / ppm, (s->y0 + y + 0.5) / ppm, &ds);
            m[(size_t)y * s->w + x] = ds.scar > 0.0f;
        }
    density_destroy(f);
    *out = m;
    return true;
}

/* Every pixel whose best response over the scales beats `thresh` and its 3 x 3
 * neighbours' best. */
static Peak *find_peaks(const Sat *s, const uint8_t *mask, const Scale *scales, double thresh, int *n_out)
{
    const size_t n = (size_t)s->w * s->h;
    float *best = calloc(n ? n : 1, sizeof *best);
    unsigned char *arg = calloc(n ? n : 1, 1);
    Peak *peaks = NULL;
    int count = 0, cap = 0;
    if (!best || !arg) {
        count = -1;
        goto done;
    }
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            if (mask[(size_t)y * s->w + x])
                for (int k = 0; k < N_RADII; k++) {
                    const double r = blob_response(s, s->x0 + x, s->y0 + y, &scales[k]);
                    if (r > best[(size_t)y * s->w + x]) {
                        best[(size_t)y * s->w + x] = (float)r;
                        arg[(size_t)y * s->w + x] = (unsigned char)k;
                    }
                }
    for (int y = 1; y + 1 < s->h; y++)
        for (int x = 1; x + 1 < s->w; x++) {
            const float v = best[(size_t)y * s->w + x];
            bool top = v > thresh;
            for (int dy = -1; dy <= 1 && top; dy++)
                for (int dx = -1; dx <= 1 && top; dx++) {
                    const float o = best[(size_t)(y + dy) * s->w + x + dx];
                    top = (dy || dx) ? (o < v || (o == v && (dy > 0 || (dy == 0 && dx > 0)))) : top;
                }
            if (!top)
                continue;
            if (count == cap) {
                cap = cap ? 2 * cap : 256;
                Peak *grown = realloc(peaks, (size_t)cap * sizeof *grown);
                if (!grown) {
                    free(peaks);
                    peaks = NULL;
                    count = -1;
                    goto done;
                }
                peaks = grown;
            }
            peaks[count++] = (Peak){s->x0 + x, s->y0 + y, arg[(size_t)y * s->w + x], v};
        }
done:
    free(best);
    free(arg);
    *n_out = count;
    return peaks;
}

/* Strongest first, each peak kept only when no kept spot overlaps it. */
static int suppress_peaks(Peak *p, int n, double ppm, ScarSpot *out)
{
    qsort(p, (size_t)n, sizeof *p, cmp_peak);
    int kept = 0;
    for (int i = 0; i < n && kept < SCAR_SPOTS_MAX; i++) {
        const double r = SPOT_RADII_MM[p[i].scale];
        const double x = (p[i].x + 0.5) / ppm, y = (p[i].y + 0.5) / ppm;
        bool clear = true;
        for (int k = 0; k < kept && clear; k++) {
            const double dx = out[k].x_mm - x, dy = out[k].y_mm - y, sep = r + out[k].diameter_mm / 2.0;
            clear = dx * dx + dy * dy >= sep * sep;
        }
        if (clear)
            out[kept++] = (ScarSpot){(float)x, (float)y, (float)(2.0 * r), (float)p[i].resp};
    }
    return kept;
}

bool scar_spots_detect(const SmpImage *photo, const SmpPlan *plan, ScarSpotList *out, SmpError *err)
{
    out->count = 0;
    out->items = NULL;
    const double ppm = plan_px_per_mm(plan);
    Scale scales[N_RADII];
    for (int k = 0; k < N_RADII; k++)
        scales[k] = scale_for(SPOT_RADII_MM[k], ppm);
    int box[4];
    if (!(ppm > 0.0) || !photo->pixels || !scar_bounds(plan, photo, ppm, scales[N_RADII - 1].ro + 2, box))
        return true;
    Sat s;
    uint8_t *mask = NULL;
    if (!sat_build(photo, box[0], box[1], box[2], box[3], &s))
        return smp_fail(err, "scar spots: out of memory for a %d x %d area", box[2] - box[0], box[3] - box[1]);
    if (!scar_mask(photo, plan, ppm, &s, &mask, err)) {
        free(s.sum);
        return false;
    }
    const double thresh = fmax(SPOT_MIN_CONTRAST, SPOT_NOISE_FACTOR * texture_sigma(&s, photo, mask));
    int n = 0;
    Peak *peaks = find_peaks(&s, mask, scales, thresh, &n);
    bool ok = n >= 0;
    if (ok && n > 0) {
        out->items = malloc((size_t)(n < SCAR_SPOTS_MAX ? n : SCAR_SPOTS_MAX) * sizeof *out->items);
        ok = out->items != NULL;
        if (ok)
            out->count = suppress_peaks(peaks, n, ppm, out->items);
    }
    free(peaks);
    free(mask);
    free(s.sum);
    return ok ? true : smp_fail(err, "scar spots: out of memory");
}

void scar_spots_free(ScarSpotList *list)
{
    if (!list)
        return;
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

void scar_spots_dot(const ScarSpot *spot, int index, const SmpPlan *plan, float darkness, float softness_mm,
                    SmpDot *out)
{
    const uint64_t key = hash_combine(0x5CA55907u + (uint64_t)index, plan->seed);
    /* Cover the spot's pale centre without spilling: 0.8 of its width, kept
     * within the plan's dot sizes widened as on scar tissue. */
    double d = 0.8 * spot->diameter_mm;
    const double lo = plan->dots.diameter_min_mm, hi = plan->dots.diameter_max_mm * 1.35;
    d = d < lo ? lo : d > hi ? hi : d;
    out->x_mm = spot->x_mm;
    out->y_mm = spot->y_mm;
    out->diameter_mm = (float)d;
    out->elongation = (float)(1.0 + 0.15 * hash_unit(hash_u64(key)));
    out->angle_deg = 180.0f * hash_unit(hash_u64(key ^ 1u));
    out->darkness = darkness;
    out->softness_mm = softness_mm;
    out->rank = 0.0f;
    out->id = UINT32_MAX - (uint32_t)index;
}
