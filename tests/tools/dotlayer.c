/* dotlayer.c - does the app's view show the same dots as the CPU renderer?
 *
 *   imgcmp dotlayer GPU_AFTER GPU_BEFORE CPU_AFTER CPU_BEFORE OX OY ZOOM
 *          [--max R] [--tone T] [--blur B] [--cpu-scale K] [--margin M]
 *
 * The dot layer is what the dots take away: before - after, in linear light,
 * averaged over the channels. The screenshots show photo pixel (px, py) at
 * screen (OX + px ZOOM, OY + py ZOOM); ZOOM is a whole number (each photo pixel
 * is a ZOOM x ZOOM block of screen pixels, averaged) or 1/N (each screen pixel
 * is an N x N block of the CPU render, averaged: the downsampled reference of a
 * zoomed-out view). Both layers are then box-blurred over (2B+1)^2 cells (B = 1
 * by default: dots may land a pixel apart between the renderers' filters) and
 * compared:
 *   ratio = sum |gpu - K cpu| / max(sum |K cpu|, sum |gpu|)   (where dots are)
 *   tone  = sum gpu / sum K cpu                                (how much ink)
 * Prints "ratio=R tone=T mean_cpu=C mean_gpu=G cells=N" (means in 1/1000 of
 * linear light); status 0 when ratio < R (default 0.35), |tone - 1| < T
 * (default 0.1) and the CPU layer is not empty, 1 otherwise.
 * K (default 1) scales the CPU layer: a negative control (K = 0.8 must fail).
 * Cells within M (default 2) of the compared area's edge are left out.
 */
#include "imgtool.h"

#include "core/pigment.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Layer {
    int w, h;
    double *v;
} Layer;

typedef struct Args {
    int ox, oy, up, down; /* up = ZOOM when >= 1, down = 1/ZOOM otherwise (the other is 1) */
    double max, tone, cpu_scale;
    int margin, blur;
} Args;

/* Mean over the block of (before - after) in linear light, 3 channels. */
static double block_darkening(const SmpImage *after, const SmpImage *before, int x0, int y0, int n)
{
    double s = 0;
    for (int y = y0; y < y0 + n; y++)
        for (int x = x0; x < x0 + n; x++) {
            const uint8_t *a = image_pixel(after, x, y), *b = image_pixel(before, x, y);
            for (int c = 0; c < 3; c++)
                s += pigment_srgb_to_linear(b[c]) - pigment_srgb_to_linear(a[c]);
        }
    return s / (3.0 * n * n);
}

static void blur_box(Layer *l, int r)
{
    double *out = malloc(sizeof *out * (size_t)l->w * l->h);
    for (int y = 0; y < l->h; y++)
        for (int x = 0; x < l->w; x++) {
            double s = 0;
            int n = 0;
            for (int dy = -r; dy <= r; dy++)
                for (int dx = -r; dx <= r; dx++) {
                    int xx = x + dx, yy = y + dy;
                    if (xx >= 0 && xx < l->w && yy >= 0 && yy < l->h)
                        s += l->v[yy * l->w + xx], n++;
                }
            out[y * l->w + x] = s / n;
        }
    free(l->v);
    l->v = out;
}

static bool parse_args(int argc, char **argv, Args *a)
{
    if (argc < 8)
        return false;
    a->ox = atoi(argv[5]), a->oy = atoi(argv[6]);
    double z = atof(argv[7]);
    a->up = z >= 1 ? (int)lround(z) : 1;
    a->down = z > 0 && z < 1 ? (int)lround(1 / z) : 1;
    if (!(z > 0) || fabs(z - (double)a->up / a->down) > 1e-6) {
        fprintf(stderr, "imgcmp: dotlayer: zoom %s is neither a whole number nor 1/N\n", argv[7]);
        return false;
    }
    a->max = 0.35, a->tone = 0.1, a->cpu_scale = 1, a->margin = 2, a->blur = 1;
    for (int i = 8; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--max")) a->max = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--tone")) a->tone = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--blur")) a->blur = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--cpu-scale")) a->cpu_scale = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--margin")) a->margin = atoi(argv[i + 1]);
        else return false;
    }
    return (argc - 8) % 2 == 0;
}

/* The two layers on one grid of cells: photo pixels (zoom >= 1) or screen
 * pixels (zoomed out), those whose whole block is on both images. */
static bool build_layers(const SmpImage *ga, const SmpImage *gb, const SmpImage *ca, const SmpImage *cb,
                         const Args *a, Layer *g, Layer *c)
{
    /* cell (i, j): the screen block at (sx0 + i k, sy0 + j k), the photo block
     * at (px0 + i n, py0 + j n); the first cell is the first one on screen. */
    int k = a->up, n = a->down, px0, py0, sx0, sy0;
    if (k > 1) {
        px0 = a->ox >= 0 ? 0 : (-a->ox + k - 1) / k, py0 = a->oy >= 0 ? 0 : (-a->oy + k - 1) / k;
        sx0 = a->ox + px0 * k, sy0 = a->oy + py0 * k;
    } else {
        sx0 = a->ox > 0 ? a->ox : 0, sy0 = a->oy > 0 ? a->oy : 0;
        px0 = (sx0 - a->ox) * n, py0 = (sy0 - a->oy) * n;
    }
    int w = 0, h = 0;
    while (sx0 + (w + 1) * k <= ga->width && px0 + (w + 1) * n <= ca->width) w++;
    while (sy0 + (h + 1) * k <= ga->height && py0 + (h + 1) * n <= ca->height) h++;
    if (w < 8 || h < 8) {
        fprintf(stderr, "imgcmp: dotlayer: the photo and the view overlap in only %dx%d cells\n", w, h);
        return false;
    }
    g->w = c->w = w, g->h = c->h = h;
    g->v = malloc(sizeof *g->v * (size_t)w * h);
    c->v = malloc(sizeof *c->v * (size_t)w * h);
    for (int j = 0; j < h; j++)
        for (int i = 0; i < w; i++) {
            g->v[j * w + i] = block_darkening(ga, gb, sx0 + i * k, sy0 + j * k, k);
            c->v[j * w + i] = a->cpu_scale * block_darkening(ca, cb, px0 + i * n, py0 + j * n, n);
        }
    return true;
}

static int compare_layers(const Layer *g, const Layer *c, const Args *a)
{
    double diff = 0, sg = 0, sc = 0, tg = 0, tc = 0;
    long cells = 0;
    for (int j = a->margin; j < g->h - a->margin; j++)
        for (int i = a->margin; i < g->w - a->margin; i++) {
            double x = g->v[j * g->w + i], y = c->v[j * g->w + i];
            diff += fabs(x - y), sg += fabs(x), sc += fabs(y), tg += x, tc += y, cells++;
        }
    if (!cells) {
        fprintf(stderr, "imgcmp: dotlayer: nothing left inside the margin\n");
        return 2;
    }
    double ratio = diff / fmax(fmax(sg, sc), 1e-12);
    double tone = tg / fmax(tc, 1e-12), mean_c = 1000 * sc / cells, mean_g = 1000 * sg / cells;
    printf("ratio=%.4f tone=%.4f mean_cpu=%.3f mean_gpu=%.3f cells=%ld\n", ratio, tone, mean_c, mean_g, cells);
    return ratio < a->max && fabs(tone - 1) < a->tone && mean_c > 0.05 ? 0 : 1;
}

int imgtool_dotlayer(int argc, char **argv)
{
    Args a;
    if (!parse_args(argc, argv, &a))
        return imgtool_usage();
    SmpImage im[4];
    int loaded = 0;
    while (loaded < 4 && imgtool_load(argv[1 + loaded], &im[loaded]))
        loaded++;
    int rc = 2;
    if (loaded == 4 && (im[0].width != im[1].width || im[0].height != im[1].height || im[2].width != im[3].width ||
                        im[2].height != im[3].height))
        fprintf(stderr, "imgcmp: dotlayer: an after image and its before differ in size\n");
    else if (loaded == 4) {
        Layer g = {0}, c = {0};
        if (build_layers(&im[0], &im[1], &im[2], &im[3], &a, &g, &c)) {
            blur_box(&g, a.blur);
            blur_box(&c, a.blur);
            rc = compare_layers(&g, &c, &a);
        }
        free(g.v);
        free(c.v);
    }
    while (loaded > 0)
        image_free(&im[--loaded]);
    return rc;
}
