/* hair_matte.c - hairs on the skin by orientation-contrast morphological top-hats (see
 * hair_matte.h for the method and the contract). */
#include "hair_matte.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

enum { MAX_THREADS = 8, TAPS = 2 * HAIR_HALF_LENGTH + 1 };

/* Orientation contrast (8-bit grey levels) below LO is not hair, above LO + RAMP it is
 * fully hair. LO rises with the skin's own texture and noise, measured as the median
 * contrast over the head: a grainy photo must not turn its grain into hair. */
#define HAIR_LO_MIN 4.0f
#define HAIR_LO_PER_MEDIAN 1.75f
#define HAIR_RAMP 6.0f

typedef struct Line {
    int ox[TAPS], oy[TAPS]; /* the element's pixel offsets */
} Line;

/* Each job runs some directions over the whole work image and keeps, per pixel, the
 * largest and smallest dark (closing - L) and light (L - opening) top-hat it saw. */
typedef struct HairJob {
    const uint8_t *lum;
    int w, h, first, step;
    uint8_t *tmp, *tmp2, *acc; /* acc: 4 planes: dark max, dark min, light max, light min */
    bool ok;
} HairJob;

static Line line_at(int i)
{
    Line l;
    double a = 3.14159265358979 * i / HAIR_ORIENTATIONS;
    for (int k = 0; k < TAPS; k++) {
        l.ox[k] = (int)lround((k - HAIR_HALF_LENGTH) * cos(a));
        l.oy[k] = (int)lround((k - HAIR_HALF_LENGTH) * sin(a));
    }
    return l;
}

/* Max (dilate) or min (erode) of src along the line element; clamped at the border. */
static void line_filter(const uint8_t *src, uint8_t *dst, int w, int h, const Line *l, bool dilate)
{
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int best = dilate ? 0 : 255;
            for (int k = 0; k < TAPS; k++) {
                int sx = x + l->ox[k], sy = y + l->oy[k];
                sx = sx < 0 ? 0 : sx >= w ? w - 1 : sx;
                sy = sy < 0 ? 0 : sy >= h ? h - 1 : sy;
                int v = src[(size_t)sy * w + sx];
                best = dilate ? (v > best ? v : best) : (v < best ? v : best);
            }
            dst[(size_t)y * w + x] = (uint8_t)best;
        }
}

/* Folds one direction's top-hat (th, per pixel) into the max/min planes. */
static void acc_fold(uint8_t *mx, uint8_t *mn, const uint8_t *th, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (th[i] > mx[i]) mx[i] = th[i];
        if (th[i] < mn[i]) mn[i] = th[i];
    }
}

static int hair_job_run(void *arg)
{
    HairJob *j = arg;
    size_t n = (size_t)j->w * (size_t)j->h;
    memset(j->acc, 0, n);
    memset(j->acc + n, 255, n);
    memset(j->acc + 2 * n, 0, n);
    memset(j->acc + 3 * n, 255, n);
    for (int i = j->first; i < HAIR_ORIENTATIONS; i += j->step) {
        Line l = line_at(i);
        line_filter(j->lum, j->tmp, j->w, j->h, &l, true);   /* closing: dilate ... */
        line_filter(j->tmp, j->tmp2, j->w, j->h, &l, false); /* ... then erode */
        for (size_t k = 0; k < n; k++)
            j->tmp2[k] = (uint8_t)(j->tmp2[k] - j->lum[k]);  /* closing >= L */
        acc_fold(j->acc, j->acc + n, j->tmp2, n);
        line_filter(j->lum, j->tmp, j->w, j->h, &l, false);  /* opening: erode ... */
        line_filter(j->tmp, j->tmp2, j->w, j->h, &l, true);  /* ... then dilate */
        for (size_t k = 0; k < n; k++)
            j->tmp2[k] = (uint8_t)(j->lum[k] - j->tmp2[k]);  /* opening <= L */
        acc_fold(j->acc + 2 * n, j->acc + 3 * n, j->tmp2, n);
    }
    return 0;
}

/* Rec. 601 luma, box-averaged down by f. */
static void lum_from_photo(const SmpImage *photo, int f, int w, int h, uint8_t *lum)
{
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned sum = 0, cnt = 0;
            for (int j = y * f; j < (y + 1) * f && j < photo->height; j++)
                for (int i = x * f; i < (x + 1) * f && i < photo->width; i++) {
                    const uint8_t *p = image_pixel(photo, i, j);
                    sum += (unsigned)(299 * p[0] + 587 * p[1] + 114 * p[2]);
                    cnt++;
                }
            lum[(size_t)y * w + x] = (uint8_t)((sum / cnt + 500) / 1000);
        }
}

/* Runs the directions on up to `threads` threads (each its own planes), then merges
 * the planes into the orientation contrast in resp (0..255). */
static bool hair_response(const uint8_t *lum, int w, int h, int threads, uint8_t *resp)
{
    size_t n = (size_t)w * (size_t)h;
    HairJob jobs[MAX_THREADS];
    thrd_t tid[MAX_THREADS];
    bool started[MAX_THREADS] = {false};
    int nj = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS : threads;
    uint8_t *mem = malloc(n * 6 * (size_t)nj);
    if (!mem)
        return false;
    for (int t = 0; t < nj; t++) {
        uint8_t *m = mem + n * 6 * (size_t)t;
        jobs[t] = (HairJob){lum, w, h, t, nj, m, m + n, m + 2 * n, true};
    }
    for (int t = 1; t < nj; t++)
        started[t] = thrd_create(&tid[t], hair_job_run, &jobs[t]) == thrd_success;
    hair_job_run(&jobs[0]);
    for (int t = 1; t < nj; t++) {
        if (started[t])
            thrd_join(tid[t], NULL);
        else
            hair_job_run(&jobs[t]); /* no thread to be had: do it here */
    }
    for (size_t i = 0; i < n; i++) {
        int dmax = 0, dmin = 255, lmax = 0, lmin = 255;
        for (int t = 0; t < nj; t++) {
            const uint8_t *a = jobs[t].acc;
            dmax = a[i] > dmax ? a[i] : dmax;
            dmin = a[n + i] < dmin ? a[n + i] : dmin;
            lmax = a[2 * n + i] > lmax ? a[2 * n + i] : lmax;
            lmin = a[3 * n + i] < lmin ? a[3 * n + i] : lmin;
        }
        resp[i] = (uint8_t)(dmax - dmin > lmax - lmin ? dmax - dmin : lmax - lmin);
    }
    free(mem);
    return true;
}

/* The head matte on the work grid, shrunk by the line element's reach: along the head's
 * outline (ears, folds of the neck) skin against background is a ridge too. head_w gets
 * 255 / 0 per work pixel. */
static void head_on_work(const SmpMatte *head, int f, int w, int h, uint8_t *head_w, uint8_t *tmp)
{
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int v = 255;
            if (head && head->alpha && head->width > 0)
                for (int j = y * f; j < (y + 1) * f && j < head->height; j++)
                    for (int i = x * f; i < (x + 1) * f && i < head->width; i++)
                        v = head->alpha[(size_t)j * head->width + i] < 128 ? 0 : v;
            tmp[(size_t)y * w + x] = (uint8_t)v;
        }
    const int r = HAIR_HALF_LENGTH + 1;
    for (int y = 0; y < h; y++) /* erode: a square of side 2r + 1 */
        for (int x = 0; x < w; x++) {
            int v = 255;
            for (int j = y - r; j <= y + r && v; j++)
                for (int i = x - r; i <= x + r && v; i++)
                    if (i < 0 || j < 0 || i >= w || j >= h || !tmp[(size_t)j * w + i])
                        v = 0;
            head_w[(size_t)y * w + x] = (uint8_t)v;
        }
}

/* Turns raw contrast into a soft 0..255 matte on the eroded head (see HAIR_LO_MIN). */
static void hair_threshold(uint8_t *resp, const uint8_t *head_w, size_t n)
{
    size_t hist[256] = {0}, cnt = 0;
    for (size_t i = 0; i < n; i++)
        if (head_w[i]) {
            hist[resp[i]]++;
            cnt++;
        }
    int median = 0;
    for (size_t acc = 0; median < 255 && (acc += hist[median]) * 2 < cnt; median++)
        ;
    float lo = HAIR_LO_MIN + HAIR_LO_PER_MEDIAN * (float)median;
    for (size_t i = 0; i < n; i++) {
        float v = head_w[i] ? ((float)resp[i] - lo) / HAIR_RAMP : 0.0f;
        resp[i] = (uint8_t)(255.0f * (v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v) + 0.5f);
    }
}

/* Full size: bilinear from the work grid, times the head matte. */
static void hair_upsample(const uint8_t *resp, int w, int h, int f, const SmpMatte *head, SmpMatte *out)
{
    float inv = 1.0f / (float)f;
    for (int y = 0; y < out->height; y++) {
        float gy = ((float)y + 0.5f) * inv - 0.5f;
        int y0 = gy < 0 ? 0 : (int)gy, y1 = y0 + 1 < h ? y0 + 1 : y0;
        float ty = gy < 0 ? 0 : gy - (float)y0;
        for (int x = 0; x < out->width; x++) {
            float gx = ((float)x + 0.5f) * inv - 0.5f;
            int x0 = gx < 0 ? 0 : (int)gx, x1 = x0 + 1 < w ? x0 + 1 : x0;
            float tx = gx < 0 ? 0 : gx - (float)x0;
            float a = (resp[(size_t)y0 * w + x0] * (1 - tx) + resp[(size_t)y0 * w + x1] * tx) * (1 - ty) +
                      (resp[(size_t)y1 * w + x0] * (1 - tx) + resp[(size_t)y1 * w + x1] * tx) * ty;
            size_t i = (size_t)y * out->width + x;
            if (head && head->alpha && head->width == out->width && head->height == out->height)
                a = a * (float)head->alpha[i] * (1.0f / 255.0f);
            out->alpha[i] = (uint8_t)(a + 0.5f);
        }
    }
}

bool hair_matte_compute(const SmpImage *photo, const SmpMatte *head, int threads, SmpMatte *out,
                        SmpError *err)
{
    memset(out, 0, sizeof *out);
    int longest = photo->width > photo->height ? photo->width : photo->height;
    int f = (longest + HAIR_MATTE_WORK - 1) / HAIR_MATTE_WORK;
    int w = (photo->width + f - 1) / f, h = (photo->height + f - 1) / f;
    size_t n = (size_t)w * (size_t)h;
    uint8_t *lum = calloc(n, 4);
    out->alpha = malloc((size_t)photo->width * (size_t)photo->height);
    if (!lum || !out->alpha) {
        free(lum);
        matte_free(out);
        return smp_fail(err, "out of memory computing the hair matte");
    }
    out->width = photo->width;
    out->height = photo->height;
    lum_from_photo(photo, f, w, h, lum);
    if (!hair_response(lum, w, h, threads, lum + n)) {
        free(lum);
        matte_free(out);
        return smp_fail(err, "out of memory computing the hair matte");
    }
    head_on_work(head, f, w, h, lum + 2 * n, lum + 3 * n);
    hair_threshold(lum + n, lum + 2 * n, n);
    hair_upsample(lum + n, w, h, f, head, out);
    out->uncertain = head && head->uncertain;
    free(lum);
    return true;
}
