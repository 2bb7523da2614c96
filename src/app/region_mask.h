/* region_mask.h - the plan's painted areas as a coarse label grid over the
 * photo, for drawing them as one even tint with an outline (the scene's own
 * density grid is in mm and belongs to the renderer). */
#ifndef SMP_REGION_MASK_H
#define SMP_REGION_MASK_H

#include "../core/plan.h"

#include <stddef.h>
#include <stdint.h>

enum { REGION_MASK_MAX_SIDE = 384 };

typedef struct RegionMask {
    int w, h;         /* cells */
    double cell_px;   /* photo px per cell */
    uint8_t label[REGION_MASK_MAX_SIDE * REGION_MASK_MAX_SIDE]; /* 0 none, 1 + RegionKind */
    uint64_t signature; /* of the regions it was built from */
} RegionMask;

/* A cheap signature of the plan's regions and scale: rebuild when it changes. */
uint64_t region_mask_signature(const SmpPlan *plan, int photo_w, int photo_h);
/* Paints the regions in order (an eraser clears its kind) over a photo_w x photo_h photo. */
void region_mask_build(RegionMask *m, const SmpPlan *plan, int photo_w, int photo_h);
/* Label of cell (x, y); 0 outside the grid. */
int region_mask_at(const RegionMask *m, int x, int y);

#endif
