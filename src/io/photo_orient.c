/* photo_orient.c - the EXIF Orientation tag, read and applied.
 *
 * Our own reader instead of libexif: we need one tag from IFD0, and a parser of
 * ~60 lines whose every read is bounds-checked is easier to trust (and fuzz)
 * than a general one. Layout (TIFF 6.0 / EXIF 2.32): a byte-order mark,
 * 42, the offset of IFD0; IFD0 holds a count and 12-byte entries
 * (tag, type, count, value-or-offset). Orientation is tag 0x0112, SHORT.
 */
#include "photo_internal.h"

#include <stdlib.h>
#include <string.h>

static unsigned exif_u16(const uint8_t *p, bool big_endian)
{
    return big_endian ? (unsigned)(p[0] << 8 | p[1]) : (unsigned)(p[1] << 8 | p[0]);
}

static uint32_t exif_u32(const uint8_t *p, bool big_endian)
{
    return big_endian ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                      : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

int exif_orientation_parse(const uint8_t *data, size_t size)
{
    enum { TAG_ORIENTATION = 0x0112, TYPE_SHORT = 3, TYPE_LONG = 4 };
    if (!data)
        return 1;
    if (size >= 6 && memcmp(data, "Exif\0\0", 6) == 0) {
        data += 6;
        size -= 6;
    }
    if (size < 8)
        return 1;
    bool big;
    if (memcmp(data, "MM\0*", 4) == 0)
        big = true;
    else if (memcmp(data, "II*\0", 4) == 0)
        big = false;
    else
        return 1;
    uint32_t ifd = exif_u32(data + 4, big);
    if (ifd < 8 || ifd > size - 2)
        return 1;
    unsigned count = exif_u16(data + ifd, big);
    /* entries are 12 bytes; compare in size_t so a huge count cannot wrap */
    size_t avail = (size - ifd - 2) / 12;
    if (count > avail)
        count = (unsigned)avail;
    for (unsigned i = 0; i < count; i++) {
        const uint8_t *e = data + ifd + 2 + (size_t)i * 12;
        if (exif_u16(e, big) != TAG_ORIENTATION)
            continue;
        unsigned type = exif_u16(e + 2, big);
        uint32_t n = exif_u32(e + 4, big);
        unsigned v;
        if (type == TYPE_SHORT && n >= 1)
            v = exif_u16(e + 8, big);
        else if (type == TYPE_LONG && n >= 1)
            v = (unsigned)exif_u32(e + 8, big);
        else
            return 1;
        return v >= 1 && v <= 8 ? (int)v : 1;
    }
    return 1;
}

void orient_upright_size(int orientation, int w, int h, int *out_w, int *out_h)
{
    bool swap = orientation >= 5 && orientation <= 8;
    *out_w = swap ? h : w;
    *out_h = swap ? w : h;
}

/* Where stored pixel (x, y) of a w x h image lands upright, per the tag's
 * definition ("row 0 is the visual right side, column 0 the visual top" for 6).
 * Returned as the destination of x = 0 and the step per x, so a row is copied
 * with one add per pixel. */
static void orient_row_start(int o, int w, int h, int y, int dst_w, ptrdiff_t *start, ptrdiff_t *step)
{
    ptrdiff_t dw = dst_w;
    switch (o) {
    case 2: *start = (ptrdiff_t)y * dw + (w - 1); *step = -1; break;
    case 3: *start = (ptrdiff_t)(h - 1 - y) * dw + (w - 1); *step = -1; break;
    case 4: *start = (ptrdiff_t)(h - 1 - y) * dw; *step = 1; break;
    case 5: *start = y; *step = dw; break;                                  /* (y, x) */
    case 6: *start = (h - 1 - y); *step = dw; break;                        /* (h-1-y, x) */
    case 7: *start = (ptrdiff_t)(w - 1) * dw + (h - 1 - y); *step = -dw; break; /* (h-1-y, w-1-x) */
    case 8: *start = (ptrdiff_t)(w - 1) * dw + y; *step = -dw; break;       /* (y, w-1-x) */
    default: *start = (ptrdiff_t)y * dw; *step = 1; break;
    }
}

void orient_put_row(SmpImage *dst, int orientation, int w, int h, int y, const uint8_t *row)
{
    if (orientation < 2 || orientation > 8) {
        memcpy(dst->pixels + (size_t)y * (size_t)w * 4, row, (size_t)w * 4);
        return;
    }
    ptrdiff_t at, step;
    orient_row_start(orientation, w, h, y, dst->width, &at, &step);
    uint32_t *px = (uint32_t *)(void *)dst->pixels;
    for (int x = 0; x < w; x++, at += step)
        memcpy(px + at, row + (size_t)x * 4, 4);
}

bool orient_apply(SmpImage *img, int orientation, SmpError *err)
{
    if (orientation < 2 || orientation > 8)
        return true;
    int w = img->width, h = img->height, uw, uh;
    orient_upright_size(orientation, w, h, &uw, &uh);
    SmpImage up;
    if (!image_alloc(uw, uh, &up, err)) /* every pixel is placed below */
        return false;
    for (int y = 0; y < h; y++)
        orient_put_row(&up, orientation, w, h, y, img->pixels + (size_t)y * (size_t)w * 4);
    image_free(img);
    *img = up;
    return true;
}
