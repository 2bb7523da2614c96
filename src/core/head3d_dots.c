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

/* The dot whose image ellipse is M M^T, M = [[m00 m01] [m10 m11]]. */
static void dot_of_ellipse(float m00, float m01, float m10, float m11, float *diameter_mm, float *elongation,
                           float *angle_deg)
{
    float xx = m00 * m00 + m01 * m01, xy = m00 * m10 + m01 * m11, yy = m10 * m10 + m11 * m11;
    float mid = 0.5f * (xx + yy), rad = sqrtf(0.25f * (xx - yy) * (xx - yy) + xy * xy);
    float major = sqrtf(mid + rad), minor = sqrtf(fmaxf(mid - rad, 1e-12f));
    float ang = 0.5f * atan2f(2.0f * xy, xx - yy) * 180.0f / (float)GLM_PI;
    ang = fmodf(ang + 180.0f, 180.0f);
    *diameter_mm = 2.0f * major;
    *elongation = fmaxf(major / minor, 1.0f);
    *angle_deg = ang >= 180.0f ? 0.0f : ang;
}

/* The dot's ellipse as L L^T: L = R(angle) diag(A, B), columns the half-axes. */
static void dot_axes(float diameter_mm, float elongation, float angle_deg, float l[2][2])
{
    float A = 0.5f * diameter_mm, B = A / fmaxf(elongation, 1.0f);
    float a = angle_deg * (float)GLM_PI / 180.0f;
    l[0][0] = cosf(a) * A, l[0][1] = -sinf(a) * B, l[1][0] = sinf(a) * A, l[1][1] = cosf(a) * B;
}

/* Applies the 2x2 map k to the dot's shape. */
static void map_dot_shape(float k[2][2], float *diameter_mm, float *elongation, float *angle_deg)
{
    float l[2][2];
    dot_axes(*diameter_mm, *elongation, *angle_deg, l);
    dot_of_ellipse(k[0][0] * l[0][0] + k[0][1] * l[1][0], k[0][0] * l[0][1] + k[0][1] * l[1][1],
                   k[1][0] * l[0][0] + k[1][1] * l[1][0], k[1][0] * l[0][1] + k[1][1] * l[1][1], diameter_mm,
                   elongation, angle_deg);
}

void head3d_warp_dot(const HeadDotWarp *w, float *diameter_mm, float *elongation, float *angle_deg)
{
    /* Dot shape D = L L^T; the warp Q = s R(t) diag(1, q) R(t)^T; the image dot is
     * Q D Q^T = (Q L)(Q L)^T. */
    float ct = cosf(w->angle), st = sinf(w->angle), q = w->squash, s = w->stretch;
    float qxy = s * (1.0f - q) * ct * st;
    float k[2][2] = {{s * (ct * ct + q * st * st), qxy}, {qxy, s * (st * st + q * ct * ct)}};
    map_dot_shape(k, diameter_mm, elongation, angle_deg);
}

/* Skin (mm along head-frame tangents t1, t2 at u) to image mm of the view: a 2x2. */
static void skin_to_image(const Head3D *h, double ppm, vec3s u, vec3s t1, vec3s t2, float j[2][2])
{
    mat3s r = head3d_rotation(h);
    vec3s p = head3d_surface(h, u);
    vec2s a = head3d_project_dir(h, p, glms_mat3_mulv(r, t1)), b = head3d_project_dir(h, p, glms_mat3_mulv(r, t2));
    float k = (float)(1.0 / ppm);
    j[0][0] = a.x * k, j[0][1] = b.x * k, j[1][0] = a.y * k, j[1][1] = b.y * k;
}

bool head3d_map_dot(const HeadViewMap *m, SmpDot *d)
{
    vec3s u;
    if (!(m->from_ppm > 0 && m->to_ppm > 0) ||
        !head3d_unproject(&m->from, (float)(d->x_mm * m->from_ppm), (float)(d->y_mm * m->from_ppm), &u) ||
        head3d_footprint(&m->to, u).cos_view < EDGE_ON_COS)
        return false;
    float px, py;
    if (!head3d_project(&m->to, head3d_surface(&m->to, u), &px, &py))
        return false;
    /* K = J_to J_from^-1 takes the dot as seen in one photo to the other, through the skin. */
    vec3s n = glms_vec3_normalize(glms_vec3_div(u, m->from.radii));
    vec3s helper = fabsf(n.x) < 0.9f ? (vec3s){{1, 0, 0}} : (vec3s){{0, 1, 0}};
    vec3s t1 = glms_vec3_crossn(n, helper), t2 = glms_vec3_cross(n, t1);
    float f[2][2], t[2][2];
    skin_to_image(&m->from, m->from_ppm, u, t1, t2, f);
    skin_to_image(&m->to, m->to_ppm, u, t1, t2, t);
    float det = f[0][0] * f[1][1] - f[0][1] * f[1][0];
    if (!(fabsf(det) > 1e-12f))
        return false;
    const float inv[2][2] = {{f[1][1] / det, -f[0][1] / det}, {-f[1][0] / det, f[0][0] / det}};
    float k[2][2];
    for (int i = 0; i < 2; i++)
        for (int c = 0; c < 2; c++)
            k[i][c] = t[i][0] * inv[0][c] + t[i][1] * inv[1][c];
    map_dot_shape(k, &d->diameter_mm, &d->elongation, &d->angle_deg);
    d->x_mm = (float)(px / m->to_ppm);
    d->y_mm = (float)(py / m->to_ppm);
    return true;
}

void head3d_map_dots(const HeadViewMap *m, DotList *dots)
{
    int kept = 0;
    for (int i = 0; i < dots->count; i++) {
        SmpDot d = dots->items[i];
        if (head3d_map_dot(m, &d))
            dots->items[kept++] = d;
    }
    dots->count = kept;
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
