/* footprint_model.h - the numbers of the dermal dot, in one place.
 *
 * Plain #defines with no C-only syntax: src/core/footprint.c uses them, and
 * tools/gen_footprint_glsl.c turns them into the GLSL block that is put in
 * front of every shader (build/gen/footprint.glsl), so the GPU view never
 * carries a copy. Where the figures come from: docs/pigment.md.
 */
#ifndef SMP_FOOTPRINT_MODEL_H
#define SMP_FOOTPRINT_MODEL_H

/* Share of a dot's ink scattered into the halo around its core. */
#define FP_HALO_SHARE 0.35
/* Gaussian sigma of the light scattered in the dermis above the pigment, mm. */
#define FP_SCATTER_MM 0.07
/* The halo's variance is this many times the core ellipse's own (a^2 / 4 per
 * axis) plus the scatter: it reaches past the core, never concentrates in it. */
#define FP_HALO_SPREAD 1.5
/* The halo kernel is (1 - r^2)^FP_HALO_POWER on a support of
 * sqrt(2 (FP_HALO_POWER + 2)) sigma: the Gaussian's variance, a compact support
 * and no exp() in the pixel loop (2, the biweight: the smallest support that is
 * still smooth at its rim, which is what keeps the renderer fast). */
#define FP_HALO_POWER 2
/* Smallest halo variance, in pixels^2, so a halo always reaches a few pixel centres. */
#define FP_HALO_MIN_VAR_PX2 0.3
/* Largest relative amplitude of the outline's 2nd and 3rd angular harmonics
 * (a slightly oval, slightly triangular dot), drawn per dot from its id. */
#define FP_OUTLINE_AMP2 0.07
#define FP_OUTLINE_AMP3 0.05

#endif
