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

/* library_web.js: asks the page to decode a photo it has not handed in (one
 * kept from an earlier visit, opened again from a recent plan); 1 when it will. */
int web_js_photo_wanted(const uint8_t *file, size_t size);
/* library_web.js: copies the pixels the page registered in `slot` to `dest`
 * (`bytes` of them); 1 when it still has them. */
int web_js_photo_copy(int slot, uint8_t *dest, size_t bytes);

enum { WEB_PHOTOS = 4 }; /* decoded photos kept: the open one and a few pending */

/* A photo the page decoded. The first full-size decode (the photo's open)
 * takes the pixels app.js wrote into the heap instead of copying them: a
 * 24 MP photo's 96 MB into fresh memory took 0.3 s of the page's time. A
 * later decode of the same photo (another view, a thumbnail, an export) gets
 * a copy from the page, which keeps the browser's pixels outside the heap. */
typedef struct WebPhoto {
    uint8_t digest[SHA256_DIGEST_SIZE];
    SmpImage img;      /* the pixels, until a full-size decode takes them */
    int width, height; /* the photo's size */
    unsigned age;
    bool filling;    /* handed to app.js by web_photo_pixels, not yet registered */
    bool registered; /* digest set: the pixels are whole */
} WebPhoto;

static WebPhoto photos[WEB_PHOTOS];
static unsigned clock_;

/* Called by app.js with the browser's photo size: the oldest slot not being
 * filled gets room for its RGBA, which app.js writes straight in, a slice a
 * task. NULL when out of memory or every slot is being filled. */
EMSCRIPTEN_KEEPALIVE uint8_t *web_photo_pixels(int w, int h)
{
    WebPhoto *slot = NULL;
    for (int i = 0; i < WEB_PHOTOS; i++)
        if (!photos[i].filling && (!slot || photos[i].age < slot->age))
            slot = &photos[i];
    if (!slot)
        return NULL;
    image_free(&slot->img);
    *slot = (WebPhoto){.age = ++clock_, .width = w, .height = h};
    SmpError err;
    if (!image_alloc(w, h, &slot->img, &err))
        return NULL;
    slot->filling = true;
    return slot->img.pixels;
}

/* The EXIF orientation a JPEG's file gives (from its first APP1 that is
 * EXIF; 1 when none), 0 when its markers cannot be walked; another format's
 * as exif_orientation_parse finds it. decode.js reads the pixels of a JPEG
 * stored upright (1) the quick way, in a browser whose video frames do not
 * say how they are turned. */
EMSCRIPTEN_KEEPALIVE int web_photo_orientation(const uint8_t *d, size_t n)
{
    if (n < 4 || d[0] != 0xFF || d[1] != 0xD8)
        return exif_orientation_parse(d, n);
    size_t i = 2;
    while (i + 4 <= n && d[i] == 0xFF) {
        if (d[i + 1] == 0xFF) { /* fill byte */
            i++;
            continue;
        }
        size_t len = (size_t)d[i + 2] << 8 | d[i + 3];
        if (len < 2)
            return 0;
        size_t body = len - 2 < n - i - 4 ? len - 2 : n - i - 4;
        if (d[i + 1] == 0xDA) /* the scan: no EXIF before it */
            return 1;
        if (d[i + 1] == 0xE1 && body >= 6 && memcmp(d + i + 4, "Exif\0\0", 6) == 0)
            return exif_orientation_parse(d + i + 4, body);
        i += 2 + len;
    }
    return 0;
}

/* Gives back room from web_photo_pixels that will not be filled (the
 * browser could not read the photo after all). */
EMSCRIPTEN_KEEPALIVE void web_photo_drop(uint8_t *pixels)
{
    for (int i = 0; i < WEB_PHOTOS; i++)
        if (photos[i].filling && photos[i].img.pixels == pixels) {
            image_free(&photos[i].img);
            photos[i] = (WebPhoto){0};
        }
}

/* Then with the file's bytes: the pixels written at `pixels` are registered
 * under their SHA-256. Returns the slot app.js keeps its copy for (0 and up),
 * or -1 when they were not being filled. */
EMSCRIPTEN_KEEPALIVE int web_photo_register(const uint8_t *file, size_t size, const uint8_t *pixels)
{
    for (int i = 0; i < WEB_PHOTOS; i++) {
        WebPhoto *p = &photos[i];
        if (!p->filling || p->img.pixels != pixels)
            continue;
        sha256_digest(file, size, p->digest);
        p->filling = false;
        p->registered = true;
        p->age = ++clock_;
        return i;
    }
    return -1;
}

/* The newest registered slot with this digest (a photo read again after its
 * page copy was lost is registered anew). */
static WebPhoto *find(const uint8_t digest[SHA256_DIGEST_SIZE])
{
    WebPhoto *found = NULL;
    for (int i = 0; i < WEB_PHOTOS; i++) {
        WebPhoto *p = &photos[i];
        if (p->registered && memcmp(p->digest, digest, SHA256_DIGEST_SIZE) == 0 && (!found || p->age > found->age))
            found = p;
    }
    return found;
}

/* A copy of the slot's pixels in `out` (allocated for them): from the slot
 * while it has them, else from the page. False when the page no longer has
 * them either: the slot is dropped. */
static bool copy_pixels(WebPhoto *p, SmpImage *out)
{
    size_t bytes = (size_t)p->width * (size_t)p->height * 4;
    if (p->img.pixels)
        memcpy(out->pixels, p->img.pixels, bytes);
    else if (!web_js_photo_copy((int)(p - photos), out->pixels, bytes)) {
        p->registered = false;
        return false;
    }
    return true;
}

/* take: a full-size decode (an open, a view, a render) takes the pixels the
 * slot has; a thumbnail gets a copy. */
static bool web_decode(const uint8_t *data, size_t size, bool take, SmpImage *out, PhotoInfo *info,
                       SmpError *err)
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(data, size, digest);
    WebPhoto *p = find(digest);
    if (p) {
        if (!photo_check_size(p->width, p->height, err))
            return false;
        int o = web_photo_orientation(data, size);
        photo_set_info(info, p->width, p->height, o >= 1 && o <= 8 ? o : 1);
        if (!out)
            return true;
        if (take && p->img.pixels) {
            *out = p->img;
            p->img = (SmpImage){0};
            return true;
        }
        if (!image_alloc(p->width, p->height, out, err))
            return false;
        if (copy_pixels(p, out))
            return true;
        image_free(out); /* the page has let them go: read the file again */
    }
    if (web_js_photo_wanted(data, size))
        return smp_fail(err, "the photo is being read (kept from an earlier visit): it opens in a moment");
    return smp_fail(err, "this browser could not decode the photo");
}

bool photo_decode_jpeg(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    return web_decode(data, size, true, out, info, err);
}

/* The browser decodes at full size; the caller shrinks (a copy: the photo's
 * open, if it comes after, takes the pixels). */
bool photo_decode_jpeg_small(const uint8_t *data, size_t size, int min_side, SmpImage *out, PhotoInfo *info,
                             SmpError *err)
{
    (void)min_side;
    return web_decode(data, size, false, out, info, err);
}

bool photo_decode_png(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    return web_decode(data, size, true, out, info, err);
}

bool photo_decode_webp(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    return web_decode(data, size, true, out, info, err);
}

bool photo_decode_heif(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    if (web_decode(data, size, true, out, info, err))
        return true;
    return smp_fail(err, "HEIC photos open only where the browser decodes them (Safari); convert it to JPEG here");
}
