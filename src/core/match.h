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

#include "image.h"
#include "matte_apply.h"

#define MATCH_SPECKLE_SIGMA_PX 3.0

typedef struct MatchSample {
    double l_mean, b_mean, speckle;
    int samples; /* 0: nothing on head skin inside the disc */
} MatchSample;

/* mattes may be NULL. Fails only when out of memory; a disc off the photo gives
 * samples = 0. */
bool match_sample_disc(const SmpImage *photo, const SmpMattes *mattes, double cx, double cy, double radius_px,
                       MatchSample *out, SmpError *err);

#endif
