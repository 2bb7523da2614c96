/* bench_matte.c - how long the head and hair mattes take for 12 MP and 48 MP photos
 * (target: both in <= 1 s and <= 4 s on 2 cores). The photo is drawn here: a skin-toned
 * head with dark strands over a checkered background, grain everywhere. */
#include "bench_photo.h"
#include "bench_time.h"

#include "core/matte_apply.h"

#include <stdio.h>

static void bench_size(int w, int h, double target_s)
{
    SmpImage photo = bench_head_photo(w, h, BENCH_STRANDS);
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
