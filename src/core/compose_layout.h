/* compose_layout.h - before/after layouts for exports with BEFORE / AFTER labels.
 *
 * after: the after image alone; split: before on the left half, after on the
 * right (divider at the middle, raster_compare); side: the two side by side
 * (twice the width). Each half gets its own label at its bottom-right corner.
 * Crop before and after with compose_apply_preset first, then lay them out:
 * cropping a finished layout can cut the labels off.
 */
#ifndef SMP_COMPOSE_LAYOUT_H
#define SMP_COMPOSE_LAYOUT_H

#include "image.h"

typedef enum ComposeLayout { LAYOUT_AFTER, LAYOUT_SPLIT, LAYOUT_SIDE } ComposeLayout;

/* "after", "split" or "side"; false with a message naming the value otherwise. */
bool compose_parse_layout(const char *name, ComposeLayout *out, SmpError *err);
/* Builds the layout from before and after (same size) into out (a new image). */
bool compose_layout(const SmpImage *before, const SmpImage *after, ComposeLayout layout, SmpImage *out,
                    SmpError *err);

#endif
