/* density.h - where dots go: grids in millimetres built from the plan.
 *
 * Two independent parts, rebuilt only when their inputs change:
 *   - the hairline grid: signed distance (mm, + on the treated side) to the
 *     hairline after macro irregularity, exact within a band around the curve and
 *     only its sign beyond (cost grows with the curve length, not the photo);
 *   - the region grid: which cells are treated (treat and scar regions, scars
 *     extended by a margin), excluded, or scar tissue, painted in plan order.
 * Sampling is a pure read (bilinear): safe from any number of threads, never
 * allocates. After a hairline edit only the cells near the parts of the curve
 * that moved are recomputed (bit for bit what a full rebuild gives), and the
 * field can say where samples may have changed, so callers redo only that.
 * All buffers are allocated by density_create; updates never allocate.
 */
#ifndef SMP_DENSITY_H
#define SMP_DENSITY_H

#include "hairline.h"
#include "plan.h"

typedef struct DensityField DensityField;

/* How far beyond its edge a scar's pattern extends (domain.md). */
#define DENSITY_SCAR_MARGIN_MM 3.0
/* How far inside its painted edge a scar gets its full compensation. */
#define DENSITY_SCAR_FEATHER_MM 1.5
/* How far ahead of the line stray dots reach, at full micro irregularity. */
#define DENSITY_STRAY_REACH_MM 4.0

bool density_create(double width_mm, double height_mm, DensityField **out, SmpError *err);
void density_destroy(DensityField *field);

/* Bring the hairline part up to date (points, style, irregularity, midline, seed). */
void density_update_hairline(DensityField *field, const SmpPlan *plan);
/* Rebuild the region part. */
void density_update_regions(DensityField *field, const SmpPlan *plan);

typedef struct DensitySample {
    float coverage;   /* 0..1: how much this point is to be treated */
    float scar;       /* 0..1: scar tissue, rising over DENSITY_SCAR_FEATHER_MM inside its edge */
    float signed_mm;  /* distance to the hairline, + treated side (huge without one) */
} DensitySample;

void density_sample(const DensityField *field, double x_mm, double y_mm, DensitySample *out);

/* Just DensitySample.signed_mm (same value), for callers that need nothing else. */
float density_signed_mm(const DensityField *field, double x_mm, double y_mm);

/* False when no point of [x0, x1] x [y0, y1] can get another signed_mm or
 * density_hairline_normal than before the last density_update_hairline (true
 * after a wholesale change, e.g. the first curve or a new band width). */
bool density_hairline_changed(const DensityField *field, double x0_mm, double y0_mm, double x1_mm, double y1_mm);

/* Within this |signed distance| of the line the normal is reliable; beyond it the
 * distance is clamped to the band nearby and the normal is distorted. 0 without a
 * hairline. */
double density_hairline_reach_mm(const DensityField *field);

/* Unit vector pointing out of the treated side across the hairline at p (the
 * "forward" growth direction near the front); false without a hairline. */
bool density_hairline_normal(const DensityField *field, double x_mm, double y_mm, double *nx, double *ny);

/* Share of full density at signed distance s from the line (0..1): stray dots
 * ahead of it, the transition ramp behind it. */
double density_hairline_ramp(const PlanHairline *hairline, double s_mm);

/* True once a hairline with at least two points is set. */
bool density_has_hairline(const DensityField *field);
/* True when a painted area adds treatment (the regions decide coverage). */
bool density_has_treat(const DensityField *field);

#endif
