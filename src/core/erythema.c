/* erythema.c - the redness map of fresh work and its tint (erythema.h). */
#include "erythema.h"

#include "pigment.h"

#include <math.h>
#include <stdlib.h>

#define MAX_CELLS (4 << 20) /* a bigger treated area gets larger cells */
#define MIN_CELL_PX 2

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Each dot's ink (area x darkness, mm^2) shared bilinearly among the four
 * cells around its centre. */
static void splat_ink(const DotList *dots, double ppm, const SheenMap *m, float *grid)
{
    for (int i = 0; i < dots->count; i++) {
        const SmpDot *d = &dots->items[i];
        float e = d->elongation >= 1 ? d->elongation : 1;
        float ink = 0.785398f * d->diameter_mm * d->diameter_mm / e * d->darkness;
        float fx = (float)((d->x_mm * ppm - m->x0) / m->cell) - 0.5f;
        float fy = (float)((d->y_mm * ppm - m->y0) / m->cell) - 0.5f;
        if (!(ink > 0) || !(fx > -1 && fy > -1 && fx < m->width && fy < m->height))
            continue;
        int cx = (int)floorf(fx), cy = (int)floorf(fy);
        float tx = fx - cx, ty = fy - cy;
        const float w[4] = {(1 - tx) * (1 - ty), tx * (1 - ty), (1 - tx) * ty, tx * ty};
        for (int k = 0; k < 4; k++) {
            int x = cx + (k & 1), y = cy + (k >> 1);
            if (x >= 0 && y >= 0 && x < m->width && y < m->height)
                grid[(size_t)y * m->width + x] += ink * w[k];
        }
    }
}

/* One pass of a Gaussian of sigma cells along rows (step 1) or columns
 * (step = width), from src into dst. */
static void blur_pass(const float *src, float *dst, int n_lines, int len, size_t line_step, size_t step,
                      const float *kernel, int radius)
{
    for (int l = 0; l < n_lines; l++) {
        const float *s = src + (size_t)l * line_step;
        float *d = dst + (size_t)l * line_step;
        for (int i = 0; i < len; i++) {
            float sum = 0;
            for (int k = -radius; k <= radius; k++) {
                int j = i + k;
                if (j >= 0 && j < len)
                    sum += kernel[k + radius] * s[(size_t)j * step];
            }
            d[(size_t)i * step] = sum;
        }
    }
}

static bool blur(float *grid, int w, int h, float sigma)
{
    int radius = (int)ceilf(3 * sigma);
    float *kernel = malloc(sizeof *kernel * (size_t)(2 * radius + 1));
    float *tmp = malloc(sizeof *tmp * (size_t)w * h);
    if (!kernel || !tmp) {
        free(kernel);
        free(tmp);
        return false;
    }
    float total = 0;
    for (int k = -radius; k <= radius; k++)
        total += kernel[k + radius] = expf(-0.5f * k * k / (sigma * sigma));
    for (int k = 0; k <= 2 * radius; k++)
        kernel[k] /= total; /* keeps the ink */
    blur_pass(grid, tmp, h, w, (size_t)w, 1, kernel, radius);
    blur_pass(tmp, grid, w, h, 1, (size_t)w, kernel, radius);
    free(kernel);
    free(tmp);
    return true;
}

/* The map's box: the dots' box grown by the flush's reach, in cells. */
static void map_frame(const DotList *dots, double ppm, int w, int h, SheenMap *m)
{
    PhotoBox b = photo_look_box_of_dots(dots, ppm, w, h);
    int grow = (int)ceil(3 * ERYTHEMA_SIGMA_MM * ppm);
    b.x0 = clampi(b.x0 - grow, 0, w), b.y0 = clampi(b.y0 - grow, 0, h);
    b.x1 = clampi(b.x1 + grow, 0, w), b.y1 = clampi(b.y1 + grow, 0, h);
    int cell = (int)lround(ERYTHEMA_CELL_MM * ppm);
    cell = cell < MIN_CELL_PX ? MIN_CELL_PX : cell;
    while ((double)((b.x1 - b.x0) / cell + 1) * ((b.y1 - b.y0) / cell + 1) > MAX_CELLS)
        cell *= 2;
    *m = (SheenMap){b.x0, b.y0, (b.x1 - b.x0 + cell - 1) / cell, (b.y1 - b.y0 + cell - 1) / cell, cell, NULL};
}

bool erythema_map(const DotList *dots, double px_per_mm, int w, int h, float strength, SheenMap *out,
                  SmpError *err)
{
    *out = (SheenMap){0};
    if (!(strength > 0) || dots->count == 0 || !(px_per_mm > 0) || w <= 0 || h <= 0)
        return true;
    SheenMap m;
    map_frame(dots, px_per_mm, w, h, &m);
    if (m.width <= 0 || m.height <= 0)
        return true;
    size_t n = (size_t)m.width * m.height;
    float *grid = calloc(n, sizeof *grid);
    m.values = malloc(n);
    bool ok = grid && m.values;
    if (ok) {
        splat_ink(dots, px_per_mm, &m, grid);
        ok = blur(grid, m.width, m.height, (float)(ERYTHEMA_SIGMA_MM * px_per_mm / m.cell));
    }
    if (!ok) {
        free(grid);
        free(m.values);
        return smp_fail(err, "out of memory for the redness of fresh work (%dx%d cells)", m.width, m.height);
    }
    double cell_mm2 = (m.cell / px_per_mm) * (m.cell / px_per_mm);
    for (size_t i = 0; i < n; i++) {
        double e = strength * grid[i] / cell_mm2 / ERYTHEMA_FULL_INK;
        m.values[i] = (uint8_t)lround(255 * (e < 1 ? e : 1));
    }
    free(grid);
    *out = m;
    return true;
}

enum { TO_SRGB_STEPS = 16384 }; /* fine enough near black for 8-bit results */

/* One row: the flush of level e (0..1 from the map) scales the diffuse part of
 * G and B in linear light, the sheen (the photo's own) stays on top. */
static void tint_row(uint8_t *p, const uint8_t *photo_px, const float *flush, const float *sheen, int n,
                     const float *lin, const uint8_t *to_srgb)
{
    for (int x = 0; x < n; x++, p += 4, photo_px += 4) {
        float e = flush[x];
        if (!(e > 0))
            continue;
        e = e < 1 ? e : 1;
        float s = 0;
        if (sheen) {
            float m = fminf(lin[photo_px[0]], fminf(lin[photo_px[1]], lin[photo_px[2]]));
            s = fminf(sheen[x], m); /* as the compositor: never above the darkest channel */
        }
        float tg = 1 - e * (1 - ERYTHEMA_G), tb = 1 - e * (1 - ERYTHEMA_B);
        float g = s + (lin[p[1]] - s) * tg, b = s + (lin[p[2]] - s) * tb;
        p[1] = to_srgb[(int)(fmaxf(g, 0) * (TO_SRGB_STEPS - 1) + 0.5f)];
        p[2] = to_srgb[(int)(fmaxf(b, 0) * (TO_SRGB_STEPS - 1) + 0.5f)];
    }
}

void erythema_apply(SmpImage *img, const SheenMap *map, const SmpImage *photo, const SheenMap *sheen)
{
    if (!map->values || map->width <= 0)
        return;
    int x0 = clampi(map->x0, 0, img->width), x1 = clampi(map->x0 + map->width * map->cell, 0, img->width) - 1;
    int y1 = clampi(map->y0 + map->height * map->cell, 0, img->height);
    if (x1 < x0)
        return;
    size_t n = (size_t)(x1 - x0 + 1);
    float *flush = malloc(sizeof *flush * n * 2), lin[256];
    uint8_t *to_srgb = malloc(TO_SRGB_STEPS);
    if (!flush || !to_srgb) { /* a picture without the flush rather than none */
        free(flush);
        free(to_srgb);
        return;
    }
    for (int v = 0; v < 256; v++)
        lin[v] = pigment_srgb_to_linear((unsigned char)v);
    for (int i = 0; i < TO_SRGB_STEPS; i++)
        to_srgb[i] = pigment_linear_to_srgb((float)i / (TO_SRGB_STEPS - 1));
    for (int y = clampi(map->y0, 0, img->height); y < y1; y++) {
        if (!photo_look_sheen_span(map, y, x0, x1, 1.0f, flush))
            continue;
        float *shine = flush + n;
        bool shiny = sheen && sheen->values && photo_look_sheen_span(sheen, y, x0, x1, 1.0f, shine);
        tint_row(image_pixel(img, x0, y), image_pixel(photo, x0, y), flush, shiny ? shine : NULL, (int)n, lin,
                 to_srgb);
    }
    free(flush);
    free(to_srgb);
}
