/* plan.c - the treatment plan: defaults, copies, regions, styles, scale and comparison. */
#include "plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smp_assert.h"

static const char *const STAGE_NAMES[STAGE_COUNT] = {"fresh", "healed", "aged"};
static const char *const STYLE_NAMES[HAIRLINE_STYLE_COUNT] = {"soft", "broken", "edged", "mature"};
static const char *const KIND_NAMES[REGION_KIND_COUNT] = {"treat", "exclude", "scar"};

void plan_init(SmpPlan *plan)
{
    memset(plan, 0, sizeof *plan);
    plan->version = PLAN_FORMAT_VERSION;
    plan->scale.distance_mm = 63.0; /* adult interpupillary distance */
    plan->hairline.symmetric = false;
    plan_apply_style(plan, HAIRLINE_SOFT);
    plan->edge_blend_mm = PLAN_DEFAULT_EDGE_BLEND_MM;
    plan->growth.front_angle_deg = 90.0; /* down the image: forward on a front photo */
    plan->growth.whorl_clockwise = true;
    plan->growth.whorl_radius_mm = 40.0;
    plan->dots.density = 90.0;
    plan->dots.diameter_min_mm = 0.35;
    plan->dots.diameter_max_mm = 0.75;
    plan->dots.elongation = 1.15;
    plan->dots.angle_spread_deg = 25.0;
    plan->pigment.shade = 0.7;
    plan->pigment.warmth = 0.0;
    plan->sessions = 3;
    plan->session = 3;
    plan->stage = STAGE_HEALED;
    plan->aged_years = 4.0;
    plan->seed = 1;
}

void plan_free(SmpPlan *plan)
{
    for (int i = 0; i < plan->region_count; i++)
        free(plan->regions[i].points);
    for (int i = 0; i < plan->head_correction_count; i++)
        free(plan->head_corrections[i].points);
    plan_init(plan);
}

/* A malloc'ed copy of n points (NULL when n is 0 or memory runs out). */
static PlanPoint *points_dup(const PlanPoint *src, int n)
{
    PlanPoint *p = n > 0 ? malloc(sizeof *p * (size_t)n) : NULL;
    if (p)
        memcpy(p, src, sizeof *p * (size_t)n);
    return p;
}

bool plan_copy(const SmpPlan *src, SmpPlan *dst, SmpError *err)
{
    *dst = *src;
    for (int i = 0; i < src->region_count; i++)
        dst->regions[i].points = NULL;
    for (int i = 0; i < src->head_correction_count; i++)
        dst->head_corrections[i].points = NULL;
    bool ok = true;
    for (int i = 0; i < src->region_count && ok; i++)
        ok = src->regions[i].count == 0 ||
             (dst->regions[i].points = points_dup(src->regions[i].points, src->regions[i].count)) != NULL;
    for (int i = 0; i < src->head_correction_count && ok; i++)
        ok = (dst->head_corrections[i].points =
                  points_dup(src->head_corrections[i].points, src->head_corrections[i].count)) != NULL;
    if (!ok) {
        plan_free(dst);
        return smp_fail(err, "out of memory copying the plan");
    }
    return true;
}

/* Plans are compared field by field, never with memcmp over a struct: padding
 * and pointer values differ between equal plans. */
static bool points_equal(const PlanPoint *a, const PlanPoint *b, int n)
{
    for (int i = 0; i < n; i++)
        if (a[i].x != b[i].x || a[i].y != b[i].y)
            return false;
    return true;
}

static bool photo_equal(const SmpPlan *a, const SmpPlan *b)
{
    return a->version == b->version && strcmp(a->photo_path, b->photo_path) == 0 &&
           strcmp(a->photo_hash, b->photo_hash) == 0 && a->photo_width == b->photo_width &&
           a->photo_height == b->photo_height;
}

static bool scale_equal(const PlanScale *a, const PlanScale *b)
{
    return a->set == b->set && (!a->set || (points_equal(&a->a, &b->a, 1) && points_equal(&a->b, &b->b, 1) &&
                                            a->distance_mm == b->distance_mm));
}

/* An optional point: equal when both are absent or both sit at the same place. */
static bool opt_point_equal(bool has_a, const PlanPoint *a, bool has_b, const PlanPoint *b)
{
    return has_a == has_b && (!has_a || points_equal(a, b, 1));
}

static bool landmarks_equal(const PlanLandmarks *a, const PlanLandmarks *b)
{
    return opt_point_equal(a->has_glabella, &a->glabella, b->has_glabella, &b->glabella) &&
           opt_point_equal(a->has_eye_left, &a->eye_left, b->has_eye_left, &b->eye_left) &&
           opt_point_equal(a->has_eye_right, &a->eye_right, b->has_eye_right, &b->eye_right) &&
           opt_point_equal(a->has_ear_left, &a->ear_left, b->has_ear_left, &b->ear_left) &&
           opt_point_equal(a->has_ear_right, &a->ear_right, b->has_ear_right, &b->ear_right);
}

static bool midline_equal(const PlanLandmarks *a, const PlanLandmarks *b)
{
    return a->has_midline == b->has_midline &&
           (!a->has_midline || (points_equal(&a->midline_a, &b->midline_a, 1) &&
                                points_equal(&a->midline_b, &b->midline_b, 1)));
}

static bool hairline_equal(const PlanHairline *a, const PlanHairline *b)
{
    return a->count == b->count && points_equal(a->points, b->points, a->count) && a->symmetric == b->symmetric &&
           a->style == b->style && a->transition_mm == b->transition_mm &&
           a->macro_irregularity == b->macro_irregularity && a->micro_irregularity == b->micro_irregularity;
}

static bool regions_equal(const SmpPlan *a, const SmpPlan *b)
{
    if (a->region_count != b->region_count || a->edge_blend_mm != b->edge_blend_mm ||
        a->only_painted != b->only_painted)
        return false;
    for (int i = 0; i < a->region_count; i++) {
        const PlanRegion *p = &a->regions[i], *q = &b->regions[i];
        if (p->kind != q->kind || p->shape != q->shape || p->erase != q->erase || p->radius_mm != q->radius_mm ||
            p->view != q->view || p->count != q->count || !points_equal(p->points, q->points, p->count))
            return false;
    }
    return true;
}

static bool corrections_equal(const SmpPlan *a, const SmpPlan *b)
{
    if (a->head_correction_count != b->head_correction_count)
        return false;
    for (int i = 0; i < a->head_correction_count; i++) {
        const HeadCorrection *p = &a->head_corrections[i], *q = &b->head_corrections[i];
        if (p->head != q->head || p->radius_px != q->radius_px || p->count != q->count || p->view != q->view ||
            !points_equal(p->points, q->points, p->count))
            return false;
    }
    return true;
}

static bool head_equal(const PlanHead *a, const PlanHead *b)
{
    if (a->set != b->set)
        return false;
    if (!a->set) /* a label chosen for a head not fitted yet counts; a guessed one does not */
        return a->view_chosen == b->view_chosen && (!a->view_chosen || a->view == b->view);
    return a->view == b->view && a->yaw_deg == b->yaw_deg && a->pitch_deg == b->pitch_deg &&
           a->roll_deg == b->roll_deg && a->size == b->size && a->focal_px == b->focal_px &&
           memcmp(a->centre_mm, b->centre_mm, sizeof a->centre_mm) == 0;
}

static bool view_equal(const PlanView *a, const PlanView *b)
{
    return strcmp(a->photo_path, b->photo_path) == 0 && strcmp(a->photo_hash, b->photo_hash) == 0 &&
           a->photo_width == b->photo_width && a->photo_height == b->photo_height &&
           strcmp(a->label, b->label) == 0 && head_equal(&a->head, &b->head);
}

/* View 0's label and every other view. */
static bool views_equal(const SmpPlan *a, const SmpPlan *b)
{
    if (strcmp(a->photo_label, b->photo_label) != 0 || a->extra_view_count != b->extra_view_count)
        return false;
    for (int i = 0; i < a->extra_view_count; i++)
        if (!view_equal(&a->extra_views[i], &b->extra_views[i]))
            return false;
    return true;
}

static bool consent_equal(const PlanConsent *a, const PlanConsent *b)
{
    return a->recorded == b->recorded &&
           (!a->recorded || (a->marketing == b->marketing && strcmp(a->date, b->date) == 0));
}

/* Growth, dots, pigment, sessions, stage and seed: how the dots look. */
static bool look_equal(const SmpPlan *a, const SmpPlan *b)
{
    const PlanGrowth *g = &a->growth, *h = &b->growth;
    const PlanDots *d = &a->dots, *e = &b->dots;
    return g->front_angle_deg == h->front_angle_deg && opt_point_equal(g->has_whorl, &g->whorl, h->has_whorl, &h->whorl) &&
           g->whorl_clockwise == h->whorl_clockwise && g->whorl_radius_mm == h->whorl_radius_mm &&
           d->density == e->density && d->diameter_min_mm == e->diameter_min_mm &&
           d->diameter_max_mm == e->diameter_max_mm && d->elongation == e->elongation &&
           d->angle_spread_deg == e->angle_spread_deg && a->pigment.shade == b->pigment.shade &&
           a->pigment.warmth == b->pigment.warmth && a->sessions == b->sessions && a->session == b->session &&
           a->stage == b->stage && a->aged_years == b->aged_years && a->seed == b->seed;
}

unsigned plan_diff(const SmpPlan *a, const SmpPlan *b)
{
    /* The parser and the editor keep counts within the arrays. */
    SMP_ASSERT(a->hairline.count >= 0 && a->hairline.count <= PLAN_MAX_HAIRLINE_POINTS);
    SMP_ASSERT(b->hairline.count >= 0 && b->hairline.count <= PLAN_MAX_HAIRLINE_POINTS);
    SMP_ASSERT(a->region_count >= 0 && a->region_count <= PLAN_MAX_REGIONS);
    SMP_ASSERT(b->region_count >= 0 && b->region_count <= PLAN_MAX_REGIONS);
    SMP_ASSERT(a->head_correction_count >= 0 && a->head_correction_count <= PLAN_MAX_HEAD_CORRECTIONS);
    SMP_ASSERT(b->head_correction_count >= 0 && b->head_correction_count <= PLAN_MAX_HEAD_CORRECTIONS);
    SMP_ASSERT(a->extra_view_count >= 0 && a->extra_view_count < PLAN_MAX_VIEWS);
    SMP_ASSERT(b->extra_view_count >= 0 && b->extra_view_count < PLAN_MAX_VIEWS);
    unsigned d = 0;
    d |= photo_equal(a, b) ? 0u : PLAN_PART_PHOTO;
    d |= scale_equal(&a->scale, &b->scale) ? 0u : PLAN_PART_SCALE;
    d |= landmarks_equal(&a->landmarks, &b->landmarks) ? 0u : PLAN_PART_LANDMARKS;
    d |= midline_equal(&a->landmarks, &b->landmarks) ? 0u : PLAN_PART_MIDLINE;
    d |= hairline_equal(&a->hairline, &b->hairline) ? 0u : PLAN_PART_HAIRLINE;
    d |= regions_equal(a, b) ? 0u : PLAN_PART_REGIONS;
    d |= look_equal(a, b) ? 0u : PLAN_PART_LOOK;
    d |= head_equal(&a->head, &b->head) ? 0u : PLAN_PART_HEAD;
    d |= consent_equal(&a->consent, &b->consent) ? 0u : PLAN_PART_CONSENT;
    d |= corrections_equal(a, b) ? 0u : PLAN_PART_HEAD_CORRECTIONS;
    d |= views_equal(a, b) ? 0u : PLAN_PART_VIEWS;
    d |= strcmp(a->client, b->client) == 0 ? 0u : PLAN_PART_CLIENT;
    return d;
}

bool plan_equal(const SmpPlan *a, const SmpPlan *b) { return plan_diff(a, b) == 0; }

bool plan_add_view(SmpPlan *plan, const PlanView *view, SmpError *err)
{
    if (plan->extra_view_count >= PLAN_MAX_VIEWS - 1)
        return smp_fail(err, "too many views (the limit is %d photos)", PLAN_MAX_VIEWS);
    plan->extra_views[plan->extra_view_count++] = *view;
    return true;
}

int plan_view_count(const SmpPlan *plan) { return 1 + plan->extra_view_count; }

PlanView plan_view(const SmpPlan *plan, int n)
{
    SMP_ASSERT(n >= 0 && n < plan_view_count(plan));
    if (n > 0)
        return plan->extra_views[n - 1];
    PlanView v = {.photo_width = plan->photo_width, .photo_height = plan->photo_height, .head = plan->head};
    snprintf(v.photo_path, sizeof v.photo_path, "%s", plan->photo_path);
    snprintf(v.photo_hash, sizeof v.photo_hash, "%s", plan->photo_hash);
    snprintf(v.label, sizeof v.label, "%s", plan->photo_label);
    return v;
}

bool plan_add_region(SmpPlan *plan, PlanRegionKind kind, PlanRegionShape shape, bool erase,
                     double radius_mm, const PlanPoint *points, int count, SmpError *err)
{
    if (plan->region_count >= PLAN_MAX_REGIONS)
        return smp_fail(err, "too many regions (the limit is %d)", PLAN_MAX_REGIONS);
    if (count < 1 || count > PLAN_MAX_REGION_POINTS)
        return smp_fail(err, "a region needs 1 to %d points, not %d", PLAN_MAX_REGION_POINTS, count);
    PlanPoint *p = points_dup(points, count);
    if (!p)
        return smp_fail(err, "out of memory adding a region");
    PlanRegion *r = &plan->regions[plan->region_count++];
    r->kind = kind;
    r->shape = shape;
    r->erase = erase;
    r->radius_mm = radius_mm;
    r->view = 0; /* callers painting another view set it */
    r->count = count;
    r->points = p;
    return true;
}

bool plan_add_head_correction(SmpPlan *plan, bool head, double radius_px, const PlanPoint *points, int count,
                              SmpError *err)
{
    if (plan->head_correction_count >= PLAN_MAX_HEAD_CORRECTIONS)
        return smp_fail(err, "too many head corrections (the limit is %d)", PLAN_MAX_HEAD_CORRECTIONS);
    if (count < 1 || count > PLAN_MAX_CORRECTION_POINTS)
        return smp_fail(err, "a head correction needs 1 to %d points, not %d", PLAN_MAX_CORRECTION_POINTS, count);
    if (!(radius_px >= 0.5 && radius_px <= PLAN_MAX_CORRECTION_RADIUS_PX))
        return smp_fail(err, "a head correction's radius must be 0.5 to %g px", PLAN_MAX_CORRECTION_RADIUS_PX);
    PlanPoint *p = points_dup(points, count);
    if (!p)
        return smp_fail(err, "out of memory adding a head correction");
    plan->head_corrections[plan->head_correction_count++] = (HeadCorrection){head, radius_px, count, p, 0};
    return true;
}

bool plan_adds_treatment(const SmpPlan *plan)
{
    for (int i = 0; i < plan->region_count; i++)
        if (plan->regions[i].kind != REGION_EXCLUDE && !plan->regions[i].erase && plan->regions[i].count > 0)
            return true;
    return false;
}

double plan_px_per_mm(const SmpPlan *plan)
{
    if (!plan->scale.set || !(plan->scale.distance_mm > 0))
        return PLAN_DEFAULT_PX_PER_MM;
    double dx = plan->scale.b.x - plan->scale.a.x, dy = plan->scale.b.y - plan->scale.a.y;
    double px = sqrt(dx * dx + dy * dy);
    return px > 0 ? px / plan->scale.distance_mm : PLAN_DEFAULT_PX_PER_MM;
}

void plan_apply_style(SmpPlan *plan, PlanHairlineStyle style)
{
    PlanHairline *h = &plan->hairline;
    h->style = style;
    switch (style) {
    case HAIRLINE_BROKEN: h->transition_mm = 8.0; h->macro_irregularity = 0.8; h->micro_irregularity = 0.6; break;
    case HAIRLINE_EDGED:  h->transition_mm = 1.5; h->macro_irregularity = 0.05; h->micro_irregularity = 0.0; break;
    case HAIRLINE_MATURE: h->transition_mm = 9.0; h->macro_irregularity = 0.35; h->micro_irregularity = 0.4; break;
    case HAIRLINE_SOFT:
    default:              h->style = HAIRLINE_SOFT;
                          h->transition_mm = 7.0; h->macro_irregularity = 0.35; h->micro_irregularity = 0.4; break;
    }
}

static bool parse_name(const char *name, const char *const *names, int n, int *out)
{
    for (int i = 0; i < n; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = i;
            return true;
        }
    return false;
}

const char *plan_stage_name(PlanStage s) { return (unsigned)s < STAGE_COUNT ? STAGE_NAMES[s] : "?"; }
const char *plan_style_name(PlanHairlineStyle s) { return (unsigned)s < HAIRLINE_STYLE_COUNT ? STYLE_NAMES[s] : "?"; }
const char *plan_region_kind_name(PlanRegionKind k) { return (unsigned)k < REGION_KIND_COUNT ? KIND_NAMES[k] : "?"; }

bool plan_stage_parse(const char *name, PlanStage *out)
{
    int v;
    if (!parse_name(name, STAGE_NAMES, STAGE_COUNT, &v))
        return false;
    *out = (PlanStage)v;
    return true;
}

bool plan_style_parse(const char *name, PlanHairlineStyle *out)
{
    int v;
    if (!parse_name(name, STYLE_NAMES, HAIRLINE_STYLE_COUNT, &v))
        return false;
    *out = (PlanHairlineStyle)v;
    return true;
}

bool plan_region_kind_parse(const char *name, PlanRegionKind *out)
{
    int v;
    if (!parse_name(name, KIND_NAMES, REGION_KIND_COUNT, &v))
        return false;
    *out = (PlanRegionKind)v;
    return true;
}
