/* photo_webp.c - WebP through libwebp.
 *
 * The pixels come from libwebp's decoder; the RIFF chunks around them (VP8X,
 * ICCP, EXIF) are walked here, bounds-checked, because the plain decoder
 * ignores them and libwebpdemux would be one more library for two lookups.
 * Animated WebP is refused (a clinic photo is a still). EXIF orientation is
 * applied as browsers do.
 */
#include "photo_internal.h"

#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>

typedef struct WebpChunks {
    const uint8_t *icc, *exif;
    size_t icc_size, exif_size;
} WebpChunks;

static uint32_t webp_u32le(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* RIFF: "RIFF" size "WEBP", then chunks of fourcc, little-endian size and a
 * payload padded to an even length. */
static void webp_find_chunks(const uint8_t *data, size_t size, WebpChunks *c)
{
    memset(c, 0, sizeof *c);
    size_t end = size;
    if (size >= 12) {
        uint32_t riff = webp_u32le(data + 4);
        if ((size_t)riff + 8 < end)
            end = (size_t)riff + 8;
    }
    size_t pos = 12;
    while (end >= 8 && pos <= end - 8) {
        const uint8_t *ch = data + pos;
        size_t n = webp_u32le(ch + 4);
        if (n > end - pos - 8)
            break;
        if (memcmp(ch, "ICCP", 4) == 0 && !c->icc) {
            c->icc = ch + 8;
            c->icc_size = n;
        } else if (memcmp(ch, "EXIF", 4) == 0 && !c->exif) {
            c->exif = ch + 8;
            c->exif_size = n;
        }
        pos += 8 + n + (n & 1);
    }
}

bool photo_decode_webp(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    if (out) {
        out->pixels = NULL;
        out->width = out->height = 0;
    }
    WebPBitstreamFeatures f;
    VP8StatusCode st = WebPGetFeatures(data, size, &f);
    if (st == VP8_STATUS_NOT_ENOUGH_DATA)
        return smp_fail(err, "truncated WebP data");
    if (st != VP8_STATUS_OK)
        return smp_fail(err, "corrupt or unsupported WebP (error %d)", (int)st);
    if (f.has_animation)
        return smp_fail(err, "unsupported format (animated WebP); save one frame as JPEG or PNG");
    WebpChunks c;
    webp_find_chunks(data, size, &c);
    int orientation = exif_orientation_parse(c.exif, c.exif_size), uw, uh;
    if (!photo_check_size(f.width, f.height, err))
        return false;
    orient_upright_size(orientation, f.width, f.height, &uw, &uh);
    photo_set_info(info, uw, uh, orientation);
    if (!out)
        return true;
    if (!image_create(f.width, f.height, out, err))
        return false;
    size_t stride = (size_t)f.width * 4;
    if (!WebPDecodeRGBAInto(data, size, out->pixels, stride * (size_t)f.height, (int)stride)) {
        image_free(out);
        return smp_fail(err, "truncated or corrupt WebP data");
    }
    icc_convert_image(c.icc, c.icc_size, ICC_PIXELS_RGBA, out);
    if (!orient_apply(out, orientation, err)) {
        image_free(out);
        return false;
    }
    return true;
}
