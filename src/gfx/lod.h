/* lod.h - the dots' transmittance accumulated on the CPU into a grid of
 * 2^level photo pixels per cell, for zoomed-out views where drawing every dot
 * as a quad would cost more than the frame budget.
 *
 * Same ink model as the reference renderer (src/core/footprint.h): each dot
 * removes area x darkness of light, multiplicatively; dots under a cell are splatted
 * bilinearly with their whole ink (area-weighted: no dot vanishes, tone holds
 * at every zoom). Plain C, no GL. The buffer grows only when a bigger grid is
 * needed, so rebuilding while dragging does not allocate.
 */
#ifndef SMP_LOD_H
#define SMP_LOD_H

#include "../core/dots.h"
#include "../core/error.h"

typedef struct LodGrid {
    int level, width, height;
    float *trans; /* width x height, 1 = no ink */
    size_t capacity;
} LodGrid;

/* blur_px: the photo's own blur (Gaussian sigma, photo px), folded into every footprint. */
bool lod_build(LodGrid *g, const DotList *dots, double px_per_mm, float blur_px, int photo_w, int photo_h, int level,
               SmpError *err);
void lod_free(LodGrid *g);

#endif
