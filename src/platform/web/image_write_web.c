/* image_write_web.c - image_write.h for the web build: PNG and JPEG encoded by
 * stb_image_write (libpng and libjpeg are not there), pixels only, no
 * metadata, written atomically into the page's file system (app.js offers
 * new files as downloads). An export's PNG (image_write_begin) is encoded by
 * the browser in a worker instead (app.js, encode_worker.js): stb's deflate
 * of a 24 MP export held the page 4-10 s (docs/web.md). */
#include "../../io/atomic_file.h"
#include "../../io/image_write.h"

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

typedef struct Sink {
    uint8_t *data;
    size_t size, cap;
    bool failed;
} Sink;

static void sink_put(void *ctx, void *bytes, int n)
{
    Sink *s = ctx;
    if (s->failed || n <= 0)
        return;
    if (s->size + (size_t)n > s->cap) {
        size_t cap = (s->cap ? s->cap * 2 : 1 << 16) + (size_t)n;
        uint8_t *d = realloc(s->data, cap);
        if (!d) {
            s->failed = true;
            return;
        }
        s->data = d, s->cap = cap;
    }
    memcpy(s->data + s->size, bytes, (size_t)n);
    s->size += (size_t)n;
}

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
    Sink s = {0};
    int q = opt && opt->jpeg_quality > 0 ? opt->jpeg_quality : 92;
    int ok = f == 1 ? stbi_write_png_to_func(sink_put, &s, img->width, img->height, 4, img->pixels, img->width * 4)
                    : stbi_write_jpg_to_func(sink_put, &s, img->width, img->height, 4, img->pixels, q);
    if (!ok || s.failed) {
        free(s.data);
        return smp_fail(err, "%s: could not encode the image (out of memory?)", path);
    }
    bool wrote = file_write_atomic(path, s.data, s.size, err);
    free(s.data);
    return wrote;
}

/* app.js's encodings: an id (0: the page cannot), then the PNG's size once
 * encoded (0 not yet, -1 the browser could not), its bytes taken into the
 * heap, or dropped. */
int web_js_encode_start(const uint8_t *pixels, int width, int height);
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
    /* the browser's canvas keeps opaque pixels as they are (it premultiplies others) */
    if (format_of(path) == 1 && image_is_opaque(&w->img))
        w->encoding = web_js_encode_start(w->img.pixels, w->img.width, w->img.height);
    if (!w->encoding)
        w->ok = image_write(path, &w->img, NULL, &w->err);
    *out = w;
    return true;
}

/* The browser's PNG, into the file. */
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
        } else { /* the browser could not (no canvas in its workers, or none that big): stb, now */
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
