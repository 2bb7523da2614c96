/* matte_apply.c - dots on head skin, under hair, thinned where hair covers the scalp
 * (see matte_apply.h). */
#include "matte_apply.h"

#include "hair_matte.h"
#include "hash.h"
#include "head_matte.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Hair coverage is averaged over cells this wide: about the spacing of a few dots, so
 * a single strand across a dot does not remove it, a tuft does. */
#define COVER_CELL_MM 2.0

bool mattes_compute(const SmpImage *photo, int threads, SmpMattes *out, SmpError *err)
{
    memset(out, 0, sizeof *out);
    if (!head_matte_compute(photo, NULL, 0, &out->head, err))
        return false;
    if (!hair_matte_compute(photo, &out->head, threads, &out->hair, err)) {
        mattes_free(out);
        return false;
    }
    return true;
}

void mattes_free(SmpMattes *m)
{
    matte_free(&m->head);
    matte_free(&m->hair);
}

/* Mean hair matte (0..1) per cell of `cell` px, over the head's pixels only. */
static float *cover_grid(const SmpMattes *m, int cell, int *gw, int *gh)
{
    *gw = (m->hair.width + cell - 1) / cell;
    *gh = (m->hair.height + cell - 1) / cell;
    float *sum = calloc((size_t)*gw * (size_t)*gh * 2, sizeof *sum);
    if (!sum)
        return NULL;
    float *cnt = sum + (size_t)*gw * (size_t)*gh;
    for (int y = 0; y < m->hair.height; y++)
        for (int x = 0; x < m->hair.width; x++) {
            size_t i = (size_t)y * m->hair.width + x, g = (size_t)(y / cell) * *gw + (size_t)(x / cell);
            if (m->head.alpha[i] < 128)
                continue;
            sum[g] += m->hair.alpha[i] * (1.0f / 255.0f);
            cnt[g] += 1.0f;
        }
    for (size_t g = 0; g < (size_t)*gw * (size_t)*gh; g++)
        sum[g] = cnt[g] > 0 ? sum[g] / cnt[g] : 0.0f;
    return sum;
}

bool mattes_filter_dots(const SmpMattes *m, double px_per_mm, DotList *dots, SmpError *err)
{
    int cell = (int)lround(COVER_CELL_MM * px_per_mm), gw, gh;
    cell = cell < 1 ? 1 : cell;
    float *cover = cover_grid(m, cell, &gw, &gh);
    if (!cover)
        return smp_fail(err, "out of memory applying the hair matte");
    int kept = 0;
    for (int i = 0; i < dots->count; i++) {
        SmpDot d = dots->items[i];
        float x = (float)(d.x_mm * px_per_mm), y = (float)(d.y_mm * px_per_mm);
        if (matte_at(&m->head, x, y) < 0.5f)
            continue;
        int gx = (int)(x / (float)cell), gy = (int)(y / (float)cell);
        float c = (gx >= 0 && gy >= 0 && gx < gw && gy < gh) ? cover[(size_t)gy * gw + gx] : 0.0f;
        if (hash_unit(hash_combine(d.id, 0x6861697263ull)) < c)
            continue;
        d.visible = 1.0f - matte_at(&m->hair, x, y);
        if (m->hair.alpha == NULL)
            d.visible = 1.0f;
        dots->items[kept++] = d;
    }
    dots->count = kept;
    free(cover);
    return true;
}

void mattes_blend_layer(const SmpMattes *m, const SmpImage *photo, SmpImage *after)
{
    if (!m->head.alpha || !m->hair.alpha || m->head.width != photo->width || m->head.height != photo->height)
        return;
    for (int y = 0; y < photo->height; y++)
        for (int x = 0; x < photo->width; x++) {
            size_t i = (size_t)y * photo->width + x;
            int keep = m->head.alpha[i] * (255 - m->hair.alpha[i]); /* 0 .. 255^2 */
            if (keep == 255 * 255)
                continue;
            const uint8_t *p = image_pixel(photo, x, y);
            uint8_t *a = image_pixel(after, x, y);
            for (int c = 0; c < 3; c++) {
                int layer = (int)a[c] - (int)p[c];
                a[c] = (uint8_t)((int)p[c] + (layer * keep + (layer < 0 ? -32512 : 32512)) / 65025);
            }
        }
}
