/* imgcmp - compares two images for the script tests.
 *   imgcmp A B [X0 Y0 X1 Y1]
 * Prints "width=W height=H differing=N mean_abs=M max=X psnr=P" over the
 * optional rectangle (or the whole image); exits 2 when a file can't be read or
 * the sizes differ (with the reason on stderr). Uses the app's own loader. */
#include "io/photo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 7) {
        fprintf(stderr, "usage: imgcmp A B [X0 Y0 X1 Y1]\n");
        return 2;
    }
    SmpImage a, b;
    SmpError err;
    if (!photo_load(argv[1], &a, NULL, &err) || !photo_load(argv[2], &b, NULL, &err)) {
        fprintf(stderr, "imgcmp: %s\n", err.msg);
        return 2;
    }
    if (a.width != b.width || a.height != b.height) {
        fprintf(stderr, "imgcmp: sizes differ: %dx%d vs %dx%d\n", a.width, a.height, b.width, b.height);
        return 2;
    }
    int x0 = 0, y0 = 0, x1 = a.width, y1 = a.height;
    if (argc == 7) {
        x0 = atoi(argv[3]), y0 = atoi(argv[4]), x1 = atoi(argv[5]), y1 = atoi(argv[6]);
        if (x0 < 0) x0 = 0;
        if (y0 < 0) y0 = 0;
        if (x1 > a.width) x1 = a.width;
        if (y1 > a.height) y1 = a.height;
    }
    long differing = 0;
    double sum = 0, sq = 0;
    int max = 0;
    long n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            const uint8_t *p = image_pixel(&a, x, y), *q = image_pixel(&b, x, y);
            int any = 0;
            for (int c = 0; c < 3; c++) {
                int d = abs(p[c] - q[c]);
                sum += d;
                sq += (double)d * d;
                if (d > max)
                    max = d;
                any |= d;
            }
            differing += any != 0;
            n++;
        }
    double mse = n ? sq / (3.0 * n) : 0;
    printf("width=%d height=%d differing=%ld mean_abs=%.5f max=%d psnr=%.2f\n", a.width, a.height, differing,
           n ? sum / (3.0 * n) : 0, max, mse > 0 ? 10 * log10(255.0 * 255.0 / mse) : 99.0);
    image_free(&a);
    image_free(&b);
    return 0;
}
