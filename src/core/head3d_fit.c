/* head3d_fit.c - fits the ellipsoid scalp and camera to a head outline (head3d_fit.h):
 * outline moments against the model's outline ellipse, a pose search near the view
 * label that the face landmarks (when marked) pin, roll from the axis and the eye line,
 * size from the area; a front view's face is cut off at the brow. */
#include "head3d_fit.h"

#include <math.h>

#define SEARCH_DEG  30   /* yaw and pitch searched within this of the label's pose */
#define PRIOR_DEG   20.0f /* pose prior's width: a 20 degree departure costs 1 */
#define SHAPE_TOL   0.04f /* outline shape misfit (unit-determinant matrices) that costs 1 */
#define TRIM_PASSES 8     /* trimmed moment passes (shoulders, hands joined to the head) */
#define TRIM_GATE   1.1f  /* pixels beyond this normalised radius are trimmed */
#define PLAUSIBLE_COST   6.0f  /* about 45 degrees from the label's pose with a fitting outline */
#define PLAUSIBLE_ASPECT 0.05f
#define LANDMARK_TOL_MM  8.0f  /* a landmark this far from the model's costs 1 */

/* Face landmarks in the head frame at template size, mm from the ellipsoid's centre:
 * an adult's glabella and outer eye corners (subject's left; the right one mirrored),
 * as the sample generator's head has them, measured from the centre of the ellipsoid
 * its skull's outlines fit (5.7 mm in front of the skull's own centre). Both sit in
 * front of the cranium's ellipsoid (brow ridge, face): points, not on the surface. */
static const vec3s LANDMARK_GLABELLA = {{ 0.0f, -23.7f, 101.8f }};
static const vec3s LANDMARK_EYE = {{ 47.5f, -34.7f, 81.9f }};
/* The subject's left ear (the right one mirrored): the centre of the ear's outer face
 * on the sample generator's head (its ear disc at 76, -3, -12 turned 25 degrees, 5.5 mm
 * half thick: 81.0, -3, -9.7), moved as the glabella and eye corners were (the
 * ellipsoid's centre is at 0, 35.7, -12.3 there). It stands 10 mm off the ellipsoid, at
 * the eye corners' height, a little behind the ellipsoid's centre plane. */
static const vec3s LANDMARK_EAR = {{ 81.0f, -38.7f, 2.6f }};
/* An ear is hidden once the lens is this far (sine) past the head's front-back plane
 * on the other side: about 15 degrees, so both show from the front and the back. */
#define EAR_HIDDEN_SIN 0.26f
/* An ear is ~60 mm tall and the part a photo shows varies (from the front only its
 * lower half stands out of the head's outline: its centre is marked ~20 mm lower than
 * from the side), so a miss along the head's vertical counts a third: 24 mm costs 1. */
#define EAR_HEIGHT_WEIGHT (1.0f / 3.0f)
void head3d_template_landmarks(vec3s *glabella, vec3s *eye_subject_left)
{
    *glabella = LANDMARK_GLABELLA;
    *eye_subject_left = LANDMARK_EYE;
}

vec3s head3d_template_ear(void) { return LANDMARK_EAR; }

/* Seen from higher above the face's level than this, the forehead hides the glabella
 * and the brow the eye corners: a marked one says the view is tipped toward the face. */
#define GLABELLA_MAX_ELEVATION_DEG 80.0f
#define EYE_MAX_ELEVATION_DEG      65.0f
#define HIDDEN_TOL 0.1f /* sine of the angle past sight that costs 1 */
#define BROW_PASSES 4   /* the cut's centre and the scale settle in 2-3 (a neck in the matte) */

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
    float scale;        /* px per template mm at this pose (weak perspective) */
    float landmark_mm;  /* RMS distance of the marked landmarks from the model's */
    Ellipse model;
} Candidate;

/* The pinhole the landmarks are seen through: focal and principal point, px. */
typedef struct { float focal, cx, cy; } Lens;

/* The marked landmarks in matte px: the glabella, the eye corners as seen, the ears
 * by the client's side. */
enum { MARK_GLABELLA, MARK_EYE_IMAGE_LEFT, MARK_EYE_IMAGE_RIGHT, MARK_EAR_SUBJECT_LEFT, MARK_EAR_SUBJECT_RIGHT,
       MARK_COUNT };

typedef struct {
    bool has[MARK_COUNT];
    vec2s at[MARK_COUNT];
    int count;
} Marks;

static Marks marks_from(const PlanLandmarks *lm)
{
    Marks k = { { false }, { {{ 0, 0 }} }, 0 };
    if (!lm) return k;
    const bool has[MARK_COUNT] = { lm->has_glabella, lm->has_eye_left, lm->has_eye_right, lm->has_ear_left,
                                   lm->has_ear_right };
    const PlanPoint *at[MARK_COUNT] = { &lm->glabella, &lm->eye_left, &lm->eye_right, &lm->ear_left,
                                        &lm->ear_right };
    for (int i = 0; i < MARK_COUNT; i++) {
        k.has[i] = has[i] && isfinite(at[i]->x) && isfinite(at[i]->y);
        k.at[i] = (vec2s){{ (float)at[i]->x, (float)at[i]->y }};
        k.count += k.has[i];
    }
    return k;
}

/* The model's landmarks at a pose without roll: camera-frame offsets from the centre
 * per template mm, matched to the marks (the eye corner more to the image's left is the
 * one marked left); and what it costs that the marked ones are seen at this pose. */
typedef struct {
    vec3s off[MARK_COUNT];
    float hidden_cost;
} ModelMarks;

/* How far past sight a landmark is (squared, in HIDDEN_TOL): seen from behind the
 * face's plane, or from above beyond `max_elev_deg`. v: toward the camera, head frame. */
static float hidden_cost(vec3s v, float max_elev_deg)
{
    float lim = max_elev_deg * (float)GLM_PI / 180.0f;
    float behind = fmaxf(-v.z, 0.0f) / HIDDEN_TOL;
    float above = fmaxf(v.y * cosf(lim) - sqrtf(v.x * v.x + v.z * v.z) * sinf(lim), 0.0f) / HIDDEN_TOL;
    return behind * behind + above * above;
}

/* A marked ear seen from the other side of the head (side +1: the subject's left):
 * this is what tells a left view from a right one, whose outlines are the same. */
static float ear_hidden_cost(vec3s v, float side)
{
    float past = fmaxf(-side * v.x - EAR_HIDDEN_SIN, 0.0f) / HIDDEN_TOL;
    return past * past;
}

static ModelMarks model_marks(mat3s rot, const Marks *k)
{
    ModelMarks mm;
    vec3s g = glms_mat3_mulv(rot, LANDMARK_GLABELLA);
    vec3s el = glms_mat3_mulv(rot, LANDMARK_EYE);
    vec3s er = glms_mat3_mulv(rot, (vec3s){{ -LANDMARK_EYE.x, LANDMARK_EYE.y, LANDMARK_EYE.z }});
    if (el.x > er.x) { vec3s t = el; el = er; er = t; }
    mm.off[MARK_GLABELLA] = g;
    mm.off[MARK_EYE_IMAGE_LEFT] = el;
    mm.off[MARK_EYE_IMAGE_RIGHT] = er;
    mm.off[MARK_EAR_SUBJECT_LEFT] = glms_mat3_mulv(rot, LANDMARK_EAR);
    mm.off[MARK_EAR_SUBJECT_RIGHT] = glms_mat3_mulv(rot, (vec3s){{ -LANDMARK_EAR.x, LANDMARK_EAR.y, LANDMARK_EAR.z }});
    vec3s v = {{ -rot.raw[0][2], -rot.raw[1][2], -rot.raw[2][2] }}; /* R^T (0, 0, -1) */
    float eyes = (float)(k->has[MARK_EYE_IMAGE_LEFT] + k->has[MARK_EYE_IMAGE_RIGHT]);
    mm.hidden_cost = (k->has[MARK_GLABELLA] ? hidden_cost(v, GLABELLA_MAX_ELEVATION_DEG) : 0.0f)
                     + eyes * hidden_cost(v, EYE_MAX_ELEVATION_DEG)
                     + (k->has[MARK_EAR_SUBJECT_LEFT] ? ear_hidden_cost(v, 1.0f) : 0.0f)
                     + (k->has[MARK_EAR_SUBJECT_RIGHT] ? ear_hidden_cost(v, -1.0f) : 0.0f);
    return mm;
}

/* Where a point `o` (camera frame, template mm) off the centre lands when the centre
 * lands at (mx, my) with `scale` px per template mm: the face is nearer the lens than
 * the centre, so it spreads by z / (z + o.z) (17% at 60 cm), off the axis too. */
static vec2s project_offset(const Lens *lens, float mx, float my, float scale, vec3s o)
{
    float near = 1.0f / fmaxf(1.0f + o.z * scale / lens->focal, 0.1f);
    return (vec2s){{ lens->cx + (mx - lens->cx) * near + scale * near * o.x,
                     lens->cy + (my - lens->cy) * near + scale * near * o.y }};
}

/* Sum of squared distances (px^2) of the marks from the model's at this roll and scale
 * (px per template mm at the centre's depth). */
static float marks_misfit(const Marks *k, const ModelMarks *mm, const Moments *m, float roll, float scale,
                          const Lens *lens)
{
    float c = cosf(roll), s = sinf(roll), sum = 0.0f;
    for (int i = 0; i < MARK_COUNT; i++) {
        if (!k->has[i]) continue;
        vec3s o = mm->off[i];
        vec3s turned = {{ c * o.x - s * o.y, s * o.x + c * o.y, o.z }};
        vec2s p = project_offset(lens, (float)m->mx, (float)m->my, scale, turned);
        float px = p.x, py = p.y;
        float dx = px - k->at[i].x, dy = py - k->at[i].y;
        if (i >= MARK_EAR_SUBJECT_LEFT) { /* an ear's height counts 1/3: where its centre is marked varies */
            float across = c * dx + s * dy, along = (-s * dx + c * dy) * EAR_HEIGHT_WEIGHT;
            sum += across * across + along * along;
        } else {
            sum += dx * dx + dy * dy;
        }
    }
    return sum;
}

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
 * is, so a round outline leaves the roll to the prior), the marked landmarks' distance
 * from the model's (and a landmark turned away from the camera), plus the pose prior. */
static Candidate score_pose(const Moments *m, const Marks *k, const Lens *lens, float yaw, float pitch, float yaw0,
                            float pitch0)
{
    Head3D h = { 0 };
    h.yaw = yaw, h.pitch = pitch;
    h.radii = head3d_template_radii();
    h.centre = (vec3s){{ 0, 0, 1 }};
    h.focal = 1;
    float xx, xy, yy;
    head3d_outline_shape(&h, &xx, &xy, &yy);
    Candidate best = { yaw, pitch, 0, 1e30f, 0, 0, 0, ellipse_from(xx, xy, yy) };
    /* Shape matrices scale with (px per mm)^2, so their determinants with ^4. */
    best.scale = powf((m->shape.major2 * m->shape.minor2) / (best.model.major2 * best.model.minor2), 0.25f);
    ModelMarks mm = model_marks(head3d_rotation(&h), k);
    float tol_px = LANDMARK_TOL_MM * best.scale, best_misfit = 0.0f;
    const float prior = PRIOR_DEG * (float)GLM_PI / 180.0f, step = (float)GLM_PI / 180.0f;
    float dy = remainderf(yaw - yaw0, 2.0f * (float)GLM_PI), dp = pitch - pitch0;
    Shape img = unit_shape(&m->shape, 0.0f);
    for (int i = -SEARCH_DEG; i <= SEARCH_DEG; i++) {
        float roll = (float)i * step;
        float miss = shape_distance(img, unit_shape(&best.model, roll)) / SHAPE_TOL;
        float misfit = k->count ? marks_misfit(k, &mm, m, roll, best.scale, lens) : 0.0f;
        float cost = miss * miss + misfit / (tol_px * tol_px) + (dy * dy + dp * dp + roll * roll) / (prior * prior);
        if (cost < best.cost) best.cost = cost, best.roll = roll, best_misfit = misfit;
    }
    best.cost += mm.hidden_cost;
    best.aspect_err = fabsf(aspect(&m->shape) - aspect(&best.model));
    best.landmark_mm = k->count ? sqrtf(best_misfit / (float)k->count) / best.scale : 0.0f;
    return best;
}

static Candidate search_pose(const Moments *m, const Marks *k, const Lens *lens, HeadView view)
{
    float yaw0, pitch0;
    head3d_view_pose(view, &yaw0, &pitch0);
    const float step = (float)GLM_PI / 180.0f;
    Candidate best = score_pose(m, k, lens, yaw0, pitch0, yaw0, pitch0);
    for (int i = -SEARCH_DEG; i <= SEARCH_DEG; i += 2)
        for (int j = -SEARCH_DEG; j <= SEARCH_DEG; j += 2) {
            Candidate c = score_pose(m, k, lens, yaw0 + (float)i * step, pitch0 + (float)j * step, yaw0, pitch0);
            if (c.cost < best.cost) best = c;
        }
    return best;
}

/* The brow line of a front view: through the glabella along the eye line (or the
 * fitted roll's horizontal); `up` points from it toward the scalp: from the eye
 * corners' midpoint to the glabella (the matte's centroid may be far down a neck),
 * or the roll's up without the eyes. */
static void brow_line(const Marks *k, float roll, vec2s *along, vec2s *up)
{
    *along = (vec2s){{ cosf(roll), sinf(roll) }};
    vec2s toward = {{ sinf(roll), -cosf(roll) }};
    if (k->has[MARK_EYE_IMAGE_LEFT] && k->has[MARK_EYE_IMAGE_RIGHT]) {
        vec2s l = k->at[MARK_EYE_IMAGE_LEFT], r = k->at[MARK_EYE_IMAGE_RIGHT], d = glms_vec2_sub(r, l);
        if (glms_vec2_norm(d) > 0.0f) *along = glms_vec2_normalize(d);
        toward = glms_vec2_sub(k->at[MARK_GLABELLA], glms_vec2_scale(glms_vec2_add(l, r), 0.5f));
    }
    *up = (vec2s){{ along->y, -along->x }};
    if (glms_vec2_dot(*up, toward) < 0.0f) *up = glms_vec2_negate(*up);
}

/* Moments of the part of a unit disc above height tc (t from -1 to 1 across it): the
 * variance of the height and the mean of 1 - t^2 (the slices' squared half-width). */
static void cap_moments(double tc, double *var, double *halfw2)
{
    enum { STEPS = 400 };
    double s0 = 0, s1 = 0, s2 = 0, dt = (1.0 - tc) / STEPS;
    for (int i = 0; i < STEPS; i++) {
        double t = tc + (i + 0.5) * dt, wgt = sqrt(1.0 - t * t);
        s0 += wgt, s1 += t * wgt, s2 += t * t * wgt;
    }
    double mean = s1 / s0;
    *var = s2 / s0 - mean * mean, *halfw2 = 1.0 - s2 / s0;
}

/* The half-axes of the ellipse whose centre is v0 above the brow line and whose part
 * above it spreads as the matte does there (vv across the line, vu along it). The
 * spreads pin the axes well; the cap's shape alone would pin its centre poorly. */
static bool brow_axes(double v0, double vu, double vv, double *a, double *b)
{
    if (!(v0 > 0 && vu > 0 && vv > 0)) return false;
    double lo = v0 / 0.95, hi = 40.0 * v0 + 4.0 * sqrt(vv), var = 0, hw2 = 0;
    for (int i = 0; i < 50; i++) { /* the spread grows with b at a fixed centre */
        double mid = 0.5 * (lo + hi);
        cap_moments(-v0 / mid, &var, &hw2);
        if (mid * mid * var < vv) lo = mid;
        else hi = mid;
    }
    *b = 0.5 * (lo + hi);
    cap_moments(-v0 / *b, &var, &hw2);
    *a = sqrt(3.0 * vu / hw2); /* a slice of half-width h has variance h^2 / 3 */
    return true;
}

/* Where the model puts the outline's centre: the marked glabella less its offset at
 * the label's pose, the candidate's roll and scale (the face nearer the lens, as
 * marks_misfit). Not at the candidate's pitch: with the face cut off, the outline's
 * height and the pitch are both read from the glabella, and each would chase the other
 * (10 degrees of pitch move the glabella 18 mm against the centre). */
static vec2s centre_from_glabella(const Marks *k, const Candidate *c, HeadView view, const Lens *lens)
{
    Head3D h = { 0 };
    head3d_view_pose(view, &h.yaw, &h.pitch);
    h.roll = c->roll;
    vec3s o = glms_mat3_mulv(head3d_rotation(&h), LANDMARK_GLABELLA);
    /* project_offset solved for the centre */
    float near = 1.0f / fmaxf(1.0f + o.z * c->scale / lens->focal, 0.1f);
    vec2s g = k->at[MARK_GLABELLA];
    return (vec2s){{ lens->cx + (g.x - lens->cx - c->scale * near * o.x) / near,
                     lens->cy + (g.y - lens->cy - c->scale * near * o.y) / near }};
}

/* A front view's outline without the face: centred where the glabella says, with the
 * axes whose part above the brow line spreads as the matte's pixels there (within the
 * trimmed outline `full`) do. */
static bool brow_moments(const unsigned char *alpha, int w, int h, int stride, const Moments *full, const Marks *k,
                         const Candidate *c, const Lens *lens, Moments *out)
{
    vec2s along, up, g = k->at[MARK_GLABELLA], centre = centre_from_glabella(k, c, HEAD_VIEW_FRONT, lens);
    brow_line(k, c->roll, &along, &up);
    double det = full->sxx * full->syy - full->sxy * full->sxy, gate2 = TRIM_GATE * TRIM_GATE;
    if (!(det > 0)) return false;
    double n = 0, su = 0, sv = 0, suu = 0, svv = 0;
    for (int y = 0; y < h; y++) {
        const unsigned char *row = alpha + (size_t)y * (size_t)stride;
        double py = y + 0.5, dy = py - full->my;
        for (int x = 0; x < w; x++) {
            if (row[x] < 128) continue;
            double px = x + 0.5, dx = px - full->mx;
            if ((full->syy * dx * dx - 2 * full->sxy * dx * dy + full->sxx * dy * dy) / det > gate2) continue;
            double u = (px - g.x) * along.x + (py - g.y) * along.y, v = (px - g.x) * up.x + (py - g.y) * up.y;
            if (v <= 0) continue;
            n++, su += u, sv += v, suu += u * u, svv += v * v;
        }
    }
    if (n < 64) return false;
    double mu = su / n, mv = sv / n, a, b;
    double v0 = (centre.x - g.x) * up.x + (centre.y - g.y) * up.y;
    if (!brow_axes(v0, suu / n - mu * mu, svv / n - mv * mv, &a, &b)) return false;
    Moments m = *full;
    m.mx = g.x + mu * along.x + v0 * up.x, m.my = g.y + mu * along.y + v0 * up.y;
    /* 4 x covariance of a filled ellipse is diag(a^2, b^2) in its axes. */
    m.sxx = a * a * along.x * along.x + b * b * up.x * up.x;
    m.sxy = a * a * along.x * along.y + b * b * up.x * up.y;
    m.syy = a * a * along.y * along.y + b * b * up.y * up.y;
    m.shape = ellipse_from(m.sxx, m.sxy, m.syy);
    *out = m;
    return true;
}

/* Outline and pose; in a front view with the glabella marked, the face is cut off at
 * the brow and the pose searched again on the completed outline, a few times: the
 * first pass starts from a scale the face and neck still swayed. */
static Candidate fit_pose(const unsigned char *alpha, int w, int h, int stride, const HeadFitOptions *opt,
                          const Marks *k, const Lens *lens, Moments *m)
{
    Candidate c = search_pose(m, k, lens, opt->view);
    if (opt->view != HEAD_VIEW_FRONT || !k->has[MARK_GLABELLA]) return c;
    Moments full = *m, scalp;
    for (int pass = 0; pass < BROW_PASSES && brow_moments(alpha, w, h, stride, &full, k, &c, lens, &scalp); pass++) {
        *m = scalp;
        c = search_pose(m, k, lens, opt->view);
    }
    return c;
}

/* The lens when the options do not say: a phone's main camera (1.2 x the long side)
 * unless the marks say otherwise. Two or more marks span the face, whose spread
 * against the outline's size tells how near the lens is (the face is ~100 mm nearer
 * than the centre): longer focals (a farther camera, a zoomed or orthographic
 * picture) are tried and the lowest cost kept. */
static Candidate fit_lens(const unsigned char *alpha, int w, int h, int stride, const HeadFitOptions *opt,
                          const Marks *k, Lens *lens, Moments *m)
{
    /* x the long side: 40 puts a 1600 px photo at 5 px/mm 13 m away (near orthographic) */
    static const float PHONE = 1.2f, FOCALS[] = { 1.2f, 2.4f, 4.8f, 40.0f };
    int tries = opt->focal > 0 || k->count < 2 ? 1 : (int)(sizeof FOCALS / sizeof FOCALS[0]);
    float side = (float)(w > h ? w : h);
    Moments start = *m, best_m = *m;
    Candidate best = { 0 };
    for (int i = 0; i < tries; i++) {
        Lens l = { opt->focal > 0 ? opt->focal : (tries > 1 ? FOCALS[i] : PHONE) * side, 0.5f * (float)w,
                   0.5f * (float)h };
        Moments mi = start;
        Candidate c = fit_pose(alpha, w, h, stride, opt, k, &l, &mi);
        if (i == 0 || c.cost < best.cost) best = c, best_m = mi, *lens = l;
    }
    *m = best_m;
    return best;
}

/* The fit from the matte's trimmed outline (computed once for every label tried). */
static HeadFit fit_outline(const unsigned char *alpha, int w, int h, int stride, const HeadFitOptions *opt,
                           const Moments *outline)
{
    Moments m = *outline;
    Marks k = marks_from(opt->landmarks);
    Lens lens;
    Candidate c = fit_lens(alpha, w, h, stride, opt, &k, &lens, &m);
    float focal = lens.focal;
    if (k.count && !(c.cost < PLAUSIBLE_COST)) {
        /* Landmarks that contradict the outline: no wild pose chasing them, the
         * outline's own fit, flagged implausible by their cost. */
        Marks none = { { false, false, false }, { {{ 0, 0 }} }, 0 };
        Candidate o = search_pose(outline, &none, &lens, opt->view);
        o.cost = c.cost, o.landmark_mm = c.landmark_mm;
        c = o, m = *outline;
    }
    float scale = c.scale;
    HeadFit f = { 0 };
    f.view = opt->view;
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
    f.landmark_mm = c.landmark_mm;
    f.plausible = c.cost < PLAUSIBLE_COST && c.aspect_err < PLAUSIBLE_ASPECT
                  && f.size > 0.6f && f.size < 1.6f;
    return f;
}

static bool matte_outline(const unsigned char *alpha, int w, int h, int stride, Moments *m, SmpError *err)
{
    if (!alpha || w <= 0 || h <= 0 || stride < w)
        return smp_fail(err, "head fit: bad matte (%d x %d)", w, h);
    if (!outline_moments(alpha, w, h, stride, m))
        return smp_fail(err, "head fit: no head outline in the matte");
    return true;
}

bool head3d_fit_mask(const unsigned char *alpha, int w, int h, int stride,
                     const HeadFitOptions *opt, HeadFit *out, SmpError *err)
{
    Moments m;
    if (!opt || !out) return smp_fail(err, "head fit: no options");
    if (!matte_outline(alpha, w, h, stride, &m, err)) return false;
    *out = fit_outline(alpha, w, h, stride, opt, &m);
    return true;
}

float head3d_pose_distance(const Head3D *a, const Head3D *b)
{
    mat3s ra = head3d_rotation(a), rb = head3d_rotation(b);
    mat3s d = glms_mat3_mul(glms_mat3_transpose(ra), rb);
    float tr = d.raw[0][0] + d.raw[1][1] + d.raw[2][2];
    return acosf(fminf(fmaxf(0.5f * (tr - 1.0f), -1.0f), 1.0f));
}

static PlanPoint scaled_point(PlanPoint p, double k) { return (PlanPoint){ p.x * k, p.y * k }; }

bool head3d_fit_photo(const SmpMatte *head, int photo_w, int photo_h, const PlanLandmarks *marks, double ppm,
                      int view, HeadFit *fit, PlanHead *out, SmpError *err)
{
    if (!head || !head->alpha || photo_w <= 0 || photo_h <= 0)
        return smp_fail(err, "head fit: no head matte for the photo");
    /* Matte px per photo px: the marks and scale come to the matte, the focal back. */
    double k = (double)head->width / photo_w;
    PlanLandmarks lm = { 0 };
    if (marks) {
        lm = *marks;
        lm.glabella = scaled_point(lm.glabella, k);
        lm.eye_left = scaled_point(lm.eye_left, k), lm.eye_right = scaled_point(lm.eye_right, k);
        lm.ear_left = scaled_point(lm.ear_left, k), lm.ear_right = scaled_point(lm.ear_right, k);
    }
    HeadFitOptions opt = { HEAD_VIEW_FRONT, (float)(ppm * k), 0.0f, marks ? &lm : NULL };
    HeadFit best = { 0 };
    bool any = false;
    Moments m;
    if (!matte_outline(head->alpha, head->width, head->height, head->width, &m, err)) return false;
    for (int v = view < 0 ? 0 : view; v < (view < 0 ? HEAD_VIEW_COUNT : view + 1); v++) {
        opt.view = (HeadView)v;
        HeadFit f = fit_outline(head->alpha, head->width, head->height, head->width, &opt, &m);
        /* A plausible fit beats any implausible one; among equals the lower cost. */
        if (!any || (f.plausible && !best.plausible) || (f.plausible == best.plausible && f.cost < best.cost)) best = f;
        any = true;
    }
    head3d_to_plan(&best, out);
    out->view = (int)best.view;
    out->focal_px = best.head.focal / k;
    best.plausible = best.plausible && plan_head_in_bounds(out); /* else it could not be saved */
    *fit = best;
    return any;
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
