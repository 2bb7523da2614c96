/* test_head3d_ears.c - marked ears in the head fit (docs/head3d.md, "Ears"): a side
 * view's outline is the same from the left and from the right, so without marks the
 * two labels fit equally (the control); the one ear a side photo shows, marked by the
 * client's side, makes the guess the true side and the other implausible, and pins
 * the turn of a head turned 12 degrees past profile better than the outline does. */
#include <stdlib.h>
#include <string.h>

#include "core/head3d_fit.h"
#include "head_fixture.h"
#include "test.h"

enum { W = HEAD_W, H = HEAD_H };

/* The view's pose turned by `turn`, 600 mm from a phone-like camera. */
static Head3D truth_head(HeadView v, float turn) { return head_fixture(v, 1.0f, turn, 0.0f); }

/* The template ear on side `side` (+1: the subject's left) where the camera sees it. */
static PlanPoint ear_px(const Head3D *h, float side)
{
    vec3s e = head3d_template_ear();
    e.x *= side;
    float px = 0, py = 0;
    head3d_project(h, glms_vec3_add(h->centre, glms_mat3_mulv(head3d_rotation(h), e)), &px, &py);
    return (PlanPoint){ px, py };
}

static HeadFit fit(const unsigned char *mask, const Head3D *t, const PlanLandmarks *lm, int view)
{
    SmpMatte m = { W, H, (unsigned char *)mask, false };
    HeadFit f;
    PlanHead ph;
    SmpError err;
    memset(&f, 0, sizeof f);
    CHECKF(head3d_fit_photo(&m, W, H, lm, head3d_surface_ppm(t), view, &f, &ph, &err), "%s", err.msg);
    return f;
}

static float deg_off(const HeadFit *f, const Head3D *t)
{
    return head3d_pose_distance(&f->head, t) * 180.0f / (float)GLM_PI;
}

static void check_side(HeadView side_view, float side)
{
    HeadView other = side_view == HEAD_VIEW_LEFT ? HEAD_VIEW_RIGHT : HEAD_VIEW_LEFT;
    Head3D t = truth_head(side_view, 12.0f * (float)GLM_PI / 180.0f);
    unsigned char *mask = head_fixture_mask(&t);
    if (!mask) { CHECK(mask); return; }
    PlanLandmarks ear = { 0 };
    *(side > 0 ? &ear.ear_left : &ear.ear_right) = ear_px(&t, side);
    *(side > 0 ? &ear.has_ear_left : &ear.has_ear_right) = true;
    HeadFit bare_own = fit(mask, &t, NULL, side_view), bare_other = fit(mask, &t, NULL, other);
    HeadFit own = fit(mask, &t, &ear, side_view), wrong = fit(mask, &t, &ear, other);
    HeadFit guess = fit(mask, &t, &ear, -1);
    printf("# %s view turned 12 deg: outline alone %.1f deg off (cost %s %.2f, %s %.2f); with its ear %.1f deg off, "
           "%.1f mm, cost %.2f; as %s: cost %.1f%s; guessed %s\n", head3d_view_name(side_view), deg_off(&bare_own, &t),
           head3d_view_name(side_view), bare_own.cost, head3d_view_name(other), bare_other.cost, deg_off(&own, &t),
           own.landmark_mm, own.cost, head3d_view_name(other), wrong.cost, wrong.plausible ? "" : " (implausible)",
           head3d_view_name(guess.view));
    /* the control: the outline alone cannot tell the sides apart */
    CHECK(fabsf(bare_own.cost - bare_other.cost) < 0.5f);
    CHECK(own.plausible && !wrong.plausible && guess.view == side_view);
    CHECK(deg_off(&own, &t) < deg_off(&bare_own, &t) - 4.0f);
    CHECK(own.landmark_mm < 3.0f);
    free(mask);
}

static void test_ear_tells_left_from_right(void)
{
    check_side(HEAD_VIEW_LEFT, 1.0f);
    check_side(HEAD_VIEW_RIGHT, -1.0f);
}

/* Both ears in a front view (both in sight) fit where they are and keep it plausible. */
static void test_ears_in_front_view(void)
{
    Head3D t = truth_head(HEAD_VIEW_FRONT, 0.0f);
    unsigned char *mask = head_fixture_mask(&t);
    if (!mask) { CHECK(mask); return; }
    PlanLandmarks lm = { 0 };
    lm.has_ear_left = lm.has_ear_right = true;
    lm.ear_left = ear_px(&t, 1.0f), lm.ear_right = ear_px(&t, -1.0f);
    HeadFit f = fit(mask, &t, &lm, HEAD_VIEW_FRONT);
    printf("# front view with both ears: %.1f deg off, %.1f mm, cost %.2f\n", deg_off(&f, &t), f.landmark_mm, f.cost);
    CHECK(f.plausible && f.view == HEAD_VIEW_FRONT && deg_off(&f, &t) < 3.0f && f.landmark_mm < 3.0f);
    free(mask);
}

int main(void)
{
    TEST_RUN(test_ear_tells_left_from_right);
    TEST_RUN(test_ears_in_front_view);
    return TEST_SUMMARY();
}
