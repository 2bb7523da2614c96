/* The photo's head and hair mattes (docs/mattes.md), found on a worker thread
 * after the photo is already on screen: opening shows the photo and its dots
 * at once, and the dots leave the background and go under the hair a moment
 * later, when the mattes are folded in. */
#include "app_internal.h"
#include "app_job.h"

#include "../core/head_correct.h"

#include <string.h>

/* The view's keep mask is at most KEEP_MASK_MAX_SIDE texels on a side (a texture
 * every GL ES 3 device holds); a bigger photo gets it averaged over blocks. */
#define KEEP_MASK_MAX_SIDE 4096
int app_mattes_keep_step(const SmpImage *photo)
{
    int side = photo->width > photo->height ? photo->width : photo->height;
    return (side + KEEP_MASK_MAX_SIDE - 1) / KEEP_MASK_MAX_SIDE;
}

/* The 3D head from the head's outline, every label tried: the guess shown. */
static void fit_head(AppMatteJob *job)
{
    SmpError fit_err;
    job->fitted = job->fit_wanted && !job->mattes.head.uncertain &&
                  head3d_fit_photo(&job->mattes.head, job->photo.width, job->photo.height, &job->marks, job->ppm, -1,
                                   &job->fit, &job->fit_head, &fit_err);
}

bool app_mattes_step(MattesSteps **steps, const SmpImage *photo, const SmpPlan *plan, int view, int threads,
                     SmpMattes *out, bool *ok, SmpError *err)
{
    if (!*steps)
        *steps = mattes_steps_begin(photo, plan, view, threads, app_job_bounds().budget);
    if (*steps && mattes_steps_next(*steps))
        return false;
    *ok = mattes_steps_end(*steps, out, err);
    *steps = NULL;
    return true;
}

bool app_mattes_view_step(MattesViewSteps *s, const SmpMattes *m, int step, double px_per_mm, SmpMatte *keep,
                          MatteCover *cover, bool *ok, SmpError *err)
{
    if (!s->keep && !mattes_view_begin(s, m, step, px_per_mm, keep, cover, err)) {
        *ok = false;
        return true;
    }
    return !mattes_view_next(s, app_job_bounds().budget);
}

/* One step of what the view keeps of the mattes: the keep mask, within a texture
 * the GPU can hold, and the hair cover grid the dots are filtered with, at the plan's
 * scale. True once it is done (or failed). */
static bool view_step(AppMatteJob *job)
{
    return app_mattes_view_step(&job->view, &job->mattes, app_mattes_keep_step(&job->photo),
                                plan_px_per_mm(&job->plan), &job->ink_keep, &job->cover, &job->ok, &job->err);
}

/* The steps of finding the mattes (app_job.h): what the export draws on
 * (mattes_compute_for_plan's, in as many steps as it takes), what the view keeps
 * of them, the skin's tone and the 3D head: none of it is left for the frame that
 * folds them in. The job's phase says where it is, not the step's number. */
static bool matte_step(void *arg, int step)
{
    (void)step;
    AppMatteJob *job = arg;
    enum { MATTES, VIEW, SKIN, FIT };
    bool phase_done = true;
    switch (job->phase) {
    case MATTES:
        job->ok = true; /* so far: the steps go on */
        phase_done = app_mattes_step(&job->steps, &job->photo, &job->plan, 0, app_job_bounds().threads,
                                     &job->mattes, &job->ok, &job->err);
        break;
    case VIEW: phase_done = view_step(job); break;
    case SKIN: skin_tone_measure(&job->photo, &job->mattes, &job->skin); break;
    case FIT: fit_head(job); break;
    }
    job->phase += phase_done;
    if (job->ok && job->phase <= FIT)
        return true;
    atomic_store(&job->done, 1);
    return false;
}

bool app_mattes_running(const App *app) { return app->matte_job.running; }

/* Drops what the app knew of the mattes: the dots are drawn unfiltered until
 * the next ones arrive. */
static void mattes_clear(App *app)
{
    mattes_free(&app->doc.mattes);
    matte_free(&app->doc.ink_keep);
    mattes_cover_free(&app->doc.cover);
    app->doc.skin = (SkinTone){0};
    app->doc.dots_gen++; /* the dots drawn change: filter them again, redraw them */
    app->doc.mattes_gen++;
}

static void job_finish(AppMatteJob *job)
{
    thrd_join(job->thread, NULL);
    job->running = false;
    if (job->owns_photo)
        image_free(&job->photo);
    job->photo = (SmpImage){0};
    job->owns_photo = false;
    plan_free(&job->plan);
}

/* Starts the worker on the document's photo and a copy of its plan. */
static void job_launch(App *app, bool refresh)
{
    AppMatteJob *job = &app->matte_job;
    int corrections = job->corrections;
    *job = (AppMatteJob){.photo = app->doc.photo, .photo_gen = app->doc.photo_gen, .refresh = refresh,
                         .corrections = corrections};
    plan_init(&job->plan);
    SmpError err;
    if (!plan_copy(&app->doc.plan, &job->plan, &err)) {
        job->photo = (SmpImage){0};
        app_set_error(app, err.msg);
        return;
    }
    job->key = head_matte_plan_key(&job->plan);
    job->fit_wanted = !refresh && !app->doc.head.from_plan; /* the 3D head, when the photo opens */
    job->marks = job->plan.landmarks;
    job->ppm = job->plan.scale.set ? plan_px_per_mm(&job->plan) : 0.0;
    atomic_store(&job->done, 0);
    if (app_job_start(&job->thread, matte_step, job) != thrd_success) {
        job->photo = (SmpImage){0};
        plan_free(&job->plan);
        app_set_error(app, "could not start finding the head and hair: dots follow the painted areas");
        return;
    }
    job->running = true;
}

void app_mattes_start(App *app)
{
    mattes_clear(app);
    app->matte_job.corrections = 0;
    if (app->matte_job.running || !app->doc.has_photo)
        return; /* the poll starts it for the newest photo once the old one ends */
    job_launch(app, false);
}

void app_mattes_plan_edited(App *app)
{
    AppMatteJob *job = &app->matte_job;
    job->check = true;
    if (job->corrections > app->doc.plan.head_correction_count) /* undone: a new stroke shows as pending */
        job->corrections = app->doc.plan.head_correction_count;
}

/* Once no gesture is under way: the mattes found again when the plan's seeds or
 * corrections are not those of the mattes shown or being found. */
static void follow_plan(App *app)
{
    AppMatteJob *job = &app->matte_job;
    if (!job->check || job->running || app->history.open || !app->doc.has_photo)
        return;
    job->check = false;
    if (head_matte_plan_key(&app->doc.plan) != job->key)
        job_launch(app, true);
}

void app_mattes_poll(App *app)
{
    AppMatteJob *job = &app->matte_job;
    if (!job->running || !atomic_load(&job->done)) {
        follow_plan(app);
        return;
    }
    bool current = !job->owns_photo && job->photo_gen == app->doc.photo_gen;
    int corrections = job->plan.head_correction_count;
    job_finish(job);
    job->check = true; /* edits made meanwhile: found again next */
    if (!current) {
        mattes_free(&job->mattes);
        matte_free(&job->ink_keep);
        mattes_cover_free(&job->cover);
        if (app->doc.has_photo)
            app_mattes_start(app); /* for the photo that replaced it */
        return;
    }
    if (!job->ok) {
        mattes_cover_free(&job->cover);
        app_set_error(app, job->err.msg);
        return;
    }
    mattes_clear(app);
    app->doc.mattes = job->mattes;
    app->doc.ink_keep = job->ink_keep;
    app->doc.cover = job->cover; /* made again by the frame should the scale have changed meanwhile */
    app->doc.skin = job->skin;   /* for the pigment warnings */
    job->mattes = (SmpMattes){0};
    job->ink_keep = (SmpMatte){0};
    job->cover = (MatteCover){0};
    job->corrections = corrections;
    if (job->refresh)
        app_set_status(app, "Head and hair updated for the plan (M shows them)");
    else
        app_set_status(app, app->doc.mattes.head.uncertain ? "Head not found: dots follow painted areas"
                                                       : "Head and hair found (M shows them)");
    if (job->fitted)
        app_head_fitted(app, &job->fit, &job->fit_head, &job->marks, job->ppm);
}

void app_mattes_release_photo(App *app)
{
    AppMatteJob *job = &app->matte_job;
    if (job->running && !job->owns_photo && job->photo.pixels == app->doc.photo.pixels) {
        job->owns_photo = true; /* freed when the thread is done with it */
        app->doc.photo = (SmpImage){0};
        return;
    }
    image_free(&app->doc.photo);
}

void app_mattes_join(App *app)
{
    AppMatteJob *job = &app->matte_job;
    if (job->running)
        job_finish(job);
    mattes_free(&job->mattes);
    matte_free(&job->ink_keep);
    mattes_cover_free(&job->cover);
}

void app_toggle_mattes_overlay(App *app)
{
    app->mattes_overlay = !app->mattes_overlay;
    if (!app->mattes_overlay)
        app_set_status(app, "Head and hair overlay off");
    else if (app->matte_job.running)
        app_set_status(app, "Still finding the head and hair...");
    else if (!app->doc.ink_keep.alpha || app->doc.mattes.head.uncertain)
        app_set_status(app, "Head not found: nothing to show");
    else
        app_set_status(app, "Magenta: no dots there (M hides it)");
}
