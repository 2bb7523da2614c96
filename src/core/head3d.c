/* head3d.c - the ellipsoid scalp and pinhole camera of head3d.h: projection, normals,
 * visibility, the skin-to-image Jacobian and the outline ellipse used by the fit. */
#include "head3d.h"

#include <math.h>
#include <string.h>

static const char *const VIEW_NAMES[HEAD_VIEW_COUNT] = { "front", "top", "left", "right", "back" };

vec3s head3d_template_radii(void)
{
    /* The ellipsoid with the same outline moments as the skull of tools/gen_sample.c
     * from the front, top and side (its view_*_mask.png truth): an adult scalp about
     * 156 mm wide, 188 mm tall, 208 mm deep. Sizes are relative to this. */
    return (vec3s){{ 78.0f, 94.0f, 104.0f }};
}

const char *head3d_view_name(HeadView v)
{
    return (unsigned)v < HEAD_VIEW_COUNT ? VIEW_NAMES[v] : "front";
}

bool head3d_view_parse(const char *name, HeadView *out)
{
    for (int i = 0; i < HEAD_VIEW_COUNT; i++)
        if (name && strcmp(name, VIEW_NAMES[i]) == 0) {
            *out = (HeadView)i;
            return true;
        }
    return false;
}

void head3d_view_pose(HeadView v, float *yaw, float *pitch)
{
    static const float POSES[HEAD_VIEW_COUNT][2] = {
        { 0.0f, 0.0f }, { 0.0f, (float)GLM_PI_2 }, { (float)GLM_PI_2, 0.0f },
        { -(float)GLM_PI_2, 0.0f }, { (float)GLM_PI, 0.0f } };
    int i = (unsigned)v < HEAD_VIEW_COUNT ? (int)v : 0;
    *yaw = POSES[i][0];
    *pitch = POSES[i][1];
}

/* Columns are the images of the basis vectors (cglm matrices are column-major). */
static mat3s mat3_cols(vec3s a, vec3s b, vec3s c)
{
    mat3s m;
    for (int i = 0; i < 3; i++) {
        m.raw[0][i] = a.raw[i];
        m.raw[1][i] = b.raw[i];
        m.raw[2][i] = c.raw[i];
    }
    return m;
}

mat3s head3d_rotation(const Head3D *h)
{
    float cy = cosf(h->yaw), sy = sinf(h->yaw), cp = cosf(h->pitch), sp = sinf(h->pitch);
    float cr = cosf(h->roll), sr = sinf(h->roll);
    /* Turn by yaw about +y (+ brings +x toward the viewer), then tip by pitch about +x
     * (+ brings +y toward the viewer), in the head frame. */
    mat3s yaw = mat3_cols((vec3s){{ cy, 0, sy }}, (vec3s){{ 0, 1, 0 }}, (vec3s){{ -sy, 0, cy }});
    mat3s pitch = mat3_cols((vec3s){{ 1, 0, 0 }}, (vec3s){{ 0, cp, sp }}, (vec3s){{ 0, -sp, cp }});
    /* Face the camera: head +z toward the pinhole (camera -z), head +y up (camera -y). */
    mat3s face = mat3_cols((vec3s){{ 1, 0, 0 }}, (vec3s){{ 0, -1, 0 }}, (vec3s){{ 0, 0, -1 }});
    mat3s roll = mat3_cols((vec3s){{ cr, sr, 0 }}, (vec3s){{ -sr, cr, 0 }}, (vec3s){{ 0, 0, 1 }});
    return glms_mat3_mul(roll, glms_mat3_mul(face, glms_mat3_mul(pitch, yaw)));
}

vec3s head3d_surface(const Head3D *h, vec3s u)
{
    vec3s local = glms_vec3_mul(h->radii, u);
    return glms_vec3_add(h->centre, glms_mat3_mulv(head3d_rotation(h), local));
}

vec3s head3d_normal(const Head3D *h, vec3s u)
{
    /* The gradient of |x / r|^2 is x / r^2 = u / r. */
    vec3s g = glms_vec3_div(u, h->radii);
    return glms_vec3_normalize(glms_mat3_mulv(head3d_rotation(h), g));
}

bool head3d_project(const Head3D *h, vec3s p, float *px, float *py)
{
    if (!(p.z > 1e-3f)) return false;
    *px = h->cx + h->focal * p.x / p.z;
    *py = h->cy + h->focal * p.y / p.z;
    return true;
}

static float cos_view_at(const Head3D *h, vec3s u)
{
    vec3s p = head3d_surface(h, u);
    return -glms_vec3_dot(head3d_normal(h, u), glms_vec3_normalize(p));
}

bool head3d_visible(const Head3D *h, vec3s u) { return cos_view_at(h, u) > 0.0f; }

bool head3d_unproject(const Head3D *h, float px, float py, vec3s *u_out)
{
    if (!(h->focal > 0.0f)) return false;
    mat3s rt = glms_mat3_transpose(head3d_rotation(h));
    vec3s d = {{ (px - h->cx) / h->focal, (py - h->cy) / h->focal, 1.0f }};
    /* In unit-sphere coordinates the ray is t a - b; solve |t a - b| = 1, nearest t. */
    vec3s a = glms_vec3_div(glms_mat3_mulv(rt, d), h->radii);
    vec3s b = glms_vec3_div(glms_mat3_mulv(rt, h->centre), h->radii);
    float aa = glms_vec3_dot(a, a);
    if (!(aa > 0.0f)) return false;
    /* From the ray's closest approach to the centre: no cancellation between two
     * large squares when the head is far away (float). */
    float t0 = glms_vec3_dot(a, b) / aa;
    vec3s w = glms_vec3_sub(glms_vec3_scale(a, t0), b);
    float half2 = (1.0f - glms_vec3_dot(w, w)) / aa;
    if (half2 < 0.0f) return false;
    float t = t0 - sqrtf(half2);
    if (t <= 0.0f) return false;
    *u_out = glms_vec3_normalize(glms_vec3_sub(glms_vec3_scale(a, t), b));
    return true;
}

/* Image displacement (px) per mm of camera-frame displacement v at point p. */
static vec2s project_derivative(const Head3D *h, vec3s p, vec3s v)
{
    float k = h->focal / p.z;
    return (vec2s){{ k * (v.x - v.z * p.x / p.z), k * (v.y - v.z * p.y / p.z) }};
}

vec2s head3d_project_dir(const Head3D *h, vec3s p, vec3s v) { return project_derivative(h, p, v); }

HeadFootprint head3d_footprint(const Head3D *h, vec3s u)
{
    HeadFootprint fp = { 0 };
    vec3s p = head3d_surface(h, u), n = head3d_normal(h, u);
    fp.cos_view = -glms_vec3_dot(n, glms_vec3_normalize(p));
    if (!(p.z > 1e-3f)) return fp;
    vec3s helper = fabsf(n.x) < 0.9f ? (vec3s){{ 1, 0, 0 }} : (vec3s){{ 0, 1, 0 }};
    vec3s t1 = glms_vec3_crossn(n, helper), t2 = glms_vec3_cross(n, t1);
    vec2s j1 = project_derivative(h, p, t1), j2 = project_derivative(h, p, t2);
    fp.area = fabsf(j1.x * j2.y - j1.y * j2.x);
    /* Singular values of J from J J^T = [[a b] [b c]]. */
    float a = j1.x * j1.x + j2.x * j2.x, b = j1.x * j1.y + j2.x * j2.y;
    float c = j1.y * j1.y + j2.y * j2.y;
    float mid = 0.5f * (a + c), rad = sqrtf(0.25f * (a - c) * (a - c) + b * b);
    fp.major = sqrtf(mid + rad);
    fp.minor = sqrtf(fmaxf(mid - rad, 0.0f));
    fp.angle = 0.5f * atan2f(2.0f * b, a - c);
    return fp;
}

void head3d_outline_shape(const Head3D *h, float *sxx, float *sxy, float *syy)
{
    /* The outline of {c + M u : |u| <= 1} under scale k is {k P M u}: an ellipse with
     * shape matrix k^2 P M M^T P^T, P keeping image x and y. */
    mat3s m = head3d_rotation(h);
    float k = h->centre.z > 1e-3f ? h->focal / h->centre.z : 0.0f;
    float xx = 0, xy = 0, yy = 0;
    for (int col = 0; col < 3; col++) {
        float mx = m.raw[col][0] * h->radii.raw[col], my = m.raw[col][1] * h->radii.raw[col];
        xx += mx * mx;
        xy += mx * my;
        yy += my * my;
    }
    *sxx = k * k * xx;
    *sxy = k * k * xy;
    *syy = k * k * yy;
}

float head3d_depth_radius(const Head3D *h)
{
    mat3s rt = glms_mat3_transpose(head3d_rotation(h));
    vec3s d = glms_vec3_div(glms_mat3_mulv(rt, glms_vec3_normalize(h->centre)), h->radii);
    float n = glms_vec3_norm(d);
    return n > 0.0f ? 1.0f / n : 0.0f;
}

float head3d_surface_ppm(const Head3D *h)
{
    float z = glms_vec3_norm(h->centre) - head3d_depth_radius(h);
    return z > 1e-3f ? h->focal / z : 0.0f;
}
