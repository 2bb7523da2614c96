/* test_head3d_fit.c - the head fit recovers pose (within 5 degrees), size (within 5%)
 * and centre from outlines of known heads in front, top, side and back views; a wrong
 * view label is caught or fits worse; an empty matte fails with a message. */
#include <stdlib.h>
#include <string.h>

#include "core/head3d_fit.h"
#include "head_fixture.h"
#include "test.h"

enum { W = HEAD_W, H = HEAD_H };

/* A head of the given size and pose, 600 mm from a phone-like camera. */
static Head3D truth_head(HeadView v, float size, float roll) { return head_fixture(v, size, 0.0f, roll); }

static HeadFit fit_as(const unsigned char *mask, HeadView label, const Head3D *truth)
{
    HeadFitOptions opt = { label, head3d_surface_ppm(truth), truth->focal, NULL };
    HeadFit f;
    SmpError err;
    memset(&f, 0, sizeof f);
    CHECKF(head3d_fit_mask(mask, W, H, W, &opt, &f, &err), "%s", err.msg);
    return f;
}

/* The template's landmarks as the camera sees them: a technician's marks. */
static PlanLandmarks project_marks(const Head3D *h)
{
    vec3s g, e;
    head3d_template_landmarks(&g, &e);
    vec3s pts[3] = { g, e, {{ -e.x, e.y, e.z }} };
    float px[3], py[3];
    mat3s r = head3d_rotation(h);
    for (int i = 0; i < 3; i++) {
        vec3s p = glms_vec3_add(h->centre, glms_mat3_mulv(r, glms_vec3_scale(pts[i], h->radii.x / head3d_template_radii().x)));
        head3d_project(h, p, &px[i], &py[i]);
    }
    PlanLandmarks lm = { 0 };
    int left = px[1] < px[2] ? 1 : 2;
    lm.has_glabella = lm.has_eye_left = lm.has_eye_right = true;
    lm.glabella = (PlanPoint){ px[0], py[0] };
    lm.eye_left = (PlanPoint){ px[left], py[left] };
    lm.eye_right = (PlanPoint){ px[3 - left], py[3 - left] };
    return lm;
}

/* Landmarks under a phone's perspective (the face 100 mm nearer than the centre) fit
 * where they are: a front view, and a top view tipped 12 degrees toward the face that
 * the outline alone fits at the label's pose (the control). */
static void test_fit_landmarks_perspective(void)
{
    Head3D front = truth_head(HEAD_VIEW_FRONT, 1.03f, 0.1f), top = truth_head(HEAD_VIEW_TOP, 1.0f, 0.0f);
    top.pitch -= 12.0f * (float)GLM_PI / 180.0f;
    const Head3D *heads[2] = { &front, &top };
    for (int i = 0; i < 2; i++) {
        unsigned char *mask = head_fixture_mask(heads[i]);
        if (!mask) { CHECK(mask); return; }
        PlanLandmarks lm = project_marks(heads[i]);
        lm.has_eye_left = lm.has_eye_right = !i; /* from 78 degrees above, the brow hides the eyes */
        HeadView label = i ? HEAD_VIEW_TOP : HEAD_VIEW_FRONT;
        HeadFitOptions opt = { label, head3d_surface_ppm(heads[i]), heads[i]->focal, &lm };
        HeadFit f, bare = fit_as(mask, label, heads[i]);
        SmpError err;
        CHECKF(head3d_fit_mask(mask, W, H, W, &opt, &f, &err), "%s", err.msg);
        float deg = head3d_pose_distance(&f.head, heads[i]) * 180.0f / (float)GLM_PI;
        float bare_deg = head3d_pose_distance(&bare.head, heads[i]) * 180.0f / (float)GLM_PI;
        float off = glms_vec3_distance(f.head.centre, heads[i]->centre);
        printf("# %s with landmarks: pose off %.2f deg (outline alone %.2f), centre off %.1f mm, landmarks off %.1f mm\n",
               head3d_view_name(label), deg, bare_deg, off, f.landmark_mm);
        CHECKF(deg < 5.0f, "pose off by %.2f deg", deg);
        CHECK(off < 8.0f);
        CHECK(f.plausible && f.landmark_mm < 3.0f);
        if (i) CHECKF(bare_deg > 8.0f, "the outline alone found the tilt (%.2f deg off)", bare_deg);
        free(mask);
    }
}

static void check_recovers(HeadView v, float size, float roll)
{
    Head3D t = truth_head(v, size, roll);
    unsigned char *mask = head_fixture_mask(&t);
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
        unsigned char *mask = head_fixture_mask(&t);
        if (!mask) { CHECK(mask); return; }
        HeadFit right = fit_as(mask, CASES[i][0], &t), wrong = fit_as(mask, CASES[i][1], &t);
        CHECKF(!wrong.plausible || wrong.cost > right.cost + 1.0f, "%s as %s: cost %.2f vs %.2f",
               head3d_view_name(CASES[i][0]), head3d_view_name(CASES[i][1]), wrong.cost, right.cost);
        free(mask);
    }
}

/* A photo's fit from a half-size matte, label guessed: the lowest-cost label is the
 * true one, and the answer (photo px) matches the head. Control: the guess among the
 * labels costs no more than the true label's own fit. */
static void test_fit_photo_guesses_label(void)
{
    Head3D t = truth_head(HEAD_VIEW_TOP, 1.0f, 0.05f);
    unsigned char *mask = head_fixture_mask(&t);
    SmpMatte half = { W / 2, H / 2, calloc((size_t)(W / 2) * (H / 2), 1), false };
    if (!mask || !half.alpha) { CHECK(mask && half.alpha); free(mask); free(half.alpha); return; }
    for (int y = 0; y < H / 2; y++)
        for (int x = 0; x < W / 2; x++) half.alpha[y * (W / 2) + x] = mask[(size_t)(2 * y) * W + (size_t)(2 * x)];
    HeadFit fit, top;
    PlanHead ph, ph_top;
    SmpError err;
    CHECKF(head3d_fit_photo(&half, W, H, NULL, head3d_surface_ppm(&t), -1, &fit, &ph, &err), "%s", err.msg);
    CHECKF(head3d_fit_photo(&half, W, H, NULL, head3d_surface_ppm(&t), HEAD_VIEW_TOP, &top, &ph_top, &err), "%s",
           err.msg);
    CHECKF(fit.view == HEAD_VIEW_TOP && ph.view == HEAD_VIEW_TOP, "guessed %s", head3d_view_name(fit.view));
    CHECK(fit.cost <= top.cost);
    Head3D h;
    CHECK(head3d_from_plan(&ph, W, H, &h));
    float deg = head3d_pose_distance(&h, &t) * 180.0f / (float)GLM_PI;
    printf("# guessed top from a half-size matte: pose off %.2f deg, centre off %.1f mm, focal %.0f px (true %.0f)\n",
           deg, glms_vec3_distance(h.centre, t.centre), h.focal, t.focal);
    CHECK(deg < 5.0f);
    CHECK(glms_vec3_distance(h.centre, t.centre) < 10.0f);
    CHECK_NEAR(h.focal, t.focal, 1.0);
    free(mask);
    free(half.alpha);
}

static void test_empty_matte_fails(void)
{
    unsigned char *mask = calloc((size_t)W * H, 1);
    if (!mask) { CHECK(mask); return; }
    HeadFitOptions opt = { HEAD_VIEW_FRONT, 0, 0, NULL };
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
    TEST_RUN(test_fit_landmarks_perspective);
    TEST_RUN(test_fit_photo_guesses_label);
    TEST_RUN(test_empty_matte_fails);
    return TEST_SUMMARY();
}
