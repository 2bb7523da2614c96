/* test_head3d_photo.c - the 3D head on a real top-view photo (../shared/photos, never
 * copied into the repo): the head matte, the fit from its outline, and dots per image
 * cm2 near the outline (0.75-0.9 of the head's radius) at least 1.3x the centre's,
 * where the flat photo keeps them even. */
#include <stdlib.h>
#include <string.h>

#include "core/head3d_fit.h"
#include "core/matte_apply.h"
#include "core/scene.h"
#include "io/photo.h"
#include "plan_fixture.h"
#include "shared_photos.h"
#include "test.h"

typedef struct {
    float cx, cy, ixx, ixy, iyy, area_px; /* outline centre, inverse shape, pi sqrt(det) */
} Outline;

static Outline outline_of(const Head3D *h)
{
    float xx, xy, yy;
    head3d_outline_shape(h, &xx, &xy, &yy);
    float det = xx * yy - xy * xy;
    Outline o = { 0, 0, yy / det, -xy / det, xx / det, (float)GLM_PI * sqrtf(det) };
    head3d_project(h, h->centre, &o.cx, &o.cy);
    return o;
}

/* Dots per image cm2 with normalised radius in [r0, r1). */
static double ring_per_cm2(const DotList *l, const Outline *o, double ppm, double r0, double r1)
{
    int n = 0;
    for (int i = 0; i < l->count; i++) {
        double x = l->items[i].x_mm * ppm - o->cx, y = l->items[i].y_mm * ppm - o->cy;
        double r = sqrt(o->ixx * x * x + 2 * o->ixy * x * y + o->iyy * y * y);
        n += r >= r0 && r < r1;
    }
    double cm2 = o->area_px * (r1 * r1 - r0 * r0) / (ppm * ppm) / 100.0;
    return n / cm2;
}

static bool dots_for(const SmpImage *photo, double ppm, const Head3D *head, const Outline *o, double *ratio)
{
    SmpPlan p;
    fx_plan_treated(&p, photo->width, photo->height, ppm, 60.0);
    SmpScene *s = NULL;
    SmpError err;
    bool ok = scene_create(photo->width, photo->height, &s, &err);
    if (ok) scene_set_head(s, head);
    ok = ok && scene_update(s, &p, SCENE_CHANGED_ALL, &err);
    CHECKF(ok, "%s", err.msg);
    if (ok) {
        double centre = ring_per_cm2(scene_dots(s), o, ppm, 0.0, 0.3);
        double edge = ring_per_cm2(scene_dots(s), o, ppm, 0.75, 0.9);
        *ratio = edge / centre;
        printf("# %s: %.1f dots/cm2 at the centre, %.1f at 0.75-0.9 R: x%.2f\n", head ? "3D" : "flat", centre,
               edge, *ratio);
    }
    scene_destroy(s);
    plan_free(&p);
    return ok;
}

static void test_top_crown_denser_toward_outline(void)
{
    SmpImage photo = { 0 };
    SmpError err;
    if (!shared_photo_load("rf_top_crown_bald_dark-skin.jpg", &photo, &err)) {
        TEST_SKIP("the shared photos are not beside the repository");
        return;
    }
    SmpMattes m = { 0 };
    CHECKF(mattes_compute(&photo, 1, &m, &err), "%s", err.msg);
    HeadFitOptions opt = { HEAD_VIEW_TOP, 0, 0, NULL }; /* no scale: a template-size head */
    HeadFit f = { 0 };
    bool fitted = m.head.alpha && head3d_fit_mask(m.head.alpha, m.head.width, m.head.height, m.head.width,
                                                   &opt, &f, &err);
    CHECKF(fitted, "%s", err.msg);
    CHECKF(f.plausible, "fit cost %.2f", f.cost);
    if (fitted) {
        double ppm = head3d_surface_ppm(&f.head);
        Outline o = outline_of(&f.head);
        double on = 0, flat = 0;
        if (dots_for(&photo, ppm, &f.head, &o, &on) && dots_for(&photo, ppm, NULL, &o, &flat)) {
            CHECKF(on >= 1.3, "x%.2f", on);
            CHECKF(flat < 1.15, "flat x%.2f", flat); /* negative control */
        }
    }
    mattes_free(&m);
    image_free(&photo);
}

int main(void)
{
    TEST_RUN(test_top_crown_denser_toward_outline);
    return TEST_SUMMARY();
}
