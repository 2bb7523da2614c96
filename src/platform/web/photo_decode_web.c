/* photo_decode_web.c - the web build's photo decoders (in place of libjpeg,
 * libpng, libheif, libwebp and lcms2): the browser decodes the file upright and
 * in sRGB (createImageBitmap, imageOrientation "from-image") and registers the
 * pixels under the SHA-256 of the file's bytes (web_photo_pixels, then
 * web_photo_register); a decoder here finds them by the same hash. Our EXIF reader still reports orientation. */
#include "../../core/sha256.h"
#include "../../io/photo_internal.h"

#include <emscripten.h>
#include <stdlib.h>
#include <string.h>

enum { WEB_PHOTOS = 4 }; /* decoded photos kept: the open one and a few pending */

typedef struct WebPhoto {
    uint8_t digest[SHA256_DIGEST_SIZE];
    SmpImage img;
    unsigned age;
    bool registered; /* digest set: the pixels are whole */
} WebPhoto;

static WebPhoto photos[WEB_PHOTOS];
static unsigned clock_;
static WebPhoto *filling; /* handed to app.js by web_photo_pixels, not yet registered */

/* Called by app.js with the browser's photo size: the oldest slot gets room
 * for its RGBA, which app.js writes straight in (a 24 MP photo is 96 MB: no
 * second copy). NULL when out of memory. */
EMSCRIPTEN_KEEPALIVE uint8_t *web_photo_pixels(int w, int h)
{
    WebPhoto *slot = &photos[0];
    for (int i = 1; i < WEB_PHOTOS; i++)
        if (photos[i].age < slot->age)
            slot = &photos[i];
    image_free(&slot->img);
    *slot = (WebPhoto){.age = slot->age};
    SmpError err;
    filling = image_alloc(w, h, &slot->img, &err) ? slot : NULL;
    return filling ? filling->img.pixels : NULL;
}

/* Then with the file's bytes: the pixels written are registered under their
 * SHA-256. Returns 0 on success, 1 when nothing was being filled. */
EMSCRIPTEN_KEEPALIVE int web_photo_register(const uint8_t *file, size_t size)
{
    if (!filling)
        return 1;
    sha256_digest(file, size, filling->digest);
    filling->registered = true;
    filling->age = ++clock_;
    filling = NULL;
    return 0;
}

static bool web_decode(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(data, size, digest);
    for (int i = 0; i < WEB_PHOTOS; i++) {
        const WebPhoto *p = &photos[i];
        if (!p->registered || memcmp(p->digest, digest, sizeof digest) != 0)
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
