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

vec3s head3d_whorl_dir(const Head3D *h, bool has_whorl, float px, float py)
{
    vec3s u;
    if (has_whorl && head3d_unproject(h, px, py, &u) && head3d_visible(h, u)) return u;
    /* The crown of tools/gen_sample.c's head on the template: on the midline, about
     * 24 degrees behind the vertex (a usual whorl sits 4-6 cm behind it). */
    return glms_vec3_normalize((vec3s){{ 0.0f, 0.91f, -0.41f }});
}

bool head3d_flow_at(const Head3D *h, double ppm, double x_mm, double y_mm, vec3s whorl_u, HeadFlow *out)
{
    vec3s u;
    if (!(ppm > 0) || !head3d_unproject(h, (float)(x_mm * ppm), (float)(y_mm * ppm), &u)) return false;
    out->p = head3d_surface(h, u);
    out->n = head3d_normal(h, u);
    vec3s d = glms_vec3_sub(out->p, head3d_surface(h, whorl_u));
    out->dist_mm = glms_vec3_norm(d);
    /* The chord's part along the surface: on a sphere, the great circle's direction. */
    vec3s t = glms_vec3_sub(d, glms_vec3_scale(out->n, glms_vec3_dot(d, out->n)));
    float len = glms_vec3_norm(t);
    if (!(len > 1e-4f)) return false;
    out->away = glms_vec3_scale(t, 1.0f / len);
    return true;
}

float head3d_flow_angle_deg(const Head3D *h, const HeadFlow *f, const HeadDotWarp *w, double swirl_deg)
{
    float a = (float)(swirl_deg * GLM_PI / 180.0);
    /* t x n turns clockwise as seen from outside (the camera frame's y is down). */
    vec3s t = glms_vec3_add(glms_vec3_scale(f->away, cosf(a)), glms_vec3_scale(glms_vec3_cross(f->away, f->n), sinf(a)));
    vec2s d = head3d_project_dir(h, f->p, t);
    /* The warp is Q = s R diag(1, q) R^T; the flat direction is Q^-1 d, which points
     * as R diag(q, 1) R^T d. */
    float c = cosf(w->angle), s = sinf(w->angle);
    float major = (c * d.x + s * d.y) * w->squash, minor = -s * d.x + c * d.y;
    return atan2f(s * major + c * minor, c * major - s * minor) * 180.0f / (float)GLM_PI;
}
