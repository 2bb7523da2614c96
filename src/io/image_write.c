/* image_write.c - PNG and JPEG export with no metadata, written atomically.
 *
 * The image is encoded into memory first, so an encoder failure never touches
 * the disk, then handed to file_write_atomic.
 *
 * PNG: RGB when every pixel is opaque (a render; a third smaller), else RGBA.
 * Chunks: IHDR, sRGB (with the gAMA/cHRM fallback libpng writes beside it for
 * old readers), pHYs only when dpi > 0, IDAT, IEND. Nothing else.
 * JPEG: JFIF APP0 (density in dots per inch when dpi > 0) and the image, no
 * other marker. Quality 92 by default. Chroma is NOT subsampled (4:4:4): SMP
 * dots are 1-3 pixels across on phone photos, and the slight blue shift of
 * aged pigment lives in chroma at exactly that scale; 4:2:0 would smear it
 * into the skin. The files are ~30% larger, which an export can afford.
 * Alpha is dropped in JPEG (the renders it exports are opaque).
 */
#include "image_write.h"

#include "atomic_file.h"
#include "png_message.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */

#include <jerror.h>
#include <jpeglib.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* zlib level 3, not libpng's 6: a 24 MP PNG is written in 2.6 s instead of
 * 6.3 s (docs/bench.md), for files ~8 % bigger. */
enum { JPEG_MAX_SIDE = 65500, PNG_ZLIB_LEVEL = 3 };

typedef enum WriteFormat { WRITE_NONE, WRITE_PNG, WRITE_JPEG } WriteFormat;

static WriteFormat write_format_of(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    const char *slash = path ? strrchr(path, '/') : NULL;
    if (!dot || (slash && dot < slash) || dot == path || (slash && dot == slash + 1))
        return WRITE_NONE;
    if (strcasecmp(dot, ".png") == 0)
        return WRITE_PNG;
    if (strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0)
        return WRITE_JPEG;
    return WRITE_NONE;
}

bool image_write_supported(const char *path) { return write_format_of(path) != WRITE_NONE; }

/* ---- PNG ---------------------------------------------------------------------- */

typedef struct PngSink {
    uint8_t *data;
    size_t size, cap;
    bool out_of_memory;
    char message[PNG_MESSAGE_MAX]; /* libpng's error pointer */
} PngSink;

static void png_sink_write(png_structp png, png_bytep bytes, size_t n)
{
    PngSink *s = png_get_io_ptr(png);
    if (n > s->cap - s->size) {
        size_t cap = s->cap ? s->cap : 65536;
        while (cap - s->size < n) {
            if (cap > SIZE_MAX / 2) {
                s->out_of_memory = true;
                png_error(png, "out of memory");
            }
            cap *= 2;
        }
        uint8_t *grown = realloc(s->data, cap);
        if (!grown) {
            s->out_of_memory = true;
            png_error(png, "out of memory");
        }
        s->data = grown;
        s->cap = cap;
    }
    memcpy(s->data + s->size, bytes, n);
    s->size += n;
}

static void png_sink_flush(png_structp png) { (void)png; }

static bool png_encode_rows(png_structp png, png_infop info, const SmpImage *img, const ImageWriteOptions *opt,
                            PngSink *sink)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    bool opaque = image_is_opaque(img);
    png_set_write_fn(png, sink, png_sink_write, png_sink_flush);
    png_set_IHDR(png, info, (png_uint_32)img->width, (png_uint_32)img->height, 8,
                 opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_sRGB_gAMA_and_cHRM(png, info, PNG_sRGB_INTENT_PERCEPTUAL);
    if (opt->dpi > 0) {
        double ppm = floor(opt->dpi / 0.0254 + 0.5);
        png_set_pHYs(png, info, (png_uint_32)ppm, (png_uint_32)ppm, PNG_RESOLUTION_METER);
    }
    png_set_compression_level(png, PNG_ZLIB_LEVEL);
    png_write_info(png, info);
    if (opaque)
        png_set_filler(png, 0, PNG_FILLER_AFTER); /* libpng drops the 4th byte of each pixel */
    for (int y = 0; y < img->height; y++)
        png_write_row(png, img->pixels + (size_t)y * (size_t)img->width * 4);
    png_write_end(png, NULL);
    return true;
}

static bool png_encode(const char *path, const SmpImage *img, const ImageWriteOptions *opt, PngSink *sink,
                       SmpError *err)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, sink->message, png_message_on_error,
                                              png_message_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    bool ok = info && png_encode_rows(png, info, img, opt, sink);
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
    if (!ok)
        return smp_fail(err, "%s: cannot encode PNG (%s)", path, sink->message[0] ? sink->message : "out of memory");
    return true;
}

/* ---- JPEG --------------------------------------------------------------------- */

typedef struct JpegWriteErr {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} JpegWriteErr;

static void jpeg_write_on_error(j_common_ptr cinfo)
{
    JpegWriteErr *e = (JpegWriteErr *)(void *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, e->message);
    longjmp(e->jump, 1);
}

static void jpeg_write_on_output(j_common_ptr cinfo) { (void)cinfo; }

/* Our own growable destination: with jpeg_mem_dest, an error after libjpeg
 * has regrown its buffer leaves the caller's pointer at freed memory. */
typedef struct JpegEncode {
    struct jpeg_compress_struct cinfo;
    JpegWriteErr err;
    struct jpeg_destination_mgr dest;
    uint8_t *buf;
    size_t size, cap;
} JpegEncode;

static JpegEncode *jpeg_encode_of(j_compress_ptr cinfo)
{
    return (JpegEncode *)(void *)((char *)cinfo - offsetof(JpegEncode, cinfo));
}

static void jpeg_dest_point(JpegEncode *e)
{
    e->dest.next_output_byte = e->buf + e->size;
    e->dest.free_in_buffer = e->cap - e->size;
}

static void jpeg_dest_init(j_compress_ptr cinfo)
{
    JpegEncode *e = jpeg_encode_of(cinfo);
    if (!e->buf) {
        e->buf = malloc(65536);
        if (!e->buf)
            ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 0);
        e->cap = 65536;
    }
    e->size = 0;
    jpeg_dest_point(e);
}

/* libjpeg calls this when the whole buffer is full: grow it by doubling. */
static boolean jpeg_dest_grow(j_compress_ptr cinfo)
{
    JpegEncode *e = jpeg_encode_of(cinfo);
    size_t cap = e->cap * 2;
    uint8_t *grown = cap > e->cap ? realloc(e->buf, cap) : NULL;
    if (!grown)
        ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 0);
    e->size = e->cap;
    e->buf = grown;
    e->cap = cap;
    jpeg_dest_point(e);
    return TRUE;
}

static void jpeg_dest_term(j_compress_ptr cinfo)
{
    JpegEncode *e = jpeg_encode_of(cinfo);
    e->size = e->cap - e->dest.free_in_buffer;
}

static void jpeg_set_density(j_compress_ptr cinfo, double dpi)
{
    if (dpi > 0) {
        double d = floor(dpi + 0.5);
        cinfo->density_unit = 1; /* dots per inch */
        cinfo->X_density = cinfo->Y_density = (UINT16)(d < 1 ? 1 : d > 65535 ? 65535 : d);
    } else {
        cinfo->density_unit = 0; /* aspect ratio only */
        cinfo->X_density = cinfo->Y_density = 1;
    }
}

static bool jpeg_encode_rows(JpegEncode *e, const SmpImage *img, const ImageWriteOptions *opt)
{
    j_compress_ptr cinfo = &e->cinfo;
    if (setjmp(e->err.jump))
        return false;
    jpeg_create_compress(cinfo);
    e->dest.init_destination = jpeg_dest_init;
    e->dest.empty_output_buffer = jpeg_dest_grow;
    e->dest.term_destination = jpeg_dest_term;
    cinfo->dest = &e->dest;
    cinfo->image_width = (JDIMENSION)img->width;
    cinfo->image_height = (JDIMENSION)img->height;
    cinfo->input_components = 4;
    cinfo->in_color_space = JCS_EXT_RGBX; /* the 4th byte (alpha) is ignored */
    jpeg_set_defaults(cinfo);
    int q = opt->jpeg_quality > 0 ? opt->jpeg_quality : JPEG_DEFAULT_QUALITY;
    jpeg_set_quality(cinfo, q > 100 ? 100 : q, TRUE);
    cinfo->comp_info[0].h_samp_factor = cinfo->comp_info[0].v_samp_factor = 1; /* 4:4:4 */
    cinfo->optimize_coding = TRUE;
    cinfo->dct_method = JDCT_ISLOW;
    cinfo->write_JFIF_header = TRUE;
    cinfo->write_Adobe_marker = FALSE;
    jpeg_set_density(cinfo, opt->dpi);
    jpeg_start_compress(cinfo, TRUE);
    while (cinfo->next_scanline < cinfo->image_height) {
        JSAMPROW row = img->pixels + (size_t)cinfo->next_scanline * (size_t)img->width * 4;
        jpeg_write_scanlines(cinfo, &row, 1);
    }
    jpeg_finish_compress(cinfo);
    return true;
}

static bool jpeg_encode(const char *path, const SmpImage *img, const ImageWriteOptions *opt, uint8_t **out,
                        size_t *out_size, SmpError *err)
{
    if (img->width > JPEG_MAX_SIDE || img->height > JPEG_MAX_SIDE)
        return smp_fail(err, "%s: %dx%d is too large for JPEG (at most %d pixels a side); export as .png", path,
                        img->width, img->height, JPEG_MAX_SIDE);
    JpegEncode *e = calloc(1, sizeof *e);
    if (!e)
        return smp_fail(err, "%s: out of memory", path);
    e->cinfo.err = jpeg_std_error(&e->err.mgr);
    e->err.mgr.error_exit = jpeg_write_on_error;
    e->err.mgr.output_message = jpeg_write_on_output;
    bool ok = jpeg_encode_rows(e, img, opt);
    jpeg_destroy_compress(&e->cinfo);
    if (ok) {
        *out = e->buf;
        *out_size = e->size;
    } else {
        free(e->buf);
        smp_fail(err, "%s: cannot encode JPEG (%s)", path, e->err.message);
    }
    free(e);
    return ok;
}

/* ---- entry -------------------------------------------------------------------- */

bool image_write(const char *path, const SmpImage *img, const ImageWriteOptions *opt, SmpError *err)
{
    static const ImageWriteOptions defaults = {0, 0.0};
    if (!opt)
        opt = &defaults;
    WriteFormat fmt = write_format_of(path);
    if (fmt == WRITE_NONE)
        return smp_fail(err, "%s: unsupported output format (use .png, .jpg or .jpeg)", path ? path : "(no name)");
    if (!img || !img->pixels || img->width <= 0 || img->height <= 0)
        return smp_fail(err, "%s: nothing to write (empty image)", path);
    if (!(opt->dpi >= 0 && opt->dpi < 1e6))
        return smp_fail(err, "%s: invalid resolution %g dpi", path, opt->dpi);
    uint8_t *data = NULL;
    size_t size = 0;
    bool ok;
    if (fmt == WRITE_PNG) {
        PngSink sink = {0};
        ok = png_encode(path, img, opt, &sink, err);
        data = sink.data;
        size = sink.size;
    } else {
        ok = jpeg_encode(path, img, opt, &data, &size, err);
    }
    ok = ok && file_write_atomic(path, data, size, err);
    free(data);
    return ok;
}

/* The desktop writes at once: the writing only holds the outcome. */
struct ImageWriting {
    bool ok;
    SmpError err;
};

bool image_write_begin(const char *path, SmpImage *img, ImageWriting **out, SmpError *err)
{
    ImageWriting *w = calloc(1, sizeof *w);
    if (!w) {
        image_free(img);
        return smp_fail(err, "%s: out of memory", path);
    }
    w->ok = image_write(path, img, NULL, &w->err);
    image_free(img);
    *out = w;
    return true;
}

int image_write_poll(ImageWriting *w, SmpError *err)
{
    int got = w->ok ? 1 : -1;
    if (!w->ok && err)
        *err = w->err;
    free(w);
    return got;
}

void image_write_abandon(ImageWriting *w) { free(w); }
