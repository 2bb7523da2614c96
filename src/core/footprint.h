/* footprint.h - one dot's darkening profile on a pixel grid: the ink model
 * shared by the CPU renderer (raster.c), the zoomed-out grid (src/gfx/lod.c)
 * and the GPU view (dots.vert/dots.frag get the same FootprintShape).
 *
 * A dermal dot (docs/pigment.md): a core ellipse with a soft linear edge and
 * a slightly irregular outline (2nd and 3rd angular harmonics from the dot's
 * id), plus a wider halo carrying FP_HALO_SHARE of the ink (light scattered
 * in the dermis). The grid's pixel filter and the photo's own blur are folded
 * in (variances add), and the ink is normalised so that the area integral of
 * the darkening is the dot's area x darkness at any pixel size: summed over
 * the pixel centres for small dots, in closed form otherwise. Pure functions,
 * no allocation, safe from any thread.
 */
#ifndef SMP_FOOTPRINT_H
#define SMP_FOOTPRINT_H

#include "dots.h"
#include "footprint_model.h"

#include <math.h>
#include <string.h>

/* Where a footprint is drawn: all lengths in pixels of the target grid. */
typedef struct FootprintGrid {
    double px_per_mm; /* grid pixels per mm */
    float blur_px;    /* the photo's own blur (Gaussian sigma, grid px), 0 = none */
    float filter_px;  /* the pixel filter's width (1 = one grid pixel; wider when a
                       * screen pixel covers several grid pixels) */
} FootprintGrid;

/* A dot's profile in its own frame (u along the major axis), grid px. */
typedef struct FootprintShape {
    float cx, cy;         /* centre */
    float cos_t, sin_t;   /* of the major axis */
    float a, b;           /* core semi-axes */
    float edge;           /* width of the core's linear edge ramp */
    float k_core;         /* core darkness after ink normalisation */
    float hu, hv;         /* halo support semi-axes: kernel (1 - r^2)^FP_HALO_POWER */
    float k_halo;         /* halo darkness at its centre */
    float m2c, m2s, m3c, m3s; /* outline: R (1 + m), m = m2c cos 2p - m2s sin 2p + m3c cos 3p - m3s sin 3p */
    float ext_u, ext_v;   /* semi-axes of an ellipse holding the whole support */
    float core_u, core_v; /* the same for the core alone */
} FootprintShape;

/* The same, ready for a pixel loop (112 bytes): the rotation folded into the
 * quadratic forms and the outline's phases. The core reaches fewer pixels than
 * the halo: loops evaluate the halo alone outside the core's bounds. */
typedef struct Footprint {
    float cx, cy;
    float qa, qb, qc, rho_eps; /* core norm rho^2 = qa dx^2 + qb dx dy + qc dy^2 (+ eps) */
    float inv_edge, k_core;
    float ha, hb, hc, k_halo;  /* halo norm r^2 = ha dx^2 + hb dx dy + hc dy^2 */
    float m2c, m2s, m3c, m3s;  /* outline, in the grid's frame */
    float sa, sb, sc, inv_sa;  /* support: sa x^2 + 2 sb x y + sc y^2 <= 1 */
    int x0, y0, x1, y1;        /* inclusive pixel bounds, clipped to the grid */
    int core_x0, core_y0, core_x1, core_y1; /* the pixels the core may reach (unclipped) */
} Footprint;

/* The dot's profile on the grid. A dot with no ink (or broken numbers) gets
 * k_core = k_halo = 0. */
void footprint_shape(const SmpDot *dot, const FootprintGrid *grid, FootprintShape *out);
/* The pixel-loop form, its bounds clipped to a w x h grid (empty: x0 > x1). */
void footprint_make(const SmpDot *dot, const FootprintGrid *grid, int w, int h, Footprint *out);
/* Moves a footprint made on a larger grid into its window whose (0, 0) is the grid's
 * (ox, oy) (the bounds are clipped at the window's left and top; its right and bottom
 * were the grid's). Subtracting whole pixels keeps every pixel's value exactly. */
void footprint_translate(Footprint *f, int ox, int oy);
/* The area integral of the darkening, in grid px^2 (for tests): summed over
 * every pixel centre of the support, unclipped. */
double footprint_ink_sum(const Footprint *f);

/* 1/sqrt(x) by Newton's method from the classic bit-level first guess: one
 * step leaves < 0.2 % relative error, a few thousandths of a pixel on a
 * coverage ramp (the ink tests hold within 1 %), and unlike sqrtf (which may
 * set errno) it vectorises. x = 0 gives a huge finite value. */
static inline float footprint_inv_sqrt(float x)
{
    uint32_t i;
    float y;
    memcpy(&i, &x, sizeof i);
    i = 0x5f375a86u - (i >> 1);
    memcpy(&y, &i, sizeof y);
    return y * (1.5f - 0.5f * x * y * y);
}

/* clamp(c, 0, 1) in a form that vectorises, exact at both ends. */
static inline float footprint_clamp01(float c) { return 0.5f * (fabsf(c) - fabsf(c - 1.0f) + 1.0f); }

/* Core coverage 0..1 at offset (dx, dy) from the centre: a linear ramp across
 * the (modulated) boundary, measured along the ray from the centre. Written
 * without branches, divisions or sqrtf so that row loops vectorise at -O2. */
static inline float footprint_core(const Footprint *f, float dx, float dy)
{
    float q2 = dx * dx + dy * dy + 1e-30f;
    float iq = footprint_inv_sqrt(q2);
    float c = dx * iq, s = dy * iq; /* direction of the ray */
    float c2 = c * c - s * s, s2 = 2.0f * c * s;
    float c3 = c * (4.0f * c * c - 3.0f), s3 = s * (3.0f - 4.0f * s * s);
    float m = f->m2c * c2 - f->m2s * s2 + f->m3c * c3 - f->m3s * s3;
    float rho2 = dx * (f->qa * dx + f->qb * dy) + f->qc * dy * dy + f->rho_eps;
    float d = q2 * iq * (1.0f - (1.0f + m) * footprint_inv_sqrt(rho2));
    return footprint_clamp01(0.5f - d * f->inv_edge);
}

/* Halo weight 0..1: (1 - r^2)^2 inside its support, 0 outside. */
static inline float footprint_halo(const Footprint *f, float dx, float dy)
{
    float t = 1.0f - (dx * (f->ha * dx + f->hb * dy) + f->hc * dy * dy);
    t = 0.5f * (t + fabsf(t));
#if FP_HALO_POWER != 2
#error "footprint_halo assumes FP_HALO_POWER 2"
#endif
    return t * t;
}

/* The halo's darkening alone, for pixels the core cannot reach (<= 1). */
static inline float footprint_halo_alpha(const Footprint *f, float dx, float dy)
{
    return f->k_halo * footprint_halo(f, dx, dy);
}

/* The dot's darkening (opacity) 0..1 at offset (dx, dy). */
static inline float footprint_alpha(const Footprint *f, float dx, float dy)
{
    float al = f->k_core * footprint_core(f, dx, dy) + f->k_halo * footprint_halo(f, dx, dy);
    return 0.5f * (al + 1.0f - fabsf(al - 1.0f)); /* min(al, 1), al >= 0 */
}

#endif
