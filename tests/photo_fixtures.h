/* photo_fixtures.h - test images made on the fly (no binary files in the repo).
 *
 * Small encoders over libjpeg/libpng that can write what our own exporter never
 * would (EXIF, ICC, CMYK, palettes, 16-bit, interlacing), a temporary directory
 * that cleans up after itself, and pixel helpers. Header-only: static functions
 * shared by test_photo.c and test_image_write.c.
 */
#ifndef SMP_PHOTO_FIXTURES_H
#define SMP_PHOTO_FIXTURES_H

#include <stdio.h> /* before jpeglib.h */

#include <jpeglib.h>
#include <png.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- temporary directory ----------------------------------------------------- */

static char fx_dir[64];

static inline void fx_dir_create(void)
{
    snprintf(fx_dir, sizeof fx_dir, "/tmp/smp_io_test_XXXXXX");
    if (!mkdtemp(fx_dir)) {
        perror("mkdtemp");
        exit(2);
    }
}

static inline const char *fx_path(const char *name)
{
    static char buf[8][256];
    static int next;
    char *p = buf[next++ % 8];
    snprintf(p, 256, "%s/%s", fx_dir, name);
    return p;
}

static inline void fx_dir_remove(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", fx_dir);
}

static inline bool fx_write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

static inline uint8_t *fx_read_file(const char *path, size_t *size)
{
    *size = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    *size = fread(buf, 1, (size_t)(n > 0 ? n : 0), f);
    fclose(f);
    return buf;
}

/* ---- JPEG ------------------------------------------------------------------- */

typedef struct FxJpeg {
    int width, height, components;
    J_COLOR_SPACE in_space;   /* JCS_RGB, JCS_GRAYSCALE, JCS_CMYK */
    J_COLOR_SPACE file_space; /* JCS_UNKNOWN = libjpeg's default for in_space */
    bool progressive;
    int quality;              /* 0 = 95 */
    const uint8_t *exif;      /* APP1 payload, including "Exif\0\0" */
    size_t exif_size;
    const uint8_t *icc;
    size_t icc_size;
} FxJpeg;

/* Pixels packed, `components` bytes each. Returns malloc'ed bytes. */
static inline uint8_t *fx_jpeg(const FxJpeg *s, const uint8_t *pixels, size_t *size)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr jerr;
    c.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&c);
    unsigned char *buf = NULL;
    unsigned long len = 0;
    jpeg_mem_dest(&c, &buf, &len);
    c.image_width = (JDIMENSION)s->width;
    c.image_height = (JDIMENSION)s->height;
    c.input_components = s->components;
    c.in_color_space = s->in_space;
    jpeg_set_defaults(&c);
    if (s->file_space != JCS_UNKNOWN)
        jpeg_set_colorspace(&c, s->file_space);
    jpeg_set_quality(&c, s->quality ? s->quality : 95, TRUE);
    for (int i = 0; i < c.num_components; i++)
        c.comp_info[i].h_samp_factor = c.comp_info[i].v_samp_factor = 1;
    if (s->progressive)
        jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    if (s->exif)
        jpeg_write_marker(&c, JPEG_APP0 + 1, s->exif, (unsigned)s->exif_size);
    if (s->icc)
        jpeg_write_icc_profile(&c, s->icc, (unsigned)s->icc_size);
    while (c.next_scanline < c.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)c.next_scanline * (size_t)s->width * (size_t)s->components);
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    *size = len;
    return buf;
}

/* An EXIF APP1 payload holding only IFD0 with one Orientation entry. */
static inline size_t fx_exif(int orientation, bool big_endian, uint8_t out[64])
{
    uint8_t *p = out;
    memcpy(p, "Exif\0\0", 6);
    uint8_t *t = p + 6;
    memcpy(t, big_endian ? "MM\0*" : "II*\0", 4);
#define FX_PUT16(at, v) (big_endian ? ((at)[0] = (uint8_t)((v) >> 8), (at)[1] = (uint8_t)(v)) : ((at)[0] = (uint8_t)(v), (at)[1] = (uint8_t)((v) >> 8)))
#define FX_PUT32(at, v) (big_endian ? (FX_PUT16(at, (v) >> 16), FX_PUT16((at) + 2, (v))) : (FX_PUT16(at, (v)), FX_PUT16((at) + 2, (v) >> 16)))
    FX_PUT32(t + 4, 8u);
    FX_PUT16(t + 8, 1u);           /* one entry */
    FX_PUT16(t + 10, 0x0112u);     /* Orientation */
    FX_PUT16(t + 12, 3u);          /* SHORT */
    FX_PUT32(t + 14, 1u);          /* count */
    FX_PUT16(t + 18, (unsigned)orientation);
    FX_PUT16(t + 20, 0u);
    FX_PUT32(t + 22, 0u);          /* no next IFD */
#undef FX_PUT16
#undef FX_PUT32
    return 6 + 26;
}

/* ---- PNG -------------------------------------------------------------------- */

typedef struct FxPng {
    int width, height, bit_depth, color_type, interlace;
    const png_color *palette;
    int palette_size;
    const uint8_t *trns;
    int trns_size;
    const uint8_t *icc;
    size_t icc_size;
    const uint8_t *exif; /* TIFF data, no "Exif\0\0" */
    size_t exif_size;
} FxPng;

typedef struct FxBuf {
    uint8_t *data;
    size_t size, cap;
} FxBuf;

static inline void fx_png_write(png_structp png, png_bytep d, size_t n)
{
    FxBuf *b = png_get_io_ptr(png);
    if (b->size + n > b->cap) {
        b->cap = (b->size + n) * 2;
        b->data = realloc(b->data, b->cap);
    }
    memcpy(b->data + b->size, d, n);
    b->size += n;
}

static inline void fx_png_flush(png_structp png) { (void)png; }

/* raw: rows in the PNG's own sample layout (16-bit big-endian), rowbytes each. */
static inline uint8_t *fx_png(const FxPng *s, const uint8_t *raw, size_t rowbytes, size_t *size)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    FxBuf b = {0};
    png_set_write_fn(png, &b, fx_png_write, fx_png_flush);
    png_set_IHDR(png, info, (png_uint_32)s->width, (png_uint_32)s->height, s->bit_depth, s->color_type,
                 s->interlace, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (s->palette)
        png_set_PLTE(png, info, s->palette, s->palette_size);
    if (s->trns)
        png_set_tRNS(png, info, s->trns, s->trns_size, NULL);
    if (s->icc)
        png_set_iCCP(png, info, "test", 0, s->icc, (png_uint_32)s->icc_size);
    if (s->exif)
        png_set_eXIf_1(png, info, (png_uint_32)s->exif_size, (png_bytep)s->exif);
    png_write_info(png, info);
    png_bytep *rows = malloc((size_t)s->height * sizeof *rows);
    for (int y = 0; y < s->height; y++)
        rows[y] = (png_bytep)(raw + (size_t)y * rowbytes);
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(rows);
    *size = b.size;
    return b.data;
}

/* ---- pixels ----------------------------------------------------------------- */

static inline int fx_channel_diff(const SmpImage *img, int x, int y, int r, int g, int b)
{
    const uint8_t *p = image_pixel(img, x, y);
    int d = abs(p[0] - r), e = abs(p[1] - g), f = abs(p[2] - b);
    return d > e ? (d > f ? d : f) : (e > f ? e : f);
}

#endif
