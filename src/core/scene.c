/* scene.c - the engine: a plan on a photo of a given size turned into dots, updated part by part after edits. */
#include "scene.h"

#include "density.h"
#include "hash.h"
#include "head3d_dots.h"
#include "scalp_views.h"
#include "pigment.h"
#include "scar_spots.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846
#define DEG (PI / 180.0)
/* How far behind the hairline its direction still steers the dots. */
#define HAIRLINE_STEER_MM 20.0
/* Side of the square buckets candidates are filed in, so an edit can find the
 * ones near the part of the hairline that moved (~25 candidates each). */
#define BUCKET_MM 4.0
/* Memory the per-candidate arrays may take. A head photo covers well under a
 * square metre (a few million candidates); a mis-set scale (10 px for 63 mm)
 * would ask for tens of gigabytes: refused before anything is allocated. */
#define SCENE_CANDIDATE_BUDGET_BYTES ((size_t)512 << 20)
/* Size and darkness of a dot where the hairline ramp starts (ramp 0), relative
 * to one deep in the treated area (ramp 1); linear in between. */
#define FEATHER_MIN_SIZE 0.75f
#define FEATHER_MIN_DARKNESS 0.7f
/* Scar compensation (docs/pigment.md, Scars): on scar tissue the density share
 * rises (capped by the field's maximum), and dots grow and darken by these
 * fractions, to make up for the paler base. */
#define SCAR_DENSITY_GAIN 0.6
#define SCAR_SIZE_GAIN 0.35
#define SCAR_DARK_GAIN 0.4

/* A candidate's own randomness, fixed by its id and the plan seed, already
 * shaped by the plan's dot settings and stage. */
typedef struct CandidateLook {
    float diameter_mm, elongation, angle_jitter_deg, darkness, softness_mm;
    float growth_deg; /* from the whorl / front direction, before the hairline steers it */
    float stray;      /* -1..1: how far ahead of the line this one may stray */
    double growth_c2, growth_s2; /* cos, sin of twice growth_deg, for blending */
} CandidateLook;

struct SmpScene {
    int photo_w, photo_h;
    double ppm;
    bool built;         /* the density field is up to date with ppm */
    bool cands_built;   /* the candidate arrays exist (only while dots can show) */
    bool had_hairline;
    CandidateSet cands;
    DensityField *density;
    float *threshold;   /* per candidate: density share before the hairline ramp */
    float *scar;        /* per candidate: scar tissue 0..1 */
    CandidateLook *look;
    uint8_t *shown;     /* per candidate: visible after the last update */
    float *angle;       /* per candidate: its dot's angle, where shown */
    int buckets_x, buckets_y;
    int *bucket_start;  /* candidates of bucket b: bucket_items[bucket_start[b] .. bucket_start[b + 1]) */
    int *bucket_items;
    PlanHairline hairline;
    double density_cm2; /* the plan's density for the session shown */
    ScarSpotList spots; /* FUE scars found in the photo: one extra dot each */
    float scar_dark, scar_soft_mm; /* the look of a dot on scar tissue */
    DotList dots;
    bool has_head;      /* a fitted 3D head: dots foreshortened (scene_set_head) */
    bool head_dirty;    /* the head changed since the thresholds were computed */
    Head3D head;
    HeadDotWarp *warp;  /* per candidate, only while has_head */
    bool has_views;     /* one chart of several (scene_set_views) */
    int view;           /* which: it draws only the skin this view owns */
    ScalpViews views;
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

/* Frees the per-candidate arrays: a plan that can show no dot keeps none. */
static void scene_drop_cands(SmpScene *s)
{
    candidates_free(&s->cands);
    free(s->threshold);
    free(s->scar);
    free(s->look);
    free(s->shown);
    free(s->angle);
    free(s->warp);
    s->warp = NULL;
    free(s->bucket_start);
    free(s->bucket_items);
    s->threshold = s->scar = s->angle = NULL;
    s->look = NULL;
    s->shown = NULL;
    s->bucket_start = s->bucket_items = NULL;
    s->cands_built = false;
    s->dots.count = 0;
}

static void scene_release(SmpScene *s)
{
    scene_drop_cands(s);
    density_destroy(s->density);
    s->density = NULL;
    s->built = false;
}

void scene_destroy(SmpScene *s)
{
    if (!s)
        return;
    scene_release(s);
    dots_free(&s->dots);
    scar_spots_free(&s->spots);
    free(s);
}

const DotList *scene_dots(const SmpScene *s) { return &s->dots; }

bool scene_set_scar_spots(SmpScene *s, const ScarSpotList *spots, SmpError *err)
{
    const size_t n = (size_t)(spots->count > 0 ? spots->count : 0);
    ScarSpot *copy = n ? malloc(n * sizeof *copy) : NULL;
    if (n && !copy)
        return smp_fail(err, "out of memory for %zu scar spots", n);
    if (n)
        memcpy(copy, spots->items, n * sizeof *copy);
    scar_spots_free(&s->spots);
    s->spots.items = copy;
    s->spots.count = (int)n;
    return true;
}

/* One dot on each FUE scar that lies on painted scar tissue of the current plan. */
static void append_spot_dots(SmpScene *s, const SmpPlan *plan)
{
    for (int k = 0; k < s->spots.count && s->dots.count < s->dots.capacity; k++) {
        const ScarSpot *sp = &s->spots.items[k];
        DensitySample ds;
        density_sample(s->density, sp->x_mm, sp->y_mm, &ds);
        if (ds.scar <= 0.0f)
            continue;
        scar_spots_dot(sp, k, plan, s->scar_dark, s->scar_soft_mm, &s->dots.items[s->dots.count++]);
    }
}
double scene_px_per_mm(const SmpScene *s) { return s->ppm; }
int scene_candidate_count(const SmpScene *s) { return s->cands.count; }

static int bucket_of(const SmpScene *s, const Candidate *c)
{
    int bx = (int)(c->x_mm / BUCKET_MM), by = (int)(c->y_mm / BUCKET_MM);
    bx = bx < 0 ? 0 : bx >= s->buckets_x ? s->buckets_x - 1 : bx;
    by = by < 0 ? 0 : by >= s->buckets_y ? s->buckets_y - 1 : by;
    return by * s->buckets_x + bx;
}

/* A counting sort of the candidates by bucket (in index order within each). */
static void file_in_buckets(SmpScene *s)
{
    int nb = s->buckets_x * s->buckets_y;
    for (int i = 0; i < s->cands.count; i++)
        s->bucket_start[bucket_of(s, &s->cands.items[i]) + 1]++;
    for (int b = 0; b < nb; b++)
        s->bucket_start[b + 1] += s->bucket_start[b];
    for (int i = 0; i < s->cands.count; i++) {
        int *next = &s->bucket_start[bucket_of(s, &s->cands.items[i])];
        s->bucket_items[(*next)++] = i;
    }
    /* Each start was advanced to the next bucket's: shift them back. */
    for (int b = nb; b > 0; b--)
        s->bucket_start[b] = s->bucket_start[b - 1];
    s->bucket_start[0] = 0;
}

size_t scene_bytes_per_candidate(void)
{
    return sizeof(Candidate) + 3 * sizeof(float) /* threshold, scar, angle */ + sizeof(CandidateLook) +
           sizeof(uint8_t) /* shown */ + sizeof(int) /* bucket_items */;
}

/* Refuses, before allocating, a scale that would need more candidate memory
 * than the budget; the message names the scale so the user can fix it. */
static bool scene_check_budget(double ppm, double w_mm, double h_mm, SmpError *err)
{
    size_t count;
    if (!candidates_count(w_mm, h_mm, &count, err))
        return false;
    size_t per = scene_bytes_per_candidate();
    if (count > SCENE_CANDIDATE_BUDGET_BYTES / per)
        return smp_fail(err,
                        "the scale (%.3g px/mm) makes the photo %.0f x %.0f mm: its %zu candidate dots would need "
                        "%.1f GB, over the %zu MB limit; check the scale",
                        ppm, w_mm, h_mm, count, (double)count * per / 1e9, SCENE_CANDIDATE_BUDGET_BYTES >> 20);
    return true;
}

/* The density field for a new scale; candidates come later, if dots can show. */
static bool scene_build_field(SmpScene *s, double ppm, SmpError *err)
{
    scene_release(s);
    s->ppm = ppm;
    if (!density_create(s->photo_w / ppm, s->photo_h / ppm, &s->density, err))
        return false;
    s->built = true;
    return true;
}

/* The candidate field and its per-candidate arrays, within the budget. The
 * dot list is not sized here: it grows to the visible dots (update_visible). */
static bool scene_build_cands(SmpScene *s, SmpError *err)
{
    double w = s->photo_w / s->ppm, h = s->photo_h / s->ppm;
    if (!scene_check_budget(s->ppm, w, h, err) || !candidates_build(w, h, &s->cands, err))
        return false;
    size_t n = (size_t)s->cands.count + 1;
    s->threshold = malloc(n * sizeof *s->threshold);
    s->scar = malloc(n * sizeof *s->scar);
    s->look = malloc(n * sizeof *s->look);
    s->shown = malloc(n * sizeof *s->shown);
    s->angle = malloc(n * sizeof *s->angle);
    s->buckets_x = (int)ceil(w / BUCKET_MM);
    s->buckets_y = (int)ceil(h / BUCKET_MM);
    size_t nb = (size_t)s->buckets_x * s->buckets_y;
    s->bucket_start = calloc(nb + 1, sizeof *s->bucket_start);
    s->bucket_items = malloc(n * sizeof *s->bucket_items);
    if (!s->threshold || !s->scar || !s->look || !s->shown || !s->angle || !s->bucket_start || !s->bucket_items) {
        int count = s->cands.count;
        scene_drop_cands(s);
        return smp_fail(err, "out of memory for %d candidate dots", count);
    }
    file_in_buckets(s);
    s->cands_built = true;
    return true;
}

/* Whether the plan can show any dot: a hairline, or a painted area that adds
 * treatment. A superset of what the density decides, known before building. */
static bool plan_may_show(const SmpPlan *plan)
{
    if (plan->hairline.count > 0)
        return true;
    for (int i = 0; i < plan->region_count; i++)
        if (plan->regions[i].kind != REGION_EXCLUDE && !plan->regions[i].erase)
            return true;
    return false;
}

void scene_set_head(SmpScene *s, const Head3D *head)
{
    s->has_head = head != NULL;
    if (head)
        s->head = *head;
    free(s->warp);
    s->warp = NULL;
    s->head_dirty = true;
}

void scene_set_views(SmpScene *s, const ScalpViews *views, int view)
{
    s->has_views = views != NULL;
    if (views)
        s->views = *views, s->view = view;
    s->head_dirty = true;
}

/* False where the skin at photo mm (x, y) belongs to another view's chart. */
static bool owns_skin(const SmpScene *s, double x_mm, double y_mm)
{
    vec3s u;
    return !s->has_views ||
           (head3d_unproject(&s->head, (float)(x_mm * s->ppm), (float)(y_mm * s->ppm), &u) &&
            scalp_owner(&s->views, u) == s->view);
}

/* With a fitted head: each candidate's warp, and its share scaled from skin to image
 * density (head3d_dots.h); none where another view's chart has the skin. */
static bool apply_head(SmpScene *s, SmpError *err)
{
    if (!s->warp && !(s->warp = malloc(((size_t)s->cands.count + 1) * sizeof *s->warp)))
        return smp_fail(err, "out of memory for %d candidate dots", s->cands.count);
    for (int i = 0; i < s->cands.count; i++) {
        const Candidate *c = &s->cands.items[i];
        head3d_dot_warp(&s->head, s->ppm, c->x_mm, c->y_mm, &s->warp[i]);
        if (s->warp[i].gain > 0.0f && !owns_skin(s, c->x_mm, c->y_mm))
            s->warp[i].gain = 0.0f;
        s->threshold[i] *= s->warp[i].gain;
    }
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
        /* Scar tissue is paler: practitioners pack dots more densely there. */
        s->threshold[i] = (float)(share * ds.coverage * (1.0 + SCAR_DENSITY_GAIN * ds.scar));
        s->scar[i] = ds.scar;
    }
}

static double smoothstep(double e0, double e1, double x)
{
    double t = (x - e0) / (e1 - e0);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return t * t * (3 - 2 * t);
}

/* How far hair turns around the whorl at distance r_mm from it: 80 degrees at its
 * centre, none beyond its radius; + clockwise. */
static double whorl_swirl_deg(const PlanGrowth *g, double r_mm)
{
    double swirl = 80.0 * (1.0 - smoothstep(0.0, g->whorl_radius_mm, r_mm));
    return g->whorl_clockwise ? swirl : -swirl;
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
    /* Angles grow clockwise on screen (y down). */
    return radial + whorl_swirl_deg(g, r);
}

/* Each candidate's growth direction: in the photo's plane, or with a fitted head away
 * from the whorl along the scalp, projected through the camera (head3d_dots.h). */
static void update_growth(SmpScene *s, const SmpPlan *plan)
{
    const PlanGrowth *g = &plan->growth;
    vec3s whorl = { { 0, 0, 0 } };
    if (s->has_head) whorl = head3d_whorl_dir(&s->head, g->has_whorl, (float)g->whorl.x, (float)g->whorl.y);
    for (int i = 0; i < s->cands.count; i++) {
        const Candidate *c = &s->cands.items[i];
        CandidateLook *l = &s->look[i];
        HeadFlow f;
        if (s->has_head && s->warp[i].gain > 0.0f && head3d_flow_at(&s->head, s->ppm, c->x_mm, c->y_mm, whorl, &f))
            l->growth_deg = head3d_flow_angle_deg(&s->head, &f, &s->warp[i], whorl_swirl_deg(g, f.dist_mm));
        else
            l->growth_deg = (float)growth_angle_deg(plan, s->ppm, c->x_mm, c->y_mm);
        l->growth_c2 = cos(2 * l->growth_deg * DEG);
        l->growth_s2 = sin(2 * l->growth_deg * DEG);
    }
}

static void update_looks(SmpScene *s, const SmpPlan *plan)
{
    PigmentLook pl;
    pigment_look(plan, &pl);
    const PlanDots *pd = &plan->dots;
    double tone = pigment_session_tone(plan->session, plan->sessions);
    /* Shade 0 is a very diluted grey, 1 undiluted black. */
    double base_dark = (0.35 + 0.6 * plan->pigment.shade) * tone * pl.darkness_scale;
    s->scar_dark = (float)fmin(0.97, base_dark * (1.0 + SCAR_DARK_GAIN));
    s->scar_soft_mm = (float)(pl.softness_mm + 0.05);
    for (int i = 0; i < s->cands.count; i++) {
        const Candidate *c = &s->cands.items[i];
        uint64_t key = hash_combine(c->id, plan->seed);
        CandidateLook *l = &s->look[i];
        double u_size = hash_channel(key, 0), u_dark = hash_channel(key, 2);
        double u_ang = hash_channel(key, 3) + hash_channel(key, 4) - 1.0; /* triangular -1..1 */
        l->diameter_mm = (float)((pd->diameter_min_mm + (pd->diameter_max_mm - pd->diameter_min_mm) * u_size) *
                                 pl.size_scale * (1.0 + SCAR_SIZE_GAIN * s->scar[i]));
        l->elongation = (float)fmax(1.0, 1.0 + (pd->elongation - 1.0) * (0.5 + hash_channel(key, 1)));
        l->angle_jitter_deg = (float)(pd->angle_spread_deg * u_ang);
        /* Scar tissue holds pigment less crisply; its paler base gets a darker blend. */
        double dark = base_dark * (0.72 + 0.56 * u_dark) * (1.0 + SCAR_DARK_GAIN * s->scar[i]);
        l->darkness = (float)(dark < 0 ? 0 : dark > 0.97 ? 0.97 : dark);
        l->softness_mm = (float)(pl.softness_mm * (0.8 + 0.4 * hash_channel(key, 5)) + 0.05 * s->scar[i]);
        l->stray = (float)(hash_channel(key, 6) * 2.0 - 1.0);
    }
}

/* The dot's angle: its growth direction, steered toward the hairline's normal
 * near the line. Orientation is axial (an ellipse at 10 deg is the one at 190
 * deg), so directions blend as doubled-angle vectors. */
static float dot_angle(const SmpScene *s, int i, double signed_mm, double reach_mm)
{
    const Candidate *c = &s->cands.items[i];
    const CandidateLook *l = &s->look[i];
    double angle = l->growth_deg;
    double a = fabs(signed_mm), nx, ny;
    /* Beyond the reach the normal is distorted by the band's clamping (and absent
     * further out): fade steering out before it, so no seam shows at the edge. */
    if (a < reach_mm && density_hairline_normal(s->density, c->x_mm, c->y_mm, &nx, &ny)) {
        double w = exp(-fmax(signed_mm, 0.0) / HAIRLINE_STEER_MM) * (1.0 - smoothstep(0.5 * reach_mm, reach_mm, a));
        double x = (1 - w) * l->growth_c2 + w * (nx * nx - ny * ny); /* cos, sin of twice the normal */
        double y = (1 - w) * l->growth_s2 + w * (2 * nx * ny);
        angle = atan2(y, x) / DEG / 2.0;
    }
    angle = fmod(angle + l->angle_jitter_deg, 180.0);
    if (angle < 0)
        angle += 180.0;
    return (float)(angle >= 180.0 ? 0.0 : angle);
}

/* Whether candidate i shows, and its angle if so. Full and partial updates both
 * come here, so they agree bit for bit. */
static void evaluate(SmpScene *s, int i, bool hairline, double stray_mm, double reach_mm)
{
    const Candidate *c = &s->cands.items[i];
    float t = s->threshold[i];
    s->shown[i] = 0;
    if (c->rank >= t)
        return; /* cheap reject: the ramp never raises the share */
    double sd = 1e9, ramp = 1.0;
    if (hairline) {
        sd = density_signed_mm(s->density, c->x_mm, c->y_mm);
        ramp = density_hairline_ramp(&s->hairline, sd + stray_mm * s->look[i].stray);
        if (c->rank >= t * ramp)
            return;
    }
    /* Shown, with where it sits on the ramp (1..255) for the feathering. */
    s->shown[i] = (uint8_t)(1.0 + 254.0 * (ramp < 0 ? 0 : ramp > 1 ? 1 : ramp) + 0.5);
    s->angle[i] = dot_angle(s, i, sd, reach_mm);
}

/* Re-evaluates every candidate, or with `partial` only those in buckets where
 * the hairline's distance field changed; then lists the shown ones in index
 * order. */
static bool update_visible(SmpScene *s, bool partial, SmpError *err)
{
    bool hl = density_has_hairline(s->density);
    double stray_mm = s->hairline.micro_irregularity * DENSITY_STRAY_REACH_MM * 0.5;
    double reach = density_hairline_reach_mm(s->density);
    if (!partial) {
        for (int i = 0; i < s->cands.count; i++)
            evaluate(s, i, hl, stray_mm, reach);
    } else {
        for (int by = 0; by < s->buckets_y; by++)
            for (int bx = 0; bx < s->buckets_x; bx++) {
                if (!density_hairline_changed(s->density, bx * BUCKET_MM, by * BUCKET_MM, (bx + 1) * BUCKET_MM,
                                              (by + 1) * BUCKET_MM))
                    continue;
                int b = by * s->buckets_x + bx;
                for (int k = s->bucket_start[b]; k < s->bucket_start[b + 1]; k++)
                    evaluate(s, s->bucket_items[k], hl, stray_mm, reach);
            }
    }
    s->dots.count = 0;
    int shown = 0;
    for (int i = 0; i < s->cands.count; i++)
        shown += s->shown[i];
    int room = shown + s->spots.count; /* the visible dots and the scar spots', not every candidate */
    if (room > s->dots.capacity) {
        int most = s->cands.count + s->spots.count;
        int cap = room + room / 4 < most ? room + room / 4 : most;
        SmpDot *grown = realloc(s->dots.items, (size_t)cap * sizeof *grown);
        if (!grown)
            return smp_fail(err, "out of memory for %d dots", room);
        s->dots.items = grown;
        s->dots.capacity = cap;
    }
    for (int i = 0; i < s->cands.count; i++) {
        if (!s->shown[i])
            continue;
        const Candidate *c = &s->cands.items[i];
        const CandidateLook *l = &s->look[i];
        SmpDot *d = &s->dots.items[s->dots.count++];
        d->x_mm = c->x_mm;
        d->y_mm = c->y_mm;
        /* Feathering: through the hairline's transition practitioners use
         * smaller needles and diluted pigment, so dots shrink and lighten with
         * the density ramp as well as thinning out. */
        float fade = (float)(s->shown[i] - 1) / 254.0f;
        d->diameter_mm = l->diameter_mm * (FEATHER_MIN_SIZE + (1.0f - FEATHER_MIN_SIZE) * fade);
        d->elongation = l->elongation;
        d->angle_deg = s->angle[i];
        d->darkness = l->darkness * (FEATHER_MIN_DARKNESS + (1.0f - FEATHER_MIN_DARKNESS) * fade);
        d->softness_mm = l->softness_mm;
        d->rank = c->rank;
        d->id = c->id;
        d->visible = 1.0f;
        if (s->has_head)
            head3d_warp_dot(&s->warp[i], &d->diameter_mm, &d->elongation, &d->angle_deg);
    }
    return true;
}

bool scene_update(SmpScene *s, const SmpPlan *plan, unsigned changed, SmpError *err)
{
    double ppm = plan_px_per_mm(plan);
    if (!s->built || ppm != s->ppm) {
        s->dots.count = 0; /* a failed build shows no dots rather than stale ones */
        /* Refused before any allocation when dots could show at this scale. */
        if (plan_may_show(plan) && !scene_check_budget(ppm, s->photo_w / ppm, s->photo_h / ppm, err))
            return false;
        if (!scene_build_field(s, ppm, err))
            return false;
        changed = SCENE_CHANGED_ALL;
    }
    /* Only the hairline's shape moved: the ramp and every other input stay, so
     * only candidates where the distance field changed need a new look. */
    bool partial = changed == SCENE_CHANGED_HAIRLINE &&
                   plan->hairline.transition_mm == s->hairline.transition_mm &&
                   plan->hairline.micro_irregularity == s->hairline.micro_irregularity;
    s->hairline = plan->hairline;
    s->density_cm2 = plan->dots.density * pigment_session_density(plan->session, plan->sessions);
    if (changed & (SCENE_CHANGED_HAIRLINE | SCENE_CHANGED_LOOK)) /* the seed moves the waves */
        density_update_hairline(s->density, plan);
    if (changed & SCENE_CHANGED_REGIONS)
        density_update_regions(s->density, plan);
    bool has_hairline = density_has_hairline(s->density);
    /* Candidates exist only while some dot can show: a photo alone (a new
     * plan) or a plan with only exclusions keeps no per-candidate memory. */
    if (!has_hairline && !density_has_treat(s->density)) {
        scene_drop_cands(s);
        s->had_hairline = has_hairline;
        return true;
    }
    if (!s->cands_built) {
        if (!scene_build_cands(s, err))
            return false;
        changed = SCENE_CHANGED_ALL;
        partial = false;
    }
    /* Without painted regions the hairline decides coverage, so its presence matters. */
    bool rethreshold = changed & (SCENE_CHANGED_REGIONS | SCENE_CHANGED_LOOK) || has_hairline != s->had_hairline;
    bool head_changed = s->head_dirty;
    if (rethreshold || s->head_dirty) {
        update_thresholds(s, plan);
        if (s->has_head && !apply_head(s, err))
            return false;
        partial = partial && !s->head_dirty;
        s->head_dirty = false;
    }
    if (changed & (SCENE_CHANGED_REGIONS | SCENE_CHANGED_LOOK))
        update_looks(s, plan);
    if (changed & (SCENE_CHANGED_REGIONS | SCENE_CHANGED_LOOK) || head_changed)
        update_growth(s, plan);
    partial = partial && has_hairline == s->had_hairline;
    s->had_hairline = has_hairline;
    if (!update_visible(s, partial, err))
        return false;
    append_spot_dots(s, plan);
    return true;
}
