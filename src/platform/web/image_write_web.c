/* image_write_web.c - image_write.h for the web build: PNG and JPEG encoded by
 * stb_image_write (libpng and libjpeg are not there), pixels only, no
 * metadata, written atomically into the page's file system (app.js offers
 * new files as downloads). */
#include "../../io/atomic_file.h"
#include "../../io/image_write.h"

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
