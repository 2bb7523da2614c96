/* image_write_web.c - image_write.h for the web build: PNG and JPEG encoded by
 * stb_image_write (libpng and libjpeg are not there), pixels only, no
 * metadata, written atomically into the page's file system (app.js offers
 * new files as downloads). An export (image_write_begin) is encoded in a
 * worker instead (app.js, encode_worker.js), its PNG by the browser, its JPEG
 * by the same stb (worker/jpeg_encoder.c): stb's deflate of a 24 MP export
 * held the page 4-10 s (docs/web.md). */
#include "../../io/atomic_file.h"
#include "../../io/image_write.h"
#include "byte_sink.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunused-function"
#endif
#include <stb_image_write.h>
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

static int format_of(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || dot == path || dot[-1] == '/')
        return 0;
    if (!strcasecmp(dot, ".png"))
        return 1;
    if (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"))
        return 2;
    return 0;
}

bool image_write_supported(const char *path) { return format_of(path) != 0; }

bool image_write(const char *path, const SmpImage *img, const ImageWriteOptions *opt, SmpError *err)
{
    int f = format_of(path);
    if (!f)
        return smp_fail(err, "%s: exports are .png or .jpg", path);
    ByteSink s = {0};
    int q = opt && opt->jpeg_quality > 0 ? opt->jpeg_quality : JPEG_DEFAULT_QUALITY;
    int ok = f == 1 ? stbi_write_png_to_func(byte_sink_put, &s, img->width, img->height, 4, img->pixels, img->width * 4)
                    : stbi_write_jpg_to_func(byte_sink_put, &s, img->width, img->height, 4, img->pixels, q);
    if (!ok || s.failed) {
        free(s.data);
        return smp_fail(err, "%s: could not encode the image (out of memory?)", path);
    }
    bool wrote = file_write_atomic(path, s.data, s.size, err);
    free(s.data);
    return wrote;
}

/* app.js's encodings, a PNG (jpeg_quality 0) or a JPEG: an id (0: the page
 * cannot), then the file's size once encoded (0 not yet, -1 the worker could
 * not), its bytes taken into the heap, or dropped. */
int web_js_encode_start(const uint8_t *pixels, int width, int height, int jpeg_quality);
int web_js_encode_size(int id);
void web_js_encode_take(int id, uint8_t *dest);
void web_js_encode_drop(int id);

struct ImageWriting {
    char *path;
    SmpImage img;  /* until written: the browser reads it, stb falls back on it */
    int encoding;  /* the page's, 0 none: written at once */
    bool ok;       /* when written at once */
    SmpError err;
};

static void writing_free(ImageWriting *w)
{
    image_free(&w->img);
    free(w->path);
    free(w);
}

bool image_write_begin(const char *path, SmpImage *img, ImageWriting **out, SmpError *err)
{
    ImageWriting *w = calloc(1, sizeof *w);
    char *copy = strdup(path);
    if (!w || !copy) {
        free(w), free(copy), image_free(img);
        return smp_fail(err, "%s: out of memory", path);
    }
    w->path = copy, w->img = *img, *img = (SmpImage){0};
    /* A JPEG in the worker by stb as here; a PNG by the browser's canvas, which
     * keeps opaque pixels as they are (it premultiplies others). */
    int format = format_of(path);
    if (format == 2 || (format == 1 && image_is_opaque(&w->img)))
        w->encoding = web_js_encode_start(w->img.pixels, w->img.width, w->img.height,
                                          format == 2 ? JPEG_DEFAULT_QUALITY : 0);
    if (!w->encoding)
        w->ok = image_write(path, &w->img, NULL, &w->err);
    *out = w;
    return true;
}

/* The worker's bytes, into the file. */
static bool write_encoded(ImageWriting *w, int size, SmpError *err)
{
    uint8_t *bytes = malloc((size_t)size);
    if (!bytes) {
        web_js_encode_drop(w->encoding);
        return smp_fail(err, "%s: out of memory", w->path);
    }
    web_js_encode_take(w->encoding, bytes);
    bool ok = file_write_atomic(w->path, bytes, (size_t)size, err);
    free(bytes);
    return ok;
}

int image_write_poll(ImageWriting *w, SmpError *err)
{
    bool ok = w->ok;
    if (w->encoding) {
        int size = web_js_encode_size(w->encoding);
        if (size == 0)
            return 0;
        if (size > 0) {
            ok = write_encoded(w, size, err);
        } else { /* the worker could not (no canvas there, none that big, no memory): stb, now */
            web_js_encode_drop(w->encoding);
            ok = image_write(w->path, &w->img, NULL, err);
        }
    } else if (!ok && err) {
        *err = w->err;
    }
    writing_free(w);
    return ok ? 1 : -1;
}

void image_write_abandon(ImageWriting *w)
{
    if (w->encoding)
        web_js_encode_drop(w->encoding);
    writing_free(w);
}
