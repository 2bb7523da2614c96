/* render_composite.h - the last stage of a render (render.c): the dots' ink over
 * the photo with the photo's look, fresh work's redness, then the mattes' keep
 * mask. In one go, or in steps of bounded work (the web build draws frames
 * between them); the pixels are the same. Internal to the renderer. */
#ifndef SMP_RENDER_COMPOSITE_H
#define SMP_RENDER_COMPOSITE_H

#include "raster.h"
#include "render.h"

/* The photo's look around the dots (photo_look.h): its blur and grain, and the
 * sheen map the compositor keeps on top. Pure functions of the photo and the box:
 * a RenderJob keeps them while the box stays. */
typedef struct PhotoSeen {
    PhotoBox box;
    float blur_px, grain_sigma;
    SheenMap sheen; /* owned; empty with req->no_sheen */
} PhotoSeen;

bool photo_seen(const SmpImage *photo, PhotoBox box, const RenderRequest *req, PhotoSeen *out, SmpError *err);

/* What the compositing of one picture (or a window of it) needs; all borrowed. */
typedef struct Composite {
    const SmpImage *photo;  /* the whole photo: its look is measured there */
    const SmpImage *window; /* the pixels drawn: the photo, or a crop of it at (ox, oy) */
    int ox, oy;
    const SmpPlan *plan;
    const RenderRequest *req;
    int threads;
    double ppm;
    const PhotoSeen *seen;      /* around the plan's dots, before the mattes thin them */
    const DotList *dots;        /* to draw (those reaching the window suffice) */
    const DotList *redness_of;  /* all dots drawn: fresh work's flush spreads between them */
    const SmpMatte *keep;       /* the window's keep mask, or empty */
} Composite;

/* The composite in steps of about `budget` work units (app_job.h): the raster's
 * steps, the redness map, then the redness and keep mask a few rows a step. What c
 * points to stays put until the end. next: true while steps remain; end: the
 * picture into after (created there), or false (err); it frees the steps. */
typedef struct CompositeSteps CompositeSteps;
CompositeSteps *composite_steps_begin(const Composite *c, int64_t budget);
bool composite_steps_next(CompositeSteps *s);
/* How far the steps are, 0..1000 (the ink is most of the time: 800). */
int composite_steps_permille(const CompositeSteps *s);
bool composite_steps_end(CompositeSteps *s, SmpImage *after, SmpError *err);

/* The same in one go: the same pixels whether the window is the photo or a part of it. */
bool composite_dots(const Composite *c, SmpImage *after, SmpError *err);

#endif
