/* test_head3d_edit.c - the fitted head's outline and its handles: the outline
 * hugs the head's silhouette; an axis end dragged out moves by the drag while
 * the opposite end stays (the size grows by drag / width, the pose is kept);
 * dragged along the outline (the control) nothing grows; the centre handle
 * moves the outline by the drag; the tilt and turn handles carry the skin under
 * them with the pointer (10 px moves the nearest skin 9.5-10.5 px); the roll
 * handle rolls by the angle swept about the centre; the size is held to the
 * plan's bounds. */
#include <math.h>
#include <string.h>

#include "core/head3d_edit.h"
#include "core/head3d_fit.h"
#include "test.h"

enum { W = 600, H = 800 };

static PlanHead plan_head(HeadView v, double roll_deg)
{
    float yaw, pitch;
    head3d_view_pose(v, &yaw, &pitch);
    PlanHead ph = {.set = true, .view = (int)v, .size = 1.0, .focal_px = 1.2 * H, .roll_deg = roll_deg};
    ph.yaw_deg = yaw * 180.0 / GLM_PI, ph.pitch_deg = pitch * 180.0 / GLM_PI;
    ph.centre_mm[0] = 15, ph.centre_mm[1] = -25, ph.centre_mm[2] = 600;
    return ph;
}

static bool on_head(const PlanHead *ph, double x, double y)
{
    Head3D h;
    vec3s u;
    return head3d_from_plan(ph, W, H, &h) && head3d_unproject(&h, (float)x, (float)y, &u);
}

/* Every 16th of the way round, the outline scaled by k about the centre. */
static int points_on_head(const PlanHead *ph, const HeadOutline *o, double k)
{
    int n = 0;
    for (int i = 0; i < 16; i++) {
        double x, y;
        head3d_outline_point(o, i * 2 * GLM_PI / 16, &x, &y);
        n += on_head(ph, o->cx + k * (x - o->cx), o->cy + k * (y - o->cy));
    }
    return n;
}

static void test_outline_hugs_the_silhouette(void)
{
    for (int v = 0; v < HEAD_VIEW_COUNT; v++) {
        PlanHead ph = plan_head((HeadView)v, 8);
        HeadOutline o;
        CHECK(head3d_outline_of(&ph, W, H, &o));
        CHECKF(points_on_head(&ph, &o, 0.97) == 16, "view %d: inside", v);
        CHECKF(points_on_head(&ph, &o, 1.06) == 0, "view %d: outside", v);
        CHECK(o.semi[0] >= o.semi[1] && o.semi[1] > 50);
    }
}

static void test_edge_drag_scales_keeping_the_far_end(void)
{
    PlanHead ph = plan_head(HEAD_VIEW_FRONT, 5), out;
    HeadOutline o, n;
    CHECK(head3d_outline_of(&ph, W, H, &o));
    double d = 20, ux = o.axis[1][0], uy = o.axis[1][1]; /* the +minor end, outward */
    CHECK(head3d_handle_drag(&ph, W, H, HEAD_HANDLE_EDGE_1, 0, 0, d * ux, d * uy, &out));
    CHECK(head3d_outline_of(&out, W, H, &n));
    double ax, ay, bx, by, fx, fy, gx, gy;
    head3d_handle_at(&o, HEAD_HANDLE_EDGE_1, 0, &ax, &ay);
    head3d_handle_at(&n, HEAD_HANDLE_EDGE_1, 0, &bx, &by);
    head3d_handle_at(&o, HEAD_HANDLE_EDGE_3, 0, &fx, &fy);
    head3d_handle_at(&n, HEAD_HANDLE_EDGE_3, 0, &gx, &gy);
    CHECK_NEAR(hypot(bx - ax - d * ux, by - ay - d * uy), 0, 0.05);
    CHECK_NEAR(hypot(gx - fx, gy - fy), 0, 0.05);
    CHECK_NEAR(out.size, 1 + d / (2 * o.semi[1]), 1e-6);
    CHECK(out.yaw_deg == ph.yaw_deg && out.pitch_deg == ph.pitch_deg && out.roll_deg == ph.roll_deg);
    CHECK(out.centre_mm[2] == ph.centre_mm[2] && out.focal_px == ph.focal_px && out.view == ph.view);
    /* control: along the outline (perpendicular to the axis) the size stays */
    CHECK(head3d_handle_drag(&ph, W, H, HEAD_HANDLE_EDGE_1, 0, 0, d * uy, -d * ux, &out));
    CHECK_NEAR(out.size, 1.0, 1e-9);
}

static void test_move_and_bounds(void)
{
    PlanHead ph = plan_head(HEAD_VIEW_TOP, 0), out;
    HeadOutline o, n;
    CHECK(head3d_outline_of(&ph, W, H, &o));
    CHECK(head3d_handle_drag(&ph, W, H, HEAD_HANDLE_MOVE, 0, 0, 30, -12, &out));
    CHECK(head3d_outline_of(&out, W, H, &n));
    CHECK_NEAR(n.cx - o.cx, 30, 1e-6);
    CHECK_NEAR(n.cy - o.cy, -12, 1e-6);
    CHECK(out.size == ph.size && out.pitch_deg == ph.pitch_deg);
    /* shrunk far past half size: held at 0.5, the far end still in place */
    CHECK(head3d_handle_drag(&ph, W, H, HEAD_HANDLE_EDGE_0, 0, 0, -10 * o.semi[0] * o.axis[0][0],
                             -10 * o.semi[0] * o.axis[0][1], &out));
    CHECK_NEAR(out.size, 0.5, 1e-9);
    CHECK(plan_head_in_bounds(&out));
}

/* The face's centre (head frame +z) in the photo. */
static void face_px(const PlanHead *ph, double *x, double *y)
{
    Head3D h;
    float fx = 0, fy = 0;
    CHECK(head3d_from_plan(ph, W, H, &h));
    CHECK(head3d_project(&h, head3d_surface(&h, (vec3s){{0, 0, 1}}), &fx, &fy));
    *x = fx, *y = fy;
}

static void test_tilt_and_turn_carry_the_skin(void)
{
    PlanHead ph = plan_head(HEAD_VIEW_FRONT, 0), out;
    double x0, y0, x1, y1;
    face_px(&ph, &x0, &y0);
    CHECK(head3d_handle_drag(&ph, W, H, HEAD_HANDLE_TILT, 0, 0, 0, 10, &out)); /* down */
    face_px(&out, &x1, &y1);
    CHECKF(y1 - y0 > 9.5 && y1 - y0 < 10.5 && fabs(x1 - x0) < 0.5, "face moved %g, %g", x1 - x0, y1 - y0);
    CHECK(out.pitch_deg > ph.pitch_deg && out.yaw_deg == ph.yaw_deg && out.size == ph.size);
    CHECK(head3d_handle_drag(&ph, W, H, HEAD_HANDLE_TURN, 0, 0, 10, 0, &out)); /* right */
    face_px(&out, &x1, &y1);
    CHECKF(x1 - x0 > 9.5 && x1 - x0 < 10.5 && fabs(y1 - y0) < 0.5, "face moved %g, %g", x1 - x0, y1 - y0);
    CHECK(out.yaw_deg < ph.yaw_deg && out.pitch_deg == ph.pitch_deg);
    /* a back view's yaw of 180 turned further stays within the plan's bounds */
    PlanHead back = plan_head(HEAD_VIEW_BACK, 0);
    CHECK(head3d_handle_drag(&back, W, H, HEAD_HANDLE_TURN, 0, 0, -40, 0, &out));
    CHECK(out.yaw_deg > -180 && out.yaw_deg <= 180 && plan_head_in_bounds(&out));
}

/* The roll handle swept 15 degrees clockwise about the centre: the roll grows by 15,
 * the outline's axes turn with it; moved along its own radius (the control) nothing
 * turns. */
static void test_roll_follows_the_sweep(void)
{
    PlanHead ph = plan_head(HEAD_VIEW_FRONT, 4), out;
    HeadOutline o, n;
    double hx, hy;
    CHECK(head3d_outline_of(&ph, W, H, &o));
    head3d_handle_at(&o, HEAD_HANDLE_ROLL, 30, &hx, &hy);
    CHECK(hx < o.cx && hy < o.cy); /* upper left */
    double a = 15 * GLM_PI / 180, rx = hx - o.cx, ry = hy - o.cy;
    double tx = o.cx + rx * cos(a) - ry * sin(a), ty = o.cy + rx * sin(a) + ry * cos(a);
    CHECK(head3d_handle_drag(&ph, W, H, HEAD_HANDLE_ROLL, hx, hy, tx, ty, &out));
    CHECK_NEAR(out.roll_deg, 19, 1e-6);
    CHECK(head3d_outline_of(&out, W, H, &n));
    double turned = atan2(n.axis[0][1], n.axis[0][0]) - atan2(o.axis[0][1], o.axis[0][0]);
    turned = fmod(turned + 2.5 * GLM_PI, GLM_PI) - 0.5 * GLM_PI; /* an axis: modulo 180 */
    CHECK_NEAR(turned * 180 / GLM_PI, 15, 0.01);
    CHECK(out.yaw_deg == ph.yaw_deg && out.pitch_deg == ph.pitch_deg && out.size == ph.size);
    CHECK(head3d_handle_drag(&ph, W, H, HEAD_HANDLE_ROLL, hx, hy, hx + 0.3 * rx, hy + 0.3 * ry, &out));
    CHECK_NEAR(out.roll_deg, 4, 1e-9);
}

static void test_no_head_no_outline(void)
{
    PlanHead ph = {0}, out;
    HeadOutline o;
    CHECK(!head3d_outline_of(&ph, W, H, &o));
    CHECK(!head3d_handle_drag(&ph, W, H, HEAD_HANDLE_MOVE, 0, 0, 1, 1, &out));
}

int main(void)
{
    TEST_RUN(test_outline_hugs_the_silhouette);
    TEST_RUN(test_edge_drag_scales_keeping_the_far_end);
    TEST_RUN(test_move_and_bounds);
    TEST_RUN(test_tilt_and_turn_carry_the_skin);
    TEST_RUN(test_roll_follows_the_sweep);
    TEST_RUN(test_no_head_no_outline);
    return TEST_SUMMARY();
}
