/* gen_sample.c - renders the bundled sample photos: a synthetic, closely shaved male
 * head under studio light, in front view, top view and back view, at a known scale. The
 * back of the head carries a healed strip (FUT) donor scar and a few FUE extraction dots,
 * the typical scar-concealment case.
 *
 *   gen_sample DIR     writes DIR/sample_front.jpg, DIR/sample_top.jpg and
 *                      DIR/sample_back.jpg and prints the scale and the landmark pixel
 *                      positions (see assets/README.md)
 *   gen_sample --truth DIR
 *                      writes small test photos with known truth (head over a patterned
 *                      floor, strands 1-4 px wide, a bald head) and their masks, for the
 *                      matte tests (docs/mattes.md), and the skull alone from six
 *                      sides with its true camera (view_*_mask.png + view_*.json, for
 *                      the 3D head fit: docs/head3d.md)
 *
 * The head is a signed distance field in millimetres (smooth unions of ellipsoids, a
 * tapered capsule for the nose, ...) traced through an ORTHOGRAPHIC camera, so a single
 * number, PX_PER_MM, turns image pixels into millimetres in the image plane and the
 * landmark positions below are exact projections, not estimates.
 *
 * Head space: origin midway between the pupils, +x to the subject's left (image right in
 * the front and top views, image left in the back view), +y up, +z out of the face. All
 * lengths are millimetres.
 *
 * Deterministic on purpose: every random number comes from an integer hash of a position
 * or a pixel index, one thread, no clock, so `make assets` rewrites identical bytes (with
 * the same compiler and libm).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cglm/struct.h>

/* stb's implementation is compiled into this one build tool only (the program itself
 * never links it); its code is not written for our warning set. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wshadow"
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>
#pragma GCC diagnostic pop

#define PX_PER_MM    5.0f
#ifndef RENDER_SCALE       /* >1 only for quick previews while tuning; never in assets */
#define RENDER_SCALE 1
#endif
#define JPEG_QUALITY 90

/* ---- small vector helpers over cglm's struct API ------------------------------------ */

static inline vec3s v3(float x, float y, float z) { return (vec3s){{x, y, z}}; }
static inline vec3s add(vec3s a, vec3s b) { return glms_vec3_add(a, b); }
static inline vec3s sub(vec3s a, vec3s b) { return glms_vec3_sub(a, b); }
static inline vec3s mul(vec3s a, vec3s b) { return glms_vec3_mul(a, b); }
static inline vec3s scl(vec3s a, float s) { return glms_vec3_scale(a, s); }
static inline float dot(vec3s a, vec3s b) { return glms_vec3_dot(a, b); }
static inline float len(vec3s a) { return glms_vec3_norm(a); }
static inline vec3s nrm(vec3s a) { return glms_vec3_normalize(a); }
static inline vec3s mixv(vec3s a, vec3s b, float t) { return glms_vec3_lerp(a, b, t); }
static inline float sstep(float e0, float e1, float x) { return glm_smoothstep(e0, e1, x); }
static inline float clamp01(float x) { return glm_clamp(x, 0.0f, 1.0f); }
static inline float sq(float x) { return x * x; }

/* ---- hashing and noise: the only source of randomness ------------------------------- */

static uint32_t hash_u32(uint32_t h)
{
    h ^= h >> 16; h *= 0x7feb352du;
    h ^= h >> 15; h *= 0x846ca68bu;
    h ^= h >> 16;
    return h;
}

static uint32_t hash3i(int x, int y, int z, uint32_t seed)
{
    return hash_u32(seed ^ hash_u32((uint32_t)x * 0x8da6b343u ^ (uint32_t)y * 0xd8163841u
                                    ^ (uint32_t)z * 0xcb1ab31fu));
}

static float u01(uint32_t h) { return (float)(h >> 8) * (1.0f / 16777216.0f); }

/* Gradient noise in [-1, 1], one feature per unit: smoother than value noise, so skin
 * mottling has no blocky cells. */
static float gnoise(vec3s p, uint32_t seed)
{
    static const float g[12][3] = { {1,1,0},{-1,1,0},{1,-1,0},{-1,-1,0},{1,0,1},{-1,0,1},
                                    {1,0,-1},{-1,0,-1},{0,1,1},{0,-1,1},{0,1,-1},{0,-1,-1} };
    float fx = floorf(p.x), fy = floorf(p.y), fz = floorf(p.z);
    int ix = (int)fx, iy = (int)fy, iz = (int)fz;
    float x = p.x - fx, y = p.y - fy, z = p.z - fz;
    float u = x * x * x * (x * (x * 6 - 15) + 10);
    float v = y * y * y * (y * (y * 6 - 15) + 10);
    float w = z * z * z * (z * (z * 6 - 15) + 10);
    float c[8];
    for (int i = 0; i < 8; i++) {
        int dx = i & 1, dy = (i >> 1) & 1, dz = (i >> 2) & 1;
        const float *gr = g[hash3i(ix + dx, iy + dy, iz + dz, seed) % 12u];
        c[i] = gr[0] * (x - dx) + gr[1] * (y - dy) + gr[2] * (z - dz);
    }
    float x0 = glm_lerp(c[0], c[1], u), x1 = glm_lerp(c[2], c[3], u);
    float x2 = glm_lerp(c[4], c[5], u), x3 = glm_lerp(c[6], c[7], u);
    return glm_lerp(glm_lerp(x0, x1, v), glm_lerp(x2, x3, v), w);
}

/* Fractal sum; `freq` is features per millimetre of the first octave. */
static float fbm(vec3s p, float freq, int octaves, uint32_t seed)
{
    float sum = 0.0f, amp = 0.5f;
    for (int i = 0; i < octaves; i++) {
        sum += amp * gnoise(scl(p, freq), seed + (uint32_t)i * 101u);
        freq *= 2.03f;
        amp *= 0.5f;
    }
    return sum;
}

/* ---- signed distance primitives ----------------------------------------------------- */

/* Bound, not exact (Quilez): good enough for sphere tracing with a slightly short step. */
static float sd_ellipsoid(vec3s p, vec3s r)
{
    float k0 = len(glms_vec3_div(p, r));
    float k1 = len(glms_vec3_div(p, mul(r, r)));
    return k1 > 0.0f ? k0 * (k0 - 1.0f) / k1 : -fminf(r.x, fminf(r.y, r.z));
}

/* Superellipsoid (exponent e > 2 is boxier than an ellipsoid); the distance is scaled by
 * the smallest radius, which keeps it a bound. */
static float sd_superellipsoid(vec3s p, vec3s r, float e)
{
    float f = powf(powf(fabsf(p.x / r.x), e) + powf(fabsf(p.y / r.y), e)
                   + powf(fabsf(p.z / r.z), e), 1.0f / e);
    return (f - 1.0f) * fminf(r.x, fminf(r.y, r.z));
}

/* Capsule whose radius runs from ra at a to rb at b: the nose bridge to the tip. */
static float sd_taper(vec3s p, vec3s a, vec3s b, float ra, float rb)
{
    vec3s pa = sub(p, a), ba = sub(b, a);
    float h = clamp01(dot(pa, ba) / dot(ba, ba));
    return len(sub(pa, scl(ba, h))) - glm_lerp(ra, rb, h);
}

/* Polynomial smooth minimum: k is the blend width in mm, so skin flows between parts. */
static float smin(float a, float b, float k)
{
    float h = fmaxf(k - fabsf(a - b), 0.0f) / k;
    return fminf(a, b) - h * h * k * 0.25f;
}

static float smax(float a, float b, float k) { return -smin(-a, -b, k); }

/* ---- the head --------------------------------------------------------------------- */

typedef struct {
    float d;     /* the whole scene */
    float body;  /* skull, face, neck, shoulders (before ears and eyes) */
    float ear;
    float eye;
} Parts;

static const vec3s PUPIL       = {{31.5f, 0.0f, 74.0f}};  /* right one mirrored, x < 0 */
static const float EYE_HALF_W  = 16.0f;    /* outer corner at 31.5 + 16 = 47.5 mm */

static float sd_skull(vec3s p)
{
    /* A long, slightly boxy back part and a narrower forehead: the temples sit in where
     * they meet and the top is broad, which reads as a skull rather than an egg. */
    float back = sd_superellipsoid(sub(p, v3(0, 36, -18)), v3(76, 91, 96), 2.25f);
    float fore = sd_ellipsoid(sub(p, v3(0, 35, 8)), v3(67, 85, 80));
    float brow = sd_ellipsoid(sub(p, v3(0, 13, 73)), v3(50, 10, 13));
    return smin(smin(back, fore, 18.0f), brow, 10.0f);
}

static float sd_face(vec3s p, vec3s m /* p with x mirrored to >= 0 */)
{
    float face  = sd_ellipsoid(sub(p, v3(0, -32, 14)), v3(66, 82, 68));
    float jaw   = sd_ellipsoid(sub(p, v3(0, -84, 8)), v3(56, 32, 54));
    float chin  = sd_ellipsoid(sub(p, v3(0, -104, 50)), v3(21, 15, 18));
    float cheek = sd_ellipsoid(sub(m, v3(47, -16, 50)), v3(18, 12, 16));
    float d = smin(face, jaw, 16.0f);
    d = smin(d, chin, 12.0f);
    d = smin(d, cheek, 14.0f);
    if (len(sub(p, v3(0, -76, 70))) < 40.0f) {
        float ulip = sd_ellipsoid(sub(p, v3(0, -73, 66)), v3(19, 4.5f, 9));
        float llip = sd_ellipsoid(sub(p, v3(0, -80.5f, 65)), v3(17, 5.0f, 9));
        d = smin(d, fminf(ulip, llip), 4.0f);
    }
    return d;
}

static float sd_nose(vec3s p, vec3s m)
{
    float bridge = sd_taper(p, v3(0, 3, 79.0f), v3(0, -41, 98), 5.0f, 7.0f);
    float ala = sd_ellipsoid(sub(m, v3(10.5f, -43, 86)), v3(6.5f, 5.5f, 7));
    return smin(bridge, ala, 6.0f);
}

static float sd_torso(vec3s p)
{
    return sd_ellipsoid(sub(p, v3(0, -290, -25)), v3(210, 140, 110));
}

static float sd_neck(vec3s p)
{
    /* Elliptic cylinder, capped inside the head; the shoulders below. */
    float r = sqrtf(sq(p.x / 50.0f) + sq((p.z + 24.0f) / 48.0f));
    float neck = fmaxf((r - 1.0f) * 48.0f, p.y + 55.0f);
    return smin(neck, sd_torso(p), 30.0f);
}

static float sd_ear(vec3s m)
{
    /* A flattened disc turned 25 degrees so its back edge stands off the skull, as ears
     * do; the bowl (concha) is carved so ambient occlusion finds it. */
    vec3s q = sub(m, v3(76, -3, -12));
    float c = 0.906f, s = 0.423f;
    vec3s l = v3(q.x * c + q.z * s, q.y, -q.x * s + q.z * c);
    float disc = sd_ellipsoid(l, v3(5.5f, 31, 17));
    float bowl = sd_ellipsoid(sub(l, v3(4.5f, -4, 1)), v3(4, 13, 8.5f));
    return smax(disc, -bowl, 2.0f);
}

static const vec3s NAPE_C = {{0.0f, -45.0f, -45.0f}}, NAPE_R = {{54.0f, 32.0f, 40.0f}};

static Parts scene(vec3s p)
{
    vec3s m = v3(fabsf(p.x), p.y, p.z);
    Parts r;
    float d = smin(sd_skull(p), sd_face(p, m), 22.0f);
    d = smin(d, sd_neck(p), 14.0f);
    /* The neck muscles run up into the occiput, filling the shelf under the skull that
     * the back view would show. Bounded like the small parts below (only the back view
     * sees this region). */
    if (p.z < -10.0f && len(sub(p, NAPE_C)) < 72.0f)
        d = smin(d, sd_ellipsoid(sub(p, NAPE_C), NAPE_R), 20.0f);
    if (len(sub(p, v3(0, -20, 90))) < 55.0f)
        d = smin(d, sd_nose(p, m), 9.0f);
    r.eye = 1e9f;
    /* Bounds skip the small parts far away; each bound is wider than the part plus its
     * blend width, or the field would jump at the bound and leave a seam. */
    if (len(sub(m, v3(31.5f, 0, 70))) < 42.0f) {
        float socket = sd_ellipsoid(sub(m, v3(31.5f, 1.0f, 82)), v3(19, 12.5f, 10));
        d = smax(d, -socket, 9.0f);
        r.eye = sd_ellipsoid(sub(m, v3(31.5f, 0.0f, 63.5f)), v3(16, 11, 10.5f));
        d = smin(d, r.eye, 1.5f);
    }
    r.body = d;
    r.ear = 1e9f;
    if (len(sub(m, v3(78, -3, -12))) < 45.0f) {
        r.ear = sd_ear(m);
        d = smin(d, r.ear, 5.0f);
    }
    r.d = d;
    return r;
}

static float scene_sdf(vec3s p) { return scene(p).d; }

static vec3s scene_normal(vec3s p)
{
    /* Tetrahedral differences: four evaluations instead of six. */
    const float h = 0.05f;
    vec3s k0 = v3(1, -1, -1), k1 = v3(-1, -1, 1), k2 = v3(-1, 1, -1), k3 = v3(1, 1, 1);
    vec3s n = scl(k0, scene_sdf(add(p, scl(k0, h))));
    n = add(n, scl(k1, scene_sdf(add(p, scl(k1, h)))));
    n = add(n, scl(k2, scene_sdf(add(p, scl(k2, h)))));
    n = add(n, scl(k3, scene_sdf(add(p, scl(k3, h)))));
    return nrm(n);
}

/* ---- camera ----------------------------------------------------------------------- */

typedef enum { VIEW_FRONT, VIEW_TOP, VIEW_BACK } ViewState;

typedef struct {
    int w, h;
    float ppm;
    vec3s center;          /* head-space point seen at the image centre */
    vec3s right, up, fwd;  /* orthonormal; fwd is the viewing direction */
    ViewState view;
} Camera;

#define RAY_BACK 400.0f    /* rays start this far in front of the image plane */

static Camera camera_front(void)
{
    Camera c = { 1200 / RENDER_SCALE, 1600 / RENDER_SCALE, PX_PER_MM / RENDER_SCALE, {{0, -20, 0}}, {{1, 0, 0}}, {{0, 1, 0}},
                 {{0, 0, -1}}, VIEW_FRONT };
    return c;
}

static Camera camera_top(void)
{
    /* Looking down, tipped 12 degrees toward the face so a strip of forehead shows at
     * the bottom, as in a clinic's crown photo taken from behind-above the chair. */
    float t = glm_rad(12.0f);
    Camera c = { 1200 / RENDER_SCALE, 1200 / RENDER_SCALE, PX_PER_MM / RENDER_SCALE, {{0, 100, -22}}, {{1, 0, 0}},
                 {{0, sinf(t), -cosf(t)}}, {{0, -cosf(t), -sinf(t)}}, VIEW_TOP };
    return c;
}

static Camera camera_back(void)
{
    /* The front view turned around the vertical axis: same framing and scale, so the
     * subject's left (+x) is on the image LEFT here. */
    Camera c = { 1200 / RENDER_SCALE, 1600 / RENDER_SCALE, PX_PER_MM / RENDER_SCALE, {{0, -20, 0}}, {{-1, 0, 0}}, {{0, 1, 0}},
                 {{0, 0, 1}}, VIEW_BACK };
    return c;
}

static vec3s camera_origin(const Camera *c, float px, float py)
{
    float sx = (px - 0.5f * (float)c->w) / c->ppm;
    float sy = (0.5f * (float)c->h - py) / c->ppm;
    vec3s o = add(c->center, add(scl(c->right, sx), scl(c->up, sy)));
    return sub(o, scl(c->fwd, RAY_BACK));
}

static void camera_project(const Camera *c, vec3s p, float *px, float *py)
{
    vec3s q = sub(p, c->center);
    *px = 0.5f * (float)c->w + dot(q, c->right) * c->ppm;
    *py = 0.5f * (float)c->h - dot(q, c->up) * c->ppm;
}

/* ---- tracing ---------------------------------------------------------------------- */

typedef struct {
    float t;     /* distance to the hit, < 0 for a miss */
    float dmin;  /* closest approach of the ray to the head, mm */
} Trace;

static Trace trace(vec3s o, vec3s d, float tmax)
{
    Trace r = { -1.0f, 1e9f };
    float t = 0.0f, t_closest = 0.0f;
    for (int i = 0; i < 400 && t < tmax; i++) {
        float h = scene_sdf(add(o, scl(d, t)));
        if (h < r.dmin) {
            r.dmin = h;
            t_closest = t;
        }
        if (h < 0.005f) {
            r.t = t;
            return r;
        }
        t += h * 0.8f; /* the ellipsoid distance is a bound that can overshoot */
    }
    /* Out of steps while grazing a crease: that is skin, not a hole to the backdrop. */
    if (r.dmin < 0.05f) r.t = t_closest;
    return r;
}

/* Penumbra from the closest approach of a ray toward the light (Quilez): cheap soft
 * shadows that suit a big studio softbox. */
static float soft_shadow(vec3s p, vec3s l, float k)
{
    float res = 1.0f, t = 0.8f;
    for (int i = 0; i < 40 && t < 300.0f; i++) {
        float h = scene_sdf(add(p, scl(l, t)));
        res = fminf(res, k * h / t);
        if (res < 0.01f) break;
        t += glm_clamp(h, 0.8f, 25.0f);
    }
    return clamp01(res);
}

static float ambient_occlusion(vec3s p, vec3s n)
{
    float occ = 0.0f, w = 1.0f;
    for (int i = 0; i < 5; i++) {
        float h = 1.0f + 5.0f * (float)i;
        occ += (h - scene_sdf(add(p, scl(n, h)))) * w;
        w *= 0.7f;
    }
    return clamp01(1.0f - 0.03f * occ);
}

/* ---- skin, stubble and the face, painted on the surface --------------------------- */

typedef struct {
    vec3s albedo;   /* linear RGB */
    float spec;     /* specular strength: oily skin shines, stubble does not */
    float wet;      /* 1 for the eyes: a sharp catchlight */
    float bump;     /* strength of the pore/micro relief */
} Surface;

/* Where hair remains after a close shave (a Norwood 5-6 horseshoe): the back and the
 * sides up to where the skull turns toward the top, so the fringe shows as a band in both
 * views; the temples, sideburns, down to the nape. 0 bald, 1 full stubble, with an irregular, soft edge. */
static int g_bald; /* truth mode only: a head with no stubble at all */

static float hair_mask(vec3s p)
{
    if (g_bald) return 0.0f;
    float a = atan2f(fabsf(p.x), -(p.z + 15.0f)) / GLM_PI_2f; /* 0 back, 1 side, 2 front */
    float wob = 9.0f * fbm(p, 0.035f, 3, 71u);
    float top = 100.0f - 12.0f * sstep(0.1f, 1.0f, a) - 33.0f * sstep(1.05f, 1.5f, a);
    float bottom = glm_lerp(-90.0f, -28.0f, sstep(0.55f, 1.1f, a));
    float d = fminf(top + wob - p.y, p.y - bottom + wob);
    d = fminf(d, (1.60f - a) * 80.0f + 0.6f * wob);
    return sstep(-4.0f, 14.0f, d);
}

/* A shaved hair seen end-on is a dark speck ~0.1 mm across. Specks are jittered in 2D
 * cells (u, v in mm) and prefiltered: each is a Gaussian widened to the pixel footprint
 * with its amplitude cut by the same area ratio, so sub-pixel hairs keep their tone and
 * do not sparkle. Returns coverage 0..1. */
static float stubble_specks(float u, float v, float density, uint32_t seed, float ppm)
{
    const float cell = 0.62f;
    float pix2 = sq(0.45f / ppm);
    int cu = (int)floorf(u / cell), cv = (int)floorf(v / cell);
    float sum = 0.0f;
    for (int j = -1; j <= 1; j++) {
        for (int i = -1; i <= 1; i++) {
            uint32_t h = hash3i(cu + i, cv + j, 0, seed);
            if (u01(hash_u32(h ^ 0x51u)) >= density) continue;
            float hx = ((float)(cu + i) + u01(h)) * cell;
            float hy = ((float)(cv + j) + u01(hash_u32(h))) * cell;
            float r = 0.06f + 0.07f * u01(hash_u32(h + 7u));
            float s2 = sq(r) + pix2;
            float d2 = sq(u - hx) + sq(v - hy);
            sum += (0.6f + 0.4f * u01(hash_u32(h + 13u))) * (sq(r) / s2) * expf(-0.5f * d2 / s2);
        }
    }
    return 1.0f - expf(-sum);
}

static vec3s apply_stubble(vec3s alb, float mask, float specks)
{
    /* Hair shafts under the skin give the blue-grey "shadow"; the cut tips the grain. */
    vec3s shadow = v3(1.0f - 0.46f * mask, 1.0f - 0.44f * mask, 1.0f - 0.38f * mask);
    alb = mul(alb, shadow);
    return mixv(alb, v3(0.035f, 0.030f, 0.027f), specks * 0.85f);
}

/* ---- the donor scars on the back of the head ------------------------------------- */

/* A healed strip (FUT) scar: the surgeon cut a long ellipse of scalp from the occiput and
 * closed it, leaving a hairless line that runs around the back from behind one ear to
 * the other, lowest on the midline (a flat "smile") and wider in the middle, where the
 * closure was under the most tension. The centre line is a polyline on the skin, found
 * once by tracing, so widths and distances are true millimetres on the surface. */
#define SCAR_N      121
#define SCAR_END    1.34f    /* half the angular extent around the vertical axis, rad */
#define SCAR_Y_MID  (-55.0f) /* height of the centre line on the midline, mm */
#define SCAR_RISE   26.0f    /* how much higher the ends are */

static ViewState g_view = VIEW_FRONT;
static struct {
    vec3s c[SCAR_N];  /* centre line on the skin */
    float s[SCAR_N];  /* arc length along it */
    float len;
} g_scar;

/* Angle around the vertical axis through the skull's centre (x 0, z -15): 0 on the back
 * midline, + toward the subject's left. */
static float back_angle(vec3s p) { return atan2f(p.x, -(p.z + 15.0f)); }

/* Height of the scar's centre line at angle th: a parabola with a gentle wander, as a
 * hand-drawn incision has. */
static float scar_y(float th)
{
    float k = th / SCAR_END;
    return SCAR_Y_MID + SCAR_RISE * k * k + 1.6f * gnoise(v3(th * 2.2f, 0.5f, 0.5f), 401u);
}

/* The skin (ears ignored) hit by a horizontal ray toward the axis at angle th, height y. */
static vec3s surface_around(float th, float y)
{
    vec3s d = v3(-sinf(th), 0.0f, cosf(th));
    vec3s o = add(v3(0.0f, y, -15.0f), scl(d, -300.0f));
    float t = 0.0f;
    for (int i = 0; i < 400 && t < 300.0f; i++) {
        float h = scene(add(o, scl(d, t))).body;
        if (h < 0.005f) break;
        t += h * 0.8f;
    }
    return add(o, scl(d, t));
}

static void scar_init(void)
{
    for (int i = 0; i < SCAR_N; i++) {
        float th = glm_lerp(-SCAR_END, SCAR_END, (float)i / (SCAR_N - 1));
        g_scar.c[i] = surface_around(th, scar_y(th));
        g_scar.s[i] = i ? g_scar.s[i - 1] + len(sub(g_scar.c[i], g_scar.c[i - 1])) : 0.0f;
    }
    g_scar.len = g_scar.s[SCAR_N - 1];
}

/* Half width at arc length s (edge wobble aside): about 2.6 mm in the middle, 1.6 mm
 * toward the ends, tapering to a point over the last centimetre. */
static float scar_half_width(float s)
{
    float k = (s / g_scar.len) * 2.0f - 1.0f;
    float end = fminf(s, g_scar.len - s);
    return (2.6f - 1.0f * k * k) * sqrtf(clamp01(end / 11.0f));
}

typedef struct {
    float q;    /* signed distance from the centre line across the scar, mm (+ above) */
    float hw;   /* local half width of the scar on this side, mm (0: not near it) */
    float s;    /* arc length of the nearest centre-line point */
} ScarHit;

static ScarHit scar_query(vec3s p)
{
    ScarHit r = { 1e9f, 0.0f, 0.0f };
    if (g_scar.len <= 0.0f || p.z > -5.0f || p.y < -100.0f || p.y > 40.0f) return r;
    float th = back_angle(p);
    int mid = (int)floorf((th + SCAR_END) / (2.0f * SCAR_END) * (SCAR_N - 1));
    if (mid < -4 || mid > SCAR_N + 3) return r;
    float best = 1e9f;
    vec3s bc = v3(0, 0, 0);
    for (int i = mid - 3; i <= mid + 3; i++) {
        if (i < 0 || i + 1 >= SCAR_N) continue;
        vec3s a = g_scar.c[i], ab = sub(g_scar.c[i + 1], a);
        float h = clamp01(dot(sub(p, a), ab) / dot(ab, ab));
        vec3s c = add(a, scl(ab, h));
        float d = len(sub(p, c));
        if (d < best) {
            best = d;
            bc = c;
            r.s = glm_lerp(g_scar.s[i], g_scar.s[i + 1], h);
        }
    }
    if (best > 12.0f) return r;
    r.q = p.y >= bc.y ? best : -best;
    /* each edge wanders on its own, slowly and a little finely: scars are not ruled */
    uint32_t side = r.q >= 0.0f ? 0u : 1u;
    float wob = 0.45f * gnoise(v3(r.s * 0.07f, 0.5f, 0.5f), 411u + side)
                + 0.12f * gnoise(v3(r.s * 0.45f, 0.5f, 0.5f), 421u + side);
    float hw = scar_half_width(r.s);
    r.hw = hw > 0.0f ? fmaxf(hw + wob * sqrtf(hw / 2.6f), 0.05f) : 0.0f;
    return r;
}

/* FUE extraction scars: round, pale, hairless dots ~1 mm across, scattered through the
 * donor area above and below the strip scar. Jittered 8 mm cells in (arc, height).
 * Returns coverage 0..1 and, through *bare, the hairless disc (a little wider). */
static float fue_dots(vec3s p, float *bare)
{
    const float cell = 8.0f, arc_r = 78.0f;
    *bare = 0.0f;
    if (g_scar.len <= 0.0f || p.z > -10.0f || p.y < -100.0f || p.y > 30.0f) return 0.0f;
    float th = back_angle(p);
    if (fabsf(th) > 1.45f) return 0.0f;
    float u = th * arc_r, v = p.y;
    int cu = (int)floorf(u / cell), cv = (int)floorf(v / cell);
    float cov = 0.0f;
    for (int j = -1; j <= 1; j++) {
        for (int i = -1; i <= 1; i++) {
            uint32_t h = hash3i(cu + i, cv + j, 0, 4242u);
            if (u01(h) > 0.28f) continue;
            float du = ((float)(cu + i) + 0.15f + 0.7f * u01(hash_u32(h ^ 1u))) * cell;
            float dv = ((float)(cv + j) + 0.15f + 0.7f * u01(hash_u32(h ^ 2u))) * cell;
            float dth = du / arc_r, y0 = scar_y(dth);
            /* the donor band only: not on the strip scar, not in the neck, not up top */
            if (fabsf(dth) > 1.3f || fabsf(dv - y0) < 6.0f || dv < y0 - 24.0f || dv > y0 + 34.0f)
                continue;
            float r = 0.36f + 0.2f * u01(hash_u32(h ^ 3u));
            float d = sqrtf(sq(u - du) + sq(v - dv));
            cov = fmaxf(cov, (0.45f + 0.35f * u01(hash_u32(h ^ 4u))) * sstep(r + 0.15f, r - 0.15f, d));
            *bare = fmaxf(*bare, sstep(r + 0.35f, r + 0.05f, d));
        }
    }
    return cov;
}

/* The scar sits a little below the skin around it: a shallow trough whose walls catch
 * the light differently. Tilts the normal by the trough's slope. */
static float scar_depth(vec3s p)
{
    ScarHit sh = scar_query(p);
    if (sh.hw <= 0.0f || fabsf(sh.q) >= sh.hw + 0.6f) return 0.0f;
    float k = fabsf(sh.q) / (sh.hw + 0.6f);
    return -0.32f * sq(1.0f - k * k) * sqrtf(fminf(sh.hw, 2.6f) / 2.6f);
}

static vec3s scar_relief(vec3s p, vec3s n)
{
    ScarHit sh = scar_query(p);
    if (sh.hw <= 0.0f || fabsf(sh.q) >= sh.hw + 0.8f) return n;
    const float e = 0.05f;
    float h0 = scar_depth(p);
    vec3s g = v3(scar_depth(add(p, v3(e, 0, 0))) - h0, scar_depth(add(p, v3(0, e, 0))) - h0,
                 scar_depth(add(p, v3(0, 0, e))) - h0);
    g = scl(g, 1.0f / e);
    g = sub(g, scl(n, dot(g, n)));
    return nrm(sub(n, g));
}

/* Eye opening in the front plane: s runs -1 (inner corner) .. 1 (outer corner).
 * Returns signed distance-like value (mm, > 0 inside) and the upper lid height. */
static float eye_opening(float ax, float y, float *s_out, float *y_up, float *y_lo)
{
    float s = (ax - PUPIL.x) / EYE_HALF_W;
    float sc = glm_clamp(s, -1.0f, 1.0f);
    float yc = glm_lerp(-0.5f, 1.0f, 0.5f * (sc + 1.0f)); /* slight upward canthal tilt */
    float bulge = 1.0f - sc * sc;
    *y_up = yc + 4.7f * powf(bulge, 0.7f) * (1.0f - 0.12f * sc);
    *y_lo = yc - 3.7f * powf(bulge, 0.85f) * (1.0f + 0.10f * sc);
    *s_out = s;
    float inside = fminf(*y_up - y, y - *y_lo);
    return fabsf(s) > 1.0f ? -1.0f : inside;
}

static vec3s eye_albedo(float ax, float y, float s, float y_up)
{
    float rx = ax - PUPIL.x, ry = y - PUPIL.y, r = sqrtf(rx * rx + ry * ry);
    vec3s sclera = mixv(v3(0.48f, 0.43f, 0.40f), v3(0.50f, 0.30f, 0.28f),
                        sstep(-0.6f, -0.95f, s) + 0.3f * sstep(0.7f, 1.0f, s));
    float ang = atan2f(ry, rx);
    float fibres = gnoise(v3(ang * 9.0f, r * 1.2f, 0.5f), 5u);
    vec3s iris = scl(v3(0.085f, 0.075f, 0.065f), 1.0f + 0.35f * fibres);
    iris = scl(iris, 1.0f - 0.5f * sstep(4.6f, 5.6f, r));     /* limbal ring */
    iris = mixv(iris, v3(0.16f, 0.11f, 0.06f), 0.5f * sstep(3.2f, 2.0f, r)); /* warm collarette */
    vec3s c = mixv(sclera, iris, sstep(5.75f, 5.45f, r));
    c = mixv(c, v3(0.008f, 0.008f, 0.009f), sstep(2.1f, 1.8f, r));
    float lid_shadow = expf(-(y_up - y) / 1.3f);           /* the lashes shade the eye */
    return scl(c, 1.0f - 0.65f * lid_shadow);
}

/* Darkening around the eyes, brows, lips and nostrils for front-facing skin. */
static vec3s paint_face(vec3s alb, vec3s p, vec3s n, float *spec)
{
    float ax = fabsf(p.x), y = p.y;
    float s, y_up, y_lo;
    float in = eye_opening(ax, y, &s, &y_up, &y_lo);
    if (fabsf(s) < 1.25f && y > -14.0f && y < 14.0f) {
        float sc = glm_clamp(s, -1.0f, 1.0f);
        float lash = expf(-sq((y - y_up) / (0.45f + 0.35f * sstep(-0.5f, 1.0f, sc))))
                     * sstep(1.15f, 0.8f, fabsf(s)) * (y > y_up - 0.2f ? 1.0f : 0.0f);
        float low = 0.4f * expf(-sq((y - y_lo) / 0.45f)) * sstep(1.1f, 0.7f, fabsf(s));
        float crease = 0.16f * expf(-sq((y - y_up - 5.0f) / 1.4f)) * sstep(1.3f, 0.6f, fabsf(s));
        float under = 0.10f * expf(-sq((y + 9.0f) / 3.5f)) * sstep(1.4f, 0.4f, fabsf(s));
        alb = scl(alb, 1.0f - crease);
        alb = mul(alb, v3(1.0f - under, 1.0f - 1.3f * under, 1.0f - 0.8f * under));
        alb = mixv(alb, v3(0.03f, 0.022f, 0.02f), clamp01(0.9f * lash + low));
        (void)in;
    }
    /* Brows: an arch of short strands, fuller at the inner end. */
    float t = (ax - 14.0f) / 45.0f;
    if (t > -0.1f && t < 1.1f) {
        float yb = 15.5f + 9.0f * t - 10.0f * t * t;
        float hw = glm_lerp(3.1f, 1.3f, clamp01(t));
        float m = sstep(hw + 0.6f, hw - 0.8f, fabsf(y - yb)) * sstep(-0.05f, 0.1f, t)
                  * sstep(1.05f, 0.85f, t);
        float strands = 0.5f + 0.5f * gnoise(v3(ax * 0.5f, (y - yb) * 2.2f - ax * 0.9f, 3.0f), 9u);
        alb = mixv(alb, v3(0.045f, 0.032f, 0.024f), m * sstep(0.15f, 0.85f, strands) * 0.85f);
        *spec *= 1.0f - 0.7f * m;
    }
    /* Lips: a little redder and darker, a soft parting line. */
    float yl = -76.3f - 1.2f * sq(ax / 24.0f);
    float lip_w = 24.0f;
    if (ax < lip_w + 4.0f && y < -64.0f && y > -90.0f) {
        float top = -70.0f + 0.9f * expf(-sq((ax - 4.5f) / 3.5f)) - 3.5f * sq(ax / lip_w);
        float bot = -84.5f + 5.5f * sq(ax / lip_w);
        float m = sstep(lip_w + 0.5f, lip_w - 3.0f, ax)
                  * sstep(-0.6f, 0.6f, fminf(top - y, y - bot));
        alb = mixv(alb, mul(alb, v3(0.90f, 0.72f, 0.72f)), m);
        float line = expf(-sq((y - yl) / 0.45f)) * sstep(lip_w - 1.0f, lip_w - 8.0f, ax);
        alb = scl(alb, 1.0f - 0.55f * line);
        *spec *= 1.0f + 0.8f * m;
    }
    /* Nostrils: seen from the front only as dark slots under the tip. */
    if (p.z > 84.0f && n.y < 0.2f) {
        float e = sq((ax - 5.5f) / 3.0f) + sq((y + 47.0f) / 1.4f);
        alb = scl(alb, 1.0f - 0.55f * sstep(1.4f, 0.5f, e));
    }
    return alb;
}

/* Bare skin (fair, in linear RGB): blotches of redness at a few centimetres
 * and mottling at a few millimetres keep it from looking like plastic; a
 * redder face, a warmer neck, sun spots and pores. Sets sf's spec, wet and bump. */
static vec3s skin_base(vec3s p, Surface *sf)
{
    vec3s skin = v3(0.60f, 0.36f, 0.27f);
    float blotch = fbm(p, 0.03f, 3, 11u);
    float mottle = fbm(p, 0.35f, 2, 23u);
    float pores = fbm(p, 2.6f, 2, 31u);  /* ~0.2-0.4 mm */
    float red = 0.5f + 0.9f * blotch;
    vec3s m = v3(fabsf(p.x), p.y, p.z);
    if (p.z > 30.0f) { /* the face is redder: cheeks, nose, a little forehead */
        red += 0.8f * expf(-(sq(m.x - 40.0f) + sq(p.y + 28.0f)) / 300.0f);
        red += 0.9f * expf(-(sq(p.x) + sq(p.y + 38.0f)) / 120.0f) * sstep(80.0f, 95.0f, p.z);
    }
    red += 0.4f * sstep(-60.0f, -120.0f, p.y); /* the neck is a touch warmer */
    skin = mul(skin, v3(1.0f, 1.0f - 0.07f * red, 1.0f - 0.06f * red));
    skin = scl(skin, 1.0f + 0.10f * mottle);
    /* sun spots and freckles, sparse and faint, mostly on the scalp */
    float spots = fbm(p, 0.22f, 2, 83u);
    float sun = sstep(0.27f, 0.36f, spots) * (0.3f + 0.7f * sstep(40.0f, 90.0f, p.y));
    skin = mixv(skin, mul(skin, v3(0.88f, 0.80f, 0.76f)), sun * 0.6f);
    skin = scl(skin, 1.0f - 0.10f * sstep(0.05f, 0.35f, pores));
    sf->spec = 1.0f + 0.6f * sstep(60.0f, 110.0f, p.y) + 0.6f * sstep(0.2f, -0.3f, blotch);
    sf->wet = 0.0f;
    sf->bump = 1.0f;
    return skin;
}

/* Scar tissue (linear scars and FUE dots): no follicles, no pigment, no pores;
 * paler and a little pink, smooth and so shinier. Hair grows right up to its
 * edge: *hm (the hair mask) is cut there. */
static vec3s scar_skin(vec3s p, vec3s skin, Surface *sf, float *hm)
{
    ScarHit sh = scar_query(p);
    float fue_bare, fue = fue_dots(p, &fue_bare);
    if (!(sh.hw > 0.0f || fue_bare > 0.0f))
        return skin;
    float aq = fabsf(sh.q);
    float cov = sh.hw > 0.0f ? sstep(sh.hw + 0.2f, sh.hw - 0.25f, aq) : 0.0f;
    float rim = sh.hw > 0.0f ? expf(-sq((aq - sh.hw - 0.3f) / 0.5f)) : 0.0f;
    float pink = 0.5f + 0.5f * gnoise(v3(sh.s * 0.05f, 2.5f, 0.5f), 431u);
    float blot = fbm(p, 0.9f, 2, 433u); /* uneven healing: not a painted stripe */
    vec3s pale = mul(skin, v3(1.16f, 1.30f - 0.08f * pink, 1.34f - 0.06f * pink));
    skin = mixv(skin, mul(skin, v3(1.0f, 0.93f, 0.93f)), 0.5f * rim * (1.0f - cov));
    cov *= 0.85f + 0.3f * blot;
    cov = fmaxf(cov, fue);
    skin = mixv(skin, pale, cov);
    sf->spec = glm_lerp(sf->spec, 2.8f, cov);
    sf->bump *= 1.0f - 0.8f * cov;
    float keep = sh.hw > 0.0f ? sstep(sh.hw + 0.05f, sh.hw + 0.7f, aq) : 1.0f;
    *hm *= keep * (1.0f - fue_bare);
    return skin;
}

/* The shaved scalp's stubble (hair mask hm), and a faint beard shadow from
 * this morning's shave. */
static vec3s stubble_skin(vec3s p, vec3s skin, float hm, float ppm, Surface *sf)
{
    if (hm > 0.0f) {
        /* The hash cells need a seam somewhere: at the face, where no hair is, except in
         * the back view, which looks straight at the back midline. */
        float u = g_view == VIEW_BACK ? atan2f(-p.x, -(p.z + 15.0f)) * 85.0f
                                      : atan2f(p.x, p.z + 15.0f) * 85.0f;
        float sp = stubble_specks(u, p.y, hm, 1234u, ppm);
        skin = apply_stubble(skin, hm, sp);
        sf->spec *= 1.0f - 0.7f * hm;
    }
    if (p.z > 20.0f && p.y < -52.0f) {
        float bm = 0.55f * sstep(-52.0f, -62.0f, p.y) * sstep(60.0f, 40.0f, fabsf(p.x))
                   * sstep(-135.0f, -115.0f, p.y);
        float lip = sstep(25.0f, 21.0f, fabsf(p.x)) * sstep(-69.0f, -71.0f, p.y)
                    * sstep(-88.0f, -85.0f, p.y);
        bm *= 1.0f - lip;
        if (bm > 0.0f) {
            float sp = stubble_specks(p.x, p.y, bm, 777u, ppm);
            skin = apply_stubble(skin, 0.6f * bm, sp * 0.7f);
        }
    }
    return skin;
}

static Surface surface_at(vec3s p, vec3s n, const Parts *pt, float ppm)
{
    Surface sf;
    vec3s skin = skin_base(p, &sf);
    if (p.y < -120.0f && sd_torso(p) < 3.0f) { /* a dark crew-neck shirt */
        float weave = fbm(p, 1.5f, 2, 57u) + 0.5f * fbm(p, 0.08f, 2, 59u);
        sf.albedo = scl(v3(0.030f, 0.031f, 0.036f), 1.0f + 0.35f * weave);
        sf.spec = 0.15f;
        sf.bump = 0.0f;
        return sf;
    }
    if (pt->ear < pt->body + 0.5f) { /* ears: thin skin, blood shows */
        skin = mul(skin, v3(1.02f, 0.86f, 0.86f));
        sf.albedo = skin;
        return sf;
    }
    if (p.z > 40.0f && p.y > -95.0f && p.y < 30.0f) {
        float s, y_up, y_lo;
        float in = eye_opening(fabsf(p.x), p.y, &s, &y_up, &y_lo);
        if (in > -0.3f && p.z > 55.0f) {
            vec3s eye = eye_albedo(fabsf(p.x), p.y, s, y_up);
            float k = sstep(-0.3f, 0.3f, in);
            sf.albedo = mixv(skin, eye, k);
            sf.wet = k;
            sf.bump = 1.0f - k;
            if (k > 0.99f) return sf;
            skin = sf.albedo;
        }
        skin = paint_face(skin, p, n, &sf.spec);
    }
    float hm = hair_mask(p);
    skin = scar_skin(p, skin, &sf, &hm);
    skin = stubble_skin(p, skin, hm, ppm, &sf);
    sf.albedo = skin;
    return sf;
}

/* Micro relief for the specular: skin's highlight breaks up on pores; the diffuse is
 * smoothed by light scattering under the skin, so it gets much less of it. */
static vec3s bumped_normal(vec3s p, vec3s n, float strength)
{
    if (strength <= 0.0f) return n;
    const float e = 0.04f;
    float h0 = fbm(p, 2.2f, 2, 41u);
    float hx = fbm(add(p, v3(e, 0, 0)), 2.2f, 2, 41u);
    float hy = fbm(add(p, v3(0, e, 0)), 2.2f, 2, 41u);
    float hz = fbm(add(p, v3(0, 0, e)), 2.2f, 2, 41u);
    vec3s g = scl(v3(hx - h0, hy - h0, hz - h0), 1.0f / e);
    g = sub(g, scl(n, dot(g, n)));  /* tangential part only */
    return nrm(sub(n, scl(g, 0.05f * strength)));
}

/* ---- lighting --------------------------------------------------------------------- */

typedef struct {
    vec3s dir;    /* toward the light */
    vec3s color;
    int shadow;
} Light;

/* Key softbox front-left and high, a weak cool fill from the right, a top light that
 * models the scalp (and carries the top view). For the back view the client turns
 * around on the chair: key and fill stay where they are relative to the camera (image
 * left and right), the overhead light stays over the chair. */
static Light g_lights[3];

static void lights_init(ViewState v)
{
    float zs = v == VIEW_BACK ? -1.0f : 1.0f, xs = zs;
    g_lights[0] = (Light){ nrm(v3(-0.45f * xs, 0.45f, 0.80f * zs)), v3(2.2f, 2.1f, 1.95f), 1 };
    g_lights[1] = (Light){ nrm(v3(0.85f * xs, 0.10f, 0.55f * zs)), v3(0.45f, 0.48f, 0.55f), 0 };
    g_lights[2] = (Light){ nrm(v3(0.10f, 1.0f, -0.35f)), v3(0.8f, 0.8f, 0.78f), 0 };
    g_view = v;
}

static vec3s shade_hit(vec3s p, vec3s view, float ppm)
{
    Parts pt = scene(p);
    vec3s n = scar_relief(p, scene_normal(p));
    Surface sf = surface_at(p, n, &pt, ppm);
    vec3s nb = bumped_normal(p, n, sf.bump);
    float ao = ambient_occlusion(p, n);

    /* Wrapped diffuse, wider in red: light scattered under the skin reddens and softens
     * the terminator (a cheap stand-in for subsurface scattering). */
    const vec3s wrap = {{0.38f, 0.22f, 0.16f}};
    vec3s diff = v3(0, 0, 0), spec = v3(0, 0, 0);
    vec3s pd = add(p, scl(n, 0.3f));
    for (int i = 0; i < 3; i++) {
        const Light *L = &g_lights[i];
        float ndl = dot(n, L->dir);
        float sh = (L->shadow && ndl > -0.4f) ? soft_shadow(pd, L->dir, 4.0f) : 1.0f;
        vec3s shc = v3(powf(sh, 0.55f), powf(sh, 0.85f), sh);
        vec3s dl = v3(fmaxf(0.0f, (ndl + wrap.x) / (1.0f + wrap.x)),
                      fmaxf(0.0f, (ndl + wrap.y) / (1.0f + wrap.y)),
                      fmaxf(0.0f, (ndl + wrap.z) / (1.0f + wrap.z)));
        diff = add(diff, mul(mul(dl, shc), L->color));

        vec3s hv = nrm(add(L->dir, view));
        float nh = fmaxf(dot(nb, hv), 0.0f);
        float nv = fmaxf(dot(n, view), 0.0f);
        float fres = 0.028f + 0.972f * powf(1.0f - nv, 5.0f);
        float lobe = 0.10f * powf(nh, 28.0f) + 0.05f * powf(nh, 6.0f);
        lobe *= sf.spec * (1.0f - sf.wet);
        lobe += sf.wet * 2.5f * powf(nh, 900.0f);
        float s = lobe * fmaxf(ndl, 0.0f) * sh * (0.5f + 4.0f * fres);
        spec = add(spec, scl(L->color, s));
    }
    /* Sky above, warm bounce from below. */
    vec3s amb = mixv(v3(0.16f, 0.12f, 0.10f), v3(0.30f, 0.31f, 0.33f), 0.5f + 0.5f * n.y);
    diff = add(diff, scl(amb, ao));
    diff = scl(diff, 0.55f + 0.45f * ao);
    return add(mul(sf.albedo, diff), scl(spec, 0.6f + 0.4f * ao));
}

/* Plain studio backdrop 40 cm behind the head, with the head's very soft shadow. */
static int g_truth; /* truth mode: a patterned floor instead of the plain one */

static vec3s truth_background(const Camera *c, vec3s o);

static vec3s shade_background(const Camera *c, vec3s o, vec3s d)
{
    if (g_truth) return truth_background(c, o);
    if (c->view == VIEW_TOP)
        return v3(0.05f, 0.05f, 0.055f); /* the floor, far below and unlit */
    /* the backdrop is behind the head as the camera sees it: beyond the face from behind */
    float t = c->view == VIEW_BACK ? (400.0f - o.z) / d.z : (o.z + 400.0f) / -d.z;
    vec3s p = add(o, scl(d, t));
    float r = sqrtf(sq(p.x / 160.0f) + sq((p.y - 10.0f) / 220.0f));
    vec3s base = mixv(v3(0.50f, 0.51f, 0.53f), v3(0.33f, 0.34f, 0.36f), sstep(0.2f, 1.6f, r));
    float sh = soft_shadow(p, g_lights[0].dir, 2.0f);
    return scl(base, 0.78f + 0.22f * sh);
}

/* ---- rendering -------------------------------------------------------------------- */

static vec3s render_sample(const Camera *c, float px, float py)
{
    vec3s o = camera_origin(c, px, py);
    Trace tr = trace(o, c->fwd, 2.0f * RAY_BACK);
    if (tr.t < 0.0f) return shade_background(c, o, c->fwd);
    return shade_hit(add(o, scl(c->fwd, tr.t)), glms_vec3_negate(c->fwd), c->ppm);
}

static float tonemap(float x)
{
    x = x * (1.0f + x / 4.0f) / (1.0f + x); /* Reinhard with white at 2: soft shoulder */
    x = clamp01(x);
    return x <= 0.0031308f ? 12.92f * x : 1.055f * powf(x, 1.0f / 2.4f) - 0.055f;
}

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static unsigned char truth_is_skin(const Camera *c, float px, float py, float t);

/* Renders one view into 8-bit sRGB: a depth pass finds silhouettes and depth steps,
 * which get 3x3 supersampling; everything else is shaded once per pixel. */
static unsigned char *render_view(const Camera *c, uint64_t grain_seed, unsigned char *skin)
{
    int w = c->w, h = c->h;
    float *depth = malloc(sizeof(float) * (size_t)w * (size_t)h);
    unsigned char *out = malloc((size_t)w * (size_t)h * 3);
    if (!depth || !out) {
        free(depth);
        free(out);
        return NULL;
    }
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            Trace tr = trace(camera_origin(c, (float)x + 0.5f, (float)y + 0.5f), c->fwd,
                             2.0f * RAY_BACK);
            depth[(size_t)y * w + x] = tr.t >= 0.0f ? tr.t : (tr.dmin < 0.6f / c->ppm ? -2.0f : -1.0f);
            if (skin) /* truth: the pixel centre's ray hits skin, not the shirt */
                skin[(size_t)y * w + x] = truth_is_skin(c, (float)x + 0.5f, (float)y + 0.5f, tr.t);
        }
    }
    uint64_t rng = grain_seed;
    float half_diag = 0.5f * sqrtf((float)(w * w + h * h));
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            float t = depth[(size_t)y * w + x];
            int edge = t == -2.0f;
            for (int k = 0; k < 4 && !edge; k++) {
                int nx = x + (k == 0) - (k == 1), ny = y + (k == 2) - (k == 3);
                if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                float tn = depth[(size_t)ny * w + nx];
                if ((t >= 0.0f) != (tn >= 0.0f) || (t >= 0.0f && fabsf(t - tn) > 1.5f))
                    edge = 1;
            }
            vec3s col = v3(0, 0, 0);
            if (edge) {
                for (int j = 0; j < 3; j++)
                    for (int i = 0; i < 3; i++)
                        col = add(col, render_sample(c, (float)x + (i + 0.5f) / 3.0f,
                                                     (float)y + (j + 0.5f) / 3.0f));
                col = scl(col, 1.0f / 9.0f);
            } else if (t >= 0.0f) {
                vec3s o = camera_origin(c, (float)x + 0.5f, (float)y + 0.5f);
                col = shade_hit(add(o, scl(c->fwd, t)), glms_vec3_negate(c->fwd), c->ppm);
            } else {
                vec3s o = camera_origin(c, (float)x + 0.5f, (float)y + 0.5f);
                col = shade_background(c, o, c->fwd);
            }
            /* Lens vignetting, then a film-like response, then fine sensor grain that
             * also keeps the backdrop gradient from banding. */
            float r = sqrtf(sq((float)x - 0.5f * w) + sq((float)y - 0.5f * h)) / half_diag;
            col = scl(col, 1.0f - 0.30f * powf(r, 2.2f));
            uint64_t g = splitmix64(&rng);
            float n1 = (float)(g & 0xffff) / 65535.0f + (float)((g >> 16) & 0xffff) / 65535.0f - 1.0f;
            float n2 = (float)((g >> 32) & 0xffff) / 65535.0f - 0.5f;
            for (int ch = 0; ch < 3; ch++) {
                float v = tonemap(col.raw[ch]) * 255.0f + 1.6f * n1 + 0.6f * n2 * (ch - 1);
                v = glm_clamp(v + 0.5f, 0.0f, 255.0f);
                out[((size_t)y * w + x) * 3 + ch] = (unsigned char)v;
            }
        }
    }
    free(depth);
    return out;
}

/* ---- landmarks -------------------------------------------------------------------- */

/* The visible surface point along the front-view ray through head point (x, y). */
static vec3s surface_front(float x, float y)
{
    Trace tr = trace(v3(x, y, RAY_BACK), v3(0, 0, -1), 2.0f * RAY_BACK);
    return v3(x, y, tr.t >= 0.0f ? RAY_BACK - tr.t : 0.0f);
}

/* The top of the scalp above head point (x, z). */
static vec3s surface_down(float x, float z)
{
    Trace tr = trace(v3(x, RAY_BACK, z), v3(0, -1, 0), 2.0f * RAY_BACK);
    return v3(x, RAY_BACK - tr.t, z);
}

/* Walks up the skin from height y0 along the front-facing column x until `arc` mm of
 * surface have been covered: where a hairline measured "8 cm above the glabella" sits. */
static vec3s walk_up(float x, float y0, float arc)
{
    vec3s prev = surface_front(x, y0);
    float acc = 0.0f;
    for (float y = y0 + 0.1f; y < 140.0f; y += 0.1f) {
        vec3s cur = surface_front(x, y);
        /* the front ray stops seeing the forehead once the scalp turns away: follow the
         * top with downward rays instead */
        if (cur.z < 0.0f) break;
        acc += len(sub(cur, prev));
        prev = cur;
        if (acc >= arc) return cur;
    }
    return prev;
}

static int visible_from(const Camera *c, vec3s p)
{
    float px, py;
    camera_project(c, p, &px, &py);
    vec3s o = camera_origin(c, px, py);
    Trace tr = trace(o, c->fwd, 2.0f * RAY_BACK);
    return tr.t >= 0.0f && len(sub(add(o, scl(c->fwd, tr.t)), p)) < 1.0f;
}

static void print_point(const Camera *c, const char *name, vec3s p)
{
    float px, py;
    camera_project(c, p, &px, &py);
    printf("  %-34s x=%7.1f y=%7.1f   (head mm %6.1f %6.1f %6.1f)%s\n", name, px, py,
           (double)p.x, (double)p.y, (double)p.z, visible_from(c, p) ? "" : "  [hidden]");
}

/* The highest point of the front-facing column x that still has stubble (mask 0.5). */
static vec3s fringe_up_front(float x)
{
    vec3s p = surface_front(x, 0.0f);
    for (float y = 120.0f; y > 0.0f; y -= 0.2f) {
        p = surface_front(x, y);
        if (p.z > 0.0f && hair_mask(p) >= 0.5f) break;
    }
    return p;
}

/* Where the stubble fades out going forward over the top along x. */
static vec3s fringe_over_top(float x)
{
    vec3s p = surface_down(x, -110.0f);
    for (float z = -110.0f; z < 0.0f; z += 0.2f) {
        p = surface_down(x, z);
        if (hair_mask(p) < 0.5f) break;
    }
    return p;
}

static void print_landmarks(const Camera *front, const Camera *top)
{
    vec3s glabella = surface_front(0.0f, 12.0f);
    vec3s pupil_l = v3(PUPIL.x, PUPIL.y, PUPIL.z), pupil_r = v3(-PUPIL.x, PUPIL.y, PUPIL.z);
    float ox = PUPIL.x + EYE_HALF_W;
    vec3s corner_l = surface_front(ox, 1.0f), corner_r = surface_front(-ox, 1.0f);
    vec3s midfront = walk_up(0.0f, glabella.y, 80.0f);
    vec3s lat_l = walk_up(ox, 16.0f, 70.0f), lat_r = walk_up(-ox, 16.0f, 70.0f);
    vec3s vertex = surface_down(0.0f, -14.0f);
    vec3s crown = surface_down(-6.0f, -55.0f);

    printf("scale: %.1f px/mm in the image plane of all views (orthographic camera)\n",
           (double)PX_PER_MM);
    printf("sample_front.jpg %dx%d (left/right as seen: image right = subject's left)\n",
           front->w, front->h);
    print_point(front, "pupil, subject's right", pupil_r);
    print_point(front, "pupil, subject's left", pupil_l);
    print_point(front, "outer eye corner, right", corner_r);
    print_point(front, "outer eye corner, left", corner_l);
    print_point(front, "glabella", glabella);
    print_point(front, "mid-frontal point (80 mm arc)", midfront);
    print_point(front, "above outer corner R (70 mm arc)", lat_r);
    print_point(front, "above outer corner L (70 mm arc)", lat_l);
    print_point(front, "temple stubble top, right (x=-62)", fringe_up_front(-62.0f));
    print_point(front, "temple stubble top, left (x=62)", fringe_up_front(62.0f));
    float tx, ty;
    camera_project(front, vertex, &tx, &ty);
    printf("  %-34s y=%7.1f\n", "top of the head outline", (double)ty);
    printf("  interpupillary distance %.1f mm = %.1f px; outer eye corners %.1f mm apart\n",
           (double)(2.0f * PUPIL.x), (double)(2.0f * PUPIL.x * PX_PER_MM), (double)(2.0f * ox));
    printf("sample_top.jpg %dx%d (forehead at the bottom, back of the head at the top)\n",
           top->w, top->h);
    print_point(top, "vertex (top of the scalp)", vertex);
    print_point(top, "crown whorl centre", crown);
    print_point(top, "mid-frontal point (80 mm arc)", midfront);
    print_point(top, "above outer corner R (70 mm arc)", lat_r);
    print_point(top, "above outer corner L (70 mm arc)", lat_l);
    print_point(top, "back stubble edge, midline", fringe_over_top(0.0f));
}

/* The visible surface point along the back-view ray through head point (x, y). */
static vec3s surface_back(float x, float y)
{
    Trace tr = trace(v3(x, y, -RAY_BACK), v3(0, 0, 1), 2.0f * RAY_BACK);
    return v3(x, y, tr.t >= 0.0f ? tr.t - RAY_BACK : 0.0f);
}

/* Walks the back-view column x from y0 toward y1 until the stubble mask crosses 0.5. */
static vec3s stubble_edge_back(float x, float y0, float y1)
{
    float step = y1 > y0 ? 0.2f : -0.2f;
    vec3s p = surface_back(x, y0);
    for (float y = y0; (y1 - y) * step > 0.0f; y += step) {
        p = surface_back(x, y);
        if (hair_mask(p) >= 0.5f) break;
    }
    return p;
}

/* The ear on one side as the back view outlines it: the outermost skin at each height,
 * and which heights of that outline belong to the ear. */
static void ear_outline_back(float side, vec3s *top, vec3s *bottom, vec3s *outer)
{
    *top = *bottom = *outer = v3(0, 0, 0);
    int found = 0;
    for (float y = 45.0f; y > -50.0f; y -= 0.5f) {
        for (float ax = 110.0f; ax > 40.0f; ax -= 0.25f) {
            vec3s p = surface_back(side * ax, y);
            if (p.z == 0.0f) continue;
            Parts pt = scene(p);
            if (pt.ear < pt.body + 0.5f) {
                if (!found) *top = p;
                *bottom = p;
                if (!found || fabsf(p.x) > fabsf(outer->x)) *outer = p;
                found = 1;
            }
            break;
        }
    }
}

/* A point on the scar's centre line at arc length s. */
static vec3s scar_point(float s, float *hw)
{
    int i = 0;
    while (i + 2 < SCAR_N && g_scar.s[i + 1] < s) i++;
    float h = clamp01((s - g_scar.s[i]) / (g_scar.s[i + 1] - g_scar.s[i]));
    *hw = scar_half_width(s);
    return mixv(g_scar.c[i], g_scar.c[i + 1], h);
}

static void print_landmarks_back(const Camera *back)
{
    float mx, my;
    camera_project(back, v3(0, 0, 0), &mx, &my);
    printf("sample_back.jpg %dx%d (seen from behind: image right = subject's RIGHT)\n",
           back->w, back->h);
    printf("  %-34s x=%7.1f\n", "midline", (double)mx);
    print_point(back, "top of the head outline", surface_down(0.0f, -14.0f));
    print_point(back, "stubble top edge, midline", stubble_edge_back(0.0f, 125.0f, 0.0f));
    print_point(back, "stubble top edge, x=+50 (img left)", stubble_edge_back(50.0f, 125.0f, 0.0f));
    print_point(back, "stubble top edge, x=-50 (img rght)", stubble_edge_back(-50.0f, 125.0f, 0.0f));
    static const float nx[] = { 40.0f, 20.0f, 0.0f, -20.0f, -40.0f };
    for (int i = 0; i < 5; i++) {
        char name[64];
        snprintf(name, sizeof name, "nape stubble edge, x=%+.0f", (double)nx[i]);
        print_point(back, name, stubble_edge_back(nx[i], -130.0f, -20.0f));
    }
    for (int side = 1; side >= -1; side -= 2) {
        vec3s t, b, o;
        ear_outline_back((float)side, &t, &b, &o);
        const char *sn = side > 0 ? "left ear (image left)" : "right ear (image right)";
        char name[64];
        snprintf(name, sizeof name, "%s, top", sn);
        print_point(back, name, t);
        snprintf(name, sizeof name, "%s, outermost", sn);
        print_point(back, name, o);
        snprintf(name, sizeof name, "%s, bottom", sn);
        print_point(back, name, b);
    }
    printf("  FUT scar centre line, %.1f mm of skin long (from the image-left end):\n",
           (double)g_scar.len);
    for (int i = 0; i <= 12; i++) {
        float hw, px, py, s = g_scar.len * (float)i / 12.0f;
        vec3s p = scar_point(g_scar.len - s, &hw); /* the polyline runs right to left */
        camera_project(back, p, &px, &py);
        printf("    s=%6.1f mm  x=%7.1f y=%7.1f  width %.1f mm = %4.1f px  (head mm %6.1f %6.1f %6.1f)\n",
               (double)s, (double)px, (double)py, (double)(2.0f * hw),
               (double)(2.0f * hw * PX_PER_MM), (double)p.x, (double)p.y, (double)p.z);
    }
}

/* ---- truth mode: test photos with known head and hair masks ------------------------ */

/* The top view, small (tests must stay fast), looking down on a patterned floor: a
 * checkerboard, warm stripes and, away from the head, a patch the colour of the head's
 * skin (painted afterwards, see truth_paint_patch) that a matte must not take for head. */
#define TRUTH_SIZE 640

static Camera camera_truth(void)
{
    Camera c = camera_top();
    c.w = c.h = TRUTH_SIZE;
    c.ppm = 2.5f;
    return c;
}

static vec3s truth_background(const Camera *c, vec3s o)
{
    float px, py;
    camera_project(c, o, &px, &py);
    int cx = (int)floorf(px / 40.0f), cy = (int)floorf(py / 40.0f);
    vec3s col = ((cx + cy) & 1) ? v3(0.42f, 0.44f, 0.46f) : v3(0.06f, 0.14f, 0.20f);
    if (px > 0.62f * (float)c->w && py > 0.55f * (float)c->h) /* a striped rug, brownish */
        col = fmodf(px + py, 28.0f) < 12.0f ? v3(0.30f, 0.16f, 0.08f) : v3(0.09f, 0.07f, 0.05f);
    return col;
}

static unsigned char truth_is_skin(const Camera *c, float px, float py, float t)
{
    if (t < 0.0f) return 0;
    vec3s p = add(camera_origin(c, px, py), scl(c->fwd, t));
    return (p.y < -120.0f && sd_torso(p) < 3.0f) ? 0 : 255; /* the shirt is not skin */
}

/* A disc in the top-left corner, far from the head, in the head's mean colour with the
 * image's grain: colour alone cannot tell it from the head. */
static void truth_paint_patch(unsigned char *img, const unsigned char *skin, int w, int h)
{
    double sum[3] = {0, 0, 0};
    long n = 0;
    for (long i = 0; i < (long)w * h; i++)
        if (skin[i]) {
            for (int ch = 0; ch < 3; ch++) sum[ch] += img[i * 3 + ch];
            n++;
        }
    if (!n) return;
    for (int y = 0; y < 130; y++)
        for (int x = 0; x < 130; x++) {
            if (sq((float)x - 65.0f) + sq((float)y - 65.0f) > sq(52.0f)) continue;
            long i = (long)y * w + x;
            float g = 6.0f * (u01(hash3i(x, y, 5, 99u)) - 0.5f);
            for (int ch = 0; ch < 3; ch++)
                img[i * 3 + ch] = (unsigned char)glm_clamp((float)(sum[ch] / n) + g, 0.0f, 255.0f);
        }
}

/* Strands lying on the head: quadratic curves 1-4 px wide in dark, black and light
 * colours, clipped to the skin. truth gets 60 x width where a strand covers at least half
 * the pixel, so tests can score each width. */
static void truth_draw_strands(unsigned char *img, const unsigned char *skin, unsigned char *truth,
                               int w, int h)
{
    static const float cols[3][3] = { {62, 40, 28}, {20, 18, 18}, {236, 230, 214} };
    int drawn = 0;
    for (uint32_t k = 0; drawn < 36 && k < 5000; k++) {
        float x0 = 140.0f + 360.0f * u01(hash3i((int)k, 1, 0, 7u));
        float y0 = 140.0f + 360.0f * u01(hash3i((int)k, 2, 0, 7u));
        float a = 6.2832f * u01(hash3i((int)k, 3, 0, 7u)), L = 70.0f + 90.0f * u01(hash3i((int)k, 4, 0, 7u));
        float x2 = x0 + L * cosf(a), y2 = y0 + L * sinf(a);
        float bend = 40.0f * (u01(hash3i((int)k, 5, 0, 7u)) - 0.5f);
        float x1 = 0.5f * (x0 + x2) - bend * sinf(a), y1 = 0.5f * (y0 + y2) + bend * cosf(a);
        int ix0 = (int)x0, iy0 = (int)y0, ix2 = (int)x2, iy2 = (int)y2;
        if (ix2 < 0 || iy2 < 0 || ix2 >= w || iy2 >= h) continue;
        if (!skin[(long)iy0 * w + ix0] || !skin[(long)iy2 * w + ix2]) continue;
        float width = (float)(1 + drawn % 4);
        const float *col = cols[(drawn / 4) % 3];
        enum { SEG = 48 };
        float sx[SEG + 1], sy[SEG + 1];
        for (int i = 0; i <= SEG; i++) {
            float t = (float)i / SEG, u = 1.0f - t;
            sx[i] = u * u * x0 + 2 * u * t * x1 + t * t * x2;
            sy[i] = u * u * y0 + 2 * u * t * y1 + t * t * y2;
        }
        int bx0 = (int)fmaxf(0, fminf(fminf(x0, x1), x2) - 4), bx1 = (int)fminf(w - 1, fmaxf(fmaxf(x0, x1), x2) + 4);
        int by0 = (int)fmaxf(0, fminf(fminf(y0, y1), y2) - 4), by1 = (int)fminf(h - 1, fmaxf(fmaxf(y0, y1), y2) + 4);
        for (int y = by0; y <= by1; y++)
            for (int x = bx0; x <= bx1; x++) {
                long i = (long)y * w + x;
                if (!skin[i]) continue;
                float px = (float)x + 0.5f, py = (float)y + 0.5f, d2 = 1e9f;
                for (int s = 0; s < SEG; s++) {
                    float ex = sx[s + 1] - sx[s], ey = sy[s + 1] - sy[s];
                    float t = clamp01(((px - sx[s]) * ex + (py - sy[s]) * ey) / (ex * ex + ey * ey + 1e-9f));
                    d2 = fminf(d2, sq(px - sx[s] - t * ex) + sq(py - sy[s] - t * ey));
                }
                float cov = clamp01(0.5f * width + 0.5f - sqrtf(d2));
                if (cov <= 0.0f) continue;
                for (int ch = 0; ch < 3; ch++)
                    img[i * 3 + ch] = (unsigned char)(glm_lerp((float)img[i * 3 + ch], col[ch], 0.92f * cov) + 0.5f);
                if (cov >= 0.5f && truth[i] < (unsigned char)(60.0f * width))
                    truth[i] = (unsigned char)(60.0f * width);
            }
        drawn++;
    }
}

static int truth_write(const char *dir, const char *name, int w, int h, int comp, const unsigned char *px)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path
        || !stbi_write_png(path, w, h, comp, px, w * comp)) {
        fprintf(stderr, "gen_sample: %s/%s: cannot write (does the directory exist?)\n", dir, name);
        return 1;
    }
    printf("wrote %s\n", path);
    return 0;
}

/* Writes truth_head.png (+ _mask: skin 255), truth_strands.png (+ _mask: 60 x strand
 * width) and truth_bald.png (+ _mask), all TRUTH_SIZE square, lossless. */
static int write_truth(const char *dir)
{
    g_truth = 1;
    lights_init(VIEW_TOP);
    Camera c = camera_truth();
    size_t n = (size_t)c.w * (size_t)c.h;
    unsigned char *skin = malloc(n), *bald_skin = malloc(n), *strands = calloc(n, 1);
    unsigned char *img = skin ? render_view(&c, 0x7e57001ull, skin) : NULL;
    int rc = 1;
    if (img && bald_skin && strands) {
        truth_paint_patch(img, skin, c.w, c.h);
        rc = truth_write(dir, "truth_head.png", c.w, c.h, 3, img)
             || truth_write(dir, "truth_head_mask.png", c.w, c.h, 1, skin);
        truth_draw_strands(img, skin, strands, c.w, c.h);
        rc = rc || truth_write(dir, "truth_strands.png", c.w, c.h, 3, img)
             || truth_write(dir, "truth_strands_mask.png", c.w, c.h, 1, strands);
        free(img);
        g_bald = 1;
        img = render_view(&c, 0x7e57002ull, bald_skin);
        if (img) truth_paint_patch(img, bald_skin, c.w, c.h);
        rc = rc || !img || truth_write(dir, "truth_bald.png", c.w, c.h, 3, img)
             || truth_write(dir, "truth_bald_mask.png", c.w, c.h, 1, bald_skin);
    } else {
        fprintf(stderr, "gen_sample: out of memory rendering the truth images\n");
    }
    free(img);
    free(skin);
    free(bald_skin);
    free(strands);
    return rc;
}

/* ---- truth mode: the scalp seen from five sides, with its true camera -------------- */

/* For the 3D head fit (src/core/head3d_fit.c, docs/head3d.md): the skull alone (no face,
 * ears or neck: the part the fit models) traced through orthographic cameras from the
 * front, straight above, both sides, the back, and the clinic's top view tipped 12
 * degrees; each mask is written with a JSON file holding the camera and the skull's
 * geometry, so a test can compare a fit with the truth. */
#define VIEW_TRUTH_SIZE 400
#define VIEW_TRUTH_PPM  1.6f
static const vec3s SKULL_CENTRE = {{0.0f, 36.0f, -18.0f}}, SKULL_RADII = {{76.0f, 91.0f, 96.0f}};

typedef struct {
    const char *name;
    vec3s right, up, fwd;
} TruthView;

static unsigned char skull_hit(const Camera *c, float px, float py)
{
    vec3s o = camera_origin(c, px, py);
    float t = 0.0f;
    for (int i = 0; i < 200 && t < 2.0f * RAY_BACK; i++) {
        float h = sd_skull(add(o, scl(c->fwd, t)));
        if (h < 0.01f) return 255;
        t += fmaxf(h * 0.8f, 0.01f);
    }
    return 0;
}

/* The face landmarks of print_landmarks through this view's camera: pixel, whether the
 * full head (face included) leaves them in sight, and the head mm point. A fit given
 * them as a technician would mark them must recover the pose (test_head3d_truth.c). */
static void write_view_landmarks(FILE *f, const Camera *c)
{
    float ox = PUPIL.x + EYE_HALF_W;
    const struct { const char *name; vec3s p; } marks[] = {
        { "glabella", surface_front(0.0f, 12.0f) },
        { "eye_corner_subject_left", surface_front(ox, 1.0f) },
        { "eye_corner_subject_right", surface_front(-ox, 1.0f) },
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        float px, py;
        camera_project(c, marks[i].p, &px, &py);
        fprintf(f, " \"%s\": [%.2f, %.2f, %d, %.1f, %.1f, %.1f]%s\n", marks[i].name, px, py,
                visible_from(c, marks[i].p), marks[i].p.x, marks[i].p.y, marks[i].p.z,
                i + 1 < sizeof marks / sizeof marks[0] ? "," : "}");
    }
}

static int write_view_json(const char *dir, const TruthView *v, const Camera *c)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/view_%s.json", dir, v->name) >= (int)sizeof path) return 1;
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "gen_sample: %s: cannot write\n", path);
        return 1;
    }
    fprintf(f, "{\"view\": \"%s\", \"projection\": \"orthographic\", \"width\": %d, \"height\": %d,\n"
               " \"px_per_mm\": %.4f, \"center\": [%.4f, %.4f, %.4f],\n"
               " \"right\": [%.6f, %.6f, %.6f], \"up\": [%.6f, %.6f, %.6f], \"fwd\": [%.6f, %.6f, %.6f],\n"
               " \"skull_centre\": [%.1f, %.1f, %.1f], \"skull_radii\": [%.1f, %.1f, %.1f],\n",
            v->name, c->w, c->h, c->ppm, c->center.x, c->center.y, c->center.z,
            v->right.x, v->right.y, v->right.z, v->up.x, v->up.y, v->up.z, v->fwd.x, v->fwd.y, v->fwd.z,
            SKULL_CENTRE.x, SKULL_CENTRE.y, SKULL_CENTRE.z, SKULL_RADII.x, SKULL_RADII.y, SKULL_RADII.z);
    write_view_landmarks(f, c);
    int bad = ferror(f);
    bad |= fclose(f);
    if (bad) fprintf(stderr, "gen_sample: %s: cannot write\n", path);
    return bad != 0;
}

static int write_view_truths(const char *dir)
{
    float c12 = cosf(glm_rad(12.0f)), s12 = sinf(glm_rad(12.0f));
    const TruthView views[] = {
        { "front", {{1, 0, 0}}, {{0, 1, 0}}, {{0, 0, -1}} },
        { "top", {{1, 0, 0}}, {{0, 0, -1}}, {{0, -1, 0}} },
        { "left", {{0, 0, -1}}, {{0, 1, 0}}, {{-1, 0, 0}} },
        { "right", {{0, 0, 1}}, {{0, 1, 0}}, {{1, 0, 0}} },
        { "back", {{-1, 0, 0}}, {{0, 1, 0}}, {{0, 0, 1}} },
        { "top12", {{1, 0, 0}}, {{0, s12, -c12}}, {{0, -c12, -s12}} },
    };
    unsigned char *mask = malloc((size_t)VIEW_TRUTH_SIZE * VIEW_TRUTH_SIZE);
    if (!mask) return 1;
    int rc = 0;
    for (size_t i = 0; i < sizeof views / sizeof views[0] && !rc; i++) {
        Camera c = { VIEW_TRUTH_SIZE, VIEW_TRUTH_SIZE, VIEW_TRUTH_PPM, SKULL_CENTRE,
                     views[i].right, views[i].up, views[i].fwd, VIEW_FRONT };
        for (int y = 0; y < c.h; y++)
            for (int x = 0; x < c.w; x++)
                mask[(size_t)y * (size_t)c.w + (size_t)x] = skull_hit(&c, (float)x + 0.5f, (float)y + 0.5f);
        char name[64];
        snprintf(name, sizeof name, "view_%s_mask.png", views[i].name);
        rc = truth_write(dir, name, c.w, c.h, 1, mask) || write_view_json(dir, &views[i], &c);
    }
    free(mask);
    return rc;
}

/* ---- main ------------------------------------------------------------------------- */

static int write_view(const char *dir, const char *name, const Camera *c, uint64_t seed)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        fprintf(stderr, "gen_sample: %s: path too long\n", dir);
        return 1;
    }
    unsigned char *img = render_view(c, seed, NULL);
    if (!img) {
        fprintf(stderr, "gen_sample: out of memory rendering %s\n", name);
        return 1;
    }
    int ok = stbi_write_jpg(path, c->w, c->h, 3, img, JPEG_QUALITY);
    free(img);
    if (!ok) {
        fprintf(stderr, "gen_sample: %s: cannot write (does the directory exist?)\n", path);
        return 1;
    }
    printf("wrote %s\n", path);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--truth")) {
        scar_init();
        return write_truth(argv[2]) || write_view_truths(argv[2]);
    }
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: gen_sample DIR | gen_sample --truth DIR\n"
                        "  writes DIR/sample_front.jpg, DIR/sample_top.jpg and DIR/sample_back.jpg\n"
                        "  --truth: DIR/truth_*.png, test photos with their head and hair masks\n");
        return 2;
    }
    scar_init();
    lights_init(VIEW_FRONT);
    Camera front = camera_front(), top = camera_top(), back = camera_back();
    if (write_view(argv[1], "sample_front.jpg", &front, 0x5eed0001ull)) return 1;
    if (write_view(argv[1], "sample_top.jpg", &top, 0x5eed0002ull)) return 1;
    lights_init(VIEW_BACK);
    if (write_view(argv[1], "sample_back.jpg", &back, 0x5eed0003ull)) return 1;
    print_landmarks(&front, &top);
    print_landmarks_back(&back);
    return 0;
}
