/* The stubble sampler behind "Match" (src/core/match.h): a flat patch has no
 * speckle and its own L*; a speckled patch of the same mean is told apart;
 * pixels off the head matte are left out; a disc off the photo samples nothing. */
#include "test.h"

#include "core/match.h"

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

int main(void)
{
    TEST_RUN(test_flat_and_speckled);
    TEST_RUN(test_head_only);
    return TEST_SUMMARY();
}
