/* dots.h - the visible dots of a plan, with their look.
 *
 * A DotList is what both renderers draw (CPU reference in raster.h, GPU in
 * src/gfx): positions from the candidate field, visibility from the density
 * field, and per-dot size, shape, angle and darkness from a hash of the dot's
 * candidate id and the plan seed, shaped by stage and session (pigment.h).
 * Order is the candidate order, which is fixed: the same plan gives the same
 * list, bit for bit, on every machine and thread count.
 */
#ifndef SMP_DOTS_H
#define SMP_DOTS_H

#include "candidates.h"
#include "plan.h"

#include <stddef.h>

typedef struct SmpDot {
    float x_mm, y_mm;   /* centre, from the photo's top-left */
    float diameter_mm;  /* major axis */
    float elongation;   /* major / minor, >= 1 */
    float angle_deg;    /* of the major axis, from +x toward +y, [0, 180) */
    float darkness;     /* final opacity 0..1 after stage and session */
    float softness_mm;  /* edge blur (pigment spread), >= 0 */
    float rank;         /* the candidate's rank fraction */
    uint32_t id;        /* the candidate's id */
    float visible;      /* share left after hair in front, 0..1 (matte_apply.h; 1 without) */
} SmpDot;

typedef struct DotList {
    int count, capacity;
    SmpDot *items; /* owned */
} DotList;

void dots_free(DotList *list);

/* Sorts a copy-free view: fills order[] (count entries) with indices of list in
 * rank order (ties by id), e.g. for CSV export. */
void dots_rank_order(const DotList *list, int *order);

/* Writes the CSV documented in docs/cli.md (header
 * x_px,y_px,x_mm,y_mm,diameter_mm,elongation,angle_deg,darkness,visible,id), rank order.
 * Returns a malloc'ed text. */
bool dots_to_csv(const DotList *list, double px_per_mm, char **out_text, size_t *out_len, SmpError *err);

#endif
