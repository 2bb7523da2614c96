/* The dermal dot's footprint (src/core/footprint.h): each dot keeps its ink
 * (area x darkness) whatever its size, the pixel size and the photo's blur;
 * the outline is irregular per dot but fixed by its id; the halo and the blur
 * soften the peak; the zoomed-out grid (src/gfx/lod.c) lays the same ink. */
#include "test.h"

#include "core/footprint.h"
#include "gfx/lod.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static SmpDot dot_make(float diameter, float elongation, float angle, uint32_t id)
{
    SmpDot d = {0};
    d.x_mm = 10;
    d.y_mm = 10;
    d.diameter_mm = diameter;
    d.elongation = elongation;
    d.angle_deg = angle;
    d.darkness = 0.8f;
    d.softness_mm = 0.06f;
    d.id = id;
    return d;
}

/* Ink laid on the grid, relative to area x darkness; averaged over a few
 * sub-pixel positions (the pixel centres a dot reaches depend on it). */
static double ink_ratio(SmpDot d, double ppm, float blur_px, bool drop_halo)
{
    FootprintGrid g = {ppm, blur_px, 1.0f};
    double sum = 0;
    const float off[4][2] = {{0, 0}, {0.37f, 0.11f}, {0.5f, 0.5f}, {0.83f, 0.29f}};
    for (int k = 0; k < 4; k++) {
        SmpDot m = d;
        m.x_mm += off[k][0] / (float)ppm;
        m.y_mm += off[k][1] / (float)ppm;
        Footprint f;
        footprint_make(&m, &g, 1 << 20, 1 << 20, &f);
        if (drop_halo)
            f.k_halo = 0;
        sum += footprint_ink_sum(&f);
    }
    double a = 0.5 * d.diameter_mm * ppm, b = a / d.elongation;
    return sum / 4 / (3.14159265358979 * a * b * d.darkness);
}

static void test_ink_is_kept_within_one_percent(void)
{
    const float diam[] = {0.3f, 0.5f, 0.8f, 1.6f};
    const float elong[] = {1.0f, 1.25f, 1.6f};
    const double ppm[] = {8, 12, 20, 40};
    const float blur[] = {0, 1, 2.5f};
    double worst = 0;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < 4; k++)
                for (int l = 0; l < 3; l++) {
                    SmpDot d = dot_make(diam[i], elong[j], 17.0f * (i + j + k), (uint32_t)(7 * i + 3 * j + k));
                    double r = ink_ratio(d, ppm[k], blur[l], false);
                    if (fabs(r - 1) > worst)
                        worst = fabs(r - 1);
                    CHECKF(fabs(r - 1) <= 0.01, "%.2f mm x%.2f at %g px/mm, blur %.1f px: ink x%.4f", diam[i],
                           elong[j], ppm[k], blur[l], r);
                }
    printf("worst ink error over 144 dots (>= 2.4 px across): %.3f %%\n", worst * 100);
    /* Negative control: without its halo a dot loses FP_HALO_SHARE of its ink. */
    double r = ink_ratio(dot_make(0.5f, 1.2f, 30, 5), 12, 1, true);
    CHECKF(fabs(r - (1 - FP_HALO_SHARE)) < 0.02, "without the halo the ink is x%.3f", r);
}

/* Phone photos: dots of a pixel or two keep their ink too (summed over the
 * pixel centres, averaged over sub-pixel positions). */
static void test_small_dots_keep_ink(void)
{
    const float diam[] = {0.3f, 0.5f};
    const double ppm[] = {2.5, 3, 5};
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 3; k++) {
            double r = ink_ratio(dot_make(diam[i], 1.2f, 40, (uint32_t)(11 + i + k)), ppm[k], 1.0f, false);
            CHECKF(fabs(r - 1) <= 0.03, "%.2f mm at %g px/mm: ink x%.4f", diam[i], ppm[k], r);
        }
}

/* Peak darkening at the centre and the ink, for a blur. */
static void peak_and_ink(float blur, double *peak, double *ink)
{
    SmpDot d = dot_make(0.5f, 1.0f, 0, 3);
    FootprintGrid g = {10, blur, 1.0f};
    Footprint f;
    footprint_make(&d, &g, 1 << 20, 1 << 20, &f);
    *peak = footprint_alpha(&f, 0, 0);
    *ink = footprint_ink_sum(&f);
}

static void test_blur_softens_and_keeps_ink(void)
{
    double p0, i0, p1, i1, p2, i2;
    peak_and_ink(0, &p0, &i0);
    peak_and_ink(1, &p1, &i1);
    peak_and_ink(3, &p2, &i2);
    printf("peak darkening of a 0.5 mm dot (darkness 0.8) at 10 px/mm: blur 0 %.3f, 1 px %.3f, 3 px %.3f\n", p0, p1,
           p2);
    /* A dermal dot peaks below its flat-disc darkness; blur lowers it further. */
    CHECK(p0 < 0.8 * 0.95);
    CHECK(p1 < p0 && p2 < 0.8 * p1);
    CHECK_NEAR(i1 / i0, 1, 0.01);
    CHECK_NEAR(i2 / i0, 1, 0.01);
}

/* Each dot's outline is its own, fixed by its id. */
static void test_outline_irregular_per_dot(void)
{
    FootprintGrid g = {20, 0, 1.0f};
    float cov[3][36];
    const uint32_t ids[3] = {101, 102, 101};
    for (int k = 0; k < 3; k++) {
        SmpDot d = dot_make(1.0f, 1.0f, 0, ids[k]);
        Footprint f;
        footprint_make(&d, &g, 1 << 20, 1 << 20, &f);
        for (int i = 0; i < 36; i++) { /* around the nominal boundary, 10 px out */
            float t = i * 6.2831853f / 36;
            cov[k][i] = footprint_core(&f, 10 * cosf(t), 10 * sinf(t));
        }
    }
    double diff = 0, same = 0, lo = 1, hi = 0;
    for (int i = 0; i < 36; i++) {
        diff += fabs(cov[0][i] - cov[1][i]);
        same += fabs(cov[0][i] - cov[2][i]);
        lo = fmin(lo, cov[0][i]);
        hi = fmax(hi, cov[0][i]);
    }
    printf("outline: coverage on the nominal boundary %.2f..%.2f; two ids differ by %.3f on average\n", lo, hi,
           diff / 36);
    CHECK(same == 0);          /* same id, same dot */
    CHECK(diff / 36 > 0.02);   /* another id, another outline */
    CHECK(hi - lo > 0.05);     /* not a circle */
    CHECK(hi - lo < 0.9);      /* but only slightly irregular */
}

/* The zoomed-out grid lays each dot's ink: total darkening of sparse dots
 * equals their summed area x darkness at every level. */
static void test_lod_keeps_ink(void)
{
    DotList dots = {0};
    dots.items = calloc(400, sizeof *dots.items);
    dots.count = dots.capacity = 400;
    double ink_mm2 = 0;
    for (int i = 0; i < 400; i++) {
        dots.items[i] = dot_make(0.3f + 0.003f * i, 1.0f + 0.001f * i, 7.0f * i, (uint32_t)i);
        dots.items[i].x_mm = 5 + 10 * (i % 20) + 0.13f * (i % 7);
        dots.items[i].y_mm = 5 + 10 * (i / 20) + 0.29f * (i % 5);
        double a = 0.5 * dots.items[i].diameter_mm;
        ink_mm2 += 3.14159265 * a * a / dots.items[i].elongation * dots.items[i].darkness;
    }
    double ppm = 20;
    LodGrid g = {0};
    SmpError err;
    for (int level = 0; level <= 3; level++) {
        CHECK(lod_build(&g, &dots, ppm, 1.0f, 4000, 4000, level, &err));
        double sum = 0;
        for (size_t i = 0; i < (size_t)g.width * g.height; i++)
            sum += 1.0 - g.trans[i];
        double cell_mm = (1 << level) / ppm;
        double ratio = sum * cell_mm * cell_mm / ink_mm2;
        printf("LOD level %d: ink x%.4f\n", level, ratio);
        CHECKF(fabs(ratio - 1) < 0.02, "level %d: ink x%.4f", level, ratio);
    }
    lod_free(&g);
    free(dots.items);
}

int main(void)
{
    TEST_RUN(test_ink_is_kept_within_one_percent);
    TEST_RUN(test_small_dots_keep_ink);
    TEST_RUN(test_blur_softens_and_keeps_ink);
    TEST_RUN(test_outline_irregular_per_dot);
    TEST_RUN(test_lod_keeps_ink);
    return TEST_SUMMARY();
}
