/* test_head3d_dots.c - dots on a fitted sphere: image density follows the 1/cos law,
 * dots near the outline are squashed across it as the projection says, their growth
 * follows the surface away from the whorl, nothing shows off the scalp, and a scene
 * without a head is bit for bit what it was. */
#include <stdlib.h>
#include <string.h>

#include "core/head3d_dots.h"
#include "core/scene.h"
#include "plan_fixture.h"
#include "test.h"

enum { W = 1200, H = 1200 };
#define PPM 5.0
#define R_MM 90.0

/* A sphere seen from far away, filling the photo's middle; 5 px/mm at its centre. */
static Head3D sphere(void)
{
    Head3D h = { 0 };
    h.radii = (vec3s){{ (float)R_MM, (float)R_MM, (float)R_MM }};
    h.centre = (vec3s){{ 0, 0, 20000 }};
    h.focal = (float)(PPM * 20000);
    h.cx = W / 2.0f, h.cy = H / 2.0f;
    return h;
}

/* The crown whorl of the growth test, photo px: off the sphere's centre, so the flow
 * over the surface and the flow across the photo part ways near the outline. */
#define WHORL_X (W / 2.0 + 0.45 * R_MM * PPM)
#define WHORL_Y (H / 2.0 - 0.30 * R_MM * PPM)
#define WHORL_RADIUS_MM 15.0

static bool render_plan(const Head3D *head, SmpPlan *p, DotList *out);

static bool render(const Head3D *head, double elongation, DotList *out)
{
    SmpPlan p;
    fx_plan_treated(&p, W, H, PPM, 50.0);
    p.dots.elongation = elongation;
    return render_plan(head, &p, out);
}

/* Elongated dots without spread growing from the whorl above. */
static bool render_whorl(const Head3D *head, DotList *out)
{
    SmpPlan p;
    fx_plan_treated(&p, W, H, PPM, 50.0);
    p.dots.elongation = 2.0;
    p.dots.angle_spread_deg = 0.0;
    p.growth.has_whorl = true;
    p.growth.whorl = (PlanPoint){ WHORL_X, WHORL_Y };
    p.growth.whorl_radius_mm = WHORL_RADIUS_MM;
    return render_plan(head, &p, out);
}

/* Renders and frees the plan. */
static bool render_plan(const Head3D *head, SmpPlan *pp, DotList *out)
{
    SmpPlan p = *pp;
    SmpScene *s = NULL;
    SmpError err;
    bool ok = scene_create(W, H, &s, &err);
    if (ok) scene_set_head(s, head);
    ok = ok && scene_update(s, &p, SCENE_CHANGED_ALL, &err);
    CHECKF(ok, "%s", err.msg);
    const DotList *d = ok ? scene_dots(s) : NULL;
    out->count = out->capacity = d ? d->count : 0;
    out->items = d ? malloc((size_t)d->count * sizeof *d->items + 1) : NULL;
    if (out->items) memcpy(out->items, d->items, (size_t)d->count * sizeof *d->items);
    scene_destroy(s);
    plan_free(&p);
    return ok && out->items;
}

static double rho_of(const SmpDot *d)
{
    return hypot(d->x_mm - W / 2.0 / PPM, d->y_mm - H / 2.0 / PPM) / R_MM;
}

/* Dots per image mm^2 with rho in [r0, r1). */
static double ring_density(const DotList *l, double r0, double r1)
{
    int n = 0;
    for (int i = 0; i < l->count; i++) {
        double r = rho_of(&l->items[i]);
        n += r >= r0 && r < r1;
    }
    return n / (GLM_PI * R_MM * R_MM * (r1 * r1 - r0 * r0));
}

/* Area-weighted mean of 1/cos over the ring (cos = sqrt(1 - rho^2)). */
static double mean_inv_cos(double r0, double r1)
{
    return 2.0 * (sqrt(1 - r0 * r0) - sqrt(1 - r1 * r1)) / (r1 * r1 - r0 * r0);
}

static void test_density_follows_inverse_cos(void)
{
    Head3D h = sphere();
    DotList on = { 0 }, flat = { 0 };
    if (!render(&h, 1.0, &on) || !render(NULL, 1.0, &flat)) goto done;
    static const double RINGS[][2] = { { 0.3, 0.45 }, { 0.45, 0.6 }, { 0.6, 0.7 }, { 0.7, 0.8 }, { 0.8, 0.85 } };
    double c = ring_density(&on, 0, 0.3) / mean_inv_cos(0, 0.3);
    CHECK_NEAR(c * 100, 50.0, 5.0); /* the plan's 50 per cm2 of skin */
    for (size_t i = 0; i < sizeof RINGS / sizeof RINGS[0]; i++) {
        double want = mean_inv_cos(RINGS[i][0], RINGS[i][1]);
        double got = ring_density(&on, RINGS[i][0], RINGS[i][1]) / c;
        printf("# ring %.2f-%.2f: density x%.3f (1/cos x%.3f; flat x%.3f)\n", RINGS[i][0], RINGS[i][1], got, want,
               ring_density(&flat, RINGS[i][0], RINGS[i][1]) / ring_density(&flat, 0, 0.3));
        CHECKF(fabs(got / want - 1) < 0.10, "ring %.2f-%.2f: x%.3f vs x%.3f", RINGS[i][0], RINGS[i][1], got, want);
    }
    /* Negative control: the flat photo keeps its density, which the law would reject. */
    double flat_edge = ring_density(&flat, 0.8, 0.85) / ring_density(&flat, 0, 0.3);
    CHECKF(fabs(flat_edge / mean_inv_cos(0.8, 0.85) - 1) > 0.3, "flat x%.3f", flat_edge);
    /* Off the scalp nothing shows. */
    int outside = 0;
    for (int i = 0; i < on.count; i++) if (rho_of(&on.items[i]) > 1.001 && outside++ < 3) printf("# outside rho %.4f el %.2f\n", rho_of(&on.items[i]), on.items[i].elongation);
    CHECK(outside == 0);
done:
    dots_free(&on);
    dots_free(&flat);
}

/* Round dots become ellipses with elongation 1/cos, long axis tangential. */
static void test_elongation_matches_projection(void)
{
    Head3D h = sphere();
    DotList on = { 0 };
    if (!render(&h, 1.0, &on)) goto done;
    int checked = 0, bad_e = 0, bad_a = 0;
    for (int i = 0; i < on.count; i++) {
        const SmpDot *d = &on.items[i];
        double r = rho_of(d);
        if (r < 0.8 || r > 0.95) continue;
        double want = 1.0 / sqrt(1 - r * r);
        double radial = atan2(d->y_mm - H / 2.0 / PPM, d->x_mm - W / 2.0 / PPM) * 180 / GLM_PI;
        double off = fabs(remainder(d->angle_deg - (radial + 90), 180.0));
        if (fabs(d->elongation / want - 1) > 0.03 && bad_e++ < 3) printf("# rho %.4f el %.3f want %.3f\n", r, d->elongation, want);
        bad_a += off > 2.0;
        checked++;
    }
    CHECK(checked > 200);
    CHECKF(bad_e == 0, "%d of %d dots off the 1/cos elongation", bad_e, checked);
    CHECKF(bad_a == 0, "%d of %d dots not tangential", bad_a, checked);
done:
    dots_free(&on);
}

/* The sphere's point under photo mm (x, y) seen from far in front: camera frame
 * relative to the centre (x right, y down, toward the camera is -z). */
static vec3s sphere_point(double x_mm, double y_mm)
{
    double x = x_mm - W / 2.0 / PPM, y = y_mm - H / 2.0 / PPM;
    return (vec3s){{ (float)x, (float)y, (float)-sqrt(fmax(R_MM * R_MM - x * x - y * y, 0.0)) }};
}

static const SmpDot *find_id(const DotList *l, uint64_t id)
{
    for (int i = 0; i < l->count; i++)
        if (l->items[i].id == id) return &l->items[i];
    return NULL;
}

/* The long axis (degrees) of a skin ellipse with elongation e along the tangent t at
 * the sphere's point p, seen orthographically: the analytic projection. */
static double projected_axis_deg(vec3s p, vec3s t, double e)
{
    vec3s n = glms_vec3_normalize(p), b = glms_vec3_cross(n, t);
    double a2 = e * e, xx = a2 * t.x * t.x + b.x * b.x, xy = a2 * t.x * t.y + b.x * b.y;
    double yy = a2 * t.y * t.y + b.y * b.y;
    return 0.5 * atan2(2 * xy, xx - yy) * 180 / GLM_PI;
}

/* Near the outline, elongated dots grow along the surface flow away from the whorl,
 * projected: within 3 degrees of the analytic projection. Control: the photo-plane
 * flow from the whorl's pixel, warped the same way, is over 3 degrees off for more
 * than a tenth of them. */
static void check_growth(const Head3D *head, const DotList *on_head, const DotList *flat_scene)
{
    const Head3D h = *head;
    const DotList on = *on_head, flat = *flat_scene;
    vec3s w = sphere_point(WHORL_X / PPM, WHORL_Y / PPM);
    int checked = 0, bad = 0, old_bad = 0;
    double worst = 0, old_worst = 0;
    for (int i = 0; i < on.count; i++) {
        const SmpDot *d = &on.items[i], *f = find_id(&flat, d->id);
        double r = rho_of(d);
        vec3s p = sphere_point(d->x_mm, d->y_mm), n = glms_vec3_normalize(p), v = glms_vec3_sub(p, w);
        if (!f || r < 0.75 || r > 0.95 || glms_vec3_norm(v) < 1.5 * WHORL_RADIUS_MM) continue;
        vec3s t = glms_vec3_normalize(glms_vec3_sub(v, glms_vec3_scale(n, glms_vec3_dot(v, n))));
        double want = projected_axis_deg(p, t, f->elongation);
        double off = fabs(remainder(d->angle_deg - want, 180.0));
        /* The old way: the flat scene's angle (radial from the whorl's pixel) warped. */
        HeadDotWarp wp;
        float dia = f->diameter_mm, el = f->elongation, ang = f->angle_deg;
        head3d_dot_warp(&h, PPM, d->x_mm, d->y_mm, &wp);
        head3d_warp_dot(&wp, &dia, &el, &ang);
        double old_off = fabs(remainder(ang - want, 180.0));
        worst = fmax(worst, off), old_worst = fmax(old_worst, old_off);
        bad += off > 3.0;
        old_bad += old_off > 3.0;
        checked++;
    }
    printf("# growth near the outline: %d dots, worst %.2f deg off the projected surface flow "
           "(photo-plane flow: %d over 3 deg, worst %.1f)\n", checked, worst, old_bad, old_worst);
    CHECK(checked > 200);
    CHECKF(bad == 0, "%d of %d dots over 3 deg off", bad, checked);
    CHECKF(old_bad > checked / 10, "the photo-plane flow agrees too (%d of %d off): no test", old_bad, checked);
}

static void test_growth_follows_surface(void)
{
    Head3D h = sphere();
    DotList on = { 0 }, flat = { 0 };
    if (render_whorl(&h, &on) && render_whorl(NULL, &flat))
        check_growth(&h, &on, &flat);
    dots_free(&on);
    dots_free(&flat);
}

/* With a whorl, a head set and cleared again gives exactly the flat scene too. */
static void test_no_head_growth_is_bit_identical(void)
{
    Head3D h = sphere();
    DotList before = { 0 };
    SmpPlan p;
    fx_plan_treated(&p, W, H, PPM, 50.0);
    p.dots.elongation = 2.0;
    p.growth.has_whorl = true;
    p.growth.whorl = (PlanPoint){ WHORL_X, WHORL_Y };
    SmpScene *s = NULL;
    SmpError err;
    CHECK(scene_create(W, H, &s, &err));
    if (!s) { plan_free(&p); return; }
    CHECK(scene_update(s, &p, SCENE_CHANGED_ALL, &err));
    const DotList *d = scene_dots(s);
    before.count = d->count;
    before.items = malloc((size_t)d->count * sizeof *d->items + 1);
    if (before.items) memcpy(before.items, d->items, (size_t)d->count * sizeof *d->items);
    scene_set_head(s, &h);
    CHECK(scene_update(s, &p, 0, &err));
    scene_set_head(s, NULL);
    CHECK(scene_update(s, &p, 0, &err));
    d = scene_dots(s);
    CHECK(before.items && before.count > 0 && d->count == before.count &&
          memcmp(before.items, d->items, (size_t)d->count * sizeof *d->items) == 0);
    free(before.items);
    scene_destroy(s);
    plan_free(&p);
}

/* A head set and cleared again gives exactly the flat scene; a head changes it. */
static void test_no_head_is_bit_identical(void)
{
    Head3D h = sphere();
    SmpPlan p;
    fx_plan_treated(&p, W, H, PPM, 50.0);
    SmpScene *a = NULL, *b = NULL;
    SmpError err;
    CHECK(scene_create(W, H, &a, &err) && scene_create(W, H, &b, &err));
    if (!a || !b) goto done;
    CHECK(scene_update(a, &p, SCENE_CHANGED_ALL, &err));
    scene_set_head(b, &h);
    CHECK(scene_update(b, &p, SCENE_CHANGED_ALL, &err));
    CHECK(scene_dots(b)->count != scene_dots(a)->count); /* negative control */
    scene_set_head(b, NULL);
    CHECK(scene_update(b, &p, 0, &err)); /* nothing else changed */
    CHECK(scene_dots(b)->count == scene_dots(a)->count);
    CHECK(scene_dots(a)->count > 0 && scene_dots(b)->count == scene_dots(a)->count &&
          memcmp(scene_dots(a)->items, scene_dots(b)->items,
                 (size_t)scene_dots(a)->count * sizeof(SmpDot)) == 0);
done:
    scene_destroy(a);
    scene_destroy(b);
    plan_free(&p);
}

/* A hairline drag with a head updates only what moved, bit for bit what a scene built
 * from scratch with the same head gives. */
static void test_hairline_edit_with_head_is_bit_identical(void)
{
    Head3D h = sphere();
    SmpPlan p;
    plan_init(&p);
    p.photo_width = W, p.photo_height = H;
    p.scale.set = true, p.scale.b.x = 10 * PPM, p.scale.distance_mm = 10;
    p.hairline.count = 5;
    for (int i = 0; i < 5; i++) p.hairline.points[i] = (PlanPoint){ 200.0 + 200 * i, 500.0 - 40 * (i % 2) };
    SmpScene *inc = NULL;
    SmpError err;
    CHECK(scene_create(W, H, &inc, &err));
    if (!inc) { plan_free(&p); return; }
    scene_set_head(inc, &h);
    CHECK(scene_update(inc, &p, SCENE_CHANGED_ALL, &err));
    int same = 0;
    for (int step = 0; step < 12; step++) {
        p.hairline.points[step % 5].y += (step % 3 - 1) * 25.0;
        CHECK(scene_update(inc, &p, SCENE_CHANGED_HAIRLINE, &err));
        SmpScene *full = NULL;
        CHECK(scene_create(W, H, &full, &err));
        if (!full) break;
        scene_set_head(full, &h);
        CHECK(scene_update(full, &p, SCENE_CHANGED_ALL, &err));
        const DotList *a = scene_dots(inc), *b = scene_dots(full);
        same += a->count > 0 && a->count == b->count &&
                memcmp(a->items, b->items, (size_t)a->count * sizeof *a->items) == 0;
        scene_destroy(full);
    }
    CHECKF(same == 12, "%d of 12 edits identical", same);
    scene_destroy(inc);
    plan_free(&p);
}

/* The warp of a dot facing the camera is the identity. */
static void test_warp_identity_at_centre(void)
{
    Head3D h = sphere();
    HeadDotWarp w;
    CHECK(head3d_dot_warp(&h, PPM, W / 2.0 / PPM, H / 2.0 / PPM, &w));
    float dia = 0.8f, el = 1.6f, ang = 35.0f;
    head3d_warp_dot(&w, &dia, &el, &ang);
    CHECK_NEAR(dia, 0.8 * w.stretch, 1e-4);
    CHECK_NEAR(el, 1.6, 1e-3);
    CHECK_NEAR(ang, 35.0, 0.05);
    CHECK(!head3d_dot_warp(&h, PPM, 1.0, 1.0, &w) && w.gain == 0.0f); /* off the scalp */
}

int main(void)
{
    TEST_RUN(test_density_follows_inverse_cos);
    TEST_RUN(test_elongation_matches_projection);
    TEST_RUN(test_growth_follows_surface);
    TEST_RUN(test_no_head_is_bit_identical);
    TEST_RUN(test_no_head_growth_is_bit_identical);
    TEST_RUN(test_hairline_edit_with_head_is_bit_identical);
    TEST_RUN(test_warp_identity_at_centre);
    return TEST_SUMMARY();
}
