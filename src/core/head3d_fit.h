/* head3d_fit.h - fits the ellipsoid scalp and its camera (head3d.h) to a photo from
 * the head's outline (a matte) and the view label.
 *
 * Method (docs/head3d.md): the filled outline's second moments are an ellipse; an
 * ellipsoid's outline under weak perspective is an ellipse too (head3d_outline_shape),
 * so the fit searches yaw and pitch within +-30 degrees of the label's pose for the
 * outline aspect ratio, takes roll from the axis angle and size from the area, and
 * the centre from the centroid. A prior keeps the pose near the label's: an outline
 * alone cannot tell a nod from a turn; marked face landmarks can, and they count. Deterministic, no allocation; O(mask pixels).
 */
#ifndef SMP_HEAD3D_FIT_H
#define SMP_HEAD3D_FIT_H

#include "error.h"
#include "head3d.h"
#include "matte.h"
#include "plan.h"

typedef struct {
    HeadView view;   /* the label: guessed or given */
    float ppm;       /* photo px per mm at the head (the plan's scale); <= 0: unknown,
                      * the template size is assumed and only the distance is fitted */
    float focal;     /* px; <= 0: 1.2 x the photo's long side (a phone's main camera) */
    /* NULL or the marked face landmarks in the matte's pixels: the glabella and outer
     * eye corners pin pitch and front/back, the eye line the roll, the ears the turn
     * and left from right; in a front view the face below the brow is cut from the matte. */
    const PlanLandmarks *landmarks;
} HeadFitOptions;

typedef struct {
    HeadView view;     /* the label it was fitted with */
    Head3D head;       /* radii = template x size */
    float size;        /* head size relative to head3d_template_radii() */
    float aspect_err;  /* |outline aspect - model aspect| at the answer, 0..1 */
    float cost;        /* outline and landmark misfit plus the pose prior: lower fits better */
    float landmark_mm; /* RMS distance of the marked landmarks from the model's; 0 without */
    bool plausible;    /* false: keep the flat behaviour (docs/head3d.md) */
} HeadFit;

/* alpha: w x h bytes, row stride `stride`; >= 128 is head. Fails (one-line message)
 * when there is no outline to fit (fewer than 64 head pixels or a bad size). */
bool head3d_fit_mask(const unsigned char *alpha, int w, int h, int stride,
                     const HeadFitOptions *opt, HeadFit *out, SmpError *err);

/* A photo's fit from its head matte (any resolution: the landmarks and scale are the
 * plan's, in photo px, and the answer is in photo px too). view < 0: every label is
 * tried and the plausible one with the lowest cost kept (the guess the app shows). ppm <= 0: unknown scale.
 * `out` is filled from the fit (set even when implausible: fit->plausible says). */
bool head3d_fit_photo(const SmpMatte *head, int photo_w, int photo_h, const PlanLandmarks *marks, double ppm,
                      int view, HeadFit *fit, PlanHead *out, SmpError *err);

/* The fit as the plan stores it (degrees) and back; the principal point is the
 * photo's centre. head3d_from_plan is false when the plan has no head or one that
 * puts the lens inside the head (the flat photo then). */
void head3d_to_plan(const HeadFit *fit, PlanHead *out);
bool head3d_from_plan(const PlanHead *ph, int photo_w, int photo_h, Head3D *out);

/* The face landmarks the fit assumes, head frame, template size, mm from the centre:
 * the glabella and the subject's left outer eye corner (the right one mirrored). */
void head3d_template_landmarks(vec3s *glabella, vec3s *eye_subject_left);
/* The centre of the subject's left ear the fit assumes (the right one mirrored), as
 * above (docs/head3d.md, "Ears"). */
vec3s head3d_template_ear(void);

/* Angle (radians) of the rotation between two poses' head-to-camera rotations. */
float head3d_pose_distance(const Head3D *a, const Head3D *b);

#endif
