/* image_write.h - exporting images with nothing personal in them.
 *
 * PNG or JPEG by the file extension (case-insensitive: .png, .jpg, .jpeg).
 * The file holds pixels and only: the pixel format, the sRGB colour space and,
 * when dpi > 0, the physical resolution (PNG pHYs / JFIF density). No EXIF, XMP,
 * text chunks, comments, times or names. Writes are atomic (atomic_file.h): a
 * failed export leaves any existing file as it was.
 */
#ifndef SMP_IMAGE_WRITE_H
#define SMP_IMAGE_WRITE_H

#include "../core/image.h"

typedef struct ImageWriteOptions {
    int jpeg_quality; /* 0 = default (92) */
    double dpi;       /* 0 = not recorded */
} ImageWriteOptions;

/* opt may be NULL for defaults. */
bool image_write(const char *path, const SmpImage *img, const ImageWriteOptions *opt, SmpError *err);

/* True when path ends in .png/.jpg/.jpeg (any case). */
bool image_write_supported(const char *path);

#endif
