/* app_export.c - exporting the preview image: the same renderer as
 * `smpview render`, on a worker thread, of the whole photo or the view. */
#include "app_internal.h"
#include "app_job.h"

#include "../core/render.h"
#include "../core/render_views.h"
#include "../io/atomic_file.h"
#include "../io/image_write.h"
#include "../io/photo.h"
#include "../io/plan_file.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void app_export_join(App *app)
{
    if (app->job.running) {
        thrd_join(app->job.thread, NULL);
        app->job.running = false;
        if (app->job.writing)
            image_write_abandon(app->job.writing);
        app->job.writing = NULL;
        plan_free(&app->job.plan);
        image_free(&app->job.view_photo);
    }
}

/* RenderViewPhoto: view 0 is the photo on screen, the others are read as
 * `render --layout views` reads them (beside the plan file). */
static bool job_view_photo(void *ctx, int n, SmpImage *out, SmpError *err)
{
    const AppExportJob *job = ctx;
    if (n == 0)
        return image_copy(&job->photo, out, err);
    return plan_load_view_photo(job->plan_path, &job->plan, n, out, err);
}

/* As `smpview render` with the same options: the same bytes. The logo is read
 * here, as `render --logo` reads it, and kept by the job until the picture is drawn. */
static bool request_begin(AppExportJob *job)
{
    job->req = (RenderRequest){.label = job->label ? "SIMULATION" : NULL, .layout = job->layout,
                               .preset = job->preset, .anonymise = job->anonymise, .progress = &job->progress,
                               .view = job->view, .clinic_text = job->clinic_text[0] ? job->clinic_text : NULL};
    job->req.logo = job->logo_path[0] ? &job->logo : NULL;
    return !job->logo_path[0] || photo_load(job->logo_path, &job->logo, NULL, &job->err);
}

/* The photo's mattes are found in steps first (another view's with only the head
 * corrections made on it); the views' sheet finds every view's in its own steps. */
static bool mattes_in_steps(const AppExportJob *job)
{
    return job->layout != LAYOUT_VIEWS;
}

/* One step of the photo's mattes, on all cores on the desktop as `smpview render`;
 * true once found (or failed). */
static bool mattes_step(AppExportJob *job)
{
    AppJobBounds b = app_job_bounds();
    int threads = b.budget == INT64_MAX ? render_default_threads() : b.threads;
    return app_mattes_step(&job->mattes_steps, &job->photo, &job->plan, job->view, threads, &job->mattes, &job->ok,
                           &job->err);
}

/* One step of what the dots keep of the mattes: the keep mask and the hair cover
 * grid at the dots' scale. True once made (or failed). */
static bool keep_step(AppExportJob *job)
{
    double ppm = render_view_px_per_mm(&job->plan, job->view, job->photo.width, job->photo.height);
    return app_mattes_view_step(&job->keep_steps, &job->mattes, 1, ppm, &job->keep, &job->cover, &job->ok, &job->err);
}

/* One step of the picture on what the steps found: true once drawn into out (or failed). */
static bool picture_step(AppExportJob *job, SmpImage *out)
{
    if (!job->picture) {
        const RenderMattes known = {&job->mattes, &job->keep, &job->cover};
        atomic_store(&job->finding_mattes, 0);
        job->picture = render_steps_begin(&job->photo, &job->plan, &job->req, &known, app_job_bounds().budget);
    }
    if (render_steps_next(job->picture))
        return false;
    job->ok = render_steps_end(job->picture, out, &job->err);
    job->picture = NULL;
    return true;
}

/* One step of the views' sheet: true once drawn into out (or failed). */
static bool views_sheet_step(AppExportJob *job, SmpImage *out)
{
    if (!job->views)
        job->views = render_views_steps_begin(&job->plan, &job->req, job_view_photo, job, app_job_bounds().budget);
    if (render_views_steps_next(job->views))
        return false;
    job->ok = render_views_steps_end(job->views, out, &job->err);
    job->views = NULL;
    return true;
}

/* The picture (empty when it failed) cropped to the view if asked and its file
 * begun: the job ends. */
static void export_end(AppExportJob *job, SmpImage *out)
{
    if (job->ok && job->view_only) {
        SmpImage crop = {0};
        job->ok = image_create(job->crop_w, job->crop_h, &crop, &job->err);
        for (int y = 0; job->ok && y < job->crop_h; y++)
            memcpy(image_pixel(&crop, 0, y), image_pixel(out, job->crop_x, job->crop_y + y), (size_t)job->crop_w * 4);
        image_free(out);
        *out = crop;
    }
    mattes_free(&job->mattes);
    matte_free(&job->keep);
    mattes_cover_free(&job->cover);
    image_free(&job->logo);
    if (job->ok) /* out is taken: the web build may still encode it after this job */
        job->ok = image_write_begin(job->path, out, &job->writing, &job->err);
    image_free(out);
    atomic_store(&job->finding_mattes, 0);
    atomic_store(&job->done, 1);
}

/* The export's steps (app_job.h): the mattes and what the dots keep of them, then
 * the picture or the sheet; or the views' sheet, each view's photo, mattes and
 * picture. Each as bounded as the app's jobs are (the web build draws frames
 * between them). Then the file. The phase says where it is, not the step's number. */
static bool export_step(void *arg, int step)
{
    AppExportJob *job = arg;
    SmpImage out = {0};
    bool drawn = false;
    if (step == 0)
        job->ok = request_begin(job);
    if (job->ok) {
        switch (job->phase) {
        case EXPORT_MATTES: job->phase += mattes_step(job); break;
        case EXPORT_KEEP: job->phase += keep_step(job); break;
        case EXPORT_PICTURE: drawn = picture_step(job, &out); break;
        case EXPORT_VIEWS_SHEET: drawn = views_sheet_step(job, &out); break;
        }
    }
    if (job->ok && !drawn)
        return true;
    export_end(job, &out);
    return false;
}

void app_export_start(App *app, const char *path)
{
    if (app->job.running || !app->doc.has_photo)
        return;
    if (!image_write_supported(path)) {
        char msg[APP_PATH_MAX + 64];
        snprintf(msg, sizeof msg, "%s: export as .png, .jpg or .jpeg", path);
        app_set_error(app, msg);
        return;
    }
    if (file_is_same(path, app->dlg.export_logo)) {
        char msg[APP_PATH_MAX + 96];
        snprintf(msg, sizeof msg, "%s: this is the logo the export places; export under another name", path);
        app_refuse(app, "Choose another name", msg);
        return;
    }
    if (file_is_same(path, app->doc.photo_path) || file_is_same(path, app->doc.plan_path)) {
        char msg[APP_PATH_MAX + 96];
        snprintf(msg, sizeof msg, "%s: this is the open %s; export under another name", path,
                 file_is_same(path, app->doc.photo_path) ? "photo" : "plan");
        app_refuse(app, "Choose another name", msg);
        return;
    }
    const PlanConsent *consent = &app->doc.plan.consent;
    if (compose_preset_is_social(app->dlg.export_preset) && !(consent->recorded && consent->marketing)) {
        app_refuse(app, "Consent needed", "A social media crop needs the client's consent to marketing use: ask, and set "
                           "\"Marketing consent: yes\" in the Export dialog.");
        return;
    }
    app_edit_end(app);
    AppExportJob *job = &app->job;
    memset(&job->err, 0, sizeof job->err);
    plan_free(&job->plan);
    plan_init(&job->plan);
    if (!plan_copy(&app->doc.plan, &job->plan, &job->err)) {
        app_set_error(app, job->err.msg);
        return;
    }
    app_head_into_plan(app, &job->plan); /* as the view shows it */
    app_copy_str(job->path, sizeof job->path, path);
    app_copy_str(job->plan_path, sizeof job->plan_path, app->doc.plan_path);
    app_copy_str(job->logo_path, sizeof job->logo_path, app->dlg.export_logo);
    app_copy_str(job->clinic_text, sizeof job->clinic_text, app->dlg.export_text);
    job->photo = app->doc.photo;
    job->layout = app->dlg.export_layout;
    /* another view shown: it is exported as `render --view n` draws it, from a
     * copy (the view may change while the export runs) */
    job->view = job->layout == LAYOUT_VIEWS ? 0 : app->views.shown;
    if (job->view > 0 && !image_copy(&app->views.got.photo, &job->view_photo, &job->err)) {
        app_set_error(app, job->err.msg);
        return;
    }
    if (job->view > 0)
        job->photo = job->view_photo;
    job->label = app->dlg.export_label;
    job->preset = app->dlg.export_preset;
    job->anonymise = app->dlg.export_anonymise;
    /* the current view is a part of the photo: only for the plain picture */
    job->view_only = app->dlg.export_view_only && job->layout == LAYOUT_AFTER && job->preset == PRESET_FULL &&
                     job->anonymise == ANONYMISE_NONE;
    /* The visible part of the photo, in photo pixels. */
    double x0, y0, x1, y1;
    view_to_photo(&app->view, app->view.rect.x, app->view.rect.y, &x0, &y0);
    view_to_photo(&app->view, app->view.rect.x + app->view.rect.w, app->view.rect.y + app->view.rect.h, &x1, &y1);
    job->crop_x = (int)fmax(0, floor(x0));
    job->crop_y = (int)fmax(0, floor(y0));
    job->crop_w = (int)fmin(job->photo.width, ceil(x1)) - job->crop_x;
    job->crop_h = (int)fmin(job->photo.height, ceil(y1)) - job->crop_y;
    if (job->crop_w <= 0 || job->crop_h <= 0)
        job->view_only = false;
    atomic_store(&job->done, 0);
    atomic_store(&job->progress, 0);
    atomic_store(&job->finding_mattes, mattes_in_steps(job));
    job->phase = mattes_in_steps(job) ? EXPORT_MATTES : EXPORT_VIEWS_SHEET;
    job->keep_steps = (MattesViewSteps){0}; /* not begun */
    job->ok = true;
    if (app_job_start(&job->thread, export_step, job) != thrd_success) {
        app_set_error(app, "could not start the export");
        return;
    }
    job->running = true;
    app_set_status(app, "Exporting...");
}

static void say_progress(App *app, const char *msg)
{
    if (strcmp(msg, app->status.text))
        app_set_status(app, msg);
}

void app_export_poll(App *app)
{
    AppExportJob *job = &app->job;
    if (!job->running)
        return;
    if (!atomic_load(&job->done)) {
        char msg[48]; /* a sheet renders every session and stage: say how far it is */
        snprintf(msg, sizeof msg, "Exporting... %d%%", atomic_load(&job->progress) / 10);
        say_progress(app, atomic_load(&job->finding_mattes) ? "Exporting... finding the head and hair" : msg);
        return;
    }
    if (job->writing) { /* rendered; its file may still be on its way (the web build's worker) */
        int got = image_write_poll(job->writing, &job->err);
        if (got == 0) {
            say_progress(app, "Exporting... saving the image");
            return;
        }
        job->writing = NULL;
        job->ok = got > 0;
    }
    app_export_join(app);
    if (app->job.ok) {
        char msg[APP_PATH_MAX + 16];
        snprintf(msg, sizeof msg, "Exported %s", app->job.path);
        app_set_status(app, msg); /* first: a state folder failure below replaces it */
        app_doc_note_export(&app->doc, app->job.path);
        app_state_set_last_folder(app, app->job.path);
    } else {
        app_set_error(app, app->job.err.msg);
    }
}
