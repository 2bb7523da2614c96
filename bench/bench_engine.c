/* bench_engine.c - candidate generation and the density update after a hairline edit.
 *
 * Prints one line per figure, each the median of several timed runs (after one
 * untimed warm-up), with the target beside it where the issue sets one. Never
 * fails on a missed target: benchmarks are not tests. Exit status 1 only when the
 * engine itself reports an error.
 */
#include "core/candidates.h"
#include "core/head3d.h"
#include "core/scene.h"
#include "bench_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Candidates are laid at CANDIDATES_MAX_DENSITY_CM2 (1.6 / mm2): a 500 x 375 mm
 * area (a 5000 x 3750 px photo at 10 px/mm) holds ~300k of them. */
#define PHOTO_W 5000
#define PHOTO_H 3750
#define PX_PER_MM 10.0
#define CAND_RUNS 7
#define EDIT_RUNS 41
#define EDIT_TARGET_MS 5.0

static int fail(const char *what, const SmpError *err)
{
    fprintf(stderr, "bench_engine: %s: %s\n", what, err->msg);
    return 1;
}

static int bench_candidates(void)
{
    SmpError err = {{0}};
    double w = PHOTO_W / PX_PER_MM, h = PHOTO_H / PX_PER_MM;
    double t[CAND_RUNS];
    int count = 0;
    for (int r = -1; r < CAND_RUNS; r++) {
        CandidateSet set = {0};
        double t0 = now_s();
        if (!candidates_build(w, h, &set, &err))
            return fail("candidates_build", &err);
        double dt = now_s() - t0;
        count = set.count;
        candidates_free(&set);
        if (r >= 0)
            t[r] = dt;
    }
    double med = median(t, CAND_RUNS);
    printf("candidates: %.3g dots/s (%d candidates over %gx%g mm in %.1f ms, median of %d)\n",
           count / med, count, w, h, med * 1e3, CAND_RUNS);
    return 0;
}

/* A front-photo plan: the whole photo may be treated, a soft hairline of 8
 * points about half way down (scalp above it). */
static bool make_plan(SmpPlan *plan, SmpError *err)
{
    plan_init(plan);
    plan->photo_width = PHOTO_W;
    plan->photo_height = PHOTO_H;
    plan->scale.set = true;
    plan->scale.a = (PlanPoint){0, 0};
    plan->scale.b = (PlanPoint){63.0 * PX_PER_MM, 0};
    plan->scale.distance_mm = 63.0;
    PlanHairline *hl = &plan->hairline;
    hl->count = 8;
    for (int i = 0; i < hl->count; i++) {
        double x = 300 + (PHOTO_W - 600) * i / (double)(hl->count - 1);
        double u = i - 3.5; /* temples recede: higher in the photo than the centre */
        hl->points[i] = (PlanPoint){x, 2000.0 - u * u * 40.0};
    }
    PlanPoint all[4] = {{0, 0}, {PHOTO_W, 0}, {PHOTO_W, PHOTO_H}, {0, PHOTO_H}};
    return plan_add_region(plan, REGION_TREAT, REGION_POLYGON, false, 0, all, 4, err);
}

/* head: NULL for the flat photo, else the fitted 3D head the dots are warped by. */
static int bench_hairline_edit(const Head3D *head, const char *label)
{
    SmpError err = {{0}};
    SmpPlan plan;
    SmpScene *scene = NULL;
    if (!make_plan(&plan, &err))
        return fail("plan", &err);
    if (!scene_create(PHOTO_W, PHOTO_H, &scene, &err))
        return fail("scene_create", &err);
    if (head)
        scene_set_head(scene, head);
    double t0 = now_s();
    if (!scene_update(scene, &plan, SCENE_CHANGED_ALL, &err))
        return fail("scene_update", &err);
    double first = now_s() - t0;

    /* Drag the 4th point between two places 8 mm apart, so every call moves the
     * line and changes which dots show. */
    PlanPoint base = plan.hairline.points[3];
    double t[EDIT_RUNS];
    int dots_lo = 0, dots_hi = 0;
    for (int r = -2; r < EDIT_RUNS; r++) {
        bool up = r % 2 != 0;
        plan.hairline.points[3].y = base.y + (up ? -40.0 : 40.0);
        double s = now_s();
        if (!scene_update(scene, &plan, SCENE_CHANGED_HAIRLINE, &err))
            return fail("scene_update", &err);
        double dt = now_s() - s;
        if (up)
            dots_hi = scene_dots(scene)->count;
        else
            dots_lo = scene_dots(scene)->count;
        if (r >= 0)
            t[r] = dt;
    }
    double best = t[0];
    for (int i = 1; i < EDIT_RUNS; i++)
        best = t[i] < best ? t[i] : best;
    double med = median(t, EDIT_RUNS);
    int cands = scene_candidate_count(scene);
    printf("density update after a hairline edit%s, %d candidates: %.2f ms (median of %d, min %.2f ms)"
           "   target < %.0f ms: %s\n",
           label, cands, med * 1e3, EDIT_RUNS, best * 1e3, EDIT_TARGET_MS, med * 1e3 < EDIT_TARGET_MS ? "met" : "NOT met");
    printf("  visible dots: %d / %d (the two point positions), first full scene_update %.0f ms\n",
           dots_lo, dots_hi, first * 1e3);
    scene_destroy(scene);
    plan_free(&plan);
    return 0;
}

/* A front view's fitted head (issue 11): the template scalp at 10 px/mm across
 * the middle of the photo, tipped forward a little. */
static Head3D front_head(void)
{
    Head3D h = {0};
    h.radii = head3d_template_radii();
    h.pitch = 0.35f;
    h.centre = (vec3s){{0, 0, 600}};
    h.focal = (float)(600 * PX_PER_MM);
    h.cx = PHOTO_W / 2.0f, h.cy = PHOTO_H / 2.0f;
    return h;
}

int main(void)
{
    int rc = bench_candidates();
    rc |= bench_hairline_edit(NULL, "");
    Head3D head = front_head();
    rc |= bench_hairline_edit(&head, " with a fitted head");
    return rc;
}
