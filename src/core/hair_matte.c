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
/* Half width (work px) of the box the local brightness is measured over: a few hair
 * elements across, so a strand barely moves it. */
#define BRIGHT_RADIUS 8

typedef struct Line {
    long d[TAPS]; /* the element's offsets in a padded buffer */
} Line;

/* Work buffers are padded by PAD on every side with copies of the edge, so the line
 * filters run without bounds checks: that keeps their inner loops plain enough for the
 * compiler to vectorise. */
enum { PAD = HAIR_HALF_LENGTH };

typedef struct Plane {
    int w, h, pw; /* inner size and padded row length */
    uint8_t *px;  /* (w + 2 PAD) * (h + 2 PAD) */
} Plane;

static uint8_t *plane_at(const Plane *p, int x, int y)
{
    return p->px + (size_t)(y + PAD) * (size_t)p->pw + (size_t)(x + PAD);
}

/* Each job runs some directions over the whole work image and keeps, per pixel, the
 * largest and smallest dark (closing - L) and light (L - opening) top-hat it saw. */
typedef struct HairJob {
    const Plane *lum;
    int first, step;
    Plane tmp, tmp2;
    uint8_t *acc; /* 4 inner-size planes: dark max, dark min, light max, light min */
} HairJob;

static Line line_at(int i, int pw)
{
    Line l;
    double a = 3.14159265358979 * i / HAIR_ORIENTATIONS;
    for (int k = 0; k < TAPS; k++)
        l.d[k] = lround((k - HAIR_HALF_LENGTH) * sin(a)) * (long)pw + lround((k - HAIR_HALF_LENGTH) * cos(a));
    return l;
}

/* Copies the edge pixels outward into the padding. */
static void plane_pad(Plane *p)
{
    for (int y = 0; y < p->h; y++) {
        uint8_t *row = plane_at(p, 0, y);
        for (int k = 1; k <= PAD; k++) {
            row[-k] = row[0];
            row[p->w - 1 + k] = row[p->w - 1];
        }
    }
    for (int k = 1; k <= PAD; k++) {
        memcpy(plane_at(p, -PAD, -k), plane_at(p, -PAD, 0), (size_t)p->pw);
        memcpy(plane_at(p, -PAD, p->h - 1 + k), plane_at(p, -PAD, p->h - 1), (size_t)p->pw);
    }
}

/* Max (dilate) or min (erode) of src along the line element, into dst (padded after). */
static void line_filter(const Plane *src, Plane *dst, const Line *l, bool dilate)
{
    for (int y = 0; y < src->h; y++) {
        const uint8_t *s = plane_at(src, 0, y);
        uint8_t *o = plane_at(dst, 0, y);
        memcpy(o, s + l->d[0], (size_t)src->w);
        for (int k = 1; k < TAPS; k++) {
            const uint8_t *t = s + l->d[k];
            if (dilate)
                for (int x = 0; x < src->w; x++)
                    o[x] = t[x] > o[x] ? t[x] : o[x];
            else
                for (int x = 0; x < src->w; x++)
                    o[x] = t[x] < o[x] ? t[x] : o[x];
        }
    }
    plane_pad(dst);
}

/* Folds one direction's top-hat into the max/min planes: dark = a - lum (a closing),
 * light = lum - a (an opening). */
static void acc_fold(const Plane *lum, const Plane *a, bool dark, uint8_t *mx, uint8_t *mn)
{
    for (int y = 0; y < lum->h; y++) {
        const uint8_t *l = plane_at(lum, 0, y), *v = plane_at(a, 0, y);
        uint8_t *x1 = mx + (size_t)y * lum->w, *x2 = mn + (size_t)y * lum->w;
        for (int x = 0; x < lum->w; x++) {
            uint8_t th = (uint8_t)(dark ? v[x] - l[x] : l[x] - v[x]);
            x1[x] = th > x1[x] ? th : x1[x];
            x2[x] = th < x2[x] ? th : x2[x];
        }
    }
}

static int hair_job_run(void *arg)
{
    HairJob *j = arg;
    size_t n = (size_t)j->lum->w * (size_t)j->lum->h;
    memset(j->acc, 0, n);
    memset(j->acc + n, 255, n);
    memset(j->acc + 2 * n, 0, n);
    memset(j->acc + 3 * n, 255, n);
    for (int i = j->first; i < HAIR_ORIENTATIONS; i += j->step) {
        Line l = line_at(i, j->lum->pw);
        line_filter(j->lum, &j->tmp, &l, true);    /* closing: dilate ... */
        line_filter(&j->tmp, &j->tmp2, &l, false); /* ... then erode */
        acc_fold(j->lum, &j->tmp2, true, j->acc, j->acc + n);
        line_filter(j->lum, &j->tmp, &l, false);   /* opening: erode ... */
        line_filter(&j->tmp, &j->tmp2, &l, true);  /* ... then dilate */
        acc_fold(j->lum, &j->tmp2, false, j->acc + 2 * n, j->acc + 3 * n);
    }
    return 0;
}

/* The part of the work grid worth filtering: the head's bounding box (head matte >= 0.5)
 * plus a margin, or everything without a head matte. */
typedef struct Crop {
    int f, x0, y0, w, h; /* photo px per work px; the box in work px */
} Crop;

static Crop crop_find(const SmpImage *photo, const SmpMatte *head, int f)
{
    int gw = (photo->width + f - 1) / f, gh = (photo->height + f - 1) / f;
    Crop c = {f, 0, 0, gw, gh};
    if (!head || !head->alpha || head->width != photo->width || head->height != photo->height)
        return c;
    int x0 = photo->width, y0 = photo->height, x1 = -1, y1 = -1;
    for (int y = 0; y < photo->height; y++) {
        const uint8_t *row = head->alpha + (size_t)y * photo->width;
        int first = -1, last = -1;
        for (int x = 0; x < photo->width; x++)
            if (row[x] >= 128) {
                last = x;
                if (first < 0)
                    first = x;
            }
        if (first < 0)
            continue;
        x0 = first < x0 ? first : x0;
        x1 = last > x1 ? last : x1;
        y0 = y < y0 ? y : y0;
        y1 = y;
    }
    if (x1 < 0)
        return (Crop){f, 0, 0, 1, 1};
    int m = HAIR_HALF_LENGTH + 2;
    c.x0 = x0 / f - m < 0 ? 0 : x0 / f - m;
    c.y0 = y0 / f - m < 0 ? 0 : y0 / f - m;
    c.w = (x1 / f + m >= gw ? gw - 1 : x1 / f + m) - c.x0 + 1;
    c.h = (y1 / f + m >= gh ? gh - 1 : y1 / f + m) - c.y0 + 1;
    return c;
}

/* Rec. 601 luma of the crop, box-averaged down by f, padded. */
static void lum_from_photo(const SmpImage *photo, const Crop *c, Plane *lum)
{
    for (int y = 0; y < c->h; y++) {
        uint8_t *o = plane_at(lum, 0, y);
        for (int x = 0; x < c->w; x++) {
            unsigned sum = 0, cnt = 0;
            int px0 = (c->x0 + x) * c->f, py0 = (c->y0 + y) * c->f;
            for (int j = py0; j < py0 + c->f && j < photo->height; j++)
                for (int i = px0; i < px0 + c->f && i < photo->width; i++) {
                    const uint8_t *p = image_pixel(photo, i, j);
                    sum += (unsigned)(299 * p[0] + 587 * p[1] + 114 * p[2]);
                    cnt++;
                }
            o[x] = (uint8_t)((sum / cnt + 500) / 1000);
        }
    }
    plane_pad(lum);
}

/* Runs the directions on up to `threads` threads (each its own planes), then merges
 * them into the orientation contrast in resp (inner size). */
static bool hair_response(const Plane *lum, int threads, uint8_t *resp)
{
    size_t n = (size_t)lum->w * (size_t)lum->h, pn = (size_t)lum->pw * (size_t)(lum->h + 2 * PAD);
    HairJob jobs[MAX_THREADS];
    thrd_t tid[MAX_THREADS];
    bool started[MAX_THREADS] = {false};
    int nj = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS : threads;
    uint8_t *mem = malloc((n * 4 + pn * 2) * (size_t)nj);
    if (!mem)
        return false;
    for (int t = 0; t < nj; t++) {
        uint8_t *m = mem + (n * 4 + pn * 2) * (size_t)t;
        Plane a = {lum->w, lum->h, lum->pw, m}, b = {lum->w, lum->h, lum->pw, m + pn};
        jobs[t] = (HairJob){lum, t, nj, a, b, m + 2 * pn};
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

/* The head matte on the crop, shrunk by the line element's reach: along the head's
 * outline (ears, folds of the neck) skin against background is a ridge too. head_w gets
 * 255 / 0 per work pixel. */
static void head_on_work(const SmpMatte *head, const Crop *c, uint8_t *head_w, uint8_t *tmp)
{
    int f = c->f, w = c->w, h = c->h;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int v = 255;
            if (head && head->alpha && head->width > 0)
                for (int j = (c->y0 + y) * f; j < (c->y0 + y + 1) * f && j < head->height; j++)
                    for (int i = (c->x0 + x) * f; i < (c->x0 + x + 1) * f && i < head->width; i++)
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
/* Mean luma over the box of half width BRIGHT_RADIUS around each work pixel
 * (separable running sums; row16 holds w x h intermediate sums). */
static void local_brightness(const Plane *lum, uint16_t *row16, uint8_t *out)
{
    int w = lum->w, h = lum->h, r = BRIGHT_RADIUS;
    for (int y = 0; y < h; y++) {
        const uint8_t *in = plane_at(lum, 0, y);
        unsigned sum = 0;
        for (int x = -r; x <= r; x++)
            sum += in[x < 0 ? 0 : x >= w ? w - 1 : x];
        for (int x = 0; x < w; x++) {
            row16[(size_t)y * w + x] = (uint16_t)sum;
            sum += in[x + r + 1 < w ? x + r + 1 : w - 1] - in[x - r > 0 ? x - r : 0];
        }
    }
    unsigned area = (unsigned)(2 * r + 1) * (unsigned)(2 * r + 1);
    for (int x = 0; x < w; x++) {
        unsigned sum = 0;
        for (int y = -r; y <= r; y++)
            sum += row16[(size_t)(y < 0 ? 0 : y >= h ? h - 1 : y) * w + x];
        for (int y = 0; y < h; y++) {
            out[(size_t)y * w + x] = (uint8_t)((sum + area / 2) / area);
            int add = y + r + 1 < h ? y + r + 1 : h - 1, sub = y - r > 0 ? y - r : 0;
            sum += row16[(size_t)add * w + x] - row16[(size_t)sub * w + x];
        }
    }
}

/* The median of the values under the eroded head (0 when there is none). */
static int median_on_head(const uint8_t *v, const uint8_t *head_w, size_t n)
{
    size_t hist[256] = {0}, cnt = 0;
    for (size_t i = 0; i < n; i++)
        if (head_w[i]) {
            hist[v[i]]++;
            cnt++;
        }
    int median = 0;
    for (size_t acc = 0; median < 255 && (acc += hist[median]) * 2 < cnt; median++)
        ;
    return median;
}

/* Turns raw contrast into a soft 0..255 matte on the eroded head (see HAIR_LO_MIN).
 * Where the skin is brighter than usual on this head (a specular highlight), contrast
 * is weighed down by the ratio: sheen multiplies the pore texture's contrast along
 * with the light (Weber), and would otherwise read as hair. */
static void hair_threshold(uint8_t *resp, const uint8_t *head_w, const uint8_t *bright, size_t n)
{
    float lo = HAIR_LO_MIN + HAIR_LO_PER_MEDIAN * (float)median_on_head(resp, head_w, n);
    float typical = (float)median_on_head(bright, head_w, n);
    for (size_t i = 0; i < n; i++) {
        float weber = bright[i] > typical ? typical / (float)bright[i] : 1.0f;
        weber *= weber;
        float v = head_w[i] ? ((float)resp[i] * weber - lo) / HAIR_RAMP : 0.0f;
        resp[i] = (uint8_t)(255.0f * (v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v) + 0.5f);
    }
}

/* Full size: bilinear from the crop's work grid (0 outside it), times the head matte. */
static void hair_upsample(const uint8_t *resp, const Crop *c, const SmpMatte *head, SmpMatte *out)
{
    float inv = 1.0f / (float)c->f;
    int w = c->w, h = c->h;
    bool use_head = head && head->alpha && head->width == out->width && head->height == out->height;
    for (int y = 0; y < out->height; y++) {
        float gy = ((float)y + 0.5f) * inv - 0.5f - (float)c->y0;
        uint8_t *o = out->alpha + (size_t)y * out->width;
        if (gy < -1.0f || gy > (float)h) {
            memset(o, 0, (size_t)out->width);
            continue;
        }
        int y0 = gy < 0 ? 0 : (int)gy, y1 = y0 + 1 < h ? y0 + 1 : y0;
        y0 = y0 >= h ? h - 1 : y0;
        float ty = gy < 0 ? 0 : gy - (float)(int)gy;
        for (int x = 0; x < out->width; x++) {
            float gx = ((float)x + 0.5f) * inv - 0.5f - (float)c->x0;
            if (gx < -1.0f || gx > (float)w) {
                o[x] = 0;
                continue;
            }
            int x0 = gx < 0 ? 0 : (int)gx, x1 = x0 + 1 < w ? x0 + 1 : x0;
            x0 = x0 >= w ? w - 1 : x0;
            float tx = gx < 0 ? 0 : gx - (float)(int)gx;
            float a = (resp[(size_t)y0 * w + x0] * (1 - tx) + resp[(size_t)y0 * w + x1] * tx) * (1 - ty) +
                      (resp[(size_t)y1 * w + x0] * (1 - tx) + resp[(size_t)y1 * w + x1] * tx) * ty;
            if (use_head)
                a = a * (float)head->alpha[(size_t)y * out->width + x] * (1.0f / 255.0f);
            o[x] = (uint8_t)(a + 0.5f);
        }
    }
}

bool hair_matte_compute(const SmpImage *photo, const SmpMatte *head, int threads, SmpMatte *out,
                        SmpError *err)
{
    memset(out, 0, sizeof *out);
    int longest = photo->width > photo->height ? photo->width : photo->height;
    Crop c = crop_find(photo, head, (longest + HAIR_MATTE_WORK - 1) / HAIR_MATTE_WORK);
    size_t n = (size_t)c.w * (size_t)c.h;
    Plane lum = {c.w, c.h, c.w + 2 * PAD, NULL};
    lum.px = calloc((size_t)lum.pw * (size_t)(c.h + 2 * PAD) + n * 3, 1);
    out->alpha = malloc((size_t)photo->width * (size_t)photo->height);
    uint8_t *resp = lum.px ? lum.px + (size_t)lum.pw * (size_t)(c.h + 2 * PAD) : NULL;
    if (!lum.px || !out->alpha || (lum_from_photo(photo, &c, &lum), !hair_response(&lum, threads, resp))) {
        free(lum.px);
        matte_free(out);
        return smp_fail(err, "out of memory computing the hair matte");
    }
    out->width = photo->width;
    out->height = photo->height;
    head_on_work(head, &c, resp + n, resp + 2 * n);
    uint16_t *row16 = malloc(sizeof *row16 * n);
    if (!row16) {
        free(lum.px);
        matte_free(out);
        return smp_fail(err, "out of memory computing the hair matte");
    }
    local_brightness(&lum, row16, resp + 2 * n);
    free(row16);
    hair_threshold(resp, resp + n, resp + 2 * n, n);
    hair_upsample(resp, &c, head, out);
    out->uncertain = head && head->uncertain;
    free(lum.px);
    return true;
}
