/* test_scars.c - painted scars are partly concealed, never perfectly covered.
 *
 * On the synthetic back of the head (assets/sample_back.jpg, seeds/scar_back.smp)
 * a healed strip scar is a pale band. Its contrast is the mean L* within 1 mm
 * of the painted scar's centre line (the scar's pale core) minus the mean L* of
 * the skin 7-11 mm from it (inside the treated area, past the scar and its
 * margin), over the middle of the scar (its tapered ends are left out). Dots compensate the paler base, so the render's contrast must fall
 * clearly (to at most 0.65 of the photo's) and must not vanish (at least 0.25:
 * SMP conceals, the scar's texture and shine stay). Negative control: the same
 * plan with the scar painted as plain treated skin must leave the contrast
 * almost as it is, so the reduction comes from the scar handling, not from
 * dots being there at all.
 */
#include "test.h"

#include "core/plan.h"
#include "core/render.h"
#include "io/photo.h"
#include "io/plan_file.h"

#include <stdlib.h>
#include <string.h>

static double srgb_to_linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double pixel_lstar(const uint8_t *p)
{
    const double y = 0.2126 * srgb_to_linear(p[0] / 255.0) + 0.7152 * srgb_to_linear(p[1] / 255.0) +
                     0.0722 * srgb_to_linear(p[2] / 255.0);
    return y > 216.0 / 24389.0 ? 116.0 * cbrt(y) - 16.0 : y * 24389.0 / 27.0;
}

/* Distance in px from (x, y) to the polyline pts[lo..hi]. */
static double polyline_dist(const PlanPoint *pts, int lo, int hi, double x, double y)
{
    double best = INFINITY;
    for (int i = lo; i < hi; i++) {
        const double ax = pts[i].x, ay = pts[i].y, bx = pts[i + 1].x - ax, by = pts[i + 1].y - ay;
        double t = ((x - ax) * bx + (y - ay) * by) / (bx * bx + by * by);
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const double dx = x - ax - t * bx, dy = y - ay - t * by;
        best = fmin(best, sqrt(dx * dx + dy * dy));
    }
    return best;
}

static const PlanRegion *find_scar(const SmpPlan *plan)
{
    for (int i = 0; i < plan->region_count; i++)
        if (plan->regions[i].kind == REGION_SCAR && plan->regions[i].shape == REGION_STROKE)
            return &plan->regions[i];
    return NULL;
}

/* L* contrast of the scar in img (see the file comment). */
static double scar_contrast(const SmpImage *img, const PlanRegion *scar, double ppm)
{
    const int lo = 2, hi = scar->count - 3; /* the middle of the scar */
    double core = 0, around = 0;
    int n_core = 0, n_around = 0;
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            const double d_mm = polyline_dist(scar->points, lo, hi, x + 0.5, y + 0.5) / ppm;
            if (d_mm > 11.0)
                continue;
            const double l = pixel_lstar(img->pixels + 4 * ((size_t)y * img->width + x));
            if (d_mm < 1.0) {
                core += l;
                n_core++;
            } else if (d_mm >= 7.0) {
                around += l;
                n_around++;
            }
        }
    return n_core && n_around ? core / n_core - around / n_around : 0.0;
}

typedef struct Fixture {
    SmpPlan plan;
    SmpImage photo;
    bool ok;
} Fixture;

static Fixture fixture_load(void)
{
    Fixture fx;
    memset(&fx, 0, sizeof fx);
    const char *root = getenv("SMP_ROOT");
    char plan_path[600], photo_path[1200];
    snprintf(plan_path, sizeof plan_path, "%s/seeds/scar_back.smp", root ? root : ".");
    SmpError err = {{0}};
    if (!plan_load(plan_path, &fx.plan, &err)) {
        CHECKF(false, "%s", err.msg);
        return fx;
    }
    CHECK(plan_resolve_photo(plan_path, &fx.plan, photo_path, sizeof photo_path));
    if (!photo_load(photo_path, &fx.photo, NULL, &err)) {
        CHECKF(false, "%s", err.msg);
        plan_free(&fx.plan);
        return fx;
    }
    fx.ok = find_scar(&fx.plan) != NULL;
    CHECKF(fx.ok, "no scar stroke in %s", plan_path);
    return fx;
}

static void fixture_free(Fixture *fx)
{
    plan_free(&fx->plan);
    image_free(&fx->photo);
}

static double render_contrast(const Fixture *fx, const SmpPlan *plan)
{
    RenderRequest req;
    memset(&req, 0, sizeof req);
    SmpImage out;
    SmpError err = {{0}};
    if (!render_plan(&fx->photo, plan, &req, &out, NULL, &err)) {
        CHECKF(false, "%s", err.msg);
        return 0.0;
    }
    const double c = scar_contrast(&out, find_scar(&fx->plan), plan_px_per_mm(&fx->plan));
    image_free(&out);
    return c;
}

static void test_strip_scar_partly_concealed(void)
{
    Fixture fx = fixture_load();
    if (!fx.ok) {
        fixture_free(&fx);
        return;
    }
    const double ppm = plan_px_per_mm(&fx.plan);
    const double before = scar_contrast(&fx.photo, find_scar(&fx.plan), ppm);
    const double after = render_contrast(&fx, &fx.plan);
    /* Control: the scar painted as ordinary treated skin. */
    SmpPlan plain;
    SmpError err = {{0}};
    if (!plan_copy(&fx.plan, &plain, &err)) {
        CHECKF(false, "%s", err.msg);
        fixture_free(&fx);
        return;
    }
    for (int i = 0; i < plain.region_count; i++)
        if (plain.regions[i].kind == REGION_SCAR)
            plain.regions[i].kind = REGION_TREAT;
    const double as_plain = render_contrast(&fx, &plain);
    plan_free(&plain);
    printf("  strip scar contrast (L*): photo %.1f, rendered %.1f (%.2f of the photo's), "
           "painted as plain skin %.1f (%.2f)\n",
           before, after, after / before, as_plain, as_plain / before);
    CHECKF(before > 10.0, "the measure does not see the scar (%.1f L*)", before);
    CHECKF(after <= 0.65 * before, "scar contrast only fell from %.1f to %.1f L*", before, after);
    CHECKF(after >= 0.25 * before, "scar covered too perfectly: %.1f of %.1f L* left", after, before);
    CHECKF(as_plain >= 0.85 * before, "control: plain dots alone took the contrast to %.1f L*", as_plain);
    fixture_free(&fx);
}

int main(void)
{
    TEST_RUN(test_strip_scar_partly_concealed);
    return TEST_SUMMARY();
}
