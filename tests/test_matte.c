/* Head and hair mattes against synthetic photos with known truth (gen_sample --truth,
 * rendered into $SMP_BUILD/truth at build time): IoU of the head, recall and precision of
 * the strands, and the negative controls (a head-coloured patch beside the head, a bald
 * head, a photo with no head at all). */
#include "test.h"
#include "truth_fixture.h"

#include "core/hair_matte.h"
#include "core/head_matte.h"
#include "io/photo.h"

#include <stdlib.h>
#include <string.h>

/* Intersection over union of (matte >= 128) and (truth red channel >= 128), inside the
 * rectangle [x0, x1) x [y0, y1). */
static double iou_in(const SmpMatte *m, const SmpImage *truth, int x0, int y0, int x1, int y1)
{
    long inter = 0, uni = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            bool a = m->alpha[(size_t)y * m->width + x] >= 128, b = image_pixel(truth, x, y)[0] >= 128;
            inter += a && b;
            uni += a || b;
        }
    return uni ? (double)inter / (double)uni : 1.0;
}

static void check_head(const char *photo_name, const char *mask_name)
{
    SmpImage photo = {0}, truth = {0};
    SmpMatte m = {0};
    CHECK(fx_load_truth(photo_name, &photo) && fx_load_truth(mask_name, &truth));
    if (!photo.pixels || !truth.pixels)
        goto done;
    CHECK(head_matte_compute(&photo, NULL, 0, &m, NULL));
    CHECK(!m.uncertain);
    double iou = iou_in(&m, &truth, 0, 0, photo.width, photo.height);
    printf("# %s: head IoU %.4f\n", photo_name, iou);
    CHECKF(iou >= 0.95, "%s: IoU %.4f", photo_name, iou);
    /* Negative control: the disc in the top-left corner has the head's colour but is not
     * the head; nothing of it may be taken. */
    long taken = 0;
    for (int y = 13; y < 117; y++)
        for (int x = 13; x < 117; x++)
            taken += m.alpha[(size_t)y * m.width + x] >= 128;
    CHECKF(taken == 0, "%s: %ld pixels of the head-coloured patch taken as head", photo_name, taken);
done:
    matte_free(&m);
    image_free(&photo);
    image_free(&truth);
}

static void test_head_matte_iou(void) { check_head("truth_head.png", "truth_head_mask.png"); }
static void test_head_matte_iou_bald(void) { check_head("truth_bald.png", "truth_bald_mask.png"); }

/* The IoU measure itself must be able to fail: the truth mask shifted by 40 px scores
 * far below the bar. */
static void test_head_iou_negative_control(void)
{
    SmpImage truth = {0};
    SmpMatte m = {0};
    CHECK(fx_load_truth("truth_head_mask.png", &truth));
    if (!truth.pixels)
        return;
    m.width = truth.width;
    m.height = truth.height;
    m.alpha = calloc((size_t)m.width * m.height, 1);
    for (int y = 0; y < m.height; y++)
        for (int x = 40; x < m.width; x++)
            m.alpha[(size_t)y * m.width + x] = image_pixel(&truth, x - 40, y)[0];
    double iou = iou_in(&m, &truth, 0, 0, m.width, m.height);
    CHECKF(iou < 0.9, "shifted mask IoU %.4f", iou);
    matte_free(&m);
    image_free(&truth);
}

/* Same photo, same matte, byte for byte. */
static void test_head_matte_deterministic(void)
{
    SmpImage photo = {0};
    SmpMatte a = {0}, b = {0};
    CHECK(fx_load_truth("truth_head.png", &photo));
    if (!photo.pixels)
        return;
    CHECK(head_matte_compute(&photo, NULL, 0, &a, NULL) && head_matte_compute(&photo, NULL, 0, &b, NULL));
    CHECK(a.alpha && b.alpha && !memcmp(a.alpha, b.alpha, (size_t)a.width * a.height));
    matte_free(&a);
    matte_free(&b);
    image_free(&photo);
}

/* A uniform grey photo has no head: the matte says it is uncertain and falls back to
 * everything (the painted areas decide), never a crash. */
static void test_head_matte_uncertain(void)
{
    SmpImage photo;
    SmpMatte m = {0};
    CHECK(image_create(200, 150, &photo, NULL));
    for (size_t i = 0; i < 200u * 150u; i++)
        memset(photo.pixels + i * 4, 128, 3);
    CHECK(head_matte_compute(&photo, NULL, 0, &m, NULL));
    CHECK(m.uncertain);
    CHECK(m.alpha && m.alpha[0] == 255 && m.alpha[200 * 150 - 1] == 255);
    matte_free(&m);
    image_free(&photo);
}

/* Hair matte on the strands photo: per strand width, the share of the truth found
 * (recall), and the share of what was found that lies on or next to a strand
 * (precision; one pixel of slack for the anti-aliased edges). */
static void hair_scores(const SmpMatte *m, const SmpImage *truth, int dx, double recall[5], double *precision)
{
    long hit[5] = {0}, tot[5] = {0}, found = 0, near = 0;
    int w = truth->width, h = truth->height;
    for (int y = 1; y < h - 1; y++)
        for (int x = 1; x < w - 1; x++) {
            int t = image_pixel(truth, x, y)[0] / 60;
            int sx = x + dx < 0 ? 0 : x + dx >= w ? w - 1 : x + dx;
            bool on = m->alpha[(size_t)y * w + sx] >= 128;
            if (t > 0 && t <= 4) {
                tot[t]++;
                hit[t] += on;
            }
            if (on) {
                found++;
                bool close = false;
                for (int j = -1; j <= 1; j++)
                    for (int i = -1; i <= 1; i++)
                        close = close || image_pixel(truth, x + i, y + j)[0] > 0;
                near += close;
            }
        }
    for (int t = 1; t <= 4; t++)
        recall[t] = tot[t] ? (double)hit[t] / (double)tot[t] : 0.0;
    *precision = found ? (double)near / (double)found : 0.0;
}

static void test_hair_matte_strands(void)
{
    SmpImage photo = {0}, truth = {0};
    SmpMatte head = {0}, hair = {0};
    CHECK(fx_load_truth("truth_strands.png", &photo) && fx_load_truth("truth_strands_mask.png", &truth));
    if (!photo.pixels || !truth.pixels)
        goto done;
    CHECK(head_matte_compute(&photo, NULL, 0, &head, NULL));
    CHECK(hair_matte_compute(&photo, &head, 2, &hair, NULL));
    double rec[5], prec;
    hair_scores(&hair, &truth, 0, rec, &prec);
    printf("# recall by width 1..4 px: %.3f %.3f %.3f %.3f, precision %.3f\n", rec[1], rec[2], rec[3], rec[4], prec);
    for (int t = 2; t <= 4; t++)
        CHECKF(rec[t] >= 0.8, "recall %.3f for %d px strands", rec[t], t);
    CHECKF(prec >= 0.8, "precision %.3f", prec);
    /* Negative control: the same matte moved 8 px sideways must fail both measures. */
    hair_scores(&hair, &truth, 8, rec, &prec);
    CHECKF(rec[2] < 0.5 && prec < 0.5, "shifted matte: recall %.3f precision %.3f", rec[2], prec);
    /* Any thread count, same bytes. */
    SmpMatte one = {0};
    CHECK(hair_matte_compute(&photo, &head, 1, &one, NULL));
    CHECK(one.alpha && !memcmp(one.alpha, hair.alpha, (size_t)hair.width * hair.height));
    matte_free(&one);
done:
    matte_free(&head);
    matte_free(&hair);
    image_free(&photo);
    image_free(&truth);
}

/* A bald head with no hair: (nearly) nothing is called hair. */
static void test_hair_matte_bald(void)
{
    SmpImage photo = {0}, truth = {0};
    SmpMatte head = {0}, hair = {0};
    CHECK(fx_load_truth("truth_bald.png", &photo) && fx_load_truth("truth_bald_mask.png", &truth));
    if (!photo.pixels || !truth.pixels)
        goto done;
    CHECK(head_matte_compute(&photo, NULL, 0, &head, NULL));
    CHECK(hair_matte_compute(&photo, &head, 2, &hair, NULL));
    long skin = 0, called = 0;
    for (size_t i = 0; i < (size_t)photo.width * photo.height; i++)
        if (truth.pixels[i * 4] >= 128) {
            skin++;
            called += hair.alpha[i] >= 128;
        }
    printf("# bald head: %.4f%% of the skin called hair\n", 100.0 * (double)called / (double)skin);
    CHECKF(called * 200 < skin, "%ld of %ld skin pixels called hair", called, skin);
done:
    matte_free(&head);
    matte_free(&hair);
    image_free(&photo);
    image_free(&truth);
}

int main(void)
{
    TEST_RUN(test_head_matte_iou);
    TEST_RUN(test_head_matte_iou_bald);
    TEST_RUN(test_head_iou_negative_control);
    TEST_RUN(test_head_matte_deterministic);
    TEST_RUN(test_head_matte_uncertain);
    TEST_RUN(test_hair_matte_strands);
    TEST_RUN(test_hair_matte_bald);
    return TEST_SUMMARY();
}
