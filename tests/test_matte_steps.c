/* The hair and head mattes found in steps of bounded work (hair_matte_steps_*,
 * head_matte_steps_*: the web app's form) against the one-go hair_matte_compute and
 * head_matte_compute, on a real photo from ../shared/photos: the same bytes, in many
 * steps, none over its budget (counted in work units, never timed). Negative controls:
 * another head (other seeds) gives another matte, so the comparison can fail, and the
 * matte is not empty. */
#include "test.h"

#include "app/app_job.h"
#include "core/hair_matte.h"
#include "core/head_matte.h"
#include "core/matte_apply.h"
#include "core/render.h"
#include "seed_fixture.h"
#include "shared_photos.h"

#include <stdlib.h>
#include <string.h>

#define PHOTO "rf_front_thinning-frontal_light.jpg" /* 640 x 640, strands on the scalp */

static bool load_real(const char *name, SmpImage *photo)
{
    SmpError err;
    if (shared_photo_load(name, photo, &err))
        return true;
    printf("# %s\n", err.msg);
    return false;
}

typedef struct StepRun {
    int steps;
    int64_t most, total; /* work units: the largest step's, all steps' */
} StepRun;

/* One more step, of `work` units, into run. */
static void step_done(StepRun *run, int64_t work)
{
    run->steps++;
    run->most = work > run->most ? work : run->most;
    run->total += work;
}

/* The hair matte in steps of at most `budget` units, with what the steps did. */
static bool hair_in_steps(const SmpImage *photo, const SmpMatte *head, int64_t budget, SmpMatte *out, StepRun *run)
{
    *run = (StepRun){0};
    HairMatteSteps *s = hair_matte_steps_begin(photo, head, 1, budget);
    bool more = s != NULL;
    while (more) {
        int64_t work = 0;
        more = hair_matte_steps_next(s, &work);
        step_done(run, work);
    }
    return hair_matte_steps_end(s, out, NULL);
}

static bool same_matte(const SmpMatte *a, const SmpMatte *b)
{
    return a->alpha && b->alpha && a->width == b->width && a->height == b->height && a->uncertain == b->uncertain &&
           !memcmp(a->alpha, b->alpha, (size_t)a->width * (size_t)a->height);
}

static long hair_pixels(const SmpMatte *m)
{
    long n = 0;
    for (size_t i = 0; i < (size_t)m->width * (size_t)m->height; i++)
        n += m->alpha[i] >= 128;
    return n;
}

static void test_hair_steps_match_one_go(void)
{
    SmpImage photo = {0};
    SmpMatte head = {0}, one = {0}, small = {0}, app = {0}, no_head = {0};
    CHECKF(load_real(PHOTO, &photo), "no ../shared/photos/%s", PHOTO);
    if (!photo.pixels)
        return;
    CHECK(head_matte_compute(&photo, NULL, 0, &head, NULL) && !head.uncertain);
    CHECK(hair_matte_compute(&photo, &head, 2, &one, NULL));
    long found = hair_pixels(&one);
    printf("# one go: %ld hair pixels\n", found);
    CHECKF(found > 500, "%ld hair pixels: the comparison would be of (nearly) empty mattes", found);

    /* Small steps: many of them, each within its budget, the same bytes. */
    const int64_t budget = 250000;
    StepRun run;
    CHECK(hair_in_steps(&photo, &head, budget, &small, &run));
    printf("# budget %lld: %d steps, largest %lld units, %lld in all\n", (long long)budget, run.steps,
           (long long)run.most, (long long)run.total);
    CHECKF(run.most <= budget, "a step did %lld units over its budget %lld", (long long)run.most, (long long)budget);
    CHECKF(run.steps >= 20 && run.total * 10 >= budget * 9 * (run.steps - 1),
           "%d steps, %lld units: not cut into (nearly) full steps", run.steps, (long long)run.total);
    CHECK(same_matte(&small, &one));

    /* The app's budget: fewer, larger steps, the same bytes. */
    StepRun app_run;
    CHECK(hair_in_steps(&photo, &head, APP_STEP_BUDGET, &app, &app_run));
    CHECK(app_run.most <= APP_STEP_BUDGET && app_run.total == run.total);
    CHECK(same_matte(&app, &one));

    /* Negative control: without the head matte the steps give another matte. */
    StepRun other;
    CHECK(hair_in_steps(&photo, NULL, budget, &no_head, &other));
    CHECKF(no_head.alpha && !same_matte(&no_head, &one), "the matte without a head is the same: the check is vacuous");
    matte_free(&head);
    matte_free(&one);
    matte_free(&small);
    matte_free(&app);
    matte_free(&no_head);
    image_free(&photo);
}

/* Every stage's line fits the budget: the smallest budget still ends, each step
 * doing at least one line, and gives the same bytes (a band cut in the wrong
 * place, or a stage that reads rows not yet written, would show here). */
static void test_hair_steps_tiny_budget(void)
{
    SmpImage photo = {0};
    SmpMatte head = {0}, one = {0}, tiny = {0};
    CHECKF(load_real(PHOTO, &photo), "no ../shared/photos/%s", PHOTO);
    if (!photo.pixels)
        return;
    CHECK(head_matte_compute(&photo, NULL, 0, &head, NULL));
    CHECK(hair_matte_compute(&photo, &head, 1, &one, NULL));
    StepRun run;
    CHECK(hair_in_steps(&photo, &head, 1, &tiny, &run));
    printf("# budget 1: %d steps, largest %lld units\n", run.steps, (long long)run.most);
    CHECKF(run.steps > photo.height, "%d steps: fewer than the photo's rows", run.steps);
    CHECK(same_matte(&tiny, &one));
    matte_free(&head);
    matte_free(&one);
    matte_free(&tiny);
    image_free(&photo);
}

/* The head matte in steps of `budget` units (head_matte_steps_*), with what they did. */
static bool head_in_steps(const SmpImage *photo, const float *seeds, int seed_count, int64_t budget, SmpMatte *out,
                          StepRun *run)
{
    *run = (StepRun){0};
    HeadMatteSteps *s = head_matte_steps_begin(photo, seeds, seed_count);
    bool more = s != NULL;
    while (more) {
        int64_t work = 0;
        more = head_matte_steps_next(s, budget, &work);
        step_done(run, work);
    }
    return head_matte_steps_end(s, out, NULL);
}

/* The head matte in the app's steps and in steps of one line each against the one-go
 * head_matte_compute, with the caller's seeds: the same bytes, every step within the
 * app's budget. Negative control: seeds in the photo's corner give another matte. */
static void test_head_steps_match_one_go(void)
{
    SmpImage photo = {0};
    SmpMatte one = {0}, app = {0}, tiny = {0}, other = {0};
    CHECKF(load_real(PHOTO, &photo), "no ../shared/photos/%s", PHOTO);
    if (!photo.pixels)
        return;
    const float seeds[4] = {photo.width * 0.5f, photo.height * 0.3f, photo.width * 0.4f, photo.height * 0.35f};
    CHECK(head_matte_compute(&photo, seeds, 2, &one, NULL) && !one.uncertain);
    long head = 0;
    for (size_t i = 0; i < (size_t)one.width * (size_t)one.height; i++)
        head += one.alpha[i] >= 128;
    CHECKF(head > (long)photo.width * photo.height / 10, "%ld head pixels: the comparison would be vacuous", head);

    StepRun run, tiny_run, other_run;
    CHECK(head_in_steps(&photo, seeds, 2, APP_STEP_BUDGET, &app, &run));
    printf("# app budget: %d steps, largest %lld units, %lld in all\n", run.steps, (long long)run.most,
           (long long)run.total);
    CHECKF(run.steps >= 8 && run.most <= APP_STEP_BUDGET, "%d steps, largest %lld units", run.steps,
           (long long)run.most);
    CHECK(same_matte(&app, &one));
    CHECK(head_in_steps(&photo, seeds, 2, 1, &tiny, &tiny_run));
    printf("# budget 1: %d steps\n", tiny_run.steps);
    CHECKF(tiny_run.steps > 2 * photo.height && tiny_run.total == run.total, "%d steps, %lld units",
           tiny_run.steps, (long long)tiny_run.total);
    CHECK(same_matte(&tiny, &one));

    const float corner[2] = {4.0f, 4.0f};
    CHECK(head_in_steps(&photo, corner, 1, APP_STEP_BUDGET, &other, &other_run));
    CHECKF(other.alpha && !same_matte(&other, &one), "seeds in the corner give the same matte: the check is vacuous");
    matte_free(&one);
    matte_free(&app);
    matte_free(&tiny);
    matte_free(&other);
    image_free(&photo);
}

/* Steps stopped half way (a photo replaced while its matte was being found) end
 * in a clear failure and free what they held (ASan's leak check). */
static void test_head_steps_stopped(void)
{
    SmpImage photo = {0};
    SmpMatte out = {0};
    CHECKF(load_real(PHOTO, &photo), "no ../shared/photos/%s", PHOTO);
    if (!photo.pixels)
        return;
    HeadMatteSteps *s = head_matte_steps_begin(&photo, NULL, 0);
    CHECK(s && head_matte_steps_next(s, APP_STEP_BUDGET, NULL) && head_matte_steps_next(s, APP_STEP_BUDGET, NULL));
    SmpError err = {0};
    CHECK(!head_matte_steps_end(s, &out, &err) && !out.alpha && err.msg[0]);
    image_free(&photo);
}

/* What the view keeps of the mattes in steps (the web app's, mattes_view_begin/next)
 * against the one go: the same keep mask and cover grid, in several steps.
 * Control: without the hair in front both differ, so the comparison can fail. */
static void test_view_steps(void)
{
    SmpImage photo = {0};
    SmpMattes m = {0};
    SmpMatte one = {0}, stepped = {0}, bare = {0};
    MatteCover cover_one = {0}, cover_stepped = {0}, cover_bare = {0};
    CHECKF(load_real(PHOTO, &photo), "no ../shared/photos/%s", PHOTO);
    if (!photo.pixels)
        return;
    CHECK(mattes_compute(&photo, 2, &m, NULL));
    const int block = 3;
    const double ppm = 2.5;
    CHECK(mattes_keep_mask(&m, block, &one, NULL) && one.alpha && mattes_cover_build(&m, ppm, &cover_one, NULL));
    MattesViewSteps s;
    int steps = 1;
    CHECK(mattes_view_begin(&s, &m, block, ppm, &stepped, &cover_stepped, NULL));
    while (mattes_view_next(&s, 50000))
        steps++;
    printf("# keep mask %dx%d, cover %dx%d: %d steps\n", stepped.width, stepped.height, cover_stepped.width,
           cover_stepped.height, steps);
    CHECKF(steps >= 10, "%d steps: not cut into steps", steps);
    size_t cells = (size_t)cover_one.width * (size_t)cover_one.height;
    bool same_cover = cover_stepped.cover && cover_stepped.width == cover_one.width &&
                      cover_stepped.height == cover_one.height &&
                      !memcmp(cover_stepped.cover, cover_one.cover, cells * sizeof *cover_one.cover);
    CHECK(same_matte(&stepped, &one) && same_cover);
    memset(m.hair.alpha, 0, (size_t)m.hair.width * (size_t)m.hair.height);
    CHECK(mattes_keep_mask(&m, block, &bare, NULL) && mattes_cover_build(&m, ppm, &cover_bare, NULL));
    CHECKF(!same_matte(&bare, &one), "the mask without hair is the same: the check is vacuous");
    CHECKF(memcmp(cover_bare.cover, cover_one.cover, cells * sizeof *cover_one.cover) != 0,
           "the cover without hair is the same: the check is vacuous");
    mattes_free(&m);
    matte_free(&one);
    matte_free(&stepped);
    matte_free(&bare);
    mattes_cover_free(&cover_one);
    mattes_cover_free(&cover_stepped);
    mattes_cover_free(&cover_bare);
    image_free(&photo);
}

static bool same_image(const SmpImage *a, const SmpImage *b)
{
    return a->pixels && b->pixels && a->width == b->width && a->height == b->height &&
           !memcmp(a->pixels, b->pixels, (size_t)a->width * (size_t)a->height * 4);
}

/* A "not head" stroke across the front hairline seed's treated scalp, made on `view`. */
static void add_not_head_stroke(SmpPlan *plan, int view)
{
    HeadCorrection *c = &plan->head_corrections[plan->head_correction_count++];
    *c = (HeadCorrection){.head = false, .radius_px = 40, .count = 2, .view = view,
                          .points = malloc(2 * sizeof *c->points)};
    c->points[0] = (PlanPoint){300, 420}, c->points[1] = (PlanPoint){900, 420};
}

/* View `view`'s mattes in one go (into one) and in the app's steps (into stepped):
 * the same, in many steps; how many. */
static int check_mattes_in_steps(const SmpImage *photo, const SmpPlan *plan, int view, SmpMattes *one,
                                 SmpMattes *stepped)
{
    CHECK(mattes_compute_for_view(photo, plan, view, 2, one, NULL));
    MattesSteps *s = mattes_steps_begin(photo, plan, view, 1, APP_STEP_BUDGET);
    int steps = 1;
    while (mattes_steps_next(s))
        steps++;
    SmpError err = {0};
    CHECKF(mattes_steps_end(s, stepped, &err), "%s", err.msg);
    CHECKF(steps >= 8, "%d steps: not cut into steps", steps);
    CHECK(same_matte(&stepped->head, &one->head) && same_matte(&stepped->hair, &one->hair));
    return steps;
}

/* The picture in steps of `budget` (render_steps_*, the app's export), and how many. */
static bool render_stepped(const SmpImage *photo, const SmpPlan *plan, const RenderRequest *req,
                           const RenderMattes *known, int64_t budget, SmpImage *out, int *steps)
{
    RenderSteps *r = render_steps_begin(photo, plan, req, known, budget);
    *steps = 1;
    while (render_steps_next(r))
        (*steps)++;
    return render_steps_end(r, out, NULL);
}

/* A plan's mattes in steps (mattes_steps_*: the app's matte job and export) against
 * mattes_compute_for_plan, on the front hairline seed with a "not head" stroke across
 * its treated scalp: the same mattes, in many steps. Drawn with them in steps
 * (render_steps_*, the app's export), alone and with the keep mask and cover grid also
 * made in steps (mattes_view_*, step 1, at the dots' scale), at the app's budget and at
 * a small one (many steps), and without them: the same picture as render_plan.
 * Controls: the photo's mattes without the plan, a keep mask that keeps nothing and a
 * cover grid of full cover each draw another picture (so what is given is used). The sheet drawn in steps on them is render_plan's sheet; the views'
 * sheet is refused. */
static void test_plan_mattes_in_steps(void)
{
    SmpPlan plan;
    SmpImage photo = {0}, one_go = {0}, got = {0};
    SmpMattes one = {0}, stepped = {0}, bare = {0};
    SmpMatte keep = {0};
    MatteCover cover = {0};
    plan_init(&plan);
    CHECKF(fx_load_seed("front_hairline.smp", &plan, &photo), "no front_hairline seed");
    if (!photo.pixels)
        return;
    add_not_head_stroke(&plan, 0);
    int steps = check_mattes_in_steps(&photo, &plan, 0, &one, &stepped);
    MattesViewSteps v;
    double ppm = render_view_px_per_mm(&plan, 0, photo.width, photo.height);
    int keep_steps = 1;
    CHECK(mattes_view_begin(&v, &stepped, 1, ppm, &keep, &cover, NULL));
    while (mattes_view_next(&v, 100000))
        keep_steps++;
    printf("# mattes %d steps, keep mask and cover %d\n", steps, keep_steps);
    CHECK(mattes_compute(&photo, 2, &bare, NULL));
    CHECKF(!same_matte(&bare.head, &one.head), "the plan changes nothing: the check is vacuous");
    RenderRequest req = {.label = "SIMULATION"};
    CHECK(render_plan(&photo, &plan, &req, &one_go, NULL, NULL));
    const RenderMattes alone = {&stepped, NULL, NULL}, all = {&stepped, &keep, &cover};
    const RenderMattes other = {&bare, NULL, NULL};
    bool same[3] = {false}; /* the controls */
    const RenderMattes *known[3] = {&alone, &all, NULL};
    const int64_t budgets[3] = {APP_STEP_BUDGET, 200000, 200000};
    int picture_steps[3] = {0};
    for (int i = 0; i < 3; i++) {
        CHECK(render_stepped(&photo, &plan, &req, known[i], budgets[i], &got, &picture_steps[i]));
        CHECKF(same_image(&one_go, &got), "known mattes %d: another picture", i);
        image_free(&got);
    }
    printf("# picture %d, %d and %d steps\n", picture_steps[0], picture_steps[1], picture_steps[2]);
    CHECKF(picture_steps[1] >= 20, "%d steps: the picture is not cut into steps", picture_steps[1]);
    int n;
    CHECK(render_stepped(&photo, &plan, &req, &other, APP_STEP_BUDGET, &got, &n));
    same[0] = same_image(&one_go, &got);
    image_free(&got);
    size_t keep_bytes = (size_t)keep.width * (size_t)keep.height;
    uint8_t *kept = malloc(keep_bytes);
    CHECK(kept && memcpy(kept, keep.alpha, keep_bytes));
    memset(keep.alpha, 0, keep_bytes);
    CHECK(render_stepped(&photo, &plan, &req, &all, APP_STEP_BUDGET, &got, &n));
    same[1] = same_image(&one_go, &got);
    image_free(&got);
    memcpy(keep.alpha, kept, keep_bytes); /* back, for the sheet below */
    free(kept);
    const MatteCover full = {cover.px_per_mm, cover.cell, cover.width, cover.height,
                             calloc((size_t)cover.width * (size_t)cover.height, sizeof(float))};
    for (size_t k = 0; full.cover && k < (size_t)cover.width * (size_t)cover.height; k++)
        full.cover[k] = 1.0f;
    CHECK(render_stepped(&photo, &plan, &req, &(RenderMattes){&stepped, NULL, &full}, APP_STEP_BUDGET, &got, &n));
    same[2] = same_image(&one_go, &got);
    image_free(&got);
    free(full.cover);
    CHECKF(!same[0] && !same[1] && !same[2], "other mattes %d, no keep %d, full cover %d: the same picture",
           same[0], same[1], same[2]);
    /* The contact sheet too, its cells drawn in steps on the mattes given. */
    req.layout = LAYOUT_SHEET;
    image_free(&one_go);
    CHECK(render_plan(&photo, &plan, &req, &one_go, NULL, NULL));
    CHECK(render_stepped(&photo, &plan, &req, &all, APP_STEP_BUDGET, &got, &n));
    CHECKF(same_image(&one_go, &got), "the sheet in %d steps is another picture", n);
    int cells = 3 * plan.sessions; /* a step a cell would be cells + 2 steps in all */
    CHECKF(n > 2 * (cells + 2), "a sheet of %d cells in %d steps: its cells are not drawn in steps", cells, n);
    image_free(&got);
    req.layout = LAYOUT_VIEWS;
    CHECK(!render_stepped(&photo, &plan, &req, &all, APP_STEP_BUDGET, &got, &n) && !got.pixels && n == 1);
    mattes_free(&one);
    mattes_free(&stepped);
    mattes_free(&bare);
    matte_free(&keep);
    mattes_cover_free(&cover);
    image_free(&one_go);
    image_free(&photo);
    plan_free(&plan);
}

/* The progress a picture in steps reports (the app's bar and "Exporting... N%"): it
 * only rises, through many values while the dots are composited, to 900 before the
 * finish. Control: at an unbounded budget, 2 values at most between 400 and 900. */
static void test_picture_progress_rises(void)
{
    SmpPlan plan;
    SmpImage photo = {0}, got = {0};
    plan_init(&plan);
    CHECKF(fx_load_seed("front_hairline.smp", &plan, &photo), "no front_hairline seed");
    if (!photo.pixels)
        return;
    atomic_int progress = 0;
    RenderRequest req = {.no_mattes = true, .progress = &progress};
    int64_t budgets[2] = {200000, INT64_MAX}, between[2] = {0};
    for (int b = 0; b < 2; b++) {
        RenderSteps *r = render_steps_begin(&photo, &plan, &req, NULL, budgets[b]);
        int last = 0, falls = 0;
        while (render_steps_next(r)) {
            int now = atomic_load(&progress);
            falls += now < last;
            between[b] += now > last && now > 400 && now < 900;
            last = now;
        }
        CHECK(render_steps_end(r, &got, NULL));
        CHECKF(falls == 0 && atomic_load(&progress) == 900, "budget %d: %d falls, ends at %d", b, falls,
               atomic_load(&progress));
        image_free(&got);
    }
    printf("# progress: %lld values between 400 and 900 in steps, %lld in one go\n", (long long)between[0],
           (long long)between[1]);
    CHECK(between[0] >= 20 && between[1] <= 2);
    image_free(&photo);
    plan_free(&plan);
}

/* Another view's mattes in steps (the app's export with that view shown): those of
 * mattes_compute_for_view, with only that view's head corrections ("not head" across
 * the scalp, made on view 1). Control: view 0's, without it, differ. */
static void test_view_mattes_in_steps(void)
{
    SmpPlan plan;
    SmpImage photo = {0};
    SmpMattes one = {0}, stepped = {0}, view0 = {0};
    plan_init(&plan);
    CHECKF(fx_load_seed("front_hairline.smp", &plan, &photo), "no front_hairline seed");
    if (!photo.pixels)
        return;
    add_not_head_stroke(&plan, 1);
    check_mattes_in_steps(&photo, &plan, 1, &one, &stepped);
    CHECK(mattes_compute_for_view(&photo, &plan, 0, 2, &view0, NULL));
    CHECKF(!same_matte(&view0.head, &one.head), "view 1's correction changes nothing: the check is vacuous");
    mattes_free(&one);
    mattes_free(&stepped);
    mattes_free(&view0);
    image_free(&photo);
    plan_free(&plan);
}

int main(void)
{
    TEST_RUN(test_plan_mattes_in_steps);
    TEST_RUN(test_view_mattes_in_steps);
    TEST_RUN(test_picture_progress_rises);
    TEST_RUN(test_view_steps);
    TEST_RUN(test_head_steps_match_one_go);
    TEST_RUN(test_head_steps_stopped);
    TEST_RUN(test_hair_steps_match_one_go);
    TEST_RUN(test_hair_steps_tiny_budget);
    return TEST_SUMMARY();
}
