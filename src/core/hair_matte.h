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

#endif
