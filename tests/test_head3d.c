/* test_head3d.c - the ellipsoid scalp and camera: projection round trips, visibility
 * per view, the skin-to-image Jacobian against finite differences and the 1/cos law,
 * and the outline ellipse against a rasterised outline. */
#include "core/head3d.h"
#include "test.h"

static Head3D far_head(HeadView v)
{
    /* A sphere far away: near-orthographic, 5 px/mm at the centre. */
    Head3D h = { 0 };
    head3d_view_pose(v, &h.yaw, &h.pitch);
    h.radii = (vec3s){{ 90, 90, 90 }};
    h.centre = (vec3s){{ 0, 0, 20000 }};
    h.focal = 100000.0f;
    h.cx = 600;
    h.cy = 600;
    return h;
}

static Head3D near_head(void)
{
    Head3D h = { 0 };
    h.yaw = 0.3f;
    h.pitch = -0.2f;
    h.roll = 0.1f;
    h.radii = head3d_template_radii();
    h.centre = (vec3s){{ 20, -10, 600 }};
    h.focal = 2800.0f;
    h.cx = 600;
    h.cy = 800;
    return h;
}

static vec3s unit(float x, float y, float z) { return glms_vec3_normalize((vec3s){{ x, y, z }}); }

static void test_front_view_orientation(void)
{
    Head3D h = far_head(HEAD_VIEW_FRONT);
    float lx, ly, tx, ty;
    CHECK(head3d_project(&h, head3d_surface(&h, unit(1, 0, 0)), &lx, &ly));
    CHECK(head3d_project(&h, head3d_surface(&h, unit(0, 1, 0)), &tx, &ty));
    CHECK_NEAR(lx, 600 + 90 * 5, 0.5);   /* subject's left on the image right */
    CHECK_NEAR(ty, 600 - 90 * 5, 0.5);   /* top of the head up */
    CHECK(head3d_visible(&h, unit(0, 0, 1)));
    CHECK(!head3d_visible(&h, unit(0, 0, -1)));
}

static void test_each_view_faces_its_side(void)
{
    static const float SIDE[HEAD_VIEW_COUNT][3] = {
        { 0, 0, 1 }, { 0, 1, 0 }, { 1, 0, 0 }, { -1, 0, 0 }, { 0, 0, -1 } };
    for (int v = 0; v < HEAD_VIEW_COUNT; v++) {
        Head3D h = far_head((HeadView)v);
        vec3s u = unit(SIDE[v][0], SIDE[v][1], SIDE[v][2]);
        CHECKF(head3d_footprint(&h, u).cos_view > 0.999f, "view %s", head3d_view_name((HeadView)v));
        CHECKF(!head3d_visible(&h, glms_vec3_negate(u)), "view %s", head3d_view_name((HeadView)v));
        HeadView back;
        CHECK(head3d_view_parse(head3d_view_name((HeadView)v), &back) && back == (HeadView)v);
    }
    HeadView dummy;
    CHECK(!head3d_view_parse("sideways", &dummy));
}

static void test_unproject_round_trip(void)
{
    Head3D h = near_head();
    int checked = 0;
    for (int i = 0; i < 200; i++) {
        float a = 0.7f * (float)i, b = 0.31f * (float)i;
        vec3s u = unit(cosf(a) * sinf(b + 0.2f), sinf(a) * sinf(b + 0.2f), cosf(b + 0.2f));
        if (head3d_footprint(&h, u).cos_view < 0.05f) continue;
        float px, py;
        vec3s back;
        CHECK(head3d_project(&h, head3d_surface(&h, u), &px, &py));
        CHECK(head3d_unproject(&h, px, py, &back));
        CHECKF(glms_vec3_distance(back, u) < 1e-3f, "u %g %g %g", u.x, u.y, u.z);
        checked++;
    }
    CHECK(checked > 50);
    vec3s miss;
    CHECK(!head3d_unproject(&h, -5000, -5000, &miss)); /* negative control: off the head */
}

/* Footprint area against a finite-difference Jacobian of the surface chart. */
static void test_footprint_matches_finite_differences(void)
{
    Head3D h = near_head();
    vec3s u = unit(0.4f, 0.5f, 0.6f);
    const float e = 1e-3f;
    vec3s t1 = glms_vec3_crossn(u, (vec3s){{ 0, 0, 1 }}), t2 = glms_vec3_crossn(u, t1);
    vec3s us[3] = { u, glms_vec3_normalize(glms_vec3_add(u, glms_vec3_scale(t1, e))),
                    glms_vec3_normalize(glms_vec3_add(u, glms_vec3_scale(t2, e))) };
    float px[3], py[3];
    vec3s p[3];
    for (int i = 0; i < 3; i++) {
        p[i] = head3d_surface(&h, us[i]);
        CHECK(head3d_project(&h, p[i], &px[i], &py[i]));
    }
    vec3s d1 = glms_vec3_sub(p[1], p[0]), d2 = glms_vec3_sub(p[2], p[0]);
    float skin = glms_vec3_norm(glms_vec3_cross(d1, d2));
    float img = fabsf((px[1] - px[0]) * (py[2] - py[0]) - (py[1] - py[0]) * (px[2] - px[0]));
    HeadFootprint fp = head3d_footprint(&h, u);
    CHECK_NEAR(fp.area, img / skin, 0.01 * fp.area);
    CHECK_NEAR(fp.area, fp.major * fp.minor, 1e-3 * fp.area);
}

/* On a far sphere the area factor is k^2 cos(theta), the squash is cos(theta) and the
 * long axis is tangential (perpendicular to the radius in the image). */
static void test_footprint_follows_cos_law(void)
{
    Head3D h = far_head(HEAD_VIEW_TOP);
    HeadFootprint centre = head3d_footprint(&h, unit(0, 1, 0));
    float k = h.focal / (h.centre.z - 90.0f);  /* the top is 90 mm nearer */
    CHECK_NEAR(centre.area, k * k, 1e-3 * k * k);
    CHECK_NEAR(centre.minor / centre.major, 1.0, 1e-3);
    for (int i = 1; i <= 8; i++) {
        float rho = 0.1f * (float)i;                         /* image radius / R */
        float cz = sqrtf(1.0f - rho * rho);
        float ang = 0.9f * (float)i;                         /* around the circle */
        float px = 600 + rho * 450 * cosf(ang), py = 600 + rho * 450 * sinf(ang);
        vec3s u;
        CHECK(head3d_unproject(&h, px, py, &u));
        HeadFootprint fp = head3d_footprint(&h, u);
        CHECK_NEAR(fp.cos_view, cz, 0.01);
        CHECK_NEAR(fp.area / centre.area, cz, 0.01);
        CHECK_NEAR(fp.minor / fp.major, cz, 0.01);
        /* long axis perpendicular to the radius (mod pi) */
        float off = fabsf(remainderf(fp.angle - (ang + (float)GLM_PI_2), (float)GLM_PI));
        CHECKF(off < 0.02f, "ring %d: axis %g vs tangent %g", i, fp.angle, ang + GLM_PI_2);
    }
}

/* The outline ellipse matches the moments of the rasterised head (4 x covariance). */
static void test_outline_shape_matches_raster(void)
{
    Head3D h = far_head(HEAD_VIEW_FRONT);
    h.radii = head3d_template_radii();
    h.yaw = 0.5f;
    h.pitch = 0.3f;
    h.roll = 0.4f;
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
    for (int y = 0; y < 1200; y += 2)
        for (int x = 0; x < 1200; x += 2) {
            vec3s u;
            if (!head3d_unproject(&h, (float)x, (float)y, &u)) continue;
            n++, sx += x, sy += y, sxx += (double)x * x, sxy += (double)x * y, syy += (double)y * y;
        }
    CHECK(n > 1000);
    double mx = sx / n, my = sy / n;
    float exx, exy, eyy;
    head3d_outline_shape(&h, &exx, &exy, &eyy);
    CHECK_NEAR(mx, 600, 1.5);
    CHECK_NEAR(my, 600, 1.5);
    CHECK_NEAR(4 * (sxx / n - mx * mx), exx, 0.01 * exx);
    CHECK_NEAR(4 * (sxy / n - mx * my), exy, 0.01 * exx);
    CHECK_NEAR(4 * (syy / n - my * my), eyy, 0.01 * eyy);
    CHECK(fabsf(exy) > 0.05f * exx); /* the pose really tilts the outline */
}

int main(void)
{
    TEST_RUN(test_front_view_orientation);
    TEST_RUN(test_each_view_faces_its_side);
    TEST_RUN(test_unproject_round_trip);
    TEST_RUN(test_footprint_matches_finite_differences);
    TEST_RUN(test_footprint_follows_cos_law);
    TEST_RUN(test_outline_shape_matches_raster);
    return TEST_SUMMARY();
}
