/* head3d_edit.c - the fitted head's outline, its handles and the head a drag
 * makes (head3d_edit.h). */
#include "head3d_edit.h"

#include <math.h>

#include "head3d_fit.h"

#define HEAD_SIZE_LO 0.5 /* the plan's bounds (plan_head_in_bounds) */
#define HEAD_SIZE_HI 2.0
#define DEG (180.0 / 3.14159265358979323846)

bool head3d_outline_of(const PlanHead *ph, int w, int h, HeadOutline *o)
{
    Head3D hd;
    float fxx, fxy, fyy;
    if (!head3d_from_plan(ph, w, h, &hd))
        return false;
    head3d_outline_shape(&hd, &fxx, &fxy, &fyy);
    double a = fxx, b = fxy, c = fyy;
    double mid = 0.5 * (a + c), r = sqrt(0.25 * (a - c) * (a - c) + b * b);
    if (!(mid - r > 0))
        return false;
    double th = 0.5 * atan2(2 * b, a - c); /* the major axis */
    o->cx = 0.5 * w + ph->focal_px * ph->centre_mm[0] / ph->centre_mm[2];
    o->cy = 0.5 * h + ph->focal_px * ph->centre_mm[1] / ph->centre_mm[2];
    o->axis[0][0] = cos(th), o->axis[0][1] = sin(th);
    o->axis[1][0] = -sin(th), o->axis[1][1] = cos(th);
    o->semi[0] = sqrt(mid + r), o->semi[1] = sqrt(mid - r);
    /* roll turns the picture clockwise on screen (y down) */
    double rr = ph->roll_deg / DEG;
    o->up[0] = sin(rr), o->up[1] = -cos(rr);
    o->right[0] = cos(rr), o->right[1] = sin(rr);
    return true;
}

void head3d_outline_point(const HeadOutline *o, double t, double *x, double *y)
{
    double p = o->semi[0] * cos(t), q = o->semi[1] * sin(t);
    *x = o->cx + p * o->axis[0][0] + q * o->axis[1][0];
    *y = o->cy + p * o->axis[0][1] + q * o->axis[1][1];
}

/* The outline's extent from its centre along unit (ux, uy). */
static double reach(const HeadOutline *o, double ux, double uy)
{
    double p = o->semi[0] * (ux * o->axis[0][0] + uy * o->axis[0][1]);
    double q = o->semi[1] * (ux * o->axis[1][0] + uy * o->axis[1][1]);
    return sqrt(p * p + q * q);
}

void head3d_handle_at(const HeadOutline *o, HeadHandle k, double margin, double *x, double *y)
{
    if (k <= HEAD_HANDLE_EDGE_3) {
        head3d_outline_point(o, (double)k * 1.57079632679489662, x, y);
        return;
    }
    if (k != HEAD_HANDLE_TILT && k != HEAD_HANDLE_TURN && k != HEAD_HANDLE_ROLL) {
        *x = o->cx, *y = o->cy;
        return;
    }
    /* on the diagonals (upper right, lower right, upper left), well away from the axis ends */
    double v = k == HEAD_HANDLE_TURN ? -1.0 : 1.0, h = k == HEAD_HANDLE_ROLL ? -1.0 : 1.0, r = 0.70710678118654752;
    double ux = r * (h * o->right[0] + v * o->up[0]), uy = r * (h * o->right[1] + v * o->up[1]);
    double t = reach(o, ux, uy) + margin;
    *x = o->cx + ux * t, *y = o->cy + uy * t;
}

/* An angle kept within (-180, 180]: the plan's +-360 bounds hold after any drag. */
static double wrap_deg(double a)
{
    a = fmod(a, 360.0);
    return a > 180.0 ? a - 360.0 : a <= -180.0 ? a + 360.0 : a;
}

/* The centre put where pixel (x, y) says, at its own depth. */
static void centre_to(PlanHead *ph, int w, int h, double x, double y)
{
    ph->centre_mm[0] = (x - 0.5 * w) * ph->centre_mm[2] / ph->focal_px;
    ph->centre_mm[1] = (y - 0.5 * h) * ph->centre_mm[2] / ph->focal_px;
}

/* An axis end dragged: the opposite end stays, the outline scales with the size. */
static void drag_edge(const HeadOutline *o, int k, double dx, double dy, PlanHead *ph, int w, int h)
{
    int a = k % 2;
    double side = k < 2 ? 1.0 : -1.0, ux = side * o->axis[a][0], uy = side * o->axis[a][1];
    double extent = 2 * o->semi[a], t = dx * ux + dy * uy;
    double size = ph->size * (extent + t) / extent;
    size = size < HEAD_SIZE_LO ? HEAD_SIZE_LO : size > HEAD_SIZE_HI ? HEAD_SIZE_HI : size;
    t = (size / ph->size - 1) * extent; /* what the held size allows */
    ph->size = size;
    centre_to(ph, w, h, o->cx + 0.5 * t * ux, o->cy + 0.5 * t * uy);
}

/* Photo px the skin nearest the camera moves per radian the head turns about an
 * axis across the line of sight (its distance from the centre, seen from the lens). */
static double nearest_skin_lever(const PlanHead *ph, int w, int h)
{
    Head3D hd;
    if (!head3d_from_plan(ph, w, h, &hd))
        return 1.0;
    double r = head3d_depth_radius(&hd), d = glms_vec3_norm(hd.centre);
    return d > r ? ph->focal_px * r / (d - r) : 1.0;
}

/* The angle (degrees, + clockwise on screen, as the roll) swept about the centre
 * from (x0, y0) to (x1, y1). */
static double swept_deg(const HeadOutline *o, double x0, double y0, double x1, double y1)
{
    double ax = x0 - o->cx, ay = y0 - o->cy, bx = x1 - o->cx, by = y1 - o->cy;
    return atan2(ax * by - ay * bx, ax * bx + ay * by) * DEG;
}

bool head3d_handle_drag(const PlanHead *in, int w, int h, HeadHandle k, double x0, double y0, double x1, double y1,
                        PlanHead *out)
{
    HeadOutline o;
    if (!head3d_outline_of(in, w, h, &o))
        return false;
    PlanHead ph = *in;
    double lever = nearest_skin_lever(in, w, h), dx = x1 - x0, dy = y1 - y0;
    switch (k) {
    case HEAD_HANDLE_MOVE: centre_to(&ph, w, h, o.cx + dx, o.cy + dy); break;
    /* the skin nearest the camera follows the pointer: a turn of d / lever radians */
    case HEAD_HANDLE_TILT: ph.pitch_deg = wrap_deg(ph.pitch_deg - (dx * o.up[0] + dy * o.up[1]) / lever * DEG); break;
    case HEAD_HANDLE_TURN:
        ph.yaw_deg = wrap_deg(ph.yaw_deg - (dx * o.right[0] + dy * o.right[1]) / lever * DEG);
        break;
    case HEAD_HANDLE_ROLL: ph.roll_deg = wrap_deg(ph.roll_deg + swept_deg(&o, x0, y0, x1, y1)); break;
    case HEAD_HANDLE_COUNT: return false;
    default: drag_edge(&o, (int)k, dx, dy, &ph, w, h); break;
    }
    Head3D check;
    if (!plan_head_in_bounds(&ph) || !head3d_from_plan(&ph, w, h, &check))
        return false;
    *out = ph;
    return true;
}
