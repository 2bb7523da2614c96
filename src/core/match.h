/* match.h - what the client's real stubble looks like beside the treated area:
 * the statistics "Match" (issue 9) needs from a sampled patch of the photo.
 *
 * A sample is a disc of photo pixels (the eyedropper: a tap samples a small disc).
 * It measures the mean L*, the mean b* (warmth) and the speckle: the standard
 * deviation of L* minus its Gaussian blur (sigma 3 px), i.e. how grainy the
 * stubble looks. With mattes, only head skin counts (head matte at least 0.5).
 */
#ifndef SMP_MATCH_H
#define SMP_MATCH_H

#include "hairline.h"
#include "image.h"
#include "matte_apply.h"
#include "photo_look.h"
#include "plan.h"
#include "skin_tone.h"

#define MATCH_SPECKLE_SIGMA_PX 3.0

typedef struct MatchSample {
    double l_mean, b_mean, speckle;
    double unevenness; /* std of the blurred L*: the disc's tone changes across it (an edge, a brow) */
    int samples; /* 0: nothing on head skin inside the disc */
} MatchSample;

/* A disc in photo pixels. */
typedef struct MatchDisc {
    double x, y, r;
} MatchDisc;

/* mattes may be NULL. Fails only when out of memory; a disc off the photo gives
 * samples = 0. */
bool match_sample_disc(const SmpImage *photo, const SmpMattes *mattes, double cx, double cy, double radius_px,
                       MatchSample *out, SmpError *err);

/* The same disc of a window of the photo whose (0, 0) is photo pixel (ox, oy): the
 * mattes are the whole photo's. The window must hold match_disc_box(disc). */
bool match_sample_window(const SmpImage *window, int ox, int oy, const SmpMattes *mattes, MatchDisc disc,
                         MatchSample *out, SmpError *err);

/* The photo pixels a sample of disc reads (the disc's box and the blur's reach), as
 * [x0, x1) x [y0, y1) clipped to a w x h photo. */
PhotoBox match_disc_box(MatchDisc disc, int w, int h);

/* The sample radius when none is given: about 3 mm of scalp. */
#define MATCH_DISC_MM 3.0

/* Where the treated area lies: cells of MATCH_CELL_MM where the drawn dots reach at
 * least half the usual count of a fully treated cell. */
#define MATCH_CELL_MM 3.0
typedef struct MatchTreated {
    int cell_px, width, height; /* cells */
    uint8_t *treated;           /* width x height, 1 = treated */
    uint8_t *dotted;            /* 1 = some dot there (no sample is taken near it) */
} MatchTreated;
bool match_treated_find(const DotList *dots, double px_per_mm, int w, int h, MatchTreated *out, SmpError *err);
void match_treated_free(MatchTreated *t);

/* The disc of radius r wholly inside the treated area nearest to (x, y); false when
 * the treated area holds no such disc. */
bool match_treated_disc(const MatchTreated *t, double x, double y, double r, MatchDisc *out);

/* The automatic sample: on a ring just outside the treated area (no dot within reach,
 * no farther than a few sample radii), on head skin only, the disc of radius r whose
 * photo is grainiest among those whose tone is even (unevenness <= speckle): the
 * client's stubble or short hair beside the treated area (bald skin is smooth; a brow
 * or an outline is grainy but uneven). False (no error) when no disc fits. */
/* With a hairline (NULL or fewer than 2 points: none), only discs wholly on its
 * scalp side count: beside a front hairline the ring also runs over the forehead,
 * smooth skin that would ask for no dots at all. */
bool match_find_stubble(const SmpImage *photo, const SmpMattes *mattes, const MatchTreated *t, double r,
                        const HairlineCurve *hairline, double px_per_mm, MatchDisc *at, MatchSample *sample,
                        SmpError *err);

/* Match's proposal: the plan's dots and pigment changed so that the treated patch
 * beside the sample, rendered by the export's own pipeline (render.h: the photo's
 * look, the mattes, the plan's stage), has the sample's mean L* and speckle (and
 * its b*, through the warmth). Closed loop: a few rounds of 1-D searches (shade,
 * then density if the shade runs out, for L*; dot size at constant ink coverage for
 * the speckle; warmth for b*), each step a render of the patch's window only, and
 * the best look measured is kept. Deterministic. */
typedef struct MatchProposal {
    MatchDisc sample_at, patch_at;
    MatchSample sample;        /* the stubble matched */
    MatchSample before, after; /* the treated patch with the plan's look and with the proposal */
    PlanDots dots;
    PlanPigment pigment;
    SkinTone skin; /* the client's skin the pigment was kept safe for */
    int renders;
} MatchProposal;

/* The relative miss of a measured patch against the sample: the larger of the
 * mean L* and speckle differences over the sample's own (what must stay <= 0.15). */
double match_miss(const MatchSample *patch, const MatchSample *sample);

/* at: the eyedropper's disc, or NULL for the automatic sample (match_find_stubble,
 * radius MATCH_DISC_MM). Fails with a one-line reason when the plan treats nothing
 * on head skin, no sample is found or the disc is off the head. */
bool match_propose(const SmpImage *photo, const SmpMattes *mattes, const SmpPlan *plan, const MatchDisc *at,
                   MatchProposal *out, SmpError *err);

/* The same for a given skin tone (NULL: measured on the photo, skin_tone_measure,
 * as match_propose does). The proposal trips none of the pigment warnings for that
 * skin (skin_tone.h): the shade stays at or under pigment_shade_max (0.75 on light
 * skin) and darkness comes from density and dot size instead. */
bool match_propose_for(const SmpImage *photo, const SmpMattes *mattes, const SmpPlan *plan, const MatchDisc *at,
                       const SkinTone *skin, MatchProposal *out, SmpError *err);

#endif
