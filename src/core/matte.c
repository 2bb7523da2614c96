/* matte.c - the soft mask type shared by the head and hair mattes. */
#include "matte.h"

#include <stdlib.h>

void matte_free(SmpMatte *m)
{
    free(m->alpha);
    m->alpha = NULL;
    m->width = m->height = 0;
}

float matte_at(const SmpMatte *m, float x, float y)
{
    if (!m || !m->alpha)
        return 1.0f;
    int ix = (int)x, iy = (int)y;
    if (x < 0.0f || y < 0.0f || ix >= m->width || iy >= m->height)
        return 1.0f;
    return (float)m->alpha[(size_t)iy * (size_t)m->width + (size_t)ix] * (1.0f / 255.0f);
}
