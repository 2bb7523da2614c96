/* matte.h - soft masks over a photo: how much each pixel belongs to the head's skin
 * (head_matte.h) or to a hair lying on it (hair_matte.h).
 *
 * One byte per photo pixel (0 none .. 255 fully), row-major, owned by the matte (free
 * with matte_free). `uncertain` is set when the method did not trust its own answer;
 * callers then fall back to the painted areas (treat everything as head, no hair).
 */
#ifndef SMP_MATTE_H
#define SMP_MATTE_H

#include "error.h"

#include <stdint.h>

typedef struct SmpMatte {
    int width, height;
    uint8_t *alpha; /* width * height bytes */
    bool uncertain;
} SmpMatte;

void matte_free(SmpMatte *m);

/* The matte's value at photo pixel (x, y) as 0..1; 1 outside the image or when the
 * matte is empty (no matte = no restriction). */
float matte_at(const SmpMatte *m, float x, float y);

#endif
