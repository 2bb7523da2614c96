/* bench_photo.h - the photo the matte and Match benchmarks draw: a skin-toned head
 * over a checkered background, grain everywhere, with dark hair strands across it or
 * stubble (dark specks) over its right third. Header-only. */
#ifndef SMP_BENCH_PHOTO_H
#define SMP_BENCH_PHOTO_H

#include "core/image.h"

#include <stdint.h>

typedef enum BenchHair { BENCH_STRANDS, BENCH_STUBBLE } BenchHair;

static inline uint32_t bench_rnd(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 16;
}

static inline bool bench_is_hair(BenchHair hair, int x, int y, int w, uint32_t *s)
{
    if (hair == BENCH_STRANDS)
        return ((x + 3 * y / 2) % (w / 40)) < w / 1500 + 2;
    return x > 0.62 * w && bench_rnd(s) % 40 == 0;
}

/* A w x h photo (pixels NULL when out of memory). */
static inline SmpImage bench_head_photo(int w, int h, BenchHair hair)
{
    SmpImage img = {0};
    if (!image_alloc(w, h, &img, NULL))
        return img;
    uint32_t s = 7;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double ex = (x - 0.5 * w) / (0.3 * w), ey = (y - 0.5 * h) / (0.38 * h);
            bool head = ex * ex + ey * ey < 1.0;
            bool on_hair = head && bench_is_hair(hair, x, y, w, &s);
            int g = (int)(bench_rnd(&s) % 7) - 3;
            uint8_t *p = image_pixel(&img, x, y);
            int r = head ? 205 : ((x / 200 + y / 200) & 1 ? 110 : 40), gg = head ? 160 : r, b = head ? 140 : r + 20;
            if (on_hair)
                r = gg = b = 45;
            p[0] = (uint8_t)(r + g), p[1] = (uint8_t)(gg + g), p[2] = (uint8_t)(b + g), p[3] = 255;
        }
    return img;
}

#endif
