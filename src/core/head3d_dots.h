/* head3d_dots.h - dots on the fitted 3D scalp: how a flat-photo dot changes when its
 * skin is tilted away from the camera (docs/head3d.md, "Dots on the surface").
 *
 * The plan's density is per cm2 of skin; the photo sees skin foreshortened by the
 * local Jacobian (head3d_footprint), so the image density rises as 1 / cos toward the
 * outline, dots there are squashed across the outline (long axis tangential), and no
 * dot shows where the scalp faces away or off the fitted scalp. Pure functions.
 */
#ifndef SMP_HEAD3D_DOTS_H
#define SMP_HEAD3D_DOTS_H

#include "head3d.h"

typedef struct {
    float gain;     /* image density / skin density (px/mm scale of the plan): 0 = no dot */
    float squash;   /* minor / major of the skin-to-image map, 0..1 */
    float angle;    /* its long axis in the image, radians */
    float stretch;  /* its long axis, image mm per skin mm */
} HeadDotWarp;

/* The warp at photo point (x_mm, y_mm) (photo px = mm x ppm). Returns false (gain 0)
 * where the ray misses the scalp or the skin faces away. */
bool head3d_dot_warp(const Head3D *h, double ppm, double x_mm, double y_mm, HeadDotWarp *out);

/* Maps a dot's flat shape (diameter = long axis, elongation >= 1, angle in degrees
 * [0, 180)) through the warp: squashed along the tilt, turned toward the tangent. */
void head3d_warp_dot(const HeadDotWarp *w, float *diameter_mm, float *elongation, float *angle_deg);

#endif
