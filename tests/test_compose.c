/* test_compose.c - export presets: exact aspect, crop around the head, bad names refused. */
#include "../src/core/compose.h"
#include "../src/core/compose_layout.h"
#include "test.h"

#include <string.h>

static void test_preset_aspects_are_exact(void)
{
    ComposeBox none = {0, 0, 0, 0};
    ComposeRect sq = compose_preset_rect(1200, 900, PRESET_1_1, none);
    CHECK(sq.w == 900 && sq.h == 900);
    ComposeRect p45 = compose_preset_rect(1200, 900, PRESET_4_5, none);
    CHECKF(p45.w * 5 == p45.h * 4 && p45.h <= 900, "%dx%d", p45.w, p45.h);
    ComposeRect p916 = compose_preset_rect(1001, 777, PRESET_9_16, none);
    CHECKF(p916.w * 16 == p916.h * 9 && p916.h <= 777, "%dx%d", p916.w, p916.h);
    ComposeRect full = compose_preset_rect(1001, 777, PRESET_FULL, none);
    CHECK(full.x == 0 && full.y == 0 && full.w == 1001 && full.h == 777);
}

static void test_crop_follows_head_and_stays_inside(void)
{
    ComposeBox right = {1000, 100, 150, 200}; /* head near the right edge */
    ComposeRect r = compose_preset_rect(1200, 900, PRESET_9_16, right);
    CHECK(r.x + r.w == 1200); /* pushed back inside */
    CHECK(r.x <= 1000 && r.x + r.w >= 1150);
    ComposeRect c = compose_preset_rect(1200, 900, PRESET_9_16, (ComposeBox){0, 0, 0, 0});
    CHECK(c.x != r.x); /* negative control: without the box it centres */
    CHECK(c.x == (1200 - c.w) / 2);
}

static void test_apply_copies_the_right_pixels(void)
{
    SmpImage src, out;
    SmpError err = {0};
    CHECK(image_create(40, 20, &src, &err));
    for (int y = 0; y < 20; y++)
        for (int x = 0; x < 40; x++)
            image_pixel(&src, x, y)[0] = (uint8_t)x;
    ComposeBox head = {30, 0, 10, 20};
    CHECK(compose_apply_preset(&src, PRESET_1_1, head, &out, &err));
    CHECK(out.width == 20 && out.height == 20);
    CHECK(image_pixel(&out, 0, 0)[0] == 20 && image_pixel(&out, 19, 19)[0] == 39);
    image_free(&out);
    image_free(&src);
}

static void test_bad_preset_name_is_refused(void)
{
    ComposePreset p = PRESET_FULL;
    SmpError err = {0};
    CHECK(compose_parse_preset("4:5", &p, &err) && p == PRESET_4_5);
    CHECK(compose_preset_is_social(p) && !compose_preset_is_social(PRESET_FULL));
    CHECK(!compose_parse_preset("16:9", &p, &err));
    CHECK(strstr(err.msg, "16:9") != NULL);
}

/* Bright (label text) pixels in a box of img: the grey test photos have none. */
static int bright_pixels(const SmpImage *img, int x0, int y0, int w, int h)
{
    int n = 0;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++)
            n += image_pixel(img, x, y)[0] > 200;
    return n;
}

static bool grey_image(int w, int h, uint8_t v, SmpImage *img)
{
    SmpError err = {0};
    if (!image_create(w, h, img, &err))
        return false;
    for (size_t i = 0; i < (size_t)w * (size_t)h * 4; i++)
        img->pixels[i] = (i % 4 == 3) ? 255 : v;
    return true;
}

static void test_side_layout_labels_each_half(void)
{
    SmpImage before, after, out;
    SmpError err = {0};
    CHECK(grey_image(400, 300, 100, &before) && grey_image(400, 300, 120, &after));
    CHECK(compose_layout(&before, &after, LAYOUT_SIDE, &out, &err));
    CHECK(out.width == 800 && out.height == 300);
    CHECKF(bright_pixels(&out, 0, 0, 200, 100) > 20, "no BEFORE label");
    CHECKF(bright_pixels(&out, 400, 0, 200, 100) > 20, "no AFTER label");
    CHECK(bright_pixels(&out, 0, 150, 800, 150) == 0); /* nothing far from the labels (top-left) */
    CHECK(image_pixel(&out, 390, 290)[0] == 100 && image_pixel(&out, 790, 290)[0] == 120);
    image_free(&out);
    CHECK(compose_layout(&before, &after, LAYOUT_AFTER, &out, &err));
    CHECK(out.width == 400 && bright_pixels(&out, 0, 0, 400, 300) == 0); /* after: no labels */
    image_free(&out);
    CHECK(compose_layout(&before, &after, LAYOUT_SPLIT, &out, &err));
    CHECK(out.width == 400 && bright_pixels(&out, 0, 0, 100, 100) > 20);
    CHECK(bright_pixels(&out, 200, 0, 100, 100) > 20);
    image_free(&out);
    ComposeLayout l;
    CHECK(!compose_parse_layout("sheet2", &l, &err) && strstr(err.msg, "sheet2"));
    CHECK(compose_parse_layout("sheet", &l, &err) && l == LAYOUT_SHEET);
    image_free(&before);
    image_free(&after);
}

int main(void)
{
    TEST_RUN(test_side_layout_labels_each_half);
    TEST_RUN(test_preset_aspects_are_exact);
    TEST_RUN(test_crop_follows_head_and_stays_inside);
    TEST_RUN(test_apply_copies_the_right_pixels);
    TEST_RUN(test_bad_preset_name_is_refused);
    return TEST_SUMMARY();
}
