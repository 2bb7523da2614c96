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

enum { JPEG_DEFAULT_QUALITY = 92 };

typedef struct ImageWriteOptions {
    int jpeg_quality; /* 0 = JPEG_DEFAULT_QUALITY */
    double dpi;       /* 0 = not recorded */
} ImageWriteOptions;

/* opt may be NULL for defaults. */
bool image_write(const char *path, const SmpImage *img, const ImageWriteOptions *opt, SmpError *err);

/* True when path ends in .png/.jpg/.jpeg (any case). */
bool image_write_supported(const char *path);

/* An export written without holding its caller up where the platform can:
 * the web build encodes it in a worker while the page draws
 * (image_write_web.c); the desktop writes it at once, on the export's
 * own thread. Default options. */
typedef struct ImageWriting ImageWriting;
/* Begins writing img to path and takes img (empty after). *out: poll it to
 * its end. false: not begun (err). */
bool image_write_begin(const char *path, SmpImage *img, ImageWriting **out, SmpError *err);
/* 1: written; -1: failed (err says why); 0: not yet. Frees w unless 0. */
int image_write_poll(ImageWriting *w, SmpError *err);
/* Gives up a writing not yet ended and frees it: a file not yet written is
 * not written. */
void image_write_abandon(ImageWriting *w);

#endif
