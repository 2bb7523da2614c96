/* The dermal dot judged on real photos (../shared/photos, never copied into
 * the repo): in the treated centre of a crown or frontal plan at the default
 * look, the ink's speckle stays at most that of real stubble, its darkest
 * specks (below their local tone) no deeper than the real stubble's specks in
 * the same camera's photo, and the tone is kept
 * (mean darkening >= 2.5 L*). The soft render is the export's own pipeline
 * (render_plan: the photo's blur, grain and sheen, the head and hair mattes);
 * the flat one, its negative control, is the dots alone with no blur. */
#include "test.h"

#include "core/pigment.h"
#include "core/raster.h"
#include "core/render.h"
#include "core/scene.h"
#include "io/image_write.h"
#include "io/photo.h"
#include "io/plan_file.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Speckle: std of L* minus its own Gaussian blur of this sigma (px). */
#define SPECKLE_SIGMA 1.5
/* The real stubble's speckle on rf_top_crown_shaved-stubble_tan.jpg is 2.5-3.3
 * (issue 8): the ceiling on bald photos, which have no stubble of their own. */
#define STUBBLE_SPECKLE 3.3
/* How far the treated centre's darkest 1% may fall below the photo's own, L*. */
#define DARKEST_DEPTH 6.5

typedef struct Case {
    const char *plan;
    int x0, y0, x1, y1; /* the treated centre, photo px */
} Case;

static double lstar(const uint8_t *p)
{
    double y = 0.2126 * pigment_srgb_to_linear(p[0]) + 0.7152 * pigment_srgb_to_linear(p[1]) +
               0.0722 * pigment_srgb_to_linear(p[2]);
    return y > 0.008856 ? 116.0 * cbrt(y) - 16.0 : 903.3 * y;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* L* of the box with a margin of 4 sigma, then the residual after a Gaussian
 * blur: its standard deviation (the speckle), and in *speck its 1st
 * percentile, how far the darkest specks fall below their surroundings. */
static double speckle(const SmpImage *img, const Case *c, double *speck)
{
    int m = (int)(4 * SPECKLE_SIGMA) + 1, w = c->x1 - c->x0 + 2 * m, h = c->y1 - c->y0 + 2 * m;
    double *l = malloc(sizeof *l * (size_t)w * h), *t = malloc(sizeof *t * (size_t)w * h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            l[y * w + x] = lstar(image_pixel(img, c->x0 - m + x, c->y0 - m + y));
    double k[64], ks = 0;
    for (int i = -m; i <= m; i++)
        ks += k[i + m] = exp(-0.5 * i * i / (SPECKLE_SIGMA * SPECKLE_SIGMA));
    for (int y = 0; y < h; y++) /* horizontal pass */
        for (int x = m; x < w - m; x++) {
            double s = 0;
            for (int i = -m; i <= m; i++)
                s += k[i + m] * l[y * w + x + i];
            t[y * w + x] = s / ks;
        }
    double sum = 0, sum2 = 0;
    int n = 0;
    for (int y = m; y < h - m; y++)
        for (int x = m; x < w - m; x++) {
            double s = 0;
            for (int i = -m; i <= m; i++)
                s += k[i + m] * t[(y + i) * w + x];
            double r = l[y * w + x] - s / ks;
            sum += r, sum2 += r * r;
            l[n++] = r; /* row y - m is read no more */
        }
    qsort(l, (size_t)n, sizeof *l, cmp_double);
    *speck = l[n / 100];
    free(l);
    free(t);
    double mean = sum / n;
    return sqrt(sum2 / n - mean * mean);
}

/* With SMP_LOOK_OUT set, the box of photo | flat dots | dermal dots, side by
 * side and magnified 3x, goes to that folder to be looked at (never the repo:
 * these are other people's photos). */
static void crops_write(const char *dir, const Case *c, const SmpImage *im[3], int z)
{
    if (!dir)
        return;
    int w = c->x1 - c->x0, h = c->y1 - c->y0;
    SmpImage out;
    SmpError err;
    if (!image_create(3 * w * z, h * z, &out, &err))
        return;
    for (int k = 0; k < 3; k++)
        for (int y = 0; y < h * z; y++)
            for (int x = 0; x < w * z; x++)
                memcpy(image_pixel(&out, k * w * z + x, y), image_pixel(im[k], c->x0 + x / z, c->y0 + y / z), 4);
    char path[1024];
    const char *base = strrchr(c->plan, '/');
    snprintf(path, sizeof path, "%s/%s.png", dir, base ? base + 1 : c->plan);
    if (!image_write(path, &out, NULL, &err))
        printf("%s\n", err.msg);
    image_free(&out);
}

/* Mean L* and its 1st percentile over the box. */
static void tone(const SmpImage *img, const Case *c, double *mean, double *p1)
{
    int n = (c->x1 - c->x0) * (c->y1 - c->y0), i = 0;
    double *v = malloc(sizeof *v * (size_t)n), sum = 0;
    for (int y = c->y0; y < c->y1; y++)
        for (int x = c->x0; x < c->x1; x++)
            sum += v[i++] = lstar(image_pixel(img, x, y));
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    *mean = sum / n;
    *p1 = v[n / 100];
    free(v);
}

/* flat: the dots alone, unblurred; otherwise the export (render_plan). */
static bool render_case(const Case *c, bool flat, SmpImage *photo, SmpImage *out)
{
    const char *root = getenv("SMP_ROOT");
    char path[1024], photo_path[1024];
    snprintf(path, sizeof path, "%s/tests/plans/%s", root ? root : ".", c->plan);
    SmpPlan plan;
    SmpError err;
    if (!plan_load(path, &plan, &err)) {
        CHECKF(false, "%s", err.msg);
        return false;
    }
    bool ok = plan_resolve_photo(path, &plan, photo_path, sizeof photo_path);
    CHECKF(ok, "%s: no photo", path);
    ok = ok && photo_load(photo_path, photo, NULL, &err);
    CHECKF(ok, "%s: %s", photo_path, err.msg);
    if (ok && !flat) {
        RenderRequest req = {.threads = 1};
        ok = render_plan(photo, &plan, &req, out, NULL, &err);
        CHECKF(ok, "%s", err.msg);
    }
    SmpScene *s = NULL;
    if (ok && flat) {
        plan.photo_width = photo->width, plan.photo_height = photo->height;
        ok = scene_create(photo->width, photo->height, &s, &err) && scene_update(s, &plan, SCENE_CHANGED_ALL, &err);
        CHECKF(ok, "%s", err.msg);
    }
    if (ok && flat) {
        PigmentLook look;
        pigment_look(&plan, &look);
        RasterOptions ro = {.threads = 1, .px_per_mm = scene_px_per_mm(s)};
        ok = raster_render(photo, scene_dots(s), &look, &ro, out, &err);
        CHECKF(ok, "%s", err.msg);
    }
    if (!ok && photo->pixels)
        image_free(photo);
    scene_destroy(s);
    plan_free(&plan);
    return ok;
}

/* The real stubble at the sides of rf_top_crown_shaved-stubble_tan.jpg
 * (speckle 2.1-3.1, as the issue measured): how far its specks fall below
 * their surroundings, the shallowest of three boxes (the strictest bound). */
static double stubble_speck_depth(const SmpImage *tan_photo)
{
    const Case boxes[] = {{"left", 70, 230, 130, 300}, {"right", 545, 230, 595, 330}, {"upper left", 60, 180, 140, 260}};
    double shallowest = -1e9;
    for (int b = 0; b < 3; b++) {
        double depth;
        speckle(tan_photo, &boxes[b], &depth);
        shallowest = depth > shallowest ? depth : shallowest;
    }
    return shallowest;
}

static void test_treated_centre_reads_as_stubble(void)
{
    const Case cases[] = {
        {"crown_stubble_tan.smp", 250, 250, 390, 390},
        {"crown_dark_top.smp", 250, 200, 410, 360},
        {"crown_light_top.smp", 250, 250, 390, 390},
        {"norwood5_front.smp", 230, 120, 410, 175},
    };
    int flat_too_deep = 0, flat_specks_too_deep = 0;
    double stubble_depth = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const Case *c = &cases[i];
        SmpImage photo = {0}, flat = {0}, soft = {0};
        if (!render_case(c, true, &photo, &flat))
            continue;
        image_free(&photo);
        if (!render_case(c, false, &photo, &soft)) {
            image_free(&flat);
            continue;
        }
        double k0, kf, k1;
        double sp0 = speckle(&photo, c, &k0), sp_flat = speckle(&flat, c, &kf), sp = speckle(&soft, c, &k1);
        double m0, p0, m1, p1, mf, pf;
        tone(&photo, c, &m0, &p0);
        tone(&soft, c, &m1, &p1);
        tone(&flat, c, &mf, &pf);
        if (i == 0)
            stubble_depth = stubble_speck_depth(&photo);
        printf("%s: speckle photo %.2f, dots unblurred %.2f, export %.2f; darkening %.2f L* (%.2f); "
               "darkest 1%% L* photo %.1f, dots %.1f (%.1f); speck depth photo %.2f, export %.2f (%.2f), "
               "real stubble %.2f\n",
               c->plan, sp0, sp_flat, sp, m0 - m1, m0 - mf, p0, p1, pf, k0, k1, kf, stubble_depth);
        const SmpImage *crops[3] = {&photo, &flat, &soft};
        crops_write(getenv("SMP_LOOK_OUT"), c, crops, 3);
        double ceiling = sp0 > STUBBLE_SPECKLE ? sp0 : STUBBLE_SPECKLE;
        CHECKF(sp <= ceiling, "%s: speckle %.2f above the stubble's %.2f", c->plan, sp, ceiling);
        CHECKF(m0 - m1 >= 2.5, "%s: mean darkening %.2f L* < 2.5", c->plan, m0 - m1);
        /* The darkest specks are no darker than the photo's own stubble specks:
         * the 1st percentile of L* below its local tone (the residual of the
         * speckle measure) stays above the deeper of the photo's own texture
         * and the real stubble's in the same camera's photo. */
        double floor = k0 < stubble_depth ? k0 : stubble_depth;
        CHECKF(k1 >= floor, "%s: darkest specks %.2f L* below their surroundings, stubble's %.2f", c->plan, k1,
               floor);
        flat_specks_too_deep += kf < floor;
        /* And the plain darkest 1% stays within DARKEST_DEPTH L* of the
         * photo's: the tone shift (>= 2.5 L*) moves it too. */
        CHECKF(p0 - p1 <= DARKEST_DEPTH, "%s: darkest 1%% at L* %.1f, %.1f below the photo's", c->plan, p1, p0 - p1);
        /* Negative control: flat, unblurred dots are the black pepper of
         * issue 8, and the speckle measure sees it. */
        CHECKF(sp_flat > STUBBLE_SPECKLE, "%s: unblurred speckle %.2f", c->plan, sp_flat);
        flat_too_deep += p0 - pf > DARKEST_DEPTH;
        image_free(&photo);
        image_free(&flat);
        image_free(&soft);
    }
    CHECKF(flat_too_deep >= 3, "the darkest-1%% bound caught flat dots on %d photos of 4", flat_too_deep);
    CHECKF(flat_specks_too_deep == 4, "the speck bound caught flat dots on %d photos of 4", flat_specks_too_deep);
}

/* With SMP_LOOK_DOCS set: the crops of docs/img/ from the synthetic samples
 * (photo | sharp | 1 px photo blur), regenerated on purpose only. */
static void docs_crops_write(const char *dir)
{
    const Case cases[] = {{"../../seeds/crown_whorl.smp", 560, 560, 680, 680}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        SmpImage photo = {0}, flat = {0}, soft = {0};
        if (!render_case(&cases[i], true, &photo, &flat))
            continue;
        image_free(&photo);
        if (render_case(&cases[i], false, &photo, &soft)) {
            const SmpImage *im[3] = {&photo, &flat, &soft};
            crops_write(dir, &cases[i], im, 2);
            image_free(&photo);
            image_free(&soft);
        }
        image_free(&flat);
    }
}

int main(void)
{
    if (getenv("SMP_LOOK_DOCS")) {
        docs_crops_write(getenv("SMP_LOOK_DOCS"));
        return 0;
    }
    TEST_RUN(test_treated_centre_reads_as_stubble);
    return TEST_SUMMARY();
}
