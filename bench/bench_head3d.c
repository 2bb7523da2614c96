/* bench_head3d.c - `make bench` figure for issue 11: fitting the 3D head to a head
 * outline (a 1200 x 1600 matte, the sample photos' size), median of 9 runs. */
#include <stdio.h>
#include <stdlib.h>

#include "bench_time.h"
#include "core/head3d_fit.h"

enum { W = 1200, H = 1600, RUNS = 9 };

int main(void)
{
    Head3D t = { 0 };
    head3d_view_pose(HEAD_VIEW_TOP, &t.yaw, &t.pitch);
    t.roll = 0.1f;
    t.radii = head3d_template_radii();
    t.centre = (vec3s){{ 0, 0, 500 }};
    t.focal = 1.2f * H, t.cx = 0.5f * W, t.cy = 0.5f * H;
    unsigned char *mask = calloc((size_t)W * H, 1);
    if (!mask) return 1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            vec3s u;
            mask[(size_t)y * W + x] = head3d_unproject(&t, (float)x + 0.5f, (float)y + 0.5f, &u) ? 255 : 0;
        }
    HeadFitOptions opt = { HEAD_VIEW_TOP, head3d_surface_ppm(&t), t.focal };
    double ms[RUNS];
    HeadFit f = { 0 };
    for (int i = 0; i < RUNS; i++) {
        double s = now_s();
        if (!head3d_fit_mask(mask, W, H, W, &opt, &f, NULL)) return 1;
        ms[i] = (now_s() - s) * 1e3;
    }
    double med = median(ms, RUNS);
    printf("head fit (1200x1600 matte, top view): %.1f ms (median of %d)   target <= 200 ms: %s\n",
           med, RUNS, med <= 200.0 ? "met" : "NOT met");
    free(mask);
    return 0;
}
