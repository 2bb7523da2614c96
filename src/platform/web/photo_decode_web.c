/* photo_decode_web.c - the web build's photo decoders (in place of libjpeg,
 * libpng, libheif, libwebp and lcms2): the browser decodes the file upright and
 * in sRGB (createImageBitmap, imageOrientation "from-image") and registers the
 * pixels under the SHA-256 of the file's bytes (web_photo_register); a decoder
 * here finds them by the same hash. Our EXIF reader still reports orientation. */
#include "../../core/sha256.h"
#include "../../io/photo_internal.h"

#include <emscripten.h>
#include <stdlib.h>
#include <string.h>

/* library_web.js: asks the page to decode a photo it has not handed in (one
 * kept from an earlier visit, opened again from a recent plan); 1 when it will. */
int web_js_photo_wanted(const uint8_t *file, size_t size);

enum { WEB_PHOTOS = 4 }; /* decoded photos kept: the open one and a few pending */

typedef struct WebPhoto {
    uint8_t digest[SHA256_DIGEST_SIZE];
    SmpImage img;
    unsigned age;
} WebPhoto;

static WebPhoto photos[WEB_PHOTOS];
static unsigned clock_;

/* Called by app.js with the file's bytes and the browser's RGBA of it; the
 * pixels are copied. Returns 0 on success, 1 when out of memory. */
EMSCRIPTEN_KEEPALIVE int web_photo_register(const uint8_t *file, size_t size, int w, int h, const uint8_t *rgba)
{
    WebPhoto *slot = &photos[0];
    for (int i = 1; i < WEB_PHOTOS; i++)
        if (photos[i].age < slot->age)
            slot = &photos[i];
    image_free(&slot->img);
    SmpError err;
    if (!image_alloc(w, h, &slot->img, &err))
        return 1;
    memcpy(slot->img.pixels, rgba, (size_t)w * h * 4);
    sha256_digest(file, size, slot->digest);
    slot->age = ++clock_;
    return 0;
}

static bool web_decode(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(data, size, digest);
    for (int i = 0; i < WEB_PHOTOS; i++) {
        const WebPhoto *p = &photos[i];
        if (!p->img.pixels || memcmp(p->digest, digest, sizeof digest) != 0)
            continue;
        if (!photo_check_size(p->img.width, p->img.height, err))
            return false;
        int o = exif_orientation_parse(data, size);
        photo_set_info(info, p->img.width, p->img.height, o >= 1 && o <= 8 ? o : 1);
        if (!out)
            return true;
        if (!image_alloc(p->img.width, p->img.height, out, err))
            return false;
        memcpy(out->pixels, p->img.pixels, (size_t)p->img.width * p->img.height * 4);
        return true;
    }
    if (web_js_photo_wanted(data, size))
        return smp_fail(err, "the photo is being read (kept from an earlier visit): open it again in a moment");
    return smp_fail(err, "this browser could not decode the photo");
}

bool photo_decode_jpeg(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    return web_decode(data, size, out, info, err);
}

/* The browser decodes at full size; the caller shrinks. */
bool photo_decode_jpeg_small(const uint8_t *data, size_t size, int min_side, SmpImage *out, PhotoInfo *info,
                             SmpError *err)
{
    (void)min_side;
    return web_decode(data, size, out, info, err);
}

bool photo_decode_png(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    return web_decode(data, size, out, info, err);
}

bool photo_decode_webp(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    return web_decode(data, size, out, info, err);
}

bool photo_decode_heif(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    if (web_decode(data, size, out, info, err))
        return true;
    return smp_fail(err, "HEIC photos open only where the browser decodes them (Safari); convert it to JPEG here");
}
