/* heif_fixture.h - a HEIC file made on the fly, for test_photo.c and the fuzz
 * corpus (tests/fuzz/make_corpus.c). Header-only, like photo_fixtures.h. */
#ifndef SMP_HEIF_FIXTURE_H
#define SMP_HEIF_FIXTURE_H

#include "photo_fixtures.h"

#include <libheif/heif.h>

typedef struct FxHeifOut {
    uint8_t *data;
    size_t size;
} FxHeifOut;

static inline struct heif_error fx_heif_write(struct heif_context *ctx, const void *data, size_t size, void *user)
{
    (void)ctx;
    FxHeifOut *o = user;
    o->data = malloc(size);
    if (o->data)
        memcpy(o->data, data, size);
    o->size = o->data ? size : 0;
    return (struct heif_error){heif_error_Ok, heif_suberror_Unspecified, "ok"};
}

/* HEVC-coded w x h RGBA pixels at `quality`, stored turned by the HEIF's own
 * rotation when rotate_90_cw, with an EXIF block saying orientation
 * exif_orientation (0: none). Returns malloc'ed bytes (size in *size), or NULL
 * when libheif has no HEVC encoder. */
static inline uint8_t *fx_heic(const uint8_t *rgba, int w, int h, int quality, bool rotate_90_cw,
                               int exif_orientation, size_t *size)
{
    *size = 0;
    heif_init(NULL);
    if (!heif_have_encoder_for_format(heif_compression_HEVC)) {
        heif_deinit();
        return NULL;
    }
    struct heif_context *ctx = heif_context_alloc();
    struct heif_encoder *enc = NULL;
    heif_context_get_encoder_for_format(ctx, heif_compression_HEVC, &enc);
    heif_encoder_set_lossy_quality(enc, quality);
    struct heif_image *im = NULL;
    heif_image_create(w, h, heif_colorspace_RGB, heif_chroma_interleaved_RGBA, &im);
    heif_image_add_plane(im, heif_channel_interleaved, w, h, 8);
    int stride;
    uint8_t *plane = heif_image_get_plane(im, heif_channel_interleaved, &stride);
    for (int y = 0; y < h; y++)
        memcpy(plane + (size_t)y * (size_t)stride, rgba + (size_t)y * (size_t)w * 4, (size_t)w * 4);
    struct heif_encoding_options *opt = heif_encoding_options_alloc();
    if (rotate_90_cw)
        opt->image_orientation = heif_orientation_rotate_90_cw;
    struct heif_image_handle *handle = NULL;
    heif_context_encode_image(ctx, im, enc, opt, &handle);
    if (exif_orientation) {
        uint8_t exif[64];
        size_t en = fx_exif(exif_orientation, true, exif);
        heif_context_add_exif_metadata(ctx, handle, exif + 6, (int)(en - 6)); /* without "Exif\0\0" */
    }
    FxHeifOut out = {0};
    struct heif_writer writer = {1, fx_heif_write};
    heif_context_write(ctx, &writer, &out);
    heif_image_handle_release(handle);
    heif_encoding_options_free(opt);
    heif_image_release(im);
    heif_encoder_release(enc);
    heif_context_free(ctx);
    heif_deinit();
    *size = out.size;
    return out.data;
}

#endif
