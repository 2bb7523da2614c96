/* bench_match.c - how long Match takes on a 12 MP photo (target: a fraction of a
 * second, the mattes already found as the app has them): the automatic sample, the
 * treated patch and the closed-loop search, each step a render of the patch's window.
 * The photo (bench_photo.h): a skin-toned head, its right third covered in stubble,
 * the bald middle treated by the plan. */
#include "bench_photo.h"
#include "bench_time.h"

#include "core/match.h"

#include <stdio.h>

/* CPU time of the process (all threads): the figure when other work shares the cores. */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(void)
{
    int w = 4000, h = 3000;
    SmpImage photo = bench_head_photo(w, h, BENCH_STUBBLE);
    SmpMattes m;
    SmpPlan plan;
    SmpError err;
    plan_init(&plan);
    plan.scale = (PlanScale){true, {0, 0}, {1500, 0}, 100}; /* 15 px/mm: a head filling a phone photo */
    PlanPoint area[4] = {{0.40 * w, 0.32 * h}, {0.58 * w, 0.32 * h}, {0.58 * w, 0.68 * h}, {0.40 * w, 0.68 * h}};
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
