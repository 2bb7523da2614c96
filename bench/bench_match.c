/* bench_match.c - how long Match takes on a 12 MP photo (target: a fraction of a
 * second, the mattes already found as the app has them): the automatic sample, the
 * treated patch and the closed-loop search, each step a render of the patch's window.
 * The photo is drawn here: a skin-toned head, its right third covered in stubble
 * (dark specks), the bald rest treated by the plan. */
#include "bench_time.h"

#include "core/match.h"

#include <stdint.h>
#include <stdio.h>

/* CPU time of the process (all threads): the figure when other work shares the cores. */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

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
    uint32_t s = 11;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double ex = (x - 0.5 * w) / (0.4 * w), ey = (y - 0.5 * h) / (0.45 * h);
            bool head = ex * ex + ey * ey < 1.0, stubble = head && x > 0.62 * w && rnd(&s) % 6 == 0;
            int g = (int)(rnd(&s) % 5) - 2, r = head ? 200 : 90, gg = head ? 158 : 95, b = head ? 138 : 100;
            if (stubble)
                r = 90, gg = 70, b = 60;
            uint8_t *p = image_pixel(&img, x, y);
            p[0] = (uint8_t)(r + g), p[1] = (uint8_t)(gg + g), p[2] = (uint8_t)(b + g), p[3] = 255;
        }
    return img;
}

int main(void)
{
    int w = 4000, h = 3000;
    SmpImage photo = make_photo(w, h);
    SmpMattes m;
    SmpPlan plan;
    SmpError err;
    plan_init(&plan);
    plan.scale = (PlanScale){true, {0, 0}, {1500, 0}, 100}; /* 15 px/mm: a head filling a phone photo */
    PlanPoint area[4] = {{0.40 * w, 0.30 * h}, {0.58 * w, 0.30 * h}, {0.58 * w, 0.70 * h}, {0.40 * w, 0.70 * h}};
    if (!photo.pixels || !plan_add_region(&plan, REGION_TREAT, REGION_POLYGON, false, 0, area, 4, &err) ||
        !mattes_compute(&photo, 2, &m, &err)) {
        printf("match 12 MP: could not set up\n");
        return 0;
    }
    plan.only_painted = true;
    enum { RUNS = 3 };
    double t[RUNS], cpu[RUNS];
    MatchProposal p = {0};
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_s(), c0 = cpu_s();
        if (!match_propose(&photo, &m, &plan, NULL, &p, &err))
            printf("match: %s\n", err.msg);
        t[i] = now_s() - t0, cpu[i] = cpu_s() - c0;
    }
    printf("match 12 MP (mattes found before), %d renders of a %.0f px patch, miss %.3f: %.3f s median of %d, "
           "%.3f s of CPU (target < 1 s)\n", p.renders, 2 * p.patch_at.r, match_miss(&p.after, &p.sample),
           median(t, RUNS), RUNS, median(cpu, RUNS));
    mattes_free(&m);
    plan_free(&plan);
    image_free(&photo);
    return 0;
}
