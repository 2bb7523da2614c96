/* RenderJob (render.h), the window Match redraws for each look it tries: its pixels
 * are exactly render_plan's in that window, for the healed and the fresh stage (the
 * flush's map starts outside some windows), with and without mattes, at the photo's
 * edge and inside it. Negative control: the window of another look differs from
 * render_plan's picture there, so the comparison can fail. */
#include "test.h"
#include "seed_fixture.h"

#include "core/render.h"
#include <string.h>

/* Pixels of win that differ from full's at the window's place. */
static long differing(const SmpImage *full, const SmpImage *win, PhotoBox b)
{
    long n = 0;
    for (int y = b.y0; y < b.y1; y++)
        n += memcmp(image_pixel(full, b.x0, y), image_pixel(win, 0, y - b.y0), (size_t)(b.x1 - b.x0) * 4) != 0;
    return n;
}

/* Each window of the job against render_plan's whole picture, and the control. */
static void check_windows(const SmpImage *photo, const SmpPlan *plan, const SmpMattes *m, const RenderRequest *req)
{
    SmpError err;
    SmpImage full, win;
    CHECK(render_plan(photo, plan, req, &full, NULL, &err));
    RenderJob *job;
    CHECK(render_job_create(photo, plan, m, req, &job, &err));
    /* around the middle dot, at the photo's left and top edge, and a sliver */
    const DotList *dots = render_job_dots(job, &plan->dots, &plan->pigment, &err);
    CHECK(dots && dots->count > 100);
    double ppm = render_job_px_per_mm(job);
    int cx = (int)(dots->items[dots->count / 2].x_mm * ppm), cy = (int)(dots->items[dots->count / 2].y_mm * ppm);
    int w = photo->width, h = photo->height;
    PhotoBox boxes[] = {{cx - 45, cy - 35, cx + 45, cy + 35}, {0, 0, w / 2, h / 3}, {cx, 0, cx + 7, h}};
    for (size_t i = 0; i < sizeof boxes / sizeof boxes[0]; i++) {
        CHECK(render_job_set_window(job, boxes[i], &err));
        CHECK(render_job_draw(job, &plan->dots, &plan->pigment, &win, &err));
        CHECKF(differing(&full, &win, boxes[i]) == 0, "window %zu: %ld rows differ", i, differing(&full, &win, boxes[i]));
        image_free(&win);
    }
    PlanDots other = plan->dots;
    other.density *= 0.6; /* negative control */
    CHECK(render_job_set_window(job, boxes[0], &err));
    CHECK(render_job_draw(job, &other, &plan->pigment, &win, &err));
    CHECK(differing(&full, &win, boxes[0]) > 10);
    image_free(&win);
    render_job_destroy(job);
    image_free(&full);
}

/* A job without a window, or with one off the photo, refuses to draw. */
static void check_no_window(const SmpImage *photo, const SmpPlan *plan)
{
    SmpError err;
    RenderJob *job;
    RenderRequest req = {.no_mattes = true};
    SmpImage win;
    CHECK(render_job_create(photo, plan, NULL, &req, &job, &err));
    CHECK(!render_job_draw(job, &plan->dots, &plan->pigment, &win, &err)); /* no window yet */
    CHECK(!render_job_set_window(job, (PhotoBox){-50, -50, -1, -1}, &err) && strstr(err.msg, "outside"));
    render_job_destroy(job);
}

static void test_window_is_the_export(void)
{
    SmpPlan plan;
    SmpImage photo;
    if (!fx_load_seed("front_hairline.smp", &plan, &photo)) {
        CHECK(false);
        return;
    }
    SmpError err;
    SmpMattes m;
    CHECK(mattes_compute(&photo, 2, &m, &err));
    RenderRequest healed = {0}, fresh = {.override_stage = true, .stage = STAGE_FRESH};
    RenderRequest bare = {.no_mattes = true};
    check_windows(&photo, &plan, &m, &healed);
    check_windows(&photo, &plan, &m, &fresh);
    check_windows(&photo, &plan, NULL, &bare);
    check_no_window(&photo, &plan);
    mattes_free(&m);
    image_free(&photo);
    plan_free(&plan);
}

int main(void)
{
    TEST_RUN(test_window_is_the_export);
    return TEST_SUMMARY();
}
