#include "image.h"

#include <stdlib.h>
#include <string.h>

/* Allocates the pixels, uninitialised. */
static bool image_alloc(int width, int height, SmpImage *out, SmpError *err)
{
    out->width = out->height = 0;
    out->pixels = NULL;
    if (width <= 0 || height <= 0)
        return smp_fail(err, "invalid image size %dx%d", width, height);
    size_t n = (size_t)width * (size_t)height;
    if (n > SIZE_MAX / 4)
        return smp_fail(err, "image %dx%d is too large", width, height);
    uint8_t *px = malloc(n * 4);
    if (!px)
        return smp_fail(err, "out of memory for a %dx%d image", width, height);
    out->width = width;
    out->height = height;
    out->pixels = px;
    return true;
}

bool image_create(int width, int height, SmpImage *out, SmpError *err)
{
    if (!image_alloc(width, height, out, err))
        return false;
    size_t n = (size_t)width * (size_t)height;
    for (size_t i = 0; i < n; i++) {
        out->pixels[i * 4 + 0] = out->pixels[i * 4 + 1] = out->pixels[i * 4 + 2] = 0;
        out->pixels[i * 4 + 3] = 255;
    }
    return true;
}

bool image_copy(const SmpImage *src, SmpImage *out, SmpError *err)
{
    if (!image_alloc(src->width, src->height, out, err)) /* no fill: overwritten at once */
        return false;
    memcpy(out->pixels, src->pixels, (size_t)src->width * (size_t)src->height * 4);
    return true;
}

void image_free(SmpImage *img)
{
    if (!img)
        return;
    free(img->pixels);
    img->pixels = NULL;
    img->width = img->height = 0;
}
