/* capsule.h - where a brush capsule (the points within a radius of a segment) meets a
 * row: the span arithmetic shared by the painted regions (density.c) and the head
 * matte's correction strokes (head_correct.c). Header-only, pure. */
#ifndef SMP_CAPSULE_H
#define SMP_CAPSULE_H

#include <math.h>

/* fmin/fmax are library calls here (NaN rules); spans hold no NaN. */
static inline double lesser(double a, double b) { return a < b ? a : b; }
static inline double greater(double a, double b) { return a > b ? a : b; }

/* Widens [*lo, *hi] to the x where a disc of radius rad at (cx, cy) meets row py. */
static inline void disc_span(double cx, double cy, double rad, double py, double *lo, double *hi)
{
    double d = rad * rad - (py - cy) * (py - cy);
    if (d < 0)
        return;
    d = sqrt(d);
    *lo = lesser(*lo, cx - d);
    *hi = greater(*hi, cx + d);
}

/* Narrows [*lo, *hi] to the x where k + m x lies in [0, top] (inv_m = 1 / m). */
static inline void band_span(double k, double m, double inv_m, double top, double *lo, double *hi)
{
    if (m == 0) {
        if (k < 0 || k > top)
            *lo = INFINITY;
        return;
    }
    double u = -k * inv_m, v = (top - k) * inv_m;
    *lo = greater(*lo, lesser(u, v));
    *hi = lesser(*hi, greater(u, v));
}

/* The capsule of radius rad around segment a-b, with e = b - a, |e|^2 and |e| given. */
typedef struct Capsule {
    double ax, ay, bx, by, ex, ey, len2, len, inv_ex, inv_ey, rad;
} Capsule;

static inline Capsule capsule_make(double ax, double ay, double bx, double by, double rad)
{
    double ex = bx - ax, ey = by - ay, len2 = ex * ex + ey * ey;
    return (Capsule){ax, ay, bx, by, ex, ey, len2, sqrt(len2), ex != 0 ? 1.0 / ex : 0, ey != 0 ? -1.0 / ey : 0, rad};
}

/* The x-range [*lo, *hi] where row py meets the capsule (empty: *lo > *hi). It is
 * convex, so one span: the end discs and the band between them. */
static inline void capsule_row_span(const Capsule *c, double py, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    disc_span(c->ax, c->ay, c->rad, py, lo, hi);
    disc_span(c->bx, c->by, c->rad, py, lo, hi);
    if (c->len2 > 0) {
        double slo = -INFINITY, shi = INFINITY;
        band_span((py - c->ay) * c->ey - c->ax * c->ex, c->ex, c->inv_ex, c->len2, &slo, &shi); /* 0 <= (p-a).e <= |e|^2 */
        band_span(c->ex * (py - c->ay) + c->ey * c->ax + c->rad * c->len, -c->ey, c->inv_ey, 2 * c->rad * c->len, &slo,
                  &shi); /* |e x (p-a)| <= r|e| */
        if (slo <= shi) {
            *lo = lesser(*lo, slo);
            *hi = greater(*hi, shi);
        }
    }
}

#endif
