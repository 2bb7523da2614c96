/* footprint.c - the dermal dot's profile and its ink normalisation (the one
 * ink model of the CPU renderer, the zoomed-out grid and the GPU view). */
#include "footprint.h"

#include "hash.h"

#include <math.h>
#include <threads.h>

#define PI_F 3.14159265f
/* Footprints under this many pixels across have their ink summed over the
 * pixel centres they reach: there the closed form is off by up to 5-15 % for
 * a given sub-pixel position. Larger ones use the closed form (as the GPU
 * view does), within ~2 % of the sum, 0.5 % on average. */
#define SUM_BELOW_PX 5.0f
/* Salt for the outline's hash, so it never correlates with size or shade. */
#define OUTLINE_SALT 0x6F75746C696E6521ull

/* The quadrature's ray directions and their 2nd and 3rd harmonics, made
 * once: with a 1 px photo blur most dots' edge ramps reach their centre, and
 * 192 sincosf per dot were a fifth of an export (docs/bench.md). */
enum { RAYS = 64 };
static struct {
    float c[RAYS], s[RAYS], c2[RAYS], s2[RAYS], c3[RAYS], s3[RAYS];
} rays;
static once_flag rays_once = ONCE_FLAG_INIT;

static void rays_make(void)
{
    for (int i = 0; i < RAYS; i++) {
        float p = (i + 0.5f) * (2.0f * PI_F / RAYS);
        rays.c[i] = cosf(p), rays.s[i] = sinf(p);
        rays.c2[i] = cosf(2 * p), rays.s2[i] = sinf(2 * p);
        rays.c3[i] = cosf(3 * p), rays.s3[i] = sinf(3 * p);
    }
}

/* Integral of the core's coverage over the plane. With R(p) the ellipse's
 * radius, R^2 = a b (1 + 2 sum l^n cos 2np), l = (a - b) / (a + b), and the
 * outline R (1 + m): when every ray stays clear of the centre, the integral
 * of R^2 (1 + m)^2 / 2 has the closed form below (only matching harmonics
 * survive), plus pi e^2 / 12 for the ramp. Otherwise a quadrature over rays. */
static float core_ink_analytic(const FootprintShape *s, float emax)
{
    float a = s->a, b = s->b, e = s->edge;
    if (b * (1.0f - emax) >= 0.5f * e) {
        float l = (a - b) / (a + b);
        float f = 1.0f + 2.0f * l * s->m2c +
                  0.5f * (s->m2c * s->m2c + s->m2s * s->m2s + s->m3c * s->m3c + s->m3s * s->m3s) +
                  0.5f * (l * l * (s->m2c * s->m2c - s->m2s * s->m2s) +
                          l * l * l * (s->m3c * s->m3c - s->m3s * s->m3s));
        return PI_F * a * b * f + PI_F * e * e / 12.0f;
    }
    call_once(&rays_once, rays_make);
    /* In passes that vectorise (no branch; sqrtf too, as footprint.o is built
     * without errno, Makefile), summed in ray order as before. */
    float den[RAYS], grow[RAYS], ink[RAYS], h = 0.5f * e, e24 = e * e / 24.0f, e6 = 6.0f * e;
    for (int i = 0; i < RAYS; i++) {
        float c = rays.c[i], sn = rays.s[i];
        den[i] = b * b * c * c + a * a * sn * sn;
        grow[i] = 1.0f + (s->m2c * rays.c2[i] - s->m2s * rays.s2[i] + s->m3c * rays.c3[i] - s->m3s * rays.s3[i]);
    }
    for (int i = 0; i < RAYS; i++)
        ink[i] = a * b / sqrtf(den[i]) * grow[i];
    /* Each ray's integral of the edge ramp clamp(0.5 - (q - R) / e, 0, 1) q dq,
     * its boundary at R = r. */
    for (int i = 0; i < RAYS; i++) {
        float r = ink[i], rh = r + h, out = (float)(r >= h); /* 0 x a finite value adds exactly 0 */
        ink[i] = out * (0.5f * r * r + e24) + (1.0f - out) * (rh * rh * rh / e6);
    }
    float sum = 0;
    for (int i = 0; i < RAYS; i++)
        sum += ink[i];
    return sum * (2.0f * PI_F / RAYS);
}

/* Everything but the ink normalisation. */
static void shape_geometry(const SmpDot *d, const FootprintGrid *g, FootprintShape *s, float *emax)
{
    double ppm = g->px_per_mm;
    float filter = g->filter_px > 1e-3f ? g->filter_px : 1e-3f;
    float blur = g->blur_px > 0 ? g->blur_px : 0;
    float a = (float)(0.5 * d->diameter_mm * ppm);
    float b = a / (d->elongation >= 1 ? d->elongation : 1);
    float soft = (float)(d->softness_mm * ppm);
    /* A ramp as wide as the pigment's blur, the pixel filter and (variances
     * add: a ramp of width e has e^2 / 12) the photo's blur; wider for dots
     * under ~3 filter widths, so every dot reaches several pixel centres. */
    float small = b < 1.5f * filter ? 1.5f * filter - b : 0;
    s->edge = sqrtf(soft * soft + filter * filter + 12.0f * blur * blur) + small;
    s->a = a > 1e-3f ? a : 1e-3f;
    s->b = b > 1e-3f ? b : 1e-3f;
    s->cx = (float)(d->x_mm * ppm);
    s->cy = (float)(d->y_mm * ppm);
    float t = d->angle_deg * (PI_F / 180.0f);
    s->cos_t = cosf(t);
    s->sin_t = sinf(t);

    uint64_t key = hash_u64((uint64_t)d->id ^ OUTLINE_SALT);
    float e2 = (float)FP_OUTLINE_AMP2 * hash_channel(key, 0), p2 = 2.0f * PI_F * hash_channel(key, 1);
    float e3 = (float)FP_OUTLINE_AMP3 * hash_channel(key, 2), p3 = 2.0f * PI_F * hash_channel(key, 3);
    s->m2c = e2 * cosf(p2), s->m2s = e2 * sinf(p2);
    s->m3c = e3 * cosf(p3), s->m3s = e3 * sinf(p3);
    *emax = e2 + e3;

    /* The halo: the core's spread by scatter, the photo's blur and the pixel
     * filter (a box of variance w^2 / 12); variances add. */
    float sc = (float)(FP_SCATTER_MM * ppm);
    float common = sc * sc + blur * blur + filter * filter / 12.0f;
    float floor_var = (float)FP_HALO_MIN_VAR_PX2 * filter * filter;
    float su2 = (float)FP_HALO_SPREAD * s->a * s->a / 4.0f + common;
    float sv2 = (float)FP_HALO_SPREAD * s->b * s->b / 4.0f + common;
    su2 = su2 > floor_var ? su2 : floor_var;
    sv2 = sv2 > floor_var ? sv2 : floor_var;
    float support = 2.0f * (FP_HALO_POWER + 2); /* support^2 / sigma^2, same variance as the Gaussian */
    s->hu = sqrtf(support * su2);
    s->hv = sqrtf(support * sv2);

    /* Coverage is zero beyond e/2 outside the boundary along each ray; the
     * boundary lies inside the ellipse scaled by 1 + emax; the whole lies in
     * the ellipse with semi-axes s (A + e/2), s (B + e/2),
     * s = A / (A + e/2) + (e/2) / (B + e/2) (triangle inequality on the
     * ellipse's norm); a hair more for rounding. */
    float hh = 0.5f * s->edge, A = s->a * (1.0f + *emax), B = s->b * (1.0f + *emax);
    float k = (A / (A + hh) + hh / (B + hh)) * 1.001f;
    s->core_u = k * (A + hh);
    s->core_v = k * (B + hh);
    s->ext_u = fmaxf(s->core_u, s->hu * 1.001f);
    s->ext_v = fmaxf(s->core_v, s->hv * 1.001f);
}

/* The pixel centres x + 0.5 inside the box around a rotated ellipse of
 * semi-axes (u, v): [x0, x1] x [y0, y1], unclipped. */
static void ellipse_box(const FootprintShape *s, float u, float v, int box[4])
{
    float ct = s->cos_t, st = s->sin_t;
    float rx = sqrtf(u * u * ct * ct + v * v * st * st), ry = sqrtf(u * u * st * st + v * v * ct * ct);
    box[0] = (int)ceilf(s->cx - rx - 0.5f);
    box[1] = (int)ceilf(s->cy - ry - 0.5f);
    box[2] = (int)floorf(s->cx + rx - 0.5f);
    box[3] = (int)floorf(s->cy + ry - 0.5f);
}

/* The pixel-loop form of a shape (k_core and k_halo as given). */
static void fold_footprint(const FootprintShape *s, int w, int h, Footprint *f)
{
    float ct = s->cos_t, st = s->sin_t;
    f->cx = s->cx;
    f->cy = s->cy;
    float ia2 = 1.0f / (s->a * s->a), ib2 = 1.0f / (s->b * s->b);
    f->qa = ct * ct * ia2 + st * st * ib2;
    f->qb = 2.0f * ct * st * (ia2 - ib2);
    f->qc = st * st * ia2 + ct * ct * ib2;
    f->rho_eps = 1e-30f * ib2;
    f->inv_edge = 1.0f / s->edge;
    float hu2 = 1.0f / (s->hu * s->hu), hv2 = 1.0f / (s->hv * s->hv);
    f->ha = ct * ct * hu2 + st * st * hv2;
    f->hb = 2.0f * ct * st * (hu2 - hv2);
    f->hc = st * st * hu2 + ct * ct * hv2;
    /* The outline's phases in the grid's frame: p_local = p - t. */
    float c2 = ct * ct - st * st, s2 = 2.0f * ct * st;
    float c3 = ct * (4.0f * ct * ct - 3.0f), s3 = st * (3.0f - 4.0f * st * st);
    f->m2c = s->m2c * c2 + s->m2s * s2;
    f->m2s = s->m2s * c2 - s->m2c * s2;
    f->m3c = s->m3c * c3 + s->m3s * s3;
    f->m3s = s->m3s * c3 - s->m3c * s3;
    f->k_core = s->k_core;
    f->k_halo = s->k_halo;
    float A = s->ext_u, B = s->ext_v, ea2 = 1.0f / (A * A), eb2 = 1.0f / (B * B);
    f->sa = ct * ct * ea2 + st * st * eb2;
    f->sb = ct * st * (ea2 - eb2);
    f->sc = st * st * ea2 + ct * ct * eb2;
    f->inv_sa = 1.0f / f->sa;
    float rx = sqrtf(A * A * ct * ct + B * B * st * st), ry = sqrtf(A * A * st * st + B * B * ct * ct);
    if (!(fabsf(f->cx) < 1e7f && fabsf(f->cy) < 1e7f && rx < 1e7f && ry < 1e7f)) {
        f->k_core = f->k_halo = 0;
        f->x0 = f->y0 = f->core_x0 = f->core_y0 = 0;
        f->x1 = f->y1 = f->core_x1 = f->core_y1 = -1;
        return;
    }
    /* The pixels whose centres x + 0.5 lie within the half extents. */
    int box[4];
    ellipse_box(s, A, B, box);
    f->x0 = box[0], f->y0 = box[1], f->x1 = box[2], f->y1 = box[3];
    ellipse_box(s, s->core_u, s->core_v, box);
    f->core_x0 = box[0], f->core_y0 = box[1], f->core_x1 = box[2], f->core_y1 = box[3];
    if (f->x0 < 0) f->x0 = 0;
    if (f->y0 < 0) f->y0 = 0;
    if (f->x1 > w - 1) f->x1 = w - 1;
    if (f->y1 > h - 1) f->y1 = h - 1;
}

/* Sums of the core coverage (over its own box) and the halo weight (over the
 * whole support) at the pixel centres, unclipped, so dots at the border keep
 * their tone. */
static void sum_parts(const FootprintShape *s, bool core, bool halo, float *core_sum, float *halo_sum)
{
    Footprint f;
    fold_footprint(s, 1 << 30, 1 << 30, &f);
    int cb[4], hb[4];
    ellipse_box(s, s->core_u, s->core_v, cb);
    ellipse_box(s, s->ext_u, s->ext_v, hb);
    float c = 0, hsum = 0;
    for (int y = cb[1]; core && y <= cb[3]; y++)
        for (int x = cb[0]; x <= cb[2]; x++)
            c += footprint_core(&f, x + 0.5f - s->cx, y + 0.5f - s->cy);
    for (int y = hb[1]; halo && y <= hb[3]; y++)
        for (int x = hb[0]; x <= hb[2]; x++)
            hsum += footprint_halo(&f, x + 0.5f - s->cx, y + 0.5f - s->cy);
    *core_sum = c;
    *halo_sum = hsum;
}

void footprint_shape(const SmpDot *d, const FootprintGrid *g, FootprintShape *s)
{
    float emax;
    shape_geometry(d, g, s, &emax);
    s->k_core = s->k_halo = 0;
    if (!(d->darkness > 0) || !(fabsf(s->cx) < 1e7f && fabsf(s->cy) < 1e7f && s->ext_u < 1e7f))
        return;
    float core_total = 0, halo_total = 0;
    bool small_core = 2.0f * s->a * (1.0f + emax) + s->edge < SUM_BELOW_PX;
    bool small_halo = 2.0f * s->hu < SUM_BELOW_PX;
    if (small_core || small_halo)
        sum_parts(s, small_core, small_halo, &core_total, &halo_total);
    if (!small_core)
        core_total = core_ink_analytic(s, emax);
    if (!small_halo) /* the kernel integrates to pi / (power + 1) over the unit disc */
        halo_total = PI_F * s->hu * s->hv / (float)(FP_HALO_POWER + 1);
    float ink = PI_F * s->a * s->b * d->darkness; /* what today's flat dot laid */
    float kc = core_total > 0 ? (float)(1.0 - FP_HALO_SHARE) * ink / core_total : 0;
    float kh = halo_total > 0 ? (float)FP_HALO_SHARE * ink / halo_total : 0;
    /* A part never darkens more than full coverage (only dots far below a
     * pixel get there; they lose a little ink rather than overshoot). */
    s->k_core = kc < 1 ? kc : 1;
    s->k_halo = kh < 1 ? kh : 1;
}

void footprint_make(const SmpDot *d, const FootprintGrid *g, int w, int h, Footprint *f)
{
    FootprintShape s;
    footprint_shape(d, g, &s);
    fold_footprint(&s, w, h, f);
    if (!(s.k_core > 0 || s.k_halo > 0))
        f->x0 = f->y0 = 0, f->x1 = f->y1 = -1;
}

void footprint_translate(Footprint *f, int ox, int oy)
{
    if (f->x0 > f->x1 || f->y0 > f->y1)
        return; /* empty stays empty */
    f->cx -= (float)ox, f->cy -= (float)oy;
    f->x0 -= ox, f->x1 -= ox, f->y0 -= oy, f->y1 -= oy;
    f->core_x0 -= ox, f->core_x1 -= ox, f->core_y0 -= oy, f->core_y1 -= oy;
    if (f->x0 < 0) f->x0 = 0;
    if (f->y0 < 0) f->y0 = 0;
}

double footprint_ink_sum(const Footprint *f)
{
    /* The support's half extents, from its quadratic form. */
    float det = f->sa * f->sc - f->sb * f->sb;
    float rx = sqrtf(f->sc / det), ry = sqrtf(f->sa / det);
    int x0 = (int)ceilf(f->cx - rx - 0.5f), x1 = (int)floorf(f->cx + rx - 0.5f);
    int y0 = (int)ceilf(f->cy - ry - 0.5f), y1 = (int)floorf(f->cy + ry - 0.5f);
    double sum = 0;
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
            sum += footprint_alpha(f, x + 0.5f - f->cx, y + 0.5f - f->cy);
    return sum;
}
