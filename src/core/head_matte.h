/* head_matte.h - which pixels of a photo are the head's skin, as a soft matte.
 *
 * GrabCut-style (Rother et al. 2004), our own code: colour mixture models for head and
 * background seeded from the middle of the photo (and from seed points when the caller
 * knows some: hairline, landmarks) and from its border, then a contrast-sensitive
 * smoothing (mean-field on a pairwise model, in place of the min-cut) that snaps the
 * boundary to edges, repeated a few times; the part connected to the seeds is the head,
 * its holes filled. Works at a reduced size (long side <= HEAD_MATTE_WORK px) and
 * upsamples bilinearly, so a 48 MP photo costs about what a 1 MP one does.
 * Deterministic: same photo, same seeds, same matte. Pure read of the photo; allocates
 * the matte and a few small work buffers.
 */
#ifndef SMP_HEAD_MATTE_H
#define SMP_HEAD_MATTE_H

#include "image.h"
#include "matte.h"

#include <stdint.h>

enum { HEAD_MATTE_WORK = 400 };

/* seeds_xy: seed_count (x, y) photo-pixel points known to be head skin (may be NULL):
 * they train the head's colours, and every part of the matte holding one is kept.
 * Fails only when out of memory; an answer it does not trust comes back with
 * out->uncertain set (and alpha all 255, the fallback). */
bool head_matte_compute(const SmpImage *photo, const float *seeds_xy, int seed_count,
                        SmpMatte *out, SmpError *err);

/* The same matte in steps of bounded work (stages.h), for a caller that must hand its
 * thread back between them (the web build draws a frame between two); byte for byte
 * head_matte_compute's, whatever the budget. The seeds are read at the beginning; photo
 * must stay as it is until the end. */
typedef struct HeadMatteSteps HeadMatteSteps;
/* NULL when out of memory (head_matte_steps_end then fails). */
HeadMatteSteps *head_matte_steps_begin(const SmpImage *photo, const float *seeds_xy, int seed_count);
/* Does the next step, at most `budget` work units; true while steps remain. work (may be
 * NULL): the units it did. */
bool head_matte_steps_next(HeadMatteSteps *s, int64_t budget, int64_t *work);
/* Frees s (NULL allowed); the matte into out once head_matte_steps_next returned false,
 * else false (out of memory on the way, or steps left undone). */
bool head_matte_steps_end(HeadMatteSteps *s, SmpMatte *out, SmpError *err);

#endif
