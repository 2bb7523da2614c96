/* photo_jpeg.c - JPEG through libjpeg-turbo.
 *
 * Errors: libjpeg's error_exit would call exit(); ours longjmps back with the
 * library's message, and warnings are kept away from stderr.
 *
 * Truncated or broken data: libjpeg pads a file that ends early with gray and
 * carries on. A clinic judging a hairline on a half-gray photo is worse off than
 * one told "truncated JPEG data", so the two warnings that mean "pixels are
 * missing" (premature end of file, premature end of a data segment) refuse the
 * photo. Benign warnings (extra bytes between markers, as many cameras write)
 * are ignored. A baseline file whose pixels are all present but whose final EOI
 * marker is missing still opens: the end is never read.
 *
 * Hostile files: a progressive JPEG can hold thousands of tiny scans that cost
 * minutes to decode (a known libjpeg-turbo DoS; its docs advise a scan limit),
 * so more than JPEG_MAX_SCANS scans is refused.
 *
 * Colour: YCbCr/RGB/gray decode straight to RGBA; CMYK and YCCK decode to CMYK,
 * then through the embedded profile, or a plain ink formula without one. Files
 * with an Adobe APP14 marker (Photoshop) store CMYK inverted.
 */
#include "photo_internal.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */

#include <jerror.h>
#include <jpeglib.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

enum { JPEG_MAX_SCANS = 1000, JPEG_BAND_ROWS = 16 };

typedef struct JpegErr {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    bool truncated;   /* the data ended before the image did */
    bool broken;      /* a data segment ended early: pixels are missing */
    bool too_many_scans;
    char message[JMSG_LENGTH_MAX];
} JpegErr;

typedef struct JpegProgress {
    struct jpeg_progress_mgr mgr;
    JpegErr *err;
} JpegProgress;

static void jpeg_on_error(j_common_ptr cinfo)
{
    JpegErr *e = (JpegErr *)(void *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, e->message);
    longjmp(e->jump, 1);
}

static void jpeg_on_message(j_common_ptr cinfo, int level)
{
    JpegErr *e = (JpegErr *)(void *)cinfo->err;
    if (level < 0) {
        if (cinfo->err->msg_code == JWRN_JPEG_EOF)
            e->truncated = true;
        else if (cinfo->err->msg_code == JWRN_HIT_MARKER)
            e->broken = true;
    }
}

static void jpeg_on_output(j_common_ptr cinfo) { (void)cinfo; }

static void jpeg_on_progress(j_common_ptr cinfo)
{
    JpegProgress *p = (JpegProgress *)(void *)cinfo->progress;
    if (cinfo->is_decompressor && ((j_decompress_ptr)cinfo)->input_scan_number > JPEG_MAX_SCANS) {
        p->err->too_many_scans = true;
        (*cinfo->err->error_exit)(cinfo);
    }
}

static bool jpeg_fail(const JpegErr *e, SmpError *err)
{
    if (e->too_many_scans)
        return smp_fail(err, "corrupt JPEG (more than %d progressive scans)", JPEG_MAX_SCANS);
    if (e->truncated)
        return smp_fail(err, "truncated JPEG data");
    if (e->broken)
        return smp_fail(err, "corrupt JPEG data (premature end of a data segment)");
    return smp_fail(err, "corrupt or unsupported JPEG (%s)", e->message);
}

/* The first APP1 that is EXIF (XMP also lives in APP1). */
static int jpeg_orientation(j_decompress_ptr cinfo)
{
    for (jpeg_saved_marker_ptr m = cinfo->marker_list; m; m = m->next)
        if (m->marker == JPEG_APP0 + 1 && m->data_length >= 6 && memcmp(m->data, "Exif\0\0", 6) == 0)
            return exif_orientation_parse(m->data, m->data_length);
    return 1;
}

static void jpeg_cmyk_row_plain(const uint8_t *src, uint8_t *dst, int width, bool inverted)
{
    for (int x = 0; x < width; x++, src += 4, dst += 4) {
        unsigned c = src[0], m = src[1], y = src[2], k = src[3];
        if (!inverted) {
            c = 255 - c;
            m = 255 - m;
            y = 255 - y;
            k = 255 - k;
        }
        /* now 255 = no ink: each channel's light passes times what black passes */
        dst[0] = (uint8_t)((c * k + 127) / 255);
        dst[1] = (uint8_t)((m * k + 127) / 255);
        dst[2] = (uint8_t)((y * k + 127) / 255);
        dst[3] = 255;
    }
}

typedef struct JpegDecode {
    struct jpeg_decompress_struct cinfo;
    JpegErr err;
    JpegProgress progress;
    JOCTET *icc;
    unsigned int icc_size;
    IccTransform *xform;
    uint8_t *band;
    uint8_t *rgba_row;
    int min_side; /* 0: full size; else decode at 1/2, 1/4 or 1/8 keeping this short side */
} JpegDecode;

/* Reads rows in bands and sends each to its upright place. */
static void jpeg_read_pixels(JpegDecode *d, int orientation, bool cmyk, bool inverted, SmpImage *out)
{
    j_decompress_ptr cinfo = &d->cinfo;
    int w = (int)cinfo->output_width, h = (int)cinfo->output_height;
    size_t stride = (size_t)w * 4;
    JSAMPROW rows[JPEG_BAND_ROWS];
    while ((int)cinfo->output_scanline < h) {
        int y0 = (int)cinfo->output_scanline;
        int n = h - y0 < JPEG_BAND_ROWS ? h - y0 : JPEG_BAND_ROWS;
        for (int i = 0; i < n; i++)
            rows[i] = d->band + (size_t)i * stride;
        int got = 0;
        while (got < n)
            got += (int)jpeg_read_scanlines(cinfo, rows + got, (JDIMENSION)(n - got));
        if (d->err.truncated || d->err.broken)
            return;
        for (int i = 0; i < n; i++) {
            uint8_t *row = rows[i];
            if (d->xform) {
                icc_transform_row(d->xform, row, d->rgba_row);
                row = d->rgba_row;
            } else if (cmyk) {
                jpeg_cmyk_row_plain(rows[i], d->rgba_row, w, inverted);
                row = d->rgba_row;
            }
            orient_put_row(out, orientation, w, h, y0 + i, row);
        }
    }
}

static bool jpeg_start(JpegDecode *d, int orientation, SmpImage *out, SmpError *err)
{
    j_decompress_ptr cinfo = &d->cinfo;
    bool cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    bool inverted = cmyk && cinfo->saw_Adobe_marker;
    if (cinfo->num_components == 2 || cinfo->jpeg_color_space == JCS_UNKNOWN)
        return smp_fail(err, "unsupported JPEG colour space (%d components)", cinfo->num_components);
    cinfo->out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
    cinfo->dct_method = JDCT_ISLOW; /* the accurate IDCT: same pixels on every machine */
    if (d->min_side > 0) { /* libjpeg scales in the IDCT: an 8x smaller decode is far cheaper */
        unsigned short_side = cinfo->image_width < cinfo->image_height ? cinfo->image_width : cinfo->image_height;
        unsigned denom = 8;
        while (denom > 1 && short_side / denom < (unsigned)d->min_side)
            denom /= 2;
        cinfo->scale_num = 1;
        cinfo->scale_denom = denom;
    }
    jpeg_start_decompress(cinfo);
    if (d->err.truncated || d->err.broken) /* progressive files read every scan here */
        return jpeg_fail(&d->err, err);
    int w = (int)cinfo->output_width, h = (int)cinfo->output_height, uw, uh;
    orient_upright_size(orientation, w, h, &uw, &uh);
    if (!image_create(uw, uh, out, err))
        return false;
    size_t stride = (size_t)w * 4;
    d->band = malloc(stride * JPEG_BAND_ROWS);
    d->rgba_row = malloc(stride);
    if (!d->band || !d->rgba_row)
        return smp_fail(err, "out of memory decoding a %dx%d JPEG", w, h);
    IccPixels kind = cmyk ? (inverted ? ICC_PIXELS_CMYK_INVERTED : ICC_PIXELS_CMYK)
                          : cinfo->jpeg_color_space == JCS_GRAYSCALE ? ICC_PIXELS_GRAY_IN_RGBA : ICC_PIXELS_RGBA;
    d->xform = icc_transform_create(d->icc, d->icc_size, kind, w);
    jpeg_read_pixels(d, orientation, cmyk, inverted, out);
    if (d->err.truncated || d->err.broken)
        return jpeg_fail(&d->err, err);
    return true;
}

static void jpeg_decode_cleanup(JpegDecode *d)
{
    jpeg_destroy_decompress(&d->cinfo);
    free(d->icc);
    icc_transform_free(d->xform);
    free(d->band);
    free(d->rgba_row);
}

/* Everything libjpeg can longjmp out of happens in here; the JpegDecode lives in
 * the caller, so nothing this function owns is lost to the jump. */
static bool jpeg_run(JpegDecode *d, const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    j_decompress_ptr cinfo = &d->cinfo;
    if (setjmp(d->err.jump))
        return jpeg_fail(&d->err, err);
    jpeg_create_decompress(cinfo);
    cinfo->progress = &d->progress.mgr;
    jpeg_mem_src(cinfo, data, (unsigned long)size);
    jpeg_save_markers(cinfo, JPEG_APP0 + 1, 0xFFFF);
    if (out)
        jpeg_save_markers(cinfo, JPEG_APP0 + 2, 0xFFFF);
    jpeg_read_header(cinfo, TRUE);
    int orientation = jpeg_orientation(cinfo), uw, uh;
    orient_upright_size(orientation, (int)cinfo->image_width, (int)cinfo->image_height, &uw, &uh);
    if (!photo_check_size(uw, uh, err))
        return false;
    photo_set_info(info, uw, uh, orientation);
    if (!out)
        return true;
    if (!jpeg_read_icc_profile(cinfo, &d->icc, &d->icc_size)) {
        d->icc = NULL;
        d->icc_size = 0;
    }
    return jpeg_start(d, orientation, out, err);
}

bool photo_decode_jpeg(const uint8_t *data, size_t size, SmpImage *out, PhotoInfo *info, SmpError *err)
{
    return photo_decode_jpeg_small(data, size, 0, out, info, err);
}

bool photo_decode_jpeg_small(const uint8_t *data, size_t size, int min_side, SmpImage *out, PhotoInfo *info,
                             SmpError *err)
{
    JpegDecode *d = calloc(1, sizeof *d);
    if (!d)
        return smp_fail(err, "out of memory");
    d->min_side = min_side;
    d->cinfo.err = jpeg_std_error(&d->err.mgr);
    d->err.mgr.error_exit = jpeg_on_error;
    d->err.mgr.emit_message = jpeg_on_message;
    d->err.mgr.output_message = jpeg_on_output;
    d->progress.mgr.progress_monitor = jpeg_on_progress;
    d->progress.err = &d->err;
    if (out) {
        out->pixels = NULL;
        out->width = out->height = 0;
    }
    bool ok = jpeg_run(d, data, size, out, info, err);
    if (!ok && out)
        image_free(out);
    jpeg_decode_cleanup(d);
    free(d);
    return ok;
}
