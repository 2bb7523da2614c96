/* for madvise and MADV_HUGEPAGE (Linux only, see image_buffer_alloc) */
#define _DEFAULT_SOURCE
#include "image.h"

#include <stdlib.h>
#include <string.h>
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#endif

#define HUGE_PAGE ((size_t)2 << 20)

void *image_buffer_alloc(size_t bytes)
{
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(MADV_HUGEPAGE)
    if (bytes >= 4 * HUGE_PAGE && bytes <= SIZE_MAX - HUGE_PAGE) {
        size_t rounded = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
        void *px = aligned_alloc(HUGE_PAGE, rounded);
        if (px) {
            madvise(px, rounded, MADV_HUGEPAGE);
            return px;
        }
    }
#endif
    if (bytes > SIZE_MAX - 63)
        return NULL;
    return aligned_alloc(64, bytes ? (bytes + 63) / 64 * 64 : 64);
}

bool image_alloc(int width, int height, SmpImage *out, SmpError *err)
{
    out->width = out->height = 0;
    out->pixels = NULL;
    if (width <= 0 || height <= 0)
        return smp_fail(err, "invalid image size %dx%d", width, height);
    size_t n = (size_t)width * (size_t)height;
    if (n > SIZE_MAX / 4)
        return smp_fail(err, "image %dx%d is too large", width, height);
    uint8_t *px = image_buffer_alloc(n * 4);
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

bool image_is_opaque(const SmpImage *img)
{
    size_t n = (size_t)img->width * (size_t)img->height;
    for (size_t i = 0; i < n; i++)
        if (img->pixels[i * 4 + 3] != 255)
            return false;
    return true;
}
