/* test_plan_head.c - the fitted head in the plan: round trip, old plans unchanged
 * (no "head" written, none read), bounds and missing fields refused with a message
 * naming the field, the plan's head gives back the fitted camera, and the editor's
 * chosen label (V) counts in plan_diff only when chosen and is never written; the
 * optional ears round trip and are written only when marked. */
#include <stdlib.h>
#include <string.h>

#include "core/head3d_fit.h"
#include "core/plan_json.h"
#include "test.h"

static const char BASE[] = "{\"smpview_plan\": 1, \"head\": {\"view\": \"top\", \"yaw_deg\": 3, \"pitch_deg\": 95, "
                           "\"roll_deg\": -4, \"size\": 1.02, \"centre_x_mm\": 5, \"centre_y_mm\": -7, "
                           "\"centre_z_mm\": 420, \"focal_px\": 1500%s}}";

static bool parse(const char *extra, SmpPlan *p, SmpError *err)
{
    char text[1024];
    snprintf(text, sizeof text, BASE, extra);
    return plan_from_json(text, strlen(text), "t.smp", p, err);
}

static void test_round_trip(void)
{
    SmpPlan p, q;
    SmpError err;
    CHECKF(parse("", &p, &err), "%s", err.msg);
    CHECK(p.head.set && p.head.view == HEAD_VIEW_TOP && p.head.pitch_deg == 95 && p.head.centre_mm[2] == 420);
    char *text = NULL;
    size_t len = 0;
    CHECK(plan_to_json(&p, &text, &len, &err));
    CHECK(text && strstr(text, "\"head\""));
    CHECK(text && plan_from_json(text, len, "t.smp", &q, &err));
    CHECK(text && plan_equal(&p, &q));
    q.head.roll_deg += 1; /* negative control: plan_diff sees the head */
    CHECK(plan_diff(&p, &q) == PLAN_PART_HEAD);
    free(text);
    plan_free(&p);
    plan_free(&q);
}

static void test_old_plan_has_no_head(void)
{
    const char *old = "{\"smpview_plan\": 1}";
    SmpPlan p;
    SmpError err;
    CHECK(plan_from_json(old, strlen(old), "old.smp", &p, &err));
    CHECK(!p.head.set);
    char *text = NULL;
    size_t len = 0;
    CHECK(plan_to_json(&p, &text, &len, &err));
    CHECK(text && !strstr(text, "\"head\""));
    Head3D h;
    CHECK(!head3d_from_plan(&p.head, 100, 100, &h));
    free(text);
    plan_free(&p);
}

static void check_refused(const char *text, const char *needle)
{
    SmpPlan p;
    SmpError err = { "" };
    CHECKF(!plan_from_json(text, strlen(text), "bad.smp", &p, &err), "accepted: %s", text);
    CHECKF(strstr(err.msg, needle) && strstr(err.msg, "bad.smp"), "message: %s", err.msg);
}

static void test_bad_heads_refused(void)
{
    check_refused("{\"smpview_plan\": 1, \"head\": {\"view\": \"top\"}}", "missing");
    check_refused("{\"smpview_plan\": 1, \"head\": 3}", "head");
    SmpPlan p;
    SmpError err;
    CHECK(parse(", \"later_field\": 1", &p, &err)); /* newer writers may add fields, as elsewhere */
    plan_free(&p);
    const char *huge = "{\"smpview_plan\": 1, \"head\": {\"view\": \"side\", \"yaw_deg\": 0, \"pitch_deg\": 0, "
                       "\"roll_deg\": 0, \"size\": 1, \"centre_x_mm\": 0, \"centre_y_mm\": 0, \"centre_z_mm\": 400, "
                       "\"focal_px\": 1000}}";
    check_refused(huge, "view");
    const char *big = "{\"smpview_plan\": 1, \"head\": {\"view\": \"top\", \"yaw_deg\": 0, \"pitch_deg\": 0, "
                      "\"roll_deg\": 0, \"size\": 9, \"centre_x_mm\": 0, \"centre_y_mm\": 0, \"centre_z_mm\": 400, "
                      "\"focal_px\": 1000}}";
    check_refused(big, "size");
    const char *behind = "{\"smpview_plan\": 1, \"head\": {\"view\": \"top\", \"yaw_deg\": 0, \"pitch_deg\": 0, "
                         "\"roll_deg\": 0, \"size\": 1, \"centre_x_mm\": 0, \"centre_y_mm\": 0, \"centre_z_mm\": -4, "
                         "\"focal_px\": 1000}}";
    check_refused(behind, "centre_z_mm");
}

static void test_fit_survives_the_plan(void)
{
    HeadFit f = { 0 };
    head3d_view_pose(HEAD_VIEW_LEFT, &f.head.yaw, &f.head.pitch);
    f.head.yaw += 0.1f, f.head.roll = -0.05f, f.size = 0.97f;
    f.head.radii = glms_vec3_scale(head3d_template_radii(), f.size);
    f.head.centre = (vec3s){{ 3, -2, 450 }};
    f.head.focal = 1400, f.head.cx = 300, f.head.cy = 400;
    PlanHead ph;
    head3d_to_plan(&f, &ph);
    CHECK(ph.view == HEAD_VIEW_LEFT);
    Head3D back;
    CHECK(head3d_from_plan(&ph, 600, 800, &back));
    CHECK(head3d_pose_distance(&back, &f.head) < 1e-4f);
    CHECK_NEAR(back.radii.z, f.head.radii.z, 1e-3);
    CHECK_NEAR(back.cy, 400, 1e-6);
    ph.centre_mm[0] = ph.centre_mm[1] = 0, ph.centre_mm[2] = 50; /* the lens inside the head */
    CHECK(!head3d_from_plan(&ph, 600, 800, &back));
}

/* plan_head_in_bounds agrees with the reader: a head it accepts is read back, one it
 * refuses (the lens 200 m away, as a near-orthographic fit could put it) is refused
 * by the reader too. */
static void test_bounds_agree_with_reader(void)
{
    SmpPlan p, q;
    SmpError err;
    CHECKF(parse("", &p, &err), "%s", err.msg);
    CHECK(plan_head_in_bounds(&p.head));
    for (int far = 0; far < 2; far++) {
        p.head.centre_mm[2] = far ? 200000.0 : 99000.0;
        char *text = NULL;
        size_t len = 0;
        plan_init(&q);
        CHECK(plan_to_json(&p, &text, &len, &err));
        bool read = text && plan_from_json(text, len, "t.smp", &q, &err);
        CHECKF(read == plan_head_in_bounds(&p.head), "z %.0f: read %d, in bounds %d", p.head.centre_mm[2], read,
               plan_head_in_bounds(&p.head));
        CHECK(read == !far);
        free(text);
        plan_free(&q);
    }
    plan_free(&p);
}

/* The editor's chosen label (V) counts in plan_diff only when chosen: a guessed one
 * on an unset head never makes a plan differ from its file (opening marks nothing
 * unsaved); it is never written. */
static void test_chosen_label_only_when_chosen(void)
{
    SmpPlan a, b;
    plan_init(&a);
    plan_init(&b);
    b.head.view = HEAD_VIEW_TOP; /* a guess left in an unset head */
    CHECK(plan_equal(&a, &b));
    b.head.view_chosen = true; /* V: the label chosen */
    CHECK(plan_diff(&a, &b) == PLAN_PART_HEAD);
    a.head = b.head;
    CHECK(plan_equal(&a, &b));
    a.head.view = HEAD_VIEW_LEFT; /* another chosen label */
    CHECK(plan_diff(&a, &b) == PLAN_PART_HEAD);
    char *text = NULL;
    size_t len = 0;
    SmpError err;
    CHECK(plan_to_json(&b, &text, &len, &err));
    CHECK(text && !strstr(text, "\"head\""));
    free(text);
    plan_free(&a);
    plan_free(&b);
}

/* The ears (optional landmarks): read, written back the same, counted by plan_diff as
 * landmarks; a plan without them is written without them; a bad one is refused by
 * name. */
static void test_ears_round_trip(void)
{
    const char *with = "{\"smpview_plan\": 1, \"landmarks\": {\"glabella\": [10, 20], "
                       "\"ear_left\": [400.5, 310], \"ear_right\": [20, 300]}}";
    SmpPlan p, q;
    SmpError err;
    CHECKF(plan_from_json(with, strlen(with), "ears.smp", &p, &err), "%s", err.msg);
    CHECK(p.landmarks.has_ear_left && p.landmarks.ear_left.x == 400.5 && p.landmarks.has_ear_right);
    char *text = NULL;
    size_t len = 0;
    CHECK(plan_to_json(&p, &text, &len, &err));
    CHECK(text && strstr(text, "\"ear_left\"") && plan_from_json(text, len, "ears.smp", &q, &err));
    CHECK(text && plan_equal(&p, &q));
    q.landmarks.ear_right.y += 1; /* control: an ear moved is a landmark change */
    CHECK(plan_diff(&p, &q) == PLAN_PART_LANDMARKS);
    free(text);
    p.landmarks.has_ear_left = p.landmarks.has_ear_right = false;
    CHECK(plan_to_json(&p, &text, &len, &err));
    CHECK(text && !strstr(text, "ear_"));
    free(text);
    plan_free(&p);
    plan_free(&q);
    check_refused("{\"smpview_plan\": 1, \"landmarks\": {\"ear_left\": \"here\"}}", "ear_left");
}

int main(void)
{
    TEST_RUN(test_round_trip);
    TEST_RUN(test_old_plan_has_no_head);
    TEST_RUN(test_bad_heads_refused);
    TEST_RUN(test_fit_survives_the_plan);
    TEST_RUN(test_bounds_agree_with_reader);
    TEST_RUN(test_chosen_label_only_when_chosen);
    TEST_RUN(test_ears_round_trip);
    return TEST_SUMMARY();
}
