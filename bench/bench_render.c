/* bench_render.c - the CPU renderer against a straightforward cairo program.
 *
 * One dot list (~300k visible dots from a real scene_update) on a synthetic
 * 24-megapixel skin photo (6000 x 4000), drawn
 *   - by raster_render with 1 thread and with all threads;
 *   - by cairo, the way anyone would first write it: one filled ellipse per dot
 *     under a translate/rotate/scale transform, solid grey at alpha = darkness,
 *     default antialiasing, one thread, on an ARGB32 image surface of the photo;
 * in the same run, with the ratios. Both timings include making the output
 * image from the photo (raster_render allocates and fills it; cairo gets a new
 * surface and a copy of the pre-converted photo).
 *
 * It also writes /tmp/smpview_bench_crop.png (photo | smpview | cairo, 3x
 * zoom) so a person can check that both draw the same dots, and prints the mean
 * darkening of each as a numeric check. Targets are printed, never enforced.
 */
#include "core/photo_look.h"
#include "core/pigment.h"
#include "core/raster.h"
#include "core/scene.h"
#include "bench_time.h"

#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PHOTO_W 6000
#define PHOTO_H 4000
#define PX_PER_MM 10.0
#define WANT_DOTS 300000
/* The photo's own blur folded into the dots (docs/pigment.md), a typical 1 px. */
#define BENCH_BLUR_PX 1.0f
#define RASTER_RUNS 5
/* Issue 8: with the dermal dot and the photo's look, still at least 10x
 * faster than cairo drawing the same dots flat (the engine issue's 20x was
 * for the flat disc). */
#define RATIO_TARGET 10.0
/* Issue 8: the export with the look at most 2x the flat disc's export, which
 * took 0.045 s (2 threads) in the quiet run of 2026-11-30 (docs/bench.md). */
#define FLAT_DISC_S 0.045
#define PI 3.14159265358979323846
#define CROP_PATH "/tmp/smpview_bench_crop.png"

static uint32_t mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    return x ^ (x >> 16);
}

/* Shaved-scalp-like skin: a soft light falloff and fine pore noise, so untouched
 * pixels are not all alike (a flat photo would flatter any compositor). */
static bool make_photo(SmpImage *img, SmpError *err)
{
    if (!image_create(PHOTO_W, PHOTO_H, img, err))
        return false;
    for (int y = 0; y < PHOTO_H; y++)
        for (int x = 0; x < PHOTO_W; x++) {
            double dx = (x - PHOTO_W * 0.45) / PHOTO_W, dy = (y - PHOTO_H * 0.3) / PHOTO_H;
            double shade = 1.0 - 0.35 * (dx * dx + dy * dy);
            int n = (int)(mix32((uint32_t)(y * PHOTO_W + x)) & 15) - 8;
            uint8_t *p = image_pixel(img, x, y);
            p[0] = (uint8_t)(214 * shade + n);
            p[1] = (uint8_t)(172 * shade + n);
            p[2] = (uint8_t)(150 * shade + n);
            p[3] = 255;
        }
    return true;
}

/* A top-of-head plan at 10 px/mm: the whole photo may be treated, with a soft
 * hairline near the top edge (drawn right to left, so the scalp is below it). */
static bool make_plan(SmpPlan *plan, double density, SmpError *err)
{
    plan_init(plan);
    plan->photo_width = PHOTO_W;
    plan->photo_height = PHOTO_H;
    plan->scale.set = true;
    plan->scale.a = (PlanPoint){0, 0};
    plan->scale.b = (PlanPoint){63.0 * PX_PER_MM, 0};
    plan->scale.distance_mm = 63.0;
    plan->dots.density = density;
    PlanHairline *hl = &plan->hairline;
    hl->count = 8;
    for (int i = 0; i < hl->count; i++) {
        double u = i - 3.5;
        hl->points[i] = (PlanPoint){PHOTO_W - 200 - (PHOTO_W - 400) * i / 7.0, 250 + u * u * 12.0};
    }
    PlanPoint all[4] = {{0, 0}, {PHOTO_W, 0}, {PHOTO_W, PHOTO_H}, {0, PHOTO_H}};
    return plan_add_region(plan, REGION_TREAT, REGION_POLYGON, false, 0, all, 4, err);
}

/* ---- the cairo program ------------------------------------------------------- */

/* The photo as cairo's native ARGB32 (premultiplied; the photo is opaque). */
static uint32_t *photo_to_argb(const SmpImage *photo)
{
    size_t n = (size_t)photo->width * (size_t)photo->height;
    uint32_t *argb = malloc(n * sizeof *argb);
    if (!argb)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const uint8_t *p = photo->pixels + i * 4;
        argb[i] = 0xff000000u | (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
    }
    return argb;
}

static cairo_surface_t *cairo_draw_dots(const uint32_t *argb, int w, int h, const DotList *dots,
                                        double ppm, double grey)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        return s;
    cairo_surface_flush(s);
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++)
        memcpy(data + (size_t)y * stride, argb + (size_t)y * w, (size_t)w * 4);
    cairo_surface_mark_dirty(s);
    cairo_t *cr = cairo_create(s);
    for (int i = 0; i < dots->count; i++) {
        const SmpDot *d = &dots->items[i];
        double a = 0.5 * d->diameter_mm * ppm, b = a / d->elongation;
        cairo_save(cr);
        cairo_translate(cr, d->x_mm * ppm, d->y_mm * ppm);
        cairo_rotate(cr, d->angle_deg * (PI / 180.0));
        cairo_scale(cr, a, b);
        cairo_arc(cr, 0, 0, 1, 0, 2 * PI);
        cairo_restore(cr);
        cairo_set_source_rgba(cr, grey, grey, grey, d->darkness);
        cairo_fill(cr);
    }
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* ---- checks ------------------------------------------------------------------ */

/* Mean darkening (photo minus render, 8-bit green) over the whole image. */
static double darkening_smp(const SmpImage *photo, const SmpImage *out)
{
    double sum = 0;
    size_t n = (size_t)photo->width * (size_t)photo->height;
    for (size_t i = 0; i < n; i++)
        sum += (double)photo->pixels[i * 4 + 1] - out->pixels[i * 4 + 1];
    return sum / (double)n;
}

static double darkening_cairo(const SmpImage *photo, cairo_surface_t *s)
{
    const unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    double sum = 0;
    for (int y = 0; y < photo->height; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        for (int x = 0; x < photo->width; x++)
            sum += (double)image_pixel(photo, x, y)[1] - (double)((row[x] >> 8) & 0xff);
    }
    return sum / ((double)photo->width * photo->height);
}

/* photo | smpview | cairo, a cw x ch crop at (cx, cy), each pixel zoom x zoom. */
static void write_crop(const SmpImage *photo, const SmpImage *out, cairo_surface_t *cs, int cx, int cy,
                       int cw, int ch, int zoom, const char *path)
{
    int gap = 8, pw = cw * zoom;
    cairo_surface_t *o = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 3 * pw + 2 * gap, ch * zoom);
    if (cairo_surface_status(o) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(o);
        return;
    }
    cairo_surface_flush(o);
    unsigned char *od = cairo_image_surface_get_data(o);
    int os = cairo_image_surface_get_stride(o);
    memset(od, 255, (size_t)os * ch * zoom);
    const unsigned char *cd = cairo_image_surface_get_data(cs);
    int cst = cairo_image_surface_get_stride(cs);
    for (int y = 0; y < ch * zoom; y++) {
        uint32_t *orow = (uint32_t *)(void *)(od + (size_t)y * os);
        int sy = cy + y / zoom;
        const uint32_t *crow = (const uint32_t *)(const void *)(cd + (size_t)sy * cst);
        for (int x = 0; x < pw; x++) {
            int sx = cx + x / zoom;
            const uint8_t *p = image_pixel(photo, sx, sy), *q = image_pixel(out, sx, sy);
            orow[x] = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
            orow[pw + gap + x] = (uint32_t)q[0] << 16 | (uint32_t)q[1] << 8 | q[2];
            orow[2 * (pw + gap) + x] = crow[sx] & 0xffffffu;
        }
    }
    cairo_surface_mark_dirty(o);
    if (cairo_surface_write_to_png(o, path) == CAIRO_STATUS_SUCCESS)
        printf("  crops (photo | smpview | cairo, %dx%d px at (%d,%d), x%d): %s\n", cw, ch, cx, cy, zoom, path);
    cairo_surface_destroy(o);
}

/* Median time of one raster_render with the given options (RASTER_RUNS runs). */
static double time_render(const SmpImage *photo, const DotList *dots, const PigmentLook *look,
                          const RasterOptions *opt)
{
    double t[RASTER_RUNS];
    SmpImage out = {0};
    SmpError err;
    for (int r = 0; r < RASTER_RUNS; r++) {
        double s = now_s();
        if (!raster_render(photo, dots, look, opt, &out, &err))
            return -1;
        t[r] = now_s() - s;
        image_free(&out);
    }
    return median(t, RASTER_RUNS);
}

/* Issue 8, the photo's look: what the estimates and the sheen map cost around
 * the dots, and the export with grain and sheen on (with the photo's own sheen
 * map, and with sheen under every pixel, the worst case for the compositor). */
static double bench_look(const SmpImage *photo, const DotList *dots, const PigmentLook *look, int all,
                         double plain_1, double plain_n)
{
    PhotoBox box = photo_look_box_of_dots(dots, PX_PER_MM, photo->width, photo->height);
    double te[RASTER_RUNS], ts[RASTER_RUNS];
    PhotoLook pl = {0};
    SheenMap map = {0};
    SmpError err;
    for (int r = 0; r < RASTER_RUNS; r++) {
        double s = now_s();
        photo_look_estimate(photo, box, &pl);
        te[r] = now_s() - s;
        photo_look_sheen_free(&map);
        s = now_s();
        if (!photo_look_sheen(photo, box, &map, &err))
            return -1;
        ts[r] = now_s() - s;
    }
    printf("look: estimates (blur %.2f px, grain %.2f) %.4f s, sheen map %dx%d (cell %d) %.4f s (1 thread, medians of %d)\n",
           pl.blur_px, pl.grain_sigma, median(te, RASTER_RUNS), map.width, map.height, map.cell,
           median(ts, RASTER_RUNS), RASTER_RUNS);
    /* Interleaved with plain renders: this is a shared machine, and the ratio
     * is the figure that matters. */
    static const char *what[] = {"plain", "grain only", "grain + photo's sheen", "grain + sheen everywhere"};
    double t[4][2];
    for (int v = 0; v < 4; v++) {
        if (v == 3)
            memset(map.values, 40, (size_t)map.width * map.height);
        RasterOptions o = {.threads = 1, .px_per_mm = PX_PER_MM, .grain_sigma = v ? pl.grain_sigma : 0,
                           .seed = 7, .sheen = v >= 2 ? &map : NULL};
        t[v][0] = time_render(photo, dots, look, &o);
        o.threads = all;
        t[v][1] = time_render(photo, dots, look, &o);
        printf("cpu render, %s: 1 thread %.3f s (%.2fx plain), %d threads %.3f s (%.2fx)\n", what[v], t[v][0],
               t[v][0] / t[0][0], all, t[v][1], t[v][1] / t[0][1]);
    }
    double whole = t[2][1] + median(te, RASTER_RUNS) + median(ts, RASTER_RUNS);
    printf("cpu export with the look (estimates + map + render, %d threads): %.3f s, %.2fx plain, %.2fx the flat "
           "disc's %.3f s (target <= 2x, on a quiet machine): %s\n",
           all, whole, whole / t[0][1], whole / FLAT_DISC_S, FLAT_DISC_S,
           whole <= 2 * FLAT_DISC_S ? "met" : "NOT met");
    (void)plain_1;
    (void)plain_n;
    photo_look_sheen_free(&map);
    return whole;
}

/* The photo, and a plan aimed at WANT_DOTS visible dots (visible dots grow
 * with density almost linearly: one probe, then aim); *density gets its density. */
static bool bench_setup(SmpImage *photo, SmpPlan *plan, SmpScene **scene, double *density, SmpError *err)
{
    if (!make_photo(photo, err) || !scene_create(PHOTO_W, PHOTO_H, scene, err))
        return false;
    *density = 100.0;
    for (int pass = 0; pass < 2; pass++) {
        if (!make_plan(plan, *density, err) || !scene_update(*scene, plan, SCENE_CHANGED_ALL, err))
            return false;
        int n = scene_dots(*scene)->count;
        if (pass == 0 && n > 0) {
            plan_free(plan);
            *density *= (double)WANT_DOTS / n;
            if (*density > CANDIDATES_MAX_DENSITY_CM2)
                *density = CANDIDATES_MAX_DENSITY_CM2;
        }
    }
    return true;
}

/* smpview: a warm-up, then alternate 1 thread / all threads so both see the
 * same machine state (this is a shared machine); medians into *m1, *mn, the
 * last picture in *out. */
static bool time_smpview(const SmpImage *photo, const DotList *dots, const PigmentLook *look, int all, SmpImage *out,
                         double *m1, double *mn, SmpError *err)
{
    double t1[RASTER_RUNS], tn[RASTER_RUNS];
    for (int r = -1; r < RASTER_RUNS; r++)
        for (int k = 0; k < 2; k++) {
            RasterOptions opt = {.threads = k == 0 ? 1 : all, .px_per_mm = PX_PER_MM, .blur_px = BENCH_BLUR_PX};
            image_free(out);
            double s = now_s();
            if (!raster_render(photo, dots, look, &opt, out, err))
                return false;
            double dt = now_s() - s;
            if (r >= 0)
                (k == 0 ? t1 : tn)[r] = dt;
        }
    *m1 = median(t1, RASTER_RUNS), *mn = median(tn, RASTER_RUNS);
    return true;
}

/* cairo: slow, so 3 runs unless the first one is quick; the median into *mc,
 * the last surface returned (NULL with the reason said on failure). */
static cairo_surface_t *time_cairo(const uint32_t *argb, const DotList *dots, double grey, double *mc, int *runs)
{
    double tc[5];
    int want = 3;
    cairo_surface_t *cs = NULL;
    for (*runs = 0; *runs < want;) {
        if (cs)
            cairo_surface_destroy(cs);
        double s = now_s();
        cs = cairo_draw_dots(argb, PHOTO_W, PHOTO_H, dots, PX_PER_MM, grey);
        tc[(*runs)++] = now_s() - s;
        if (cairo_surface_status(cs) != CAIRO_STATUS_SUCCESS) {
            fprintf(stderr, "bench_render: cairo: %s\n", cairo_status_to_string(cairo_surface_status(cs)));
            cairo_surface_destroy(cs);
            return NULL;
        }
        if (*runs == 1 && tc[0] < 1.5)
            want = 5;
    }
    *mc = median(tc, *runs);
    return cs;
}

int main(void)
{
    SmpError err = {{0}};
    SmpImage photo = {0}, out = {0};
    SmpPlan plan;
    SmpScene *scene = NULL;
    double density, m1, mn;
    if (!bench_setup(&photo, &plan, &scene, &density, &err)) {
        fprintf(stderr, "bench_render: %s\n", err.msg);
        return 1;
    }
    const DotList *dots = scene_dots(scene);
    PigmentLook look;
    pigment_look(&plan, &look);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int all = ncpu > 1 ? (int)ncpu : 1;
    printf("render setup: %d visible dots on %dx%d (%.0f MP) at %.0f px/mm, density %.1f dots/cm2, %d cores\n",
           dots->count, PHOTO_W, PHOTO_H, PHOTO_W * (double)PHOTO_H / 1e6, PX_PER_MM, density, all);
    if (!time_smpview(&photo, dots, &look, all, &out, &m1, &mn, &err)) {
        fprintf(stderr, "bench_render: %s\n", err.msg);
        return 1;
    }
    printf("cpu render %d dots on %dx%d: 1 thread %.3f s, %d threads %.3f s (medians of %d)\n", dots->count,
           PHOTO_W, PHOTO_H, m1, all, mn, RASTER_RUNS);

    double export_look = bench_look(&photo, dots, &look, all, m1, mn);

    uint32_t *argb = photo_to_argb(&photo);
    if (!argb) {
        fprintf(stderr, "bench_render: out of memory\n");
        return 1;
    }
    double grey = pigment_linear_to_srgb(look.color_linear[1]) / 255.0, mc;
    int runs;
    cairo_surface_t *cs = time_cairo(argb, dots, grey, &mc, &runs);
    if (!cs)
        return 1;
    printf("cairo, same dots, 1 thread: %.3f s (median of %d)\n", mc, runs);
    printf("ratio cairo / smpview (1 thread): %.1fx\n", mc / m1);
    printf("ratio cairo / smpview (%d threads): %.1fx   target >= %.0fx: %s\n", all, mc / mn, RATIO_TARGET,
           mc / mn >= RATIO_TARGET ? "met" : "NOT met");
    if (export_look > 0)
        printf("ratio cairo / smpview export with the look (%d threads): %.1fx   target >= %.0fx: %s\n", all,
               mc / export_look, RATIO_TARGET, mc / export_look >= RATIO_TARGET ? "met" : "NOT met");
    printf("  same-picture check, mean darkening (8-bit green): smpview %.2f, cairo %.2f\n",
           darkening_smp(&photo, &out), darkening_cairo(&photo, cs));
    /* Near the hairline (sparse single dots) and into the full area. */
    int hx = PHOTO_W / 2 - 100, hy = (int)(plan.hairline.points[3].y) - 40;
    write_crop(&photo, &out, cs, hx, hy, 200, 240, 3, CROP_PATH);

    cairo_surface_destroy(cs);
    free(argb);
    image_free(&out);
    image_free(&photo);
    scene_destroy(scene);
    plan_free(&plan);
    return 0;
}
