/* lod.c - the zoomed-out view's grid of dot transmittance, built on the CPU. */
#include "lod.h"

#include "../core/footprint.h"

#include <math.h>
#include <stdlib.h>

static void splat_bilinear(LodGrid *g, float cx, float cy, float ink)
{
    float fx = cx - 0.5f, fy = cy - 0.5f;
    int x0 = (int)floorf(fx), y0 = (int)floorf(fy);
    float tx = fx - x0, ty = fy - y0;
    const float w[4] = {(1 - tx) * (1 - ty), tx * (1 - ty), (1 - tx) * ty, tx * ty};
    const int dx[4] = {0, 1, 0, 1}, dy[4] = {0, 0, 1, 1};
    for (int i = 0; i < 4; i++) {
        int x = x0 + dx[i], y = y0 + dy[i];
        if (x < 0 || y < 0 || x >= g->width || y >= g->height)
            continue;
        float a = ink * w[i];
        g->trans[(size_t)y * g->width + x] *= 1.0f - (a > 1 ? 1 : a);
    }
}

/* A dot a cell or more across: the reference footprint (footprint.h) on the
 * grid, its ink normalised there, evaluated at cell centres. */
static void splat_footprint(LodGrid *g, const Footprint *f)
{
    for (int y = f->y0; y <= f->y1; y++)
        for (int x = f->x0; x <= f->x1; x++) {
            float alpha = footprint_alpha(f, x + 0.5f - f->cx, y + 0.5f - f->cy);
            g->trans[(size_t)y * g->width + x] *= 1.0f - alpha;
        }
}

bool lod_build(LodGrid *g, const DotList *dots, double px_per_mm, float blur_px, int photo_w, int photo_h, int level,
               SmpError *err)
{
    float cell = (float)(1 << level);
    int w = (int)ceil(photo_w / cell), h = (int)ceil(photo_h / cell);
    size_t n = (size_t)w * (size_t)h;
    if (n > g->capacity) {
        float *t = realloc(g->trans, n * sizeof *t);
        if (!t)
            return smp_fail(err, "out of memory for the zoomed-out view (%dx%d)", w, h);
        g->trans = t;
        g->capacity = n;
    }
    g->level = level;
    g->width = w;
    g->height = h;
    for (size_t i = 0; i < n; i++)
        g->trans[i] = 1.0f;
    float k = (float)(px_per_mm / cell);
    /* One cell is the pixel filter; the photo's blur in cells. */
    FootprintGrid grid = {px_per_mm / cell, blur_px / cell, 1.0f};
    for (int i = 0; i < dots->count; i++) {
        const SmpDot *d = &dots->items[i];
        float a = 0.5f * d->diameter_mm * k, b = a / (d->elongation >= 1 ? d->elongation : 1);
        /* Whole ink at one point only where the footprint, blur included, stays
         * inside a cell; a photo's blur spreads even tiny dots over several. */
        if (a < 1.0f && grid.blur_px < 0.25f) {
            splat_bilinear(g, d->x_mm * k, d->y_mm * k, d->darkness * 3.14159265f * a * b);
            continue;
        }
        Footprint f;
        footprint_make(d, &grid, w, h, &f);
        splat_footprint(g, &f);
    }
    return true;
}

void lod_free(LodGrid *g)
{
    free(g->trans);
    g->trans = NULL;
    g->capacity = 0;
}
