/* The photo's head and hair mattes (docs/mattes.md), found on a worker thread
 * after the photo is already on screen: opening shows the photo and its dots
 * at once, and the dots leave the background and go under the hair a moment
 * later, when the mattes are folded in. */
#include "app_internal.h"

#include <string.h>

/* The view's keep mask is at most KEEP_MASK_MAX_SIDE texels on a side (a texture
 * every GL ES 3 device holds); a bigger photo gets it averaged over blocks. */
#define KEEP_MASK_MAX_SIDE 4096
static int keep_mask_step(const SmpImage *photo)
{
    int side = photo->width > photo->height ? photo->width : photo->height;
    return (side + KEEP_MASK_MAX_SIDE - 1) / KEEP_MASK_MAX_SIDE;
}

static int matte_thread(void *arg)
{
    AppMatteJob *job = arg;
    /* What the export draws on (render_plan), and the view's copy of what it
     * keeps, within a texture the GPU can hold. */
    job->ok = mattes_compute(&job->photo, 2, &job->mattes, &job->err) &&
              mattes_keep_mask(&job->mattes, keep_mask_step(&job->photo), &job->ink_keep, &job->err);
    /* The 3D head from the head's outline, every label tried: the guess shown. */
    SmpError fit_err;
    job->fitted = job->ok && job->fit_wanted && !job->mattes.head.uncertain &&
                  head3d_fit_photo(&job->mattes.head, job->photo.width, job->photo.height, &job->marks, job->ppm, -1,
                                   &job->fit, &job->fit_head, &fit_err);
    atomic_store(&job->done, 1);
    return 0;
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
}

void app_mattes_start(App *app)
{
    mattes_clear(app);
    AppMatteJob *job = &app->matte_job;
    if (job->running || !app->doc.has_photo)
        return; /* the poll starts it for the newest photo once the old one ends */
    *job = (AppMatteJob){.photo = app->doc.photo, .photo_gen = app->doc.photo_gen};
    job->fit_wanted = !app->doc.head.from_plan;
    job->marks = app->doc.plan.landmarks;
    job->ppm = app->doc.plan.scale.set ? plan_px_per_mm(&app->doc.plan) : 0.0;
    atomic_store(&job->done, 0);
    if (thrd_create(&job->thread, matte_thread, job) != thrd_success) {
        job->photo = (SmpImage){0};
        app_set_error(app, "could not start finding the head and hair: dots follow the painted areas");
        return;
    }
    job->running = true;
}

void app_mattes_poll(App *app)
{
    AppMatteJob *job = &app->matte_job;
    if (!job->running || !atomic_load(&job->done))
        return;
    bool current = !job->owns_photo && job->photo_gen == app->doc.photo_gen;
    job_finish(job);
    if (!current) {
        mattes_free(&job->mattes);
        matte_free(&job->ink_keep);
        if (app->doc.has_photo)
            app_mattes_start(app); /* for the photo that replaced it */
        return;
    }
    if (!job->ok) {
        app_set_error(app, job->err.msg);
        return;
    }
    mattes_clear(app);
    app->doc.mattes = job->mattes;
    app->doc.ink_keep = job->ink_keep;
    job->mattes = (SmpMattes){0};
    job->ink_keep = (SmpMatte){0};
    skin_tone_measure(&app->doc.photo, &app->doc.mattes, &app->doc.skin); /* for the pigment warnings */
    app_set_status(app, app->doc.mattes.head.uncertain ? "Head not found: dots follow painted areas"
                                                   : "Head and hair found (M shows them)");
    if (job->fitted)
        app_head_fitted(app, &job->fit, &job->fit_head);
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
