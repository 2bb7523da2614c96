/* test_render_look.c - renders keep the photo's sheen on top and give the ink its grain.
 *
 * On a real shiny scalp (rf_top_crown_bald_dark-skin.jpg with
 * tests/plans/crown_dark_top.smp) pigment must darken the highlight less than
 * mid-tone skin, because it absorbs only the diffuse light under the sheen.
 * Grain must be there, scaled with the ink, and change nothing else.
 */
#include "test.h"

#include "core/photo_look.h"
#include "core/pigment.h"
#include "core/render.h"
#include "io/image_write.h"
#include "io/photo.h"
#include "io/plan_file.h"

#include <stdlib.h>
#include <string.h>

static bool load_plan_case(const char *name, SmpPlan *plan, SmpImage *photo)
{
    const char *root = getenv("SMP_ROOT");
    char plan_path[1024], photo_path[1200];
    snprintf(plan_path, sizeof plan_path, "%s/tests/plans/%s", root ? root : ".", name);
    SmpError err;
    bool ok = plan_load(plan_path, plan, &err);
    CHECKF(ok, "%s", err.msg);
    if (!ok)
        return false;
    plan_resolve_photo(plan_path, plan, photo_path, sizeof photo_path);
    ok = photo_load(photo_path, photo, NULL, &err);
    CHECKF(ok, "%s", err.msg);
    if (!ok)
        plan_free(plan);
    return ok;
}

static bool load_case(SmpPlan *plan, SmpImage *photo) { return load_plan_case("crown_dark_top.smp", plan, photo); }

static float luminance(const uint8_t *p)
{
    return 0.2126f * pigment_srgb_to_linear(p[0]) + 0.7152f * pigment_srgb_to_linear(p[1]) +
           0.0722f * pigment_srgb_to_linear(p[2]);
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Mean relative darkening 1 - Y_after / Y_before over the inked pixels (those a
 * plain render changes) whose photo luminance lies in [lo, hi). */
static double relative_darkening(const SmpImage *photo, const SmpImage *plain, const SmpImage *out, float lo, float hi)
{
    double sum = 0;
    int n = 0;
    for (size_t i = 0; i < (size_t)photo->width * photo->height; i++) {
        const uint8_t *p = photo->pixels + i * 4;
        if (memcmp(p, plain->pixels + i * 4, 3) == 0)
            continue;
        float y = luminance(p);
        if (y >= lo && y < hi)
            sum += 1 - luminance(out->pixels + i * 4) / y, n++;
    }
    return n ? sum / n : 0;
}

/* The highlight: the brightest 3% of inked pixels; mid-tone: the 40-60th percentile. */
static double sheen_ratio(const SmpImage *photo, const SmpImage *plain, const SmpImage *out, float *cut)
{
    size_t n = 0, total = (size_t)photo->width * photo->height;
    float *ys = malloc(sizeof *ys * total);
    for (size_t i = 0; i < total; i++)
        if (memcmp(photo->pixels + i * 4, plain->pixels + i * 4, 3) != 0)
            ys[n++] = luminance(photo->pixels + i * 4);
    qsort(ys, n, sizeof *ys, cmp_float);
    cut[0] = ys[n * 40 / 100], cut[1] = ys[n * 60 / 100], cut[2] = ys[n * 97 / 100];
    free(ys);
    double mid = relative_darkening(photo, plain, out, cut[0], cut[1]);
    double high = relative_darkening(photo, plain, out, cut[2], 2.0f);
    return mid > 0 ? high / mid : 0;
}

static void test_sheen_stays_on_top(void)
{
    SmpPlan plan;
    SmpImage photo, plain, shiny;
    if (!load_case(&plan, &photo))
        return;
    /* Mattes off: the hair matte thins dots differently on the highlight, which
     * would blur what is measured here, the sheen split alone. */
    RenderRequest req = {.threads = 2, .no_grain = true, .no_sheen = true, .no_mattes = true};
    CHECK(render_plan(&photo, &plan, &req, &plain, NULL, NULL));
    req.no_sheen = false;
    CHECK(render_plan(&photo, &plan, &req, &shiny, NULL, NULL));
    float cut[3];
    double off = sheen_ratio(&photo, &plain, &plain, cut), on = sheen_ratio(&photo, &plain, &shiny, cut);
    printf("  relative darkening, highlight / mid-tone: sheen off %.2f, on %.2f (Y mid %.3f-%.3f, highlight > %.3f)\n",
           off, on, cut[0], cut[1], cut[2]);
    CHECKF(on <= 0.6, "sheen on: highlight darkened %.2f of mid-tone", on);
    CHECKF(off > 0.9 && off < 1.1, "sheen off should darken alike: %.2f", off); /* negative control */
    /* Mid-tone skin keeps its darkening: the sheen split must not just weaken the ink. */
    double mid_plain = relative_darkening(&photo, &plain, &plain, cut[0], cut[1]);
    double mid_shiny = relative_darkening(&photo, &plain, &shiny, cut[0], cut[1]);
    printf("  mid-tone darkening: plain %.3f, with sheen %.3f\n", mid_plain, mid_shiny);
    CHECKF(mid_shiny > 0.8 * mid_plain, "mid-tone %.3f vs %.3f", mid_shiny, mid_plain);
    const char *dir = getenv("SMP_LOOK_PNG"); /* to look at the crops: SMP_LOOK_PNG=/tmp */
    if (dir) {
        char path[512];
        snprintf(path, sizeof path, "%s/look_sheen_off.png", dir);
        image_write(path, &plain, NULL, NULL);
        snprintf(path, sizeof path, "%s/look_sheen_on.png", dir);
        image_write(path, &shiny, NULL, NULL);
    }
    image_free(&plain);
    image_free(&shiny);
    image_free(&photo);
    plan_free(&plan);
}

/* Same picture for any thread count with the whole look on (sheen and grain). */
static void test_look_threads(void)
{
    SmpPlan plan;
    SmpImage photo, one, two;
    if (!load_case(&plan, &photo))
        return;
    RenderRequest req = {.threads = 1};
    CHECK(render_plan(&photo, &plan, &req, &one, NULL, NULL));
    req.threads = 3;
    CHECK(render_plan(&photo, &plan, &req, &two, NULL, NULL));
    CHECK(memcmp(one.pixels, two.pixels, (size_t)photo.width * photo.height * 4) == 0);
    image_free(&one);
    image_free(&two);
    image_free(&photo);
    plan_free(&plan);
}

/* A mid-grey photo with Gaussian grain of sigma 4 (8-bit steps). */
static SmpImage noisy_photo(int w, int h)
{
    SmpImage img;
    SmpError err;
    CHECK(image_create(w, h, &img, &err));
    uint32_t state = 12345;
    for (int i = 0; i < w * h; i++) {
        double u[2];
        for (int k = 0; k < 2; k++) {
            state = state * 1664525u + 1013904223u;
            u[k] = ((state >> 8) + 0.5) / 16777216.0;
        }
        double v = 150 + 4 * sqrt(-2 * log(u[0])) * cos(6.283185307179586 * u[1]);
        memset(img.pixels + (size_t)i * 4, (int)(v + 0.5), 3);
    }
    return img;
}

/* Grain: present only where ink is, of the photo's sigma times the ink amount. */
static void test_grain_follows_ink(void)
{
    SmpPlan plan;
    plan_init(&plan);
    plan.scale.set = true;
    plan.scale.b.x = 40;
    plan.scale.distance_mm = 10;
    PlanPoint all[4] = {{0, 0}, {320, 0}, {320, 240}, {0, 240}};
    plan_add_region(&plan, REGION_TREAT, REGION_POLYGON, false, 0, all, 4, NULL);
    SmpImage photo = noisy_photo(320, 240), plain, grained;
    RenderRequest req = {.threads = 2, .no_grain = true};
    CHECK(render_plan(&photo, &plan, &req, &plain, NULL, NULL));
    req.no_grain = false;
    CHECK(render_plan(&photo, &plan, &req, &grained, NULL, NULL));
    /* expected variance: sum of (sigma A)^2, A the ink amount 1 - Y_plain / Y_photo */
    double want = 0, got = 0, stray = 0;
    int n = 0;
    for (size_t i = 0; i < (size_t)320 * 240; i++) {
        const uint8_t *p = photo.pixels + i * 4, *a = plain.pixels + i * 4, *g = grained.pixels + i * 4;
        if (p[0] == a[0]) {
            stray += g[0] != a[0];
            continue;
        }
        double ink = 1 - pigment_srgb_to_linear(a[0]) / pigment_srgb_to_linear(p[0]);
        want += (4 * ink) * (4 * ink), got += (double)(g[0] - a[0]) * (g[0] - a[0]), n++;
    }
    double ratio = sqrt(got / want);
    printf("  grain on %d inked pixels: measured / expected sigma %.2f; %g changed without ink\n", n, ratio, stray);
    CHECK(n > 5000);
    CHECKF(ratio > 0.7 && ratio < 1.3, "grain sigma ratio %.2f", ratio);
    CHECK(stray == 0);
    image_free(&plain);
    image_free(&grained);
    image_free(&photo);
    plan_free(&plan);
}

/* How much of channel c the ink removed, in linear light, over the pixels the
 * reference render inked: 1 - sum(out) / sum(photo). */
static double channel_darkening(const SmpImage *photo, const SmpImage *ref, const SmpImage *out, int c)
{
    double before = 0, after = 0;
    for (size_t i = 0; i < (size_t)photo->width * photo->height; i++) {
        const uint8_t *p = photo->pixels + i * 4;
        if (memcmp(p, ref->pixels + i * 4, 3) == 0)
            continue;
        before += pigment_srgb_to_linear(p[c]);
        after += pigment_srgb_to_linear(out->pixels[i * 4 + c]);
    }
    return before > 0 ? 1 - after / before : 0;
}

/* The ink's hue: blue darkening over red darkening (1 = neutral grey). */
static double blue_over_red(const SmpImage *photo, const SmpImage *ref, const SmpImage *out)
{
    double red = channel_darkening(photo, ref, out, 0);
    return red > 0 ? channel_darkening(photo, ref, out, 2) / red : 0;
}

/* Aged work turns a little blue (docs/pigment.md, "Stages"): on fair skin the
 * aged ink takes visibly less blue than red out of the skin, healed ink about
 * as much; a subtle shift, not a blue tattoo. Control: aged 0 years has none. */
static void test_aged_turns_cool(void)
{
    SmpPlan plan;
    SmpImage photo, healed, aged, new_aged;
    if (!load_plan_case("crown_light_top.smp", &plan, &photo))
        return;
    RenderRequest req = {.threads = 2, .no_grain = true, .no_sheen = true, .no_mattes = true};
    plan.stage = STAGE_HEALED;
    CHECK(render_plan(&photo, &plan, &req, &healed, NULL, NULL));
    plan.stage = STAGE_AGED;
    plan.aged_years = 8;
    CHECK(render_plan(&photo, &plan, &req, &aged, NULL, NULL));
    plan.aged_years = 0;
    CHECK(render_plan(&photo, &plan, &req, &new_aged, NULL, NULL));
    double h = blue_over_red(&photo, &healed, &healed), a = blue_over_red(&photo, &healed, &aged);
    double a0 = blue_over_red(&photo, &healed, &new_aged);
    printf("  blue / red darkening: healed %.3f, aged 8 years %.3f, aged 0 years %.3f\n", h, a, a0);
    CHECKF(h > 0.97 && h < 1.03, "healed ink should be neutral: %.3f", h);
    CHECKF(a < h - 0.03, "aged ink not cooler: %.3f vs healed %.3f", a, h);
    CHECKF(a > h - 0.15, "aged ink too blue: %.3f vs healed %.3f", a, h);
    CHECKF(a0 > h - 0.01 && a0 < h + 0.01, "0 years should not shift: %.3f vs %.3f", a0, h); /* control */
    image_free(&healed);
    image_free(&aged);
    image_free(&new_aged);
    image_free(&photo);
    plan_free(&plan);
}

int main(void)
{
    TEST_RUN(test_sheen_stays_on_top);
    TEST_RUN(test_look_threads);
    TEST_RUN(test_grain_follows_ink);
    TEST_RUN(test_aged_turns_cool);
    return TEST_SUMMARY();
}
