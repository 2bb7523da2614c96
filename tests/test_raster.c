/* The CPU reference renderer: tone kept at every scale, bit-identical for any
 * thread count, untouched pixels untouched, comparisons and label placed. */
#include "test.h"

#include "core/label.h"
#include "core/raster.h"
#include "core/render.h"
#include "plan_fixture.h"

#include <stdlib.h>
#include <string.h>

static SmpImage grey_photo(int w, int h, uint8_t v)
{
    SmpImage img;
    image_create(w, h, &img, NULL);
    for (size_t i = 0; i < (size_t)w * h; i++)
        img.pixels[i * 4] = img.pixels[i * 4 + 1] = img.pixels[i * 4 + 2] = v;
    return img;
}

/* A 20 x 20 mm field of dots on a 1 mm jittered lattice (the layout does not
 * matter here: the renderer is tested on its own). */
static DotList field_of_dots(double diameter_mm)
{
    DotList d = {0};
    d.items = calloc(400, sizeof *d.items);
    uint32_t s = 12345;
    for (int y = 0; y < 20; y++)
        for (int x = 0; x < 20; x++) {
            SmpDot *t = &d.items[d.count++];
            s = s * 1664525u + 1013904223u;
            t->x_mm = x + 0.5f + ((s >> 16) % 100) / 250.0f - 0.2f;
            s = s * 1664525u + 1013904223u;
            t->y_mm = y + 0.5f + ((s >> 16) % 100) / 250.0f - 0.2f;
            t->diameter_mm = (float)diameter_mm;
            t->elongation = 1.3f;
            t->angle_deg = (float)((s >> 8) % 180);
            t->darkness = 0.7f;
            t->softness_mm = 0.05f;
            t->id = (uint32_t)d.count;
        }
    return d;
}

static double mean_linear_darkening(const SmpImage *photo, const SmpImage *out)
{
    double sum = 0;
    for (size_t i = 0; i < (size_t)photo->width * photo->height; i++)
        sum += pigment_srgb_to_linear(photo->pixels[i * 4 + 1]) - pigment_srgb_to_linear(out->pixels[i * 4 + 1]);
    return sum / ((double)photo->width * photo->height);
}

static void test_tone_is_kept_at_every_scale(void)
{
    /* The same dots at 2.5 px/mm (dots below a pixel) and at 20 px/mm must
     * darken the skin by the same amount on average. */
    PigmentLook look = {{0.05f, 0.05f, 0.05f}, 1, 1, 0, 0};
    DotList dots = field_of_dots(0.35);
    const double scales[] = {2.5, 5, 10, 20};
    double tone[4];
    for (int k = 0; k < 4; k++) {
        int n = (int)(20 * scales[k]);
        SmpImage photo = grey_photo(n, n, 200), out;
        RasterOptions ro = {.threads = 1, .px_per_mm = scales[k]};
        CHECK(raster_render(&photo, &dots, &look, &ro, &out, NULL));
        tone[k] = mean_linear_darkening(&photo, &out);
        image_free(&photo);
        image_free(&out);
    }
    /* Expected: area share x darkness x (1 - pigment) x skin */
    double area = 400 * 3.14159265 * 0.175 * (0.175 / 1.3) / 400.0;
    double expected = area * 0.7 * 0.95 * pigment_srgb_to_linear(200);
    printf("tone: expected %.5f, at 2.5/5/10/20 px/mm %.5f %.5f %.5f %.5f\n", expected, tone[0], tone[1], tone[2], tone[3]);
    /* measured: within 0.3 % of each other and of the expectation */
    for (int k = 0; k < 4; k++)
        CHECKF(fabs(tone[k] / tone[3] - 1) < 0.02, "tone at %g px/mm is %g vs %g at 20 px/mm", scales[k], tone[k], tone[3]);
    CHECKF(fabs(tone[3] / expected - 1) < 0.02, "tone %g, expected %g", tone[3], expected);
    dots_free(&dots);
}

static void test_no_dot_vanishes_between_pixels(void)
{
    /* A single tiny dot at a pixel corner still darkens its neighbourhood by its ink. */
    PigmentLook look = {{0.05f, 0.05f, 0.05f}, 1, 1, 0, 0};
    DotList d = {0};
    SmpDot dot = {.x_mm = 4.0f, .y_mm = 4.0f, .diameter_mm = 0.3f, .elongation = 1, .darkness = 0.8f};
    d.items = &dot;
    d.count = 1;
    SmpImage photo = grey_photo(24, 24, 220), out;
    RasterOptions ro = {.threads = 1, .px_per_mm = 3.0}; /* dot 0.9 px across, centred on a pixel corner (12, 12) */
    CHECK(raster_render(&photo, &d, &look, &ro, &out, NULL));
    double ink = mean_linear_darkening(&photo, &out) * 24 * 24;
    double expected = 3.14159265 * 0.45 * 0.45 * 0.8 * 0.95 * pigment_srgb_to_linear(220);
    CHECKF(fabs(ink / expected - 1) < 0.15, "ink %g vs %g", ink, expected);
    image_free(&photo);
    image_free(&out);
}

/* Linear ink a render lays (sum of darkening in linear green). */
static double ink_of(const SmpImage *photo, const SmpImage *out)
{
    return mean_linear_darkening(photo, out) * photo->width * photo->height;
}

static void test_ink_does_not_shimmer_with_subpixel_position(void)
{
    /* One dot slid across a pixel in small steps keeps its total ink. Small
     * dots have their ink summed over the pixels they reach, larger ones use
     * the closed form (within ~2 %); 8-bit rounding of a faint, spread-out
     * footprint adds a few % for the smallest (3.7 % here, as before the
     * closed form existed). */
    PigmentLook look = {{0, 0, 0}, 1, 1, 0, 0};
    const double diameters[] = {0.3, 0.5, 1.6};
    for (int k = 0; k < 3; k++) {
        double lo = 1e9, hi = 0;
        for (int step = 0; step < 8; step++) {
            DotList d = {0};
            SmpDot dot = {.x_mm = 4.0f + step * 0.045f, .y_mm = 4.0f + step * 0.03f,
                          .diameter_mm = (float)diameters[k], .elongation = 1.25f, .angle_deg = 30.0f,
                          .darkness = 1.0f, .softness_mm = 0.05f};
            d.items = &dot;
            d.count = 1;
            SmpImage photo = grey_photo(32, 32, 230), out;
            RasterOptions ro = {.threads = 1, .px_per_mm = 3.0};
            CHECK(raster_render(&photo, &d, &look, &ro, &out, NULL));
            double ink = ink_of(&photo, &out);
            lo = ink < lo ? ink : lo;
            hi = ink > hi ? ink : hi;
            image_free(&photo);
            image_free(&out);
        }
        printf("%.2f mm dot at 3 px/mm: ink varies %.2f%% with position\n", diameters[k], 100 * (hi / lo - 1));
        CHECKF(hi / lo - 1 < 0.05, "%.2f mm dot: ink varies %.2f%% with position", diameters[k], 100 * (hi / lo - 1));
    }
}

static void test_every_byte_value_survives_untouched(void)
{
    /* Pixels between dots, on rows the dots touch, come back bit for bit for
     * every byte value (the compositor does not branch on coverage). Checked
     * on pixels well away from every dot's support. */
    PigmentLook look = {{0.05f, 0.06f, 0.07f}, 1, 1, 0, 0};
    DotList dots = field_of_dots(0.3);
    SmpImage photo = grey_photo(200, 200, 0), out;
    for (size_t i = 0; i < 200 * 200; i++) {
        photo.pixels[i * 4] = (uint8_t)i;
        photo.pixels[i * 4 + 1] = (uint8_t)(i * 7 + 3);
        photo.pixels[i * 4 + 2] = (uint8_t)(255 - i);
    }
    RasterOptions ro = {.threads = 2, .px_per_mm = 10};
    CHECK(raster_render(&photo, &dots, &look, &ro, &out, NULL));
    int checked = 0, changed = 0, darkened = 0;
    for (int y = 0; y < 200; y++)
        for (int x = 0; x < 200; x++) {
            double nearest = 1e9;
            for (int i = 0; i < dots.count; i++) {
                double dx = x + 0.5 - dots.items[i].x_mm * 10, dy = y + 0.5 - dots.items[i].y_mm * 10;
                double r = sqrt(dx * dx + dy * dy);
                nearest = r < nearest ? r : nearest;
            }
            bool same = memcmp(image_pixel(&photo, x, y), image_pixel(&out, x, y), 4) == 0;
            if (nearest > 4.5) /* radius 1.5 px + edge ~1.2 px, with margin */
                checked++, changed += !same;
            else if (nearest < 1.0)
                darkened += !same;
        }
    CHECKF(changed == 0, "%d of %d untouched pixels changed", changed, checked);
    CHECKF(checked > 10000 && darkened > 300, "checked %d, darkened %d", checked, darkened);
    image_free(&photo);
    image_free(&out);
    dots_free(&dots);
}

static void test_narrow_images_and_broken_dots(void)
{
    /* Images narrower than the renderer's pixel runs, dots off every edge,
     * and dots with NaN or absurd values: no crash (run under ASan), same
     * pixels for any thread count, broken dots draw nothing. */
    PigmentLook look = {{0.05f, 0.05f, 0.05f}, 1, 1, 0, 0};
    SmpDot items[6] = {
        {.x_mm = 0.1f, .y_mm = 1.0f, .diameter_mm = 0.6f, .elongation = 1.2f, .darkness = 0.8f, .softness_mm = 0.05f},
        {.x_mm = -0.1f, .y_mm = 3.0f, .diameter_mm = 0.9f, .elongation = 1.0f, .darkness = 0.8f},
        {.x_mm = 0.3f, .y_mm = 5.0f, .diameter_mm = 2.0f, .elongation = 3.0f, .angle_deg = 45, .darkness = 1.0f},
        {.x_mm = NAN, .y_mm = 2.0f, .diameter_mm = 0.5f, .elongation = 1.0f, .darkness = 0.8f},
        {.x_mm = 0.2f, .y_mm = 2.0f, .diameter_mm = 0.5f, .elongation = 1.0f, .darkness = NAN},
        {.x_mm = 1e30f, .y_mm = -1e30f, .diameter_mm = 1e30f, .elongation = 1.0f, .darkness = 0.5f},
    };
    DotList d = {.count = 6, .items = items};
    for (int w = 1; w <= 9; w += 4) {
        SmpImage photo = grey_photo(w, 70, 200), one, two;
        RasterOptions ro = {.threads = 1, .px_per_mm = 10};
        CHECK(raster_render(&photo, &d, &look, &ro, &one, NULL));
        ro.threads = 3;
        CHECK(raster_render(&photo, &d, &look, &ro, &two, NULL));
        CHECK(memcmp(one.pixels, two.pixels, (size_t)w * 70 * 4) == 0);
        CHECK(image_pixel(&one, 0, 10)[1] < 200); /* the first dot, cut by the edge */
        image_free(&photo);
        image_free(&one);
        image_free(&two);
    }
    /* The broken dots alone change nothing. */
    DotList broken = {.count = 3, .items = items + 3};
    SmpImage photo = grey_photo(40, 40, 200), out;
    RasterOptions ro = {.threads = 2, .px_per_mm = 10};
    CHECK(raster_render(&photo, &broken, &look, &ro, &out, NULL));
    CHECK(memcmp(photo.pixels, out.pixels, (size_t)40 * 40 * 4) == 0);
    image_free(&photo);
    image_free(&out);
}

static void test_threads_give_identical_pixels(void)
{
    PigmentLook look = {{0.06f, 0.05f, 0.07f}, 1, 1, 0, 0};
    DotList dots = field_of_dots(0.6);
    SmpImage photo = grey_photo(203, 197, 180), ref;
    for (size_t i = 0; i < 203 * 197; i++)
        photo.pixels[i * 4] = (uint8_t)(i * 7);
    RasterOptions ro = {.threads = 1, .px_per_mm = 9.7};
    CHECK(raster_render(&photo, &dots, &look, &ro, &ref, NULL));
    for (int t = 2; t <= 5; t++) {
        SmpImage out;
        ro.threads = t;
        CHECK(raster_render(&photo, &dots, &look, &ro, &out, NULL));
        CHECKF(memcmp(out.pixels, ref.pixels, (size_t)203 * 197 * 4) == 0, "%d threads differ from 1", t);
        image_free(&out);
    }
    /* Negative control: a different dot list does change the pixels. */
    dots.items[3].darkness = 0.2f;
    SmpImage other;
    ro.threads = 1;
    raster_render(&photo, &dots, &look, &ro, &other, NULL);
    CHECK(memcmp(other.pixels, ref.pixels, (size_t)203 * 197 * 4) != 0);
    image_free(&other);
    image_free(&ref);
    image_free(&photo);
    dots_free(&dots);
}

/* The render in steps, as the web build does it (frames between steps), gives
 * raster_render's bytes whatever the budget and threads; the look (grain, sheen)
 * and a window's origin too. Controls: small budgets do take many steps, and
 * the unbounded one a single step. */
static void test_steps_give_identical_pixels(void)
{
    PigmentLook look = {{0.06f, 0.05f, 0.07f}, 1, 1, 0, 0};
    DotList dots = field_of_dots(0.6);
    SmpImage photo = grey_photo(211, 190, 160), ref;
    for (size_t i = 0; i < 211 * 190; i++)
        photo.pixels[i * 4 + 1] = (uint8_t)(i * 5 + i / 9);
    uint8_t cells[4] = {0, 200, 90, 255};
    SheenMap sheen = {-3, 4, 2, 2, 64, cells};
    RasterOptions ro = {.threads = 1, .px_per_mm = 9.3, .grain_sigma = 2.5f, .seed = 7, .sheen = &sheen,
                        .origin_x = 5, .origin_y = 11};
    CHECK(raster_render(&photo, &dots, &look, &ro, &ref, NULL));
    const int64_t budgets[] = {1, 30000, 400000, INT64_MAX};
    for (size_t b = 0; b < sizeof budgets / sizeof *budgets; b++)
        for (int t = 1; t <= 2; t++) {
            ro.threads = t;
            RasterSteps *s = raster_steps_begin(&photo, &dots, &look, &ro, budgets[b]);
            int steps = 1;
            while (raster_steps_next(s))
                steps++;
            SmpImage out;
            CHECK(raster_steps_end(s, &out, NULL));
            CHECKF(memcmp(out.pixels, ref.pixels, (size_t)211 * 190 * 4) == 0, "budget %zu, %d threads differ", b, t);
            const int least[] = {400, 8, 2, 1}; /* a dot a step at budget 1 */
            CHECKF(budgets[b] == INT64_MAX ? steps == 1 : steps >= least[b], "budget %zu: %d steps", b, steps);
            image_free(&out);
        }
    /* Negative control: another seed changes the grain, so the comparison sees it. */
    SmpImage other;
    ro.seed = 8;
    CHECK(raster_render(&photo, &dots, &look, &ro, &other, NULL));
    CHECK(memcmp(other.pixels, ref.pixels, (size_t)211 * 190 * 4) != 0);
    image_free(&other);
    image_free(&ref);
    image_free(&photo);
    dots_free(&dots);
}

static void test_pixels_away_from_dots_are_untouched(void)
{
    PigmentLook look = {{0.05f, 0.05f, 0.05f}, 1, 1, 0, 0};
    DotList dots = field_of_dots(0.5);
    SmpImage photo = grey_photo(400, 300, 150), out;
    for (size_t i = 0; i < 400 * 300; i++)
        photo.pixels[i * 4 + 2] = (uint8_t)(i * 13);
    RasterOptions ro = {.threads = 2, .px_per_mm = 10};
    raster_render(&photo, &dots, &look, &ro, &out, NULL);
    int changed_outside = 0, changed_inside = 0;
    for (int y = 0; y < 300; y++)
        for (int x = 0; x < 400; x++) {
            bool differs = memcmp(image_pixel(&photo, x, y), image_pixel(&out, x, y), 4) != 0;
            if (x >= 215 || y >= 215)
                changed_outside += differs;
            else
                changed_inside += differs;
        }
    CHECK(changed_outside == 0);
    CHECK(changed_inside > 400 * 10);
    image_free(&photo);
    image_free(&out);
    dots_free(&dots);
}

static void test_big_image_threads_and_untouched(void)
{
    /* An image big enough for the renderer's large-buffer path (over 8 MB,
     * not a whole number of 2 MB chunks, odd width): the output is the same
     * for 1, 2 and 3 threads, pixels away from the dots (and every alpha) are
     * the photo's, bit for bit. Dots only in the top-left 20 x 20 mm. */
    PigmentLook look = {{0.07f, 0.05f, 0.04f}, 1, 1, 0, 0};
    DotList dots = field_of_dots(0.45);
    int w = 2003, h = 1201;
    SmpImage photo = grey_photo(w, h, 170), ref;
    for (size_t i = 0; i < (size_t)w * h; i++) {
        photo.pixels[i * 4 + 1] = (uint8_t)(i * 11 + i / 7);
        photo.pixels[i * 4 + 3] = (uint8_t)(i * 3);
    }
    RasterOptions ro = {.threads = 1, .px_per_mm = 10};
    CHECK(raster_render(&photo, &dots, &look, &ro, &ref, NULL));
    for (int t = 2; t <= 3; t++) {
        SmpImage out;
        ro.threads = t;
        CHECK(raster_render(&photo, &dots, &look, &ro, &out, NULL));
        CHECKF(memcmp(out.pixels, ref.pixels, (size_t)w * h * 4) == 0, "%d threads differ from 1", t);
        image_free(&out);
    }
    int changed_outside = 0, changed_inside = 0, alpha_changed = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            const uint8_t *p = image_pixel(&photo, x, y), *q = image_pixel(&ref, x, y);
            bool differs = memcmp(p, q, 4) != 0;
            alpha_changed += p[3] != q[3];
            if (x >= 215 || y >= 215)
                changed_outside += differs;
            else
                changed_inside += differs;
        }
    CHECK(changed_outside == 0);
    CHECK(alpha_changed == 0);
    CHECK(changed_inside > 400 * 10);
    image_free(&ref);
    image_free(&photo);
    dots_free(&dots);
}

static void test_compare_split_and_side(void)
{
    SmpImage before = grey_photo(100, 40, 10), after = grey_photo(100, 40, 200), out;
    CHECK(raster_compare(&before, &after, COMPARE_SIDE, 50, &out, NULL));
    CHECK(out.width == 200 && out.height == 40);
    CHECK(image_pixel(&out, 99, 20)[0] == 10 && image_pixel(&out, 100, 20)[0] == 200);
    image_free(&out);
    CHECK(raster_compare(&before, &after, COMPARE_SPLIT, 50, &out, NULL));
    CHECK(out.width == 100);
    CHECK(image_pixel(&out, 10, 5)[0] == 10 && image_pixel(&out, 90, 5)[0] == 200);
    CHECK(image_pixel(&out, 50, 5)[0] == 255); /* the divider */
    image_free(&out);
    image_free(&before);
    image_free(&after);
}

static void test_label_bottom_right_only(void)
{
    SmpImage img = grey_photo(800, 600, 128);
    CHECK(label_draw(&img, "SIMULATION", NULL));
    int changed_br = 0, changed_rest = 0, white = 0;
    for (int y = 0; y < 600; y++)
        for (int x = 0; x < 800; x++) {
            uint8_t *p = image_pixel(&img, x, y);
            bool c = p[0] != 128;
            if (x > 400 && y > 500)
                changed_br += c, white += p[0] > 220;
            else
                changed_rest += c;
        }
    CHECK(changed_br > 2000 && white > 200);
    CHECK(changed_rest == 0);
    image_free(&img);
}

static void test_render_plan_threads_and_label(void)
{
    SmpPlan plan;
    fx_plan_treated(&plan, 640, 480, 8, 90);
    SmpImage photo = grey_photo(640, 480, 190), a, b;
    RenderRequest req = {.threads = 1};
    DotList dots = {0};
    CHECK(render_plan(&photo, &plan, &req, &a, &dots, NULL));
    CHECK(dots.count > 3000);
    req.threads = 2;
    CHECK(render_plan(&photo, &plan, &req, &b, NULL, NULL));
    CHECK(memcmp(a.pixels, b.pixels, (size_t)640 * 480 * 4) == 0);
    image_free(&b);
    req.label = "SIMULATION";
    CHECK(render_plan(&photo, &plan, &req, &b, NULL, NULL));
    CHECK(memcmp(a.pixels, b.pixels, (size_t)640 * 480 * 4) != 0);
    image_free(&a);
    image_free(&b);
    image_free(&photo);
    dots_free(&dots);
    plan_free(&plan);
}

int main(void)
{
    TEST_RUN(test_tone_is_kept_at_every_scale);
    TEST_RUN(test_no_dot_vanishes_between_pixels);
    TEST_RUN(test_ink_does_not_shimmer_with_subpixel_position);
    TEST_RUN(test_every_byte_value_survives_untouched);
    TEST_RUN(test_narrow_images_and_broken_dots);
    TEST_RUN(test_threads_give_identical_pixels);
    TEST_RUN(test_steps_give_identical_pixels);
    TEST_RUN(test_pixels_away_from_dots_are_untouched);
    TEST_RUN(test_big_image_threads_and_untouched);
    TEST_RUN(test_compare_split_and_side);
    TEST_RUN(test_label_bottom_right_only);
    TEST_RUN(test_render_plan_threads_and_label);
    return TEST_SUMMARY();
}
