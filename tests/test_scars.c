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
 *
 * FUE scars: on a synthetic skin patch with stubble and noise, the pale round
 * spots of 0.6-1.4 mm inside a painted scar are found, each once and where
 * they are, and get a dot each; a pale line, a pale 5 mm patch and a spot
 * outside the scar are not spots. Controls: the same patch painted as plain
 * treated skin, and the patch without its spots, give none.
 */
#include "test.h"

#include "core/plan.h"
#include "core/render.h"
#include "core/scar_spots.h"
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

/* ---- FUE scars on a synthetic patch ------------------------------------------ */

enum { PW = 480, PH = 320 };          /* px */
static const double PPM = 8.0;        /* px per mm: 60 x 40 mm */
static const double SPOT_X[] = {60, 120, 180, 240, 300}, SPOT_Y[] = {70, 90, 70, 90, 70};
static const double SPOT_D_MM[] = {0.6, 0.8, 1.0, 1.2, 1.4};
#define N_SPOTS 5

static double unit_hash(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return (x >> 8) * (1.0 / 16777216.0);
}

/* Soft disc (1 inside, 0 outside over one px) of diameter d_mm at (cx, cy). */
static double disc(double x, double y, double cx, double cy, double d_mm)
{
    const double r = d_mm * PPM / 2.0, d = sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
    return d <= r - 0.5 ? 1.0 : d >= r + 0.5 ? 0.0 : r + 0.5 - d;
}

/* Skin with noise and dark stubble specks; pale FUE spots when `spots`; a pale
 * line and a 5 mm pale patch inside the scar, one spot outside it (x > 380). */
static void patch_fill(SmpImage *img, bool spots)
{
    for (int y = 0; y < PH; y++)
        for (int x = 0; x < PW; x++) {
            const double px = x + 0.5, py = y + 0.5;
            double pale = 0.0;
            if (spots)
                for (int k = 0; k < N_SPOTS; k++)
                    pale = fmax(pale, disc(px, py, SPOT_X[k], SPOT_Y[k], SPOT_D_MM[k]));
            pale = fmax(pale, disc(px, py, 420, 80, 1.0)); /* outside the scar */
            if (py > 180 && py < 204 && px > 40 && px < 340) /* a 3 mm pale line */
                pale = fmax(pale, 1.0);
            pale = fmax(pale, disc(px, py, 300, 270, 5.0));
            /* stubble: a speck in about one 2 x 2 mm cell in three */
            const int cx = x / 16, cy = y / 16;
            double dark = 0.0;
            if (unit_hash((uint32_t)(cy * 97 + cx)) < 0.35)
                dark = disc(px, py, cx * 16 + 3 + 10 * unit_hash((uint32_t)(cy * 97 + cx + 5000)),
                            cy * 16 + 3 + 10 * unit_hash((uint32_t)(cy * 97 + cx + 9000)), 0.25);
            const double noise = 6.0 * (unit_hash((uint32_t)(y * PW + x + 77)) - 0.5);
            uint8_t *p = img->pixels + 4 * ((size_t)y * PW + x);
            const double base[3] = {176, 136, 118};
            for (int c = 0; c < 3; c++)
                p[c] = (uint8_t)lround(fmin(255, base[c] + 34 * pale - 60 * dark + noise));
            p[3] = 255;
        }
}

static void patch_plan(SmpPlan *plan, PlanRegionKind kind)
{
    plan_init(plan);
    plan->scale.set = true;
    plan->scale.b.x = 80;
    plan->scale.distance_mm = 10; /* 8 px/mm */
    plan->photo_width = PW;
    plan->photo_height = PH;
    const PlanPoint all[4] = {{0, 0}, {PW, 0}, {PW, PH}, {0, PH}};
    const PlanPoint scar[4] = {{20, 20}, {370, 20}, {370, 310}, {20, 310}};
    plan_add_region(plan, REGION_TREAT, REGION_POLYGON, false, 0, all, 4, NULL);
    plan_add_region(plan, kind, REGION_POLYGON, false, 0, scar, 4, NULL);
}

static int detect_count(const SmpImage *img, const SmpPlan *plan, ScarSpotList *out)
{
    SmpError err = {{0}};
    const bool ok = scar_spots_detect(img, plan, out, &err);
    CHECKF(ok, "%s", err.msg);
    return ok ? out->count : -1;
}

static void test_fue_spots_found(void)
{
    SmpImage img;
    SmpError err = {{0}};
    if (!image_create(PW, PH, &img, &err)) {
        CHECKF(false, "%s", err.msg);
        return;
    }
    patch_fill(&img, true);
    SmpPlan plan;
    patch_plan(&plan, REGION_SCAR);
    ScarSpotList spots;
    detect_count(&img, &plan, &spots);
    int matched = 0;
    for (int k = 0; k < N_SPOTS; k++)
        for (int i = 0; i < spots.count; i++) {
            const double dx = spots.items[i].x_mm - SPOT_X[k] / PPM, dy = spots.items[i].y_mm - SPOT_Y[k] / PPM;
            if (dx * dx + dy * dy < 0.3 * 0.3) {
                matched++;
                break;
            }
        }
    for (int i = 0; i < spots.count; i++)
        printf("  spot at %.2f, %.2f mm, %.2f mm across, contrast %.1f\n", spots.items[i].x_mm,
               spots.items[i].y_mm, spots.items[i].diameter_mm, spots.items[i].contrast);
    CHECKF(spots.count == N_SPOTS && matched == N_SPOTS, "%d spots found, %d of the %d real ones", spots.count,
           matched, N_SPOTS);
    /* Each gets a dot of its own in the render; the plain-skin control none. */
    RenderRequest req;
    memset(&req, 0, sizeof req);
    req.no_mattes = true; /* a flat skin patch, not a photo of a head: nothing for the mattes to find */
    SmpImage out;
    DotList dots;
    int spot_dots = 0;
    if (render_plan(&img, &plan, &req, &out, &dots, &err)) {
        for (int i = 0; i < dots.count; i++)
            spot_dots += dots.items[i].id > UINT32_MAX - SCAR_SPOTS_MAX;
        image_free(&out);
        dots_free(&dots);
    }
    CHECKF(spot_dots == N_SPOTS, "%d spot dots in the render", spot_dots);
    scar_spots_free(&spots);
    plan_free(&plan);

    patch_plan(&plan, REGION_TREAT);
    const int n_plain = detect_count(&img, &plan, &spots);
    scar_spots_free(&spots);
    plan_free(&plan);
    patch_fill(&img, false);
    patch_plan(&plan, REGION_SCAR);
    const int n_spotless = detect_count(&img, &plan, &spots);
    scar_spots_free(&spots);
    plan_free(&plan);
    printf("  %d of %d spots found, %d dots on them; controls: painted as plain skin %d, without spots %d\n",
           matched, N_SPOTS, spot_dots, n_plain, n_spotless);
    CHECKF(n_plain == 0, "%d spots outside any scar", n_plain);
    CHECKF(n_spotless == 0, "%d spots in a spotless scar (line, patch or stubble taken for spots)", n_spotless);
    image_free(&img);
}

static int spots_in_box(const ScarSpotList *spots, double ppm, const PlanPoint box[4])
{
    int n = 0;
    for (int i = 0; i < spots->count; i++) {
        const double x = spots->items[i].x_mm * ppm, y = spots->items[i].y_mm * ppm;
        n += x >= box[0].x && x < box[2].x && y >= box[0].y && y < box[2].y;
    }
    return n;
}

/* The sample's donor band above the strip scar holds FUE scars (pale round
 * dots, tools/gen_sample.c). Painted as scar, each is found, and the skin's
 * stubble and grain give no false ones: 7 spots in this box by eye
 * (430..770 x 790..930 px, at 491,797 551,812 590,848 619,840 502,914
 * 551,917 757,921). Control: the box painted as plain skin gives none there. */
static void test_fue_spots_on_sample(void)
{
    Fixture fx = fixture_load();
    if (!fx.ok) {
        fixture_free(&fx);
        return;
    }
    const PlanPoint box[4] = {{430, 790}, {770, 790}, {770, 930}, {430, 930}};
    SmpError err = {{0}};
    CHECKF(plan_add_region(&fx.plan, REGION_SCAR, REGION_POLYGON, false, 0, box, 4, &err), "%s", err.msg);
    const double ppm = plan_px_per_mm(&fx.plan);
    ScarSpotList spots;
    detect_count(&fx.photo, &fx.plan, &spots);
    const int inside = spots_in_box(&spots, ppm, box);
    for (int i = 0; i < spots.count; i++)
        printf("  sample spot at %.0f, %.0f px, %.2f mm, contrast %.1f\n", spots.items[i].x_mm * ppm,
               spots.items[i].y_mm * ppm, spots.items[i].diameter_mm, spots.items[i].contrast);
    scar_spots_free(&spots);
    fx.plan.regions[fx.plan.region_count - 1].kind = REGION_TREAT;
    detect_count(&fx.photo, &fx.plan, &spots);
    const int inside_plain = spots_in_box(&spots, ppm, box);
    scar_spots_free(&spots);
    printf("  sample donor band: %d spots in the box (7 by eye), painted as plain skin %d\n", inside,
           inside_plain);
    CHECKF(inside >= 6 && inside <= 8, "%d spots found in the box where 7 are", inside);
    CHECKF(inside_plain == 0, "control: %d spots in the box without a scar region", inside_plain);
    fixture_free(&fx);
}

int main(void)
{
    TEST_RUN(test_strip_scar_partly_concealed);
    TEST_RUN(test_fue_spots_found);
    TEST_RUN(test_fue_spots_on_sample);
    return TEST_SUMMARY();
}
