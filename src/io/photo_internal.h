/* photo_internal.h - what the format decoders share (not a public API).
 *
 * Each decoder (photo_jpeg.c, photo_png.c, photo_heif.c, photo_webp.c) reads a
 * whole file held in memory. With out == NULL it only fills *info (a probe);
 * otherwise it decodes into *out, upright, RGBA8 sRGB. Messages are filled
 * WITHOUT the file name; photo.c prefixes it. Dimensions go through
 * photo_check_size before any pixel memory is allocated.
 */
#ifndef SMP_PHOTO_INTERNAL_H
#define SMP_PHOTO_INTERNAL_H

#include "photo.h"

#include <stddef.h>
#include <stdint.h>

/* A side longer than this is refused even when the pixel count is fine: no
 * real photo is 1 x 150 million, and it keeps every index comfortably in int. */
#define PHOTO_MAX_SIDE 131072

/* Refuses sizes that are not positive, too long on a side, or over
 * PHOTO_MAX_PIXELS ("60000x60000 pixels is over the 200-megapixel limit"). */
bool photo_check_size(long long width, long long height, SmpError *err);

bool photo_decode_jpeg(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err);
/* The same at 1/2, 1/4 or 1/8 size, the smallest whose short side is at least
 * min_side (full size when even 1/2 is smaller); info has the full size. */
bool photo_decode_jpeg_small(const uint8_t *data, size_t size, int min_side, SmpImage *out, PhotoInfo *info,
                             SmpError *err);
bool photo_decode_png(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err);
bool photo_decode_heif(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err);
bool photo_decode_webp(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err);

/* ---- orientation (photo_orient.c) ------------------------------------------- */

/* The EXIF Orientation of a TIFF-structured EXIF block (starting "II*\0" or
 * "MM\0*"), or of a JPEG APP1 payload starting "Exif\0\0". Returns 1 when
 * there is none or the block is malformed in any way: it is metadata, and a
 * broken tag must never stop a photo from opening. */
int exif_orientation_parse(const uint8_t *data, size_t size);

/* Size of the upright image for a stored w x h with this orientation. */
void orient_upright_size(int orientation, int w, int h, int *out_w, int *out_h);

/* Copies stored row y (w RGBA pixels of a w x h image) to where it belongs in
 * the upright image dst (already orient_upright_size'd). */
void orient_put_row(SmpImage *dst, int orientation, int w, int h, int y, const uint8_t *row);

/* Replaces img with its upright version (a second buffer for 5-8). */
bool orient_apply(SmpImage *img, int orientation, SmpError *err);

/* ---- colour (photo_icc.c) ---------------------------------------------------- */

typedef enum IccPixels {
    ICC_PIXELS_RGBA,          /* RGB data, alpha kept */
    ICC_PIXELS_GRAY_IN_RGBA,  /* gray expanded to R=G=B, alpha kept */
    ICC_PIXELS_CMYK,          /* 4 bytes, 0 = no ink */
    ICC_PIXELS_CMYK_INVERTED, /* 4 bytes, 255 = no ink (Adobe/Photoshop JPEG) */
} IccPixels;

typedef struct IccTransform IccTransform;

/* A transform from an embedded profile to sRGB for rows of `width` pixels of
 * this kind. Returns NULL (and the caller keeps the pixels as they are, i.e.
 * treats them as sRGB) when there is no profile, the profile is malformed, does
 * not match the pixel kind, or is sRGB already. Never fails the load. */
IccTransform *icc_transform_create(const uint8_t *profile, size_t profile_size, IccPixels kind, int width);

/* Converts one row: src in the transform's pixel kind, dst RGBA8 (alpha from
 * src for the RGBA kinds, 255 for CMYK). src may equal dst for RGBA kinds. */
void icc_transform_row(IccTransform *t, const uint8_t *src, uint8_t *dst);
void icc_transform_free(IccTransform *t);

/* An ICC profile (malloc'ed) for RGB with these CIE xy primaries and white
 * (rx, ry, gx, gy, bx, by, wx, wy) and the sRGB tone curve: what an HEIF nclx
 * colour box describes. False when lcms2 cannot build it. */
bool icc_profile_from_primaries(const float xy[8], uint8_t **out, size_t *out_size);

/* The same profile-based conversion for an interleaved RGBA image in place. */
void icc_convert_image(const uint8_t *profile, size_t profile_size, IccPixels kind, SmpImage *img);

/* Fills *info (when given) with the upright size and the EXIF orientation. */
static inline void photo_set_info(PhotoInfo *info, int upright_w, int upright_h, int orientation)
{
    if (info) {
        info->width = upright_w;
        info->height = upright_h;
        info->orientation = orientation;
    }
}

#endif
