/* test_hairline.c - the hairline curve: its shape through the points and the signed distance to it. */
#include "test.h"

#include "core/hairline.h"

#include <stdlib.h>

static SmpPlan *plan_with_points(const PlanPoint *pts, int n)
{
    SmpPlan *p = malloc(sizeof *p);
    plan_init(p);
    p->scale.set = true;
    p->scale.b.x = 100; /* 100 px = 10 mm: 10 px/mm */
    p->scale.distance_mm = 10;
    for (int i = 0; i < n; i++)
        p->hairline.points[i] = pts[i];
    p->hairline.count = n;
    return p;
}

static void test_curve_passes_through_control_points(void)
{
    PlanPoint pts[] = {{100, 300}, {250, 220}, {400, 200}, {550, 230}, {700, 320}};
    SmpPlan *p = plan_with_points(pts, 5);
    HairlineCurve *c = malloc(sizeof *c);
    hairline_build(p, c);
    CHECK(c->count > 5);
    for (int k = 0; k < 5; k++) {
        double best = 1e9;
        for (int i = 0; i < c->count; i++) {
            double dx = c->x_mm[i] - pts[k].x / 10, dy = c->y_mm[i] - pts[k].y / 10;
            best = fmin(best, sqrt(dx * dx + dy * dy));
        }
        CHECKF(best < 1e-9, "control point %d is %g mm off the curve", k, best);
    }
    /* Smooth: no turn between consecutive samples sharper than a few degrees. */
    for (int i = 1; i + 1 < c->count; i++) {
        double ax = c->x_mm[i] - c->x_mm[i - 1], ay = c->y_mm[i] - c->y_mm[i - 1];
        double bx = c->x_mm[i + 1] - c->x_mm[i], by = c->y_mm[i + 1] - c->y_mm[i];
        double cosang = (ax * bx + ay * by) / (hypot(ax, ay) * hypot(bx, by));
        CHECKF(cosang > cos(10 * 3.14159265 / 180), "kink of %g deg at sample %d", acos(cosang) * 180 / 3.14159265, i);
    }
    free(c);
    plan_free(p);
    free(p);
}

static void test_signed_distance_sides_and_values(void)
{
    PlanPoint pts[] = {{100, 500}, {900, 500}}; /* straight, left to right, y = 50 mm */
    SmpPlan *p = plan_with_points(pts, 2);
    HairlineCurve *c = malloc(sizeof *c);
    hairline_build(p, c);
    CHECK_NEAR(hairline_signed_distance(c, 50, 40, NULL), 10.0, 1e-9);  /* above: treated */
    CHECK_NEAR(hairline_signed_distance(c, 50, 57, NULL), -7.0, 1e-9);  /* below: face */
    /* Beyond the ends the line continues along its tangent. */
    CHECK_NEAR(hairline_signed_distance(c, 200, 45, NULL), 5.0, 1e-9);
    CHECK_NEAR(hairline_signed_distance(c, -50, 52, NULL), -2.0, 1e-9);
    /* Walking the other way swaps the sides. */
    PlanPoint rev[] = {{900, 500}, {100, 500}};
    SmpPlan *q = plan_with_points(rev, 2);
    hairline_build(q, c);
    CHECK_NEAR(hairline_signed_distance(c, 50, 40, NULL), -10.0, 1e-9);
    free(c);
    plan_free(p);
    plan_free(q);
    free(p);
    free(q);
}

static void test_symmetric_mirrors_about_midline(void)
{
    /* Left half of a hairline, drawn from the left temple to the middle. */
    PlanPoint pts[] = {{120, 420}, {260, 300}, {400, 260}};
    SmpPlan *p = plan_with_points(pts, 3);
    p->hairline.symmetric = true;
    p->landmarks.has_midline = true;
    p->landmarks.midline_a = (PlanPoint){400, 0};
    p->landmarks.midline_b = (PlanPoint){400, 800};
    PlanPoint eff[PLAN_MAX_HAIRLINE_POINTS * 2];
    int n = hairline_control_points(p, eff, PLAN_MAX_HAIRLINE_POINTS * 2);
    CHECK(n == 5); /* the centre point is shared */
    CHECK_NEAR(eff[3].x, 540, 1e-9);
    CHECK_NEAR(eff[4].x, 680, 1e-9);
    CHECK_NEAR(eff[4].y, 420, 1e-9);
    HairlineCurve *c = malloc(sizeof *c);
    hairline_build(p, c);
    for (double y = 20; y <= 50; y += 7.5)
        for (double dx = 2; dx <= 30; dx += 4) {
            double l = hairline_signed_distance(c, 40 - dx, y, NULL), r = hairline_signed_distance(c, 40 + dx, y, NULL);
            CHECKF(fabs(l - r) < 1e-6, "asymmetric at dx=%g y=%g: %g vs %g", dx, y, l, r);
        }
    /* Above the middle of the line is the treated side. */
    CHECK(hairline_signed_distance(c, 40, 10, NULL) > 0);
    free(c);
    plan_free(p);
    free(p);
}

static void test_no_curve_without_two_points(void)
{
    PlanPoint pts[] = {{100, 100}};
    SmpPlan *p = plan_with_points(pts, 1);
    HairlineCurve *c = malloc(sizeof *c);
    hairline_build(p, c);
    CHECK(c->count == 0);
    CHECK(hairline_signed_distance(c, 1, 1, NULL) > 1e8);
    free(c);
    plan_free(p);
    free(p);
}

int main(void)
{
    TEST_RUN(test_curve_passes_through_control_points);
    TEST_RUN(test_signed_distance_sides_and_values);
    TEST_RUN(test_symmetric_mirrors_about_midline);
    TEST_RUN(test_no_curve_without_two_points);
    return TEST_SUMMARY();
}
