/* The stubble sampler behind "Match" (src/core/match.h): a flat patch has no
 * speckle and its own L*; a speckled patch of the same mean is told apart;
 * pixels off the head matte are left out; a disc off the photo samples nothing.
 * On a drawn scalp (bald middle treated, stubble right of it, a dark brow below):
 * the automatic sample lands on the stubble, not on the grainier but uneven brow,
 * and the proposal brings the treated patch within 15% of it. */
#include "test.h"
#include "plan_fixture.h"

#include "core/match.h"
#include "core/render.h"

#include <math.h>
#include <stdlib.h>

/* A grey patch, every other pixel of a checkerboard lifted by `speck` (0: flat). */
static void fill(SmpImage *img, int grey, int speck)
{
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            uint8_t *p = image_pixel(img, x, y);
            int v = grey + (((x + y) & 1) ? speck : -speck);
            p[0] = p[1] = p[2] = (uint8_t)v, p[3] = 255;
        }
}

static void test_flat_and_speckled(void)
{
    SmpImage img;
    SmpError err;
    CHECK(image_create(64, 64, &img, &err));
    MatchSample flat, speck;
    fill(&img, 118, 0);
    CHECK(match_sample_disc(&img, NULL, 32, 32, 10, &flat, &err));
    CHECK(flat.samples > 250 && flat.speckle < 0.01);
    CHECK(flat.l_mean > 49 && flat.l_mean < 51); /* sRGB 118 is L* 50 */
    CHECK(flat.b_mean > -0.5 && flat.b_mean < 0.5);
    fill(&img, 118, 30);
    CHECK(match_sample_disc(&img, NULL, 32, 32, 10, &speck, &err));
    CHECK(speck.speckle > 8);                            /* the grain is seen */
    CHECK(speck.l_mean > 45 && speck.l_mean < 55);
    image_free(&img);
}

/* Head matte: only the left half is head; its pixels are dark, the right bright. */
static void test_head_only(void)
{
    SmpImage img;
    SmpError err;
    CHECK(image_create(64, 64, &img, &err));
    uint8_t alpha[64 * 64];
    for (int y = 0; y < 64; y++)
        for (int x = 0; x < 64; x++) {
            uint8_t *p = image_pixel(&img, x, y);
            p[0] = p[1] = p[2] = x < 32 ? 60 : 230;
            alpha[y * 64 + x] = x < 32 ? 255 : 0;
        }
    SmpMattes m = {.head = {64, 64, alpha, false}, .hair = {0}};
    MatchSample all, head;
    CHECK(match_sample_disc(&img, NULL, 32, 32, 12, &all, &err));
    CHECK(match_sample_disc(&img, &m, 32, 32, 12, &head, &err));
    CHECK(head.samples > 0 && head.samples < all.samples);
    CHECK(head.l_mean < 30 && all.l_mean > 45); /* negative control: unmasked mixes the wall in */
    MatchSample off;
    CHECK(match_sample_disc(&img, NULL, -100, -100, 5, &off, &err) && off.samples == 0);
    image_free(&img);
}

/* 240 x 160 px at 4 px/mm: skin; x >= 150 stubble (a dark speck on one pixel in
 * five, from a hash); rows 128..139 at x < 120, a dark band with a ragged top (a brow). */
static void draw_scalp(SmpImage *img)
{
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            unsigned h = (unsigned)(x * 73856093u ^ y * 19349663u) * 2654435761u >> 24;
            bool speck = x >= 150 && h % 4 == 0, brow = x < 120 && y >= 128 + (int)(h % 3) && y < 140;
            int v = brow ? 20 + (int)(h % 150) : speck ? 110 : 200;
            uint8_t *p = image_pixel(img, x, y);
            p[0] = (uint8_t)v, p[1] = (uint8_t)(v * 0.8), p[2] = (uint8_t)(v * 0.7), p[3] = 255;
        }
}

static void test_auto_sample_and_proposal(void)
{
    SmpImage img;
    SmpError err;
    SmpPlan plan;
    CHECK(image_create(240, 160, &img, &err));
    draw_scalp(&img);
    fx_plan_treated(&plan, 240, 160, 4.0, 90);
    PlanPoint bald[4] = {{40, 30}, {120, 30}, {120, 110}, {40, 110}};
    plan.regions[0].points[0] = bald[0], plan.regions[0].points[1] = bald[1];
    plan.regions[0].points[2] = bald[2], plan.regions[0].points[3] = bald[3];
    MatchSample brow, stubble;
    CHECK(match_sample_disc(&img, NULL, 80, 134, 12, &brow, &err));
    CHECK(match_sample_disc(&img, NULL, 190, 70, 12, &stubble, &err));
    CHECKF(brow.speckle > stubble.speckle, "the brow %.2f is grainier than the stubble %.2f", brow.speckle,
           stubble.speckle); /* so only its unevenness can keep it out */
    MatchProposal p;
    CHECKF(match_propose(&img, NULL, &plan, NULL, &p, &err), "%s", err.msg);
    CHECKF(p.sample_at.x >= 150, "sampled at %.0f,%.0f", p.sample_at.x, p.sample_at.y);
    CHECK(p.patch_at.x > 40 && p.patch_at.x < 120 && p.patch_at.y > 30 && p.patch_at.y < 110);
    printf("# brow %.2f (stubble disc %.2f); sample L* %.1f speckle %.2f, before %.1f %.2f, after %.1f %.2f\n",
           brow.speckle, stubble.speckle, p.sample.l_mean, p.sample.speckle, p.before.l_mean, p.before.speckle,
           p.after.l_mean, p.after.speckle);
    CHECKF(match_miss(&p.after, &p.sample) <= 0.15 && match_miss(&p.before, &p.sample) > 0.15,
           "miss before %.3f, after %.3f", match_miss(&p.before, &p.sample), match_miss(&p.after, &p.sample));
    MatchProposal again;
    CHECK(match_propose(&img, NULL, &plan, NULL, &again, &err));
    CHECK(again.dots.density == p.dots.density && again.pigment.shade == p.pigment.shade); /* deterministic */
    plan_free(&plan);
    image_free(&img);
}

int main(void)
{
    TEST_RUN(test_flat_and_speckled);
    TEST_RUN(test_head_only);
    TEST_RUN(test_auto_sample_and_proposal);
    return TEST_SUMMARY();
}
