#include "lod.h"

#include <math.h>
#include <stdlib.h>

/* Integral of the CPU renderer's edge ramp along one ray (see dots.vert). */
static float ray_ink(float r, float e)
{
    if (r >= 0.5f * e)
        return 0.5f * r * r + e * e / 24.0f;
    float l = r + 0.5f * e;
    return l * l * l / (6.0f * e);
}

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

/* A dot a cell or more across: the reference footprint, evaluated at cell centres. */
static void splat_footprint(LodGrid *g, float cx, float cy, float a, float b, float edge, float ct, float st,
                            float darkness)
{
    float r = a + edge;
    int x0 = (int)floorf(cx - r), x1 = (int)ceilf(cx + r), y0 = (int)floorf(cy - r), y1 = (int)ceilf(cy + r);
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > g->width - 1) x1 = g->width - 1;
    if (y1 > g->height - 1) y1 = g->height - 1;
    float total = 0;
    for (int i = 0; i < 8; i++) {
        float t = (i + 0.5f) * (1.5707963f / 8), c = cosf(t), s = sinf(t);
        total += ray_ink(a * b / sqrtf(b * c * b * c + a * s * a * s), edge);
    }
    total *= 4 * 1.5707963f / 8;
    float area = 3.14159265f * a * b, k = darkness * (area < total ? area / total : 1);
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++) {
            float dx = x + 0.5f - cx, dy = y + 0.5f - cy;
            float u = dx * ct + dy * st, v = -dx * st + dy * ct;
            float q = sqrtf(dx * dx + dy * dy), rho = sqrtf((u / a) * (u / a) + (v / b) * (v / b));
            float d = rho > 1e-6f ? q - q / rho : -b;
            float c = 0.5f - d / edge;
            c = c < 0 ? 0 : c > 1 ? 1 : c;
            float alpha = k * c;
            if (alpha > 0)
                g->trans[(size_t)y * g->width + x] *= 1.0f - (alpha > 1 ? 1 : alpha);
        }
}

bool lod_build(LodGrid *g, const DotList *dots, double px_per_mm, int photo_w, int photo_h, int level, SmpError *err)
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
    for (int i = 0; i < dots->count; i++) {
        const SmpDot *d = &dots->items[i];
        float a = 0.5f * d->diameter_mm * k, b = a / (d->elongation >= 1 ? d->elongation : 1);
        float cx = d->x_mm * k, cy = d->y_mm * k;
        if (a < 1.0f) {
            splat_bilinear(g, cx, cy, d->darkness * 3.14159265f * a * b);
            continue;
        }
        float soft = d->softness_mm * k, t = d->angle_deg * (3.14159265f / 180);
        float edge = sqrtf(soft * soft + 1) + (b < 1.5f ? 1.5f - b : 0);
        splat_footprint(g, cx, cy, a, b < 1e-3f ? 1e-3f : b, edge, cosf(t), sinf(t), d->darkness);
    }
    return true;
}

void lod_free(LodGrid *g)
{
    free(g->trans);
    g->trans = NULL;
    g->capacity = 0;
}
