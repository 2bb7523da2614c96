/* bench_wasm.c - the same core work timed natively and as WebAssembly (built
 * by bench/bench_wasm.sh with cc and with emcc, run under node): the dots of
 * a 24 MP plan from nothing (candidates, density, scene), a hairline edit, and
 * a 24 MP export's raster on one thread (the web build has one), and that
 * raster in the app's steps (app_job.h: the page draws frames between them).
 * Prints "name=value" medians; the script prints the wasm/native ratios. */
#include "core/pigment.h"
#include "core/raster.h"
#include "core/scene.h"
#include "app/app_job.h"
#include "bench_time.h"

#include <stdio.h>
#include <string.h>

#define W 6000
#define H 4000
#define PPM 10.0
#define RUNS 3

static bool make_photo(SmpImage *img, SmpError *err)
{
    if (!image_create(W, H, img, err))
        return false;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t *p = image_pixel(img, x, y);
            int n = (int)(((unsigned)(x * 7919 + y * 104729) >> 3) & 15) - 8;
            p[0] = (uint8_t)(200 + n), p[1] = (uint8_t)(165 + n), p[2] = (uint8_t)(145 + n), p[3] = 255;
        }
    return true;
}

/* The whole photo treated below a soft hairline; `bend` moves its middle. */
static bool make_plan(SmpPlan *plan, double bend, SmpError *err)
{
    plan_init(plan);
    plan->photo_width = W, plan->photo_height = H;
    plan->scale.set = true;
    plan->scale.a = (PlanPoint){0, 0};
    plan->scale.b = (PlanPoint){63.0 * PPM, 0};
    plan->scale.distance_mm = 63.0;
    plan->dots.density = 130;
    plan->hairline.count = 8;
    for (int i = 0; i < 8; i++) {
        double u = i - 3.5;
        plan->hairline.points[i] = (PlanPoint){W - 200 - (W - 400) * i / 7.0, 250 + u * u * 12.0 + (i == 4 ? bend : 0)};
    }
    PlanPoint all[4] = {{0, 0}, {W, 0}, {W, H}, {0, H}};
    return plan_add_region(plan, REGION_TREAT, REGION_POLYGON, false, 0, all, 4, err);
}

/* The raster in steps of the app's budget: its time in all and its longest step's. */
static bool raster_in_steps(const SmpImage *photo, const DotList *dots, const PigmentLook *look,
                            const RasterOptions *opt, double *all_s, double *longest_s, int *steps, SmpError *err)
{
    SmpImage out = {0};
    double t0 = now_s(), t = t0;
    RasterSteps *rs = raster_steps_begin(photo, dots, look, opt, APP_STEP_BUDGET);
    *longest_s = 0, *steps = 0;
    for (bool more = true; more; (*steps)++) {
        more = raster_steps_next(rs);
        double now = now_s();
        *longest_s = now - t > *longest_s ? now - t : *longest_s;
        t = now;
    }
    bool ok = raster_steps_end(rs, &out, err);
    *all_s = now_s() - t0;
    image_free(&out);
    return ok;
}

static int fail(const SmpError *err)
{
    fprintf(stderr, "bench_wasm: %s\n", err->msg);
    return 1;
}

int main(void)
{
    SmpError err = {{0}};
    SmpImage photo = {0}, out = {0};
    SmpPlan plan;
    double t_dots[RUNS], t_edit[RUNS], t_raster[RUNS], t_stepped[RUNS], t_longest[RUNS];
    int steps = 0;
    if (!make_photo(&photo, &err))
        return fail(&err);
    int count = 0;
    for (int r = 0; r < RUNS; r++) {
        SmpScene *scene = NULL;
        double s = now_s();
        if (!scene_create(W, H, &scene, &err) || !make_plan(&plan, 0, &err) ||
            !scene_update(scene, &plan, SCENE_CHANGED_ALL, &err))
            return fail(&err);
        t_dots[r] = now_s() - s;
        plan_free(&plan);
        if (!make_plan(&plan, 40.0 + r, &err))
            return fail(&err);
        s = now_s();
        if (!scene_update(scene, &plan, SCENE_CHANGED_HAIRLINE, &err))
            return fail(&err);
        t_edit[r] = now_s() - s;
        const DotList *dots = scene_dots(scene);
        count = dots->count;
        PigmentLook look;
        pigment_look(&plan, &look);
        RasterOptions opt = {.threads = 1, .px_per_mm = PPM, .blur_px = 1.0f};
        s = now_s();
        if (!raster_render(&photo, dots, &look, &opt, &out, &err))
            return fail(&err);
        t_raster[r] = now_s() - s;
        image_free(&out);
        if (!raster_in_steps(&photo, dots, &look, &opt, &t_stepped[r], &t_longest[r], &steps, &err))
            return fail(&err);
        plan_free(&plan);
        scene_destroy(scene);
    }
    printf("dots=%d\nplan_dots_s=%.4f\nhairline_edit_s=%.4f\nexport_raster_24mp_s=%.4f\n", count, median(t_dots, RUNS),
           median(t_edit, RUNS), median(t_raster, RUNS));
    printf("raster_steps=%d\nraster_stepped_s=%.4f\nraster_longest_step_s=%.4f\n", steps, median(t_stepped, RUNS),
           median(t_longest, RUNS));
    image_free(&photo);
    return 0;
}
