/* test_head3d_fit.c - the head fit recovers pose (within 5 degrees), size (within 5%)
 * and centre from outlines of known heads in front, top, side and back views; a wrong
 * view label is caught or fits worse; an empty matte fails with a message. */
#include <stdlib.h>
#include <string.h>

#include "core/head3d_fit.h"
#include "test.h"

enum { W = 600, H = 800 };

/* A head of the given size and pose, 600 mm from a phone-like camera. */
static Head3D truth_head(HeadView v, float size, float roll)
{
    Head3D h = { 0 };
    head3d_view_pose(v, &h.yaw, &h.pitch);
    h.roll = roll;
    h.radii = glms_vec3_scale(head3d_template_radii(), size);
    h.centre = (vec3s){{ 15, -25, 600 }};
    h.focal = 1.2f * H;
    h.cx = 0.5f * W, h.cy = 0.5f * H;
    return h;
}

static unsigned char *render_mask(const Head3D *h)
{
    unsigned char *m = calloc((size_t)W * H, 1);
    for (int y = 0; m && y < H; y++)
        for (int x = 0; x < W; x++) {
            vec3s u;
            if (head3d_unproject(h, (float)x + 0.5f, (float)y + 0.5f, &u)) m[(size_t)y * W + x] = 255;
        }
    return m;
}

static HeadFit fit_as(const unsigned char *mask, HeadView label, const Head3D *truth)
{
    HeadFitOptions opt = { label, head3d_surface_ppm(truth), truth->focal };
    HeadFit f;
    SmpError err;
    memset(&f, 0, sizeof f);
    CHECKF(head3d_fit_mask(mask, W, H, W, &opt, &f, &err), "%s", err.msg);
    return f;
}

static void check_recovers(HeadView v, float size, float roll)
{
    Head3D t = truth_head(v, size, roll);
    unsigned char *mask = render_mask(&t);
    CHECK(mask);
    if (!mask) return;
    HeadFit f = fit_as(mask, v, &t);
    float deg = head3d_pose_distance(&f.head, &t) * 180.0f / (float)GLM_PI;
    CHECKF(deg < 5.0f, "%s: pose off by %.2f deg", head3d_view_name(v), deg);
    CHECKF(fabsf(f.size / size - 1.0f) < 0.05f, "%s: size %.3f vs %.3f", head3d_view_name(v), f.size, size);
    CHECKF(glms_vec3_distance(f.head.centre, t.centre) < 5.0f, "%s: centre off by %.1f mm",
           head3d_view_name(v), glms_vec3_distance(f.head.centre, t.centre));
    CHECKF(f.plausible, "%s: cost %.2f", head3d_view_name(v), f.cost);
    free(mask);
}

static void test_fit_front(void) { check_recovers(HEAD_VIEW_FRONT, 1.0f, 0.0f); check_recovers(HEAD_VIEW_FRONT, 0.93f, 0.12f); }
static void test_fit_top(void) { check_recovers(HEAD_VIEW_TOP, 1.06f, -0.1f); }
static void test_fit_left(void) { check_recovers(HEAD_VIEW_LEFT, 0.97f, 0.08f); }
static void test_fit_right(void) { check_recovers(HEAD_VIEW_RIGHT, 1.0f, -0.05f); }
static void test_fit_back(void) { check_recovers(HEAD_VIEW_BACK, 1.04f, 0.0f); }

/* Negative controls: a profile fitted as a front view, and a top view fitted as a front
 * view, must be flagged or cost clearly more than the right label. */
static void test_wrong_label_is_caught(void)
{
    static const HeadView CASES[][2] = { { HEAD_VIEW_FRONT, HEAD_VIEW_LEFT },
                                         { HEAD_VIEW_LEFT, HEAD_VIEW_FRONT },
                                         { HEAD_VIEW_TOP, HEAD_VIEW_FRONT },
                                         { HEAD_VIEW_FRONT, HEAD_VIEW_TOP } };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        Head3D t = truth_head(CASES[i][0], 1.0f, 0.05f);
        unsigned char *mask = render_mask(&t);
        if (!mask) { CHECK(mask); return; }
        HeadFit right = fit_as(mask, CASES[i][0], &t), wrong = fit_as(mask, CASES[i][1], &t);
        CHECKF(!wrong.plausible || wrong.cost > right.cost + 1.0f, "%s as %s: cost %.2f vs %.2f",
               head3d_view_name(CASES[i][0]), head3d_view_name(CASES[i][1]), wrong.cost, right.cost);
        free(mask);
    }
}

static void test_empty_matte_fails(void)
{
    unsigned char *mask = calloc((size_t)W * H, 1);
    if (!mask) { CHECK(mask); return; }
    HeadFitOptions opt = { HEAD_VIEW_FRONT, 0, 0 };
    HeadFit f;
    SmpError err = { "" };
    CHECK(!head3d_fit_mask(mask, W, H, W, &opt, &f, &err));
    CHECK(strstr(err.msg, "no head outline") != NULL);
    CHECK(!head3d_fit_mask(mask, 0, H, W, &opt, &f, &err));
    free(mask);
}

int main(void)
{
    TEST_RUN(test_fit_front);
    TEST_RUN(test_fit_top);
    TEST_RUN(test_fit_left);
    TEST_RUN(test_fit_right);
    TEST_RUN(test_fit_back);
    TEST_RUN(test_wrong_label_is_caught);
    TEST_RUN(test_empty_matte_fails);
    return TEST_SUMMARY();
}
