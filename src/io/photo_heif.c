/* photo_heif.c - HEIC/HEIF (and AVIF when libheif has a decoder) via libheif.
 *
 * Orientation: libheif applies the file's irot/imir/clap boxes while decoding,
 * and iPhones write the camera rotation there AND in the EXIF block. Applying
 * EXIF too would rotate twice, so the pixels are taken as libheif returns them.
 * PhotoInfo.orientation still reports the EXIF value (for `info`), and the
 * width/height reported are libheif's, i.e. after its transformations.
 *
 * Colour: an ICC profile ('prof'/'rICC') goes through lcms2; an nclx box with
 * primaries other than BT.709/sRGB (Display P3, BT.2020) is turned into a
 * matching profile. High bit depth is reduced to 8 bits by libheif.
 */
#include "photo_internal.h"

#include <libheif/heif.h>
#include <stdlib.h>
#include <string.h>

typedef struct HeifDecode {
    struct heif_context *ctx;
    struct heif_image_handle *handle;
    struct heif_image *img;
    struct heif_decoding_options *opt;
    uint8_t *icc;
    size_t icc_size;
} HeifDecode;

static bool heif_fail(struct heif_error e, SmpError *err)
{
    /* libheif ends some messages with a newline: the user gets one line. */
    const char *m = e.message ? e.message : "";
    int n = (int)strnlen(m, 300);
    while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == '\r' || m[n - 1] == ' '))
        n--;
    if (e.code == heif_error_Unsupported_feature && e.subcode == heif_suberror_Unsupported_codec)
        return smp_fail(err, "unsupported format (this HEIF's codec has no decoder installed)");
    if (e.code == heif_error_Memory_allocation_error)
        return smp_fail(err, "HEIF image is too large to decode (%.*s)", n, m);
    return smp_fail(err, "corrupt or unsupported HEIF (%.*s)", n, n ? m : "unknown error");
}

/* The EXIF block's orientation: for `info` only (see the top of the file). */
static int heif_exif_orientation(const struct heif_image_handle *h)
{
    heif_item_id id;
    if (heif_image_handle_get_list_of_metadata_block_IDs(h, "Exif", &id, 1) != 1)
        return 1;
    size_t n = heif_image_handle_get_metadata_size(h, id);
    if (n < 4 || n > 16u * 1024u * 1024u)
        return 1;
    uint8_t *buf = malloc(n);
    int o = 1;
    if (buf && heif_image_handle_get_metadata(h, id, buf).code == heif_error_Ok) {
        /* 4 bytes big-endian: where the TIFF header starts after them */
        uint32_t skip = (uint32_t)buf[0] << 24 | (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 | buf[3];
        if (skip <= n - 4)
            o = exif_orientation_parse(buf + 4 + skip, n - 4 - skip);
    }
    free(buf);
    return o;
}

static void heif_read_profile(HeifDecode *d)
{
    enum heif_color_profile_type type = heif_image_handle_get_color_profile_type(d->handle);
    if (type == heif_color_profile_type_prof || type == heif_color_profile_type_rICC) {
        size_t n = heif_image_handle_get_raw_color_profile_size(d->handle);
        d->icc = n > 0 ? malloc(n) : NULL;
        if (d->icc && heif_image_handle_get_raw_color_profile(d->handle, d->icc).code == heif_error_Ok)
            d->icc_size = n;
        return;
    }
    struct heif_color_profile_nclx *nclx = NULL;
    if (type != heif_color_profile_type_nclx ||
        heif_image_handle_get_nclx_color_profile(d->handle, &nclx).code != heif_error_Ok || !nclx)
        return;
    enum heif_color_primaries p = nclx->color_primaries;
    if (p != heif_color_primaries_ITU_R_BT_709_5 && p != heif_color_primaries_unspecified) {
        float xy[8] = {nclx->color_primary_red_x,   nclx->color_primary_red_y,   nclx->color_primary_green_x,
                       nclx->color_primary_green_y, nclx->color_primary_blue_x,  nclx->color_primary_blue_y,
                       nclx->color_primary_white_x, nclx->color_primary_white_y};
        icc_profile_from_primaries(xy, &d->icc, &d->icc_size);
    }
    heif_nclx_color_profile_free(nclx);
}

/* The image is the size the file declares (w x h, what `info` reports): a
 * decoded picture larger than that (a stream coded with padding) is cropped,
 * a smaller one is refused. */
static bool heif_copy_pixels(HeifDecode *d, int w, int h, SmpImage *out, SmpError *err)
{
    int dw = heif_image_get_width(d->img, heif_channel_interleaved);
    int dh = heif_image_get_height(d->img, heif_channel_interleaved);
    int stride = 0;
    const uint8_t *px = heif_image_get_plane_readonly(d->img, heif_channel_interleaved, &stride);
    if (!px || dw <= 0 || dh <= 0 || stride < dw * 4)
        return smp_fail(err, "corrupt or unsupported HEIF (no pixels)");
    if (dw < w || dh < h)
        return smp_fail(err, "corrupt HEIF (the image decodes to %dx%d but is declared %dx%d)", dw, dh, w, h);
    if (!image_create(w, h, out, err))
        return false;
    for (int y = 0; y < h; y++)
        memcpy(out->pixels + (size_t)y * (size_t)w * 4, px + (size_t)y * (size_t)stride, (size_t)w * 4);
    icc_convert_image(d->icc, d->icc_size, ICC_PIXELS_RGBA, out);
    return true;
}

static bool heif_run(HeifDecode *d, const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info,
                     SmpError *err)
{
    d->ctx = heif_context_alloc();
    if (!d->ctx)
        return smp_fail(err, "out of memory");
    struct heif_error e = heif_context_read_from_memory_without_copy(d->ctx, data, size, NULL);
    if (e.code == heif_error_Ok)
        e = heif_context_get_primary_image_handle(d->ctx, &d->handle);
    if (e.code != heif_error_Ok)
        return heif_fail(e, err);
    int w = heif_image_handle_get_width(d->handle), h = heif_image_handle_get_height(d->handle);
    if (!photo_check_size(w, h, err))
        return false;
    photo_set_info(info, w, h, heif_exif_orientation(d->handle));
    if (!out)
        return true;
    heif_read_profile(d);
    d->opt = heif_decoding_options_alloc();
    if (!d->opt)
        return smp_fail(err, "out of memory");
    d->opt->convert_hdr_to_8bit = 1;
    e = heif_decode_image(d->handle, &d->img, heif_colorspace_RGB, heif_chroma_interleaved_RGBA, d->opt);
    if (e.code != heif_error_Ok)
        return heif_fail(e, err);
    return heif_copy_pixels(d, w, h, out, err);
}

bool photo_decode_heif(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    if (out) {
        out->pixels = NULL;
        out->width = out->height = 0;
    }
    HeifDecode d = {0};
    heif_init(NULL);
    bool ok = heif_run(&d, data, size, out, info, err);
    if (!ok && out)
        image_free(out);
    heif_image_release(d.img);
    heif_decoding_options_free(d.opt);
    heif_image_handle_release(d.handle);
    heif_context_free(d.ctx);
    free(d.icc);
    heif_deinit();
    return ok;
}
