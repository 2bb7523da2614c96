/* candidates.c - lays the build-time blue-noise tile over the photo.
 *
 * The tile (build/gen/bluenoise_tile.c, made by tools/gen_bluenoise.c) is a
 * square torus of side P mm holding N points in rank order. Cell (ix, iy)
 * covers [ix P, (ix + 1) P) x [iy P, (iy + 1) P); it holds the tile shifted
 * there, so positions never depend on the photo size.
 *
 * Ids: id = cell_number(ix, iy) * N + rank_index, where cell_number counts the
 * cells in square shells around the origin (shell m = max(ix, iy) holds cells
 * m^2 .. (m + 1)^2 - 1). The numbering depends on nothing but the cell, so a
 * larger photo keeps every id of a smaller one, and ids are unique while
 * cell_number * N + N <= 2^32: with P = 256 mm and N = 104858 that is every cell
 * with ix, iy <= 201, i.e. any photo whose two sides are at most 51.7 m. At
 * 1 px/mm that admits every photo up to 51712 px on each side, hence every
 * 200-megapixel photo up to an aspect ratio of about 13:1; larger areas are
 * refused with a message (stable 32-bit ids cannot cover an unbounded strip).
 */
#include "candidates.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

extern const double bluenoise_tile_period_mm;
extern const int bluenoise_tile_count;
extern const uint16_t bluenoise_tile_xy[];

double candidates_tile_period_mm(void) { return bluenoise_tile_period_mm; }
int candidates_tile_count(void) { return bluenoise_tile_count; }

void candidates_tile_point(int rank_index, double *x_mm, double *y_mm)
{
    const double scale = bluenoise_tile_period_mm / 65536.0;
    if (rank_index < 0 || rank_index >= bluenoise_tile_count) {
        *x_mm = *y_mm = 0.0;
        return;
    }
    *x_mm = bluenoise_tile_xy[2 * rank_index] * scale;
    *y_mm = bluenoise_tile_xy[2 * rank_index + 1] * scale;
}

/* Square-shell numbering of the cells with ix, iy >= 0. */
static uint64_t cell_number(uint32_t ix, uint32_t iy)
{
    uint64_t m = ix > iy ? ix : iy;
    return ix == m ? m * m + iy : m * m + m + 1 + ix;
}

/* Visits the candidates inside [0, w) x [0, h) in output order; with items NULL
 * it only counts. Returns the count. */
static size_t lay_tile(double w, double h, uint32_t cells_x, uint32_t cells_y, Candidate *items)
{
    const double period = bluenoise_tile_period_mm;
    const double scale = period / 65536.0;
    const int n = bluenoise_tile_count;
    size_t count = 0;
    for (uint32_t iy = 0; iy < cells_y; iy++) {
        const double oy = iy * period;
        for (uint32_t ix = 0; ix < cells_x; ix++) {
            const double ox = ix * period;
            /* Strictly inside: float rounding of x < ox + P cannot reach w. */
            const bool inner = ox + period < w && oy + period < h;
            const uint64_t base = cell_number(ix, iy) * (uint64_t)n;
            if (inner && !items) {
                count += (size_t)n;
                continue;
            }
            for (int r = 0; r < n; r++) {
                const double x = ox + bluenoise_tile_xy[2 * r] * scale;
                const double y = oy + bluenoise_tile_xy[2 * r + 1] * scale;
                /* Compare in float: the stored position must be inside too. */
                const float xf = (float)x, yf = (float)y;
                if (!inner && !((double)xf < w && (double)yf < h))
                    continue;
                if (items) {
                    Candidate *c = &items[count];
                    c->x_mm = xf;
                    c->y_mm = yf;
                    c->rank = (float)((r + 0.5) / n);
                    c->id = (uint32_t)(base + (uint64_t)r);
                }
                count++;
            }
        }
    }
    return count;
}

/* Validates the area and finds its cell counts; false with a message when the
 * area cannot be covered with 32-bit ids. */
static bool candidates_cells(double width_mm, double height_mm, uint32_t *cells_x, uint32_t *cells_y, SmpError *err)
{
    if (!(width_mm >= 0.0 && height_mm >= 0.0) || !isfinite(width_mm) || !isfinite(height_mm))
        return smp_fail(err, "candidate field: invalid area %g x %g mm", width_mm, height_mm);
    const double period = bluenoise_tile_period_mm;
    const uint64_t n = (uint64_t)bluenoise_tile_count;
    if (n == 0 || !(period > 0.0))
        return smp_fail(err, "candidate field: the built-in tile is empty (rebuild gen/bluenoise_tile.c)");
    /* Largest shell whose ids all fit in 32 bits: (m + 1)^2 cells. */
    uint64_t max_cells_side = 0;
    while ((max_cells_side + 1) * (max_cells_side + 1) * n <= (uint64_t)UINT32_MAX + 1)
        max_cells_side++;
    const double cx = ceil(width_mm / period), cy = ceil(height_mm / period);
    if (cx > (double)max_cells_side || cy > (double)max_cells_side)
        return smp_fail(err,
                        "candidate field: %.0f x %.0f mm is over the %.0f mm limit per side "
                        "(check the photo scale)",
                        width_mm, height_mm, (double)max_cells_side * period);
    *cells_x = (uint32_t)cx;
    *cells_y = (uint32_t)cy;
    return true;
}

bool candidates_count(double width_mm, double height_mm, size_t *count, SmpError *err)
{
    uint32_t cells_x, cells_y;
    *count = 0;
    if (!candidates_cells(width_mm, height_mm, &cells_x, &cells_y, err))
        return false;
    /* Counting allocates nothing and skips whole inner cells in O(1). */
    *count = lay_tile(width_mm, height_mm, cells_x, cells_y, NULL);
    return true;
}

bool candidates_build(double width_mm, double height_mm, CandidateSet *out, SmpError *err)
{
    out->width_mm = out->height_mm = 0.0f;
    out->count = 0;
    out->items = NULL;
    uint32_t cells_x, cells_y;
    if (!candidates_cells(width_mm, height_mm, &cells_x, &cells_y, err))
        return false;
    const size_t count = lay_tile(width_mm, height_mm, cells_x, cells_y, NULL);
    if (count > (size_t)INT_MAX || count > SIZE_MAX / sizeof(Candidate))
        return smp_fail(err, "candidate field: %.0f x %.0f mm needs too many candidates (%zu)",
                        width_mm, height_mm, count);
    Candidate *items = NULL;
    if (count) {
        items = malloc(count * sizeof *items);
        if (!items)
            return smp_fail(err, "candidate field: out of memory for %zu candidates", count);
        lay_tile(width_mm, height_mm, cells_x, cells_y, items);
    }
    out->width_mm = (float)width_mm;
    out->height_mm = (float)height_mm;
    out->count = (int)count;
    out->items = items;
    return true;
}

void candidates_free(CandidateSet *set)
{
    if (!set)
        return;
    free(set->items);
    set->items = NULL;
    set->count = 0;
}
