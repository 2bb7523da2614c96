/* head3d_dots.c - the foreshortening of dots on the fitted scalp (head3d_dots.h). */
#include "head3d_dots.h"

#include <math.h>

/* Below this cosine the skin is edge-on: the dot would be a sliver and its density
 * unbounded, so it is treated as facing away. */
#define EDGE_ON_COS 0.02f

bool head3d_dot_warp(const Head3D *h, double ppm, double x_mm, double y_mm, HeadDotWarp *out)
{
    HeadDotWarp none = { 0.0f, 1.0f, 0.0f, 1.0f };
    *out = none;
    vec3s u;
    if (!(ppm > 0) || !head3d_unproject(h, (float)(x_mm * ppm), (float)(y_mm * ppm), &u)) return false;
    HeadFootprint fp = head3d_footprint(h, u);
    if (fp.cos_view < EDGE_ON_COS || !(fp.area > 0.0f)) return false;
    out->gain = (float)(ppm * ppm / fp.area);
    out->squash = fp.minor / fp.major;
    out->angle = fp.angle;
    out->stretch = (float)(fp.major / ppm);
    return true;
}

void head3d_warp_dot(const HeadDotWarp *w, float *diameter_mm, float *elongation, float *angle_deg)
{
    /* Dot shape D = R(a) diag(A^2, B^2) R(a)^T; the warp Q = s R(t) diag(1, q) R(t)^T;
     * the image dot is Q D Q^T. Q is symmetric, so Q D Q^T = (Q L)(Q L)^T with
     * L = R(a) diag(A, B). */
    float A = 0.5f * *diameter_mm, B = A / fmaxf(*elongation, 1.0f);
    float a = *angle_deg * (float)GLM_PI / 180.0f;
    float ct = cosf(w->angle), st = sinf(w->angle), q = w->squash, s = w->stretch;
    float qxx = s * (ct * ct + q * st * st), qxy = s * (1.0f - q) * ct * st, qyy = s * (st * st + q * ct * ct);
    float l00 = cosf(a) * A, l01 = -sinf(a) * B, l10 = sinf(a) * A, l11 = cosf(a) * B;
    float m00 = qxx * l00 + qxy * l10, m01 = qxx * l01 + qxy * l11;
    float m10 = qxy * l00 + qyy * l10, m11 = qxy * l01 + qyy * l11;
    float xx = m00 * m00 + m01 * m01, xy = m00 * m10 + m01 * m11, yy = m10 * m10 + m11 * m11;
    float mid = 0.5f * (xx + yy), rad = sqrtf(0.25f * (xx - yy) * (xx - yy) + xy * xy);
    float major = sqrtf(mid + rad), minor = sqrtf(fmaxf(mid - rad, 1e-12f));
    float ang = 0.5f * atan2f(2.0f * xy, xx - yy) * 180.0f / (float)GLM_PI;
    ang = fmodf(ang + 180.0f, 180.0f);
    *diameter_mm = 2.0f * major;
    *elongation = fmaxf(major / minor, 1.0f);
    *angle_deg = ang >= 180.0f ? 0.0f : ang;
}
