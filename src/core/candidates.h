/* candidates.h - the fixed, ranked field of candidate dot positions.
 *
 * A periodic progressive blue-noise tile (generated at build time by
 * tools/gen_bluenoise.c, see build/gen/bluenoise_tile.c) laid over the photo in
 * millimetres. Every candidate has a rank fraction in [0, 1): the candidates with
 * rank < f are themselves well spread for any f, so showing the ones whose rank
 * is below density / CANDIDATES_MAX_DENSITY gives blue noise at every density,
 * and raising the density only adds dots.
 *
 * Candidates never move: a plan edit changes which are visible, never where they
 * are. Ids are stable: the same (tile cell, tile point) always gets the same id.
 */
#ifndef SMP_CANDIDATES_H
#define SMP_CANDIDATES_H

#include "error.h"

#include <stddef.h>
#include <stdint.h>

/* The densest plan the field supports, in dots per cm2. */
#define CANDIDATES_MAX_DENSITY_CM2 160.0

typedef struct Candidate {
    float x_mm, y_mm; /* from the photo's top-left, y down */
    float rank;       /* fraction in [0, 1): lower = shown first */
    uint32_t id;      /* stable identity for per-dot randomness */
} Candidate;

typedef struct CandidateSet {
    float width_mm, height_mm; /* covered area [0, w) x [0, h) */
    int count;
    Candidate *items; /* owned; ordered by tile cell, then rank */
} CandidateSet;

/* Lays the tile over [0, width_mm) x [0, height_mm). */
bool candidates_build(double width_mm, double height_mm, CandidateSet *out, SmpError *err);
void candidates_free(CandidateSet *set);
/* How many candidates candidates_build would lay over the area, without
 * allocating: callers check a memory budget before building. */
bool candidates_count(double width_mm, double height_mm, size_t *count, SmpError *err);

/* The raw tile, for tests: period in mm and points in rank order. */
double candidates_tile_period_mm(void);
int candidates_tile_count(void);
void candidates_tile_point(int rank_index, double *x_mm, double *y_mm);

#endif
