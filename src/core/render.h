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
    atomic_int *progress;  /* when set, how far the render is, 0..1000 (for a progress bar) */
    const char *label;     /* NULL = no label; e.g. "SIMULATION" */
    int threads;           /* 0 = all cores */
    bool no_sheen;         /* pigment darkens the photo's sheen too (the look before issue 8) */
    bool no_redness;       /* fresh work without its flush (for comparisons) */
    bool no_grain;         /* ink without the photo's grain */
    bool no_mattes;        /* true: dots wherever the plan puts them, photo not looked at
                              (false: head and hair mattes, see matte_apply.h) */
    ComposePreset preset;  /* FULL, or a social crop around the head (compose.h): those
                              need the plan's consent and always carry SIMULATION */
} RenderRequest;

/* Renders plan over photo (upright RGBA). out is created here. dots_out, when
 * not NULL, receives the dots drawn (caller frees with dots_free): with mattes,
 * only those on head skin, each with its `visible` share. */
bool render_plan(const SmpImage *photo, const SmpPlan *plan, const RenderRequest *req,
                 SmpImage *out, DotList *dots_out, SmpError *err);

/* Number of hardware threads, at least 1. */
int render_default_threads(void);

#endif
