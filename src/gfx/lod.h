/* lod.h - the dots' transmittance accumulated on the CPU into a grid of
 * 2^level photo pixels per cell, for zoomed-out views where drawing every dot
 * as a quad would cost more than the frame budget.
 *
 * Same ink model as the reference renderer (src/core/footprint.h): each dot
 * removes area x darkness of light, multiplicatively; dots under a cell are splatted
 * bilinearly with their whole ink (area-weighted: no dot vanishes, tone holds
 * at every zoom). Plain C, no GL. The buffer grows only when a bigger grid is
 * needed, so rebuilding while dragging does not allocate.
 *
 * Builds are incremental: footprints are remembered by candidate id, and only
 * the rectangle the changed, new and vanished dots cover is laid again (a
 * hairline drag changes the dots near the line, not the whole crown). The
 * result is bit-identical to a build from scratch: each cell still multiplies
 * its dots in list order.
 */
#ifndef SMP_LOD_H
#define SMP_LOD_H

#include "../core/dots.h"
#include "../core/error.h"
#include "../core/footprint.h"

#include <stdint.h>

typedef struct LodSlot {
    SmpDot dot;      /* the dot the footprint was made for */
    bool used;
    uint32_t id;     /* the dot's id: the key */
    uint32_t stamp;  /* the build that last drew it */
    bool point;      /* laid bilinearly at (fp.cx, fp.cy) with ink fp.k_core */
    Footprint fp;    /* bounds clipped to the grid */
} LodSlot;

typedef struct LodRect {
    int x0, y0, x1, y1; /* inclusive cells; empty when x0 > x1 */
} LodRect;

typedef struct LodGrid {
    int level, width, height;
    float *trans; /* width x height, 1 = no ink */
    size_t capacity;
    LodRect dirty; /* the cells the last build changed */
    /* the remembered footprints: open addressing on the id */
    LodSlot *slots;
    size_t slot_count, slots_used;
    uint32_t stamp;
    double made_for[4]; /* px_per_mm, blur_px, level, cells: what the slots and trans hold */
    const LodSlot **order; /* this build's slot for each dot, in list order */
    size_t order_capacity;
} LodGrid;

/* blur_px: the photo's own blur (Gaussian sigma, photo px), folded into every footprint. */
bool lod_build(LodGrid *g, const DotList *dots, double px_per_mm, float blur_px, int photo_w, int photo_h, int level,
               SmpError *err);
void lod_free(LodGrid *g);

#endif
