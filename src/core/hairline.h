/* hairline.h - the hairline as a smooth curve, and signed distance to it.
 *
 * A centripetal Catmull-Rom spline through the plan's control points (mirrored
 * about the facial midline when the plan says so), sampled into a polyline in
 * millimetres. The treated side is on the left when walking from the first point
 * to the last (image coordinates, y down): above a hairline drawn left to right.
 * Signed distance is positive on the treated side.
 */
#ifndef SMP_HAIRLINE_H
#define SMP_HAIRLINE_H

#include "plan.h"

enum { HAIRLINE_MAX_SAMPLES = 4096 };

typedef struct HairlineCurve {
    int count; /* polyline vertices, 0 when the plan has fewer than 2 points */
    double x_mm[HAIRLINE_MAX_SAMPLES], y_mm[HAIRLINE_MAX_SAMPLES];
    double arc_mm[HAIRLINE_MAX_SAMPLES]; /* arc length at each vertex */
} HairlineCurve;

/* The effective control points in photo px (the plan's, plus mirrored ones in
 * order when symmetric). Returns the count written (at most max). */
int hairline_control_points(const SmpPlan *plan, PlanPoint *out, int max);

/* The facial midline mirroring uses: a point and a unit direction (the plan's
 * midline, else vertical through the glabella or the photo centre). */
bool hairline_midline(const SmpPlan *plan, double *px, double *py, double *dx, double *dy);

/* Builds the sampled curve in mm (px / px_per_mm). */
void hairline_build(const SmpPlan *plan, HairlineCurve *out);

/* Signed distance in mm from p to the curve (+ on the treated side), and the arc
 * length of the nearest point. With no curve returns +1e9. The ends extend
 * along their end tangents, so the whole plane is split in two sides. */
double hairline_signed_distance(const HairlineCurve *c, double x_mm, double y_mm, double *arc_mm);

#endif
