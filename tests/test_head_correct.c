/* test_head_correct.c - the head matte's correction brush and its seeds from the plan,
 * through render_plan (what `smpview render` and the app's export draw): on the
 * synthetic head (gen_sample --truth) with a head-coloured patch painted against its side,
 * which the automatic matte takes for head, a "not head" stroke removes every dot under
 * it and changes nothing away from it; a "head" stroke brings the dots back on the
 * head-coloured disc the matte left out; a treat stroke or the glabella seeds the matte;
 * a plan without seeds or corrections gets the mattes of the photo alone, byte for byte. */
#include "test.h"
#include "plan_fixture.h"
#include "truth_fixture.h"

#include "core/head_correct.h"
#include "core/head_matte.h"
#include "core/matte_apply.h"
#include "core/render.h"

#include <stdlib.h>
#include <string.h>

enum { PATCH_Y0 = 195, PATCH_Y1 = 245, PATCH_X1 = 610 };
static const double PPM = 4.0;                            /* the plan's px per mm */
static const PlanPoint NOT_HEAD_PATH[2] = {{492, 220}, {620, 220}};
static const double NOT_HEAD_RADIUS = 34;
static const PlanPoint DISC = {65, 65}; /* the head-coloured disc gen_sample paints apart */
static const double DISC_RADIUS = 50;

/* truth_head.png with a patch of the head's own edge colour from its right side out over
 * the background: connected to the head and coloured like it. *mask gets the truth. */
static bool patch_photo(SmpImage *photo, SmpImage *mask)
{
    if (!fx_load_truth("truth_head.png", photo) || !fx_load_truth("truth_head_mask.png", mask))
        return false;
    for (int y = PATCH_Y0; y < PATCH_Y1; y++) {
        int edge = 0;
        for (int x = 0; x < mask->width; x++)
            edge = image_pixel(mask, x, y)[0] >= 128 ? x : edge;
        const uint8_t *skin = image_pixel(photo, edge - 20, y);
        uint8_t c[4] = {skin[0], skin[1], skin[2], 255};
        for (int x = edge - 3; x < PATCH_X1; x++)
            memcpy(image_pixel(photo, x, y), c, 4);
    }
    return true;
}

/* The plan every test starts from (all of the 640 px photo treated at PPM, 90 dots per
 * cm2) and the patched photo; false (with the plan still to free) when the photo is
 * missing. */
static bool patch_setup(SmpPlan *plan, SmpImage *photo, SmpImage *mask)
{
    fx_plan_treated(plan, 640, 640, PPM, 90);
    return patch_photo(photo, mask);
}

static double seg_distance(double x, double y, PlanPoint a, PlanPoint b)
{
    double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((x - a.x) * dx + (y - a.y) * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(a.x + t * dx - x, a.y + t * dy - y);
}

/* Dots whose centre lies within [lo, hi] px of segment a-b (and, when mask is given,
 * off the true head). */
static int dots_near(const DotList *d, PlanPoint a, PlanPoint b, double lo, double hi, const SmpImage *mask)
{
    int n = 0;
    for (int i = 0; i < d->count; i++) {
        double x = d->items[i].x_mm * PPM, y = d->items[i].y_mm * PPM, s = seg_distance(x, y, a, b);
        if (s >= lo && s <= hi && (!mask || image_pixel(mask, (int)x, (int)y)[0] < 128))
            n++;
    }
    return n;
}

/* Dots farther than far px from segment a-b that are not in the other list, with the
 * same id at the same place. */
static int far_dots_missing(const DotList *d, const DotList *other, PlanPoint a, PlanPoint b, double far)
{
    int missing = 0;
    for (int i = 0; i < d->count; i++) {
        const SmpDot *p = &d->items[i];
        if (seg_distance(p->x_mm * PPM, p->y_mm * PPM, a, b) <= far)
            continue;
        bool found = false;
        for (int k = 0; k < other->count && !found; k++)
            found = other->items[k].id == p->id && other->items[k].x_mm == p->x_mm && other->items[k].y_mm == p->y_mm;
        missing += !found;
    }
    return missing;
}

/* The farthest pixel (from segment a-b) where the two images differ; -1 when none. */
static double farthest_change(const SmpImage *x, const SmpImage *y, PlanPoint a, PlanPoint b)
{
    double worst = -1;
    for (int j = 0; j < x->height; j++)
        for (int i = 0; i < x->width; i++)
            if (memcmp(image_pixel(x, i, j), image_pixel(y, i, j), 4) != 0) {
                double s = seg_distance(i + 0.5, j + 0.5, a, b);
                worst = s > worst ? s : worst;
            }
    return worst;
}

static bool render(const SmpImage *photo, const SmpPlan *plan, bool no_mattes, SmpImage *out, DotList *dots)
{
    RenderRequest req = {0};
    req.threads = 2;
    req.no_mattes = no_mattes;
    SmpError err;
    bool ok = render_plan(photo, plan, &req, out, dots, &err);
    if (!ok)
        printf("# %s\n", err.msg);
    return ok;
}

/* "Not head" over the patch: no dot under the stroke, every dot and pixel away from it as
 * before. Negative control: without the stroke the patch (off the true head) has dots. */
static void test_not_head_removes_patch(void)
{
    SmpImage photo = {0}, mask = {0}, before = {0}, after = {0};
    DotList d0 = {0}, d1 = {0};
    SmpPlan plan;
    if (!patch_setup(&plan, &photo, &mask))
        goto done;
    CHECK(render(&photo, &plan, false, &before, &d0));
    CHECK(plan_add_head_correction(&plan, false, NOT_HEAD_RADIUS, NOT_HEAD_PATH, 2, NULL));
    CHECK(render(&photo, &plan, false, &after, &d1));
    if (!before.pixels || !after.pixels)
        goto done;
    PlanPoint a = NOT_HEAD_PATH[0], b = NOT_HEAD_PATH[1];
    int on_patch = dots_near(&d0, a, b, 0, NOT_HEAD_RADIUS, &mask);
    int under = dots_near(&d1, a, b, 0, NOT_HEAD_RADIUS, NULL); /* the edge's outer half keeps its dots */
    /* Dots may change in the 2 mm hair-coverage cells the stroke touches (matte_apply.h);
     * beyond one cell nothing may. */
    const double far = NOT_HEAD_RADIUS + 2 * PPM;
    int lost = far_dots_missing(&d0, &d1, a, b, far), gained = far_dots_missing(&d1, &d0, a, b, far);
    double reach = farthest_change(&before, &after, a, b);
    printf("# dots %d -> %d; under the stroke %d on the patch before, %d after; away from it lost %d gained %d; "
           "pixels change up to %.1f px from the stroke (radius %.0f)\n",
           d0.count, d1.count, on_patch, under, lost, gained, reach, NOT_HEAD_RADIUS);
    CHECKF(on_patch >= 30, "negative control: the automatic matte left only %d dots on the patch", on_patch);
    CHECKF(under == 0, "%d dots left under the not-head stroke", under);
    CHECKF(lost == 0 && gained == 0, "away from the stroke %d dots lost, %d gained", lost, gained);
    CHECKF(reach > 0 && reach <= far, "pixels changed %.1f px from the stroke", reach);
done:
    dots_free(&d0);
    dots_free(&d1);
    image_free(&before);
    image_free(&after);
    image_free(&photo);
    image_free(&mask);
    plan_free(&plan);
}

/* "Head" over the disc the matte left out: every dot the plan puts there comes back (as
 * many as without any matte). Negative control: without the stroke it has none. */
static void test_head_brings_disc_back(void)
{
    SmpImage photo = {0}, mask = {0}, img = {0};
    DotList d0 = {0}, d1 = {0}, all = {0};
    SmpPlan plan;
    if (!patch_setup(&plan, &photo, &mask))
        goto done;
    CHECK(render(&photo, &plan, false, &img, &d0));
    image_free(&img);
    CHECK(render(&photo, &plan, true, &img, &all));
    image_free(&img);
    CHECK(plan_add_head_correction(&plan, true, DISC_RADIUS + 6, &DISC, 1, NULL));
    CHECK(render(&photo, &plan, false, &img, &d1));
    int none = dots_near(&d0, DISC, DISC, 0, DISC_RADIUS, NULL), back = dots_near(&d1, DISC, DISC, 0, DISC_RADIUS, NULL);
    int planned = dots_near(&all, DISC, DISC, 0, DISC_RADIUS, NULL);
    printf("# dots on the disc: %d without the stroke, %d with it, %d planned\n", none, back, planned);
    CHECKF(none == 0, "negative control: the automatic matte already gives the disc %d dots", none);
    CHECKF(back == planned && planned > 50, "%d of %d planned dots came back", back, planned);
done:
    dots_free(&d0);
    dots_free(&d1);
    dots_free(&all);
    image_free(&img);
    image_free(&photo);
    image_free(&mask);
    plan_free(&plan);
}

/* Share of the disc's pixels that the plan's head matte holds. */
static double disc_share(const SmpImage *photo, const SmpPlan *plan)
{
    SmpMattes m;
    if (!mattes_compute_for_plan(photo, plan, 2, &m, NULL))
        return -1;
    long in = 0, n = 0;
    for (int y = (int)(DISC.y - DISC_RADIUS); y < DISC.y + DISC_RADIUS; y++)
        for (int x = (int)(DISC.x - DISC_RADIUS); x < DISC.x + DISC_RADIUS; x++)
            if (hypot(x + 0.5 - DISC.x, y + 0.5 - DISC.y) <= DISC_RADIUS) {
                in += m.head.alpha[(size_t)y * m.head.width + x] >= 128;
                n++;
            }
    mattes_free(&m);
    return (double)in / (double)n;
}

/* Points the plan knows to be head skin seed the matte: a treat stroke across the disc,
 * or a glabella on it, make the disc head. Negative controls: the plan without them, and
 * an eraser stroke (not skin the plan adds) there. */
static void test_seeds_from_plan(void)
{
    SmpImage photo = {0}, mask = {0};
    SmpPlan plan;
    if (!patch_setup(&plan, &photo, &mask))
        goto done;
    PlanPoint path[2] = {{DISC.x - 20, DISC.y}, {DISC.x + 20, DISC.y}};
    double none = disc_share(&photo, &plan);
    CHECK(plan_add_region(&plan, REGION_TREAT, REGION_STROKE, true, 2, path, 2, NULL));
    double eraser = disc_share(&photo, &plan);
    plan.regions[plan.region_count - 1].erase = false;
    double stroke = disc_share(&photo, &plan);
    plan.region_count--;
    free(plan.regions[plan.region_count].points);
    plan.landmarks.has_glabella = true;
    plan.landmarks.glabella = DISC;
    double glabella = disc_share(&photo, &plan);
    printf("# disc held by the head matte: %.3f plain, %.3f eraser, %.3f treat stroke, %.3f glabella\n", none,
           eraser, stroke, glabella);
    CHECKF(none == 0 && eraser == 0, "negative control: the disc is head without seeds (%.3f, %.3f)", none, eraser);
    CHECKF(stroke >= 0.99 && glabella >= 0.99, "seeded disc held %.3f (stroke), %.3f (glabella)", stroke, glabella);
done:
    image_free(&photo);
    image_free(&mask);
    plan_free(&plan);
}

static bool mattes_same(const SmpMattes *a, const SmpMattes *b)
{
    size_t n = (size_t)a->head.width * (size_t)a->head.height;
    return a->head.width == b->head.width && a->head.height == b->head.height && a->head.uncertain == b->head.uncertain &&
           memcmp(a->head.alpha, b->head.alpha, n) == 0 && memcmp(a->hair.alpha, b->hair.alpha, n) == 0;
}

/* A plan with neither seeds nor corrections gets the photo's own mattes, byte for byte
 * (so it renders as before this change), and a "not head" stroke where the matte is
 * already 0 leaves the render bit-identical. Negative control: the same stroke on the
 * patch changes it (test_not_head_removes_patch). */
static void test_plan_without_corrections_unchanged(void)
{
    SmpImage photo = {0}, mask = {0}, r0 = {0}, r1 = {0};
    SmpMattes alone = {0}, planned = {0};
    SmpPlan plan;
    if (!patch_setup(&plan, &photo, &mask))
        goto done;
    CHECK(mattes_compute(&photo, 2, &alone, NULL) && mattes_compute_for_plan(&photo, &plan, 2, &planned, NULL));
    CHECK(alone.head.alpha && planned.head.alpha && mattes_same(&alone, &planned));
    const PlanPoint shirt[2] = {{560, 600}, {620, 610}};
    int most = 0;
    for (int y = 560; y < 640; y++)
        for (int x = 520; x < 640; x++)
            most = seg_distance(x + 0.5, y + 0.5, shirt[0], shirt[1]) <= 25 && alone.head.alpha[y * 640 + x] > most
                       ? alone.head.alpha[y * 640 + x]
                       : most;
    CHECKF(most == 0, "the shirt is not background to the matte (%d)", most);
    CHECK(render(&photo, &plan, false, &r0, NULL));
    CHECK(plan_add_head_correction(&plan, false, 24, shirt, 2, NULL));
    CHECK(render(&photo, &plan, false, &r1, NULL));
    CHECK(r0.pixels && r1.pixels && memcmp(r0.pixels, r1.pixels, (size_t)r0.width * r0.height * 4) == 0);
done:
    mattes_free(&alone);
    mattes_free(&planned);
    image_free(&r0);
    image_free(&r1);
    image_free(&photo);
    image_free(&mask);
    plan_free(&plan);
}

/* Strokes paint in order with a soft edge of about HEAD_CORRECTION_EDGE_PX: a "head"
 * stroke over a "not head" one wins, and the edge holds partial values only in a
 * band about that wide. */
static void test_stroke_order_and_edge(void)
{
    SmpPlan plan;
    plan_init(&plan);
    SmpMatte m = {100, 100, calloc(100 * 100, 1), false};
    CHECK(m.alpha != NULL);
    if (!m.alpha)
        return;
    memset(m.alpha, 255, 100 * 100);
    PlanPoint c = {50.5, 50.5}, row[2] = {{10, 50.5}, {90, 50.5}};
    CHECK(plan_add_head_correction(&plan, false, 20, &c, 1, NULL));
    CHECK(plan_add_head_correction(&plan, true, 3, row, 2, NULL));
    CHECK(head_corrections_apply(&plan, false, &m, NULL));
    int partial = 0;
    for (int x = 0; x < 100; x++)
        partial += m.alpha[40 * 100 + x] > 0 && m.alpha[40 * 100 + x] < 255; /* row 40 crosses the disc's edge twice */
    CHECK(m.alpha[50 * 100 + 50] == 255 && m.alpha[44 * 100 + 50] == 0 && m.alpha[50 * 100 + 95] == 255);
    CHECKF(partial >= 2 && partial <= 6, "%d partial pixels where the disc's edge crosses a row twice", partial);
    memset(m.alpha, 255, 100 * 100);
    CHECK(head_corrections_apply(&plan, true, &m, NULL)); /* the "head" strokes alone: nothing to raise */
    CHECK(m.alpha[44 * 100 + 50] == 255);
    matte_free(&m);
    plan_free(&plan);
}

/* The row-by-row painter against the definition, pixel by pixel: coverage
 * clamp((radius + edge/2 - distance to the stroke) / edge), strokes in order. Random
 * strokes: thin and wide, one point or many, partly outside the photo. */
static void test_strokes_match_definition(void)
{
    enum { W = 160, H = 120 };
    SmpPlan plan;
    plan_init(&plan);
    uint32_t seed = 12345;
    const double radii[6] = {0.6, 3, 17.5, 80, 1.2, 40};
    for (int i = 0; i < 6; i++) {
        PlanPoint pts[40];
        int n = i == 2 ? 1 : 5 + i * 7;
        for (int k = 0; k < n; k++) {
            seed = seed * 1664525u + 1013904223u;
            pts[k].x = (double)(seed >> 8) / (1 << 24) * (W + 60) - 30;
            seed = seed * 1664525u + 1013904223u;
            pts[k].y = (double)(seed >> 8) / (1 << 24) * (H + 60) - 30;
        }
        CHECK(plan_add_head_correction(&plan, i % 3 != 1, radii[i], pts, n, NULL));
    }
    SmpMatte m = {W, H, malloc(W * H), false};
    uint8_t *want = malloc(W * H);
    CHECK(m.alpha && want);
    if (!m.alpha || !want)
        goto done;
    for (int i = 0; i < W * H; i++)
        m.alpha[i] = want[i] = (uint8_t)(i * 7);
    CHECK(head_corrections_apply(&plan, false, &m, NULL));
    for (int c = 0; c < plan.head_correction_count; c++) {
        const HeadCorrection *hc = &plan.head_corrections[c];
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                double d = 1e300;
                for (int k = 0; k < hc->count; k++) {
                    double e = seg_distance(x + 0.5, y + 0.5, hc->points[k], hc->points[k + 1 < hc->count ? k + 1 : k]);
                    d = e < d ? e : d;
                }
                double cover = (hc->radius_px + 0.5 * HEAD_CORRECTION_EDGE_PX - d) / HEAD_CORRECTION_EDGE_PX;
                int v = (int)((cover < 0 ? 0 : cover > 1 ? 1 : cover) * 255.0 + 0.5);
                uint8_t *p = &want[y * W + x];
                *p = hc->head ? (v > *p ? (uint8_t)v : *p) : (255 - v < *p ? (uint8_t)(255 - v) : *p);
            }
    }
    int off = 0, changed = 0;
    for (int i = 0; i < W * H; i++) {
        off += m.alpha[i] != want[i];
        changed += want[i] != (uint8_t)(i * 7);
    }
    printf("# %d of %d pixels painted; %d differ from the definition\n", changed, W * H, off);
    CHECKF(off == 0, "%d pixels differ from the definition", off);
    CHECKF(changed > W * H / 4, "negative control: the strokes painted only %d pixels", changed);
done:
    free(want);
    matte_free(&m);
    plan_free(&plan);
}

/* The key changes with whatever the mattes depend on (a correction, its mode, a treat
 * stroke, the glabella) and with nothing else (a polygon, the hairline, the density). */
static void test_plan_key(void)
{
    SmpPlan p;
    fx_plan_treated(&p, 640, 640, PPM, 90);
    uint64_t k0 = head_matte_plan_key(&p);
    p.dots.density = 40;
    p.hairline.count = 1;
    PlanPoint tri[3] = {{1, 1}, {50, 1}, {1, 50}};
    CHECK(plan_add_region(&p, REGION_EXCLUDE, REGION_POLYGON, false, 0, tri, 3, NULL));
    CHECK(plan_add_region(&p, REGION_TREAT, REGION_STROKE, true, 2, tri, 3, NULL)); /* an eraser seeds nothing */
    CHECK(head_matte_plan_key(&p) == k0);
    CHECK(plan_add_head_correction(&p, false, 9, tri, 2, NULL));
    uint64_t k1 = head_matte_plan_key(&p);
    p.head_corrections[0].head = true;
    uint64_t k2 = head_matte_plan_key(&p);
    p.head_corrections[0].points[1].x += 0.5;
    uint64_t k3 = head_matte_plan_key(&p);
    CHECK(plan_add_region(&p, REGION_SCAR, REGION_STROKE, false, 2, tri, 1, NULL));
    uint64_t k4 = head_matte_plan_key(&p);
    p.landmarks.has_glabella = true;
    uint64_t k5 = head_matte_plan_key(&p);
    uint64_t keys[6] = {k0, k1, k2, k3, k4, k5};
    for (int i = 0; i < 6; i++)
        for (int j = i + 1; j < 6; j++)
            CHECKF(keys[i] != keys[j], "keys %d and %d are equal", i, j);
    plan_free(&p);
}

int main(void)
{
    TEST_RUN(test_not_head_removes_patch);
    TEST_RUN(test_head_brings_disc_back);
    TEST_RUN(test_seeds_from_plan);
    TEST_RUN(test_plan_without_corrections_unchanged);
    TEST_RUN(test_stroke_order_and_edge);
    TEST_RUN(test_strokes_match_definition);
    TEST_RUN(test_plan_key);
    return TEST_SUMMARY();
}
