/* mkicon - draws the app icon as PNG at any size, for `make` (share/icons).
 *   mkicon SIZE OUT.png
 * The same shapes as data/smpview.svg (a 64 x 64 design: a dark rounded
 * square, a scalp seen from above, pigment dots thinning toward the front),
 * drawn by hand here so the build needs no SVG renderer; 4 x 4 samples per
 * pixel. Keep the two in step when the design changes. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct Rgb {
    double r, g, b;
} Rgb;

static const Rgb BACKGROUND = {0x1f / 255.0, 0x2a / 255.0, 0x30 / 255.0};
static const Rgb SKIN = {0xd9 / 255.0, 0xa9 / 255.0, 0x8a / 255.0};
static const Rgb INK = {0x3a / 255.0, 0x30 / 255.0, 0x2c / 255.0};
static const double DOTS[][2] = {{24, 22}, {30, 19}, {36, 20}, {41, 24}, {20, 28}, {27, 27}, {33, 25},
                                 {39, 29}, {44, 31}, {23, 34}, {29, 32}, {35, 33}, {18, 36}, {41, 37},
                                 {26, 39}, {32, 40}, {38, 43}, {21, 43}, {29, 46}};
enum { DOT_COUNT = sizeof DOTS / sizeof DOTS[0] };
static const double DOT_R = 1.7;

/* Inside the rounded square x, y in 2..62, corner radius 12. */
static int in_background(double x, double y)
{
    double cx = x < 14 ? 14 : x > 50 ? 50 : x, cy = y < 14 ? 14 : y > 50 ? 50 : y;
    return x >= 2 && x <= 62 && y >= 2 && y <= 62 && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= 144;
}

/* The colour at design point (x, y), and its coverage (alpha) in *a. */
static Rgb shade_at(double x, double y, double *a)
{
    *a = in_background(x, y);
    Rgb c = BACKGROUND;
    if ((x - 32) * (x - 32) + (y - 34) * (y - 34) <= 22 * 22)
        c = SKIN;
    for (int i = 0; i < DOT_COUNT; i++)
        if ((x - DOTS[i][0]) * (x - DOTS[i][0]) + (y - DOTS[i][1]) * (y - DOTS[i][1]) <= DOT_R * DOT_R)
            c = INK;
    return c;
}

static int write_png(const char *path, int n, const unsigned char *rgba)
{
    FILE *f = fopen(path, "wb");
    png_structp png = f ? png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL) : NULL;
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info || setjmp(png_jmpbuf(png))) {
        fprintf(stderr, "mkicon: cannot write %s\n", path);
        if (png)
            png_destroy_write_struct(&png, info ? &info : NULL);
        if (f)
            fclose(f);
        return 1;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, n, n, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < n; y++)
        png_write_row(png, rgba + (size_t)y * n * 4);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return fclose(f) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    int n = argc == 3 ? atoi(argv[1]) : 0;
    if (n < 8 || n > 1024) {
        fprintf(stderr, "usage: mkicon SIZE(8..1024) OUT.png\n");
        return 2;
    }
    unsigned char *rgba = malloc((size_t)n * n * 4);
    if (!rgba)
        return 1;
    for (int py = 0; py < n; py++)
        for (int px = 0; px < n; px++) {
            double r = 0, g = 0, b = 0, cover = 0;
            for (int s = 0; s < 16; s++) {
                double a, x = (px + (s % 4 + 0.5) / 4) * 64.0 / n, y = (py + (s / 4 + 0.5) / 4) * 64.0 / n;
                Rgb c = shade_at(x, y, &a);
                r += c.r * a, g += c.g * a, b += c.b * a, cover += a;
            }
            unsigned char *p = rgba + ((size_t)py * n + px) * 4;
            /* straight (not premultiplied) alpha */
            p[0] = (unsigned char)(cover ? r / cover * 255 + 0.5 : 0);
            p[1] = (unsigned char)(cover ? g / cover * 255 + 0.5 : 0);
            p[2] = (unsigned char)(cover ? b / cover * 255 + 0.5 : 0);
            p[3] = (unsigned char)(cover / 16 * 255 + 0.5);
        }
    int rc = write_png(argv[2], n, rgba);
    free(rgba);
    return rc;
}
