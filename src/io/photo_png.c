/* photo_png.c - PNG through libpng.
 *
 * Every PNG flavour is turned into RGBA8 by libpng's own transforms: palette and
 * tRNS expand to RGBA, gray (1-16 bit) to RGB, 16-bit is scaled (rounded, not
 * truncated) to 8, Adam7 interlacing is undone by reading the whole image.
 * Colour: an iCCP profile goes through lcms2; else a gAMA far from sRGB's
 * (a linear PNG from a render tool) is corrected by libpng; else sRGB.
 * An eXIf chunk before the pixels orients the image like a JPEG's EXIF, as
 * browsers do.
 *
 * Errors longjmp back with libpng's message; warnings are dropped (they are
 * about ancillary chunks, not for the user). libpng's own dimension limit is
 * lifted so that our check, with its clearer message, is the one that speaks.
 */
#include "photo_internal.h"
#include "png_message.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

typedef struct PngSource {
    const uint8_t *data;
    size_t size, pos;
    bool truncated;
    char message[PNG_MESSAGE_MAX]; /* libpng's error pointer */
} PngSource;

typedef struct PngDecode {
    png_structp png;
    png_infop info;
    PngSource src;
    png_bytepp rows;
    uint8_t *icc; /* copy: libpng's buffer dies with png */
    size_t icc_size;
} PngDecode;

static void png_on_read(png_structp png, png_bytep out, size_t n)
{
    PngSource *s = png_get_io_ptr(png);
    if (n > s->size - s->pos) {
        s->truncated = true;
        png_error(png, "truncated");
    }
    memcpy(out, s->data + s->pos, n);
    s->pos += n;
}

static bool png_fail(const PngSource *s, SmpError *err)
{
    if (s->truncated)
        return smp_fail(err, "truncated PNG data");
    if (strstr(s->message, "CRC"))
        return smp_fail(err, "corrupt PNG (CRC error)");
    return smp_fail(err, "corrupt PNG (%s)", s->message);
}

static int png_orientation(png_structp png, png_infop info)
{
#ifdef PNG_eXIf_SUPPORTED
    png_uint_32 n = 0;
    png_bytep exif = NULL;
    if (png_get_eXIf_1(png, info, &n, &exif) && exif)
        return exif_orientation_parse(exif, n);
#else
    (void)png;
    (void)info;
#endif
    return 1;
}

/* Remembers the profile and asks libpng for RGBA8 whatever the file holds. */
static IccPixels png_set_transforms(PngDecode *d)
{
    png_structp png = d->png;
    png_infop info = d->info;
    int color = png_get_color_type(png, info);
    png_charp name;
    int compression;
    png_bytep profile;
    png_uint_32 profile_len;
    if (png_get_iCCP(png, info, &name, &compression, &profile, &profile_len) && profile_len > 0) {
        d->icc = malloc(profile_len);
        if (d->icc) {
            memcpy(d->icc, profile, profile_len);
            d->icc_size = profile_len;
        }
    }
    double gamma;
    if (!d->icc && !png_get_valid(png, info, PNG_INFO_sRGB) && png_get_gAMA(png, info, &gamma) &&
        (gamma < 0.40 || gamma > 0.51))
        png_set_gamma(png, PNG_DEFAULT_sRGB, gamma);
    png_set_expand(png);
    png_set_scale_16(png);
    if (!(color & PNG_COLOR_MASK_COLOR))
        png_set_gray_to_rgb(png);
    if (!(color & PNG_COLOR_MASK_ALPHA) && !png_get_valid(png, info, PNG_INFO_tRNS))
        png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    return (color & PNG_COLOR_MASK_COLOR) ? ICC_PIXELS_RGBA : ICC_PIXELS_GRAY_IN_RGBA;
}

static bool png_read_pixels(PngDecode *d, int orientation, SmpImage *out, SmpError *err)
{
    IccPixels kind = png_set_transforms(d);
    int w = (int)png_get_image_width(d->png, d->info), h = (int)png_get_image_height(d->png, d->info);
    if (png_get_rowbytes(d->png, d->info) != (size_t)w * 4)
        return smp_fail(err, "unsupported PNG pixel layout");
    if (!image_create(w, h, out, err))
        return false;
    d->rows = malloc((size_t)h * sizeof *d->rows);
    if (!d->rows)
        return smp_fail(err, "out of memory decoding a %dx%d PNG", w, h);
    for (int y = 0; y < h; y++)
        d->rows[y] = out->pixels + (size_t)y * (size_t)w * 4;
    png_read_image(d->png, d->rows);
    /* The pixels are complete; whatever follows (IEND, text) is not needed. */
    icc_convert_image(d->icc, d->icc_size, kind, out);
    return orient_apply(out, orientation, err);
}

static bool png_run(PngDecode *d, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    if (setjmp(png_jmpbuf(d->png)))
        return png_fail(&d->src, err);
    png_set_read_fn(d->png, &d->src, png_on_read);
    png_set_user_limits(d->png, 0x7fffffffu, 0x7fffffffu);
    png_read_info(d->png, d->info);
    png_uint_32 w = png_get_image_width(d->png, d->info), h = png_get_image_height(d->png, d->info);
    int orientation = png_orientation(d->png, d->info), uw, uh;
    if (!photo_check_size(orientation >= 5 ? h : w, orientation >= 5 ? w : h, err))
        return false;
    orient_upright_size(orientation, (int)w, (int)h, &uw, &uh);
    photo_set_info(info, uw, uh, orientation);
    return out ? png_read_pixels(d, orientation, out, err) : true;
}

bool photo_decode_png(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    PngDecode *d = calloc(1, sizeof *d);
    if (!d)
        return smp_fail(err, "out of memory");
    d->src.data = data;
    d->src.size = size;
    if (out) {
        out->pixels = NULL;
        out->width = out->height = 0;
    }
    d->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, d->src.message, png_message_on_error,
                                    png_message_on_warning);
    d->info = d->png ? png_create_info_struct(d->png) : NULL;
    bool ok = d->info ? png_run(d, out, info, err) : smp_fail(err, "out of memory");
    if (!ok && out)
        image_free(out);
    png_destroy_read_struct(d->png ? &d->png : NULL, d->info ? &d->info : NULL, NULL);
    free(d->rows);
    free(d->icc);
    free(d);
    return ok;
}
