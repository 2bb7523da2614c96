/* app_mattes.h - the photo's head and hair mattes, found on a worker thread
 * once the photo shows (app_mattes.c). */
#ifndef SMP_APP_MATTES_H
#define SMP_APP_MATTES_H

#include "../core/head3d_fit.h"
#include "../core/matte_apply.h"
#include "../core/plan.h"
#include "../core/skin_tone.h"
#include "app.h"

#include <stdatomic.h>
#include <threads.h>

typedef struct AppMatteJob {
    thrd_t thread;
    bool running;
    atomic_int done;  /* 1 when the thread has finished */
    bool ok;
    SmpError err;
    SmpImage photo;   /* a view of the photo it was started for ... */
    bool owns_photo;  /* ... owned here once a newer photo replaced it */
    unsigned photo_gen;
    SmpPlan plan;     /* a copy of the plan it seeds and corrects the head with */
    uint64_t key;     /* head_matte_plan_key of the plan it last started with */
    bool refresh;     /* the photo's mattes found again after an edit, not a new photo's */
    bool check;       /* the plan may have changed what the mattes depend on */
    int phase;        /* matte_step's: mattes, view, skin tone, 3D head */
    MattesSteps *steps;   /* the head and hair mattes being found, a step at a time */
    MattesViewSteps view; /* then the view's keep mask and cover grid (begun once view.keep is set) */
    MatteCover cover;     /* the hair cover grid, at the plan's scale */
    SkinTone skin;        /* the skin's tone under the mattes (pigment warnings) */
    SmpMattes mattes;
    SmpMatte ink_keep;
    int corrections;  /* head corrections the view's mattes include (the first ones of the plan) */
    /* The head fit (app_head.c), from the plan's marks and scale at the start */
    bool fit_wanted, fitted;
    PlanLandmarks marks;
    double ppm;   /* 0: no scale set */
    HeadFit fit;
    PlanHead fit_head;
} AppMatteJob;

/* Started for the photo just committed, folded in by the poll when found;
 * the photo the app replaces or frees while they are being found goes to
 * app_mattes_release_photo instead of image_free. */
void app_mattes_start(App *app);
void app_mattes_poll(App *app);
/* After an edit, undo or redo: when the plan's seeds or head corrections changed, the
 * mattes are found again on the worker once the gesture is over (the view keeps the
 * old ones meanwhile: a frame never waits). */
void app_mattes_plan_edited(App *app);
void app_mattes_release_photo(App *app);
void app_mattes_join(App *app);
bool app_mattes_running(const App *app);
/* One step of a job's head and hair mattes of view `view`'s photo (mattes_steps_*,
 * seeded and corrected by plan), begun on the first call, with the app's job budget
 * (app_job.h), on threads: true once done, *ok then saying whether they were found
 * into out (else err). */
bool app_mattes_step(MattesSteps **steps, const SmpImage *photo, const SmpPlan *plan, int view, int threads,
                     SmpMattes *out, bool *ok, SmpError *err);
/* One step of what the dots keep of mattes m (mattes_view_*: the keep mask at `step`,
 * the hair cover grid at px_per_mm), begun on the first call (while s->keep is NULL),
 * with the app's job budget: true once done, or failed (*ok false, err). */
bool app_mattes_view_step(MattesViewSteps *s, const SmpMattes *m, int step, double px_per_mm, SmpMatte *keep,
                          MatteCover *cover, bool *ok, SmpError *err);
/* M: shows or hides where the mattes keep the dots off (background, hair), with a word why not. */
void app_toggle_mattes_overlay(App *app);

/* The keep mask's block size for a photo: the GPU holds at most 4096 px a side. */
int app_mattes_keep_step(const SmpImage *photo);

#endif
