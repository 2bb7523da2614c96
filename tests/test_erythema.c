/* The redness of fresh work (src/core/erythema.h): a flush around new dots,
 * strongest at the dots, gone a few millimetres away, none when healed; in
 * the export of a real photo, fresh work is redder than healed work. */
#include "test.h"

#include "core/erythema.h"
#include "core/pigment.h"
#include "core/render.h"
#include "io/photo.h"
#include "io/plan_file.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double PPM = 10;

/* CIE a* of an sRGB pixel (D65). */
static double a_star(const uint8_t *p)
{
    double r = pigment_srgb_to_linear(p[0]), g = pigment_srgb_to_linear(p[1]), b = pigment_srgb_to_linear(p[2]);
    double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505, y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    double fx = x > 0.008856 ? cbrt(x) : 7.787 * x + 16 / 116.0, fy = y > 0.008856 ? cbrt(y) : 7.787 * y + 16 / 116.0;
    return 500 * (fx - fy);
}

static double mean_a(const SmpImage *img, int x0, int y0, int x1, int y1)
{
    double sum = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            sum += a_star(image_pixel(img, x, y));
    return sum / ((double)(x1 - x0) * (y1 - y0));
}

/* Dots every `step` mm over [from, to) mm squared. */
static DotList dot_grid(float from, float to, float step)
{
    int side = (int)((to - from) / step);
    DotList l = {0, side * side, calloc((size_t)side * side, sizeof(SmpDot))};
    for (int j = 0; j < side; j++)
        for (int i = 0; i < side; i++) {
            SmpDot *d = &l.items[l.count];
            *d = (SmpDot){from + step * i, from + step * j, 0.45f, 1, 0, 0.7f, 0.06f, 0, (uint32_t)l.count, 1};
            l.count++;
        }
    return l;
}

static SmpImage skin(void)
{
    SmpImage img;
    SmpError err;
    CHECK(image_create(400, 400, &img, &err));
    for (size_t i = 0; i < (size_t)400 * 400; i++) {
        uint8_t *p = img.pixels + 4 * i;
        p[0] = 200, p[1] = 160, p[2] = 140;
    }
    return img;
}

static void test_flush_around_fresh_dots(void)
{
    DotList dots = dot_grid(10, 30, 1.0f); /* 100 dots/cm^2 over 20 x 20 mm */
    SmpImage img = skin(), plain = skin();
    SheenMap m;
    SmpError err;
    CHECK(erythema_map(&dots, PPM, img.width, img.height, 1.0f, &m, &err));
    erythema_apply(&img, &m, &plain, NULL);
    double inside = mean_a(&img, 150, 150, 250, 250) - mean_a(&plain, 150, 150, 250, 250);
    double far = mean_a(&img, 0, 360, 400, 400) - mean_a(&plain, 0, 360, 400, 400);
    printf("a* rise: treated %.2f, 6 mm away %.3f\n", inside, far);
    CHECKF(inside > 3.0, "treated area: a* +%.2f", inside);
    CHECKF(fabs(far) < 0.05, "6 mm away: a* %+.3f", far);
    photo_look_sheen_free(&m);
    /* Negative control: healed work (strength 0) leaves the picture alone. */
    SmpImage healed = skin();
    CHECK(erythema_map(&dots, PPM, img.width, img.height, 0.0f, &m, &err) && m.values == NULL);
    erythema_apply(&healed, &m, &plain, NULL);
    CHECK(memcmp(healed.pixels, plain.pixels, (size_t)400 * 400 * 4) == 0);
    image_free(&img);
    image_free(&plain);
    image_free(&healed);
    free(dots.items);
}

/* Sparse dots: redder at a dot than midway between two. */
static void test_flush_is_strongest_at_dots(void)
{
    DotList dots = dot_grid(10, 30, 4.0f);
    SmpImage img = skin(), plain = skin();
    SheenMap m;
    SmpError err;
    CHECK(erythema_map(&dots, PPM, img.width, img.height, 1.0f, &m, &err));
    erythema_apply(&img, &m, &plain, NULL);
    /* the dot at (18, 18) mm and the point midway to (22, 22) mm */
    double at = a_star(image_pixel(&img, 180, 180)) - a_star(image_pixel(&plain, 180, 180));
    double mid = a_star(image_pixel(&img, 200, 200)) - a_star(image_pixel(&plain, 200, 200));
    printf("sparse dots: a* +%.2f at a dot, +%.2f midway\n", at, mid);
    CHECKF(at > 2 * mid && at > 0.5, "at a dot +%.2f, midway +%.2f", at, mid);
    photo_look_sheen_free(&m);
    image_free(&img);
    image_free(&plain);
    free(dots.items);
}

/* Relative drop of linear green, 1 - G_after / G_before, over a box. */
static double green_drop(const SmpImage *before, const SmpImage *after, int x0, int y0, int x1, int y1)
{
    double b = 0, a = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            b += pigment_srgb_to_linear(image_pixel(before, x, y)[1]);
            a += pigment_srgb_to_linear(image_pixel(after, x, y)[1]);
        }
    return 1 - a / b;
}

/* Flushed skin under a highlight still reflects white sheen: where half the
 * light is sheen, the flush takes half as much green; where there is none, the
 * full ERYTHEMA_G. Control: the same map without the sheen tints both alike. */
static void test_flush_stays_under_sheen(void)
{
    DotList dots = dot_grid(10, 30, 1.0f);
    SmpImage img = skin(), plain = skin(), flat = skin();
    SheenMap m, sheen = {.x0 = 0, .y0 = 0, .width = 40, .height = 40, .cell = 10};
    SmpError err;
    float darkest = pigment_srgb_to_linear(image_pixel(&plain, 0, 0)[2]); /* skin(): blue is darkest */
    sheen.values = calloc(40 * 40, 1);
    for (int y = 0; sheen.values && y < 40; y++)
        for (int x = 20; x < 40; x++) /* the right half: half of the darkest channel is sheen */
            sheen.values[y * 40 + x] = (uint8_t)lroundf(255 * 0.5f * darkest);
    CHECK(erythema_map(&dots, PPM, img.width, img.height, 1.0f, &m, &err));
    erythema_apply(&img, &m, &plain, &sheen);
    erythema_apply(&flat, &m, &plain, NULL);
    double dull = green_drop(&plain, &img, 150, 150, 190, 250), shiny = green_drop(&plain, &img, 215, 150, 250, 250);
    double flat_r = green_drop(&plain, &flat, 215, 150, 250, 250);
    printf("green taken by the flush: no sheen %.3f, under sheen %.3f, sheen ignored %.3f\n", dull, shiny, flat_r);
    CHECKF(dull > 0.12 && dull < 0.17, "no sheen: %.3f of green", dull);
    CHECKF(shiny > 0.2 * dull && shiny < 0.85 * dull, "under sheen: %.3f vs %.3f", shiny, dull);
    CHECKF(flat_r > 0.95 * dull, "control: without the sheen map %.3f vs %.3f", flat_r, dull);
    free(sheen.values);
    photo_look_sheen_free(&m);
    image_free(&img);
    image_free(&plain);
    image_free(&flat);
    free(dots.items);
}

static bool render_stage(const char *plan_name, PlanStage stage, SmpImage *photo, SmpImage *out)
{
    const char *root = getenv("SMP_ROOT");
    char path[1024], photo_path[1024];
    snprintf(path, sizeof path, "%s/tests/plans/%s", root ? root : ".", plan_name);
    SmpPlan plan;
    SmpError err = {{0}};
    plan_init(&plan);
    bool ok = plan_load(path, &plan, &err) && plan_resolve_photo(path, &plan, photo_path, sizeof photo_path) &&
              (photo->pixels || photo_load(photo_path, photo, NULL, &err));
    RenderRequest req = {.threads = 1, .override_stage = true, .stage = stage};
    ok = ok && render_plan(photo, &plan, &req, out, NULL, &err);
    CHECKF(ok, "%s: %s", plan_name, err.msg);
    plan_free(&plan);
    return ok;
}

/* The export of a real photo: fresh work is redder than healed work, and
 * healed work is not redder than the photo. */
static void test_fresh_export_is_redder(void)
{
    SmpImage photo = {0}, fresh = {0}, healed = {0};
    if (render_stage("crown_stubble_tan.smp", STAGE_FRESH, &photo, &fresh) &&
        render_stage("crown_stubble_tan.smp", STAGE_HEALED, &photo, &healed)) {
        double a_photo = mean_a(&photo, 250, 250, 390, 390), a_fresh = mean_a(&fresh, 250, 250, 390, 390),
               a_healed = mean_a(&healed, 250, 250, 390, 390);
        printf("treated centre a*: photo %.2f, healed %.2f, fresh %.2f\n", a_photo, a_healed, a_fresh);
        CHECKF(a_fresh - a_healed > 1.5, "fresh a* %.2f vs healed %.2f", a_fresh, a_healed);
        CHECKF(a_healed - a_photo < 0.5, "healed a* %.2f vs photo %.2f", a_healed, a_photo);
    }
    image_free(&photo);
    image_free(&fresh);
    image_free(&healed);
}

int main(void)
{
    TEST_RUN(test_flush_around_fresh_dots);
    TEST_RUN(test_flush_is_strongest_at_dots);
    TEST_RUN(test_flush_stays_under_sheen);
    TEST_RUN(test_fresh_export_is_redder);
    return TEST_SUMMARY();
}
