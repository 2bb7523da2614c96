#include "scene.h"

#include "density.h"
#include "hash.h"
#include "pigment.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846
#define DEG (PI / 180.0)
/* How far behind the hairline its direction still steers the dots. */
#define HAIRLINE_STEER_MM 20.0

/* A candidate's own randomness, fixed by its id and the plan seed, already
 * shaped by the plan's dot settings and stage. */
typedef struct CandidateLook {
    float diameter_mm, elongation, angle_jitter_deg, darkness, softness_mm;
    float growth_deg; /* from the whorl / front direction, before the hairline steers it */
    float stray;      /* -1..1: how far ahead of the line this one may stray */
} CandidateLook;

struct SmpScene {
    int photo_w, photo_h;
    double ppm;
    bool built;
    bool had_hairline;
    CandidateSet cands;
    DensityField *density;
    float *threshold;   /* per candidate: density share before the hairline ramp */
    float *scar;        /* per candidate: scar tissue 0..1 */
    CandidateLook *look;
    PlanHairline hairline;
    double density_cm2; /* the plan's density for the session shown */
    DotList dots;
};

bool scene_create(int photo_width, int photo_height, SmpScene **out, SmpError *err)
{
    *out = NULL;
    if (photo_width <= 0 || photo_height <= 0)
        return smp_fail(err, "invalid photo size %dx%d", photo_width, photo_height);
    SmpScene *s = calloc(1, sizeof *s);
    if (!s)
        return smp_fail(err, "out of memory for the scene");
    s->photo_w = photo_width;
    s->photo_h = photo_height;
    *out = s;
    return true;
}

static void scene_release(SmpScene *s)
{
    candidates_free(&s->cands);
    density_destroy(s->density);
    s->density = NULL;
    free(s->threshold);
    free(s->scar);
    free(s->look);
    s->threshold = s->scar = NULL;
    s->look = NULL;
    s->built = false;
}

void scene_destroy(SmpScene *s)
{
    if (!s)
        return;
    scene_release(s);
    dots_free(&s->dots);
    free(s);
}

const DotList *scene_dots(const SmpScene *s) { return &s->dots; }
double scene_px_per_mm(const SmpScene *s) { return s->ppm; }
int scene_candidate_count(const SmpScene *s) { return s->cands.count; }

static bool scene_build(SmpScene *s, double ppm, SmpError *err)
{
    scene_release(s);
    s->ppm = ppm;
    double w = s->photo_w / ppm, h = s->photo_h / ppm;
    if (!candidates_build(w, h, &s->cands, err) || !density_create(w, h, &s->density, err))
        return false;
    size_t n = (size_t)s->cands.count + 1;
    s->threshold = malloc(n * sizeof *s->threshold);
    s->scar = malloc(n * sizeof *s->scar);
    s->look = malloc(n * sizeof *s->look);
    DotList *d = &s->dots;
    if ((size_t)d->capacity < n) {
        SmpDot *grown = realloc(d->items, n * sizeof *grown);
        if (grown) {
            d->items = grown;
            d->capacity = (int)n;
        }
    }
    if (!s->threshold || !s->scar || !s->look || (size_t)d->capacity < n) {
        scene_release(s);
        return smp_fail(err, "out of memory for %d candidate dots", s->cands.count);
    }
    s->built = true;
    return true;
}

/* Density share per candidate from the regions, the density setting and the
 * session: the hairline ramp multiplies it later. */
static void update_thresholds(SmpScene *s, const SmpPlan *plan)
{
    double share = plan->dots.density / CANDIDATES_MAX_DENSITY_CM2 *
                   pigment_session_density(plan->session, plan->sessions);
    for (int i = 0; i < s->cands.count; i++) {
        const Candidate *c = &s->cands.items[i];
        DensitySample ds;
        density_sample(s->density, c->x_mm, c->y_mm, &ds);
        s->threshold[i] = (float)(share * ds.coverage);
        s->scar[i] = ds.scar;
    }
}

static double smoothstep(double e0, double e1, double x)
{
    double t = (x - e0) / (e1 - e0);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return t * t * (3 - 2 * t);
}

/* Hair grows outward from the crown, turning around the whorl near its centre;
 * without a whorl, in the plan's front direction. */
static double growth_angle_deg(const SmpPlan *plan, double ppm, double x_mm, double y_mm)
{
    const PlanGrowth *g = &plan->growth;
    if (!g->has_whorl)
        return g->front_angle_deg;
    double vx = x_mm - g->whorl.x / ppm, vy = y_mm - g->whorl.y / ppm;
    double r = sqrt(vx * vx + vy * vy);
    double radial = atan2(vy, vx) / DEG;
    double swirl = 80.0 * (1.0 - smoothstep(0.0, g->whorl_radius_mm, r));
    /* Angles grow clockwise on screen (y down). */
    return radial + (g->whorl_clockwise ? swirl : -swirl);
}

static void update_looks(SmpScene *s, const SmpPlan *plan)
{
    PigmentLook pl;
    pigment_look(plan, &pl);
    const PlanDots *pd = &plan->dots;
    double tone = pigment_session_tone(plan->session, plan->sessions);
    /* Shade 0 is a very diluted grey, 1 undiluted black. */
    double base_dark = (0.35 + 0.6 * plan->pigment.shade) * tone * pl.darkness_scale;
    for (int i = 0; i < s->cands.count; i++) {
        const Candidate *c = &s->cands.items[i];
        uint64_t key = hash_combine(c->id, plan->seed);
        CandidateLook *l = &s->look[i];
        double u_size = hash_channel(key, 0), u_dark = hash_channel(key, 2);
        double u_ang = hash_channel(key, 3) + hash_channel(key, 4) - 1.0; /* triangular -1..1 */
        l->diameter_mm = (float)((pd->diameter_min_mm + (pd->diameter_max_mm - pd->diameter_min_mm) * u_size) *
                                 pl.size_scale * (1.0 + 0.1 * s->scar[i]));
        l->elongation = (float)fmax(1.0, 1.0 + (pd->elongation - 1.0) * (0.5 + hash_channel(key, 1)));
        l->angle_jitter_deg = (float)(pd->angle_spread_deg * u_ang);
        /* Scar tissue holds pigment less crisply and a little lighter. */
        double dark = base_dark * (0.72 + 0.56 * u_dark) * (1.0 - 0.15 * s->scar[i]);
        l->darkness = (float)(dark < 0 ? 0 : dark > 0.97 ? 0.97 : dark);
        l->softness_mm = (float)(pl.softness_mm * (0.8 + 0.4 * hash_channel(key, 5)) + 0.05 * s->scar[i]);
        l->growth_deg = (float)growth_angle_deg(plan, s->ppm, c->x_mm, c->y_mm);
        l->stray = (float)(hash_channel(key, 6) * 2.0 - 1.0);
    }
}

/* Dot orientation is axial (an ellipse at 10 deg is the one at 190 deg), so
 * directions blend as doubled-angle vectors. */
static double blend_axial_deg(double a_deg, double b_deg, double w)
{
    double x = (1 - w) * cos(2 * a_deg * DEG) + w * cos(2 * b_deg * DEG);
    double y = (1 - w) * sin(2 * a_deg * DEG) + w * sin(2 * b_deg * DEG);
    return atan2(y, x) / DEG / 2.0;
}

static void emit_dot(SmpScene *s, int i, double signed_mm)
{
    const Candidate *c = &s->cands.items[i];
    const CandidateLook *l = &s->look[i];
    double angle = l->growth_deg;
    double nx, ny;
    if (signed_mm < HAIRLINE_STEER_MM * 3 && density_hairline_normal(s->density, c->x_mm, c->y_mm, &nx, &ny)) {
        double w = exp(-fmax(signed_mm, 0.0) / HAIRLINE_STEER_MM);
        angle = blend_axial_deg(angle, atan2(ny, nx) / DEG, w);
    }
    angle = fmod(angle + l->angle_jitter_deg, 180.0);
    if (angle < 0)
        angle += 180.0;
    SmpDot *d = &s->dots.items[s->dots.count++];
    d->x_mm = c->x_mm;
    d->y_mm = c->y_mm;
    d->diameter_mm = l->diameter_mm;
    d->elongation = l->elongation;
    d->angle_deg = (float)(angle >= 180.0 ? 0.0 : angle);
    d->darkness = l->darkness;
    d->softness_mm = l->softness_mm;
    d->rank = c->rank;
    d->id = c->id;
}

static void update_visible(SmpScene *s)
{
    bool hl = density_has_hairline(s->density);
    double stray_mm = s->hairline.micro_irregularity * DENSITY_STRAY_REACH_MM * 0.5;
    s->dots.count = 0;
    for (int i = 0; i < s->cands.count; i++) {
        float t = s->threshold[i];
        const Candidate *c = &s->cands.items[i];
        if (c->rank >= t)
            continue; /* cheap reject: the ramp never raises the share */
        double sd = 1e9;
        if (hl) {
            DensitySample ds;
            density_sample(s->density, c->x_mm, c->y_mm, &ds);
            sd = ds.signed_mm;
            if (c->rank >= t * density_hairline_ramp(&s->hairline, sd + stray_mm * s->look[i].stray))
                continue;
        }
        emit_dot(s, i, sd);
    }
}

bool scene_update(SmpScene *s, const SmpPlan *plan, unsigned changed, SmpError *err)
{
    double ppm = plan_px_per_mm(plan);
    if (!s->built || ppm != s->ppm) {
        if (!scene_build(s, ppm, err))
            return false;
        changed = SCENE_CHANGED_ALL;
    }
    s->hairline = plan->hairline;
    s->density_cm2 = plan->dots.density * pigment_session_density(plan->session, plan->sessions);
    if (changed & (SCENE_CHANGED_HAIRLINE | SCENE_CHANGED_LOOK)) /* the seed moves the waves */
        density_update_hairline(s->density, plan);
    if (changed & SCENE_CHANGED_REGIONS)
        density_update_regions(s->density, plan);
    bool has_hairline = density_has_hairline(s->density);
    /* Without painted regions the hairline decides coverage, so its presence matters. */
    if (changed & (SCENE_CHANGED_REGIONS | SCENE_CHANGED_LOOK) || has_hairline != s->had_hairline)
        update_thresholds(s, plan);
    if (changed & (SCENE_CHANGED_REGIONS | SCENE_CHANGED_LOOK))
        update_looks(s, plan);
    s->had_hairline = has_hairline;
    update_visible(s);
    return true;
}

double scene_density_at_px(const SmpScene *s, double x_px, double y_px)
{
    if (!s->built)
        return 0;
    double x = x_px / s->ppm, y = y_px / s->ppm;
    DensitySample ds;
    density_sample(s->density, x, y, &ds);
    double ramp = density_has_hairline(s->density) ? density_hairline_ramp(&s->hairline, ds.signed_mm) : 1.0;
    return s->density_cm2 * ds.coverage * ramp;
}
