/* render.h - one call from plan + photo to the final picture.
 *
 * Used by `smpview render`, the app's export and the tests, so the same plan
 * always gives the same image whichever way it was asked for.
 */
#ifndef SMP_RENDER_H
#define SMP_RENDER_H

#include "anonymise.h"
#include "compose.h"
#include "compose_layout.h"
#include "matte_apply.h"
#include "plan.h"
#include "raster.h"

#include <stdatomic.h>

typedef struct RenderRequest {
    bool override_stage;   /* use `stage` instead of the plan's */
    PlanStage stage;
    int session;           /* 0 = the plan's */
    ComposeLayout layout;  /* after, split (divider at the middle), side or sheet
                              (every session and stage), labelled (compose_layout.h) */
    Anonymise anonymise;   /* hide the eyes or crop the face away (needs the marks) */
    const SmpImage *logo;  /* the clinic's logo (RGBA) at the bottom-left, or NULL */
    const char *clinic_text; /* the clinic's name or words at the top-right, NULL or "" none
                                (label_text_check'd by the caller) */
    atomic_int *progress;  /* when set, how far the render is, 0..1000 (for a progress bar) */
    const char *label;     /* NULL = no label; e.g. "SIMULATION" */
    int threads;           /* 0 = all cores */
    bool no_sheen;         /* pigment darkens the photo's sheen too (the look before issue 8) */
    bool no_redness;       /* fresh work without its flush (for comparisons) */
    bool no_grain;         /* ink without the photo's grain */
    bool no_mattes;        /* true: dots wherever the plan puts them, photo not looked at
                              (false: head and hair mattes, see matte_apply.h) */
    int view;              /* 0: the plan's photo; n > 0: the plan's view n, drawn on
                              its photo through its fit (plan_view; the photo passed is its) */
    ComposePreset preset;  /* FULL, or a social crop around the head (compose.h): those
                              need the plan's consent and always carry SIMULATION */
} RenderRequest;

/* Renders plan over photo (upright RGBA). out is created here. dots_out, when
 * not NULL, receives the dots drawn (caller frees with dots_free): with mattes,
 * only those on head skin, each with its `visible` share. */
bool render_plan(const SmpImage *photo, const SmpPlan *plan, const RenderRequest *req,
                 SmpImage *out, DotList *dots_out, SmpError *err);

/* What the app's export finds in steps before its picture: the photo's mattes
 * (mattes_compute_for_view's for the plan and the view drawn), and optionally what the dot layer keeps
 * of them (mattes_keep_mask's at step 1) and the hair cover grid
 * (mattes_cover_build's; one at another scale than the dots' is built again).
 * NULL keep or cover: made here. */
typedef struct RenderMattes {
    const SmpMattes *mattes;
    const SmpMatte *keep;
    const MatteCover *cover;
} RenderMattes;

/* render_plan's picture or sheet in steps of about `budget` work units (app_job.h:
 * at least a band of rows; INT64_MAX: all at once), the web build drawing frames
 * between them: the same bytes whatever the budget. known: the mattes of the photo
 * of view req->view, found already (mattes_compute_for_view's), or NULL to find them
 * here (in one step). Not for the views' sheet. photo, plan, what req and known point to stay put until the end.
 * next: true while steps remain; end: the picture into out (created there), or false
 * (err, also when refused at the beginning); it frees the steps. */
typedef struct RenderSteps RenderSteps;
RenderSteps *render_steps_begin(const SmpImage *photo, const SmpPlan *plan, const RenderRequest *req,
                                const RenderMattes *known, int64_t budget);
bool render_steps_next(RenderSteps *s);
bool render_steps_end(RenderSteps *s, SmpImage *out, SmpError *err);

/* The finishing touches of any export, in place: the logo, the clinic's text,
 * then the label (social presets always carry SIMULATION). */
bool render_sign(SmpImage *img, const RenderRequest *req, SmpError *err);

/* A render held open to draw one window of the picture for many looks of one plan
 * (Match's closed loop). The scene and the mattes' hair cover are made once, the
 * window's pixels and keep mask once per window; each draw changes only the plan's
 * dots and pigment and gives exactly the pixels render_plan gives in that window
 * (before any layout, crop or label). mattes: borrowed, must outlive the job; NULL =
 * no mattes (as req->no_mattes). The plan is copied. */
typedef struct RenderJob RenderJob;
bool render_job_create(const SmpImage *photo, const SmpPlan *plan, const SmpMattes *mattes,
                       const RenderRequest *req, RenderJob **out, SmpError *err);
/* The dots drawn with this look (after the mattes), valid until the next call. */
const DotList *render_job_dots(RenderJob *job, const PlanDots *dots, const PlanPigment *pigment, SmpError *err);
/* The window the next draws cover (clipped to the photo; empty: an error). */
bool render_job_set_window(RenderJob *job, PhotoBox window, SmpError *err);
/* The window drawn with this look: out is created here. */
bool render_job_draw(RenderJob *job, const PlanDots *dots, const PlanPigment *pigment, SmpImage *out,
                     SmpError *err);
double render_job_px_per_mm(const RenderJob *job);
void render_job_destroy(RenderJob *job);

/* Photo px per image mm of the dots render_plan gives for view `view` on a photo of
 * photo_w x photo_h (the plan's scale on view 0; the fitted head's on another view). */
double render_view_px_per_mm(const SmpPlan *plan, int view, int photo_w, int photo_h);

/* View n's dots on its photo of photo_w x photo_h: every view's chart (its own
 * among them) carried over the scalp through the fits, ids kept, before any matte
 * (scalp_views.h); *ppm as above. */
bool render_view_dots(int photo_w, int photo_h, const SmpPlan *plan, int n, DotList *out, double *ppm, SmpError *err);
/* The dots of every view's chart but view n's own, carried into view n's photo
 * (w x h): what an editor adds to its live scene of view n (none without charts). */
bool render_other_charts(int photo_w, int photo_h, const SmpPlan *plan, int n, DotList *out, SmpError *err);

/* Number of hardware threads, at least 1. */
int render_default_threads(void);

#endif
