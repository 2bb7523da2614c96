/* scar_spots.h - small round pale spots (FUE extraction scars) inside painted scars.
 *
 * An FUE scar is a round white dot up to about 1 mm across; a practitioner puts
 * a dot of pigment on each one. scar_spots_detect finds them in the photo:
 * local-contrast blob detection at diameters 0.5-1.4 mm (a small box brighter
 * than the ring around it, paler than the skin in every direction, so the
 * edge of a strip scar or a pale line is not a spot), only inside the plan's
 * painted scar regions. scar_spots_dot turns a spot into the extra dot the
 * scene draws on it.
 *
 * Pure core: reads the photo's pixels and the plan, allocates the list (free
 * with scar_spots_free). Deterministic; cost grows with the painted scar area,
 * not the photo. Never fails on odd input: no scale, no scars or a spotless
 * photo give an empty list; only an allocation failure returns false.
 */
#ifndef SMP_SCAR_SPOTS_H
#define SMP_SCAR_SPOTS_H

#include "dots.h"
#include "image.h"
#include "plan.h"

/* At most this many spots per photo: a whole FUE donor area holds a few thousand. */
#define SCAR_SPOTS_MAX 8192

typedef struct ScarSpot {
    float x_mm, y_mm;  /* centre, from the photo's top-left */
    float diameter_mm; /* of the detected blob, 0.5 .. 1.4 */
    float contrast;    /* how much paler than its ring, 0..255 luma */
} ScarSpot;

typedef struct ScarSpotList {
    int count;
    ScarSpot *items; /* owned */
} ScarSpotList;

bool scar_spots_detect(const SmpImage *photo, const SmpPlan *plan, ScarSpotList *out, SmpError *err);
void scar_spots_free(ScarSpotList *list);

/* The dot a practitioner puts on spot number `index`: centred on it, about as
 * wide as the spot (within the plan's dot sizes), with the scar-compensated
 * darkness `darkness` and edge blur `softness_mm` of the scene's scar dots.
 * Its id counts down from UINT32_MAX, away from every candidate id in use. */
void scar_spots_dot(const ScarSpot *spot, int index, const SmpPlan *plan, float darkness, float softness_mm,
                    SmpDot *out);

#endif
