/* raster.h - the CPU reference renderer: dots composited over the photo.
 *
 * Each dot is a dermal footprint (footprint.h: a soft, slightly irregular core
 * and a scattered halo, softened by the photo's own blur) whose total ink is
 * its area times its darkness, whatever the pixel size, so dots smaller than a
 * pixel keep their tone. Multi-threaded by horizontal bands; every
 * pixel sees its dots in list order, so the result is bit-identical for any
 * thread count. Pixels no dot reaches are copied from the photo bit for bit.
 * The look options add the photo's grain to the ink and keep its sheen on top.
 * Also: before/after compositions and the "SIMULATION" label.
 */
#ifndef SMP_RASTER_H
#define SMP_RASTER_H

#include "dots.h"
#include "image.h"
#include "photo_look.h"
#include "pigment.h"

/* Zero means "off" for every look field: a plain, noise-free composite. */
typedef struct RasterOptions {
    int threads;      /* 0 = 1 */
    double px_per_mm; /* photo scale */
    float blur_px;    /* the photo's own blur (Gaussian sigma, px), folded into each dot */
    /* Grain added to the ink: luma noise of this sigma (8-bit sRGB steps) times
     * the pixel's ink amount, from a hash of (x, y, seed): deterministic. */
    float grain_sigma;
    uint32_t seed;
    /* The photo's specular sheen (NULL: none): pigment absorbs only what lies
     * under it, out = S + (P - S)(1 - ink) in linear light. Not owned. */
    const SheenMap *sheen;
    /* The photo given is the window of a larger picture whose pixel (origin_x,
     * origin_y) is its (0, 0): dots, grain and sheen stay in the larger picture's
     * pixels, so a window renders as that part of the whole (Match renders a patch
     * this way). 0, 0: the photo is the whole picture. */
    int origin_x, origin_y;
} RasterOptions;

/* out = photo with the dots; out must not be allocated (it is created here). */
bool raster_render(const SmpImage *photo, const DotList *dots, const PigmentLook *look,
                   const RasterOptions *opt, SmpImage *out, SmpError *err);

/* The same render in steps of about `budget` work units each (app_job.h; at
 * least a chunk of dots or a band of rows), on opt->threads: the web build draws
 * frames between them. The picture is raster_render's, byte for byte, whatever
 * the budget. photo, dots and opt->sheen stay put until the end; begin copies
 * the rest. next: true while steps remain; end: the picture into out (created
 * there), or false (err), and it frees the steps. */
typedef struct RasterSteps RasterSteps;
RasterSteps *raster_steps_begin(const SmpImage *photo, const DotList *dots, const PigmentLook *look,
                                const RasterOptions *opt, int64_t budget);
bool raster_steps_next(RasterSteps *s);
/* How far the steps are, 0..1000: the share of the bands drawn. */
int raster_steps_permille(const RasterSteps *s);
bool raster_steps_end(RasterSteps *s, SmpImage *out, SmpError *err);

typedef enum CompareMode { COMPARE_NONE = 0, COMPARE_SPLIT, COMPARE_SIDE } CompareMode;

/* Split: before left of a vertical divider at split_x (pixels), after right.
 * Side: before and after side by side, twice the width. */
bool raster_compare(const SmpImage *before, const SmpImage *after, CompareMode mode, int split_x,
                    SmpImage *out, SmpError *err);

#endif
