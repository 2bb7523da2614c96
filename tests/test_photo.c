/* test_photo.c - photos open upright, in the right colours, or are refused
 * with one clear line. Every test image is generated here. */
#include "test.h"

#include "core/sha256.h"
#include "io/image_write.h"
#include "io/photo.h"
#include "io/photo_internal.h"

#include "heif_fixture.h"
#include "photo_fixtures.h"

#include <lcms2.h>
#include <sys/stat.h>
#include <time.h>
#include <webp/encode.h>

/* ---- the asymmetric test pattern ------------------------------------------- */

enum { UW = 64, UH = 32 };
static const int QUAD[4][3] = {{220, 30, 30}, {30, 200, 40}, {30, 40, 210}, {230, 220, 40}}; /* TL TR BL BR */

static const int *upright_colour(int x, int y) { return QUAD[(y >= UH / 2) * 2 + (x >= UW / 2)]; }

/* The upright pattern U must come out of a file whose stored pixels S carry
 * orientation o. S is built from the tag's definition in the EXIF standard
 * ("row 0 is the visual ..., column 0 is the visual ..."), independently of the
 * loader's code. */
static void stored_to_upright(int o, int sx, int sy, int *ux, int *uy)
{
    switch (o) {
    case 2: *ux = UW - 1 - sx; *uy = sy; break;           /* row 0 top, column 0 right */
    case 3: *ux = UW - 1 - sx; *uy = UH - 1 - sy; break;  /* row 0 bottom, column 0 right */
    case 4: *ux = sx; *uy = UH - 1 - sy; break;           /* row 0 bottom, column 0 left */
    case 5: *ux = sy; *uy = sx; break;                    /* row 0 left, column 0 top */
    case 6: *ux = UW - 1 - sy; *uy = sx; break;           /* row 0 right, column 0 top */
    case 7: *ux = UW - 1 - sy; *uy = UH - 1 - sx; break;  /* row 0 right, column 0 bottom */
    case 8: *ux = sy; *uy = UH - 1 - sx; break;           /* row 0 left, column 0 bottom */
    default: *ux = sx; *uy = sy; break;
    }
}

/* Stored RGB pixels for orientation o; *w x *h is the stored size. */
static uint8_t *stored_pattern(int o, int *w, int *h)
{
    *w = o >= 5 ? UH : UW;
    *h = o >= 5 ? UW : UH;
    uint8_t *px = malloc((size_t)*w * (size_t)*h * 3);
    for (int y = 0; y < *h; y++)
        for (int x = 0; x < *w; x++) {
            int ux, uy;
            stored_to_upright(o, x, y, &ux, &uy);
            const int *c = upright_colour(ux, uy);
            for (int k = 0; k < 3; k++)
                px[((size_t)y * (size_t)*w + (size_t)x) * 3 + (size_t)k] = (uint8_t)c[k];
        }
    return px;
}

/* Centres of the four quadrants hold their colours (JPEG: within tol). */
static int pattern_error(const SmpImage *img)
{
    int worst = 0;
    for (int q = 0; q < 4; q++) {
        int x = (q & 1) ? UW * 3 / 4 : UW / 4, y = (q & 2) ? UH * 3 / 4 : UH / 4;
        int d = fx_channel_diff(img, x, y, QUAD[q][0], QUAD[q][1], QUAD[q][2]);
        if (d > worst)
            worst = d;
    }
    return worst;
}

static uint8_t *pattern_jpeg(int o, bool big_endian, bool progressive, size_t *size)
{
    int w, h;
    uint8_t *px = stored_pattern(o, &w, &h);
    uint8_t exif[64];
    size_t exif_size = fx_exif(o, big_endian, exif);
    FxJpeg s = {w, h, 3, JCS_RGB, JCS_UNKNOWN, progressive, 0, exif, exif_size, NULL, 0};
    uint8_t *jpg = fx_jpeg(&s, px, size);
    free(px);
    return jpg;
}

static bool load_bytes(const char *name, const uint8_t *data, size_t size, SmpImage *img, PhotoInfo *info,
                       SmpError *err)
{
    const char *path = fx_path(name);
    if (!fx_write_file(path, data, size)) {
        snprintf(err->msg, sizeof err->msg, "cannot write %s", path);
        return false;
    }
    return photo_load(path, img, info, err);
}

/* ---- JPEG ------------------------------------------------------------------- */

static void test_all_eight_orientations_upright(void)
{
    for (int o = 1; o <= 8; o++) {
        size_t size;
        uint8_t *jpg = pattern_jpeg(o, o % 2 == 0, false, &size);
        SmpImage img;
        PhotoInfo info, probe;
        SmpError err;
        char name[32];
        snprintf(name, sizeof name, "orient%d.jpg", o);
        CHECKF(load_bytes(name, jpg, size, &img, &info, &err), "orientation %d: %s", o, err.msg);
        CHECKF(img.width == UW && img.height == UH, "orientation %d: %dx%d", o, img.width, img.height);
        if (img.width == UW && img.height == UH)
            CHECKF(pattern_error(&img) <= 12, "orientation %d: quadrant colours off by %d", o, pattern_error(&img));
        CHECKF(info.orientation == o && info.width == UW && info.height == UH && strcmp(info.format, "jpeg") == 0,
               "orientation %d: info %d %dx%d %s", o, info.orientation, info.width, info.height, info.format);
        CHECK(photo_probe(fx_path(name), &probe, &err) && probe.orientation == o && probe.width == UW &&
              probe.height == UH);
        image_free(&img);
        free(jpg);
    }
}

/* Thumbnails: a JPEG decodes at the smallest of 1/2, 1/4, 1/8 keeping min_side
 * on its short side, upright, with the pattern's quadrants where they belong;
 * when even 1/2 is too small it decodes in full (the control: full size). */
static void test_small_jpeg_decode(void)
{
    static const struct {
        int min_side, w, h;
    } cases[] = {{8, UW / 4, UH / 4}, {4, UW / 8, UH / 8}, {16, UW / 2, UH / 2}, {17, UW, UH}};
    size_t size;
    uint8_t *jpg = pattern_jpeg(6, false, false, &size); /* stored rotated: the EXIF turn is still applied */
    const char *path = fx_path("small6.jpg");
    CHECK(fx_write_file(path, jpg, size));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SmpImage img;
        SmpError err;
        CHECKF(photo_load_small(path, cases[i].min_side, &img, &err), "%s", err.msg);
        CHECKF(img.width == cases[i].w && img.height == cases[i].h, "min %d: %dx%d, want %dx%d", cases[i].min_side,
               img.width, img.height, cases[i].w, cases[i].h);
        for (int q = 0; q < 4 && img.width == cases[i].w; q++) {
            int x = (q & 1) ? img.width * 3 / 4 : img.width / 4, y = (q & 2) ? img.height * 3 / 4 : img.height / 4;
            int d = fx_channel_diff(&img, x, y, QUAD[q][0], QUAD[q][1], QUAD[q][2]);
            CHECKF(d <= 24, "min %d: quadrant %d off by %d", cases[i].min_side, q, d);
        }
        image_free(&img);
    }
    SmpImage img;
    SmpError err;
    CHECK(!photo_load_small(fx_path("no_such_small.jpg"), 8, &img, &err) && strstr(err.msg, "no_such_small.jpg"));
    free(jpg);
}

static bool has_marker(const uint8_t *d, size_t n, uint8_t marker)
{
    for (size_t i = 2; i + 4 <= n && d[i] == 0xFF;) {
        if (d[i + 1] == marker)
            return true;
        if (d[i + 1] == 0xDA)
            return false;
        i += 2 + (size_t)(d[i + 2] << 8 | d[i + 3]);
    }
    return false;
}

static void test_progressive_jpeg(void)
{
    size_t size;
    uint8_t *jpg = pattern_jpeg(6, false, true, &size);
    CHECKF(has_marker(jpg, size, 0xC2), "the fixture is not progressive");
    SmpImage img;
    PhotoInfo info;
    SmpError err;
    CHECKF(load_bytes("progressive.jpg", jpg, size, &img, &info, &err), "%s", err.msg);
    CHECK(img.width == UW && img.height == UH && pattern_error(&img) <= 12);
    image_free(&img);
    free(jpg);
}

static void test_grayscale_jpeg(void)
{
    uint8_t px[32 * 16];
    for (int i = 0; i < 32 * 16; i++)
        px[i] = (uint8_t)((i % 32) < 16 ? 40 : 200);
    FxJpeg s = {32, 16, 1, JCS_GRAYSCALE, JCS_UNKNOWN, false, 95, NULL, 0, NULL, 0};
    size_t size;
    uint8_t *jpg = fx_jpeg(&s, px, &size);
    SmpImage img;
    SmpError err;
    CHECKF(load_bytes("gray.jpg", jpg, size, &img, NULL, &err), "%s", err.msg);
    CHECK(img.width == 32 && img.height == 16);
    CHECK(fx_channel_diff(&img, 4, 8, 40, 40, 40) <= 3 && fx_channel_diff(&img, 28, 8, 200, 200, 200) <= 3);
    CHECK(image_pixel(&img, 4, 8)[3] == 255);
    image_free(&img);
    free(jpg);
}

/* Photoshop stores CMYK inverted (255 = no ink) and marks it with Adobe APP14,
 * which libjpeg writes for CMYK/YCCK. Red is C=0 M=Y=100% K=0, i.e. stored
 * (255, 0, 0, 255). Both the plain CMYK and the YCCK transform must work. */
static void test_cmyk_and_ycck_jpeg(void)
{
    static const uint8_t inks[4][4] = {{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {255, 255, 255, 255}};
    static const int expect[4][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};
    uint8_t px[32 * 32 * 4];
    for (int y = 0; y < 32; y++)
        for (int x = 0; x < 32; x++)
            memcpy(px + (y * 32 + x) * 4, inks[(y >= 16) * 2 + (x >= 16)], 4);
    J_COLOR_SPACE spaces[2] = {JCS_CMYK, JCS_YCCK};
    for (int s = 0; s < 2; s++) {
        FxJpeg spec = {32, 32, 4, JCS_CMYK, spaces[s], false, 95, NULL, 0, NULL, 0};
        size_t size;
        uint8_t *jpg = fx_jpeg(&spec, px, &size);
        CHECKF(has_marker(jpg, size, 0xEE), "no Adobe marker in the fixture");
        SmpImage img;
        SmpError err;
        CHECKF(load_bytes(s ? "ycck.jpg" : "cmyk.jpg", jpg, size, &img, NULL, &err), "%s", err.msg);
        for (int q = 0; q < 4 && img.pixels; q++) {
            int x = (q & 1) ? 24 : 8, y = (q & 2) ? 24 : 8;
            int d = fx_channel_diff(&img, x, y, expect[q][0], expect[q][1], expect[q][2]);
            CHECKF(d <= 12, "%s quadrant %d off by %d", s ? "YCCK" : "CMYK", q, d);
        }
        image_free(&img);
        free(jpg);
    }
}

/* ---- colour profiles -------------------------------------------------------- */

/* A profile whose "red" primary is sRGB's green and "green" is sRGB's red:
 * converted correctly, (255, 0, 0) in it is pure sRGB green. Unconverted, it
 * stays red, so this cannot pass by accident. */
static uint8_t *swapped_profile(size_t *size)
{
    cmsCIExyY white = {0.3127, 0.3290, 1.0};
    cmsCIExyYTRIPLE prim = {{0.30, 0.60, 1.0}, {0.64, 0.33, 1.0}, {0.15, 0.06, 1.0}};
    const cmsFloat64Number p[5] = {2.4, 1.0 / 1.055, 0.055 / 1.055, 1.0 / 12.92, 0.04045};
    cmsToneCurve *c = cmsBuildParametricToneCurve(NULL, 4, p);
    cmsToneCurve *curves[3] = {c, c, c};
    cmsHPROFILE prof = cmsCreateRGBProfile(&white, &prim, curves);
    cmsUInt32Number n = 0;
    cmsSaveProfileToMem(prof, NULL, &n);
    uint8_t *buf = malloc(n);
    cmsSaveProfileToMem(prof, buf, &n);
    cmsCloseProfile(prof);
    cmsFreeToneCurve(c);
    *size = n;
    return buf;
}

static void test_icc_profiles_converted_to_srgb(void)
{
    size_t icc_size;
    uint8_t *icc = swapped_profile(&icc_size);
    uint8_t rgb[16 * 16 * 3];
    for (int i = 0; i < 16 * 16; i++) {
        rgb[i * 3] = 255;
        rgb[i * 3 + 1] = rgb[i * 3 + 2] = 0;
    }
    FxJpeg js = {16, 16, 3, JCS_RGB, JCS_UNKNOWN, false, 98, NULL, 0, icc, icc_size};
    size_t jsize, psize;
    uint8_t *jpg = fx_jpeg(&js, rgb, &jsize);
    FxPng ps = {16, 16, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, icc, icc_size, NULL, 0};
    uint8_t *png = fx_png(&ps, rgb, 16 * 3, &psize);
    SmpImage a, b;
    SmpError err;
    CHECKF(load_bytes("icc.jpg", jpg, jsize, &a, NULL, &err), "%s", err.msg);
    CHECKF(load_bytes("icc.png", png, psize, &b, NULL, &err), "%s", err.msg);
    if (a.pixels)
        CHECKF(fx_channel_diff(&a, 8, 8, 0, 255, 0) <= 8, "JPEG: %d %d %d", image_pixel(&a, 8, 8)[0],
               image_pixel(&a, 8, 8)[1], image_pixel(&a, 8, 8)[2]);
    if (b.pixels)
        CHECKF(fx_channel_diff(&b, 8, 8, 0, 255, 0) <= 3, "PNG: %d %d %d", image_pixel(&b, 8, 8)[0],
               image_pixel(&b, 8, 8)[1], image_pixel(&b, 8, 8)[2]);
    image_free(&a);
    image_free(&b);
    /* A broken profile is ignored: the photo still opens, as sRGB. */
    memset(icc + 128, 0xEE, icc_size - 128);
    uint8_t *jpg2 = fx_jpeg(&(FxJpeg){16, 16, 3, JCS_RGB, JCS_UNKNOWN, false, 98, NULL, 0, icc, icc_size}, rgb,
                            &jsize);
    CHECKF(load_bytes("badicc.jpg", jpg2, jsize, &a, NULL, &err), "%s", err.msg);
    if (a.pixels)
        CHECK(fx_channel_diff(&a, 8, 8, 255, 0, 0) <= 8);
    image_free(&a);
    free(jpg2);
    free(jpg);
    free(png);
    free(icc);
}

/* The real-world case: a Photoshop YCCK JPEG with EXIF orientation 6, against
 * its upright rendering. Lives in ../shared/photos (SMP_ROOT/../shared/photos
 * under tests/run.sh); CI always has it, so a missing file is a failure. */
static void test_real_cmyk_photo_matches_expected(void)
{
    const char *root = getenv("SMP_ROOT");
    char dir[512], a_path[640], b_path[640];
    snprintf(dir, sizeof dir, "%s/../shared/photos", root ? root : ".");
    snprintf(a_path, sizeof a_path, "%s/real_cmyk_adobe_orient6_giunchedi.jpg", dir);
    snprintf(b_path, sizeof b_path, "%s/real_cmyk_adobe_orient6_giunchedi_expected.png", dir);
    SmpImage a, b;
    PhotoInfo info;
    SmpError err;
    CHECKF(photo_load(a_path, &a, &info, &err), "%s", err.msg);
    CHECKF(photo_load(b_path, &b, NULL, &err), "%s", err.msg);
    CHECKF(info.orientation == 6 && strcmp(info.format, "jpeg") == 0, "orientation %d", info.orientation);
    CHECKF(a.width == b.width && a.height == b.height && a.width == 533 && a.height == 800, "%dx%d vs %dx%d",
           a.width, a.height, b.width, b.height);
    if (a.pixels && b.pixels && a.width == b.width && a.height == b.height) {
        double sum = 0;
        size_t n = (size_t)a.width * (size_t)a.height;
        for (size_t i = 0; i < n; i++)
            for (int k = 0; k < 3; k++)
                sum += abs(a.pixels[i * 4 + k] - b.pixels[i * 4 + k]);
        double mad = sum / (double)(n * 3);
        CHECKF(mad < 2.0, "mean abs diff %.2f", mad);
    }
    image_free(&a);
    image_free(&b);
}

/* ---- PNG -------------------------------------------------------------------- */

static SmpImage load_png(const char *name, const FxPng *s, const uint8_t *raw, size_t rowbytes)
{
    size_t size;
    uint8_t *png = fx_png(s, raw, rowbytes, &size);
    SmpImage img = {0};
    SmpError err;
    if (!load_bytes(name, png, size, &img, NULL, &err))
        printf("    %s: %s\n", name, err.msg);
    free(png);
    return img;
}

static bool pixel_is(const SmpImage *img, int x, int y, int r, int g, int b, int a)
{
    const uint8_t *p = image_pixel(img, x, y);
    return p[0] == r && p[1] == g && p[2] == b && p[3] == a;
}

static void test_png_16bit_rgb(void)
{
    uint8_t raw[4 * 2 * 6];
    uint16_t v[4][3] = {{0x1212, 0x3434, 0x5656}, {0xFFFF, 0, 0x8080}, {0x0101, 0xFEFE, 0x7F7F}, {0, 0, 0}};
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 3; k++) {
            raw[i * 6 + k * 2] = (uint8_t)(v[i % 4][k] >> 8);
            raw[i * 6 + k * 2 + 1] = (uint8_t)v[i % 4][k];
        }
    FxPng s = {4, 2, 16, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    SmpImage img = load_png("rgb16.png", &s, raw, 4 * 6);
    CHECK(img.width == 4 && img.height == 2);
    if (img.pixels)
        CHECK(pixel_is(&img, 0, 0, 0x12, 0x34, 0x56, 255) && pixel_is(&img, 1, 0, 255, 0, 0x80, 255) &&
              pixel_is(&img, 2, 1, 1, 0xFE, 0x7F, 255));
    image_free(&img);
}

static void test_png_palette_with_transparency(void)
{
    png_color pal[3] = {{255, 0, 0}, {0, 128, 0}, {10, 20, 30}};
    uint8_t trns[2] = {0, 128};
    uint8_t raw[3] = {0, 1, 2};
    FxPng s = {3, 1, 8, PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE, pal, 3, trns, 2, NULL, 0, NULL, 0};
    SmpImage img = load_png("palette.png", &s, raw, 3);
    if (img.pixels)
        CHECK(pixel_is(&img, 0, 0, 255, 0, 0, 0) && pixel_is(&img, 1, 0, 0, 128, 0, 128) &&
              pixel_is(&img, 2, 0, 10, 20, 30, 255));
    else
        CHECK(!"palette PNG did not load");
    image_free(&img);
}

static void test_png_gray_depths(void)
{
    /* 1-bit: 1,0,1,1,0,0,0,1 -> 0x8F... packed MSB first */
    uint8_t raw1[1] = {0xB1};
    FxPng s1 = {8, 1, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    SmpImage a = load_png("gray1.png", &s1, raw1, 1);
    if (a.pixels)
        CHECK(pixel_is(&a, 0, 0, 255, 255, 255, 255) && pixel_is(&a, 1, 0, 0, 0, 0, 255) &&
              pixel_is(&a, 7, 0, 255, 255, 255, 255));
    else
        CHECK(!"1-bit gray did not load");
    image_free(&a);
    uint8_t raw8[2] = {77, 200};
    FxPng s8 = {2, 1, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    SmpImage b = load_png("gray8.png", &s8, raw8, 2);
    CHECK(b.pixels && pixel_is(&b, 0, 0, 77, 77, 77, 255) && pixel_is(&b, 1, 0, 200, 200, 200, 255));
    image_free(&b);
    uint8_t raw16[8] = {0x40, 0x40, 0x80, 0x80, 0xC8, 0xC8, 0xFF, 0xFF}; /* gray 0x40, alpha 0x80; gray 0xC8, alpha 0xFF */
    FxPng sga = {2, 1, 16, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    SmpImage c = load_png("gray_alpha16.png", &sga, raw16, 8);
    CHECK(c.pixels && pixel_is(&c, 0, 0, 0x40, 0x40, 0x40, 0x80) && pixel_is(&c, 1, 0, 0xC8, 0xC8, 0xC8, 255));
    image_free(&c);
}

/* Adam7 scatters pixels over seven passes: every pixel must land back. */
static void test_png_interlaced(void)
{
    enum { W = 13, H = 11 };
    uint8_t raw[W * H * 3];
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            raw[(y * W + x) * 3] = (uint8_t)(x * 19);
            raw[(y * W + x) * 3 + 1] = (uint8_t)(y * 23);
            raw[(y * W + x) * 3 + 2] = (uint8_t)(x * y);
        }
    FxPng s = {W, H, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_ADAM7, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    SmpImage img = load_png("adam7.png", &s, raw, W * 3);
    int wrong = img.pixels ? 0 : W * H;
    for (int y = 0; y < H && img.pixels; y++)
        for (int x = 0; x < W; x++)
            wrong += !pixel_is(&img, x, y, (uint8_t)(x * 19), (uint8_t)(y * 23), (uint8_t)(x * y), 255);
    CHECKF(wrong == 0, "%d pixels wrong", wrong);
    image_free(&img);
}

/* eXIf in a PNG orients it, as browsers do. */
static void test_png_exif_orientation(void)
{
    int w, h;
    uint8_t *px = stored_pattern(8, &w, &h);
    uint8_t exif[64];
    size_t n = fx_exif(8, true, exif);
    FxPng s = {w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, NULL, 0, exif + 6, n - 6};
    SmpImage img = load_png("exif.png", &s, px, (size_t)w * 3);
    CHECKF(img.width == UW && img.height == UH && pattern_error(&img) == 0, "%dx%d", img.width, img.height);
    image_free(&img);
    free(px);
}

/* ---- other formats ------------------------------------------------------------ */

static uint8_t *pattern_rgba(int o, int *w, int *h)
{
    uint8_t *rgb = stored_pattern(o, w, h);
    size_t n = (size_t)*w * (size_t)*h;
    uint8_t *rgba = malloc(n * 4);
    for (size_t i = 0; i < n; i++) {
        memcpy(rgba + i * 4, rgb + i * 3, 3);
        rgba[i * 4 + 3] = 255;
    }
    free(rgb);
    return rgba;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void test_webp_lossless_and_exif(void)
{
    int w, h;
    uint8_t *rgba = pattern_rgba(1, &w, &h);
    rgba[3] = 77; /* one translucent pixel: alpha must survive */
    uint8_t *webp = NULL;
    size_t size = WebPEncodeLosslessRGBA(rgba, w, h, w * 4, &webp);
    CHECK(size > 0);
    SmpImage img;
    PhotoInfo info;
    SmpError err;
    CHECKF(load_bytes("plain.webp", webp, size, &img, &info, &err), "%s", err.msg);
    CHECK(img.pixels && img.width == UW && pattern_error(&img) == 0 && image_pixel(&img, 0, 0)[3] == 77 &&
          strcmp(info.format, "webp") == 0);
    image_free(&img);
    WebPFree(webp);
    free(rgba);

    /* Rebuilt as an extended file (VP8X + VP8L + EXIF with orientation 6). */
    rgba = pattern_rgba(6, &w, &h);
    size = WebPEncodeLosslessRGBA(rgba, w, h, w * 4, &webp);
    uint8_t exif[64];
    size_t en = fx_exif(6, false, exif) - 6, bits = size - 12, pad = en & 1;
    size_t total = 12 + 18 + bits + 8 + en + pad;
    uint8_t *ext = calloc(1, total);
    memcpy(ext, "RIFF", 4);
    put_le32(ext + 4, (uint32_t)(total - 8));
    memcpy(ext + 8, "WEBP", 4);
    memcpy(ext + 12, "VP8X", 4);
    put_le32(ext + 16, 10);
    ext[20] = 0x08; /* EXIF present */
    ext[24] = (uint8_t)(w - 1);
    ext[27] = (uint8_t)(h - 1);
    memcpy(ext + 30, webp + 12, bits); /* the VP8L chunk as encoded */
    memcpy(ext + 30 + bits, "EXIF", 4);
    put_le32(ext + 34 + bits, (uint32_t)en);
    memcpy(ext + 38 + bits, exif + 6, en);
    CHECKF(load_bytes("exif.webp", ext, total, &img, &info, &err), "%s", err.msg);
    CHECKF(img.width == UW && img.height == UH && info.orientation == 6 && pattern_error(&img) == 0, "%dx%d o=%d",
           img.width, img.height, info.orientation);
    image_free(&img);
    free(ext);
    WebPFree(webp);
    free(rgba);
}

/* libheif applies the file's rotation itself; the EXIF block of an iPhone HEIC
 * says the same thing again. Rotating by both would turn the photo twice. */
static void test_heic_rotation_applied_once(void)
{
    int w, h;
    uint8_t *rgba = pattern_rgba(6, &w, &h);
    FxHeifOut out = {0};
    out.data = fx_heic(rgba, w, h, 95, true, 6, &out.size);
    free(rgba);
    if (!out.data) {
        CHECKF(false, "no HEVC encoder in libheif: cannot make a HEIC fixture");
        return;
    }

    SmpImage img;
    PhotoInfo info;
    SmpError err;
    CHECKF(out.size > 0 && load_bytes("rot.heic", out.data, out.size, &img, &info, &err), "%s", err.msg);
    CHECKF(img.width == UW && img.height == UH, "%dx%d", img.width, img.height);
    if (img.width == UW && img.height == UH)
        CHECKF(pattern_error(&img) <= 16, "colours off by %d", pattern_error(&img));
    CHECKF(strcmp(info.format, "heic") == 0 && info.orientation == 6 && info.width == UW, "%s o=%d %dx%d",
           info.format, info.orientation, info.width, info.height);
    image_free(&img);
    free(out.data);
}

/* ---- limits and bad input ------------------------------------------------------- */

static uint32_t crc32_of(const uint8_t *d, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= d[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static void put_be32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (24 - 8 * i));
}

/* Rewrites the size fields of a small file's header to w x h (keeping a valid
 * CRC for PNG), so the file is tiny but claims to be huge. */
static void declare_size(uint8_t *d, size_t n, bool png, uint32_t w, uint32_t h)
{
    if (png) {
        put_be32(d + 16, w);
        put_be32(d + 20, h);
        put_be32(d + 29, crc32_of(d + 12, 17));
        return;
    }
    for (size_t i = 2; i + 9 < n && d[i] == 0xFF; i += 2 + (size_t)(d[i + 2] << 8 | d[i + 3]))
        if (d[i + 1] == 0xC0 || d[i + 1] == 0xC2) {
            d[i + 5] = (uint8_t)(h >> 8);
            d[i + 6] = (uint8_t)h;
            d[i + 7] = (uint8_t)(w >> 8);
            d[i + 8] = (uint8_t)w;
            return;
        }
}

static void test_huge_dimensions_refused_from_header(void)
{
    size_t jsize, psize;
    uint8_t *jpg = pattern_jpeg(1, false, false, &jsize);
    uint8_t rgb[UW * 3] = {0};
    FxPng ps = {UW, 1, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    uint8_t *png = fx_png(&ps, rgb, UW * 3, &psize);
    declare_size(jpg, jsize, false, 60000, 60000);
    declare_size(png, psize, true, 60000, 60000);
    const char *names[2] = {"huge.jpg", "huge.png"};
    const uint8_t *files[2] = {jpg, png};
    size_t sizes[2] = {jsize, psize};
    for (int i = 0; i < 2; i++) {
        const char *path = fx_path(names[i]);
        fx_write_file(path, files[i], sizes[i]);
        char expect[400];
        snprintf(expect, sizeof expect, "%s: 60000x60000 pixels is over the 200-megapixel limit", path);
        SmpImage img;
        SmpError err;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        CHECK(!photo_load(path, &img, NULL, &err));
        clock_gettime(CLOCK_MONOTONIC, &t1);
        CHECKF(strcmp(err.msg, expect) == 0, "got \"%s\"", err.msg);
        CHECK(img.pixels == NULL);
        /* 14 GB of pixels were never touched: refusing took no time at all */
        double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        CHECKF(s < 2.0, "refusal took %.2f s", s);
        PhotoInfo info;
        CHECK(!photo_probe(path, &info, &err) && strcmp(err.msg, expect) == 0);
    }
    /* 14142 x 14142 = 199,996,164 pixels is allowed by the header check */
    declare_size(png, psize, true, 14142, 14142);
    fx_write_file(fx_path("big_ok.png"), png, psize);
    PhotoInfo info;
    SmpError err;
    CHECKF(photo_probe(fx_path("big_ok.png"), &info, &err) && info.width == 14142, "%s", err.msg);
    declare_size(png, psize, true, 14143, 14142);
    fx_write_file(fx_path("big_no.png"), png, psize);
    CHECK(!photo_probe(fx_path("big_no.png"), &info, &err) && strstr(err.msg, "14143x14142 pixels is over"));
    free(jpg);
    free(png);
}

static void test_extreme_but_valid_sizes_load(void)
{
    uint8_t *row = calloc(20000 * 3, 1);
    for (int x = 0; x < 20000; x++)
        row[x * 3] = (uint8_t)x;
    uint8_t *raw = malloc(20000 * 3 * 100);
    for (int y = 0; y < 100; y++)
        memcpy(raw + (size_t)y * 60000, row, 60000);
    FxPng s = {20000, 100, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    SmpImage img = load_png("wide.png", &s, raw, 60000);
    CHECK(img.width == 20000 && img.height == 100 && img.pixels && image_pixel(&img, 19999, 99)[0] == (19999 & 255));
    image_free(&img);
    uint8_t one[3] = {9, 8, 7};
    FxPng s1 = {1, 1, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    img = load_png("one.png", &s1, one, 3);
    CHECK(img.width == 1 && img.height == 1 && img.pixels && pixel_is(&img, 0, 0, 9, 8, 7, 255));
    image_free(&img);
    free(raw);
    free(row);
}

/* Loads bytes as `name`, expects failure with exactly "<path>: <reason>". */
static void expect_refusal(const char *name, const void *data, size_t size, const char *reason)
{
    const char *path = fx_path(name);
    fx_write_file(path, data, size);
    SmpImage img = {0, 0, (uint8_t *)"not touched"};
    SmpError err = {{0}};
    bool ok = photo_load(path, &img, NULL, &err);
    char expect[600];
    snprintf(expect, sizeof expect, "%s: %s", path, reason);
    CHECKF(!ok && strncmp(err.msg, expect, strlen(expect)) == 0, "%s: got \"%s\"", name, err.msg);
    CHECKF(strchr(err.msg, '\n') == NULL, "%s: message is not one line", name);
    CHECK(img.pixels == NULL && img.width == 0);
    if (ok)
        image_free(&img);
}

static void test_bad_files_refused_with_reason(void)
{
    expect_refusal("empty.jpg", "", 0, "empty file");
    const char *text = "hello, this is not a photo\n";
    expect_refusal("text.jpg", text, strlen(text), "unsupported format (text)");
    expect_refusal("anim.jpg", "GIF89a\x01\0\x01\0\x80\0\0", 13, "unsupported format (gif)");
    expect_refusal("scan.png", "II*\0\x08\0\0\0\0\0", 10, "unsupported format (tiff)");
    expect_refusal("pic.jpg", "BM\x3a\0\0\0\0\0\0\0\x36\0\0\0", 14, "unsupported format (bmp)");
    expect_refusal("noise.jpg", "\x01\x02\x03\x04\xfe\xfd\0\0", 8, "unsupported format (not an image");

    size_t jsize, psize;
    uint8_t *jpg = pattern_jpeg(1, false, false, &jsize);
    expect_refusal("half.jpg", jpg, jsize / 2, "truncated JPEG data");
    expect_refusal("header_only.jpg", jpg, 40, "truncated JPEG data");
    uint8_t raw[UW * UH * 3];
    memset(raw, 90, sizeof raw);
    FxPng ps = {UW, UH, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    uint8_t *png = fx_png(&ps, raw, UW * 3, &psize);
    expect_refusal("half.png", png, psize / 2, "truncated PNG data");
    png[30] ^= 0x55; /* IHDR's CRC */
    expect_refusal("crc.png", png, psize, "corrupt PNG (CRC error)");
    png[30] ^= 0x55;
    png[45] ^= 0x55; /* inside the compressed pixels */
    expect_refusal("zlib.png", png, psize, "corrupt PNG (");
    png[45] ^= 0x55;

    /* PNG content under a .jpg name opens, as PNG */
    SmpImage img;
    PhotoInfo info;
    SmpError err;
    fx_write_file(fx_path("really_png.jpg"), png, psize);
    CHECKF(photo_load(fx_path("really_png.jpg"), &img, &info, &err) && strcmp(info.format, "png") == 0, "%s",
           err.msg);
    image_free(&img);

    char expect[300];
    snprintf(expect, sizeof expect, "%s: cannot open: No such file or directory", fx_path("nope.jpg"));
    CHECK(!photo_load(fx_path("nope.jpg"), &img, NULL, &err) && strcmp(err.msg, expect) == 0);
    CHECK(!photo_probe(fx_path("nope.jpg"), &info, &err) && strcmp(err.msg, expect) == 0);
    free(jpg);
    free(png);
}

/* Broken EXIF is metadata gone wrong, not a broken photo: it opens, as 1. */
static void test_malformed_exif_ignored(void)
{
    uint8_t good[64];
    size_t n = fx_exif(6, false, good);
    CHECK(exif_orientation_parse(good, n) == 6); /* the baseline the mutations start from */
    struct {
        size_t at;
        uint8_t value;
        size_t len;
    } cases[] = {
        {10, 0xF0, n},  /* IFD0 offset far outside */
        {14, 0xFF, n},  /* entry count 255 (only one entry present) */
        {24, 9, n},     /* orientation 9 */
        {24, 0, n},     /* orientation 0 */
        {18, 7, n},     /* type UNDEFINED instead of SHORT */
        {0, 'X', n},    /* not "Exif" */
        {6, 'X', n},    /* bad byte-order mark */
        {0, 'E', 20},   /* cut inside the entry */
        {0, 'E', 9},    /* cut inside the TIFF header */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t *bad = malloc(cases[i].len); /* exact size: ASan sees any overread */
        memcpy(bad, good, cases[i].len);
        bad[cases[i].at] = cases[i].value;
        int o = exif_orientation_parse(bad, cases[i].len);
        CHECKF(o == 1 || (i == 1 && o == 6), "case %zu gave %d", i, o);
        int w, h;
        uint8_t *px = stored_pattern(1, &w, &h);
        FxJpeg s = {w, h, 3, JCS_RGB, JCS_UNKNOWN, false, 90, bad, cases[i].len, NULL, 0};
        size_t size;
        uint8_t *jpg = fx_jpeg(&s, px, &size);
        SmpImage img;
        SmpError err;
        err.msg[0] = '\0';
        CHECKF(load_bytes("badexif.jpg", jpg, size, &img, NULL, &err) && img.width == (o >= 5 ? UH : UW),
               "case %zu: %s", i, err.msg);
        image_free(&img);
        free(jpg);
        free(px);
        free(bad);
    }
    /* random blocks and random mutations: always a value in 1..8, no overread */
    uint64_t r = 12345;
    for (int i = 0; i < 20000; i++) {
        r = r * 6364136223846793005ull + 1442695040888963407ull;
        size_t len = (size_t)(r >> 33) % 40 + 1;
        uint8_t *b = malloc(len);
        memcpy(b, good, len < n ? len : n);
        for (size_t k = n; k < len; k++)
            b[k] = (uint8_t)(r >> (k % 56));
        for (int m = 0; m < 3; m++) {
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            b[(r >> 40) % len] = (uint8_t)(r >> 20);
        }
        int o = exif_orientation_parse(b, len);
        CHECKF(o >= 1 && o <= 8, "got %d", o);
        free(b);
    }
}

/* Flipped bytes anywhere in a JPEG or PNG: a clean refusal or an image, never
 * a crash (ASan run) and never a message without the file name. */
static void test_mutated_files_never_crash(void)
{
    size_t jsize, psize;
    uint8_t *jpg = pattern_jpeg(6, true, true, &jsize);
    uint8_t raw[UW * UH * 3];
    for (size_t i = 0; i < sizeof raw; i++)
        raw[i] = (uint8_t)(i * 7);
    FxPng ps = {UW, UH, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_ADAM7, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    uint8_t *png = fx_png(&ps, raw, UW * 3, &psize);
    uint64_t r = 99;
    int refused = 0, loaded = 0;
    for (int i = 0; i < 600; i++) {
        bool is_png = i & 1;
        const uint8_t *src = is_png ? png : jpg;
        size_t n = is_png ? psize : jsize;
        uint8_t *m = malloc(n);
        memcpy(m, src, n);
        for (int k = 0; k < 1 + i % 4; k++) {
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            m[(r >> 33) % n] = (uint8_t)(r >> 13);
        }
        r = r * 6364136223846793005ull + 1442695040888963407ull;
        size_t len = (i % 5 == 0) ? (size_t)(r >> 33) % n + 1 : n;
        SmpImage img;
        SmpError err;
        if (photo_load_memory(m, len, "fuzz.jpg", &img, NULL, &err)) {
            loaded++;
            CHECK(img.pixels && img.width > 0 && img.height > 0);
            image_free(&img);
        } else {
            refused++;
            CHECKF(strncmp(err.msg, "fuzz.jpg: ", 10) == 0 && !strchr(err.msg, '\n'), "%s", err.msg);
        }
        free(m);
    }
    CHECKF(refused > 0 && loaded > 0, "refused %d, loaded %d", refused, loaded);
    free(jpg);
    free(png);
}

static void test_hash_file(void)
{
    fx_write_file(fx_path("abc.jpg"), "abc", 3);
    char hash[80];
    SmpError err;
    CHECKF(photo_hash_file(fx_path("abc.jpg"), hash, &err), "%s", err.msg);
    CHECK(strcmp(hash, "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0);
    CHECK(!photo_hash_file(fx_path("missing.jpg"), hash, &err) && strstr(err.msg, "missing.jpg: cannot open"));
    /* Loading with a hash gives the same one from the bytes it read. */
    const uint8_t raw[2 * 3] = {200, 10, 10, 10, 200, 10};
    FxPng ps = {2, 1, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    size_t size;
    uint8_t *png = fx_png(&ps, raw, sizeof raw, &size);
    fx_write_file(fx_path("hashed.png"), png, size);
    free(png);
    char loaded[80] = "";
    SmpImage img;
    CHECKF(photo_load_hashed(fx_path("hashed.png"), &img, NULL, loaded, &err), "%s", err.msg);
    CHECK(photo_hash_file(fx_path("hashed.png"), hash, &err) && strcmp(loaded, hash) == 0 && img.width == 2);
    image_free(&img);
}

/* LeakSanitizer: x265 (only used here to MAKE the HEIC fixture, never by
 * smpview, which only decodes) keeps two small buffers until exit. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libx265.so\n"; }

int main(void)
{
    fx_dir_create();
    TEST_RUN(test_all_eight_orientations_upright);
    TEST_RUN(test_small_jpeg_decode);
    TEST_RUN(test_progressive_jpeg);
    TEST_RUN(test_grayscale_jpeg);
    TEST_RUN(test_cmyk_and_ycck_jpeg);
    TEST_RUN(test_icc_profiles_converted_to_srgb);
    TEST_RUN(test_real_cmyk_photo_matches_expected);
    TEST_RUN(test_png_16bit_rgb);
    TEST_RUN(test_png_palette_with_transparency);
    TEST_RUN(test_png_gray_depths);
    TEST_RUN(test_png_interlaced);
    TEST_RUN(test_png_exif_orientation);
    TEST_RUN(test_webp_lossless_and_exif);
    TEST_RUN(test_heic_rotation_applied_once);
    TEST_RUN(test_huge_dimensions_refused_from_header);
    TEST_RUN(test_extreme_but_valid_sizes_load);
    TEST_RUN(test_bad_files_refused_with_reason);
    TEST_RUN(test_malformed_exif_ignored);
    TEST_RUN(test_mutated_files_never_crash);
    TEST_RUN(test_hash_file);
    fx_dir_remove();
    return TEST_SUMMARY();
}
