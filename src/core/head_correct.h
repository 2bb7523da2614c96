/* head_correct.h - what the plan says about the head matte: points it knows to be head
 * skin (seeds) and the technician's correction strokes ("head" / "not head").
 *
 * Used by mattes_compute_for_plan (matte_apply.h), so the app's view and every export
 * (CLI render, app export) derive the same matte from the same photo and plan. Pure,
 * deterministic; allocates only the seed list and a few rows of work.
 */
#ifndef SMP_HEAD_CORRECT_H
#define SMP_HEAD_CORRECT_H

#include "matte.h"
#include "plan.h"

#include <stdint.h>

/* A correction's coverage falls from 1 to 0 over this width (photo px) at its edge:
 * a clean edge, without the stair steps of a hard one. */
#define HEAD_CORRECTION_EDGE_PX 1.5

/* The plan's points known to be head skin, as (x, y) photo-pixel pairs: the glabella,
 * the path of every treat or scar stroke (not erasers: polygons are drawn loosely around
 * the area, their corners often off the head) and of every "head" correction. *xy is
 * malloc'ed (NULL and 0 when there are none). Fails only when out of memory. */
bool head_seeds_from_plan(const SmpPlan *plan, float **xy, int *count, SmpError *err);

/* A key of everything in the plan the mattes depend on (the seeds above and the
 * corrections): equal keys, equal mattes for the same photo. A view keeps the key of its
 * mattes and computes them again only when the plan's key changes. */
/* A key of the head corrections made on view `view`'s photo (its matte's part of the plan). */
uint64_t head_corrections_key(const SmpPlan *plan, int view);
uint64_t head_matte_plan_key(const SmpPlan *plan);

/* Paints the plan's corrections into head, in order: a "head" stroke raises the matte to
 * its coverage, a "not head" stroke lowers it to 1 - coverage. only_head: the "head"
 * strokes alone (what the hair matte looks for hair on). Cost per stroke: its segments
 * times the rows it spans, plus the pixels it touches once each. Fails only when out of
 * memory. */
bool head_corrections_apply(const SmpPlan *plan, bool only_head, SmpMatte *head, SmpError *err);

#endif
