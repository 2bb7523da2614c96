/* erythema.h - the redness of fresh work (docs/pigment.md, "Stages").
 *
 * Right after a session the skin around each new dot is inflamed: a pink
 * flush that is strongest around the dots and fades between them, settling
 * within 2-5 days. It is drawn as a coarse redness map over the treated
 * area, made from the dots' ink (each dot's area x darkness, spread by a
 * Gaussian of ERYTHEMA_SIGMA_MM) and stored as a SheenMap (photo_look.h): an
 * R8 map over a box of the photo, read bilinearly by photo_look_sheen_span on
 * the CPU and by a texture on the GPU alike.
 *
 * The tint multiplies the diffuse part of linear light, G and B by ERYTHEMA_G /
 * ERYTHEMA_B at full redness: flushed skin under a specular highlight still
 * reflects white sheen (photo_look.h), so with S the sheen (at most the
 * photo's darkest channel), L' = S + (L - S) t. Both renderers do this last,
 * on the inked picture, before the mattes.
 */
#ifndef SMP_ERYTHEMA_H
#define SMP_ERYTHEMA_H

#include "dots.h"
#include "error.h"
#include "image.h"
#include "photo_look.h"

#define ERYTHEMA_SIGMA_MM 0.4  /* how far the flush reaches around a dot */
#define ERYTHEMA_CELL_MM 0.25  /* map cell (at least a pixel) */
#define ERYTHEMA_FULL_INK 0.10 /* ink area share per mm^2 at full redness (90 dots/cm^2, default look) */
#define ERYTHEMA_G 0.84f       /* linear transmittance of the flush at full redness */
#define ERYTHEMA_B 0.88f

/* The redness map of dots on a w x h photo at px_per_mm, scaled by strength
 * (0..1: the stage's redness, PigmentLook.redness). strength 0 or no dots
 * gives an empty map (values NULL). Free with photo_look_sheen_free. */
bool erythema_map(const DotList *dots, double px_per_mm, int w, int h, float strength, SheenMap *out,
                  SmpError *err);

/* Tints img (the render of photo, sRGB) by the map, under sheen (may be NULL:
 * no sheen). */
void erythema_apply(SmpImage *img, const SheenMap *map, const SmpImage *photo, const SheenMap *sheen);

#endif
