/* The engine's promises: requested density is delivered, dots only appear or
 * disappear as settings change (never move), sessions nest, the hairline ramps,
 * regions include and exclude, stages look as the craft says. */
#include "test.h"

#include "core/density.h"
#include "core/scene.h"
#include "plan_fixture.h"

#include <stdlib.h>
#include <string.h>

enum { W = 2000, H = 2000 }; /* photo px; at 10 px/mm a 200 x 200 mm scalp */

static SmpPlan *plan_new(double density)
{
    SmpPlan *p = malloc(sizeof *p);
    fx_plan_treated(p, W, H, 10, density);
    return p;
}

static void plan_delete(SmpPlan *p)
{
    plan_free(p);
    free(p);
}

static SmpScene *scene_for(const SmpPlan *p)
{
    SmpScene *s = NULL;
    SmpError err;
    CHECK(scene_create(W, H, &s, &err));
    CHECKF(scene_update(s, p, SCENE_CHANGED_ALL, &err), "%s", err.msg);
    return s;
}

static int count_in(const DotList *d, double x0, double y0, double x1, double y1)
{
    int n = 0;
    for (int i = 0; i < d->count; i++)
        if (d->items[i].x_mm >= x0 && d->items[i].x_mm < x1 && d->items[i].y_mm >= y0 && d->items[i].y_mm < y1)
            n++;
    return n;
}

static const SmpDot *find_id(const DotList *d, uint32_t id)
{
    for (int i = 0; i < d->count; i++)
        if (d->items[i].id == id)
            return &d->items[i];
    return NULL;
}

static void test_density_within_3_percent(void)
{
    const double densities[] = {20, 50, 90, 120, 160};
    for (int k = 0; k < 5; k++) {
        SmpPlan *p = plan_new(densities[k]);
        SmpScene *s = scene_for(p);
        /* 150 x 150 mm = 225 cm2 well inside the treated area */
        double measured = count_in(scene_dots(s), 25, 25, 175, 175) / 225.0;
        printf("density %g dots/cm2: measured %.2f (%+.2f%%)\n", densities[k], measured,
               100 * (measured / densities[k] - 1));
        CHECKF(fabs(measured / densities[k] - 1) < 0.03, "asked %g, got %g dots/cm2", densities[k], measured);
        scene_destroy(s);
        plan_delete(p);
    }
}

static void test_raising_density_only_adds_dots(void)
{
    SmpPlan *lo = plan_new(40), *hi = plan_new(95);
    SmpScene *a = scene_for(lo), *b = scene_for(hi);
    const DotList *da = scene_dots(a), *db = scene_dots(b);
    CHECK(da->count > 1000 && db->count > da->count);
    int missing = 0, moved = 0;
    for (int i = 0; i < da->count; i++) {
        const SmpDot *m = find_id(db, da->items[i].id);
        if (!m)
            missing++;
        else if (memcmp(m, &da->items[i], sizeof *m) != 0)
            moved++;
    }
    CHECKF(missing == 0 && moved == 0, "%d dots vanished and %d changed when density rose", missing, moved);
    scene_destroy(a);
    scene_destroy(b);
    plan_delete(lo);
    plan_delete(hi);
}

static void test_same_plan_same_dots(void)
{
    SmpPlan *p = plan_new(80);
    SmpScene *a = scene_for(p), *b = scene_for(p);
    const DotList *da = scene_dots(a), *db = scene_dots(b);
    CHECK(da->count == db->count && da->count > 0);
    CHECK(memcmp(da->items, db->items, sizeof *da->items * (size_t)da->count) == 0);
    /* A different seed changes the look, not the positions. */
    p->seed = 77;
    scene_update(b, p, SCENE_CHANGED_LOOK, NULL);
    CHECK(db->count == da->count);
    int same_size = 0;
    for (int i = 0; i < da->count && i < db->count; i++) {
        CHECK(da->items[i].x_mm == db->items[i].x_mm);
        same_size += da->items[i].diameter_mm == db->items[i].diameter_mm;
    }
    CHECKF(same_size < da->count / 10, "%d of %d dots kept their size after reshuffling", same_size, da->count);
    scene_destroy(a);
    scene_destroy(b);
    plan_delete(p);
}

static void test_sessions_nest_light_to_dark(void)
{
    SmpPlan *p = plan_new(100);
    int counts[3];
    double mean_dark[3];
    DotList prev = {0};
    for (int s = 1; s <= 3; s++) {
        p->session = s;
        SmpScene *sc = scene_for(p);
        const DotList *d = scene_dots(sc);
        counts[s - 1] = d->count;
        double sum = 0;
        for (int i = 0; i < d->count; i++)
            sum += d->items[i].darkness;
        mean_dark[s - 1] = sum / d->count;
        for (int i = 0; i < prev.count; i += 7) /* earlier sessions' dots stay */
            CHECK(find_id(d, prev.items[i].id) != NULL);
        dots_free(&prev);
        prev.items = malloc(sizeof *prev.items * (size_t)d->count);
        memcpy(prev.items, d->items, sizeof *prev.items * (size_t)d->count);
        prev.count = prev.capacity = d->count;
        scene_destroy(sc);
    }
    dots_free(&prev);
    CHECK(counts[0] < counts[1] && counts[1] < counts[2]);
    CHECK_NEAR((double)counts[0] / counts[2], 0.5, 0.03);
    CHECK(mean_dark[0] < mean_dark[1] && mean_dark[1] < mean_dark[2]);
    plan_delete(p);
}

/* A straight, regular hairline at y = 100 mm (10 px/mm, 90 dots/cm2, 8 mm
 * transition) with no regions: the hairline alone decides the treated side. */
static SmpPlan *straight_hairline_plan(void)
{
    SmpPlan *p = plan_new(90);
    plan_free(p);
    p->scale.set = true;
    p->scale.b.x = 100;
    p->scale.distance_mm = 10;
    p->dots.density = 90;
    p->hairline.count = 2;
    p->hairline.points[0] = (PlanPoint){0, 1000};
    p->hairline.points[1] = (PlanPoint){2000, 1000};
    p->hairline.macro_irregularity = 0;
    p->hairline.micro_irregularity = 0;
    p->hairline.transition_mm = 8;
    return p;
}

static void test_hairline_ramp_and_moves(void)
{
    SmpPlan *p = straight_hairline_plan();
    SmpScene *s = scene_for(p);
    const DotList *d = scene_dots(s);
    /* Density per 2 mm band behind the line rises monotonically to full. */
    double prev = -1;
    for (double sd = 0; sd < 8; sd += 2) {
        double n = count_in(d, 10, 100 - sd - 2, 190, 100 - sd) / (1.8 * 0.2);
        CHECKF(n >= prev - 9, "density fell from %g to %g at %g mm behind the line", prev, n, sd);
        prev = n;
    }
    double full = count_in(d, 10, 40, 190, 90) / (18.0 * 5.0);
    CHECK_NEAR(full, 90, 90 * 0.03);
    CHECK(count_in(d, 0, 101, 200, 200) == 0); /* no micro irregularity: nothing ahead */
    /* Moving the line down 10 mm adds dots; the ones that stay do not move. */
    DotList before = {0};
    before.items = malloc(sizeof *before.items * (size_t)d->count);
    memcpy(before.items, d->items, sizeof *before.items * (size_t)d->count);
    before.count = d->count;
    p->hairline.points[0].y = p->hairline.points[1].y = 1100;
    scene_update(s, p, SCENE_CHANGED_HAIRLINE, NULL);
    CHECK(d->count > before.count);
    int moved = 0;
    for (int i = 0; i < before.count; i++) {
        const SmpDot *m = find_id(d, before.items[i].id);
        if (!m || m->x_mm != before.items[i].x_mm || m->y_mm != before.items[i].y_mm)
            moved++;
    }
    CHECKF(moved == 0, "%d dots moved or vanished when the line moved back", moved);
    /* Micro irregularity puts a few stray dots ahead of the line. */
    p->hairline.micro_irregularity = 1;
    scene_update(s, p, SCENE_CHANGED_HAIRLINE, NULL);
    int strays = count_in(d, 0, 110.5, 200, 114);
    CHECKF(strays > 5 && strays < 0.25 * 90 * 20 * 0.35, "%d stray dots ahead of the line", strays);
    dots_free(&before);
    scene_destroy(s);
    plan_delete(p);
}

/* Ids of the visible dots with x in [x0, x1) mm, as a bitmap over candidate ids. */
static unsigned char *visible_ids(const DotList *d, double x0, double x1, uint32_t max_id)
{
    unsigned char *on = calloc(max_id + 1, 1);
    for (int i = 0; i < d->count; i++)
        if (d->items[i].x_mm >= x0 && d->items[i].x_mm < x1 && d->items[i].id <= max_id)
            on[d->items[i].id] = 1;
    return on;
}

static int differing(const unsigned char *a, const unsigned char *b, uint32_t n)
{
    int k = 0;
    for (uint32_t i = 0; i <= n; i++)
        k += a[i] != b[i];
    return k;
}

/* Dragging a hairline point changes dots near it only: the macro waves belong
 * to the scalp, not to the distance along the line, so moving the first point
 * (which changes every later arc length) leaves the far end's dots alone. */
static void test_hairline_edit_is_local(void)
{
    SmpPlan *p = plan_new(90);
    p->hairline.count = 6;
    for (int i = 0; i < 6; i++)
        p->hairline.points[i] = (PlanPoint){100 + 360 * i, 1000 + (i % 2) * 60};
    p->hairline.macro_irregularity = 1;
    p->hairline.micro_irregularity = 0.5;
    SmpScene *s = scene_for(p);
    uint32_t max_id = 0;
    for (int i = 0; i < scene_dots(s)->count; i++)
        if (scene_dots(s)->items[i].id > max_id)
            max_id = scene_dots(s)->items[i].id;
    max_id += 100000;
    unsigned char *far_before = visible_ids(scene_dots(s), 120, 200, max_id);
    unsigned char *near_before = visible_ids(scene_dots(s), 0, 40, max_id);
    p->hairline.points[0].y += 60; /* 6 mm down, 170+ mm away from x >= 120 mm */
    CHECK(scene_update(s, p, SCENE_CHANGED_HAIRLINE, NULL));
    unsigned char *far_after = visible_ids(scene_dots(s), 120, 200, max_id);
    unsigned char *near_after = visible_ids(scene_dots(s), 0, 40, max_id);
    int far = differing(far_before, far_after, max_id), near = differing(near_before, near_after, max_id);
    printf("hairline edit: %d dots changed near the point, %d far from it\n", near, far);
    CHECKF(near > 50, "the edit changed only %d dots next to the moved point", near); /* control */
    CHECKF(far == 0, "%d dots changed 80+ mm from the moved point", far);
    free(far_before), free(far_after), free(near_before), free(near_after);
    scene_destroy(s);
    plan_delete(p);
}

/* Share of full density in the strip [from, to) mm inside the left edge (x = 50 mm)
 * of a 100 x 160 mm painted rectangle, at 90 dots/cm^2. */
static double edge_strip_share(const DotList *d, double from, double to)
{
    double full = count_in(d, 90, 40, 110, 160) / 20.0; /* per mm of width */
    return count_in(d, 50 + from, 40, 50 + to, 160) / ((to - from) * full);
}

/* The blend width: painted areas thin out over edge_blend_mm inside their
 * edge: 0 is a hard edge, 15 mm a long ramp, and the default keeps the 3 mm
 * of plans made before it could be set. */
static void test_edge_blend_width(void)
{
    const double widths[] = {0, PLAN_DEFAULT_EDGE_BLEND_MM, 15};
    double share[3][3];
    for (int k = 0; k < 3; k++) {
        SmpPlan *p = malloc(sizeof *p);
        plan_init(p);
        p->scale.set = true;
        p->scale.b.x = 100;
        p->scale.distance_mm = 10;
        p->dots.density = 90;
        p->edge_blend_mm = widths[k];
        PlanPoint box[4] = {{500, 200}, {1500, 200}, {1500, 1800}, {500, 1800}};
        plan_add_region(p, REGION_TREAT, REGION_POLYGON, false, 0, box, 4, NULL);
        SmpScene *s = scene_for(p);
        const DotList *d = scene_dots(s);
        share[k][0] = edge_strip_share(d, 0, 1);
        share[k][1] = edge_strip_share(d, 6.5, 8.5);
        share[k][2] = edge_strip_share(d, 16, 20);
        printf("blend %.0f mm: density at 0-1 mm %.2f, 6.5-8.5 mm %.2f, 16-20 mm %.2f of full\n", widths[k],
               share[k][0], share[k][1], share[k][2]);
        scene_destroy(s);
        plan_delete(p);
    }
    CHECKF(share[0][0] > 0.85, "a 0 mm blend is a hard edge: %.2f at the edge", share[0][0]);
    CHECK(share[1][0] < 0.4 && share[1][1] > 0.9); /* today's 3 mm */
    CHECK(share[2][0] < 0.1 && share[2][1] > 0.25 && share[2][1] < 0.75 && share[2][2] > 0.9);
}

static void test_regions_exclude_and_scar_margin(void)
{
    SmpPlan *p = plan_new(90);
    PlanPoint hole[4] = {{500, 500}, {1000, 500}, {1000, 1000}, {500, 1000}};
    plan_add_region(p, REGION_EXCLUDE, REGION_POLYGON, false, 0, hole, 4, NULL);
    SmpScene *s = scene_for(p);
    CHECK(count_in(scene_dots(s), 51, 51, 99, 99) == 0);
    CHECK(count_in(scene_dots(s), 110, 110, 150, 150) > 1000);
    scene_destroy(s);
    plan_delete(p);

    /* A scar alone: dots on it and up to the margin beyond its edge. */
    p = malloc(sizeof *p);
    plan_init(p);
    p->scale.set = true;
    p->scale.b.x = 100;
    p->scale.distance_mm = 10;
    PlanPoint line[2] = {{400, 1000}, {1600, 1000}};
    plan_add_region(p, REGION_SCAR, REGION_STROKE, false, 2.0, line, 2, NULL);
    s = scene_for(p);
    const DotList *d = scene_dots(s);
    int on_scar = count_in(d, 45, 98.5, 155, 101.5);
    int margin = count_in(d, 45, 102.5, 155, 104.5);
    int beyond = count_in(d, 45, 106, 155, 110);
    printf("scar: on %d, margin %d, beyond %d\n", on_scar, margin, beyond);
    CHECK(on_scar > 100 && margin > 50);
    CHECK(beyond == 0);
    scene_destroy(s);
    plan_delete(p);
}

static double mean_of(const DotList *d, int field)
{
    double sum = 0;
    for (int i = 0; i < d->count; i++)
        sum += field == 0 ? d->items[i].darkness : d->items[i].diameter_mm;
    return d->count ? sum / d->count : 0;
}

static void test_stages_fresh_healed_aged(void)
{
    SmpPlan *p = plan_new(60);
    double dark[STAGE_COUNT], size[STAGE_COUNT];
    for (int st = 0; st < STAGE_COUNT; st++) {
        p->stage = (PlanStage)st;
        SmpScene *s = scene_for(p);
        dark[st] = mean_of(scene_dots(s), 0);
        size[st] = mean_of(scene_dots(s), 1);
        scene_destroy(s);
    }
    CHECK(dark[STAGE_FRESH] > dark[STAGE_HEALED] * 1.2); /* up to half fades while healing */
    CHECK(size[STAGE_FRESH] > size[STAGE_HEALED]);
    CHECK(dark[STAGE_AGED] < dark[STAGE_HEALED]);
    /* Healed sizes stay within the plan's range. */
    CHECK(size[STAGE_HEALED] > p->dots.diameter_min_mm && size[STAGE_HEALED] < p->dots.diameter_max_mm);
    plan_delete(p);
}

static void test_whorl_turns_dots(void)
{
    SmpPlan *p = plan_new(60);
    p->growth.has_whorl = true;
    p->growth.whorl = (PlanPoint){1000, 1000};
    p->dots.angle_spread_deg = 0;
    SmpScene *s = scene_for(p);
    const DotList *d = scene_dots(s);
    /* Far from the whorl dots point away from it (radially). */
    int checked = 0, radial = 0;
    for (int i = 0; i < d->count; i++) {
        double vx = d->items[i].x_mm - 100, vy = d->items[i].y_mm - 100;
        double r = hypot(vx, vy);
        if (r < 70 || r > 95)
            continue;
        double dir = fmod(atan2(vy, vx) * 180 / 3.14159265358979 + 360, 180);
        double diff = fabs(dir - d->items[i].angle_deg);
        diff = fmin(diff, 180 - diff);
        checked++;
        radial += diff < 5;
    }
    CHECK(checked > 100 && radial > checked * 0.95);
    scene_destroy(s);
    plan_delete(p);
}

/* Feathering: at the hairline dots are smaller and lighter as well as
 * sparser (diluted pigment, finer needles); deep in they are as set. */
static double mean_in(const DotList *d, double y0, double y1, int field)
{
    double sum = 0;
    int n = 0;
    for (int i = 0; i < d->count; i++)
        if (d->items[i].y_mm >= y0 && d->items[i].y_mm < y1 && d->items[i].x_mm > 10 && d->items[i].x_mm < 190) {
            sum += field ? d->items[i].darkness : d->items[i].diameter_mm;
            n++;
        }
    return n ? sum / n : 0;
}

static void test_hairline_feathers_size_and_darkness(void)
{
    SmpPlan *p = straight_hairline_plan();
    SmpScene *s = scene_for(p);
    const DotList *d = scene_dots(s);
    double lead_size = mean_in(d, 97, 100, 0), deep_size = mean_in(d, 40, 90, 0);
    double lead_dark = mean_in(d, 97, 100, 1), deep_dark = mean_in(d, 40, 90, 1);
    double mid_size = mean_in(d, 93, 96, 0);
    printf("feathering: leading 3 mm %.3f mm / %.3f, 4-7 mm in %.3f mm, deep %.3f mm / %.3f\n", lead_size, lead_dark,
           mid_size, deep_size, deep_dark);
    CHECK(lead_size < 0.88 * deep_size && lead_size > 0.7 * deep_size);
    CHECK(lead_dark < 0.85 * deep_dark && lead_dark > 0.65 * deep_dark);
    CHECK(mid_size > lead_size && mid_size < deep_size); /* a ramp, not a step */
    /* Negative control: the same measure on two deep bands finds no change. */
    CHECK_NEAR(mean_in(d, 40, 60, 0) / mean_in(d, 60, 80, 0), 1, 0.03);
    scene_destroy(s);
    plan_delete(p);
}

int main(void)
{
    TEST_RUN(test_density_within_3_percent);
    TEST_RUN(test_raising_density_only_adds_dots);
    TEST_RUN(test_same_plan_same_dots);
    TEST_RUN(test_sessions_nest_light_to_dark);
    TEST_RUN(test_hairline_ramp_and_moves);
    TEST_RUN(test_hairline_edit_is_local);
    TEST_RUN(test_regions_exclude_and_scar_margin);
    TEST_RUN(test_edge_blend_width);
    TEST_RUN(test_stages_fresh_healed_aged);
    TEST_RUN(test_whorl_turns_dots);
    TEST_RUN(test_hairline_feathers_size_and_darkness);
    return TEST_SUMMARY();
}
