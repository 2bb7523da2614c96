/* bench_matte.c - how long the head and hair mattes take for 12 MP and 48 MP photos
 * (target: both in <= 1 s and <= 4 s on 2 cores). The photo is drawn here: a skin-toned
 * head with dark strands over a checkered background, grain everywhere. */
#include "bench_time.h"

#include "core/matte_apply.h"

#include <stdint.h>
#include <stdio.h>

static uint32_t rnd(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 16;
}

static SmpImage make_photo(int w, int h)
{
    SmpImage img = {0};
    if (!image_alloc(w, h, &img, NULL))
        return img;
    uint32_t s = 7;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double ex = (x - 0.5 * w) / (0.3 * w), ey = (y - 0.5 * h) / (0.38 * h);
            bool head = ex * ex + ey * ey < 1.0;
            bool strand = head && ((x + 3 * y / 2) % (w / 40)) < w / 1500 + 2;
            int g = (int)(rnd(&s) % 7) - 3;
            uint8_t *p = image_pixel(&img, x, y);
            int r = head ? 205 : ((x / 200 + y / 200) & 1 ? 110 : 40), gg = head ? 160 : r, b = head ? 140 : r + 20;
            if (strand)
                r = gg = b = 45;
            p[0] = (uint8_t)(r + g), p[1] = (uint8_t)(gg + g), p[2] = (uint8_t)(b + g), p[3] = 255;
        }
    return img;
}

static void bench_size(int w, int h, double target_s)
{
    SmpImage photo = make_photo(w, h);
    if (!photo.pixels) {
        printf("mattes %dx%d: out of memory\n", w, h);
        return;
    }
    enum { RUNS = 3 };
    double t[RUNS];
    for (int i = 0; i < RUNS; i++) {
        SmpMattes m;
        double t0 = now_s();
        bool ok = mattes_compute(&photo, 2, &m, NULL);
        t[i] = now_s() - t0;
        if (ok)
            mattes_free(&m);
    }
    printf("mattes (head + hair) %.0f MP, 2 threads: %.3f s median of %d (target <= %.0f s)\n",
           (double)w * h / 1e6, median(t, RUNS), RUNS, target_s);
    image_free(&photo);
}

int main(void)
{
    bench_size(4000, 3000, 1.0);
    bench_size(8000, 6000, 4.0);
    return 0;
}
