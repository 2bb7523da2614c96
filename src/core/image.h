/* image.h - an 8-bit RGBA image in sRGB, the one pixel format the engine uses.
 *
 * Pixels are row-major, 4 bytes per pixel (R, G, B, A), stride = width * 4,
 * owned by the image (free with image_free). Alpha is kept but the renderer
 * treats photos as opaque.
 */
#ifndef SMP_IMAGE_H
#define SMP_IMAGE_H

#include "error.h"

#include <stddef.h>
#include <stdint.h>

typedef struct SmpImage {
    int width, height;
    uint8_t *pixels; /* RGBA8, sRGB */
} SmpImage;

/* Allocates a width x height image filled with opaque black. Fails (no abort)
 * when the size is not positive or the allocation fails. */
bool image_create(int width, int height, SmpImage *out, SmpError *err);
/* The same without the fill: the pixels are uninitialised, for callers that
 * write every one of them. */
bool image_alloc(int width, int height, SmpImage *out, SmpError *err);
bool image_copy(const SmpImage *src, SmpImage *out, SmpError *err);
void image_free(SmpImage *img);
/* Every pixel's alpha is 255. */
bool image_is_opaque(const SmpImage *img);

/* Memory for pixels or other big buffers, uninitialised, 64-byte aligned (at
 * least), freed with free(). The first write to fresh memory costs a kernel
 * page fault per 4 KB page: ~25k of them for 24 MP, about as long as drawing
 * 300k dots. On Linux, buffers of 8 MB or more are aligned to 2 MB and marked
 * for transparent huge pages (a hint: where they are off nothing changes),
 * which makes those faults ~4x cheaper in total. NULL when out of memory. */
void *image_buffer_alloc(size_t bytes);

static inline uint8_t *image_pixel(const SmpImage *img, int x, int y)
{
    return img->pixels + ((size_t)y * (size_t)img->width + (size_t)x) * 4;
}

#endif
