/* compose_layout.h - before/after layouts for exports with BEFORE / AFTER labels,
 * the contact sheet's grid, and the clinic's logo.
 *
 * after: the after image alone; split: before on the left half, after on the
 * right (divider at the middle, raster_compare); side: the two side by side
 * (twice the width); sheet: every session and stage in a grid (render.c makes
 * the cells). Each half gets its own label at its top-left corner, clear of
 * the SIMULATION label at the bottom-right. Crop before and after with
 * compose_apply_preset first, then lay them out: cropping a finished layout
 * can cut the labels off.
 */
#ifndef SMP_COMPOSE_LAYOUT_H
#define SMP_COMPOSE_LAYOUT_H

#include "image.h"

typedef enum ComposeLayout { LAYOUT_AFTER, LAYOUT_SPLIT, LAYOUT_SIDE, LAYOUT_SHEET, LAYOUT_VIEWS } ComposeLayout;

/* "after", "split", "side", "sheet" or "views" (every photo of the plan, render_views.h);
 * false with a message naming the value otherwise. */
bool compose_parse_layout(const char *name, ComposeLayout *out, SmpError *err);
/* Builds the layout (not sheet) from before and after (same size) into out (a new image). */
bool compose_layout(const SmpImage *before, const SmpImage *after, ComposeLayout layout, SmpImage *out,
                    SmpError *err);

/* src shrunk by an integer box filter to at most max_w px wide (out is new). */
bool compose_shrink(const SmpImage *src, int max_w, SmpImage *out, SmpError *err);
/* A grid of `cols` columns of cells (the size of cells[0]), each captioned at
 * its top-left; a cell without pixels stays white, as the gaps between. out is
 * a new image. */
bool compose_sheet(const SmpImage *cells, const char *const *captions, int count, int cols, SmpImage *out,
                   SmpError *err);

/* Places logo (RGBA, alpha blended) at the bottom-left of img, shrunk to at
 * most a fifth of its width and an eighth of its height, never enlarged. */
void compose_place_logo(SmpImage *img, const SmpImage *logo);

#endif
