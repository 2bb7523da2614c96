#include "plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    plan_init(plan);
}

bool plan_copy(const SmpPlan *src, SmpPlan *dst, SmpError *err)
{
    *dst = *src;
    for (int i = 0; i < src->region_count; i++)
        dst->regions[i].points = NULL;
    for (int i = 0; i < src->region_count; i++) {
        const PlanRegion *r = &src->regions[i];
        if (r->count == 0)
            continue;
        PlanPoint *p = malloc(sizeof *p * (size_t)r->count);
        if (!p) {
            plan_free(dst);
            return smp_fail(err, "out of memory copying the plan");
        }
        memcpy(p, r->points, sizeof *p * (size_t)r->count);
        dst->regions[i].points = p;
    }
    return true;
}

static bool points_equal(const PlanPoint *a, const PlanPoint *b, int n)
{
    return n == 0 || memcmp(a, b, sizeof *a * (size_t)n) == 0;
}

bool plan_equal(const SmpPlan *a, const SmpPlan *b)
{
    /* Compare field groups rather than the whole struct: padding and pointer
     * values differ between equal plans. */
    if (a->version != b->version || strcmp(a->photo_path, b->photo_path) != 0 ||
        strcmp(a->photo_hash, b->photo_hash) != 0 || a->photo_width != b->photo_width ||
        a->photo_height != b->photo_height)
        return false;
    if (a->scale.set != b->scale.set || (a->scale.set &&
        (!points_equal(&a->scale.a, &b->scale.a, 1) || !points_equal(&a->scale.b, &b->scale.b, 1) ||
         a->scale.distance_mm != b->scale.distance_mm)))
        return false;
    const PlanLandmarks *la = &a->landmarks, *lb = &b->landmarks;
    if (la->has_glabella != lb->has_glabella || la->has_eye_left != lb->has_eye_left ||
        la->has_eye_right != lb->has_eye_right || la->has_midline != lb->has_midline)
        return false;
    if ((la->has_glabella && !points_equal(&la->glabella, &lb->glabella, 1)) ||
        (la->has_eye_left && !points_equal(&la->eye_left, &lb->eye_left, 1)) ||
        (la->has_eye_right && !points_equal(&la->eye_right, &lb->eye_right, 1)) ||
        (la->has_midline && (!points_equal(&la->midline_a, &lb->midline_a, 1) ||
                             !points_equal(&la->midline_b, &lb->midline_b, 1))))
        return false;
    const PlanHairline *ha = &a->hairline, *hb = &b->hairline;
    if (ha->count != hb->count || !points_equal(ha->points, hb->points, ha->count) ||
        ha->symmetric != hb->symmetric || ha->style != hb->style ||
        ha->transition_mm != hb->transition_mm || ha->macro_irregularity != hb->macro_irregularity ||
        ha->micro_irregularity != hb->micro_irregularity)
        return false;
    if (a->region_count != b->region_count)
        return false;
    for (int i = 0; i < a->region_count; i++) {
        const PlanRegion *ra = &a->regions[i], *rb = &b->regions[i];
        if (ra->kind != rb->kind || ra->shape != rb->shape || ra->erase != rb->erase ||
            ra->radius_mm != rb->radius_mm || ra->count != rb->count ||
            !points_equal(ra->points, rb->points, ra->count))
            return false;
    }
    const PlanGrowth *ga = &a->growth, *gb = &b->growth;
    if (ga->front_angle_deg != gb->front_angle_deg || ga->has_whorl != gb->has_whorl ||
        (ga->has_whorl && !points_equal(&ga->whorl, &gb->whorl, 1)) ||
        ga->whorl_clockwise != gb->whorl_clockwise || ga->whorl_radius_mm != gb->whorl_radius_mm)
        return false;
    if (memcmp(&a->dots, &b->dots, sizeof a->dots) != 0 ||
        memcmp(&a->pigment, &b->pigment, sizeof a->pigment) != 0)
        return false;
    return a->sessions == b->sessions && a->session == b->session && a->stage == b->stage &&
           a->aged_years == b->aged_years && a->seed == b->seed;
}

bool plan_add_region(SmpPlan *plan, RegionKind kind, RegionShape shape, bool erase,
                     double radius_mm, const PlanPoint *points, int count, SmpError *err)
{
    if (plan->region_count >= PLAN_MAX_REGIONS)
        return smp_fail(err, "too many regions (the limit is %d)", PLAN_MAX_REGIONS);
    if (count < 1 || count > PLAN_MAX_REGION_POINTS)
        return smp_fail(err, "a region needs 1 to %d points, not %d", PLAN_MAX_REGION_POINTS, count);
    PlanPoint *p = malloc(sizeof *p * (size_t)count);
    if (!p)
        return smp_fail(err, "out of memory adding a region");
    memcpy(p, points, sizeof *p * (size_t)count);
    PlanRegion *r = &plan->regions[plan->region_count++];
    r->kind = kind;
    r->shape = shape;
    r->erase = erase;
    r->radius_mm = radius_mm;
    r->count = count;
    r->points = p;
    return true;
}

double plan_px_per_mm(const SmpPlan *plan)
{
    if (!plan->scale.set || !(plan->scale.distance_mm > 0))
        return PLAN_DEFAULT_PX_PER_MM;
    double dx = plan->scale.b.x - plan->scale.a.x, dy = plan->scale.b.y - plan->scale.a.y;
    double px = sqrt(dx * dx + dy * dy);
    return px > 0 ? px / plan->scale.distance_mm : PLAN_DEFAULT_PX_PER_MM;
}

void plan_apply_style(SmpPlan *plan, HairlineStyle style)
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

const char *plan_stage_name(Stage s) { return (unsigned)s < STAGE_COUNT ? STAGE_NAMES[s] : "?"; }
const char *plan_style_name(HairlineStyle s) { return (unsigned)s < HAIRLINE_STYLE_COUNT ? STYLE_NAMES[s] : "?"; }
const char *plan_region_kind_name(RegionKind k) { return (unsigned)k < REGION_KIND_COUNT ? KIND_NAMES[k] : "?"; }

bool plan_stage_parse(const char *name, Stage *out)
{
    int v;
    if (!parse_name(name, STAGE_NAMES, STAGE_COUNT, &v))
        return false;
    *out = (Stage)v;
    return true;
}

bool plan_style_parse(const char *name, HairlineStyle *out)
{
    int v;
    if (!parse_name(name, STYLE_NAMES, HAIRLINE_STYLE_COUNT, &v))
        return false;
    *out = (HairlineStyle)v;
    return true;
}

bool plan_region_kind_parse(const char *name, RegionKind *out)
{
    int v;
    if (!parse_name(name, KIND_NAMES, REGION_KIND_COUNT, &v))
        return false;
    *out = (RegionKind)v;
    return true;
}
