/* app_match.c - Match in the editor: the automatic sample and the eyedropper propose
 * a look for the treated area (core/match.h) on a worker thread; Apply takes it as
 * one undo step. */
#include "app_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int match_thread(void *arg)
{
    AppMatchJob *job = arg;
    job->ok = match_propose_for(&job->photo, job->has_mattes ? &job->mattes : NULL, &job->plan,
                                job->has_at ? &job->at : NULL, &job->skin, &job->p, &job->err);
    atomic_store(&job->done, 1);
    return 0;
}

static bool matte_dup(const SmpMatte *src, SmpMatte *dst)
{
    *dst = *src;
    dst->alpha = src->alpha ? malloc((size_t)src->width * src->height) : NULL;
    if (src->alpha && dst->alpha)
        memcpy(dst->alpha, src->alpha, (size_t)src->width * src->height);
    return !src->alpha || dst->alpha;
}

static void job_free(AppMatchJob *job)
{
    image_free(&job->photo);
    mattes_free(&job->mattes);
    plan_free(&job->plan);
}

/* The job's own copies of the photo, its mattes (when found) and the plan. */
static bool job_copy(App *app, AppMatchJob *job, SmpError *err)
{
    const SmpMattes *m = &app->doc.mattes;
    job->has_mattes = m->head.alpha != NULL;
    bool ok = image_copy(&app->doc.photo, &job->photo, err) && plan_copy(&app->doc.plan, &job->plan, err);
    if (ok && job->has_mattes && !(matte_dup(&m->head, &job->mattes.head) && matte_dup(&m->hair, &job->mattes.hair)))
        ok = smp_fail(err, "out of memory copying the mattes");
    return ok;
}

void app_match_run(App *app, const MatchDisc *at)
{
    AppMatchJob *job = &app->match.job;
    if (!app->doc.has_photo || job->running) {
        app_set_status(app, job->running ? "Match: still working" : "Match: open a photo first");
        return;
    }
    if (app_mattes_running(app)) {
        app_set_status(app, "Match: the head and hair are still being found, try again in a moment");
        return;
    }
    *job = (AppMatchJob){.has_at = at != NULL, .at = at ? *at : (MatchDisc){0}, .skin = app->doc.skin};
    atomic_store(&job->done, 0);
    SmpError err;
    if (!job_copy(app, job, &err) || thrd_create(&job->thread, match_thread, job) != thrd_success) {
        job_free(job);
        app_set_status(app, "Match: could not start (out of memory)");
        return;
    }
    job->running = true;
    app->match.offered = false;
    app->match.photo_gen = app->doc.photo_gen;
    app->panels.step = STEP_LOOK;
    app_set_status(app, at ? "Match: sampling where you tapped..." : "Match: looking for the stubble...");
}

bool app_match_running(const App *app) { return app->match.job.running; }

void app_match_join(App *app)
{
    AppMatchJob *job = &app->match.job;
    if (!job->running)
        return;
    thrd_join(job->thread, NULL);
    job->running = false;
    job_free(job);
}

void app_match_poll(App *app)
{
    AppMatchJob *job = &app->match.job;
    if (!job->running || !atomic_load(&job->done))
        return;
    app_match_join(app);
    if (app->match.photo_gen != app->doc.photo_gen)
        return; /* made for a photo no longer open */
    char msg[SMP_ERROR_MAX + 16];
    app->match.offered = job->ok;
    app->match.p = job->p;
    if (job->ok && match_miss(&job->p.after, &job->p.sample) > 0.15) /* the 15 % the tests hold Match to */
        snprintf(msg, sizeof msg, "Match: as close as dots under 1 mm%s get (grain %.1f of the stubble's %.1f); "
                 "Apply or Cancel in the Look step", pigment_shade_max(&job->p.skin) < 1 ? " and a safe shade" : "",
                 job->p.after.speckle, job->p.sample.speckle);
    else if (job->ok)
        snprintf(msg, sizeof msg, "Match: sampled at %.0f, %.0f; Apply or Cancel in the Look step", job->p.sample_at.x,
                 job->p.sample_at.y);
    else
        snprintf(msg, sizeof msg, "Match: %s", job->err.msg);
    app_set_status(app, msg);
}

void app_match_tap(App *app, double px, double py)
{
    MatchDisc at = {px, py, MATCH_DISC_MM * plan_px_per_mm(&app->doc.plan)};
    app_match_run(app, &at);
}

void app_match_apply(App *app)
{
    AppMatch *am = &app->match;
    if (!am->offered || am->photo_gen != app->doc.photo_gen) {
        am->offered = false;
        return;
    }
    app_edit_begin(app);
    app->doc.plan.dots = am->p.dots;
    app->doc.plan.pigment = am->p.pigment;
    app_mark_changed(app, SCENE_CHANGED_LOOK);
    app_edit_end(app);
    am->offered = false;
    app_set_status(app, "Match applied (Ctrl+Z undoes it)");
}

void app_match_cancel(App *app) { app->match.offered = false; }

/* The proposal in four short lines: what was matched, the treated patch after and
 * before, and the look proposed. */
static float offer_text(App *app, float x, float y)
{
    const MatchProposal *p = &app->match.p;
    Ui *ui = &app->ui;
    float s = ui->scale, lh = 18 * s;
    char lines[4][96];
    snprintf(lines[0], sizeof lines[0], "Stubble: L* %.0f, grain %.1f", p->sample.l_mean, p->sample.speckle);
    snprintf(lines[1], sizeof lines[1], "Treated: L* %.0f, grain %.1f (was %.0f, %.1f)", p->after.l_mean,
             p->after.speckle, p->before.l_mean, p->before.speckle);
    snprintf(lines[2], sizeof lines[2], "Darkness %.2f, warmth %.2f", p->pigment.shade, p->pigment.warmth);
    snprintf(lines[3], sizeof lines[3], "%.0f dots/cm\xc2\xb2, %.2f-%.2f mm, %s", p->dots.density,
             p->dots.diameter_min_mm, p->dots.diameter_max_mm, p->dots.elongation > 1.0 ? "oval" : "round");
    for (int i = 0; i < 4; i++)
        ui_text(ui, x + 8 * s, y + 4 * s + i * lh, FONT_SMALL, lines[i], i < 2 ? ui->theme.text_dim : ui->theme.text);
    return y + 4 * lh + 8 * s;
}

float app_match_rows(App *app, uint32_t tab, float x, float y, float w)
{
    Ui *ui = &app->ui;
    float bh = 48 * ui->scale;
    if (ui_button(ui, ui_id(tab, "Match"), (UiRect){x, y, w / 2, bh}, "Match stubble", false))
        app_match_run(app, NULL);
    if (ui_button(ui, ui_id(tab, "Eyedropper"), (UiRect){x + w / 2, y, w / 2, bh}, "Eyedropper",
                  app->tools.tool == TOOL_EYEDROPPER))
        app_tool_set(app, TOOL_EYEDROPPER);
    y += bh;
    if (app->match.offered && app->match.photo_gen != app->doc.photo_gen)
        app->match.offered = false;
    if (!app->match.offered)
        return y;
    y = offer_text(app, x, y);
    if (ui_button(ui, ui_id(tab, "Apply match"), (UiRect){x, y, w / 2, bh}, "Apply", true))
        app_match_apply(app);
    if (ui_button(ui, ui_id(tab, "Cancel match"), (UiRect){x + w / 2, y, w / 2, bh}, "Cancel", false))
        app_match_cancel(app);
    return y + bh;
}
