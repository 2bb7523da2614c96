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

#include "dots.h"
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

/* Hair on the scalp grows away from the crown's whorl along the surface, turning
 * around it near its centre (docs/head3d.md, "Growth on the surface"). */
typedef struct {
    vec3s p, n;       /* the scalp point and its outward normal, camera frame */
    vec3s away;       /* unit tangent at p pointing away from the whorl along the surface */
    float dist_mm;    /* straight-line distance to the whorl, mm */
} HeadFlow;

/* The whorl as a unit-sphere direction (head frame): the plan's whorl pixel on the
 * scalp when it is set and in sight, else the template's crown (behind the vertex). */
vec3s head3d_whorl_dir(const Head3D *h, bool has_whorl, float px, float py);

/* The flow at photo point (x_mm, y_mm); false off the scalp or at the whorl itself. */
bool head3d_flow_at(const Head3D *h, double ppm, double x_mm, double y_mm, vec3s whorl_u, HeadFlow *out);

/* The flow turned by swirl_deg about the normal (+ clockwise as seen from outside),
 * projected through the camera, as the angle (degrees, image x toward y) of the flat
 * dot that head3d_warp_dot with warp w turns into that projected direction. */
float head3d_flow_angle_deg(const Head3D *h, const HeadFlow *f, const HeadDotWarp *w, double swirl_deg);

/* One treatment in several photos (docs/head3d.md, "Several views"): a dot of one
 * view's photo (image mm at from_ppm) is a point of the scalp through that view's fit,
 * and is seen in another photo through its own. */
typedef struct {
    Head3D from, to;
    double from_ppm, to_ppm; /* photo px per image mm in each */
} HeadViewMap;

/* Moves the dot into the other photo and reshapes it as that camera sees the same
 * patch of skin; false (the dot unchanged) where it is off the first view's scalp or
 * the skin faces away from the second camera. */
bool head3d_map_dot(const HeadViewMap *m, SmpDot *d);
/* Maps every dot, keeping those seen (in order, ids unchanged). */
void head3d_map_dots(const HeadViewMap *m, DotList *dots);

#endif
