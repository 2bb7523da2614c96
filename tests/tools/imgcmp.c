/* imgcmp - the one image tool of the script tests: compares, probes and makes
 * images, through the app's own loader and writer (any photo format it opens).
 *
 *   imgcmp A B [X0 Y0 X1 Y1]
 *       prints "width=W height=H differing=N mean_abs=M max=X psnr=P" over the
 *       rectangle (default the whole image); status 2 when a file can't be read
 *       or the sizes differ (reason on stderr).
 *   imgcmp pixel IMG X Y                      prints "r g b"
 *   imgcmp region-equal A AX AY B BX BY W H [TOL]
 *       prints "max_diff=D"; status 0 when D <= TOL (default 0)
 *   imgcmp uniform IMG X Y W H R G B TOL      status 0 when every pixel of the
 *       region is within TOL of (R, G, B); else prints the first that is not
 *   imgcmp find IMG X Y W H R G B TOL         status 0 when some pixel is;
 *       prints "found=N"
 *   imgcmp make-photo OUT.png W H             a smooth skin-toned test photo
 *   imgcmp crop IN X Y W H OUT.png            writes that region of IN
 *   imgcmp dotlayer GPU_AFTER GPU_BEFORE CPU_AFTER CPU_BEFORE OX OY ZOOM
 *          [--max R] [--cpu-scale K]
 *       see dotlayer.c
 * Any other problem (bad arguments, out-of-range rectangle): status 2.
 */
#include "imgtool.h"

#include "io/image_write.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int imgtool_usage(void)
{
    fprintf(stderr, "usage: imgcmp A B [X0 Y0 X1 Y1] | pixel | region-equal | uniform | find | make-photo | crop | "
                    "dotlayer (see tests/tools/imgcmp.c)\n");
    return 2;
}

bool imgtool_load(const char *path, SmpImage *img)
{
    SmpError err;
    if (photo_load(path, img, NULL, &err))
        return true;
    fprintf(stderr, "imgcmp: %s\n", err.msg);
    return false;
}

/* The rectangle x, y, w, h lies inside img. */
static bool rect_inside(const SmpImage *img, int x, int y, int w, int h, const char *path)
{
    if (x >= 0 && y >= 0 && w >= 0 && h >= 0 && x + w <= img->width && y + h <= img->height)
        return true;
    fprintf(stderr, "imgcmp: %s: rectangle %d,%d %dx%d is outside the %dx%d image\n", path, x, y, w, h, img->width,
            img->height);
    return false;
}

static int cmd_compare(int argc, char **argv)
{
    SmpImage a, b;
    if (argc != 3 && argc != 7)
        return imgtool_usage();
    if (!imgtool_load(argv[1], &a))
        return 2;
    if (!imgtool_load(argv[2], &b)) {
        image_free(&a);
        return 2;
    }
    int rc = 0;
    if (a.width != b.width || a.height != b.height) {
        fprintf(stderr, "imgcmp: sizes differ: %dx%d vs %dx%d\n", a.width, a.height, b.width, b.height);
        rc = 2;
    }
    int x0 = 0, y0 = 0, x1 = a.width, y1 = a.height;
    if (argc == 7) {
        x0 = atoi(argv[3]), y0 = atoi(argv[4]), x1 = atoi(argv[5]), y1 = atoi(argv[6]);
        x0 = x0 < 0 ? 0 : x0, y0 = y0 < 0 ? 0 : y0;
        x1 = x1 > a.width ? a.width : x1, y1 = y1 > a.height ? a.height : y1;
    }
    long differing = 0, n = 0;
    double sum = 0, sq = 0;
    int max = 0;
    for (int y = y0; rc == 0 && y < y1; y++)
        for (int x = x0; x < x1; x++) {
            const uint8_t *p = image_pixel(&a, x, y), *q = image_pixel(&b, x, y);
            int any = 0;
            for (int c = 0; c < 3; c++) {
                int d = abs(p[c] - q[c]);
                sum += d;
                sq += (double)d * d;
                max = d > max ? d : max;
                any |= d;
            }
            differing += any != 0;
            n++;
        }
    double mse = n ? sq / (3.0 * n) : 0;
    if (rc == 0)
        printf("width=%d height=%d differing=%ld mean_abs=%.5f max=%d psnr=%.2f\n", a.width, a.height, differing,
               n ? sum / (3.0 * n) : 0, max, mse > 0 ? 10 * log10(255.0 * 255.0 / mse) : 99.0);
    image_free(&a);
    image_free(&b);
    return rc;
}

static int cmd_pixel(int argc, char **argv)
{
    SmpImage a;
    if (argc != 5)
        return imgtool_usage();
    if (!imgtool_load(argv[2], &a))
        return 2;
    int x = atoi(argv[3]), y = atoi(argv[4]), rc = 2;
    if (rect_inside(&a, x, y, 1, 1, argv[2])) {
        const uint8_t *p = image_pixel(&a, x, y);
        printf("%d %d %d\n", p[0], p[1], p[2]);
        rc = 0;
    }
    image_free(&a);
    return rc;
}

static int max_channel_diff(const uint8_t *p, const uint8_t *q)
{
    int m = 0;
    for (int c = 0; c < 3; c++)
        m = abs(p[c] - q[c]) > m ? abs(p[c] - q[c]) : m;
    return m;
}

static int cmd_region_equal(int argc, char **argv)
{
    SmpImage a, b;
    if (argc != 10 && argc != 11)
        return imgtool_usage();
    if (!imgtool_load(argv[2], &a))
        return 2;
    if (!imgtool_load(argv[5], &b)) {
        image_free(&a);
        return 2;
    }
    int ax = atoi(argv[3]), ay = atoi(argv[4]), bx = atoi(argv[6]), by = atoi(argv[7]);
    int w = atoi(argv[8]), h = atoi(argv[9]), tol = argc > 10 ? atoi(argv[10]) : 0, rc = 2;
    if (rect_inside(&a, ax, ay, w, h, argv[2]) && rect_inside(&b, bx, by, w, h, argv[5])) {
        int worst = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int d = max_channel_diff(image_pixel(&a, ax + x, ay + y), image_pixel(&b, bx + x, by + y));
                worst = d > worst ? d : worst;
            }
        printf("max_diff=%d\n", worst);
        rc = worst <= tol ? 0 : 1;
    }
    image_free(&a);
    image_free(&b);
    return rc;
}

/* uniform (every pixel near the colour) and find (some pixel near it). */
static int cmd_colour(int argc, char **argv, bool every)
{
    SmpImage a;
    if (argc != 11)
        return imgtool_usage();
    if (!imgtool_load(argv[2], &a))
        return 2;
    int x0 = atoi(argv[3]), y0 = atoi(argv[4]), w = atoi(argv[5]), h = atoi(argv[6]), tol = atoi(argv[10]);
    const uint8_t want[3] = {(uint8_t)atoi(argv[7]), (uint8_t)atoi(argv[8]), (uint8_t)atoi(argv[9])};
    if (!rect_inside(&a, x0, y0, w, h, argv[2])) {
        image_free(&a);
        return 2;
    }
    long found = 0;
    int rc = every ? 0 : 1;
    for (int y = y0; y < y0 + h && !(every && rc); y++)
        for (int x = x0; x < x0 + w; x++) {
            const uint8_t *p = image_pixel(&a, x, y);
            bool near = max_channel_diff(p, want) <= tol;
            found += near;
            if (every && !near) {
                printf("(%d, %d) is %d %d %d\n", x, y, p[0], p[1], p[2]);
                rc = 1;
                break;
            }
        }
    if (!every) {
        printf("found=%ld\n", found);
        rc = found ? 0 : 1;
    }
    image_free(&a);
    return rc;
}

/* The colour at (x, y) depends on x + y only: a smooth skin-toned gradient. */
static int cmd_make_photo(int argc, char **argv)
{
    if (argc != 5)
        return imgtool_usage();
    int w = atoi(argv[3]), h = atoi(argv[4]);
    SmpImage img;
    SmpError err;
    if (w <= 0 || h <= 0 || !image_create(w, h, &img, &err)) {
        fprintf(stderr, "imgcmp: make-photo: bad size %dx%d\n", w, h);
        return 2;
    }
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double t = (double)(x + y) / (w + h);
            uint8_t *p = img.pixels + ((size_t)y * w + x) * 4;
            p[0] = (uint8_t)(214 - 30 * t), p[1] = (uint8_t)(170 - 25 * t), p[2] = (uint8_t)(140 - 20 * t);
            p[3] = 255;
        }
    bool ok = image_write(argv[2], &img, NULL, &err);
    if (!ok)
        fprintf(stderr, "imgcmp: %s\n", err.msg);
    image_free(&img);
    return ok ? 0 : 2;
}

/* A region of an image, e.g. to compare one area of two renders. */
static int cmd_crop(int argc, char **argv)
{
    if (argc != 8)
        return imgtool_usage();
    int x = atoi(argv[3]), y = atoi(argv[4]), w = atoi(argv[5]), h = atoi(argv[6]);
    SmpImage in, out;
    SmpError err;
    if (!imgtool_load(argv[2], &in))
        return 2;
    bool ok = rect_inside(&in, x, y, w, h, argv[2]) && w > 0 && h > 0 && image_create(w, h, &out, &err);
    if (ok) {
        for (int j = 0; j < h; j++)
            memcpy(out.pixels + (size_t)j * w * 4, in.pixels + ((size_t)(y + j) * in.width + x) * 4, (size_t)w * 4);
        ok = image_write(argv[7], &out, NULL, &err);
        if (!ok)
            fprintf(stderr, "imgcmp: %s\n", err.msg);
        image_free(&out);
    }
    image_free(&in);
    return ok ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return imgtool_usage();
    const char *c = argv[1];
    if (!strcmp(c, "pixel"))
        return cmd_pixel(argc, argv);
    if (!strcmp(c, "region-equal"))
        return cmd_region_equal(argc, argv);
    if (!strcmp(c, "uniform"))
        return cmd_colour(argc, argv, true);
    if (!strcmp(c, "find"))
        return cmd_colour(argc, argv, false);
    if (!strcmp(c, "make-photo"))
        return cmd_make_photo(argc, argv);
    if (!strcmp(c, "crop"))
        return cmd_crop(argc, argv);
    if (!strcmp(c, "dotlayer"))
        return imgtool_dotlayer(argc - 1, argv + 1);
    return cmd_compare(argc, argv);
}
