/* The plan's other photos in the editor (app_views.h). */
#include "app_internal.h"

#include "../core/head3d_fit.h"
#include "../core/head_correct.h"
#include "../core/matte_apply.h"
#include "../core/render.h"
#include "../io/photo.h"
#include "../io/plan_file.h"

#include <stdio.h>
#include <string.h>

static void job_free(AppViewJob *j)
{
    image_free(&j->photo);
    mattes_free(&j->mattes);
    dots_free(&j->dots);
    matte_free(&j->keep);
    photo_look_sheen_free(&j->sheen);
    plan_free(&j->plan);
}

/* View n's photo, every chart's dots carried into it (render --view n), then
 * what its export does to them: the mattes keep them on head skin, and the
 * photo's own blur, grain and sheen are measured around them. */
static int view_thread(void *arg)
{
    AppViewJob *j = arg;
    if (j->again) { /* after an edit: the photo shown and its look stay */
        const SmpImage *photo = j->again->photo;
        const SmpMattes *m = j->again->mattes_stale ? &j->mattes : j->again->mattes;
        j->ok = render_view_dots(photo->width, photo->height, &j->plan, j->n, &j->dots, &j->ppm, &j->err) &&
                (!j->again->mattes_stale ||
                 (mattes_compute_for_view(photo, &j->plan, j->n, 2, &j->mattes, &j->err) &&
                  mattes_keep_mask(&j->mattes, app_mattes_keep_step(photo), &j->keep, &j->err))) &&
                mattes_filter_dots(m, j->ppm, &j->dots, &j->err);
        atomic_store(&j->done, 1);
        return 0;
    }
    j->ok = plan_load_view_photo(j->plan_path, &j->plan, j->n, &j->photo, &j->err) &&
            render_view_dots(j->photo.width, j->photo.height, &j->plan, j->n, &j->dots, &j->ppm, &j->err) &&
            mattes_compute_for_view(&j->photo, &j->plan, j->n, 2, &j->mattes, &j->err) &&
            mattes_filter_dots(&j->mattes, j->ppm, &j->dots, &j->err) &&
            mattes_keep_mask(&j->mattes, app_mattes_keep_step(&j->photo), &j->keep, &j->err);
    if (j->ok) {
        PhotoBox box = photo_look_box_of_dots(&j->dots, j->ppm, j->photo.width, j->photo.height);
        photo_look_estimate(&j->photo, box, &j->look);
        j->ok = photo_look_sheen(&j->photo, box, &j->sheen, &j->err);
    }
    atomic_store(&j->done, 1);
    return 0;
}

/* A worker loading view n (or only its dots, when its photo is loaded already). */
static bool start_job(App *app, int n)
{
    AppViewJob *j = &app->views.job;
    job_free(j);
    memset(j, 0, sizeof *j);
    plan_init(&j->plan);
    j->n = n;
    j->corrections = head_corrections_key(&app->doc.plan, n);
    SmpError err = {{0}};
    app_copy_str(j->plan_path, sizeof j->plan_path, app->doc.plan_path);
    if (!plan_copy(&app->doc.plan, &j->plan, &err)) {
        app_set_error(app, err.msg);
        return false;
    }
    app_head_into_plan(app, &j->plan); /* view 0's fit, as the view shows it */
    j->plan.photo_width = app->doc.photo.width, j->plan.photo_height = app->doc.photo.height;
    const AppViewJob *got = &app->views.got;
    if (got->n == n && got->photo.pixels) { /* shown already: lend it, make the dots again */
        app->views.lent = (AppViewJobPhoto){&got->photo, &got->mattes, got->corrections != j->corrections};
        j->again = &app->views.lent;
    }
    if (thrd_create(&j->thread, view_thread, j) != thrd_success) {
        app_set_error(app, "Could not start opening the view");
        return false;
    }
    j->running = true;
    return true;
}

static void start_load(App *app, int n)
{
    app->views.loading = n;
    if (app->views.job.running)
        return; /* app_views_poll starts the one wanted next */
    char msg[64];
    snprintf(msg, sizeof msg, "Opening view %d...", n);
    if (start_job(app, n) && !app->views.job.again) /* only its dots again: the edit's own line stays */
        app_set_status(app, msg);
}

/* While the views are listed, view 1 is loaded in the background, so that the
 * first tap on it shows it at once. */
static void prefetch(App *app)
{
    AppViews *v = &app->views;
    if (plan_view_count(&app->doc.plan) < 2 || v->job.running || v->got.photo.pixels || !app->doc.head.known ||
        app->doc.head.implausible || !app->doc.has_photo)
        return;
    v->prefetch = 1;
    start_job(app, 1);
}

/* The view fits the photo shown (a view's or the plan's own). */
static void fit_to(App *app, const SmpImage *photo)
{
    app->view.photo_w = photo->width;
    app->view.photo_h = photo->height;
    app->view_ready = false;
}

static int thumbs_thread(void *arg)
{
    AppViewThumbs *t = arg;
    for (int n = 0; n < t->count; n++) {
        SmpImage img = {0};
        SmpError err;
        bool ok = t->paths[n][0] && photo_load_small(t->paths[n], PIC_H * 4, &img, &err) && img.width > 0;
        if (ok)
            app_thumb_of(&img, t->px[n]);
        image_free(&img);
        atomic_store(&t->state[n], ok ? 1 : 2);
    }
    return 0;
}

static void thumbs_join(AppViewThumbs *t)
{
    if (t->started)
        thrd_join(t->thread, NULL);
    t->started = false;
}

static void thumbs_start(App *app)
{
    AppViewThumbs *t = &app->views.thumbs;
    thumbs_join(t);
    t->asked = true;
    t->count = plan_view_count(&app->doc.plan);
    for (int n = 0; n < t->count; n++) {
        atomic_store(&t->state[n], 0);
        if (n == 0)
            app_copy_str(t->paths[0], sizeof t->paths[0], app->doc.photo_path);
        else if (!plan_resolve_view_photo(app->doc.plan_path, &app->doc.plan, n, t->paths[n], sizeof t->paths[n]))
            t->paths[n][0] = 0;
    }
    t->started = thrd_create(&t->thread, thumbs_thread, t) == thrd_success;
    for (int n = 0; !t->started && n < t->count; n++)
        atomic_store(&t->state[n], 2);
    prefetch(app);
}

void app_views_thumb(App *app, int n, float x, float y, float w, float h)
{
    AppViewThumbs *t = &app->views.thumbs;
    if (!t->asked || t->count != plan_view_count(&app->doc.plan))
        thumbs_start(app);
    int state = n < t->count ? atomic_load(&t->state[n]) : 2;
    uint64_t key = 0x7669657700000000ull ^ (uint64_t)app->doc.photo_gen << 8 ^ (uint64_t)n; /* per document */
    if (state == 1 && !pics_draw(&app->pics, app->ui.dl, key, x, y, w, h)) {
        pics_put(&app->pics, key, t->px[n]);
        pics_draw(&app->pics, app->ui.dl, key, x, y, w, h);
    } else if (state != 1) {
        draw_rect(app->ui.dl, x, y, w, h, state == 0 ? RGBA(60, 64, 74, 255) : RGBA(92, 98, 112, 255));
    }
}

/* View n (whose photo is `got`) on screen, and the status saying so. */
static void show_got(App *app)
{
    AppViews *v = &app->views;
    v->shown = v->got.n;
    v->gen++;
    fit_to(app, &v->got.photo);
    PlanView pv = plan_view(&app->doc.plan, v->shown);
    char msg[160];
    snprintf(msg, sizeof msg, "View %d%s%s: shown as exported; paint areas here, other edits on view 0", v->shown,
             pv.label[0] ? ", " : "", pv.label);
    app_set_status(app, msg);
}

void app_views_reset(App *app)
{
    AppViews *v = &app->views;
    thumbs_join(&v->thumbs); /* a new document: its own thumbnails */
    v->thumbs.asked = false;
    v->shown = v->loading = 0; /* a load still running is dropped when it ends */
    if (v->job.running && v->job.again) { /* it reads the photo freed below */
        thrd_join(v->job.thread, NULL);
        v->job.running = false;
        job_free(&v->job);
    }
    job_free(&v->got);
    memset(&v->got, 0, sizeof v->got);
}

void app_views_show(App *app, int n)
{
    AppViews *v = &app->views;
    if (n < 0 || n >= plan_view_count(&app->doc.plan) || !app->doc.has_photo)
        return;
    if (n == 0) { /* the other photo stays loaded: going back to it is quick */
        bool was = v->shown > 0;
        v->shown = v->loading = 0;
        if (was) {
            fit_to(app, &app->doc.photo);
            app_set_status(app, "View 0: the plan's own photo, where it is edited");
        }
        return;
    }
    app_tool_set(app, TOOL_PAN); /* only areas are painted on another view */
    SmpPlan shallow;
    ScalpViews views;
    app_doc_views(app, &shallow, &views); /* the plan as a job would copy it */
    if (v->got.n == n && v->got.photo.pixels && !v->job.running && plan_equal(&v->got.plan, &shallow))
        show_got(app); /* loaded, and its dots are the plan's still */
    else
        start_load(app, n);
}

/* The finished job's photo and dots (or only its dots) become `got`. */
static void take_job(AppViews *v)
{
    AppViewJob *j = &v->job;
    if (j->again) {
        dots_free(&v->got.dots);
        plan_free(&v->got.plan);
        v->got.dots = j->dots, v->got.plan = j->plan;
        j->dots = (DotList){0};
        plan_init(&j->plan);
        if (j->mattes.head.alpha) { /* made again: the corrections changed */
            mattes_free(&v->got.mattes);
            matte_free(&v->got.keep);
            v->got.mattes = j->mattes, v->got.keep = j->keep, v->got.corrections = j->corrections;
            j->mattes = (SmpMattes){0}, j->keep = (SmpMatte){0};
        }
        job_free(j);
        return;
    }
    job_free(&v->got);
    v->got = *j; /* the photo, mattes, dots, keep mask, look and the plan they follow move over */
    memset(j, 0, sizeof *j);
}

void app_views_poll(App *app)
{
    AppViews *v = &app->views;
    AppViewJob *j = &v->job;
    if (!j->running || !atomic_load(&j->done))
        return;
    thrd_join(j->thread, NULL);
    j->running = false;
    int wanted = v->loading;
    bool prefetched = j->ok && wanted == 0 && !j->again && j->n == v->prefetch;
    v->loading = v->prefetch = 0;
    if (!j->ok || (wanted == 0 && !prefetched)) { /* failed, or back on view 0 meanwhile */
        if (!j->ok && wanted)
            app_set_error(app, j->err.msg);
        job_free(j);
        return;
    }
    take_job(v);
    if (wanted != v->got.n) { /* prefetched (kept for a tap), or another view asked for meanwhile */
        if (wanted > 0)
            start_load(app, wanted);
        return;
    }
    if (v->shown == v->got.n)
        v->gen++;
    else
        show_got(app);
}

void app_views_plan_changed(App *app)
{
    if (app->views.shown > 0)
        start_load(app, app->views.shown);
}

/* The next label after `from` whose fit on the shown photo is plausible and can be
 * stored; false when none is (the view keeps its fit). */
static bool next_plausible_fit(const AppViewJob *got, int from, PlanHead *out, SmpError *err)
{
    for (int k = 1; k <= HEAD_VIEW_COUNT; k++) {
        HeadFit fit;
        if (!head3d_fit_photo(&got->mattes.head, got->photo.width, got->photo.height, NULL, 0.0,
                              (from + k) % HEAD_VIEW_COUNT, &fit, out, err))
            return false;
        if (fit.plausible && plan_head_in_bounds(out))
            return true;
    }
    return smp_fail(err, "no other view of the head fits this photo");
}

void app_views_next_label(App *app)
{
    AppViews *v = &app->views;
    int n = v->shown;
    if (n <= 0 || !v->got.mattes.head.alpha || v->got.mattes.head.uncertain) {
        app_set_status(app, "No head found on this photo: its 3D head stays as it is");
        return;
    }
    PlanHead fit;
    SmpError err = {{0}};
    if (!next_plausible_fit(&v->got, app->doc.plan.extra_views[n - 1].head.view, &fit, &err)) {
        app_set_status(app, err.msg);
        return;
    }
    app_edit_begin(app);
    app->doc.plan.extra_views[n - 1].head = fit; /* one undo step; its dots are made again */
    app_edit_end(app);
    char msg[96];
    snprintf(msg, sizeof msg, "View %d: 3D head as a %s view (V: next)", n, head3d_view_name((HeadView)fit.view));
    app_set_status(app, msg);
}

double app_views_px_per_mm(const App *app)
{
    return app->views.shown > 0 ? app->views.got.ppm : plan_px_per_mm(&app->doc.plan);
}

bool app_views_seen_areas(const App *app, SmpPlan *out)
{
    SmpPlan shallow;
    ScalpViews views;
    SmpError err;
    if (!app_doc_views(app, &shallow, &views) ||
        (app->views.shown == 0 && !scalp_plan_has_view_regions(&shallow)))
        return false;
    shallow.hairline.count = 0; /* the areas alone, not the hairline's treated side */
    return scalp_plan_seen_from(&shallow, &views, app->views.shown, out, &err);
}

unsigned app_views_photo_gen(const App *app)
{
    return app->views.shown > 0 ? 0x80000000u | app->views.gen : app->doc.photo_gen;
}

bool app_views_busy(const App *app)
{
    const AppViewThumbs *t = &app->views.thumbs;
    for (int n = 0; t->started && n < t->count; n++)
        if (atomic_load(&t->state[n]) == 0)
            return true;
    return app->views.job.running;
}

void app_views_free(App *app)
{
    thumbs_join(&app->views.thumbs);
    AppViewJob *j = &app->views.job;
    if (j->running)
        thrd_join(j->thread, NULL);
    job_free(j);
    job_free(&app->views.got);
}
