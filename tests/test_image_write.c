/* test_image_write.c - exports hold pixels and nothing personal, read back
 * right, record the DPI, and replace files atomically. */
#include "test.h"

#include "io/atomic_file.h"
#include "io/image_write.h"
#include "io/photo.h"

#include "photo_fixtures.h"

#include <dirent.h>

static SmpImage make_image(int w, int h, bool translucent)
{
    SmpImage img;
    SmpError err;
    image_create(w, h, &img, &err);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = image_pixel(&img, x, y);
            p[0] = (uint8_t)(x * 255 / (w - 1));
            p[1] = (uint8_t)(y * 255 / (h - 1));
            p[2] = (uint8_t)((x < w / 2) ? 60 : 190);
            p[3] = translucent ? (uint8_t)(x + y) : 255;
        }
    return img;
}

/* ---- what is in the bytes ------------------------------------------------------ */

/* PNG chunks in order, as 4-letter names; pHYs contents returned. */
static int png_chunks(const uint8_t *d, size_t n, char names[][5], int max, uint32_t *phys_x, int *phys_unit)
{
    int count = 0;
    for (size_t i = 8; i + 12 <= n && count < max;) {
        uint32_t len = (uint32_t)d[i] << 24 | (uint32_t)d[i + 1] << 16 | (uint32_t)d[i + 2] << 8 | d[i + 3];
        memcpy(names[count], d + i + 4, 4);
        names[count][4] = '\0';
        if (memcmp(d + i + 4, "pHYs", 4) == 0 && len == 9) {
            *phys_x = (uint32_t)d[i + 8] << 24 | (uint32_t)d[i + 9] << 16 | (uint32_t)d[i + 10] << 8 | d[i + 11];
            *phys_unit = d[i + 16];
        }
        count++;
        i += 12 + (size_t)len;
    }
    return count;
}

/* Where the first IDAT's zlib stream starts (its CMF byte); 0 when none. The
 * FLG byte after it holds the level class in its top 2 bits (FLEVEL: 0 the
 * fastest, 1 fast, 2 default, 3 best). */
static size_t png_zlib_start(const uint8_t *d, size_t n)
{
    for (size_t i = 8; i + 12 <= n;) {
        uint32_t len = (uint32_t)d[i] << 24 | (uint32_t)d[i + 1] << 16 | (uint32_t)d[i + 2] << 8 | d[i + 3];
        if (memcmp(d + i + 4, "IDAT", 4) == 0 && len >= 2 && i + 10 <= n)
            return i + 8;
        i += 12 + (size_t)len;
    }
    return 0;
}

/* Every chunk is one of the few allowed: an allowlist catches chunk types
 * nobody thought of when the test was written (tIME, tEXt, eXIf, iTXt, zTXt). */
static bool png_chunks_allowed(char names[][5], int count, bool expect_phys)
{
    static const char *allowed[] = {"IHDR", "sRGB", "gAMA", "cHRM", "pHYs", "IDAT", "IEND"};
    bool phys = false;
    for (int i = 0; i < count; i++) {
        bool ok = false;
        for (size_t k = 0; k < sizeof allowed / sizeof allowed[0]; k++)
            ok |= strcmp(names[i], allowed[k]) == 0;
        if (!ok) {
            printf("    unexpected chunk %s\n", names[i]);
            return false;
        }
        phys |= strcmp(names[i], "pHYs") == 0;
    }
    return phys == expect_phys && count >= 3 && strcmp(names[0], "IHDR") == 0 && strcmp(names[count - 1], "IEND") == 0;
}

/* JPEG markers up to SOS: only APP0 (JFIF) among APPn, no COM. */
static bool jpeg_markers_clean(const uint8_t *d, size_t n, int *density_unit, int *density_x)
{
    if (n < 4 || d[0] != 0xFF || d[1] != 0xD8)
        return false;
    int app0 = 0;
    for (size_t i = 2; i + 4 <= n;) {
        if (d[i] != 0xFF)
            return false;
        uint8_t m = d[i + 1];
        size_t len = (size_t)(d[i + 2] << 8 | d[i + 3]);
        if (m == 0xDA)
            return app0 == 1;
        if ((m >= 0xE1 && m <= 0xEF) || m == 0xFE) {
            printf("    unexpected marker FF%02X\n", m);
            return false;
        }
        if (m == 0xE0) {
            if (len < 16 || memcmp(d + i + 4, "JFIF\0", 5) != 0)
                return false;
            *density_unit = d[i + 11];
            *density_x = d[i + 12] << 8 | d[i + 13];
            app0++;
        }
        i += 2 + len;
    }
    return false;
}

static bool bytes_contain(const uint8_t *d, size_t n, const char *s)
{
    size_t k = strlen(s);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(d + i, s, k) == 0)
            return true;
    return false;
}

static bool no_personal_strings(const uint8_t *d, size_t n)
{
    return !bytes_contain(d, n, "Exif") && !bytes_contain(d, n, "http://ns.adobe.com") && !bytes_contain(d, n, "xmp") &&
           !bytes_contain(d, n, "XMP") && !bytes_contain(d, n, "client_photo");
}

/* ---- tests ------------------------------------------------------------------------- */

static void test_png_round_trip_exact(void)
{
    SmpImage a = make_image(37, 23, true), b;
    SmpError err;
    PhotoInfo info;
    CHECKF(image_write(fx_path("client_photo.png"), &a, NULL, &err), "%s", err.msg);
    CHECKF(photo_load(fx_path("client_photo.png"), &b, &info, &err), "%s", err.msg);
    CHECK(b.width == 37 && b.height == 23 && strcmp(info.format, "png") == 0);
    if (b.pixels && b.width == a.width && b.height == a.height)
        CHECK(memcmp(a.pixels, b.pixels, (size_t)a.width * (size_t)a.height * 4) == 0);
    image_free(&a);
    image_free(&b);
}

static void test_png_has_only_allowed_chunks_and_dpi(void)
{
    SmpImage img = make_image(20, 10, false);
    SmpError err;
    char names[32][5];
    uint32_t ppm = 0;
    int unit = -1;
    ImageWriteOptions opt = {0, 300.0};
    CHECKF(image_write(fx_path("swatch.png"), &img, &opt, &err), "%s", err.msg);
    size_t n;
    uint8_t *d = fx_read_file(fx_path("swatch.png"), &n);
    int count = png_chunks(d, n, names, 32, &ppm, &unit);
    CHECK(png_chunks_allowed(names, count, true));
    CHECKF(ppm == 11811 && unit == 1, "pHYs %u per unit %d (300 dpi is 11811 per metre)", ppm, unit);
    CHECK(d[25] == 2); /* opaque: written as RGB, colour type 2 */
    CHECK(no_personal_strings(d, n));
    free(d);
    /* no DPI, no pHYs */
    CHECKF(image_write(fx_path("render.png"), &img, NULL, &err), "%s", err.msg);
    d = fx_read_file(fx_path("render.png"), &n);
    count = png_chunks(d, n, names, 32, &ppm, &unit);
    CHECK(png_chunks_allowed(names, count, false));
    free(d);
    image_free(&img);
}

/* Exports are compressed fast (zlib level 3: a 24 MP PNG in 2.6 s, not 6.3 s). */
static void test_png_compressed_fast(void)
{
    SmpImage img = make_image(64, 48, false);
    SmpError err;
    CHECKF(image_write(fx_path("fast.png"), &img, NULL, &err), "%s", err.msg);
    size_t n;
    uint8_t *d = fx_read_file(fx_path("fast.png"), &n);
    size_t z = d ? png_zlib_start(d, n) : 0;
    CHECK(z > 0);
    if (z > 0) /* libpng's default level gives class 2 */
        CHECKF(d[z + 1] >> 6 == 1, "zlib header %02X %02X: level class %d (1: levels 2-5)", d[z], d[z + 1],
               d[z + 1] >> 6);
    free(d);
    image_free(&img);
}

static void test_jpeg_round_trip_and_markers(void)
{
    SmpImage a = make_image(48, 40, true), b;
    SmpError err;
    PhotoInfo info;
    ImageWriteOptions opt = {0, 254.0};
    CHECKF(image_write(fx_path("client_photo.JPG"), &a, &opt, &err), "%s", err.msg);
    size_t n;
    uint8_t *d = fx_read_file(fx_path("client_photo.JPG"), &n);
    int unit = -1, dx = -1;
    CHECK(jpeg_markers_clean(d, n, &unit, &dx));
    CHECKF(unit == 1 && dx == 254, "JFIF density %d unit %d", dx, unit);
    CHECK(no_personal_strings(d, n));
    free(d);
    CHECKF(photo_load(fx_path("client_photo.JPG"), &b, &info, &err), "%s", err.msg);
    CHECK(strcmp(info.format, "jpeg") == 0 && b.width == 48 && b.height == 40);
    if (b.pixels && b.width == 48 && b.height == 40) {
        double sum = 0;
        int alpha_ok = 1;
        for (size_t i = 0; i < 48 * 40; i++) {
            for (int k = 0; k < 3; k++)
                sum += abs(a.pixels[i * 4 + k] - b.pixels[i * 4 + k]);
            alpha_ok &= b.pixels[i * 4 + 3] == 255; /* alpha dropped, not baked in */
        }
        CHECKF(sum / (48 * 40 * 3) < 2.0, "mean abs diff %.2f", sum / (48 * 40 * 3));
        CHECK(alpha_ok);
    }
    /* no DPI: aspect-only JFIF density */
    CHECKF(image_write(fx_path("r.jpeg"), &a, NULL, &err), "%s", err.msg);
    d = fx_read_file(fx_path("r.jpeg"), &n);
    CHECK(jpeg_markers_clean(d, n, &unit, &dx) && unit == 0 && dx == 1);
    free(d);
    image_free(&a);
    image_free(&b);
}

/* The quality option reaches the encoder (and the default is not the minimum). */
static void test_jpeg_quality_option(void)
{
    SmpImage img = make_image(64, 64, false);
    for (int i = 0; i < 64 * 64; i++)
        img.pixels[i * 4 + 2] = (uint8_t)((i * 7919) >> 3); /* texture, so quality matters */
    SmpError err;
    ImageWriteOptions low = {30, 0}, high = {98, 0};
    size_t n_low, n_high, n_def;
    CHECK(image_write(fx_path("q30.jpg"), &img, &low, &err));
    CHECK(image_write(fx_path("q98.jpg"), &img, &high, &err));
    CHECK(image_write(fx_path("qdef.jpg"), &img, NULL, &err));
    free(fx_read_file(fx_path("q30.jpg"), &n_low));
    free(fx_read_file(fx_path("q98.jpg"), &n_high));
    free(fx_read_file(fx_path("qdef.jpg"), &n_def));
    CHECKF(n_low < n_def && n_def < n_high, "sizes %zu %zu %zu", n_low, n_def, n_high);
    image_free(&img);
}

static void test_format_from_extension(void)
{
    CHECK(image_write_supported("a.png") && image_write_supported("A.PNG") && image_write_supported("x/y.JpEg") &&
          image_write_supported("b.jpg"));
    CHECK(!image_write_supported("a.bmp") && !image_write_supported("png") && !image_write_supported("dir.png/x") &&
          !image_write_supported("a.png.txt") && !image_write_supported(""));
    SmpImage img = make_image(8, 8, false);
    SmpError err;
    CHECK(image_write(fx_path("UP.PNG"), &img, NULL, &err));
    size_t n;
    uint8_t *d = fx_read_file(fx_path("UP.PNG"), &n);
    CHECK(d && n > 8 && memcmp(d, "\x89PNG", 4) == 0);
    free(d);
    CHECK(image_write(fx_path("up.Jpeg"), &img, NULL, &err));
    d = fx_read_file(fx_path("up.Jpeg"), &n);
    CHECK(d && n > 2 && d[0] == 0xFF && d[1] == 0xD8);
    free(d);
    char expect[300];
    snprintf(expect, sizeof expect, "%s: unsupported output format (use .png, .jpg or .jpeg)", fx_path("o.bmp"));
    CHECK(!image_write(fx_path("o.bmp"), &img, NULL, &err) && strcmp(err.msg, expect) == 0);
    CHECK(access(fx_path("o.bmp"), F_OK) != 0);
    SmpImage empty = {0, 0, NULL};
    CHECK(!image_write(fx_path("e.png"), &empty, NULL, &err) && strstr(err.msg, "e.png: "));
    image_free(&img);
}

static int count_dir_entries(void)
{
    DIR *d = opendir(fx_dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.' || (e->d_name[1] && strcmp(e->d_name, "..") != 0);
    if (d)
        closedir(d);
    return n;
}

/* A failed export (either injected failure) leaves the previous file as it was
 * and no temporary file beside it; a missing directory is a clear message. */
static void test_failed_export_keeps_old_file(void)
{
    SmpImage a = make_image(16, 16, false), b = make_image(16, 16, true);
    SmpError err;
    const char *path = fx_path("keep.png");
    CHECK(image_write(path, &a, NULL, &err));
    size_t n0, n1;
    uint8_t *before = fx_read_file(path, &n0);
    int entries = count_dir_entries();
    AtomicFailPoint points[2] = {ATOMIC_FAIL_WRITE, ATOMIC_FAIL_BEFORE_RENAME};
    for (int i = 0; i < 2; i++) {
        file_atomic_inject_failure(points[i]);
        err.msg[0] = '\0';
        CHECK(!image_write(path, &b, NULL, &err));
        CHECKF(strstr(err.msg, "keep.png: cannot save") != NULL, "%s", err.msg);
        uint8_t *after = fx_read_file(path, &n1);
        CHECK(n0 == n1 && memcmp(before, after, n0) == 0);
        CHECKF(count_dir_entries() == entries, "%d entries, expected %d", count_dir_entries(), entries);
        free(after);
    }
    CHECK(image_write(path, &b, NULL, &err)); /* the injection was one-shot */
    char missing[300], expect[400];
    snprintf(missing, sizeof missing, "%s/no/such/dir/x.png", fx_dir);
    snprintf(expect, sizeof expect, "%s: cannot save: No such file or directory", missing);
    CHECK(!image_write(missing, &a, NULL, &err) && strcmp(err.msg, expect) == 0);
    free(before);
    image_free(&a);
    image_free(&b);
}

int main(void)
{
    fx_dir_create();
    TEST_RUN(test_png_round_trip_exact);
    TEST_RUN(test_png_has_only_allowed_chunks_and_dpi);
    TEST_RUN(test_png_compressed_fast);
    TEST_RUN(test_jpeg_round_trip_and_markers);
    TEST_RUN(test_jpeg_quality_option);
    TEST_RUN(test_format_from_extension);
    TEST_RUN(test_failed_export_keeps_old_file);
    fx_dir_remove();
    return TEST_SUMMARY();
}
