/* make_corpus.c - writes the photo seeds of tests/fuzz/corpus/photo/.
 *   make fuzz-corpus   (runs build-fuzz/make_corpus tests/fuzz/corpus/photo)
 *
 * Tiny images (8x6 or 16x16, a few hundred bytes to a few KB) covering what the
 * loader has to handle, so the fuzzer starts inside each decoder instead of
 * having to discover a JPEG header: baseline and progressive, gray and CMYK
 * JPEG, EXIF orientation in both byte orders, an ICC profile (Display P3),
 * RGBA, palette + tRNS, interlaced and 16-bit PNG with eXIf and iCCP, lossless
 * and lossy WebP, one with VP8X + EXIF + ICCP chunks, and a HEIC. Deterministic
 * for a given set of library versions; the committed files are what counts.
 */
#include "core/image.h"

#include "../heif_fixture.h"
#include "../photo_fixtures.h"

#include <lcms2.h>
#include <webp/encode.h>

enum { W = 8, H = 6 };

static const char *out_dir;

static void save(const char *name, const uint8_t *data, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", out_dir, name);
    if (!fx_write_file(path, data, size)) {
        fprintf(stderr, "make_corpus: cannot write %s\n", path);
        exit(1);
    }
    printf("%s %zu bytes\n", path, size);
}

/* A non-symmetric gradient with a few hard edges, `comps` bytes per pixel. */
static uint8_t *pattern(int w, int h, int comps)
{
    uint8_t *px = malloc((size_t)w * (size_t)h * (size_t)comps);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < comps; c++)
                px[((size_t)y * (size_t)w + (size_t)x) * (size_t)comps + (size_t)c] =
                    (uint8_t)((x * 31 + y * 17 + c * 70 + (x > w / 2 ? 90 : 0)) & 0xFF);
    return px;
}

/* A Display P3 profile (P3 primaries, D65, sRGB curve), malloc'ed. */
static uint8_t *p3_profile(size_t *size)
{
    const cmsFloat64Number curve_params[5] = {2.4, 1.0 / 1.055, 0.055 / 1.055, 1.0 / 12.92, 0.04045};
    cmsToneCurve *curve = cmsBuildParametricToneCurve(NULL, 4, curve_params);
    cmsCIExyY white = {0.3127, 0.3290, 1.0};
    cmsCIExyYTRIPLE prim = {{0.680, 0.320, 1.0}, {0.265, 0.690, 1.0}, {0.150, 0.060, 1.0}};
    cmsToneCurve *curves[3] = {curve, curve, curve};
    cmsHPROFILE p = cmsCreateRGBProfile(&white, &prim, curves);
    cmsUInt32Number n = 0;
    cmsSaveProfileToMem(p, NULL, &n);
    uint8_t *buf = malloc(n);
    cmsSaveProfileToMem(p, buf, &n);
    cmsCloseProfile(p);
    cmsFreeToneCurve(curve);
    *size = n;
    return buf;
}

static void jpegs(const uint8_t *icc, size_t icc_size)
{
    uint8_t exif[64];
    size_t size;
    uint8_t *rgb = pattern(W, H, 3), *gray = pattern(W, H, 1), *cmyk = pattern(W, H, 4);

    size_t en = fx_exif(6, true, exif);
    FxJpeg s = {W, H, 3, JCS_RGB, JCS_UNKNOWN, false, 90, exif, en, NULL, 0};
    uint8_t *d = fx_jpeg(&s, rgb, &size);
    save("baseline_exif6_be.jpg", d, size);
    free(d);

    en = fx_exif(8, false, exif);
    s = (FxJpeg){W, H, 3, JCS_RGB, JCS_UNKNOWN, true, 90, exif, en, icc, icc_size};
    d = fx_jpeg(&s, rgb, &size);
    save("progressive_exif8_le_icc.jpg", d, size);
    free(d);

    s = (FxJpeg){W, H, 1, JCS_GRAYSCALE, JCS_UNKNOWN, true, 90, NULL, 0, NULL, 0};
    d = fx_jpeg(&s, gray, &size);
    save("progressive_gray.jpg", d, size);
    free(d);

    s = (FxJpeg){W, H, 4, JCS_CMYK, JCS_UNKNOWN, false, 90, NULL, 0, NULL, 0};
    d = fx_jpeg(&s, cmyk, &size);
    save("cmyk.jpg", d, size);
    free(d);

    s = (FxJpeg){W, H, 4, JCS_CMYK, JCS_YCCK, false, 90, NULL, 0, NULL, 0};
    d = fx_jpeg(&s, cmyk, &size);
    save("ycck.jpg", d, size);
    free(d);
    free(rgb);
    free(gray);
    free(cmyk);
}

static void pngs(const uint8_t *icc, size_t icc_size)
{
    uint8_t exif[64];
    size_t size, en = fx_exif(8, false, exif) - 6;
    uint8_t *rgba = pattern(W, H, 4);
    FxPng s = {W, H, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, icc, icc_size, exif + 6, en};
    uint8_t *d = fx_png(&s, rgba, W * 4, &size);
    save("rgba_exif8_icc.png", d, size);
    free(d);

    png_color pal[4] = {{200, 30, 30}, {30, 200, 40}, {30, 40, 210}, {230, 220, 40}};
    uint8_t trns[4] = {255, 128, 0, 255};
    uint8_t idx[W * H];
    for (int i = 0; i < W * H; i++)
        idx[i] = (uint8_t)((i * 7 / 5) & 3);
    s = (FxPng){W, H, 8, PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_ADAM7, pal, 4, trns, 4, NULL, 0, NULL, 0};
    d = fx_png(&s, idx, W, &size);
    save("palette_trns_interlaced.png", d, size);
    free(d);

    uint8_t *gray16 = pattern(W, H, 2);
    s = (FxPng){W, H, 16, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    d = fx_png(&s, gray16, W * 2, &size);
    save("gray16.png", d, size);
    free(d);
    free(gray16);
    free(rgba);
}

static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Appends a RIFF chunk (padded to even) at *pos. */
static void chunk(uint8_t *buf, size_t *pos, const char *fourcc, const uint8_t *data, size_t n)
{
    memcpy(buf + *pos, fourcc, 4);
    put_le32(buf + *pos + 4, (uint32_t)n);
    memcpy(buf + *pos + 8, data, n);
    *pos += 8 + n;
    if (n & 1)
        buf[(*pos)++] = 0;
}

static void webps(const uint8_t *icc, size_t icc_size)
{
    uint8_t *rgba = pattern(W, H, 4), *rgb = pattern(W, H, 3);
    uint8_t *webp = NULL;
    size_t size = WebPEncodeLosslessRGBA(rgba, W, H, W * 4, &webp);
    save("lossless.webp", webp, size);

    /* VP8X + ICCP + VP8L + EXIF (orientation 6), as a camera app would write. */
    uint8_t exif[64];
    size_t en = fx_exif(6, false, exif) - 6;
    uint8_t *ext = calloc(1, size + icc_size + en + 64);
    memcpy(ext, "RIFF", 4);
    memcpy(ext + 8, "WEBP", 4);
    size_t pos = 12;
    uint8_t vp8x[10] = {0x20 | 0x08, 0, 0, 0, W - 1, 0, 0, H - 1, 0, 0}; /* ICC + EXIF */
    chunk(ext, &pos, "VP8X", vp8x, sizeof vp8x);
    chunk(ext, &pos, "ICCP", icc, icc_size);
    uint32_t vp8l = (uint32_t)webp[16] | (uint32_t)webp[17] << 8 | (uint32_t)webp[18] << 16 | (uint32_t)webp[19] << 24;
    chunk(ext, &pos, "VP8L", webp + 20, vp8l); /* the encoded VP8L chunk's payload */
    chunk(ext, &pos, "EXIF", exif + 6, en);
    put_le32(ext + 4, (uint32_t)(pos - 8));
    save("extended_exif6_icc.webp", ext, pos);
    free(ext);
    WebPFree(webp);

    size = WebPEncodeRGB(rgb, W, H, W * 3, 80, &webp);
    save("lossy.webp", webp, size);
    WebPFree(webp);
    free(rgba);
    free(rgb);
}

static void heic(void)
{
    enum { S = 16 };
    uint8_t *rgba = pattern(S, S, 4);
    size_t size;
    uint8_t *data = fx_heic(rgba, S, S, 50, false, 6, &size);
    if (data)
        save("exif6.heic", data, size);
    else
        fprintf(stderr, "make_corpus: no HEVC encoder in libheif, no HEIC seed\n");
    free(data);
    free(rgba);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_corpus DIR\n");
        return 2;
    }
    out_dir = argv[1];
    size_t icc_size;
    uint8_t *icc = p3_profile(&icc_size);
    jpegs(icc, icc_size);
    pngs(icc, icc_size);
    webps(icc, icc_size);
    heic();
    free(icc);
    return 0;
}
