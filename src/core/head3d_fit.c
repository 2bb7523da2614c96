/* head3d_fit.c - fits the ellipsoid scalp and camera to a head outline (head3d_fit.h):
 * outline moments against the model's outline ellipse, a pose search near the view
 * label, roll from the axis, size from the area. */
#include "head3d_fit.h"

#include <math.h>

#define SEARCH_DEG  30   /* yaw and pitch searched within this of the label's pose */
#define PRIOR_DEG   20.0f /* pose prior's width: a 20 degree departure costs 1 */
#define SHAPE_TOL   0.04f /* outline shape misfit (unit-determinant matrices) that costs 1 */
#define TRIM_PASSES 8     /* trimmed moment passes (shoulders, hands joined to the head) */
#define TRIM_GATE   1.1f  /* pixels beyond this normalised radius are trimmed */
#define PLAUSIBLE_COST   6.0f  /* about 45 degrees from the label's pose with a fitting outline */
#define PLAUSIBLE_ASPECT 0.05f

/* An ellipse from its shape matrix: axes (sqrt of eigenvalues) and long-axis angle. */
typedef struct {
    float major2, minor2; /* eigenvalues, px^2 */
    float angle;          /* long axis, radians, image x toward y */
} Ellipse;

static Ellipse ellipse_from(double xx, double xy, double yy)
{
    double mid = 0.5 * (xx + yy), rad = sqrt(0.25 * (xx - yy) * (xx - yy) + xy * xy);
    Ellipse e = { (float)(mid + rad), (float)fmax(mid - rad, 0.0), (float)(0.5 * atan2(2.0 * xy, xx - yy)) };
    return e;
}

static float aspect(const Ellipse *e) { return e->major2 > 0 ? sqrtf(e->minor2 / e->major2) : 0.0f; }

typedef struct {
    double n, mx, my;
    double sxx, sxy, syy; /* 4 x covariance, px^2 */
    Ellipse shape;  /* 4 x covariance: the filled outline's ellipse */
} Moments;

/* Second moments of the head pixels; with `gate`, only those within gate x the
 * previous ellipse `prev` (its normalised radius), which trims shoulders, ears or a
 * hand that the matte joined to the head, and leaves a clean ellipse as it was. */
static bool mask_moments(const unsigned char *alpha, int w, int h, int stride, const Moments *prev, float gate,
                         Moments *m)
{
    double ixx = 0, ixy = 0, iyy = 0;
    if (prev) {
        double xx = prev->sxx, xy = prev->sxy, yy = prev->syy, det = xx * yy - xy * xy;
        if (!(det > 0)) return false;
        ixx = yy / det / (gate * gate), ixy = -xy / det / (gate * gate), iyy = xx / det / (gate * gate);
    }
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
    for (int y = 0; y < h; y++) {
        const unsigned char *row = alpha + (size_t)y * (size_t)stride;
        double dy = prev ? y + 0.5 - prev->my : 0;
        for (int x = 0; x < w; x++) {
            if (row[x] < 128) continue;
            if (prev) {
                double dx = x + 0.5 - prev->mx;
                if (ixx * dx * dx + 2 * ixy * dx * dy + iyy * dy * dy > 1.0) continue;
            }
            n++, sx += x, sy += y, sxx += (double)x * x, sxy += (double)x * y, syy += (double)y * y;
        }
    }
    if (n < 64) return false;
    m->n = n;
    m->mx = sx / n + 0.5; /* pixel centres */
    m->my = sy / n + 0.5;
    m->sxx = 4 * (sxx / n - (sx / n) * (sx / n));
    m->syy = 4 * (syy / n - (sy / n) * (sy / n));
    m->sxy = 4 * (sxy / n - (sx / n) * (sy / n));
    m->shape = ellipse_from(m->sxx, m->sxy, m->syy);
    return true;
}

/* The head's outline ellipse: all head pixels, then a few trimmed passes. */
static bool outline_moments(const unsigned char *alpha, int w, int h, int stride, Moments *m)
{
    if (!mask_moments(alpha, w, h, stride, NULL, 0, m)) return false;
    for (int i = 0; i < TRIM_PASSES; i++) {
        Moments next;
        if (!mask_moments(alpha, w, h, stride, m, TRIM_GATE, &next)) break;
        *m = next;
    }
    return true;
}

typedef struct {
    float yaw, pitch, roll, cost, aspect_err;
    Ellipse model;
} Candidate;

/* An ellipse's shape matrix scaled to determinant 1: shape without size. */
typedef struct { float xx, xy, yy; } Shape;

static Shape unit_shape(const Ellipse *e, float turn)
{
    float a = sqrtf(e->major2), b = sqrtf(fmaxf(e->minor2, 1e-12f));
    float c = cosf(e->angle + turn), s = sinf(e->angle + turn);
    float l1 = a / b, l2 = b / a;
    Shape r = { l1 * c * c + l2 * s * s, (l1 - l2) * c * s, l1 * s * s + l2 * c * c };
    return r;
}

static float shape_distance(Shape p, Shape q)
{
    float dx = p.xx - q.xx, dxy = p.xy - q.xy, dy = p.yy - q.yy;
    return sqrtf(dx * dx + 2.0f * dxy * dxy + dy * dy);
}

/* The unit-size, unit-scale model at (yaw, pitch), its best roll, scored against the
 * outline: the shape misfit (which weighs the axis angle by how elongated the outline
 * is, so a round outline leaves the roll to the prior) plus the pose prior. */
static Candidate score_pose(const Moments *m, float yaw, float pitch, float yaw0, float pitch0)
{
    Head3D h = { 0 };
    h.yaw = yaw, h.pitch = pitch;
    h.radii = head3d_template_radii();
    h.centre = (vec3s){{ 0, 0, 1 }};
    h.focal = 1;
    float xx, xy, yy;
    head3d_outline_shape(&h, &xx, &xy, &yy);
    Candidate best = { yaw, pitch, 0, 1e30f, 0, ellipse_from(xx, xy, yy) };
    const float prior = PRIOR_DEG * (float)GLM_PI / 180.0f, step = (float)GLM_PI / 180.0f;
    float dy = remainderf(yaw - yaw0, 2.0f * (float)GLM_PI), dp = pitch - pitch0;
    Shape img = unit_shape(&m->shape, 0.0f);
    for (int i = -SEARCH_DEG; i <= SEARCH_DEG; i++) {
        float roll = (float)i * step;
        float miss = shape_distance(img, unit_shape(&best.model, roll)) / SHAPE_TOL;
        float cost = miss * miss + (dy * dy + dp * dp + roll * roll) / (prior * prior);
        if (cost < best.cost) best.cost = cost, best.roll = roll;
    }
    best.aspect_err = fabsf(aspect(&m->shape) - aspect(&best.model));
    return best;
}

static Candidate search_pose(const Moments *m, HeadView view)
{
    float yaw0, pitch0;
    head3d_view_pose(view, &yaw0, &pitch0);
    const float step = (float)GLM_PI / 180.0f;
    Candidate best = score_pose(m, yaw0, pitch0, yaw0, pitch0);
    for (int i = -SEARCH_DEG; i <= SEARCH_DEG; i += 2)
        for (int j = -SEARCH_DEG; j <= SEARCH_DEG; j += 2) {
            Candidate c = score_pose(m, yaw0 + (float)i * step, pitch0 + (float)j * step, yaw0, pitch0);
            if (c.cost < best.cost) best = c;
        }
    return best;
}

bool head3d_fit_mask(const unsigned char *alpha, int w, int h, int stride,
                     const HeadFitOptions *opt, HeadFit *out, SmpError *err)
{
    if (!alpha || w <= 0 || h <= 0 || stride < w || !opt || !out)
        return smp_fail(err, "head fit: bad matte (%d x %d)", w, h);
    Moments m;
    if (!outline_moments(alpha, w, h, stride, &m))
        return smp_fail(err, "head fit: no head outline in the matte");
    Candidate c = search_pose(&m, opt->view);
    /* Shape matrices scale with (px per mm x size)^2, so their determinants with ^4. */
    float scale = powf((m.shape.major2 * m.shape.minor2) / (c.model.major2 * c.model.minor2), 0.25f);
    float focal = opt->focal > 0 ? opt->focal : 1.2f * (float)(w > h ? w : h);
    HeadFit f = { 0 };
    f.head.yaw = c.yaw, f.head.pitch = c.pitch, f.head.roll = c.roll;
    f.head.radii = head3d_template_radii();
    f.head.focal = focal;
    f.head.cx = 0.5f * (float)w, f.head.cy = 0.5f * (float)h;
    f.head.centre = (vec3s){{ 0, 0, 1 }};
    /* The plan's scale holds on the skin nearest the camera, r0 x size nearer than the
     * centre: scale = f size / z and z = f / ppm + r0 size give the size. */
    float r0 = head3d_depth_radius(&f.head);
    float denom = 1.0f - scale * r0 / focal;
    f.size = opt->ppm > 0 && denom > 0.05f ? scale / opt->ppm / denom : 1.0f;
    f.head.radii = glms_vec3_scale(f.head.radii, f.size);
    float z = focal * f.size / scale;
    f.head.centre = (vec3s){{ ((float)m.mx - f.head.cx) * z / focal, ((float)m.my - f.head.cy) * z / focal, z }};
    f.aspect_err = c.aspect_err;
    f.cost = c.cost;
    f.plausible = c.cost < PLAUSIBLE_COST && c.aspect_err < PLAUSIBLE_ASPECT
                  && f.size > 0.6f && f.size < 1.6f;
    *out = f;
    return true;
}

float head3d_pose_distance(const Head3D *a, const Head3D *b)
{
    mat3s ra = head3d_rotation(a), rb = head3d_rotation(b);
    mat3s d = glms_mat3_mul(glms_mat3_transpose(ra), rb);
    float tr = d.raw[0][0] + d.raw[1][1] + d.raw[2][2];
    return acosf(fminf(fmaxf(0.5f * (tr - 1.0f), -1.0f), 1.0f));
}

void head3d_to_plan(const HeadFit *fit, PlanHead *out)
{
    const double deg = 180.0 / GLM_PI;
    const Head3D *h = &fit->head;
    /* The view label whose pose is nearest: what the technician sees and edits. */
    HeadView best = HEAD_VIEW_FRONT;
    float best_d = 1e9f;
    for (int v = 0; v < HEAD_VIEW_COUNT; v++) {
        Head3D ref = *h;
        head3d_view_pose((HeadView)v, &ref.yaw, &ref.pitch);
        ref.roll = h->roll;
        float d = head3d_pose_distance(&ref, h);
        if (d < best_d) best_d = d, best = (HeadView)v;
    }
    out->set = true;
    out->view = (int)best;
    out->yaw_deg = h->yaw * deg, out->pitch_deg = h->pitch * deg, out->roll_deg = h->roll * deg;
    out->size = fit->size;
    for (int i = 0; i < 3; i++) out->centre_mm[i] = h->centre.raw[i];
    out->focal_px = h->focal;
}

bool head3d_from_plan(const PlanHead *ph, int photo_w, int photo_h, Head3D *out)
{
    if (!ph->set || photo_w <= 0 || photo_h <= 0) return false;
    const double rad = GLM_PI / 180.0;
    Head3D h = { 0 };
    h.yaw = (float)(ph->yaw_deg * rad), h.pitch = (float)(ph->pitch_deg * rad), h.roll = (float)(ph->roll_deg * rad);
    h.radii = glms_vec3_scale(head3d_template_radii(), (float)ph->size);
    h.centre = (vec3s){{ (float)ph->centre_mm[0], (float)ph->centre_mm[1], (float)ph->centre_mm[2] }};
    h.focal = (float)ph->focal_px;
    h.cx = 0.5f * (float)photo_w, h.cy = 0.5f * (float)photo_h;
    /* A lens inside the head (a hand-edited or fuzzed plan) has no outline to draw:
     * the flat photo it is. */
    if (glms_vec3_norm(h.centre) <= head3d_depth_radius(&h) * 1.01f) return false;
    *out = h;
    return true;
}
