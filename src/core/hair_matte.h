/* hair_matte.h - where hairs lie on the skin, as a soft matte.
 *
 * Hairs are thin ridges, darker or lighter than the skin around them, and long: a
 * grayscale closing (for dark hairs) and opening (for light ones) with short line
 * elements in HAIR_ORIENTATIONS directions fills a hair only across it, never along it,
 * so the spread between the directions' top-hats is high on a hair and low on round
 * specks (pores, stubble tips, freckles) and on broad shading (the DullRazor idea,
 * Lee et al. 1997, made orientation-contrast). Kept only on the head (the head matte).
 * Works at a reduced size when the photo is large (long side <= HAIR_MATTE_WORK px),
 * upsampled bilinearly. Deterministic; allocates the matte and work buffers.
 */
#ifndef SMP_HAIR_MATTE_H
#define SMP_HAIR_MATTE_H

#include "image.h"
#include "matte.h"

enum { HAIR_MATTE_WORK = 2048, HAIR_ORIENTATIONS = 8, HAIR_HALF_LENGTH = 3 };

/* head: the head matte (NULL = the whole photo is head). threads: 0 = 1. Fails only
 * when out of memory. */
bool hair_matte_compute(const SmpImage *photo, const SmpMatte *head, int threads, SmpMatte *out,
                        SmpError *err);

/* The same matte in steps of bounded work, for a caller that must hand its thread back
 * between them (the web build draws a frame between two). Each step does at most
 * `budget` work units (a unit: about a nanosecond of native time; a single line of a pass
 * over budget is done whole), however large the photo; the matte is byte for byte
 * hair_matte_compute's (the web app's budget, APP_STEP_BUDGET in app_job.h: steps of
 * 10-26 ms native on a 24 MP photo). threads > 1 (a caller with a thread of its own and
 * no bound): all directions in one step on that many threads. photo and head must stay
 * as they are until the end. */
typedef struct HairMatteSteps HairMatteSteps;
/* NULL when out of memory (hair_matte_steps_end then fails). */
HairMatteSteps *hair_matte_steps_begin(const SmpImage *photo, const SmpMatte *head, int threads, int64_t budget);
/* Does the next step; true while steps remain. work (may be NULL): the units it did. */
bool hair_matte_steps_next(HairMatteSteps *s, int64_t *work);
/* Frees s (NULL allowed); the matte into out once hair_matte_steps_next returned false,
 * else false (out of memory on the way, or steps left undone). */
bool hair_matte_steps_end(HairMatteSteps *s, SmpMatte *out, SmpError *err);

#endif
