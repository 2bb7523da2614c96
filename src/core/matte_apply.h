/* matte_apply.h - puts the dots where the photo says they belong: on the head's skin,
 * under the hairs, fewer where hair already covers the scalp.
 *
 * Used by render_plan (CLI and the app's export) after the scene has chosen its dots.
 * Per dot: dropped when its centre is not head (head matte < 0.5) or when the hair
 * around it already covers the scalp (thinning-hair mode: a dot survives where a hash of
 * its id is at least the local hair coverage, so density falls by the covered share and
 * the same dots stay for the same photo); `visible` = the share left after the hair in
 * front. Per pixel: the dot layer (render minus photo) is scaled by head x (1 - hair),
 * so strands stay in front and edges stay clean. Pure, deterministic, no allocation
 * beyond a small coverage grid.
 */
#ifndef SMP_MATTE_APPLY_H
#define SMP_MATTE_APPLY_H

#include "dots.h"
#include "head_matte.h"
#include "image.h"
#include "matte.h"
#include "photo_look.h"
#include "plan.h"
#include "stages.h"

typedef struct SmpMattes {
    SmpMatte head, hair;
} SmpMattes;

/* Both mattes for photo and plan (threads: 0 = 1): the head matte seeded from the
 * plan's points known to be head skin and then corrected by its strokes
 * (head_correct.h), the hair on that head. plan NULL: the photo alone, as
 * mattes_compute. The app's view and every export call this, so they agree. Fails only
 * when out of memory. */
bool mattes_compute_for_plan(const SmpImage *photo, const SmpPlan *plan, int threads, SmpMattes *out,
                             SmpError *err);
/* mattes_compute_for_view in steps of at most `budget` work units (stages.h), for a
 * caller that runs them apart (the web build, between frames): the same mattes. The
 * head's steps, then the hair's on `threads` (hair_matte.h: INT64_MAX, all in one
 * step). begin (NULL: out of memory), next while it returns true, then end: the mattes
 * into out, or false (err); it frees the steps. photo and plan stay put until then. */
typedef struct MattesSteps MattesSteps;
MattesSteps *mattes_steps_begin(const SmpImage *photo, const SmpPlan *plan, int view, int threads, int64_t budget);
bool mattes_steps_next(MattesSteps *s);
bool mattes_steps_end(MattesSteps *s, SmpMattes *out, SmpError *err);
/* The mattes of view `view`'s photo: view 0's as mattes_compute_for_plan (its marks,
 * areas and corrections), another view's with only the head corrections made on it. */
bool mattes_compute_for_view(const SmpImage *photo, const SmpPlan *plan, int view, int threads, SmpMattes *out,
                             SmpError *err);
bool mattes_compute(const SmpImage *photo, int threads, SmpMattes *out, SmpError *err);
void mattes_free(SmpMattes *m);

/* Filters dots in place (keeps order) and sets each kept dot's `visible`. */
bool mattes_filter_dots(const SmpMattes *m, double px_per_mm, DotList *dots, SmpError *err);

/* The same in two steps, for a view that filters on every edit: the hair coverage
 * grid (one pass over the photo) is built once per photo and scale. */
typedef struct MatteCover {
    double px_per_mm;
    int cell, width, height;
    float *cover; /* width x height, 0..1 */
} MatteCover;
bool mattes_cover_build(const SmpMattes *m, double px_per_mm, MatteCover *out, SmpError *err);
void mattes_cover_free(MatteCover *c);
void mattes_filter_dots_with(const SmpMattes *m, const MatteCover *c, DotList *dots);

/* What the dot layer keeps, head x (1 - hair) as 0..255, averaged over
 * step x step blocks (1: the export's, more: the GPU view's at a size it can
 * hold). Empty mattes give an empty mask (keep everything). */
bool mattes_keep_mask(const SmpMattes *m, int step, SmpMatte *out, SmpError *err);

/* What the app's view keeps of the mattes, in steps of at most `budget` work units
 * (stages.h), for the web build: the keep mask (mattes_keep_mask's, `step`) and the
 * hair cover grid (mattes_cover_build's at px_per_mm; left empty without both
 * mattes). begin (false: out of memory, nothing kept), then next while it returns
 * true; m, keep and cover stay put until then. */
typedef struct MattesViewSteps {
    const SmpMattes *m;
    int step;
    SmpMatte *keep;
    MatteCover *cover;
    Stages st;
} MattesViewSteps;
bool mattes_view_begin(MattesViewSteps *s, const SmpMattes *m, int step, double px_per_mm, SmpMatte *keep,
                       MatteCover *cover, SmpError *err);
bool mattes_view_next(MattesViewSteps *s, int64_t budget);

/* The step-1 mask's pixels in box b (within the photo): a window's own keep mask. */
bool mattes_keep_window(const SmpMattes *m, PhotoBox b, SmpMatte *out, SmpError *err);

/* after = photo + (after - photo) * keep, per pixel, with keep a full-size
 * mattes_keep_mask (step 1): strands in front, nothing off the head. */
void mattes_blend_keep(const SmpMatte *keep, const SmpImage *photo, SmpImage *after);

#endif
