/* photo.h - opening client photos safely.
 *
 * Formats are recognised by their bytes, never by the file name. JPEG (baseline,
 * progressive, grayscale, CMYK/YCCK) through libjpeg-turbo, PNG (any bit depth,
 * palette, grayscale, interlaced, 16-bit) through libpng; HEIC/HEIF and WebP
 * where the Debian libraries are present. EXIF orientation 1-8 is applied so the
 * result is upright; embedded ICC profiles are converted to sRGB.
 *
 * Limits: images over PHOTO_MAX_PIXELS are refused from their header, before any
 * pixel memory is allocated ("photo.jpg: 60000x60000 pixels is over the
 * 200-megapixel limit"). Corrupt, truncated or unsupported data fails with one
 * line naming the file and the problem; it never crashes.
 */
#ifndef SMP_PHOTO_H
#define SMP_PHOTO_H

#include "../core/image.h"

#include <stddef.h>
#include <stdint.h>

#define PHOTO_MAX_PIXELS 200000000ull
#define PHOTO_MAX_FILE_BYTES (1024u * 1024u * 1024u)

typedef struct PhotoInfo {
    int width, height; /* after orientation */
    int orientation;   /* EXIF 1..8, 1 when absent */
    char format[16];   /* lowercase: "jpeg", "png", "heic", "webp" */
} PhotoInfo;

/* Decodes path into an upright sRGB RGBA image. info may be NULL. */
bool photo_load(const char *path, SmpImage *out, PhotoInfo *info, SmpError *err);

/* The same, also giving the file's content hash (as photo_hash_file) from the
 * bytes just read, so the file is read once. hash may be NULL. */
bool photo_load_hashed(const char *path, SmpImage *out, PhotoInfo *info, char hash[80], SmpError *err);

/* Same from memory; name is used in messages only (fuzzing, tests). */
bool photo_load_memory(const uint8_t *data, size_t size, const char *name, SmpImage *out,
                       PhotoInfo *info, SmpError *err);

/* A small upright copy for thumbnails: a JPEG is decoded at 1/2, 1/4 or 1/8
 * size (in libjpeg's IDCT, much cheaper than a full decode), the smallest
 * keeping at least min_side pixels on its short side; other formats decode in
 * full. Same checks and messages as photo_load. */
bool photo_load_small(const char *path, int min_side, SmpImage *out, SmpError *err);

/* Reads only what is needed for the size, orientation and format. */
bool photo_probe(const char *path, PhotoInfo *info, SmpError *err);

/* The same probe from memory (what `info` reports; fuzzing, tests). */
bool photo_probe_memory(const uint8_t *data, size_t size, const char *name, PhotoInfo *info, SmpError *err);

/* Content hash of a file, "sha256:<64 hex>", to notice a swapped photo. */
bool photo_hash_file(const char *path, char out[80], SmpError *err);
/* True when path opens as a regular file; FIFOs, devices, sockets and
 * directories are refused at once with a one-line reason (never waits). */
bool photo_check_regular(const char *path, SmpError *err);

#endif
