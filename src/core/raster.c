#include "raster.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#define BAND_ROWS 32
#define SRGB_LUT_SIZE 16384
#define PI_F 3.14159265f

/* A dot in pixel space, ready to splat. */
typedef struct Footprint {
    float cx, cy, a, b, cos_t, sin_t, edge, darkness;
    int x0, y0, x1, y1; /* inclusive pixel bounds, clipped */
} Footprint;

typedef struct Job {
    const SmpImage *photo;
    SmpImage *out;
    const Footprint *prints;
    const int *band_start; /* per band: first index into band_dots */
    const int *band_dots;  /* dot indices, in list order within each band */
    int bands;
    float lut_to_linear[256];
    unsigned char lut_to_srgb[SRGB_LUT_SIZE];
    float pigment_k[3]; /* 1 - pigment colour: how much light a full dot removes */
    atomic_int next_band;
} Job;

/* The coverage edge: a linear ramp whose width combines the pigment's own blur
 * and a pixel-sized filter, widened for dots smaller than ~3 px across so every
 * dot reaches several pixel centres (no vanishing or flickering dots). */
static void footprint_make(const SmpDot *d, double ppm, int w, int h, Footprint *f)
{
    float a = (float)(0.5 * d->diameter_mm * ppm);
    float b = a / (d->elongation >= 1 ? d->elongation : 1);
    float soft = (float)(d->softness_mm * ppm);
    float small = b < 1.5f ? 1.5f - b : 0;
    f->edge = sqrtf(soft * soft + 1.0f) + small;
    f->cx = (float)(d->x_mm * ppm);
    f->cy = (float)(d->y_mm * ppm);
    f->a = a > 1e-3f ? a : 1e-3f;
    f->b = b > 1e-3f ? b : 1e-3f;
    float t = d->angle_deg * (PI_F / 180.0f);
    f->cos_t = cosf(t);
    f->sin_t = sinf(t);
    f->darkness = d->darkness;
    float r = f->a + f->edge;
    f->x0 = (int)floorf(f->cx - r);
    f->x1 = (int)ceilf(f->cx + r);
    f->y0 = (int)floorf(f->cy - r);
    f->y1 = (int)ceilf(f->cy + r);
    if (f->x0 < 0) f->x0 = 0;
    if (f->y0 < 0) f->y0 = 0;
    if (f->x1 > w - 1) f->x1 = w - 1;
    if (f->y1 > h - 1) f->y1 = h - 1;
}

/* Coverage 0..1 of the pixel centre (px, py) by the ellipse's soft edge. */
static inline float footprint_coverage(const Footprint *f, float px, float py)
{
    float dx = px - f->cx, dy = py - f->cy;
    float u = dx * f->cos_t + dy * f->sin_t, v = -dx * f->sin_t + dy * f->cos_t;
    float q = sqrtf(dx * dx + dy * dy);
    float rho = sqrtf((u / f->a) * (u / f->a) + (v / f->b) * (v / f->b));
    /* Distance to the boundary along the ray from the centre. */
    float d = rho > 1e-6f ? q - q / rho : -f->b;
    float c = 0.5f - d / f->edge;
    return c < 0 ? 0 : c > 1 ? 1 : c;
}

/* Splats one dot into a band's transmittance rows [y0, y1). The ink is scaled
 * so its total equals area x darkness, even for dots below a pixel. */
static void splat(const Footprint *f, float *trans, int width, int band_y0, int band_y1)
{
    float total = 0;
    for (int y = f->y0; y <= f->y1; y++)
        for (int x = f->x0; x <= f->x1; x++)
            total += footprint_coverage(f, x + 0.5f, y + 0.5f);
    if (total <= 0)
        return;
    float area = PI_F * f->a * f->b;
    float scale = area / total;
    if (scale > 1)
        scale = 1; /* large dots: the soft edge already holds the area */
    float k = f->darkness * scale;
    int y0 = f->y0 > band_y0 ? f->y0 : band_y0, y1 = f->y1 < band_y1 - 1 ? f->y1 : band_y1 - 1;
    for (int y = y0; y <= y1; y++) {
        float *row = trans + (size_t)(y - band_y0) * width;
        for (int x = f->x0; x <= f->x1; x++) {
            float alpha = k * footprint_coverage(f, x + 0.5f, y + 0.5f);
            if (alpha > 0)
                row[x] *= 1.0f - (alpha > 1 ? 1 : alpha);
        }
    }
}

/* Linear -> sRGB through a table fine enough that 8-bit results match the
 * exact formula (the steep part near black needs the resolution). */
static unsigned char to_srgb8(const unsigned char *lut, float v)
{
    int i = (int)(v * (SRGB_LUT_SIZE - 1) + 0.5f);
    return lut[i < 0 ? 0 : i >= SRGB_LUT_SIZE ? SRGB_LUT_SIZE - 1 : i];
}

static void composite_band(Job *job, int band, float *trans)
{
    const SmpImage *in = job->photo;
    int w = in->width;
    int y0 = band * BAND_ROWS, y1 = y0 + BAND_ROWS < in->height ? y0 + BAND_ROWS : in->height;
    for (size_t i = 0; i < (size_t)(y1 - y0) * w; i++)
        trans[i] = 1.0f;
    for (int k = job->band_start[band]; k < job->band_start[band + 1]; k++)
        splat(&job->prints[job->band_dots[k]], trans, w, y0, y1);
    for (int y = y0; y < y1; y++) {
        const uint8_t *src = image_pixel(in, 0, y);
        uint8_t *dst = image_pixel(job->out, 0, y);
        const float *t = trans + (size_t)(y - y0) * w;
        for (int x = 0; x < w; x++, src += 4, dst += 4) {
            if (t[x] >= 1.0f) { /* untouched pixels stay bit-identical to the photo */
                memcpy(dst, src, 4);
                continue;
            }
            float cover = 1.0f - t[x];
            for (int c = 0; c < 3; c++) {
                float skin = job->lut_to_linear[src[c]];
                dst[c] = to_srgb8(job->lut_to_srgb, skin * (1.0f - cover * job->pigment_k[c]));
            }
            dst[3] = src[3];
        }
    }
}

static int worker(void *arg)
{
    Job *job = arg;
    float *trans = malloc(sizeof *trans * (size_t)BAND_ROWS * (size_t)job->photo->width);
    if (!trans)
        return 1;
    for (;;) {
        int band = atomic_fetch_add(&job->next_band, 1);
        if (band >= job->bands)
            break;
        composite_band(job, band, trans);
    }
    free(trans);
    return 0;
}

/* Bins dots into bands by counting sort, keeping list order inside each band,
 * which is what makes the output independent of the thread count. */
static bool bin_dots(const Footprint *prints, int n, int bands, int **start_out, int **dots_out)
{
    int *start = calloc((size_t)bands + 1, sizeof *start);
    if (!start)
        return false;
    size_t total = 0;
    for (int i = 0; i < n; i++) {
        if (prints[i].x0 > prints[i].x1 || prints[i].y0 > prints[i].y1)
            continue;
        for (int b = prints[i].y0 / BAND_ROWS; b <= prints[i].y1 / BAND_ROWS; b++)
            start[b + 1]++, total++;
    }
    for (int b = 0; b < bands; b++)
        start[b + 1] += start[b];
    int *dots = malloc(sizeof *dots * (total + 1));
    int *fill = malloc(sizeof *fill * ((size_t)bands + 1));
    if (!dots || !fill) {
        free(start);
        free(dots);
        free(fill);
        return false;
    }
    memcpy(fill, start, sizeof *fill * ((size_t)bands + 1));
    for (int i = 0; i < n; i++) {
        if (prints[i].x0 > prints[i].x1 || prints[i].y0 > prints[i].y1)
            continue;
        for (int b = prints[i].y0 / BAND_ROWS; b <= prints[i].y1 / BAND_ROWS; b++)
            dots[fill[b]++] = i;
    }
    free(fill);
    *start_out = start;
    *dots_out = dots;
    return true;
}

bool raster_render(const SmpImage *photo, const DotList *dots, const PigmentLook *look,
                   const RasterOptions *opt, SmpImage *out, SmpError *err)
{
    if (!image_create(photo->width, photo->height, out, err))
        return false;
    Job *job = calloc(1, sizeof *job);
    Footprint *prints = malloc(sizeof *prints * ((size_t)dots->count + 1));
    int *band_start = NULL, *band_dots = NULL;
    int bands = (photo->height + BAND_ROWS - 1) / BAND_ROWS;
    if (!job || !prints) {
        free(job);
        free(prints);
        image_free(out);
        return smp_fail(err, "out of memory rendering %d dots", dots->count);
    }
    for (int i = 0; i < dots->count; i++)
        footprint_make(&dots->items[i], opt->px_per_mm, photo->width, photo->height, &prints[i]);
    if (!bin_dots(prints, dots->count, bands, &band_start, &band_dots)) {
        free(job);
        free(prints);
        image_free(out);
        return smp_fail(err, "out of memory rendering %d dots", dots->count);
    }
    job->photo = photo;
    job->out = out;
    job->prints = prints;
    job->band_start = band_start;
    job->band_dots = band_dots;
    job->bands = bands;
    for (int i = 0; i < 256; i++)
        job->lut_to_linear[i] = pigment_srgb_to_linear((unsigned char)i);
    for (int i = 0; i < SRGB_LUT_SIZE; i++)
        job->lut_to_srgb[i] = pigment_linear_to_srgb((float)i / (SRGB_LUT_SIZE - 1));
    for (int c = 0; c < 3; c++)
        job->pigment_k[c] = 1.0f - look->color_linear[c];
    atomic_init(&job->next_band, 0);

    int threads = opt->threads < 1 ? 1 : opt->threads > 64 ? 64 : opt->threads;
    thrd_t tid[64];
    int started = 0;
    for (int i = 1; i < threads; i++)
        if (thrd_create(&tid[started], worker, job) == thrd_success)
            started++;
    int failed = worker(job);
    for (int i = 0; i < started; i++) {
        int rc = 0;
        thrd_join(tid[i], &rc);
        failed |= rc;
    }
    free(band_start);
    free(band_dots);
    free(prints);
    free(job);
    if (failed) {
        image_free(out);
        return smp_fail(err, "out of memory rendering %d dots", dots->count);
    }
    return true;
}

bool raster_compare(const SmpImage *before, const SmpImage *after, CompareMode mode, int split_x,
                    SmpImage *out, SmpError *err)
{
    if (before->width != after->width || before->height != after->height)
        return smp_fail(err, "before and after differ in size");
    int w = before->width, h = before->height;
    if (mode == COMPARE_SIDE) {
        if (!image_create(w * 2, h, out, err))
            return false;
        for (int y = 0; y < h; y++) {
            memcpy(image_pixel(out, 0, y), image_pixel(before, 0, y), (size_t)w * 4);
            memcpy(image_pixel(out, w, y), image_pixel(after, 0, y), (size_t)w * 4);
        }
        return true;
    }
    if (!image_copy(after, out, err))
        return false;
    if (mode != COMPARE_SPLIT)
        return true;
    if (split_x < 0) split_x = 0;
    if (split_x > w) split_x = w;
    int line = w >= 600 ? 3 : 1; /* a divider that reads at print and phone size */
    for (int y = 0; y < h; y++) {
        memcpy(image_pixel(out, 0, y), image_pixel(before, 0, y), (size_t)split_x * 4);
        for (int x = split_x - line / 2; x < split_x - line / 2 + line; x++)
            if (x >= 0 && x < w) {
                uint8_t *p = image_pixel(out, x, y);
                p[0] = p[1] = p[2] = 255;
            }
    }
    return true;
}
